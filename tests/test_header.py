from dossier.read.article import build
from dossier.read.dates import decide, find_date
from dossier.read.header import read_head


def test_section_label_is_not_the_headline():
    head = read_head("article / 全球政治\n斯塔默访问东京\n2026-02-01\n\n正文第一句。")
    assert head.section == "article / 全球政治"
    assert head.title == "斯塔默访问东京"
    assert head.date.value == "2026-02-01"
    assert head.body == "正文第一句。"


def test_date_and_source_on_one_line():
    head = read_head("日英首脳が会談\n2026年2月1日 10時32分 出典：共同通信\n本文です。")
    assert head.date.value == "2026-02-01"
    assert head.source == "共同通信"


def test_source_line_names_platform():
    head = read_head("标题\n作者：东方观察 | 网易号\n发布时间：2026/2/1\n正文。")
    assert head.source == "网易号"
    assert head.date.value == "2026-02-01"


def test_url_line_is_metadata():
    head = read_head("https://example.org/a/1\n2011-10-02T10:00:00+0900\nTitle here\nBody.")
    assert head.url == "https://example.org/a/1"
    assert head.title == "Title here"
    assert head.date.value == "2011-10-02"


def test_body_sentence_starting_with_a_date_is_not_a_date_line():
    head = read_head("标题\n2026年1月31日，斯塔默抵达东京并举行会谈。")
    assert head.date is None
    assert head.body.startswith("2026年1月31日")


def test_ambiguous_date_decided_by_the_article():
    found = find_date("01/02/2026")
    assert found.value is None and set(found.alternatives) == {"2026-01-02", "2026-02-01"}
    assert decide(found, "斯塔默于2026年1月31日抵达东京。").value == "2026-02-01"
    # a yearless date the article reports counts too
    assert decide(found, "首脑会谈于1月31日举行。").value == "2026-02-01"


def test_ambiguous_date_left_null_with_reason():
    doc = build("x", "a.txt", "Title\n01/02/2026\n\nNothing here says when.")
    assert doc.published is None
    assert "ambiguous" in doc.published_note and "nothing in the article decides" in doc.published_note


def test_no_date_is_null_never_today():
    doc = build("x", "a.txt", "Title\n\nA body with no date at all.")
    assert doc.published is None
    assert doc.published_note == "no publication date in the article"


def test_impossible_dates_are_not_dates():
    assert find_date("2026年2月30日").value is None
    assert find_date("13/13/2026").value is None


def test_unambiguous_dmy():
    assert find_date("31/01/2026").value == "2026-01-31"
    assert find_date("Published: 1 February 2026").value == "2026-02-01"
    assert find_date("February 1, 2026").value == "2026-02-01"


def test_bare_section_label_and_bare_outlet_line():
    head = read_head("政治・外交\n日英、2+2を年内開催へ\n2026年2月2日\n北辰新報\n\n本文の一文目です。")
    assert head.section == "政治・外交"
    assert head.title == "日英、2+2を年内開催へ"
    assert head.source == "北辰新報"
    assert head.body == "本文の一文目です。"


def test_short_headline_over_a_prose_line_is_the_headline():
    head = read_head("标题\n斯塔默抵达东京并举行会谈。")
    assert head.title == "标题" and head.section is None
