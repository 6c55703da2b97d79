"""Schema changes as named migrations, applied in order and recorded in the database.

Never edit a migration that has shipped: add a new one.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    ("0001_documents", """
        CREATE TABLE files (
            path TEXT PRIMARY KEY,
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            documents INTEGER NOT NULL,
            skipped INTEGER NOT NULL,
            read_at TEXT NOT NULL
        );
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            path TEXT NOT NULL,
            title TEXT,
            language TEXT NOT NULL,
            published TEXT,
            published_note TEXT,
            source TEXT,
            url TEXT,
            text TEXT NOT NULL,
            raw_text TEXT NOT NULL,
            boilerplate TEXT NOT NULL,   -- JSON list of removed lines
            meta TEXT NOT NULL,          -- JSON: encoding, section, platform, fields the item gave
            added_at TEXT NOT NULL
        );
        -- Where each document was read from: identical files at two paths are one document.
        CREATE TABLE locations (
            document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            path TEXT NOT NULL,
            file TEXT NOT NULL REFERENCES files(path) ON DELETE CASCADE,
            PRIMARY KEY (document, path)
        ) WITHOUT ROWID;
        CREATE INDEX locations_file ON locations(file);
        CREATE TABLE sentences (
            document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            n INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            language TEXT NOT NULL,
            PRIMARY KEY (document, n)
        ) WITHOUT ROWID;
        CREATE TABLE skipped (
            path TEXT NOT NULL,
            file TEXT NOT NULL,
            reason TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX skipped_file ON skipped(file);
        -- Hashes of each document's raw lines, to find lines that recur across the corpus.
        CREATE TABLE lines (
            hash INTEGER NOT NULL,
            document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            PRIMARY KEY (hash, document)
        ) WITHOUT ROWID;
        CREATE INDEX lines_document ON lines(document);
        CREATE TABLE recurring (
            hash INTEGER PRIMARY KEY,
            line TEXT NOT NULL,
            documents INTEGER NOT NULL
        );
    """),
    ("0003_search", """
        -- Folded title and text, CJK characters spaced so that each is a token:
        -- a phrase query then matches any run of characters, in any script.
        CREATE VIRTUAL TABLE search USING fts5(
            document UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 0'
        );
    """),
]
