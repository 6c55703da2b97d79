"""Throughput of time + quantity extraction, in characters per second.

    python bench/extract_speed.py [--data DIR] [--mb 2] [--runs 5]

Reads the first ``--mb`` megabytes (of characters) of livedoor news articles (ja) straight from
``ldcc-text.tar.gz`` and all THUCNews headlines (zh), from ``../shared/data`` (never copied into
the repository). Each run extracts times and quantities from every document, with the
document's own date as anchor for livedoor; the median of ``--runs`` runs is printed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tarfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from dossier.analyse.quantities import extract_quantities  # noqa: E402
from dossier.analyse.times import extract_times  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def livedoor(data: Path, max_chars: int) -> list[tuple[str, str, str | None]]:
    docs: list[tuple[str, str, str | None]] = []
    total = 0
    with tarfile.open(data / "news-ja-livedoor" / "ldcc-text.tar.gz") as tar:
        for member in tar:
            if not member.isfile() or not member.name.endswith(".txt") or \
                    "LICENSE" in member.name or member.name.count("/") < 2:
                continue
            raw = tar.extractfile(member).read().decode("utf-8", errors="replace")
            lines = raw.split("\n", 2)
            if len(lines) < 3:
                continue
            anchor = lines[1][:10] if lines[1][:4].isdigit() else None
            docs.append((lines[2], "ja", anchor))
            total += len(lines[2])
            if total >= max_chars:
                break
    return docs


def thucnews(data: Path) -> list[tuple[str, str, str | None]]:
    path = data / "news-zh-thucnews-titles" / "test.txt"
    return [(line.split("\t")[0], "zh-Hans", None)
            for line in path.read_text(encoding="utf-8").splitlines() if line]


def run(docs: list[tuple[str, str, str | None]]) -> tuple[float, int, int]:
    t0 = time.perf_counter()
    n_times = n_quantities = 0
    for text, lang, anchor in docs:
        n_times += len(extract_times(text, lang, anchor=anchor))
        n_quantities += len(extract_quantities(text, lang))
    return time.perf_counter() - t0, n_times, n_quantities


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--mb", type=float, default=2.0, help="million characters of livedoor")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    corpora = {"livedoor (ja)": livedoor(args.data, int(args.mb * 1_000_000)),
               "THUCNews titles (zh)": thucnews(args.data)}
    corpora["combined"] = corpora["livedoor (ja)"] + corpora["THUCNews titles (zh)"]
    print(f"{'corpus':24s}{'chars':>12s}{'chars/s':>14s}{'times':>9s}{'quantities':>12s}")
    for name, docs in corpora.items():
        chars = sum(len(d[0]) for d in docs)
        results = [run(docs) for _ in range(args.runs)]
        secs = statistics.median(r[0] for r in results)
        _, nt, nq = results[0]
        print(f"{name:24s}{chars:12,d}{chars / secs:14,.0f}{nt:9,d}{nq:12,d}")


if __name__ == "__main__":
    main()
