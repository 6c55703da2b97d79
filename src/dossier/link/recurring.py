"""Lines that recur across many documents of the corpus are clutter ("相关阅读", a site footer).

Every stored document contributes the hashes of its raw lines. A line becomes
corpus clutter once it appears in ``recurring_min_documents`` documents with
distinct headlines: reposts of one article share all their lines but also their
headline, so copies of an article never turn its sentences into clutter.

Each batch of documents is counted before it is analysed (:func:`promote`), so a line
that recurs within the batch is cleaned away on the first pass; stored documents that
show a newly recurring line are cleaned again (:func:`showing`).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator

from dossier.model import Document
from dossier.settings import Settings
from dossier.store import Store

# Longer lines are prose; a platform's repeated line is short.
MAX_LINE = 200
MIN_LINE = 4


def line_hash(line: str) -> int:
    return int.from_bytes(hashlib.blake2b(line.encode(), digest_size=8).digest(), "big", signed=True)


def line_hashes(raw_text: str) -> dict[int, str]:
    """Hash → line, for the candidate lines of one document."""
    return {line_hash(s): s for line in raw_text.split("\n")
            if MIN_LINE <= len(s := line.strip()) <= MAX_LINE}


def known(store: Store) -> dict[int, str]:
    """Every recurring line, by hash."""
    return dict(store.db.execute("SELECT hash, line FROM recurring"))


def promote(store: Store, docs: Iterable[Document], settings: Settings) -> dict[int, str]:
    """Record the lines that recur once ``docs`` (about to be stored) join the stored ones.

    Returns the newly recurring lines by hash. Runs in one transaction.
    """
    seen: dict[int, dict[str, str]] = defaultdict(dict)  # hash → document → headline
    lines: dict[int, str] = {}
    for doc in docs:
        for h, line in line_hashes(doc.raw_text).items():
            seen[h][doc.id] = doc.title or doc.id
            lines[h] = line
    return _record(store, seen, lines, settings)


def promote_stored(store: Store, lines: dict[int, str], settings: Settings) -> dict[int, str]:
    """Record which of ``lines`` (by hash), from documents already stored, now recur.

    For documents stored without being counted first (items of a streamed feed).
    """
    return _record(store, defaultdict(dict), lines, settings)


def _record(store: Store, seen: dict[int, dict[str, str]], lines: dict[int, str],
            settings: Settings) -> dict[int, str]:
    """Add the stored documents showing each of ``lines`` to ``seen``; record the lines
    that then appear under enough distinct headlines."""
    with store.transaction() as db:
        already = _recurring_hashes(db, list(lines))
        candidates = [h for h in lines if h not in already]
        for chunk in _chunks(candidates):
            for h, doc, title in db.execute(
                    f"SELECT l.hash, d.id, coalesce(d.title, d.id) FROM lines l JOIN documents d"
                    f" ON d.id = l.document WHERE l.hash IN ({','.join('?' * len(chunk))})", chunk):
                seen[h][doc] = title
        new = {h: lines[h] for h in candidates
               if len(set(seen[h].values())) >= settings.recurring_min_documents}
        db.executemany("INSERT INTO recurring VALUES (?, ?, ?)",
                       ((h, line, len(seen[h])) for h, line in new.items()))
    return new


def showing(store: Store, new: dict[int, str]) -> list[Document]:
    """Stored documents whose text still shows one of the ``new`` recurring lines.

    Most recurring lines (【関連記事】) were already taken out as clutter: only a document
    that still shows one needs cleaning and analysing again, so only those are loaded.
    """
    ids: dict[str, None] = {}
    for h, line in new.items():
        ids.update((r[0], None) for r in store.db.execute(
            "SELECT l.document FROM lines l JOIN documents d ON d.id = l.document"
            " WHERE l.hash = ? AND instr(d.text, ?) > 0", (h, line)))
    return [doc for doc_id in ids if (doc := store.document(doc_id)) is not None]


def lines_in(doc: Document, recurring: dict[int, str]) -> frozenset[str]:
    """The recurring lines among ``doc``'s raw lines."""
    return frozenset(recurring[h] for h in line_hashes(doc.raw_text) if h in recurring)


def _recurring_hashes(db, hashes: list[int]) -> set[int]:
    found: set[int] = set()
    for chunk in _chunks(hashes):
        found.update(r[0] for r in db.execute(
            f"SELECT hash FROM recurring WHERE hash IN ({','.join('?' * len(chunk))})", chunk))
    return found


def _chunks(values: list, width: int = 500) -> Iterator[list]:
    for i in range(0, len(values), width):
        yield values[i:i + width]
