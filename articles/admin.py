from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from magazine.widgets import RichTextEditor

from .models import Article, ArticleAuthor, ArticleFilm, Citation, Section


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class ArticleAuthorInline(admin.TabularInline):
    model = ArticleAuthor
    autocomplete_fields = ["author"]
    fields = ["author", "order"]
    extra = 1


class ArticleFilmFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        cards = [
            form for form in self.forms if form.cleaned_data.get("is_card") and not form.cleaned_data.get("DELETE")
        ]
        if len(cards) > 1:
            raise ValidationError("Only one film can have the card at the top of the article.", code="two_cards")


class ArticleFilmInline(admin.TabularInline):
    model = ArticleFilm
    formset = ArticleFilmFormSet
    autocomplete_fields = ["film"]
    fields = ["film", "is_card", "order"]
    extra = 1


class CitationInline(admin.StackedInline):
    model = Citation
    extra = 0
    fields = [
        ("kind", "order"),
        "author",
        "title",
        ("container", "contributors"),
        ("publisher", "year", "date"),
        ("volume", "issue", "pages"),
        "url",
    ]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "section", "kind", "status", "publish_at", "byline"]
    list_filter = ["status", "kind", "section"]
    list_select_related = ["section"]
    search_fields = ["title", "dek", "slug", "authors__name", "films__title"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "publish_at"
    inlines = [ArticleAuthorInline, ArticleFilmInline, CitationInline]
    autocomplete_fields = ["hero"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "dek", ("section", "kind"), "body", "tags"]}),
        ("Publishing", {"fields": [("status", "publish_at"), "rating"]}),
        ("Hero image", {"fields": ["hero"]}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "body":
            kwargs["widget"] = RichTextEditor
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("article_authors__author")

    @admin.display(description="By")
    def byline(self, article: Article) -> str:
        return ", ".join(author.name for author in article.bylines)


@admin.register(Citation)
class CitationAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "kind", "year", "article"]
    list_filter = ["kind"]
    list_select_related = ["article"]
    search_fields = ["title", "author", "container", "publisher"]
    autocomplete_fields = ["article"]
