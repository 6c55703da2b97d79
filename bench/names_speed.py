"""Name detection throughput: documents/s and peak memory of ``find_names``.

    python bench/names_speed.py [--data DIR] [--limit N] [--workers N]

Corpora (read from ../shared/data, never copied): the livedoor news corpus (Japanese,
7,367 articles; the first 3 lines of each file, URL, date and title, are skipped) and
Chinese documents made by joining CLUENER dev sentences into chunks of the livedoor
mean length (there is no full-text Chinese news corpus in shared/data), plus the
THUCNews headlines as short documents. For each corpus it prints documents/s for
``find_names`` alone and for the per-document analysis so far (the ``analyse`` stages,
``fold`` and ``find_names``), in one process and in a pool of ``--workers`` processes,
and the peak resident memory of one process.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tarfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "src"))

from dossier.analyse import analyse  # noqa: E402
from dossier.analyse.fold import fold  # noqa: E402
from dossier.analyse.names import find_names  # noqa: E402
from dossier.model import Document  # noqa: E402


def livedoor(data: Path, limit: int) -> list[str]:
    docs = []
    with tarfile.open(data / "news-ja-livedoor" / "ldcc-text.tar.gz") as tar:
        for member in tar:
            name = member.name.rsplit("/", 1)[-1]
            if not member.isfile() or not name.endswith(".txt") or name[0].isupper():
                continue  # README.txt, CHANGES.txt, LICENSE.txt
            text = tar.extractfile(member).read().decode("utf-8")
            docs.append("".join(text.splitlines(keepends=True)[3:]))
            if limit and len(docs) >= limit:
                break
    return docs


def cluener_chunks(data: Path, size: int, limit: int) -> list[str]:
    docs, current = [], ""
    path = data / "ner-zh-cluener-dev" / "cluener_dev.jsonl"
    for _ in range(20):  # the dev set is small: cycle it to have enough documents
        for line in path.read_text("utf-8").splitlines():
            current += json.loads(line)["text"] + "\n"
            if len(current) >= size:
                docs.append(current)
                current = ""
                if limit and len(docs) >= limit:
                    return docs
    return docs


def thucnews(data: Path, limit: int) -> list[str]:
    lines = (data / "news-zh-thucnews-titles" / "test.txt").read_text("utf-8").splitlines()
    return [line.split("\t")[0] for line in lines][: limit or None]


def names_only(args: tuple[str, str]) -> int:
    text, language = args
    return len(find_names(text, language))


def full(args: tuple[str, str]) -> int:
    text, _ = args
    doc = analyse(Document(id="bench", path="bench", text=text))
    fold(doc.text)
    return len(find_names(doc.text, doc.language))


def _warm(language: str) -> None:
    find_names("东京 Tokyo 東京", language)  # load the taggers once per worker


def run(docs: list[str], language: str, fn, workers: int) -> float:
    """Documents/s, the taggers loaded beforehand (loading is once per process)."""
    items = [(d, language) for d in docs]
    if workers <= 1:
        fn(items[0])
        started = time.perf_counter()
        for item in items:
            fn(item)
        return len(docs) / (time.perf_counter() - started)
    with ProcessPoolExecutor(workers, initializer=_warm, initargs=(language,)) as pool:
        list(pool.map(fn, items[:workers]))  # wait for every worker to be up and loaded
        started = time.perf_counter()
        list(pool.map(fn, items, chunksize=16))
        return len(docs) / (time.perf_counter() - started)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--limit", type=int, default=2000, help="documents per corpus (0: all)")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    ja = livedoor(args.data, args.limit)
    mean = sum(map(len, ja)) // len(ja)
    corpora = [
        ("livedoor (ja)", ja, "ja"),
        (f"CLUENER dev chunks of {mean} chars (zh)", cluener_chunks(args.data, mean, args.limit),
         "zh-Hans"),
        ("THUCNews headlines (zh)", thucnews(args.data, args.limit), "zh-Hans"),
    ]
    for label, docs, language in corpora:
        chars = sum(map(len, docs)) / len(docs)
        print(f"{label}: {len(docs)} documents, {chars:.0f} chars each")
        for stage_label, fn in (("find_names", names_only), ("analysis so far", full)):
            one = run(docs, language, fn, 1)
            many = run(docs, language, fn, args.workers)
            print(f"  {stage_label:16} {one:8.0f} docs/s in 1 process, "
                  f"{many:8.0f} docs/s in {args.workers}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB (this process), {workers:.0f} MB (largest worker)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
