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
             until: str | None = None, limit: int = 1000, story: int | None = None) -> list[Dated]:
    """Dated expressions in order of their value, each with its sentence and document."""
    where, params = [_DATED], []
    if story is not None:
        where.append("t.document IN (SELECT document FROM story_members WHERE story = ?)")
        params.append(story)
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
    roles: list[sqlite3.Row] = field(default_factory=list)


def entities(store: Store, type: str | None = None,
             limit: int = -1) -> list[tuple[str, str, dict, int, int]]:
    """(id, type, labels, mentions, documents) for each entity, most mentioned first."""
    rows = store.db.execute(
        """SELECT e.id, e.type, e.labels, COUNT(m.rowid), COUNT(DISTINCT m.document)
           FROM entities e JOIN mentions m ON m.entity = e.id
           WHERE ? IS NULL OR e.type = ? GROUP BY e.id ORDER BY COUNT(m.rowid) DESC, e.id
           LIMIT ?""",
        (type, type, limit))
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
    view.roles = store.db.execute(
        """SELECT r.office, r.country, r.date, r.date_source, r.document, d.language,
                  substr(d.text, r.start + 1, r."end" - r.start) AS phrase
           FROM roles r JOIN documents d ON d.id = r.document WHERE r.entity = ?
           ORDER BY r.date, r.document""", (entity_id,)).fetchall()
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


@dataclass
class EventView:
    id: str
    type: str
    date: str | None
    participants: list[str]
    reports: int
    sources: int
    evidence: list[sqlite3.Row] = field(default_factory=list)


def events(store: Store, type: str | None = None, entity: str | None = None,
           since: str | None = None, until: str | None = None,
           documents: list[str] | None = None) -> list[EventView]:
    """Merged events in date order, each with the sentences of its reports; ``documents``
    keeps the events reported by any of these documents."""
    among = ""
    if documents is not None:
        among = (" AND id IN (SELECT event FROM event_reports WHERE document IN"
                 f" ({','.join('?' * len(documents))}))")
    rows = store.db.execute(
        f"""SELECT * FROM merged_events WHERE (? IS NULL OR type = ?)
           AND (? IS NULL OR date >= ?) AND (? IS NULL OR date <= ? || '~'){among}
           ORDER BY date IS NULL, date, sources DESC""",
        (type, type, since, since, until, until, *(documents or ()))).fetchall()
    out = []
    for r in rows:
        participants = json.loads(r["participants"])
        if entity and entity not in participants:
            continue
        view = EventView(r["id"], r["type"], r["date"], participants, r["reports"], r["sources"])
        view.evidence = evidence(store, "event_reports", "event = ?", (r["id"],))
        out.append(view)
    return out


def evidence(store: Store, table: str, where: str, params: tuple) -> list[sqlite3.Row]:
    """Rows of ``table`` (document, start, end) with their document and sentence."""
    return store.db.execute(
        f"""SELECT x.document, x.start, x."end", d.title, d.language, d.published, d.source,
                   substr(d.text, s.start + 1, s."end" - s.start) AS sentence,
                   x.start - s.start AS at
            FROM {table} x JOIN documents d ON d.id = x.document
            LEFT JOIN sentences s ON s.document = x.document AND s.start <= x.start
                 AND x.start < s."end"
            WHERE {where} ORDER BY d.published, x.document, x.start""", params).fetchall()


@dataclass
class ConflictView:
    id: str
    kind: str
    subject: str
    attribute: str
    values: list[dict]


def conflicts(store: Store, kind: str | None = None, documents: list[str] | None = None,
              limit: int = -1) -> list[ConflictView]:
    """Conflicts with, for each value, the sentences that state it; ``documents`` keeps
    those that involve any of these documents."""
    out = []
    wanted = set(documents) if documents is not None else None
    for r in store.db.execute("SELECT * FROM conflicts WHERE ? IS NULL OR kind = ?"
                              " ORDER BY kind = 'reference', subject", (kind, kind)):
        if 0 <= limit <= len(out):
            break
        values = json.loads(r["values"])
        if wanted is not None and not any(d in wanted for v in values for d in v["documents"]):
            continue
        for v in values:
            v["sentences"] = [_sentence_of(store, e) for e in v.get("evidence", [])]
        out.append(ConflictView(r["id"], r["kind"], r["subject"], r["attribute"], values))
    return out


def _sentence_of(store: Store, ev: dict) -> dict:
    row = store.db.execute(
        """SELECT d.title, d.language, d.published, d.source,
                  substr(d.text, s.start + 1, s."end" - s.start) AS sentence, s.start AS s_start
           FROM documents d LEFT JOIN sentences s ON s.document = d.id AND s.start <= ?
                AND ? < s."end" WHERE d.id = ?""", (ev["start"], ev["start"], ev["document"])).fetchone()
    if row is None:
        return dict(ev)
    at = ev["start"] - (row["s_start"] or 0)
    return {**ev, **{k: row[k] for k in ("title", "language", "published", "source", "sentence")},
            "at": at, "length": ev["end"] - ev["start"]}


def labels(store: Store, ids: set[str] | None = None) -> dict[str, str]:
    """Entity id → a readable label (English when known), for ``ids`` or every entity."""
    if ids is None:
        rows = store.db.execute("SELECT id, labels FROM entities")
    else:
        wanted = sorted(ids)
        rows = [r for i in range(0, len(wanted), 500) for r in store.db.execute(
            f"SELECT id, labels FROM entities WHERE id IN ({','.join('?' * len(wanted[i:i + 500]))})",
            wanted[i:i + 500])]
    return {r[0]: _label(json.loads(r[1])) for r in rows}


def subject_actors(subject: str) -> list[str]:
    """The entity ids a claim's subject names: 'trade:country:CN+country:GB' → both."""
    _, _, rest = subject.partition(":")
    return rest.split("@")[0].split("+")


def describe(subject: str, attribute: str, names: dict[str, str]) -> str:
    """A conflict's subject in words: 'prime-minister:JP' → 'prime minister of JP'."""
    kind, _, rest = subject.partition(":")
    if "+" in rest or rest.startswith(("country:", "org:")):
        actors = " and ".join(names.get(a, a) for a in subject_actors(subject))
        return f"{kind} of {actors}, {attribute}"
    return f"{kind.replace('-', ' ')} of {rest}, {attribute}"


@dataclass
class Member:
    id: str
    title: str | None
    language: str
    source: str | None
    published: str | None
    copies: list[tuple[str, str, float]] = field(default_factory=list)  # (doc, relation, score)
    translation_of: str | None = None


@dataclass
class StoryView:
    id: int
    titles: dict[str, str]
    languages: dict[str, list[Member]]
    independent: int
    events: list[EventView]
    actors: list[tuple[str, str, int]]  # (entity id, label, documents)
    conflicts: list[ConflictView]
    pairs: list[tuple[str, str, float]]  # translation pairs (original, copy, score)


def story_list(store: Store, limit: int = 100) -> list[tuple[sqlite3.Row, dict[str, str]]]:
    """Stories, most recent first, with their size and dates, and a title per language."""
    rows = store.db.execute(
        """SELECT s.id, s.size, s.first, s.last, COUNT(m.document) AS members
           FROM stories s JOIN story_members m ON m.story = s.id
           GROUP BY s.id ORDER BY s.last IS NULL, s.last DESC, members DESC LIMIT ?""",
        (limit,)).fetchall()
    return [(r, story_titles(store, r["id"])) for r in rows]


def story_titles(store: Store, story_id: int) -> dict[str, str]:
    from dossier.link.stories import titles
    members = store.db.execute(
        "SELECT m.document, d.language, d.title, m.score FROM story_members m"
        " JOIN documents d ON d.id = m.document WHERE m.story = ?", (story_id,)).fetchall()
    return titles([tuple(r) for r in members])


def story_view(store: Store, story_id: int) -> StoryView | None:
    rows = store.db.execute(
        """SELECT d.id, d.title, d.language, d.source, d.published FROM story_members m
           JOIN documents d ON d.id = m.document WHERE m.story = ? ORDER BY d.published, d.id""",
        (story_id,)).fetchall()
    if not rows:
        return None
    members = {r["id"]: Member(*r) for r in rows}
    ids = list(members)
    marks = ",".join("?" * len(ids))
    folded_under: set[str] = set()
    pairs = []
    for o, c, relation, score in store.db.execute(
            f"SELECT original, copy, relation, score FROM copies WHERE original IN ({marks})"
            f" OR copy IN ({marks}) ORDER BY score DESC", (*ids, *ids)):
        if o in members and c in members:
            if relation == "translation":
                members[c].translation_of = o
                pairs.append((o, c, score))
            else:
                members[o].copies.append((c, relation, score))
                folded_under.add(c)
    languages: dict[str, list[Member]] = {}
    for m in members.values():
        if m.id not in folded_under:
            languages.setdefault(m.language, []).append(m)
    independent = len(set(ids) - folded_under - {m.id for m in members.values() if m.translation_of})
    counts = store.db.execute(
        f"""SELECT entity, COUNT(DISTINCT document) AS n FROM mentions
            WHERE document IN ({marks}) AND entity IS NOT NULL AND type != 'place'
            GROUP BY entity ORDER BY n DESC, entity LIMIT 20""", ids).fetchall()
    names = labels(store, {r[0] for r in counts})
    actors = [(r[0], names.get(r[0], r[0]), r[1]) for r in counts]
    story_events = events(store, documents=ids)
    story_conflicts = conflicts(store, documents=ids)
    return StoryView(story_id, story_titles(store, story_id), languages, independent,
                     story_events, actors, story_conflicts, pairs)


def alignment(store: Store, original: str, copy: str) -> list[tuple[str, str, float]] | None:
    """A translation pair's aligned sentences, side by side: (original text, copy text, score)."""
    if store.db.execute("SELECT 1 FROM copies WHERE original = ? AND copy = ? AND relation ="
                        " 'translation'", (original, copy)).fetchone() is None:
        return None
    a, b = store.document(original), store.document(copy)

    def text(doc, start: int, end: int) -> str:
        return " ".join(doc.text[s.start:s.end] for s in doc.sentences[start:end])

    return [(text(a, r["original_start"], r["original_end"]), text(b, r["copy_start"], r["copy_end"]),
             r["score"]) for r in store.db.execute(
        "SELECT * FROM alignments WHERE original = ? AND copy = ? ORDER BY original_start,"
        " copy_start", (original, copy))]
