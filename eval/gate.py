"""The accuracy gate: every evaluation against its pinned floor; a regression fails loudly.

Each module named in ``EVALUATIONS`` exposes ``evaluate(data_dir) -> {metric: value}``.
Floors live in ``eval/baseline.json``. ``--raise-floors`` pins current figures where
they are higher; lowering a floor needs ``--allow-lower`` and a reason in the commit.

    python eval/gate.py [--data DIR] [--raise-floors] [--allow-lower]
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "shared" / "data"
BASELINE = HERE / "baseline.json"
EVALUATIONS = ("samples_eval", "times_eval", "quantities_eval", "ner_eval", "copies_eval",
               "stories_eval", "events_eval", "linking_eval")
# Figures are rounded before comparing, so float noise never fails the gate.
DIGITS = 4
# Reported, never pinned: a time (lower is better, and noisy) and a count that may rightly move.
NOT_FLOORS = {"copies.wmt.seconds_per_doc", "stories.ecb.stories",
              *(f"events.{s}.conflicts.reported" for s in ("samples", "dev", "heldout", "heldout2"))}


def measure(data: Path, only: tuple[str, ...] = EVALUATIONS) -> dict[str, float]:
    sys.path.insert(0, str(HERE))
    figures: dict[str, float] = {}
    for name in only:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        figures |= {k: round(v, DIGITS) for k, v in module.evaluate(data).items()}
    return figures


def floors() -> dict[str, float]:
    return json.loads(BASELINE.read_text(encoding="utf-8"))["floors"]


def regressions(figures: dict[str, float], pinned: dict[str, float]) -> list[str]:
    out = []
    for metric, floor in sorted(pinned.items()):
        if metric not in figures:
            out.append(f"{metric}: not measured (floor {floor})")
        elif figures[metric] < floor:
            out.append(f"{metric}: {figures[metric]} is below the floor {floor}")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--raise-floors", action="store_true")
    ap.add_argument("--allow-lower", action="store_true")
    ap.add_argument("--only", action="append", choices=EVALUATIONS,
                    help="run only this evaluation (repeatable)")
    args = ap.parse_args()
    figures = measure(args.data, tuple(args.only or EVALUATIONS))
    pinned = floors()
    for metric, value in sorted(figures.items()):
        floor = pinned.get(metric)
        print(f"{metric:40} {value:8.4f}   floor {floor if floor is not None else '-'}")
    if args.raise_floors or args.allow_lower:
        new = dict(pinned)
        for metric, value in figures.items():
            if metric in NOT_FLOORS:
                continue
            if args.allow_lower or value > new.get(metric, -1):
                new[metric] = value
        BASELINE.write_text(json.dumps({"floors": dict(sorted(new.items()))}, indent=2) + "\n")
        print(f"floors written to {BASELINE}")
        return 0
    failed = regressions(figures, {m: f for m, f in pinned.items() if m in figures or not args.only})
    for line in failed:
        print(f"REGRESSION {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
