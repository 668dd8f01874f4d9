"""Readers' side of comments: post, reply, flag, mute mail.

Every POST that changes something ends in a redirect with a message (POST, redirect,
GET), so the article page itself carries no per-reader state.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.csrf import csrf_failure as default_csrf_failure
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from articles.models import Article, FormerSlug
from core.net import client_ip
from core.pages import cached_page, changes_at, depends_on_comments
from core.pagination import requested_page
from core.seo import PageMeta

from . import notifications, policy, ratelimit, services, threads
from .forms import CommentForm, FlagForm, issue_form_token
from .models import Comment
from .templatetags.comments import thread_html

PUBLISHED_MESSAGE = "Thank you. Your comment is published."
AWAITING_MESSAGE = "Thank you. Your comment is awaiting moderation and will appear once approved."


def rate_limited(request: HttpRequest, limited: ratelimit.Limited) -> HttpResponse:
    """429, saying when the reader may try again."""
    minutes = (limited.retry_after + 59) // 60
    response = render(
        request,
        "comments/rate_limited.html",
        {"retry_after": limited.retry_after, "minutes": minutes, "until": limited.until},
        status=429,
    )
    response["Retry-After"] = str(limited.retry_after)
    return response


def _published_comment(comment_id: int) -> Comment:
    """An approved comment on a published article, or 404."""
    return get_object_or_404(
        Comment.objects.approved().select_related("article"),
        pk=comment_id,
        article__in=Article.objects.published(),
    )


@require_POST
def post_comment(request: HttpRequest, article_id: int) -> HttpResponse:
    """Take a comment or reply, then send the reader back to the article with a message."""
    # The form first: checking it reads no table, and a valid post's one read of the article then
    # brings what triage reads of the sender too. The page's other queries run only when the form
    # has to be shown again.
    form = CommentForm(request.POST)
    valid = form.is_valid()
    data = form.cleaned_data if valid else {}
    ip = client_ip(request) or None
    article = services.postable_article(article_id, email=data.get("email"), ip=ip, body=data.get("body", ""))
    if article is None:
        raise Http404("No such article.")
    if limited := ratelimit.hit_ip(ip):
        return rate_limited(request, limited)
    status = 400
    if valid:
        if limited := ratelimit.hit_email(data["email"]):
            return rate_limited(request, limited)
        try:
            result = services.comment_post(
                article=article,
                name=data["name"],
                email=data["email"],
                body=data["body"],
                ip=ip,
                parent_id=data.get("parent"),
                form_token=form.form_token,
                honeypot=data.get("website", ""),
                sender=article.sender,
            )
        except services.CommentRefused as refusal:
            form.add_error(None, refusal.message)
            status = refusal.status
        else:
            if result.published:
                messages.success(request, PUBLISHED_MESSAGE)
                return redirect(result.comment.get_absolute_url())
            # Spam is told the same as a held comment: a bot learns nothing.
            messages.success(request, AWAITING_MESSAGE)
            return redirect(f"{article.get_absolute_url()}#comments")
    form.refresh_token_if_needed()
    parent = _reply_parent(article, form)
    if parent is not None:
        return render(request, "comments/reply.html", _reply_context(parent, form), status=status)
    # The article page's own query: an article deleted or unpublished meanwhile is a 404, not a 500.
    article = get_object_or_404(Article.objects.published().with_related().defer("search_vector"), pk=article.pk)
    context = {"article": article, "object": article, "comment_form": form}
    return render(request, "articles/article_detail.html", context, status=status)


def _reply_parent(article: Article, form: CommentForm) -> Comment | None:
    try:
        parent_id = int(form.data.get("parent") or 0)
    except ValueError:
        return None
    return article.comments.approved().filter(pk=parent_id).first() if parent_id else None


def _reply_context(parent: Comment, form: CommentForm) -> dict:
    mode = policy.comment_mode(parent.article)
    return {
        "parent": parent,
        "article": parent.article,
        "form": form,
        "mode": mode,
        "too_deep": parent.depth + 1 >= settings.COMMENTS_MAX_DEPTH,
    }


@require_GET
def reply(request: HttpRequest, comment_id: int) -> HttpResponse:
    """A page with the comment being answered and the form for the reply."""
    parent = _published_comment(comment_id)
    form = CommentForm(initial={"parent": parent.pk})
    return render(request, "comments/reply.html", _reply_context(parent, form))


@require_http_methods(["GET", "POST"])
def flag(request: HttpRequest, comment_id: int) -> HttpResponse:
    """Let a reader report a published comment, with a reason from a short list."""
    comment = _published_comment(comment_id)
    form = FlagForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        ip = client_ip(request) or "0.0.0.0"
        if limited := ratelimit.hit_ip(ip, scope="flag"):
            return rate_limited(request, limited)
        if form.is_valid():
            result = services.comment_flag(comment=comment, reason=form.cleaned_data["reason"], ip=ip)
            if result.created:
                messages.success(request, "Thank you for telling us. A moderator will look at the comment.")
            else:
                messages.info(request, "You have already flagged this comment; a moderator will look at it.")
            if result.requeued:
                return redirect(f"{comment.article.get_absolute_url()}#comments")
            return redirect(comment.get_absolute_url())
    status = 400 if form.errors else 200
    return render(request, "comments/flag.html", {"comment": comment, "form": form}, status=status)


@cached_page
@require_GET
def thread_page(request: HttpRequest, slug: str, page: int) -> HttpResponse:
    """A later page of an article's comments: the title linking back, the page of threads, the others.

    Page one is the article page itself; the form to comment is there only (one place to post,
    and these pages stay light), so this page links to it.
    """
    article = Article.objects.published().select_related("section").defer("body", "search_vector")
    article = article.filter(slug=slug).first()
    if article is None:
        if moved := FormerSlug.objects.published_article(slug):
            return HttpResponsePermanentRedirect(threads.page_url(moved, page))
        raise Http404("No such article.")
    if (number := requested_page(request)) is not None:
        return HttpResponsePermanentRedirect(threads.page_url(article, number))
    if page == 1:
        return HttpResponsePermanentRedirect(threads.page_url(article, 1))
    mode = policy.comment_mode(article)
    # For the page cache, before the comments are read: the page shows them, and its reply links
    # go when comments close.
    depends_on_comments([article.pk])
    changes_at(mode.closes_at if mode.is_open else None)
    thread = threads.thread_page(article, page)
    return render_thread_page(
        request,
        article,
        number=page,
        pages=thread.page_obj.paginator.num_pages,
        count=thread.count,
        thread_html=thread_html(thread, mode),
    )


def render_thread_page(
    request: HttpRequest, article: Article, *, number: int, pages: int, count: int, thread_html: str
):
    """Page `number` of `pages` of the comments on `article` (with its section), around the page's
    threads already rendered: now, or when they changed (renderings/, which serves the stored ones)."""
    mode = policy.comment_mode(article)
    path = threads.page_path(article, number)
    section = article.section
    meta = PageMeta(
        title=f"Comments on {article.title} · page {number}",
        description=f"Readers’ comments on “{article.title}”, page {number} of {pages}.",
        path=path,
        noindex=True,
        breadcrumbs=[
            ("Home", "/"),
            (section.name, section.get_absolute_url()),
            (article.title, article.get_absolute_url()),
            (f"Comments, page {number}", path),
        ],
        prev_path=threads.page_path(article, number - 1),
        next_path=threads.page_path(article, number + 1) if number < pages else "",
    )
    context = {
        "article": article,
        "thread_html": mark_safe(thread_html),
        "count": count,
        "number": number,
        "pages": pages,
        "mode": mode,
        "meta": meta,
    }
    return render(request, "comments/comment_list.html", context)


@require_http_methods(["GET", "POST"])
def mute(request: HttpRequest, token: str) -> HttpResponse:
    """The signed link in every mail: confirm (GET, which mail scanners may follow) and mute (POST)."""
    data = notifications.read_mute_token(token)
    if data is None:
        return render(request, "comments/mute_invalid.html", status=400)
    email, thread_id = data
    thread = Comment.objects.filter(pk=thread_id).select_related("article").first() if thread_id else None
    if thread_id and thread is None:
        return render(request, "comments/mute_invalid.html", status=410)
    context = {"email": email, "thread": thread}
    if request.method == "POST":
        services.mail_mute(email=email, thread_id=thread_id)
        return render(request, "comments/mute_done.html", context)
    return render(request, "comments/mute.html", context)


@never_cache
@require_GET
def form_token(request: HttpRequest) -> JsonResponse:
    """The tokens a form on a cached page lacks (static/js/comments.js asks for them when the
    reader starts writing): a fresh form token, and the CSRF token with its cookie."""
    return JsonResponse(
        {"token": issue_form_token(), "csrf": get_token(request), "issued": timezone.now().isoformat()}
    )


@requires_csrf_token
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A comment sent without the CSRF pair: show it back, kept, to post again from here.

    The cached article page carries no CSRF token; its script fetches one. A reader whose
    browser runs no script lands here, with the comment as typed and a form that now has
    both tokens: nothing is stored until they post it again from this page.
    """
    match = request.resolver_match
    if match is None or match.view_name != "comments:post":
        return default_csrf_failure(request, reason)
    article = Article.objects.published().filter(pk=match.kwargs.get("article_id")).first()
    if article is None:
        return default_csrf_failure(request, reason)
    kept = {name: request.POST.get(name, "") for name in ("name", "email", "body", "parent")}
    # They wrote the comment before this page: the timing check measures from its start.
    started = time.time() - settings.COMMENTS_MIN_SUBMIT_SECONDS
    form = CommentForm(initial={**kept, "token": issue_form_token(started)})
    return render(request, "comments/confirm.html", {"article": article, "form": form}, status=403)
