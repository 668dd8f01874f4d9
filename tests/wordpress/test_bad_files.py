"""Bad input gets a clear message and changes nothing."""

import pytest
from django.core.management.base import CommandError

from articles.models import Article, Section
from authors.models import Author
from wordpress import wxr
from wordpress.models import ImportedObject

from .conftest import MAGAZINE

pytestmark = pytest.mark.django_db

HEAD = '<?xml version="1.0" encoding="UTF-8" ?>\n'
RSS = '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">'


def nothing_saved() -> bool:
    return not (Article.objects.exists() or Author.objects.exists() or Section.objects.exists()) and not (
        ImportedObject.objects.exists()
    )


def refused(run_import, tmp_path, content: str | bytes, message: str) -> None:
    path = tmp_path / "export.xml"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=message) as raised:
        run_import(path)
    assert "Nothing was imported." in str(raised.value)
    assert nothing_saved()


def test_an_rss_feed_is_not_an_export(run_import, tmp_path):
    feed = f"{HEAD}<rss version='2.0'><channel><title>A blog</title><item><title>Hi</title></item></channel></rss>"
    refused(run_import, tmp_path, feed, "not a WordPress export: no <wp:wxr_version>")


def test_an_html_page_is_not_an_export(run_import, tmp_path):
    refused(run_import, tmp_path, "<html><body><p>Export</p></body></html>", r"the document is <html>, not <rss>")


def test_a_file_that_is_not_xml_is_refused(run_import, tmp_path):
    refused(run_import, tmp_path, "title,date\nAnora,2024\n", "not well-formed XML|cannot read the file")


def test_a_truncated_export_changes_nothing_although_its_start_is_whole(run_import, tmp_path):
    text = MAGAZINE.read_text(encoding="utf-8")
    # Cut inside the last item: the authors, terms and first posts before it are all well-formed.
    refused(run_import, tmp_path, text[: text.index("<title><![CDATA[Tote bag")], "the file ends too soon")


def test_an_entity_bomb_is_refused(run_import, tmp_path):
    bomb = (
        f'{HEAD}<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        f"{RSS}<channel><wp:wxr_version>1.2</wp:wxr_version><title>&c;</title></channel></rss>"
    )
    refused(run_import, tmp_path, bomb, "refused: the file declares a DTD")


def test_an_external_entity_is_refused(run_import, tmp_path):
    external = (
        f'{HEAD}<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
        f"{RSS}<channel><wp:wxr_version>1.2</wp:wxr_version><title>&secret;</title></channel></rss>"
    )
    refused(run_import, tmp_path, external, "refused: the file declares a DTD")


def test_a_latin1_file_that_says_it_is_utf8_is_refused_with_how_to_convert_it(run_import, tmp_path):
    text = MAGAZINE.read_text(encoding="utf-8").replace("Øvrebø", "Ovrebø")
    refused(run_import, tmp_path, text.encode("latin-1", errors="replace"), "If it is not UTF-8, convert it")


def test_an_export_that_declares_its_real_encoding_is_read(run_import, tmp_path):
    text = MAGAZINE.read_text(encoding="utf-8").replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    text = text.replace("Tomás Øvrebø", "Tomás Ovrebø").replace("Jun Takahashi 高橋", "Jun Takahashi")
    path = tmp_path / "latin1.xml"
    path.write_bytes(text.encode("latin-1", errors="strict") if _latin1(text) else b"")

    run_import(path)

    assert Author.objects.filter(name="Tomás Ovrebø").exists()


def _latin1(text: str) -> bool:
    try:
        text.encode("latin-1")
    except UnicodeEncodeError as error:
        pytest.fail(f"the fixture has characters Latin-1 lacks: {error.object[error.start : error.end]!r}")
    return True


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("<wp:post_id>13</wp:post_id>", "<wp:post_id>99999999999999999999</wp:post_id>"),
        ("<wp:post_id>14</wp:post_id>", ""),
        ("<wp:comment_id>503</wp:comment_id>", "<wp:comment_id>502</wp:comment_id>"),
    ],
)
def test_an_item_or_comment_without_a_valid_id_is_refused_before_anything_is_written(run_import, tmp_path, old, new):
    text = MAGAZINE.read_text(encoding="utf-8")
    assert old in text
    refused(run_import, tmp_path, text.replace(old, new), "no valid <wp:post_id>|invalid or repeated <wp:comment_id>")


def test_a_missing_file_is_a_clear_error(run_import, tmp_path):
    with pytest.raises(CommandError, match="is not a file"):
        run_import(tmp_path / "nowhere.xml")


def test_a_post_whose_body_cannot_be_cleaned_is_imported_as_text_with_a_warning(run_import, monkeypatch, client):
    from wordpress import body

    clean_html = body.clean_html

    def fails(html: str) -> str:
        # What html5lib does with markup nested thousands deep, for one post only.
        if "comedy of errands" in html:
            raise RecursionError("maximum recursion depth exceeded")
        return clean_html(html)

    monkeypatch.setattr(body, "clean_html", fails)
    result = run_import()

    assert result.report["warnings"]["body"] == 1
    page = client.get("/articles/anora-night-shift/").content.decode()
    assert "What follows is the comedy of errands" in page
    assert "old tracking" not in page


def test_the_reader_streams_items_without_keeping_them(tmp_path):
    items = "".join(
        f"<item><title>Post {n}</title><wp:post_id>{n}</wp:post_id><wp:post_type>post</wp:post_type></item>"
        for n in range(1, 2001)
    )
    path = tmp_path / "many.xml"
    path.write_text(
        f"{HEAD}{RSS}<channel><link>https://many.example</link><wp:wxr_version>1.2</wp:wxr_version>{items}"
        "</channel></rss>",
        encoding="utf-8",
    )
    reader = wxr.read(path)
    assert isinstance(next(reader), wxr.Site)
    for _ in range(1000):
        next(reader)
    # The generator's frame holds the channel element: nothing read so far is still in it.
    channel = reader.gi_frame.f_locals["channel"]

    # (iterparse reads ahead by a block of the file: the items of that block are there.)
    assert len(channel) < 50
    assert sum(1 for _ in reader) == 1000


def test_a_clash_the_database_refuses_stops_the_import_and_keeps_the_batches_before_it(run_import, tmp_path):
    text = MAGAZINE.read_text(encoding="utf-8")
    clash = (
        "<wp:comment><wp:comment_id>501</wp:comment_id><wp:comment_author>Twin</wp:comment_author>"
        "<wp:comment_content>Same id as a comment on another post.</wp:comment_content>"
        "<wp:comment_approved>1</wp:comment_approved></wp:comment>"
    )
    marker = '<category domain="post_tag" nicename="festivals"><![CDATA[Festivals]]></category>\n\t</item>'
    assert text.count(marker) == 1
    path = tmp_path / "clash.xml"
    path.write_text(text.replace(marker, marker.replace("</item>", clash + "</item>")), encoding="utf-8")

    with pytest.raises(CommandError, match=r"(?s)stopped by the database.*run the command again"):
        run_import(path, "--batch-size", "1")

    assert Article.objects.filter(slug="anora-night-shift").exists()
    assert not Article.objects.filter(slug="aeroskobing-diary").exists()
