"""Cross-script name linking (``dossier.link.resolve.link``) against a hand-written gold list.

Gold: ``eval/gold/names_xscript.jsonl``, one actor per line — its name in two or three of
en / ja / zh as written in one translation pair of ``wmt-docs-zh-ja-en`` (WMT24 en→ja+en→zh
tri-parallel news, WMT21 ja→en news, WMT24 ja→zh news), its type, the pair it comes from,
and for some the short form the same documents use (Habeck / ハーベック / 哈贝克).

Protocol:

- Every gold name becomes one candidate in its language, with the gold type, in the
  document ``<pair id>#<language>``; all candidates of all lines go into one pool, so the
  names of every other line are the distractors (three Johnsons, two Kevins, two
  Washingtons, two Yoshikawas, sumo names that are one word).
- Context, built only from what the pair gives: ``co_mentions`` are the gazetteer ids the
  gazetteer finds in that side of the pair (the full document text); ``entity_id`` is the
  gazetteer id when the gazetteer matches the whole name; *aligned* pairs are two names
  of one pair, in two languages, found in one aligned segment (WMT segments are aligned
  1:1), which is what ``dossier.link.align`` gives the pipeline.
- ``link`` clusters the pool; pairwise precision and recall of same-actor pairs against
  the gold lines. Reported with every signal (``linking.*``), without the alignment
  signal (``linking.noalign.*``), without gazetteer ids (``linking.nogaz.*``), and with
  the names alone (``linking.nameonly.*``), plus recall per type and per script pair.
- Short forms: for each line with a ``short`` form, in each language, ``short_forms``
  gets the pair's gold full names of that language plus the short form (and a title
  variant: "Mr …" / "…氏" / "…先生") and must link each short form to its full name;
  ``linking.short.accuracy`` is the share linked correctly, ``linking.short.precision``
  the share of links made that are right.

    python eval/linking_eval.py [--data DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dossier.analyse.gazetteer import Gazetteer  # noqa: E402
from dossier.link.resolve import Candidate, link, short_forms  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
GOLD = ROOT / "eval" / "gold" / "names_xscript.jsonl"
WMT = "wmt-docs-zh-ja-en"
LANGUAGE = {"en": "en", "ja": "ja", "zh": "zh-Hans"}
TITLES = {"en": "Mr {}", "ja": "{}氏", "zh": "{}先生"}


def load_gold(path: Path = GOLD) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def segments(data_dir: Path) -> dict[str, dict[str, list[str]]]:
    """Pair id → language → aligned segments, for the pairs the gold cites."""
    out: dict[str, dict[str, list[str]]] = {}
    folder = data_dir / WMT
    if not folder.exists():
        return out
    for line in (folder / "wmt_doc_pairs.jsonl").open(encoding="utf-8"):
        d = json.loads(line)
        out[d["id"]] = {d["src_lang"]: d["src"], d["ref_lang"]: d["ref"]}
    for line in (folder / "wmt24_en_ja_zh_triparallel.jsonl").open(encoding="utf-8"):
        d = json.loads(line)
        out[f"wmt24-generaltest2024|en-ja+en-zh|{d['docid']}"] = {k: d[k] for k in ("en", "ja", "zh")}
    return out


def candidates(gold: list[dict], data_dir: Path, gazetteer: Gazetteer
               ) -> tuple[list[Candidate], list[int], set[tuple[int, int]]]:
    """The candidate pool, the gold line of each candidate, and the aligned pairs."""
    segs = segments(data_dir)
    by_source: dict[str, list[dict]] = defaultdict(list)
    for g in gold:
        by_source[g["source"]].append(g)
    pool: list[Candidate] = []
    line_of: list[int] = []
    where: list[tuple[str, str, set[int]]] = []  # source, language, segment indexes
    for n, g in enumerate(gold):
        for lang, name in g["names"].items():
            side = segs.get(g["source"], {}).get(lang)
            if side:
                text = "\n".join(side)
            else:  # no data: the pair's gold names stand in for its text
                text = "\n".join(x["names"].get(lang, "") for x in by_source[g["source"]])
            mentions = _mentions(gazetteer, text, LANGUAGE[lang])
            own = _whole(gazetteer, name, LANGUAGE[lang])
            pool.append(Candidate(name, LANGUAGE[lang], g["type"], f"{g['source']}#{lang}",
                                  frozenset(mentions - {own}), entity_id=own))
            line_of.append(n)
            where.append((g["source"], lang,
                          {k for k, s in enumerate(side or []) if name in s} or {-1}))
    aligned = {(i, j) for i, j in combinations(range(len(pool)), 2)
               if where[i][0] == where[j][0] and where[i][1] != where[j][1]
               and where[i][2] & where[j][2]}
    return pool, line_of, aligned


def _mentions(gazetteer: Gazetteer, text: str, language: str) -> set[str]:
    return {m.entity_id for m in gazetteer.find(text, language)}


def _whole(gazetteer: Gazetteer, name: str, language: str) -> str | None:
    found = gazetteer.find(name, language)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(name):
        return found[0].entity_id
    return None


def pairwise(clusters: list[list[int]], line_of: list[int]) -> tuple[set, set]:
    predicted = {(i, j) for c in clusters for i, j in combinations(sorted(c), 2)}
    by_line: dict[int, list[int]] = defaultdict(list)
    for i, n in enumerate(line_of):
        by_line[n].append(i)
    gold = {(i, j) for c in by_line.values() for i, j in combinations(sorted(c), 2)}
    return predicted, gold


def prf(predicted: set, gold: set) -> tuple[float, float, float]:
    tp = len(predicted & gold)
    p = tp / len(predicted) if predicted else 1.0
    r = tp / len(gold) if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _strip(c: Candidate, gazetteer_ids: bool, co_mentions: bool) -> Candidate:
    return Candidate(c.name, c.language, c.type, c.document,
                     c.co_mentions if co_mentions else frozenset(), c.country, c.office,
                     c.entity_id if gazetteer_ids else None)


def run(pool, line_of, aligned, *, gazetteer_ids=True, co_mentions=True, alignment=True):
    cands = [_strip(c, gazetteer_ids, co_mentions) for c in pool]
    clusters = link(cands, aligned if alignment else ())
    return clusters, *pairwise(clusters, line_of)


def short_form_scores(gold: list[dict]) -> tuple[float, float, int]:
    by_source: dict[str, list[dict]] = defaultdict(list)
    for g in gold:
        by_source[g["source"]].append(g)
    right = made = total = 0
    for lines in by_source.values():
        for lang in LANGUAGE:
            fulls = [(g["names"][lang], g["type"]) for g in lines if lang in g["names"]]
            shorts = [(g["short"][lang], g["type"], g["names"][lang]) for g in lines
                      if lang in g.get("short", {})]
            for short, kind, full in shorts:
                for form in (short, TITLES[lang].format(short)):
                    names = [Candidate(n, LANGUAGE[lang], t) for n, t in fulls]
                    names.append(Candidate(form, LANGUAGE[lang], kind))
                    links = short_forms(names)
                    total += 1
                    target = links.get(len(names) - 1)
                    if target is not None:
                        made += 1
                        right += names[target].name == full
    return right / total if total else 1.0, right / made if made else 1.0, total


def evaluate(data_dir: Path = DATA) -> dict[str, float]:
    gold = load_gold()
    gazetteer = Gazetteer.load()
    pool, line_of, aligned = candidates(gold, data_dir, gazetteer)
    out: dict[str, float] = {}
    for prefix, kwargs in (("linking", {}),
                           ("linking.noalign", {"alignment": False}),
                           ("linking.nogaz", {"gazetteer_ids": False}),
                           ("linking.nameonly", {"alignment": False, "gazetteer_ids": False,
                                                 "co_mentions": False})):
        _, predicted, gold_pairs = run(pool, line_of, aligned, **kwargs)
        p, r, f = prf(predicted, gold_pairs)
        out |= {f"{prefix}.precision": p, f"{prefix}.recall": r, f"{prefix}.f1": f}
    accuracy, precision, _ = short_form_scores(gold)
    out["linking.short.accuracy"] = accuracy
    out["linking.short.precision"] = precision
    return out


def breakdown(pool, line_of, predicted, gold_pairs) -> list[tuple[str, float, int]]:
    rows = []
    groups: dict[str, set] = defaultdict(set)
    for i, j in gold_pairs:
        a, b = sorted((pool[i].language[:2], pool[j].language[:2]))
        groups[f"{a}-{b}"].add((i, j))
        groups[pool[i].type].add((i, j))
    for name, pairs in sorted(groups.items()):
        rows.append((name, len(pairs & predicted) / len(pairs), len(pairs)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--errors", action="store_true", help="list wrong and missed links")
    args = parser.parse_args()
    gold = load_gold()
    gazetteer = Gazetteer.load()
    pool, line_of, aligned = candidates(gold, args.data, gazetteer)
    print(f"{len(gold)} gold actors, {len(pool)} candidates, {len(aligned)} aligned pairs")
    print(f"{'setting':<34}{'precision':>10}{'recall':>8}{'f1':>8}{'pairs':>7}")
    settings = (("all signals", {}),
                ("without alignment", {"alignment": False}),
                ("without gazetteer ids", {"gazetteer_ids": False}),
                ("alignment only (no gaz, no co-m.)", {"gazetteer_ids": False,
                                                       "co_mentions": False}),
                ("names alone", {"alignment": False, "gazetteer_ids": False,
                                 "co_mentions": False}))
    results = {}
    for label, kwargs in settings:
        clusters, predicted, gold_pairs = run(pool, line_of, aligned, **kwargs)
        results[label] = (clusters, predicted, gold_pairs)
        p, r, f = prf(predicted, gold_pairs)
        print(f"{label:<34}{p:>10.3f}{r:>8.3f}{f:>8.3f}{len(gold_pairs):>7}")
    for label in ("all signals", "without alignment"):
        _, predicted, gold_pairs = results[label]
        print(f"recall by group, {label}: " + ", ".join(
            f"{name} {r:.2f} ({n})" for name, r, n in breakdown(pool, line_of, predicted, gold_pairs)))
    accuracy, precision, total = short_form_scores(gold)
    print(f"short forms: accuracy {accuracy:.3f}, precision {precision:.3f} ({total} cases)")
    if args.errors:
        for label in ("all signals", "without alignment"):
            _, predicted, gold_pairs = results[label]
            print(f"\n== {label}: wrong links")
            for i, j in sorted(predicted - gold_pairs):
                print(f"  {pool[i].name} ~ {pool[j].name}")
            print(f"== {label}: missed links")
            for i, j in sorted(gold_pairs - predicted):
                print(f"  {pool[i].name} ~ {pool[j].name}")


if __name__ == "__main__":
    main()
