"""Films, people, companies and credits in the admin.

Writers (who may add films and people, not change them) propose the film or person their article
needs: what they add is pending (films.Proposal), has no page and holds back the articles that
discuss it, until an editor (who may change films and people) confirms it or merges it into the
record it duplicates, keeping every link (films/services.py).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path

from . import services
from .models import Company, Credit, Film, Person, Proposal


class CreditInline(admin.TabularInline):
    model = Credit
    autocomplete_fields = ["person"]
    fields = ["person", "role", "character", "order"]
    extra = 1


class ProposalAdminMixin:
    """Who may confirm: whoever may change the records. Everyone else's additions are proposals."""

    # What a writer fills in to propose one; the rest is the desk's.
    proposal_fields: list[str]
    merge_field: str

    def can_confirm(self, request) -> bool:
        return self.has_change_permission(request)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self.can_confirm(request):
            return queryset
        # A writer sees the desk's records and their own proposals (to link them to their article).
        return queryset.filter(Q(status=Proposal.CONFIRMED) | Q(proposed_by_id=request.user.pk))

    def get_fields(self, request, obj=None):
        if not self.can_confirm(request):
            return self.proposal_fields
        return super().get_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "status", "proposed_by"]

    def save_model(self, request, obj, form, change):
        if not change and not self.can_confirm(request):
            obj.status = Proposal.PENDING
            obj.proposed_by = request.user
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        if obj.status == Proposal.PENDING:
            messages.info(
                request,
                f"“{obj}” is proposed: you can use it in your article now, and an editor will confirm it "
                "(or point it to the record it duplicates) before the article is published.",
            )
        return super().response_add(request, obj, post_url_continue)

    @admin.display(description="Status", ordering="status")
    def proposal_status(self, obj) -> str:
        if obj.status == Proposal.PENDING and obj.proposed_by:
            return f"Proposed by {obj.proposed_by.get_full_name() or obj.proposed_by.get_username()}"
        return obj.get_status_display()

    @admin.action(description="Confirm the selected proposals", permissions=["change"])
    def confirm_proposals(self, request, queryset):
        count = services.proposal_confirm(queryset)
        self.message_user(request, f"Confirmed {count} proposal(s).", messages.SUCCESS)

    @admin.action(description="Merge the selected proposal into an existing record…", permissions=["change"])
    def merge_proposal(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Select one proposal to merge at a time.", messages.WARNING)
            return None
        opts = self.model._meta
        return redirect(f"admin:{opts.app_label}_{opts.model_name}_merge", quote(queryset.get().pk))

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/merge/",
                self.admin_site.admin_view(self.merge_view),
                name=f"{opts.app_label}_{opts.model_name}_merge",
            ),
            *super().get_urls(),
        ]

    def merge_view(self, request, object_id):
        """Choose the record a proposal duplicates; every link moves to it and the proposal goes."""
        if not self.can_confirm(request):
            raise PermissionDenied
        source = self.get_object(request, unquote(object_id))
        if source is None:
            raise Http404("No such record.")
        form = self._merge_form(request, source)
        if request.method == "POST" and form.is_valid():
            into = form.cleaned_data["into"]
            try:
                moved = services.proposal_merge(source=source, into=into)
            except services.MergeError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, f"Merged “{source}” into “{into}”: {moved} link(s) moved to it.")
                opts = self.model._meta
                return redirect(f"admin:{opts.app_label}_{opts.model_name}_change", quote(into.pk))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Merge “{source}” into…",
            "subtitle": None,
            "original": source,
            "form": form,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/films/merge.html", context)

    def _merge_form(self, request, source):
        model = self.model
        # The admin's autocomplete over this model, as a credit's field of the same model offers it.
        widget = AutocompleteSelect(Credit._meta.get_field(self.merge_field), self.admin_site)

        class MergeForm(forms.Form):
            into = forms.ModelChoiceField(
                queryset=model.objects.confirmed().exclude(pk=source.pk),
                widget=widget,
                label="The record it duplicates",
                help_text="Its credits and the articles linked to the proposal move to this one.",
            )

        return MergeForm(request.POST or None)


@admin.register(Film)
class FilmAdmin(ProposalAdminMixin, admin.ModelAdmin):
    list_display = ["title", "year", "release_date", "distributor", "director_names", "proposal_status"]
    list_filter = ["status", "year", "distributor"]
    list_select_related = ["distributor", "proposed_by"]
    search_fields = ["title", "credits__person__name", "imdb_id"]
    prepopulated_fields = {"slug": ["title", "year"]}
    autocomplete_fields = ["distributor", "poster"]
    date_hierarchy = "release_date"
    inlines = [CreditInline]
    actions = ["confirm_proposals", "merge_proposal"]
    proposal_fields = ["title", "slug", "year", "release_date", "imdb_id", "synopsis"]
    merge_field = "film"

    def get_queryset(self, request):
        return super().get_queryset(request).with_card()

    @admin.display(description="Directed by")
    def director_names(self, film: Film) -> str:
        return ", ".join(person.name for person in film.directors)


@admin.register(Person)
class PersonAdmin(ProposalAdminMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "credit_count", "proposal_status"]
    list_filter = ["status"]
    list_select_related = ["proposed_by"]
    search_fields = ["name"]
    fields = ["name", "slug", "bio", "portrait", "status", "proposed_by"]
    autocomplete_fields = ["portrait"]
    # Explicit: the count below groups the rows, and a grouped query drops the model's ordering,
    # which left the autocomplete's pages unordered.
    ordering = ["name", "pk"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["confirm_proposals", "merge_proposal"]
    proposal_fields = ["name", "slug", "bio"]
    merge_field = "person"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(credit_count=Count("credits"))

    @admin.display(description="Credits", ordering="credit_count")
    def credit_count(self, person: Person) -> int:
        return person.credit_count


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Credit)
class CreditAdmin(admin.ModelAdmin):
    list_display = ["person", "role", "character", "film"]
    list_filter = ["role"]
    list_select_related = ["person", "film"]
    search_fields = ["person__name", "film__title", "character"]
    autocomplete_fields = ["film", "person"]
