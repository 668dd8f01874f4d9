"""Export and erase everything stored for an email address."""

import json

import pytest
from django.contrib.admin.models import LogEntry
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from comments import services
from comments.models import Block, Comment, Commenter, Flag, MailMute, ModerationLog
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ada(admin_user):
    """Ada's traces: comments (one answered by Bea), standing, a suspension, a mute, a flag, log entries."""
    article = ArticleFactory(title="On Tangerine")
    answered = CommentFactory(
        article=article, email="ada@example.com", name="Ada", body="Answered.", ip_address="192.0.2.1"
    )
    bea = CommentFactory(article=article, parent=answered, email="bea@example.com", body="Bea's reply.")
    own_reply = CommentFactory(article=article, parent=bea, email="Ada@Example.com", body="Ada again.")
    alone = CommentFactory(email="ada@example.com", body="Alone.", status="pending")
    services.comment_approve(comment=alone, by=admin_user)
    Commenter.objects.filter(email="ada@example.com").update(trust=4)
    Block.objects.create(kind="email", value="ada@example.com", reason="cooling off")
    MailMute.objects.create(email="ada@example.com")
    Flag.objects.create(comment=alone, reason="spam", ip_address="198.51.100.1")
    return {"answered": answered, "bea": bea, "own_reply": own_reply, "alone": alone}


def test_export_prints_everything_stored_for_the_address(ada, capsys):
    call_command("comments_export", "ADA@example.com")

    data = json.loads(capsys.readouterr().out)
    assert data["email"] == "ada@example.com"
    assert {c["body"] for c in data["comments"]} == {"Answered.", "Ada again.", "Alone."}
    first = next(c for c in data["comments"] if c["body"] == "Answered.")
    assert (first["name"], first["ip_address"], first["article"]) == ("Ada", "192.0.2.1", "On Tangerine")
    assert data["commenter"]["trust"] == 4
    assert data["blocks"][0]["value"] == "ada@example.com"
    assert data["mail_mutes"] == [{"thread": None, "since": data["mail_mutes"][0]["since"]}]
    assert [entry["action"] for entry in data["moderation_log"]] == ["approve"]
    assert "Bea's reply." not in json.dumps(data)


def test_export_to_a_file(ada, tmp_path):
    target = tmp_path / "ada.json"

    call_command("comments_export", "ada@example.com", "--output", str(target))

    assert len(json.loads(target.read_text())["comments"]) == 3


def test_export_refuses_what_is_not_an_address():
    with pytest.raises(CommandError, match="Not an email address"):
        call_command("comments_export", "nobody")


def test_erase_removes_everything_for_the_address_and_keeps_others_replies(ada, capsys):
    call_command("comments_erase", "ada@example.com", "--yes")

    assert not Comment.objects.filter(email="ada@example.com").exists()
    assert not Comment.objects.filter(body__in=["Answered.", "Ada again.", "Alone."]).exists()
    assert not Commenter.objects.filter(email="ada@example.com").exists()
    assert not Block.objects.exists() and not MailMute.objects.exists() and not Flag.objects.exists()
    # Bea's reply keeps its place under an emptied comment.
    emptied = Comment.objects.get(pk=ada["answered"].pk)
    assert (emptied.name, emptied.email, emptied.body, emptied.ip_address) == ("", "", "", None)
    assert emptied.status == "rejected"
    assert Comment.objects.get(pk=ada["bea"].pk).parent_id == emptied.pk
    assert not Comment.objects.filter(pk=ada["own_reply"].pk).exists()
    assert list(ModerationLog.objects.values_list("action", "comment_id")) == [("erase", emptied.pk)]
    assert "Erased what was stored for ada@example.com" in capsys.readouterr().out
    export = services.commenter_export(email="ada@example.com")
    assert (export["comments"], export["commenter"], export["blocks"], export["mail_mutes"]) == ([], None, [], [])


def test_erased_thread_still_reads_on_the_article_page(ada, client):
    call_command("comments_erase", "ada@example.com", "--yes")

    html = client.get(ada["bea"].article.get_absolute_url()).content.decode()

    assert "This comment was removed." in html
    assert "Bea&#x27;s reply." in html
    assert "Answered." not in html


def test_erase_asks_before_it_erases(ada, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "n")

    with pytest.raises(CommandError, match="Nothing erased"):
        call_command("comments_erase", "ada@example.com")

    assert Comment.objects.filter(email="ada@example.com").count() == 3


def test_erase_leaves_other_commenters_alone(ada):
    services.commenter_erase(email="ada@example.com")

    assert Comment.objects.filter(email="bea@example.com").count() == 1


def test_suspensions_made_in_the_admin_are_exported_and_erased_with_their_history(ada, moderator_client, editor):
    Block.objects.all().delete()
    block_form = {"kind": "email", "value": "ada@example.com", "until_0": "2099-01-01", "until_1": "12:00"}
    moderator_client.post(reverse("admin:comments_block_add"), block_form | {"reason": "cooling off"})
    desk = Client()
    desk.force_login(editor)
    desk.post(
        reverse("admin:comments_comment_change", args=[ada["answered"].pk]),
        {"name": "Ada", "email": "ada@example.com", "body": "Answered, corrected."}
        | {f"{inline}-{count}_FORMS": "0" for inline in ("flags", "log") for count in ("TOTAL", "INITIAL")},
    )
    assert LogEntry.objects.count() == 2

    export = services.commenter_export(email="ada@example.com")
    assert export["blocks"][0]["reason"] == "cooling off"
    block_entry = next(entry for entry in export["moderation_log"] if entry["action"] == "block")
    assert (block_entry["subject"], block_entry["note"]) == ("email: ada@example.com", "cooling off")

    services.commenter_erase(email="ada@example.com")

    assert not LogEntry.objects.exists()
    assert not ModerationLog.objects.filter(subject__contains="ada@example.com").exists()
    assert not ModerationLog.objects.filter(note__contains="cooling off").exists()
