"""Name detection on small hand-built sentences, one behaviour per test."""

from __future__ import annotations

import pytest

from dossier.analyse.names import Name, find_names


def spans(text: str, language: str) -> set[tuple[str, str]]:
    names = find_names(text, language)
    for name in names:
        assert text[name.start:name.end] == name.text
    return {(n.text, n.type) for n in names}


def texts(text: str, language: str, kind: str) -> set[str]:
    return {t for t, k in spans(text, language) if k == kind}


# --- Chinese ------------------------------------------------------------------------

def test_zh_person_after_a_title():
    assert "高市早苗" in texts("日本首相高市早苗1月31日在东京举行会谈。", "zh-Hans", "person")


def test_zh_traditional_is_tagged_like_simplified():
    assert "希利" in texts("英國國防大臣希利表示，將加強合作。", "zh-Hant", "person")
    assert "英國" in {t for t, k in spans("英國國防大臣希利表示，將加強合作。", "zh-Hant")
                      if k in ("country", "place")}


def test_zh_transliterated_names():
    text = "英国首相斯塔默与国防大臣雷诺兹抵达东京。"
    people = texts(text, "zh-Hans", "person")
    assert "斯塔默" in people
    assert "雷诺兹" in people


def test_zh_dotted_foreign_name_is_one_person():
    assert "基尔·斯塔默" in texts("基尔·斯塔默当天发表讲话。", "zh-Hans", "person")


def test_zh_name_before_a_title():
    assert "石破茂" in texts("石破茂首相表示遗憾。", "zh-Hans", "person")


def test_zh_country_and_organization():
    found = spans("美国国务院发言人表示，中国外交部将回应。", "zh-Hans")
    assert ("美国国务院", "organization") in found or ("美国", "country") in found
    assert any(k == "organization" for _, k in found)


def test_zh_common_words_are_not_names():
    assert texts("双方同意加强关键矿产合作。", "zh-Hans", "person") == set()


def test_zh_function_word_span_is_not_a_person():
    # 这是 (this is) once came out of the tagger as a person
    text = "英国首相斯塔默抵达北京，开始为期四天的正式访问。这是英国首相时隔八年访华。"
    people = texts(text, "zh-Hans", "person")
    assert not any("这" in p or "是" in p for p in people)
    assert "斯塔默" in people


def test_zh_common_words_are_not_places():
    # jieba's dictionary tags 三国, 上台 and 回国 as places; they are not names
    text = "英日意三国联合研发新一代战机。她上台后支持率上升，回国后进入政坛。"
    found = {t for t, k in spans(text, "zh-Hans") if k in ("place", "country")}
    assert not found & {"三国", "上台", "回国"}


def test_zh_run_of_names_is_split_into_names():
    from dossier.analyse.names import zh

    run = "李鹏乔石李瑞环"
    assert [run[a:b] for a, b in zh._split_run(run, 0, len(run))] == ["李鹏", "乔石", "李瑞环"]
    foreign = "罗季奥诺夫"  # one transliterated name, however its pieces look
    assert zh._split_run(foreign, 0, len(foreign)) == [(0, len(foreign))]


def test_zh_surname_alone_before_a_title_is_a_person():
    assert "江" in texts("陪同江主席访问的还有外交部长。", "zh-Hans", "person")
    assert texts("国家主席发表讲话。", "zh-Hans", "person") == set()


def test_zh_model_decodes_like_crfsuite_on_a_sentence():
    from dossier.analyse.names import zh

    spans_ = zh.tag("外交部长钱其琛会见了法国客人。")
    assert ("PER" in {k for _, _, k in spans_})


def test_zh_traditional_and_simplified_give_the_same_names():
    simplified = "日本首相高市早苗与英国首相斯塔默在东京举行会谈。"
    traditional = "日本首相高市早苗與英國首相斯塔默在東京舉行會談。"
    assert texts(simplified, "zh-Hans", "person") == texts(traditional, "zh-Hant", "person")


# --- Japanese -----------------------------------------------------------------------

def test_ja_katakana_name_before_a_title():
    assert "キア・スターマー" in texts("キア・スターマー英首相は東京で会談した。", "ja", "person")


def test_ja_family_and_given_name_are_one_span():
    assert "高市早苗" in texts("高市早苗首相と会談した。", "ja", "person")


def test_ja_place_and_country():
    found = spans("スターマー英首相は1月31日、東京で高市早苗首相と会談した。", "ja")
    assert ("東京", "place") in found


def test_ja_organization_by_its_head():
    assert "トヨタ自動車" in texts("トヨタ自動車と日本銀行が発表した。", "ja", "organization")


def test_ja_katakana_full_name_is_one_person():
    assert texts("ノアム・チョムスキー氏は講演した。", "ja", "person") == {"ノアム・チョムスキー"}


def test_ja_given_name_ending_in_yuki_is_kept_whole():
    # Sudachi splits 小林|鷹|之; 之 ends many given names
    assert "小林鷹之" in texts("自民党の小林鷹之氏が会見した。", "ja", "person")


def test_ja_common_noun_after_a_quotation_is_not_a_family_name():
    # 見方 is also a rare family name in the dictionary
    assert texts("政界再編を視野に入れた議論が活発化するとの見方も出ている。", "ja", "person") == set()


def test_ja_kinship_word_is_not_a_family_name():
    people = texts("三女悦子は大学、四女千恵子は高校に通った。", "ja", "person")
    assert "三女悦子" not in people and "悦子" in people


def test_ja_function_word_tagged_as_given_name_is_cut():
    people = texts("社長を務めた吉村等が出席した。", "ja", "person")
    assert "吉村等" not in people and "吉村" in people


def test_ja_full_name_before_a_rank_is_a_person():
    assert "山崎桂一" in texts("山崎桂一技佐と共に設計した。", "ja", "person")


def test_ja_dotted_name_inside_a_longer_name_is_not_a_person():
    text = "デトロイト・メトロポリタン・ウェイン・カウンティ空港を拠点とする。"
    assert texts(text, "ja", "person") == set()


def test_ja_name_after_a_building_noun_is_a_place():
    found = spans("今後は首相の別荘チェッカーズで改めて会談する。", "ja")
    assert ("チェッカーズ", "person") not in found


def test_ja_korean_name_the_dictionary_lacks():
    assert "朴槿恵" in texts("このように朴槿恵には影響力があった。", "ja", "person")


def test_ja_unknown_katakana_topic_is_a_person_but_an_occupation_is_not():
    assert "ヘルム" in texts("29日、ヘルムは議会に書簡を送った。", "ja", "person")
    assert texts("彼女は日本のバドミントン選手。", "ja", "person") == set()


def test_ja_organization_never_starts_at_a_separator():
    found = spans("南アフリカで開かれた20か国・地域首脳会議に出席した。", "ja")
    assert not any(t.startswith("・") for t, _ in found)
    assert not any(t.endswith("首脳会議") for t, k in found if k == "organization")


def test_ja_organization_keeps_its_leading_word():
    assert "国際エネルギー機関" in texts("国際エネルギー機関（IEA）によると", "ja", "organization")


# --- English ------------------------------------------------------------------------

def test_en_title_is_cut_from_the_person():
    found = spans("Prime Minister Keir Starmer said on Friday.", "en")
    assert ("Keir Starmer", "person") in found
    assert not any("Prime" in t for t, _ in found)


def test_en_later_surname_is_the_same_person():
    found = spans("Keir Starmer met Sanae Takaichi in Tokyo. Takaichi said no.", "en")
    assert ("Takaichi", "person") in found
    assert ("Tokyo", "place") in found


def test_en_countries_and_organizations():
    found = spans("Britain and Japan asked NATO and the Ministry of Defence.", "en")
    assert {("Britain", "country"), ("Japan", "country"), ("NATO", "organization"),
            ("Ministry of Defence", "organization")} <= found



def test_en_wars_games_and_treaties_name_no_actor():
    found = spans("Xi Jinping marked the end of the Second World War before the Olympic Games "
                  "and praised the Paris Agreement.", "en")
    assert found == {("Xi Jinping", "person")}


# --- bad input ----------------------------------------------------------------------

@pytest.mark.parametrize("language", ["zh-Hans", "zh-Hant", "ja", "en", "und"])
def test_empty_text(language):
    assert find_names("", language) == []


@pytest.mark.parametrize("text", ["대통령은 서울에서 기자회견을 열었다.", "قال الرئيس في القاهرة"])
def test_unknown_script_gives_nothing(text):
    assert find_names(text, "und") == []
    for language in ("zh-Hans", "ja", "en"):  # a wrong language guess must not crash
        assert isinstance(find_names(text, language), list)


def test_names_are_frozen_and_ordered():
    names = find_names("英国首相斯塔默与日本首相高市早苗在东京会谈。", "zh-Hans")
    assert names == sorted(names, key=lambda n: n.start)
    assert all(a.end <= b.start for a, b in zip(names, names[1:]))
    with pytest.raises(AttributeError):
        names[0].start = 3  # type: ignore[misc]
    assert isinstance(names[0], Name)


@pytest.mark.slow
def test_evaluation_reports_every_pinned_figure():
    """The accuracy script runs end to end on the shared gold sets (about 15 s)."""
    import sys
    from pathlib import Path

    eval_dir = Path(__file__).resolve().parents[1] / "eval"
    sys.path.insert(0, str(eval_dir))
    import ner_eval

    if not ner_eval.DATA.is_dir():
        pytest.skip(f"evaluation data not found at {ner_eval.DATA}")
    figures = ner_eval.evaluate(ner_eval.DATA)
    for key in ("ner.ja.person.f1", "ner.zh.msra.person.f1", "ner.zh.msra.person.f1.hant",
                "ner.zh.cluener.person.f1"):
        assert 0.0 < figures[key] <= 1.0
    # traditional text is tagged as well as simplified (the target: within 3 points)
    assert figures["ner.zh.msra.person.f1.hant"] >= figures["ner.zh.msra.person.f1"] - 0.03


def test_mentions_keep_names_with_characters_that_are_also_function_words():
    # 之 and 其 are function words in Chinese and parts of names (小林鷹之, 钱其琛)
    from dossier.analyse.facts import mentions
    from dossier.model import Document
    from dossier.settings import Settings

    doc = Document(id="x", path="x", text="自民党の小林鷹之氏が会見した。", language="ja")
    found = {m.text for m in mentions(doc, Settings()).mentions}
    assert "小林鷹之" in found


def test_zh_crf_decoder_finds_the_best_path_and_true_marginals():
    """The numpy Viterbi and forward-backward agree with brute force on tiny CRFs."""
    import itertools

    import numpy as np

    from dossier.analyse.names import zh_crf

    rng = np.random.default_rng(7)
    labels = 3
    transitions = rng.normal(size=(labels, labels))
    lengths = np.array([3, 5, 1, 4])
    emissions = rng.normal(size=(int(lengths.sum()), labels))
    batch = zh_crf.Batch(emissions, lengths)
    paths = zh_crf.viterbi(batch, transitions)
    probs = zh_crf.marginals(batch, transitions)
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    for row, s in enumerate(batch.order.tolist()):
        e = emissions[starts[s]:starts[s] + lengths[s]]
        scores = {}
        for path in itertools.product(range(labels), repeat=len(e)):
            scores[path] = sum(e[t, y] for t, y in enumerate(path)) + sum(
                transitions[a, b] for a, b in zip(path, path[1:]))
        best = max(scores, key=scores.get)
        assert tuple(paths[row, :len(e)].tolist()) == best
        z = np.logaddexp.reduce(list(scores.values()))
        for t in range(len(e)):
            for y in range(labels):
                p = sum(np.exp(v - z) for path, v in scores.items() if path[t] == y)
                assert abs(probs[row, t, y] - p) < 1e-9
