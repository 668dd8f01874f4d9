import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from articles.models import Article, ArticleWork, Citation, Section
from authors.models import Author
from films.models import Company, Film, Person
from tests.factories import ArticleFactory, AuthorFactory, CitationFactory, FilmFactory

pytestmark = pytest.mark.django_db


def test_published_returns_only_articles_readers_may_see():
    public = ArticleFactory()
    ArticleFactory(draft=True)
    ArticleFactory(status=Article.Status.REVIEW, publish_at=None)
    ArticleFactory(status=Article.Status.ARCHIVED)
    ArticleFactory(scheduled=True)

    assert list(Article.objects.published()) == [public]


def test_published_takes_a_reference_time():
    scheduled = ArticleFactory(scheduled=True)

    assert list(Article.objects.published(at=timezone.now() + datetime.timedelta(days=8))) == [scheduled]


def test_publishing_without_a_time_sets_it_to_now():
    article = ArticleFactory(status=Article.Status.PUBLISHED, publish_at=None)

    assert article.publish_at is not None
    assert article.is_published


def test_slugs_are_unique():
    ArticleFactory(slug="anora")

    with pytest.raises(ValidationError) as excinfo:
        ArticleFactory.build(slug="anora", section=ArticleFactory().section).full_clean()
    assert "slug" in excinfo.value.message_dict
    with pytest.raises(IntegrityError):
        ArticleFactory(slug="anora")


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        (Section, {"name": "Anora"}),
        (Author, {"name": "Anora"}),
        (Film, {"title": "Anora"}),
        (Person, {"name": "Anora"}),
        (Company, {"name": "Anora"}),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_every_slug_is_unique(model, fields):
    model.objects.create(slug="anora", **fields)

    with pytest.raises(ValidationError) as excinfo:
        model(slug="anora", **fields).validate_unique()
    assert "slug" in excinfo.value.message_dict
    with pytest.raises(IntegrityError):
        model.objects.create(slug="anora", **fields)


def test_bylines_and_works_cited_follow_their_order_not_when_they_were_added():
    first_added, second_added = AuthorFactory(), AuthorFactory()
    article = ArticleFactory(authors=[first_added, second_added])
    article.article_authors.filter(author=first_added).update(order=5)
    later = CitationFactory(article=article, title="Cruel Optimism", order=3)
    earlier = CitationFactory(article=article, title="Platform Capitalism", order=1)

    article = Article.objects.with_related().get(pk=article.pk)

    assert article.bylines == [second_added, first_added]
    assert list(article.citations.all()) == [earlier, later]


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<a href="javascript:alert(1)">click</a>',
        '<p onclick="alert(1)" style="color:red">text</p>',
        "<svg onload=alert(1)><circle/></svg>",
        '<iframe src="https://evil.example"></iframe>',
        "<style>body{display:none}</style>",
    ],
)
def test_body_is_sanitised_on_save(hostile):
    article = ArticleFactory(body=f"<p>Kept text.</p>{hostile}")
    article.refresh_from_db()

    lowered = article.body.lower()
    for forbidden in ("<script", "onerror", "onclick", "onload", "javascript:", "<iframe", "<style", "<svg", "style="):
        assert forbidden not in lowered
    assert "alert(1)" not in article.body
    assert "<p>Kept text.</p>" in article.body


def test_body_keeps_allowed_formatting():
    html = '<h2>Heading</h2><p><em>Anora</em> and <strong>work</strong>, <a href="https://example.org">a link</a>.</p>'
    article = ArticleFactory(body=html)

    assert '<h2 id="heading">Heading</h2>' in article.body
    assert "<em>Anora</em>" in article.body
    assert '<a href="https://example.org" rel="noopener noreferrer">a link</a>' in article.body


def test_only_reviews_carry_a_rating():
    article = ArticleFactory.build(kind=Article.Kind.ESSAY, rating=4, section=ArticleFactory().section)

    with pytest.raises(ValidationError) as excinfo:
        article.full_clean()
    assert "rating" in excinfo.value.message_dict


def test_an_article_has_one_card_film_at_most():
    article = ArticleFactory(films=[FilmFactory()])

    with pytest.raises(IntegrityError):
        ArticleWork.objects.create(article=article, work=FilmFactory(), is_card=True)


def test_card_film_is_the_flagged_film():
    card, other = FilmFactory(), FilmFactory()
    article = ArticleFactory(films=[card, other])

    assert article.card_work == card


def test_book_citation_in_mla_style():
    citation = CitationFactory(
        author="Grant, Melissa Gira",
        title="Playing the Whore: The Work of Sex Work",
        publisher="Verso",
        year=2014,
    )

    assert citation.as_mla() == (
        "Grant, Melissa Gira. <cite>Playing the Whore: The Work of Sex Work</cite>. Verso, 2014."
    )


def test_song_citation_sets_the_title_in_quotation_marks():
    citation = CitationFactory(
        kind=Citation.Kind.SONG,
        author="Take That",
        title="Greatest Day",
        container="The Circus",
        publisher="Polydor",
        year=2008,
    )

    assert citation.as_mla() == "Take That. “Greatest Day.” <cite>The Circus</cite>, Polydor, 2008."


def test_film_citation_capitalises_contributors_after_the_title():
    citation = CitationFactory(
        kind=Citation.Kind.FILM,
        author="",
        title="Anora",
        contributors="directed by Sean Baker",
        publisher="Neon",
        year=2024,
    )

    assert citation.as_mla() == "<cite>Anora</cite>. Directed by Sean Baker, Neon, 2024."


def test_citation_with_full_date_uses_mla_month_abbreviations():
    citation = CitationFactory(
        kind=Citation.Kind.ARTICLE,
        author="Doe, Jane",
        title="On Genre",
        container="Film Quarterly",
        volume="78",
        issue="2",
        pages="10–18",
        publisher="",
        date=datetime.date(2024, 10, 18),
    )

    assert citation.year == 2024
    assert citation.as_mla() == (
        "Doe, Jane. “On Genre.” <cite>Film Quarterly</cite>, vol. 78, no. 2, 18 Oct. 2024, pp. 10–18."
    )


def test_citation_fields_are_escaped():
    citation = CitationFactory(author="<b>Evil</b>", title="<script>x</script>")

    assert "<script>" not in citation.as_mla()
    assert "&lt;b&gt;Evil&lt;/b&gt;" in citation.as_mla()


def test_citation_title_ending_in_a_question_mark_gets_no_extra_full_stop():
    citation = CitationFactory(title="Capitalist Realism: Is There No Alternative?")

    assert (
        citation.as_mla()
        == "Fisher, Mark. <cite>Capitalist Realism: Is There No Alternative?</cite> Zero Books, 2009."
    )


def _works_cited(article: Article) -> list[str]:
    return [citation.title for citation in Article.objects.with_related().get(pk=article.pk).works_cited]


def test_works_cited_are_listed_alphabetically_by_author_or_title_as_mla_asks():
    article = ArticleFactory()
    for order, (author, title) in enumerate(
        [
            ("Take That", "Greatest Day"),
            ("Srnicek, Nick", "Platform Capitalism"),
            ("", "The Florida Project"),
            ("fisher, Mark", "Capitalist Realism"),
            ("", "An Anatomy of Melancholy"),
            ("", "‘Anora’ at Cannes"),
            ("Éluard, Paul", "Capitale de la douleur"),
            ("", "Starlet"),
        ]
    ):
        CitationFactory(article=article, author=author, title=title, order=order)

    # By the author's name, else the title without A, An or The; letters compared without case or accents.
    assert _works_cited(article) == [
        "An Anatomy of Melancholy",
        "‘Anora’ at Cannes",
        "Capitale de la douleur",
        "Capitalist Realism",
        "The Florida Project",
        "Platform Capitalism",
        "Starlet",
        "Greatest Day",
    ]


def test_works_by_the_same_author_are_ordered_by_title():
    article = ArticleFactory()
    CitationFactory(article=article, author="Fisher, Mark", title="The Weird and the Eerie", order=0)
    CitationFactory(article=article, author="Fisher, Mark", title="Ghosts of My Life", order=1)
    CitationFactory(article=article, author="Fisher, Mark", title="Capitalist Realism", order=2)

    assert _works_cited(article) == ["Capitalist Realism", "Ghosts of My Life", "The Weird and the Eerie"]


def test_an_article_can_keep_its_works_cited_in_the_order_entered():
    article = ArticleFactory(citations_in_entered_order=True)
    CitationFactory(article=article, author="Take That", title="Greatest Day", order=0)
    CitationFactory(article=article, author="Fisher, Mark", title="Capitalist Realism", order=1)

    assert _works_cited(article) == ["Greatest Day", "Capitalist Realism"]
