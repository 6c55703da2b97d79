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
    same-topic false pairs. Each translation comes with its sentence alignment
    (:mod:`dossier.link.align`) in the ``alignments`` table.

The document stored first (or published first, when both dates are known) is the
original; the other is the copy. Documents that are a copy of another are not indexed
for translation: their original stands for them.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from dossier.link import align as aligner
from dossier.link import minhash
from dossier.link.features import CJK, Features, extract
from dossier.model import Document
from dossier.store import Store

NEAR_DUPLICATE = 0.5
NEAR_DUPLICATE_SHORT = 0.7
SHORT_SHINGLES = 60
# Translation score thresholds per language pair (families: en, ja, zh), measured on the
# WMT document pairs (eval/copies_eval.py): the score is not a probability.
TRANSLATION = {("en", "ja"): 0.10, ("en", "zh"): 0.10, ("ja", "zh"): 0.25}
# A document shorter than this (content characters, in English-length units) is never
# called a translation: a headline or a single short sentence says too little. A single
# sentence must be longer (a transcript of speech can be one long "sentence").
MIN_TRANSLATION_CHARS = 15
MIN_SINGLE_SENTENCE_CHARS = 60
MIN_TRANSLATION_TERMS = 3
# Share of the sentences of both documents that the sentence alignment must pair with
# lexical support. Off (0.0): on the WMT pairs the median coverage of true translations is
# only about 0.3 (sentence splits differ, speech transcripts are one "sentence"), no better
# than two reports of one event, so it cannot yet tell them apart. Kept as the place to
# raise it once alignment scoring is stronger.
MIN_ALIGNED = 0.0
# Blocking: the terms of a document put in the inverted index, the terms looked up for a
# new document, the postings read per term (the most recent first) and the candidates
# scored in full per language.
INDEX_TERMS = 40
QUERY_TERMS = 40
MAX_POSTINGS = 400
CANDIDATES = 32
# Terms in more than this share of documents are too common to block on.
MAX_DF_SHARE = 0.2
# idf = log((N + PRIOR_DOCUMENTS) / (df + 0.5)): as if the corpus had this many more
# documents without the term, so a corpus of three articles does not treat every term the
# three share as worthless. Negligible once the corpus is large.
PRIOR_DOCUMENTS = 50
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
    """
    found: list[Copy] = []
    with store.transaction():
        index = _Index(store)
        for doc_id in new_document_ids:
            if store.db.execute("SELECT 1 FROM copy_features WHERE document = ?",
                                (doc_id,)).fetchone():
                continue
            doc = store.document(doc_id)
            if doc is not None:
                found += index.add(doc)
    return found


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


class _Index:
    """The copy index inside one transaction, with a bounded cache of document frequencies."""

    def __init__(self, store: Store):
        self.store = store
        self.db = store.db
        self.total = self.db.execute("SELECT COUNT(*) FROM copy_features").fetchone()[0]
        self.df_cache: dict[int, int] = {}

    # --- document frequencies -----------------------------------------------------------
    def idf(self, term: int) -> float:
        df = self.df_cache.get(term)
        if df is None:
            row = self.db.execute("SELECT df FROM term_df WHERE term = ?", (term,)).fetchone()
            df = row[0] if row else 0
            if len(self.df_cache) > 200_000:  # keep memory flat on a long ingest
                self.df_cache.clear()
            self.df_cache[term] = df
        return math.log((self.total + PRIOR_DOCUMENTS) / (df + 0.5))

    def _count_terms(self, terms: Iterable[int]) -> None:
        self.db.executemany(
            "INSERT INTO term_df VALUES (?, 1) ON CONFLICT(term) DO UPDATE SET df = df + 1",
            ((t,) for t in terms))
        for t in terms:
            if t in self.df_cache:
                self.df_cache[t] += 1

    def weights(self, feats: Features, channels: str) -> dict[int, float]:
        return {t: math.sqrt(w) * self.idf(t) for t, w in feats.terms.items()
                if w > 0 and feats.channel[t] in channels}

    # --- adding one document ------------------------------------------------------------
    def add(self, doc: Document) -> list[Copy]:
        feats = extract(doc)
        fam = family(doc.language)
        shingles = minhash.shingles(doc.text)
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
        found = self._duplicates(doc, n, thash, sig, len(shingles))
        if sig is not None:
            self.db.executemany("INSERT OR IGNORE INTO copy_bands VALUES (?, ?)",
                                ((k, n) for k in minhash.band_keys(sig)))
        if found:
            return found
        if fam in ("en", "ja", "zh"):
            self._post(n, fam, feats)
            found += self._translations(doc, n, fam, feats)
        return found

    def _duplicates(self, doc: Document, n: int, thash: int | None, sig: bytes | None,
                    shingles: int) -> list[Copy]:
        if thash is not None:
            row = self.db.execute(
                "SELECT document FROM copy_features WHERE text_hash = ? AND n != ? ORDER BY n"
                " LIMIT 1", (thash, n)).fetchone()
            if row:
                return [self._link(row[0], doc.id, "duplicate", 1.0)]
        if sig is None:
            return []
        keys = minhash.band_keys(sig)
        marks = ",".join("?" * len(keys))
        best: tuple[float, str] | None = None
        for other, other_sig, other_shingles in self.db.execute(
                f"SELECT f.document, f.signature, f.shingles FROM copy_features f WHERE f.n IN"
                f" (SELECT DISTINCT n FROM copy_bands WHERE key IN ({marks}))", keys):
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
    def _post(self, n: int, fam: str, feats: Features) -> None:
        # Meaning terms and Han bigrams are ranked separately: a Chinese article's many rare
        # bigrams would otherwise crowd out the glosses an English query can match.
        terms = []
        for channels in ("wne", "h"):
            ranked = sorted(self.weights(feats, channels).items(), key=lambda kv: -kv[1])
            terms += [t for t, _ in ranked[:INDEX_TERMS]]
        self.db.executemany("INSERT OR IGNORE INTO copy_postings VALUES (?, ?, ?)",
                            ((t, fam, n) for t in terms))

    def _candidates(self, n: int, fam: str, feats: Features, target: str) -> list[int]:
        limit = max(MAX_DF_SHARE * self.total, 20)
        votes: dict[int, float] = {}
        cjk_pair = fam != "en" and target != "en"
        for channels in ("wne", "h") if cjk_pair else ("wne",):
            ranked = sorted(self.weights(feats, channels).items(), key=lambda kv: -kv[1])
            for term, weight in ranked[:QUERY_TERMS]:
                if self.df_cache.get(term, 0) > limit:
                    continue
                for (other,) in self.db.execute(
                        "SELECT n FROM copy_postings WHERE term = ? AND family = ?"
                        " ORDER BY n DESC LIMIT ?", (term, target, MAX_POSTINGS)):
                    if other != n:
                        votes[other] = votes.get(other, 0.0) + weight
        return sorted(votes, key=lambda k: -votes[k])[:CANDIDATES]

    def _load(self, ns: list[int]) -> dict[int, tuple[str, Features]]:
        marks = ",".join("?" * len(ns))
        return {r[0]: (r[1], Features.from_bytes(r[2], r[3])) for r in self.db.execute(
            f"SELECT n, document, language, features FROM copy_features WHERE n IN ({marks})", ns)}

    def _best(self, n: int, fam: str, feats: Features, target: str
              ) -> tuple[float, int, str, Features] | None:
        ns = self._candidates(n, fam, feats, target)
        best = None
        for other, (doc_id, other_feats) in self._load(ns).items():
            score = self.score(feats, other_feats)
            if best is None or score > best[0]:
                best = (score, other, doc_id, other_feats)
        return best

    def _translations(self, doc: Document, n: int, fam: str, feats: Features) -> list[Copy]:
        if not _translatable(feats):
            return []
        found = []
        for target in ("en", "ja", "zh"):
            if target == fam:
                continue
            best = self._best(n, fam, feats, target)
            if best is None:
                continue
            score, other_n, other_id, other_feats = best
            if score < TRANSLATION[tuple(sorted((fam, target)))] or not _translatable(other_feats):
                continue
            back = self._best(other_n, target, other_feats, fam)
            if back is None or back[1] != n:
                continue
            # One translation per document and language: a better pair replaces a worse one.
            existing = [(o, c, s) for o, c, s, lang in self.db.execute(
                "SELECT c.original, c.copy, c.score, f.language FROM copies c"
                " JOIN copy_features f ON f.document = iif(c.original = ?, c.copy, c.original)"
                " WHERE c.relation = 'translation' AND (c.original = ? OR c.copy = ?)",
                (other_id, other_id, other_id)) if family(lang) == fam]
            if any(r[2] >= score for r in existing):
                continue
            original, copy = self._order(other_id, doc.id)
            beads = aligner.align(self.store.document(original), self.store.document(copy))
            english = "en" in (fam, target)
            if aligner.coverage(beads, feats.sentences, other_feats.sentences,
                                english) < MIN_ALIGNED:
                continue
            for r in existing:
                self.db.execute("DELETE FROM copies WHERE original = ? AND copy = ?", (r[0], r[1]))
            link = self._link(original, copy, "translation", round(score, 4))
            self.db.executemany(
                "INSERT INTO alignments VALUES (?, ?, ?, ?, ?, ?, ?)",
                ((original, copy, b.a_start, b.a_end, b.b_start, b.b_end, b.score) for b in beads))
            found.append(link)
        return found

    def score(self, a: Features, b: Features) -> float:
        """How likely ``b`` is a translation of ``a`` (languages of different families)."""
        fa, fb = family(a.language), family(b.language)
        w = _cosine(self.weights(a, "w"), self.weights(b, "w"))
        numbers = _overlap(self.weights(a, "n"), self.weights(b, "n"))
        entities = _overlap(self.weights(a, "e"), self.weights(b, "e"))
        structure = _structure(a.paragraphs, b.paragraphs)
        expected = aligner.ratio(fa, fb)
        deviation = abs(math.log((a.chars + 1) / (expected * b.chars + 1)))
        if fa in ("ja", "zh") and fb in ("ja", "zh"):
            h = _cosine(self.weights(a, "h"), self.weights(b, "h"))
            return (2 * w + h + 0.3 * numbers + 0.3 * entities + 0.3 * structure
                    - 0.15 * max(0.0, deviation - 0.3))
        return w + 0.5 * numbers + 0.3 * entities + 0.3 * structure - 0.3 * max(0.0, deviation - 0.2)


def _translatable(feats: Features) -> bool:
    english_length = feats.chars / aligner.ratio("en", family(feats.language)) \
        if feats.language in CJK else feats.chars
    words = sum(1 for t in feats.terms if feats.channel[t] == "w")
    least = MIN_TRANSLATION_CHARS if feats.sentences > 1 else MIN_SINGLE_SENTENCE_CHARS
    return english_length >= least and words >= MIN_TRANSLATION_TERMS


def _cosine(a: dict[int, float], b: dict[int, float]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(x * b[t] for t, x in a.items() if t in b)
    return dot / math.sqrt(sum(x * x for x in a.values()) * sum(x * x for x in b.values()))


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
