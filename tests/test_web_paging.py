"""Long lists on the web pages come in pages with stable addresses, and the read-side
queries stay set-based: their number does not grow with what a page shows (#7)."""

import re
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from test_web import parse

import dossier.web.pages as pages
from dossier import query
from dossier.pipeline import ingest
from dossier.store import Store
from dossier.store.migrations import MIGRATIONS
from dossier.web.app import create_app

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "articles"


@pytest.fixture(scope="module")
def samples_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("paging") / "s.db"
    ingest([SAMPLES], db)
    return db


@pytest.fixture
def client(samples_db):
    return TestClient(create_app(samples_db), raise_server_exceptions=False)


def mentions_on(html):
    """(document link, highlighted name) of each mention listed on an entity page."""
    items = re.findall(r'<li><a href="(/documents/[^"]+)"[^>]*>.*?<mark>([^<]*)</mark>', html, re.S)
    return items


def test_entity_mentions_come_in_pages(client, monkeypatch, samples_db):
    monkeypatch.setattr(pages, "MENTIONS", 4)
    with Store(samples_db, readonly=True) as store:
        total = store.db.execute("SELECT COUNT(*) FROM mentions WHERE entity = ?",
                                 ("person:keir-starmer",)).fetchone()[0]
    assert total > 8
    first = client.get("/entities/person:keir-starmer")
    assert first.status_code == 200
    assert f"1–4 of {total}" in first.text
    links = parse(first.text).links
    assert "/entities/person:keir-starmer?page=2" in links
    second = client.get("/entities/person:keir-starmer?page=2")
    assert "/entities/person:keir-starmer" in parse(second.text).links  # back to page 1
    one, two = mentions_on(first.text), mentions_on(second.text)
    assert len(one) == len(two) == 4 and not set(one) & set(two)
    # the same address shows the same mentions: a page can be bookmarked and shared
    assert mentions_on(client.get("/entities/person:keir-starmer?page=2").text) == two
    # every page together lists every mention once
    last = -(-total // 4)
    seen = [m for p in range(1, last + 1)
            for m in mentions_on(client.get(f"/entities/person:keir-starmer?page={p}").text)]
    assert len(seen) == total
    assert 'rel="next"' not in client.get(f"/entities/person:keir-starmer?page={last}").text
    assert client.get(f"/entities/person:keir-starmer?page={last + 1}").status_code == 404
    # names as written count every mention, not only the page's
    names = re.findall(r'<span class="name">[^<]*</span> <span class="n">×(\d+)</span>', first.text)
    assert sum(map(int, names)) == total


@pytest.mark.parametrize("page", ["0", "-1", "abc", "²", "99999999999", ""])
def test_odd_page_numbers_show_the_first_page(client, page):
    r = client.get("/entities/person:keir-starmer", params={"page": page})
    assert r.status_code == 200 and "Mentions" in r.text
    r = client.get("/stories/1", params={"page": page})
    assert r.status_code in (200, 404) and "Traceback" not in r.text


def test_mention_links_mark_the_mention_in_its_document(client):
    page = client.get("/entities/person:keir-starmer").text
    link = next(h for h in parse(page).links if h and h.startswith("/documents/") and "?mark=" in h)
    doc = client.get(link).text
    assert 'class="sentence evidence"' in doc and "<mark>" in doc


def test_story_reports_come_in_pages(client, monkeypatch, samples_db):
    monkeypatch.setattr(pages, "MEMBERS", 3)
    with Store(samples_db, readonly=True) as store:
        story = store.db.execute("SELECT story FROM story_members GROUP BY story"
                                 " ORDER BY COUNT(*) DESC, story LIMIT 1").fetchone()[0]
        view = query.story_view(store, story)
    assert view.shown > 3
    reports = []
    for p in range(1, -(-view.shown // 3) + 1):
        html = client.get(f"/stories/{story}", params={"page": p} if p > 1 else {}).text
        section = html.split('id="reports"')[1].split("<h2>Timeline")[0]
        reports += re.findall(r'<li><a href="(/documents/[^"]+)" lang=', section)
        # what is not paged is on every page
        assert "independent reports" in html and "<h2>Actors</h2>" in html
    listed = [m.id for ms in view.languages.values() for m in ms]
    assert reports == [f"/documents/{d}" for d in listed]
    assert client.get(f"/stories/{story}?page=99").status_code == 404


def test_story_folds_many_copies_and_caps_evidence(client, monkeypatch):
    monkeypatch.setattr(pages, "EVIDENCE", 1)
    overview = client.get("/").text
    for link in (h for h in parse(overview).links if h and h.startswith("/stories/")):
        html = client.get(link).text
        if "石破茂" in html:
            break
    else:
        raise AssertionError("no story shows the prime-minister conflict")
    # one sentence per value, and a link to the rest on the conflicts page
    assert re.search(r'<a href="/conflicts#[^"]+">\d+ more reports?</a>', html)
    assert html.count('class="snippet evidence"') <= 2 * html.count('class="conflict ')


def test_story_view_is_set_based(samples_db):
    """The number of queries for a story does not grow with its events, conflicts or
    evidence (no query per row)."""
    with Store(samples_db, readonly=True) as store:
        statements = []
        store.db.set_trace_callback(statements.append)
        for story, in store.db.execute("SELECT DISTINCT story FROM story_members").fetchall():
            statements.clear()
            view = query.story_view(store, story, evidence=5)
            assert len(statements) <= 10, (story, len(view.events), len(statements))


def test_co_mentioned_counts_shared_documents(samples_db):
    with Store(samples_db, readonly=True) as store:
        docs: dict[str, set[str]] = {}
        for entity, document in store.db.execute(
                "SELECT entity, document FROM mentions WHERE entity IS NOT NULL"):
            docs.setdefault(entity, set()).add(document)
        mine = docs["person:keir-starmer"]
        expected = Counter({e: len(d & mine) for e, d in docs.items()
                            if e != "person:keir-starmer" and d & mine})
        got = query.co_mentioned(store, "person:keir-starmer", 100)
    assert {i: n for i, _, _, n in got} == dict(expected)
    assert [n for *_, n in got] == sorted((n for *_, n in got), reverse=True)


def test_mention_context_is_a_window_of_its_sentence(samples_db):
    with Store(samples_db, readonly=True) as store:
        whole = query.entity_view(store, "person:keir-starmer")
        window = query.entity_view(store, "person:keir-starmer", context=5)
    assert len(whole.mentions) == len(window.mentions) == whole.total
    for w, m in zip(whole.mentions, window.mentions):
        name = m["end"] - m["start"]
        assert w["sentence"][w["at"]:w["at"] + name] == m["sentence"][m["at"]:m["at"] + name] == m["text"]
        assert len(m["sentence"]) <= name + 10 and m["sentence"] in w["sentence"]
        assert bool(m["cut_before"]) == (w["at"] > 5)


def test_an_existing_database_gains_the_read_indexes(tmp_path, corpus):
    db = tmp_path / "old.db"
    ingest([corpus], db)
    con = sqlite3.connect(db)
    con.execute("DELETE FROM migrations WHERE name = '0008_read_indexes'")
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'"
                               " AND tbl_name IN ('mentions', 'documents')").fetchall():
        if not name.startswith("sqlite_"):
            con.execute(f"DROP INDEX {name}")
    con.execute("CREATE INDEX mentions_document ON mentions(document)")
    con.execute("CREATE INDEX mentions_entity ON mentions(entity)")
    con.commit()
    con.close()
    Store(db).close()  # opening for writing applies what is missing
    with Store(db, readonly=True) as store:
        applied = {r[0] for r in store.db.execute("SELECT name FROM migrations")}
        plan = " ".join(r[3] for r in store.db.execute(
            "EXPLAIN QUERY PLAN SELECT DISTINCT document FROM mentions WHERE entity = 'x'"))
    assert applied >= {name for name, _ in MIGRATIONS}
    assert "COVERING INDEX mentions_entity_spans" in plan


def test_conflict_evidence_folds_copies(samples_db):
    with Store(samples_db, readonly=True) as store:
        every = query.conflicts(store)
        folded = query.conflicts(store, independent=True)
        capped = query.conflicts(store, independent=True, evidence=1)
        reposts = {r[0] for r in store.db.execute("SELECT copy FROM copies")}
    for a, b, c in zip(every, folded, capped):
        for va, vb, vc in zip(a.values, b.values, c.values):
            evidence = va.get("evidence", [])
            assert len(va["sentences"]) == len(evidence) and va["copies"] == 0
            assert len(vb["sentences"]) + vb["copies"] == len(evidence)
            if any(e["document"] not in reposts for e in evidence):
                assert not any(s["document"] in reposts for s in vb["sentences"])
            assert len(vc["sentences"]) == min(1, len(vb["sentences"]))
            # a shown sentence has the value marked where the claim says
            for s in vb["sentences"]:
                assert s["sentence"][s["at"]:s["at"] + s["length"]]


def test_story_list_comes_in_pages(client, monkeypatch, samples_db):
    monkeypatch.setattr(pages, "STORY_PAGE", 2)
    with Store(samples_db, readonly=True) as store:
        every = [r["id"] for r, _ in query.story_list(store, 1000)]
    assert len(every) > 2
    seen = []
    for p in range(1, -(-len(every) // 2) + 1):
        html = client.get("/stories", params={"page": p}).text
        seen += [int(h.rsplit("/", 1)[1]) for h in parse(html).links
                 if h and re.fullmatch(r"/stories/\d+", h)]
    assert seen == every
    assert client.get("/stories", params={"page": len(every)}).status_code == 404


def test_serving_an_older_database_upgrades_it_or_says_why_it_is_slow(tmp_path, corpus, caplog,
                                                                      monkeypatch):
    db = tmp_path / "old.db"
    ingest([corpus], db)

    def forget_migration():  # as an older dossier left it, without the last migrations
        con = sqlite3.connect(db)
        con.execute("DELETE FROM migrations WHERE name = '0010_unlinked'")
        con.execute("DROP TABLE unlinked")
        con.commit()
        con.close()

    def applied():
        con = sqlite3.connect(db)
        names = {r[0] for r in con.execute("SELECT name FROM migrations")}
        con.close()
        return names

    forget_migration()
    client = TestClient(create_app(db))
    assert "0010_unlinked" in applied() and client.get("/").status_code == 200
    forget_migration()
    import dossier.store.db as store_db
    monkeypatch.setattr(store_db.os, "access", lambda *a: False)  # a file the user cannot write
    with caplog.at_level("WARNING", logger="dossier.store.db"):
        client = TestClient(create_app(db))
    assert "0010_unlinked" in caplog.text and "0010_unlinked" not in applied()
    assert client.get("/").status_code == 200
