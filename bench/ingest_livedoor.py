"""Ingest throughput on the livedoor news corpus (7,367 Japanese articles).

Prints documents/s and peak memory for a full ingest into a fresh database, and
for a re-run on the same files (which must be a no-op). Reads the corpus from
../shared/data; nothing is copied into the repository.

    python bench/ingest_livedoor.py [--data DIR] [--runs N] [--limit N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "ldcc"
        with tarfile.open(args.data / "news-ja-livedoor" / "ldcc-text.tar.gz") as tar:
            members = [m for m in tar.getmembers() if m.isfile() and m.name.endswith(".txt")
                       and "LICENSE" not in m.name and "README" not in m.name and "CHANGES" not in m.name]
            members = members[: args.limit] if args.limit else members
            tar.extractall(corpus, members=members, filter="data")
        n = len(members)
        rates, rss = [], []
        for run in range(args.runs):
            db = Path(tmp) / f"run{run}.db"
            t0 = time.perf_counter()
            peak = _child([str(corpus), "--db", str(db)])
            rates.append(n / (time.perf_counter() - t0))
            rss.append(peak)
        t0 = time.perf_counter()
        _child([str(corpus), "--db", str(Path(tmp) / "run0.db")])
        rerun = time.perf_counter() - t0
    print(f"articles: {n}")
    print(f"ingest: median {statistics.median(rates):.0f} documents/s "
          f"(runs: {', '.join(f'{r:.0f}' for r in rates)})")
    print(f"peak memory: median {statistics.median(rss):.0f} MB")
    print(f"re-run on unchanged files: {rerun:.2f} s")


def _child(argv: list[str]) -> float:
    """Run one ingest in a fresh process; return the peak resident memory of it or a worker, in MB."""
    code = ("import sys, resource\nfrom dossier.cli import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit as exit:\n    code = exit.code\n"
            "print(max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
            " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss), file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code, "ingest", *argv], capture_output=True, text=True)
    if out.returncode:
        sys.exit(out.stderr)
    return int(out.stderr.strip().splitlines()[-1]) / 1024


if __name__ == "__main__":
    main()
