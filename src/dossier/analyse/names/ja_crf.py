"""The Japanese person tagger: a CRF over Sudachi's tokens, decoded in numpy.

The rules in ``ja.py`` read Sudachi's 人名 tags and a set of cues; what they cannot
weigh is the evidence of a whole sentence at once (a katakana word the dictionary does
not know, as the subject of a verb, in a sentence that speaks of a person). This model
does: a linear-chain CRF (trained with CRFsuite by ``tools/train_ja_ner.py``) labels
each token of a sentence with BIO tags for people, places, organisations, facilities,
products and events, taking the rules' own answer as one of its features. Only its
people are used; the other labels are learned so that a band, a company or a ship is
not taken for a person.

Every feature is an integer: the template's number in the top byte, then word ids
(from the model's own vocabulary; 0 for a word it has not seen), part-of-speech ids,
a word's shape (script, length, unknown to the dictionary), the dictionary's name
entries for it, and the rules' label. Templates of small values are looked up in dense
tables, the others by binary search in the sorted keys; the decoding reuses the Chinese
tagger's batched Viterbi and forward-backward (``zh_crf``). Only the sentences with some
sign of a name are tagged (``ja._with_model_people``), and the forward-backward runs only
where the best path and the rules disagree about a person.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import numpy as np

from dossier.analyse.names.zh_crf import Batch, marginals, viterbi

MODEL = Path(__file__).resolve().parents[2] / "resources" / "models" / "ja_names.npz"

# The rules' answer for a token: outside, or the first / a later token of a name of a type.
RULE_TYPES = ("person", "place", "country", "organization")
RULE_LABELS = ("O",) + tuple(f"{p}-{t}" for t in RULE_TYPES for p in "BI")

# Where a sentence starts and ends: the window features' value past its edges.
EDGE = 1  # word id, part-of-speech id and shape of the padding "token"

# Shapes (a token's script, 4 bits) — the length (3 bits) and the unknown-word flag go above.
(SH_EDGE, SH_KANJI, SH_HIRAGANA, SH_KATAKANA, SH_LATIN, SH_UPPER, SH_DIGIT, SH_DOT,
 SH_PUNCT, SH_KANJI_KANA, SH_MIXED) = range(1, 12)
DOTS = frozenset("・=＝")

# Sentence ends: the sequences the CRF tags.
SENTENCE_ENDS = frozenset("。！？!?\n")

TEMPLATES = (
    "w-2", "w-1", "w0", "w1", "w2", "ww-1", "ww0",
    "p-2", "p-1", "p0", "p1", "p2", "pp-1", "pp0", "ppp",
    "s-1", "s0", "s1", "sss", "sw1", "ws-1",
    "r-1", "r0", "r1", "rw1", "rp1", "rs0",
    "d0", "dp0", "c0", "cf0", "c2", "rrr",
)
_SHIFT = np.uint64(56)
_VALUE_MASK = (np.uint64(1) << _SHIFT) - np.uint64(1)
_DENSE_MAX = 1 << 16  # templates with values up to this get a dense table (at most 3.4 MB)


def script_of(surface: str) -> int:
    kinds = set()
    for c in surface:
        if "\u4e00" <= c <= "\u9fff" or c in "々〆ヶ":
            kinds.add(SH_KANJI)
        elif "\u3040" <= c <= "\u309f":
            kinds.add(SH_HIRAGANA)
        elif "\u30a0" <= c <= "\u30ff" and c not in DOTS:
            kinds.add(SH_KATAKANA)
        elif c in DOTS:
            kinds.add(SH_DOT)
        elif c.isascii() and c.isalpha():
            kinds.add(SH_UPPER if c.isupper() else SH_LATIN)
        elif c.isdigit():
            kinds.add(SH_DIGIT)
        else:
            kinds.add(SH_PUNCT)
    if len(kinds) == 1:
        return kinds.pop()
    if kinds <= {SH_KANJI, SH_HIRAGANA, SH_KATAKANA}:
        return SH_KANJI_KANA
    if kinds <= {SH_LATIN, SH_UPPER}:
        return SH_LATIN
    return SH_MIXED


@cache
def shape(surface: str, unknown: bool) -> int:
    """Script (4 bits), length capped at 6 (3 bits) and the unknown-word flag."""
    return script_of(surface) | (min(len(surface), 6) << 4) | (int(unknown) << 7)


@dataclass(frozen=True)
class Model:
    labels: tuple[str, ...]
    transitions: np.ndarray  # (L, L): from label, to label
    keys: np.ndarray  # every template's kept keys, sorted (template number in the top byte)
    weights: np.ndarray  # (len(keys) + 1, L); the last row is zeros
    words: tuple[str, ...]  # the vocabulary: word id k + 2 is words[k]
    parts: tuple[str, ...]  # parts of speech, the same way

    @cached_property
    def word_ids(self) -> dict[str, int]:
        return {w: k + 2 for k, w in enumerate(self.words)}

    @cached_property
    def part_ids(self) -> dict[str, int]:
        return {p: k + 2 for k, p in enumerate(self.parts)}

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path, labels=np.array(self.labels), transitions=self.transitions.astype(np.float32),
            keys=self.keys, weights=self.weights[:-1].astype(np.float32),
            words=np.array(self.words), parts=np.array(self.parts))

    @staticmethod
    def load(path: Path) -> Model:
        with np.load(path, allow_pickle=False) as z:
            labels = tuple(str(x) for x in z["labels"])
            weights = np.vstack([z["weights"].astype(np.float32),
                                 np.zeros((1, len(labels)), np.float32)])
            return Model(labels, z["transitions"].astype(np.float64), z["keys"], weights,
                         tuple(str(w) for w in z["words"]), tuple(str(p) for p in z["parts"]))

    @staticmethod
    def from_crfsuite(info, words: tuple[str, ...], parts: tuple[str, ...]) -> Model:
        """From a trained CRFsuite model's ``Tagger.info()`` (attributes are ``t=key``)."""
        labels = sorted(info.labels)
        labels.remove("O")
        labels = ["O"] + labels
        index = {label: i for i, label in enumerate(labels)}
        rows: dict[int, np.ndarray] = {}
        for (attribute, label), weight in info.state_features.items():
            name, _, key = attribute.partition("=")
            full = int(key) | (TEMPLATES.index(name) << 56)
            rows.setdefault(full, np.zeros(len(labels), np.float32))[index[label]] = weight
        keys = sorted(rows)
        weights = np.array([rows[k] for k in keys], np.float32).reshape(-1, len(labels))
        transitions = np.zeros((len(labels), len(labels)))
        for (a, b), weight in info.transitions.items():
            transitions[index[a], index[b]] = weight
        return Model(tuple(labels), transitions, np.array(keys, dtype=np.uint64),
                     np.vstack([weights, np.zeros((1, len(labels)), np.float32)]),
                     words, parts)

    @cached_property
    def _tables(self) -> tuple[list[int], np.ndarray, np.ndarray, np.ndarray,
                               list[int], np.ndarray, np.ndarray]:
        """Templates whose values are small (words, parts of speech, shapes, the rules'
        labels) as one dense weight table indexed by offset + value, each template's
        block ending in a row of zeros for values never seen; the other templates' keys
        and weights, for a binary search. Half the lookups become one indexing: the
        search was most of the tagger's time."""
        template = (self.keys >> _SHIFT).astype(np.intp)
        values = (self.keys & _VALUE_MASK).astype(np.intp)
        dense, offsets, limits, blocks, sparse = [], [], [], [], []
        at = 0
        for k in range(len(TEMPLATES)):
            mine = template == k
            size = int(values[mine].max()) + 1 if mine.any() else 0
            if size > _DENSE_MAX:
                sparse.append(k)
                continue
            block = np.zeros((size + 1, len(self.labels)), np.float32)
            block[values[mine]] = self.weights[:-1][mine]
            dense.append(k)
            offsets.append(at)
            limits.append(size)
            blocks.append(block)
            at += size + 1
        rest = np.isin(template, sparse)
        weights = np.vstack([self.weights[:-1][rest], np.zeros((1, len(self.labels)), np.float32)])
        return (dense, np.array(offsets, np.intp)[:, None], np.array(limits, np.intp)[:, None],
                np.vstack(blocks), sparse, self.keys[rest], weights)

    def emissions(self, keys: np.ndarray) -> np.ndarray:
        """State scores (tokens, labels) from :func:`feature_keys` (templates, tokens)."""
        dense, offsets, limits, table, sparse, sparse_keys, sparse_weights = self._tables
        value = (keys[dense] & _VALUE_MASK).astype(np.intp)
        np.minimum(value, limits, out=value)  # a value never seen: its block's zero row
        out = table[value + offsets].sum(0)
        if sparse and len(sparse_keys):
            wanted = keys[sparse]
            idx = np.searchsorted(sparse_keys, wanted)
            np.minimum(idx, len(sparse_keys) - 1, out=idx)
            idx[sparse_keys[idx] != wanted] = len(sparse_keys)  # the zero row
            out += sparse_weights[idx].sum(0)
        return out


@dataclass(frozen=True)
class Sentence:
    """Per-token integer columns of the sentences of one text, laid end to end."""

    words: np.ndarray
    parts: np.ndarray
    shapes: np.ndarray
    rules: np.ndarray
    names: np.ndarray  # the dictionary's name entries for the word (bits), see ``ja.py``
    chars: np.ndarray  # the word's last character (high bits) and its first (low 21 bits)
    endings: np.ndarray  # the word's last two characters (21 bits each)
    lengths: np.ndarray  # tokens per sentence


def sentence_ranges(tokens: list[tuple]) -> list[tuple[int, int]]:
    """``(first token, token after)`` of each sentence, cut as :func:`sentences` cuts."""
    out, start = [], 0
    for k, t in enumerate(tokens):
        if t[2] in SENTENCE_ENDS or "\n" in t[2]:
            out.append((start, k + 1))
            start = k + 1
    if start < len(tokens):
        out.append((start, len(tokens)))
    return out


def sentences(tokens: list[tuple], rule_spans: list[tuple[int, int, str]],
              word_ids: dict[str, int], part_ids: dict[str, int],
              name_bits: Callable[[str, tuple[str, ...]], int]) -> Sentence:
    """The columns for ``tokens`` (Sudachi's: begin, end, surface, part of speech,
    unknown), cut into sentences at 。！？ and line breaks; ``rule_spans`` are the rules'
    names as character offsets and type."""
    n = len(tokens)
    rules = np.zeros(n, dtype=np.uint64)
    if rule_spans:
        at = {t[0]: k for k, t in enumerate(tokens)}
        for a, b, kind in rule_spans:
            k = at.get(a)
            if k is None or kind not in RULE_TYPES:
                continue
            rules[k] = RULE_LABELS.index(f"B-{kind}")
            inside = RULE_LABELS.index(f"I-{kind}")
            k += 1
            while k < n and tokens[k][1] <= b:
                rules[k] = inside
                k += 1
    infos = _INFO.setdefault(name_bits, {})
    if len(infos) > 200_000:
        infos.clear()  # a bound on memory over a long run
    words, parts, rows, lengths = [], [], [], []
    run = 0
    for _, _, surface, pos, unknown in tokens:
        words.append(word_ids.get(surface, 0))
        parts.append(part_ids.get(_part_name(pos), 0))
        key = (surface, unknown, pos[0])
        info = infos.get(key)
        if info is None:
            info = infos[key] = _token_info(surface, unknown, name_bits(surface, pos))
        rows.append(info)
        run += 1
        if info[4]:
            lengths.append(run)
            run = 0
    if run:
        lengths.append(run)
    u = np.uint64
    table = np.array(rows, dtype=u).reshape(-1, 5)
    return Sentence(np.array(words, u), np.array(parts, u), table[:, 0], rules,
                    table[:, 1], table[:, 2], table[:, 3], np.array(lengths, np.int64))


# Per name-bits function, then per (surface, unknown, first part of speech): the columns
# that depend on the word alone, worked out once per word rather than once per token.
_INFO: dict[Callable, dict[tuple, tuple[int, ...]]] = {}


def _token_info(surface: str, unknown: bool, names: int) -> tuple[int, ...]:
    """Shape, dictionary name bits, first/last characters, last two characters, and
    whether the token ends a sentence."""
    if not surface:  # Sudachi gives an empty token now and then
        return (shape(surface, unknown), names, 0, 0, 0)
    last = ord(surface[-1])
    return (shape(surface, unknown), names, (last << 21) | ord(surface[0]),
            (ord(surface[-2]) << 21 if len(surface) > 1 else 0) | last,
            int(surface in SENTENCE_ENDS or "\n" in surface))


@cache
def _part_name(pos: tuple[str, ...]) -> str:
    return "-".join(pos[:4])


def _shift(a: np.ndarray, k: int, starts: np.ndarray, ends: np.ndarray,
           fill: int) -> np.ndarray:
    """``a`` moved so that position i holds a[i + k], ``fill`` where that crosses the
    edge of i's sentence (``starts`` / ``ends``: each position's sentence bounds)."""
    out = np.full_like(a, fill)
    idx = np.arange(len(a)) + k
    ok = (idx >= starts) & (idx < ends)
    out[ok] = a[idx[ok]]
    return out


def feature_keys(s: Sentence) -> np.ndarray:
    """Every template's key at every token: (templates, tokens), uint64."""
    u = np.uint64
    firsts = np.concatenate(([0], np.cumsum(s.lengths)[:-1]))
    starts = np.repeat(firsts, s.lengths)
    ends = starts + np.repeat(s.lengths, s.lengths)
    w, p, sh, r = s.words, s.parts, s.shapes, s.rules
    ws = {k: _shift(w, k, starts, ends, EDGE) for k in (-2, -1, 1, 2)}
    ps = {k: _shift(p, k, starts, ends, EDGE) for k in (-2, -1, 1, 2)}
    ss = {k: _shift(sh, k, starts, ends, SH_EDGE) for k in (-1, 1)}
    rs = {k: _shift(r, k, starts, ends, 0) for k in (-1, 1)}
    b8, b12, b16, b24, b28 = u(8), u(12), u(16), u(24), u(28)
    columns = {
        "w-2": ws[-2], "w-1": ws[-1], "w0": w, "w1": ws[1], "w2": ws[2],
        "ww-1": (ws[-1] << b28) | w, "ww0": (w << b28) | ws[1],
        "p-2": ps[-2], "p-1": ps[-1], "p0": p, "p1": ps[1], "p2": ps[2],
        "pp-1": (ps[-1] << b12) | p, "pp0": (p << b12) | ps[1],
        "ppp": (ps[-1] << b24) | (p << b12) | ps[1],
        "s-1": ss[-1], "s0": sh, "s1": ss[1],
        "sss": (ss[-1] << b16) | (sh << b8) | ss[1],
        "sw1": (sh << b28) | ws[1], "ws-1": (ws[-1] << b8) | sh,
        "r-1": rs[-1], "r0": r, "r1": rs[1],
        "rw1": (r << b28) | ws[1], "rp1": (r << b12) | ps[1], "rs0": (r << b8) | sh,
        "d0": (s.names << b8) | sh, "dp0": (s.names << b12) | p,
        "c0": ((s.chars >> u(21)) << b8) | sh, "cf0": ((s.chars & u(0x1FFFFF)) << b8) | sh,
        "c2": (s.endings << b8) | sh, "rrr": (rs[-1] << b8) | (r << u(4)) | rs[1],
    }
    return np.stack([columns[name] | (u(k) << _SHIFT) for k, name in enumerate(TEMPLATES)])


def attribute_strings(keys: np.ndarray) -> list[list[str]]:
    """The keys as CRFsuite attributes (``w0=123``), one list per token; the template's
    number is left out of the key, since the attribute's name says it."""
    mask = (np.uint64(1) << _SHIFT) - np.uint64(1)
    cols = [[f"{name}={k}" for k in (keys[t] & mask).tolist()] for t, name in enumerate(TEMPLATES)]
    return [list(row) for row in zip(*cols)]


# A person both the best path and the rules give is kept. One only the best path gives
# is kept when the mean probability (by forward-backward) of its tokens being a person's
# reaches SURE; one only the rules give, when it reaches RULE_SURE. Chosen by 5-fold
# cross-validation on the dev half: the best path alone over-reports people (bands,
# companies, ships), the rules alone under-report them.
SURE = 0.8
RULE_SURE = 0.5


def people(model: Model, s: Sentence, rule_people: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``(first token, token after)`` of each person in the sentences: those the best
    path and the rules (``rule_people``, token spans) agree on, the best path's others
    that the model is sure of, and the rules' others that it does not rule out."""
    if not len(s.lengths):
        return []
    batch = Batch(model.emissions(feature_keys(s)), s.lengths)
    paths = viterbi(batch, model.transitions)
    firsts = np.concatenate(([0], np.cumsum(s.lengths)[:-1]))
    labels = model.labels
    person = [k for k, label in enumerate(labels) if label.endswith("-PER")]
    row_of = np.empty(len(s.lengths), dtype=np.intp)
    row_of[batch.order] = np.arange(len(s.lengths))
    sentence_of = np.repeat(np.arange(len(s.lengths)), s.lengths)
    found: list[tuple[int, int, int]] = []  # row, first token, token after (global)
    for row, (k, length) in enumerate(zip(batch.order.tolist(), batch.lengths.tolist())):
        base = int(firsts[k])
        start = -1
        for i, label_id in enumerate(paths[row, :length].tolist() + [0]):
            label = labels[label_id]
            if start >= 0 and label != "I-PER":
                found.append((row, base + start, base + i))
                start = -1
            if label == "B-PER" or label == "I-PER" and start < 0:
                start = i
    agreed = set(rule_people) & {(a, b) for _, a, b in found}
    path_only = [c for c in found if (c[1], c[2]) not in agreed]
    rules_only = [(int(row_of[sentence_of[a]]), a, b) for a, b in rule_people
                  if (a, b) not in agreed]
    kept = sorted(agreed)
    if not path_only and not rules_only:
        return kept  # no forward-backward needed: the common case
    rows = sorted({row for row, _, _ in path_only + rules_only})
    where = {row: n for n, row in enumerate(rows)}
    probs = marginals(batch.rows(rows), model.transitions)[..., person].sum(-1)

    def sure(row: int, a: int, b: int) -> float:
        base = int(firsts[batch.order[row]])
        return float(probs[where[row], a - base:b - base].mean())

    kept += [(a, b) for row, a, b in path_only if sure(row, a, b) >= SURE]
    for row, a, b in rules_only:
        if not any(a < y and x < b for x, y in kept) and sure(row, a, b) >= RULE_SURE:
            kept.append((a, b))
    return sorted(kept)


def tag(model: Model, s: Sentence) -> list[tuple[int, int, str]]:
    """``(first token, token after, label)`` for every labelled span of the sentences."""
    if not len(s.lengths):
        return []
    batch = Batch(model.emissions(feature_keys(s)), s.lengths)
    paths = viterbi(batch, model.transitions)
    starts = np.concatenate(([0], np.cumsum(s.lengths)[:-1]))
    out = []
    for row, (k, length) in enumerate(zip(batch.order.tolist(), batch.lengths.tolist())):
        base = int(starts[k])
        start, kind = -1, ""
        for i, label_id in enumerate(paths[row, :length].tolist() + [0]):
            label = model.labels[label_id]
            if label == "O" or label[0] == "B" or label[2:] != kind:
                if start >= 0:
                    out.append((base + start, base + i, kind))
                start, kind = (-1, "") if label == "O" else (i, label[2:])
    out.sort()
    return out
