"""Factories for every model; published articles by default, since readers see those."""

import datetime
from importlib import import_module
from types import SimpleNamespace

import factory
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw

from articles.models import Article, ArticleAuthor, ArticleWork, Citation, Section
from articles.writing import write_article
from authors.models import Author
from comments.models import Comment
from films.models import Album, Book, Company, Credit, Episode, Film, Game, Person, Platform, Season, Series, Track
from images.models import Image
from images.services import image_create


def picture(size=(1600, 900), color="#8a2b1d", mode="RGB") -> PILImage.Image:
    """A picture drawn in code: a field of colour with a light bar, so that scaling shows."""
    drawn = PILImage.new(mode, size, color)
    ImageDraw.Draw(drawn).rectangle([size[0] // 4, size[1] // 3, size[0] // 2, size[1] // 2], fill="#f4e9d8")
    return drawn


class ImageFactory(factory.django.DjangoModelFactory):
    """A library image, re-encoded with its renditions as an upload would be."""

    class Meta:
        model = Image

    alt = factory.Sequence(lambda n: f"A drawing, number {n}")
    caption = ""
    credit = ""

    @classmethod
    def _create(cls, model_class, *args, size=(1600, 900), **kwargs):
        return image_create(picture=picture(size), **kwargs)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.Sequence(lambda n: f"person-{n}")


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Company {n}")
    slug = factory.Sequence(lambda n: f"company-{n}")


class FilmFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Film

    title = factory.Sequence(lambda n: f"Film {n}")
    slug = factory.Sequence(lambda n: f"film-{n}")
    year = 2024
    release_date = datetime.date(2024, 10, 18)
    distributor = factory.SubFactory(CompanyFactory)


class AlbumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Album

    title = factory.Sequence(lambda n: f"Album {n}")
    slug = factory.Sequence(lambda n: f"album-{n}")
    year = 2024
    release_date = datetime.date(2024, 5, 3)
    label = factory.SubFactory(CompanyFactory)


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Track

    album = factory.SubFactory(AlbumFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Track {n}")
    duration = datetime.timedelta(minutes=3, seconds=30)


class BookFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Book

    title = factory.Sequence(lambda n: f"Book {n}")
    slug = factory.Sequence(lambda n: f"book-{n}")
    year = 2023
    publisher = factory.SubFactory(CompanyFactory)


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series

    title = factory.Sequence(lambda n: f"Series {n}")
    slug = factory.Sequence(lambda n: f"series-{n}")
    first_air_date = datetime.date(2022, 6, 23)
    network = factory.SubFactory(CompanyFactory)


class SeasonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Season

    series = factory.SubFactory(SeriesFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = ""
    slug = factory.Sequence(lambda n: f"season-{n}")
    release_date = datetime.date(2024, 6, 26)


class EpisodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Episode

    season = factory.SubFactory(SeasonFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Episode {n}")
    slug = factory.Sequence(lambda n: f"episode-{n}")


class PlatformFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Platform
        django_get_or_create = ["slug"]

    name = "PC"
    slug = "pc"


class GameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Game
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Game {n}")
    slug = factory.Sequence(lambda n: f"game-{n}")
    year = 2023
    release_date = datetime.date(2023, 9, 21)
    studio = factory.SubFactory(CompanyFactory)
    publisher = factory.SubFactory(CompanyFactory)

    @factory.post_generation
    def platforms(self, create, extracted, **kwargs):
        if create:
            self.platforms.set(extracted if extracted is not None else [PlatformFactory()])


class CreditFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Credit

    work = factory.SubFactory(FilmFactory)
    person = factory.SubFactory(PersonFactory)
    role = Credit.Role.DIRECTOR


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Author {n}")
    slug = factory.Sequence(lambda n: f"author-{n}")
    email = factory.Sequence(lambda n: f"author{n}@example.org")


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ["slug"]

    name = "Film"
    slug = "film"


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    dek = "A sentence that sells the piece."
    section = factory.SubFactory(SectionFactory)
    body = "<p>Body text.</p>"
    status = Article.Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT, publish_at=None)
        scheduled = factory.Trait(publish_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7)))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # As the desk writes one: through the write path, which renders library pictures in the body.
        return write_article(model_class(*args, **kwargs))

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create:
            for order, author in enumerate(extracted if extracted is not None else [AuthorFactory()]):
                ArticleAuthor.objects.create(article=self, author=author, order=order)

    @factory.post_generation
    def films(self, create, extracted, **kwargs):
        """Works of any kind it discusses, the first with its card (named for the films they all were)."""
        if create and extracted:
            _discuss(self, extracted)

    @factory.post_generation
    def works(self, create, extracted, **kwargs):
        if create and extracted:
            _discuss(self, extracted)


def _discuss(article: Article, works) -> None:
    for order, work in enumerate(works, start=article.article_works.count()):
        ArticleWork.objects.create(article=article, work=work, order=order, is_card=order == 0)


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    article = factory.SubFactory(ArticleFactory)
    kind = Citation.Kind.BOOK
    author = "Fisher, Mark"
    title = "Capitalist Realism"
    publisher = "Zero Books"
    year = 2009


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    article = factory.SubFactory(ArticleFactory)
    name = factory.Sequence(lambda n: f"Reader {n}")
    email = factory.Sequence(lambda n: f"reader{n}@example.com")
    body = "A thoughtful comment."
    status = Comment.Status.APPROVED


PASSWORD = "a-long-test-password"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = factory.Sequence(lambda n: f"First{n}")
    last_name = "Tester"
    is_staff = True
    password = factory.django.Password(PASSWORD)


def role_group(name: str) -> Group:
    """The role's group, as the roles migration made it (made again after a transactional test's flush)."""
    if not Group.objects.filter(name=name).exists():
        migration = import_module("desk.migrations.0001_roles")
        migration.create_roles(apps, SimpleNamespace(connection=connection))
    return Group.objects.get(name=name)


def user_with_role(role: str, *, writes_as: Author | None = None, **kwargs):
    """A staff login in the role's group; a contributor also gets an author to write as."""
    user = UserFactory(**kwargs)
    user.groups.add(role_group(role))
    if writes_as is None and role == "Contributor":
        writes_as = AuthorFactory(name=user.get_full_name())
    if writes_as is not None:
        writes_as.user = user
        writes_as.save(update_fields=["user"])
    return user
