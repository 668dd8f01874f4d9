"""The article form's live parts: autosave, who else is editing, and the word count in the list.

A mixin for ArticleAdmin, with two small JSON endpoints the form's scripts call
(static/js/desk-autosave.js, static/js/desk-presence.js):

- `<id>/autosave/` (and `autosave/` for a new article): GET the caller's autosave, POST a new one,
  DELETE it. Only someone who may change the article (or add one) has one.
- `<id>/presence/`: POST a heartbeat, answered with who else has the form open; `leaving=1` says
  the form was closed.

Both answer a refusal or bad input with a 4xx and a JSON `{"error": "…"}` that says why.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format

from articles import autosave as autosaves
from articles import presence
from articles.services import describe_user, local_time
from core import pages


def _error(status: int, message: str, **headers) -> JsonResponse:
    response = JsonResponse({"error": message}, status=status)
    for name, value in headers.items():
        response[name] = value
    return response


def _clock(value) -> str:
    """A time of today as the desk reads it: 10:42 (a date before it when not today)."""
    local = timezone.localtime(value)
    if local.date() == timezone.localdate():
        return date_format(local, "H:i")
    return date_format(local, "j F Y, H:i")


def presence_message(others: list[presence.Presence]) -> str:
    """Who else is editing, in a sentence: "Rosa Lind has been editing this article since 10:42." """
    if not others:
        return ""
    people = [f"{describe_user(other.user)} (since {_clock(other.started_at)})" for other in others]
    if len(people) == 1:
        who = f"{describe_user(others[0].user)} has been editing this article since {_clock(others[0].started_at)}."
    else:
        who = f"{', '.join(people[:-1])} and {people[-1]} are editing this article too."
    return f"{who} Agree who saves first: the later save is refused, with nothing overwritten."


class ArticleEditingAdminMixin:
    """Autosave, presence and word counts for the article admin (before admin.ModelAdmin in the bases)."""

    @admin.display(description="words", ordering="word_count")
    def words(self, article) -> str:
        return f"{article.word_count:,}"

    def get_urls(self):
        def view(function):
            # Drafts and who is here: the desk's own rows, on no reader's page.
            return pages.changes_no_page(self.admin_site.admin_view(function))

        return [
            path("autosave/", view(self.autosave_view), name="articles_article_autosave_new"),
            path("<path:object_id>/autosave/", view(self.autosave_view), name="articles_article_autosave"),
            path("<path:object_id>/presence/", view(self.presence_view), name="articles_article_presence"),
            *super().get_urls(),
        ]

    # The form ---------------------------------------------------------------------

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        editable = self.has_change_permission(request, obj) if obj is not None else self.has_add_permission(request)
        if editable and not context.get("is_popup"):
            offer = autosaves.autosave_to_offer(article=obj, user=request.user)
            context["desk_editing"] = {
                "autosave_url": self._autosave_url(obj),
                "autosave_seconds": autosaves.INTERVAL_SECONDS,
                "offer": offer,
                "offer_time": _clock(offer.updated_at) if offer else "",
                # Someone saved the article after the form this autosave came from was opened.
                "offer_over": obj is not None
                and offer is not None
                and offer.base_version is not None
                and offer.base_version != obj.lock_version,
            }
            if offer is not None and obj is not None:
                context["desk_editing"].update(
                    {
                        "saved_by": describe_user(obj.updated_by) if obj.updated_by_id else "",
                        "saved_time": local_time(obj.updated_at),
                    }
                )
            if obj is not None:
                others = presence.others_editing(article=obj, user=request.user)
                context["desk_editing"].update(
                    {
                        "presence_url": reverse("admin:articles_article_presence", args=[quote(obj.pk)]),
                        "heartbeat_seconds": presence.HEARTBEAT_SECONDS,
                        "presence_message": presence_message(others),
                    }
                )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        # Read before the save (an add has no article yet), so that the right autosave goes.
        article = obj if change else None
        super().save_model(request, obj, form, change)
        # What was autosaved is saved now: it is no longer "unsaved changes" to offer.
        autosaves.autosave_discard(article=article, user=request.user)

    def _autosave_url(self, article) -> str:
        if article is None:
            return reverse("admin:articles_article_autosave_new")
        return reverse("admin:articles_article_autosave", args=[quote(article.pk)])

    # The endpoints -----------------------------------------------------------------

    def _editable_article(self, request, object_id):
        """(article, None), or (None, an error response): the article must exist and be the caller's to change."""
        if object_id is None:
            if not self.has_add_permission(request):
                return None, _error(403, "You may not write articles, so there is no autosave of yours to keep.")
            return None, None
        article = self.get_object(request, unquote(object_id))
        if article is None:
            return None, _error(404, "There is no such article: it may have been deleted.")
        if not self.has_change_permission(request, article):
            return None, _error(403, "You may not edit this article, so it keeps no autosave or presence of yours.")
        return article, None

    def autosave_view(self, request, object_id=None):
        """GET, POST or DELETE the caller's autosave of the article (or of their new article)."""
        if request.method not in {"GET", "POST", "DELETE"}:
            methods = "GET, POST, DELETE"
            return _error(405, "Use GET to read the autosave, POST to save one, DELETE to discard it.", Allow=methods)
        article, refusal = self._editable_article(request, object_id)
        if refusal is not None:
            return refusal
        user = request.user
        if request.method == "GET":
            saved = autosaves.autosave_of(article=article, user=user)
            if saved is None:
                return _error(404, "There is no autosave of yours for this article.")
            return JsonResponse(
                {
                    "fields": saved.fields,
                    "labels": saved.data.get("labels", {}),
                    "lock_version": saved.base_version,
                    "saved_at": saved.updated_at.isoformat(),
                    "message": f"Restored your changes of {_clock(saved.updated_at)}. Save to keep them.",
                }
            )
        if request.method == "DELETE":
            autosaves.autosave_discard(article=article, user=user)
            return JsonResponse({"message": "Your unsaved changes were discarded."})
        try:
            sent = autosaves.parse(request.body)
        except RequestDataTooBig:
            return _error(413, "The autosave is too large to keep; save the article instead.")
        except autosaves.AutosaveRefused as refused:
            return _error(400, str(refused))
        saved = autosaves.autosave_store(article=article, user=user, sent=sent)
        return JsonResponse(
            {"saved_at": saved.updated_at.isoformat(), "message": f"Autosaved at {_clock(saved.updated_at)}."}
        )

    def presence_view(self, request, object_id):
        """A heartbeat from an open change form: answers who else has it open, since when."""
        if request.method != "POST":
            return _error(405, "Send the heartbeat with POST.", Allow="POST")
        article, refusal = self._editable_article(request, object_id)
        if refusal is not None:
            return refusal
        if request.POST.get("leaving"):
            presence.presence_leave(article=article, user=request.user)
            return HttpResponse(status=204)
        others = presence.presence_beat(article=article, user=request.user)
        return JsonResponse(
            {
                "others": [
                    {"name": describe_user(other.user), "since": other.started_at.isoformat()} for other in others
                ],
                "message": presence_message(others),
            }
        )
