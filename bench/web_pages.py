"""Web UI latency on a large database: median time per page over repeated requests.

Builds (or reuses, with --db) a database of N articles: the livedoor corpus from
../shared/data plus the bundled samples, then serves it with uvicorn on 127.0.0.1 and
times the overview, a story page, the actors, conflicts, search and an entity page.

    python bench/web_pages.py [--docs 10000] [--db FILE] [--runs 20]

Building takes several minutes: pass --db FILE to keep the database and reuse it next time.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import tarfile
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from dossier.pipeline import ingest
from dossier.settings import Settings
from dossier.store import Store
from dossier.web.app import create_app
from dossier.web.pages import MENTIONS

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def build(db: Path, docs: int, tmp: Path) -> None:
    corpus = tmp / "corpus"
    with tarfile.open(DATA / "news-ja-livedoor" / "ldcc-text.tar.gz") as tar:
        members = [m for m in tar.getmembers() if m.isfile() and m.name.endswith(".txt")
                   and "-" in Path(m.name).name][:docs]
        tar.extractall(corpus, members=members, filter="data")
    # Fill up with renamed copies of the samples so stories, events and conflicts exist.
    samples = sorted((ROOT / "samples" / "articles").rglob("*.txt"))
    n = len(members)
    i = 0
    while n < docs:
        source = samples[i % len(samples)]
        target = corpus / "samples" / f"{i:05d}-{source.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes() + f"\n（{i}）\n".encode(_encoding(source)))
        n, i = n + 1, i + 1
    t0 = time.perf_counter()
    ingest([corpus], db, Settings(jobs=2, names=False))
    print(f"built {docs} documents in {time.perf_counter() - t0:.0f} s")


def _encoding(path: Path) -> str:
    for enc in ("utf-8", "gb18030", "big5", "shift_jis"):
        try:
            path.read_bytes().decode(enc)
            return enc
        except UnicodeDecodeError:
            continue
    return "utf-8"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.db"
        if not db.exists():
            build(db, args.docs, Path(tmp))
        Store(db).close()  # a reused database gets the migrations added since it was built
        with Store(db, readonly=True) as store:
            total = store.count("documents")
            story = store.db.execute("SELECT story FROM story_members GROUP BY story"
                                     " ORDER BY COUNT(*) DESC LIMIT 1").fetchone()[0]
            entity, mentions = store.db.execute(
                "SELECT entity, COUNT(*) FROM mentions WHERE entity IS NOT NULL"
                " GROUP BY entity ORDER BY COUNT(*) DESC LIMIT 1").fetchone()
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                               log_level="warning"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        pages = {"overview": "/", "story (largest)": f"/stories/{story}", "stories": "/stories",
                 "actors": "/entities",
                 "entity (most mentioned)": f"/entities/{entity}",
                 "entity, last page": f"/entities/{entity}?page={-(-mentions // MENTIONS)}",
                 "conflicts": "/conflicts",
                 "search": "/search?q=首相", "timeline": "/timeline?since=2026-01"}
        print(f"database: {total} documents")
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            for name, url in pages.items():
                times = []
                for _ in range(args.runs):
                    t0 = time.perf_counter()
                    r = client.get(url)
                    times.append((time.perf_counter() - t0) * 1000)
                    r.raise_for_status()
                print(f"{name:26} median {statistics.median(times):7.1f} ms"
                      f"   (min {min(times):.1f}, max {max(times):.1f})")
        server.should_exit = True


if __name__ == "__main__":
    main()
