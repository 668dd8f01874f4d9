"""The workflow's buttons on the change form: submit, send back, publish, schedule, unpublish."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils import timezone

from articles import permissions, services
from articles.forms import stale_message
from articles.models import Article

from .base import ArticleViewMixin


class WorkflowViews(ArticleViewMixin):
    def _save_and_submit(self, request, obj, *, added: bool):
        try:
            services.article_submit(obj, by=request.user)
        except (services.WorkflowError, PermissionDenied) as error:
            messages.error(request, f"Saved, but not submitted: {error}")
        else:
            verb = "added" if added else "saved"
            messages.success(request, f"“{obj}” was {verb} and submitted for review. An editor will read it next.")
        return redirect(self._change_url(obj))

    def _workflow_actions(self, request, obj) -> list[str]:
        if not permissions.can_publish(request.user):
            return []
        actions = []
        state = obj.state
        if state == Article.State.REVIEW:
            actions.append("send-back")
        if state not in {Article.State.LIVE, Article.State.EMBARGOED}:
            # (An article held by an embargo cannot go out any sooner.)
            actions.append("publish")
        if state != Article.State.LIVE:
            actions.append("schedule")
        if obj.status == Article.Status.PUBLISHED:
            actions.append("unpublish")
        return actions

    def _schedule_default(self, obj) -> str:
        now = timezone.localtime()
        if obj.publish_at and obj.publish_at > now:
            when = timezone.localtime(obj.publish_at)
        else:
            when = (now + datetime.timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
        return when.strftime("%Y-%m-%dT%H:%M")

    def workflow_view(self, request, object_id, action):
        """The workflow buttons of the change form: submit, send back, publish, schedule, unpublish."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        try:
            expected = int(request.POST["lock_version"])
        except (KeyError, ValueError):
            return HttpResponseBadRequest("The form did not say which version of the article it was opened at.")
        by = request.user
        try:
            if action == "submit":
                services.article_submit(article, by=by, expected_version=expected)
                done = "Submitted for review."
            elif action == "send-back":
                services.article_send_back(
                    article, by=by, note=request.POST.get("note", ""), expected_version=expected
                )
                done = "Sent back to the writer with your note."
            elif action == "publish":
                article = services.article_publish(article, by=by, expected_version=expected)
                done = "Published: readers see it now."
                if article.is_embargoed:
                    done = f"Published, held by the embargo until {services.local_time(article.embargo_until)}."
            elif action == "schedule":
                at = _parse_local_datetime(request.POST.get("publish_at", ""))
                article = services.article_schedule(article, by=by, at=at, expected_version=expected)
                done = f"Scheduled: it goes live by itself on {services.local_time(article.goes_live_at)}."
            elif action == "unpublish":
                services.article_unpublish(article, by=by, expected_version=expected)
                done = "Unpublished: readers no longer see it."
            else:
                raise Http404("No such step in the workflow.")
        except services.StaleArticle as stale:
            messages.error(request, stale_message(stale.current))
        except services.WorkflowError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, done)
        return redirect(self._change_url(article))


def _parse_local_datetime(value: str) -> datetime.datetime:
    """A datetime-local input's value, read in the desk's time zone."""
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError as error:
        raise services.WorkflowError("Give the date and time to publish at.") from error
    return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed
