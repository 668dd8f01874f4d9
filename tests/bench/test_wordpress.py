"""The WordPress benchmark's export: a small one imports whole, and a second run changes nothing."""

import io
import json

import pytest
from django.core.management import call_command

from articles.models import Article
from bench.wordpress import Export, write_pictures
from comments.models import Comment

pytestmark = pytest.mark.django_db


def test_the_generated_export_imports_and_a_second_run_changes_nothing(tmp_path):
    export = tmp_path / "export.xml"
    Export(posts=30, comments=300, pictures=3).write(export)
    write_pictures(tmp_path / "uploads", 3)
    reports = []
    for n in (1, 2):
        report = tmp_path / f"report-{n}.json"
        options = ["--quiet", "--media-from", str(tmp_path / "uploads"), "--report", str(report)]
        call_command("import_wordpress", str(export), *options, stdout=io.StringIO())
        reports.append(json.loads(report.read_text()))

    first, second = (report["counts"] for report in reports)
    assert first["articles"]["imported"] == 30 and first["pictures"]["imported"] == 3
    assert first["comments"]["imported"] + first["comments"]["skipped"] == 300
    assert Article.objects.count() == 30
    assert Comment.objects.count() == first["comments"]["imported"]
    assert not any(counts.get("imported") or counts.get("updated") for counts in second.values())
