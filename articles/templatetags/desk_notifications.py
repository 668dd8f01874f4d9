"""The unread count in the admin's header, on every page of the desk."""

from django import template

from articles.models import Notification

register = template.Library()


@register.inclusion_tag("admin/articles/notification/_header_link.html", takes_context=True)
def notifications_link(context):
    user = context["request"].user
    if not (user.is_active and user.is_staff):
        return {"show": False}
    return {"show": True, "unread": Notification.objects.for_user(user).unread().count()}
