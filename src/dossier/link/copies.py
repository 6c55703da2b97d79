"""Copies: exact duplicates, near-duplicates and translations, found incrementally.

Corroboration counts independent reports, so a repost, an edited repost, the same article in
the other Chinese script and a translation must each be recognised as a copy of the report
they came from. :func:`update` links newly stored documents to everything already stored,
never comparing a new document with the whole corpus:

``duplicate``
    the same cleaned text (whitespace aside): a lookup of its hash.
``near_duplicate``
    MinHash of the folded text (:mod:`dossier.link.minhash`), candidates from LSH band keys
    kept in ``copy_bands``, confirmed when the estimated Jaccard similarity of the shingle
    sets reaches ``NEAR_DUPLICATE`` (``NEAR_DUPLICATE_SHORT`` for short texts, where one
    edit moves the estimate more). Reposts with clutter, small edits, reordered paragraphs
    and the other Chinese script measure 0.6–0.9; different articles on the same event
    stay below 0.15.
``translation``
    between zh (either script), ja and en. Candidates come from an inverted index of each
    document's most telling language-neutral terms (``copy_postings``, see
    :mod:`dossier.link.features`); each candidate is scored on shared glosses, numbers,
    Han bigrams (zh–ja), entity ids, paragraph structure and length ratio. A pair is a
    translation when its score reaches the threshold of its language pair *and* each is
    the other's best candidate in that language (mutual best match), which removes most
    same-topic false pairs. Independent reports of the *same event* survive that (same
    names, same key figures), so the pair must then pass a sentence-level check: aligned
    sentence by sentence (:mod:`dossier.link.align`), a translation keeps each sentence's
    numbers, entity ids and dates in the sentence facing it and names the same actors
    (:func:`dossier.link.align.evidence`). Each translation comes with its sentence
    alignment in the ``alignments`` table.

Linking is batched (``CHUNK`` documents at a time): documents, their entity ids and dates
are read in bulk, document frequencies are read for all terms of a chunk in a few
queries and written back once per chunk, and each document's weighted term vectors are
computed once. Per document there remain a handful of statements (store its features,
band keys and postings; look up duplicates; one query per language for translation
candidates), so the time per document does not grow with the corpus.

The document stored first (or published first, when both dates are known) is the
original; the other is the copy. Documents that are a copy of another are not indexed
for translation: their original stands for them.
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

import numpy as np

from dossier.link import align as aligner
from dossier.link import minhash
from dossier.link.features import CHANNELS, CJK, Features, extract
from dossier.model import Document, Sentence
from dossier.store import Store

NEAR_DUPLICATE = 0.5
NEAR_DUPLICATE_SHORT = 0.7
SHORT_SHINGLES = 60
# Translation score thresholds per language pair (families: en, ja, zh), measured on the
# WMT document pairs (eval/copies_eval.py): the score is not a probability.
TRANSLATION = {("en", "ja"): 0.08, ("en", "zh"): 0.08, ("ja", "zh"): 0.25}
# A document shorter than this (content characters, in English-length units) is never
# called a translation: a headline or a single short sentence says too little. A single
# sentence must be longer (a transcript of speech can be one long "sentence").
MIN_TRANSLATION_CHARS = 15
MIN_SINGLE_SENTENCE_CHARS = 60
# Between Chinese and Japanese, Han characters carry over one for one (国会, 首相), so a
# short text still has plenty to match: a one-sentence transcript of 40 characters is
# enough (in its own characters, not English-length units).
MIN_CJK_PAIR_CHARS = 40
MIN_TRANSLATION_TERMS = 3
# Share of the sentences of both documents that the sentence alignment must pair with
# lexical support. Off (0.0): on the WMT pairs the median coverage of true translations is
# only about 0.3 (sentence splits differ, speech transcripts are one "sentence"), no better
# than two reports of one event, so it cannot tell them apart. The anchors below can.
MIN_ALIGNED = 0.0
# A translation carries the numbers, names and dates of each sentence into the sentence
# aligned with it and keeps all of them (:func:`dossier.link.align.evidence`); two
# independent reports of one event share names and key figures but not sentence by
# sentence. The evidence must reach MIN_EVIDENCE (true WMT pairs: 0.8–1.0, a few down to
# 0.5; bundled same-event samples at most 0.58). A pair with too few anchors to say must
# show lexical support along its alignment instead (mean bead score; true pairs 0.15–0.3,
# same-topic false pairs from the WMT pool mostly below 0.05).
MIN_EVIDENCE = 0.65
MIN_BEAD_SCORE = 0.04
# Evidence between MIN_EVIDENCE_SUPPORTED and MIN_EVIDENCE is enough when the alignment
# itself keeps the shared anchors sentence by sentence (agreement at least
# STRONG_AGREEMENT): the analysers do not always read a date or figure the same way in
# both languages ("26年度" / FY2026), which lowers the Jaccard parts of the evidence, not
# where the anchors sit. True WMT pairs with such gaps: agreement 0.73–0.77; the
# independent ja/zh election reports of the tests: evidence 0.64 but agreement 0.45.
MIN_EVIDENCE_SUPPORTED = 0.5
STRONG_AGREEMENT = 0.7
# Below CLEAR_EVIDENCE a pair must not align two sentences that name different actors and
# share nothing (:func:`dossier.link.align.unshared`): independent reports of one event
# written in parallel reach 0.63–0.65 evidence with one such pair; true WMT pairs are mostly
# above 0.8.
CLEAR_EVIDENCE = 0.75
# Blocking: the terms of a document put in the inverted index, the terms looked up for a
# new document, the postings read per term (the most recent first) and the candidates
# scored in full per language.
INDEX_TERMS = 40
QUERY_TERMS = 40
MAX_POSTINGS = 400
# Documents read per LSH bucket (the most recent): a bucket shared by thousands of
# documents (a boilerplate notice, a template) must not make each new one compare with all.
MAX_BUCKET = 200
CANDIDATES = 32
# Candidates above the threshold tried in turn for a translation, best first.
TRIED_CANDIDATES = 3
# Documents walked when checking that a translation group keeps one document per language
# (see _Index._inconsistent); a healthy group has one per language family.
MAX_GROUP = 12
# Terms in more than this share of documents are too common to block on.
MAX_DF_SHARE = 0.2
# idf = log((N + PRIOR_DOCUMENTS) / (df + 0.5)): as if the corpus had this many more
# documents without the term, so a corpus of three articles does not treat every term the
# three share as worthless. Negligible once the corpus is large.
PRIOR_DOCUMENTS = 50
# Documents read, featurised and linked per step of :func:`update`; values per ``IN (...)``
# query; document frequencies and weighted vectors kept in memory (then dropped, so memory
# stays flat however large the corpus).
CHUNK = 256
IN_WIDTH = 500
DF_CACHE = 300_000
VECTOR_CACHE = 4_000
# Exact-duplicate detection needs at least this much content (a document of a few
# characters or only numbers is not a copy of another just because they are equal).
MIN_DUPLICATE_CHARS = 20

_SPACE = re.compile(r"\s+")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Copy:
    original: str
    copy: str
    relation: str  # duplicate | near_duplicate | translation
    score: float


def family(language: str) -> str:
    return "zh" if language.startswith("zh") else language


def update(store: Store, new_document_ids: Iterable[str]) -> list[Copy]:
    """Index the new documents and link each to its copies among all stored ones.

    Runs in one transaction; returns the copy relations found (or replaced) in this run.
    Documents are read, and document frequencies looked up and written, ``CHUNK`` at a
    time: a few queries per chunk instead of several per term of every document.
    """
    ids = list(dict.fromkeys(new_document_ids))
    found: list[Copy] = []
    with store.transaction():
        index = _Index(store)
        for i in range(0, len(ids), CHUNK):
            found += index.add_many(ids[i:i + CHUNK])
        index.flush()
    return [c for c in found if (c.original, c.copy) not in index.dropped]


def copies(store: Store) -> list[Copy]:
    """Every stored copy relation."""
    return [Copy(*r) for r in store.db.execute(
        "SELECT original, copy, relation, score FROM copies ORDER BY original, copy")]


def features_of(store: Store, doc_id: str) -> Features | None:
    row = store.db.execute("SELECT language, features FROM copy_features WHERE document = ?",
                           (doc_id,)).fetchone()
    return Features.from_bytes(row[0], row[1]) if row else None


def text_hash(text: str) -> int:
    normal = _SPACE.sub(" ", text).strip()
    return int.from_bytes(hashlib.blake2b(normal.encode(), digest_size=8).digest(), "big",
                          signed=True)


def in_chunks(db, sql: str, values: list, width: int = IN_WIDTH) -> Iterable[tuple]:
    """Rows of ``sql`` (one ``IN ({marks})``) for ``values``, ``width`` values per query.

    The last chunk is padded with its own last value, so every query has the same text and
    sqlite3's statement cache prepares it once.
    """
    for i in range(0, len(values), width):
        chunk = values[i:i + width]
        chunk += [chunk[-1]] * (width - len(chunk))
        yield from db.execute(sql.format(marks=",".join("?" * width)), chunk)


def _channel_set(channels: str) -> np.ndarray:
    table = np.zeros(len(CHANNELS), dtype=bool)
    table[[CHANNELS.index(c) for c in channels]] = True
    return table


# Channel code → in the set, for the channel sets copy detection asks for.
_CHANNEL_SETS = {c: _channel_set(c) for c in ("w", "n", "h", "e", "d", "wne")}


class _Weighted:
    """A document's term weights (square root of the count × idf), by channel, computed once.

    Kept as arrays: posting and querying need only each channel's top terms; the per-channel
    dictionaries scoring needs are built on first use.
    """

    __slots__ = ("keys", "values", "codes", "words", "dicts", "norms")

    def __init__(self, feats: Features, df: dict[int, int], total: int):
        keys = list(feats.terms)
        self.keys = np.fromiter(keys, dtype=np.int64, count=len(keys))
        counts = np.fromiter(feats.terms.values(), dtype=np.float64, count=len(keys))
        known = np.fromiter(map(df.get, keys, itertools.repeat(0)), dtype=np.float64,
                            count=len(keys))
        self.values = np.sqrt(np.maximum(counts, 0.0)) * np.log(
            (total + PRIOR_DOCUMENTS) / (known + 0.5))
        self.values[counts <= 0] = 0.0
        self.codes = np.fromiter(map(CHANNELS.index, map(feats.channel.__getitem__, keys)),
                                 dtype=np.int8, count=len(keys))
        self.words = int(np.count_nonzero(self.codes == CHANNELS.index("w")))
        self.dicts: dict[str, dict[int, float]] = {}
        self.norms: dict[str, float] = {}

    def norm(self, channels: str) -> float:
        """The Euclidean norm of :meth:`of` (``channels``), for cosines."""
        out = self.norms.get(channels)
        if out is None:
            values = self.values[self._mask(channels)]
            out = self.norms[channels] = float(np.sqrt(np.dot(values, values)))
        return out

    def _mask(self, channels: str) -> np.ndarray:
        return _CHANNEL_SETS[channels][self.codes] & (self.values != 0.0)

    def top(self, channels: str, k: int) -> list[tuple[int, float]]:
        """The ``k`` heaviest terms of ``channels`` with their weights, heaviest first."""
        idx = np.flatnonzero(self._mask(channels))
        if len(idx) > k:
            idx = idx[np.argpartition(-self.values[idx], k - 1)[:k]]
        idx = idx[np.argsort(-self.values[idx], kind="stable")]
        return list(zip(self.keys[idx].tolist(), self.values[idx].tolist()))

    def of(self, channels: str) -> dict[int, float]:
        out = self.dicts.get(channels)
        if out is None:
            mask = self._mask(channels)
            out = dict(zip(self.keys[mask].tolist(), self.values[mask].tolist()))
            self.dicts[channels] = out
        return out


class _Index:
    """The copy index inside one transaction.

    Document frequencies live in memory while a chunk is linked (``df``, with the counts
    not yet written in ``pending``); weighted term vectors of documents are kept for the
    whole update (bounded), so a candidate scored for many new documents is decoded once.
    """

    def __init__(self, store: Store):
        self.store = store
        self.db = store.db
        self.total = self.db.execute("SELECT COUNT(*) FROM copy_features").fetchone()[0]
        self.df: Counter[int] = Counter()
        # Terms of the documents added since the last flush, counted when written.
        self.pending: list[Iterable[int]] = []
        # Language families with documents indexed for translation (no query towards the
        # others: a corpus in one language asks nothing).
        self.families = {family(r[0]) for r in self.db.execute(
            "SELECT DISTINCT language FROM copy_features")}
        self.cached: dict[int, tuple[str, Features, _Weighted]] = {}
        # Translation links removed in this update because a stronger one contradicts them.
        self.dropped: set[tuple[str, str]] = set()

    # --- document frequencies -----------------------------------------------------------
    def fetch_df(self, terms: Iterable[int]) -> None:
        """Read the document frequencies of ``terms`` not yet known, in a few queries."""
        missing = [t for t in set(terms) if t not in self.df]
        if not missing:
            return
        if len(self.df) > DF_CACHE:  # keep memory flat on a long ingest
            self.flush()
            self.df.clear()
        df = self.df
        for t in missing:
            df[t] = 0
        for term, count in in_chunks(
                self.db, "SELECT term, df FROM term_df WHERE term IN ({marks})", missing):
            df[term] = count

    def idf(self, term: int) -> float:
        return math.log((self.total + PRIOR_DOCUMENTS) / (self.df.get(term, 0) + 0.5))

    def _count_terms(self, terms: Iterable[int]) -> None:
        self.df.update(terms)
        self.pending.append(terms)

    def flush(self) -> None:
        """Write the document frequency counts gathered since the last flush."""
        if self.pending:
            counts = Counter(itertools.chain.from_iterable(self.pending))
            self.db.executemany(
                "INSERT INTO term_df VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
                counts.items())
            self.pending = []

    def weights(self, feats: Features, channels: str) -> dict[int, float]:
        return {t: math.sqrt(w) * self.idf(t) for t, w in feats.terms.items()
                if w > 0 and feats.channel[t] in channels}

    # --- adding documents ---------------------------------------------------------------
    def add_many(self, ids: list[str]) -> list[Copy]:
        known = {r[0] for r in in_chunks(
            self.db, "SELECT document FROM copy_features WHERE document IN ({marks})", ids)}
        docs = _documents(self.db, [d for d in ids if d not in known])
        prepared = []
        for doc, facts in docs:
            folded = doc.folded
            prepared.append((doc, extract(doc, facts, folded), minhash.shingles(doc.text, folded)))
        self.fetch_df(t for _, feats, _ in prepared for t in feats.terms)
        found: list[Copy] = []
        for doc, feats, shingles in prepared:
            found += self.add(doc, feats, shingles)
        self.flush()
        return found

    def add(self, doc: Document, feats: Features | None = None,
            shingles: set[int] | None = None) -> list[Copy]:
        if feats is None:
            feats = extract(doc)
        if shingles is None:
            shingles = minhash.shingles(doc.text)
        self.fetch_df(feats.terms)
        fam = family(doc.language)
        sig = minhash.signature(shingles) if len(shingles) >= minhash.MIN_SHINGLES else None
        content = feats.chars
        thash = (text_hash(doc.text) if content >= MIN_DUPLICATE_CHARS and _LETTER.search(doc.text)
                 else None)
        self.total += 1
        self._count_terms(feats.terms)
        cur = self.db.execute(
            "INSERT INTO copy_features (document, language, published, text_hash, shingles,"
            " signature, features) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (doc.id, doc.language, doc.published, thash, len(shingles), sig, feats.to_bytes()))
        n = cur.lastrowid
        keys = minhash.band_keys(sig) if sig is not None else []
        found = self._duplicates(doc, n, thash, sig, keys, len(shingles))
        if keys:
            self.db.executemany("INSERT OR IGNORE INTO copy_bands VALUES (?, ?)",
                                ((k, n) for k in keys))
        if found:
            return found
        if fam in ("en", "ja", "zh"):
            weighted = _Weighted(feats, self.df, self.total)
            self._remember(n, doc.id, feats, weighted)
            self._post(n, fam, weighted)
            found += self._translations(doc, n, fam, feats)
        return found

    def _remember(self, n: int, doc_id: str, feats: Features, weighted: _Weighted
                  ) -> tuple[str, Features, _Weighted]:
        """Keep a document's weights for the rest of the update, with its features' sizes
        only: its terms are in the weights, and a cache of thousands must stay small."""
        if len(self.cached) >= VECTOR_CACHE:
            # Drop the older half (dicts keep insertion order): recent documents are the
            # likeliest candidates of the next ones.
            for k in list(itertools.islice(self.cached, VECTOR_CACHE // 2)):
                del self.cached[k]
        entry = self.cached[n] = (doc_id, replace(feats, terms={}, channel={}), weighted)
        return entry

    def _duplicates(self, doc: Document, n: int, thash: int | None, sig: bytes | None,
                    keys: list[int], shingles: int) -> list[Copy]:
        if thash is not None:
            row = self.db.execute(
                "SELECT document FROM copy_features WHERE text_hash = ? AND n != ? ORDER BY n"
                " LIMIT 1", (thash, n)).fetchone()
            if row:
                return [self._link(row[0], doc.id, "duplicate", 1.0)]
        if sig is None:
            return []
        bucket = (f"SELECT * FROM (SELECT n FROM copy_bands WHERE key = ?"
                  f" ORDER BY n DESC LIMIT {MAX_BUCKET})")
        best: tuple[float, str] | None = None
        for other, other_sig, other_shingles in self.db.execute(
                "SELECT f.document, f.signature, f.shingles FROM copy_features f WHERE f.n IN"
                f" ({' UNION '.join([bucket] * len(keys))})", keys):
            score = minhash.similarity(sig, other_sig)
            short = min(shingles, other_shingles) < SHORT_SHINGLES
            if score >= (NEAR_DUPLICATE_SHORT if short else NEAR_DUPLICATE) and (
                    best is None or score > best[0]):
                best = (score, other)
        if best is None:
            return []
        # Link to the original of the group, so copies of copies fold under one report.
        original = self._original_of(best[1])
        return [self._link(original, doc.id, "near_duplicate", round(best[0], 4))]

    def _original_of(self, doc_id: str) -> str:
        row = self.db.execute("SELECT original FROM copies WHERE copy = ? AND relation !="
                              " 'translation'", (doc_id,)).fetchone()
        return row[0] if row else doc_id

    def _link(self, original: str, copy: str, relation: str, score: float) -> Copy:
        original, copy = self._order(original, copy)
        self.db.execute("INSERT OR REPLACE INTO copies VALUES (?, ?, ?, ?)",
                        (original, copy, relation, score))
        self.dropped.discard((original, copy))
        return Copy(original, copy, relation, score)

    def _order(self, a: str, b: str) -> tuple[str, str]:
        """(original, copy): published first when both dates are known, else stored first."""
        rows = {r[0]: (r[1], r[2]) for r in self.db.execute(
            "SELECT document, published, n FROM copy_features WHERE document IN (?, ?)", (a, b))}
        (pa, na), (pb, nb) = rows.get(a, (None, 0)), rows.get(b, (None, 0))
        if pa and pb and pa[:10] != pb[:10]:
            return (a, b) if pa < pb else (b, a)
        return (a, b) if na <= nb else (b, a)

    # --- translations -------------------------------------------------------------------
    def _post(self, n: int, fam: str, weighted: _Weighted) -> None:
        # Meaning terms and Han bigrams are ranked separately: a Chinese article's many rare
        # bigrams would otherwise crowd out the glosses an English query can match.
        terms = [t for channels in ("wne", "h") for t, _ in weighted.top(channels, INDEX_TERMS)]
        self.db.executemany("INSERT OR IGNORE INTO copy_postings VALUES (?, ?, ?)",
                            ((t, fam, n) for t in terms))

    def _candidates(self, n: int, fam: str, weighted: _Weighted, target: str) -> list[int]:
        """The stored documents of ``target`` sharing the most telling terms, best first.

        One query: a ``UNION ALL`` of one index range per term (the most recent postings).
        """
        limit = max(MAX_DF_SHARE * self.total, 20)
        cjk_pair = fam != "en" and target != "en"
        query = [(term, weight) for channels in (("wne", "h") if cjk_pair else ("wne",))
                 for term, weight in weighted.top(channels, QUERY_TERMS)
                 if self.df.get(term, 0) <= limit]
        if not query:
            return []
        sql = " UNION ALL ".join(
            f"SELECT {k}, n FROM (SELECT n FROM copy_postings WHERE term = ? AND family = ?"
            f" ORDER BY n DESC LIMIT {MAX_POSTINGS})" for k in range(len(query)))
        params = [v for term, _ in query for v in (term, target)]
        votes: dict[int, float] = {}
        for k, other in self.db.execute(sql, params):
            if other != n:
                votes[other] = votes.get(other, 0.0) + query[k][1]
        return heapq.nlargest(CANDIDATES, votes, key=votes.__getitem__)

    def _load(self, ns: list[int]) -> dict[int, tuple[str, Features, _Weighted]]:
        """Stored documents by ``n``: id, features and weights (decoded once per update)."""
        out = {k: self.cached[k] for k in ns if k in self.cached}
        missing = [k for k in ns if k not in out]
        if missing:
            rows = [(r[0], r[1], Features.from_bytes(r[2], r[3])) for r in in_chunks(
                self.db, "SELECT n, document, language, features FROM copy_features"
                " WHERE n IN ({marks})", missing, width=CANDIDATES)]
            self.fetch_df(t for _, _, feats in rows for t in feats.terms)
            for k, doc_id, feats in rows:
                if k not in out:
                    out[k] = self._remember(k, doc_id, feats, _Weighted(feats, self.df, self.total))
        return out

    def _ranked(self, n: int, fam: str, weighted: _Weighted, feats: Features, target: str
                ) -> list[tuple[float, int, str, Features, _Weighted]]:
        """The candidates of ``target`` for document ``n``, scored, best first."""
        ns = self._candidates(n, fam, weighted, target)
        scored = [(self.score(feats, weighted, other_feats, other_weighted), other, doc_id,
                   other_feats, other_weighted)
                  for other, (doc_id, other_feats, other_weighted) in self._load(ns).items()]
        scored.sort(key=lambda c: (-c[0], c[1]))
        return scored

    def _best(self, n: int, fam: str, weighted: _Weighted, feats: Features, target: str
              ) -> tuple[float, int, str, Features, _Weighted] | None:
        ranked = self._ranked(n, fam, weighted, feats, target)
        return ranked[0] if ranked else None

    def _translations(self, doc: Document, n: int, fam: str, feats: Features) -> list[Copy]:
        weighted = self.cached[n][2]
        found = []
        self.families.add(fam)
        for target in ("en", "ja", "zh"):
            if target == fam or target not in self.families or not _translatable(feats, weighted, target):
                continue
            # The best few candidates in turn: a same-topic document can outscore the true
            # translation, and is then turned down by the mutual-best or sentence check. A
            # runner-up must have anchors that speak for it (lexical support alone is not
            # enough to prefer it over the best).
            ranked = self._ranked(n, fam, weighted, feats, target)[:TRIED_CANDIDATES]
            for rank, candidate in enumerate(ranked):
                if candidate[0] < TRANSLATION[tuple(sorted((fam, target)))]:
                    break
                link = self._translation(doc, n, fam, feats, target, *candidate,
                                         anchors_needed=rank > 0)
                if link is not None:
                    found.append(link)
                    break
        return found

    def _translation(self, doc: Document, n: int, fam: str, feats: Features, target: str,
                     score: float, other_n: int, other_id: str, other_feats: Features,
                     other_weighted: _Weighted, anchors_needed: bool = False) -> Copy | None:
        """Link ``doc`` to the candidate as its translation if every check agrees."""
        if not _translatable(other_feats, other_weighted, fam):
            return None
        # One translation per document and language: a worse pair than the one there is
        # turned down at once (before the costlier mutual-best check); a better one may
        # replace it (_inconsistent decides).
        existing = [s for s, lang in self.db.execute(
            "SELECT c.score, f.language FROM copies c"
            " JOIN copy_features f ON f.document = iif(c.original = ?, c.copy, c.original)"
            " WHERE c.relation = 'translation' AND (c.original = ? OR c.copy = ?)",
            (other_id, other_id, other_id)) if family(lang) == fam]
        if any(s >= score for s in existing):
            return None
        back = self._best(other_n, target, other_weighted, other_feats, fam)
        if back is None or back[1] != n:
            return None
        original, copy = self._order(other_id, doc.id)
        docs = (self.store.document(original), self.store.document(copy))
        beads = aligner.align(*docs)
        english = "en" in (fam, target)
        if aligner.coverage(beads, feats.sentences, other_feats.sentences,
                            english) < MIN_ALIGNED or \
                not _carried_over(beads, *docs, anchors_needed=anchors_needed):
            return None
        weaker = self._inconsistent(original, copy, _strength(fam, target, score), set())
        if weaker is None:
            return None
        for r in weaker:
            self.db.execute("DELETE FROM copies WHERE original = ? AND copy = ?", (r[0], r[1]))
            self.dropped.add((r[0], r[1]))
        link = self._link(original, copy, "translation", round(score, 4))
        self.db.executemany(
            "INSERT INTO alignments VALUES (?, ?, ?, ?, ?, ?, ?)",
            ((original, copy, b.a_start, b.a_end, b.b_start, b.b_end, b.score) for b in beads))
        return link

    def _group(self, doc_id: str, ignore: set[tuple[str, str]]
               ) -> dict[str, list[tuple[str, tuple[str, str], float]]]:
        """The translation links around ``doc_id``, as adjacency lists: doc → (other, link, strength).

        Walked breadth-first from ``doc_id`` over stored translation links (leaving out
        ``ignore``), at most ``MAX_GROUP`` documents: a translation group holds one document
        per language, so a healthy one is tiny.
        """
        edges: dict[str, list[tuple[str, tuple[str, str], float]]] = {doc_id: []}
        todo = [doc_id]
        while todo and len(edges) < MAX_GROUP:
            here = todo.pop(0)
            for o, c, score in self.db.execute(
                    "SELECT original, copy, score FROM copies WHERE relation = 'translation'"
                    " AND (original = ? OR copy = ?)", (here, here)):
                if (o, c) in ignore:
                    continue
                other = c if o == here else o
                if any(e[0] == other for e in edges[here]):
                    continue
                strength = _strength(*self._families(o, c), score)
                edges[here].append((other, (o, c), strength))
                if other not in edges:
                    edges[other] = [(here, (o, c), strength)]
                    todo.append(other)
                elif not any(e[0] == here for e in edges[other]):
                    edges[other].append((here, (o, c), strength))
        return edges

    def _families(self, *doc_ids: str) -> list[str]:
        lang = dict(self.db.execute(
            f"SELECT document, language FROM copy_features WHERE document IN"
            f" ({','.join('?' * len(doc_ids))})", doc_ids))
        return [family(lang.get(d, "und")) for d in doc_ids]

    def _inconsistent(self, a: str, b: str, strength: float, ignore: set[tuple[str, str]]
                      ) -> list[tuple[str, str]] | None:
        """The stored links a new translation ``a``–``b`` contradicts, or None to turn it down.

        Translation is transitive: documents linked through translations are one text in
        several languages, so a group holds at most one document per language family. When
        the new link would join two documents of one language (``b`` is already the
        translation of an English text, and ``a`` of another English text), some links
        between them are wrong: the set of least strength (how far each score clears the
        threshold of its language pair) whose removal separates the two, a minimum cut. A
        link that closes a triangle (en–ja, ja–zh, zh–en) is backed by the other two and
        costs more to cut than a lone link. If the cut takes the new link, it is turned
        down; else the stored links in it go. On the WMT pool this removes Chinese–Japanese
        pairs that only look alike (customer-service chats, shop pages), each already the
        translation of its own English text, and keeps a weak true link backed by a triangle
        from being replaced by a slightly stronger false one.
        """
        ignore = set(ignore)
        drop: list[tuple[str, str]] = []
        new = (a, b)
        for _ in range(MAX_GROUP):
            edges = self._group(a, ignore)
            for k, v in self._group(b, ignore).items():
                edges.setdefault(k, []).extend(e for e in v if e not in edges.get(k, []))
            edges[a] = edges[a] + [(b, new, strength)]
            edges[b] = edges[b] + [(a, new, strength)]
            by_family: dict[str, list[str]] = {}
            for doc, fam in zip(edges, self._families(*edges)):
                by_family.setdefault(fam, []).append(doc)
            clash = next((docs for docs in by_family.values() if len(docs) > 1), None)
            if clash is None:
                return drop
            cut = _min_cut(edges, clash[0], clash[1])
            if not cut or new in cut:
                return None
            drop.extend(cut)
            ignore.update(cut)
        return None

    def score(self, a: Features, wa: _Weighted, b: Features, wb: _Weighted) -> float:
        """How likely ``b`` is a translation of ``a`` (languages of different families)."""
        fa, fb = family(a.language), family(b.language)
        w = _cosine(wa, wb, "w")
        numbers = _overlap(wa.of("n"), wb.of("n"))
        entities = _overlap(wa.of("e"), wb.of("e"))
        structure = _structure(a.paragraphs, b.paragraphs)
        expected = aligner.ratio(fa, fb)
        deviation = abs(math.log((a.chars + 1) / (expected * b.chars + 1)))
        if fa in ("ja", "zh") and fb in ("ja", "zh"):
            h = _cosine(wa, wb, "h")
            return (2 * w + h + 0.3 * numbers + 0.3 * entities + 0.3 * structure
                    - 0.15 * max(0.0, deviation - 0.3))
        return w + 0.5 * numbers + 0.3 * entities + 0.3 * structure - 0.3 * max(0.0, deviation - 0.2)


def _documents(db, ids: list[str]) -> list[tuple[Document, tuple[list[str], list[str]]]]:
    """The stored documents ``ids`` (in that order) as copy detection needs them, in bulk.

    Text, title, language, date and sentences, with the entity ids of their mentions and
    the values of their time expressions: four queries for the lot, not seven per document.
    """
    if not ids:
        return []
    docs: dict[str, Document] = {}
    for doc_id, path, title, language, published, text in in_chunks(
            db, "SELECT id, path, title, language, published, text FROM documents"
            " WHERE id IN ({marks})", ids):
        docs[doc_id] = Document(id=doc_id, path=path, text=text, title=title,
                                published=published, language=language)
    entities: dict[str, list[str]] = {}
    dates: dict[str, list[str]] = {}
    wanted = list(docs)
    if wanted:
        for doc_id, start, end, language in in_chunks(
                db, 'SELECT document, start, "end", language FROM sentences'
                " WHERE document IN ({marks}) ORDER BY document, n", wanted):
            docs[doc_id].sentences.append(Sentence(start, end, language))
        for doc_id, entity in in_chunks(
                db, "SELECT document, entity FROM mentions WHERE document IN ({marks})"
                " AND entity IS NOT NULL ORDER BY document, start", wanted):
            entities.setdefault(doc_id, []).append(entity)
        for doc_id, value in in_chunks(
                db, "SELECT document, value FROM times WHERE document IN ({marks})"
                " AND value IS NOT NULL ORDER BY document, start", wanted):
            if value and (value[:1].isdigit() or value.startswith("XXXX")):
                dates.setdefault(doc_id, []).append(value)
    return [(docs[d], (entities.get(d, []), dates.get(d, []))) for d in ids if d in docs]


def _strength(fam_a: str, fam_b: str, score: float) -> float:
    """How far a translation score clears the threshold of its language pair (1.0 = at it).

    Scores of different language pairs are on different scales; their ratio to the
    threshold compares them. On the WMT pairs true translations measure 2.7–15 between
    English and Chinese or Japanese (5th to 90th percentile), false Chinese–Japanese pairs
    1.0–1.7.
    """
    return score / TRANSLATION.get(tuple(sorted((fam_a, fam_b))), 1.0)


def _min_cut(edges: dict[str, list[tuple[str, tuple[str, str], float]]], source: str,
             sink: str) -> set[tuple[str, str]]:
    """The links of least total strength whose removal separates ``source`` from ``sink``.

    A maximum flow (Edmonds–Karp) over the links as undirected edges with their strengths
    as capacities; the cut is the set of links leaving what the source still reaches. The
    graphs are translation groups of a few documents, so this costs nothing.
    """
    capacity: dict[tuple[str, str], float] = {}
    links: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for here, around in edges.items():
        for other, link, strength in around:
            key = (here, other)
            if link not in links.setdefault(key, set()):
                links[key].add(link)
                capacity[key] = capacity.get(key, 0.0) + strength
    flow: dict[tuple[str, str], float] = {}

    def residual(u: str, v: str) -> float:
        return capacity.get((u, v), 0.0) - flow.get((u, v), 0.0) + flow.get((v, u), 0.0)

    def reach() -> dict[str, str | None]:
        back: dict[str, str | None] = {source: None}
        todo = [source]
        while todo:
            here = todo.pop(0)
            for other, _, _ in edges.get(here, []):
                if other not in back and residual(here, other) > 1e-12:
                    back[other] = here
                    todo.append(other)
        return back

    while sink in (back := reach()):
        path = []
        here = sink
        while (prev := back[here]) is not None:
            path.append((prev, here))
            here = prev
        push = min(residual(u, v) for u, v in path)
        for u, v in path:
            cancel = min(push, flow.get((v, u), 0.0))
            flow[v, u] = flow.get((v, u), 0.0) - cancel
            flow[u, v] = flow.get((u, v), 0.0) + push - cancel
    side = set(reach())
    return {link for (u, v), ls in links.items() if u in side and v not in side for link in ls}


def _carried_over(beads: list[aligner.Bead], a: Document, b: Document,
                  anchors_needed: bool = False) -> bool:
    """Whether the sentence alignment of ``a`` and ``b`` looks like a translation's.

    Two reports of the same event share names and the key figures, so the document-level
    score calls them translations; only a translation keeps them sentence by sentence.
    """
    anchors_a, anchors_b = aligner.anchors(a), aligner.anchors(b)
    evidence = aligner.evidence(beads, anchors_a, anchors_b)
    if evidence is not None:
        if evidence < CLEAR_EVIDENCE and aligner.unshared(beads, anchors_a, anchors_b):
            return False
        if aligner.swapped(beads, anchors_a, anchors_b):
            return False
        if evidence >= MIN_EVIDENCE:
            return True
        kept, shared = aligner.agreement(beads, anchors_a, anchors_b)
        return (evidence >= MIN_EVIDENCE_SUPPORTED and shared >= aligner.MIN_SHARED
                and kept >= STRONG_AGREEMENT)
    return not anchors_needed and aligner.mean_score(beads) >= MIN_BEAD_SCORE


def _translatable(feats: Features, weighted: _Weighted, target: str = "en") -> bool:
    """Whether a document says enough to be called a translation into or from ``target``."""
    if weighted.words < MIN_TRANSLATION_TERMS:
        return False
    if feats.language in CJK and target in ("ja", "zh"):
        return feats.chars >= (MIN_TRANSLATION_CHARS if feats.sentences > 1 else MIN_CJK_PAIR_CHARS)
    english_length = feats.chars / aligner.ratio("en", family(feats.language)) \
        if feats.language in CJK else feats.chars
    least = MIN_TRANSLATION_CHARS if feats.sentences > 1 else MIN_SINGLE_SENTENCE_CHARS
    return english_length >= least


def _cosine(wa: _Weighted, wb: _Weighted, channels: str) -> float:
    a, b = wa.of(channels), wb.of(channels)
    if not a or not b:
        return 0.0
    norm = wa.norm(channels) * wb.norm(channels)
    if not norm:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b[t] for t, x in a.items() if t in b) / norm


def _overlap(a: dict[int, float], b: dict[int, float]) -> float:
    """Shared weight over the larger side, discounted until three values are shared.

    One shared number (a "100" in both) says little; five shared figures say a lot.
    """
    if not a or not b:
        return 0.0
    shared = [t for t in a if t in b]
    if not shared:
        return 0.0
    weight = sum(min(a[t], b[t]) for t in shared)
    return weight / max(sum(a.values()), sum(b.values())) * min(1.0, len(shared) / 3)


def _structure(p: list[int], q: list[int]) -> float:
    """+1 for the same paragraphs in the same proportions, negative for a different count.

    Translators keep paragraphs; a single-paragraph text says nothing either way.
    """
    if len(p) < 2 and len(q) < 2:
        return 0.0
    if len(p) != len(q):
        return -min(1.0, abs(math.log(len(p) / len(q))))
    sp, sq = sum(p) or 1, sum(q) or 1
    distance = sum(abs(a / sp - b / sq) for a, b in zip(p, q)) / 2
    return (1 - 2 * distance) * min(1.0, (len(p) - 1) / 3)


def export(store: Store) -> list[dict]:
    """The ``copies`` list of the export contract; translations carry their sentence alignment."""
    beads: dict[tuple[str, str], list[dict]] = {}
    for r in store.db.execute("SELECT * FROM alignments ORDER BY original, copy, original_start"):
        beads.setdefault((r[0], r[1]), []).append(
            {"original": [r[2], r[3]], "copy": [r[4], r[5]], "score": r[6]})
    out = []
    for c in copies(store):
        item = {"documents": [c.original, c.copy], "relation": c.relation, "score": c.score,
                "original": c.original}
        if c.relation == "translation":
            item["alignment"] = beads.get((c.original, c.copy), [])
        out.append(item)
    return out
