"""Sentence alignment of a translation pair: which sentences of one say what sentences of the other say.

A dynamic programme over *beads* in document order (Gale & Church 1993, with lexical
anchors as in Moore 2002): one sentence to one, one to two, two to one, or a sentence
left unaligned. A bead is scored by

- the language-neutral terms the two sides share (:func:`dossier.link.features.text_terms`:
  numbers, Latin names, glosses, Han bigrams), as a Dice coefficient, and
- how well their lengths agree with the usual length ratio of the language pair
  (an English sentence is about 2.9 times as many characters as its Chinese translation).

Beads stay within a band around the diagonal, so a long pair costs O(n·band), not O(n·m).
Entity resolution uses the result: the mention in sentence *i* and the mention in the
aligned sentence *j* likely name the same actor.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass

from dossier.link.features import _WIDTH, content_length, known_actor, numbers, text_terms
from dossier.model import Document

# Content characters of the first language per character of the second, in translation
# (medians measured on the WMT document pairs).
LENGTH_RATIO = {("en", "ja"): 2.17, ("en", "zh"): 2.85, ("ja", "zh"): 1.45}
# A sentence left out of the alignment costs this much (a translator drops or adds a line).
SKIP = -0.3
# Two sentences against one are a little less likely than one against one.
MERGE = -0.1
BAND = 12
# A bead this good has lexical evidence, not just plausible lengths (lengths alone give 0.25).
# Glosses meet English words less often than Han bigrams meet each other, so a pair with
# English needs less.
SUPPORTED = {"cjk": 0.35, "en": 0.28}
# Enough shared anchors, entity ids or numbers to measure :func:`evidence` on.
MIN_SHARED = 3
MIN_ENTITIES = 4
MIN_NUMBERS = 5
MIN_ANCHOR_NUMBER = 10
# Figures from this size up are never rewritten by a translator, so two aligned sentences
# giving different ones (5050亿 against 5500億) come from two reports.
SWAPPABLE_NUMBER = 100_000
MANY_ENTITIES = 8
MIN_ENTITY_OVERLAP = 0.5


@dataclass(frozen=True)
class Bead:
    """Sentences [a_start, a_end) of one document say what [b_start, b_end) of the other say."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    score: float


def family(language: str) -> str:
    return "zh" if language.startswith("zh") else language


def ratio(lang_a: str, lang_b: str) -> float:
    """Expected content length of ``lang_a`` text per unit of its ``lang_b`` translation."""
    a, b = family(lang_a), family(lang_b)
    if a == b:
        return 1.0
    if (a, b) in LENGTH_RATIO:
        return LENGTH_RATIO[a, b]
    if (b, a) in LENGTH_RATIO:
        return 1 / LENGTH_RATIO[b, a]
    return 1.0


def _units(doc: Document) -> list[tuple[int, frozenset[str]]]:
    units = []
    for s in doc.sentences:
        text = doc.text[s.start:s.end]
        units.append((content_length(text),
                      frozenset(f"{c}:{t}" for c, t, _ in text_terms(text, doc.language))))
    return units


def _bead_score(a: list[tuple[int, frozenset[str]]], b: list[tuple[int, frozenset[str]]],
                r: float) -> float:
    la, lb = sum(u[0] for u in a), sum(u[0] for u in b)
    ta = frozenset().union(*(u[1] for u in a))
    tb = frozenset().union(*(u[1] for u in b))
    lexical = 2 * len(ta & tb) / (len(ta) + len(tb)) if ta and tb else 0.0
    length = math.exp(-abs(math.log((la + 1) / (r * lb + 1))) * 2)
    return lexical + 0.5 * length - 0.25


def align(a: Document, b: Document) -> list[Bead]:
    """The best monotone alignment of the sentences of ``a`` and ``b``; unaligned ones left out."""
    ua, ub = _units(a), _units(b)
    n, m = len(ua), len(ub)
    if not n or not m:
        return []
    r = ratio(a.language, b.language)
    if min(n, m) == 1:
        # One side is a single "sentence" (a speech transcript, which Japanese subtitles
        # write with spaces instead of 。): whatever the other side's sentences say, they
        # say it there. Beads of at most two sentences could not pair more than two of them.
        return [Bead(0, n, 0, m, round(_bead_score(ua, ub, r), 4))]
    band = max(BAND, abs(n - m) + BAND)
    neg = -math.inf
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        centre = i * m / n
        lo, hi = max(0, int(centre) - band), min(m, int(centre) + band)
        for j in range(lo, hi + 1):
            here = best[i][j]
            if here == neg:
                continue
            for di, dj in ((1, 1), (1, 0), (0, 1), (1, 2), (2, 1)):
                i2, j2 = i + di, j + dj
                if i2 > n or j2 > m:
                    continue
                if di and dj:
                    step = _bead_score(ua[i:i2], ub[j:j2], r) + (MERGE if di + dj == 3 else 0.0)
                else:
                    step = SKIP
                if here + step > best[i2][j2]:
                    best[i2][j2] = here + step
                    back[i2][j2] = (i, j)
    beads: list[Bead] = []
    i, j = n, m
    while (i, j) != (0, 0):
        prev = back[i][j]
        if prev is None:  # outside the band: cannot happen, the band always reaches (n, m)
            break
        pi, pj = prev
        if i > pi and j > pj:
            beads.append(Bead(pi, i, pj, j, round(_bead_score(ua[pi:i], ub[pj:j], r), 4)))
        i, j = pi, pj
    return beads[::-1]


def coverage(beads: list[Bead], sentences_a: int, sentences_b: int, english: bool = False
             ) -> float:
    """Share of all sentences of both documents that lie in beads with lexical support."""
    total = sentences_a + sentences_b
    if not total:
        return 0.0
    least = SUPPORTED["en" if english else "cjk"]
    covered = sum((b.a_end - b.a_start) + (b.b_end - b.b_start) for b in beads
                  if b.score >= least)
    return covered / total


def anchors(doc: Document) -> list[frozenset[str]]:
    """Per sentence, what a translator must carry over: numbers, entity ids, normalised dates.

    Numbers come from :func:`dossier.link.features.numbers` (``1037亿`` and ``103.7
    billion`` alike), from 10 up: English spells the small ones out ("three", "G7" is a
    name); entity ids and date values from the analysis (``doc.mentions``, ``doc.times``),
    placed in the sentence where their mention starts.
    """
    spans = [(s.start, s.end) for s in doc.sentences]
    out: list[set[str]] = [set() for _ in spans]
    for k, (start, end) in enumerate(spans):
        out[k].update(f"n:{v}" for v in numbers(doc.text[start:end].translate(_WIDTH))
                      if float(v) >= MIN_ANCHOR_NUMBER)
    starts = [s for s, _ in spans]
    for prefix, items, name in (("e", doc.mentions, "entity"), ("d", doc.times, "value")):
        for item in items or ():
            value = getattr(item, name, None)
            if not value or (prefix == "e" and not known_actor(value)):
                continue
            k = bisect.bisect_right(starts, item.start) - 1
            if 0 <= k < len(spans) and item.start < spans[k][1]:
                out[k].add(f"{prefix}:{value}")
    return [frozenset(s) for s in out]


def agreement(beads: list[Bead], anchors_a: list[frozenset[str]],
              anchors_b: list[frozenset[str]]) -> tuple[float, int]:
    """How well the alignment keeps the shared anchors in corresponding sentences.

    Of the occurrences of anchors the two documents share (numbers, names, dates), the share
    found in the sentences aligned with theirs; and how many distinct anchors are shared. A
    translation keeps nearly every figure and name in the corresponding sentence; two
    independent reports of one event share the key figures but in other sentences.
    """
    if not anchors_a or not anchors_b:
        return 0.0, 0
    shared = frozenset().union(*anchors_a) & frozenset().union(*anchors_b)
    if not shared:
        return 0.0, 0
    anchors_a = [s & shared for s in anchors_a]
    anchors_b = [s & shared for s in anchors_b]
    facing_a: list[frozenset[str]] = [frozenset()] * len(anchors_a)
    facing_b: list[frozenset[str]] = [frozenset()] * len(anchors_b)
    for b in beads:
        xa = frozenset().union(*anchors_a[b.a_start:b.a_end])
        xb = frozenset().union(*anchors_b[b.b_start:b.b_end])
        for k in range(b.a_start, b.a_end):
            facing_a[k] = xb
        for k in range(b.b_start, b.b_end):
            facing_b[k] = xa
    total = sum(map(len, anchors_a)) + sum(map(len, anchors_b))
    kept = sum(len(s & f) for s, f in zip(anchors_a, facing_a)) + \
        sum(len(s & f) for s, f in zip(anchors_b, facing_b))
    return kept / total, len(shared)


def unshared(beads: list[Bead], anchors_a: list[frozenset[str]],
             anchors_b: list[frozenset[str]]) -> int:
    """Aligned sentence pairs that both name actors but share no anchor at all.

    A translation carries something of every sentence into the one aligned with it; two
    reports of one event written apart put different actors in corresponding places
    (高市首相は21日に到着 against 李强出席峰会).
    """
    count = 0
    for b in beads:
        x = frozenset().union(*anchors_a[b.a_start:b.a_end])
        y = frozenset().union(*anchors_b[b.b_start:b.b_end])
        if not x & y and any(t.startswith("e:") for t in x) and any(t.startswith("e:") for t in y):
            count += 1
    return count


def swapped(beads: list[Bead], anchors_a: list[frozenset[str]],
            anchors_b: list[frozenset[str]]) -> int:
    """Places where each side has a person, or a figure, that the other document lacks.

    A translator does not put one known person in another's place, nor one figure in
    another's; two reports written apart do, when they disagree (木原稔 against 中谷元 as
    defence minister, 5050亿美元 against 5500億ドル). Only what the other document has
    nowhere counts, so a name or figure moved elsewhere is no swap. An aligned pair and
    its neighbours are one place: two reports seldom align sentence for sentence.
    """
    every_a, every_b = (frozenset().union(*a) if a else frozenset() for a in (anchors_a, anchors_b))
    places = set()
    for kind in (_is_person, _is_figure):
        only_a = [any(map(kind, frozenset().union(*anchors_a[b.a_start:b.a_end]) - every_b))
                  for b in beads]
        only_b = [any(map(kind, frozenset().union(*anchors_b[b.b_start:b.b_end]) - every_a))
                  for b in beads]
        places.update(k for k in range(len(beads)) if only_a[k] and any(only_b[max(k - 1, 0):k + 2]))
    return len(places)


def _is_person(anchor: str) -> bool:
    return anchor.startswith("e:person:")


def _is_figure(anchor: str) -> bool:
    """A figure large enough not to be a day, a count or a year read differently
    (令和元年 / 2019, 第3 / third)."""
    return anchor.startswith("n:") and float(anchor[2:]) >= SWAPPABLE_NUMBER


def evidence(beads: list[Bead], anchors_a: list[frozenset[str]],
             anchors_b: list[frozenset[str]]) -> float | None:
    """How strongly the anchors say "translation": 0 (independent reports) to 1; None if mute.

    A weighted mean of what there is enough of to measure:

    - the :func:`agreement` of the alignment, when ``MIN_SHARED`` anchors are shared
      (counted twice: it is the one measure of sentence-by-sentence structure);
    - the Jaccard similarity of the two documents' entity ids, when together they name at
      least ``MIN_ENTITIES`` actors (a translation names the same actors; a second report
      brings in others);
    - the Jaccard similarity of their numbers, when together they have ``MIN_NUMBERS``.

    Many actors with little overlap (``MANY_ENTITIES`` or more, Jaccard below
    ``MIN_ENTITY_OVERLAP``) is 0: a translation does not drop or add half its actors.
    On the WMT pairs true translations measure 0.8–1.0; the independent same-event
    reports of the bundled samples at most about 0.58.
    """
    parts: list[tuple[float, float]] = []
    kept, shared = agreement(beads, anchors_a, anchors_b)
    if shared >= MIN_SHARED:
        parts.append((kept, 2.0))
    every_a = frozenset().union(*anchors_a) if anchors_a else frozenset()
    every_b = frozenset().union(*anchors_b) if anchors_b else frozenset()
    for kind, least in (("e:", MIN_ENTITIES), ("n:", MIN_NUMBERS)):
        xa = {x for x in every_a if x.startswith(kind)}
        xb = {x for x in every_b if x.startswith(kind)}
        union = len(xa | xb)
        if union >= least:
            overlap = len(xa & xb) / union
            if kind == "e:" and union >= MANY_ENTITIES and overlap < MIN_ENTITY_OVERLAP:
                return 0.0
            parts.append((overlap, 1.0))
    if not parts:
        return None
    return sum(v * w for v, w in parts) / sum(w for _, w in parts)


def mean_score(beads: list[Bead]) -> float:
    """The mean score of the beads: lexical and length agreement along the alignment."""
    return sum(b.score for b in beads) / len(beads) if beads else 0.0
