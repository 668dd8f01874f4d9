"""The old WordPress addresses, answered with a 301 to where their content lives now.

Old permalinks, /category/…, /tag/…, /author/…, uploads and their feeds are kept as paths
(`OldAddress`) and looked up only when our own URLs answer 404, so they cost nothing to the
pages that exist. WordPress's query forms (/?p=123, ?page_id=, ?cat=, ?tag=, ?author=,
?attachment_id=, ?feed=, ?s=, ?m=) are asked of the front page, whose stored copy the page
cache would serve (it keys on `q` and `page` only): `AnswerOldQueriesFirst` sends those
requests past the stored pages (magazine/wsgi.py) and `OldAddressMiddleware`, first in
the middleware, answers them before the page cache middleware does.

django.contrib.redirects was considered: it needs contrib.sites, stores one path → one URL,
and a target that moves (an article's slug changes, a section is renamed) would leave it
pointing at a 404. Keeping what each old address *was* lets the new address be worked out
at request time, and lets the query forms, which are not paths, be answered too.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode

from django.db.models import Case, IntegerField, Value, When
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article, Section
from authors.models import Author
from images.models import Image

from .body import upload_key
from .models import ImportedObject, OldAddress, old_path

Kind = ImportedObject.Kind

# The front page's query parameters that only WordPress used.
QUERY_KEYS = frozenset({"p", "page_id", "cat", "tag", "author", "attachment_id", "feed", "s", "m"})
FRONT_PATHS = frozenset({"/", "/index.php"})
_FEED = re.compile(r"^(?P<base>.*/)?feed/(?:(?:rss2?|rdf|atom)/)?$|^(?P<root>/(?:rss2?|atom|rdf)/)$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_DATE_ARCHIVE = re.compile(r"^/(\d{4})/(?:(\d{2})/(?:(\d{2})/)?)?$")


def is_old_query(path: str, query_string: str) -> bool:
    """Whether a request asks the front page something only WordPress understood (no database)."""
    if path not in FRONT_PATHS or not query_string:
        return False
    return any(key in QUERY_KEYS for key in parse_qs(query_string, keep_blank_values=True))


class AnswerOldQueriesFirst:
    """WSGI middleware: send WordPress's query forms past the stored pages, straight to Django.

    The page cache keys the front page on `q` and `page` only, so without this /?p=123 would be
    served the stored front page. Only the front page with one of WordPress's parameters goes
    by; every other request takes the usual way.
    """

    def __init__(self, stored_pages, django) -> None:
        self.stored_pages = stored_pages
        self.django = django

    def __call__(self, environ, start_response):
        if is_old_query(environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", "")):
            return self.django(environ, start_response)
        return self.stored_pages(environ, start_response)


class OldAddressMiddleware:
    """Answer WordPress's query forms on the front page, and any 404 that was a WordPress address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("GET", "HEAD") and is_old_query(request.path_info, request.META.get("QUERY_STRING", "")):
            target = query_target(request.GET, host=request.get_host())
            if target:
                return HttpResponsePermanentRedirect(target)
        response = self.get_response(request)
        if response.status_code == 404 and request.method in ("GET", "HEAD"):
            target = path_target(request.path_info)
            if target:
                return HttpResponsePermanentRedirect(target)
        return response


def _object(kind: str, wp_id: int, host: str) -> ImportedObject | None:
    """The imported object of `kind` and WordPress id, preferring the site that had this host name."""
    rows = ImportedObject.objects.filter(kind=kind, wp_id=wp_id, object_id__isnull=False)
    host_first = Case(
        When(site__regex=rf"^https?://{re.escape(host.split(':')[0].lower())}(/|$)", then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return rows.annotate(here=host_first).order_by("here", "-updated_at").first()


def _is_id(value: str) -> bool:
    """A WordPress id as a query gives it: ASCII digits that fit the database's 64-bit integers."""
    return value.isascii() and value.isdigit() and len(value) <= 18


def query_target(query, *, host: str = "") -> str | None:
    """Where /?p=123 and the other query forms go now, or None."""
    for key, kind in (
        ("p", Kind.POST),
        ("page_id", Kind.PAGE),
        ("cat", Kind.CATEGORY),
        ("author", Kind.AUTHOR),
        ("attachment_id", Kind.ATTACHMENT),
    ):
        value = query.get(key, "")
        if _is_id(value):
            row = _object(kind, int(value), host)
            if row is None and kind == Kind.POST:
                # ?p= also names pages and attachments.
                row = _object(Kind.ATTACHMENT, int(value), host)
            url = target(row, feed=bool(query.get("feed"))) if row else None
            if url:
                return url
    if query.get("tag"):
        return path_target(f"/tag/{query['tag'].split(',')[0].strip().lower()}/")
    if query.get("s"):
        return f"{reverse('articles:search')}?{urlencode({'q': query['s']})}"
    if _is_id(query.get("m", "")):
        return _archive(query["m"][:4], query["m"][4:6] or None)
    if query.get("feed"):
        return reverse("feed_atom" if query["feed"] == "atom" else "feed")
    return None


def path_target(path: str) -> str | None:
    """Where an old WordPress path goes now, or None: its permalink, its feed, a date archive."""
    normal = old_path(path)
    # No WordPress address holds a control character or runs past what OldAddress keeps.
    if not normal or normal == "/" or len(normal) > 500 or _CONTROL.search(normal):
        return None
    found = OldAddress.objects.filter(path=normal).select_related("imported").order_by("-imported__updated_at").first()
    if found:
        return target(found.imported)
    feed = _FEED.match(normal)
    if feed:
        if feed.group("root") or not feed.group("base") or feed.group("base") in ("/", "/comments/"):
            return reverse("feed_atom" if "atom" in normal else "feed")
        found = OldAddress.objects.filter(path=feed.group("base")).select_related("imported").first()
        if found:
            return target(found.imported, feed=True)
        return None
    if re.match(r"^/wp-content/uploads/", normal):
        # A size WordPress made of an upload ("still-300x200.jpg") is the same picture.
        key = upload_key(normal)
        found = OldAddress.objects.filter(path=f"/wp-content/uploads/{key}").select_related("imported").first()
        return target(found.imported) if found else None
    date = _DATE_ARCHIVE.match(normal)
    if date and ImportedObject.objects.filter(kind=Kind.POST).exists():
        return _archive(date.group(1), date.group(2))
    return None


def _archive(year: str, month: str | None) -> str | None:
    if not year.isdigit() or not 1000 <= int(year) <= 9999:
        return None
    if month and month.isdigit() and 1 <= int(month) <= 12:
        return reverse("articles:archive_month", kwargs={"year": int(year), "month": int(month)})
    return reverse("articles:archive_year", kwargs={"year": int(year)})


def target(row: ImportedObject, *, feed: bool = False) -> str | None:
    """The address of what `row` became, if readers can see it; its feed where there is one."""
    if row.object_id is None:
        return None
    if row.kind == Kind.POST:
        article = Article.objects.published().filter(pk=row.object_id).only("slug").first()
        # A post's feed was its comments' feed: the article's page shows them.
        return article.get_absolute_url() if article else None
    if row.kind == Kind.CATEGORY:
        slug = Section.objects.filter(pk=row.object_id).values_list("slug", flat=True).first()
        return _slug_address("section", slug, feed)
    if row.kind == Kind.TAG:
        slug = Tag.objects.filter(pk=row.object_id).values_list("slug", flat=True).first()
        return _slug_address("tag", slug, feed)
    if row.kind == Kind.AUTHOR:
        slug = Author.objects.filter(pk=row.object_id).values_list("slug", flat=True).first()
        return _slug_address("author", slug, feed)
    if row.kind == Kind.ATTACHMENT:
        image = Image.objects.filter(pk=row.object_id).first()
        return image.file.url if image else None
    return None


# The page and the feed of each kind of thing WordPress had an address for, by URL name.
SLUG_ADDRESSES = {
    "section": ("articles:section", "section_feed"),
    "tag": ("articles:tag", "tag_feed"),
    "author": ("authors:author", "author_feed"),
}


def _slug_address(name: str, slug: str | None, feed: bool) -> str | None:
    if not slug:
        return None
    page, feed_name = SLUG_ADDRESSES[name]
    return reverse(feed_name if feed else page, kwargs={"slug": slug})
