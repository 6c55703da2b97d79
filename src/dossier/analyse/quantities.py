"""Figures: amounts of money, percentages and counts, with exact offsets.

>>> [(q.text, q.value, q.unit, q.approximate) for q in
...  extract_quantities("去年对华投资约1037亿美元，增长九成。", "zh-Hans")]
[('约1037亿美元', 103700000000, 'USD', True), ('九成', 90, '%', False)]

A quantity is a number (with its scale word: 万/萬/亿/億/兆/千万, thousand/million/billion)
followed by what it counts: a currency (→ ISO 4217 code), a percentage sign or word
(九成, 三分之二, 7割 → %), or a classifier or unit (316席 → seats, 11艘 → ships, 20分 →
minutes). Bare numbers are not quantities. Approximation markers (约, 近, 逾, 超过, 多, 余,
以上, about, nearly…) set ``approximate``.

A numeral that cannot be read exactly (too long, malformed) is kept with ``value=None`` and a
``reason``; it never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numerals import MAX_NUMERAL_CHARS, parse_number

__all__ = ["Quantity", "extract_quantities"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """One figure; ``text == document_text[start:end]``."""

    start: int
    end: int
    text: str
    value: int | float | None
    unit: str | None
    approximate: bool
    reason: str | None = None


CURRENCY = {
    "美元": "USD", "美金": "USD", "ドル": "USD", "米ドル": "USD", "dollars": "USD",
    "dollar": "USD", "US dollars": "USD", "$": "USD", "US$": "USD", "＄": "USD", "USD": "USD",
    "日元": "JPY", "日圓": "JPY", "日圆": "JPY", "円": "JPY", "yen": "JPY", "¥": "JPY",
    "JPY": "JPY",
    "英镑": "GBP", "英鎊": "GBP", "ポンド": "GBP", "pounds": "GBP", "pound": "GBP",
    "pounds sterling": "GBP", "£": "GBP", "￡": "GBP", "GBP": "GBP",
    "人民币": "CNY", "人民幣": "CNY", "元": "CNY", "yuan": "CNY", "RMB": "CNY", "CNY": "CNY",
    "人民元": "CNY", "￥": "CNY", "元人民币": "CNY", "元人民幣": "CNY",
    "欧元": "EUR", "歐元": "EUR", "ユーロ": "EUR", "euros": "EUR", "euro": "EUR", "€": "EUR",
    "EUR": "EUR",
    "港元": "HKD", "港币": "HKD", "港幣": "HKD", "HK$": "HKD", "香港ドル": "HKD",
    "新台币": "TWD", "新台幣": "TWD", "台币": "TWD", "台幣": "TWD", "NT$": "TWD",
    "韩元": "KRW", "韓元": "KRW", "ウォン": "KRW", "won": "KRW",
    "卢布": "RUB", "盧布": "RUB", "ルーブル": "RUB", "roubles": "RUB", "rubles": "RUB",
    "澳元": "AUD", "澳币": "AUD", "澳幣": "AUD", "豪ドル": "AUD", "オーストラリアドル": "AUD",
    "A$": "AUD", "AU$": "AUD", "AUD": "AUD", "Australian dollars": "AUD",
    "加元": "CAD", "加币": "CAD", "加幣": "CAD", "カナダドル": "CAD", "C$": "CAD", "CAD": "CAD",
    "Canadian dollars": "CAD",
}
# Classifiers and units → the unit word we report. Longer forms first in the regex.
CJK_UNITS = {
    "席": "seats", "议席": "seats", "議席": "seats", "艘": "ships", "隻": "ships", "方": "parties",
    "种": "kinds", "種": "kinds", "种类": "kinds", "種類": "kinds", "类": "kinds", "類": "kinds",
    "人": "people", "名": "people", "位": "people", "人次": "person-times",
    "个国家": "countries", "個國家": "countries", "国": "countries", "國": "countries",
    "か国": "countries", "カ国": "countries", "ヶ国": "countries", "ヵ国": "countries",
    "个国家和地区": "countries and regions", "個國家和地區": "countries and regions",
    "架": "aircraft", "架次": "sorties", "机": "aircraft", "機": "aircraft",
    "辆": "vehicles", "輛": "vehicles", "台": "units", "枚": "pieces", "発": "rounds",
    "枚导弹": "missiles", "枚導彈": "missiles", "发导弹": "missiles", "發導彈": "missiles",
    "次": "times", "回": "times", "件": "cases", "例": "cases", "起": "incidents",
    "家": "companies", "社": "companies", "所": "institutions", "座": "buildings",
    "条": "items", "條": "items", "项": "items", "項": "items", "票": "votes",
    "岁": "years old", "歲": "years old", "歳": "years old", "才": "years old",
    "吨": "tonnes", "噸": "tonnes", "トン": "tonnes", "公斤": "kg", "千克": "kg",
    "キログラム": "kg", "公里": "km", "キロメートル": "km", "千米": "km", "キロ": "km",
    "米": "metres", "メートル": "metres", "平方公里": "km2", "平方千米": "km2",
    "平方キロ": "km2", "平方キロメートル": "km2", "亩": "mu", "畝": "mu", "倍": "times",
    "分钟": "minutes", "分鐘": "minutes", "分間": "minutes", "分": "minutes",
    "小时": "hours", "小時": "hours", "時間": "hours", "个小时": "hours", "個小時": "hours",
    "天": "days", "日間": "days", "个月": "months", "個月": "months", "ヶ月": "months",
    "か月": "months", "カ月": "months", "ヵ月": "months", "周": "weeks", "週間": "weeks",
    "个星期": "weeks", "個星期": "weeks", "星期": "weeks", "年": "years", "秒": "seconds",
    "秒钟": "seconds", "秒鐘": "seconds", "部队": "troops", "兵": "troops",
    "个百分点": "percentage points", "個百分點": "percentage points",
    "ポイント": "percentage points", "港": "ports", "颗": "satellites", "顆": "satellites",
    "户": "households", "戶": "households", "世帯": "households", "万户": "households",
}
PERCENT = {"%": "%", "％": "%", "パーセント": "%", "percent": "%", "per cent": "%"}
EN_UNITS = {
    "people": "people", "persons": "people", "person": "people", "seats": "seats",
    "seat": "seats", "ships": "ships", "vessels": "ships", "warships": "ships",
    "countries": "countries", "nations": "countries", "parties": "parties", "kinds": "kinds",
    "types": "kinds", "troops": "troops", "soldiers": "troops", "missiles": "missiles",
    "aircraft": "aircraft", "planes": "aircraft", "jets": "aircraft", "votes": "votes",
    "cases": "cases", "companies": "companies", "firms": "companies", "tonnes": "tonnes",
    "tons": "tonnes", "kilometres": "km", "kilometers": "km", "km": "km", "miles": "miles",
    "metres": "metres", "meters": "metres", "minutes": "minutes", "minute": "minutes",
    "hours": "hours", "hour": "hours", "days": "days", "day": "days", "weeks": "weeks",
    "months": "months", "years": "years", "year": "years", "seconds": "seconds",
    "times": "times", "deaths": "deaths", "dead": "deaths", "injured": "injured",
    "members": "members", "delegates": "delegates", "residents": "people", "workers": "workers",
    "refugees": "refugees", "percentage points": "percentage points", "votes cast": "votes",
}
EN_SCALE = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
            "bn": 10**9, "m": 10**6, "mn": 10**6, "k": 10**3, "tn": 10**12}
EN_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
            "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
            "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
            "seventy": 70, "eighty": 80, "ninety": 90, "a hundred": 100, "hundred": 100,
            "a dozen": 12, "dozen": 12}

APPROX_PRE = ["约", "約", "大约", "大約", "大概", "将近", "將近", "近", "逾", "超过", "超過", "超", "接近",
              "多达", "多達", "至少", "不到", "不足", "およそ", "ほぼ", "约合", "約合", "上下"]
APPROX_MID = ["多", "余", "餘", "数", "幾", "几"]
APPROX_SUF = ["多", "余", "餘", "以上", "左右", "上下", "近く", "余り", "あまり", "超", "強", "弱",
              "前後", "程度", "ほど", "有余", "有餘"]
EN_APPROX = ["about", "around", "approximately", "nearly", "almost", "more than", "over",
             "some", "roughly", "at least", "up to", "less than", "fewer than", "under",
             "an estimated", "close to", "upwards of"]


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_D = "[0-9０-９]"
_CJK = "[〇零○一二三四五六七八九十百千两兩壹贰貳叁參肆伍陆陸柒捌玖拾佰仟廿卅]"
# A numeral with its large-unit scale: 1037亿, 1.5万, 三千五百万, 12億3000万. Runs of up to
# 60 digits are taken whole so that overlong numbers become one unparsed span. Each later
# run is maximal (the lookaheads), so a long digit string can be read only one way: without
# them a 18-digit id made the pattern backtrack through every split of it.
_NUM = (rf"(?:{_D}{{1,60}}(?:[,，]{_D}{{3}})*(?:[.．]{_D}+)?|{_CJK}+)"
        rf"(?:{_D}+(?![0-9０-９])(?:[.．]{_D}+(?![0-9０-９]))?|{_CJK}+(?!{_CJK})|[万萬亿億兆])*")
_CUR_SUFFIX = {k: v for k, v in CURRENCY.items() if not k.isascii() and k not in "￥¥＄£￡€"}
_CJK_PATTERN = re.compile(
    rf"(?P<pre>{_alt(APPROX_PRE)})?"
    rf"(?P<cur_pre>US\$|HK\$|NT\$|AU?\$|C\$|[$＄¥￥€£￡])?"
    rf"(?P<num>{_NUM})"
    rf"(?P<mid>{_alt(APPROX_MID)})?(?P<scale>[万萬亿億兆千百](?![0-9０-９]))?(?P<mid2>{_alt(APPROX_MID)})?"
    rf"(?:(?P<cur>{_alt(_CUR_SUFFIX)})"
    r"|(?P<pct>%|％|パーセント)"
    r"|(?P<frac>分之|分の)(?P<frac_n>" + _NUM + ")"
    r"|(?P<wari>割)(?:(?P<bu>[0-9０-９一二三四五六七八九])分)?"
    r"|(?P<cheng>成)(?![功为為立员員本果绩績年熟长長交都就效份分立])"
    rf"|(?P<unit>{_alt(CJK_UNITS)}))"
    r"(?P<half>半(?![岛島导導价價数數径徑场場决決年]))?"
    rf"(?P<suf>{_alt(APPROX_SUF)})?"
)
_EN_NUMBER = rf"(?:\d{{1,60}}(?:,\d{{3}})*(?:\.\d+)?|{_alt(EN_WORDS)})"
_EN_PATTERN = re.compile(
    rf"(?<![\w.])(?:(?P<pre>{_alt(EN_APPROX)})\s+)?"
    r"(?P<cur_pre>US\$|HK\$|NT\$|AU?\$|C\$|[$€£¥])?\s?"
    rf"(?P<num>{_EN_NUMBER})"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn|tn|m|k)\b)?"
    r"(?:\s?(?P<pct>%|percent\b|per cent\b)"
    rf"|\s(?P<cur>US dollars|Australian dollars|Canadian dollars|dollars|yen|pounds sterling|pounds|euros"
    r"|yuan|won|roubles|rubles)\b"
    rf"|\s(?P<unit>percentage points|{_alt(k for k in EN_UNITS if k != 'percentage points')})\b)?",
    re.IGNORECASE,
)
# Numbers that are dates or clock times, not figures: 2026年, 3月, 7日, 10点, 第3.
_NOT_A_FIGURE = re.compile(r"年(?:代|度|级|級)|[月日号號点點時时]")


def _cjk_value(g: dict) -> tuple[float | int | None, str | None]:
    num = g["num"]
    if len(num) > MAX_NUMERAL_CHARS:
        return None, f"numeral too long ({len(num)} characters)"
    value = parse_number(num)
    if value is None:
        return None, f"malformed numeral: {num}"
    if g["scale"]:
        value = value * {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12,
                         "千": 1000, "百": 100}[g["scale"]]
    return _clean(value), None


def _clean(value: float | int) -> float | int:
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        return round(value, 6)
    return value


_TIME_UNITS = {"years", "months", "weeks", "days", "hours", "minutes", "seconds"}


def _cjk(text: str) -> list[Quantity]:
    out: list[Quantity] = []
    for m in _CJK_PATTERN.finditer(text):
        g = m.groupdict()
        start = m.start()
        num = g["num"]
        # the numeral must not continue a longer number or word on the left (ID numbers,
        # 第3, letters)
        before = text[m.start("num") - 1] if m.start("num") > 0 else ""
        if before and not g["pre"] and not g["cur_pre"] and (
                before.isascii() and before.isalnum() or before in "第.．"):
            if before in ".．" and m.start("num") > 1 and (text[m.start("num") - 2].isdigit()
                                                           or text[m.start("num") - 2] in ".．"):
                # 1.2.3亿元, 1..2万元: a malformed number, kept as unparsed
                lo = m.start("num") - 2
                while lo > 0 and (text[lo - 1].isdigit() or text[lo - 1] in ".．"):
                    lo -= 1
                out.append(Quantity(lo, m.end(), text[lo:m.end()], None, None, False,
                                    f"malformed numeral: {text[lo:m.end()]}"))
            continue
        unit = None
        value, reason = _cjk_value(g)
        if g["cur"]:
            unit = CURRENCY[g["cur"]]
        elif g["cur_pre"]:
            unit = CURRENCY[g["cur_pre"]]
            if g["cur_pre"] in "¥￥" and not g["unit"]:
                unit = "CNY" if g["cur_pre"] == "￥" else "JPY"
        if g["pct"]:
            unit = "%"
        elif g["frac"]:
            den, numer = parse_number(num), parse_number(g["frac_n"])
            if not den or numer is None:
                value, reason = None, "malformed fraction"
            else:
                value, reason = _clean(round(100 * numer / den, 2)), None
            unit = "%"
        elif g["wari"]:
            value = None if value is None else _clean(
                value * 10 + (parse_number(g["bu"]) or 0 if g["bu"] else 0))
            unit = "%"
        elif g["cheng"]:
            if value is None or value > 10:
                continue
            value = _clean(value * 10)
            unit = "%"
        elif g["unit"]:
            u = g["unit"]
            if unit is None:
                unit = CJK_UNITS[u]
                if not _unit_ok(text, m, u, num, g):
                    continue
        if unit is None:
            continue
        if g["half"] and value is not None:
            if unit in _TIME_UNITS:
                value = _clean(value + 0.5)  # 两年半 = 2.5 years
            else:
                continue  # 3个半: not a figure we can read
        approx = bool(g["pre"] or g["mid"] or g["mid2"] or g["suf"])
        end = m.end()
        if g["suf"] and g["suf"] in ("多", "余", "餘") and not g["unit"] and not g["cur"]:
            end = m.end("suf")
        out.append(Quantity(start, end, text[start:end], value, unit, approx, reason))
    return out


def _unit_ok(text: str, m: re.Match[str], u: str, num: str, g: dict) -> bool:
    """Reject classifiers that, after this number, are a date, a time or part of a word."""
    after = text[m.end("unit"):m.end("unit") + 2]
    if u == "年":
        v = parse_number(num)
        if v is None or v >= 1000 or len(num) == 4 or _NOT_A_FIGURE.match(text, m.end("unit") - 1) \
                or after[:1] in ("月", "代", "度", "级", "級", "底", "初", "末", "内", "內", "前"):
            return False
    if u == "分":
        # 十分重要: "very"; 3分の2 is a fraction (handled above)
        if not num[0].isdigit() and after and ("\u4e00" <= after[0] <= "\u9fff"
                                               or "\u3040" <= after[0] <= "\u30ff"):
            return False
        if text[m.start("num") - 1:m.start("num")] in ("点", "點", "時", "时"):
            return False
    if u == "方" and after[:1] in ("面", "式", "法", "案", "向", "针", "針", "位", "便", "米", "公"):
        return False
    if u in ("米",) and after[:1] in ("国", "國", "軍", "军", "中", "日", "側", "侧", "政"):
        return False
    if u in ("国", "國") and after[:1] in ("家", "际", "際", "内", "內", "民", "务", "務", "会", "會"):
        return False
    if u in ("次", "回") and after[:1] in ("会", "會", "合", "大", "党", "黨"):
        return False
    if u == "名" and after[:1] in ("字", "义", "義", "单", "單"):
        return False
    if u == "人" and after[:1] in ("民", "类", "類", "大", "权", "權", "物", "士"):
        return False
    if u in ("家",) and after[:1] in ("庭", "人", "乡", "鄉", "属", "屬"):
        return False
    if u in ("所",) and after[:1] in ("有", "以", "在", "谓", "謂"):
        return False
    if u in ("台",) and after[:1] in ("湾", "灣", "北", "南", "中", "独", "獨"):
        return False
    if u in ("起",) and after[:1] in ("来", "來", "訴", "诉", "草"):
        return False
    if u == "周" and after[:1] in ("年", "末", "边", "邊", "围", "圍"):
        return False
    if num in ("两", "兩", "両") and u in ("国", "國") and not g["pre"]:
        return False  # 两国: "both countries", a fixed term
    # a lone 一/两 with a generic classifier is an article, not a figure (一次, 一名)
    if num in ("一", "壹") and u in ("次", "回", "名", "位", "人", "家", "所", "件", "条", "條", "项",
                                    "項", "种", "種", "方", "起", "台", "座", "天", "年", "分"):
        return False
    return True


def _en_number(text: str) -> float | int | None:
    t = text.lower()
    if t[0].isdigit():
        if len(t) > MAX_NUMERAL_CHARS:
            return None
        try:
            return _clean(float(t.replace(",", ""))) if "." in t else int(t.replace(",", ""))
        except ValueError:
            return None
    return EN_WORDS.get(t)


def _en(text: str) -> list[Quantity]:
    out: list[Quantity] = []
    for m in _EN_PATTERN.finditer(text):
        g = m.groupdict()
        if not (g["cur_pre"] or g["pct"] or g["cur"] or g["unit"]):
            continue
        scale = (g["scale"] or "").lower()
        if scale in ("m", "k") and not g["cur_pre"]:
            continue  # 5 m is five metres, not five million
        value = _en_number(g["num"])
        reason = None if value is not None else f"malformed or overlong numeral: {g['num'][:20]}"
        if value is not None and scale:
            value = _clean(value * EN_SCALE[scale])
        if g["pct"]:
            unit = "%"
        elif g["cur"]:
            unit = CURRENCY[g["cur"].lower()] if g["cur"].lower() in CURRENCY else \
                CURRENCY.get(g["cur"])
        elif g["cur_pre"]:
            unit = CURRENCY[g["cur_pre"]]
        else:
            unit = EN_UNITS[g["unit"].lower()]
        if g["cur_pre"] and g["unit"] and not g["cur"]:
            end = m.start("unit") - 1  # $5 billion people: stop at the money
            unit = CURRENCY[g["cur_pre"]]
        else:
            end = m.end()
        pre = g["pre"]
        if pre and pre.lower() == "over" and unit in _TIME_UNITS:
            pre = None  # "over four hours" is a span of time, not an approximation
        start = m.start("pre") if pre else (m.start("cur_pre") if g["cur_pre"]
                                            else m.start("num"))
        end = end if end > start else m.end()
        out.append(Quantity(start, end, text[start:end], value, unit, bool(pre), reason))
    return out


def extract_quantities(text: str, language: str) -> list[Quantity]:
    """Find the figures of ``text`` (``language``: zh-Hans, zh-Hant, ja, en or und)."""
    if not text:
        return []
    if language == "en":
        return _en(text)
    if language in ("zh-Hans", "zh-Hant", "ja"):
        return _cjk(text)
    # und: both, CJK first; English figures only where no CJK figure overlaps
    found = _cjk(text)
    taken = [(q.start, q.end) for q in found]
    for q in _en(text):
        if not any(s < q.end and q.start < e for s, e in taken):
            found.append(q)
    return sorted(found, key=lambda q: q.start)
