"""The desk's works, people and companies: one admin per kind of work, each with the people it
credits (picked by autocomplete), a check for duplicates, and merging of duplicates with its log.

Writers (who may add films and people, not change them) propose the film or person their article
needs: what they add is pending (films.Proposal), has no page and holds back the articles that
discuss it, until an editor (who may change films and people) confirms it or merges it into the
record it duplicates, keeping every link (films/services.py, by films/merging.py's merge).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from . import services
from .forms import BookForm, SeasonForm, WorkForm
from .merging import MergeError, merge_undo, records_merge
from .models import (
    Album,
    Book,
    Company,
    Credit,
    Episode,
    Film,
    Game,
    Merge,
    Person,
    Platform,
    Proposal,
    Season,
    Series,
    Track,
    Work,
)


class CreditInline(admin.TabularInline):
    model = Credit
    fk_name = "work"
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

    def get_fieldsets(self, request, obj=None):
        if not self.can_confirm(request):
            return [(None, {"fields": self.proposal_fields})]
        return super().get_fieldsets(request, obj)

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
                merge = services.proposal_merge(source=source, into=into, user=request.user)
            except services.MergeError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    format_html(
                        '“{}” is merged into “{}”: {}. <a href="{}">Undo it from the merge log</a>.',
                        merge.merged_name,
                        merge.kept_name,
                        merge.summary,
                        reverse("admin:films_merge_change", args=[merge.pk]),
                    ),
                )
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


class TrackInline(admin.TabularInline):
    model = Track
    fields = ["number", "title", "duration"]
    extra = 1


class MergeActionMixin:
    """The “Merge two duplicates” action: choose the record to keep on a page that says what moves."""

    actions = ["merge_duplicates"]

    def has_merge_permission(self, request) -> bool:
        return self.has_change_permission(request) and self.has_delete_permission(request)

    @admin.action(description="Merge two duplicates into one", permissions=["merge"])
    def merge_duplicates(self, request, queryset):
        records = list(queryset[:3])
        if len(records) != 2:
            self.message_user(request, "Select exactly two records to merge.", messages.WARNING)
            return None
        records = [record.specific if isinstance(record, Work) else record for record in records]
        if "keep" in request.POST:
            keep = next((record for record in records if str(record.pk) == request.POST["keep"]), None)
            if keep is None:
                raise PermissionDenied
            duplicate = records[1] if keep is records[0] else records[0]
            try:
                merge = records_merge(keep=keep, duplicate=duplicate, user=request.user)
            except MergeError as error:
                self.message_user(request, str(error), messages.ERROR)
                return None
            self.message_user(
                request,
                format_html(
                    '“{}” is merged into “{}”: {}. <a href="{}">Undo it from the merge log</a>.',
                    merge.merged_name,
                    merge.kept_name,
                    merge.summary,
                    reverse("admin:films_merge_change", args=[merge.pk]),
                ),
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge two duplicates",
            "opts": self.model._meta,
            "records": [
                (record, reverse(f"admin:films_{record._meta.model_name}_change", args=[record.pk]), _links_of(record))
                for record in records
            ],
            "selected": [record.pk for record in records],
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/films/merge_confirm.html", context)


def _links_of(record) -> list[str]:
    """What points at `record`, counted, for the page that asks which record to keep."""
    if isinstance(record, Person):
        return [f"{record.credits.count()} credits"]
    if isinstance(record, Company):
        return [f"{len(works)} {label.lower()}" for label, works in record.works_by_role()] or ["no works"]
    counts = [f"{record.credits.count()} credits", f"{record.article_links.count()} articles"]
    counts.append(f"{record.citations.count()} works cited")
    if isinstance(record, Album):
        counts.append(f"{record.tracks.count()} tracks")
    if isinstance(record, Series):
        counts.append(f"{record.seasons.count()} seasons")
    return counts


class KindAdmin(MergeActionMixin, admin.ModelAdmin):
    """What the admin of every kind of work shares."""

    form = WorkForm
    inlines = [CreditInline]
    search_fields = ["title", "credits__person__name"]
    prepopulated_fields = {"slug": ["title", "year"]}
    autocomplete_fields = ["picture"]
    date_hierarchy = "release_date"
    common_fields = ["title", "slug", "year", "release_date", "picture", "summary"]
    kind_fields: list[str] = []

    def get_fieldsets(self, request, obj=None):
        return [
            (None, {"fields": self.common_fields}),
            (self.model._meta.verbose_name.capitalize(), {"fields": self.kind_fields}),
            ("Possible duplicate", {"fields": ["not_a_duplicate"], "classes": ["collapse"]}),
        ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_card()

    @admin.display(description="Credited")
    def credited(self, work: Work) -> str:
        return ", ".join(person.name for person in work.card_people)


@admin.register(Film)
class FilmAdmin(ProposalAdminMixin, KindAdmin):
    list_display = ["title", "year", "release_date", "distributor", "director_names", "proposal_status"]
    list_filter = ["status", "year", "distributor"]
    list_select_related = ["distributor", "proposed_by"]
    search_fields = ["title", "credits__person__name", "imdb_id"]
    autocomplete_fields = ["distributor", "picture"]
    kind_fields = ["distributor", "runtime", "imdb_id", "status", "proposed_by"]
    actions = ["merge_duplicates", "confirm_proposals", "merge_proposal"]
    # The duplicate check's box too: a writer is warned of a film we have before proposing it again.
    proposal_fields = ["title", "slug", "year", "release_date", "imdb_id", "summary", "not_a_duplicate"]
    merge_field = "work"

    @admin.display(description="Directed by")
    def director_names(self, film: Film) -> str:
        return ", ".join(person.name for person in film.directors)


@admin.register(Album)
class AlbumAdmin(KindAdmin):
    list_display = ["title", "year", "label", "format", "credited"]
    list_filter = ["format", "label"]
    autocomplete_fields = ["label", "picture"]
    kind_fields = ["label", "format"]
    inlines = [CreditInline, TrackInline]


@admin.register(Book)
class BookAdmin(KindAdmin):
    form = BookForm
    list_display = ["title", "year", "publisher", "isbn", "credited"]
    list_filter = ["publisher"]
    search_fields = ["title", "credits__person__name", "isbn"]
    autocomplete_fields = ["publisher", "picture"]
    kind_fields = ["publisher", "isbn", "pages", "edition"]


@admin.register(Series)
class SeriesAdmin(KindAdmin):
    list_display = ["title", "year", "network", "first_air_date", "last_air_date", "credited"]
    list_filter = ["network"]
    autocomplete_fields = ["network", "picture"]
    kind_fields = ["network", "first_air_date", "last_air_date"]


@admin.register(Season)
class SeasonAdmin(KindAdmin):
    form = SeasonForm
    list_display = ["title", "series", "number", "release_date"]
    list_select_related = ["series"]
    search_fields = ["title", "series__title"]
    autocomplete_fields = ["series", "picture"]
    prepopulated_fields = {}
    kind_fields = ["series", "number"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        # The series and number first: the title and address can come from them.
        return [fieldsets[1], (None, {"fields": self.common_fields})]


@admin.register(Episode)
class EpisodeAdmin(KindAdmin):
    list_display = ["title", "season", "number", "release_date", "credited"]
    search_fields = ["title", "season__title"]
    autocomplete_fields = ["season", "picture"]
    kind_fields = ["season", "number"]


@admin.register(Game)
class GameAdmin(KindAdmin):
    list_display = ["title", "year", "studio", "publisher"]
    list_filter = ["platforms"]
    autocomplete_fields = ["studio", "publisher", "platforms", "picture"]
    kind_fields = ["studio", "publisher", "platforms"]


@admin.register(Platform)
class PlatformAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Work)
class WorkAdmin(MergeActionMixin, admin.ModelAdmin):
    """Every work of every kind in one list: what the articles' and credits' autocompletes search, and
    where duplicates of any kind are found and merged. Each work is added and edited in its kind's admin."""

    list_display = ["title", "kind", "year", "release_date"]
    list_filter = ["kind"]
    search_fields = ["title", "credits__person__name", "book__isbn"]
    ordering = ["title", "year", "pk"]

    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self.has_change_permission(request):
            return queryset
        # A writer picks from the desk's works and their own proposed films (films.Proposal), not others'.
        return queryset.filter(
            Q(film__isnull=True) | Q(film__status=Proposal.CONFIRMED) | Q(film__proposed_by_id=request.user.pk)
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        work = self.get_object(request, object_id)
        if work is None:
            return super().change_view(request, object_id, form_url, extra_context)
        specific = work.specific
        return HttpResponseRedirect(reverse(f"admin:films_{specific._meta.model_name}_change", args=[work.pk]))


@admin.register(Person)
class PersonAdmin(ProposalAdminMixin, MergeActionMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "is_group", "credit_count", "proposal_status"]
    list_filter = ["status", "is_group"]
    list_select_related = ["proposed_by"]
    search_fields = ["name"]
    fields = ["name", "slug", "is_group", "bio", "portrait", "status", "proposed_by"]
    autocomplete_fields = ["portrait"]
    # Explicit: the count below groups the rows, and a grouped query drops the model's ordering,
    # which left the autocomplete's pages unordered.
    ordering = ["name", "pk"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["merge_duplicates", "confirm_proposals", "merge_proposal"]
    proposal_fields = ["name", "slug", "bio"]
    merge_field = "person"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(credit_count=Count("credits"))

    @admin.display(description="Credits", ordering="credit_count")
    def credit_count(self, person: Person) -> int:
        return person.credit_count


@admin.register(Company)
class CompanyAdmin(MergeActionMixin, admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Credit)
class CreditAdmin(admin.ModelAdmin):
    list_display = ["person", "role", "character", "work"]
    list_filter = ["role"]
    list_select_related = ["person", "work"]
    search_fields = ["person__name", "work__title", "character"]
    autocomplete_fields = ["work", "person"]


@admin.register(Merge)
class MergeAdmin(admin.ModelAdmin):
    """The log of merges, read-only; a merge not undone yet can be undone from here."""

    list_display = ["__str__", "summary", "merged_by", "merged_at", "undone_at"]
    list_filter = ["undone_at"]
    list_select_related = ["merged_by"]
    date_hierarchy = "merged_at"
    search_fields = ["kept_name", "merged_name"]
    readonly_fields = [
        "kept_person",
        "kept_work",
        "kept_company",
        "kept_name",
        "merged_name",
        "merged_id",
        "summary",
        "merged_by",
        "merged_at",
        "undone_at",
        "undone_by",
    ]
    fields = readonly_fields
    actions = ["undo"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_undo_permission(self, request) -> bool:
        # As for merging: an undo changes and brings back people, works and companies.
        return all(
            request.user.has_perm(f"films.{action}_{model}")
            for action in ("change", "delete")
            for model in ("person", "work", "company")
        )

    @admin.action(description="Undo the selected merges", permissions=["undo"])
    def undo(self, request, queryset):
        for merge in queryset.order_by("-merged_at", "-pk"):
            try:
                merge_undo(merge=merge, user=request.user)
            except MergeError as error:
                self.message_user(request, f"{merge}: {error}", messages.WARNING)
            else:
                self.message_user(request, f"Undone: {merge}. Both records are as they were before it.")
