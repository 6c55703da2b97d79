"""Copies and stories at scale: time per document and memory as the corpus grows to 100k.

Generated documents (a vocabulary of news words, names and numbers in zh, ja and en; about
one in ten is a repost of an earlier one) are stored and linked in batches, as ``dossier
ingest`` does. At each checkpoint the script prints the time per document of the last
batch (copies and stories separately), the peak resident memory so far, and the size of
the database. Flat per-document times mean no step compares a new document with the
whole corpus. Times are CPU time of this process (``time.process_time``), which other
jobs on the machine barely move; wall-clock times are printed beside them.

    python bench/copies_scale.py [--sizes 10000 50000 100000] [--batch 1000]
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dossier.analyse import sentences  # noqa: E402
from dossier.link import copies, stories  # noqa: E402
from dossier.model import Document, Sentence  # noqa: E402
from dossier.store import Store  # noqa: E402

ZH_WORDS = ["政府", "会谈", "首相", "经济", "合作", "安全", "国防", "贸易", "选举", "议席", "外长", "峰会", "矿产", "能源", "市场", "银行", "地震", "救援", "警方", "法院", "公司", "技术", "学校", "医院", "农业", "气候", "港口", "铁路", "航空", "旅游"]
JA_WORDS = ["政府", "会談", "首相", "経済", "協力", "安全", "防衛", "貿易", "選挙", "議席", "外相", "首脳", "鉱物", "市場", "銀行", "地震", "救助", "警察", "裁判所", "会社", "技術", "学校", "病院", "農業", "気候", "港湾", "鉄道", "航空", "観光"]
EN_WORDS = ["government", "talks", "minister", "economy", "cooperation", "security", "defence", "trade", "election", "seats", "summit", "minerals", "energy", "market", "bank", "earthquake", "rescue", "police", "court", "company", "technology", "school", "hospital", "farming", "climate", "port", "railway", "aviation", "tourism"]
NAMES = [f"N{i:04d}" for i in range(3000)]  # Latin tokens that survive translation


def generate(n: int, rng: random.Random) -> Document:
    lang = rng.choice(("zh-Hans", "ja", "en"))
    words = {"zh-Hans": ZH_WORDS, "ja": JA_WORDS, "en": EN_WORDS}[lang]
    topic = rng.randrange(3000)
    lines = []
    for _ in range(rng.randint(3, 8)):
        parts = [rng.choice(words) for _ in range(rng.randint(8, 16))]
        parts.insert(rng.randrange(len(parts)), NAMES[(topic + rng.randrange(3)) % 3000])
        parts.insert(rng.randrange(len(parts)), str(rng.randrange(10, 100000)))
        end = "." if lang == "en" else "。"
        lines.append((" " if lang == "en" else "").join(parts) + end)
    return _document(f"{n}", "\n".join(lines), lang, f"2026-{1 + topic % 12:02d}-{1 + topic % 28:02d}")


def _document(key: str, text: str, lang: str, published: str) -> Document:
    doc_id = hashlib.sha256(f"{key}\n{text}".encode()).hexdigest()[:16]
    return Document(id=doc_id, path=key, text=text, title=text.split("\n")[0][:40],
                    published=published, language=lang,
                    sentences=[Sentence(s, e, lang) for s, e in sentences.split(text)])


def repost(doc: Document, n: int) -> Document:
    return _document(f"{n}", "相关阅读\n" + doc.text + "\n责任编辑：某某", doc.language,
                     doc.published or "2026-01-01")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--db", type=Path, help="Keep the database here (default: a temp folder).")
    args = ap.parse_args()
    rng = random.Random(1)
    checkpoints = sorted(args.sizes)
    every = max(args.batch, checkpoints[0] // 10)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "scale.db"
        store = Store(db)
        with store.transaction():
            store.record_file("bench", "0", 0)
        recent: list[Document] = []
        print(f"{'documents':>10} {'copies ms/doc':>14} {'stories ms/doc':>15} "
              f"{'(wall)':>14} {'peak MB':>8} {'db MB':>7} {'copies found':>13}")
        n = found = 0
        while n < checkpoints[-1]:
            batch = []
            for _ in range(args.batch):
                doc = repost(rng.choice(recent), n) if recent and rng.random() < 0.1 else generate(n, rng)
                batch.append(doc)
                recent = (recent + [doc])[-500:]
                n += 1
            with store.transaction():
                for doc in batch:
                    store.add_document(doc, "bench", set())
            ids = [d.id for d in batch]
            cpu, wall = [time.process_time()], [time.perf_counter()]
            found += len(copies.update(store, ids))
            cpu.append(time.process_time())
            wall.append(time.perf_counter())
            stories.update(store, ids)
            cpu.append(time.process_time())
            wall.append(time.perf_counter())
            if n % every == 0 or n in checkpoints:
                (copies_cpu, stories_cpu), (copies_wall, stories_wall) = (
                    [1000 * (b - a) / len(ids) for a, b in itertools.pairwise(t)] for t in (cpu, wall))
                print(f"{n:>10} {copies_cpu:>14.2f} {stories_cpu:>15.2f} "
                      f"{copies_wall:>6.1f} {stories_wall:>6.1f} {peak_mb():>8.0f} {db.stat().st_size / 2**20:>7.0f} {found:>13}", flush=True)
        store.close()


if __name__ == "__main__":
    main()
