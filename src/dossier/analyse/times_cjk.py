"""Time expressions in Chinese (both scripts) and Japanese.

Two passes. First one compiled regex finds *atoms* — a year (2026年, 令和3年, 去年), a month
(3月, 上个月, 来月), a day (7日, 昨天), a weekday, a clock time, a duration (两天, 20分間),
a holiday, a bound (以降, 年底, 中旬) or a span connector (至, から, 〜). Then adjacent atoms
are merged left to right into expressions (去年 + 11月 → 2025-11) and spans (1902 + 至 +
1921年), and each expression becomes a :class:`~.times_resolve.Spec`.

Chinese and Japanese share almost every pattern; the few that differ (前日 is "the day
before yesterday" in Chinese but "the day before" in Japanese, a bare 分 is a minute in
Japanese but often a point in a Chinese sports report) are switched by language.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from .numerals import parse_digits, parse_number, to_halfwidth
from .times_calendar import HOLIDAYS
from .times_resolve import Spec

D = "[0-9０-９]"
CJK_D = "[〇零○一二三四五六七八九两兩]"
CJK_N = "[〇零○一二三四五六七八九十两兩廿卅]"
# month/day/hour-sized numeral
SN = f"(?:{D}{{1,2}}|{CJK_N}{{1,4}})"
# any numeral (durations: 2000万小时, 1.5年, 三十三年)
NUMERAL = (f"(?:{D}+(?:[,，]{D}{{3}})*(?:[.．]{D}+)?(?:[十百千万萬亿億])*"
           f"|[〇零○一二三四五六七八九十百千万萬亿億两兩俩倆廿卅]+)")
NOT_AFTER_DIGIT = "(?<![0-9０-９.．])"

WEEKDAY_CHAR = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7,
                "月": 1, "火": 2, "水": 3, "木": 4, "金": 5, "土": 6}


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# --- word tables ---------------------------------------------------------------------------
REL_YEAR = {"今年": 0, "本年": 0, "这一年": 0, "這一年": 0, "当年度": 0, "今年度": 0, "本年度": 0,
            "去年": -1, "昨年": -1, "上年": -1, "上一年": -1, "前一年": -1, "去年度": -1,
            "前年": -2, "一昨年": -2, "大前年": -3, "明年": 1, "来年": 1, "來年": 1, "下年": 1,
            "下一年": 1, "明年度": 1, "来年度": 1, "后年": 2, "再来年": 2, "大后年": 3, "大後年": 3}
REL_MONTH = {"本月": 0, "这个月": 0, "這個月": 0, "今個月": 0, "当月": 0, "當月": 0, "今月": 0,
             "こんげつ": 0, "このひと月": 0, "上个月": -1, "上個月": -1, "上月": -1, "先月": -1,
             "前月": -1, "前の月": -1, "昨月": -1, "上上个月": -2, "上上個月": -2, "下个月": 1,
             "下個月": 1, "下月": 1, "来月": 1, "來月": 1, "下下个月": 2, "下下個月": 2,
             "再来月": 2, "先々月": -2}
REL_WEEK = {"先々週": -2, "今週": 0, "当週": 0, "この週": 0, "現在の週": 0, "こんしゅう": 0, "この1週間": 0,
            "先週": -1, "せんしゅう": -1, "先の週": -1, "前週": -1, "前の週": -1, "昨週": -1,
            "来週": 1, "來週": 1, "らいしゅう": 1, "再来週": 2, "さらいしゅう": 2}
# zh week words: prefix + 周/週/星期/礼拜/禮拜 (+ weekday)
WEEK_PREFIX = {"上上": -2, "下下": 2, "上一": -1, "下一": 1, "这一": 0, "這一": 0, "上个": -1,
               "上個": -1, "下个": 1, "下個": 1, "这个": 0, "這個": 0, "今個": 0, "上": -1, "下": 1,
               "这": 0, "這": 0, "本": 0, "今": 0}
REL_DAY_COMMON = {"今天": 0, "今日": 0, "本日": 0, "ほんじつ": 0, "きょう": 0, "昨天": -1,
                  "昨日": -1, "きのう": -1, "さくじつ": -1, "明天": 1, "明日": 1, "あした": 1,
                  "あす": 1, "みょうにち": 1, "后天": 2, "後天": 2, "前天": -2, "大前天": -3,
                  "大后天": 3, "大後天": 3, "大後日": 3, "一昨日": -2, "おととい": -2,
                  "一昨昨日": -3, "一昨々日": -3, "明後日": 2, "あさって": 2, "明々後日": 3,
                  "明明後日": 3, "尋日": -1, "聽日": 1, "今日1日": 0, "この1日": 0}
REL_DAY_ZH = {"前日": -2, "後日": 2}
REL_DAY_JA = {"前日": -1}
REL_YEAR_JA = {"前年": -1, "前の年": -1}
# day word + part of day
REL_DAY_POD = {"今晚": (0, "NI"), "今夜": (0, "NI"), "今朝": (0, "MO"), "昨晚": (-1, "NI"),
               "昨夜": (-1, "NI"), "明早": (1, "MO"), "明晚": (1, "NI"), "前晚": (-2, "NI"),
               "今早": (0, "MO"), "今晨": (0, "MO"), "昨早": (-1, "MO")}
NOW = ["现在", "此时", "此刻", "当前", "現在", "此時", "當前", "宜家", "而家", "依家", "目前",
       "今すぐ", "ただいま", "ただちに", "いま"]
POD = {"早上": "MO", "早晨": "MO", "上午": "MO", "清晨": "MO", "凌晨": "MO", "午前": "MO",
       "朝": "MO", "早朝": "MO", "中午": "MI", "正午": "MI", "下午": "AF", "午後": "AF",
       "午后": "AF", "晏晝": "AF", "傍晚": "EV", "晚上": "EV", "夜里": "NI", "夜裡": "NI",
       "夜间": "NI", "夜間": "NI", "深夜": "NI", "半夜": "NI", "夜": "NI", "晚": "EV",
       "AM": "MO", "am": "MO", "PM": "AF", "pm": "AF"}
# pods that push a 1–11 o'clock hour into the afternoon/evening
PM_POD = {"下午", "午後", "午后", "晏晝", "傍晚", "晚上", "晚", "夜", "PM", "pm", "今晚", "今夜",
          "昨晚", "明晚", "前晚"}
AM_POD = {"午前", "AM", "am", "上午", "早上", "早晨", "凌晨", "朝", "早朝", "今朝", "清晨"}
# pods that can stand alone (without a clock time) as an expression part
POD_STANDALONE = ["早上", "早晨", "上午", "中午", "下午", "傍晚", "晚上", "夜里", "夜間", "夜间",
                  "凌晨", "午前中", "午後"]
KANA_MONTH = {"いちがつ": 1, "にがつ": 2, "さんがつ": 3, "しがつ": 4, "ごがつ": 5, "ろくがつ": 6,
              "しちがつ": 7, "はちがつ": 8, "くがつ": 9, "じゅうがつ": 10, "じゅういちがつ": 11,
              "じゅうにがつ": 12, "6がつ": 6}
KANA_WEEKDAY = {"げつようび": 1, "かようび": 2, "かように": 2, "すいようび": 3, "もくようび": 4,
                "きんようび": 5, "どようび": 6, "にちようび": 7}
ERA_START = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911, "明治": 1867, "大化": 644,
             "R": 2018, "H": 1988, "S": 1925, "Ｒ": 2018, "Ｈ": 1988, "Ｓ": 1925}
ERA_LAST = {"令和": 99, "平成": 31, "昭和": 64, "大正": 15, "明治": 45, "大化": 6}

# bounds and parts that attach to the expression before them
SUFFIX_MOD = {
    "以前": "ON_OR_BEFORE", "より前": "BEFORE", "よりも前": "BEFORE", "之前": "BEFORE",
    "まで": "ON_OR_BEFORE", "までに": "ON_OR_BEFORE", "为止": "ON_OR_BEFORE", "為止": "ON_OR_BEFORE",
    "以降": "ON_OR_AFTER", "以后": "AFTER", "以後": "AFTER", "之后": "AFTER", "之後": "AFTER",
    "より後": "AFTER", "よりも後": "AFTER", "以来": "ON_OR_AFTER", "以來": "ON_OR_AFTER",
    "起": "ON_OR_AFTER", "开始": "ON_OR_AFTER", "開始": "ON_OR_AFTER",
    "前后": "APPROX", "前後": "APPROX", "左右": "APPROX", "頃": "APPROX", "ごろ": "APPROX",
    "ころ": "APPROX", "近く": "APPROX", "前": "BEFORE", "后": "AFTER", "後": "AFTER",
}
SUFFIX_PART = {
    "初め": "START", "始め": "START", "初頭": "START", "頭": "START", "伊始": "START",
    "初": "START", "前半": "START", "半ば": "MID", "なかば": "MID", "中旬": "MID", "上旬": "START",
    "下旬": "END", "末日": "END", "末": "END", "底": "END", "終わり": "END", "おわり": "END",
    "後半": "END", "いっぱい": None, "中": None, "内": None, "內": None,
}
# year/month parts that can stand alone ("年底" = the end of this year)
YEAR_PART = {"年底": "END", "年末": "END", "年初": "START", "年头": "START", "年頭": "START",
             "年始": "START", "年中": "MID", "年内": None, "年內": None, "年末年始": None}
MONTH_PART = {"月底": "END", "月末": "END", "月初": "START", "月中": "MID", "月内": None,
              "月內": None}
HALF = {"上半年": 1, "下半年": 2, "上半期": 1, "下半期": 2, "前半期": 1, "後半期": 2}
SEASON = {"春": "SP", "夏": "SU", "秋": "FA", "冬": "WI"}
CONNECTORS = ["至", "到", "~", "〜", "～", "-", "－", "—", "——", "―", "から", "より", "・", "、"]
SPAN_CONN = "(?:至|到|~|〜|～|－|—{1,2}|―|-|から|より)"

# --- duration units ---------------------------------------------------------------------------
# Ordered: longer forms first. A bare 日 is a duration only before a duration suffix (3日前,
# 3日間); otherwise it is a day of the month (3日 = the 3rd).
DUR_SUFFIX_LOOK = ("(?=前|后|後|以内|以內|内|內|之内|之內|之前|之后|之後|目|ぶり|おき|ごと|ほど|程|"
                   "くらい|ぐらい|以上|以下|左右|連続|连续|にわたって|間|间|半|余り|あまり|近く|"
                   "ばかり|前後|もの間|も|来|來|以来|以來|経|過ぎ|后|之|多)")
UNITS = [
    ("CE", "(?:个|個)?世[纪紀]"),
    ("Y", "年(?:間|间)?(?!代|度|级|級|生|龄|齡|纪|紀|轻|輕|会|會|报|報|鉴|鑑|金|薪|息|限|均|产|產|"
          "底|末|初|头|頭|中|内|內|前半|後半|半ば|春|夏|秋|冬|[0-9０-９一二三四五六七八九十]+月|第)"),
    ("Q", "(?:个|個)季度"),
    ("M", "(?:个|個|ヶ|ケ|か|カ|ヵ|箇)(?:多|半)?月(?:間|间)?"),
    ("W", "(?:个|個)?(?:多)?(?:星期|礼拜|禮拜)|週間|(?:个|個)?周(?![年末一二三四五六日天边邊围圍刊报報期岁歲])|(?:个|個)?週(?![末刊一二三四五六日天])"),
    ("WD", "(?:个|個)?(?:工作日|交易日)"),
    ("D", "天|日間|日间|日" + DUR_SUFFIX_LOOK),
    ("H", "(?:个|個)?(?:多)?(?:小时|小時|钟头|鐘頭)|(?:个|個)鐘|時間"),
    ("MIN", "分钟|分鐘|分間|分间|分" + DUR_SUFFIX_LOOK + "|分(?=$|[、。，,.．\\s）)」])"),
    ("S", "秒(?:钟|鐘|間|间)?"),
]
UNIT_RE = "|".join(f"(?P<u_{name}>{pat})" for name, pat in UNITS)
DUR_PRE = "(?P<du_pre>过去的|過去的|过去|過去|最近|未来的|未來的|未来|未來|今后|今後|直近の|直近|上|下|前|后|後|この)?"
DUR_APPROX = "(?P<du_ap>约|約|大约|大約|将近|將近|近|逾|超过|超過|およそ|ほぼ)?"
DUR_NUM = f"(?P<du_n>{NUMERAL}|半|四半)(?P<du_more>多|余|餘|数)?"
DUR_AFTER = ("(?P<du_half>半)?(?P<du_tail>(?:ほど|くらい|ぐらい|ばかり|近く|左右|多|余|以上|以下|も)?"
             "(?:前に|前|まえ|以前|之前|経ったら|経ってから|経過後に|経過後|経過してから|経過したら|過ぎに|過ぎたら|"
             "後に|後|后|以后|以後|之后|之後|あと|以来|以來|来|來|"
             "以内|以內|之内|之內|内|內|目|ぶり|の間|もの間|間|间|にわたって|おき|ごと|置き|"
             "ほど|くらい|ぐらい|ばかり|近く|前後|前后|左右|以上|以下|余り|あまり)?)")


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
        ("ymd", rf"(?P<ymd_y>{d4})(?P<ymd_s>{sep})(?P<ymd_m>{d12})(?P=ymd_s)(?P<ymd_d>{d12})"
                rf"(?![0-9０-９.．/])(?:日|号|號)?"),
        ("ymd8", rf"(?:19|20){d1}{{2}}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])(?![0-9０-９])"),
        ("mdy", rf"(?P<mdy_a>{d12})[/／](?P<mdy_b>{d12})[/／](?P<mdy_y>{d1}{{4}}|{d1}{{2}})(?![0-9０-９/])"),
        ("era", rf"(?P<era_n>令和|平成|昭和|大正|明治|大化|皇紀|{'|'.join(c + f'(?={d1}{{1,2}}[年/.-])' for c in 'RHSＲＨＳ')})"
                rf"(?P<era_y>{d1}{{1,4}}|元|{CJK_N}{{1,3}})(?:年|(?=[/.\-・,]{d1}))"
                rf"(?:(?P<era_s>[/.\-・,])(?P<era_m>{d12})(?:(?P=era_s)(?P<era_d>{d12}))?(?![0-9０-９]))?"),
        ("ym", rf"(?P<ym_y>{d4})[/\-.／．](?P<ym_m>{d12})(?![0-9０-９]|[.．/][0-9０-９])(?:月)?"),
        ("md", rf"(?P<md_m>{d12})[/／](?P<md_d>{d12})(?![0-9０-９/.%％])(?:日|号|號)?"),
        ("clock", rf"(?P<ck_h>{d12})[:：](?P<ck_m>{d1}{{2}})(?:[:：](?P<ck_s>{d1}{{2}}))?"
                  rf"(?![0-9０-９])(?:\s?(?P<ck_ap>[AaPp]\.?[Mm]\.?|[AaPp](?![A-Za-z])))?(?P<ck_suf>时|時)?"),
        ("hap", rf"(?P<hap_h>{d12})\s?(?P<hap_ap>[AaPp]\.?[Mm]\.?)(?![A-Za-z])"),
        ("hol", rf"(?P<hol_n>{_alt(holidays)})"),
        ("natl", r"(?:国庆|國慶)(?:节|節)?"),
        ("bc", rf"(?:公元前|紀元前|纪元前)(?P<bc_n>{d1}{{1,4}}|{CJK_N}{{1,4}})(?P<bc_u>年|世紀|世纪)"),
        ("cent", rf"(?P<cent_rel>上|本|今)(?P<cent_n>{d12}|{CJK_N}{{1,3}})?(?:世紀|世纪)(?P<cent_dec>{d1}{{2}}年代)?"),
        ("cent", rf"(?P<cent_n>{sn})(?:世紀|世纪)(?P<cent_dec>{d1}{{2}}年代)?"),
        ("year", rf"(?P<yr_n>{_YEAR_CHAR}{_YEAR_CHAR}{{1,3}})(?P<yr_u>年度|年代|年)(?P<yr_ssn>[春夏秋冬](?![日天季]))?"),
        ("yssn", rf"(?P<ys_y>{d4})/?(?P<ys_s>[春夏秋冬])(?![日天季])"),
        ("ryear", _alt(REL_YEAR | REL_YEAR_JA)),
        ("rmonth", _alt(REL_MONTH)),
        ("rweekja", rf"(?P<rwja_w>{_alt(REL_WEEK)})(?:の)?(?P<rwja_wd>[月火水木金土日](?:曜日|曜))?"),
        ("rweek", rf"(?P<rw_pre>{_alt(WEEK_PREFIX)})(?:周|週|星期|礼拜|禮拜)(?P<rw_wd>[一二三四五六日天末])?"),
        ("rdpod", _alt(REL_DAY_POD)),
        ("rday", _alt(rel_day)),
        ("now", _alt(NOW)),
        ("rq", r"(?:本|这个|這個|上个|上個|下个|下個|上|下|今|当|當|現|前の|前|先の|先|昨|現行|現在の|今の)(?:季度|四半期|QTR)"),
        ("quarter", r"第(?P<q_n>[1-4１-４一二三四])(?:季度|季|四半期|(?:个|個)季度)"),
        ("quarter", r"(?P<q_n>[1-4１-４一二三四])季度"),
        ("quarterq", r"[QqＱ](?P<q_n>[1-4１-４])(?![0-9０-９A-Za-z])(?:季度)?"),
        ("half", _alt(HALF)),
        ("ypart", _alt(YEAR_PART)),
        ("mpart", _alt(MONTH_PART)),
        ("zseason", r"(?P<zs>[春夏秋冬])(?:天|季)(?!度)"),
        ("nthwd", r"第(?P<nth_n>[1-5１-５一二三四五])(?:个|個)?(?:星期|礼拜|禮拜|周|週)(?P<nth_wd>[一二三四五六日天])"),
        ("weekno", rf"第(?P<wn>{d12}|{CJK_N}{{1,3}})(?:周|週)(?!年)"),
        ("set", rf"(?:每|毎)(?:隔)?(?:(?P<set_n>{NUMERAL})(?:个|個)?)?(?P<set_u>年|月|周|週|星期|天|日(?!新聞|新闻|の新聞)|小时|小時|時間|時|分|秒)"),
        ("dur", rf"(?P<du_n>{num}){dur_rest}"),
        ("dur", rf"(?P<du_pre>过去的|過去的|过去|過去|最近|未来的|未來的|未来|未來|今后|今後|直近の|直近|上|下|前|后|後|この)"
                rf"(?P<du_ap>约|約|大约|大約|将近|將近|近|逾|超过|超過|およそ|ほぼ)?(?P<du_n>{num}){dur_rest}"),
        ("dur", rf"(?P<du_ap>约|約|大约|大約|将近|將近|近|逾|超过|超過|およそ|ほぼ)(?P<du_n>{num}){dur_rest}"),
        ("halfdur", r"(?P<hd_q>四半|半)(?P<hd_u>世紀|世纪|年|月|天|日|小时|小時|钟头|鐘頭|个月|個月|个小时|個小時|時間|カ月|ヶ月)(?P<hd_tail>前|後|后|以内|以內|内|內|間|间|多)?"),
        ("wd", r"(?:星期|礼拜|禮拜|周|週)(?P<wd_c>[一二三四五六日天])"),
        ("jwd", r"[（(](?P<jwd_p>[月火水木金土日])(?:曜日|曜)?[)）]"),
        ("jwd", r"(?P<jwd_c>[月火水木金土日])(?:曜日|曜)"),
        ("kwd", _alt(KANA_WEEKDAY)),
        ("weekend", _alt(["这周末", "這周末", "本周末", "这週末", "這週末", "本週末", "周末", "週末",
                          "しゅうまつ"])),
        ("month", rf"(?P<mo_n>{sn})(?:月份|月)(?!間|间|期|刊|薪|球|饼|餅|光|亮|台|票)"
                  rf"(?:(?P<mo_d>{sn})(?:(?P<mo_du>日|号|號)|(?![0-9０-９.％%万萬亿億千百十个個人名家元次吨噸辆輛台件岁歲倍日号號年])))?"),
        ("kmonth", _alt(KANA_MONTH)),
        ("day", rf"(?P<dy_n>{sn})(?:日|号(?![线線楼樓文机機店口门門台院字令码碼位]|[a-zA-Z0-9])|號(?![線樓文機店口門台院字令碼位]))"),
        ("hour", rf"(?P<hr_n>{sn})(?:点|點|时|時)(?!間|间|代|期|候|刻(?!钟|鐘)|点|點|局|尚|速|事|装|裝|效|差|评|評|空|段|機|机|計|计|報|报)"
                 rf"(?:(?P<hr_half>半)|(?P<hr_q>[一三1３3])刻|(?P<hr_min>{sn})(?:分(?!钟|鐘|間)|(?![0-9０-９万亿億萬%％度个個倍秒])))?(?:(?P<hr_sec>{sn})秒)?(?P<hr_zheng>整|ちょうど|きっかり|ぴったり)?"),
        ("minsec", rf"(?P<ms_m>{sn})分(?P<ms_s>{sn})秒"),
        ("pod", _alt([p for p in list(POD_STANDALONE) + list(POD) if len(p) > 1])),
        ("bare", rf"(?P<bare_n>{_SN_CHAR}{_SN_CHAR}{{0,3}})(?=\s?{SPAN_CONN}\s?[0-9０-９〇零○一二三四五六七八九十两兩廿卅])"),
    ]
    return [(kind, re.compile(pat)) for kind, pat in parts]


_TWO_DIGIT_YEAR_NEXT = re.compile(
    rf"(?:{D}{{1,2}}|[一二三四五六七八九十]{{1,3}})月|第|[一二三四1-4１-４]季")
_SN_CHAR = "[0-9０-９〇零○一二三四五六七八九十两兩廿卅]"
_YEAR_CHAR = "[0-9０-９〇零○一二三四五六七八九两兩]"
_NUM_CHAR = "[0-9０-９,，.．〇零○一二三四五六七八九十百千万萬亿億两兩俩倆廿卅]"
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


def _hour_with_pod(h: int, pod: str | None, ampm: str | None = None) -> int:
    if ampm:
        a = ampm.lower().replace(".", "")
        if a.startswith("p") and h < 12:
            return h + 12
        if a.startswith("a") and h == 12:
            return 0
        return h
    if pod in PM_POD:
        if 1 <= h < 12 and not (pod == "夜" and h < 5) and not (pod in ("晚", "夜") and h == 12):
            return h + 12
        if h == 12 and pod == "夜":
            return 24
    if pod in AM_POD and h == 12:
        return 0
    return h


def _atom(m: re.Match[str], kind: str, language: str) -> Atom | None:  # noqa: C901
    g = defaultdict(lambda: None, m.groupdict())
    s, e = m.start(), m.end()
    if kind == "ymd":
        return Atom(s, e, "date", {"year": int(to_halfwidth(g["ymd_y"])), "month": _n(g["ymd_m"]),
                                   "day": _n(g["ymd_d"])}, (0, 4))
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
                                   "month": a, "day": b}, (0, 4))
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
            dec = _n(g["cent_dec"][:2])
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
        return Atom(s, e, "date", {"day_rel": rel, "_kana": word.isalpha() and word[0] > "ぁ"
                                   and word[0] < "ゟ"}, (0, 4))
    if kind == "now":
        return Atom(s, e, "date", {"present": True, "_kana": m.group() == "いま"}, (0, 7))
    if kind == "rq":
        word = m.group()
        rel = -1 if word[0] in "上前先昨" else (1 if word[0] == "下" else 0)
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
    if kind == "weekno":
        n = _n(g["wn"])
        if not n or n > 53:
            return None
        return Atom(s, e, "date", {"week_no": n}, (3, 3))
    if kind == "set":
        unit = _unit_of_set(g["set_u"])
        n = parse_number(g["set_n"]) if g["set_n"] else 1
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
        return _dur_result(s, e, {unit: amount}, None, g["hd_tail"] or "", False, language)
    if kind == "wd":
        return Atom(s, e, "date", {"weekday": WEEKDAY_CHAR[g["wd_c"]]}, (5, 5))
    if kind == "jwd":
        c = g["jwd_p"] or g["jwd_c"]
        return Atom(s, e, "date", {"weekday": WEEKDAY_CHAR[c]}, (5, 5))
    if kind == "kwd":
        return Atom(s, e, "date", {"weekday": KANA_WEEKDAY[m.group()], "_kana": True}, (5, 5))
    if kind == "weekend":
        return Atom(s, e, "date", {"weekend": True}, (5, 5))
    if kind == "month":
        mo = _n(g["mo_n"])
        if mo is None:
            return None
        f = {"month": mo}
        if g["mo_d"]:
            d = _n(g["mo_d"])
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


def _unit_of_set(u: str) -> str:
    return {"年": "Y", "月": "M", "周": "W", "週": "W", "星期": "W", "天": "D", "日": "D",
            "小时": "H", "小時": "H", "時間": "H", "時": "H", "分": "MIN", "秒": "S"}[u]


def _duration_atom(m: re.Match[str], g: dict, language: str) -> Atom | None:
    unit = next(name for name, _ in UNITS if g.get(f"u_{name}"))
    utext = g[f"u_{unit}"]
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
    if unit == "CE":
        unit, amount = "Y", amount * 100
    if unit == "Y" and utext.startswith("年") and amount >= 1000 and not g["du_tail"] \
            and not g["du_pre"] and not g["du_ap"] and float(amount).is_integer():
        return None  # 2021年 is a year; the year atom handles it
    approx = bool(g["du_ap"] or g["du_more"] or "多" in utext)
    atom = _dur_result(m.start(), m.end(), {unit: amount}, g["du_pre"], g["du_tail"] or "",
                       approx, language)
    return atom


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
                      "過ぎたら")
    if pre and not past and not future:
        if pre in ("上", "前", "过去", "過去", "过去的", "過去的", "最近", "直近", "直近の"):
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
    has_more = g["hr_half"] or g["hr_q"] or g["hr_min"] or g["hr_sec"] or g["hr_zheng"]
    if is_cjk and h <= 1 and not has_more:
        return Atom(m.start(), m.end(), "weakhour", {"hour": h, "kind": "TIME"}, (7, 7))
    if h > 30:
        return None
    if g["hr_min"] is not None and not g["hr_min"][0].isdigit() and g["hr_min"] in "一二三四五六七八九":
        # 三點三 (Cantonese 15 minutes per 字) is not handled; 二十七点三 is a decimal
        return None
    f = {"hour": h, "kind": "TIME"}
    if g["hr_half"]:
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


# --- merging -------------------------------------------------------------------------------
JOIN_GAPS = {"", "的", "の", " ", "　"}
_KANA_PARTICLE = set("はにのもでがとへやをか、。")


def _kana_ok(text: str, a: Atom) -> bool:
    """A kana word (きょう, いま) counts only if not part of a longer kana word."""
    before = text[a.start - 1] if a.start > 0 else ""
    after = text[a.end] if a.end < len(text) else ""
    is_kana = lambda c: "ぁ" <= c <= "ゟ"  # noqa: E731
    if before and is_kana(before) and before not in "はにのもでがとへやをか":
        return False
    return not after or not is_kana(after) or after in _KANA_PARTICLE


@dataclass
class Group:
    start: int
    end: int
    spec: Spec
    rank: tuple[int, int]
    atoms: int = 1
    bare: Atom | None = None
    weak: bool = False  # needs a partner to count (a lone weekday char, 一点)
    text_fields: set = field(default_factory=set)


def _apply(spec: Spec, fields: dict) -> None:
    for k, v in fields.items():
        if k.startswith("_"):
            continue
        if k == "duration":
            spec.duration = dict(v)
        elif k == "mod":
            if v is not None:
                spec.mod = v
        else:
            setattr(spec, k, v)


def _pod_adjust(spec: Spec, podword: str | None) -> None:
    if spec.hour is not None and podword:
        spec.hour = _hour_with_pod(spec.hour, podword)
        spec.pod = None
        spec.ampm_fixed = True


_SINGLE_POD = {"朝": "朝", "夜": "夜", "晚": "晚", "早": "早上"}


def parse(text: str, language: str) -> list[tuple[int, int, Spec, bool]]:
    """Return (start, end, spec, weak) for every expression in ``text``."""
    lang = "ja" if language == "ja" else "zh"
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
    return _merge(text, full, language)


def _new_group(a: Atom) -> Group:
    spec = Spec()
    _apply(spec, a.fields)
    g = Group(a.start, a.end, spec, a.rank)
    if a.kind == "pod":
        g.weak = True
        g.text_fields.add(a.fields.get("_podword"))
    if a.kind == "weakhour":
        g.weak = True
    if "_podword" in a.fields:
        spec.pod = a.fields["pod"]
        g.text_fields.add(a.fields["_podword"])
    return g


def _can_join(g: Group, a: Atom, gap: str) -> bool:
    if a.kind in ("conn", "bare", "set"):
        return False
    if a.kind in ("part", "bound"):
        return gap == ""
    if gap not in JOIN_GAPS:
        # 周日, 二月十号: a weekday and a date separated by a comma
        if gap in (",", "，", ", ", "，"):
            return (g.rank == (5, 5) and a.rank[0] <= 4) or (a.rank == (5, 5) and g.rank[1] <= 4)
        return False
    if gap in (" ", "　") and not (a.kind == "pod" or a.rank[0] >= 6 or g.rank[1] >= 6):
        return False
    if a.kind == "dur" or g.spec.kind == "DURATION":
        # 1年2ヶ月, 1時間30分: plain durations in falling units add up
        return (gap == "" and a.kind == "dur" and g.spec.kind == "DURATION"
                and a.fields.get("kind") == "DURATION" and not g.spec.mod
                and _unit_rank(next(iter(a.fields["duration"]))) >
                max(_unit_rank(u) for u in g.spec.duration))
    if a.kind in ("pod", "weakhour") or a.rank[0] >= 6:
        return a.rank[0] > g.rank[1] or (a.kind == "pod" and g.rank[1] <= 5)
    return a.rank[0] > g.rank[1]


_UNIT_RANK = {"CE": 0, "DE": 1, "Y": 2, "Q": 3, "M": 4, "W": 5, "D": 6, "WD": 6, "H": 7,
              "MIN": 8, "S": 9}


def _unit_rank(u: str) -> int:
    return _UNIT_RANK.get(u, 0)


def _join(g: Group, a: Atom) -> None:
    s = g.spec
    if a.kind == "dur":
        s.duration = {**s.duration, **a.fields["duration"]}
        if a.fields.get("mod"):
            s.mod = a.fields["mod"]
        g.end = a.end
        return
    if a.kind == "part":
        mod = a.fields.get("mod")
        if a.fields.get("_of") == "M" and s.month is None and s.month_rel is None:
            s.month_rel = 0 if s.year is None and s.year_rel is None else None
        if mod:
            s.mod = mod
    elif a.kind == "bound":
        s.mod = a.fields["mod"]
    else:
        podword = a.fields.get("_podword") if a.kind == "pod" else None
        for k, v in a.fields.items():
            if k.startswith("_") or v is None:
                continue
            if k == "kind":
                if s.kind == "DATE" and v == "TIME":
                    s.kind = "TIME"
                continue
            setattr(s, k, v)
        if podword:
            g.text_fields.add(podword)
        if s.hour is not None:
            for w in g.text_fields:
                if w:
                    _pod_adjust(s, w)
                    break
        g.weak = False
    g.end = a.end
    g.atoms += 1
    g.rank = (min(g.rank[0], a.rank[0]), max(g.rank[1], a.rank[1]) if a.rank[1] < 8 else g.rank[1])


def _first_rank(g: Group) -> int:
    return g.rank[0]


def _assign_bare(bare: Atom, right: Group) -> Group | None:
    """Give a bare number (1902 in 1902至1921年) the unit of the expression after it."""
    n = bare.fields["n"]
    r = right.spec
    spec = Spec()
    if r.year is not None and r.month is None and r.day is None and not r.two_digit_year:
        if len(bare.fields["txt"]) != 4:
            return None
        spec.year = n
        rank = (0, 0)
    elif r.month is not None and r.day is None and r.year is None:
        spec.month = n
        rank = (2, 2)
    elif r.day is not None and r.month is None:
        spec.day = n
        rank = (4, 4)
    elif r.hour is not None and r.minute is None:
        spec.hour = n
        rank = (7, 7)
    elif r.kind == "DURATION" and len(r.duration) == 1:
        unit = next(iter(r.duration))
        spec.kind = "DURATION"
        spec.duration = {unit: n}
        rank = (0, 7)
    else:
        return None
    return Group(bare.start, bare.end, spec, rank)


def _inherit(left: Spec, right: Spec) -> None:
    """The right end of a span takes the coarser fields it lacks from the left end."""
    order = [("year", "year_rel"), ("month", "month_rel"), ("day", "day_rel")]
    right_has = [any(getattr(right, f) is not None for f in fs) for fs in order]
    if right.hour is not None and not any(right_has):
        for fs in order:
            for f in fs:
                setattr(right, f, getattr(left, f))
        if right.day_rel is None and left.week_rel is not None:
            right.week_rel, right.weekday = left.week_rel, left.weekday
        if right.pod is None and left.hour is not None and right.hour < 12 <= left.hour \
                and right.hour + 12 >= left.hour:
            right.hour += 12  # 下午1点到3点: the afternoon carries over
        right.two_digit_year = left.two_digit_year
        return
    for i, fs in enumerate(order):
        if right_has[i]:
            break
        for f in fs:
            if getattr(left, f) is not None:
                setattr(right, f, getattr(left, f))
        right.two_digit_year = right.two_digit_year or left.two_digit_year
    if left.week_rel is not None and right.weekday is not None and right.week_rel is None \
            and right.day is None:
        right.week_rel = left.week_rel


def _merge(text: str, atoms: list[Atom], language: str) -> list[tuple[int, int, Spec, bool]]:
    groups: list[Group | Atom] = []
    cur: Group | None = None
    for a in atoms:
        if cur is not None and a.start >= cur.end and _can_join(cur, a, text[cur.end:a.start]):
            _join(cur, a)
            continue
        if cur is not None:
            groups.append(cur)
            cur = None
        if a.kind in ("conn", "bare", "part", "bound"):
            if a.kind == "part" and a.fields.get("_of"):
                # 年底 / 月末 on their own: this year's / this month's
                g = Group(a.start, a.end, Spec(), a.rank)
                if a.fields["_of"] == "Y":
                    g.spec.year_rel = 0
                else:
                    g.spec.month_rel = 0
                if a.fields.get("mod"):
                    g.spec.mod = a.fields["mod"]
                cur = g
                continue
            groups.append(a)
            continue
        cur = _new_group(a)
    if cur is not None:
        groups.append(cur)

    # spans: expr/bare + connector + expr
    out: list[tuple[int, int, Spec, bool]] = []
    i = 0
    while i < len(groups):
        g = groups[i]
        if isinstance(g, Atom):
            i += 1
            continue
        nxt = groups[i + 1] if i + 1 < len(groups) else None
        after = groups[i + 2] if i + 2 < len(groups) else None
        if (isinstance(nxt, Atom) and nxt.kind == "conn" and isinstance(after, Group)
                and nxt.start - g.end <= 1 and after.start - nxt.end <= 1
                and nxt.fields["conn"] not in (",", "，")
                and _span_ok(g, after, nxt.fields["conn"])):
            _inherit(g.spec, after.spec)
            out.append(_span(text, g, after))
            i += 3
            continue
        # 2020年6月以降7月いっぱい: a bound right before another date is a span connector
        if (isinstance(nxt, Group) and nxt.start == g.end and g.spec.mod in ("ON_OR_AFTER", "AFTER")
                and text[g.end - 2:g.end] in ("以降", "以来", "から") and nxt.spec.kind != "DURATION"):
            g.spec.mod = None
            _inherit(g.spec, nxt.spec)
            out.append(_span(text, g, nxt))
            i += 2
            continue
        # 2021.03.25～, 6月から: an open end
        if isinstance(nxt, Atom) and nxt.kind == "conn" and nxt.start == g.end and \
                nxt.fields["conn"] in ("から", "～", "~", "〜", "起") and \
                not (isinstance(after, Group) and after.start - nxt.end <= 1):
            g.spec.mod = g.spec.mod or "ON_OR_AFTER"
            out.append((g.start, nxt.end, g.spec, g.weak))
            i += 2
            continue
        out.append((g.start, g.end, g.spec, g.weak))
        i += 1
    # bare numbers: resolve "12" in 12-19日 and "1902" in 1902至1921年
    return _bare_spans(text, groups, out)


def _span_ok(left: Group, right: Group, conn: str) -> bool:
    if conn in ("・", "、"):
        # 2020年・2021年 is a list, kept as a span only for years (ja list of years)
        return left.spec.year is not None and right.spec.year is not None and \
            left.spec.month is None and right.spec.month is None
    if conn in ("-", "－") and (left.spec.kind == "DURATION") != (right.spec.kind == "DURATION"):
        return False
    return True


def _span(text: str, left: Group, right: Group) -> tuple[int, int, Spec, bool]:
    spec = Spec(kind=left.spec.kind if left.spec.kind == right.spec.kind else "DATE")
    spec.span = (left.spec, right.spec)
    return (left.start, right.end, spec, False)


def _bare_spans(text: str, groups: list, out: list) -> list:
    bare_positions = [g for g in groups if isinstance(g, Atom) and g.kind == "bare"]
    if not bare_positions:
        return out
    result = []
    used = set()
    for b in bare_positions:
        # find the connector and the expression right after it
        j = groups.index(b)
        prev = groups[j - 1] if j > 0 else None
        conn = groups[j + 1] if j + 1 < len(groups) else None
        right = groups[j + 2] if j + 2 < len(groups) else None
        if not (isinstance(conn, Atom) and conn.kind == "conn" and isinstance(right, Group)):
            continue
        if conn.fields["conn"] in ("・", "、") and not (right.spec.year is not None
                                                      and right.spec.month is None):
            continue
        left = _assign_bare(b, right)
        if left is None:
            continue
        start = b.start
        # 2019年4月 + 12: a group right before the bare number, with no gap, is its prefix
        if isinstance(prev, Group) and prev.end == b.start and prev.rank[1] < left.rank[0]:
            merged = Spec()
            for k in Spec.__slots__:
                setattr(merged, k, getattr(prev.spec, k))
            merged.duration = dict(prev.spec.duration)
            merged.span = None
            for k in ("year", "month", "day", "hour"):
                if getattr(left.spec, k) is not None:
                    setattr(merged, k, getattr(left.spec, k))
            left = Group(prev.start, b.end, merged, (prev.rank[0], left.rank[1]))
            start = prev.start
            used.add(prev.start)
        _inherit(left.spec, right.spec)
        # the left end also takes what it lacks from the right (1902 → year; 12 → day of 4月)
        spec = Spec(kind=right.spec.kind)
        spec.span = (left.spec, right.spec)
        used.add(right.start)
        result.append((start, right.end, spec, False))
    for o in out:
        if o[0] not in used:
            result.append(o)
    result.sort(key=lambda o: o[0])
    return result
