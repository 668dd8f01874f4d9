from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from articles.models import Article

from .forms import CommentForm


@require_POST
def post_comment(request, article_id: int):
    """Store a reader's comment for moderation, then send them back to the article."""
    article = get_object_or_404(Article.objects.published().with_related(), pk=article_id)
    form = CommentForm(request.POST)
    if not form.is_valid():
        context = {"article": article, "object": article, "comment_form": form}
        return render(request, "articles/article_detail.html", context, status=400)
    comment = form.save(commit=False)
    comment.article = article
    comment.ip_address = request.META.get("REMOTE_ADDR")
    comment.save()
    messages.success(request, "Thank you. Your comment is awaiting moderation and will appear once approved.")
    return redirect(f"{article.get_absolute_url()}#comments")
