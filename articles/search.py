"""Searching published articles.

On PostgreSQL every article keeps a weighted search document in `Article.search_vector`
(GIN-indexed): its title (weight A); its dek, the titles of the works it discusses (of any kind),
the names their cards give (directors, artists, authors, translators, creators), their companies
(distributor, label, publisher, network, studio), books' ISBNs and its authors' names (B); its body
(C). `update_search_vectors()` rebuilds it, and the signals in `articles.signals` call it whenever
one of those sources changes. Readers' searches read a copy of it, `SearchEntry`, one row per
published article with the document kept in the row, which the same function writes (the desk's
search, over drafts too, reads the article's).
Results are ranked with `ts_rank` and come with `ts_headline` snippets. Ranking reads the whole
document of every match, so a query nearly every article matches ("film", in a film magazine)
ranks only the newest `SEARCH_RANKED_MATCHES` matches (1,000), and the page says there are more.

On any other database (SQLite for a local run) a plain case-insensitive match over the same
fields stands in, ranked the same way (title over dek over body), with snippets cut around
the first match.
"""

from __future__ import annotations

import html
import operator
import re
from dataclasses import dataclass, field
from functools import reduce

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.db import connections
from django.db.models import Case, F, Func, OuterRef, Q, QuerySet, Subquery, TextField, Value, When
from django.db.models.functions import (
    Coalesce,
    Concat,
    Greatest,
    Length,
    Lower,
    NullIf,
    Replace,
    StrIndex,
    Substr,
)
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from films.models import CARD_ROLES, Credit

from .models import Article, ArticleAuthor, ArticleWork, SearchEntry, card_prefetches
from .text import plain_text

# Longest query we search for; anything beyond is dropped (and the reader told).
MAX_QUERY_LENGTH = 200
# At most this many words take part in a query.
MAX_QUERY_WORDS = 12
# Markers for ts_headline: private-use characters no article contains, swapped for <mark> after escaping.
_START, _STOP = "\ue000", "\ue001"
# How much of an article's body (characters of its HTML) a search result's snippet is cut from.
HEADLINE_WINDOW = 1500
_TAG = re.compile(r"<[^>]*>")
_CUT_TAG = re.compile(r"^[^<>]*>|<[^>]*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000\ue001]")


def config() -> str:
    return getattr(settings, "SEARCH_CONFIG", "english")


def uses_full_text(using: str = "default") -> bool:
    return connections[using].vendor == "postgresql"


# --- Keeping the search document current ------------------------------------------------


def _joined(queryset: QuerySet, field_name: str) -> Func:
    """The values of `field_name` over `queryset` (filtered by OuterRef), joined by spaces."""
    return Func(
        ArraySubquery(queryset.order_by().values(field_name)),
        Value(" "),
        function="array_to_string",
        output_field=TextField(),
    )


# The companies a work's kind names, as paths from a work: searching a label finds its albums' reviews.
COMPANIES = (
    "film__distributor",
    "album__label",
    "book__publisher",
    "tv_series__network",
    "tv_season__series__network",
    "game__studio",
    "game__publisher",
)


def search_document() -> SearchVector:
    """The weighted tsvector of an article, as an expression over its row and related rows."""
    works = ArticleWork.objects.filter(article=OuterRef("pk"))
    people = Credit.objects.filter(role__in=CARD_ROLES, work__article_links__article=OuterRef("pk"))
    authors = ArticleAuthor.objects.filter(article=OuterRef("pk"))
    return (
        SearchVector("title", weight="A", config=config())
        + SearchVector(
            "dek",
            _joined(works, "work__title"),
            _joined(people, "person__name"),
            *(_joined(works, f"work__{company}__name") for company in COMPANIES),
            _joined(works, "work__book__isbn"),
            _joined(authors, "author__name"),
            weight="B",
            config=config(),
        )
        + SearchVector("body", weight="C", config=config())
    )


def update_search_vectors(
    articles: QuerySet[Article] | list[int] | None = None, using: str = "default", *, related_only: bool = False
) -> int:
    """Rebuild the search document of `articles` (a queryset or ids; all articles if None), and
    their search entries.

    `related_only` when what changed is a row the documents are built from (a byline, a work, a
    name), never an article's status or times: the entries there are get their new documents and
    none is added or removed. A byline deleted along with its article must not write the entry
    the deletion has just removed back.

    Two statements, whatever the number of articles. A no-op on databases without
    full-text search.
    """
    if not uses_full_text(using):
        return 0
    updated = update_search_documents(articles, using=using)
    if related_only:
        document = Article.objects.filter(pk=OuterRef("article")).values("search_vector")
        SearchEntry.objects.using(using).filter(article__in=_chosen(articles, using).values("pk")).update(
            document=Coalesce(Subquery(document), Value("", SearchVectorField()))
        )
    else:
        update_search_entries(articles, using=using)
    return updated


def _chosen(articles: QuerySet[Article] | list[int] | None, using: str) -> QuerySet[Article]:
    queryset = Article.objects.using(using)
    if articles is None:
        return queryset
    ids = articles.values("pk") if isinstance(articles, QuerySet) else list(articles)
    return queryset.filter(pk__in=ids)


def update_search_documents(articles: QuerySet[Article] | list[int] | None = None, using: str = "default") -> int:
    """Rebuild `Article.search_vector` of `articles` (all if None), in one UPDATE (PostgreSQL only)."""
    return _chosen(articles, using).update(search_vector=search_document())


def update_search_entries(articles: QuerySet[Article] | list[int] | None = None, using: str = "default") -> None:
    """Bring the search entries of `articles` (all if None) in step with the articles' rows
    (PostgreSQL only): a published article's entry gets its document and times, written or added;
    the entry of any other leaves the table. One statement, whatever the number of articles."""
    chosen = _chosen(articles, using).order_by()
    published = chosen.filter(status=Article.Status.PUBLISHED).values_list(
        "pk", "publish_at", "embargo_until", Coalesce("search_vector", Value("", SearchVectorField()))
    )
    others = chosen.exclude(status=Article.Status.PUBLISHED).values("pk")
    select, params = published.query.sql_with_params()
    others_select, others_params = others.query.sql_with_params()
    table = connections[using].ops.quote_name(SearchEntry._meta.db_table)
    # INSERT … SELECT: the documents go from row to row inside the database, never through Python.
    # The DELETE and the INSERT touch different articles' entries, so one statement can do both.
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"WITH gone AS (DELETE FROM {table} WHERE article_id IN ({others_select}))"
            f" INSERT INTO {table} (article_id, publish_at, embargo_until, document) {select}"
            " ON CONFLICT (article_id) DO UPDATE SET publish_at = EXCLUDED.publish_at,"
            " embargo_until = EXCLUDED.embargo_until, document = EXCLUDED.document",
            (*others_params, *params),
        )


# --- Queries ------------------------------------------------------------------------------


@dataclass
class CleanQuery:
    """What the reader typed, made safe to search for."""

    raw: str
    text: str = ""
    words: list[str] = field(default_factory=list)
    truncated: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.words


def clean_query(raw: str | None) -> CleanQuery:
    """Strip control characters, collapse whitespace, cap the length and the number of words."""
    raw = raw or ""
    text = " ".join(_CONTROL.sub(" ", raw).split())
    truncated = False
    if len(text) > MAX_QUERY_LENGTH:
        text, truncated = text[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0] or text[:MAX_QUERY_LENGTH], True
    words = re.findall(r"\w[\w’'-]*", text)
    if len(words) > MAX_QUERY_WORDS:
        words, truncated = words[:MAX_QUERY_WORDS], True
        text = " ".join(words)
    return CleanQuery(raw=raw, text=text, words=words, truncated=truncated)


def _highlight(fragment: str) -> SafeString:
    """A ts_headline fragment as safe HTML: markup dropped, text escaped, matches in <mark>."""
    # A snippet cut from a window of the body may begin or end inside a tag.
    fragment = _CUT_TAG.sub(" ", fragment)
    text = " ".join(html.unescape(_TAG.sub(" ", fragment)).split())
    return mark_safe(escape(text).replace(_START, "<mark>").replace(_STOP, "</mark>"))


def _html_escaped(field_name: str) -> Func:
    escaped = F(field_name)
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        escaped = Replace(escaped, Value(char), Value(entity))
    return escaped


def _public(kinds) -> QuerySet[Article]:
    """What a search looks through: published articles, about works of `kinds` when given."""
    published = Article.objects.published()
    return published.about_kinds(kinds) if kinds else published


def _entries(kinds):
    """The search entries of public articles, about works of `kinds` when given."""
    entries = SearchEntry.objects.public()
    return (
        entries.filter(article__in=ArticleWork.objects.filter(work__kind__in=kinds).values("article"))
        if kinds
        else entries
    )


def full_text_results(query: CleanQuery, *, any_word: bool = False, kinds=None) -> RankedMatches:
    """Published articles matching `query`, best first; a slice of them has their `headline`.

    Uses websearch syntax ("quoted phrases", -exclusions, or), which never raises on odd input.
    With `any_word`, an article matching one of the words is enough; with `kinds`, only articles
    about a work of those kinds count.
    """
    text = " or ".join(query.words) if any_word else query.text
    tsquery = SearchQuery(text, search_type="websearch", config=config())
    # One query finds the matches through the GIN index and ranks them while it holds their
    # documents: the newest thousand, as ranking all 18,600 matches of "film" on the bench corpus
    # took 150 ms. Their order and number are then known, so no query counts them and only the
    # page being shown is fetched, with its snippets.
    matches = (
        _entries(kinds)
        .filter(document=tsquery)
        .annotate(rank=SearchRank(F("document"), tsquery))
        .order_by("-publish_at", "-article")
        .values_list("article", "rank")[: settings.SEARCH_RANKED_MATCHES]
    )
    # Newest first already: a stable sort keeps that order among equal ranks.
    best_first = sorted(matches, key=lambda match: match[1], reverse=True)
    return RankedMatches([pk for pk, _ in best_first], tsquery, query.words)


class RankedMatches:
    """The ids of full-text matches, best first, that fetch their articles a slice at a time.

    Slicing gives the articles, ready for cards and with their `headline`; `len()` and `count()`
    cost nothing, so a Paginator pages it without a COUNT query.
    """

    def __init__(self, ids: list[int], tsquery: SearchQuery, words: list[str]) -> None:
        self.ids = ids
        self.tsquery = tsquery
        self.words = words

    def __len__(self) -> int:
        return len(self.ids)

    def count(self) -> int:
        return len(self.ids)

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, index: int | slice):
        if not isinstance(index, slice):
            return self[index : index + 1 or None][0]
        ids = self.ids[index]
        if not ids:
            return []
        articles = (
            Article.objects.filter(pk__in=ids)
            .annotate(headline=self._headline(_window(self.words)), body_length=Length("body"))
            .defer("body", "search_vector")
            .select_related("section", "hero")
            .prefetch_related(*card_prefetches())
            # Put in rank order below: ordering them here cost 1 ms of compiling the big annotation.
            .order_by()
            .in_bulk()
        )
        # A window with no match in it (a word the body has only in another form, or not at all):
        # those few get their snippet from the whole body.
        missed = [
            pk
            for pk, article in articles.items()
            if _START not in article.headline and article.body_length > HEADLINE_WINDOW
        ]
        if missed:
            whole = Article.objects.filter(pk__in=missed).order_by().annotate(headline=self._headline(F("body")))
            for pk, headline in whole.values_list("pk", "headline"):
                articles[pk].headline = headline
        return [articles[pk] for pk in ids if pk in articles]

    def _headline(self, body) -> SearchHeadline:
        return SearchHeadline(
            # The dek is plain text and the body HTML: escape the dek so both read as HTML.
            Concat(_html_escaped("dek"), Value(" · "), body, output_field=TextField()),
            self.tsquery,
            config=config(),
            start_sel=_START,
            stop_sel=_STOP,
            max_words=40,
            min_words=18,
            max_fragments=2,
            fragment_delimiter=" … ",
        )


def _window(words: list[str]) -> Func:
    """The part of the body around where the last of `words` to appear first appears (its start
    if none does).

    ts_headline parses all it is given, 2-3 ms for an essay: a window of it is a fifth of that.
    The rarest word tends to appear last, and common ones (film, the) are anywhere, so the window
    tends to hold every word of the query, which a snippet needs. A word is looked for by its
    first letters, so that other forms of it ("films", "film") are found too; a window that has
    no match after all is made up for by the caller.
    """
    # Every mention of the body in the SQL reads it again: once per word, and once for the window.
    found = [NullIf(StrIndex(Lower("body"), Value(_stem_guess(word))), Value(0)) for word in words]
    first = Coalesce(Greatest(*found) if len(found) > 1 else found[0], Value(1))
    start = Greatest(Value(1), first - Value(HEADLINE_WINDOW // 3))
    # Whole words only: what may be a piece of one is dropped at either end (the body's own start
    # and end are tags, which stay).
    window = _regexp_replace(Substr("body", start, HEADLINE_WINDOW), r"^[^\s<]*")
    return _regexp_replace(window, r"[^\s>]*$")


def _stem_guess(word: str) -> str:
    """The first letters of `word` that its other forms likely share ("lighthouses": "lighthou")."""
    return word.lower()[: max(4, len(word) - 3)]


def _regexp_replace(text, pattern: str, replacement: str = "") -> Func:
    return Func(text, Value(pattern), Value(replacement), function="regexp_replace", output_field=TextField())


# What a word found in each part of an article adds to its rank in the fallback: ts_rank's own
# weights for the parts of the search document (A 1.0, B 0.4, C 0.2), in tenths.
FALLBACK_WEIGHTS = {"title": 10, "named": 4, "body": 2}


def fallback_results(query: CleanQuery, *, any_word: bool = False, kinds=None) -> QuerySet[Article]:
    """Published articles that contain every word (or, with `any_word`, one of them) somewhere
    in the searched fields, best first, as full-text search ranks them: each word counts where it
    weighs most (the title, then the dek, films, directors and authors, then the body), and
    equal ranks go newest first."""
    parts = [_fallback_parts(word) for word in query.words]
    conditions = [reduce(operator.or_, found.values()) for found in parts]
    if any_word:
        conditions = [reduce(operator.or_, conditions)]
    rank = reduce(
        operator.add,
        (
            Case(
                *(When(condition, then=Value(FALLBACK_WEIGHTS[part])) for part, condition in found.items()),
                default=Value(0),
            )
            for found in parts
        ),
    )
    return _public(kinds).filter(*conditions).alias(rank=rank).order_by(F("rank").desc(), "-publish_at", "-pk")


def _named_company(word: str) -> Q:
    condition = Q()
    for company in COMPANIES:
        condition |= Q(**{f"work__{company}__name__icontains": word})
    return condition


def _fallback_parts(word: str) -> dict[str, Q]:
    """Where `word` may be found, by the part of the search document it belongs to."""
    return {
        "title": Q(title__icontains=word),
        "named": Q(dek__icontains=word)
        | Q(pk__in=ArticleWork.objects.filter(work__title__icontains=word).values("article"))
        | Q(
            pk__in=ArticleWork.objects.filter(
                work__credits__role__in=CARD_ROLES, work__credits__person__name__icontains=word
            ).values("article")
        )
        | Q(pk__in=ArticleWork.objects.filter(_named_company(word)).values("article"))
        | Q(pk__in=ArticleWork.objects.filter(work__book__isbn=word.replace("-", "")).values("article"))
        | Q(pk__in=ArticleAuthor.objects.filter(author__name__icontains=word).values("article")),
        "body": Q(body__icontains=word),
    }


def desk_matches(articles: QuerySet[Article], raw: str) -> QuerySet[Article]:
    """Of `articles` (any state: the admin's list), those whose text matches what was typed.

    The desk searches the documents readers search, the body included: full-text on PostgreSQL
    (web-search syntax, stemmed, through the GIN index), and on other databases every word
    somewhere in the title, dek or body. Empty for an empty query.
    """
    query = clean_query(raw)
    if query.is_empty:
        return articles.none()
    if uses_full_text(articles.db):
        return articles.filter(search_vector=SearchQuery(query.text, search_type="websearch", config=config()))
    return articles.filter(
        *(Q(title__icontains=word) | Q(dek__icontains=word) | Q(body__icontains=word) for word in query.words)
    )


def more_than_ranked(total: int) -> bool:
    """Whether `total` results are the ranked few of more matches (full-text search only)."""
    return uses_full_text() and total >= settings.SEARCH_RANKED_MATCHES


def search(
    query: CleanQuery, *, full_text: bool | None = None, any_word: bool = False, kinds=None
) -> QuerySet[Article] | RankedMatches:
    """The matching published articles, ready for cards; empty for an empty query. With `kinds`
    (films.models.Work.Kind values), only those about a work of one of them.

    Either way the result can be sliced, counted and paged like a queryset.
    """
    if query.is_empty:
        return Article.objects.none()
    use_full_text = uses_full_text() if full_text is None else full_text
    if use_full_text:
        # The snippet comes from the database: the page never loads a body.
        return full_text_results(query, any_word=any_word, kinds=kinds)
    # The snippet is cut in Python from the body.
    return (
        fallback_results(query, any_word=any_word, kinds=kinds)
        .defer("search_vector")
        .select_related("section", "hero")
        .prefetch_related(*card_prefetches())
    )


def snippet(article: Article, query: CleanQuery, *, length: int = 220) -> SafeString:
    """The highlighted extract shown under a result."""
    headline = getattr(article, "headline", None)
    if headline:
        return _highlight(headline)
    return _fallback_snippet(article, query, length=length)


def _fallback_snippet(article: Article, query: CleanQuery, *, length: int) -> SafeString:
    """Cut the dek or body around the first word found, escape it, and mark every word."""
    text = " ".join(part for part in (article.dek, plain_text(article.body)) if part)
    lowered = text.lower()
    positions = [lowered.find(word.lower()) for word in query.words]
    found = [position for position in positions if position >= 0]
    start = max(0, min(found) - length // 3) if found else 0
    if start:
        start = text.find(" ", start) + 1 or start
    extract = text[start : start + length]
    if start + length < len(text):
        extract = extract.rsplit(" ", 1)[0] + " …"
    if start:
        extract = "… " + extract
    escaped = escape(extract)
    pattern = "|".join(re.escape(escape(word)) for word in sorted(query.words, key=len, reverse=True))
    if pattern:
        escaped = re.sub(f"({pattern})", r"<mark>\1</mark>", escaped, flags=re.IGNORECASE)
    return mark_safe(escaped)
