import json
import re
from pathlib import Path

from click.testing import CliRunner

from dossier.cli import main

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
