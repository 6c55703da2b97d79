"""Reading the bundled samples against the facts a careful reader expects.

``samples/expected.json`` says, per article: language, headline, publication date,
source, the planted clutter lines and article sentences that must survive cleaning.
Reports the share of each that dossier gets right, and the clutter counts.

    python eval/samples_eval.py
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
ARTICLES = SAMPLES / "articles"


def expected() -> dict:
    return json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))


def read_samples(db: Path) -> dict:
    """Ingest the samples into ``db``; documents keyed like expected.json (relative path#item)."""
    from dossier.pipeline import ingest
    from dossier.store import Store

    ingest([ARTICLES], db)
    with Store(db, readonly=True) as store:
        return {str(Path(d.path).resolve().relative_to(ARTICLES.resolve())): d
                for d in store.documents()}


def evaluate(data_dir: Path | None = None) -> dict[str, float]:
    gold = expected()["documents"]
    with tempfile.TemporaryDirectory() as tmp:
        docs = read_samples(Path(tmp) / "samples.db")
    fields = {"language": 0, "title": 0, "published": 0, "source": 0}
    planted = removed = kept_total = kept = counted = 0
    for key, want in gold.items():
        doc = docs.get(key)
        if doc is None:
            print(f"missing document: {key}", file=sys.stderr)
            continue
        for field in fields:
            if getattr(doc, field) == want.get(field):
                fields[field] += 1
            else:
                print(f"{key}: {field} is {getattr(doc, field)!r}, expected {want.get(field)!r}",
                      file=sys.stderr)
        counted += len(doc.sentences) == want.get("sentences")
        for line in want.get("clutter", []):
            planted += 1
            if line not in doc.text and line.strip() in doc.boilerplate:
                removed += 1
            else:
                print(f"{key}: clutter kept: {line!r}", file=sys.stderr)
        for sentence in want.get("kept", []):
            kept_total += 1
            if sentence in doc.text:
                kept += 1
            else:
                print(f"{key}: sentence lost: {sentence!r}", file=sys.stderr)
    n = len(gold)
    print(f"clutter: {removed} of {planted} planted lines removed; "
          f"{kept} of {kept_total} article sentences kept", file=sys.stderr)
    return {f"samples.{f}": v / n for f, v in fields.items()} | {
        "samples.clutter_removed": removed / max(planted, 1),
        "samples.sentences_kept": kept / max(kept_total, 1),
        "samples.sentence_count_exact": counted / n,
    }


if __name__ == "__main__":
    for metric, value in evaluate().items():
        print(f"{metric:32} {value:.4f}")
