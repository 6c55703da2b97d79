"""Time expressions: extraction offsets, TIMEX3 values, anchors, bad input."""

import pytest

from dossier.analyse.times import extract_times, infer_anchor

ANCHOR = "2026-02-01"


def _values(text, language, anchor=ANCHOR, **kw):
    out = extract_times(text, language, anchor=anchor, **kw)
    for t in out:
        assert text[t.start:t.end] == t.text
    return [(t.text, t.value) for t in out]


@pytest.mark.parametrize("text, language, expected", [
    ("2026年1月31日", "zh-Hans", [("2026年1月31日", "2026-01-31")]),
    ("２０２６年１月３１日", "zh-Hant", [("２０２６年１月３１日", "2026-01-31")]),
    ("二〇二六年一月三十一日", "zh-Hans", [("二〇二六年一月三十一日", "2026-01-31")]),
    ("2026/1/31", "ja", [("2026/1/31", "2026-01-31")]),
    ("令和3年7月18日", "ja", [("令和3年7月18日", "2021-07-18")]),
    ("on 31 January 2026", "en", [("31 January 2026", "2026-01-31")]),
    ("January 31, 2026", "en", [("January 31, 2026", "2026-01-31")]),
])
def test_absolute_dates_are_explicit(text, language, expected):
    assert _values(text, language) == expected
    assert all(t.how == "explicit" and t.anchor is None
               for t in extract_times(text, language, anchor=ANCHOR))


@pytest.mark.parametrize("text, language, value", [
    ("去年11月", "zh-Hans", "2025-11"), ("昨年11月", "ja", "2025-11"), ("明年", "zh-Hans", "2027"),
    ("来月", "ja", "2026-03"), ("上周", "zh-Hans", "2026-W04"), ("先週", "ja", "2026-W04"),
    ("两天后", "zh-Hans", "2026-02-03"), ("last year", "en", "2025"),
    ("next month", "en", "2026-03"), ("廿日", "zh-Hant", "2026-02-20"),
    ("上半年", "zh-Hans", "2026-H1"), ("1902至1921年", "zh-Hans", "1902/1921"),
    ("2019年4月12-19日", "zh-Hans", "2019-04-12/2019-04-19"),
])
def test_relative_and_spans(text, language, value):
    [(span, got)] = _values(text, language)
    assert (span, got) == (text, value)


@pytest.mark.parametrize("text, language, value, mod", [
    ("年底", "zh-Hans", "2026", "END"), ("年内に", "ja", "2026", None),
    ("by the end of the year", "en", "2026", "END"), ("2月中旬", "zh-Hans", "2026-02", "MID"),
])
def test_bounded(text, language, value, mod):
    [t] = extract_times(text, language, anchor=ANCHOR)
    assert (t.value, t.mod, t.how) == (value, mod, "anchored")


@pytest.mark.parametrize("text, language, value", [
    ("約二十分鐘", "zh-Hant", "PT20M"), ("20分間", "ja", "PT20M"), ("四天", "zh-Hans", "P4D"),
    ("four days", "en", "P4D"), ("1時間30分", "ja", "PT1H30M"), ("两年半", "zh-Hans", "P2.5Y"),
])
def test_durations(text, language, value):
    [t] = extract_times(text, language, anchor=ANCHOR)
    assert (t.type, t.value, t.how) == ("DURATION", value, "explicit")


def test_yearless_date_follows_the_tense_of_the_clause():
    # published 1 Feb 2026: "held on 12月7日" is last December, "will hold on 3月7日" this March
    past = extract_times("12月7日举行了会谈。", "zh-Hans", anchor=ANCHOR)[0]
    future = extract_times("3月7日将举行会谈。", "zh-Hans", anchor=ANCHOR)[0]
    assert past.value == "2025-12-07" and future.value == "2026-03-07"
    ja_future = extract_times("11月に開催する予定だ。", "ja", anchor=ANCHOR)[0]
    ja_past = extract_times("11月に開催された。", "ja", anchor=ANCHOR)[0]
    assert ja_future.value == "2026-11" and ja_past.value == "2025-11"


def test_no_anchor_infers_one_from_the_article_and_says_so():
    text = "2026年1月30日，外长会谈举行。去年11月双方曾会面。"
    assert infer_anchor(text, "zh-Hans") == "2026-01-30"
    rel = [t for t in extract_times(text, "zh-Hans") if t.text == "去年11月"][0]
    assert (rel.value, rel.how, rel.anchor) == ("2025-11", "inferred", "2026-01-30")


def test_nothing_fixes_the_year():
    [t] = extract_times("3月7日举行会谈", "zh-Hans")
    assert (t.value, t.how) == ("XXXX-03-07", "unknown")
    [r] = extract_times("去年举行会谈", "zh-Hans")
    assert r.value is None and r.how == "unknown" and r.reason


@pytest.mark.parametrize("text, language", [
    ("2月30日", "zh-Hans"), ("13/13/2026", "en"), ("2026年13月1日", "zh-Hans"),
])
def test_impossible_dates_are_kept_unparsed_with_a_reason(text, language):
    out = extract_times(text, language, anchor=ANCHOR)
    assert out and all(t.value is None and t.reason for t in out)


def test_garbage_does_not_crash():
    text = "编号" + "9" * 200 + "年" + "１２３４５" * 50 + "月 1..2日 ::: 令和0年"
    for lang in ("zh-Hans", "ja", "en", "und"):
        for t in extract_times(text, lang, anchor=ANCHOR):
            assert text[t.start:t.end] == t.text


def test_offsets_in_running_text():
    text = "据报道，昨年11月に開催された会議では、約20分間の討論があった。"
    out = extract_times(text, "ja", anchor=ANCHOR)
    assert [(t.start, t.end, t.value) for t in out] == [
        (4, 9, "2025-11"), (20, 25, "PT20M")]


def test_holidays_and_lunar_new_year():
    assert _values("春节", "zh-Hans", anchor="2014-01-20") == [("春节", "2014-01-31")]
    assert _values("2018年复活节", "zh-Hans") == [("2018年复活节", "2018-04-01")]


def test_prefer_future_for_bare_weekdays():
    # Tuesday 2013-02-12: Duckling's convention puts a bare weekday in the future
    assert _values("星期一", "zh-Hans", anchor="2013-02-12", prefer="future") == [
        ("星期一", "2013-02-18")]


def test_offset_outside_the_calendar_is_kept_unparsed():
    [t] = [t for t in extract_times("10万年前の地層が見つかった。", "ja", "2012-03-15") if "年前" in t.text]
    assert t.value is None and "calendar" in t.reason


@pytest.mark.parametrize("text,language,anchor,expected", [
    # a future marker before the date decides: 将于2月8日 after 31 January is this year's
    ("日本将于2月8日举行众议院选举。", "zh-Hans", "2026-01-31", "2026-02-08"),
    ("日本では2月8日に衆院選の投開票が行われる予定だ。", "ja", "2026-02-01", "2026-02-08"),
    # a marker in the next clause speaks for that clause, not for the date
    ("1月31日，双方再次确认将推进该项目。", "zh-Hans", "2026-02-03", "2026-01-31"),
])
def test_tense_from_the_clause_of_the_date(text, language, anchor, expected):
    [t] = [t for t in extract_times(text, language, anchor) if "月" in t.text]
    assert t.value == expected
