"""Figures: money, percentages, counts, approximation, bad input."""

import pytest

from dossier.analyse.quantities import extract_quantities


def _one(text, language):
    found = extract_quantities(text, language)
    assert len(found) == 1, found
    q = found[0]
    assert text[q.start:q.end] == q.text
    return q


@pytest.mark.parametrize("text, language, span, value, unit, approx", [
    ("投资约1037亿美元。", "zh-Hans", "约1037亿美元", 103_700_000_000, "USD", True),
    ("预算为1.5万亿日元", "zh-Hans", "1.5万亿日元", 1_500_000_000_000, "JPY", False),
    ("援助30亿英镑", "zh-Hans", "30亿英镑", 3_000_000_000, "GBP", False),
    ("出资500亿欧元", "zh-Hans", "500亿欧元", 50_000_000_000, "EUR", False),
    ("总额2.3亿元人民币", "zh-Hans", "2.3亿元人民币", 230_000_000, "CNY", False),
    ("投資3千萬美元", "zh-Hant", "3千萬美元", 30_000_000, "USD", False),
    ("1兆5000億円の予算", "ja", "1兆5000億円", 1_500_000_000_000, "JPY", False),
    ("約30億ドルを支援", "ja", "約30億ドル", 3_000_000_000, "USD", True),
    ("EUは200億ユーロ", "ja", "200億ユーロ", 20_000_000_000, "EUR", False),
    ("worth about $1.5 billion", "en", "about $1.5 billion", 1_500_000_000, "USD", True),
    ("pledged £3bn", "en", "£3bn", 3_000_000_000, "GBP", False),
    ("支持率90%", "zh-Hans", "90%", 90, "%", False),
    ("九成受访者", "zh-Hans", "九成", 90, "%", False),
    ("三分之二的议员", "zh-Hans", "三分之二", 66.67, "%", False),
    ("7割が反対", "ja", "7割", 70, "%", False),
    ("获得316席", "zh-Hans", "316席", 316, "seats", False),
    ("派出11艘船", "zh-Hans", "11艘", 11, "ships", False),
    ("12方会谈", "zh-Hans", "12方", 12, "parties", False),
    ("50種の料理", "ja", "50種", 50, "kinds", False),
    ("会談は20分で終わった", "ja", "20分", 20, "minutes", False),
    ("逾3000人参观", "zh-Hans", "逾3000人", 3000, "people", True),
    ("共有兩百多人", "zh-Hant", "兩百多人", 200, "people", True),
    ("100人以上が参加", "ja", "100人以上", 100, "people", True),
    ("nearly 3,000 people", "en", "nearly 3,000 people", 3000, "people", True),
    ("历时两年半", "zh-Hans", "两年半", 2.5, "years", False),
])
def test_figures(text, language, span, value, unit, approx):
    q = _one(text, language)
    assert (q.text, q.value, q.unit, q.approximate) == (span, value, unit, approx)


@pytest.mark.parametrize("text, language", [
    ("我们十分重视两国关系。", "zh-Hans"),   # 十分 = very; 两国 = both countries
    ("2026年1月31日下午3点", "zh-Hans"),     # dates and times are not figures
    ("第3次会议", "zh-Hans"),
    ("The talks were held in 2026.", "en"),
])
def test_not_figures(text, language):
    assert extract_quantities(text, language) == []


def test_overlong_and_malformed_numbers_are_kept_unparsed():
    text = "编号" + "9" * 80 + "元，另有1.2.3亿元和1..2万元"
    found = extract_quantities(text, "zh-Hans")
    assert len(found) == 3
    assert all(q.value is None and q.reason for q in found)
    assert all(text[q.start:q.end] == q.text for q in found)
