"""An article's revisions: the list, what changed between two, and reverting to one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from reversion.errors import RevertError

from articles import history, previews, services
from articles.forms import stale_message

from .base import ArticleViewMixin


class HistoryViews(ArticleViewMixin):
    def history_view(self, request, object_id, extra_context=None):
        """Every revision: who, when, what changed; with previews, comparisons and reverts."""
        article = self._article_or_404(request, object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        versions = history.versions_of(article)
        page = Paginator(versions, 50).get_page(request.GET.get("page"))
        # One more than the page holds, so that its last revision can be compared with the one before.
        window = list(versions[page.start_index() - 1 : page.end_index() + 1]) if page.object_list else []
        rows = [
            (version, window[index + 1] if index + 1 < len(window) else None) for index, version in enumerate(window)
        ]
        context = self._context(
            request,
            article,
            title=f"History of “{article}”",
            subtitle=None,
            page=page,
            rows=rows[: len(page.object_list)],
            can_revert=self.has_change_permission(request, article),
            **(extra_context or {}),
        )
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/articles/article/history.html", context)

    def compare_view(self, request, object_id):
        """What changed between two revisions (`?old=<id>&new=<id>`; without `new`, against now)."""
        article = self._article_or_404(request, object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        versions = history.versions_of(article)
        try:
            old = versions.get(pk=int(request.GET["old"]))
            new = versions.get(pk=int(request.GET["new"])) if request.GET.get("new") else None
        except (KeyError, ValueError, versions.model.DoesNotExist) as error:
            raise Http404("Choose two revisions of this article to compare.") from error
        if new is not None and new.revision.date_created < old.revision.date_created:
            old, new = new, old
        new_snapshot = history.snapshot_of_version(new) if new else history.snapshot_of_article(article)
        changes = history.compare(history.snapshot_of_version(old), new_snapshot)
        context = self._context(
            request,
            article,
            title=f"Changes to “{article}”",
            subtitle=None,
            old=old,
            new=new,
            changes=[change for change in changes if change.changed],
            unchanged=[change.label for change in changes if not change.changed],
            can_revert=self.has_change_permission(request, article),
        )
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def revert_view(self, request, object_id, version_id):
        """Confirm, then bring back an earlier revision's content (the workflow state stays)."""
        article = self._article_or_404(request, object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        version = previews.version_of(article.pk, version_id)
        if request.method == "POST":
            try:
                expected = int(request.POST["lock_version"])
            except (KeyError, ValueError):
                return HttpResponseBadRequest("The form did not say which version of the article it was opened at.")
            try:
                services.article_revert(article, version, by=request.user, expected_version=expected)
            except services.StaleArticle as stale:
                messages.error(request, stale_message(stale.current))
                return redirect(request.path)
            except (services.WorkflowError, RevertError) as error:
                messages.error(request, f"Not reverted: {error}")
                return redirect(request.path)
            messages.success(
                request,
                f"Reverted to the revision of {services.local_time(version.revision.date_created)}. "
                "The status, publish time and address stayed as they were.",
            )
            return redirect(self._change_url(article))
        changes = history.compare(history.snapshot_of_article(article), history.snapshot_of_version(version))
        context = self._context(
            request,
            article,
            title=f"Revert “{article}”?",
            subtitle=None,
            version=version,
            changes=[change for change in changes if change.changed],
            kept=[label for key, label in history.FIELDS if key in services.KEPT_ON_REVERT],
        )
        return TemplateResponse(request, "admin/articles/article/revert.html", context)
