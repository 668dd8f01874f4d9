from django.contrib import admin

from .models import Author


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "user"]
    list_select_related = ["user"]
    search_fields = ["name", "email", "user__username"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user", "portrait"]
    exclude = ["photo"]
