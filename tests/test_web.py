"""The web UI in-process: every page renders, hostile text stays text, errors stay plain."""

import re
from html.parser import HTMLParser

import pytest
from starlette.testclient import TestClient

from dossier.pipeline import ingest
from dossier.web.app import create_app

HOSTILE = """Phishing pages imitate election results
2026-02-09

Researchers found pages that embed <script>alert(1)</script> in the results table.
Another used <img src=x onerror=alert(1)> and a link to javascript:alert(1) to steal logins.
"""


@pytest.fixture
def client(corpus, tmp_path):
    (corpus / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    db = tmp_path / "d.db"
    ingest([corpus], db)
    return TestClient(create_app(db), raise_server_exceptions=False)


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.links = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "a":
            self.links.append(dict(attrs).get("href"))


def parse(html):
    tags = Tags()
    tags.feed(html)
    return tags


def doc_links(html):
    return [h for h in parse(html).links if h and h.startswith("/documents/")]


def test_overview_lists_documents(client):
    r = client.get("/")
    assert r.status_code == 200
    assert "斯塔默抵达东京" in r.text and "Starmer visits Tokyo" in r.text
    assert len(doc_links(r.text)) == 4


def test_document_page_shows_sentences(client):
    link = next(h for h in doc_links(client.get("/").text))
    r = client.get(link)
    assert r.status_code == 200
    assert len(re.findall(r'class="sentence"', r.text)) >= 1


def test_hostile_text_is_escaped(client):
    r = client.get("/search", params={"q": "phishing"})
    link = doc_links(r.text)[0]
    page = client.get(link).text
    tags = parse(page)
    assert not any(t == "script" for t, _ in tags.tags)
    assert not any("onerror" in attrs for _, attrs in tags.tags)
    assert not any(h and h.startswith("javascript:") for h in tags.links)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_search_folds_scripts(client):
    # a traditional-script query finds the simplified article, and shows the name as written
    r = client.get("/search", params={"q": "斯塔默抵達東京"})
    assert r.status_code == 200 and len(doc_links(r.text)) == 1
    assert "<mark>斯塔默抵达东京</mark>" in r.text


def test_missing_pages_and_errors_are_plain(client):
    r = client.get("/documents/../../etc/passwd")
    assert r.status_code == 404 and "Traceback" not in r.text
    r = client.get("/documents/nope")
    assert r.status_code == 404 and "No document" in r.text


def test_server_error_shows_no_trace(client, monkeypatch):
    import dossier.web.pages as pages
    monkeypatch.setattr(pages, "open_store", lambda request: 1 / 0)
    r = client.get("/")
    assert r.status_code == 500
    assert "ZeroDivisionError" not in r.text and "Traceback" not in r.text


def test_entity_pages_across_scripts(client):
    r = client.get("/entities", params={"type": "person"})
    assert r.status_code == 200 and "/entities/person:keir-starmer" in r.text
    page = client.get("/entities/person:keir-starmer")
    assert page.status_code == 200
    for name in ("キア・スターマー", "基尔·斯塔默", "Keir Starmer"):
        assert name in page.text
    assert "<mark>スターマー</mark>" in page.text  # each mention in its sentence
    assert '<svg class="graph"' in page.text and "/entities/person:sanae-takaichi" in page.text
    assert client.get("/entities/person:nobody").status_code == 404


def test_timeline_filters(client):
    r = client.get("/timeline", params={"entity": "スターマー", "since": "2026-01", "until": "2026-01"})
    assert r.status_code == 200
    dates = re.findall(r'<td class="date">([^<\s]+)', r.text)
    assert dates and all(d.startswith("2026-01") for d in dates)
    r = client.get("/timeline", params={"entity": "Nobody at all"})
    assert "No actor named" in r.text


def test_search_for_one_name_finds_the_actor_in_every_script(client):
    r = client.get("/search", params={"q": "斯塔默"})
    titles = r.text
    # the zh query finds the ja and en reports, each showing the name as written
    assert "スターマー首相が来日" in titles and "Starmer visits Tokyo" in titles
    assert "<mark>スターマー</mark>" in r.text and "<mark>Keir Starmer</mark>" in r.text


def test_entity_page_lists_roles_with_dates(client):
    page = client.get("/entities/person:sanae-takaichi").text
    assert "Roles, as the sources state them" in page and "prime minister" in page


def test_a_conflicts_subject_reads_as_words():
    from dossier.query import describe
    names = {"person:a": "Keir Starmer", "person:b": "Sanae Takaichi", "country:JP": "Japan",
             "program:gcap": "GCAP"}
    assert describe("meet:person:a+person:b/story 9@2026-01-31", "date", names) == \
        "meet of Keir Starmer and Sanae Takaichi (story 9), date"
    assert describe("prime-minister:JP", "holder on 2026-01-31", names) == \
        "prime minister of Japan, holder on 2026-01-31"
    assert describe("budget:program:gcap", "JPY in story 5", names) == "budget of GCAP, JPY in story 5"
    assert describe("troops:story 20", "people", names) == "troops of story 20, people"
