"""Full-text search over folded text, so that a query in one script finds the others.

Text is folded (会談 / 會談 / 会谈 alike) and every CJK character becomes a token of
its own; a query is a phrase of such tokens, so 斯塔默 matches the run 斯 塔 默
wherever it occurs, and English words match as words.
"""

from __future__ import annotations

import re
import sqlite3

from dossier.analyse.fold import fold

_CJK = re.compile(r"([\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af])")


def tokens(text: str) -> str:
    """Folded ``text`` with each CJK character spaced apart, for the FTS tokenizer."""
    return _CJK.sub(r" \1 ", fold(text))


def phrase(query: str) -> str | None:
    """An FTS5 phrase query for ``query``, or None when it holds nothing searchable."""
    words = re.findall(r"\w+", tokens(query))
    return '"' + " ".join(words) + '"' if words else None


def index(db: sqlite3.Connection, doc_id: str, title: str | None, text: str) -> None:
    """(Re)index a stored document; its search row shares the document's rowid."""
    unindex(db, doc_id)
    db.execute("INSERT INTO search (rowid, document, title, body)"
               " SELECT rowid, id, ?, ? FROM documents WHERE id = ?",
               (tokens(title or ""), tokens(text), doc_id))


def unindex(db: sqlite3.Connection, doc_id: str) -> None:
    """Drop a document's search row; call it while the document is still stored."""
    db.execute("DELETE FROM search WHERE rowid = (SELECT rowid FROM documents WHERE id = ?)",
               (doc_id,))


def find(db: sqlite3.Connection, queries: list[str], limit: int) -> list[str]:
    """Ids of documents matching any of ``queries`` (alternative spellings), best first."""
    phrases = [p for q in queries if (p := phrase(q))]
    if not phrases:
        return []
    rows = db.execute("SELECT document FROM search WHERE search MATCH ? ORDER BY rank LIMIT ?",
                      (" OR ".join(phrases), limit))
    return [r[0] for r in rows]
