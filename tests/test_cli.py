import json
import re
from pathlib import Path

from click.testing import CliRunner

from dossier.cli import _n, main

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)))


def test_ingest_info_export(corpus, tmp_path):
    db = tmp_path / "d.db"
    result = run("ingest", corpus, "--db", db)
    assert result.exit_code == 0, result.output
    assert "3 new documents" in result.output and "zh-Hans 1" in result.output
    info = run("info", "--db", db)
    assert info.exit_code == 0 and re.search(r"ja\s+1", info.output)
    out = tmp_path / "x.json"
    assert run("export", "--db", db, "--format", "json", "-o", out).exit_code == 0
    assert len(json.loads(out.read_text())["documents"]) == 3


def test_counts_read_in_the_right_number():
    assert [_n(1, "document"), _n(0, "file"), _n(2, "story"), _n(1, "story")] == \
        ["1 document", "0 files", "2 stories", "1 story"]


def test_exit_codes(corpus, tmp_path):
    db = tmp_path / "d.db"
    (corpus / "empty.txt").write_bytes(b"")
    result = run("ingest", corpus, "--db", db)
    assert result.exit_code == 1
    assert "empty.txt: empty file" in result.output
    assert "empty.txt: empty file" in run("info", "--db", db).output
    assert run("ingest", "--db", db).exit_code == 2  # no path given
    assert run("ingest", corpus, "--bogus").exit_code == 2
    notdb = tmp_path / "notes.txt"
    notdb.write_text("not a database")
    result = run("info", "--db", notdb)
    assert result.exit_code == 3 and "not a dossier database" in result.output
    assert run("info", "--db", tmp_path / "missing.db").exit_code == 3


def test_every_command_and_option_is_documented():
    for name, command in main.commands.items():
        assert f"dossier {name}" in README, f"README does not show 'dossier {name}'"
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("--") and opt not in ("--help",):
                    assert opt in README, f"README does not mention {opt} of 'dossier {name}'"


def test_readme_exit_codes_match_the_cli_docstring():
    import dossier.cli as cli
    for code in ("0", "1", "2", "3"):
        assert f"| {code} |" in README and f"{code} " in cli.__doc__


def test_entities_entity_and_timeline(corpus, tmp_path):
    db = tmp_path / "d.db"
    run("ingest", corpus, "--db", db)
    people = run("entities", "--db", db, "--type", "person")
    assert people.exit_code == 0 and "person:keir-starmer" in people.output
    assert "country:" not in people.output
    for name in ("斯塔默", "スターマー", "Keir Starmer"):
        one = run("entity", name, "--db", db)
        assert one.exit_code == 0 and one.output.startswith("person:keir-starmer")
        # every name in every script, and the sentence of each mention
        assert "スターマー ×1" in one.output and "斯塔默 ×1" in one.output
        assert "スターマー英首相は1月31日、東京で高市早苗首相と会談した。" in one.output
    assert run("entity", "Nobody", "--db", db).exit_code == 1
    lines = run("timeline", "--db", db, "--entity", "高市早苗").output.splitlines()
    assert lines[0].startswith("2026-01-31") and "EVENT" in lines[0]  # events come first
    dated = [n for n, line in enumerate(lines) if "1月31日" in line and not line.startswith(" ")]
    assert dated and lines[dated[0]].startswith("2026-01-31")
    assert "高市早苗" in lines[dated[0] + 1]  # and the sentence that states it


def test_timeline_shows_an_exact_repost_once(corpus, tmp_path):
    repost = (corpus / "en.md").read_text(encoding="utf-8") + "\n\n"  # the same text, another file
    (corpus / "repost.md").write_text(repost, encoding="utf-8")
    db = tmp_path / "d.db"
    run("ingest", corpus, "--db", db)
    lines = run("timeline", "--db", db).output.splitlines()
    assert sum(line.startswith("2026-01-31   31 January") for line in lines) == 1


def test_user_gazetteer(corpus, tmp_path):
    extra = tmp_path / "mine.toml"
    extra.write_text('[[entity]]\nid = "org:kansai-forum"\ntype = "organization"\n'
                     '[entity.names]\nen = ["Kansai Policy Forum"]\n', encoding="utf-8")
    (corpus / "forum.md").write_text("Forum\n\nThe Kansai Policy Forum met in Osaka.\n", encoding="utf-8")
    db = tmp_path / "d.db"
    assert run("ingest", corpus, "--db", db, "--gazetteer", extra).exit_code == 0
    assert "org:kansai-forum" in run("entities", "--db", db).output
    bad = tmp_path / "bad.toml"
    bad.write_text('[[entity]]\nid = "x"\ntype = "spaceship"\n', encoding="utf-8")
    result = run("ingest", corpus, "--db", tmp_path / "e.db", "--gazetteer", bad)
    assert result.exit_code == 3 and "bad.toml" in result.output
    assert not (tmp_path / "e.db").exists()


def test_csv_and_graphml_exports(corpus, tmp_path):
    import csv
    import xml.etree.ElementTree as ET
    db = tmp_path / "d.db"
    run("ingest", corpus, "--db", db)
    assert run("export", "--db", db, "--format", "csv").exit_code == 2  # needs -o
    folder = tmp_path / "tables"
    assert run("export", "--db", db, "--format", "csv", "-o", folder).exit_code == 0
    with (folder / "entities.csv").open(encoding="utf-8-sig") as f:
        entities = {r["id"]: r for r in csv.DictReader(f)}
    assert entities["person:keir-starmer"]["label_ja"] == "キア・スターマー"
    with (folder / "documents.csv").open(encoding="utf-8-sig") as f:
        assert len(list(csv.DictReader(f))) == 3
    graph = tmp_path / "g.graphml"
    assert run("export", "--db", db, "--format", "graphml", "-o", graph).exit_code == 0
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(graph).getroot()
    nodes = {n.get("id") for n in root.iterfind(".//g:node", ns)}
    assert {"person:keir-starmer", "person:sanae-takaichi"} <= nodes
    edges = [(e.get("source"), e.get("target"), {d.get("key"): d.text for d in e.iterfind("g:data", ns)})
             for e in root.iterfind(".//g:edge", ns)]
    pair = [d for s, t, d in edges if {s, t} == {"person:keir-starmer", "person:sanae-takaichi"}]
    assert {d["kind"] for d in pair} == {"co-mention", "event"}
    assert all(s in nodes and t in nodes for s, t, _ in edges)
    co = next(d for d in pair if d["kind"] == "co-mention")
    assert float(co["weight"]) == 3 and co["first"] == "2026-02-01"
