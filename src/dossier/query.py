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
    """Dated expressions in order of their value, each with its sentence and document
    (exact reposts left out)."""
    # An exact repost says nothing new: its dates show once, under the original.
    where = [_DATED, "t.document NOT IN (SELECT copy FROM copies WHERE relation = 'duplicate')"]
    params: list = []
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
    # The page of expressions is chosen first; only its rows then read their sentence
    # (SQLite would otherwise cut a sentence out of the text of every match, then sort).
    rows = store.db.execute(
        f"""WITH page AS MATERIALIZED (
                SELECT t.value, t.text, t.how, t.document, t.start, d.title, d.language,
                       d.published
                FROM times t JOIN documents d ON d.id = t.document
                WHERE {' AND '.join(where)}
                ORDER BY t.value LIKE 'X%', t.value, d.published, t.start LIMIT ?)
            SELECT p.value, p.text, p.how, p.document, p.title, p.language,
                   (SELECT substr(d.text, s.start + 1, s."end" - s.start)
                    FROM sentences s JOIN documents d ON d.id = s.document
                    WHERE s.document = p.document AND s.start <= p.start AND p.start < s."end")
                   AS sentence
            FROM page p ORDER BY p.value LIKE 'X%', p.value, p.published, p.start""",
        (*params, limit))
    return [Dated(*r) for r in rows]


@dataclass
class EntityView:
    id: str
    type: str
    labels: dict[str, str]
    names: Counter = field(default_factory=Counter)  # as written → count, over every mention
    mentions: list[sqlite3.Row] = field(default_factory=list)  # the page asked for
    roles: list[sqlite3.Row] = field(default_factory=list)
    total: int = 0  # mentions in all


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


def find_entity(store: Store, name: str, limit: int = -1) -> EntityView | None:
    """The entity one of whose names, in any script, is ``name`` (folded comparison), with
    its first ``limit`` mentions (all when negative)."""
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
    return entity_view(store, entity_id, limit=limit)


def entity_view(store: Store, entity_id: str, offset: int = 0, limit: int = -1,
                context: int | None = None) -> EntityView | None:
    """One actor: its labels, every name as written, its roles, and its mentions from
    ``offset`` (at most ``limit``; all when negative) in publication order, each in its
    sentence, or in at most ``context`` characters either side of it within the sentence."""
    row = store.db.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
    if row is None:
        return None
    view = EntityView(row["id"], row["type"], json.loads(row["labels"]))
    view.names = Counter(dict(store.db.execute(
        "SELECT text, COUNT(*) FROM mentions WHERE entity = ? GROUP BY text", (entity_id,))))
    view.total = sum(view.names.values())
    if limit:
        view.mentions = mentions_in_context(store, entity_id, offset, limit, context)
    view.roles = store.db.execute(
        """SELECT r.office, r.country, r.date, r.date_source, r.document, d.language,
                  substr(d.text, r.start + 1, r."end" - r.start) AS phrase
           FROM roles r JOIN documents d ON d.id = r.document WHERE r.entity = ?
           ORDER BY r.date, r.document""", (entity_id,)).fetchall()
    return view


def mentions_in_context(store: Store, entity_id: str, offset: int = 0, limit: int = -1,
                        context: int | None = None) -> list[sqlite3.Row]:
    """Mentions of ``entity_id`` in publication order, each with the text around it.

    The page of mentions is chosen first, on the index and the documents' dates alone;
    only its rows then read their document's text, and only the window they show."""
    window = -1 if context is None else context
    return store.db.execute(
        """WITH page AS MATERIALIZED (
               SELECT m.document, m.start, m."end", m.text, d.published
               FROM mentions m JOIN documents d ON d.id = m.document
               WHERE m.entity = ? ORDER BY d.published, m.document, m.start LIMIT ? OFFSET ?),
           placed AS MATERIALIZED (
               SELECT p.*, s.start AS s_start, s."end" AS s_end FROM page p
               LEFT JOIN sentences s ON s.document = p.document AND s.start <= p.start
                    AND p.start < s."end"),
           shown AS (
               SELECT *, CASE WHEN s_start IS NULL THEN NULL WHEN ? < 0 THEN s_start
                              ELSE max(s_start, start - ?) END AS c_start,
                         CASE WHEN ? < 0 THEN s_end ELSE min(s_end, "end" + ?) END AS c_end
               FROM placed)
           SELECT x.document, x.start, x."end", x.text, d.title, d.language, x.published,
                  substr(d.text, x.c_start + 1, x.c_end - x.c_start) AS sentence,
                  x.start - x.c_start AS at, x.c_start > x.s_start AS cut_before,
                  x.c_end < x.s_end AS cut_after
           FROM shown x JOIN documents d ON d.id = x.document
           ORDER BY x.published, x.document, x.start""",
        (entity_id, limit, offset, window, window, window, window)).fetchall()


def co_mentioned(store: Store, entity_id: str, limit: int) -> list[tuple[str, str, str, int]]:
    """(id, type, label, shared documents) of the actors mentioned alongside ``entity_id``.

    Set-based: the entity's documents once each, then the other entities in them, both
    read from covering indexes (migration 0008), never one mention joined to another."""
    rows = store.db.execute(
        """WITH docs AS (SELECT DISTINCT document FROM mentions WHERE entity = ?),
                pairs AS (
                    SELECT DISTINCT m.document, m.entity
                    FROM docs JOIN mentions m ON m.document = docs.document
                    WHERE m.entity IS NOT NULL AND m.entity != ?),
                shared AS (SELECT entity, COUNT(*) AS n FROM pairs GROUP BY entity)
           SELECT e.id, e.type, e.labels, shared.n FROM shared JOIN entities e ON e.id = shared.entity
           ORDER BY shared.n DESC, e.id LIMIT ?""", (entity_id, entity_id, limit)).fetchall()
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
           documents: list[str] | None = None, with_evidence: bool = True) -> list[EventView]:
    """Merged events in date order, each with the sentences of its reports unless not
    ``with_evidence``; ``documents`` keeps the events reported by any of these documents."""
    among = ""
    if documents is not None:
        among = (" AND id IN (SELECT event FROM event_reports WHERE document IN"
                 " (SELECT value FROM json_each(?)))")
    rows = store.db.execute(
        f"""SELECT * FROM merged_events WHERE (? IS NULL OR type = ?)
           AND (? IS NULL OR date >= ?) AND (? IS NULL OR date <= ? || '~'){among}
           ORDER BY date IS NULL, date, sources DESC""",
        (type, type, since, since, until, until,
         *(() if documents is None else (json.dumps(documents),)))).fetchall()
    out = []
    for r in rows:
        participants = json.loads(r["participants"])
        if entity and entity not in participants:
            continue
        out.append(EventView(r["id"], r["type"], r["date"], participants, r["reports"],
                             r["sources"]))
    if with_evidence and out:
        # One query for the reports of every event, not one per event.
        by_event: dict[str, list[sqlite3.Row]] = {}
        for row in evidence(store, "event_reports", "x.event IN (SELECT value FROM json_each(?))",
                            (json.dumps([e.id for e in out]),), key="x.event"):
            by_event.setdefault(row["key"], []).append(row)
        for view in out:
            view.evidence = by_event.get(view.id, [])
    return out


def evidence(store: Store, table: str, where: str, params: tuple,
             key: str = "NULL") -> list[sqlite3.Row]:
    """Rows of ``table`` (document, start, end) with their document and sentence, and the
    value of the expression ``key`` as ``key``, to tell apart rows fetched together."""
    return store.db.execute(
        f"""SELECT x.document, x.start, x."end", d.title, d.language, d.published, d.source,
                   substr(d.text, s.start + 1, s."end" - s.start) AS sentence,
                   x.start - s.start AS at, {key} AS key
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
              limit: int = -1, evidence: int = -1, independent: bool = False) -> list[ConflictView]:
    """Conflicts with, for each value, the sentences that state it (``sentences``);
    ``documents`` keeps those that involve any of these documents.

    ``independent`` leaves out the sentences of copies (reposts and translations of another
    report, which repeat it) unless a value has no other, and counts them in ``copies``;
    ``evidence`` then caps the sentences per value (all when negative, none when 0).
    Each value keeps its full ``documents`` and ``evidence`` lists."""
    out = []
    wanted = set(documents) if documents is not None else None
    for r in store.db.execute("SELECT * FROM conflicts WHERE ? IS NULL OR kind = ?"
                              " ORDER BY kind = 'reference', subject", (kind, kind)):
        if 0 <= limit <= len(out):
            break
        values = json.loads(r["values"])
        if wanted is not None and not any(d in wanted for v in values for d in v["documents"]):
            continue
        out.append(ConflictView(r["id"], r["kind"], r["subject"], r["attribute"], values))
    copies: set[str] = set()
    if independent and evidence != 0:
        copies = {r[0] for r in store.db.execute(
            "SELECT DISTINCT copy FROM copies WHERE copy IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted({e["document"] for c in out for v in c.values
                                for e in v.get("evidence", [])})),))}
    chosen = []
    for c in out:
        for v in c.values:
            every = v.get("evidence", [])
            shown = [e for e in every if e["document"] not in copies] or every
            v["copies"] = len(every) - len(shown)
            v["sentences"] = shown if evidence < 0 else shown[:evidence]
            chosen.extend(v["sentences"])
    found = _sentences_of(store, chosen)
    for c in out:
        for v in c.values:
            v["sentences"] = [_placed(e, found.get((e["document"], e["start"])))
                              for e in v["sentences"]]
    return out


def _sentences_of(store: Store, spans: list[dict]) -> dict[tuple[str, int], sqlite3.Row]:
    """(document, start) → the document's metadata and the sentence around ``start``, for
    every span at once."""
    wanted = sorted({(e["document"], e["start"]) for e in spans})
    found = {}
    for i in range(0, len(wanted), 2000):
        for row in store.db.execute(
                """WITH spans AS (SELECT json_extract(value, '$[0]') AS document,
                                         json_extract(value, '$[1]') AS start
                                  FROM json_each(?))
                   SELECT spans.document, spans.start, d.title, d.language, d.published,
                          d.source, substr(d.text, s.start + 1, s."end" - s.start) AS sentence,
                          s.start AS s_start
                   FROM spans JOIN documents d ON d.id = spans.document
                   LEFT JOIN sentences s ON s.document = d.id AND s.start <= spans.start
                        AND spans.start < s."end" """, (json.dumps(wanted[i:i + 2000]),)):
            found[(row["document"], row["start"])] = row
    return found


def _placed(ev: dict, row: sqlite3.Row | None) -> dict:
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
    """The entity ids a claim's subject names: 'trade:country:CN+country:GB' → both,
    'meet:person:a+person:b/story 9@2025-03-22' → the two people."""
    _, _, rest = subject.partition(":")
    return rest.split("@")[0].split("/story ")[0].split("+")


def describe(subject: str, attribute: str, names: dict[str, str]) -> str:
    """A conflict's subject in words: 'prime-minister:JP' → 'prime minister of Japan',
    'meet:person:a+person:b/story 9@…' → 'meet of A and B (story 9), date'."""
    kind, _, rest = subject.partition(":")
    story = rest.split("@")[0].partition("/story ")[2]
    where = f" (story {story})" if story else ""
    if "+" in rest or rest.startswith(_ENTITY_IDS):
        actors = " and ".join(names.get(a, a) for a in subject_actors(subject))
        return f"{kind.replace('-', ' ')} of {actors}{where}, {attribute}"
    return f"{kind.replace('-', ' ')} of {names.get('country:' + rest, rest)}, {attribute}"


_ENTITY_IDS = ("country:", "org:", "person:", "program:", "place:", "name:")


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

    @property
    def shown(self) -> int:
        """Reports listed: every member but the copies folded under their original."""
        return sum(len(ms) for ms in self.languages.values())

    def page(self, offset: int, limit: int) -> dict[str, list[Member]]:
        """The listed reports from ``offset`` (at most ``limit``), still by language."""
        flat = [(lang, m) for lang, ms in self.languages.items() for m in ms]
        out: dict[str, list[Member]] = {}
        for lang, m in flat[offset:offset + limit]:
            out.setdefault(lang, []).append(m)
        return out


def story_list(store: Store, limit: int = 100,
               offset: int = 0) -> list[tuple[sqlite3.Row, dict[str, str]]]:
    """Stories, most recent first, with their size and dates, and a title per language."""
    rows = store.db.execute(
        """SELECT s.id, s.size, s.first, s.last, COUNT(*) AS members
           FROM stories s JOIN story_members m ON m.story = s.id
           GROUP BY s.id ORDER BY s.last IS NULL, s.last DESC, members DESC, s.id
           LIMIT ? OFFSET ?""",
        (limit, offset)).fetchall()
    titles = stories_titles(store, [r["id"] for r in rows])
    return [(r, titles.get(r["id"], {})) for r in rows]


def story_count(store: Store) -> int:
    """Stories with at least one member, as story_list counts them."""
    return store.db.execute("SELECT COUNT(DISTINCT story) FROM story_members").fetchone()[0]


def story_titles(store: Store, story_id: int) -> dict[str, str]:
    return stories_titles(store, [story_id]).get(story_id, {})


def stories_titles(store: Store, story_ids: list[int]) -> dict[int, dict[str, str]]:
    """Story id → a title per language, for all ``story_ids`` in one query."""
    from dossier.link.stories import titles
    members: dict[int, list[tuple]] = {}
    for r in store.db.execute(
            "SELECT m.story, m.document, d.language, d.title, m.score FROM story_members m"
            " JOIN documents d ON d.id = m.document"
            " WHERE m.story IN (SELECT value FROM json_each(?)) ORDER BY m.story, m.rowid",
            (json.dumps(story_ids),)):
        members.setdefault(r[0], []).append(tuple(r)[1:])
    return {story: titles(ms) for story, ms in members.items()}


def story_view(store: Store, story_id: int, evidence: int = -1) -> StoryView | None:
    """One story: its reports by language with copies folded under their original, its
    events, actors, conflicts (at most ``evidence`` sentences per value, independent
    reports first) and translation pairs. Every query is over the story's members as a set."""
    from dossier.link.stories import titles
    rows = store.db.execute(
        """SELECT d.id, d.title, d.language, d.source, d.published, m.score, m.rowid AS n
           FROM story_members m
           JOIN documents d ON d.id = m.document WHERE m.story = ? ORDER BY d.published, d.id""",
        (story_id,)).fetchall()
    if not rows:
        return None
    members = {r["id"]: Member(*tuple(r)[:5]) for r in rows}
    ids = list(members)
    folded_under: set[str] = set()
    pairs = []
    for o, c, relation, score in store.db.execute(
            """SELECT c.original, c.copy, c.relation, c.score
               FROM story_members a JOIN copies c ON c.original = a.document
               JOIN story_members b ON b.document = c.copy
               WHERE a.story = ? AND b.story = ? ORDER BY c.score DESC, c.original, c.copy""",
            (story_id, story_id)):
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
    translations = {m.id for m in members.values() if m.translation_of}
    independent = len(set(ids) - folded_under - translations)
    counts = store.db.execute(
        """SELECT m.entity, COUNT(DISTINCT m.document) AS n
           FROM story_members sm JOIN mentions m ON m.document = sm.document
           WHERE sm.story = ? AND m.entity IS NOT NULL AND m.type != 'place'
           GROUP BY m.entity ORDER BY n DESC, m.entity LIMIT 20""", (story_id,)).fetchall()
    names = labels(store, {r[0] for r in counts})
    actors = [(r[0], names.get(r[0], r[0]), r[1]) for r in counts]
    story_events = events(store, documents=ids, with_evidence=False)
    story_conflicts = conflicts(store, documents=ids, evidence=evidence, independent=True)
    # in stored order, as story_titles reads them, so that ties fall the same way
    headlines = titles([(r["id"], r["language"], r["title"], r["score"])
                        for r in sorted(rows, key=lambda r: r["n"])])
    return StoryView(story_id, headlines, languages, independent,
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
