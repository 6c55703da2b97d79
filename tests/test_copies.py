"""Copies: duplicates, near-duplicates, translations and bad input, on small hand-built documents."""

from __future__ import annotations

import hashlib
from pathlib import Path

import opencc
import pytest

from dossier.analyse import analyse
from dossier.export import export
from dossier.link import align, copies, minhash
from dossier.link.features import Features, extract
from dossier.model import Document
from dossier.store import Store

ZH = """英国首相斯塔默1月31日抵达东京，与日本首相高市早苗在首相官邸举行会谈。
双方同意在关键矿产、国防和经济安全领域加强合作，并宣布启动新的战略对话机制。
斯塔默此前结束了为期四天的访华行程，从上海飞抵东京。
会谈持续约20分钟，随后两国领导人共进工作晚餐。
高市早苗表示，日英两国是全球战略伙伴，将在下一代战斗机GCAP项目上继续密切合作。
英方表示，两国在2025年的双边贸易额达到约300亿英镑。"""

JA = """英国のスターマー首相は1月31日、東京の首相官邸で日本の高市早苗首相と会談した。
両首脳は重要鉱物、防衛、経済安全保障の分野で協力を強化することで一致し、新たな戦略対話の枠組みの立ち上げを発表した。
スターマー氏は4日間の中国訪問を終え、上海から東京に到着した。
会談は約20分間行われ、その後両首脳はワーキングディナーを共にした。
高市首相は、日英はグローバルな戦略的パートナーであり、次期戦闘機GCAP計画で引き続き緊密に協力すると述べた。
英国側によると、2025年の両国間の貿易額は約300億ポンドに達した。"""

EN = """British Prime Minister Keir Starmer met Japanese Prime Minister Sanae Takaichi at the prime minister's office in Tokyo on 31 January.
The two leaders agreed to strengthen cooperation on critical minerals, defence and economic security, and announced a new strategic dialogue.
Starmer arrived in Tokyo from Shanghai after a four-day visit to China.
The talks lasted about 20 minutes, after which the two leaders had a working dinner.
Takaichi said Japan and Britain are global strategic partners and will keep working closely on the GCAP next-generation fighter programme.
According to the British side, trade between the two countries reached about 30 billion pounds in 2025."""

# Another event with the same actors: must not be called a translation of the summit.
ZH_OTHER = """日本首相高市早苗2月9日在东京表示，自民党在众议院选举中赢得316个议席。
这是自民党建党以来获得的最多议席，在野党多名资深议员落选。
高市早苗表示将尽快组建新内阁，推进经济政策和国防政策。
分析人士认为，选举结果将巩固高市早苗在党内的地位。"""


def doc(text: str, title: str | None = None, published: str | None = None) -> Document:
    doc_id = hashlib.sha256(text.encode()).hexdigest()[:16]
    return analyse(Document(id=doc_id, path=f"{doc_id}.txt", text=text, title=title,
                            published=published))


def stored(tmp_path: Path, *docs: Document) -> Store:
    store = Store(tmp_path / "t.db")
    with store.transaction():
        store.record_file("f", "0", 0)
        for d in docs:
            store.add_document(d, "f", set())
    return store


def relations(store: Store) -> dict[frozenset, str]:
    return {frozenset((c.original, c.copy)): c.relation for c in copies.copies(store)}


def repost(text: str) -> str:
    """Clutter added, two paragraphs swapped, one sentence edited."""
    lines = text.split("\n")
    lines[1], lines[2] = lines[2], lines[1]
    lines[3] = lines[3].replace("随后", "此后")
    return "\n".join(["点击查看大图"] + lines + ["关注我们，获取更多资讯", "责任编辑：王小明"])


def test_signature_is_bytes_and_estimates_jaccard():
    a = set(range(1000))
    b = set(range(500, 1500))  # Jaccard 1/3
    sa, sb = minhash.signature(a), minhash.signature(b)
    assert isinstance(sa, bytes) and len(sa) == minhash.PERMUTATIONS * 4
    assert abs(minhash.similarity(sa, sb) - 1 / 3) < 0.12
    assert minhash.similarity(sa, minhash.signature(set(range(5000, 6000)))) < 0.1
    assert len(minhash.band_keys(sa)) == minhash.BANDS


def test_features_round_trip_through_bytes():
    f = extract(doc(ZH))
    back = Features.from_bytes(f.language, f.to_bytes())
    assert back.terms == pytest.approx(f.terms) and back.channel == f.channel
    assert back.paragraphs == f.paragraphs


def test_duplicate_near_duplicate_and_script_conversion(tmp_path):
    original = doc(ZH, published="2026-02-01")
    exact = doc(ZH + "\n", published="2026-02-02")
    near = doc(repost(ZH))
    traditional = doc(opencc.OpenCC("s2t").convert(ZH))
    other = doc(ZH_OTHER)
    with stored(tmp_path, original, exact, near, traditional, other) as store:
        copies.update(store, [original.id, exact.id, near.id, traditional.id, other.id])
        found = relations(store)
    assert found[frozenset((original.id, exact.id))] == "duplicate"
    assert found[frozenset((original.id, near.id))] == "near_duplicate"
    # The other script is a near-duplicate, never a translation.
    assert traditional.language == "zh-Hant"
    assert found[frozenset((original.id, traditional.id))] == "near_duplicate"
    assert not any(other.id in pair for pair in found)


def test_translations_across_three_languages_with_alignment(tmp_path):
    zh, ja, en, other = doc(ZH), doc(JA), doc(EN), doc(ZH_OTHER)
    with stored(tmp_path, other, zh, ja, en) as store:
        copies.update(store, [other.id, zh.id, ja.id, en.id])
        found = relations(store)
        data = export(store)
    assert found.get(frozenset((zh.id, ja.id))) == "translation"
    assert found.get(frozenset((en.id, ja.id))) == "translation" or \
        found.get(frozenset((en.id, zh.id))) == "translation"
    assert not any(other.id in pair for pair in found)
    translation = next(c for c in data["copies"] if c["relation"] == "translation")
    assert translation["alignment"], "a translation comes with its sentence alignment"


def test_alignment_pairs_sentences_in_order():
    beads = align.align(doc(ZH), doc(JA))
    assert [(b.a_start, b.b_start) for b in beads] == [(i, i) for i in range(6)]
    assert align.coverage(beads, 6, 6) >= 0.6


def test_incremental_and_idempotent(tmp_path):
    a, b = doc(ZH), doc(repost(ZH))
    with stored(tmp_path, a, b) as store:
        copies.update(store, [a.id])
        assert copies.copies(store) == []
        first = copies.update(store, [b.id])
        assert [c.relation for c in first] == ["near_duplicate"]
        assert copies.update(store, [a.id, b.id]) == []  # already indexed: nothing new
        assert store.count("copy_features") == 2


@pytest.mark.parametrize("texts", [
    ["", ""],
    ["2026 2025 316 465", "2026 2025 316 465"],
    ["123456789", "123 456 789"],
    ["Starmer met Takaichi in Tokyo.", "スターマー首相は東京で高市首相と会談した。"],
    ["斯塔默抵达东京。", "斯塔默抵达东京！"],
])
def test_bad_input_no_crash_no_false_copies(tmp_path, texts):
    docs = [doc(t) if t else Document(id=f"empty{i}", path=f"e{i}", text="")
            for i, t in enumerate(texts)]
    unique = {d.id: d for d in docs}
    with stored(tmp_path, *unique.values()) as store:
        found = copies.update(store, list(unique))
    assert found == []
