"""Entity records for the actors the documents mention.

A mention the gazetteer recognised carries its entity id already; this step makes
sure each such id has a record with its canonical name in every language the
gazetteer knows. A name the gazetteer does not know gets an id from its type and
folded form, so 雷諾茲 and 雷诺兹 in two articles are one node; within one article a
short form (斯塔默 after 基爾·斯塔默, 竹下首相 after 竹下亘) joins its full name; across
scripts, names with one romanised skeleton confirmed by context (the same actors around
them, or aligned sentences of a translation) are joined by :mod:`dossier.link.resolve`.
Entities nobody mentions any more are dropped.
"""

from __future__ import annotations

import json

from dossier.analyse.fold import fold
from dossier.analyse.gazetteer import Gazetteer
from dossier.link import resolve
from dossier.model import LANGUAGES
from dossier.settings import Settings
from dossier.store import Store


def update(store: Store, settings: Settings) -> int:
    """Create records for newly mentioned entities; returns how many were added."""
    gazetteer = Gazetteer.load(settings.gazetteers)
    added = 0
    with store.transaction() as db:
        _link_across_scripts(db, _name_new_mentions(db))
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


def link_translations(store: Store, documents: set[str]) -> None:
    """Link again the unknown names of documents just found to be translations: the
    alignment of their sentences is new evidence (copies are found after entities)."""
    with store.transaction() as db:
        _link_across_scripts(db, {r[0] for r in db.execute(
            "SELECT DISTINCT entity FROM mentions WHERE entity LIKE '%:~%' AND document IN"
            " (SELECT value FROM json_each(?))", (json.dumps(sorted(documents)),))})


def _name_new_mentions(db) -> set[str]:
    """Give each new unknown name an id; a short form takes its full name's (斯塔默 → 基爾·斯塔默).

    Returns the ids given: those whose links to names in other scripts are to be checked."""
    rows = db.execute("SELECT rowid, document, text, type FROM mentions WHERE entity IS NULL"
                      " ORDER BY document, start").fetchall()
    by_doc: dict[str, list] = {}
    for r in rows:
        by_doc.setdefault(r["document"], []).append(r)
    given: set[str] = set()
    for document, mentions in by_doc.items():
        # Full names the gazetteer knows count too: 雷诺兹 after 乔纳森·雷诺兹 is Jonathan Reynolds.
        known = {(r["text"], r["type"]): r["entity"] for r in db.execute(
            "SELECT DISTINCT text, type, entity FROM mentions WHERE document = ?"
            " AND entity IS NOT NULL AND entity NOT LIKE '%:~%'", (document,))}
        names = list(dict.fromkeys([*known, *((m["text"], m["type"]) for m in mentions)]))
        full = resolve.short_forms([resolve.Candidate(n, "und", t) for n, t in names])
        target = {names[short]: names[long] for short, long in full.items()}
        for m in mentions:
            name = target.get((m["text"], m["type"]), (m["text"], m["type"]))
            entity = known.get(name) or unknown_id(m["type"], name[0])
            db.execute("UPDATE mentions SET entity = ? WHERE rowid = ?", (entity, m["rowid"]))
            given.add(entity)
    return given


def _link_across_scripts(db, fresh: set[str]) -> None:
    """Join unknown names that are one actor in several scripts (雷诺兹 = レイノルズ = Reynolds).

    Each unknown entity is one candidate, with the gazetteer actors its documents also
    name as context; names in aligned sentences of a translation pair are known to
    correspond. Only pairs with a ``fresh`` entity (newly mentioned: its context may have
    grown) are compared. The entity with most mentions keeps its id; the others' mentions
    move to it.
    """
    if not fresh:
        return
    rows = db.execute(
        """SELECT m.entity, m.text, m.type, d.language, m.document, COUNT(*) AS n
           FROM mentions m JOIN documents d ON d.id = m.document
           WHERE m.entity LIKE '%:~%' GROUP BY m.entity ORDER BY m.entity""").fetchall()
    if len(rows) < 2:
        return
    index = {r["entity"]: i for i, r in enumerate(rows)}
    context: dict[str, set[str]] = {}
    for entity, other in db.execute(
            """SELECT DISTINCT a.entity, b.entity FROM mentions a JOIN mentions b
               ON a.document = b.document WHERE a.entity LIKE '%:~%'
               AND b.entity IS NOT NULL AND b.entity NOT LIKE '%:~%'"""):
        context.setdefault(entity, set()).add(other)
    candidates = [resolve.Candidate(r["text"], r["language"], r["type"], r["document"],
                                    frozenset(context.get(r["entity"], ())))
                  for r in rows]
    clusters = resolve.link(candidates, _aligned(db, index),
                            fresh=[index[e] for e in fresh if e in index])
    for members in clusters:
        if len(members) < 2:
            continue
        keep = max(members, key=lambda i: (rows[i]["n"], rows[i]["entity"]))
        for i in members:
            if i != keep:
                db.execute("UPDATE mentions SET entity = ? WHERE entity = ?",
                           (rows[keep]["entity"], rows[i]["entity"]))
        db.execute("DELETE FROM entities WHERE id = ?", (rows[keep]["entity"],))


def _aligned(db, index: dict[str, int]) -> set[tuple[int, int]]:
    """Pairs of unknown entities named in aligned sentences of a translation pair."""
    pairs = set()
    for a in db.execute("SELECT * FROM alignments"):
        left = _entities_in(db, a["original"], a["original_start"], a["original_end"])
        right = _entities_in(db, a["copy"], a["copy_start"], a["copy_end"])
        pairs |= {(index[x], index[y]) for x in left for y in right
                  if x in index and y in index and x != y}
    return pairs


def _entities_in(db, document: str, first: int, last: int) -> set[str]:
    return {r[0] for r in db.execute(
        """SELECT DISTINCT m.entity FROM mentions m JOIN sentences s
           ON s.document = m.document AND s.start <= m.start AND m.start < s."end"
           WHERE m.document = ? AND s.n >= ? AND s.n < ? AND m.entity LIKE '%:~%'""",
        (document, first, last))}


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
