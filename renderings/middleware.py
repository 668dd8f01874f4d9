from __future__ import annotations

from django.db import transaction
from django.urls import Resolver404, resolve

from . import changes

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


class RenderInTransaction:
    """Every request that may write runs in one transaction, and the renderings of what it changed
    are written in it before it commits: the editor's save and its page, the moderator's approval
    and the article's comments land together, or not at all.

    Only the request's own changes: what its thread had pending before (a test's writes, whose
    transaction never commits) waits for the next read of a stored page, or its commit.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    @staticmethod
    def changes_no_page(request) -> bool:
        """A view marked with core.pages.changes_no_page: no transaction or rendering around it."""
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return False
        return getattr(match.func, "changes_no_page", False)

    def __call__(self, request):
        if request.method in SAFE_METHODS or self.changes_no_page(request):
            return self.get_response(request)
        outermost = not transaction.get_connection().in_atomic_block
        # No savepoint inside a transaction of the caller's (a test's): it adds nothing there.
        with changes.request_scope(), transaction.atomic(savepoint=False):
            response = self.get_response(request)
            if response.status_code >= 500:
                # The view failed (its exception became this answer): what it wrote goes with it.
                if outermost:
                    transaction.set_rollback(True)
            else:
                changes.flush()
        return response
