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


# --- independent reports of one event are not translations ----------------------------------
# The same election reported independently in Japanese and in Chinese: the same party, the
# same seat counts and dates, but each with figures of its own and arranged differently.
JA_ELECTION = """第51回衆議院議員総選挙は8日投開票され、自民党は単独で316議席を獲得した。公示前の198議席から118議席増やし、1955年の結党以来最多となった。
連立を組む日本維新の会の36議席と合わせ、与党の議席は計352に達した。自民党は単独で衆院定数465の3分の2を上回り、憲法改正の発議に必要な勢力を確保した。
高市早苗首相は昨年10月の就任から約3か月で衆院解散に踏み切っていた。選挙戦は1月27日の公示から12日間にわたった。
与党内では、年内の憲法改正発議を視野に入れた議論が活発化するとの見方も出ている。"""

ZH_ELECTION = """日本第51届众议院选举8日举行投票，随后开票。根据日本媒体汇总的结果，执政的自民党单独获得316个议席，比选举前增加118席。
这是自民党1955年成立以来在众议院获得的最多议席。众议院共有465个议席，自民党一党所占席位已超过三分之二。
与自民党联合执政的日本维新会获得36席，执政联盟合计拥有352席。
本次选举于1月27日发布公告，选战持续12天。首相高市早苗于去年10月上台，今年1月宣布解散众议院。
分析人士指出，自民党大胜将使高市政府在推进防卫政策和修宪议程方面拥有更大空间。"""


def test_independent_reports_of_one_event_are_not_translations(tmp_path, monkeypatch):
    ja, zh = doc(JA_ELECTION), doc(ZH_ELECTION)
    with stored(tmp_path, ja, zh) as store:
        copies.update(store, [ja.id, zh.id])
        assert relations(store) == {}
    # Without the sentence-level check the document score alone calls them a translation:
    # this test guards the check, not an accident of the scores.
    monkeypatch.setattr(copies, "_carried_over", lambda beads, a, b, **_: True)
    ja2, zh2 = doc(JA_ELECTION + "\n"), doc(ZH_ELECTION + "\n")
    (tmp_path / "again").mkdir()
    with stored(tmp_path / "again", ja2, zh2) as store:
        copies.update(store, [ja2.id, zh2.id])
        assert relations(store) == {frozenset((ja2.id, zh2.id)): "translation"}


def test_translation_keeps_anchors_sentence_by_sentence():
    zh, ja, other = doc(ZH), doc(JA), doc(ZH_ELECTION)
    beads = align.align(zh, ja)
    kept, shared = align.agreement(beads, align.anchors(zh), align.anchors(ja))
    assert shared >= 3 and kept >= 0.9
    assert align.evidence(beads, align.anchors(zh), align.anchors(ja)) >= copies.MIN_EVIDENCE
    election = doc(JA_ELECTION)
    beads = align.align(election, other)
    assert align.evidence(beads, align.anchors(election), align.anchors(other)) < copies.MIN_EVIDENCE


def test_anchors_sit_in_their_sentences():
    d = doc(ZH)
    anchors = align.anchors(d)
    assert len(anchors) == len(d.sentences)
    assert "n:31" in anchors[0] and "n:31" not in anchors[1]
    assert "n:20" in anchors[3]  # 会谈持续约20分钟
    assert not any("n:4" in a for a in anchors)  # below 10: English spells these out


# --- short zh–ja transcripts ----------------------------------------------------------------
JA_SPEECH = ("皆さんこんにちは、今日は東京の天気と交通の状況についてお伝えします、午後から雨が強くなる見込みで、"
             "電車の遅れにも注意してください")
ZH_SPEECH = "大家好，今天为大家介绍东京的天气和交通状况，预计从下午开始雨势将会增强，请大家注意电车的延误情况"


def test_short_one_sentence_zh_ja_transcripts_are_translations(tmp_path):
    ja, zh = doc(JA_SPEECH), doc(ZH_SPEECH)
    assert len(ja.sentences) == len(zh.sentences) == 1
    with stored(tmp_path, ja, zh) as store:
        copies.update(store, [ja.id, zh.id])
        assert relations(store) == {frozenset((ja.id, zh.id)): "translation"}


# --- speed: a few queries per document, not one per term ------------------------------------
def test_statements_per_document_stay_few(tmp_path):
    texts = [ZH, JA, EN, ZH_OTHER, JA_ELECTION, ZH_ELECTION, repost(ZH)]
    docs = [doc(t) for t in texts] + [doc(f"{t}\n{i}") for i, t in enumerate(texts)]
    unique = list({d.id: d for d in docs}.values())
    with stored(tmp_path, *unique) as store:
        statements = []
        store.db.set_trace_callback(statements.append)
        copies.update(store, [d.id for d in unique])
        store.db.set_trace_callback(None)
    # Before batching: one idf query per term and one postings query per query term,
    # about 290 queries per document. (Rows written by executemany are traced one by one:
    # only the queries are counted.) Translation checks read the two documents again.
    queries = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(queries) / len(unique) < 25


def test_fast_paths_match_the_plain_definitions():
    import zlib

    from dossier.analyse.fold import fold
    from dossier.link import features, lexicon

    text = ZH + "\n" + JA + "\n" + EN
    counted: dict[tuple[str, str], float] = {}
    for channel, term, weight in features.text_terms(text, "ja"):
        counted[channel, term] = counted.get((channel, term), 0.0) + weight
    assert features.term_counts(text, "ja") == pytest.approx(counted)
    assert features.term_counts(text, "ja", fold(text)) == pytest.approx(counted)
    tokens = minhash._TOKEN.findall(fold(JA))
    k = minhash.SHINGLE_CJK
    assert minhash.shingles(JA) == {zlib.crc32("".join(tokens[i:i + k]).encode())
                                    for i in range(len(tokens) - k + 1)}
    words = lexicon.glosses()
    run = fold("首相官邸で日英首脳会談経済安全保障重要鉱物")
    plain, i = [], 0
    while i < len(run):  # greedy longest match, every length tried
        n = next(n for n in range(min(lexicon.MAX_WORD, len(run) - i), 0, -1)
                 if n == 1 or run[i:i + n] in words)
        plain.append(run[i:i + n])
        i += n
    assert lexicon.segment(run) == plain
    assert "elect" in lexicon.glosses()["选举"]


def test_samples_copies_match_expected(tmp_path):
    """Translations and reposts of the bundled samples, and no independent report among them."""
    import json

    from dossier.pipeline import ingest

    root = Path(__file__).resolve().parents[1] / "samples"
    expected = json.loads((root / "expected.json").read_text(encoding="utf-8"))
    gold = {frozenset(p) for key in ("translations", "reposts") for p in expected[key]}
    ingest([root / "articles"], tmp_path / "s.db")
    with Store(tmp_path / "s.db") as store:
        path = {i: str(Path(p).resolve().relative_to((root / "articles").resolve()))
                for i, p in store.db.execute("SELECT id, path FROM documents") if "#" not in p}
        found = {frozenset((path.get(c.original, c.original), path.get(c.copy, c.copy)))
                 for c in copies.copies(store)}
    assert found == gold


# --- one-sentence transcripts, translation groups -----------------------------------------
ZH_SPEECH_SPLIT = ("大家好。今天为大家介绍东京的天气和交通状况。预计从下午开始雨势将会增强。"
                   "请大家注意电车的延误情况。")


def test_one_sentence_against_many_is_one_bead():
    # A Japanese transcript written with spaces (one "sentence") against its Chinese
    # translation in four sentences: one bead takes all of them, with lexical support.
    ja, zh = doc(JA_SPEECH), doc(ZH_SPEECH_SPLIT)
    assert len(ja.sentences) == 1 and len(zh.sentences) == 4
    beads = align.align(ja, zh)
    assert [(b.a_start, b.a_end, b.b_start, b.b_end) for b in beads] == [(0, 1, 0, 4)]
    assert beads[0].score > copies.MIN_BEAD_SCORE


def _edges(*links):
    edges = {}
    for a, b, strength in links:
        edges.setdefault(a, []).append((b, (a, b), strength))
        edges.setdefault(b, []).append((a, (a, b), strength))
    return edges


def test_min_cut_keeps_a_link_backed_by_a_triangle():
    # en–ja, ja–zh and en–zh agree; a stronger en–zh2 link would put two Chinese texts in
    # one group. Cutting it (2.4) is cheaper than cutting zh away from en and ja (1.9 + 1.2).
    edges = _edges(("en", "ja", 2.5), ("ja", "zh", 1.2), ("en", "zh", 1.9), ("en", "zh2", 2.4))
    assert copies._min_cut(edges, "zh2", "zh") == {("en", "zh2")}
    # Without the triangle the weaker lone link goes.
    edges = _edges(("en", "zh", 1.9), ("en", "zh2", 2.4))
    assert copies._min_cut(edges, "zh2", "zh") == {("en", "zh")}


def test_strength_compares_language_pairs_by_their_thresholds():
    assert copies._strength("ja", "en", copies.TRANSLATION["en", "ja"]) == 1.0
    assert copies._strength("zh", "ja", 2 * copies.TRANSLATION["ja", "zh"]) == 2.0


def test_translation_group_holds_one_document_per_language(tmp_path):
    # Each English text has its own Chinese translation; a Japanese text linked to one
    # group must not also link a Chinese text of the other.
    ids = {"en1": "en", "zh1": "zh-Hans", "en2": "en", "zh2": "zh-Hans", "ja1": "ja"}
    docs = [Document(id=d, path=d, text=d, language=lang) for d, lang in ids.items()]
    with stored(tmp_path, *docs) as store:
        for i, (d, lang) in enumerate(ids.items()):
            store.db.execute("INSERT INTO copy_features (n, document, language, shingles, features)"
                             " VALUES (?, ?, ?, 0, x'')", (i + 1, d, lang))
        index = copies._Index(store)
        for o, c, s in (("en1", "zh1", 0.8), ("en2", "zh2", 0.8), ("en1", "ja1", 0.8)):
            store.db.execute("INSERT INTO copies VALUES (?, ?, 'translation', ?)", (o, c, s))
        # ja1–zh2 (weak) would join zh1 and zh2: turned down.
        assert index._inconsistent("ja1", "zh2", copies._strength("ja", "zh", 0.3), set()) is None
        # zh1–ja1 closes the en1 triangle: nothing to drop.
        assert index._inconsistent("zh1", "ja1", copies._strength("ja", "zh", 0.3), set()) == []


def test_aligned_sentences_naming_different_actors_and_sharing_nothing_are_counted():
    from dossier.link.align import Bead, unshared
    a = [frozenset({"e:person:sanae-takaichi", "d:2025-11-21"}), frozenset({"e:org:g20", "n:20"})]
    b = [frozenset({"e:person:li-qiang"}), frozenset({"e:org:g20"}), frozenset({"n:23"})]
    beads = [Bead(0, 1, 0, 1, 0.2), Bead(1, 2, 1, 3, 0.4)]
    # the first pair names two different actors and shares nothing; the second shares g20
    assert unshared(beads, a, b) == 1
    # a pair where one side names no actor says nothing either way
    assert unshared([Bead(0, 1, 2, 3, 0.1)], a, b) == 0


def test_figures_written_in_parts_are_one_number():
    from dossier.link.features import numbers
    assert numbers("1億7500万ドル") == numbers("175 million dollars") == ["1.75e+08"]
    assert numbers("5億8千5百万") == numbers("5.85亿") == ["5.85e+08"]
    assert numbers("3万5000人") == ["3.5e+04"]
    assert numbers("7.31万亿欧元") == numbers("7.31 trillion") == ["7.31e+12"]
    assert numbers("2025年11月") == ["2.02e+03", "11"]  # separate numbers stay apart


def test_aligned_sentences_with_another_person_or_figure_are_counted():
    from dossier.link.align import Bead, swapped
    a = [frozenset({"e:person:minoru-kihara", "e:person:yoko-kamikawa"}), frozenset({"n:5.5e+11"})]
    b = [frozenset({"e:person:gen-nakatani", "e:person:yoko-kamikawa"}), frozenset({"n:5.05e+11"})]
    beads = [Bead(0, 1, 0, 1, 0.3), Bead(1, 2, 1, 2, 0.3)]
    assert swapped(beads, a, b) == 2
    # A person or figure the other document has elsewhere was moved, not swapped; one the
    # other side simply leaves out is dropped, not swapped; small numbers (days) never count.
    moved = [frozenset({"e:person:yoko-kamikawa", "n:5.05e+11"}), frozenset({"e:person:gen-nakatani"})]
    assert swapped(beads, moved, b) == 0
    assert swapped(beads, [a[0], frozenset()], [frozenset({"e:person:yoko-kamikawa"}), b[1]]) == 0
    assert swapped([Bead(0, 1, 0, 1, 0.3)], [frozenset({"n:22"})], [frozenset({"n:23"})]) == 0
    # Two reports seldom align sentence for sentence: the figures may sit one pair apart,
    # but a person against a figure is no swap.
    shifted = [frozenset({"n:15"}), frozenset({"n:5.5e+11"})]
    other = [frozenset({"n:5.05e+11"}), frozenset({"e:person:gen-nakatani"})]
    assert swapped(beads, shifted, other) == 1
    assert swapped(beads, [frozenset(), frozenset({"e:person:minoru-kihara"})],
                   [frozenset({"n:5.05e+11"}), frozenset()]) == 0


def test_only_the_gazetteers_actors_are_features():
    from dossier.model import Mention, Sentence
    d = doc(EN)
    feats = extract(d, (["person:keir-starmer", "person:~gareth pemberton"], []))
    assert sum(1 for t in feats.terms if feats.channel[t] == "e") == 1
    text = "Keir Starmer met Gareth Pemberton."
    named = Document(id="x", path="x", text=text, language="en", sentences=[Sentence(0, len(text), "en")],
                     mentions=[Mention(0, 12, "Keir Starmer", "person", "person:keir-starmer"),
                               Mention(17, 33, "Gareth Pemberton", "person", "person:~gareth pemberton")])
    assert align.anchors(named) == [frozenset({"e:person:keir-starmer"})]
