"""Per-document analysis speed (read + every analysis stage, no linking), on 2 processes.

Japanese: livedoor articles; Chinese: 1,500-character documents assembled from the
CLUENER dev sentences (news text). Prints documents/s and the peak memory of a worker,
with and without the name taggers (``Settings.names``). Reads ../shared/data; copies
nothing into the repository.

    python bench/analyse_speed.py [--docs 1000] [--jobs 2]
"""

from __future__ import annotations

import argparse
import json
import resource
import tarfile
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from dossier.pipeline import analysed
from dossier.settings import Settings

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def ja_files(tmp: Path, n: int) -> list[Path]:
    with tarfile.open(DATA / "news-ja-livedoor" / "ldcc-text.tar.gz") as tar:
        members = [m for m in tar.getmembers() if m.isfile() and m.name.endswith(".txt")
                   and "-" in Path(m.name).name][:n]
        tar.extractall(tmp / "ja", members=members, filter="data")
    return sorted((tmp / "ja").rglob("*.txt"))


def zh_files(tmp: Path, n: int) -> list[Path]:
    lines = [json.loads(line)["text"] for line in
             (DATA / "ner-zh-cluener-dev" / "cluener_dev.jsonl").read_text("utf-8").splitlines()]
    out, doc, k = [], [], 0
    (tmp / "zh").mkdir()
    while len(out) < n:
        doc.append(lines[k % len(lines)])
        k += 1
        if sum(map(len, doc)) >= 1500:
            path = tmp / "zh" / f"{len(out):05d}.txt"
            path.write_text(f"标题{len(out)}\n\n" + "\n".join(doc), encoding="utf-8")
            out.append(path)
            doc = []
    return out


def _work(args: tuple[Path, Settings]) -> tuple[int, int]:
    path, settings = args
    docs = sum(1 for _ in analysed(path, settings, frozenset()))
    return docs, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def run(files: list[Path], jobs: int, names: bool) -> tuple[float, float]:
    settings = Settings(names=names)
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(_work, [(files[0], settings)] * jobs))  # load models before timing
        t0 = time.perf_counter()
        results = list(pool.map(_work, [(f, settings) for f in files], chunksize=8))
        elapsed = time.perf_counter() - t0
    return sum(r[0] for r in results) / elapsed, max(r[1] for r in results) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpora = {"ja (livedoor)": ja_files(Path(tmp), args.docs),
                   "zh (CLUENER dev, 1,500-char docs)": zh_files(Path(tmp), args.docs)}
        for name, files in corpora.items():
            for names in (True, False):
                rate, peak = run(files, args.jobs, names)
                print(f"{name:36} names {'on ' if names else 'off'}  {rate:7.1f} documents/s"
                      f"   peak worker memory {peak:5.0f} MB")


if __name__ == "__main__":
    main()
