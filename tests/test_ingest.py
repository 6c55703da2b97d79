import json
import os
import random
import sqlite3

import pytest

from dossier.errors import StoreError
from dossier.pipeline import ingest
from dossier.settings import Settings
from dossier.store import Store


def stored(db):
    with Store(db, readonly=True) as store:
        return {d.path.rsplit("/", 1)[-1]: d for d in store.documents()}


def test_ingest_reads_languages_and_metadata(corpus, tmp_path):
    db = tmp_path / "d.db"
    report = ingest([corpus], db)
    assert report.exit_code == 0 and report.documents == 3
    docs = stored(db)
    zh, ja, en = docs["a.txt"], docs["ja.txt"], docs["en.md"]
    assert (zh.language, ja.language, en.language) == ("zh-Hans", "ja", "en")
    assert zh.title == "斯塔默抵达东京" and zh.meta["section"] == "国际 | 时政"
    assert ja.meta["encoding"] == "shift_jis" and ja.published == "2026-02-01"
    assert en.published == "2026-02-01"
    for doc in docs.values():
        assert doc.sentences and all(doc.text[s.start:s.end].strip() for s in doc.sentences)


def test_reingest_is_a_noop_and_a_changed_file_replaces_its_old_version(corpus, tmp_path):
    db = tmp_path / "d.db"
    ingest([corpus], db)
    before = {d.id for d in stored(db).values()}
    again = ingest([corpus], db)
    assert again.unchanged == 3 and again.documents == 0
    assert {d.id for d in stored(db).values()} == before
    path = corpus / "en.md"
    path.write_text(path.read_text().replace("work together", "cooperate closely"))
    changed = ingest([corpus], db)
    assert changed.documents == 1 and changed.unchanged == 2
    docs = stored(db)
    assert len(docs) == 3 and "cooperate closely" in docs["en.md"].text
    with sqlite3.connect(db) as con:  # the old version left nothing behind
        assert con.execute("SELECT COUNT(*) FROM sentences WHERE document NOT IN "
                           "(SELECT id FROM documents)").fetchone()[0] == 0


def test_identical_files_at_two_paths_are_one_document(corpus, tmp_path):
    db = tmp_path / "d.db"
    (corpus / "copy.md").write_bytes((corpus / "en.md").read_bytes())
    report = ingest([corpus], db)
    assert report.documents == 3 and report.already_stored == 1
    (corpus / "en.md").unlink()
    ingest([corpus / "copy.md"], db)
    with Store(db, readonly=True) as store:
        assert store.count("documents") == 3


def test_bad_input_is_reported_and_the_batch_goes_on(corpus, tmp_path):
    db = tmp_path / "d.db"
    ingest([corpus], db)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + random.Random(7).randbytes(4000))
    (bad / "mojibake.txt").write_bytes(bytes(range(128, 256)) * 40)
    (bad / "broken.json").write_text('{"title": "x", "text": ', encoding="utf-8")
    (bad / "truncated.html").write_text("<html><body><div>", encoding="utf-8")
    (bad / "feed.jsonl").write_text(
        '{"title": "一", "text": "第一篇文章的正文。", "published": "2026-02-01"}\n'
        '{"title": "二", "text": \n'
        '{"title": "三", "body": "第三篇文章的正文。", "date": "2026/2/3", "source": "新华网"}\n',
        encoding="utf-8")
    (bad / "dangling.txt").symlink_to(bad / "missing.txt")
    (bad / "loop").symlink_to(bad)
    report = ingest([bad, tmp_path / "nowhere"], db)
    reasons = {os.path.basename(s.path): s.reason for s in report.skipped}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "encoding" in reasons["mojibake.txt"]
    assert "malformed JSON at line 1" in reasons["broken.json"]
    assert "no article text" in reasons["truncated.html"]
    assert reasons["feed.jsonl#2"].startswith("line 2: malformed JSON")
    assert "broken symbolic link" in reasons["dangling.txt"]
    assert "loop" in reasons["loop"]
    assert "no such file" in reasons["nowhere"]
    assert report.exit_code == 1 and report.documents == 2
    docs = stored(db)
    assert len(docs) == 5  # the three stored before are untouched
    assert docs["feed.jsonl#3"].source == "新华网" and docs["feed.jsonl#3"].published == "2026-02-03"
    with Store(db, readonly=True) as store:
        assert len(store.skipped()) == len(report.skipped)


def test_huge_file_is_refused_with_bounded_memory(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(300 * 1024 * 1024)  # sparse: 300 MB without writing them
    report = ingest([big], tmp_path / "d.db", Settings(max_bytes=50 * 1024 * 1024))
    assert "over the 52,428,800-byte limit" in report.skipped[0].reason


def test_interrupted_ingest_keeps_finished_batches_and_rerun_completes(corpus, tmp_path, monkeypatch):
    db = tmp_path / "d.db"
    import dossier.pipeline as mod
    real = mod.read_file
    calls = {"n": 0}

    def dying(path, *args):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(path, *args)

    monkeypatch.setattr(mod, "read_file", dying)
    with pytest.raises(KeyboardInterrupt):
        ingest([corpus], db, Settings(batch_files=1))
    assert len(stored(db)) == 2
    monkeypatch.setattr(mod, "read_file", real)
    report = ingest([corpus], db, Settings(batch_files=1))
    assert report.unchanged == 2 and report.documents == 1 and len(stored(db)) == 3
    # The two documents of the interrupted run are linked too: every document has a story.
    with Store(db, readonly=True) as store:
        assert store.db.execute("SELECT COUNT(DISTINCT document) FROM story_members").fetchone()[0] == 3
        assert store.unlinked() == ([], 0)


def test_links_run_only_when_stored_documents_changed(corpus, tmp_path, monkeypatch):
    db = tmp_path / "d.db"
    ingest([corpus], db)
    import dossier.pipeline as mod
    calls = []
    real = mod.entities.update
    monkeypatch.setattr(mod.entities, "update", lambda *a: calls.append(1) or real(*a))
    ingest([corpus], db)
    assert calls == []  # nothing new: the links stand
    (corpus / "en.md").write_text("")
    ingest([corpus], db)
    assert calls == [1]  # a document was dropped: the links follow
    with Store(db, readonly=True) as store:
        assert store.db.execute("SELECT COUNT(DISTINCT document) FROM story_members").fetchone()[0] == 2


FOOTER = "更多精彩内容请访问本站首页"


def articles_with_a_footer(tmp_path, n=6):
    """``n`` different articles that all end with the same site footer."""
    root = tmp_path / "c"
    root.mkdir()
    for i in range(n):
        (root / f"{i}.txt").write_text(
            f"第{i}篇标题\n2026-02-0{i + 1}\n\n这是第{i}篇文章独有的正文内容。\n{FOOTER}\n",
            encoding="utf-8")
    return root


def test_corpus_recurring_lines_become_boilerplate(tmp_path):
    root = articles_with_a_footer(tmp_path)
    # a repost of one article, five times, must not turn its sentences into clutter
    for i in range(5):
        (root / f"repost{i}.txt").write_text(
            f"同一篇转载\n2026-02-01\n\n这句正文在五篇转载里都一样。\n转载编号{i}。\n", encoding="utf-8")
    db = tmp_path / "d.db"
    # Counted before analysis: the first batch of four shows the line four times, one short
    # of recurring; the second makes it recur, is cleaned on the first pass, and the four
    # stored before are cleaned again.
    report = ingest([root], db, Settings(batch_files=4))
    assert report.recleaned == 4
    for name, doc in stored(db).items():
        assert "更多精彩内容请访问本站首页" not in doc.text
        if name.startswith("repost"):
            assert "这句正文在五篇转载里都一样。" in doc.text
        else:
            assert doc.boilerplate == ["更多精彩内容请访问本站首页"]
            assert doc.sentences[-1].end <= len(doc.text)
    # a later article with the same line is cleaned on arrival
    (root / "late.txt").write_text("新标题\n\n新的正文。\n更多精彩内容请访问本站首页\n", encoding="utf-8")
    ingest([root], db)
    assert stored(db)["late.txt"].boilerplate == ["更多精彩内容请访问本站首页"]


def test_a_line_recurring_across_feed_items_is_clutter_once_they_are_stored(tmp_path):
    root = tmp_path / "c"
    root.mkdir()
    (root / "feed.jsonl").write_text("".join(
        json.dumps({"title": f"第{i}篇标题", "text": f"这是第{i}篇文章独有的正文内容。\n{FOOTER}"},
                   ensure_ascii=False) + "\n" for i in range(6)), encoding="utf-8")
    report = ingest([root], tmp_path / "d.db")
    # feed items are streamed, so they are counted after they are stored and cleaned again
    assert report.documents == 6 and report.recleaned == 6
    docs = stored(tmp_path / "d.db").values()
    assert all(FOOTER not in d.text and d.boilerplate == [FOOTER] for d in docs)


def test_a_line_recurring_within_one_batch_is_clutter_on_the_first_pass(tmp_path):
    root = articles_with_a_footer(tmp_path)
    report = ingest([root], tmp_path / "d.db", Settings(jobs=2))
    assert report.documents == 6 and report.recleaned == 0
    assert all(d.boilerplate == [FOOTER] for d in stored(tmp_path / "d.db").values())


def test_not_a_database(tmp_path):
    from dossier.errors import StoreError
    path = tmp_path / "notes.db"
    path.write_text("hello")
    with pytest.raises(StoreError, match="not a dossier database"):
        ingest([tmp_path], path)
    assert path.read_text() == "hello"


def test_export_contract(corpus, tmp_path):
    from dossier.export import export
    db = tmp_path / "d.db"
    ingest([corpus], db)
    with Store(db, readonly=True) as store:
        data = json.loads(json.dumps(export(store)))
    assert data["schema"] == "dossier.export/1"
    for key in ("copies", "stories", "entities", "times", "quantities", "events", "claims", "conflicts"):
        assert isinstance(data[key], list)
    doc = data["documents"][0]
    assert set(doc) >= {"id", "path", "title", "language", "published", "source", "text", "boilerplate"}


def test_worker_processes_store_the_same_documents(corpus, tmp_path):
    one, two = tmp_path / "1.db", tmp_path / "2.db"
    ingest([corpus], one, Settings(jobs=1))
    ingest([corpus], two, Settings(jobs=2))
    a, b = stored(one), stored(two)
    assert a.keys() == b.keys()
    for name in a:
        assert (a[name].id, a[name].text, a[name].sentences) == (b[name].id, b[name].text, b[name].sentences)


def test_html_page_keeps_what_the_extractor_left_out(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>x</title><meta property='og:title' content='日英首脳会談\u3000協力強化で一致'>"
        "<meta property='article:published_time' content='2026-01-31T20:00:00+09:00'></head><body>"
        "<div class='cookie'>当サイトはクッキーを使用しています。</div><nav><a href='/'>トップ</a></nav>"
        "<article><h1>日英首脳会談\u3000協力強化で一致</h1>"
        "<p>高市早苗首相は31日、来日したスターマー英首相と首相官邸で会談した。両首脳は防衛協力の強化で一致した。</p>"
        "<p>会談は約20分間行われ、その後ワーキングディナーが開かれた。重要鉱物の供給網についても意見を交わした。</p>"
        "</article><footer><p>© 2026 Example News</p></footer></body></html>", encoding="utf-8")
    ingest([page], tmp_path / "d.db")
    doc = stored(tmp_path / "d.db")["page.html"]
    assert doc.title == "日英首脳会談\u3000協力強化で一致"
    assert doc.published == "2026-01-31"
    assert doc.text.startswith("高市早苗首相は31日")
    assert "当サイトはクッキーを使用しています。" in doc.boilerplate
    assert "© 2026 Example News" in doc.boilerplate


def test_unreadable_file_is_reported(corpus, tmp_path, monkeypatch):
    from pathlib import Path
    locked = corpus / "locked.txt"
    locked.write_text("标题\n\n正文。", encoding="utf-8")
    real_open = Path.open

    def guarded(self, *args, **kwargs):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded)
    report = ingest([corpus], tmp_path / "d.db")
    assert [(os.path.basename(s.path), s.reason) for s in report.skipped] == [
        ("locked.txt", "cannot read: Permission denied")]
    assert report.documents == 3


def test_search_index_follows_changes(corpus, tmp_path):
    db = tmp_path / "d.db"
    ingest([corpus], db)
    with Store(db, readonly=True) as store:
        assert [d.path.rsplit("/", 1)[-1] for d in store.search(["work together"], 10)] == ["en.md"]
        assert len(store.search(["東京"], 10)) == 2  # 东京 (zh) and 東京 (ja)
    path = corpus / "en.md"
    path.write_text(path.read_text().replace("work together", "cooperate closely"))
    ingest([corpus], db)
    with Store(db, readonly=True) as store:
        assert store.search(["work together"], 10) == []
        assert len(store.search(["cooperate closely"], 10)) == 1


def test_search_rows_share_their_documents_rowid_after_an_upgrade(corpus, tmp_path):
    # A database from before migration 0009 had search rows under rowids of their own.
    db = tmp_path / "d.db"
    ingest([corpus], db)
    raw = sqlite3.connect(db)
    with raw:
        rows = raw.execute("SELECT document, title, body FROM search").fetchall()
        raw.execute("DELETE FROM search")
        raw.executemany("INSERT INTO search (rowid, document, title, body) VALUES (?, ?, ?, ?)",
                        [(1000 + i, *r) for i, r in enumerate(rows)])
        raw.execute("DELETE FROM migrations WHERE name = '0009_search_rowid'")
    raw.close()
    with Store(db) as store:
        pairs = store.db.execute(
            "SELECT s.rowid, d.rowid FROM search s JOIN documents d ON d.id = s.document").fetchall()
        assert len(pairs) == 3 and all(a == b for a, b in pairs)
    path = corpus / "en.md"
    path.write_text(path.read_text().replace("work together", "cooperate closely"))
    ingest([corpus], db)
    with Store(db, readonly=True) as store:
        assert store.db.execute("SELECT COUNT(*) FROM search").fetchone()[0] == 3
        assert store.search(["work together"], 10) == []


def test_facts_are_stored_and_exported(corpus, tmp_path):
    from dossier.export import export
    db = tmp_path / "d.db"
    ingest([corpus], db)
    with Store(db, readonly=True) as store:
        data = export(store)
        docs = {d.path.rsplit("/", 1)[-1]: d for d in store.documents()}
    zh = docs["a.txt"]
    # 1月31日 in an article published 2026-02-01 is 2026-01-31
    assert any(t.text == "1月31日" and t.value == "2026-01-31" for t in zh.times)
    assert {m.entity for m in zh.mentions} >= {"person:keir-starmer", "person:sanae-takaichi"}
    starmer = next(e for e in data["entities"] if e["id"] == "person:keir-starmer")
    assert starmer["type"] == "person" and starmer["label"]["ja"] == "キア・スターマー"
    # one node for the person, whatever the script: mentions in zh, ja and en documents
    assert len({m["document"] for m in starmer["mentions"]}) == 3
    for m in starmer["mentions"]:
        text = next(d for d in data["documents"] if d["id"] == m["document"])["text"]
        assert text[m["start"]:m["end"]] == m["text"]
    assert all(t["value"] for t in data["times"] if t["text"] == "1月31日")


def test_a_failing_stage_skips_that_document_only(corpus, tmp_path, monkeypatch):
    from dossier.analyse import STAGES

    def broken(doc, settings):
        if "Starmer" in doc.text:
            raise RuntimeError("boom")
        return doc

    monkeypatch.setitem(STAGES, "broken", broken)
    for jobs in (1, 2):
        report = ingest([corpus], tmp_path / f"{jobs}.db", Settings(jobs=jobs))
        assert report.documents == 2
        [skip] = report.skipped
        assert skip.path.endswith("en.md")
        assert "analysis stage 'broken' failed" in skip.reason and "boom" in skip.reason


def test_unknown_names_link_short_forms_and_scripts(tmp_path):
    root = tmp_path / "c"
    root.mkdir()
    (root / "zh.txt").write_text(
        "雷诺兹访问东京\n2026-02-01\n\n英国商业大臣乔纳森·雷诺兹1月30日抵达东京。雷诺兹表示，英日贸易前景广阔。"
        "随行的英国商会会长马丁·霍华德称，投资环境正在改善。霍华德说，企业很关注。", encoding="utf-8")
    (root / "zh2.txt").write_text(
        "雷諾茲談貿易\n2026-02-02\n\n英國商會會長馬丁·霍華德周一表示，貿易談判進展順利。", encoding="utf-8")
    db = tmp_path / "d.db"
    ingest([root], db)
    with Store(db, readonly=True) as store:
        ids = {r["text"]: r["entity"] for r in store.db.execute("SELECT text, entity FROM mentions")}
    # a short form joins its full name in the document, known to the gazetteer or not
    assert ids["雷诺兹"] == ids["乔纳森·雷诺兹"] == "person:jonathan-reynolds"
    assert ids["霍华德"] == ids["马丁·霍华德"]
    # and the traditional spelling in another article is the same actor
    assert ids["馬丁·霍華德"] == ids["马丁·霍华德"] == "person:~马丁·霍华德"


def test_reading_an_older_database_upgrades_it_and_a_newer_one_is_refused(corpus, tmp_path):
    db = tmp_path / "d.db"
    ingest([corpus], db)
    old = sqlite3.connect(db)  # as an older dossier left it: without the unlinked table
    old.execute("DELETE FROM migrations WHERE name = '0010_unlinked'")
    old.execute("DROP TABLE unlinked")
    old.commit()
    old.close()
    with Store(db, readonly=True) as store:  # what `serve` and the query commands do
        assert store.unlinked() == ([], 0) and store.count("documents") == 3
    newer = sqlite3.connect(db)
    newer.execute("INSERT INTO migrations VALUES ('9999_future', '')")
    newer.commit()
    newer.close()
    for readonly in (True, False):
        with pytest.raises(StoreError, match="newer dossier"):
            Store(db, readonly=readonly)


def test_names_in_a_translation_found_in_this_run_are_linked_again(tmp_path, monkeypatch):
    from test_copies import EN, JA

    import dossier.pipeline as mod
    root = tmp_path / "pair"
    root.mkdir()
    (root / "en.txt").write_text("Starmer in Tokyo\n\n" + EN, encoding="utf-8")
    (root / "ja.txt").write_text("スターマー首相、東京で\n\n" + JA, encoding="utf-8")
    relinked = []
    real = mod.entities.link_translations
    monkeypatch.setattr(mod.entities, "link_translations",
                        lambda store, docs: relinked.append(docs) or real(store, docs))
    ingest([root], tmp_path / "d.db")
    with Store(tmp_path / "d.db", readonly=True) as store:
        pair = {d.id for d in store.documents()}
    assert relinked == [pair]  # the alignment is evidence for the names the same run
