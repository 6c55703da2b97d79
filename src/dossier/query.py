"""Read-side questions asked of a dossier database, shared by the CLI and the web UI."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field

from dossier.analyse.fold import fold
from dossier.store import Store

# Expressions whose value is a calendar date or period (2026-01-31, 2025-11, XXXX-03-07),
# not a duration (PT20M) or a set.
_DATED = "(t.type = 'DATE' AND t.value IS NOT NULL AND t.value NOT LIKE 'P%')"


@dataclass(frozen=True)
class Dated:
    value: str
    text: str
    how: str
    document: str
    title: str | None
    language: str
    sentence: str


def timeline(store: Store, entity: str | None = None, since: str | None = None,
             until: str | None = None, limit: int = 1000) -> list[Dated]:
    """Dated expressions in order of their value, each with its sentence and document."""
    where, params = [_DATED], []
    if since:
        where.append("t.value >= ?")
        params.append(since)
    if until:
        where.append("t.value <= ? || '~'")  # '~' sorts after digits: 2026-01 covers 2026-01-31
        params.append(until)
    if entity:
        where.append("t.document IN (SELECT document FROM mentions WHERE entity = ?)")
        params.append(entity)
    rows = store.db.execute(
        f"""SELECT t.value, t.text, t.how, t.document, d.title, d.language,
                   substr(d.text, s.start + 1, s."end" - s.start) AS sentence
            FROM times t JOIN documents d ON d.id = t.document
            LEFT JOIN sentences s ON s.document = t.document AND s.start <= t.start
                 AND t.start < s."end"
            WHERE {' AND '.join(where)}
            ORDER BY t.value LIKE 'X%', t.value, d.published, t.start LIMIT ?""",
        (*params, limit))
    return [Dated(*r) for r in rows]


@dataclass
class EntityView:
    id: str
    type: str
    labels: dict[str, str]
    names: Counter = field(default_factory=Counter)  # as written → count
    mentions: list[sqlite3.Row] = field(default_factory=list)


def entities(store: Store, type: str | None = None) -> list[tuple[str, str, dict, int, int]]:
    """(id, type, labels, mentions, documents) for each entity, most mentioned first."""
    rows = store.db.execute(
        """SELECT e.id, e.type, e.labels, COUNT(m.rowid), COUNT(DISTINCT m.document)
           FROM entities e JOIN mentions m ON m.entity = e.id
           WHERE ? IS NULL OR e.type = ? GROUP BY e.id ORDER BY COUNT(m.rowid) DESC, e.id""",
        (type, type))
    return [(r[0], r[1], json.loads(r[2]), r[3], r[4]) for r in rows]


def find_entity(store: Store, name: str) -> EntityView | None:
    """The entity one of whose names, in any script, is ``name`` (folded comparison)."""
    wanted = fold(name.strip())
    entity_id = None
    for e in store.db.execute("SELECT id, labels FROM entities"):
        if e["id"] == name or wanted in {fold(v) for v in json.loads(e["labels"]).values()}:
            entity_id = e["id"]
            break
    if entity_id is None:
        for m in store.db.execute("SELECT DISTINCT text, entity FROM mentions WHERE entity IS NOT NULL"):
            if fold(m["text"]) == wanted:
                entity_id = m["entity"]
                break
    if entity_id is None:
        return None
    return entity_view(store, entity_id)


def entity_view(store: Store, entity_id: str) -> EntityView | None:
    row = store.db.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
    if row is None:
        return None
    view = EntityView(row["id"], row["type"], json.loads(row["labels"]))
    view.mentions = store.db.execute(
        """SELECT m.document, m.start, m."end", m.text, d.title, d.language, d.published,
                  substr(d.text, s.start + 1, s."end" - s.start) AS sentence,
                  m.start - s.start AS at
           FROM mentions m JOIN documents d ON d.id = m.document
           LEFT JOIN sentences s ON s.document = m.document AND s.start <= m.start
                AND m.start < s."end"
           WHERE m.entity = ? ORDER BY d.published, m.document, m.start""", (entity_id,)).fetchall()
    view.names = Counter(m["text"] for m in view.mentions)
    return view


def co_mentioned(store: Store, entity_id: str, limit: int) -> list[tuple[str, str, str, int]]:
    """(id, type, label, shared documents) of the actors mentioned alongside ``entity_id``."""
    rows = store.db.execute(
        """SELECT e.id, e.type, e.labels, COUNT(DISTINCT m2.document) AS n
           FROM mentions m1 JOIN mentions m2 ON m2.document = m1.document AND m2.entity != m1.entity
           JOIN entities e ON e.id = m2.entity
           WHERE m1.entity = ? GROUP BY e.id ORDER BY n DESC, e.id LIMIT ?""", (entity_id, limit))
    return [(r[0], r[1], _label(json.loads(r[2])), r[3]) for r in rows]


def _label(labels: dict[str, str]) -> str:
    return labels.get("en") or next(iter(labels.values()), "?")
