"""Build the benchmark corpus: the demo magazine, then a large generated one on top of it.

    python -m bench.corpus [--scale 0.05] [--seed 7]

Builds into the database DATABASE_URL names: migrates it, empties the content tables (articles,
authors, films, comments, images, tags, history; never users, groups or migrations), loads the
demo magazine (so the Anora essay is the real one), then adds the generated corpus with COPY and
fills in, once, what `save()` and the signals would have derived. At scale 1: 20,000 articles in
8 sections, 2,000 authors, 5,000 films, 2,000 albums (with their tracks), 1,500 books, 200 TV series
(their seasons, some seasons' episodes), 300 video games, 10,000 people and 300 bands credited across
kinds, 400 companies, 200 tags, 500,000 comments, the busiest article with 1,000 approved ones, and one
film on the card of 300 published articles and on no other (the film the bench renames). Articles
discuss works of every kind in the shares of `DISCUSSED` (bench/README.md). It also makes the desk
login the bench's write rows sign in with (`bench_login()`). `build()` returns the facts the
benchmark runner needs and writes them to var/bench/corpus.json.
"""

from __future__ import annotations

import argparse
import bisect
import datetime
import io
import itertools
import json
import math
import os
import random
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TextIO

from bench import text

FULL = {
    "articles": 20_000,
    "authors": 2_000,
    "films": 5_000,
    "albums": 2_000,
    "books": 1_500,
    "series": 200,
    "games": 300,
    "people": 10_000,
    "bands": 300,
    "companies": 400,
    "tags": 200,
    "comments": 500_000,
    "busiest_comments": 1_000,
    # Published articles whose film card shows one film, and no other article mentions it: the film
    # the bench renames to time a change that reaches that many pages.
    "renamed_film_articles": 300,
}
# Sections are not scaled: the demo's three and five more, with their share of the articles.
SECTIONS = {
    "film": ("Film", 0.34),
    "music": ("Music", 0.16),
    "books": ("Books", 0.14),
    "television": ("Television", 0.12),
    "art": ("Art", 0.08),
    "theatre": ("Theatre", 0.06),
    "ideas": ("Ideas", 0.06),
    "dance": ("Dance", 0.04),
}
# The works a culture magazine discusses, by kind (films.models.KIND_GROUPS): the share of its links
# from articles to works that go to each (bench/README says why these). `SECTION_WORKS` gets there.
DISCUSSED = {"films": 0.55, "albums": 0.20, "books": 0.15, "tv": 0.07, "games": 0.03}
# By section: how often one of its articles discusses works, and of which kinds. The other sections
# (art, theatre, ideas, dance) now and then discuss a film, a book, an album or a game.
SECTION_WORKS = {
    "film": (0.90, {"films": 1.0}),
    "music": (0.65, {"albums": 1.0}),
    "books": (0.55, {"books": 1.0}),
    "television": (0.42, {"tv": 0.75, "games": 0.25}),
    "other": (0.12, {"films": 0.4, "books": 0.3, "albums": 0.2, "games": 0.1}),
}
# Works an article that is not a review discusses besides its card's: 0, 0, 1, 2 or 3 of the same kind.
EXTRA_WORKS = (0, 0, 1, 2, 3)
# Of an article on television, what it is about: a series, one season, one episode.
TV_PARTS = {"series": 0.40, "season": 0.45, "episode": 0.15}
# Album formats (films.models.Album.Format's values), studio albums most.
ALBUM_FORMATS = {
    "StudioAlbum": 0.75,
    "LiveAlbum": 0.1,
    "CompilationAlbum": 0.05,
    "SoundtrackAlbum": 0.05,
    "EPRelease": 0.05,
}
INSTRUMENTS = ("guitar", "bass", "drums", "piano", "violin", "cello", "saxophone", "synthesizer", "vocals")
# The companies' parts, with their share of the companies; "group" companies play every part.
COMPANY_PARTS = {
    "distributor": 0.35,
    "label": 0.25,
    "publisher": 0.2,
    "network": 0.07,
    "studio": 0.1,
    "group": 0.03,
}
KINDS = {
    "film": {"review": 0.40, "essay": 0.30, "feature": 0.15, "interview": 0.08, "news": 0.07},
    "other": {"review": 0.30, "essay": 0.30, "feature": 0.20, "interview": 0.10, "news": 0.10},
}
YEARS = 15
DEEP_PAGE = 200
# The search word is in the dek of one article in DEK_EVERY and the body of one in BODY_EVERY.
SEARCH_DEK_EVERY, SEARCH_BODY_EVERY = 50, 37
COPY_BATCH = 5_000
# The login the bench's write rows sign in to the desk with (bench_login()).
BENCH_LOGIN = "bench-editor"
# Tables the build empties, by app (with their many-to-many tables); auth and migrations stay.
# What a rebuild replaces: the content, the renderings stored from it and the work queued about it.
CONTENT_APPS = (
    "articles",
    "authors",
    "films",
    "comments",
    "images",
    "taggit",
    "reversion",
    "renderings",
    "django_tasks_database",
)


class Progress:
    """One stderr line per phase, rewritten in place: "comments  312,000/500,000  62%  41 s"."""

    def __init__(self, phase: str, total: int, stream: TextIO):
        self.phase, self.total, self.stream = phase, max(total, 1), stream
        self.done, self.start, self.shown = 0, time.monotonic(), 0.0
        self.live = getattr(stream, "isatty", lambda: False)()

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if self.live and now - self.shown > 0.2:
            self.shown = now
            self.stream.write("\r" + self.line(now))
            self.stream.flush()

    def line(self, now: float) -> str:
        pct = 100 * self.done // self.total
        return f"{self.phase:<16}{self.done:>9,}/{self.total:,}  {pct:3d}%  {now - self.start:5.1f} s"

    def finish(self) -> float:
        now = time.monotonic()
        self.stream.write(("\r" if self.live else "") + self.line(now) + "\n")
        self.stream.flush()
        return now - self.start


def scaled(name: str, scale: float, minimum: int = 1) -> int:
    return max(minimum, round(FULL[name] * scale))


def weighted_index(rng: random.Random, n: int, skew: float) -> int:
    """An index in range(n), low indexes more likely when skew > 1 (a few prolific, many occasional)."""
    return min(n - 1, int(n * rng.random() ** skew))


def pick_weighted(rng: random.Random, cumulative: Sequence[float], keys: Sequence[str]) -> str:
    return keys[bisect.bisect(cumulative, rng.random() * cumulative[-1])]


def pick(rng: random.Random, weights: dict[str, float]) -> str:
    return pick_weighted(rng, list(itertools.accumulate(weights.values())), list(weights))


def expected_discussed_shares() -> dict[str, float]:
    """The share of links to works each kind gets, on average, from SECTIONS, SECTION_WORKS, KINDS and
    EXTRA_WORKS: what `DISCUSSED` asks of them (tests/bench/test_corpus.py holds them to it)."""
    extra = sum(EXTRA_WORKS) / len(EXTRA_WORKS)
    links = dict.fromkeys(DISCUSSED, 0.0)
    for slug, (_name, share) in SECTIONS.items():
        rate, kinds = SECTION_WORKS.get(slug, SECTION_WORKS["other"])
        not_reviews = 1 - KINDS["film" if slug == "film" else "other"]["review"]
        for group, weight in kinds.items():
            links[group] += share * rate * weight * (1 + not_reviews * extra)
    total = sum(links.values())
    return {group: value / total for group, value in links.items()}


class Ids:
    """Primary keys handed out here, so rows can point at each other before they are copied."""

    def __init__(self, model):
        from django.db.models import Max

        self.next = (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1

    def take(self) -> int:
        value, self.next = self.next, self.next + 1
        return value


def copy_rows(model, fields: Sequence[str], rows: Iterable[tuple], progress: Progress | None = None) -> int:
    """COPY `rows` (tuples in the order of `fields`, model field names) into the model's table."""
    from django.db import connection

    quote = connection.ops.quote_name
    meta = model._meta
    columns = ", ".join(quote(meta.get_field(name).column) for name in fields)
    count = 0
    with connection.cursor() as cursor, cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
            if progress and count % 1000 == 0:
                progress.advance(1000)
    if progress:
        progress.advance(count % 1000)
    return count


def content_tables() -> list[str]:
    from django.apps import apps

    tables = []
    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if not model._meta.proxy and model._meta.managed:
                tables.append(model._meta.db_table)
    return sorted(set(tables))


def empty_content_tables() -> None:
    from django.db import connection

    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(quote(t) for t in content_tables())} RESTART IDENTITY CASCADE")


class Builder:
    def __init__(self, scale: float, seed: int, stdout: TextIO):
        from django.utils import timezone

        self.scale, self.stdout = scale, stdout
        self.rng = random.Random(seed)
        self.now = timezone.now().replace(microsecond=0)
        self.timings: dict[str, float] = {}
        self.body_pool: list[tuple[str, int]] = []

    # --- helpers ------------------------------------------------------------------------

    def progress(self, phase: str, total: int) -> Progress:
        return Progress(phase, total, self.stdout)

    def timed(self, phase: str, progress: Progress) -> None:
        self.timings[phase] = round(progress.finish(), 1)

    def past(self, max_days: float, skew: float = 1.0) -> datetime.datetime:
        """A moment in the last `max_days` days, at a working hour, recent ones likelier with skew > 1."""
        days = max_days * self.rng.random() ** skew
        moment = self.now - datetime.timedelta(days=days)
        moment = moment.replace(hour=self.rng.randint(6, 20), minute=self.rng.choice((0, 15, 30, 45)), second=0)
        # Today's working hour may still be ahead: the past stays in the past.
        return min(moment, self.now)

    # --- phases -------------------------------------------------------------------------

    def sections(self) -> None:
        from articles.models import Section

        existing = {section.slug: section for section in Section.objects.all()}
        new = [
            Section(name=name, slug=slug, order=order, description=f"{name}: reviews, essays and reporting.")
            for order, (slug, (name, _share)) in enumerate(SECTIONS.items(), start=1)
            if slug not in existing
        ]
        Section.objects.bulk_create(new)
        self.section_ids = dict(Section.objects.filter(slug__in=SECTIONS).values_list("slug", "pk"))
        self.section_keys = list(SECTIONS)
        self.section_cumulative = list(itertools.accumulate(share for _name, share in SECTIONS.values()))

    def people_and_companies(self) -> None:
        from films.models import Company, Person

        rng = self.rng
        n_people = scaled("people", self.scale)
        names = text.person_names(rng, n_people + scaled("authors", self.scale))
        self.person_names_pool, self.author_names = names[:n_people], names[n_people:]
        slugs = text.UniqueSlugs(set(Person.objects.values_list("slug", flat=True)))
        ids = Ids(Person)
        progress = self.progress("people", n_people + scaled("bands", self.scale))
        self.person_ids = []
        rows = []
        for name in self.person_names_pool:
            pk = ids.take()
            self.person_ids.append(pk)
            rows.append((pk, name, slugs(name), False))
        # Bands and other groups, credited as one name on albums.
        self.band_ids = []
        for _ in range(scaled("bands", self.scale)):
            pk = ids.take()
            name = f"The {rng.choice(text.ADJECTIVES).capitalize()} {rng.choice(text.BAND_NOUNS)}"
            self.band_ids.append(pk)
            rows.append((pk, name, slugs(name), True))
        copy_rows(Person, ["id", "name", "slug", "is_group"], rows, progress)
        self.timed("people", progress)

        company_slugs = text.UniqueSlugs(set(Company.objects.values_list("slug", flat=True)))
        companies, parts = [], []
        n_companies = scaled("companies", self.scale, minimum=len(COMPANY_PARTS))
        for i in range(n_companies):
            # One of each part first, so that every part has a company at any scale.
            part = list(COMPANY_PARTS)[i] if i < len(COMPANY_PARTS) else pick(rng, COMPANY_PARTS)
            name = f"{rng.choice(text.COMPANY_WORDS)} {rng.choice(text.PART_SUFFIXES[part])}"
            companies.append(Company(name=name, slug=company_slugs(name)))
            parts.append(part)
        made = Company.objects.bulk_create(companies)
        self.company_ids = [company.pk for company in made]
        by_part: dict[str, list[int]] = {part: [] for part in COMPANY_PARTS}
        for company, part in zip(made, parts, strict=True):
            by_part[part].append(company.pk)
        self.companies_by_part = by_part

    def company(self, part: str) -> int:
        """A company for `part` (a film's distributor, an album's label…): one in ten a media group's."""
        rng = self.rng
        pool = self.companies_by_part["group"] if rng.random() < 0.1 else self.companies_by_part[part]
        return pool[weighted_index(rng, len(pool), 1.5)]

    def films(self) -> None:
        from films.models import Credit, Film, Work

        rng = self.rng
        n = scaled("films", self.scale)
        slugs = text.UniqueSlugs(set(Work.objects.values_list("slug", flat=True)))
        prose = text.Prose(rng, [], self.person_names_pool)
        ids = Ids(Work)
        self.film_ids, self.film_titles, self.film_directors = [], [], {}
        film_rows, credit_rows = [], []
        credit_ids = Ids(Credit)
        people = self.person_ids
        # A fifth of the people direct; a few of them a great many films.
        directors = people[: max(1, len(people) // 5)]
        progress = self.progress("films", n)
        for _ in range(n):
            pk = ids.take()
            title = prose.title()
            year = min(2026, 1950 + int(76 * rng.random() ** 0.6))
            release = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
            synopsis = prose.sentence().replace("<em>", "").replace("</em>", "")
            film_rows.append(
                (
                    pk,
                    title,
                    slugs(f"{title} {year}") if slugify_taken(slugs, title) else slugs(title),
                    year,
                    release,
                    self.company("distributor") if rng.random() < 0.8 else None,
                    rng.randint(75, 180),
                    synopsis,
                    f"tt{rng.randrange(10**7, 10**8)}" if rng.random() < 0.7 else "",
                )
            )
            self.film_ids.append(pk)
            self.film_titles.append(title)
            credits: list[tuple[int, str]] = []
            film_directors = [directors[weighted_index(rng, len(directors), 2.0)]]
            if rng.random() < 0.08:
                film_directors.append(rng.choice(directors))
            for person in dict.fromkeys(film_directors):
                credits.append((person, "director"))
            if rng.random() < 0.6:
                credits.append((film_directors[0], "writer"))
            for role in ("cinematographer", "editor", "composer"):
                if rng.random() < 0.5:
                    credits.append((rng.choice(people), role))
            for _ in range(rng.randint(3, 8)):
                credits.append((people[weighted_index(rng, len(people), 1.5)], "cast"))
            seen = set()
            order = {}
            for person, role in credits:
                if (person, role) in seen:
                    continue
                seen.add((person, role))
                order[role] = order.get(role, -1) + 1
                character = f"{rng.choice(text.FIRST_NAMES)}" if role == "cast" else ""
                credit_rows.append((credit_ids.take(), pk, person, role, character, order[role]))
            self.film_directors[pk] = list(dict.fromkeys(film_directors))
        # A film is a work (title, address, year, date, synopsis) and its film row (the rest).
        copy_rows(
            Work,
            ["id", "kind", "title", "slug", "year", "release_date", "summary"],
            (
                (pk, "film", title, slug, year, release, synopsis)
                for pk, title, slug, year, release, _, _, synopsis, _ in film_rows
            ),
        )
        copy_rows(
            Film,
            ["work_ptr", "distributor", "runtime", "imdb_id"],
            ((pk, distributor, runtime, imdb) for pk, _, _, _, _, distributor, runtime, _, imdb in film_rows),
            progress,
        )
        self.timed("films", progress)
        progress = self.progress("credits", len(credit_rows))
        copy_rows(Credit, ["id", "work", "person", "role", "character", "order"], credit_rows, progress)
        self.timed("credits", progress)
        self.work_titles = dict(zip(self.film_ids, self.film_titles, strict=True))
        self.works_by_group = {"films": self.film_ids}

    def other_works(self) -> None:
        """Albums with their tracks, books, TV series with their seasons (some with their episodes) and
        video games, credited to the films' people: a director who writes a novel, a composer who
        records an album, an actor in a series."""
        from films.isbn import isbn13_check_digit
        from films.models import Album, Book, Credit, Episode, Game, Platform, Season, Series, Track, Work

        rng, scale = self.rng, self.scale
        slugs = text.UniqueSlugs(set(Work.objects.values_list("slug", flat=True)))
        prose = text.Prose(rng, [], self.person_names_pool)
        ids, credit_ids, track_ids = Ids(Work), Ids(Credit), Ids(Track)
        people = self.person_ids
        tenth = max(1, len(people) // 10)
        # Who makes what, as slices of the people (prolific ones first, as weighted_index picks): the
        # slices overlap the films' directors (the first fifth), so careers cross kinds.
        directors = people[: max(1, len(people) // 5)]
        musicians = people[tenth : tenth + max(1, len(people) // 8)]
        writers = people[len(people) // 20 : len(people) // 20 + max(1, len(people) // 6)]
        game_makers = people[-tenth:]
        works: list[tuple] = []  # (id, kind, title, slug, year, release date, summary)
        credits: list[tuple] = []
        albums, tracks, books, series_rows, seasons, episodes, games, game_platforms = [], [], [], [], [], [], [], []
        taken_isbns = set(Book.objects.exclude(isbn="").values_list("isbn", flat=True))

        def year_and_date(start: int = 1960) -> tuple[int, datetime.date]:
            year = min(2026, start + int((2027 - start) * rng.random() ** 0.5))
            return year, datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))

        def work(kind: str, title: str, year: int, date: datetime.date | None) -> int:
            pk = ids.take()
            summary = prose.sentence().replace("<em>", "").replace("</em>", "")
            works.append((pk, kind, title, slugs(f"{title} {year}"), year, date, summary))
            self.work_titles[pk] = title
            return pk

        def credit(pk: int, people_roles: Iterable[tuple[int, str, str]]) -> None:
            """The work's credits, each person once a role (a unique constraint)."""
            order: dict[str, int] = {}
            seen: set[tuple[int, str]] = set()
            for person, role, character in people_roles:
                if (person, role) in seen:
                    continue
                seen.add((person, role))
                order[role] = order.get(role, -1) + 1
                credits.append((credit_ids.take(), pk, person, role, character, order[role]))

        def someone(pool: Sequence[int], skew: float = 1.8) -> int:
            return pool[weighted_index(rng, len(pool), skew)]

        # Counted as the rows are copied; the clock runs from here.
        progress = self.progress("other works", 0)
        album_ids = []
        for _ in range(scaled("albums", scale)):
            year, date = year_and_date()
            pk = work("album", prose.title(), year, date)
            album_ids.append(pk)
            albums.append((pk, self.company("label") if rng.random() < 0.9 else None, pick(rng, ALBUM_FORMATS)))
            artist = someone(self.band_ids, 1.4) if self.band_ids and rng.random() < 0.4 else someone(musicians)
            people_roles = [(artist, "artist", "")]
            if rng.random() < 0.6:
                people_roles.append((someone(musicians), "producer", ""))
            for _ in range(rng.choice((0, 1, 2, 3))):
                people_roles.append((someone(musicians, 1.2), "musician", rng.choice(INSTRUMENTS)))
            credit(pk, people_roles)
            for number in range(1, rng.randint(6, 14) + 1):
                seconds = int(rng.triangular(95, 540, 230))
                tracks.append((track_ids.take(), pk, number, prose.title(), datetime.timedelta(seconds=seconds)))
        book_ids = []
        for _ in range(scaled("books", scale)):
            year, date = year_and_date(1950)
            pk = work("book", prose.title(), year, date)
            book_ids.append(pk)
            isbn = ""
            while not isbn or isbn in taken_isbns:
                stem = f"978{rng.randrange(10**9):09d}"
                isbn = f"{stem}{isbn13_check_digit(stem)}"
            taken_isbns.add(isbn)
            edition = rng.choice(("", "", "First edition", "Paperback", "Second edition"))
            books.append((pk, self.company("publisher"), isbn, rng.randint(96, 720), edition))
            # A writer, or now and then one of the films' directors with a novel of their own.
            author = someone(directors) if rng.random() < 0.1 else someone(writers)
            people_roles = [(author, "author", "")]
            if rng.random() < 0.15:
                people_roles.append((someone(writers, 1.2), "author", ""))
            if rng.random() < 0.2:
                people_roles.append((someone(people, 1.0), "translator", ""))
            credit(pk, people_roles)
        tv = {"series": [], "season": [], "episode": []}
        for _ in range(scaled("series", scale)):
            year, first_aired = year_and_date(1980)
            title = prose.title()
            pk = work("series", title, year, first_aired)
            tv["series"].append(pk)
            n_seasons = 1 + weighted_index(rng, 8, 1.8)
            ended = rng.random() < 0.6
            last_aired = first_aired + datetime.timedelta(days=365 * (n_seasons - 1) + rng.randint(30, 200))
            series_rows.append((pk, self.company("network"), first_aired, last_aired if ended else None))
            creators = [(someone(directors if rng.random() < 0.5 else writers), "creator", "")]
            cast = [(someone(people, 1.5), "cast", rng.choice(text.FIRST_NAMES)) for _ in range(rng.randint(3, 6))]
            credit(pk, creators + cast)
            for number in range(1, n_seasons + 1):
                season_year = min(2026, year + number - 1)
                season = work("season", f"{title}, season {number}", season_year, None)
                tv["season"].append(season)
                seasons.append((season, pk, number))
                credit(season, creators)
                if rng.random() < 0.4:
                    for episode_number in range(1, rng.randint(6, 10) + 1):
                        episode = work("episode", prose.title(), season_year, None)
                        tv["episode"].append(episode)
                        episodes.append((episode, season, episode_number))
                        credit(episode, [(someone(directors, 1.2), "director", ""), (someone(writers), "writer", "")])
        platforms = [
            Platform.objects.get_or_create(slug=slug, defaults={"name": name})[0].pk for name, slug in text.PLATFORMS
        ]
        platform_ids = Ids(Game.platforms.through)
        game_ids = []
        for _ in range(scaled("games", scale)):
            year, date = year_and_date(1985)
            pk = work("game", prose.title(), year, date)
            game_ids.append(pk)
            studio = self.company("studio")
            publisher = studio if rng.random() < 0.3 else self.company("studio")
            games.append((pk, studio, publisher))
            for platform in rng.sample(platforms, rng.randint(1, 4)):
                game_platforms.append((platform_ids.take(), pk, platform))
            people_roles = [(someone(game_makers), "director", ""), (someone(game_makers), "designer", "")]
            if rng.random() < 0.5:
                people_roles.append((someone(musicians, 1.2), "composer", ""))
            credit(pk, people_roles)

        progress.total = max(1, len(works))
        copy_rows(Work, ["id", "kind", "title", "slug", "year", "release_date", "summary"], works, progress)
        self.timed("other works", progress)
        copy_rows(Album, ["work_ptr", "label", "format"], albums)
        copy_rows(Track, ["id", "album", "number", "title", "duration"], tracks)
        copy_rows(Book, ["work_ptr", "publisher", "isbn", "pages", "edition"], books)
        copy_rows(Series, ["work_ptr", "network", "first_air_date", "last_air_date"], series_rows)
        copy_rows(Season, ["work_ptr", "series", "number"], seasons)
        copy_rows(Episode, ["work_ptr", "season", "number"], episodes)
        copy_rows(Game, ["work_ptr", "studio", "publisher"], games)
        copy_rows(Game.platforms.through, ["id", "game", "platform"], game_platforms)
        progress = self.progress("other credits", len(credits))
        copy_rows(Credit, ["id", "work", "person", "role", "character", "order"], credits, progress)
        self.timed("other credits", progress)
        self.works_by_group.update(albums=album_ids, books=book_ids, games=game_ids)
        self.tv_parts = tv

    def authors(self) -> None:
        from authors.models import Author

        slugs = text.UniqueSlugs(set(Author.objects.values_list("slug", flat=True)))
        prose = text.Prose(self.rng, self.film_titles, self.person_names_pool)
        ids = Ids(Author)
        rows = []
        self.author_ids = []
        for name in self.author_names:
            pk, slug = ids.take(), slugs(name)
            bio = f"{name} writes about {prose.slots()['abstract']} and {prose.slots()['abstract']}."
            website = f"https://{slug}.example.org/" if self.rng.random() < 0.3 else ""
            rows.append((pk, name, slug, bio, "", f"{slug}@example.org", website))
            self.author_ids.append(pk)
        progress = self.progress("authors", len(rows))
        copy_rows(Author, ["id", "name", "slug", "bio", "photo", "email", "website"], rows, progress)
        self.timed("authors", progress)

    def tags(self) -> None:
        from taggit.models import Tag

        n = scaled("tags", self.scale, minimum=5)
        taken_names = {name.lower() for name in Tag.objects.values_list("name", flat=True)}
        slugs = text.UniqueSlugs(set(Tag.objects.values_list("slug", flat=True)), max_length=100)
        names: list[str] = []
        for theme in text.TAG_THEMES:
            names.append(theme.replace("-", " "))
        combos = [f"{adj} {abstract}" for adj in text.ADJECTIVES for abstract in text.ABSTRACT]
        self.rng.shuffle(combos)
        names += combos
        chosen = [name for name in dict.fromkeys(names) if name not in taken_names][:n]
        tags = Tag.objects.bulk_create(Tag(name=name, slug=slugs(name)) for name in chosen)
        self.tag_ids = [tag.pk for tag in tags]

    def make_body_pool(self, prose: text.Prose, size: int) -> None:
        """Paragraphs to assemble bodies from, with their word counts (as `articles.text` counts)."""
        from articles import text as body_text

        for _ in range(size):
            paragraph = f"<p>{prose.paragraph()}</p>"
            self.body_pool.append((paragraph, body_text.word_count(paragraph)))
        self.heading_pool = []
        for _ in range(max(50, size // 5)):
            heading = prose.heading()
            self.heading_pool.append((heading, body_text.word_count(heading)))
        self.quote_pool = []
        for _ in range(max(20, size // 10)):
            quote = f"<blockquote><p>{prose.paragraph(sentences=2)}</p></blockquote>"
            self.quote_pool.append((quote, body_text.word_count(quote)))

    def body(self, prose: text.Prose, *, with_search_word: bool) -> tuple[str, int]:
        """Clean HTML of 800–2,500 words: paragraphs, three or four subheadings, the odd blockquote."""
        from articles import text as body_text

        rng = self.rng
        target = int(rng.triangular(800, 2500, 1300))
        parts, words = [], 0
        headings = rng.randint(3, 4) if target > 1000 else rng.randint(0, 2)
        heading_every = max(2, target // ((headings + 1) * 130))
        paragraphs = 0
        if with_search_word:
            paragraph = f"<p>{prose.search_sentence()} {prose.paragraph(sentences=3)}</p>"
            parts.append(paragraph)
            words += body_text.word_count(paragraph)
        while words < target:
            if paragraphs and headings and paragraphs % heading_every == 0:
                heading, count = rng.choice(self.heading_pool)
                parts.append(f"<h2>{heading}</h2>")
                words += count
                headings -= 1
            if paragraphs > 2 and rng.random() < 0.06:
                quote, count = rng.choice(self.quote_pool)
                parts.append(quote)
                words += count
            paragraph, count = rng.choice(self.body_pool)
            parts.append(paragraph)
            words += count
            paragraphs += 1
        return body_text.add_heading_ids("\n\n".join(parts)), words

    def articles(self) -> None:
        from articles import text as body_text
        from articles.models import Article, ArticleAuthor, ArticleWork, Citation, Correction
        from images.models import Image

        rng, scale = self.rng, self.scale
        n = scaled("articles", scale)
        prose = text.Prose(rng, self.film_titles, self.person_names_pool)
        self.make_body_pool(prose, 3000 if scale >= 0.05 else 300)
        slugs = text.UniqueSlugs(set(Article.objects.values_list("slug", flat=True)))
        hero_ids = list(Image.objects.values_list("pk", flat=True)) or [None]
        ids, link_ids, work_link_ids = Ids(Article), Ids(ArticleAuthor), Ids(ArticleWork)
        citation_ids, correction_ids = Ids(Citation), Ids(Correction)
        kind_keys = {key: list(kinds) for key, kinds in KINDS.items()}
        kind_cumulative = {key: list(itertools.accumulate(kinds.values())) for key, kinds in KINDS.items()}
        self.published: list[tuple] = []  # (id, publish_at, section slug, slug, comment mode)
        bylines, work_links, citations, corrections, tagged = [], [], [], [], []
        fields = [
            "id", "title", "slug", "dek", "kind", "section", "body", "hero", "hero_image", "hero_alt",
            "hero_caption", "hero_credit", "rating", "reading_minutes", "word_count", "status", "publish_at",
            "embargo_until", "embargo_set_by", "editor_note", "submitted_at", "lock_version", "comment_mode",
            "created_at", "updated_at",
        ]  # fmt: skip
        fifteen_years = 365.25 * YEARS
        n_films = len(self.film_ids)
        # The last film is kept for the renamed film's articles: the others never pick it.
        renamed_film = self.film_ids[-1] if n_films >= 2 else None
        pickable_films = n_films - 1 if renamed_film is not None else n_films
        renamed_left = [scaled("renamed_film_articles", scale)]
        self.renamed_film_id = renamed_film

        def discussed(group: str, skew: float) -> int:
            """A work of `group` for an article to discuss, the well-known ones likelier with skew > 1."""
            if group == "films":
                return self.film_ids[weighted_index(rng, pickable_films, skew)]
            if group == "tv":
                pool = self.tv_parts[pick(rng, TV_PARTS)] or self.tv_parts["series"]
            else:
                pool = self.works_by_group[group]
            return pool[weighted_index(rng, len(pool), skew)]

        def rows() -> Iterator[tuple]:
            for i in range(n):
                pk = ids.take()
                section = pick_weighted(rng, self.section_cumulative, self.section_keys)
                group = "film" if section == "film" else "other"
                kind = pick_weighted(rng, kind_cumulative[group], kind_keys[group])
                roll = rng.random()
                submitted_at = None
                if roll < 0.93:
                    status, publish_at = "published", self.past(fifteen_years, skew=1.3)
                elif roll < 0.95:
                    status, publish_at = "draft", None
                elif roll < 0.97:
                    status, publish_at = "review", None
                    submitted_at = self.past(20)
                elif roll < 0.985:
                    status, publish_at = "archived", self.past(fifteen_years)
                else:
                    status = "published"
                    publish_at = self.now + datetime.timedelta(days=rng.uniform(1, 60), hours=rng.randint(0, 12))
                public = status == "published" and publish_at <= self.now
                # The first public film articles carry the renamed film on their card, until it has its share.
                renamed = renamed_film is not None and public and section == "film" and renamed_left[0] > 0
                works: list[int] = []
                rate, groups = SECTION_WORKS.get(section, SECTION_WORKS["other"])
                if renamed or rng.random() < rate:
                    group = "films" if renamed else pick(rng, groups)
                    if renamed:
                        works.append(renamed_film)
                        renamed_left[0] -= 1
                    else:
                        works.append(discussed(group, 1.6))
                    if kind != "review":
                        for _ in range(rng.choice(EXTRA_WORKS)):
                            works.append(discussed(group, 1.0))
                    works = list(dict.fromkeys(works))
                card_title = self.work_titles[works[0]] if works else None
                title = prose.headline(card_title, kind)
                body, words = self.body(prose, with_search_word=i % SEARCH_BODY_EVERY == 0)
                created_at = (publish_at or self.now) - datetime.timedelta(days=rng.uniform(1, 20))
                created_at = min(created_at, self.now)
                mode = rng.choices(("default", "post", "closed"), (0.9, 0.05, 0.05))[0]
                slug = slugs(title)
                if public:
                    self.published.append((pk, publish_at, section, slug, mode))
                yield (
                    pk,
                    title,
                    slug,
                    prose.dek(with_search_word=i % SEARCH_DEK_EVERY == 0),
                    kind,
                    self.section_ids[section],
                    body,
                    rng.choice(hero_ids) if rng.random() < 0.4 else None,
                    "",
                    "",
                    "",
                    "",
                    rng.randint(1, 5) if kind == "review" else None,
                    max(1, math.ceil(words / body_text.WORDS_PER_MINUTE)),
                    words,
                    status,
                    publish_at,
                    None,
                    "",
                    "",
                    submitted_at,
                    1,
                    mode,
                    created_at,
                    created_at + datetime.timedelta(hours=rng.uniform(1, 72)),
                )
                n_authors = rng.choices((1, 2, 3), (0.88, 0.10, 0.02))[0]
                chosen = {self.author_ids[weighted_index(rng, len(self.author_ids), 2.2)] for _ in range(n_authors)}
                for order, author in enumerate(chosen):
                    bylines.append((link_ids.take(), pk, author, order))
                for order, work in enumerate(works):
                    work_links.append((work_link_ids.take(), pk, work, order == 0, order))
                for tag in {
                    self.tag_ids[weighted_index(rng, len(self.tag_ids), 1.8)] for _ in range(rng.randint(0, 6))
                }:
                    tagged.append((pk, tag))
                if kind in ("essay", "feature") and rng.random() < 0.4:
                    for order in range(rng.randint(2, 7)):
                        last, first = rng.choice(text.LAST_NAMES), rng.choice(text.FIRST_NAMES)
                        citations.append(
                            (
                                citation_ids.take(),
                                pk,
                                order,
                                "book",
                                f"{last}, {first}",
                                prose.title(),
                                "",
                                "",
                                f"{rng.choice(text.COMPANY_WORDS)} Press",
                                "",
                                "",
                                "",
                                rng.randint(1960, 2025),
                                None,
                                "",
                            )
                        )
                if public and rng.random() < 0.015:
                    when = min(self.now, publish_at + datetime.timedelta(days=rng.uniform(1, 30)))
                    corrections.append(
                        (correction_ids.take(), pk, "correction", when, f"An earlier version misspelled {title}.")
                    )

        progress = self.progress("articles", n)
        copy_rows(Article, fields, rows(), progress)
        self.timed("articles", progress)

        links = len(bylines) + len(work_links) + len(citations) + len(corrections) + len(tagged)
        progress = self.progress("article links", links)
        copy_rows(ArticleAuthor, ["id", "article", "author", "order"], bylines, progress)
        copy_rows(ArticleWork, ["id", "article", "work", "is_card", "order"], work_links, progress)
        copy_rows(
            Citation,
            [
                "id",
                "article",
                "order",
                "kind",
                "author",
                "title",
                "container",
                "contributors",
                "publisher",
                "volume",
                "issue",
                "pages",
                "year",
                "date",
                "url",
            ],  # fmt: skip
            citations,
            progress,
        )
        copy_rows(Correction, ["id", "article", "kind", "date", "text"], corrections, progress)
        self.tag_articles(tagged, progress)
        self.timed("article links", progress)

    def tag_articles(self, tagged: list[tuple[int, int]], progress: Progress) -> None:
        from django.contrib.contenttypes.models import ContentType
        from taggit.models import TaggedItem

        from articles.models import Article

        content_type = ContentType.objects.get_for_model(Article).pk
        ids = Ids(TaggedItem)
        rows = ((ids.take(), tag, content_type, article) for article, tag in tagged)
        copy_rows(TaggedItem, ["id", "tag", "content_type", "object_id"], rows, progress)

    def comments(self) -> None:
        from comments.models import Comment

        rng = self.rng
        total = scaled("comments", self.scale)
        busiest_approved = max(50, round(FULL["busiest_comments"] * self.scale))
        # The busiest: a bulk film article, published about a year ago, commenting open.
        candidates = [row for row in self.published if row[2] == "film" and row[4] != "closed"] or self.published
        target_time = self.now - datetime.timedelta(days=365)
        busiest = min(candidates, key=lambda row: abs((row[1] - target_time).total_seconds()))
        self.busiest = busiest
        others = [row for row in self.published if row[0] != busiest[0]]
        # Heavy-tailed interest: most articles get a handful of comments, a few get hundreds.
        weights = [rng.paretovariate(1.3) for _ in others]
        busiest_extra = round(busiest_approved * 0.08)  # pending and removed ones on it too
        remaining = max(0, total - busiest_approved - busiest_extra)
        scale_by = remaining / (sum(weights) or 1)
        cap = int(busiest_approved * 0.8)
        counts = [min(cap, int(w * scale_by)) for w in weights]
        short = remaining - sum(counts)
        open_slots = [i for i, c in enumerate(counts) if c < cap] or list(range(len(counts)))
        while short > 0 and open_slots:
            for i in rng.sample(open_slots, min(short, len(open_slots))):
                counts[i] += 1
                short -= 1
            open_slots = [i for i in open_slots if counts[i] < cap] or open_slots
        plan = [(busiest, busiest_approved + busiest_extra, busiest_approved)]
        plan += [(row, count, None) for row, count in zip(others, counts, strict=True) if count]

        prose = text.Prose(rng, self.film_titles, self.person_names_pool)
        bodies = [prose.comment() for _ in range(3000 if self.scale >= 0.05 else 300)]
        commenters = []
        for i in range(max(50, total // 12)):
            first, last = rng.choice(text.FIRST_NAMES), rng.choice(text.LAST_NAMES)
            commenters.append((f"{first} {last[0]}.", f"{first}.{last}{i}@example.net".lower()))
        ids = Ids(Comment)
        fields = [
            "id", "article", "parent", "depth", "name", "email", "body", "status", "featured", "held_reason",
            "reason_codes", "flag_count", "ip_address", "created_at", "moderated_at",
        ]  # fmt: skip
        self.comment_stats = {"approved": 0, "replies": 0}

        def rows() -> Iterator[tuple]:
            for (article, publish_at, _section, _slug, _mode), count, approved_exactly in plan:
                span = max(60.0, min((self.now - publish_at).total_seconds(), 120 * 86400))
                times = sorted(publish_at + datetime.timedelta(seconds=span * rng.random() ** 3) for _ in range(count))
                if approved_exactly is not None:
                    statuses = ["approved"] * approved_exactly + rng.choices(
                        ("pending", "rejected", "spam"), (0.5, 0.3, 0.2), k=count - approved_exactly
                    )
                    rng.shuffle(statuses)
                else:
                    statuses = rng.choices(
                        ("approved", "pending", "rejected", "spam"), (0.86, 0.07, 0.04, 0.03), k=count
                    )
                thread: list[tuple[int, int]] = []  # (id, depth) of earlier visible or removed comments
                for created_at, status in zip(times, statuses, strict=True):
                    pk = ids.take()
                    parent, depth = None, 0
                    if thread and status != "spam" and rng.random() < 0.3:
                        parent, parent_depth = thread[-1 - weighted_index(rng, min(len(thread), 12), 1.5)]
                        if parent_depth >= 3:
                            parent, depth = None, 0
                        else:
                            depth = parent_depth + 1
                    if status in ("approved", "rejected"):
                        thread.append((pk, depth))
                    name, email = commenters[weighted_index(rng, len(commenters), 1.7)]
                    held, codes = "", ""
                    if status == "pending":
                        held, codes = "held: first comment from this email", ",first_comment,"
                    elif status == "spam":
                        held, codes = "spam: too many links", ",links,"
                    elif status == "approved":
                        self.comment_stats["approved"] += 1
                    if parent:
                        self.comment_stats["replies"] += 1
                    moderated = None
                    if status != "pending":
                        moderated = min(self.now, created_at + datetime.timedelta(hours=rng.uniform(0.1, 12)))
                    yield (
                        pk,
                        article,
                        parent,
                        depth,
                        name,
                        email,
                        rng.choice(bodies),
                        status,
                        status == "approved" and rng.random() < 0.01,
                        held,
                        codes,
                        0,
                        f"198.51.100.{rng.randrange(1, 255)}"
                        if rng.random() < 0.5
                        else f"203.0.113.{rng.randrange(1, 255)}",
                        created_at,
                        moderated,
                    )

        progress = self.progress("comments", sum(count for _row, count, _approved in plan))
        self.comment_count = copy_rows(Comment, fields, rows(), progress)
        self.timed("comments", progress)

    def search_vectors(self) -> None:
        """Fill every article's search document, in chunks, on as many connections as cores.

        to_tsvector over the bodies is the slowest step of the build and one UPDATE runs on one
        core; it runs after the rows are committed, so each worker thread has a connection of its own.
        """
        from django.db import connections

        from articles.models import Article
        from articles.search import search_document, update_search_entries

        ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
        chunks = [ids[start : start + 500] for start in range(0, len(ids), 500)]
        progress = self.progress("search vectors", len(ids))
        lock = threading.Lock()

        def work(chunk: list[int]) -> None:
            try:
                Article.objects.filter(pk__gte=chunk[0], pk__lte=chunk[-1]).update(search_vector=search_document())
                with lock:
                    progress.advance(len(chunk))
            finally:
                connections.close_all()

        with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
            list(pool.map(work, chunks))
        self.timed("search vectors", progress)
        # The published articles' copies that search reads, in one INSERT … SELECT.
        entries = self.progress("search entries", len(ids))
        update_search_entries()
        entries.advance(len(ids))
        self.timed("search entries", entries)


def slugify_taken(slugs: text.UniqueSlugs, title: str) -> bool:
    """Whether a film's plain title slug is already used (then the year tells it apart)."""
    from django.utils.text import slugify

    return slugify(title)[: slugs.max_length - 8].strip("-") in slugs.taken


def reset_sequences() -> None:
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection

    models = [
        model
        for label in CONTENT_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


def vacuum_analyze(stdout: TextIO) -> float:
    """VACUUM ANALYZE the content tables: fresh statistics and visibility maps, as a live site has."""
    from django.db import connection

    start = time.monotonic()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in content_tables():
            cursor.execute(f"VACUUM ANALYZE {quote(table)}")
    seconds = time.monotonic() - start
    stdout.write(f"{'vacuum analyze':<16}{seconds:>27.1f} s\n")
    return seconds


def bench_login(password: str | None = None) -> str:
    """The desk login the bench's write rows sign in with; its username.

    An editor (the group desk/migrations/0001_roles.py makes), who may publish, rename films and
    moderate comments. Made by the build with no usable password; the runner gives it a new random one
    for each run, so no password is kept anywhere.
    """
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user, _created = get_user_model().objects.get_or_create(
        username=BENCH_LOGIN,
        defaults={"email": f"{BENCH_LOGIN}@example.org", "first_name": "Bench", "last_name": "Editor"},
    )
    user.is_staff = user.is_active = True
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    user.groups.set([Group.objects.get(name="Editor")])
    return user.get_username()


def most_used_tag_path() -> str:
    """The tag page of the tag on most published articles (the heaviest tag page)."""
    from django.db.models import Count, Q
    from django.urls import reverse
    from taggit.models import Tag

    from articles.models import Article

    published = Article.objects.published().values("pk")
    tag = (
        Tag.objects.annotate(
            n=Count("taggit_taggeditem_items", filter=Q(taggit_taggeditem_items__object_id__in=published))
        )
        .order_by("-n", "pk")
        .first()
    )
    return reverse("articles:tag", kwargs={"slug": tag.slug}) if tag else "/tags/"


def most_discussed(kind: str) -> str:
    """The page of the work of `kind` that most published articles discuss (any, if none is discussed)."""
    from django.db.models import Count

    from articles.models import Article, ArticleWork
    from films.models import Work

    top = (
        ArticleWork.objects.filter(work__kind=kind, article__in=Article.objects.published())
        .values("work")
        .annotate(n=Count("pk"))
        .order_by("-n", "work")
        .first()
    )
    work = Work.objects.get(pk=top["work"]) if top else Work.objects.filter(kind=kind).order_by("pk").first()
    return work.get_absolute_url()


def work_pages() -> dict[str, str]:
    """The work, company and person pages the bench measures: the album, book and series most discussed,
    the company whose works are of most kinds (a distributor that is also a label…), with most works, and the
    person credited in most kinds of work, with most credits."""
    from collections import Counter

    from django.db.models import Count

    from films.models import Album, Book, Company, Credit, Film, Game, Person, Series

    parts: dict[int, set[str]] = {}
    works: Counter[int] = Counter()
    for model, field in (
        (Film, "distributor"),
        (Album, "label"),
        (Book, "publisher"),
        (Series, "network"),
        (Game, "studio"),
        (Game, "publisher"),
    ):
        for company, n in model.objects.filter(**{f"{field}__isnull": False}).values_list(field).annotate(Count("pk")):
            parts.setdefault(company, set()).add(model.__name__)
            works[company] += n
    company = max(parts, key=lambda pk: (len(parts[pk]), works[pk], -pk))
    person = (
        Credit.objects.values("person")
        .annotate(kinds=Count("work__kind", distinct=True), n=Count("pk"))
        .order_by("-kinds", "-n", "person")
        .first()
    )
    return {
        "album_path": most_discussed("album"),
        "book_path": most_discussed("book"),
        "series_path": most_discussed("series"),
        "company_path": Company.objects.get(pk=company).get_absolute_url(),
        "crossing_person_path": Person.objects.get(pk=person["person"]).get_absolute_url(),
    }


def facts(builder: Builder) -> dict:
    from django.conf import settings
    from django.db.models import Count
    from django.urls import reverse
    from taggit.models import Tag, TaggedItem

    from articles.models import Article, ArticleAuthor, ArticleWork, Citation, Correction, Section
    from articles.search import clean_query, search
    from authors.models import Author
    from comments.models import Comment
    from films.models import KIND_GROUPS, Company, Credit, Film, Person, Track, Work

    anora = Article.objects.get(slug="anora-sex-work-and-the-fantasies-of-genre")
    busiest_id, _when, _section, busiest_slug, _mode = builder.busiest
    film = Section.objects.get(slug="film")
    in_film = Article.objects.published().filter(section=film).count()
    pages = max(1, math.ceil(in_film / settings.ARTICLES_PER_PAGE))
    deep = DEEP_PAGE if pages >= 2 * DEEP_PAGE else max(1, (pages + 1) // 2)
    deep_path = (
        reverse("articles:section_page", kwargs={"slug": film.slug, "page": deep})
        if deep > 1
        else film.get_absolute_url()
    )
    # Comments are posted to an old article of a small section: no measured page shows it.
    post_candidates = [
        row for row in builder.published if row[2] == "dance" and row[4] == "default" and row[0] != busiest_id
    ] or [row for row in builder.published if row[4] == "default" and row[0] != busiest_id]
    post_article = min(post_candidates, key=lambda row: row[1])
    renamed_film = None
    if builder.renamed_film_id is not None:
        film_obj = Film.objects.get(pk=builder.renamed_film_id)
        renamed_film = {
            "id": film_obj.pk,
            "title": film_obj.title,
            "path": film_obj.get_absolute_url(),
            "articles": Article.objects.published().filter(works=film_obj).count(),
        }
    links_by_kind = dict(
        ArticleWork.objects.order_by().values_list("work__kind").annotate(n=Count("pk")).values_list("work__kind", "n")
    )
    links_by_group = {
        group: sum(links_by_kind.get(kind, 0) for kind in kinds) for group, (_label, kinds) in KIND_GROUPS.items()
    }
    all_links = sum(links_by_group.values()) or 1
    counts = {
        "sections": Section.objects.count(),
        "articles": Article.objects.count(),
        "published": Article.objects.published().count(),
        "authors": Author.objects.count(),
        "bylines": ArticleAuthor.objects.count(),
        "films": Film.objects.count(),
        "works": dict(Work.objects.order_by("kind").values_list("kind").annotate(n=Count("pk"))),
        "tracks": Track.objects.count(),
        "work_links": sum(links_by_group.values()),
        "work_links_by_kind": links_by_group,
        "film_links": links_by_group["films"],
        "people": Person.objects.count(),
        "credits": Credit.objects.count(),
        "companies": Company.objects.count(),
        "tags": Tag.objects.count(),
        "tagged_items": TaggedItem.objects.count(),
        "citations": Citation.objects.count(),
        "corrections": Correction.objects.count(),
        "comments": Comment.objects.count(),
        "approved_comments": Comment.objects.approved().count(),
        "busiest_approved_comments": Comment.objects.approved().filter(article_id=busiest_id).count(),
        "film_section_pages": pages,
        "search_matches": search(clean_query(text.SEARCH_WORD)).count(),
    }
    return {
        "anora_path": anora.get_absolute_url(),
        **work_pages(),
        "discussed_shares": {group: round(n / all_links, 3) for group, n in links_by_group.items()},
        "busiest_path": reverse("articles:detail", kwargs={"slug": busiest_slug}),
        "deep_section_path": deep_path,
        "tag_path": most_used_tag_path(),
        "search_query": text.SEARCH_WORD,
        "post_article_id": post_article[0],
        "renamed_film": renamed_film,
        "bench_login": BENCH_LOGIN,
        "counts": counts,
        "scale": builder.scale,
        "timings": builder.timings,
    }


def build(scale: float = 1.0, *, seed: int = 7, stdout: TextIO = sys.stderr) -> dict:
    """Build the corpus into the configured database and return the facts the runner needs."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction

    if connection.vendor != "postgresql":
        raise RuntimeError("The benchmark corpus needs PostgreSQL (set DATABASE_URL).")
    started = time.monotonic()
    call_command("migrate", verbosity=0, interactive=False)
    builder = Builder(scale, seed, stdout)
    with transaction.atomic():
        empty_content_tables()
        demo_started = time.monotonic()
        call_command("load_demo", stdout=io.StringIO())
        builder.timings["demo"] = round(time.monotonic() - demo_started, 1)
        stdout.write(f"{'demo':<16}{builder.timings['demo']:>27.1f} s\n")
        builder.sections()
        builder.people_and_companies()
        builder.films()
        builder.other_works()
        builder.authors()
        builder.tags()
        builder.articles()
        builder.comments()
        reset_sequences()
        bench_login()
    builder.search_vectors()
    # Statistics first: without them the planner scans where an index would do, and the rendering's
    # queries (the related articles' above all) took twenty times as long.
    builder.timings["vacuum analyze"] = round(vacuum_analyze(stdout), 1)
    # The bulk inserts sent no signals: the readers' pages of the corpus are rendered here, once.
    rerender_started = time.monotonic()
    call_command("rerender", "--all", "--jobs", os.cpu_count() or 1)
    builder.timings["rerender"] = round(time.monotonic() - rerender_started, 1)
    # And of the renderings just stored.
    builder.timings["vacuum analyze"] += round(vacuum_analyze(stdout), 1)
    result = facts(builder)
    result["build_seconds"] = round(time.monotonic() - started, 1)
    path = settings.VAR_DIR / "bench" / "corpus.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2) + "\n")
    stdout.write(f"built in {result['build_seconds']} s; facts in {path}\n")
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies every count (default 1.0)")
    parser.add_argument("--seed", type=int, default=7, help="the same seed builds the same corpus")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "magazine.settings")
    import django

    django.setup()
    result = build(args.scale, seed=args.seed)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
