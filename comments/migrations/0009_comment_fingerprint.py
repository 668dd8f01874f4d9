import datetime

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def fingerprint_recent_comments(apps, schema_editor):
    """Comments inside the duplicate window get their fingerprint, so a repeat posted just after the
    upgrade is still caught; older ones are outside any window and keep "" (never a duplicate)."""
    from comments.matching import fingerprint

    Comment = apps.get_model("comments", "Comment")
    since = timezone.now() - datetime.timedelta(hours=settings.COMMENTS_DUPLICATE_WINDOW_HOURS)
    recent = Comment.objects.filter(created_at__gte=since).only("pk", "body")
    changed = []
    for comment in recent.iterator(chunk_size=2000):
        comment.fingerprint = fingerprint(comment.body)
        changed.append(comment)
    Comment.objects.bulk_update(changed, ["fingerprint"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("comments", "0008_moderation_reasons")]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="fingerprint",
            field=models.CharField(blank=True, db_default="", default="", editable=False, max_length=32),
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(
                condition=models.Q(("fingerprint", ""), _negated=True),
                fields=["fingerprint"],
                name="comment_fingerprint_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(fields=["email", "created_at"], name="comment_email_recent_idx"),
        ),
        migrations.RunPython(fingerprint_recent_comments, migrations.RunPython.noop, elidable=True),
    ]
