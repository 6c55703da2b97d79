"""Stories: documents about the same real-world event, clustered incrementally; topics above them.

A *story* is one event (a summit, an earthquake, an election night) as reported by any
number of documents in any language; a *topic* groups stories with the same actors and
kind of event (this month's summit and next month's ministerial meeting). Analysts count
stories, and inside a story independent reports (copies fold under their original).

Each new document (:func:`update`, after :func:`dossier.link.copies.update`):

1. joins the story of a document it is a copy or translation of, if there is one;
2. otherwise is compared with the stories that share its most telling terms
   (``story_postings``, an inverted index: never the whole corpus) by cosine similarity of
   language-neutral term vectors (:mod:`dossier.link.features`: glosses, numbers, Latin
   names, entity ids, dates) against each story's centroid. A story is not a candidate
   when taking the document would make its reports span more than ``DATE_WINDOW_DAYS``
   (the same actors weeks later are another story; measured on the whole span, so a
   story cannot creep forward report by report), nor when the document's lead sentence
   places it somewhere the lead sentences of the story's first reports do not (a visit
   to Beijing and the next stop in Tokyo, same actors, same days, are two stories). The
   best story at or above ``STORY_THRESHOLD`` takes the document;
3. otherwise founds a new story, in a topic of its own.

Once the batch is in, the topics that hold a story founded or joined in it are drawn
again (:meth:`_Clusterer.relink_topics`): each of their stories starts alone and, in
order of founding, joins the topic of the story most like it (story centroids sharing
its most telling terms) when that one reaches ``TOPIC_THRESHOLD``, provided the story is
also like that topic as a whole (``TOPIC_FIT_THRESHOLD`` against the topic centroid), so
one loose link cannot chain two kinds of event together. Topics are thus the stories
linked by story-to-story similarity, judged on whole stories rather than on the first
report of each: one report of an earthquake looks like every earthquake, a story of ten
reports names its place; and a link drawn while two stories were young does not stick.

Thresholds were chosen on the ECB+ development topics and measured on its test topics
(eval/stories_eval.py). Clustering is single-pass, so the result depends a little on the
order documents arrive in; the evaluation reports the spread over several orders.
"""

from __future__ import annotations

import math
import struct
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np

from dossier.link.copies import PRIOR_DOCUMENTS, in_chunks
from dossier.link.features import Features
from dossier.store import Store

STORY_THRESHOLD = 0.20
# Cosine of two story centroids from which they are one topic. Chosen on the ECB+ train
# and development topics (B-cubed topic F1 0.887 and 0.991 at 0.14; 0.884 and 0.967 at
# 0.16; 0.853 and 0.952 at 0.2, where the sibling stories of a topic with little shared
# vocabulary stay apart).
TOPIC_THRESHOLD = 0.14
# Cosine of a story centroid and the centroid of another topic below which the story does not
# join that topic even through a similar story: a link must fit the topic as a whole, so
# topics do not chain (riots → bank bombing → street shooting; two earthquakes' topics). Chosen
# on the ECB+ train and development topics (topic F1 0.887 and 0.991 at 0.13; 0.884 and
# 0.990 at 0.15; 0.853 and 0.945 at 0.2, where recall falls).
TOPIC_FIT_THRESHOLD = 0.13
DATE_WINDOW_DAYS = 10
# Reports of a story whose lead sentences give its place (resolved place entities only:
# an unresolved name cannot be compared across scripts).
PLACE_REPORTS = 5
# Terms kept in a centroid, terms of a centroid put in the inverted index, terms of a
# document looked up, postings read per term (most recent stories first), candidates scored.
CENTROID_TERMS = 300
POSTED_TERMS = 48
QUERY_TERMS = 40
MAX_POSTINGS = 200
CANDIDATES = 24
# Topics of more stories than this are not drawn again (their stories stay, new ones may join).
MAX_REDRAWN = 200
CHANNELS = "wned"


@dataclass(frozen=True)
class Story:
    id: int
    topic: int
    documents: list[str]
    titles: dict[str, str]  # language → title

    @property
    def title(self) -> str:
        return next(iter(self.titles.values()), "")


def update(store: Store, new_document_ids: Iterable[str]) -> int:
    """Put each new document into a story; returns the number of stories founded."""
    founded = 0
    with store.transaction():
        clusterer = _Clusterer(store)
        for doc_id in _in_date_order(store, new_document_ids):
            founded += clusterer.add(doc_id)
        clusterer.relink_topics()
    return founded


def stories(store: Store) -> list[Story]:
    """Every story, largest first, with its members and a title per language."""
    members: dict[int, list[tuple[str, str, str | None, float]]] = {}
    for story, doc, lang, title, score in store.db.execute(
            "SELECT m.story, m.document, d.language, d.title, m.score FROM story_members m"
            " JOIN documents d ON d.id = m.document ORDER BY m.story, d.published, d.id"):
        members.setdefault(story, []).append((doc, lang, title, score))
    topics = dict(store.db.execute("SELECT id, topic FROM stories"))
    out = [Story(sid, topics.get(sid, 0), [m[0] for m in ms], titles(ms))
           for sid, ms in members.items()]
    return sorted(out, key=lambda s: (-len(s.documents), s.id))


def titles(members: list[tuple[str, str, str | None, float]]) -> dict[str, str]:
    """Per language, the headline most members carry (copies share theirs), then the most central.

    Languages come in order of how many members they have.
    """
    by_lang: dict[str, list[tuple[str, float]]] = {}
    for _, lang, title, score in members:
        if title and title.strip():
            by_lang.setdefault(lang, []).append((title.strip(), score))
    out = {}
    for lang, items in sorted(by_lang.items(), key=lambda kv: -len(kv[1])):
        counts = Counter(t for t, _ in items)
        out[lang] = max(items, key=lambda it: (counts[it[0]], it[1]))[0]
    return out


def _in_date_order(store: Store, ids: Iterable[str]) -> list[str]:
    ids = list(dict.fromkeys(ids))
    published = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        published.update(store.db.execute(
            f"SELECT id, published FROM documents WHERE id IN ({','.join('?' * len(chunk))})",
            chunk))
    order = {d: n for n, d in enumerate(ids)}
    return sorted((d for d in ids if d in published),
                  key=lambda d: (published[d] or "9999", order[d]))


def vector_bytes(vec: dict[int, float]) -> bytes:
    keys = list(vec)
    return (struct.pack("<I", len(keys)) + np.array(keys, dtype="<u4").tobytes()
            + np.array([vec[k] for k in keys], dtype="<f4").tobytes())


def vector_from(data: bytes) -> dict[int, float]:
    (n,) = struct.unpack_from("<I", data)
    return dict(zip(np.frombuffer(data, "<u4", n, 4).tolist(),
                    np.frombuffer(data, "<f4", n, 4 + 4 * n).tolist()))


def _cosine(a: dict[int, float], b: dict[int, float]) -> float:
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    dot = sum(x * large[t] for t, x in small.items() if t in large)
    norm = math.sqrt(sum(x * x for x in a.values()) * sum(x * x for x in b.values()))
    return dot / norm if norm else 0.0


def _days(a: str | None, b: str | None) -> int | None:
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except (TypeError, ValueError):
        return None


class _Clusterer:
    def __init__(self, store: Store):
        self.db = store.db
        self.total = max(self.db.execute("SELECT COUNT(*) FROM copy_features").fetchone()[0], 1)
        self.df: dict[int, int] = {}
        self.changed: set[int] = set()  # stories founded or joined in this batch

    def idf(self, term: int) -> float:
        df = self.df.get(term)
        if df is None:
            row = self.db.execute("SELECT df FROM term_df WHERE term = ?", (term,)).fetchone()
            df = row[0] if row else 0
            if len(self.df) > 200_000:
                self.df.clear()
            self.df[term] = df
        return math.log((self.total + PRIOR_DOCUMENTS) / (df + 0.5))

    def vector(self, feats: Features) -> dict[int, float]:
        vec = {t: math.sqrt(w) * self.idf(t) for t, w in feats.terms.items()
               if w > 0 and feats.channel[t] in CHANNELS}
        norm = math.sqrt(sum(x * x for x in vec.values())) or 1.0
        return {t: x / norm for t, x in vec.items()}

    def add(self, doc_id: str) -> int:
        if self.db.execute("SELECT 1 FROM story_members WHERE document = ?", (doc_id,)).fetchone():
            return 0
        feats = _features(self.db, doc_id)
        published = self.db.execute("SELECT published FROM documents WHERE id = ?",
                                    (doc_id,)).fetchone()[0]
        vec = self.vector(feats)
        story = self._story_of_copy(doc_id)
        score = 1.0
        if story is None:
            story, score = self._best_story(vec, published, self._lead_places(doc_id))
        if story is None:
            self._found(doc_id, vec, published)
            return 1
        self._join(story, doc_id, vec, published, score)
        return 0

    def _story_of_copy(self, doc_id: str) -> int | None:
        row = self.db.execute(
            "SELECT m.story FROM copies c JOIN story_members m"
            " ON m.document = iif(c.original = ?, c.copy, c.original)"
            " WHERE c.original = ? OR c.copy = ? ORDER BY c.score DESC LIMIT 1",
            (doc_id, doc_id, doc_id)).fetchone()
        return row[0] if row else None

    def _candidates(self, table: str, column: str, vec: dict[int, float]) -> list[int]:
        votes: dict[int, float] = {}
        for term, weight in sorted(vec.items(), key=lambda kv: -kv[1])[:QUERY_TERMS]:
            for (sid,) in self.db.execute(
                    f"SELECT {column} FROM {table} WHERE term = ? ORDER BY {column} DESC LIMIT ?",
                    (term, MAX_POSTINGS)):
                votes[sid] = votes.get(sid, 0.0) + weight
        return sorted(votes, key=lambda s: -votes[s])[:CANDIDATES]

    def _best_story(self, vec: dict[int, float], published: str | None,
                    places: set[str] = frozenset()) -> tuple[int | None, float]:
        best: tuple[int | None, float] = (None, STORY_THRESHOLD)
        day = published[:10] if published else None
        for sid in self._candidates("story_postings", "story", vec):
            centroid, first, last = self.db.execute(
                "SELECT centroid, first, last FROM stories WHERE id = ?", (sid,)).fetchone()
            if day and first:
                span = _days(min(first, day), max(last or first, day))
                if span is not None and span > DATE_WINDOW_DAYS:
                    continue
            score = _cosine(vec, vector_from(centroid))
            if score >= best[1] and not self._elsewhere(sid, places):
                best = (sid, score)
        return best

    def _elsewhere(self, sid: int, places: set[str]) -> bool:
        """Whether the lead sentences of the story and of the document name different places."""
        if not places:
            return False
        theirs = {e for (e,) in self.db.execute(
            "SELECT DISTINCT m.entity FROM (SELECT document FROM story_members WHERE story = ?"
            f" ORDER BY rowid LIMIT {PLACE_REPORTS}) f JOIN sentences s ON s.document = f.document"
            " AND s.n = 0 JOIN mentions m ON m.document = s.document AND m.start >= s.start"
            " AND m.start < s.\"end\" WHERE m.entity LIKE 'place:%'", (sid,))
            if not e.startswith("place:~")}
        return bool(theirs) and not theirs & places

    def _lead_places(self, doc_id: str) -> set[str]:
        """The resolved places named in the document's first sentence (where it happened)."""
        return {e for (e,) in self.db.execute(
            "SELECT DISTINCT m.entity FROM sentences s JOIN mentions m ON m.document = s.document"
            " AND m.start >= s.start AND m.start < s.\"end\" WHERE s.document = ? AND s.n = 0"
            " AND m.entity LIKE 'place:%'", (doc_id,)) if not e.startswith("place:~")}

    def _found(self, doc_id: str, vec: dict[int, float], published: str | None) -> None:
        topic = self.db.execute("INSERT INTO topics (centroid, size) VALUES (?, 0)",
                                (vector_bytes({}),)).lastrowid
        day = published[:10] if published else None
        sid = self.db.execute(
            "INSERT INTO stories (topic, centroid, size, first, last) VALUES (?, ?, 0, ?, ?)",
            (topic, vector_bytes({}), day, day)).lastrowid
        self._join(sid, doc_id, vec, published, 1.0)

    def _join(self, sid: int, doc_id: str, vec: dict[int, float], published: str | None,
              score: float) -> None:
        self.db.execute("INSERT INTO story_members VALUES (?, ?, ?)", (doc_id, sid, round(score, 4)))
        centroid, first, last = self.db.execute(
            "SELECT centroid, first, last FROM stories WHERE id = ?", (sid,)).fetchone()
        day = published[:10] if published else None
        if day:
            first, last = min(first or day, day), max(last or day, day)
        merged = self._merge(vector_from(centroid), vec)
        self.db.execute("UPDATE stories SET centroid = ?, size = size + 1, first = ?, last = ?"
                        " WHERE id = ?", (vector_bytes(merged), first, last, sid))
        self._repost("story_postings", "story", sid, merged)
        # Kept current report by report for the topics too large to draw again (MAX_REDRAWN).
        (topic, topic_centroid), = self.db.execute(
            "SELECT t.id, t.centroid FROM topics t JOIN stories s ON s.topic = t.id"
            " WHERE s.id = ?", (sid,))
        self.db.execute("UPDATE topics SET centroid = ?, size = size + 1 WHERE id = ?",
                        (vector_bytes(self._merge(vector_from(topic_centroid), vec)), topic))
        self.changed.add(sid)

    def relink_topics(self) -> None:
        """Draw the topics of the stories changed in this batch again, from their whole stories.

        Every story of a topic that holds a changed story starts in a topic of its own and
        joins the topic of the story most like it (at ``TOPIC_THRESHOLD``, if it fits that
        topic as a whole: ``TOPIC_FIT_THRESHOLD``), stories in order of founding. Linking
        once the batch is in rather than report by report means a topic is never decided
        by two stories of one or two reports each, which look alike whenever the kind of
        event is the same (two fires, two earthquakes), and an early link does not stick.
        Topics of unchanged stories stay as they are; a changed story may join them. Topics of
        more than ``MAX_REDRAWN`` stories are not drawn again.
        """
        if not self.changed:
            return
        touched = sorted({t for (t,) in in_chunks(
            self.db, "SELECT DISTINCT topic FROM stories WHERE id IN ({marks})",
            sorted(self.changed))})
        # A topic of many stories has long settled; drawing it again on every batch that
        # touches it would cost time in proportion to its size.
        old_topics = [t for t, n in in_chunks(
            self.db, "SELECT topic, COUNT(*) FROM stories WHERE topic IN ({marks})"
            " GROUP BY topic", touched) if n <= MAX_REDRAWN]
        if not old_topics:
            self.changed.clear()
            return
        region: dict[int, tuple[int, dict[int, float], int]] = {}  # story → old topic, centroid, size
        for sid, topic, centroid, size in in_chunks(
                self.db, "SELECT id, topic, centroid, size FROM stories WHERE topic IN ({marks})"
                " ORDER BY id", old_topics):
            region[sid] = (topic, vector_from(centroid), size)
        groups = _Topics()
        for sid, (_, centroid, size) in region.items():
            groups.add(("story", sid), dict(centroid), size)
        for sid in sorted(region):
            centroid = region[sid][1]
            mine = groups.find(("story", sid))
            best: tuple[tuple[str, int] | None, float] = (None, TOPIC_THRESHOLD)
            for other in self._candidates("story_postings", "story", centroid):
                if other == sid:
                    continue
                if other in region:
                    key, other_centroid = ("story", other), region[other][1]
                else:
                    other_centroid, other_topic = self.db.execute(
                        "SELECT centroid, topic FROM stories WHERE id = ?", (other,)).fetchone()
                    other_centroid, key = vector_from(other_centroid), ("topic", other_topic)
                    if key not in groups:
                        topic_centroid, size = self.db.execute(
                            "SELECT centroid, size FROM topics WHERE id = ?",
                            (other_topic,)).fetchone()
                        groups.add(key, vector_from(topic_centroid), size)
                score = _cosine(centroid, other_centroid)
                theirs = groups.find(key)
                if score >= best[1] and (
                        theirs == mine
                        or _cosine(centroid, groups.centroid[theirs]) >= TOPIC_FIT_THRESHOLD):
                    best = (theirs, score)
            if best[0] is not None and best[0] != mine:
                groups.union(mine, best[0], self._merge)
        self._write_topics(groups, region)
        self.changed.clear()

    def _write_topics(self, groups: _Topics,
                      region: dict[int, tuple[int, dict[int, float], int]]) -> None:
        """Store the topics drawn by :meth:`relink_topics`, keeping the ids of topics that go on.

        A topic keeps the oldest id among its stories' former topics that no earlier topic
        (by first story) took; ids nobody keeps are deleted.
        """
        members: dict[tuple[str, int], list[tuple[str, int]]] = {}
        for key in groups.parent:
            members.setdefault(groups.find(key), []).append(key)
        taken: set[int] = set()
        old = {t for t, _, _ in region.values()}
        for root, keys in sorted(members.items(), key=lambda kv: min(kv[1])):
            stories_here = [k[1] for k in keys if k[0] == "story"]
            if not stories_here:  # a stored topic only looked at: it stays as it is
                continue
            former = sorted({region[k[1]][0] if k[0] == "story" else k[1] for k in keys} - taken)
            outside = sorted(k[1] for k in keys if k[0] == "topic")
            if outside:  # a topic outside the region goes on under its own id
                keep = outside[0]
            elif former:
                keep = former[0]
            else:
                keep = self.db.execute("INSERT INTO topics (centroid, size) VALUES (?, 0)",
                                       (vector_bytes({}),)).lastrowid
            taken.add(keep)
            for t in outside[1:]:
                self.db.execute("UPDATE stories SET topic = ? WHERE topic = ?", (keep, t))
                old.add(t)
            for i in range(0, len(stories_here), 500):
                chunk = stories_here[i:i + 500]
                self.db.execute(f"UPDATE stories SET topic = ? WHERE id IN"
                                f" ({','.join('?' * len(chunk))})", (keep, *chunk))
            centroid = groups.centroid[root]
            self.db.execute("UPDATE topics SET centroid = ?, size = ? WHERE id = ?",
                            (vector_bytes(centroid), groups.size[root], keep))
        for t in old - taken:
            self.db.execute("DELETE FROM topics WHERE id = ?", (t,))

    @staticmethod
    def _merge(centroid: dict[int, float], vec: dict[int, float]) -> dict[int, float]:
        for t, x in vec.items():
            centroid[t] = centroid.get(t, 0.0) + x
        if len(centroid) > CENTROID_TERMS:
            centroid = dict(sorted(centroid.items(), key=lambda kv: -kv[1])[:CENTROID_TERMS])
        return centroid

    def _repost(self, table: str, column: str, key: int, centroid: dict[int, float]) -> None:
        self.db.execute(f"DELETE FROM {table} WHERE {column} = ?", (key,))
        top = sorted(centroid.items(), key=lambda kv: -kv[1])[:POSTED_TERMS]
        self.db.executemany(f"INSERT INTO {table} VALUES (?, ?)", ((t, key) for t, _ in top))


class _Topics:
    """Topics being drawn: groups of stories (or of whole stored topics) with summed centroids."""

    def __init__(self) -> None:
        self.parent: dict[tuple[str, int], tuple[str, int]] = {}
        self.centroid: dict[tuple[str, int], dict[int, float]] = {}
        self.size: dict[tuple[str, int], int] = {}

    def __contains__(self, key: tuple[str, int]) -> bool:
        return key in self.parent

    def add(self, key: tuple[str, int], centroid: dict[int, float], size: int) -> None:
        self.parent[key], self.centroid[key], self.size[key] = key, centroid, size

    def find(self, key: tuple[str, int]) -> tuple[str, int]:
        while self.parent[key] != key:
            self.parent[key] = key = self.parent[self.parent[key]]
        return key

    def union(self, a: tuple[str, int], b: tuple[str, int], merge) -> None:
        """Make ``a`` and ``b`` one group: the smaller moves into the larger."""
        keep, gone = (a, b) if self.size[a] >= self.size[b] else (b, a)
        self.parent[gone] = keep
        self.centroid[keep] = merge(self.centroid[keep], self.centroid.pop(gone))
        self.size[keep] += self.size.pop(gone)


def _features(db, doc_id: str) -> Features:
    row = db.execute("SELECT language, features FROM copy_features WHERE document = ?",
                     (doc_id,)).fetchone()
    return Features.from_bytes(row[0], row[1]) if row else Features("und", 0, 0)


def export(store: Store) -> list[dict]:
    """The ``stories`` list of the export contract: a title, and one per language present."""
    return [{"id": f"story-{s.id}", "title": s.title, "titles": s.titles,
             "topic": f"topic-{s.topic}", "documents": s.documents} for s in stories(store)]


def report(store: Store) -> list[str]:
    """Stories as text: members grouped by language, copies folded under their original.

    A document that is a duplicate or near-duplicate of another is listed under it; a
    translation is listed in its own language with the original it translates. The count of
    independent reports leaves both out.
    """
    links: dict[str, list[tuple[str, str, float]]] = {}
    copy_of: dict[str, tuple[str, str, float]] = {}
    for o, c, relation, score in store.db.execute(
            "SELECT original, copy, relation, score FROM copies"):
        copy_of[c] = (o, relation, score)
        if relation != "translation":
            links.setdefault(o, []).append((c, relation, score))
    info = {r[0]: r[1:] for r in store.db.execute(
        "SELECT id, title, language, source, published FROM documents")}

    def line(doc_id: str) -> str:
        title, _, source, published = info[doc_id]
        return f"{title or '(no headline)'}  [{doc_id[:8]}] {source or '-'} {published or '-'}"

    lines: list[str] = []
    for story in stories(store):
        independent = sum(1 for d in story.documents if d not in copy_of)
        lines.append(f"story-{story.id} (topic-{story.topic}): {story.title}")
        lines.append(f"  {len(story.documents)} documents, {independent} independent reports")
        for lang, title in story.titles.items():
            if title != story.title:
                lines.append(f"  title ({lang}): {title}")
        by_lang: dict[str, list[str]] = {}
        members = set(story.documents)
        for d in story.documents:
            folded = d in copy_of and copy_of[d][1] != "translation" and copy_of[d][0] in members
            if not folded:
                by_lang.setdefault(info[d][1], []).append(d)
        for lang, docs in by_lang.items():
            lines.append(f"  {lang}:")
            for d in docs:
                note = ""
                if d in copy_of and copy_of[d][1] == "translation":
                    note = f"  (translation of [{copy_of[d][0][:8]}], {copy_of[d][2]:.2f})"
                lines.append(f"    {line(d)}{note}")
                for c, relation, score in links.get(d, []):
                    if c in members:
                        lines.append(f"      ↳ {relation} {score:.2f}: {line(c)}")
    return lines
