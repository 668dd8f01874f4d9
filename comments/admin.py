from django.contrib import admin
from django.template.defaultfilters import truncatechars

from .models import Comment


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["excerpt", "name", "article", "status", "created_at"]
    list_filter = ["status", "created_at"]
    list_select_related = ["article"]
    search_fields = ["name", "email", "body", "article__title"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["article", "parent"]
    readonly_fields = ["ip_address", "created_at", "moderated_at", "moderated_by"]
    actions = ["approve", "reject"]

    @admin.display(description="Comment")
    def excerpt(self, comment: Comment) -> str:
        return truncatechars(comment.body, 80)

    @admin.action(description="Approve selected comments", permissions=["change"])
    def approve(self, request, queryset) -> None:
        count = queryset.moderate(Comment.Status.APPROVED, by=request.user)
        self.message_user(request, f"Approved {count} comment(s).")

    @admin.action(description="Reject selected comments", permissions=["change"])
    def reject(self, request, queryset) -> None:
        count = queryset.moderate(Comment.Status.REJECTED, by=request.user)
        self.message_user(request, f"Rejected {count} comment(s).")
