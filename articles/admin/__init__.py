"""The desk: articles in the admin, with roles, the workflow, previews, history and locking.

Every path checks permissions on the server (articles/permissions.py): the changelist and
autocompletes list only what the user may see, every view of one article asks
`has_*_permission(request, obj)`, actions and workflow buttons call the services, which
check again.

The ModelAdmins are declared here; the desk's own pages of an article live one group to a module
(workflow, preview, history, tags, calendar) and join ArticleAdmin as mixins, routed by its get_urls().
"""

from __future__ import annotations

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import quote
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.models import BaseInlineFormSet
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from articles import permissions, search, services, writing
from articles.forms import ArticleAdminForm
from articles.models import Article, ArticleAuthor, ArticleWork, Citation, Correction, FeaturedArticle, Section
from core.textlimits import TextLimitsAdminMixin
from core.widgets import OneLineTextarea, RichTextEditor

from . import notifications as notifications_admin  # noqa: F401  (registers each person's notifications)
from .autosave import ArticleEditingAdminMixin
from .calendar import CalendarView
from .history import HistoryViews
from .preview import PreviewViews
from .seo import FIELDS as SEO_FIELDS
from .seo import SeoAdminMixin
from .tags import TagAutocompleteView
from .workflow import WorkflowViews


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


# --- Inlines ----------------------------------------------------------------


class ArticlePartInline:
    """Bylines, works discussed and works cited can be edited only where the article itself can."""

    def _article_changeable(self, request, obj) -> bool:
        return obj is None or permissions.can_change(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._article_changeable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._article_changeable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._article_changeable(request, obj)


class ArticleAuthorInline(ArticlePartInline, admin.TabularInline):
    model = ArticleAuthor
    autocomplete_fields = ["author"]
    fields = ["author", "order"]
    extra = 1


class ArticleWorkFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        cards = [
            form for form in self.forms if form.cleaned_data.get("is_card") and not form.cleaned_data.get("DELETE")
        ]
        if len(cards) > 1:
            raise ValidationError("Only one work can have the card at the top of the article.", code="two_cards")


class ArticleWorkInline(ArticlePartInline, admin.TabularInline):
    model = ArticleWork
    formset = ArticleWorkFormSet
    autocomplete_fields = ["work"]
    fields = ["work", "is_card", "order"]
    extra = 1

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "work" and isinstance(formfield.widget, RelatedFieldWidgetWrapper):
            # Works are added in their kind's admin, not the list of all works: the “+” adds a film,
            # which is how a writer proposes one (films.Proposal).
            wrapper = formfield.widget
            formfield.widget = FilmAddWidgetWrapper(
                wrapper.widget,
                wrapper.rel,
                self.admin_site,
                can_add_related=request.user.has_perm("films.add_film"),
                can_view_related=wrapper.can_view_related,
            )
        return formfield


class FilmAddWidgetWrapper(RelatedFieldWidgetWrapper):
    """A work's field whose “+” opens the film form (a film is a work, with the same id)."""

    def get_related_url(self, info, action, *args):
        if action == "add":
            return reverse("admin:films_film_add", current_app=self.admin_site.name)
        return super().get_related_url(info, action, *args)


class CitationForm(forms.ModelForm):
    """A work cited names its title, or a work in our records that gives it."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("title"):
            if not cleaned.get("work"):
                raise ValidationError(
                    {"title": ValidationError("Give the title, or pick the work in our records.", code="required")}
                )
            cleaned["title"] = cleaned["work"].title
        return cleaned


class CitationInline(ArticlePartInline, admin.StackedInline):
    """Each saved work cited is one line in MLA style, as readers see it, that opens on its fields.

    Stacked blocks of thirteen mostly empty fields made the Anora essay's form 11,000 px long.
    """

    model = Citation
    form = CitationForm
    extra = 0
    template = "admin/articles/article/citation_inline.html"
    autocomplete_fields = ["work"]
    fields = [
        ("kind", "order"),
        "work",
        "author",
        "title",
        ("container", "contributors"),
        ("publisher", "year", "date"),
        ("volume", "issue", "pages"),
        "url",
    ]


class CorrectionInline(admin.StackedInline):
    model = Correction
    extra = 0
    fields = [("kind", "date"), "text"]
    # The model's singular names one ("Add another Correction or update"); the heading says where they show.
    verbose_name_plural = "corrections and updates (shown under the article, dated)"


# --- The changelist's status filter ------------------------------------------


class StateFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return Article.State.choices

    def queryset(self, request, queryset):
        return queryset.in_state(self.value()) if self.value() in Article.State.values else queryset


# --- The article admin --------------------------------------------------------


class ArticleWritePath:
    """The end of ArticleAdmin's save_model, after the mixins' own steps: the article's write path."""

    def save_model(self, request, obj, form, change):
        writing.write_article(obj, by=request.user)


@admin.register(Article)
class ArticleAdmin(
    ArticleEditingAdminMixin,
    WorkflowViews,
    PreviewViews,
    HistoryViews,
    TagAutocompleteView,
    CalendarView,
    SeoAdminMixin,
    TextLimitsAdminMixin,
    ArticleWritePath,
    admin.ModelAdmin,
):
    form = ArticleAdminForm
    list_display = ["title", "state_label", "goes_live", "section", "byline", "words", "site_link"]
    list_filter = [StateFilter, "kind", "section"]
    list_select_related = ["section"]
    search_fields = ["title", "dek", "slug", "authors__name", "works__title"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "publish_at"
    inlines = [ArticleAuthorInline, ArticleWorkInline, CitationInline, CorrectionInline]
    autocomplete_fields = ["hero", "share_image"]
    actions = ["publish_selected", "unpublish_selected"]
    change_form_template = "admin/articles/article/change_form.html"
    change_list_template = "admin/articles/article/change_list.html"

    def changelist_view(self, request, extra_context=None):
        if permissions.can_publish(request.user):
            extra_context = {"calendar_url": reverse("admin:articles_article_calendar"), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def get_fieldsets(self, request, obj=None):
        publishing = ["publish_at", ("embargo_until", "embargo_set_by"), "comment_mode"]
        if obj is not None and obj.former_slugs.exists():
            publishing.append("former_addresses")
        return [
            (None, {"fields": ["title", "slug", "dek", ("section", "kind", "rating"), "body", "tags"]}),
            ("Hero image", {"fields": ["hero"]}),
            # Rarely touched by hand (most articles go out with their headline, dek and hero; the
            # workflow panel publishes and schedules, and shows the embargo): folded away, and opened
            # by Django when one of them has an error. Open, the SEO previews took 990 px.
            ("Search and sharing", {"fields": SEO_FIELDS, "classes": ["collapse"]}),
            ("Publishing: time, embargo, comments", {"fields": publishing, "classes": ["collapse"]}),
            ("Works cited", {"fields": ["citations_in_entered_order"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = ["workflow_state", "former_addresses", "seo_preview"]
        if not permissions.can_publish(request.user):
            # Writers see when and whether it runs; the desk decides.
            readonly += ["publish_at", "embargo_until", "embargo_set_by"]
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None and not self.has_change_permission(request, obj) else self.prepopulated_fields

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "body":
            kwargs["widget"] = RichTextEditor
        elif db_field.name == "dek":
            # Two lines at the body's width show a whole dek; a text input cut most of them off.
            kwargs["widget"] = OneLineTextarea
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        # The fields above (title, dek, address, authors, films), or the text itself as readers'
        # search finds it (articles/search.py), among the articles this login may see.
        found, duplicates = super().get_search_results(request, queryset, search_term)
        if not search_term.strip():
            return found, duplicates
        in_text = search.desk_matches(queryset, search_term)
        return queryset.filter(Q(pk__in=found.values("pk")) | Q(pk__in=in_text.values("pk"))), False

    # Permissions --------------------------------------------------------------

    def get_queryset(self, request):
        queryset = super().get_queryset(request).prefetch_related("article_authors__author")
        return permissions.visible_articles(request.user, queryset)

    def get_object(self, request, object_id, from_field=None):
        # Found among all articles, so that someone else's is refused (403) by the permission
        # checks every view makes, rather than passed off as missing.
        field = Article._meta.pk if from_field is None else Article._meta.get_field(from_field)
        try:
            return Article.objects.get(**{field.name: field.to_python(object_id)})
        except (Article.DoesNotExist, ValidationError, ValueError):
            return None

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and (obj is None or permissions.can_view(request.user, obj))

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or permissions.can_change(request.user, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and permissions.can_edit_any(request.user)

    def has_add_permission(self, request):
        # A writer's article needs the writer on its byline: a login with no author cannot start one.
        return super().has_add_permission(request) and (
            permissions.can_edit_any(request.user) or permissions.writes_as(request.user) is not None
        )

    def has_publish_permission(self, request, obj=None):
        return permissions.can_publish(request.user)

    # Saving -------------------------------------------------------------------

    def add_view(self, request, form_url="", extra_context=None):
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().add_view(request, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().change_view(request, object_id, form_url, extra_context)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.get_change_message())
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        # A submit with no edits says "Submitted for review." and no more (the service adds it).
        if reversion.is_active() and (message or "_submit_for_review" not in request.POST):
            reversion.set_comment(entry.get_change_message())
        return entry

    def construct_change_message(self, request, form, formsets, add=False):
        if not add:
            # What the save changed in the database, not what the browser sent: the body editor
            # sends an untouched body back written its own way (ArticleAdminForm.stored_changes).
            form.changed_data = form.stored_changes()
        return super().construct_change_message(request, form, formsets, add)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        author = None if permissions.can_edit_any(request.user) else permissions.writes_as(request.user)
        if author is not None and not article.article_authors.filter(author=author).exists():
            # A writer always stays on the byline of what they write.
            ArticleAuthor.objects.create(article=article, author=author, order=0)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        new_bylines = isinstance(inline, ArticleAuthorInline) and obj.pk is None and request.method == "GET"
        # A new article starts with its writer on the byline.
        if new_bylines and (author := permissions.writes_as(request.user)):
            kwargs["initial"] = [{"author": author.pk, "order": 0}]
        return kwargs

    def response_add(self, request, obj, post_url_continue=None):
        if "_submit_for_review" in request.POST:
            return self._save_and_submit(request, obj, added=True)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if "_submit_for_review" in request.POST:
            return self._save_and_submit(request, obj, added=False)
        return super().response_change(request, obj)

    # Change form context ---------------------------------------------------------

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        user = request.user
        context.update(
            {
                "can_submit": (obj is None and self.has_add_permission(request))
                or (obj is not None and permissions.can_submit(user, obj)),
                "can_publish": permissions.can_publish(user),
            }
        )
        if obj is not None:
            context.update(
                {
                    "article": obj,
                    "preview_url": reverse("admin:articles_article_preview", args=[quote(obj.pk)]),
                    "workflow_actions": self._workflow_actions(request, obj),
                    "workflow_state_text": self.workflow_state(obj),
                    "schedule_default": self._schedule_default(obj),
                }
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def view_on_site(self, obj):
        # Only a published article has a page; the others have a preview.
        return obj.get_absolute_url() if obj.is_published else None

    # Display ------------------------------------------------------------------

    @admin.display(description="By")
    def byline(self, article: Article) -> str:
        return ", ".join(author.name for author in article.bylines)

    @admin.display(description="Status", ordering="status")
    def state_label(self, article: Article) -> str:
        state = article.state
        return format_html('<span class="article-state article-state-{}">{}</span>', state.value, state.label)

    @admin.display(description="Goes live", ordering="publish_at")
    def goes_live(self, article: Article) -> str:
        when = article.goes_live_at
        return services.local_time(when) if when else "—"

    @admin.display(description="Page")
    def site_link(self, article: Article) -> str:
        if article.is_published:
            return format_html('<a href="{}">View on site</a>', article.get_absolute_url())
        return format_html(
            '<a href="{}">Preview</a>', reverse("admin:articles_article_preview", args=[quote(article.pk)])
        )

    @admin.display(description="Status")
    def workflow_state(self, article: Article) -> str:
        if article.pk is None:
            return "Draft (not saved yet)"
        state = article.state
        if state == Article.State.REVIEW and article.submitted_at:
            return f"In review since {services.local_time(article.submitted_at)}"
        if state == Article.State.SCHEDULED:
            return f"Scheduled for {services.local_time(article.goes_live_at)}"
        if state == Article.State.EMBARGOED:
            return (
                f"Under embargo until {services.local_time(article.embargo_until)}"
                f" (set by {article.embargo_set_by}), then published"
            )
        if state == Article.State.LIVE:
            return f"Published {services.local_time(article.goes_live_at)}"
        return state.label

    @admin.display(description="Old addresses (redirect here)")
    def former_addresses(self, article: Article) -> str:
        return format_html_join(", ", "{}", ((former.get_absolute_url(),) for former in article.former_slugs.all()))

    # Bulk actions --------------------------------------------------------------

    @admin.action(description="Publish selected articles now", permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._bulk(request, queryset, services.article_publish, "Published")

    @admin.action(description="Unpublish selected articles", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._bulk(request, queryset, services.article_unpublish, "Unpublished")

    def _bulk(self, request, queryset, transition, verb: str) -> None:
        done, refused = [], []
        for article in queryset:
            try:
                transition(article, by=request.user)
            except services.WorkflowError as error:
                refused.append(f"“{article}”: {error}")
            else:
                done.append(article)
        if done:
            self.message_user(request, f"{verb} {len(done)} article(s).", messages.SUCCESS)
        for reason in refused:
            self.message_user(request, f"Left as it was: {reason}", messages.WARNING)

    # Extra views ---------------------------------------------------------------

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(function)

        return [
            path("calendar/", view(self.calendar_view), name="articles_article_calendar"),
            path("tags/autocomplete/", view(self.tag_autocomplete_view), name="articles_article_tags_autocomplete"),
            path("<path:object_id>/preview/", view(self.preview_view), name="articles_article_preview"),
            path(
                "<path:object_id>/preview/<int:version_id>/",
                view(self.preview_view),
                name="articles_article_preview_revision",
            ),
            path(
                "<path:object_id>/workflow/<slug:action>/", view(self.workflow_view), name="articles_article_workflow"
            ),
            path("<path:object_id>/history/compare/", view(self.compare_view), name="articles_article_compare"),
            path(
                "<path:object_id>/history/<int:version_id>/revert/",
                view(self.revert_view),
                name="articles_article_revert",
            ),
            *super().get_urls(),
        ]


@admin.register(FeaturedArticle)
class FeaturedArticleAdmin(admin.ModelAdmin):
    """The front page's featured articles: editors pick them and set their order."""

    list_display = ["article", "order", "is_live", "created_at"]
    list_editable = ["order"]
    list_select_related = ["article"]
    ordering = ["order", "pk"]
    autocomplete_fields = ["article"]
    search_fields = ["article__title"]

    @admin.display(description="On the site", boolean=True)
    def is_live(self, featured: FeaturedArticle) -> bool:
        return featured.article.is_published


@admin.register(Citation)
class CitationAdmin(admin.ModelAdmin):
    """Works cited across articles, for editors; writers edit them inside their articles."""

    list_display = ["title", "author", "kind", "year", "article"]
    list_filter = ["kind"]
    list_select_related = ["article"]
    search_fields = ["title", "author", "container", "publisher"]
    autocomplete_fields = ["article"]

    def has_module_permission(self, request):
        return super().has_module_permission(request) and permissions.can_edit_any(request.user)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and permissions.can_edit_any(request.user)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and permissions.can_edit_any(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and permissions.can_edit_any(request.user)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and permissions.can_edit_any(request.user)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().delete_view(request, object_id, extra_context)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._touch(request, obj.article, f"{'Changed' if change else 'Added'} work cited “{obj}”.")

    def delete_model(self, request, obj):
        article = obj.article
        super().delete_model(request, obj)
        self._touch(request, article, f"Deleted work cited “{obj}”.")

    def _touch(self, request, article: Article, comment: str) -> None:
        # The article changed too: a new revision, and a new version for any form open on it.
        writing.write_article(article, by=request.user)
        reversion.set_comment(comment)
