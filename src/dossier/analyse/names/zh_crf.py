"""The Chinese name tagger's arithmetic: features as integer keys, and CRF decoding in numpy.

The model is a linear-chain CRF trained with CRFsuite (``tools/train_zh_ner.py``) and
exported to ``resources/models/zh_names.npz``: per feature template, the sorted keys it
kept and one weight row per key, plus the label transitions and the word list the
dictionary features come from. Tagging a document is then a handful of array operations
per template (a binary search of each position's key in the template's keys) and one
Viterbi pass over all the document's sentences at once, instead of building some
twenty feature strings per character and handing them to CRFsuite one sentence at a
time: that was most of the cost of Chinese analysis.

Every feature is an integer computed from the normalised text (``zh.normalise``):

* ``u-2`` … ``u2``: the character at that offset (its code point, 16 bits);
* ``b-2`` … ``b1`` and ``t0``: character bigrams and the trigram around the position;
* ``s5``, ``s3``, ``su``, ``us``, ``r``: the characters' roles in names (common surname,
  given-name character, transliteration character, other han, digit, Latin, dot, kana,
  punctuation) around the position, with the character itself, and the length of the
  transliteration run it is in;
* ``ls``, ``le``, ``lc``, ``lcu``, ``lb``, ``la``, ``lba``: dictionary words (jieba's
  word list with its parts of speech — person, place, organisation, verb, noun, idiom —
  plus titles and verbs of saying) that start, end or cover the position, or end just
  before / start just after it. They replace running jieba itself, which cost more
  than the tagger.

Training builds the same integers and gives CRFsuite ``name=key`` attribute strings, so
the exported weights are looked up by the very keys computed here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import numpy as np

MODEL = Path(__file__).resolve().parents[2] / "resources" / "models" / "zh_names.npz"

BOS, EOS = 1, 2  # code points that stand for "before / after the sentence"
PAD = 2  # padding characters on each side of a sentence (the widest window is ±2)

# Shapes: a character's role in names (4 bits).
(SH_BOS, SH_EOS, SH_SURNAME, SH_GIVEN, SH_TRANSLIT, SH_HAN, SH_DIGIT, SH_LATIN, SH_DOT,
 SH_SPACE, SH_KANA, SH_PUNCT, SH_OTHER) = range(13)

# Dictionary parts of speech (4 bits), from jieba's tags.
POS_PERSON, POS_PLACE, POS_ORG = 1, 2, 3
POS_CLASSES = {"nr": 1, "nrt": 1, "nrfg": 1, "ns": 2, "nt": 3, "nz": 4, "v": 5, "vd": 5,
               "vn": 6, "n": 6, "ng": 6, "i": 7, "l": 7}
POS_OTHER, POS_TITLE, POS_SPEECH, POS_ADDRESS = 8, 9, 10, 11

# Sentence ends and line breaks split a text into the sequences the CRF tags: short
# sequences keep a stray label from running across sentences.
CHUNK = re.compile(r"[^。！？!?；;\n]*[。！？!?；;\n]?")

TEMPLATES = ("u-2", "u-1", "u0", "u1", "u2", "b-2", "b-1", "b0", "b1", "t0",
             "s5", "s3", "su", "us", "r", "ls", "le", "lc", "lcu", "lb", "la", "lba")


@dataclass(frozen=True)
class Lexicon:
    """Dictionary words of two, three and four characters: sorted keys (16 bits per
    character) and each word's part-of-speech class."""

    keys: tuple[np.ndarray, np.ndarray, np.ndarray]
    pos: tuple[np.ndarray, np.ndarray, np.ndarray]

    @staticmethod
    def build(words: dict[str, int]) -> Lexicon:
        """From ``{word: pos class}`` (words of other lengths, or beyond the BMP, are left out)."""
        keys, pos = [], []
        for length in (2, 3, 4):
            items = sorted((word_key(w), p) for w, p in words.items()
                           if len(w) == length and all(ord(c) < 0xFFFF for c in w))
            keys.append(np.array([k for k, _ in items], dtype=np.uint64))
            pos.append(np.array([p for _, p in items], dtype=np.uint8))
        return Lexicon(tuple(keys), tuple(pos))

    def pos_of(self, word: str) -> int:
        """The part-of-speech class of ``word``, 0 when the dictionary lacks it."""
        if not 2 <= len(word) <= 4 or any(ord(c) >= 0xFFFF for c in word):
            return 0
        keys = self.keys[len(word) - 2]
        key = np.uint64(word_key(word))
        i = int(np.searchsorted(keys, key))
        return int(self.pos[len(word) - 2][i]) if i < len(keys) and keys[i] == key else 0


def word_key(word: str) -> int:
    key = 0
    for c in word:
        key = (key << 16) | ord(c)
    return key


@cache
def _shape_table(surnames: frozenset[str], given: frozenset[str],
                 translit: frozenset[str], separators: str) -> np.ndarray:
    table = np.full(0x10000, SH_OTHER, dtype=np.uint64)
    for cp in range(0x10000):
        c = chr(cp)
        if c.isspace():
            table[cp] = SH_SPACE
        elif not c.isalnum():
            table[cp] = SH_PUNCT
    table[0x3040:0x3100] = SH_KANA
    table[0x3400:0x4DC0] = SH_HAN
    table[0x4E00:0xA000] = SH_HAN
    table[ord("0"):ord("9") + 1] = SH_DIGIT
    table[ord("a"):ord("z") + 1] = SH_LATIN
    for chars, shape in ((translit, SH_TRANSLIT), (given, SH_GIVEN), (surnames, SH_SURNAME)):
        for c in chars:
            table[ord(c)] = shape
    for c in separators:
        table[ord(c)] = SH_DOT
    table[BOS], table[EOS] = SH_BOS, SH_EOS
    return table


def chunks(s: str) -> list[tuple[int, int]]:
    """The sequences the CRF tags, as ``(start, end)`` offsets (blank ones left out)."""
    return [m.span() for m in CHUNK.finditer(s) if m.group().strip()]


class Layout:
    """The chunks of one text laid end to end, each with ``PAD`` padding characters on
    both sides, so that every window feature is one shifted slice of one array."""

    def __init__(self, s: str, spans: list[tuple[int, int]]):
        self.spans = spans
        cps = np.frombuffer(s.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        np.minimum(cps, 0xFFFF, out=cps)
        lengths = np.array([b - a for a, b in spans], dtype=np.int64)
        self.lengths = lengths
        total = int(lengths.sum()) + 2 * PAD * len(spans)
        codes = np.empty(total, dtype=np.uint64)
        real = np.empty(int(lengths.sum()), dtype=np.int64)  # where each real character sits
        source = np.empty(int(lengths.sum()), dtype=np.int64)  # its offset in s
        pos = out = 0
        for (a, b), n in zip(spans, lengths):
            codes[pos:pos + PAD] = BOS
            codes[pos + PAD:pos + PAD + n] = cps[a:b]
            codes[pos + PAD + n:pos + 2 * PAD + n] = EOS
            real[out:out + n] = np.arange(pos + PAD, pos + PAD + n)
            source[out:out + n] = np.arange(a, b)
            pos += n + 2 * PAD
            out += n
        self.codes = codes
        self.real = real
        self.source = source


def _shift(a: np.ndarray, k: int, fill: int) -> np.ndarray:
    """``a`` moved so that position i holds a[i + k] (``fill`` past the ends)."""
    if k == 0:
        return a
    out = np.full_like(a, fill)
    if k > 0:
        out[:-k] = a[k:]
    else:
        out[-k:] = a[:k]
    return out


@dataclass(frozen=True)
class Tables:
    """Per code point: its shape (``SH_*``) and whether it is a transliteration character."""

    shapes: np.ndarray
    translit: np.ndarray


@cache
def tables(surnames: frozenset[str], given: frozenset[str], translit: frozenset[str],
           separators: str) -> Tables:
    mask = np.zeros(0x10000, dtype=bool)
    for ch in translit:
        mask[ord(ch)] = True
    return Tables(_shape_table(surnames, given, translit, separators), mask)


def feature_keys(layout: Layout, lexicon: Lexicon, tables: Tables) -> dict[str, np.ndarray]:
    """Every template's key at every real character (arrays aligned with ``layout.real``)."""
    c = layout.codes
    sh = tables.shapes[c]
    n = len(c)
    cs = {k: _shift(c, k, EOS) for k in (-2, -1, 1, 2)}
    cs[0] = c
    hs = {k: _shift(sh, k, SH_EOS) for k in (-2, -1, 1, 2)}
    hs[0] = sh
    # transliteration runs: length of the run of SH_TRANSLIT/SH_SURNAME-or-translit chars
    run = _run_lengths(tables.translit[c])
    # dictionary words starting at each position: longest length, and its class
    start_len = np.zeros(n, dtype=np.uint64)
    start_pos = np.zeros(n, dtype=np.uint64)
    for length, keys, pos in zip((2, 3, 4), lexicon.keys, lexicon.pos):
        if not len(keys):
            continue
        key = c.copy()
        for k in range(1, length):
            key = (key << np.uint64(16)) | _shift(c, k, EOS)
        idx = np.searchsorted(keys, key)
        np.minimum(idx, len(keys) - 1, out=idx)
        found = keys[idx] == key
        start_len[found] = length
        start_pos[found] = pos[idx[found]]
    start = (start_len << np.uint64(4)) | start_pos
    # the word ending at each position: the word that starts length-1 before
    end = np.zeros(n, dtype=np.uint64)
    cover = np.zeros(n, dtype=np.uint64)
    for length in (2, 3, 4):
        for j in range(length):
            starts_here = _shift(start_len, -j, 0) == length
            code = (np.uint64(length) << np.uint64(4)) | _shift(start_pos, -j, 0)
            where = 1 if j == 0 else 3 if j == length - 1 else 2  # B / E / M
            cover[starts_here] = (np.uint64(where) << np.uint64(8)) | code[starts_here]
            if j == length - 1:
                end[starts_here] = code[starts_here]
    s16, s32 = np.uint64(16), np.uint64(32)
    s4, s8, s12 = np.uint64(4), np.uint64(8), np.uint64(12)
    keys = {
        "u-2": cs[-2], "u-1": cs[-1], "u0": c, "u1": cs[1], "u2": cs[2],
        "b-2": (cs[-2] << s16) | cs[-1], "b-1": (cs[-1] << s16) | c,
        "b0": (c << s16) | cs[1], "b1": (cs[1] << s16) | cs[2],
        "t0": (cs[-1] << s32) | (c << s16) | cs[1],
        "s5": (hs[-2] << s16) | (hs[-1] << s12) | (sh << s8) | (hs[1] << s4) | hs[2],
        "s3": (hs[-1] << s8) | (sh << s4) | hs[1],
        "su": (hs[-1] << s16) | c, "us": (c << s4) | hs[1],
        "r": (run << s4) | sh,
        "ls": start, "le": end, "lc": cover, "lcu": (cover << s16) | c,
        "lb": _shift(end, -1, 0), "la": _shift(start, 1, 0),
        "lba": (_shift(end, -1, 0) << s16) | start,
    }
    return {name: keys[name][layout.real] for name in TEMPLATES}


def _run_lengths(mask: np.ndarray) -> np.ndarray:
    """For each position, the length (capped at 5) of the run of True it is in (0 outside)."""
    n = len(mask)
    out = np.zeros(n, dtype=np.uint64)
    if not mask.any():
        return out
    m = np.concatenate(([False], mask, [False])).astype(np.int8)
    d = np.diff(m)
    starts = np.flatnonzero(d == 1)
    ends = np.flatnonzero(d == -1)
    lengths = np.minimum(ends - starts, 5).astype(np.uint64)
    ids = np.cumsum(d[:-1] == 1) - 1
    out[mask] = lengths[ids[mask]]
    return out


_TEMPLATE_SHIFT = np.uint64(48)  # every key fits in 48 bits (the trigram is 3 × 16)


def stacked(keys: dict[str, np.ndarray]) -> np.ndarray:
    """The keys as one (templates, characters) array, each template's number in the top bits."""
    return np.stack([keys[name] | (np.uint64(k) << _TEMPLATE_SHIFT)
                     for k, name in enumerate(TEMPLATES)])


def attribute_strings(keys: dict[str, np.ndarray]) -> list[list[str]]:
    """The keys as CRFsuite attribute strings (``u0=25105``), one list per character."""
    cols = [[f"{name}={k}" for k in keys[name].tolist()] for name in TEMPLATES]
    return [list(row) for row in zip(*cols)]


# --- the exported model ---------------------------------------------------------------

@dataclass(frozen=True)
class Model:
    labels: tuple[str, ...]
    transitions: np.ndarray  # (L, L): from label, to label
    keys: dict[str, np.ndarray]  # template → sorted keys
    weights: dict[str, np.ndarray]  # template → (len(keys) + 1, L); the last row is zeros
    lexicon: Lexicon

    def save(self, path: Path) -> None:
        arrays = {"labels": np.array(self.labels), "transitions": self.transitions}
        for name in TEMPLATES:
            arrays[f"k_{name}"] = self.keys[name]
            arrays[f"w_{name}"] = self.weights[name][:-1]
        for i in range(3):
            arrays[f"lex_keys_{i}"] = self.lexicon.keys[i]
            arrays[f"lex_pos_{i}"] = self.lexicon.pos[i]
        np.savez_compressed(path, **arrays)

    @staticmethod
    def load(path: Path) -> Model:
        with np.load(path, allow_pickle=False) as z:
            labels = tuple(str(x) for x in z["labels"])
            weights = {}
            for name in TEMPLATES:
                w = z[f"w_{name}"].astype(np.float32)
                weights[name] = np.vstack([w, np.zeros((1, len(labels)), np.float32)])
            return Model(
                labels, z["transitions"].astype(np.float64),
                {name: z[f"k_{name}"] for name in TEMPLATES}, weights,
                Lexicon(tuple(z[f"lex_keys_{i}"] for i in range(3)),
                        tuple(z[f"lex_pos_{i}"] for i in range(3))),
            )

    @staticmethod
    def from_crfsuite(info, lexicon: Lexicon) -> Model:
        """From a trained CRFsuite model's ``Tagger.info()``: weights by template and key."""
        labels = sorted(info.labels)
        labels.remove("O")
        labels = ["O"] + labels
        index = {label: i for i, label in enumerate(labels)}
        rows: dict[str, dict[int, np.ndarray]] = {name: {} for name in TEMPLATES}
        for (attribute, label), weight in info.state_features.items():
            name, _, key = attribute.partition("=")
            row = rows[name].setdefault(int(key), np.zeros(len(labels), np.float32))
            row[index[label]] = weight
        keys, weights = {}, {}
        for name in TEMPLATES:
            ks = sorted(rows[name])
            keys[name] = np.array(ks, dtype=np.uint64)
            w = np.array([rows[name][k] for k in ks], dtype=np.float32).reshape(-1, len(labels))
            weights[name] = np.vstack([w, np.zeros((1, len(labels)), np.float32)])
        transitions = np.zeros((len(labels), len(labels)))
        for (a, b), weight in info.transitions.items():
            transitions[index[a], index[b]] = weight
        return Model(tuple(labels), transitions, keys, weights, lexicon)

    @cached_property
    def _index(self) -> tuple[np.ndarray, np.ndarray]:
        """All templates' keys in one sorted array (the template's number in the top bits,
        as :func:`stacked` writes them) and their weight rows, plus a zero row last."""
        keys = np.concatenate([self.keys[name] | (np.uint64(k) << _TEMPLATE_SHIFT)
                               for k, name in enumerate(TEMPLATES)])
        weights = np.vstack([self.weights[name][:-1] for name in TEMPLATES]
                            + [np.zeros((1, len(self.labels)), np.float32)])
        return keys, weights

    def emissions(self, keys: np.ndarray) -> np.ndarray:
        """State scores (characters, labels) from :func:`stacked` keys (templates, characters)."""
        known, weights = self._index
        idx = np.searchsorted(known, keys)
        np.minimum(idx, len(known) - 1, out=idx)
        idx[known[idx] != keys] = len(known)  # the zero row
        return weights[idx].sum(0)


class Batch:
    """Every sequence's emissions in one padded (sequences, steps, labels) block, longest
    sequence first, so that at step t the sequences still running are the first
    ``active[t]``: each step works on one slice, with no mask."""

    def __init__(self, emissions: np.ndarray, lengths: np.ndarray):
        self.order = np.argsort(-lengths, kind="stable")
        self.lengths = lengths[self.order]
        steps = int(self.lengths[0])
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))[self.order]
        at = starts[:, None] + np.arange(steps)[None, :]
        inside = np.arange(steps)[None, :] < self.lengths[:, None]
        self.block = emissions[np.where(inside, at, 0)].astype(np.float64)
        self.block[~inside] = 0.0
        # sequences longer than t, for every step t
        self.active = (self.lengths[None, :] > np.arange(steps)[:, None]).sum(1)

    def rows(self, which: list[int]) -> Batch:
        """The same batch restricted to some sequences (indices in sorted order)."""
        sub = object.__new__(Batch)
        sub.order = self.order[which]
        sub.lengths = self.lengths[which]
        steps = int(sub.lengths[0])
        sub.block = self.block[which, :steps]
        sub.active = (sub.lengths[None, :] > np.arange(steps)[:, None]).sum(1)
        return sub


def viterbi(batch: Batch, transitions: np.ndarray) -> np.ndarray:
    """The best label sequence of every sequence at once: (sequences, steps), sorted order."""
    block, active = batch.block, batch.active.tolist()
    n, steps, labels = block.shape
    delta = block[:, 0].copy()
    back = np.zeros((n, steps, labels), dtype=np.intp)
    for t in range(1, steps):
        k = active[t]
        scores = delta[:k, :, None] + transitions
        back[:k, t] = scores.argmax(1)
        delta[:k] = scores.max(1) + block[:k, t]
    out = np.zeros((n, steps), dtype=np.intp)
    current = delta.argmax(1)
    for t in range(steps - 1, 0, -1):
        k = active[t]
        out[:k, t] = current[:k]
        current[:k] = back[np.arange(k), t, current[:k]]
    out[:, 0] = current
    return out


def _logsumexp(x: np.ndarray, axis: int) -> np.ndarray:
    top = x.max(axis, keepdims=True)
    return np.log(np.exp(x - top).sum(axis)) + top.squeeze(axis)


def marginals(batch: Batch, transitions: np.ndarray) -> np.ndarray:
    """Each label's probability at each step (forward-backward): (sequences, steps, labels)."""
    block, active = batch.block, batch.active.tolist()
    n, steps, labels = block.shape
    alpha = np.zeros_like(block)
    alpha[:, 0] = block[:, 0]
    for t in range(1, steps):
        k = active[t]
        alpha[:k, t] = _logsumexp(alpha[:k, t - 1, :, None] + transitions, 1) + block[:k, t]
    beta = np.zeros_like(block)
    for t in range(steps - 2, -1, -1):
        k = active[t + 1]
        beta[:k, t] = _logsumexp(transitions + (beta[:k, t + 1] + block[:k, t + 1])[:, None, :], 2)
    last = alpha[np.arange(n), batch.lengths - 1]
    log_z = _logsumexp(last, 1)
    return np.exp(alpha + beta - log_z[:, None, None])


Span = tuple[int, int, str, float]  # start, end, label, confidence


def decode(model: Model, layout: Layout, keys: np.ndarray,
           doubtful: Callable[[int, int, str], bool] = lambda a, b, label: False) -> list[Span]:
    """Labelled spans over the text ``layout`` was built from (``keys`` from
    :func:`stacked`). A span ``doubtful(start, end, label)`` finds doubtful gets the mean
    marginal probability of its labels as its confidence; the others get 1.0."""
    if not len(layout.lengths):
        return []
    batch = Batch(model.emissions(keys), layout.lengths)
    paths = viterbi(batch, model.transitions)
    labels = model.labels
    spans: list[Span] = []
    doubts: list[tuple[int, int, int, int]] = []  # span index, sorted row, start, end
    for row, (s, length) in enumerate(zip(batch.order.tolist(), batch.lengths.tolist())):
        a = layout.spans[s][0]
        path = paths[row, :length].tolist()
        start, kind = -1, ""
        for i, label_id in enumerate(path + [0]):
            label = labels[label_id]
            if label == "O" or label[0] == "B" or label[2:] != kind:
                if start >= 0:
                    spans.append((a + start, a + i, kind, 1.0))
                    if doubtful(a + start, a + i, kind):
                        doubts.append((len(spans) - 1, row, start, i))
                    start, kind = -1, ""
                if label != "O":
                    start, kind = i, label[2:]
    if doubts:
        rows = sorted({row for _, row, _, _ in doubts})
        where = {row: k for k, row in enumerate(rows)}
        probs = marginals(batch.rows(rows), model.transitions)
        for k, row, i, j in doubts:
            p = probs[where[row], np.arange(i, j), paths[row, i:j]]
            a, b, kind, _ = spans[k]
            spans[k] = (a, b, kind, float(p.mean()))
    spans.sort()
    return spans
