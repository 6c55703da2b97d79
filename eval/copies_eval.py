"""Copy detection against gold: translations (WMT document pairs) and near-duplicates (generated).

Translations: every document of ``wmt-docs-zh-ja-en`` — source and reference sides, all
domains, WMT21/22/24 — goes into one pool (the English sources that WMT24 en→ja and en→zh
share are one document). Documents of one record, or of one WMT24 tri-parallel group, are
translations of each other; every other pair is not. Precision and recall of the
translation pairs found, per language pair.

Near-duplicates: the bundled sample articles, plus the WMT news documents of three or more
segments as harder negatives (same outlets, same weeks), each with generated copies:
platform clutter added, two paragraphs swapped, 10 % of sentences edited, and Chinese
converted to the other script, alone and all together. A pair is predicted a copy when
both ends are in one group of duplicate / near-duplicate links.

Samples: the bundled sample articles ingested as they are; precision and recall of the copy
pairs found (translations, reposts) against ``samples/expected.json``. Among the samples
are independent reports of the same events in zh, ja and en, which must not be paired.

    python eval/copies_eval.py [--data DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import tempfile
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dossier.analyse import analyse  # noqa: E402
from dossier.link import copies  # noqa: E402
from dossier.model import Document  # noqa: E402
from dossier.store import Store  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
WMT = "wmt-docs-zh-ja-en/wmt_doc_pairs.jsonl"
PAIRS = (("en", "ja"), ("en", "zh"), ("ja", "zh"))
FAMILY = {"en": "en", "ja": "ja", "zh": "zh"}

CLUTTER = {
    "zh": ["点击查看大图", "关注我们，获取更多资讯", "【免责声明】本文仅代表作者本人观点，与本网无关。",
           "打开网易新闻 查看精彩图片", "责任编辑：王小明", "[图片]"],
    "ja": ["関連記事", "この記事の写真をすべて見る", "Yahoo!ニュース オリジナル 特集",
           "（写真：共同通信）", "【PR】今すぐアプリをダウンロード"],
    "en": ["Click here to download our app", "This story was automatically syndicated.",
           "Advertisement", "Share this article", "Related: more from Asia"],
}
EDIT_FILLER = {"zh": "据悉", "ja": "なお", "en": "reportedly"}


def store_documents(db: Path, docs: list[Document]) -> Store:
    """A new store holding ``docs`` (already analysed), as an ingest would leave them."""
    store = Store(db)
    with store.transaction():
        store.record_file("eval", "0", 0)
        for doc in docs:
            store.add_document(doc, "eval", set())
    return store


def document(text: str, title: str | None = None, published: str | None = None) -> Document:
    doc_id = hashlib.sha256(text.encode()).hexdigest()
    return analyse(Document(id=doc_id, path=doc_id[:12], text=text, title=title,
                            published=published))


def prf(predicted: set, gold: set) -> tuple[float, float, float]:
    tp = len(predicted & gold)
    p = tp / len(predicted) if predicted else 1.0
    r = tp / len(gold) if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# --- translations ---------------------------------------------------------------------------
def wmt_pool(data_dir: Path) -> tuple[dict[str, tuple[str, str]], dict[str, tuple]]:
    """text id → (language family, text); text id → group (set, docid)."""
    docs: dict[str, tuple[str, str]] = {}
    group: dict[str, tuple] = {}
    with (data_dir / WMT).open(encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            for side, lang in (("src", record["src_lang"]), ("ref", record["ref_lang"])):
                text = "\n".join(record[side])
                key = hashlib.sha256(text.encode()).hexdigest()
                if key not in docs:
                    docs[key] = (FAMILY[lang], text)
                    group[key] = (record["set"], record["docid"])
    return docs, group


def translations(data_dir: Path, tmp: Path) -> dict[str, float]:
    pool, group = wmt_pool(data_dir)
    docs = [document(text) for _, text in pool.values()]
    store = store_documents(tmp / "wmt.db", docs)
    started = time.perf_counter()
    with store:
        copies.update(store, [d.id for d in docs])
        found = [c for c in copies.copies(store) if c.relation == "translation"]
    elapsed = time.perf_counter() - started
    members = defaultdict(list)
    for key, g in group.items():
        members[g].append(key)
    gold = {frozenset(p) for keys in members.values() for p in combinations(keys, 2)
            if pool[p[0]][0] != pool[p[1]][0]}
    predicted = {frozenset((c.original, c.copy)) for c in found}
    out = {}
    def of_pair(pairs, a, b):
        return {p for p in pairs if sorted(pool[k][0] for k in p) == [a, b]}
    for a, b in PAIRS:
        p, r, f = prf(of_pair(predicted, a, b), of_pair(gold, a, b))
        out |= {f"copies.wmt.{a}-{b}.precision": p, f"copies.wmt.{a}-{b}.recall": r,
                f"copies.wmt.{a}-{b}.f1": f}
    out["copies.wmt.seconds_per_doc"] = elapsed / len(docs)
    return out


# --- near-duplicates ------------------------------------------------------------------------
def sample_articles() -> list[tuple[str, str, list[str]]]:
    """(key, text, keys of its reposts) for each bundled sample article that is plain text."""
    root = ROOT / "samples" / "articles"
    if not root.is_dir():
        root = ROOT / "samples"
    expected = {}
    if (ROOT / "samples" / "expected.json").exists():
        expected = json.loads((ROOT / "samples" / "expected.json").read_text(encoding="utf-8"))
    from dossier.read.files import read_file
    from dossier.settings import Settings

    out = []
    for path in sorted(root.rglob("*")):
        if path.suffix not in (".txt", ".md"):
            continue
        for item in read_file(path, Settings(), frozenset()):
            if isinstance(item, Document) and item.text.strip():
                out.append((str(path.relative_to(root)), item.text, item.title))
    same = {}
    for a, b in expected.get("reposts", []):
        same[b] = a
    return [(same.get(k, k), text, title) for k, text, title in out]


def _language(text: str) -> str:
    from dossier.analyse.lang import detect
    lang = detect(text)
    return "zh" if lang.startswith("zh") else lang


def variants(text: str, rng: random.Random) -> list[str]:
    """Generated copies of ``text``: each change alone, then all of them together."""
    import opencc

    lang = _language(text)
    lines = [line for line in text.split("\n") if line.strip()]

    def clutter(ls):
        junk = CLUTTER.get(lang, CLUTTER["en"])
        out = list(ls)
        for _ in range(3):
            out.insert(rng.randrange(1, len(out) + 1), rng.choice(junk))
        return [rng.choice(junk)] + out + [rng.choice(junk)]

    def reorder(ls):
        out = list(ls)
        if len(out) >= 3:
            i, j = rng.sample(range(1, len(out)), 2)
            out[i], out[j] = out[j], out[i]
        return out

    def edit(ls):
        from dossier.analyse.sentences import split
        joined = "\n".join(ls)
        spans = list(split(joined))
        chosen = rng.sample(spans, max(1, round(len(spans) * 0.1))) if spans else []
        for start, end in sorted(chosen, reverse=True):
            sentence = joined[start:end]
            cut = max(1, len(sentence) // 5)
            at = rng.randrange(0, max(1, len(sentence) - cut))
            glue = " " if lang == "en" else ""
            sentence = sentence[:at] + glue + EDIT_FILLER.get(lang, "") + glue + sentence[at + cut:]
            joined = joined[:start] + sentence + joined[end:]
        return joined.split("\n")

    def script(ls):
        if lang != "zh":
            return ls
        from dossier.analyse.lang import detect
        config = "s2t" if detect("\n".join(ls)) == "zh-Hans" else "t2s"
        converter = opencc.OpenCC(config)
        return [converter.convert(line) for line in ls]

    singles = [clutter(lines), reorder(lines), edit(lines)]
    if lang == "zh":
        singles.append(script(lines))
    combined = script(edit(reorder(clutter(lines))))
    return ["\n".join(v) for v in singles + [combined]]


def near_duplicates(data_dir: Path, tmp: Path) -> dict[str, float]:
    rng = random.Random(7)
    bases: list[tuple[str, str, str | None]] = sample_articles()
    wmt = data_dir / WMT
    if wmt.exists():
        with wmt.open(encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                if record["domain"] == "news" and len(record["src"]) >= 3:
                    bases.append((f"wmt:{record['set']}:{record['docid']}",
                                  "\n".join(record["src"]), None))
    docs, group = [], {}
    for key, text, title in bases:
        for version in [text] + variants(text, rng):
            doc = document(version, title=title)
            if doc.id not in group:
                docs.append(doc)
                group[doc.id] = key
    store = store_documents(tmp / "neardup.db", docs)
    with store:
        copies.update(store, [d.id for d in docs])
        links = [c for c in copies.copies(store) if c.relation != "translation"]
    parent = {d.id: d.id for d in docs}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for link in links:
        parent[find(link.original)] = find(link.copy)
    components = defaultdict(list)
    for d in docs:
        components[find(d.id)].append(d.id)
    predicted = {frozenset(p) for ms in components.values() for p in combinations(ms, 2)}
    by_key = defaultdict(list)
    for doc_id, key in group.items():
        by_key[key].append(doc_id)
    gold = {frozenset(p) for ms in by_key.values() for p in combinations(ms, 2)}
    p, r, f = prf(predicted, gold)
    return {"copies.neardup.precision": p, "copies.neardup.recall": r, "copies.neardup.f1": f,
            "copies.neardup.documents": float(len(docs))}


# --- the bundled samples -------------------------------------------------------------------
def samples(tmp: Path) -> dict[str, float]:
    """Translations and reposts found among the bundled samples vs ``samples/expected.json``.

    The samples hold several independent reports of the same events in zh, ja and en (the
    hard negatives: same names, same key figures) beside true translations and reposts. A
    predicted pair is any copy relation (duplicate, near-duplicate, translation); a gold
    pair is one listed under "translations", "reposts" or "script_conversions".
    """
    from dossier.pipeline import ingest

    root = ROOT / "samples" / "articles"
    expected = json.loads((ROOT / "samples" / "expected.json").read_text(encoding="utf-8"))
    gold = {frozenset(pair) for key in ("translations", "reposts", "script_conversions")
            for pair in expected.get(key, [])}
    db = tmp / "samples.db"
    ingest([root], db)
    with Store(db) as store:
        path = {doc_id: str(Path(p).resolve().relative_to(root.resolve())) if "#" not in p
                else str(Path(p.split("#")[0]).resolve().relative_to(root.resolve())) + "#" + p.split("#", 1)[1]
                for doc_id, p in store.db.execute("SELECT id, path FROM documents")}
        predicted = {frozenset((path[c.original], path[c.copy])) for c in copies.copies(store)}
    p, r, f = prf(predicted, gold)
    return {"copies.samples.precision": p, "copies.samples.recall": r, "copies.samples.f1": f}


def evaluate(data_dir: Path = DATA) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        out = samples(Path(tmp))
        out |= near_duplicates(data_dir, Path(tmp))
        if (data_dir / WMT).exists():
            out |= translations(data_dir, Path(tmp))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args()
    started = time.perf_counter()
    for metric, value in evaluate(args.data).items():
        print(f"{metric:40} {value:8.4f}")
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
