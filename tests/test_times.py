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


# --- windows, parts of periods, lunar dates, midnight (news usage) --------------------------

def _one(text, language, anchor=ANCHOR, **kw):
    out = [(t.text, t.value, t.mod) for t in extract_times(text, language, anchor=anchor, **kw)]
    assert len(out) == 1, out
    return out[0]


@pytest.mark.parametrize("text, language, anchor, expected", [
    # 过去/近/未来 N units and N units 内/以来 are windows that end or start at the anchor
    ("过去5年", "zh-Hans", ANCHOR, ("过去5年", "2021-02-01/2026-02-01", None)),
    ("未来三天", "zh-Hans", ANCHOR, ("未来三天", "2026-02-01/2026-02-04", None)),
    ("近30天", "zh-Hans", ANCHOR, ("近30天", "2026-01-02/2026-02-01", None)),
    ("两年内完成", "zh-Hans", ANCHOR, ("两年内", "2026-02-01/2028-02-01", None)),
    ("48小时内", "zh-Hans", ANCHOR, ("48小时内", "2026-02-01/2026-02-03", None)),
    ("三个多月以来", "zh-Hans", ANCHOR, ("三个多月以来", "2025-11-01/2026-02-01", "APPROX")),
    ("この10年で", "ja", ANCHOR, ("この10年", "2016-02-01/2026-02-01", None)),
    ("过去5分钟", "zh-Hans", "2021-07-31T14:32:00",
     ("过去5分钟", "2021-07-31T14:27/2021-07-31T14:32", None)),
    # after a verb of lasting, 近 is "nearly": a duration
    ("持续近30天", "zh-Hans", ANCHOR, ("近30天", "P30D", "APPROX")),
    # 2021年内 is still the year 2021, not a window of 2021 years
    ("2021年内", "zh-Hans", ANCHOR, ("2021年内", "2021", None)),
])
def test_windows_from_the_anchor(text, language, anchor, expected):
    assert _one(text, language, anchor) == expected


@pytest.mark.parametrize("text, expected", [
    ("今年前三季度", ("今年前三季度", "2026-Q1/2026-Q3", None)),
    ("前三季度GDP增长", ("前三季度", "2026-Q1/2026-Q3", None)),
    ("2022年前十一个月", ("2022年前十一个月", "2022-01/2022-11", None)),
    ("二零二一年后三个月", ("二零二一年后三个月", "2021-10/2021-12", None)),
    ("4月前4天", ("4月前4天", "2026-04-01/2026-04-04", None)),
    ("这个月前两天", ("这个月前两天", "2026-02-01/2026-02-02", None)),
    ("2005年首月", ("2005年首月", "2005-01", None)),
])
def test_first_units_of_a_period(text, expected):
    assert _one(text, "zh-Hans") == expected


def test_first_month_alone_is_not_a_date():
    assert extract_times("首月销量破万", "zh-Hans", anchor=ANCHOR) == []


@pytest.mark.parametrize("text, anchor, expected", [
    ("农历八月十五", "2021-06-14", ("农历八月十五", "2021-09-21", None)),
    ("八月十五", "2021-06-14", ("八月十五", "2021-09-21", None)),
    ("去年八月十五", "2021-06-14", ("去年八月十五", "2020-10-01", None)),
    ("1991年农历8月23号", "2021-06-14", ("1991年农历8月23号", "1991-09-30", None)),
    ("阴历二〇二一年六月", "2021-06-14", ("阴历二〇二一年六月", "2021-07-10/2021-08-07", None)),
    ("农历闰四月", "2021-06-14", ("农历闰四月", "2020-05-23/2020-06-20", None)),
    ("大年初十", "2021-06-14", ("大年初十", "2021-02-21", None)),
    ("腊月二十三", "2026-01-05", ("腊月二十三", "2026-02-10", None)),
    ("去年十一月廿九下午4点半", "2021-06-14", ("去年十一月廿九下午4点半", "2021-01-12T16:30", None)),
    ("大年三十", ANCHOR, ("大年三十", "2026-02-16", None)),
    # written with 日/号 a date is Gregorian
    ("十二月二十日", "2021-06-14", ("十二月二十日", "2020-12-20", None)),
])
def test_lunar_dates(text, anchor, expected):
    assert _one(text, "zh-Hans", anchor) == expected


def test_japanese_has_no_lunar_months():
    assert [t.text for t in extract_times("お正月に帰省した", "ja", anchor=ANCHOR)] == []


@pytest.mark.parametrize("text, value", [
    ("夜里12点", "2026-02-02T00:00"), ("晚上12点", "2026-02-02T00:00"),
    ("夜里2点", "2026-02-01T02:00"), ("夜里11点", "2026-02-01T23:00"),
    ("1月16日24时", "2026-01-17T00:00"),
])
def test_midnight_is_the_next_days_zero_hour(text, value):
    assert _one(text, "zh-Hans")[1] == value


@pytest.mark.parametrize("text, anchor, value", [
    # both ends take one year: the right end follows the left one
    ("12月9日零时至12月16日24时", "2021-06-14", "2021-12-09T00:00/2021-12-17T00:00"),
    ("12月28日至1月3日", "2026-06-14", "2025-12-28/2026-01-03"),
    ("大前天晚上9~11点", "2021-06-14", "2021-06-11T21:00/2021-06-11T23:00"),
])
def test_span_ends_agree(text, anchor, value):
    assert _one(text, "zh-Hans", anchor)[1] == value


@pytest.mark.parametrize("text, expected", [
    ("1月31日晚，双方举行会谈", [("1月31日晚", "2026-01-31TEV")]),
    ("30日晨", [("30日晨", "2026-01-30TMO")]),
    ("30日晚间9时", [("30日晚间9时", "2026-01-30T21:00")]),
    ("30日晚会上", [("30日", "2026-01-30")]),
    ("两天后的下午3点", [("两天后的下午3点", "2026-02-03T15:00")]),
    ("调高24点5度", []),
    ("一个半小时后", [("一个半小时后", "2026-02-01T01:30:00")]),
    ("一刻钟", [("一刻钟", "PT15M")]),
    ("90日", [("90日", "P90D")]),
    ("19年底", [("19年底", "2019")]),
    ("十九世纪七十年代", [("十九世纪七十年代", "187")]),
    ("上月30号12:37", [("上月30号12:37", "2026-01-30T12:37")]),
    ("地铁3号线", []),
    ("下午三点钟", [("下午三点钟", "2026-02-01T15:00")]),
    ("大大后天", [("大大后天", "2026-02-05")]),
    ("2019、2021年", [("2021年", "2021")]),
])
def test_news_zh(text, expected):
    assert _values(text, "zh-Hans", anchor="2026-02-01T00:00:00") == expected


@pytest.mark.parametrize("text, expected", [
    ("1年2ヶ月10日", [("1年2ヶ月10日", "P1Y2M10D")]),
    ("翌々日", [("翌々日", "2026-02-03")]),
    ("2020・2021年", [("2020・2021年", "2020/2021")]),
    ("四半世紀ほど前", [("四半世紀ほど前", "2001-02-01")]),
    ("前の1分", [("前の1分", "2026-02-01T11:59:00")]),
])
def test_news_ja(text, expected):
    assert _values(text, "ja", anchor="2026-02-01T12:00:00") == expected


@pytest.mark.parametrize("text", ["9999年除夕", "0001年八月十五", "公元前200年八月十五", "闰十三月",
                                  "农历", "9998年腊月三十", "过去99999999年", "未来10万年内"])
def test_lunar_and_windows_out_of_range_do_not_raise(text):
    for anchor in (ANCHOR, None, "0001-01-01", "9999-12-31"):
        for t in extract_times(text, "zh-Hans", anchor=anchor):
            assert text[t.start:t.end] == t.text
            assert t.value or t.reason or t.type == "DURATION"


@pytest.mark.parametrize("text, value", [
    ("in the past five years", "2021-02-01/2026-02-01"),
    ("over the next three years", "2026-02-01/2029-02-01"),
    ("within 30 days", "2026-02-01/2026-03-03"),
    ("for four days", "P4D"),
])
def test_english_windows_match_the_chinese_ones(text, value):
    assert _one(text, "en")[1] == value


# --- bare years, clock times run into dates, ordinal periods, Cantonese minutes ---------

@pytest.mark.parametrize("text, language, anchor, expected", [
    # a text that is only a year; inside running text a bare number stays a number
    ("2018", "zh-Hans", ANCHOR, ("2018", "2018", None)),
    # a date glued or hyphenated to a clock time, and month-day before a clock time
    ("2021-09-12-11：23", "zh-Hans", ANCHOR, ("2021-09-12-11：23", "2021-09-12T11:23", None)),
    ("2018-12-1209:03", "zh-Hans", ANCHOR, ("2018-12-1209:03", "2018-12-12T09:03", None)),
    ("09-01 20:01 至 12-01 18:07", "zh-Hans", "2021-06-14",
     ("09-01 20:01 至 12-01 18:07", "2021-09-01T20:01/2021-12-01T18:07", None)),
    ("2021年/7月/18日", "ja", ANCHOR, ("2021年/7月/18日", "2021-07-18", None)),
    # ordinal weeks, months and days of a year or month
    ("21年第一个礼拜", "zh-Hans", ANCHOR, ("21年第一个礼拜", "2021-W01", None)),
    ("70年第8个月", "zh-Hans", ANCHOR, ("70年第8个月", "1970-08", None)),
    ("2025年第一天早上8点半", "zh-Hans", ANCHOR, ("2025年第一天早上8点半", "2025-01-01T08:30", None)),
    ("2024年第366天", "zh-Hans", ANCHOR, ("2024年第366天", "2024-12-31", None)),
    # two neighbouring hours: about the first
    ("明天下午七八点", "zh-Hans", ANCHOR, ("明天下午七八点", "2026-02-02T19:00", "APPROX")),
    # Cantonese minutes in 字 of five, with or without 踏/搭
    ("晏晝三點三", "zh-Hant", ANCHOR, ("晏晝三點三", "2026-02-01T15:15", None)),
    ("晏晝三點踏三", "zh-Hant", ANCHOR, ("晏晝三點踏三", "2026-02-01T15:15", None)),
    ("晏晝三點三個字", "zh-Hant", ANCHOR, ("晏晝三點三個字", "2026-02-01T15:15", None)),
    ("晏晝三點搭半", "zh-Hant", ANCHOR, ("晏晝三點搭半", "2026-02-01T15:30", None)),
    # 过 / 再过 + a duration: once it has passed
    ("过十周", "zh-Hans", ANCHOR, ("过十周", "2026-04-12", None)),
    ("再过半个小时", "zh-Hans", "2021-06-14T01:06:40",
     ("再过半个小时", "2021-06-14T01:36:40", None)),
    # colloquial 仨 / 俩 carry their own measure word
    ("近仨月", "zh-Hans", ANCHOR, ("近仨月", "2025-11-01/2026-02-01", None)),
    ("一分半钟前", "zh-Hans", "2021-06-14T01:06:40", ("一分半钟前", "2021-06-14T01:05:10", None)),
    # 上一个月 is last month, not the same day a month ago
    ("上一个月", "zh-Hans", ANCHOR, ("上一个月", "2026-01", None)),
    ("下两周", "zh-Hans", ANCHOR, ("下两周", "2026-W06/2026-W07", None)),
    ("下下个季度", "zh-Hans", ANCHOR, ("下下个季度", "2026-Q3", None)),
    ("下下下周一", "zh-Hans", ANCHOR, ("下下下周一", "2026-02-16", None)),
    ("今明两天", "zh-Hans", ANCHOR, ("今明两天", "2026-02-01/2026-02-02", None)),
    ("次年年末", "zh-Hans", ANCHOR, ("次年年末", "2027", "END")),
    ("13:20~次日05:40", "zh-Hans", ANCHOR, ("13:20~次日05:40",
                                             "2026-02-01T13:20/2026-02-02T05:40", None)),
    ("9~12点半", "zh-Hans", ANCHOR, ("9~12点半", "2026-02-01T09:00/2026-02-01T12:30", None)),
    ("20世纪60年代前期", "zh-Hans", ANCHOR, ("20世纪60年代前期", "196", "START")),
    # sets on working days, half units and 钟头
    ("每个工作日", "zh-Hans", ANCHOR, ("每个工作日", "P1D", None)),
    ("每半年", "zh-Hans", ANCHOR, ("每半年", "P0.5Y", None)),
    ("每半个钟头", "zh-Hans", ANCHOR, ("每半个钟头", "PT0.5H", None)),
    # race times and durations in falling units
    ("9秒58", "zh-Hans", ANCHOR, ("9秒58", "PT9.58S", None)),
    ("1時間30分25秒", "ja", ANCHOR, ("1時間30分25秒", "PT1H30M25S", None)),
    # a number after a lunar month that cannot be its day
    ("今年腊月18000吨物品被寄出", "zh-Hans", "2021-06-14",
     ("今年腊月", "2022-01-03/2022-01-31", None)),
])
def test_added_classes_of_expression(text, language, anchor, expected):
    assert _one(text, language, anchor) == expected


@pytest.mark.parametrize("text, language", [
    ("共2018人参加", "zh-Hans"),  # a bare number in running text is not a year
    ("二十七点三", "zh-Hans"), ("三點三", "zh-Hant"),  # decimals, not Cantonese clock times
    ("超过三天", "zh-Hans"), ("度过三天", "zh-Hans"),  # 过 closing a verb: amounts of time
    ("週三回の運動", "ja"),  # Japanese 週三 is "three times a week", not Wednesday
    ("第三天起", "zh-Hans"),  # the third day of what the text says elsewhere
])
def test_issue_4_non_dates(text, language):
    assert all(t.type == "DURATION" or t.value is None
               for t in extract_times(text, language, anchor=ANCHOR))


def test_an_anchor_that_is_only_a_year_fixes_the_year():
    # a yearbook dated 2021: 12月9日 is that year's, not the nearest one to 1 January
    assert _one("12月9日", "zh-Hans", "2021") == ("12月9日", "2021-12-09", None)
    assert _one("国庆", "zh-Hans", "2020") == ("国庆", "2020-10-01", None)
    assert _one("3年前", "zh-Hans", "2019") == ("3年前", "2016", None)


@pytest.mark.parametrize("text", ["2月30日", "2021年2月第30天", "13/13/2026", "2023年第366天"])
def test_impossible_dates_stay_invalid(text):
    assert all(t.value is None for t in extract_times(text, "zh-Hans", anchor=ANCHOR)
               if t.type != "DURATION")


def test_next_day_counts_from_the_day_the_text_named():
    zh = extract_times("1月30日，双方举行会谈。次日，两国发表声明。", "zh-Hans", "2026-02-05")
    assert [(t.text, t.value) for t in zh] == [("1月30日", "2026-01-30"), ("次日", "2026-01-31")]
    ja = extract_times("首脳会談は22日に開かれた。翌日、共同声明を発表した。", "ja", "2026-02-25")
    assert [t.value for t in ja] == ["2026-02-22", "2026-02-23"]
    # with no day named before it, the anchor is all there is
    assert extract_times("翌日、声明を発表した。", "ja", "2026-02-25")[0].value == "2026-02-26"


def test_a_noun_ending_in_hui_is_no_future_marker():
    # 峰会于…: "the summit, on …", not "will … on" — the nearest year, not the next one
    [span] = extract_times("峰会于11月22日至23日在南非约翰内斯堡举行。", "zh-Hans", "2025-11-24")
    assert span.value == "2025-11-22/2025-11-23"
    [will] = extract_times("双方会于11月22日再谈。", "zh-Hans", "2025-11-24")
    assert will.value == "2026-11-22"


def test_first_in_n_years_is_a_stretch_of_the_past_and_tense_stays_in_its_sentence():
    from dossier.analyse.times import extract_times
    text = ("Trump and Xi met on 29/10/2025, their first in-person talks in six years. "
            "China had announced export controls on 9 October. Trump responded the next day.")
    found = {t.text: (t.type, t.value) for t in extract_times(text, "en", "2025-10-31")}
    assert found["in six years"] == ("DURATION", "P6Y")
    # "the next day" of the following sentence says nothing of 9 October's tense
    assert found["9 October"] == ("DATE", "2025-10-09")
    found = {t.text: t.value for t in extract_times(
        "It was their first meeting since Trump returned to office in January.", "en", "2025-10-21")}
    assert found["January"] == "2025-01"


@pytest.mark.parametrize("text, language", [("The treaty was signed on 08/10/2025.", "en"),
                                            ("条约于08/10/2025签署。", "zh-Hans"),
                                            ("条約は08/10/2025に署名された。", "ja")])
def test_day_and_month_either_way_round_take_the_reading_nearer_the_report(text, language):
    # Day first in a report of 9 October, month first in one of 11 August.
    assert [t.value for t in extract_times(text, language, "2025-10-09")] == ["2025-10-08"]
    assert [t.value for t in extract_times(text, language, "2025-08-11")] == ["2025-08-10"]
    # An order the numbers settle (26 > 12) is kept whatever the report's date.
    assert [t.value for t in extract_times("Signed on 26/07/2025.", "en", "2025-01-02")] == ["2025-07-26"]
