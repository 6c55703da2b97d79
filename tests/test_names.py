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
