"""Atom finding for Chinese and Japanese time expressions (first pass of :mod:`times_cjk`).

One compiled pattern per atom kind finds *atoms* — a year (2026年, 令和3年, 去年), a month
(3月, 上个月, 来月), a day (7日, 昨天), a weekday, a clock time, a duration (两天, 20分間),
a holiday — and right after each atom the bounds, parts and connectors that may follow it
(以降, 中旬, 至, から). :func:`find_atoms` returns them left to right, without overlaps.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from .numerals import parse_digits, parse_number, to_halfwidth
from .times_calendar import HOLIDAYS
from .times_cjk_words import (  # noqa: F401
    AM_POD,
    CJK_N,
    DUR_AFTER,
    ERA_LAST,
    ERA_START,
    HALF,
    KANA_MONTH,
    KANA_WEEKDAY,
    MONTH_PART,
    NOW,
    NUMERAL,
    PM_POD,
    POD,
    POD_STANDALONE,
    REL_DAY_COMMON,
    REL_DAY_JA,
    REL_DAY_NARRATIVE,
    REL_DAY_POD,
    REL_DAY_ZH,
    REL_MONTH,
    REL_WEEK,
    REL_YEAR,
    REL_YEAR_JA,
    SEASON,
    SPAN_CONN,
    SUFFIX_MOD,
    SUFFIX_PART,
    UNIT_RE,
    UNITS,
    WEEK_PREFIX,
    WEEKDAY_CHAR,
    YEAR_PART,
    D,
    _alt,
)


@dataclass
class Atom:
    start: int
    end: int
    kind: str  # "date", "bound", "part", "conn", "bare", "dur", "set"
    fields: dict = field(default_factory=dict)
    rank: tuple[int, int] = (0, 0)  # coarsest and finest slot filled (year=0 … clock=7)


def _build_patterns(language: str) -> list[tuple[str, re.Pattern[str]]]:
    """One compiled pattern per atom kind, in priority order.

    Each pattern begins with a literal or a character class, so that the regex engine skips
    text that cannot start it at C speed (one big alternation is tried at every position
    and is about five times slower). Checks that need the character *before* a match (not
    inside a longer number) are done in Python, see ``_NOT_AFTER``.
    """
    holidays = [n for n in HOLIDAYS if not n.isascii()]
    rel_day = REL_DAY_COMMON | (REL_DAY_JA if language == "ja" else REL_DAY_ZH)
    d1 = "[0-9０-９]"
    d12 = f"{d1}{d1}?"
    d4 = f"{d1}{d1}{{3}}"
    sn = f"{_SN_CHAR}{_SN_CHAR}{{0,3}}"
    num = f"{_NUM_CHAR}{_NUM_CHAR}*"
    sep = "[/\\-.・,／－．]"
    dur_rest = (f"(?P<du_more>多|余|餘|数)?(?:{UNIT_RE}){DUR_AFTER}")
    parts = [
        # 2018-12-1209:03: a clock time glued to the day is still a clock time
        ("ymd", rf"(?P<ymd_y>{d4})(?P<ymd_s>{sep})(?P<ymd_m>{d12})(?P=ymd_s)(?P<ymd_d>{d12})"
                rf"(?:(?P<ymd_h>[01][0-9]|2[0-3])[:：](?P<ymd_mi>[0-5][0-9])(?![0-9０-９])"
                rf"|(?![0-9０-９.．/])(?:日|号|號)?)"),
        ("ymd8", rf"(?:19|20){d1}{{2}}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])(?![0-9０-９])"),
        ("mdy", rf"(?P<mdy_a>{d12})[/／](?P<mdy_b>{d12})[/／](?P<mdy_y>{d1}{{4}}|{d1}{{2}})(?![0-9０-９/])"),
        ("era", rf"(?P<era_n>令和|平成|昭和|大正|明治|大化|皇紀|{'|'.join(c + f'(?={d1}{{1,2}}[年/.-])' for c in 'RHSＲＨＳ')})"
                rf"(?P<era_y>{d1}{{1,4}}|元|{CJK_N}{{1,3}})(?:年|(?=[/.\-・,]{d1}))"
                rf"(?:(?P<era_s>[/.\-・,])(?P<era_m>{d12})(?:(?P=era_s)(?P<era_d>{d12}))?(?![0-9０-９]))?"),
        ("ymd", rf"(?P<ymd_y>{d4})年[/／](?P<ymd_m>{d12})月?[/／](?P<ymd_d>{d12})(?![0-9０-９])(?:日)?"),
        ("ym", rf"(?P<ym_y>{d4})(?:年[/／]|[/\-.／．])(?P<ym_m>{d12})(?![0-9０-９]|[.．/][0-9０-９])(?:月)?"),
        ("md", rf"(?P<md_m>{d12})[/／](?P<md_d>{d12})(?![0-9０-９/.%％])(?:日|号|號)?"),
        # 09-01 20:01: a zero-padded month-day with a hyphen only before a clock time (a
        # bare 09-01 is as often a score or a range)
        ("md", rf"(?P<md_m>0[1-9]|1[0-2])[-－](?P<md_d>0[1-9]|[12][0-9]|3[01])"
               rf"(?=[ 　T]?{d12}[:：]{d1}{{2}}(?![0-9０-９]))"),
        ("clock", rf"(?P<ck_h>{d12})[:：](?P<ck_m>{d1}{{2}})(?:[:：](?P<ck_s>{d1}{{2}}))?"
                  rf"(?![0-9０-９])(?:\s?(?P<ck_ap>[AaPp]\.?[Mm]\.?|[AaPp](?![A-Za-z])))?(?P<ck_suf>时|時)?"),
        ("hap", rf"(?P<hap_h>{d12})\s?(?P<hap_ap>[AaPp]\.?[Mm]\.?)(?![A-Za-z])"),
        ("hol", rf"(?P<hol_n>{_alt(holidays)})"),
        ("natl", r"(?:国庆|國慶)(?:节|節)?"),
        ("bc", rf"(?:公元前|紀元前|纪元前)(?P<bc_n>{d1}{{1,4}}|{CJK_N}{{1,4}})(?P<bc_u>年|世紀|世纪)"),
        ("cent", rf"(?P<cent_rel>上|本|今)(?P<cent_n>{d12}|{CJK_N}{{1,3}})?(?:世紀|世纪)(?P<cent_dec>(?:{d1}{{2}}|[一二三四五六七八九]十)年代)?"),
        ("cent", rf"(?P<cent_n>{sn})(?:世紀|世纪)(?P<cent_dec>(?:{d1}{{2}}|[一二三四五六七八九]十)年代)?"),
        ("year", rf"(?P<yr_n>{_YEAR_CHAR}{_YEAR_CHAR}{{1,3}})(?P<yr_u>年度|年代|年)(?P<yr_ssn>[春夏秋冬](?![日天季]))?"),
        ("yssn", rf"(?P<ys_y>{d4})/?(?P<ys_s>[春夏秋冬])(?![日天季])"),
        ("ryear", _alt(REL_YEAR | REL_YEAR_JA)),
        ("rmonth", _alt(REL_MONTH)),
        ("rweekja", rf"(?P<rwja_w>{_alt(REL_WEEK)})(?:の)?(?P<rwja_wd>[月火水木金土日](?:曜日|曜))?"),
        ("rweek", rf"(?P<rw_pre>{_alt(WEEK_PREFIX)})(?:周|週|星期|礼拜|禮拜)(?P<rw_wd>[一二三四五六日天末])?"),
        ("rdpod", _alt(REL_DAY_POD)),
        ("rday", _alt(rel_day)),
        ("now", _alt(NOW)),
        ("rq", r"(?:本|这个|這個|上上个|上上個|下下个|下下個|上个|上個|下个|下個|上|下|今|当|當|現|前の|前|先の|先|昨|現行|現在の|今の)(?:季度|四半期|QTR)"),
        ("quarter", r"第(?P<q_n>[1-4１-４一二三四])(?:季度|季|四半期|(?:个|個)季度)"),
        ("quarter", r"(?P<q_n>[1-4１-４一二三四])季度"),
        ("quarterq", r"[QqＱ](?P<q_n>[1-4１-４])(?![0-9０-９A-Za-z])(?:季度)?"),
        ("half", _alt(HALF)),
        ("ypart", _alt(YEAR_PART)),
        ("mpart", _alt(MONTH_PART)),
        ("zseason", r"(?P<zs>[春夏秋冬])(?:天|季)(?!度)"),
        ("nthwd", r"第(?P<nth_n>[1-5１-５一二三四五])(?:个|個)?(?:星期|礼拜|禮拜|周|週)(?P<nth_wd>[一二三四五六日天])"),
        ("ordmonth", rf"第(?P<om_n>{d12}|{CJK_N}{{1,3}})(?:个|個)月"),
        ("ordday", rf"第(?P<od_n>{d1}{{1,3}}|{CJK_N}{{1,4}})(?:天|日)(?!以来|以來|来|來)"),
        ("jintomorrow", r"今明(?:两|兩)(?P<jm_u>天|日|年)"),
        ("weekno", rf"第(?P<wn>{d12}|{CJK_N}{{1,3}})(?:(?:个|個)?(?:星期|礼拜|禮拜)|周|週)(?!年|[一二三四五六日天末])"),
        ("set", rf"(?:每|毎)(?:隔)?(?P<set_n>{NUMERAL}|半)?(?:个|個)?(?P<set_u>工作日|交易日|年|月|周|週|星期|天|日(?!新聞|新闻|の新聞)|小时|小時|钟头|鐘頭|時間|時|分|秒)"),
        ("dur", rf"(?P<du_n>{num}){dur_rest}"),
        ("dur", rf"(?P<du_pre>再过|再過|过去的|過去的|过去|過去|前の|最近|未来的|未來的|未来|未來|今后|今後|直近の|直近|上|下|前|后|後|この|过|過)"
                rf"(?P<du_ap>约|約|大约|大約|将近|將近|近|逾|超过|超過|およそ|ほぼ)?(?P<du_n>{num}){dur_rest}"),
        ("dur", rf"(?P<du_ap>约|約|大约|大約|将近|將近|近|逾|超过|超過|およそ|ほぼ)(?P<du_n>{num}){dur_rest}"),
        ("dur", rf"(?P<fu_pre>首|头|頭)(?P<fu_n>{num})?(?:个|個)?(?P<fu_u>季度|月)(?![份薪])"),
        ("halfdur", r"(?P<hd_q>四半|半)(?P<hd_u>世紀|世纪|年|月|天|日|小时|小時|钟头|鐘頭|个月|個月|个小时|個小時|時間|カ月|ヶ月)(?P<hd_tail>(?:ほど|くらい|ぐらい)?(?:前|後)|以前|之前|前|以后|以後|之后|之後|後|后|以内|以內|之内|之內|内|內|以来|以來|間|间|多)?"),
        ("halfdur", r"(?P<hd_pre>再过|再過|过|過)(?P<hd_q>四半|半)(?P<hd_u>世紀|世纪|年|月|天|日|小时|小時|钟头|鐘頭|个月|個月|个小时|個小時|時間|カ月|ヶ月)(?P<hd_tail>(?:ほど|くらい|ぐらい)?(?:前|後)|以前|之前|前|以后|以後|之后|之後|後|后|以内|以內|之内|之內|内|內|以来|以來|間|间|多)?"),
        # Japanese writes weekdays 月曜日…; its 週三回, 週一 are "three times / once a week"
        ("wd", r"(?:星期|礼拜|禮拜)(?P<wd_c>[一二三四五六日天])" if language == "ja" else
               r"(?:星期|礼拜|禮拜|周|週)(?P<wd_c>[一二三四五六日天])"),
        ("jwd", r"[（(](?P<jwd_p>[月火水木金土日])(?:曜日|曜)?[)）]"),
        ("jwd", r"(?P<jwd_c>[月火水木金土日])(?:曜日|曜)"),
        ("kwd", _alt(KANA_WEEKDAY)),
        ("weekend", _alt(["这周末", "這周末", "本周末", "这週末", "這週末", "本週末", "周末", "週末",
                          "しゅうまつ"])),
        ("month", rf"(?P<mo_n>{sn})(?:月份|月)(?!間|间|期|刊|薪|球|饼|餅|光|亮|台|票)"
                  rf"(?:(?P<mo_d>{sn}|初[一二三四五六七八九十])(?:(?P<mo_du>日|号|號)|(?![0-9０-９.％%万萬亿億千百十个個人名家元次吨噸辆輛台件岁歲倍日号號年])))?"),
        ("kmonth", _alt(KANA_MONTH)),
        ("lunar", r"农历|農曆|农曆|阴历|陰曆|阴曆|旧历|舊曆"),
        ("lmonth", rf"(?:(?P<lm_leap>闰|閏)(?P<lm_n>{sn}|正|腊|臘|冬)|(?P<lm_w>正|腊|臘|冬))月"
                   rf"(?:(?P<lm_d>初[一二三四五六七八九十]|{sn})(?:日|号|號)?)?"),
        ("lmonth", rf"大年(?P<lm_d>初[一二三四五六七八九十]|{sn})"),
        ("day", rf"(?P<dy_n>{sn})(?:日|号(?![线線楼樓文机機店口门門台院字令码碼位]|[a-zA-Z]|[0-9](?![0-9]?[:：]))|號(?![線樓文機店口門台院字令碼位]))"),
        ("hour", rf"(?P<hr_n>{sn})(?:点钟|點鐘|点|點|时|時)(?!間|间|代|期|候|刻(?!钟|鐘)|点|點|局|尚|速|事|装|裝|效|差|评|評|空|段|機|机|計|计|報|报)"
                 rf"(?P<hr_tap>踏|搭)?(?:(?P<hr_half>半)|(?P<hr_zi>{sn})(?:個字|个字|字)|(?P<hr_q>[一三1３3])刻|(?P<hr_min>{sn})(?:分(?!钟|鐘|間)|(?![0-9０-９万亿億萬%％度个個倍秒])))?(?:(?P<hr_sec>{sn})秒)?(?P<hr_zheng>整|ちょうど|きっかり|ぴったり)?"),
        ("minsec", rf"(?P<ms_m>{sn})分(?P<ms_s>{sn})秒"),
        ("pod", _alt([p for p in list(POD_STANDALONE) + list(POD) if len(p) > 1])),
        ("bare", rf"(?P<bare_n>{_SN_CHAR}{_SN_CHAR}{{0,3}})(?=\s?{SPAN_CONN}\s?[0-9０-９〇零○一二三四五六七八九十两兩廿卅]|[・、]{d4}年)"),
    ]
    return [(kind, re.compile(pat)) for kind, pat in parts]


_TWO_DIGIT_YEAR_NEXT = re.compile(
    rf"(?:{D}{{1,2}}|[一二三四五六七八九十]{{1,3}})月|第|[一二三四1-4１-４]季|底|末|初(?!中)")
_SN_CHAR = "[0-9０-９〇零○一二三四五六七八九十两兩廿卅]"
_YEAR_CHAR = "[0-9０-９〇零○一二三四五六七八九两兩]"
_NUM_CHAR = "[0-9０-９,，.．〇零○一二三四五六七八九十百千万萬亿億两兩俩倆仨廿卅]"
# kinds whose match must not continue a number on its left (2026年 inside 12026年)
_NOT_AFTER = {k: "0123456789０１２３４５６７８９.．" for k in (
    "ymd", "ymd8", "ym", "year", "yssn", "month", "day", "bare", "clock", "hap", "dur", "mdy",
    "md", "hour", "minsec", "cent")}
_NOT_AFTER["md"] += "/ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_NOT_AFTER["mdy"] += "/"
_NOT_AFTER["clock"] += ":："
_NOT_AFTER["quarterq"] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_SUFFIX = re.compile(
    rf"(?P<part>{_alt(SUFFIX_PART)})|(?P<bound>{_alt(SUFFIX_MOD)})|\s?(?P<conn>{SPAN_CONN}|・|、)")


PATTERNS = {"zh": _build_patterns("zh"), "ja": _build_patterns("ja")}


_BOUND_ATOMS = {"part", "bound", "conn"}


def _n(text: str | None) -> int | None:
    if text is None:
        return None
    v = parse_number(text)
    if v is None:
        v = parse_digits(text)
    return int(v) if isinstance(v, (int, float)) and float(v).is_integer() else None


def _year_from_digits(text: str) -> tuple[int | None, bool]:
    """Year from 4 or 2 positional digits; bool = two-digit year."""
    v = parse_digits(text)
    if v is None:
        return None, False
    return v, len(text) == 2


_NIGHT_POD = {"夜", "夜里", "夜裡", "夜间", "夜間", "深夜", "半夜", "晚", "晚上", "今晚", "今夜",
              "昨晚", "昨夜", "明晚", "前晚"}
_LATE_NIGHT = {"夜", "夜里", "夜裡", "夜间", "夜間", "深夜", "半夜", "今夜", "昨夜"}


_DAY_POD = {"晚": "晚", "晨": "早晨"}
# 晚会, 晚宴, 晚报, 晨报…: words, not a part of the day (晚上, 晚间 are matched as pods)
_DAY_POD_NOT_BEFORE = set("会會宴餐报報饭飯期年清辈輩稿練练霞曦光星钟鐘间間上")
_LUNAR_MONTH = {"正": 1, "冬": 11, "腊": 12, "臘": 12}


def _hour_with_pod(h: int, pod: str | None, ampm: str | None = None) -> int:
    if ampm:
        a = ampm.lower().replace(".", "")
        if a.startswith("p") and h < 12:
            return h + 12
        if a.startswith("a") and h == 12:
            return 0
        return h
    if pod in _NIGHT_POD:
        # 夜里12点 is midnight (24:00, the next day's 0:00); 夜里2点 is 2 am; 夜里11点 11 pm
        if h == 12:
            return 24
        if 5 <= h < 12 or (h < 12 and pod in PM_POD and pod not in _LATE_NIGHT):
            return h + 12
        return h
    if pod in PM_POD:
        if 1 <= h < 12:
            return h + 12
    if pod in AM_POD and h == 12:
        return 0
    return h


def _atom(m: re.Match[str], kind: str, language: str) -> Atom | None:  # noqa: C901
    g = defaultdict(lambda: None, m.groupdict())
    s, e = m.start(), m.end()
    if kind == "ymd":
        f = {"year": int(to_halfwidth(g["ymd_y"])), "month": _n(g["ymd_m"]), "day": _n(g["ymd_d"])}
        if g["ymd_h"]:
            f.update(hour=int(g["ymd_h"]), minute=int(g["ymd_mi"]), kind="TIME", ampm_fixed=True)
            return Atom(s, e, "date", f, (0, 7))
        return Atom(s, e, "date", f, (0, 4))
    if kind == "ymd8":
        t = m.group()
        return Atom(s, e, "date", {"year": int(t[:4]), "month": int(t[4:6]), "day": int(t[6:])},
                    (0, 4))
    if kind == "mdy":
        a, b = _n(g["mdy_a"]), _n(g["mdy_b"])
        ytxt = to_halfwidth(g["mdy_y"])
        if a is not None and a > 12 and b is not None and b <= 12:
            a, b = b, a  # 31/1/2026: day first
        return Atom(s, e, "date", {"year": int(ytxt), "two_digit_year": len(ytxt) == 2,
                                   "month": a, "day": b,
                                   "day_month_open": a != b and max(a or 0, b or 0) <= 12},
                    (0, 4))
    if kind == "era":
        name = g["era_n"]
        ytxt = g["era_y"]
        n = 1 if ytxt == "元" else _n(ytxt)
        if n is None:
            return None
        if name == "皇紀":
            return Atom(s, e, "date", {"year": n - 660}, (0, 0))
        if n < 1 or (name in ERA_LAST and n > ERA_LAST[name] and name != "平成"):
            return Atom(s, e, "date", {"reason": f"no year {n} in the {name} era"}, (0, 0))
        if ytxt.startswith(("0", "０")) and n == 0:
            return None
        f = {"year": ERA_START[name] + n}
        if g["era_m"]:
            f["month"] = _n(g["era_m"])
            if g["era_d"]:
                f["day"] = _n(g["era_d"])
                return Atom(s, e, "date", f, (0, 4))
            return Atom(s, e, "date", f, (0, 2))
        return Atom(s, e, "date", f, (0, 0))
    if kind == "ym":
        y, mo = int(to_halfwidth(g["ym_y"])), _n(g["ym_m"])
        if not (1000 <= y <= 2999 and mo and 1 <= mo <= 12):
            return None
        return Atom(s, e, "date", {"year": y, "month": mo}, (0, 2))
    if kind == "md":
        mo, d = _n(g["md_m"]), _n(g["md_d"])
        if not (mo and d and 1 <= mo <= 12 and 1 <= d <= 31):
            return None  # 1/50, 0/1: a fraction, not a date
        return Atom(s, e, "date", {"month": mo, "day": d}, (2, 4))
    if kind == "clock":
        h, mi = _n(g["ck_h"]), _n(g["ck_m"])
        sec = _n(g["ck_s"])
        if h is None or mi is None or h > 30 or mi > 59 or (sec is not None and sec > 59):
            return None
        f = {"hour": h, "minute": mi, "kind": "TIME", "ampm_fixed": h > 12}
        if g["ck_ap"]:
            f["hour"] = _hour_with_pod(h, None, g["ck_ap"])
            f["ampm_fixed"] = True
        if sec is not None:
            f["second"] = sec
        return Atom(s, e, "date", f, (7, 7))
    if kind == "hap":
        h = _n(g["hap_h"])
        if h is None or not 1 <= h <= 12:
            return None
        return Atom(s, e, "date", {"hour": _hour_with_pod(h, None, g["hap_ap"]), "kind": "TIME",
                                   "ampm_fixed": True}, (7, 7))
    if kind == "hol":
        return Atom(s, e, "date", {"holiday": g["hol_n"]}, (2, 4))
    if kind == "natl":
        return Atom(s, e, "date", {"holiday": "national"}, (2, 4))
    if kind == "bc":
        n = _n(g["bc_n"])
        if not n:
            return None
        if g["bc_u"] == "年":
            return Atom(s, e, "date", {"year": n, "bc": True}, (0, 0))
        return Atom(s, e, "date", {"century": n, "bc": True}, (0, 0))
    if kind == "cent":
        n = _n(g["cent_n"]) if g["cent_n"] else None
        rel = g["cent_rel"]
        if rel == "上":
            n = 20 if n is None else n
        elif rel in ("本", "今") and n is None:
            n = 21
        if n is None or n < 1:
            return None
        if g["cent_dec"]:
            dec = _n(g["cent_dec"][:-2])
            if dec is None:
                return None
            return Atom(s, e, "date", {"decade": (n - 1) * 10 + dec // 10}, (0, 0))
        return Atom(s, e, "date", {"century": n}, (0, 0))
    if kind == "year":
        txt = g["yr_n"]
        unit = g["yr_u"]
        if unit == "年代":
            v = _n(txt)
            if v is None:
                return None
            if v < 100:
                return Atom(s, e, "date", {"decade": 190 + v // 10}, (0, 0))
            return Atom(s, e, "date", {"decade": v // 10}, (0, 0))
        # 2026年 / 二〇二六年 / 九七年 are years; 07年 only before a month, quarter or week
        # (07年3月); 3年, 二十年 are durations (the duration pattern takes them)
        is_arabic = txt[0] in "0123456789０１２３４５６７８９"
        if len(txt) == 3 and unit == "年":
            return None
        if len(txt) == 2 and is_arabic and unit == "年" and not _TWO_DIGIT_YEAR_NEXT.match(
                m.string, m.end("yr_u")):
            return None
        if len(txt) <= 3 and unit == "年度":
            return None
        y, two = _year_from_digits(to_halfwidth(txt))
        if y is None:
            return None
        f: dict = {"year": y, "two_digit_year": two}
        if unit == "年度":
            if y < 1000 and not two:
                return None
            f["fiscal"] = True
        if g["yr_ssn"]:
            f["season"] = SEASON[g["yr_ssn"]]
            return Atom(s, e, "date", f, (0, 1))
        return Atom(s, e, "date", f, (0, 0))
    if kind == "yssn":
        return Atom(s, e, "date", {"year": int(to_halfwidth(g["ys_y"])),
                                   "season": SEASON[g["ys_s"]]}, (0, 1))
    if kind == "ryear":
        word = m.group()
        rel = REL_YEAR_JA[word] if language == "ja" and word in REL_YEAR_JA else REL_YEAR[word]
        return Atom(s, e, "date", {"year_rel": rel}, (0, 0))
    if kind == "rmonth":
        return Atom(s, e, "date", {"month_rel": REL_MONTH[m.group()]}, (0, 2))
    if kind == "rweekja":
        f = {"week_rel": REL_WEEK[g["rwja_w"]]}
        if g["rwja_wd"]:
            f["weekday"] = WEEKDAY_CHAR[g["rwja_wd"][0]]
            return Atom(s, e, "date", f, (0, 5))
        return Atom(s, e, "date", f, (0, 3))
    if kind == "rweek":
        rel = WEEK_PREFIX[g["rw_pre"]]
        wd = g["rw_wd"]
        if wd == "末":
            return Atom(s, e, "date", {"week_rel": rel, "weekend": True}, (0, 5))
        if wd:
            return Atom(s, e, "date", {"week_rel": rel, "weekday": WEEKDAY_CHAR[wd]}, (0, 5))
        return Atom(s, e, "date", {"week_rel": rel}, (0, 3))
    if kind == "rdpod":
        rel, pod = REL_DAY_POD[m.group()]
        return Atom(s, e, "date", {"day_rel": rel, "pod": pod, "_podword": m.group()}, (0, 6))
    if kind == "rday":
        word = m.group()
        rel = REL_DAY_COMMON.get(word)
        if rel is None:
            rel = (REL_DAY_JA if language == "ja" else REL_DAY_ZH)[word]
        fields = {"day_rel": rel, "_kana": word.isalpha() and word[0] > "ぁ" and word[0] < "ゟ"}
        if word in REL_DAY_NARRATIVE or (language == "ja" and word == "前日"):
            fields["narrative"] = True
        return Atom(s, e, "date", fields, (0, 4))
    if kind == "now":
        return Atom(s, e, "date", {"present": True, "_kana": m.group() == "いま"}, (0, 7))
    if kind == "rq":
        word = m.group()
        rel = -1 if word[0] in "上前先昨" else (1 if word[0] == "下" else 0)
        if word[:2] in ("上上", "下下"):
            rel *= 2  # 下下个季度: the quarter after next
        return Atom(s, e, "date", {"quarter_rel": rel}, (0, 1))
    if kind in ("quarter", "quarterq"):
        q = _n(g["q_n"])
        return Atom(s, e, "date", {"quarter": q}, (1, 1))
    if kind == "half":
        return Atom(s, e, "date", {"half": HALF[m.group()]}, (1, 1))
    if kind == "ypart":
        return Atom(s, e, "part", {"mod": YEAR_PART[m.group()], "_of": "Y"}, (1, 1))
    if kind == "mpart":
        return Atom(s, e, "part", {"mod": MONTH_PART[m.group()], "_of": "M"}, (3, 3))
    if kind == "zseason":
        return Atom(s, e, "date", {"season": SEASON[g["zs"]]}, (1, 1))
    if kind == "nthwd":
        return Atom(s, e, "date", {"nth": _n(g["nth_n"]), "weekday": WEEKDAY_CHAR[g["nth_wd"]]},
                    (3, 5))
    if kind == "ordmonth":
        # 70年第8个月: the eighth month of that year; alone it says nothing
        n = _n(g["om_n"])
        if not n or n > 12:
            return None
        return Atom(s, e, "date", {"month": n, "_weak": True}, (2, 2))
    if kind == "ordday":
        # 2025年第一天, 3月第十天: the Nth day of the year or month before it; alone (第三天起)
        # it counts from an event the text names elsewhere
        n = _n(g["od_n"])
        if not n or n > 366:
            return None
        return Atom(s, e, "date", {"nth_day": n, "_weak": True}, (4, 4))
    if kind == "jintomorrow":
        # 今明两天 / 今明两年: today and tomorrow, this year and next
        field = "year_rel" if g["jm_u"] == "年" else "day_rel"
        return Atom(s, e, "date", {"_span": (field, 0, 1)}, (0, 9))
    if kind == "weekno":
        n = _n(g["wn"])
        if not n or n > 53:
            return None
        return Atom(s, e, "date", {"week_no": n}, (3, 3))
    if kind == "set":
        unit = _unit_of_set(g["set_u"])
        n = 0.5 if g["set_n"] == "半" else parse_number(g["set_n"]) if g["set_n"] else 1
        if n is None:
            return None
        return Atom(s, e, "set", {"kind": "SET", "duration": {unit: n}}, (0, 7))
    if kind == "dur":
        return _duration_atom(m, g, language)
    if kind == "halfdur":
        u = g["hd_u"]
        unit = ("CE" if "世" in u else "Y" if u == "年" else "D" if u in "天日" else
                "H" if ("时" in u or "時" in u or "钟" in u or "鐘" in u) else "M")
        amount = 0.25 if g["hd_q"] == "四半" else 0.5
        if unit == "CE":
            unit, amount = "Y", amount * 100
        pre = g["hd_pre"]
        if pre in ("过", "過") and not _pass_is_offset(m):
            return None
        return _dur_result(s, e, {unit: amount}, pre, g["hd_tail"] or "", False, language)
    if kind == "wd":
        return Atom(s, e, "date", {"weekday": WEEKDAY_CHAR[g["wd_c"]]}, (5, 5))
    if kind == "jwd":
        c = g["jwd_p"] or g["jwd_c"]
        return Atom(s, e, "date", {"weekday": WEEKDAY_CHAR[c]}, (5, 5))
    if kind == "kwd":
        return Atom(s, e, "date", {"weekday": KANA_WEEKDAY[m.group()], "_kana": True}, (5, 5))
    if kind == "weekend":
        return Atom(s, e, "date", {"weekend": True}, (5, 5))
    if kind in ("lunar", "lmonth"):
        if language == "ja":
            return None  # お正月 is the New Year holidays; Japan keeps no lunar dates
        if kind == "lunar":
            return Atom(s, e, "lunar", {"lunar": True}, (-1, -1))
        w = g["lm_w"] or g["lm_n"]
        mo = _LUNAR_MONTH.get(w) if w in _LUNAR_MONTH else (_n(w) if w else 1)
        if not mo or mo > 12:
            return None
        f = {"month": mo, "lunar": True, "leap": bool(g["lm_leap"])}
        if g["lm_d"]:
            d = _n(g["lm_d"].lstrip("初"))
            nxt = m.string[e:e + 1]
            if not d or d > 30 or (nxt and nxt in "0123456789０１２３４５６７８９"):
                # 腊月18000吨: the number after the month is a quantity, not its day
                if g["lm_w"] is None and g["lm_n"] is None:
                    return None
                return Atom(s, s + len(m.group()) - len(g["lm_d"]), "date", f, (2, 2))
            f["day"] = d
            return Atom(s, e, "date", f, (2, 4))
        return Atom(s, e, "date", f, (2, 2))
    if kind == "month":
        mo = _n(g["mo_n"])
        if mo is None:
            return None
        f = {"month": mo}
        if g["mo_d"]:
            if g["mo_d"][0] == "初" or (not g["mo_du"] and not g["mo_d"][0].isdigit()):
                # 八月十五, 九月廿二, 四月初八: a month and day in characters without 日 are
                # the lunar calendar's
                if language == "ja":
                    return Atom(s, s + len(m.group()) - len(g["mo_d"]), "date", f, (2, 2))
                f["lunar"] = True
            d = _n(g["mo_d"].lstrip("初"))
            if d is None:
                return None
            if not g["mo_du"] and (d > 31 or d == 0):
                # 11月2000: the number after the month is not a day
                return Atom(s, s + len(m.group()) - len(g["mo_d"]), "date", f, (2, 2))
            f["day"] = d
            return Atom(s, e, "date", f, (2, 4))
        return Atom(s, e, "date", f, (2, 2))
    if kind == "kmonth":
        return Atom(s, e, "date", {"month": KANA_MONTH[m.group()], "_kana": True}, (2, 2))
    if kind == "day":
        d = _n(g["dy_n"])
        if d is None:
            return None
        if d > 31 and m.group().endswith("日") and float(d).is_integer():
            return _dur_result(s, e, {"D": d}, None, "", False, language)  # 90日 = 90 days
        if g["dy_n"] in ("两", "兩", "俩", "倆"):
            return _dur_result(s, e, {"D": 2}, None, "", False, language)  # 两日 = two days
        return Atom(s, e, "date", {"day": d}, (4, 4))
    if kind == "hour":
        return _hour_atom(m, g, language)
    if kind == "minsec":
        mi, sec = _n(g["ms_m"]), _n(g["ms_s"])
        if mi is None or sec is None or mi > 59 or sec > 59:
            return None
        return Atom(s, e, "date", {"minute": mi, "second": sec, "kind": "TIME"}, (7, 7))
    if kind == "pod":
        return Atom(s, e, "pod", {"pod": POD.get(m.group(), "AF" if m.group() == "午後" else "MO"),
                                  "_podword": m.group()}, (6, 6))
    if kind == "part":
        return Atom(s, e, "part", {"mod": SUFFIX_PART[m.group()]}, (8, 8))
    if kind == "bound":
        return Atom(s, e, "bound", {"mod": SUFFIX_MOD[m.group()]}, (8, 8))
    if kind == "conn":
        return Atom(s, e, "conn", {"conn": m.group()}, (9, 9))
    if kind == "bare":
        n = _n(g["bare_n"])
        if n is None:
            return None
        return Atom(s, e, "bare", {"n": n, "txt": g["bare_n"]}, (9, 9))
    return None


# 过 before a duration is "once … have passed" (过两天再说, 过十周) unless it ends a verb
# of its own: 超过, 度过, 经过, 不过, 通过 three days are amounts of time, not a date
_PASS_VERB_BEFORE = set("超度經经不通越錯错難难闯闖跨穿跳放勝胜路熬挨走渡透濾滤没沒未")


def _pass_is_offset(m: re.Match[str]) -> bool:
    return m.start() == 0 or m.string[m.start() - 1] not in _PASS_VERB_BEFORE


def _unit_of_set(u: str) -> str:
    return {"工作日": "WD", "交易日": "WD", "年": "Y", "月": "M", "周": "W", "週": "W", "星期": "W", "天": "D", "日": "D",
            "小时": "H", "小時": "H", "钟头": "H", "鐘頭": "H", "時間": "H", "時": "H", "分": "MIN", "秒": "S"}[u]


def _duration_atom(m: re.Match[str], g: dict, language: str) -> Atom | None:
    if g["fu_pre"]:
        # 首月, 头三个月: only a part of the period before it (2005年首月), else nothing
        n = _n(g["fu_n"]) if g["fu_n"] else 1
        if not n:
            return None
        unit = "Q" if g["fu_u"] == "季度" else "M"
        return Atom(m.start(), m.end(), "dur", {
            "kind": "DURATION", "duration": {unit: n}, "_pre": "首", "_unit": unit,
            "_amount": n, "_weak": True}, (0, 7))
    unit = next(name for name, _ in UNITS if g.get(f"u_{name}"))
    utext = g[f"u_{unit}"]
    if g["du_pre"] in ("过", "過") and not _pass_is_offset(m):
        return None
    ntext = g["du_n"]
    if unit == "MIN" and utext == "分" and language != "ja" and not g["du_tail"]:
        return None  # 20分 in Chinese is as often points as minutes
    if ntext == "半":
        amount: float | None = 0.5
    elif ntext == "四半":
        amount = 0.25
    else:
        amount = parse_number(ntext)
    if amount is None:
        return None  # malformed numeral: not a duration
    if g["du_half"] or "半" in utext:
        amount += 0.5
    if g["s_frac"]:
        amount = float(f"{amount:g}.{to_halfwidth(g['s_frac'])}")
    if unit == "CE":
        unit, amount = "Y", amount * 100
    if utext in ("刻钟", "刻鐘"):
        amount *= 15  # 一刻钟 = a quarter of an hour
    if unit == "Y" and utext.startswith("年") and amount >= 1000 and (
            not g["du_tail"] or g["du_tail"] in ("内", "內")) \
            and not g["du_pre"] and not g["du_ap"] and float(amount).is_integer():
        return None  # 2021年, 2021年内 are years; the year atom handles them
    if unit == "Y" and utext == "年" and g["du_tail"] in ("内", "內") and not g["du_pre"] \
            and m.start() > 0 and m.string[m.start() - 1] in "0123456789０１２３４５６７８９":
        return None
    ap = g["du_ap"]
    pre = g["du_pre"]
    if ap == "近" and not pre and language != "ja" and not _NEAR_IS_APPROX.match(
            m.string[max(0, m.start() - 1):m.start()]):
        pre, ap = "近", None  # 近三个月 = the last three months; 长达近三个月 = nearly
    approx = bool(ap or g["du_more"] or "多" in utext)
    if pre == "前" and utext == "季度" and not g["du_tail"] and not approx:
        # 前三季度 (no 个) is this year's first three quarters, not the last three
        yr = Atom(m.start(), m.start(), "date", {"year_rel": 0}, (0, 0))
        return Atom(m.start(), m.end(), "dur", {
            "kind": "DURATION", "duration": {unit: amount}, "_pre": pre, "_unit": unit,
            "_amount": amount, "_this_year": yr}, (0, 7))
    atom = _dur_result(m.start(), m.end(), {unit: amount}, pre, g["du_tail"] or "",
                       approx, language)
    return atom


# 近 after these is "nearly" (持续近三个月, 长达近20年), elsewhere "the last" (近30天)
_NEAR_IS_APPROX = re.compile(r"[达達续續时時了用花耗历歷约約计計共为為是有超逾过過]")
# a window between the anchor and N units before it (过去五年, 三年来) or after it (未来三天,
# 60日内): prefix or tail → direction
_WINDOW_PAST_PRE = {"过去", "過去", "过去的", "過去的", "最近", "近", "この"}
_WINDOW_FUTURE_PRE = {"未来", "未來", "未来的", "未來的", "今后", "今後"}
_WINDOW_IN = {"内", "內", "以内", "以內", "之内", "之內"}  # not 里: 这3天里 is any three days
_WINDOW_SINCE = {"以来", "以來", "来", "來"}


def _dur_result(s: int, e: int, parts: dict, pre: str | None, tail: str, approx: bool,
                language: str) -> Atom:
    f: dict = {"kind": "DURATION", "duration": parts}
    approx = approx or any(t in tail for t in ("ほど", "くらい", "ぐらい", "ばかり", "近く", "前後",
                                               "前后", "左右", "多", "余", "以上", "あまり"))
    if approx:
        f["approx"] = True
    unit, amount = next(iter(parts.items()))
    core = tail
    for t in ("ほど", "くらい", "ぐらい", "ばかり", "近く", "左右", "多", "余", "以上", "以下", "も"):
        if core.startswith(t):
            core = core[len(t):]
            break
    past = core in ("前", "前に", "まえ", "以前", "之前")
    future = core in ("後", "后", "後に", "以后", "以後", "之后", "之後", "あと", "経ったら",
                      "経ってから", "経過後に", "経過後", "経過してから", "経過したら", "過ぎに",
                      "過ぎたら") or (pre in ("再过", "再過", "过", "過") and not past)
    window = 0
    if not past and not future:
        if pre in _WINDOW_PAST_PRE and (language != "ja" or pre == "この"):
            # ja 過去7日間 keeps the whole days before today (Duckling's reading)
            window = -1
        elif pre in _WINDOW_FUTURE_PRE or (not pre and language != "ja" and core in _WINDOW_IN):
            window = 1
        elif not pre and language != "ja" and core in _WINDOW_SINCE:
            window = -1
    if pre:
        # kept for the merger: 今年 + 前三季度 is the first three quarters of this year
        f["_pre"], f["_unit"], f["_amount"] = pre, unit, amount
    if window:
        f["window"] = (window * amount, unit)
        f["kind"] = "DATE"
    elif pre and not past and not future:
        if pre in ("上", "前", "前の", "过去", "過去", "过去的", "過去的", "最近", "直近", "直近の"):
            f["next_n"] = (-amount, unit) if float(amount).is_integer() else None
        elif pre in ("下", "后", "後", "未来", "未來", "未来的", "未來的", "今后", "今後"):
            f["next_n"] = (amount, unit) if float(amount).is_integer() else None
        if f.get("next_n"):
            f["next_n"] = (int(f["next_n"][0]), unit)
            f["kind"] = "DATE"
    elif past or future:
        f["offset"] = (-amount if past else amount, unit)
        f["kind"] = "DATE"
        if core in ("以前", "之前") and language != "ja":
            f["mod"] = "BEFORE"
        elif core in ("以后", "以後", "之后", "之後") and language != "ja":
            f["mod"] = "AFTER"
    if approx and "mod" not in f:
        f["mod"] = "APPROX"
    return Atom(s, e, "dur", f, (0, 7))


def _hour_atom(m: re.Match[str], g: dict, language: str) -> Atom | None:
    h = _n(g["hr_n"])
    if h is None:
        return None
    txt = g["hr_n"]
    is_cjk = not txt[0].isdigit()
    approx = False
    if len(txt) == 2 and txt[0] in _SMALL_DIGIT and _SMALL_DIGIT.get(txt[1]) == \
            _SMALL_DIGIT[txt[0]] + 1:
        # 七八点, 两三点: one of two neighbouring hours, i.e. about the first
        h, approx = _SMALL_DIGIT[txt[0]], True
    has_more = g["hr_half"] or g["hr_q"] or g["hr_min"] or g["hr_sec"] or g["hr_zheng"] or g["hr_zi"]
    nxt = m.string[m.end():m.end() + 1]
    if not has_more and nxt and (nxt.isdigit() or nxt in "〇零一二三四五六七八九两兩"):
        return None  # 24点5度, 二十七点三: a decimal number, not a clock time
    if is_cjk and h <= 1 and not has_more:
        return Atom(m.start(), m.end(), "weakhour", {"hour": h, "kind": "TIME"}, (7, 7))
    if h > 30:
        return None
    f = {"hour": h, "kind": "TIME"}
    if approx:
        f["mod"] = "APPROX"
    if g["hr_min"] is not None and not g["hr_min"][0].isdigit() and g["hr_min"] in "一二三四五六七八九":
        # Cantonese counts minutes in 字 of five: 三點三 = 3:15, 三點踏三 = 3:15. Without 踏/搭
        # only after a part of the day (晏晝三點三): 二十七点三 is a decimal
        if not (g["hr_tap"] or _after_pod(m.string, m.start())):
            return None
        f["minute"] = 5 * (_n(g["hr_min"]) or 0)
    elif g["hr_zi"]:
        zi = _n(g["hr_zi"])
        if not zi or zi > 11:
            return None
        f["minute"] = 5 * zi
    if "minute" in f:
        pass
    elif g["hr_half"]:
        f["minute"] = 30
    elif g["hr_q"]:
        f["minute"] = 15 * (_n(g["hr_q"]) or 0)
    elif g["hr_min"]:
        mi = _n(g["hr_min"])
        if mi is None or mi > 59:
            return None
        f["minute"] = mi
    if g["hr_sec"]:
        sec = _n(g["hr_sec"])
        if sec is None or sec > 59:
            return None
        f["second"] = sec
    if h > 24 and language != "ja" or h > 29:
        return None
    if g["hr_sec"] and f.get("minute") is None:
        return None  # 23時59秒: seconds without minutes is not a clock time
    return Atom(m.start(), m.end(), "date", f, (7, 7))


_SMALL_DIGIT = {"一": 1, "两": 2, "兩": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                "八": 8, "九": 9, "十": 10}
_POD_WORDS = tuple(w for w in POD if len(w) > 1)


def _after_pod(text: str, start: int) -> bool:
    return text[max(0, start - 3):start].endswith(_POD_WORDS)


_KANA_PARTICLE = set("はにのもでがとへやをか、。")


def _kana_ok(text: str, a: Atom) -> bool:
    """A kana word (きょう, いま) counts only if not part of a longer kana word."""
    before = text[a.start - 1] if a.start > 0 else ""
    after = text[a.end] if a.end < len(text) else ""
    is_kana = lambda c: "ぁ" <= c <= "ゟ"  # noqa: E731
    if before and is_kana(before) and before not in "はにのもでがとへやをか":
        return False
    return not after or not is_kana(after) or after in _KANA_PARTICLE



_LONE_YEAR = re.compile(r"\s*((?:19|20|１９|２０)[0-9０-９]{2})\s*")
_SINGLE_POD = {"朝": "朝", "夜": "夜", "晚": "晚", "早": "早上"}


def find_atoms(text: str, language: str) -> list[Atom]:
    """Every atom of ``text``, left to right, with the bounds and connectors after them."""
    lang = "ja" if language == "ja" else "zh"
    lone = _LONE_YEAR.fullmatch(text)
    if lone:
        # a text that is only a year (a heading, a table cell: 2018) is that year; inside
        # running text a bare number is a count
        return [Atom(lone.start(1), lone.end(1), "date", {"year": int(to_halfwidth(lone[1]))},
                     (0, 0))]
    cands: list[tuple[int, int, re.Match[str], str]] = []
    for prio, (kind, pattern) in enumerate(PATTERNS[lang]):
        for m in pattern.finditer(text):
            cands.append((m.start(), prio, m, kind))
    if not cands:
        return []
    # leftmost first, and at one position the kind listed first (as one alternation would)
    cands.sort(key=lambda c: (c[0], c[1]))
    atoms: list[Atom] = []
    last_end = 0
    for start, _prio, m, kind in cands:
        if start < last_end:
            continue
        bad_before = _NOT_AFTER.get(kind)
        if bad_before and start > 0 and text[start - 1] in bad_before:
            continue
        a = _atom(m, kind, language)
        if a is None:
            continue
        if a.fields.get("_kana") and not _kana_ok(text, a):
            continue
        if a.rank[0] == 7 and start > 0 and text[start - 1] in _SINGLE_POD and (
                not atoms or atoms[-1].end < start):
            # 朝6時, 夜11時: a one-character part of the day only counts before a clock time
            word = _SINGLE_POD[text[start - 1]]
            atoms.append(Atom(start - 1, start, "pod", {"pod": POD[word], "_podword": word},
                              (6, 6)))
        atoms.append(a)
        last_end = a.end
        if a.rank[1] == 4 and a.end < len(text) and text[a.end] in _DAY_POD and \
                text[a.end + 1:a.end + 2] not in _DAY_POD_NOT_BEFORE and language != "ja":
            # 1月31日晚, 30日晨: one character after a day is that day's part
            word = _DAY_POD[text[a.end]]
            atoms.append(Atom(a.end, a.end + 1, "pod", {"pod": POD[word], "_podword": word},
                              (6, 6)))
            last_end = a.end + 1
    if not atoms:
        return []
    # bounds, parts and connectors only matter right after an atom: look for them there
    # instead of everywhere (前, 後, 中, 末 are among the commonest characters)
    full: list[Atom] = []
    for i, a in enumerate(atoms):
        full.append(a)
        limit = atoms[i + 1].start if i + 1 < len(atoms) else len(text)
        pos = a.end
        for _ in range(3):
            m = _SUFFIX.match(text, pos)
            if m is None or m.end() > limit:
                break
            kind = m.lastgroup
            if kind == "part":
                full.append(Atom(m.start(), m.end(), "part", {"mod": SUFFIX_PART[m.group()]},
                                 (8, 8)))
            elif kind == "bound":
                full.append(Atom(m.start(), m.end(), "bound", {"mod": SUFFIX_MOD[m.group()]},
                                 (8, 8)))
            else:
                c = m.group("conn")
                full.append(Atom(m.start("conn"), m.end(), "conn", {"conn": c}, (9, 9)))
            pos = m.end()
    return full
