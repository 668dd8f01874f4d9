"""Stored page headers: the header of every page about one thing, rendered when what it shows changes.

A work's page (of any kind), a person's, a company's, an author's, a section's and a tag's show a
header (title, facts, a work's card, credits, tracks, seasons or episodes, a person's work by
role; the head's metadata and JSON-LD) above a list of articles. The page's own view renders it
(core/views.py `AboutPageView.header_parts`); this module stores what it renders in `PageHeader`
rows, one per object, and hands them back to the pages through core/headers.py.

Each kind is a registered Renderer (renderings/registry.py): "work-header", "person-header",
"company-header", "author-header", "section-header" and "tag-header", each with `render(ids)`,
`check(ids)` and `all_ids()`.

What a change touches is `headers_touched_by(model, instance)`: the headers that show the row,
by renderer name. No header shows anything of articles (a tag's count of articles and a section's
page line are the list's, filled in per request), so publishing or unpublishing one touches none.

Until the shared machinery of renderings/changes.py takes over, the receivers at the bottom mark
what a change touches with `mark()`, which renders at once, in the writer's transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import JSONField, Model, OuterRef, Q, QuerySet, Subquery
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.utils import timezone
from taggit.models import Tag

from articles.models import Section
from articles.views import SectionDetailView, TagDetailView
from authors.models import Author
from authors.views import AuthorDetailView
from core import headers
from core.headers import HeaderParts
from core.views import AboutPageView
from films import views as film_views
from films.merging import records_merged
from films.models import (
    Album,
    Book,
    Company,
    Credit,
    Episode,
    Film,
    Game,
    Person,
    Platform,
    Proposal,
    Season,
    Series,
    Track,
    Work,
)
from films.models.base import COMPANY_PARTS
from films.services import proposals_confirmed
from images.models import Image

from . import changes, registry
from .models import PageHeader
from .registry import Difference, Renderer

WORK, PERSON, COMPANY, AUTHOR, SECTION, TAG = (
    "work-header",
    "person-header",
    "company-header",
    "author-header",
    "section-header",
    "tag-header",
)
WORK_KINDS = (Work, Film, Album, Book, Series, Season, Episode, Game)
_OWN_PAGES = ((WORK, Work), (PERSON, Person), (COMPANY, Company), (AUTHOR, Author), (SECTION, Section), (TAG, Tag))


@dataclass(frozen=True)
class HeaderKind:
    name: str
    # The model whose content type keys the rows (Work's for works of every kind: one id space).
    model: type[Model]
    # The page view that renders an object's header: by the work's kind for works, else under "".
    views: dict[str, type[AboutPageView]]
    # Which of `model`'s objects have a page.
    public: Q = field(default_factory=Q)

    @property
    def label(self) -> str:
        return self.model._meta.model_name

    def content_type_id(self) -> int:
        # Cached by Django after the first call in a process: no query.
        return ContentType.objects.get_for_model(self.model).pk

    def public_ids(self) -> QuerySet:
        return self.model._default_manager.filter(self.public).order_by("pk").values_list("pk", flat=True)

    def fetch(self, ids: set[int]) -> Iterator[tuple[type[AboutPageView], Model]]:
        """The objects of `ids` that have a page, with all their header shows, and the view of each."""
        if self.model is Work:
            by_kind: dict[str, list[int]] = defaultdict(list)
            for pk, kind in Work.objects.filter(pk__in=ids).values_list("pk", "kind"):
                by_kind[kind].append(pk)
            groups = [(self.views[kind], pks) for kind, pks in by_kind.items()]
        else:
            groups = [(self.views[""], list(ids))]
        for view, pks in groups:
            for obj in view().get_header_queryset().filter(pk__in=pks):
                yield view, obj

    def rendered(self, ids: set[int]) -> dict[int, HeaderParts]:
        return {obj.pk: view.header_parts(obj) for view, obj in self.fetch(ids)}

    def rows(self, ids: set[int]) -> QuerySet[PageHeader]:
        return PageHeader.objects.filter(content_type_id=self.content_type_id(), object_id__in=ids)


KINDS = [
    HeaderKind(
        WORK,
        Work,
        {
            Work.Kind.FILM: film_views.FilmDetailView,
            Work.Kind.ALBUM: film_views.AlbumDetailView,
            Work.Kind.BOOK: film_views.BookDetailView,
            Work.Kind.SERIES: film_views.SeriesDetailView,
            Work.Kind.SEASON: film_views.SeasonDetailView,
            Work.Kind.EPISODE: film_views.EpisodeDetailView,
            Work.Kind.GAME: film_views.GameDetailView,
        },
        # A writer's proposal has no page until an editor confirms it.
        ~Q(film__status=Proposal.PENDING),
    ),
    HeaderKind(PERSON, Person, {"": film_views.PersonDetailView}, Q(status=Proposal.CONFIRMED)),
    HeaderKind(COMPANY, Company, {"": film_views.CompanyDetailView}),
    HeaderKind(AUTHOR, Author, {"": AuthorDetailView}),
    HeaderKind(SECTION, Section, {"": SectionDetailView}),
    HeaderKind(TAG, Tag, {"": TagDetailView}),
]
BY_NAME = {kind.name: kind for kind in KINDS}


def _kind_of(model: type[Model]) -> HeaderKind | None:
    if issubclass(model, Work):
        return BY_NAME[WORK]
    return next((kind for kind in KINDS if kind.model is model), None)


# --- Writing, checking, reading --------------------------------------------------------------


def render(name: str, ids: Iterable[int]) -> None:
    """Store the headers of these objects as their pages show them now; delete those of objects
    that no longer have a page (deleted, or a proposal). A row whose parts did not change is left
    as it is, its version too."""
    kind, ids = BY_NAME[name], {int(pk) for pk in ids}
    if not ids:
        return
    rendered = kind.rendered(ids)
    with transaction.atomic():
        stored = {row.object_id: row for row in kind.rows(ids).select_for_update()}
        if gone := [pk for pk in stored if pk not in rendered]:
            kind.rows(set(gone)).delete()
        now, content_type_id = timezone.now(), kind.content_type_id()
        new, changed = [], []
        for pk, parts in rendered.items():
            row = stored.get(pk)
            if row is None:
                new.append(PageHeader(content_type_id=content_type_id, object_id=pk, parts=parts, rendered_at=now))
            elif row.parts != parts:
                row.parts, row.version, row.rendered_at = parts, row.version + 1, now
                changed.append(row)
        # Two writers may render a new object at once: the later one's rendering is kept.
        PageHeader.objects.bulk_create(
            new,
            update_conflicts=True,
            unique_fields=["content_type", "object_id"],
            update_fields=["parts", "rendered_at"],
        )
        PageHeader.objects.bulk_update(changed, ["parts", "version", "rendered_at"])


def check(name: str, ids: Iterable[int]) -> list[Difference]:
    """Render these objects' headers in memory and list where the stored ones differ."""
    kind, ids = BY_NAME[name], {int(pk) for pk in ids}
    rendered = kind.rendered(ids)
    stored = dict(kind.rows(ids).values_list("object_id", "parts"))
    differences = []
    for pk in sorted(ids):
        want, have = rendered.get(pk), stored.get(pk)
        if want == have:
            continue
        if have is None:
            detail = "not stored"
        elif want is None:
            detail = "stored, but it has no page (deleted, or a proposal)"
        else:
            detail = "; ".join(_difference(part, have.get(part), want.get(part)) for part in _differing(have, want))
        differences.append(Difference(name, f"{kind.label} {pk} header", detail))
    return differences


def _differing(have: dict, want: dict) -> list[str]:
    return [part for part in sorted({*have, *want}) if have.get(part) != want.get(part)]


def _difference(part: str, have, want) -> str:
    if not isinstance(have, str) or not isinstance(want, str):
        return f"{part}: stored {have!r}, rendered {want!r}"
    at = next((i for i, (a, b) in enumerate(zip(have, want, strict=False)) if a != b), min(len(have), len(want)))
    return f"{part} differs at character {at}: stored {have[at : at + 60]!r}, rendered {want[at : at + 60]!r}"


def with_stored(queryset: QuerySet) -> QuerySet:
    """`queryset`'s objects with their stored header parts (core/headers.py asks), in its own query."""
    kind = _kind_of(queryset.model)
    if kind is None:
        return queryset
    # What this thread changed and has not rendered yet (a test's writes, which never commit).
    changes.flush_pending()
    rows = PageHeader.objects.filter(content_type_id=kind.content_type_id(), object_id=OuterRef("pk"))
    return queryset.annotate(
        **{
            headers.ANNOTATION: Subquery(rows.values("parts")[:1], output_field=JSONField()),
            headers.VERSION_ANNOTATION: Subquery(rows.values("version")[:1]),
        }
    )


# --- What a change touches ---------------------------------------------------------------------

Touched = dict[str, set[int]]


def headers_touched_by(model: type[Model], instance: Model) -> Touched:
    """The page headers that show `instance` as it is in the database now, by renderer name.

    - a work of any kind: its own; the people it credits (their work by role names it); the
      companies that put it out (they list it); a series' seasons and episodes (their cards name
      it), a season's series (which lists it) and episodes, an episode's season;
    - a person: their own, and the works crediting them (card, credits, JSON-LD);
    - a company: its own, and the works it put out (their cards name it), with a network's
      seasons and episodes;
    - a credit: its work's and its person's; a track: its album's; a platform: its games'
      (and a game's platforms changed: the game's);
    - a picture: the works, people and authors it portrays;
    - an author, a section, a tag: their own.
    Articles touch none (module docstring).
    """
    touched: Touched = defaultdict(set)
    if issubclass(model, Work):
        # A work saved as a Work (the desk's list of every kind): its kind's row names its relations.
        work = instance.specific if type(instance) is Work and instance.kind else instance
        touched[WORK].add(work.pk)
        touched[PERSON].update(Credit.objects.filter(work_id=work.pk).values_list("person_id", flat=True))
        for company_field in ("distributor_id", "label_id", "publisher_id", "network_id", "studio_id"):
            if company_id := getattr(work, company_field, None):
                touched[COMPANY].add(company_id)
        if isinstance(work, Series):
            seasons = list(Season.objects.filter(series_id=work.pk).values_list("pk", flat=True))
            touched[WORK].update(seasons, Episode.objects.filter(season_id__in=seasons).values_list("pk", flat=True))
        elif isinstance(work, Season):
            touched[WORK].add(work.series_id)
            touched[WORK].update(Episode.objects.filter(season_id=work.pk).values_list("pk", flat=True))
        elif isinstance(work, Episode):
            touched[WORK].add(work.season_id)
    elif model is Person:
        touched[PERSON].add(instance.pk)
        touched[WORK].update(Credit.objects.filter(person_id=instance.pk).values_list("work_id", flat=True))
    elif model is Company:
        touched[COMPANY].add(instance.pk)
        for _, related in COMPANY_PARTS:
            touched[WORK].update(getattr(instance, related).values_list("pk", flat=True))
        touched[WORK].update(
            Work.objects.filter(
                Q(tv_season__series__network=instance) | Q(episode__season__series__network=instance)
            ).values_list("pk", flat=True)
        )
    elif model is Credit:
        touched[WORK].add(instance.work_id)
        touched[PERSON].add(instance.person_id)
    elif model is Track:
        touched[WORK].add(instance.album_id)
    elif model is Platform:
        touched[WORK].update(instance.games.values_list("pk", flat=True))
    elif model is Image:
        touched[WORK].update(Work.objects.filter(picture=instance).values_list("pk", flat=True))
        touched[PERSON].update(Person.objects.filter(portrait=instance).values_list("pk", flat=True))
        touched[AUTHOR].update(Author.objects.filter(portrait=instance).values_list("pk", flat=True))
    elif (kind := _kind_of(model)) is not None:
        touched[kind.name].add(instance.pk)
    return {name: ids - {None} for name, ids in touched.items() if ids - {None}}


def _merge(*touches: Touched) -> Touched:
    merged: Touched = defaultdict(set)
    for touched in touches:
        for name, ids in touched.items():
            merged[name].update(ids)
    return merged


def mark(name: str, ids: Iterable[int]) -> None:
    """These objects' headers are stale: rendered in the writer's transaction (changes.py)."""
    changes.mark(ids, (name,))


def mark_later(name: str, ids: Iterable[int]) -> None:
    """These objects' headers are stale because of a change to another: the worker renders them."""
    ids = frozenset(ids)
    if ids:
        changes.mark_later(("headers", name, ids), (name,), lambda: ids)


def _own(sender, instance) -> Touched:
    """The headers that show the changed row itself, rendered with the change: the object's own
    page; a credit's or a track's work and person (its whole page is about them)."""
    if sender in (Credit, Track):
        return headers_touched_by(sender, instance)
    for name, models in _OWN_PAGES:
        if issubclass(sender, models):
            return {name: {instance.pk}}
    return {}


def _mark_all(touched: Touched, own: Touched | None = None) -> None:
    own = own or {}
    for name, ids in touched.items():
        mine = set(ids) & own.get(name, set())
        if mine:
            mark(name, mine)
        mark_later(name, set(ids) - mine)


# --- Receivers ---------------------------------------------------------------------------------

# Where the headers a row shows on depend on its own foreign keys (a credit moved to another
# person, a work given another label), the headers it showed on before the save are stale too.
_REPOINTABLE = (*WORK_KINDS, Credit, Track)
_WATCHED = (*WORK_KINDS, Person, Company, Credit, Track, Platform, Image, Author, Section, Tag)


def _before_save(sender, instance, raw: bool = False, **kwargs) -> None:
    if raw or instance.pk is None:
        return
    if (before := sender._base_manager.filter(pk=instance.pk).first()) is not None:
        instance._headers_before = headers_touched_by(sender, before)


def _saved(sender, instance, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    touched = _merge(getattr(instance, "_headers_before", {}), headers_touched_by(sender, instance))
    _mark_all(touched, _own(sender, instance))
    instance._headers_before = {}


def _before_delete(sender, instance, **kwargs) -> None:
    # Read while the rows that link to it are still there.
    instance._headers_before = headers_touched_by(sender, instance)


def _deleted(sender, instance, **kwargs) -> None:
    _mark_all(getattr(instance, "_headers_before", {}), _own(sender, instance))


def _platforms_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if reverse:  # platform.games
        games = pk_set if pk_set is not None else set(instance.games.values_list("pk", flat=True))
        mark(WORK, games or set())
    else:
        mark(WORK, {instance.pk})


def _merged(sender, merge, undone: bool, **kwargs) -> None:
    # An undo puts rows back as raw saves, which the receivers above skip; a merge moves links
    # row by row, but the record merged away leaves its links' old headers behind. Both ways,
    # everything either record shows on is rendered again.
    kept = merge.kept
    model, name = (
        (Work, WORK) if merge.kept_work_id else (Person, PERSON) if merge.kept_person_id else (Company, COMPANY)
    )
    touched = _merge(headers_touched_by(model, kept.specific if model is Work else kept))
    if (again := model._base_manager.filter(pk=merge.merged_id).first()) is not None:
        touched = _merge(touched, headers_touched_by(model, again.specific if model is Work else again))
    touched.setdefault(name, set()).add(merge.merged_id)
    _mark_all(touched)


def _confirmed(sender, ids: list[int], **kwargs) -> None:
    # A confirmed proposal gets its page; nothing else shows a proposal differently.
    mark(WORK if issubclass(sender, Work) else PERSON, ids)


def connect() -> None:
    for model in _WATCHED:
        uid = f"page_headers_{model._meta.label_lower}"
        if model in _REPOINTABLE:
            pre_save.connect(_before_save, sender=model, dispatch_uid=f"{uid}_before")
        post_save.connect(_saved, sender=model, dispatch_uid=f"{uid}_saved")
        pre_delete.connect(_before_delete, sender=model, dispatch_uid=f"{uid}_before_delete")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"{uid}_deleted")
    m2m_changed.connect(_platforms_changed, sender=Game.platforms.through, dispatch_uid="page_headers_platforms")
    records_merged.connect(_merged, dispatch_uid="page_headers_merged")
    proposals_confirmed.connect(_confirmed, dispatch_uid="page_headers_confirmed")


def register() -> None:
    for kind in KINDS:
        registry.register(
            Renderer(
                name=kind.name,
                render=lambda ids, name=kind.name: render(name, ids),
                check=lambda ids, name=kind.name: check(name, ids),
                all_ids=kind.public_ids,
                of_articles=False,
            )
        )
    headers.provide(with_stored)
    connect()
