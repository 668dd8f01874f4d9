import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image as PILImage

FILES = Path(__file__).parent / "files"
MAGAZINE = FILES / "magazine.xml"


@pytest.fixture
def uploads(tmp_path):
    """The old site's wp-content/uploads, as an operator would copy it."""
    root = tmp_path / "uploads"
    (root / "2024" / "10").mkdir(parents=True)
    (root / "2024" / "11").mkdir(parents=True)
    PILImage.new("RGB", (1600, 900), "#2b3a55").save(root / "2024" / "10" / "still.jpg")
    PILImage.new("RGB", (1200, 800), "#a5532e").save(root / "2024" / "11" / "posters.png")
    return root


class Imported:
    def __init__(self, output: str, report: dict):
        self.output = output
        self.report = report

    def counts(self, kind: str) -> dict:
        return {what: n for what, n in self.report["counts"][kind].items() if n}


@pytest.fixture
def run_import(tmp_path):
    """Run the command as an operator would; returns what it printed and its JSON report."""

    def run(export: Path = MAGAZINE, *args: str) -> Imported:
        report = tmp_path / f"report-{len(list(tmp_path.glob('report-*')))}.json"
        out = io.StringIO()
        call_command("import_wordpress", str(export), "--quiet", "--report", str(report), *args, stdout=out)
        return Imported(out.getvalue(), json.loads(report.read_text()))

    return run


@pytest.fixture
def imported(db, run_import, uploads):
    return run_import(MAGAZINE, "--media-from", str(uploads))


def export_with(tmp_path: Path, old: str, new: str, name: str = "changed.xml") -> Path:
    """magazine.xml with `old` replaced by `new` (which must be there)."""
    text = MAGAZINE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path
