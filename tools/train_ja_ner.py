"""Train the Japanese person tagger (a token CRF) on the dev half of the Stockmark set.

    python tools/train_ja_ner.py [--data DIR] [--out PATH] [--folds K] [--check N]

Reads ``ner-ja-stockmark-wikipedia/ner.json`` from the shared data folder (never copied
into the repository) and keeps only the dev half, the articles with an even ``curid``:
the odd ones are the test half ``eval/ner_eval.py`` reports, and are never read here.
Sentences are cut into Sudachi tokens (mode C, as ``dossier.analyse.names.ja`` does),
labelled BIO with the set's types (人名 PER; 法人名, 政治的組織名, その他の組織名 ORG;
地名 LOC; 施設名 FAC; 製品名 PRD; イベント名 EVT), and given the features of
``ja_crf.feature_keys``, the rules' own names among them. CRFsuite trains the CRF
(L-BFGS, deterministic) and the weights are exported to
``src/dossier/resources/models/ja_names.npz``.

``--folds K`` instead cross-validates on the dev half (K folds by article) and prints the
person P/R/F1 of the rules alone and of the rules with the model, without writing a
model: that is how the options were chosen.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dossier.analyse.names import ja, ja_crf  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
LABELS = {
    "人名": "PER", "法人名": "ORG", "政治的組織名": "ORG", "その他の組織名": "ORG",
    "地名": "LOC", "施設名": "FAC", "製品名": "PRD", "イベント名": "EVT",
}

Row = tuple[int, str, list[tuple[int, int, str]]]  # curid, text, gold spans


def dev_rows(data: Path) -> list[Row]:
    """The dev half (even curid): (curid, text, [(start, end, label)]), overlaps removed."""
    records = json.loads((data / "ner-ja-stockmark-wikipedia" / "ner.json").read_text("utf-8"))
    out = []
    for r in records:
        curid = int(r["curid"])
        if curid % 2:
            continue  # the test half: never read for training
        spans: list[tuple[int, int, str]] = []
        for e in sorted(r["entities"], key=lambda e: e["span"]):
            a, b = e["span"]
            if e["type"] in LABELS and (not spans or a >= spans[-1][1]):
                spans.append((a, b, LABELS[e["type"]]))
        out.append((curid, r["text"], spans))
    return out


def token_labels(tokens: list[tuple], spans: list[tuple[int, int, str]]) -> list[str]:
    """BIO per token: B on the token a name starts in, I on the later tokens it covers."""
    labels = ["O"] * len(tokens)
    for a, b, label in spans:
        inside = [k for k, t in enumerate(tokens) if t[0] < b and a < t[1]]
        for n, k in enumerate(inside):
            labels[k] = ("B-" if n == 0 else "I-") + label
    return labels


def prepared(rows: list[Row]):
    """(tokens, rule spans, labels) per sentence: the tokenising and the rules run once."""
    out = []
    for _, text, spans in rows:
        tokens, kinds = ja._tokens_and_kinds(text)
        if not tokens:
            continue
        rules = [(n.start, n.end, n.type) for n in ja.rule_names(text, tokens, kinds)]
        out.append((text, tokens, rules, token_labels(tokens, spans), spans))
    return out


def vocabularies(items) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Words seen at least twice, and every part of speech seen, in the training sentences."""
    words, parts = Counter(), set()
    for _, tokens, _, _, _ in items:
        for t in tokens:
            words[t[2]] += 1
            parts.add(ja_crf._part_name(t[3]))
    return tuple(sorted(w for w, c in words.items() if c >= 2)), tuple(sorted(parts))


def columns(item, words: dict[str, int], parts: dict[str, int]) -> ja_crf.Sentence:
    _, tokens, rules, _, _ = item
    return ja_crf.sentences(tokens, rules, words, parts, ja.name_bits)


def train(items, args, path: Path) -> ja_crf.Model:
    """Train on the prepared sentences; CRFsuite's own model is written to ``path``."""
    import pycrfsuite

    words, parts = vocabularies(items)
    word_ids = {w: k + 2 for k, w in enumerate(words)}
    part_ids = {p: k + 2 for k, p in enumerate(parts)}
    trainer = pycrfsuite.Trainer(verbose=False)
    for item in items:
        s = columns(item, word_ids, part_ids)
        attributes = ja_crf.attribute_strings(ja_crf.feature_keys(s))
        labels = item[3]
        at = 0  # one CRFsuite sequence per sentence, as the tagger sees them
        for length in s.lengths.tolist():
            trainer.append(attributes[at:at + length], labels[at:at + length])
            at += length
    trainer.set_params({
        "c1": args.c1,  # L1 keeps the model small (most weights go to zero)
        "c2": args.c2,
        "max_iterations": args.iterations,
        "feature.possible_transitions": True,
        "feature.minfreq": args.minfreq,
    })
    trainer.train(str(path))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return ja_crf.Model.from_crfsuite(tagger.info(), words, parts)


def check(crfsuite_path: Path, model: ja_crf.Model, items) -> int:
    """Sentences where the numpy decoder's names differ from those of CRFsuite's best path."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(crfsuite_path))
    bad = 0
    for item in items:
        s = columns(item, model.word_ids, model.part_ids)
        attributes = ja_crf.attribute_strings(ja_crf.feature_keys(s))
        want, at = [], 0
        for length in s.lengths.tolist():
            path = tagger.tag(attributes[at:at + length])
            # an I- label that continues no name of its type opens one, as the decoder reads it
            want += [("B-" + label[2:] if label[0] == "I" and (
                k == 0 or path[k - 1][2:] != label[2:]) else label)
                for k, label in enumerate(path)]
            at += length
        got = ["O"] * len(attributes)
        for i, j, label in ja_crf.tag(model, s):
            for k in range(i, j):
                got[k] = ("B-" if k == i else "I-") + label
        bad += got != want
    return bad


def people(model: ja_crf.Model | None, item) -> set[tuple[int, int]]:
    """The people found in one prepared sentence: the rules' alone (``model`` None), or
    as ``dossier.analyse.names.ja`` reports them with the model."""
    text, tokens, rules, _, _ = item
    if model is None:
        return {(a, b) for a, b, kind in rules if kind == "person"}
    s = columns(item, model.word_ids, model.part_ids)
    first = {t[0]: k for k, t in enumerate(tokens)}
    after = {t[1]: k + 1 for k, t in enumerate(tokens)}
    rule_people = [(first[a], after[b]) for a, b, kind in rules
                   if kind == "person" and a in first and b in after]
    return {(tokens[i][0], tokens[j - 1][1]) for i, j in ja_crf.people(model, s, rule_people)}


def cross_validate(items, curids: list[int], args) -> None:
    counts = {name: Counter() for name in ("rules", "model")}
    for fold in range(args.folds):
        held = [k for k, c in enumerate(curids) if (c // 2) % args.folds == fold]
        held_set = set(held)
        with tempfile.TemporaryDirectory() as tmp:
            model = train([it for k, it in enumerate(items) if k not in held_set], args,
                          Path(tmp) / "ja_names.crfsuite")
        for name, m in (("rules", None), ("model", model)):
            for k in held:
                gold = {(a, b) for a, b, label in items[k][4] if label == "PER"}
                pred = people(m, items[k])
                counts[name]["tp"] += len(gold & pred)
                counts[name]["pred"] += len(pred)
                counts[name]["gold"] += len(gold)
        print(f"fold {fold + 1} of {args.folds} done", flush=True)
    for name, c in counts.items():
        p, r = c["tp"] / max(c["pred"], 1), c["tp"] / max(c["gold"], 1)
        print(f"{name:6} person P {p:.3f}  R {r:.3f}  F1 {2 * p * r / max(p + r, 1e-9):.3f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--out", type=Path, default=ja_crf.MODEL)
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.05)
    ap.add_argument("--minfreq", type=float, default=1)
    ap.add_argument("--folds", type=int, default=0, help="cross-validate on the dev half instead")
    ap.add_argument("--check", type=int, default=200,
                    help="compare the export with CRFsuite on this many sentences")
    args = ap.parse_args()
    started = time.perf_counter()
    rows = dev_rows(args.data)
    items = prepared(rows)
    curids = [c for (c, text, _) in rows if text and ja._tokens(text)]
    if args.folds:
        cross_validate(items, curids, args)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        crfsuite_path = Path(tmp) / "ja_names.crfsuite"
        model = train(items, args, crfsuite_path)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        model.save(args.out)
        # the export is decoded by other code than CRFsuite's: check that they agree
        mismatches = check(crfsuite_path, ja_crf.Model.load(args.out), items[:args.check])
    print(f"trained on {len(items)} sentences in {time.perf_counter() - started:.0f} s; "
          f"{args.out} ({args.out.stat().st_size / 1e6:.2f} MB, {len(model.keys)} weights); "
          f"export differs from CRFsuite on {mismatches} of {min(args.check, len(items))} "
          "check sentences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
