"""What survives translation: the language-neutral features of a document, for copies and stories.

A document becomes a bag of *terms*, each in one channel:

- ``w`` meaning: English content-word stems; for Chinese and Japanese the stems of the
  CC-CEDICT glosses of their Han words (:mod:`dossier.link.lexicon`), and the Latin words
  they keep untranslated (GCHQ, CPTPP, iPhone);
- ``n`` numbers and dates: ``103.7 billion`` and ``1037亿`` are the same value; a month
  name is its number, so ``31 January`` and ``1月31日`` share ``1`` and ``31``;
- ``h`` Han character bigrams of the folded text, shared by Chinese and Japanese only;
- ``e`` entity ids and ``d`` normalised dates, when the analysis put them on the document.

Everything works from text alone; entity ids and dates make it better when present.
Terms are hashed to 32 bits and kept with their counts, so a document's features are a
few kilobytes of bytes in the store (never pickled).
"""

from __future__ import annotations

import re
import struct
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from dossier.analyse.fold import fold
from dossier.link import lexicon
from dossier.model import Document

CHANNELS = "wnhed"
CJK = ("zh-Hans", "zh-Hant", "ja")
# Paragraph lengths kept per document; beyond this the profile adds nothing.
MAX_PARAGRAPHS = 256

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LATIN = re.compile(r"[A-Za-z][A-Za-z'\-]*")
_NUMBER = re.compile(
    r"(?<![\d.])(\d+(?:,\d{3})*(?:\.\d+)?)\s*(万亿|万億|千万|百万|万|亿|億|兆|thousand|million|billion|trillion|bn)?",
    re.I)
_SCALE = {"万亿": 1e12, "万億": 1e12, "千万": 1e7, "百万": 1e6, "万": 1e4, "亿": 1e8, "億": 1e8, "兆": 1e12,
          "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9}
_MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"])}
_MONTH_WORD = re.compile(r"\b(" + "|".join(m.capitalize() for m in _MONTHS) + r"|"
                         + "|".join(m[:3].capitalize() for m in _MONTHS) + r")\b\.?")
# Digits with place characters, as in 5億8千5百万: 8千5百 is 8500.
_DIGIT_PLACES = re.compile(r"(?<![\d.])(?=\d[千百])(?:(\d)千)?(?:(\d)百)?(?:(\d)十)?(\d(?![\d千百十]))?")
_CJK_UNITS = {"万亿", "万億", "万", "亿", "億", "兆"}
_NOT_CONTENT = re.compile(r"[\W_]+")
_WIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")


@dataclass
class Features:
    """The matching view of one document: counts of hashed terms per channel, and sizes."""

    language: str
    chars: int
    sentences: int
    terms: dict[int, float] = field(default_factory=dict)
    channel: dict[int, str] = field(default_factory=dict)
    # Content length of each paragraph (non-empty line), in order: translators keep paragraphs.
    paragraphs: list[int] = field(default_factory=list)

    def add(self, channel: str, term: str, weight: float = 1.0) -> None:
        key = term_id(channel, term)
        self.terms[key] = self.terms.get(key, 0.0) + weight
        self.channel[key] = channel

    def of(self, channel: str) -> dict[int, float]:
        return {k: v for k, v in self.terms.items() if self.channel[k] == channel}

    # --- bytes for the store (never pickled): a header of four counts, then uint32 term ids,
    # float32 weights, uint8 channels and uint32 paragraph lengths ------------------------
    def to_bytes(self) -> bytes:
        keys = sorted(self.terms)
        paragraphs = self.paragraphs[:MAX_PARAGRAPHS]
        return (struct.pack("<IIII", len(keys), self.chars, self.sentences, len(paragraphs))
                + np.array(keys, dtype="<u4").tobytes()
                + np.fromiter(map(self.terms.__getitem__, keys), dtype="<f4",
                              count=len(keys)).tobytes()
                + bytes(map(CHANNELS.index, map(self.channel.__getitem__, keys)))
                + np.array(paragraphs, dtype="<u4").tobytes())

    @classmethod
    def from_bytes(cls, language: str, data: bytes) -> Features:
        n, chars, sentences, p = struct.unpack_from("<IIII", data)
        keys = np.frombuffer(data, "<u4", n, 16).tolist()
        weights = np.frombuffer(data, "<f4", n, 16 + 4 * n).tolist()
        channels = data[16 + 8 * n: 16 + 9 * n]
        paragraphs = np.frombuffer(data, "<u4", p, 16 + 9 * n).tolist()
        return cls(language, chars, sentences, dict(zip(keys, weights)),
                   {k: CHANNELS[c] for k, c in zip(keys, channels)}, paragraphs)


def term_id(channel: str, term: str) -> int:
    return zlib.crc32(f"{channel}:{term}".encode())


def extract(doc: Document, carried_facts: tuple[list[str], list[str]] | None = None,
            folded: str | None = None) -> Features:
    """The features of ``doc`` from its title and text (and its entities and dates if carried).

    ``carried_facts`` gives the entity ids and normalised dates directly (a caller that read
    them from the store in bulk); by default they are taken from the document. ``folded``
    is ``fold(doc.text)`` when the caller has it already.
    """
    titled = bool(doc.title) and not doc.text.startswith(doc.title)
    text = f"{doc.title}\n{doc.text}" if titled else doc.text
    if folded is not None and titled:
        folded = f"{fold(doc.title)}\n{folded}"
    feats = Features(doc.language, content_length(text), max(len(doc.sentences), 1),
                     paragraphs=[n for line in doc.text.split("\n") if (n := content_length(line))])
    terms, channel = feats.terms, feats.channel
    counts = term_counts(text, doc.language, folded)
    # term_id of every distinct term, hashed by map rather than one call per term.
    keys = map(zlib.crc32, map(str.encode, map(":".join, counts)))
    for key, (ch, _), weight in zip(keys, counts, counts.values()):
        terms[key] = terms.get(key, 0.0) + weight
        channel[key] = ch
    entities, dates = carried(doc) if carried_facts is None else carried_facts
    for entity in filter(known_actor, entities):
        feats.add("e", entity)
    for date in dates:
        feats.add("d", date)
    return feats


def known_actor(entity_id: str) -> bool:
    """Whether an entity id is the gazetteer's. A name the gazetteer does not know has an
    id per script until linked (``person:~雷诺兹``), and the words carry it already: counted
    again as an id, names outweigh what kind of event a text reports (ECB+ topic F1 0.945
    with them, 0.962 without) and split a translation from its original."""
    return ":~" not in entity_id


def text_terms(text: str, language: str) -> Iterable[tuple[str, str, float]]:
    """(channel, term, weight) for a piece of text in ``language``."""
    plain = text.translate(_WIDTH)
    for value in numbers(plain):
        yield "n", value, 1.0
    for m in _MONTH_WORD.finditer(plain):
        yield "n", str(_MONTHS.get(m.group(1).lower()) or _month3(m.group(1))), 1.0
    for s in lexicon.content_stems(" ".join(_LATIN.findall(plain))):
        yield "w", s, 1.0
    if language in CJK or _HAN_RUN.search(plain):
        folded = fold(plain)
        for run in _HAN_RUN.findall(folded):
            for s, weight in lexicon.gloss_stems(run):
                yield "w", s, weight
            for i in range(len(run) - 1):
                yield "h", run[i:i + 2], 1.0
            for char in run:
                yield "h", char, 0.5


def term_counts(text: str, language: str, folded: str | None = None
                ) -> dict[tuple[str, str], float]:
    """The terms of :func:`text_terms`, summed: ``(channel, term) → weight``.

    The same result, counted in C (``Counter`` over lists) rather than one Python step per
    term occurrence: a long Japanese article has a few thousand occurrences but only a few
    hundred distinct terms, and only those are hashed. ``folded`` is ``fold(text)`` when the
    caller has it (folding ignores the width of digits, so it is also the fold of the
    width-normalised text).
    """
    plain = text.translate(_WIDTH)
    out: dict[tuple[str, str], float] = {}
    small = Counter(("n", v) for v in numbers(plain))
    small.update(("n", str(_MONTHS.get(m.group(1).lower()) or _month3(m.group(1))))
                 for m in _MONTH_WORD.finditer(plain))
    small.update(("w", s) for s in lexicon.content_stems(" ".join(_LATIN.findall(plain))))
    out.update((k, float(v)) for k, v in small.items())
    if language in CJK or _HAN_RUN.search(plain):
        runs = _HAN_RUN.findall(fold(plain) if folded is None else folded)
        for s, weight in lexicon.gloss_stems_of_runs(runs):
            key = ("w", s)
            out[key] = out.get(key, 0.0) + weight
        bigrams = Counter([run[i:i + 2] for run in runs for i in range(len(run) - 1)])
        chars = Counter("".join(runs))
        for bigram, count in bigrams.items():
            out["h", bigram] = float(count)
        for char, count in chars.items():
            out["h", char] = 0.5 * count
    return out


def _month3(word: str) -> int:
    w = word.lower()[:3]
    return next(i for m, i in _MONTHS.items() if m.startswith(w))


def numbers(text: str) -> list[str]:
    """Numbers in ``text`` as values with 3 significant digits (1,037 / 1037 / 10.37万 alike).

    A Chinese or Japanese figure written in parts is one number: 1億7500万 is 175 million,
    3万5000 is 35,000 (a part right after a larger unit, smaller than that unit, adds to it).
    """
    values: list[float] = []
    end, unit = -1, 0.0
    text = _DIGIT_PLACES.sub(_places, text)
    for m in _NUMBER.finditer(text):
        try:
            value = float(m.group(1).replace(",", ""))
        except ValueError:
            continue
        scale = _SCALE[m.group(2).lower()] if m.group(2) else 1.0
        value *= scale
        if m.start() == end and value < unit:
            values[-1] += value
        else:
            values.append(value)
        end, unit = m.end(), (scale if m.group(2) in _CJK_UNITS else 0.0)
    return [f"{v:.3g}" for v in values]


def _places(m: re.Match) -> str:
    thousands, hundreds, tens, ones = (int(g) if g else 0 for g in m.groups())
    return str(thousands * 1000 + hundreds * 100 + tens * 10 + ones)


def content_length(text: str) -> int:
    """Characters that carry content: letters, digits and Han/kana, not spaces or punctuation."""
    # ``\w`` is exactly ``str.isalnum()`` plus the underscore; counted in C.
    return len(_NOT_CONTENT.sub("", text))


def carried(doc: Document) -> tuple[list[str], list[str]]:
    """Entity ids and normalised dates the analysis put on ``doc``, if any.

    Read tolerantly: a ``mentions`` list whose items have an ``entity`` (attribute or key)
    and a ``times`` list whose items have a ``value``, on the document or in its ``meta``.
    Dates with an unknown year (``XXXX-03-07``) are kept; they still match each other.
    """
    def values(items, name):
        out = []
        for item in items or ():
            value = item.get(name) if isinstance(item, dict) else getattr(item, name, None)
            if isinstance(value, str) and value:
                out.append(value)
        return out
    mentions = getattr(doc, "mentions", None) or doc.meta.get("mentions")
    times = getattr(doc, "times", None) or doc.meta.get("times")
    dates = [v for v in values(times, "value") if v[:1].isdigit() or v.startswith("XXXX")]
    return values(mentions, "entity"), dates
