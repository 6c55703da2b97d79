"""Lines that recur across many documents of the corpus are clutter ("相关阅读", a site footer).

Every stored document contributes the hashes of its raw lines. A line becomes
corpus clutter once it appears in ``recurring_min_documents`` documents with
distinct headlines: reposts of one article share all their lines but also their
headline, so copies of an article never turn its sentences into clutter.
Documents that contain a newly recurring line are cleaned again, in place.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from dossier.analyse import analyse
from dossier.read.article import rebuild
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


def known(store: Store) -> frozenset[str]:
    return frozenset(r[0] for r in store.db.execute("SELECT line FROM recurring"))


def update(store: Store, touched: Iterable[int], settings: Settings) -> int:
    """Promote lines among ``touched`` hashes that now recur; re-clean affected documents.

    Returns the number of documents cleaned again. Runs in one transaction.
    """
    touched = list(set(touched))
    cleaned = 0
    with store.transaction() as db:
        new: list[int] = []
        for i in range(0, len(touched), 500):
            chunk = touched[i:i + 500]
            marks = ",".join("?" * len(chunk))
            new += [r[0] for r in db.execute(
                f"SELECT l.hash FROM lines l JOIN documents d ON d.id = l.document"
                f" WHERE l.hash IN ({marks}) AND l.hash NOT IN (SELECT hash FROM recurring)"
                f" GROUP BY l.hash HAVING COUNT(DISTINCT coalesce(d.title, d.id)) >= ?",
                (*chunk, settings.recurring_min_documents))]
        if not new:
            return 0
        affected: dict[str, None] = {}
        lines_now: set[str] = set()
        for h in new:
            docs = [r[0] for r in db.execute("SELECT document FROM lines WHERE hash = ?", (h,))]
            line = line_hashes(store.document(docs[0]).raw_text)[h]
            db.execute("INSERT INTO recurring VALUES (?, ?, ?)", (h, line, len(docs)))
            affected.update(dict.fromkeys(docs))
            lines_now.add(line)
        lines = known(store)
        for doc_id in affected:
            doc = store.document(doc_id)
            # Most recurring lines (【関連記事】) were already taken out as clutter: only a
            # document that still shows one in its text needs cleaning and analysing again.
            if not any(line in doc.text for line in lines_now):
                continue
            store.replace_document(analyse(rebuild(doc, lines), settings))
            cleaned += 1
    return cleaned
