"""The story, conflict and translation-pair pages on the bundled samples."""

import pytest
from starlette.testclient import TestClient
from test_web import parse

from dossier.pipeline import ingest
from dossier.web.app import create_app


@pytest.fixture
def samples_client(tmp_path):
    from pathlib import Path
    db = tmp_path / "s.db"
    ingest([Path(__file__).resolve().parents[1] / "samples" / "articles"], db)
    return TestClient(create_app(db), raise_server_exceptions=False)


def test_story_conflict_and_pair_pages(samples_client):
    client = samples_client
    overview = client.get("/").text
    story_links = [h for h in parse(overview).links if h and h.startswith("/stories/")]
    assert story_links and "Conflicts" in overview
    conflicts = client.get("/conflicts").text
    assert "石破茂" in conflicts and "高市早苗" in conflicts and "1073億美元" in conflicts
    # each value's evidence sentence, with the value marked, links to its document
    assert "<mark>日本首相石破茂</mark>" in conflicts
    evidence = [h for h in parse(conflicts).links if h and "?mark=" in h]
    page = client.get(evidence[0]).text
    assert 'class="sentence evidence"' in page and "<mark>" in page
    # the story with the planted conflict shows it, and its translation pair side by side
    for link in story_links:
        story = client.get(link).text
        if "石破茂" in story:
            break
    else:
        raise AssertionError("no story shows the prime-minister conflict")
    assert "independent reports" in story
    pairs = [h for h in parse(story).links if h and h.startswith("/pairs/")]
    for pair in pairs:
        r = client.get(pair)
        assert r.status_code == 200 and r.text.count("<tr>") >= 3
    assert client.get("/stories/99999").status_code == 404
    assert client.get("/pairs/nope/nope").status_code == 404
    assert client.get("/documents/x?mark=<script>").status_code == 404


def test_timeline_filtered_by_story(samples_client):
    client = samples_client
    stories = [h for h in parse(client.get("/stories").text).links if h and h.startswith("/stories/")]
    story_id = stories[0].rsplit("/", 1)[1]
    all_items = client.get("/timeline").text.count('<td class="date">')
    one = client.get("/timeline", params={"story": story_id}).text
    assert 0 < one.count('<td class="date">') < all_items
    assert f'<option value="{story_id}" selected>' in one
