"""Name detection accuracy: P/R/F1 per type on the shared NER gold sets.

    python eval/ner_eval.py [--data DIR]

Sets (read from ``../shared/data``, never copied): Japanese Stockmark Wikipedia (all
5,343 sentences, and its test half alone, ``ner.ja.test.*``: the Japanese rules were
tuned on the dev half, the articles with an even ``curid``, and the Japanese person
model, ``resources/models/ja_names.npz``, was trained on it, so the full-set figures
are inflated by sentences the model has seen and the figure that counts is the test
half's, the odd ``curid`` ones), Chinese MSRA test (all 3,442 sentences, and
the same text converted to traditional characters with OpenCC ``s2t``), CLUENER dev
(1,343 sentences) and Weibo test (270 messages, named mentions only). A mention counts
when its span and type both match the gold exactly. Each set's types are mapped to ours
once, below; our ``country`` counts as a place, since the gold sets tag countries as
locations. ``evaluate`` returns the F1 figures the gate pins (``eval/gate.py``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "shared" / "data"
sys.path.insert(0, str(HERE.parent / "src"))

from dossier.analyse.names import find_names  # noqa: E402

TYPES = ("person", "place", "organization")
OURS = {"person": "person", "country": "place", "place": "place", "organization": "organization"}
JA_TYPES = {
    "人名": "person",
    "地名": "place",
    "法人名": "organization",
    "政治的組織名": "organization",
    "その他の組織名": "organization",
}
MSRA_TYPES = {"PER": "person", "LOC": "place", "ORG": "organization"}
CLUENER_TYPES = {
    "name": "person",
    "address": "place",
    "scene": "place",
    "organization": "organization",
    "government": "organization",
    "company": "organization",
}
WEIBO_TYPES = {
    "PER.NAM": "person", "LOC.NAM": "place", "GPE.NAM": "place", "ORG.NAM": "organization",
}

Span = tuple[int, int, str]


def _bio_spans(tags: list[str], mapping: dict[str, str]) -> set[Span]:
    spans, start, kind = set(), -1, ""
    for i, tag in enumerate(tags + ["O"]):
        if tag == "O" or tag.startswith("B-") or tag[2:] != kind:
            if start >= 0 and kind in mapping:
                spans.add((start, i, mapping[kind]))
            start, kind = (-1, "") if tag == "O" else (i, tag[2:])
    return spans


def read_ja(data: Path, half: str = "all") -> list[tuple[str, set[Span]]]:
    """Stockmark sentences: ``all``, or the ``dev`` (even ``curid``) or ``test`` (odd)
    half; splitting by article keeps one article's sentences on one side."""
    records = json.loads((data / "ner-ja-stockmark-wikipedia" / "ner.json").read_text("utf-8"))
    return [
        (r["text"], {(e["span"][0], e["span"][1], JA_TYPES[e["type"]])
                     for e in r["entities"] if e["type"] in JA_TYPES})
        for r in records
        if half == "all" or (int(r["curid"]) % 2 == 1) == (half == "test")
    ]


def _read_conll(path: Path, strip_digit: bool) -> list[tuple[str, list[str]]]:
    out, chars, tags = [], [], []
    for line in path.read_text("utf-8").splitlines() + [""]:
        if not line.strip():
            if chars:
                out.append(("".join(chars), tags))
            chars, tags = [], []
            continue
        token, tag = line.split("\t") if "\t" in line else line.split()
        chars.append(token[:-1] if strip_digit and len(token) > 1 else token)
        tags.append(tag)
    return out


def read_msra(data: Path) -> list[tuple[str, set[Span]]]:
    rows = _read_conll(data / "ner-zh-msra-test" / "msra_test_bio.txt", strip_digit=False)
    return [(text, _bio_spans(tags, MSRA_TYPES)) for text, tags in rows]


def read_weibo(data: Path) -> list[tuple[str, set[Span]]]:
    rows = _read_conll(data / "ner-zh-weibo-test" / "weiboNER_2nd_conll.test", strip_digit=True)
    return [(text, _bio_spans(tags, WEIBO_TYPES)) for text, tags in rows]


def read_cluener(data: Path) -> list[tuple[str, set[Span]]]:
    out = []
    for line in (data / "ner-zh-cluener-dev" / "cluener_dev.jsonl").read_text("utf-8").splitlines():
        r = json.loads(line)
        out.append((r["text"], {
            (start, end + 1, CLUENER_TYPES[kind])  # CLUENER ends are inclusive
            for kind, mentions in r["label"].items() if kind in CLUENER_TYPES
            for offsets in mentions.values() for start, end in offsets
        }))
    return out


def to_traditional(rows: list[tuple[str, set[Span]]]) -> list[tuple[str, set[Span]]]:
    """The same sentences in traditional characters (OpenCC s2t), character by character
    where a phrase rule would change the length, so the gold offsets still hold."""
    import opencc

    s2t = opencc.OpenCC("s2t")
    out = []
    for text, gold in rows:
        conv = s2t.convert(text)
        if len(conv) != len(text):
            conv = "".join(c if len(c) == 1 else o for o, c in zip(text, map(s2t.convert, text)))
        out.append((conv, gold))
    return out


Rows = list[tuple[str, set[Span]]]


def score(rows: Rows, language: str) -> dict[str, tuple[float, float, float]]:
    tp, n_pred, n_gold = Counter(), Counter(), Counter()
    for text, gold in rows:
        pred = {(n.start, n.end, OURS[n.type]) for n in find_names(text, language)
                if n.type in OURS}
        for _, _, kind in gold:
            n_gold[kind] += 1
        for _, _, kind in pred:
            n_pred[kind] += 1
        for _, _, kind in pred & gold:
            tp[kind] += 1
    out = {}
    for kind in TYPES + ("all",):
        t = sum(tp.values()) if kind == "all" else tp[kind]
        p_n = sum(n_pred.values()) if kind == "all" else n_pred[kind]
        g_n = sum(n_gold.values()) if kind == "all" else n_gold[kind]
        p = t / p_n if p_n else 0.0
        r = t / g_n if g_n else 0.0
        out[kind] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def runs(data: Path):
    """(metric prefix, description, rows, language) for every evaluation set."""
    msra = read_msra(data)
    yield "ner.ja", "ja Stockmark Wikipedia", read_ja(data), "ja"
    yield "ner.ja.test", "ja Stockmark Wikipedia, test half (odd curid)", read_ja(data, "test"), "ja"
    yield "ner.zh.msra", "zh MSRA test (simplified)", msra, "zh-Hans"
    yield "ner.zh.msra.hant", "zh MSRA test (s2t traditional)", to_traditional(msra), "zh-Hant"
    yield "ner.zh.cluener", "zh CLUENER dev", read_cluener(data), "zh-Hans"
    yield "ner.zh.weibo", "zh Weibo test (NAM)", read_weibo(data), "zh-Hans"


def _metric(prefix: str, kind: str) -> str:
    # The traditional run's figures sit beside the simplified ones: ner.zh.msra.person.f1.hant
    if prefix.endswith(".hant"):
        return f"{prefix[:-5]}.{kind}.f1.hant"
    return f"{prefix}.{kind}.f1"


def evaluate(data_dir: Path, verbose: bool = False) -> dict[str, float]:
    figures: dict[str, float] = {}
    for prefix, description, rows, language in runs(data_dir):
        started = time.perf_counter()
        result = score(rows, language)
        if verbose:
            print(f"{description}: {len(rows)} sentences, {time.perf_counter() - started:.1f} s")
            for kind, (p, r, f) in result.items():
                print(f"  {kind:13} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
        for kind in TYPES:
            figures[_metric(prefix, kind)] = result[kind][2]
    return figures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args()
    figures = evaluate(args.data, verbose=True)
    print()
    for metric, value in sorted(figures.items()):
        print(f"{metric:36} {value:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
