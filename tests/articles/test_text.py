"""Heading anchors, table of contents and reading time, derived from the body when it is saved."""

from articles import text
from tests.factories import ArticleFactory


def test_subheadings_get_ids_from_their_text():
    body = "<p>a</p><h2>The <em>long</em> shift: Baker’s women</h2><p>b</p><h2>Love &amp; money</h2>"

    assert text.add_heading_ids(body) == (
        '<p>a</p><h2 id="the-long-shift-bakers-women">The <em>long</em> shift: Baker’s women</h2>'
        '<p>b</p><h2 id="love-money">Love &amp; money</h2>'
    )


def test_duplicate_reserved_and_empty_headings_get_unique_safe_ids():
    body = "<h2>Comments</h2><h2>Notes</h2><h2>Notes</h2><h2>2016</h2><h2> </h2><h2>!!!</h2>"

    ids = [heading.anchor for heading in text.table_of_contents(text.add_heading_ids(body))]

    assert ids == ["s-comments", "notes", "notes-2", "s-2016", "section", "section-2"]


def test_adding_ids_twice_changes_nothing():
    once = text.add_heading_ids("<h2>One</h2><h2>Two</h2>")

    assert text.add_heading_ids(once) == once


def test_table_of_contents_needs_three_subheadings():
    assert text.table_of_contents(text.add_heading_ids("<h2>One</h2><h2>Two</h2>")) == []
    toc = text.table_of_contents(text.add_heading_ids("<h2>One</h2><h2>Two <i>too</i></h2><h2>Three</h2>"))
    assert [(h.anchor, h.text) for h in toc] == [("one", "One"), ("two-too", "Two too"), ("three", "Three")]


def test_reading_time_counts_words_not_markup():
    assert text.word_count('<p>One <a href="https://example.org/long/url">two</a> three’s four-five.</p>') == 4
    assert text.reading_minutes("") == 1
    assert text.reading_minutes("<p>" + "word " * 230 + "</p>") == 1
    assert text.reading_minutes("<p>" + "word " * 231 + "</p>") == 2


def test_saving_an_article_anchors_headings_and_counts_minutes(db):
    article = ArticleFactory(body="<h2 onclick='x()'>Part one</h2><p>" + "word " * 500 + "</p>")

    assert article.body.startswith('<h2 id="part-one">Part one</h2>')
    assert article.reading_minutes == 3
    article.body = article.body.replace("Part one", "Act one")
    article.save()
    assert article.body.startswith('<h2 id="act-one">Act one</h2>')


def test_blocks_are_stored_a_blank_line_apart_however_they_arrive(db):
    from_the_editor = ArticleFactory(body="<p>One.</p><h2>Two</h2><blockquote><p>Three.</p></blockquote><p>Four.</p>")
    from_a_file = ArticleFactory(
        body="\n<p>One.</p>\n<h2>Two</h2>\n\n\n<blockquote><p>Three.</p></blockquote>  <p>Four.</p>\n"
    )

    assert (
        from_the_editor.body
        == from_a_file.body
        == ('<p>One.</p>\n\n<h2 id="two">Two</h2>\n\n<blockquote><p>Three.</p></blockquote>\n\n<p>Four.</p>')
    )


def test_separating_blocks_keeps_the_spaces_between_words():
    body = "Hello <em>you</em> <strong>there</strong>"

    assert text.separate_blocks(body) == body
    assert text.separate_blocks('<p>a > b</p><p title="x > y">c</p>') == '<p>a > b</p>\n\n<p title="x > y">c</p>'
