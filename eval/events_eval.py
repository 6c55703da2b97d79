"""Events and conflicts against annotated gold.

Four sets:
- ``samples``: the bundled samples with their planted conflicts and annotated events
  (samples/expected.json); events and conflicts were developed on them, so these figures
  are development figures.
- ``dev``: eval/dev, written and annotated before the extractor was run on it, and open
  for development (eval/dev/README.md);
- ``heldout``: eval/heldout, articles written and annotated before the extractor was run
  on them (eval/heldout/gold.json), the test figures; weakly used since (its README's log);
- ``heldout2``: eval/heldout2, a second test set written the same way when the first had
  been used, never developed on.

Events are matched as (document, sentence, type): a gold event is found when an event of
its type was extracted from the sentence that states it. On matched events the date
(exact TIMEX3 value) and the participants (entity ids, precision and recall) are scored.
A gold conflict is found when a cross-source conflict lists, for each gold value, at least
one of that value's documents under one value; precision counts cross-source conflicts
that match a gold one. Where a set's gold lists articles that contradict themselves
(``internal``), internal conflicts are scored too: one is right when it lies in a listed
article, and a listed article is found when one lies in it.

    python eval/events_eval.py            # all four sets
    python eval/events_eval.py samples dev  # only the sets named
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SETS = {
    "samples": (ROOT / "samples" / "articles", ROOT / "samples" / "expected.json"),
    "dev": (HERE / "dev" / "articles", HERE / "dev" / "gold.json"),
    "heldout": (HERE / "heldout" / "articles", HERE / "heldout" / "gold.json"),
    "heldout2": (HERE / "heldout2" / "articles", HERE / "heldout2" / "gold.json"),
}


def _ingest(articles: Path, db: Path):
    from dossier.pipeline import ingest
    from dossier.store import Store

    ingest([articles], db)
    store = Store(db, readonly=True)
    key = {d.id: str(Path(d.path).resolve().relative_to(articles.resolve()))
           for d in store.documents()}
    return store, key


def conflict_scores(store, key: dict[str, str], gold: list[dict]) -> tuple[float, float, int]:
    """Precision and recall of cross-source conflicts, and how many were reported."""
    found = [json.loads(r[0]) for r in store.db.execute(
        'SELECT "values" FROM conflicts WHERE kind = \'sources\'')]

    def matches(system: list[dict], want: dict) -> bool:
        docs = [{key.get(d, d) for d in v["documents"]} for v in system]
        return all(any(set(g["documents"]) & d for d in docs) for g in want["values"]) and \
            len({i for g in want["values"] for i, d in enumerate(docs) if set(g["documents"]) & d}) >= 2

    hit = sum(1 for g in gold if any(matches(s, g) for s in found))
    correct = sum(1 for s in found if any(matches(s, g) for g in gold))
    return correct / max(len(found), 1), hit / max(len(gold), 1), len(found)


def internal_scores(store, key: dict[str, str], gold: list[dict]) -> tuple[float, float]:
    """Precision and recall of internal conflicts against the gold's self-contradicting articles."""
    found = [{key.get(d, d) for v in json.loads(r[0]) for d in v["documents"]}
             for r in store.db.execute('SELECT "values" FROM conflicts WHERE kind = \'internal\'')]
    wanted = {g["document"] for g in gold}
    correct = sum(1 for docs in found if docs & wanted)
    hit = sum(1 for d in wanted if any(d in docs for docs in found))
    return correct / max(len(found), 1), hit / max(len(wanted), 1)


def event_scores(store, key: dict[str, str], gold: list[dict]) -> dict[str, float]:
    by_doc_text = {d.id: d for d in store.documents()}
    system = []
    for r in store.db.execute('SELECT document, sentence, type, date, participants FROM events'):
        doc = by_doc_text[r["document"]]
        s = doc.sentences[r["sentence"]]
        system.append((key[r["document"]], doc.text[s.start:s.end], r["type"], r["date"],
                       set(json.loads(r["participants"]))))
    matched, dates, p_hit, p_sys, p_gold = 0, 0, 0, 0, 0
    used = set()
    for g in gold:
        for i, (doc, sentence, kind, date, participants) in enumerate(system):
            if i in used or doc != g["document"] or kind != g["type"]:
                continue
            if g["sentence"] in sentence or sentence in g["sentence"]:
                used.add(i)
                matched += 1
                dates += date == g.get("date")
                want = set(g.get("participants", []))
                p_hit += len(want & participants)
                p_sys += len(participants)
                p_gold += len(want)
                break
    return {"precision": matched / max(len(system), 1), "recall": matched / max(len(gold), 1),
            "date_accuracy": dates / max(matched, 1),
            "participants_precision": p_hit / max(p_sys, 1),
            "participants_recall": p_hit / max(p_gold, 1)}


def evaluate(data_dir: Path | None = None, names: list[str] | None = None) -> dict[str, float]:
    out: dict[str, float] = {}
    for name, (articles, gold_file) in SETS.items():
        if names and name not in names:
            continue
        if not gold_file.exists():
            print(f"{name}: no gold at {gold_file}", file=sys.stderr)
            continue
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        with tempfile.TemporaryDirectory() as tmp:
            store, key = _ingest(articles, Path(tmp) / "e.db")
            try:
                p, r, n = conflict_scores(store, key, gold.get("conflicts", []))
                out[f"events.{name}.conflicts.reported"] = n
                out[f"events.{name}.conflicts.precision"] = p
                out[f"events.{name}.conflicts.recall"] = r
                if gold.get("internal"):  # a set that plants no contradiction scores none
                    p, r = internal_scores(store, key, gold["internal"])
                    out[f"events.{name}.internal.precision"] = p
                    out[f"events.{name}.internal.recall"] = r
                if gold.get("events"):
                    for metric, value in event_scores(store, key, gold["events"]).items():
                        out[f"events.{name}.{metric}"] = value
            finally:
                store.close()
    return out


if __name__ == "__main__":
    unknown = set(sys.argv[1:]) - set(SETS)
    if unknown:
        sys.exit(f"unknown set {', '.join(sorted(unknown))}: choose from {', '.join(SETS)}")
    for metric, value in evaluate(names=sys.argv[1:] or None).items():
        print(f"{metric:44} {value:.4f}")
