"""The import as readers and editors meet it: pages, the admin, the report."""

import re
from pathlib import Path

import pytest
from django.core import mail
from django.core.management.base import CommandError
from django.urls import reverse
from reversion.models import Revision, Version

from articles.models import Article, FeaturedArticle, Section
from authors.models import Author
from comments.models import Comment, Commenter
from images.models import Image
from tests.factories import user_with_role
from wordpress import importer
from wordpress.models import ImportedObject

from .conftest import MAGAZINE, export_with

pytestmark = pytest.mark.django_db


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def article(slug: str) -> Article:
    return Article.objects.get(slug=slug)


# --- Posts as readers see them ---------------------------------------------------------


def test_a_classic_post_reads_as_an_article_with_its_paragraphs_heading_list_and_quote(client, imported):
    html = page(client, "/articles/anora-night-shift/")

    assert "‘Anora’ and the Long Cab Ride Home" in html
    assert "<p>Sean Baker films the hours after a party ends, when the <em>lights</em> are still on" in html
    assert '<h2 id="three-men-in-a-hired-car">Three men in a hired car</h2>' in html
    assert "<li>the all-night bakery</li>" in html
    assert "<blockquote><p>Every door they knock on belongs to someone tired.</p></blockquote>" in html
    assert 'rel="noopener noreferrer">Coney Island</a>' in html


def test_a_post_s_excerpt_is_its_dek_and_its_author_section_and_tags_are_shown(client, imported):
    html = page(client, "/articles/anora-night-shift/")

    assert "A wedding, a search, and the morning after." in html
    assert "Ilse Vandermeer" in html
    assert 'href="/sections/cinema/"' in html
    assert 'href="/tags/sean-baker/"' in html and 'href="/tags/festivals/"' in html


def test_a_caption_shortcode_becomes_the_library_picture(client, imported):
    html = page(client, "/articles/anora-night-shift/")
    still = Image.objects.get(alt="Two figures under a boardwalk lamp at night")

    assert f'<figure data-image="{still.pk}">' in html
    assert still.srcset in html
    assert "old-reel.example/wp-content" not in html


def test_unknown_shortcodes_and_scripts_are_not_printed_but_bracketed_prose_is(client, imported):
    html = page(client, "/articles/anora-night-shift/")

    assert "contact-form-7" not in html
    assert "old tracking" not in html
    assert "intact [sic], which is a kindness." in html
    assert imported.report["warnings"]["shortcode"] == 1


def test_a_block_post_keeps_its_heading_picture_quote_list_and_embed_as_a_link(client, imported):
    html = page(client, "/articles/aeroskobing-diary/")
    posters = Image.objects.get(alt="Poster wall")

    assert "wp:" not in html
    assert '<h2 id="day-one">Day one</h2>' in html
    assert f'<figure data-image="{posters.pk}">' in html
    assert "The poster wall by the ticket desk" in html
    assert "<cite>The projectionist</cite>" in html
    assert "<li>Two ferries a day</li>" in html
    assert 'href="https://www.youtube.com/watch?v=abc123"' in html
    assert imported.report["warnings"]["block"] == 1


def test_unicode_survives_in_titles_bodies_and_names(client, imported):
    html = page(client, "/articles/aeroskobing-diary/")

    assert "Ærøskøbing Diary: Six Films at the Edge of the Sea" in html
    assert "Café «Øen» serves the only coffee." in html
    assert "Tomás Øvrebø" in html


def test_the_featured_image_is_the_hero(imported):
    assert article("anora-night-shift").hero.alt == "Two figures under a boardwalk lamp at night"


def test_dates_are_the_post_s_moment_whatever_the_old_site_s_clock(imported):
    assert article("anora-night-shift").publish_at.isoformat() == "2024-10-12T09:30:00+00:00"


def test_a_sticky_post_is_featured_on_the_front_page(client, imported):
    assert FeaturedArticle.objects.get().article == article("anora-night-shift")
    assert "/articles/anora-night-shift/" in page(client, "/").split("</h2>")[1]


def test_closed_comments_stay_closed(imported):
    assert article("aeroskobing-diary").comment_mode == Article.CommentMode.CLOSED


def test_search_finds_an_imported_article(client, imported):
    assert "/articles/aeroskobing-diary/" in page(client, "/search/?q=projectionist")


# --- Statuses ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "slug",
    ["notes-toward-a-piece-on-tangerine", "red-rocket-reconsidered", "florida-project-at-ten", "screener-etiquette"],
)
def test_posts_that_were_not_public_are_not_public_here(client, imported, slug):
    assert client.get(f"/articles/{slug}/").status_code == 404


def test_each_status_lands_in_its_desk_state(client, imported):
    editor = user_with_role("Editor", username="editor")
    client.force_login(editor)
    html = page(client, reverse("admin:articles_article_changelist"))

    states = {
        "notes-toward-a-piece-on-tangerine": Article.State.DRAFT,
        "red-rocket-reconsidered": Article.State.REVIEW,
        "florida-project-at-ten": Article.State.SCHEDULED,
        "screener-etiquette": Article.State.ARCHIVED,
        "anora-night-shift": Article.State.LIVE,
    }
    for slug, state in states.items():
        assert article(slug).state == state
    for label in ("Draft", "In review", "Scheduled", "Unpublished", "Published"):
        assert label in html
    assert "A post nobody wanted" not in html
    assert imported.report["skipped"]["articles"] == {"in the trash": 1}


def test_a_scheduled_post_goes_public_at_its_time(imported):
    scheduled = article("florida-project-at-ten")

    assert scheduled.publish_at.isoformat() == "2099-06-01T08:00:00+00:00"
    assert Article.objects.published(at=scheduled.publish_at).filter(pk=scheduled.pk).exists()


def test_every_imported_article_has_a_first_revision_that_says_so(client, imported):
    client.force_login(user_with_role("Editor", username="editor"))
    anora = article("anora-night-shift")
    version = Version.objects.get_for_object(anora).get()

    assert version.revision.comment == "Imported from WordPress"
    assert {v.content_type.model for v in version.revision.version_set.all()} >= {
        "article",
        "articleauthor",
        "taggeditem",
    }
    assert "Imported from WordPress" in page(client, reverse("admin:articles_article_history", args=[anora.pk]))


def test_saving_an_imported_article_changes_nothing_the_import_derived(imported):
    for imported_article in Article.objects.all():
        before = (imported_article.body, imported_article.reading_minutes, imported_article.publish_at)
        imported_article.save()
        imported_article.refresh_from_db()
        assert (imported_article.body, imported_article.reading_minutes, imported_article.publish_at) == before


# --- Comments ---------------------------------------------------------------------------


def test_approved_comments_show_in_their_threads(client, imported):
    html = page(client, "/articles/anora-night-shift/")
    reply = Comment.objects.get(name="Jun Takahashi 高橋")

    assert "The diner scene is the best ten minutes of the year." in html
    assert "Twice! Was the bakery (https://reader.example/bakery) scene longer in Cannes?" in html
    assert reply.parent.name == "Marguerite Ekwueme" and reply.depth == 1
    assert Comment.objects.get(body__startswith="About four minutes").parent == reply


def test_held_and_spam_comments_are_not_shown_but_wait_in_the_moderation_queue(client, imported):
    assert "still waiting for the old moderators" not in page(client, "/articles/anora-night-shift/")
    assert "replica watches" not in page(client, "/articles/anora-night-shift/")

    client.force_login(user_with_role("Moderator", username="moderator"))
    queue = page(client, reverse("admin:comments_comment_changelist") + "?status__exact=pending")
    spam = page(client, reverse("admin:comments_comment_changelist") + "?status__exact=spam")

    assert "Held Back" in queue and "Imported from WordPress" in queue
    assert "Cheap Watches" in spam


def test_comments_keep_their_emails_ips_and_dates(imported):
    comment = Comment.objects.get(name="Marguerite Ekwueme", parent=None)

    assert comment.email == "marguerite@reader.example"
    assert comment.ip_address == "203.0.113.7"
    assert comment.created_at.isoformat() == "2024-10-13T06:00:00+00:00"
    assert Comment.objects.get(name="Jun Takahashi 高橋").ip_address == "2001:db8::5"


def test_trashed_comments_and_pingbacks_are_skipped_and_counted(imported):
    assert not Comment.objects.filter(name__in=["Binned", "Another Blog"]).exists()
    assert imported.report["skipped"]["comments"] == {"in the trash": 1, "pingbacks": 1}


def test_a_reply_to_a_trashed_comment_answers_the_one_above_it(imported):
    assert Comment.objects.get(name="Reply To Binned").parent is None


def test_importing_comments_sends_no_mail_and_climbs_the_trust_ladder(imported):
    assert mail.outbox == []
    trust = dict(Commenter.objects.values_list("email", "trust"))
    assert trust["marguerite@reader.example"] == 2
    assert trust["sales@spam.example"] == 0


def test_a_thread_deeper_than_the_site_allows_is_moved_up(settings, run_import, db):
    settings.COMMENTS_MAX_DEPTH = 2
    result = run_import()

    assert set(Comment.objects.values_list("depth", flat=True)) == {0, 1}
    assert result.report["warnings"]["thread"] >= 2


# --- Pictures ---------------------------------------------------------------------------


def test_pictures_are_in_the_media_library_with_alt_text_and_caption(client, imported):
    client.force_login(user_with_role("Editor", username="editor"))
    html = page(client, reverse("admin:images_image_changelist"))
    still = Image.objects.get(alt="Two figures under a boardwalk lamp at night")

    assert still.caption == "Brighton Beach at four in the morning."
    assert still.width == 1600 and len([r for r in still.renditions if not r.get("crop")]) == 5
    assert "Brighton Beach at four in the morning." in html


def test_a_caption_given_in_the_post_fills_an_empty_library_caption(imported):
    assert Image.objects.get(alt="Poster wall").caption == "The poster wall by the ticket desk"


def test_what_is_not_a_picture_is_skipped_with_its_reason(imported):
    assert imported.report["skipped"]["pictures"] == {"not a picture (the media library keeps pictures only)": 1}


def test_without_a_media_source_pictures_are_skipped_and_bodies_say_what_is_missing(client, run_import, db):
    result = run_import()

    assert result.report["skipped"]["pictures"]["no --media-from or --media-base given"] == 2
    assert result.report["warnings"]["picture"] >= 2
    assert "<figure" not in page(client, "/articles/anora-night-shift/")


# --- Authors, sections, tags ----------------------------------------------------------


def test_authors_become_contributors_without_logins_unless_asked(imported):
    assert set(Author.objects.values_list("name", flat=True)) == {"Ilse Vandermeer", "Tomás Øvrebø"}
    assert not Author.objects.filter(user__isnull=False).exists()


def test_logins_are_made_only_where_asked_and_never_with_a_password(run_import, db):
    run_import(MAGAZINE, "--logins", "ilse")

    ilse = Author.objects.get(name="Ilse Vandermeer")
    assert ilse.user.username == "ilse"
    assert not ilse.user.has_usable_password()
    assert list(ilse.user.groups.values_list("name", flat=True)) == ["Contributor"]
    assert Author.objects.get(name="Tomás Øvrebø").user is None


def test_categories_become_sections_flattened_and_extra_ones_tags(imported):
    assert set(Section.objects.values_list("slug", flat=True)) == {"cinema", "reviews", "uncategorized"}
    diary = article("aeroskobing-diary")
    assert diary.section.slug == "reviews"
    assert {tag.slug for tag in diary.tags.all()} == {"festivals", "cinema"}


def test_an_existing_section_of_the_same_address_is_reused(run_import, db):
    Section.objects.create(name="Film and cinema", slug="cinema")
    run_import()

    assert Section.objects.filter(slug="cinema").count() == 1
    assert article("anora-night-shift").section.name == "Film and cinema"


# --- Reported, not imported -----------------------------------------------------------


def test_pages_menus_custom_types_and_unknown_meta_are_reported(imported):
    reported = imported.report["reported"]

    assert imported.report["pages"] == [{"title": "About Second Reel", "old_address": "/about/", "status": "publish"}]
    assert reported["menus"] == {"Main menu": 1, "menu items": 1}
    assert reported["custom post types"] == {"product": 1}
    assert reported["unknown meta"] == {"_yoast_wpseo_title": 1}
    assert "About Second Reel" in imported.output


def test_the_closing_report_counts_what_was_done(imported):
    assert imported.counts("articles") == {"imported": 6, "skipped": 1}
    assert imported.counts("comments") == {"imported": 6, "skipped": 2}
    assert imported.counts("pictures") == {"imported": 2, "skipped": 1}
    assert re.search(r"articles\s+6\s+0\s+0\s+1", imported.output)
    assert imported.report["peak_memory_mb"] > 0


# --- Running it again -------------------------------------------------------------------


def table_sizes() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in (Article, Author, Section, Comment, Image, Revision, ImportedObject, Commenter)
    }


def test_a_second_run_changes_nothing(run_import, uploads, imported):
    before = table_sizes()
    again = run_import(MAGAZINE, "--media-from", str(uploads))

    assert table_sizes() == before
    assert all(not c.get("imported") and not c.get("updated") for c in again.report["counts"].values())
    assert again.counts("articles") == {"unchanged": 6, "skipped": 1}
    assert again.counts("comments") == {"unchanged": 6, "skipped": 2}


def test_a_changed_post_is_updated_and_its_history_says_so(client, run_import, uploads, imported, tmp_path):
    changed = export_with(tmp_path, "Every door they knock on", "Every door they try")
    again = run_import(changed, "--media-from", str(uploads))

    assert again.counts("articles") == {"updated": 1, "unchanged": 5, "skipped": 1}
    assert "Every door they try" in page(client, "/articles/anora-night-shift/")
    comments = [v.revision.comment for v in Version.objects.get_for_object(article("anora-night-shift"))]
    assert comments == ["Updated from WordPress", "Imported from WordPress"]


def test_a_new_reply_in_the_export_joins_its_thread(run_import, uploads, imported, tmp_path):
    reply = """<wp:comment><wp:comment_id>509</wp:comment_id><wp:comment_author>Late Reader</wp:comment_author>
    <wp:comment_author_email>late@reader.example</wp:comment_author_email>
    <wp:comment_date_gmt>2024-10-20 10:00:00</wp:comment_date_gmt>
    <wp:comment_content>Late to this, but agreed.</wp:comment_content><wp:comment_approved>1</wp:comment_approved>
    <wp:comment_parent>501</wp:comment_parent></wp:comment>
    </item>"""
    changed = export_with(tmp_path, "</wp:comment>\n\t</item>", "</wp:comment>" + reply)
    again = run_import(changed, "--media-from", str(uploads))

    assert again.counts("comments") == {"imported": 1, "unchanged": 6, "skipped": 2}
    assert Comment.objects.get(name="Late Reader").parent.name == "Marguerite Ekwueme"


def test_an_article_edited_here_since_is_not_overwritten(run_import, uploads, imported, tmp_path):
    anora = article("anora-night-shift")
    anora.title = "Night Shift (edited at the desk)"
    anora.save()
    changed = export_with(tmp_path, "Every door they knock on", "Every door they try")
    again = run_import(changed, "--media-from", str(uploads))

    assert article("anora-night-shift").title == "Night Shift (edited at the desk)"
    assert again.report["skipped"]["articles"]["edited on this site since the last import: kept as it is"] == 1


def test_two_sites_are_merged_side_by_side(run_import, uploads, imported, tmp_path):
    other = export_with(tmp_path, "https://old-reel.example", "https://other-reel.example", "other.xml")
    again = run_import(other, "--media-from", str(uploads))

    assert again.counts("articles")["imported"] == 6
    assert Article.objects.filter(title__contains="Long Cab Ride").count() == 2
    # The same people wrote for both: matched by their email, not made twice.
    assert Author.objects.count() == 2


def test_a_dry_run_saves_nothing_and_reports_the_same(run_import, uploads, settings):
    media = Path(settings.MEDIA_ROOT)
    files_before = set(media.rglob("*"))
    dry = run_import(MAGAZINE, "--media-from", str(uploads), "--dry-run")

    assert set(table_sizes().values()) == {0}
    assert set(media.rglob("*")) - files_before <= {path for path in media.rglob("*") if path.is_dir()}
    assert "dry run: nothing was saved" in dry.output
    real = run_import(MAGAZINE, "--media-from", str(uploads))
    assert dry.report["counts"] == real.report["counts"]
    assert dry.report["warnings"] == real.report["warnings"]


def test_an_interrupted_import_keeps_its_finished_batches_and_resumes(run_import, uploads, monkeypatch):
    create = importer.Importer._create
    calls = []

    def interrupted(self, fresh, rows):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return create(self, fresh, rows)

    monkeypatch.setattr(importer.Importer, "_create", interrupted)

    with pytest.raises(CommandError, match="run the same command again to resume"):
        run_import(MAGAZINE, "--media-from", str(uploads), "--batch-size", "1")
    assert Article.objects.count() == 1
    monkeypatch.setattr(importer.Importer, "_create", create)

    resumed = run_import(MAGAZINE, "--media-from", str(uploads), "--batch-size", "1")
    assert resumed.counts("articles") == {"imported": 5, "unchanged": 1, "skipped": 1}
    assert Article.objects.count() == 6 and Comment.objects.count() == 6


def test_a_date_without_its_gmt_column_is_read_in_the_desk_s_time_zone(run_import, settings, tmp_path):
    settings.TIME_ZONE = "Europe/Oslo"
    changed = export_with(
        tmp_path,
        "<wp:comment_date_gmt><![CDATA[2024-10-13 06:00:00]]></wp:comment_date_gmt>",
        "<wp:comment_date_gmt><![CDATA[0000-00-00 00:00:00]]></wp:comment_date_gmt>",
    )
    run_import(changed)

    # 08:00 in Oslo in October (summer time, UTC+2) is 06:00 UTC.
    comment = Comment.objects.get(name="Marguerite Ekwueme", parent=None)
    assert comment.created_at.isoformat() == "2024-10-13T06:00:00+00:00"
