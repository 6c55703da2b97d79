"""Story clustering against ECB+ (English): B-cubed F1 of stories (subtopics) and topics.

ECB+ gives, per document, a *topic* (a kind of event: an earthquake in Indonesia) and a
*subtopic* (one real event of that kind: the Aceh earthquake of July 2013). dossier's stories
are compared with subtopics and its topics with topics. The test split (topics 36–45) is
the measured set; the development split (topics 2, 5, 12, 18, 21, 23, 34, 35) was used to
choose the thresholds. The article URL is kept out of the input (its slug gives the answer
away). Documents arrive in a shuffled order; figures are the mean over ``ORDERS`` orders.

    python eval/stories_eval.py [--data DIR] [--split test|dev]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

from copies_eval import document, store_documents  # noqa: E402

from dossier.link import copies, entities, stories  # noqa: E402
from dossier.settings import Settings  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
ECB = "ecbplus-story-clusters-en/ecbplus_docs.jsonl"
ORDERS = 3


def bcubed(predicted: dict[str, object], gold: dict[str, object]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (item → cluster) against gold."""
    pred_members, gold_members = defaultdict(set), defaultdict(set)
    for item, c in predicted.items():
        pred_members[c].add(item)
    for item, c in gold.items():
        gold_members[c].add(item)
    p = r = 0.0
    for item in gold:
        mine, truth = pred_members[predicted[item]], gold_members[gold[item]]
        both = len(mine & truth)
        p += both / len(mine)
        r += both / len(truth)
    p, r = p / len(gold), r / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run(records: list[dict], seed: int, tmp: Path) -> dict[str, float]:
    docs = {}
    for rec in records:
        doc = document(rec["text"])
        docs[doc.id] = rec
    order = list(docs)
    random.Random(seed).shuffle(order)
    prepared = {d.id: d for d in (document(docs[i]["text"]) for i in order)}
    store = store_documents(tmp / f"ecb{seed}.db", [prepared[i] for i in order])
    with store:  # the link steps of an ingest, in its order
        entities.update(store, Settings())
        copies.update(store, order)
        stories.update(store, order)
        found = stories.stories(store)
    story_of = {d: s.id for s in found for d in s.documents}
    topic_of = {d: s.topic for s in found for d in s.documents}
    out = {}
    for level, pred, key in (("subtopic", story_of, "subtopic"), ("topic", topic_of, "topic")):
        p, r, f = bcubed(pred, {i: docs[i][key] for i in docs})
        out |= {f"{level}.precision": p, f"{level}.recall": r, f"{level}.f1": f}
    out["stories"] = float(len(found))
    return out


def evaluate(data_dir: Path = DATA, split: str = "test") -> dict[str, float]:
    path = data_dir / ECB
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as f:
        records = [r for line in f if (r := json.loads(line))["split"] == split]
    totals: dict[str, list[float]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(ORDERS):
            for k, v in run(records, seed, Path(tmp)).items():
                totals[k].append(v)
    prefix = "stories.ecb" if split == "test" else f"stories.ecb.{split}"
    out = {f"{prefix}.{k}": sum(v) / len(v) for k, v in totals.items()}
    out[f"{prefix}.subtopic.f1_min"] = min(totals["subtopic.f1"])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--split", choices=("test", "dev", "train"), default="test")
    args = ap.parse_args()
    started = time.perf_counter()
    for metric, value in evaluate(args.data, args.split).items():
        print(f"{metric:40} {value:8.4f}")
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
