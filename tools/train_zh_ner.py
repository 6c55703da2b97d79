"""Train the Chinese name tagger (a character CRF) on CLUENER2020 train.

    python tools/train_zh_ner.py [--data DIR] [--out PATH] [--iterations N]

Reads ``ner-zh-cluener-train/cluener_train.jsonl`` from the shared data folder (never
copied into the repository) and writes ``src/dossier/resources/models/zh_names.crfsuite``.
L-BFGS training is deterministic: the same data and options give the same model.
Only the train split is used; the dev split, MSRA and Weibo are held out as tests.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dossier.analyse.names.zh import (  # noqa: E402
    GIVEN,
    MODEL,
    SURNAMES,
    TRANSLIT,
    features,
    normalise,
)

SURNAME_LIST = sorted(SURNAMES)
TRANSLIT_LIST = sorted(TRANSLIT)

DATA = ROOT.parent / "shared" / "data"
# CLUENER's ten types → the model's labels. position/game/book/movie are learned as
# their own labels (TITLE, WORK) so that the tagger knows they are not names.
LABELS = {
    "name": "PER",
    "address": "LOC",
    "scene": "SCENE",
    "organization": "ORG",
    "government": "ORG",
    "company": "ORG",
    "position": "TITLE",
    "game": "WORK",
    "book": "WORK",
    "movie": "WORK",
}


def records(path: Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """(text, [(start, end, label)]) per sentence, overlaps removed (the first is kept)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        spans = sorted(
            (start, end + 1, LABELS[kind])  # CLUENER ends are inclusive
            for kind, mentions in record["label"].items()
            for offsets in mentions.values()
            for start, end in offsets
        )
        kept: list[tuple[int, int, str]] = []
        for span in spans:
            if not kept or span[0] >= kept[-1][1]:
                kept.append(span)
        out.append((record["text"], kept))
    return out


def bio(text: str, spans: list[tuple[int, int, str]]) -> list[str]:
    tags = ["O"] * len(text)
    for start, end, label in spans:
        tags[start] = "B-" + label
        for i in range(start + 1, end):
            tags[i] = "I-" + label
    return tags


def synthetic_name(original: str, rng: random.Random, given: list[str]) -> str:
    """A made-up name of the same kind: 姓 + one or two given-name characters, or a run
    of transliteration characters; anything else (Latin, nicknames) is kept."""
    if len(original) in (2, 3) and original[0] in SURNAMES:
        surname = rng.choice(SURNAME_LIST)
        length = rng.choice((1, 2, 2))
        return surname + "".join(rng.choice(given) for _ in range(length))
    if 2 <= len(original) <= 6 and all(c in TRANSLIT for c in original):
        return "".join(rng.choice(TRANSLIT_LIST) for _ in range(rng.randint(2, 5)))
    return original


def augmented(rows, copies: int, seed: int):
    """Each sentence with a person in it again ``copies`` times with made-up names, so the
    tagger learns the shape of a name (surname, given-name characters) and not a list."""
    rng = random.Random(seed)
    given = sorted(GIVEN)
    for text, spans in rows:
        if not any(label == "PER" for _, _, label in spans):
            continue
        for _ in range(copies):
            out, new_spans, last = [], [], 0
            for start, end, label in spans:
                out.append(text[last:start])
                mention = text[start:end]
                if label == "PER":
                    mention = synthetic_name(mention, rng, given)
                begin = sum(map(len, out))
                new_spans.append((begin, begin + len(mention), label))
                out.append(mention)
                last = end
            out.append(text[last:])
            yield "".join(out), new_spans


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--out", type=Path, default=MODEL)
    ap.add_argument("--iterations", type=int, default=200)
    ap.add_argument("--c1", type=float, default=0.15)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--copies", type=int, default=4, help="made-up-name copies per sentence")
    ap.add_argument("--minfreq", type=float, default=2)
    ap.add_argument("--seed", type=int, default=20260101)
    args = ap.parse_args()

    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    rows = records(args.data / "ner-zh-cluener-train" / "cluener_train.jsonl")
    n = 0
    for text, spans in rows + list(augmented(rows, args.copies, args.seed)):
        trainer.append(features(normalise(text)), bio(text, spans))
        n += 1
    trainer.set_params({
        "c1": args.c1,  # L1 keeps the model small (most n-gram weights go to zero)
        "c2": args.c2,
        "max_iterations": args.iterations,
        "feature.possible_transitions": True,
        "feature.minfreq": args.minfreq,  # drop features seen once: a smaller model
    })
    args.out.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    trainer.train(str(args.out))
    size = args.out.stat().st_size
    print(f"trained on {n} sentences in {time.perf_counter() - started:.0f} s; "
          f"{args.out} ({size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
