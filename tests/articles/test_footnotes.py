"""Footnotes in article bodies: numbered in the order they are referred to, linked both ways."""

import re

import pytest

from articles.text import add_heading_ids, number_footnotes
from core.sanitize import clean_html
from tests.factories import ArticleFactory


def _ref(number: int) -> str:
    return f'<sup id="fnref-{number}"><a href="#fn-{number}">{number}</a></sup>'


def _notes(*items: tuple[int, str]) -> str:
    return '<ol data-footnotes="">' + "".join(f'<li id="fn-{n}"><p>{text}</p></li>' for n, text in items) + "</ol>"


def _saved(body: str) -> str:
    return number_footnotes(clean_html(body))


def test_references_are_numbered_in_the_order_of_the_text():
    body = f"<p>First{_ref(2)} then{_ref(1)}.</p>" + _notes((1, "Said second."), (2, "Said first."))

    saved = _saved(body)

    assert re.findall(r'<sup id="fnref-(\d)">', saved) == ["1", "2"]
    assert re.findall(r'<li id="fn-(\d)"><p>([^<]*)', saved) == [("1", "Said first. "), ("2", "Said second. ")]


def test_each_reference_links_to_its_note_and_each_note_links_back():
    saved = _saved(f"<p>Text{_ref(1)}.</p>" + _notes((1, "A note.")))

    assert '<a href="#fn-1" role="doc-noteref" aria-label="Note 1" rel="noopener noreferrer">1</a>' in saved
    assert (
        '<li id="fn-1"><p>A note. <a href="#fnref-1" role="doc-backlink" aria-label="Back to the text of note 1" '
        'rel="noopener noreferrer">↩</a></p></li>' in saved
    )


def test_the_notes_go_to_the_end_of_the_body():
    body = _notes((1, "A note.")) + f"<p>Text{_ref(1)}.</p><p>More.</p>"

    assert _saved(body).startswith(f"<p>Text{_ref(1)[:20]}")
    assert _saved(body).endswith("</li></ol>")


def test_numbering_again_changes_nothing():
    once = _saved(f"<p>a{_ref(3)} b{_ref(7)}</p>" + _notes((7, "Seven <em>it</em>"), (3, "Three")))

    assert _saved(once) == once


def test_a_note_no_reference_points_to_is_kept_without_a_number_of_its_own():
    saved = _saved(f"<p>a{_ref(1)}</p>" + _notes((1, "Kept."), (2, "Orphaned but kept.")))

    assert "<li><p>Orphaned but kept.</p></li>" in saved
    assert 'id="fn-2"' not in saved


def test_a_reference_without_a_note_gets_an_empty_one_to_write_in():
    saved = _saved(f"<p>a{_ref(1)}</p>")

    assert '<ol data-footnotes=""><li id="fn-1"><p> <a href="#fnref-1"' in saved


def test_a_body_without_footnotes_is_left_alone():
    assert number_footnotes("<p>No notes here.</p>") == "<p>No notes here.</p>"


@pytest.mark.parametrize("heading", ["fn-1", "FN 2", "fnref 3"])
def test_a_subheading_never_takes_a_footnote_s_id(heading):
    assert 'id="s-' in add_heading_ids(f"<h2>{heading}</h2>")


@pytest.mark.django_db
def test_saving_an_article_numbers_its_footnotes():
    article = ArticleFactory(body=f"<p>One{_ref(5)}.</p>" + _notes((5, "The note.")))

    assert '<sup id="fnref-1">' in article.body
    assert '<li id="fn-1"><p>The note. <a href="#fnref-1"' in article.body


def test_a_note_whose_link_back_the_editor_removed_gets_one_space_before_the_new_one():
    saved = _saved(f"<p>a{_ref(1)}</p>" + _notes((1, "A note. ")))

    assert "<p>A note. <a href=" in saved


def test_the_empty_paragraph_the_editor_keeps_after_the_notes_is_not_stored():
    saved = _saved(f"<p>a{_ref(1)}</p>" + _notes((1, "A note.")) + "<p></p>")

    assert saved.endswith("</li></ol>") and "<p></p>" not in saved
