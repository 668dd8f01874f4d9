from django.contrib import admin
from django.db.models import Count

from .models import Company, Credit, Film, Person, Work


class CreditInline(admin.TabularInline):
    model = Credit
    fk_name = "work"
    autocomplete_fields = ["person"]
    fields = ["person", "role", "character", "order"]
    extra = 1


@admin.register(Film)
class FilmAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "release_date", "distributor", "director_names"]
    list_filter = ["year", "distributor"]
    list_select_related = ["distributor"]
    search_fields = ["title", "credits__person__name", "imdb_id"]
    prepopulated_fields = {"slug": ["title", "year"]}
    autocomplete_fields = ["distributor", "picture"]
    date_hierarchy = "release_date"
    inlines = [CreditInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_card()

    @admin.display(description="Directed by")
    def director_names(self, film: Film) -> str:
        return ", ".join(person.name for person in film.directors)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "credit_count"]
    search_fields = ["name"]
    fields = ["name", "slug", "bio", "portrait"]
    autocomplete_fields = ["portrait"]
    # Explicit: the count below groups the rows, and a grouped query drops the model's ordering,
    # which left the autocomplete's pages unordered.
    ordering = ["name", "pk"]
    prepopulated_fields = {"slug": ["name"]}

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
    list_display = ["person", "role", "character", "work"]
    list_filter = ["role"]
    list_select_related = ["person", "work"]
    search_fields = ["person__name", "work__title", "character"]
    autocomplete_fields = ["work", "person"]


@admin.register(Work)
class WorkAdmin(admin.ModelAdmin):
    """Every work of every kind: what the articles' and credits' autocompletes search."""

    list_display = ["title", "kind", "year", "release_date"]
    list_filter = ["kind"]
    search_fields = ["title", "credits__person__name"]
    ordering = ["title", "year", "pk"]

    def has_add_permission(self, request):
        return False
