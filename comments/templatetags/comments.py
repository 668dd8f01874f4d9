from django import template

from comments.forms import CommentForm

register = template.Library()


@register.inclusion_tag("comments/_thread.html", takes_context=True)
def comment_thread(context, article):
    """The approved comments of `article`, their count and the form to add one."""
    comments = list(article.comments.approved())
    return {
        "article": article,
        "comments": comments,
        "form": context.get("comment_form") or CommentForm(),
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
    }
