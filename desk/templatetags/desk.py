"""The dashboard on the admin's front page: what waits for the desk today.

It lives here, not in articles/, because it counts comments too and articles/ knows
nothing of comments.
"""

from django import template
from django.urls import reverse

from articles.models import Article
from articles.permissions import can_publish, visible_articles
from comments.models import Comment
from films.models import Film, Person

register = template.Library()

LISTED = 5


@register.inclusion_tag("admin/_desk_dashboard.html", takes_context=True)
def desk_dashboard(context):
    user = context["request"].user
    panels = []
    if user.has_perm("articles.view_article"):
        articles = visible_articles(user).select_related("section")
        changelist = reverse("admin:articles_article_changelist")
        in_review = articles.in_review().order_by("submitted_at", "pk")
        # Two panels, as the changelist's status filter tells them apart.
        scheduled = articles.in_state(Article.State.SCHEDULED).order_by("publish_at", "pk")
        embargoed = articles.in_state(Article.State.EMBARGOED).order_by("embargo_until", "pk")
        panels += [
            {
                "key": "review",
                "title": "In review",
                "count": in_review.count(),
                "articles": in_review[:LISTED],
                "url": f"{changelist}?state={Article.State.REVIEW}",
                "empty": "Nothing is waiting for review.",
            },
            {
                "key": "scheduled",
                "title": "Scheduled",
                "count": scheduled.count(),
                "articles": scheduled[:LISTED],
                "url": f"{changelist}?state={Article.State.SCHEDULED}",
                "empty": "Nothing is scheduled.",
            },
            {
                "key": "embargoed",
                "title": "Under embargo",
                "count": embargoed.count(),
                "articles": embargoed[:LISTED],
                "url": f"{changelist}?state={Article.State.EMBARGOED}",
                "empty": "Nothing is under embargo.",
            },
        ]
    if user.has_perm("comments.view_comment"):
        panels.append(
            {
                "key": "comments",
                "title": "Comments awaiting moderation",
                "count": Comment.objects.pending().count(),
                "url": f"{reverse('admin:comments_comment_changelist')}?status__exact={Comment.Status.PENDING}",
                "empty": "No comment is waiting.",
            }
        )
    if user.has_perm("films.change_film") and user.has_perm("films.change_person"):
        # Writers' proposals wait for an editor: only when there are any (films/admin.py).
        for model, title in [(Film, "Proposed films"), (Person, "Proposed people")]:
            count = model.objects.pending().count()
            if count:
                opts = model._meta
                panels.append(
                    {
                        "key": f"proposed-{opts.model_name}",
                        "title": title,
                        "count": count,
                        "url": f"{reverse(f'admin:films_{opts.model_name}_changelist')}?status__exact=pending",
                        "empty": "",
                    }
                )
    calendar_url = reverse("admin:articles_article_calendar") if can_publish(user) else None
    return {"panels": panels, "calendar_url": calendar_url}
