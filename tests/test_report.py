"""The HTML report: self-contained (no script, nothing fetched), escaped, with a chart."""

from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner

from dossier.cli import main
from dossier.pipeline import ingest

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "articles"


class Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.refs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.refs += [v for k, v in attrs if k in ("src", "href") and v]


def test_report_is_self_contained(tmp_path):
    db = tmp_path / "s.db"
    ingest([SAMPLES], db)
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    refs = Refs()
    refs.feed(html)
    assert "script" not in refs.tags and refs.refs == []  # nothing to fetch, nothing to run
    assert "svg" in refs.tags and "Events per week, by actor" in html
    assert "石破茂" in html and "高市早苗" in html  # the conflict with its values
