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
def ingest(paths: tuple[Path, ...], db: Path, max_bytes: int, jobs: int) -> None:
    """Read articles from files and folders (recursively) into the database.

    Run it again with more articles at any time; files already read are skipped.

    Example: dossier ingest samples/ --db dossier.db
    """
    settings = Settings(max_bytes=max_bytes, jobs=jobs)
    bar = lambda items: tqdm(items, desc="reading", unit="file", disable=None, leave=False)  # noqa: E731
    report = _guard(lambda: run_ingest(paths, db, settings, progress=bar))
    langs = ", ".join(f"{k} {v}" for k, v in report.languages.most_common()) or "none"
    click.echo(f"Read {report.files} files into {db}: {report.documents} new documents ({langs}); "
               f"{report.unchanged} files unchanged, {report.already_stored} documents already stored.")
    if report.recleaned:
        click.echo(f"Found lines recurring across the corpus; cleaned {report.recleaned} documents again.")
    with Store(db, readonly=True) as store:
        click.echo(f"The database now holds {store.count('documents')} documents.")
    if report.skipped:
        click.echo(f"Skipped {len(report.skipped)}:", err=True)
        for skip in report.skipped:
            click.echo(f"  {skip.path}: {skip.reason}", err=True)
    sys.exit(report.exit_code)


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here instead of standard output.")
def export(db: Path, fmt: str, output: Path | None) -> None:
    """Export the knowledge base (schema dossier.export/1).

    Example: dossier export --db dossier.db --format json -o dossier.json
    """
    with _guard(lambda: Store(db, readonly=True)) as store:
        data = build_export(store)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    if output:
        output.write_text(text + "\n", encoding="utf-8")
        click.echo(f"Wrote {len(data['documents'])} documents to {output}", err=True)
    else:
        click.echo(text)


@main.command()
@db_option
def info(db: Path) -> None:
    """Documents per language and per source, and the files that were skipped, with reasons.

    Example: dossier info --db dossier.db
    """
    with _guard(lambda: Store(db, readonly=True)) as store:
        total = store.count("documents")
        languages, sources = store.counts_by("language"), store.counts_by("source")
        skipped = store.skipped()
    click.echo(f"{db}: {total} documents")
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


def _guard(action):
    try:
        return action()
    except DossierError as exc:
        click.echo(f"dossier: {exc}", err=True)
        sys.exit(3)
