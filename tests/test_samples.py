"""The bundled samples read as a careful reader expects (samples/expected.json)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))
import samples_eval  # noqa: E402

GOLD = samples_eval.expected()["documents"]


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    return samples_eval.read_samples(tmp_path_factory.mktemp("samples") / "s.db")


def test_every_sample_is_read(docs):
    assert set(GOLD) <= set(docs)


@pytest.mark.parametrize("key", sorted(GOLD))
def test_metadata(docs, key):
    doc, want = docs[key], GOLD[key]
    assert doc.language == want["language"]
    assert doc.title == want["title"]
    assert doc.published == want["published"], doc.published_note
    assert doc.source == want["source"]
    if "encoding" in want and "#" not in key and not key.endswith(".html"):
        assert doc.meta["encoding"] == want["encoding"].replace("-sig", "-sig")


@pytest.mark.parametrize("key", sorted(GOLD))
def test_clutter_removed_and_article_kept(docs, key):
    doc, want = docs[key], GOLD[key]
    for line in want.get("clutter", []):
        assert line not in doc.text and line.strip() in doc.boilerplate
    for sentence in want.get("kept", []):
        assert sentence in doc.text


def test_sentence_counts_mostly_match(docs):
    exact = [k for k in GOLD if len(docs[k].sentences) == GOLD[k]["sentences"]]
    assert len(exact) >= 0.9 * len(GOLD)
