import datetime
import json
import re

import pytest
from django.conf import settings
from django.urls import reverse

from articles.models import Article, FeaturedArticle
from films.models import Credit, Film
from tests.admin_forms import article_form
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CitationFactory,
    CommentFactory,
    CompanyFactory,
    CreditFactory,
    FilmFactory,
    ImageFactory,
    PersonFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db

ADMIN_MODELS = [
    "articles.section",
    "articles.article",
    "articles.citation",
    "articles.featuredarticle",
    "authors.author",
    "films.film",
    "films.person",
    "films.credit",
    "films.company",
    "comments.comment",
    "images.image",
]


@pytest.fixture
def one_of_each():
    """A row of every model, each with a word of its own for the changelist to show and find."""
    film = FilmFactory(title="Tangerine", distributor=CompanyFactory(name="Magnolia Pictures"))
    CreditFactory(work=film, person=PersonFactory(name="Mya Taylor"), role=Credit.Role.CAST, character="Alexandra")
    article = ArticleFactory(
        title="Christmas Eve on Santa Monica",
        section=SectionFactory(name="Cinema", slug="cinema"),
        authors=[AuthorFactory(name="Ruth Amsel")],
        films=[film],
    )
    article.hero = ImageFactory(size=(80, 45), alt="A donut shop at dusk")
    article.save()
    CitationFactory(article=article, title="Playing the Whore")
    FeaturedArticle.objects.create(article=article)
    CommentFactory(article=article, name="Dana Reader", body="Shot on three phones.")


# What each changelist shows of that row, and a word its search finds it by.
CHANGELIST_ROWS = {
    "articles.section": ("Cinema", "cinema"),
    "articles.article": ("Christmas Eve on Santa Monica", "santa"),
    "articles.citation": ("Playing the Whore", "whore"),
    "articles.featuredarticle": ("Christmas Eve on Santa Monica", "santa"),
    "authors.author": ("Ruth Amsel", "amsel"),
    "films.film": ("Tangerine", "tangerine"),
    "films.person": ("Mya Taylor", "mya"),
    "films.credit": ("Alexandra", "alexandra"),
    "films.company": ("Magnolia Pictures", "magnolia"),
    "comments.comment": ("Shot on three phones.", "phones"),
    "images.image": ("A donut shop at dusk", "donut"),
}


def test_every_admin_model_has_its_row_to_show():
    assert sorted(CHANGELIST_ROWS) == sorted(ADMIN_MODELS)


@pytest.mark.parametrize("model", ADMIN_MODELS)
def test_changelist_shows_and_finds_a_row_for_superuser(admin_client, one_of_each, model):
    app_label, model_name = model.split(".")
    url = reverse(f"admin:{app_label}_{model_name}_changelist")
    shown, word = CHANGELIST_ROWS[model]

    listed = admin_client.get(url)
    found = admin_client.get(url, {"q": word})
    missed = admin_client.get(url, {"q": "zzyzx"})

    assert listed.status_code == found.status_code == missed.status_code == 200
    assert shown in listed.content.decode()
    assert found.context["cl"].result_count == 1
    assert missed.context["cl"].result_count == 0


# Comments come from readers: the admin has no form to add one.
@pytest.mark.parametrize("model", [model for model in ADMIN_MODELS if model != "comments.comment"])
def test_add_form_opens_for_superuser(admin_client, model):
    app_label, model_name = model.split(".")

    response = admin_client.get(reverse(f"admin:{app_label}_{model_name}_add"))

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("model", "source"),
    [
        ("articles.section", "#id_name"),
        ("articles.article", "#id_title"),
        ("authors.author", "#id_name"),
        ("films.film", "#id_title"),
        ("films.person", "#id_name"),
        ("films.company", "#id_name"),
    ],
)
def test_add_form_fills_the_slug_from_the_name(admin_client, model, source):
    app_label, model_name = model.split(".")

    response = admin_client.get(reverse(f"admin:{app_label}_{model_name}_add"))

    fields = json.loads(response.context["prepopulated_fields_json"])
    prepopulated = {field["id"]: field["dependency_ids"] for field in fields}
    assert source in prepopulated["#id_slug"]


@pytest.mark.parametrize(
    ("model", "inlines"),
    [
        ("articles.article", {"article_authors", "article_works", "citations"}),
        ("films.film", {"credits"}),
    ],
)
def test_add_form_has_its_inlines(admin_client, model, inlines):
    app_label, model_name = model.split(".")

    response = admin_client.get(reverse(f"admin:{app_label}_{model_name}_add"))

    html = response.content.decode()
    for prefix in inlines:
        assert f'name="{prefix}-TOTAL_FORMS"' in html


def test_editor_adds_a_film_with_its_director_inline(admin_client):
    baker = PersonFactory(name="Sean Baker")
    data = {
        "title": "Anora",
        "slug": "anora",
        "year": "2024",
        "release_date": "2024-10-18",
        "distributor": CompanyFactory(name="Neon").pk,
        "runtime": "",
        "summary": "",
        "imdb_id": "",
        "credits-TOTAL_FORMS": "1",
        "credits-INITIAL_FORMS": "0",
        "credits-0-person": baker.pk,
        "credits-0-role": Credit.Role.DIRECTOR,
        "credits-0-character": "",
        "credits-0-order": "0",
    }

    response = admin_client.post(reverse("admin:films_film_add"), data)

    assert response.status_code == 302
    assert Film.objects.get(slug="anora").directors == [baker]


def _article_form(**overrides):
    data = {
        "title": "A new essay",
        "slug": "a-new-essay",
        "dek": "",
        "section": SectionFactory().pk,
        "kind": Article.Kind.ESSAY,
        "body": "<p>Hello <script>alert(1)</script></p>",
        "tags": ["sean baker", "genre"],
        "status": Article.Status.DRAFT,
        "publish_at_0": "",
        "publish_at_1": "",
        "rating": "",
        "hero_alt": "",
        "hero_caption": "",
        "hero_credit": "",
        "comment_mode": Article.CommentMode.DEFAULT,
    }
    for prefix in ("article_authors", "article_works", "citations", "corrections"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(overrides)
    return data


def test_editor_adds_an_article_with_bylines_and_films(admin_client):
    author, film = AuthorFactory(), FilmFactory()
    data = _article_form(
        **{
            "article_authors-TOTAL_FORMS": "1",
            "article_authors-0-author": author.pk,
            "article_authors-0-order": "0",
            "article_works-TOTAL_FORMS": "1",
            "article_works-0-work": film.pk,
            "article_works-0-is_card": "on",
            "article_works-0-order": "0",
        }
    )

    response = admin_client.post(reverse("admin:articles_article_add"), data)

    assert response.status_code == 302
    article = Article.objects.get(slug="a-new-essay")
    assert article.bylines == [author]
    assert article.card_work == film
    assert "<script>" not in article.body
    assert sorted(article.tags.names()) == ["genre", "sean baker"]


def test_two_card_films_are_refused_with_a_message(admin_client):
    data = _article_form(
        **{
            "article_works-TOTAL_FORMS": "2",
            "article_works-0-work": FilmFactory().pk,
            "article_works-0-is_card": "on",
            "article_works-1-work": FilmFactory().pk,
            "article_works-1-is_card": "on",
        }
    )

    response = admin_client.post(reverse("admin:articles_article_add"), data)

    assert response.status_code == 200
    assert "Only one work can have the card" in response.content.decode()
    assert not Article.objects.filter(slug="a-new-essay").exists()


def test_a_rating_on_an_essay_is_refused_with_a_message(admin_client):
    response = admin_client.post(reverse("admin:articles_article_add"), _article_form(rating="4"))

    assert response.status_code == 200
    assert "Only reviews carry a rating." in response.content.decode()


def test_editor_orders_the_featured_articles_from_the_list(admin_client):
    from articles.models import FeaturedArticle

    first, second = (FeaturedArticle.objects.create(article=ArticleFactory(), order=n) for n in (1, 2))
    url = reverse("admin:articles_featuredarticle_changelist")
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "form-0-id": first.pk,
        "form-0-order": "5",
        "form-1-id": second.pk,
        "form-1-order": "3",
        "_save": "Save",
    }

    response = admin_client.post(url, data)

    assert response.status_code == 302
    assert list(FeaturedArticle.objects.values_list("pk", flat=True)) == [second.pk, first.pk]
    assert list(Article.objects.featured()) == [second.article, first.article]


def test_editor_adds_a_dated_correction_inline(admin_client):
    article = ArticleFactory(title="On Anora", slug="on-anora", section=SectionFactory())
    data = article_form(
        article,
        **{
            "publish_at_0": "2025-01-14",
            "publish_at_1": "09:00:00",
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-kind": "correction",
            "corrections-0-date_0": "2025-02-01",
            "corrections-0-date_1": "10:00:00",
            "corrections-0-text": "An earlier version misnamed the distributor.",
        },
    )

    response = admin_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)

    assert response.status_code == 302, response.context["adminform"].errors if response.context else ""
    correction = article.corrections.get()
    assert correction.text == "An earlier version misnamed the distributor."
    assert Article.objects.with_modified().get(pk=article.pk).modified_at.date().isoformat() == "2025-02-01"


def test_editor_keeps_an_article_s_works_cited_in_the_order_entered(admin_client):
    article = ArticleFactory(section=SectionFactory())
    form = admin_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert 'name="citations_in_entered_order"' in form

    response = admin_client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form(article, citations_in_entered_order="on"),
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.citations_in_entered_order


def test_the_body_is_edited_in_the_rich_text_editor_under_the_strict_csp(admin_client):
    response = admin_client.get(reverse("admin:articles_article_add"))

    html = response.content.decode()
    assert 'src="/static/richtext/richtext.js"' in html
    assert 'href="/static/richtext/richtext.css"' in html
    assert 'data-richtext=""' in html and 'name="body"' in html
    assert f'data-picker-url="{reverse("admin:images_image_picker")}"' in html
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp


PERMISSIVE_LICENCES = {"MIT", "BSD-2-Clause", "BSD-3-Clause", "ISC", "Apache-2.0"}


def test_the_editor_s_assets_are_our_own_static_files_under_permissive_licences():
    folder = settings.BASE_DIR / "static" / "richtext"
    notice = (folder / "THIRD-PARTY-LICENSES.txt").read_text()
    licences = dict(re.findall(r"^(@?[\w./-]+) [\d.]+ \(([^)]+)\)$", notice, re.MULTILINE))
    script = (folder / "richtext.js").read_text()

    assert {"@tiptap/core", "@tiptap/starter-kit", "prosemirror-view"} <= set(licences)
    assert set(licences.values()) <= PERMISSIVE_LICENCES, licences
    assert "THIRD-PARTY-LICENSES.txt" in script.splitlines()[0]
    # Nothing is fetched from another host: no module, stylesheet, font or picture from a CDN.
    for asset in (script, (folder / "richtext.css").read_text()):
        assert not re.search(r"""(?:import\(|@import|url\(|src\s*=)\s*["']?(?:https?:)?//""", asset)


def test_an_article_is_saved_with_a_hero_from_the_library(admin_client):
    hero = ImageFactory(size=(800, 450))

    response = admin_client.post(reverse("admin:articles_article_add"), _article_form(hero=hero.pk))

    assert response.status_code == 302
    assert Article.objects.get(slug="a-new-essay").hero == hero


# --- The desk's comforts: search, date hierarchy, links to the page or its preview, autocompletes ---


CHANGELIST = "admin:articles_article_changelist"


def test_editor_searches_articles_by_title_and_by_author(client, editor):
    ArticleFactory(title="On Anora", authors=[AuthorFactory(name="Ines Calloway")])
    ArticleFactory(title="On Spirit of Eden", authors=[AuthorFactory(name="Tomás Ferreira")])
    client.force_login(editor)

    def titles(query):
        return [a.title for a in client.get(reverse(CHANGELIST), {"q": query}).context["cl"].result_list]

    assert titles("anora") == ["On Anora"]
    assert titles("ferreira") == ["On Spirit of Eden"]


def test_the_changelist_drills_down_by_publish_date(client, editor):
    ArticleFactory(title="Of 2023", publish_at=datetime.datetime(2023, 5, 4, 9, tzinfo=datetime.UTC))
    ArticleFactory(title="Of 2024", publish_at=datetime.datetime(2024, 6, 5, 9, tzinfo=datetime.UTC))
    client.force_login(editor)

    html = client.get(reverse(CHANGELIST)).content.decode()
    assert "?publish_at__year=2023" in html and "?publish_at__year=2024" in html
    response = client.get(reverse(CHANGELIST), {"publish_at__year": 2023})
    assert [a.title for a in response.context["cl"].result_list] == ["Of 2023"]


def test_published_articles_link_to_their_page_the_others_to_their_preview(client, editor):
    live = ArticleFactory(title="Out now", slug="out-now")
    draft = ArticleFactory(title="Not yet", slug="not-yet", draft=True)
    scheduled = ArticleFactory(title="Next week", slug="next-week", scheduled=True)
    client.force_login(editor)

    html = client.get(reverse(CHANGELIST)).content.decode()
    assert '<a href="/articles/out-now/">View on site</a>' in html
    for article in (draft, scheduled):
        preview = reverse("admin:articles_article_preview", args=[article.pk])
        assert f'<a href="{preview}">Preview</a>' in html
        assert f'href="{article.get_absolute_url()}"' not in html

    live_form = client.get(reverse("admin:articles_article_change", args=[live.pk])).content.decode()
    assert "View on site" in live_form
    assert reverse("admin:articles_article_preview", args=[live.pk]) in live_form
    draft_form = client.get(reverse("admin:articles_article_change", args=[draft.pk])).content.decode()
    assert "View on site" not in draft_form
    assert reverse("admin:articles_article_preview", args=[draft.pk]) in draft_form


def test_editor_gives_a_person_a_bio_and_a_portrait_from_the_library(admin_client):
    person = PersonFactory(name="Sean Baker", slug="sean-baker")
    portrait = ImageFactory(size=(600, 600), alt="A drawing of Sean Baker")
    url = reverse("admin:films_person_change", args=[person.pk])
    form = admin_client.get(url).content.decode()
    assert 'name="bio"' in form and 'data-field-name="portrait"' in form and "admin-autocomplete" in form

    response = admin_client.post(
        url, {"name": person.name, "slug": person.slug, "bio": "Makes films.", "portrait": portrait.pk}
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.bio, person.portrait) == ("Makes films.", portrait)


@pytest.mark.parametrize(
    ("form", "source", "field", "make"),
    [
        ("articles_article_add", "articles.articleauthor", "author", lambda name: AuthorFactory(name=name)),
        ("articles_article_add", "articles.articlework", "work", lambda name: FilmFactory(title=name)),
        ("films_film_add", "films.credit", "person", lambda name: PersonFactory(name=name)),
    ],
    ids=["authors", "films", "people"],
)
def test_authors_films_and_people_are_picked_with_an_autocomplete(client, editor, form, source, field, make):
    make("Sean Baker")
    make("Mikey Madison")
    client.force_login(editor)

    html = client.get(reverse(f"admin:{form}")).content.decode()
    assert f'data-field-name="{field}"' in html and "admin-autocomplete" in html
    app_label, model_name = source.split(".")
    params = {"app_label": app_label, "model_name": model_name, "field_name": field, "term": "baker"}
    response = client.get(reverse("admin:autocomplete"), params)
    # (A film is named with its year.)
    assert [result["text"].removesuffix(" (2024)") for result in response.json()["results"]] == ["Sean Baker"]


def test_the_corrections_inline_is_headed_by_its_plural(admin_client):
    article = ArticleFactory()

    html = admin_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()

    assert "Corrections and updates (shown under the article, dated)" in html
    assert "dated)s" not in html


def test_the_admin_s_front_page_heads_tags_as_tags_not_by_taggit_s_name(client, editor):
    client.force_login(editor)

    html = client.get(reverse("admin:index")).content.decode()

    assert re.search(r'<a href="/admin/taggit/"[^>]*>\s*Tags\s*</a>', html)
    assert "Taggit" not in html


def test_a_dek_typed_on_two_lines_is_saved_as_one(admin_client):
    data = _article_form(dek="One sentence that sells\r\nthe piece,  on two lines. ")

    response = admin_client.post(reverse("admin:articles_article_add"), data)

    assert response.status_code == 302
    assert Article.objects.get(slug="a-new-essay").dek == "One sentence that sells the piece, on two lines."


# --- Length limits that say so ----------------------------------------------------------------


def test_the_headline_shows_its_limit_and_has_no_maxlength_to_cut_a_paste(admin_client):
    html = admin_client.get(reverse("admin:articles_article_add")).content.decode()

    title = re.search(r'<input[^>]*name="title"[^>]*>', html).group(0)
    assert not re.search(r"\smaxlength=", title)
    assert 'data-maxlength="300"' in title
    assert "js/textlimit.js" in html


def test_an_overlong_headline_is_refused_saying_by_how_much_and_kept(admin_client):
    pasted = "A headline that goes on " * 41 + "and on."  # 991 characters

    response = admin_client.post(reverse("admin:articles_article_add"), _article_form(title=pasted))

    html = response.content.decode()
    assert response.status_code == 200
    assert "This is 991 characters long; the limit is 300. Shorten it by 691" in html
    assert f'value="{pasted}"' in html
    assert not Article.objects.filter(slug="a-new-essay").exists()
