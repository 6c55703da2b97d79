"""The command line: parses options and calls the library.

Exit codes: 0 everything was read; 1 some files or items were skipped (each is
listed with its reason); 2 usage error (bad option, missing path); 3 the database
cannot be used.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click
from tqdm import tqdm

from dossier import query
from dossier.analyse.gazetteer import Gazetteer
from dossier.errors import DossierError
from dossier.export import export as build_export
from dossier.pipeline import ingest as run_ingest
from dossier.settings import Settings
from dossier.store import Store

DEFAULT_DB = "dossier.db"
db_option = click.option("--db", type=click.Path(dir_okay=False, path_type=Path),
                         default=DEFAULT_DB, show_default=True, help="The dossier database file.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dossier")
def main() -> None:
    """dossier: a sourced, cross-checked knowledge base from zh/ja/en news articles."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option("--max-bytes", type=int, default=Settings.max_bytes, show_default=True,
              help="Refuse article files larger than this (feeds in .jsonl are streamed).")
@click.option("--jobs", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default="CPU count",
              help="Worker processes for reading and analysing articles.")
@click.option("--gazetteer", "gazetteers", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="An extra gazetteer file (TOML, see resources/gazetteer/SCHEMA.md); repeatable.")
@click.option("--no-names", is_flag=True,
              help="Only names the gazetteer knows: faster, but new actors are not found.")
def ingest(paths: tuple[Path, ...], db: Path, max_bytes: int, jobs: int,
           gazetteers: tuple[Path, ...], no_names: bool) -> None:
    """Read articles from files and folders (recursively) into the database.

    Run it again with more articles at any time; files already read are skipped.

    Example: dossier ingest samples/ --db dossier.db
    """
    settings = Settings(max_bytes=max_bytes, jobs=jobs, gazetteers=gazetteers, names=not no_names)
    _guard(lambda: Gazetteer.load(gazetteers))  # a bad gazetteer stops here, before any work
    bar = lambda items: tqdm(items, desc="reading", unit="file", disable=None, leave=False)  # noqa: E731
    report = _guard(lambda: run_ingest(paths, db, settings, progress=bar))
    langs = ", ".join(f"{k} {v}" for k, v in report.languages.most_common()) or "none"
    click.echo(f"Read {_n(report.files, 'file')} into {db}: {_n(report.documents, 'new document')} ({langs}); "
               f"{_n(report.unchanged, 'file')} unchanged, {_n(report.already_stored, 'document')} already stored.")
    if report.recleaned:
        click.echo(f"Found lines recurring across the corpus; cleaned {_n(report.recleaned, 'document')} again.")
    with Store(db, readonly=True) as store:
        click.echo(f"The database now holds {_n(store.count('documents'), 'document')}; "
                   + _knowledge(store) + ".")
    if report.skipped:
        click.echo(f"Skipped {len(report.skipped)}:", err=True)
        for skip in report.skipped:
            click.echo(f"  {skip.path}: {skip.reason}", err=True)
    sys.exit(report.exit_code)


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "graphml"]), default="json",
              show_default=True, help="json: the whole knowledge base (schema dossier.export/1); "
              "csv: one file per table, in the folder -o names; graphml: actors and their links.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write here instead of standard output (a folder for csv).")
def export(db: Path, fmt: str, output: Path | None) -> None:
    """Export the knowledge base.

    Example: dossier export --db dossier.db --format graphml -o actors.graphml
    """
    from dossier import export as out

    if fmt != "json" and output is None:
        click.echo(f"dossier: --format {fmt} needs -o", err=True)
        sys.exit(2)
    with _guard(lambda: Store(db, readonly=True)) as store:
        if fmt == "graphml":
            out.write_graphml(store, output)
            click.echo(f"Wrote {output}", err=True)
            return
        data = build_export(store)
    if fmt == "csv":
        written = out.write_csv(data, output)
        click.echo(f"Wrote {len(written)} tables to {output}/", err=True)
    elif output:
        output.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        click.echo(f"Wrote {len(data['documents'])} documents to {output}", err=True)
    else:
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))


@main.command()
@db_option
def stories(db: Path) -> None:
    """Stories (one real-world event each): members by language, copies under their original.

    Example: dossier stories --db dossier.db
    """
    from dossier.link.stories import report

    with _guard(lambda: Store(db, readonly=True)) as store:
        lines = report(store)
    click.echo("\n".join(lines) if lines else "No stories yet; run 'dossier ingest' first.")


@main.command()
@db_option
def info(db: Path) -> None:
    """Documents per language and per source, and the files that were skipped, with reasons.

    Example: dossier info --db dossier.db
    """
    with _guard(lambda: Store(db, readonly=True)) as store:
        total = store.count("documents")
        knowledge = _knowledge(store)
        languages, sources = store.counts_by("language"), store.counts_by("source")
        skipped = store.skipped()
    click.echo(f"{db}: {_n(total, 'document')}; {knowledge}")
    click.echo("By language:")
    for lang, n in languages:
        click.echo(f"  {lang:8} {n}")
    click.echo("By source:")
    for source, n in sources:
        click.echo(f"  {n:4}  {source or '(not stated)'}")
    click.echo(f"Skipped: {len(skipped)}")
    for skip in skipped:
        click.echo(f"  {skip.path}: {skip.reason}")


@main.command()
@db_option
@click.option("--entity", help="Only documents that mention this actor (a name in any script).")
@click.option("--since", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", help="Up to this date (YYYY, YYYY-MM or YYYY-MM-DD).")
def timeline(db: Path, entity: str | None, since: str | None, until: str | None) -> None:
    """Dated items in order, each with its sentence and document: the events merged across
    reports, and every dated expression.

    Example: dossier timeline --db dossier.db --entity 斯塔默 --since 2026-01
    """
    with _guard(lambda: Store(db, readonly=True)) as store:
        entity_id = _entity_id(store, entity) if entity else None
        items = query.timeline(store, entity_id, since, until)
        merged = query.events(store, None, entity_id, since, until)
        names = query.labels(store)
    lines = []
    for e in merged:
        if e.date:
            who = ", ".join(names.get(p, p.removeprefix("name:")) for p in e.participants[:4])
            lines.append((e.date, 0, f"{e.date:12} EVENT {e.type}: {who} "
                                     f"[{_n(e.sources, 'independent source')}]",
                          e.evidence[0]["sentence"] if e.evidence else ""))
    for item in items:
        flag = "" if item.how in ("explicit", "anchored") else f" ({item.how})"
        lines.append((item.value, 1, f"{item.value:12} {item.text}{flag}  [{item.language}] "
                                     f"{item.title or item.document}", item.sentence))
    for _, _, head, sentence in sorted(lines, key=lambda x: (x[0].startswith("X"), x[0], x[1])):
        click.echo(head)
        click.echo(f"             {sentence}")


@main.command()
@db_option
@click.option("--type", "kind", help="Only events of this type (meet, visit, agree, …).")
@click.option("--entity", help="Only events this actor takes part in (a name in any script).")
def events(db: Path, kind: str | None, entity: str | None) -> None:
    """Events merged across reports, with independent sources and evidence sentences.

    Example: dossier events --db dossier.db --type meet --entity 高市早苗
    """
    with _guard(lambda: Store(db, readonly=True)) as store:
        entity_id = _entity_id(store, entity) if entity else None
        items = query.events(store, kind, entity_id)
        names = query.labels(store)
    for e in items:
        who = ", ".join(names.get(p, p.removeprefix("name:")) for p in e.participants)
        click.echo(f"{e.date or 'undated':10} {e.type:9} {who}  "
                   f"[{_n(e.sources, 'independent source')}, {_n(e.reports, 'report')}]")
        for r in e.evidence[:3]:
            click.echo(f"             [{r['language']}] {r['sentence']}")


@main.command()
@db_option
@click.option("--kind", type=click.Choice(["sources", "reference", "internal"]),
              help="sources: independent reports disagree; reference: a report contradicts the "
                   "gazetteer's office holders; internal: an article contradicts itself.")
def conflicts(db: Path, kind: str | None) -> None:
    """Where sources disagree, each value with its sources and sentences.

    Example: dossier conflicts --db dossier.db
    """
    with _guard(lambda: Store(db, readonly=True)) as store:
        items = query.conflicts(store, kind)
        names = query.labels(store)
    for c in items:
        click.echo(f"[{c.kind}] {query.describe(c.subject, c.attribute, names)}")
        for v in c.values:
            where = "reference data" if v.get("reference") else _n(len(v['documents']), "document")
            click.echo(f"  {v['label']}  ({where})")
            for sentence in v["sentences"][:3]:
                click.echo(f"      [{sentence.get('language')}] {sentence.get('source') or ''}: "
                           f"{sentence.get('sentence')}")


@main.command()
@db_option
@click.option("--type", "kind", type=click.Choice(["person", "country", "organization", "place",
                                                   "program", "other"]))
def entities(db: Path, kind: str | None) -> None:
    """The actors the articles mention, one line per real actor, most mentioned first.

    Example: dossier entities --db dossier.db --type person
    """
    with _guard(lambda: Store(db, readonly=True)) as store:
        rows = query.entities(store, kind)
    for entity_id, kind_, labels, mentions, documents in rows:
        names = " = ".join(dict.fromkeys(labels.values()))
        click.echo(f"{mentions:5} mentions in {documents:3} documents  {kind_:12} {names}  ({entity_id})")


@main.command()
@click.argument("name")
@db_option
def entity(name: str, db: Path) -> None:
    """One actor: all its names in every script, and every mention with its sentence.

    Example: dossier entity スターマー --db dossier.db
    """
    with _guard(lambda: Store(db, readonly=True)) as store:
        view = query.find_entity(store, name)
    if view is None:
        click.echo(f"dossier: no actor named {name!r} in {db}", err=True)
        sys.exit(1)
    click.echo(f"{view.id} ({view.type})")
    for lang, label in view.labels.items():
        click.echo(f"  {lang:8} {label}")
    click.echo("Names as written: " + ", ".join(f"{n} ×{c}" for n, c in view.names.most_common()))
    for m in view.mentions:
        click.echo(f"- [{m['language']}] {m['title'] or m['document']} ({m['published'] or 'undated'})")
        click.echo(f"    {m['sentence']}")


@main.command()
@db_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default="report.html", show_default=True)
def report(db: Path, output: Path) -> None:
    """Write one self-contained HTML report (overview, stories, timeline, conflicts, a chart).

    It needs no network to view. Example: dossier report --db dossier.db -o report.html
    """
    from dossier.report import write

    with _guard(lambda: Store(db, readonly=True)) as store:
        write(store, output)
    click.echo(f"Wrote {output}", err=True)


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on; the default keeps the UI on this machine.")
@click.option("--port", type=int, default=8765, show_default=True)
def serve(db: Path, host: str, port: int) -> None:
    """Browse the database in a web browser (read-only).

    Example: dossier serve --db dossier.db --port 8765
    """
    import uvicorn

    from dossier.web.app import create_app

    app = _guard(lambda: create_app(db))
    click.echo(f"dossier: serving {db} at http://{host}:{port}/", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _knowledge(store: Store) -> str:
    """What the database knows, in one line."""
    copies = dict(store.db.execute("SELECT relation, COUNT(*) FROM copies GROUP BY relation"))
    conflicts = store.db.execute("SELECT COUNT(*) FROM conflicts WHERE kind = 'sources'").fetchone()[0]
    reposts = copies.get("duplicate", 0) + copies.get("near_duplicate", 0)
    return (f"{_n(store.count('entities'), 'actor')}, {_n(store.count('stories'), 'story')}, "
            f"{_n(reposts, 'repost')} and {_n(copies.get('translation', 0), 'translation')}, "
            f"{_n(store.count('merged_events'), 'event')}, {_n(conflicts, 'conflict')} between sources")


def _n(count: int, noun: str) -> str:
    """``1 story``, ``2 stories``: a count with its noun in the right number."""
    if count == 1:
        return f"1 {noun}"
    return f"{count} {noun[:-1] + 'ies' if noun.endswith('y') else noun + 's'}"


def _entity_id(store: Store, name: str) -> str:
    view = query.find_entity(store, name)
    if view is None:
        click.echo(f"dossier: no actor named {name!r}", err=True)
        sys.exit(1)
    return view.id


def _guard(action):
    try:
        return action()
    except DossierError as exc:
        click.echo(f"dossier: {exc}", err=True)
        sys.exit(3)
