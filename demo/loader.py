"""Load the demo magazine: sections, films and other works, people, authors, articles, comments, logins.

Loading is idempotent: what exists (matched by slug or username) is left as it is,
so running it again adds nothing twice and keeps whatever an editor changed since.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass, field
from pathlib import Path

import reversion
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from articles.autosave import AutosaveInput, autosave_store
from articles.models import (
    Article,
    ArticleAuthor,
    ArticleWork,
    Citation,
    Correction,
    FeaturedArticle,
    Notification,
    Section,
)
from articles.search import update_search_vectors
from articles.services import local_time
from articles.writing import write_article
from authors.models import Author
from comments.models import Comment, WordListEntry
from desk import roles
from films.isbn import normalize as isbn
from films.models import Album, Book, Company, Credit, Film, Person, Season, Series, Track, Work
from images.models import Image
from images.services import image_create, image_set_default_share
from renderings import registry

from . import content, pictures

ARTICLES_DIR = Path(__file__).resolve().parent / "articles"
PASSWORD_FILE = settings.VAR_DIR / "demo-password"

# The demo logins, one for each role (the groups come from desk/migrations/0001_roles.py).
# None is a superuser, so the roles are real; the writer signs as the first demo author.
DEMO_USERS = {
    "editor": {"group": roles.EDITOR, "writes_as": None, "name": ("Dana", "Whitcombe")},
    "writer": {"group": roles.CONTRIBUTOR, "writes_as": content.AUTHORS[0]["slug"], "name": ("Maren", "Okafor")},
    "moderator": {"group": roles.MODERATOR, "writes_as": None, "name": ("Sol", "Ferrante")},
}


@dataclass
class LoadResult:
    password: str
    created: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, was_created: bool) -> None:
        if was_created:
            self.created[kind] = self.created.get(kind, 0) + 1


def demo_password() -> str:
    """DEMO_PASSWORD if set, else the password generated on the first load (kept in var/)."""
    from_env = settings.DEMO_PASSWORD
    if from_env:
        return from_env
    if PASSWORD_FILE.exists():
        return PASSWORD_FILE.read_text().strip()
    password = secrets.token_urlsafe(12)
    PASSWORD_FILE.parent.mkdir(parents=True, exist_ok=True)
    PASSWORD_FILE.write_text(password + "\n")
    PASSWORD_FILE.chmod(0o600)
    return password


def _aware(value: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(value))


def _from_today(when: dict | None) -> datetime.datetime | None:
    """`{"in_days": 7, "at": "09:00"}`: that many days from today, at that time of the desk's day."""
    if not when:
        return None
    day = timezone.localdate() + datetime.timedelta(days=when["in_days"])
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.fromisoformat(when["at"])))


@transaction.atomic
def load_demo() -> LoadResult:
    result = LoadResult(password=demo_password())
    # A database loaded before the media library existed gets its pictures once; after that, a
    # picture an editor removed stays removed.
    add_missing_pictures = not Image.objects.exists()

    sections = {}
    for data in content.SECTIONS:
        sections[data["slug"]], created = Section.objects.get_or_create(
            slug=data["slug"],
            defaults={"name": data["name"], "order": data["order"], "description": data["description"]},
        )
        result.count("sections", created)

    companies = {}
    for name in content.COMPANIES:
        companies[name], created = Company.objects.get_or_create(slug=slugify(name), defaults={"name": name})
        result.count("companies", created)

    people = {}
    for name in content.PEOPLE:
        people[name], created = Person.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "is_group": name in content.GROUPS}
        )
        result.count("people", created)
        # Also once for a person loaded before people had bios and portraits, and as the other
        # pictures are, for a database loaded before the media library.
        person = people[name]
        if created or not (person.bio or person.portrait_id) or (add_missing_pictures and not person.portrait_id):
            _add_profile(person, result)

    films = {}
    for data in content.FILMS:
        film, created = Film.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "title": data["title"],
                "year": data["year"],
                "release_date": datetime.date.fromisoformat(data["release_date"])
                if data.get("release_date")
                else None,
                "distributor": companies.get(data.get("distributor")),
                "runtime": data.get("runtime"),
                "summary": data.get("synopsis", ""),
            },
        )
        films[data["slug"]] = film
        result.count("films", created)
        if created:
            Credit.objects.bulk_create(
                Credit(work=film, person=people[name], role=role, character=character, order=order)
                for order, (name, role, character) in enumerate(data["credits"])
            )
        if created or (add_missing_pictures and film.picture_id is None):
            _add_poster(film, data, result)

    works: dict[str, Work] = {**films, **_load_other_works(people, companies, result)}

    authors = {}
    for data in content.AUTHORS:
        authors[data["slug"]], created = Author.objects.get_or_create(
            slug=data["slug"],
            defaults={key: data.get(key, "") for key in ("name", "email", "website", "bio")},
        )
        result.count("authors", created)

    users = _load_users(result)

    new_articles: dict[str, Article] = {}
    for data in content.ARTICLES + content.WORKFLOW_ARTICLES:
        embargo = data.get("embargo") or {}
        body = (ARTICLES_DIR / f"{data['slug']}.html").read_text()
        if "{poster}" in body and not Article.objects.filter(slug=data["slug"]).exists():
            poster = image_create(
                picture=pictures.TRAILER_POSTERS[data["slug"]](),
                alt=data["trailer_poster_alt"],
                credit="Illustration: Magazine demo",
            )
            body = body.replace("{poster}", str(poster.pk))
            result.count("pictures", True)
        article = Article.objects.filter(slug=data["slug"]).first()
        created = article is None
        if created:
            # Through the write path, which builds the trailers' placeholders from the library.
            article = write_article(
                Article(
                    slug=data["slug"],
                    title=data["title"],
                    dek=data.get("dek", ""),
                    kind=data["kind"],
                    section=sections[data["section"]],
                    body=body,
                    rating=data.get("rating"),
                    status=data.get("status", Article.Status.PUBLISHED),
                    publish_at=_aware(data["published"])
                    if data.get("published")
                    else _from_today(data.get("publish")),
                    embargo_until=_from_today(embargo or None),
                    embargo_set_by=embargo.get("set_by", ""),
                    submitted_at=_from_today(data.get("submitted")),
                )
            )
        result.count("articles", created)
        if created:
            new_articles[article.slug] = article
            _fill_article(article, data, authors=authors, works=works)
            result.created["comments"] = result.created.get("comments", 0) + len(data.get("comments", []))
        elif data.get("works") and not article.article_works.exists():
            # Loaded before works of every kind: it gets the works it discusses, and their cards.
            _discuss(article, data, works)
        if (created or (add_missing_pictures and article.hero_id is None)) and data["slug"] in pictures.HEROES:
            article.hero = image_create(
                picture=pictures.HEROES[data["slug"]](),
                alt=data["hero_alt"],
                caption=data.get("hero_caption", ""),
                credit=data.get("hero_credit", ""),
                focus=data.get("hero_focus", (0.5, 0.5)),
            )
            article.save(update_fields=["hero"])
            result.count("pictures", True)
        if created:
            # After the picture, so that the first revision holds it too.
            _first_revision(article, users)
            if data.get("autosave"):
                _add_autosave(article, data["autosave"], users)

    for entry in content.WORD_LIST:
        _, created = WordListEntry.objects.get_or_create(
            phrase=entry["phrase"], defaults={"kind": entry["kind"], "note": entry.get("note", "")}
        )
        result.count("word list entries", created)

    # Picks are made with their articles only, so a pick an editor has since removed stays removed.
    for order, slug in enumerate(content.FEATURED):
        if slug in new_articles:
            FeaturedArticle.objects.create(article=new_articles[slug], order=order)
            result.count("featured articles", True)

    _add_share_picture(result)
    _add_notifications(new_articles, users, result)

    # Bylines and films went in with bulk_create, which sends no signals: index everything once.
    update_search_vectors()
    # Credits and tracks did too: what is stored of readers' pages is rendered once, from scratch.
    for renderer in registry.all_renderers():
        renderer.render(renderer.all_ids())
    return result


def _first_revision(article: Article, users: dict) -> None:
    """Start the article's history, saying what the desk did with it."""
    if article.status == Article.Status.REVIEW:
        user, comment = users["writer"], "Written and submitted for review."
    elif article.is_embargoed:
        user, comment = users["editor"], f"Published under the embargo set by {article.embargo_set_by}."
    elif article.status == Article.Status.PUBLISHED and not article.is_published:
        user, comment = users["editor"], f"Scheduled for {local_time(article.publish_at)}."
    else:
        user, comment = users["editor"], "Loaded with the demo content."
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(comment)
        reversion.add_to_revision(article)


def _add_autosave(article: Article, typed: dict, users: dict) -> None:
    """What the writer typed after the article's last save: the form offers it back (made with the
    article only, so that one the writer has restored or discarded stays gone)."""
    autosave_store(
        article=article,
        user=users["writer"],
        sent=AutosaveInput(
            fields={"title": [article.title], "dek": [typed["dek"]], "body": [article.body + typed["body_added"]]},
            labels={},
            base_version=article.lock_version,
        ),
    )


def _add_notifications(new_articles: dict[str, Article], users: dict, result: LoadResult) -> None:
    """What the desk would have been told of the demo's articles in review: the editor's unread
    notifications, as the workflow leaves them (articles/notifications.py)."""
    for article in new_articles.values():
        if article.status != Article.Status.REVIEW:
            continue
        writer = next((author.user for author in article.bylines if author.user_id), None)
        Notification.objects.create(
            recipient=users["editor"],
            kind=Notification.Kind.SUBMITTED,
            article=article,
            actor=writer,
            message=f"{writer.get_full_name() if writer else 'A writer'} submitted it for review.",
            created_at=article.submitted_at or timezone.now(),
        )
        result.count("notifications", True)


def _add_poster(film: Film, data: dict, result: LoadResult) -> None:
    directors = [name for name, role, _character in data["credits"] if role == "director"]
    film.picture = image_create(
        picture=pictures.poster(slug=film.slug, title=film.title, year=film.year, director=", ".join(directors)),
        alt=pictures.poster_alt(slug=film.slug, title=film.title),
        credit="Illustration: Magazine demo",
    )
    film.save(update_fields=["picture"])
    result.count("pictures", True)


def _add_profile(person: Person, result: LoadResult) -> None:
    person.bio = person.bio or content.PEOPLE_BIOS.get(person.name, "")
    if person.slug in pictures.PORTRAITS and not person.portrait_id:
        draw, alt = pictures.PORTRAITS[person.slug]
        person.portrait = image_create(picture=draw(), alt=alt, credit="Illustration: Magazine demo")
        result.count("pictures", True)
    if person.bio or person.portrait_id:
        person.save(update_fields=["bio", "portrait"])


def _add_share_picture(result: LoadResult) -> None:
    """The picture pages without one of their own are shared with, once: found again by its alt text,
    so that one the editors have since unticked or replaced stays as they left it."""
    alt = pictures.share_picture_alt(name=settings.MAGAZINE_NAME)
    if Image.objects.filter(Q(is_default_share=True) | Q(alt=alt)).exists():
        return
    image = image_create(
        picture=pictures.share_picture(name=settings.MAGAZINE_NAME), alt=alt, credit="Illustration: Magazine demo"
    )
    image_set_default_share(image=image)
    result.count("pictures", True)


def _load_other_works(people: dict, companies: dict, result: LoadResult) -> dict[str, Work]:
    """The albums (with their tracks), books, series and seasons; each made once, with its credits."""
    works: dict[str, Work] = {}

    def credit(work: Work, credits: list) -> None:
        Credit.objects.bulk_create(
            Credit(work=work, person=people[name], role=role, character=character, order=order)
            for order, (name, role, character) in enumerate(credits)
        )

    for data in content.ALBUMS:
        album, created = Album.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "title": data["title"],
                "year": data["year"],
                "release_date": _date_or_none(data.get("release_date")),
                "label": companies.get(data.get("label")),
            },
        )
        if created:
            credit(album, data["credits"])
            Track.objects.bulk_create(
                Track(album=album, number=number, title=title, duration=_duration(length))
                for number, (title, length) in enumerate(data["tracks"], start=1)
            )
        works[album.slug] = album
        result.count("albums", created)
    for data in content.BOOKS:
        book, created = Book.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "title": data["title"],
                "year": data["year"],
                "publisher": companies.get(data.get("publisher")),
                "isbn": isbn(data.get("isbn", "")),
                "pages": data.get("pages"),
            },
        )
        if created:
            credit(book, data["credits"])
        works[book.slug] = book
        result.count("books", created)
    for data in content.SERIES:
        series, created = Series.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "title": data["title"],
                "first_air_date": _date_or_none(data.get("first_air_date")),
                "network": companies.get(data.get("network")),
            },
        )
        if created:
            credit(series, data["credits"])
        works[series.slug] = series
        result.count("TV series", created)
        for season_data in data["seasons"]:
            season, created = Season.objects.get_or_create(
                slug=f"{series.slug}-season-{season_data['number']}",
                defaults={
                    "series": series,
                    "number": season_data["number"],
                    "release_date": _date_or_none(season_data.get("release_date")),
                },
            )
            if created:
                credit(season, data["credits"] + season_data["credits"])
            works[season.slug] = season
            result.count("TV seasons", created)
    return works


def _duration(length: str | None) -> datetime.timedelta | None:
    if not length:
        return None
    minutes, seconds = length.split(":")
    return datetime.timedelta(minutes=int(minutes), seconds=int(seconds))


def _discuss(article: Article, data: dict, works: dict) -> None:
    """The works the article discusses, the first with its card ("films" in the older entries)."""
    ArticleWork.objects.bulk_create(
        ArticleWork(article=article, work=works[slug], order=order, is_card=order == 0)
        for order, slug in enumerate(data.get("works", data.get("films", [])))
    )


def _fill_article(article: Article, data: dict, *, authors: dict, works: dict) -> None:
    ArticleAuthor.objects.bulk_create(
        ArticleAuthor(article=article, author=authors[slug], order=order) for order, slug in enumerate(data["authors"])
    )
    _discuss(article, data, works)
    Citation.objects.bulk_create(
        Citation(
            article=article,
            order=order,
            **{
                **citation,
                "date": _date_or_none(citation.get("date")),
                "work": works.get(citation.get("work")),
            },
        )
        for order, citation in enumerate(data.get("citations", []))
    )
    Correction.objects.bulk_create(
        Correction(article=article, kind=correction["kind"], date=_aware(correction["date"]), text=correction["text"])
        for correction in data.get("corrections", [])
    )
    article.tags.set(data.get("tags", []))
    saved: list[Comment] = []
    for order, comment in enumerate(data.get("comments", [])):
        # Space comments out after publication so the thread reads in a believable order.
        created_at = (article.publish_at or timezone.now()) + datetime.timedelta(hours=3 * (order + 1))
        reply_to = comment.get("reply_to")
        saved.append(
            Comment.objects.create(
                article=article,
                parent=saved[reply_to] if reply_to is not None else None,
                name=comment["name"],
                email=comment["email"],
                body=comment["body"],
                status=comment["status"],
                created_at=created_at,
            )
        )


def _date_or_none(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _load_users(result: LoadResult) -> dict:
    User = get_user_model()
    users = {}
    for username, spec in DEMO_USERS.items():
        first_name, last_name = spec["name"]
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "email": f"{username}@example.org",
                "first_name": first_name,
                "last_name": last_name,
                "is_staff": True,
            },
        )
        result.count("users", created)
        # The password is set on every load so that it always matches what was printed.
        user.set_password(result.password)
        user.save(update_fields=["password"])
        if created or not user.groups.exists():
            user.groups.set([Group.objects.get(name=spec["group"])])
        if created and spec["writes_as"]:
            Author.objects.filter(slug=spec["writes_as"], user__isnull=True).update(user=user)
        users[username] = user
    return users
