"""The SQLite store: one file, WAL mode, migrations recorded, one transaction per batch.

Writes go through :meth:`Store.transaction` (``BEGIN IMMEDIATE``), so an ingest
killed midway leaves every finished batch stored and nothing half-written.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from dossier.analyse.events import Event
from dossier.analyse.quantities import Quantity
from dossier.analyse.roles import Role
from dossier.analyse.times import TimeExpr
from dossier.errors import StoreError
from dossier.model import Document, Mention, Sentence, Skipped
from dossier.store import search
from dossier.store.migrations import MIGRATIONS

SQLITE_MAGIC = b"SQLite format 3\x00"
KNOWN = {name for name, _ in MIGRATIONS}

log = logging.getLogger(__name__)
# Per-document facts: table → the fields of its items, in column order after "document".
FACTS = {
    "mentions": ("start", "end", "text", "type", "entity", "source"),
    "times": ("start", "end", "text", "value", "type", "anchor", "how", "reason", "mod"),
    "quantities": ("start", "end", "text", "value", "unit", "approximate", "reason"),
    "roles": ("start", "end", "person_start", "person_end", "person", "entity", "office",
              "country", "date", "date_source"),
    "events": ("start", "end", "sentence", "type", "trigger", "actor", "participants", "date",
               "date_source", "place"),
}


def _upgrade(path: Path) -> None:
    """Apply the migrations an older dossier did not know, so read-only commands see the
    current schema (indexes included). A file the user cannot write is left as it is:
    it still reads, only slower."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            applied = {r[0] for r in db.execute("SELECT name FROM migrations")}
        finally:
            db.close()
    except sqlite3.DatabaseError:
        return  # not a dossier database: the read-only open says so
    if not applied or applied >= KNOWN or applied - KNOWN:
        return  # empty, current, or newer (the open itself refuses a newer one)
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        log.warning("%s was written by an older dossier and is read-only, so it cannot be"
                    " upgraded: it lacks %s and some pages and commands will be slow.",
                    path, ", ".join(sorted(KNOWN - applied)))
        return
    Store(path).close()


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    def __init__(self, path: str | Path, *, readonly: bool = False):
        self.path = Path(path)
        if self.path.exists() and self.path.stat().st_size and not _is_sqlite(self.path):
            raise StoreError(f"{self.path} is not a dossier database (not an SQLite file)")
        if readonly and not self.path.exists():
            raise StoreError(f"no database at {self.path}; run 'dossier ingest' first")
        if readonly:
            _upgrade(self.path)
        try:
            if readonly:
                self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            else:
                self.db = sqlite3.connect(self.path, isolation_level=None)
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.row_factory = sqlite3.Row
            applied = self._applied()
            if applied - KNOWN:
                self.db.close()
                raise StoreError(f"{self.path} was written by a newer dossier; upgrade dossier to use it")
            if not readonly:
                self._migrate()
            elif not applied:
                raise StoreError(f"{self.path} is not a dossier database")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- schema -----------------------------------------------------------------------------
    def _applied(self) -> set[str]:
        try:
            return {r[0] for r in self.db.execute("SELECT name FROM migrations")}
        except sqlite3.OperationalError:
            return set()

    def _migrate(self) -> None:
        self.db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
        done = self._applied()
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            with self.transaction():
                for statement in sql.split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute("INSERT INTO migrations VALUES (?, ?)", (name, now()))

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # --- writing (call inside a transaction) ------------------------------------------------
    def file_sha(self, path: str) -> str | None:
        row = self.db.execute("SELECT sha256 FROM files WHERE path = ?", (path,)).fetchone()
        return row[0] if row else None

    def forget_file(self, path: str) -> None:
        """Drop what an earlier version of ``path`` contributed; documents found elsewhere stay."""
        docs = [r[0] for r in self.db.execute("SELECT document FROM locations WHERE file = ?", (path,))]
        self.db.execute("DELETE FROM skipped WHERE file = ?", (path,))
        self.db.execute("DELETE FROM files WHERE path = ?", (path,))  # cascades to locations
        for doc in docs:
            elsewhere = self.db.execute("SELECT path FROM locations WHERE document = ?", (doc,)).fetchone()
            if elsewhere:
                self.db.execute("UPDATE documents SET path = ? WHERE id = ?", (elsewhere[0], doc))
            else:
                search.unindex(self.db, doc)
                self.db.execute("DELETE FROM documents WHERE id = ?", (doc,))
                self.db.execute("INSERT OR IGNORE INTO unlinked VALUES (?)", (doc,))

    def record_file(self, path: str, sha: str, size: int) -> None:
        self.db.execute("INSERT INTO files VALUES (?, ?, ?, 0, 0, ?)", (path, sha, size, now()))

    def count_file(self, path: str, documents: int, skipped: int) -> None:
        self.db.execute("UPDATE files SET documents = ?, skipped = ? WHERE path = ?",
                        (documents, skipped, path))

    def record_skip(self, skip: Skipped, file: str) -> None:
        self.db.execute("INSERT INTO skipped VALUES (?, ?, ?, ?)", (skip.path, file, skip.reason, now()))

    def add_document(self, doc: Document, file: str, line_hashes: set[int]) -> bool:
        """Store ``doc`` read from ``file``; False when the same content is already stored."""
        new = self.db.execute("SELECT 1 FROM documents WHERE id = ?", (doc.id,)).fetchone() is None
        if new:
            self._write_document(doc)
            self.db.execute("INSERT OR IGNORE INTO unlinked VALUES (?)", (doc.id,))
            self.db.executemany("INSERT OR IGNORE INTO lines VALUES (?, ?)",
                                ((h, doc.id) for h in line_hashes))
        self.db.execute("INSERT OR IGNORE INTO locations VALUES (?, ?, ?)", (doc.id, doc.path, file))
        return new

    def replace_document(self, doc: Document) -> None:
        """Rewrite a stored document after it was cleaned again (same id, new text).

        An UPDATE, not INSERT OR REPLACE: a replace deletes the row and would cascade
        to the document's locations.
        """
        self.db.execute(
            "UPDATE documents SET title=?, language=?, published=?, published_note=?, source=?,"
            " url=?, text=?, boilerplate=?, meta=? WHERE id=?",
            (doc.title, doc.language, doc.published, doc.published_note, doc.source, doc.url,
             doc.text, _json(doc.boilerplate), _json(doc.meta), doc.id))
        for table in ("sentences", *FACTS):
            self.db.execute(f"DELETE FROM {table} WHERE document = ?", (doc.id,))
        self._write_sentences(doc)
        search.index(self.db, doc.id, doc.title, doc.text)

    def _write_document(self, doc: Document) -> None:
        self.db.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc.id, doc.path, doc.title, doc.language, doc.published, doc.published_note,
             doc.source, doc.url, doc.text, doc.raw_text, _json(doc.boilerplate),
             _json(doc.meta), now()))
        self._write_sentences(doc)
        search.index(self.db, doc.id, doc.title, doc.text)

    def _write_sentences(self, doc: Document) -> None:
        self.db.executemany(
            "INSERT INTO sentences VALUES (?, ?, ?, ?, ?)",
            ((doc.id, n, s.start, s.end, s.language) for n, s in enumerate(doc.sentences)))
        for table, columns in FACTS.items():
            marks = ", ".join("?" * (len(columns) + 1))
            self.db.executemany(
                f"INSERT INTO {table} VALUES ({marks})",
                ((doc.id, *(_column(getattr(item, c)) for c in columns)) for item in getattr(doc, table)))

    def unlinked(self) -> tuple[list[str], int]:
        """Documents the link steps have not seen yet: (stored ones, how many were dropped)."""
        rows = self.db.execute("SELECT u.document, d.id IS NOT NULL FROM unlinked u"
                               " LEFT JOIN documents d ON d.id = u.document ORDER BY d.rowid")
        stored, dropped = [], 0
        for doc, present in rows:
            if present:
                stored.append(doc)
            else:
                dropped += 1
        return stored, dropped

    def mark_linked(self) -> None:
        self.db.execute("DELETE FROM unlinked")

    # --- reading ----------------------------------------------------------------------------
    def documents(self, where: str = "1", params: tuple = ()) -> Iterator[Document]:
        rows = self.db.execute(f"SELECT * FROM documents WHERE {where} ORDER BY path", params)
        for row in rows.fetchall():
            yield self._document(row)

    def listing(self, limit: int, offset: int = 0) -> list[sqlite3.Row]:
        """Metadata of documents, newest first, without their text: for overviews."""
        return self.db.execute(
            "SELECT id, path, title, language, published, source FROM documents"
            " ORDER BY published IS NULL, published DESC, title LIMIT ? OFFSET ?",
            (limit, offset)).fetchall()

    def counts_by(self, column: str) -> list[tuple[str | None, int]]:
        assert column in ("language", "source")
        return [tuple(r) for r in self.db.execute(
            f"SELECT {column}, COUNT(*) AS n FROM documents GROUP BY {column} ORDER BY n DESC")]

    def search(self, spellings: list[str], limit: int) -> list[Document]:
        """Documents matching any spelling, in any script, best first."""
        ids = search.find(self.db, spellings, limit)
        found = {d.id: d for d in self.documents(
            f"id IN ({','.join('?' * len(ids))})", tuple(ids))} if ids else {}
        return [found[i] for i in ids if i in found]

    def document(self, doc_id: str) -> Document | None:
        return next(self.documents("id = ?", (doc_id,)), None)

    def _document(self, row: sqlite3.Row) -> Document:
        sentences = [Sentence(r["start"], r["end"], r["language"]) for r in self.db.execute(
            "SELECT * FROM sentences WHERE document = ? ORDER BY n", (row["id"],))]
        mentions = [Mention(*r) for r in self.db.execute(
            'SELECT start, "end", text, type, entity, source FROM mentions WHERE document = ?'
            " ORDER BY start", (row["id"],))]
        return Document(
            id=row["id"], path=row["path"], text=row["text"], title=row["title"],
            published=row["published"], published_note=row["published_note"],
            source=row["source"], url=row["url"], language=row["language"],
            boilerplate=json.loads(row["boilerplate"]), raw_text=row["raw_text"],
            sentences=sentences, meta=json.loads(row["meta"]), mentions=mentions,
            times=[TimeExpr(*r) for r in self._facts("times", row["id"])],
            quantities=[Quantity(*r) for r in self._facts("quantities", row["id"])],
            roles=[Role(*r) for r in self._facts("roles", row["id"])],
            events=[Event(*r[:6], tuple(json.loads(r[6])), *r[7:])
                    for r in self._facts("events", row["id"])])

    def _facts(self, table: str, doc_id: str) -> list[tuple]:
        columns = ", ".join(f'"{c}"' for c in FACTS[table])
        return self.db.execute(f"SELECT {columns} FROM {table} WHERE document = ? ORDER BY start",
                               (doc_id,)).fetchall()

    def skipped(self) -> list[Skipped]:
        return [Skipped(r[0], r[1]) for r in
                self.db.execute("SELECT path, reason FROM skipped ORDER BY path")]

    def count(self, table: str) -> int:
        return self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def _column(value: object) -> object:
    """Tuples (an event's participants) are stored as JSON lists."""
    return _json(list(value)) if isinstance(value, tuple) else value


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _is_sqlite(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(16) == SQLITE_MAGIC
