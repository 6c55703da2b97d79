"""Accuracy of ``dossier.analyse.quantities`` on our own gold sentences.

    python eval/quantities_eval.py [--gold FILE] [--failures N]

``eval/gold/quantities.jsonl`` holds sentences written for this project (zh-Hans, zh-Hant,
ja, en), each with every figure it contains. A gold figure is matched exactly when an
extracted quantity has the same span text, the same value (relative tolerance 1e-6), the
same unit and the same ``approximate`` flag.

Metrics: ``quantities.gold.exact`` (recall of exact matches), ``quantities.gold.precision``
(share of extracted figures that match a gold one exactly). Dev = even lines, test = odd
lines; both are reported. The gold was written by the author of the extractor: treat it as
development data, not as an independent test.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from dossier.analyse.quantities import extract_quantities  # noqa: E402

GOLD = Path(__file__).resolve().parent / "gold" / "quantities.jsonl"
DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def _same(q, e: dict) -> bool:
    if q.text != e["text"] or q.unit != e["unit"] or q.approximate != e["approximate"]:
        return False
    if q.value is None:
        return False
    return abs(q.value - e["value"]) <= 1e-6 * max(1.0, abs(e["value"]))


def _score(rows: list[dict], failures: list) -> tuple[float, float]:
    gold_n = found = ok_pred = pred_n = 0
    for r in rows:
        preds = extract_quantities(r["text"], r["language"])
        pred_n += len(preds)
        gold_n += len(r["expected"])
        for e in r["expected"]:
            if any(_same(q, e) for q in preds):
                found += 1
            else:
                failures.append((r["text"], e, [(q.text, q.value, q.unit, q.approximate)
                                                for q in preds]))
        for q in preds:
            if any(_same(q, e) for e in r["expected"]):
                ok_pred += 1
            elif not any(q.text == e["text"] for e in r["expected"]):
                failures.append((r["text"], "spurious", (q.text, q.value, q.unit)))
    return (found / gold_n if gold_n else 0.0), (ok_pred / pred_n if pred_n else 0.0)


def evaluate(data_dir: Path = DEFAULT_DATA, split: str = "all", gold: Path = GOLD,
             failures: list | None = None) -> dict[str, float]:
    """Metric name → value in 0..1. ``data_dir`` is unused: the gold ships in the repo."""
    failures = [] if failures is None else failures
    rows = [json.loads(x) for x in gold.open(encoding="utf-8") if x.strip()]
    if split != "all":
        rows = [r for i, r in enumerate(rows) if i % 2 == (0 if split == "dev" else 1)]
    exact, precision = _score(rows, failures)
    return {"quantities.gold.exact": exact, "quantities.gold.precision": precision,
            "quantities.gold.expressions": float(sum(len(r["expected"]) for r in rows))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--failures", type=int, default=0)
    args = ap.parse_args()
    table: dict[str, dict[str, float]] = defaultdict(dict)
    failures: list = []
    for sp in ("dev", "test", "all"):
        for k, v in evaluate(args.data, sp, args.gold, failures if sp == "all" else []).items():
            table[k][sp] = v
    print(f"{'metric':32s}{'dev':>9s}{'test':>9s}{'all':>9s}")
    for k, vals in table.items():
        fmt = "{:9.0f}" if k.endswith("expressions") else "{:9.3f}"
        print(f"{k:32s}" + "".join(fmt.format(vals[s]) for s in ("dev", "test", "all")))
    for f in failures[: args.failures]:
        print("  ", *f)


if __name__ == "__main__":
    main()
