"""`restore_split_tags` puts back the tags that saves split, as the revisions show them."""

import io

import pytest
import reversion
from django.core.management import call_command
from taggit.models import Tag

from articles.history import unsplit, versions_of
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def revise(article, tags: list[str]) -> None:
    """A save through the admin, as django-reversion keeps it."""
    with reversion.create_revision():
        article.save()
        article.tags.set(tags)


def restore(*args) -> str:
    out = io.StringIO()
    call_command("restore_split_tags", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def split_article():
    """Tagged as its writer meant, then saved once by the form that split tags."""
    article = ArticleFactory(title="Anora")
    revise(article, ["sean baker", "sex work", "genre"])
    revise(article, ["baker", "sean", "sex", "work", "genre"])
    return article


def test_split_tags_are_put_back_and_their_pieces_deleted(split_article, client):
    restore()

    assert sorted(split_article.tags.names()) == ["genre", "sean baker", "sex work"]
    assert not Tag.objects.filter(name__in=["baker", "sean", "sex", "work"]).exists()
    assert "Anora" in client.get("/tags/sean-baker/").content.decode()
    assert client.get("/tags/sean/").status_code == 404


def test_the_repair_leaves_a_revision_saying_so(split_article):
    restore()

    latest = versions_of(split_article).first().revision
    assert latest.comment == "Tags put back as they were before a save split them: genre, sean baker, sex work."
    assert latest.user is None


def test_a_form_opened_before_the_repair_cannot_save_the_pieces_back(split_article):
    opened_at = split_article.lock_version

    restore()

    split_article.refresh_from_db()
    assert split_article.lock_version > opened_at


def test_a_dry_run_says_what_it_would_do_and_does_nothing(split_article):
    out = restore("--dry-run")

    assert "baker, genre, sean, sex, work → genre, sean baker, sex work" in out
    assert "1 article(s) would be repaired" in out
    assert sorted(split_article.tags.names()) == ["baker", "genre", "sean", "sex", "work"]


def test_a_second_run_finds_nothing_to_do(split_article):
    restore()

    assert "0 article(s) repaired" in restore()


def test_tags_split_on_the_first_save_are_left_alone():
    article = ArticleFactory()
    revise(article, ["celine", "song"])

    assert "0 article(s) repaired" in restore()
    assert sorted(article.tags.names()) == ["celine", "song"]


def test_a_split_found_several_saves_later_keeps_what_those_saves_did():
    article = ArticleFactory()
    revise(article, ["sean baker", "drama"])
    revise(article, ["baker", "sean", "drama"])
    revise(article, ["baker", "sean", "neon"])  # drama taken off, neon added

    restore()

    assert sorted(article.tags.names()) == ["neon", "sean baker"]


def test_a_piece_that_was_a_tag_of_its_own_stays():
    assert unsplit(["sean baker", "sean"], ["baker", "sean"]) == ["sean", "sean baker"]


def test_a_tag_taken_off_stays_off():
    assert unsplit(["sean baker", "sex work"], ["baker", "sean"]) == ["sean baker"]


def test_names_split_on_commas_and_quotes_come_back():
    assert unsplit(["Crouching Tiger, Hidden Dragon"], ["Crouching Tiger", "Hidden Dragon"]) == [
        "Crouching Tiger, Hidden Dragon"
    ]
