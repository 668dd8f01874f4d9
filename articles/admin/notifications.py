"""Each person's notifications in the admin: their list, marking them read, and their mail preferences.

Everyone at the desk sees their own notifications and nobody else's, whatever their role: the
queryset is the login's, and no model permission is asked (none is granted to any role). Nothing
is added or edited here by hand; the workflow makes them (articles/notifications.py).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from articles import permissions
from articles.models import Notification, NotificationPreference
from articles.notifications import preference_for


class MailPreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = ["mail_submitted", "mail_sent_back", "mail_scheduled", "mail_published"]

    def __init__(self, *args, for_editor: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not for_editor:
            # Only editors hear of submissions; the stored value stays as it was.
            del self.fields["mail_submitted"]


class ReadFilter(admin.SimpleListFilter):
    title = "read"
    parameter_name = "read"

    def lookups(self, request, model_admin):
        return [("no", "Unread"), ("yes", "Read")]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(read_at__isnull=True)
        if self.value() == "yes":
            return queryset.filter(read_at__isnull=False)
        return queryset


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["article_link", "kind", "what", "created_at", "is_unread"]
    list_display_links = None
    list_filter = [ReadFilter, "kind"]
    list_select_related = ["article"]
    list_per_page = 50
    # The list is always one person's: the "of N in all" count would count the same rows again.
    show_full_result_count = False
    actions = ["mark_read"]
    change_list_template = "admin/articles/notification/change_list.html"

    # Everyone's own, nobody else's ---------------------------------------------------------

    def _is_desk(self, request) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_module_permission(self, request):
        # Reached from the header's link on every page, not the app list: a moderator's list of
        # apps stays "Comments" alone.
        return False

    def has_view_permission(self, request, obj=None):
        return self._is_desk(request) and (obj is None or obj.recipient_id == request.user.pk)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user)

    def get_actions(self, request):
        # Marking read is one's own business: no model permission stands in for it.
        return {name: value for name, value in super().get_actions(request).items() if name == "mark_read"}

    # Columns ------------------------------------------------------------------------------------

    @admin.display(description="Article")
    def article_link(self, notification: Notification) -> str:
        url = reverse("admin:articles_notification_open", args=[quote(notification.pk)])
        return format_html('<a href="{}">{}</a>', url, notification.article.title)

    @admin.display(description="What happened")
    def what(self, notification: Notification) -> str:
        return notification.message

    @admin.display(description="Unread", boolean=True, ordering="read_at")
    def is_unread(self, notification: Notification) -> bool:
        return not notification.is_read

    # Marking read -------------------------------------------------------------------------------

    @admin.action(description="Mark selected notifications as read")
    def mark_read(self, request, queryset):
        count = queryset.for_user(request.user).mark_read()
        self.message_user(request, f"Marked {count} notification(s) as read.", messages.SUCCESS)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "title": "Your notifications",
            "subtitle": None,
            "unread_count": Notification.objects.for_user(request.user).unread().count(),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(function)

        return [
            path("read-all/", view(self.read_all_view), name="articles_notification_read_all"),
            path("preferences/", view(self.preferences_view), name="articles_notification_preferences"),
            path("<path:object_id>/open/", view(self.open_view), name="articles_notification_open"),
            *super().get_urls(),
        ]

    def read_all_view(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        count = Notification.objects.for_user(request.user).mark_read()
        messages.success(request, f"Marked {count} notification(s) as read." if count else "Nothing was unread.")
        return redirect("admin:articles_notification_changelist")

    def open_view(self, request, object_id):
        """Go to the notification's article, marking the notification read on the way."""
        notification = Notification.objects.for_user(request.user).filter(pk=unquote(object_id)).first()
        if notification is None:
            raise Http404("No such notification of yours.")
        Notification.objects.filter(pk=notification.pk).mark_read()
        return redirect("admin:articles_article_change", quote(notification.article_id))

    def preferences_view(self, request):
        """One's own choice of which notifications also come by mail."""
        if not self._is_desk(request):
            raise Http404
        preference = preference_for(request.user)
        form = MailPreferenceForm(
            request.POST or None, instance=preference, for_editor=permissions.can_publish(request.user)
        )
        if request.method == "POST" and form.is_valid():
            form.save()
            messages.success(request, "Your mail preferences are saved.")
            return redirect("admin:articles_notification_preferences")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Mail preferences",
            "subtitle": None,
            "form": form,
            "email": request.user.email,
        }
        return TemplateResponse(request, "admin/articles/notification/preferences.html", context)
