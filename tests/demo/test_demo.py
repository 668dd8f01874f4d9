import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from articles.history import versions_of
from articles.models import Article, ArticleWork, Citation, Section
from authors.models import Author
from comments.models import Comment
from demo import content, pictures
from demo.loader import ARTICLES_DIR
from films.models import Credit, Film, Person, Work
from images.models import Image
from tests.htmlparse import work_by_role

pytestmark = pytest.mark.django_db

ANORA_ESSAY = "anora-sex-work-and-the-fantasies-of-genre"


@pytest.fixture(autouse=True)
def _demo_password(settings):
    settings.DEMO_PASSWORD = "demo-pass-for-tests"


@pytest.fixture(autouse=True)
def _small_demo_pictures(monkeypatch):
    # The same drawing and re-encoding, on small canvases, so that each load takes a moment, not
    # seconds; tests/magazine/test_demo_pictures.py checks the pictures at their real size.
    monkeypatch.setattr(pictures, "HERO_SIZE", (320, 180))
    monkeypatch.setattr(pictures, "POSTER_SIZE", (200, 300))
    monkeypatch.setattr(pictures, "PORTRAIT_SIZE", (200, 200))
    monkeypatch.setattr(pictures, "SHARE_SIZE", (240, 126))


def _counts() -> dict[str, int]:
    models = [Section, Article, Citation, Author, Film, Person, Credit, Comment, Image, get_user_model()]
    return {model.__name__: model.objects.count() for model in models} | {
        "tags": sum(article.tags.count() for article in Article.objects.all())
    }


def test_loading_twice_adds_nothing_the_second_time(capsys):
    call_command("load_demo")
    first = _counts()
    call_command("load_demo")

    assert _counts() == first
    assert "nothing added" in capsys.readouterr().out


def test_demo_magazine_has_what_a_new_user_expects():
    call_command("load_demo")

    published = Article.objects.published()
    assert published.count() >= 8
    assert published.values("section").distinct().count() >= 3
    assert Author.objects.count() >= 3
    assert Comment.objects.approved().exists()
    assert Comment.objects.pending().count() == 1


def test_anora_essay_is_complete():
    call_command("load_demo")

    essay = Article.objects.published().get(slug=ANORA_ESSAY)
    film = essay.card_work
    assert film.title == "Anora"
    assert [person.name for person in film.directors] == ["Sean Baker"]
    assert film.distributor.name == "Neon"
    assert film.release_date.isoformat() == "2024-10-18"
    assert essay.dek
    assert essay.body.count("<h2 id=") >= 3
    assert essay.citations.count() == 6
    assert len(essay.bylines) >= 1
    baker_films = Film.objects.filter(credits__person__name="Sean Baker", credits__role="director")
    titles = set(baker_films.values_list("title", flat=True))
    assert {"Starlet", "Tangerine", "The Florida Project", "Red Rocket"} <= titles


def test_anora_essay_page_shows_every_element(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    call_command("load_demo")
    essay = Article.objects.get(slug=ANORA_ESSAY)

    html = client.get(f"/articles/{ANORA_ESSAY}/").content.decode()

    assert "‘Anora’, (Sex) Work, and the Fantasies of Genre</h1>" in html
    assert f'<p class="dek">{essay.dek}</p>' in html
    assert '<a href="/films/anora/"><cite>Anora</cite></a>' in html
    assert '<a href="/people/sean-baker/">Sean Baker</a>' in html
    assert "<dd>Neon</dd>" in html and '<time datetime="2024-10-18">18 October 2024</time>' in html
    for author in essay.bylines:
        assert f'<a href="/authors/{author.slug}/" rel="author">{author.name}</a>' in html
    assert '<time datetime="2025-01-14T09:00:00+00:00">14 January 2025</time>' in html
    assert '<a href="/sections/film/">Film</a>' in html
    assert '<a href="/tags/sean-baker/" rel="tag">sean baker</a>' in html
    body = html[html.index('class="article-body"') : html.index('class="article-footer"')]
    assert body.count("<h2 id=") >= 3
    assert "Grant, Melissa Gira. <cite>Playing the Whore: The Work of Sex Work</cite>. Verso, 2014." in html
    assert "Take That. “Greatest Day.”" in html
    approved = essay.comments.filter(status=Comment.Status.APPROVED).count()
    assert f"Comments ({approved})</h2>" in html
    for field in ('name="name"', 'name="email"', 'name="body"'):
        assert field in html


def test_demo_logins_use_the_demo_password(client, capsys):
    call_command("load_demo")

    assert "editor / demo-pass-for-tests" in capsys.readouterr().out
    for username in ("editor", "writer", "moderator"):
        client.logout()
        response = client.post(
            "/admin/login/", {"username": username, "password": "demo-pass-for-tests", "next": "/admin/"}
        )
        assert response.status_code == 302, username
        assert client.get("/admin/").status_code == 200


def test_generated_password_is_kept_between_loads(settings, tmp_path, monkeypatch, capsys):
    settings.DEMO_PASSWORD = ""
    monkeypatch.setattr("demo.loader.PASSWORD_FILE", tmp_path / "demo-password")
    call_command("load_demo")
    first = capsys.readouterr().out
    call_command("load_demo")

    assert first.split("editor / ")[1].split()[0] == capsys.readouterr().out.split("editor / ")[1].split()[0]


def test_every_demo_article_has_a_body_file():
    for article in content.ARTICLES:
        assert (ARTICLES_DIR / f"{article['slug']}.html").exists()


def test_demo_shows_the_workflow_at_once():
    call_command("load_demo")

    in_review = Article.objects.get(status=Article.Status.REVIEW)
    assert in_review.bylines[0].user.username == "writer"
    scheduled = Article.objects.get(slug="the-case-for-the-slow-review")
    assert scheduled.state == Article.State.SCHEDULED
    days_ahead = (timezone.localdate(scheduled.publish_at) - timezone.localdate()).days
    assert days_ahead == 7
    embargoed = Article.objects.get(slug="starlet-review-a-friendship-with-the-price-tag-left-on")
    assert embargoed.state == Article.State.EMBARGOED
    assert embargoed.embargo_set_by == "Music Box Films (distributor)"
    assert embargoed.kind == Article.Kind.REVIEW and embargoed.card_work.title == "Starlet"
    for article in (in_review, scheduled, embargoed):
        assert not Article.objects.published().filter(pk=article.pk).exists()
        assert versions_of(article).exists()


def test_demo_logins_have_real_roles():
    call_command("load_demo")
    User = get_user_model()

    roles = {user.username: list(user.groups.values_list("name", flat=True)) for user in User.objects.all()}
    assert roles == {"editor": ["Editor"], "writer": ["Contributor"], "moderator": ["Moderator"]}
    assert not User.objects.filter(is_superuser=True).exists()
    writer = User.objects.get(username="writer")
    assert writer.author.slug == content.AUTHORS[0]["slug"]
    assert not writer.has_perm("articles.publish_article")
    assert User.objects.get(username="editor").has_perm("articles.publish_article")


def test_every_demo_article_has_a_hero_and_every_film_a_poster_from_the_library():
    call_command("load_demo")

    for data in content.ARTICLES:
        hero = Article.objects.select_related("hero").get(slug=data["slug"]).hero
        assert hero is not None, data["slug"]
        assert hero.alt == data["hero_alt"] and hero.caption == data["hero_caption"]
        assert hero.srcset and hero.share is not None
    for film in Film.objects.select_related("picture"):
        assert film.picture is not None, film.slug
        assert film.title in film.picture.alt
    assert Article.objects.get(slug=ANORA_ESSAY).hero.credit == "Illustration: Magazine demo"


def test_a_magazine_loaded_before_the_library_gets_its_pictures_once():
    call_command("load_demo")
    Article.objects.update(hero=None)
    Work.objects.update(picture=None)
    Person.objects.update(portrait=None)
    Image.objects.all().delete()

    call_command("load_demo")
    assert not Article.objects.filter(hero=None).exists()
    assert not Film.objects.filter(picture=None).exists()
    assert Person.objects.get(slug="sean-baker").portrait is not None

    Article.objects.filter(slug=ANORA_ESSAY).update(hero=None)
    call_command("load_demo")
    assert Article.objects.get(slug=ANORA_ESSAY).hero is None


def test_the_demo_shows_a_director_with_a_portrait_and_a_bio(client):
    call_command("load_demo")

    baker = Person.objects.select_related("portrait").get(slug="sean-baker")
    assert baker.bio.startswith("Born in Summit, New Jersey, in 1971")
    assert baker.portrait is not None and "baseball cap" in baker.portrait.alt
    html = client.get(baker.get_absolute_url()).content.decode()
    assert 'class="profile-photo"' in html and baker.bio.split(",")[0] in html


def test_the_demo_has_a_default_share_picture_that_pages_are_shared_with(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo")

    picture = Image.objects.default_share()
    assert picture is not None and "strip of film" in picture.alt
    html = client.get("/").content.decode()
    assert f'<meta property="og:image" content="http://testserver{picture.share.url}">' in html


def test_a_share_picture_the_editors_unticked_is_not_chosen_again():
    call_command("load_demo")
    Image.objects.update(is_default_share=False)

    call_command("load_demo")

    assert Image.objects.default_share() is None


DRAFT_WITH_AUTOSAVE = "donut-time-the-corner-tangerine-keeps-coming-back-to"


def test_the_writer_s_draft_has_unsaved_changes_newer_than_its_last_save(client):
    from articles.autosave import Autosave, autosave_to_offer

    call_command("load_demo")
    draft = Article.objects.get(slug=DRAFT_WITH_AUTOSAVE)
    writer = get_user_model().objects.get(username="writer")

    assert draft.status == Article.Status.DRAFT and draft.bylines[0].user == writer
    offered = autosave_to_offer(article=draft, user=writer)
    assert offered is not None and offered.updated_at > draft.updated_at
    assert offered.fields["body"][0].startswith(draft.body)
    assert offered.fields["body"][0].endswith("close enough to hear the</p>")  # mid-sentence
    client.force_login(writer)
    html = client.get(f"/admin/articles/article/{draft.pk}/change/").content.decode()
    assert "You have unsaved changes from" in html

    Autosave.objects.all().delete()  # the writer discards it
    call_command("load_demo")
    assert not Autosave.objects.exists()


def test_the_demo_has_works_of_every_kind_with_their_cards_and_a_person_across_them(client):
    call_command("load_demo")

    review = client.get("/articles/spirit-of-eden-the-sound-of-a-band-leaving-the-room/").content.decode()
    card = review[review.index('class="film-card"') : review.index("</aside>")]
    assert "<dt>Label</dt><dd>Parlophone</dd>" in card and "Talk Talk</a>" in card
    album = client.get("/albums/spirit-of-eden/").content.decode()
    assert album.count("<li value=") == 6 and '<time datetime="PT9M5S">9:05</time>' in album

    book = client.get("/articles/capitalist-realism-revisited-the-little-book-that-named-the-weather/").text
    assert "<dt>ISBN</dt><dd>9781846943171</dd>" in book and "Zero Books" in book
    season = client.get("/articles/the-bear-season-three-review-a-kitchen-that-will-not-open/").text
    assert "<dt>Season</dt><dd>3</dd>" in season and "<dt>Network</dt><dd>FX</dd>" in season
    assert Article.objects.get(slug__startswith="the-bear-season-three").reviewed_work.kind == "season"

    # An album, a book and a film (films are most of the list: the other kinds say what they are).
    assert work_by_role(client.get("/people/nick-cave/").text) == {
        "Wrote": ["The Proposition (2005)", "And the Ass Saw the Angel (1989) · book"],
        "Performed": ["Wild God (2024) · album"],
        "Scored": ["The Proposition (2005)"],
    }
    essay = Article.objects.get(slug="nick-cave-one-voice-in-every-room")
    assert {link.work.kind for link in essay.article_works.select_related("work")} == {"album", "book", "film"}


def test_a_magazine_loaded_before_other_kinds_of_work_gets_them_and_its_reviews_their_cards():
    call_command("load_demo")
    review = Article.objects.get(slug="spirit-of-eden-the-sound-of-a-band-leaving-the-room")
    ArticleWork.objects.exclude(work__kind="film").delete()
    Work.objects.exclude(kind="film").delete()

    call_command("load_demo")

    assert review.card_work.title == "Spirit of Eden"
    assert Work.objects.filter(kind="album").count() == len(content.ALBUMS)
