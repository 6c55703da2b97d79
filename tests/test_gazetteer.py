"""The gazetteer: its data, its validation, and mention detection in all four scripts."""

from __future__ import annotations

import datetime as dt
import tarfile
import time
from pathlib import Path

import pytest

from dossier.analyse.gazetteer import Gazetteer, GazetteerError, Mention

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def found(gaz: Gazetteer, text: str, language: str) -> list[tuple[str, str]]:
    mentions = gaz.find(text, language)
    for m in mentions:  # the export contract: offsets index the original text
        assert text[m.start:m.end] == m.text
    return [(m.text, m.entity_id) for m in mentions]


# ----------------------------------------------------------------------- people


@pytest.mark.parametrize(("text", "language", "surface"), [
    ("英国首相斯塔默1月31日抵达东京。", "zh-Hans", "斯塔默"),
    ("英國首相基爾·斯塔默抵達東京。", "zh-Hant", "基爾·斯塔默"),
    ("英國首相基爾‧斯塔默抵達東京。", "zh-Hant", "基爾‧斯塔默"),
    ("スターマー英首相は東京で会談した。", "ja", "スターマー"),
    ("キア・スターマー首相が来日した。", "ja", "キア・スターマー"),
    ("Keir Starmer met Sanae Takaichi in Tokyo.", "en", "Keir Starmer"),
    ("ＫＥＩＲ ＳＴＡＲＭＥＲ VISITS TOKYO", "en", "ＫＥＩＲ ＳＴＡＲＭＥＲ"),
])
def test_one_person_whatever_the_script(gaz, text, language, surface):
    assert (surface, "person:keir-starmer") in found(gaz, text, language)


def test_japanese_and_chinese_forms_of_a_japanese_name_match(gaz):
    assert ("小泉進次郎", "person:shinjiro-koizumi") in found(gaz, "小泉進次郎防衛相は", "ja")
    assert ("小泉进次郎", "person:shinjiro-koizumi") in found(gaz, "防卫大臣小泉进次郎表示", "zh-Hans")
    assert ("高市早苗", "person:sanae-takaichi") in found(gaz, "与日本首相高市早苗会谈", "zh-Hans")


def test_transliterated_surname_inside_another_name_is_not_the_politician(gaz):
    # 拉米 is David Lammy, but not inside 拉米雷斯 (Ramírez); 库珀 not inside 库珀蒂诺.
    assert found(gaz, "外交大臣拉米说", "zh-Hans") == [("拉米", "person:david-lammy")]
    assert found(gaz, "球员拉米雷斯在库珀蒂诺", "zh-Hans") == []


def test_bare_latin_surname_only_in_english_text(gaz):
    assert found(gaz, "Xi said", "en") == [("Xi", "person:xi-jinping")]
    assert found(gaz, "ドコモのXi対応端末", "ja") == []  # Xi is also a mobile network


# -------------------------------------------------------------------- countries


def test_japanese_compound_gives_one_mention_per_country(gaz):
    text = "両首相は日英首脳会談に臨んだ。"
    mentions = [m for m in gaz.find(text, "ja") if m.type == "country"]
    assert mentions == [
        Mention(4, 5, "日", "country:JP", "country"),
        Mention(5, 6, "英", "country:GB", "country"),
    ]


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("日英伊が共同開発する", "ja", ["country:JP", "country:GB", "country:IT"]),
    ("中英关系持续发展", "zh-Hans", ["country:CN", "country:GB"]),
    ("英首相は", "ja", ["country:GB"]),
    ("米大統領と会談", "ja", ["country:US"]),
    ("中方表示", "zh-Hans", ["country:CN"]),
    ("対中政策", "ja", ["country:CN"]),
    ("举行中美会谈", "zh-Hans", ["country:CN", "country:US"]),
    ("在日米軍", "ja", ["country:JP", "country:US"]),
    # The first form belongs to the word before it: 其中, 1月31日, 参加.
    ("其中美方表示", "zh-Hans", ["country:US"]),
    ("1月31日英首相が", "ja", ["country:GB"]),
    ("参加中方会议", "zh-Hans", ["country:CN"]),
    ("日本中が驚いた", "ja", ["country:JP"]),
])
def test_one_character_forms_in_compounds(gaz, text, language, expected):
    assert [m.entity_id for m in gaz.find(text, language) if m.type == "country"] == expected


@pytest.mark.parametrize(("text", "language"), [
    ("市中心的中央广场", "zh-Hans"),
    ("其中有三个", "zh-Hans"),
    ("1月31日发表", "zh-Hans"),
    ("1月31日に発表した", "ja"),
    ("今日中に提出", "ja"),
    ("日中は暑く、夜は冷える", "ja"),
    ("来日中の歌手", "ja"),       # 日 is Japan, 中 is "during"
    ("精英与完美", "zh-Hans"),
    ("テレビ朝日の番組", "ja"),
    ("人民币兑美元", "zh-Hans"),
])
def test_common_words_are_not_countries(gaz, text, language):
    countries = [m for m in gaz.find(text, language) if m.type == "country"]
    assert all(m.text == "日" and text[m.start - 1] == "来" for m in countries), countries


def test_developing_countries_is_not_china(gaz):
    assert found(gaz, "发展中国家的代表", "zh-Hans") == []


@pytest.mark.parametrize(("text", "language"), [
    ("英國", "zh-Hant"), ("英国", "zh-Hans"), ("英国", "ja"), ("イギリス", "ja"),
    ("UK", "en"), ("Britain", "en"), ("United Kingdom", "en"),
])
def test_country_names_from_cldr_and_the_press(gaz, text, language):
    assert found(gaz, f"「{text}」", language) == [(text, "country:GB")]


def test_latin_case_rules(gaz):
    assert found(gaz, "the US and ＵＳ", "en") == [("US", "country:US"), ("ＵＳ", "country:US")]
    assert found(gaz, "let us know who", "en") == []
    assert found(gaz, "made of china", "en") == []
    assert found(gaz, "USAID", "en") == []  # word boundaries, not a prefix


def test_katakana_alias_needs_the_word_to_end(gaz):
    assert found(gaz, "トランプ大統領", "ja") == [("トランプ", "person:donald-trump")]
    assert found(gaz, "トランプゲームで遊ぶ", "ja") == []
    assert ("インドネシア", "country:ID") in found(gaz, "インドネシアとインド", "ja")


# ------------------------------------------------------- organisations, programmes


def test_gchq_in_every_script_is_one_entity(gaz):
    for text, language in [("英國政府通信總部", "zh-Hant"), ("英国政府通信总部", "zh-Hans"),
                           ("英国政府通信本部", "ja"), ("GCHQ", "en"), ("ＧＣＨＱ", "ja")]:
        assert found(gaz, text, language) == [(text, "org:gchq")], text


def test_gcap_in_every_script_is_one_entity(gaz):
    for text, language in [("全球空戰計劃", "zh-Hant"), ("グローバル空戦プログラム", "ja"),
                           ("GCAP", "en"), ("Global Combat Air Programme", "en")]:
        assert found(gaz, text, language) == [(text, "program:gcap")], text


def test_longest_match_wins(gaz):
    # 英国政府通信本部 contains 英国; the organisation wins and nothing overlaps.
    assert found(gaz, "英国政府通信本部（GCHQ）は", "ja") == [
        ("英国政府通信本部", "org:gchq"), ("GCHQ", "org:gchq")]


# ---------------------------------------------------------------------- offices


def test_prime_minister_of_japan_by_date(gaz):
    assert gaz.office_holders("prime-minister", "JP", "2025-12-01") == ["person:sanae-takaichi"]
    assert gaz.office_holders("prime-minister", "JP", "2025-06-01") == ["person:shigeru-ishiba"]
    assert gaz.office_holders("prime-minister", "JP", dt.date(2024, 10, 1)) == [
        "person:shigeru-ishiba"]  # hand-over day: the successor
    assert gaz.office_holders("prime-minister", "JP", "2024-09-30") == ["person:fumio-kishida"]


def test_every_japanese_prime_minister_since_2000_has_four_scripts(gaz):
    day, holders = dt.date(2000, 4, 5), []
    while day <= dt.date(2026, 1, 1):
        found_ = gaz.office_holders("prime-minister", "JP", day)
        assert len(found_) == 1, (day, found_)  # no gaps, no overlaps
        holders.append(found_[0])
        day += dt.timedelta(days=7)
    for ident in dict.fromkeys(holders):
        assert set(gaz.entity(ident).names) == {"en", "zh-Hans", "zh-Hant", "ja"}, ident
    assert len(set(holders)) == 12


def test_offices_of_organisations(gaz):
    assert gaz.office_holders("secretary-general", "org:nato", "2025-01-01") == [
        "person:mark-rutte"]
    assert gaz.office_holders("foreign-minister", "GB", "2025-10-01") == ["person:yvette-cooper"]


def test_entity_returns_names_aliases_offices(gaz):
    starmer = gaz.entity("person:keir-starmer")
    assert starmer.label("ja") == "キア・スターマー"
    assert starmer.label("zh-Hans") == "基尔·斯塔默"
    assert "斯塔默" in starmer.aliases
    assert starmer.offices[0].office == "prime-minister"
    assert gaz.entity("country:GB").label("zh-Hant") == "英國"
    with pytest.raises(KeyError):
        gaz.entity("person:nobody")


# ------------------------------------------------------------------- user files


def test_user_file_extends_an_entry_and_adds_one(tmp_path):
    extra = tmp_path / "mine.toml"
    extra.write_text(
        '[[entity]]\nid = "person:keir-starmer"\naliases = ["施凱爾首相"]\n\n'
        '[[entity]]\nid = "org:example-institute"\ntype = "organization"\n'
        'names.en = ["Example Institute"]\nnames.ja = ["例示研究所"]\n',
        encoding="utf-8")
    gaz = Gazetteer.load(extra=[extra])
    starmer = gaz.entity("person:keir-starmer")
    assert "施凱爾首相" in starmer.aliases and "斯塔默" in starmer.aliases
    assert starmer.offices  # kept
    assert found(gaz, "據報導，施凱爾首相", "zh-Hant") == [("施凱爾首相", "person:keir-starmer")]
    assert found(gaz, "例示研究所によると", "ja") == [("例示研究所", "org:example-institute")]
    assert "org:example-institute" not in Gazetteer.load()  # the default is untouched


@pytest.mark.parametrize(("body", "message"), [
    ('[[entity]]\nid = "person:x"\ntype = "person"\nnames.en = ["X"]\n'
     'offices = [{ office = "prime-minister", country = "JP", from = "2025-13-01" }]\n',
     "'person:x': office 'from' is '2025-13-01', not a date"),
    ('[[entity]]\nid = "person:x"\ntype = "persn"\nnames.en = ["X"]\n',
     "'person:x': unknown type 'persn'"),
    ('[[entity]]\nid = "person:x"\ntype = "person"\nname = ["X"]\n',
     "'person:x': unknown field(s) ['name']"),
    ('[[entity]]\nid = "person:x"\ntype = "person"\nnames.en = ["X"]\n\n'
     '[[entity]]\nid = "person:x"\ntype = "person"\nnames.en = ["Y"]\n',
     "'person:x': duplicate id"),
    ('[[entity]]\nid = "person:x"\ntype = "person"\nnames.fr = ["X"]\n',
     "unknown language 'fr'"),
    ('[[entity]]\nid = "person:x"\ntype = "person"\nnames.en = ["X"]\n'
     'offices = [{ office = "prime-minster", country = "JP", from = "2025-01-01" }]\n',
     "unknown office 'prime-minster'"),
])
def test_invalid_user_file_names_file_and_entry(tmp_path, body, message):
    bad = tmp_path / "bad.toml"
    bad.write_text(body, encoding="utf-8")
    with pytest.raises(GazetteerError) as err:
        Gazetteer.load(extra=[bad])
    assert str(bad) in str(err.value)
    assert message in str(err.value)


def test_missing_user_file_is_a_clear_error(tmp_path):
    with pytest.raises(GazetteerError, match="--gazetteer"):
        Gazetteer.load(extra=[tmp_path / "nope.toml"])


def test_builtin_data_is_valid_and_covers_each_type(gaz):
    counts = gaz.counts()
    assert counts["country"] > 240 and counts["person"] > 150
    assert counts["organization"] > 50 and counts["program"] > 15 and counts["place"] > 30
    gaz.find("warm-up", "en")
    assert gaz.ambiguous == {}  # an alias shared by two entries would silently vanish


# ------------------------------------------------------------------------ speed


@pytest.mark.slow
def test_speed_on_japanese_news():
    archive = DATA / "news-ja-livedoor" / "ldcc-text.tar.gz"
    if not archive.exists():
        pytest.skip("needs ../shared/data/news-ja-livedoor")
    texts, total = [], 0
    with tarfile.open(archive) as tar:
        for member in tar:
            if member.isfile() and member.name.endswith(".txt") and "LICENSE" not in member.name:
                texts.append(tar.extractfile(member).read().decode("utf-8"))
                total += len(texts[-1])
                if total >= 3_000_000:
                    break
    gaz = Gazetteer.load()
    gaz.find("warm-up", "ja")
    start = time.perf_counter()
    for text in texts:
        gaz.find(text, "ja")
    assert total / (time.perf_counter() - start) >= 1_000_000
