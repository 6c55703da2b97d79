import pytest

from dossier.analyse import analyse
from dossier.model import Document


def roles(text, language, published="2026-02-01"):
    doc = analyse(Document(id="x", path="p", text=text, published=published))
    assert doc.language == language
    return [(text[r.start:r.end], r.entity, r.office, r.country, r.date, r.date_source)
            for r in doc.roles]


@pytest.mark.parametrize("text,language,phrase,entity,office,country", [
    ("1月31日，英国首相斯塔默在东京与日本首相石破茂举行会谈。", "zh-Hans",
     "日本首相石破茂", "person:shigeru-ishiba", "prime-minister", "JP"),
    ("英國外交大臣庫珀表示歡迎。", "zh-Hant", "英國外交大臣庫珀", "person:yvette-cooper",
     "foreign-minister", "GB"),
    ("英国のスターマー首相は高市早苗首相と会談した。", "ja", "英国のスターマー首相",
     "person:keir-starmer", "prime-minister", "GB"),
    ("スターマー英首相は満足を示した。", "ja", "スターマー英首相", "person:keir-starmer",
     "prime-minister", "GB"),
    ("防衛相小泉進次郎も同席した。", "ja", "防衛相小泉進次郎", "person:shinjiro-koizumi",
     "defence-minister", "JP"),
    ("Japanese Prime Minister Sanae Takaichi met him in Tokyo.", "en",
     "Japanese Prime Minister Sanae Takaichi", "person:sanae-takaichi", "prime-minister", "JP"),
    ("He met Keir Starmer, the UK prime minister, in Tokyo.", "en",
     "Keir Starmer, the UK prime minister", "person:keir-starmer", "prime-minister", "GB"),
    ("Shinjiro Koizumi, Japan's defence minister, attended the talks.", "en",
     "Shinjiro Koizumi, Japan's defence minister", "person:shinjiro-koizumi", "defence-minister", "JP"),
])
def test_role_phrases(text, language, phrase, entity, office, country):
    found = {r[0]: r[1:4] for r in roles(text, language)}
    assert found[phrase] == (entity, office, country)


def test_role_date_is_the_sentence_date_else_published():
    found = roles("1月30日，日本首相石破茂会见了斯塔默。次日，石破茂首相离开东京。", "zh-Hans")
    dates = {r[0]: (r[4], r[5]) for r in found}
    assert dates["日本首相石破茂"] == ("2026-01-30", "sentence")
    # 次日 is the day after the one the text named, not the day after publication
    assert dates["石破茂首相"] == ("2026-01-31", "sentence")
    far = roles("1月30日，日本首相石破茂会见了斯塔默。会谈持续一小时。双方同意合作。媒体报道很多。"
                "其后石破茂首相离开东京。", "zh-Hans")
    assert (far[-1][4], far[-1][5]) == ("2026-02-01", "published")


def test_a_name_next_to_someone_elses_title_gets_no_role():
    found = roles("Starmer met Prime Minister Takaichi in Tokyo.", "en")
    assert [r[1] for r in found] == ["person:sanae-takaichi"]
    assert roles("斯塔默说，首相府将发表声明。", "zh-Hans") == []


def test_every_gazetteer_office_has_titles_in_every_language():
    import re
    import tomllib
    from importlib.resources import files
    titles = tomllib.loads(files("dossier.resources").joinpath("offices.toml").read_text("utf-8"))
    people = files("dossier.resources").joinpath("gazetteer/people.toml").read_text("utf-8")
    used = set(re.findall(r'office = "([a-z-]+)"', people))
    for office in used:
        assert office in titles, f"offices.toml has no titles for {office}"
        for family in ("zh", "ja", "en"):
            assert titles[office].get(family), f"{office} has no {family} title"


def test_vice_premier_and_commission_president():
    found = {r[0]: r[2] for r in roles("中国国务院副总理何立峰率团出席会谈。", "zh-Hans")}
    assert found.get("副总理何立峰") == "vice-premier"


def test_role_takes_the_day_of_the_sentence_just_before():
    found = roles("美日澳印四国外长7月1日在华盛顿举行会议。日本外相茂木敏充出席。", "zh-Hans",
                  published="2025-07-02")
    dates = {r[0]: (r[4], r[5]) for r in found}
    assert dates["日本外相茂木敏充"] == ("2025-07-01", "context")


def test_a_former_title_is_no_role():
    found = roles("她被视为已故前首相安倍晋三的政治盟友。", "zh-Hans")
    assert not [r for r in found if "安倍" in r[0]]


@pytest.mark.parametrize("text,language,published,phrase,entity,office,country", [
    # the office in a side phrase: 以…身份 ("in the capacity of")
    ("7月8日，中谷元以日本防卫大臣身份与菲律宾外长马纳罗交换了意见。", "zh-Hans", "2024-07-09",
     "中谷元以日本防卫大臣", "person:gen-nakatani", "defence-minister", "JP"),
    ("Japan's prime minister, Shigeru Ishiba, met him on Saturday.", "en", "2025-08-25",
     "Japan's prime minister, Shigeru Ishiba", "person:shigeru-ishiba", "prime-minister", "JP"),
    ("首相の石破茂氏は23日、李在明大統領と会談した。", "ja", "2025-08-24",
     "首相の石破茂", "person:shigeru-ishiba", "prime-minister", "JP"),
    # an office of the EU is the EU's, whatever the holder's country
    ("歐洲理事會主席米歇爾週四在北京與習近平會面。", "zh-Hant", "2025-07-25",
     "歐洲理事會主席米歇爾", "person:charles-michel", "council-president", "org:eu"),
    ("António Costa, the president of the European Council, met Xi Jinping.", "en", "2025-07-25",
     "António Costa, the president of the European Council", "person:antonio-costa",
     "council-president", "org:eu"),
])
def test_more_role_phrasings(text, language, published, phrase, entity, office, country):
    found = {r[0]: r[1:4] for r in roles(text, language, published)}
    assert found[phrase] == (entity, office, country)


def test_that_day_reaches_back_to_the_last_day_named():
    found = roles("Japan and the Philippines signed a pact on Monday. Kamikawa signed for Japan. "
                  "President Marcos watched. Minoru Kihara, Japan's defence minister, joined talks "
                  "earlier that day.", "en", published="2024-07-09")
    dates = {r[1]: (r[4], r[5]) for r in found}
    assert dates["person:minoru-kihara"] == ("2024-07-08", "context")


def test_a_bare_surname_takes_the_person_named_in_full_before():
    found = roles("石破茂首相は23日、韓国の李在明大統領と会談した。李大統領は24日に米国を訪問する。", "ja",
                  published="2025-08-24")
    assert [(r[0], r[1]) for r in found if "李" in r[0]] == [
        ("韓国の李在明大統領", "person:lee-jae-myung"), ("李大統領", "person:lee-jae-myung")]


def test_an_office_only_the_headline_gives_goes_to_the_body_mention():
    text = "日澳外長與防長5日在澳洲舉行「2+2」磋商。\n上川陽子與中谷元同澳洲外長黃英賢會晤。"
    doc = analyse(Document(id="x", path="p", text=text, published="2024-09-06",
                           title="日本防衛大臣中谷元訪澳 日澳深化防務合作"))
    [role] = [r for r in doc.roles if r.entity == "person:gen-nakatani"]
    assert text[role.start:role.end] == "中谷元"
    assert (role.office, role.country, role.date, role.date_source) == \
        ("defence-minister", "JP", "2024-09-05", "context")


def test_a_headline_office_does_not_override_the_bodys_own():
    text = "英国首相斯塔默5日在东京与日本首相石破茂举行会谈。"
    doc = analyse(Document(id="x", path="p", text=text, published="2025-01-06",
                           title="日本外相石破茂访英"))
    assert [(r.office, r.country) for r in doc.roles if r.entity == "person:shigeru-ishiba"] == \
        [("prime-minister", "JP")]


def test_a_name_ending_in_a_former_marker_holds_the_office():
    # 中谷元防衛相 is Gen Nakatani, defence minister, not "Nakatani, former defence minister"
    found = {r[0]: r[1:4] for r in roles("日本の中谷元防衛相は歓迎した。", "ja")}
    assert found["日本の中谷元防衛相"] == ("person:gen-nakatani", "defence-minister", "JP")
    assert roles("石破元首相は述べた。", "ja") == []


def test_a_transliterated_surname_alone_names_the_person():
    # 馬爾斯 with no full name anywhere in the article: the gazetteer's 理查德·馬爾斯
    doc = analyse(Document(id="x", path="p", text="澳洲國防部長馬爾斯5日宣布選定日本護衛艦。",
                           published="2025-08-06"))
    assert {e.participants[0] for e in doc.events} == {"person:richard-marles"}


def test_a_transliterated_surname_stands_for_the_full_name_before_it():
    from dossier.analyse.roles import resolved
    from dossier.model import Mention
    doc = Document(id="x", path="p", text="约翰·史密斯5日宣布。史密斯表示欢迎。")
    doc.mentions = [Mention(0, 6, "约翰·史密斯", "person", "person:x"),
                    Mention(11, 14, "史密斯", "person", None)]
    assert resolved(doc.mentions[1], doc).entity == "person:x"


def test_an_east_asian_surname_written_first_names_the_person():
    doc = analyse(Document(id="x", path="p", published="2025-03-26",
                           text="Takeshi Iwaya met Wang Yi and Cho Tae-yul. Cho said the talks went well."))
    [said] = [e for e in doc.events if e.type == "announce"]
    assert said.participants == ("person:cho-tae-yul",)

