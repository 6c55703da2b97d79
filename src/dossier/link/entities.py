"""Entity records for the actors the documents mention.

A mention the gazetteer recognised carries its entity id already; this step makes
sure each such id has a record with its canonical name in every language the
gazetteer knows. A name the gazetteer does not know gets an id from its type and
folded form, so 雷諾茲 and 雷诺兹 in two articles are one node; within one article a
short form (斯塔默 after 基爾·斯塔默) joins the full name it ends. Entities nobody
mentions any more are dropped.
"""

from __future__ import annotations

import json

from dossier.analyse.fold import fold
from dossier.analyse.gazetteer import Gazetteer
from dossier.model import LANGUAGES
from dossier.settings import Settings
from dossier.store import Store


def update(store: Store, settings: Settings) -> int:
    """Create records for newly mentioned entities; returns how many were added."""
    gazetteer = Gazetteer.load(settings.gazetteers)
    added = 0
    with store.transaction() as db:
        _name_new_mentions(db)
        new = [r[0] for r in db.execute(
            "SELECT DISTINCT entity FROM mentions WHERE entity IS NOT NULL"
            " AND entity NOT IN (SELECT id FROM entities)")]
        for entity_id in new:
            if entity_id not in gazetteer:
                _record_unknown(db, entity_id)
                added += 1
                continue
            entity = gazetteer.entity(entity_id)
            labels = {lang: entity.names[lang][0] for lang in LANGUAGES if entity.names.get(lang)}
            db.execute("INSERT INTO entities VALUES (?, ?, ?)",
                       (entity_id, entity.type, json.dumps(labels, ensure_ascii=False)))
            added += 1
        db.execute("DELETE FROM entities WHERE id NOT IN"
                   " (SELECT entity FROM mentions WHERE entity IS NOT NULL)")
    return added


def unknown_id(kind: str, name: str) -> str:
    """The id of a name the gazetteer does not know: its type and folded form."""
    return f"{kind}:~{fold(name)}"


_JOINERS = "·・‧•. "


def _name_new_mentions(db) -> None:
    rows = db.execute('SELECT rowid, document, text, type FROM mentions WHERE entity IS NULL'
                      " ORDER BY document, start").fetchall()
    by_doc: dict[str, list] = {}
    for r in rows:
        by_doc.setdefault(r["document"], []).append(r)
    for mentions in by_doc.values():
        full = [m for m in mentions if any(j in m["text"] for j in _JOINERS)]
        for m in mentions:
            longer = next((f for f in full if f["type"] == m["type"] and f["text"] != m["text"]
                           and f["text"].endswith(m["text"])
                           and f["text"][-len(m["text"]) - 1] in _JOINERS), None)
            target = longer["text"] if longer else m["text"]
            db.execute("UPDATE mentions SET entity = ? WHERE rowid = ?",
                       (unknown_id(m["type"], target), m["rowid"]))


def _record_unknown(db, entity_id: str) -> None:
    kind = entity_id.split(":", 1)[0]
    row = db.execute(
        "SELECT d.language, m.text, COUNT(*) AS n FROM mentions m JOIN documents d"
        " ON d.id = m.document WHERE m.entity = ? GROUP BY d.language, m.text"
        " ORDER BY n DESC", (entity_id,)).fetchall()
    labels: dict[str, str] = {}
    for language, text, _ in row:
        labels.setdefault(language, text)
    db.execute("INSERT INTO entities VALUES (?, ?, ?)",
               (entity_id, kind, json.dumps(labels, ensure_ascii=False)))
