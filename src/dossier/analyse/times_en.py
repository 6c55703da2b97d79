"""Time expressions in English news text.

One compiled regex with one alternative per construction (full dates, month-day, relative
words, "N units ago", bounded phrases such as "by the end of the year", durations, clock
times); each match becomes a :class:`~.times_resolve.Spec`. Spans ("from 1902 to 1921",
"March 3-5") are found by the same regex.
"""

from __future__ import annotations

import re

from .times_calendar import HOLIDAYS
from .times_resolve import Spec

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
WEEKDAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5,
            "saturday": 6, "sunday": 7}
SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
         "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
         "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
         "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
         "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
         "several": None, "few": None, "a few": None, "couple": 2, "a couple of": 2}
UNITS = {"second": "S", "minute": "MIN", "hour": "H", "day": "D", "week": "W",
         "fortnight": "W2", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE",
         "century": "CE"}
ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
           "4th": 4}

_MON = r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|" \
       r"Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMW = (r"(?:\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
         r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|"
         r"forty|fifty|sixty|seventy|eighty|ninety|a hundred|several|a few|a couple of)")
_UNIT = r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur(?:y|ie))s?"
_HOL = "|".join(re.escape(n) for n in sorted((n for n in HOLIDAYS if n.isascii()), key=len,
                                              reverse=True))
def _approx(name: str) -> str:
    return (rf"(?:(?P<{name}>about|around|nearly|almost|some|roughly|approximately|more than|"
            r"over|less than|under|at least|up to)\s+)?")

PATTERN = re.compile(
    "|".join([
        # 2026-01-31, 2026/1/31
        r"(?P<iso>(?<![\d./-])(?P<iso_y>\d{4})(?P<iso_s>[-/.])(?P<iso_m>\d{1,2})(?P=iso_s)(?P<iso_d>\d{1,2})(?![\d/.]))",
        # 1/31/2026 (US) or 31/1/2026; 13/13/2026 is kept as an impossible date
        r"(?P<num>(?<![\d./])(?P<num_a>\d{1,2})/(?P<num_b>\d{1,2})/(?P<num_y>\d{4}|\d{2})(?![\d/]))",
        # (Saturday,) 31 January 2026 / 31 Jan / 31 January
        rf"(?P<dmy>(?:(?P<dmy_wd>{_WD}),?\s+)?(?:the\s+)?(?P<dmy_d>{_DAY})\s+(?:of\s+)?(?P<dmy_m>{_MON})(?:,?\s+(?P<dmy_y>{_YEAR}))?\b)",
        # January 31, 2026 / January 31 / Jan. 31st
        rf"(?P<mdy>(?:(?P<mdy_wd>{_WD}),?\s+)?(?P<mdy_m>{_MON})\s+(?P<mdy_d>{_DAY})(?:\s*[-–]\s*(?P<mdy_d2>{_DAY}))?\b(?:,?\s+(?P<mdy_y>{_YEAR}))?\b)",
        # January 2026, early/mid/late March 2026, the end of March
        rf"(?P<my>(?:(?P<my_part>early|mid|late|the end of|end of|the beginning of|the start of|the middle of)[\s-]+)?(?P<my_m>{_MON})(?:\s+(?:of\s+)?(?P<my_y>{_YEAR})|(?=\s+(?:this|last|next)\s+year)|(?=[\s,.;]))(?:\s+(?P<my_rel>this|last|next)\s+year)?)",
        # from 1902 to 1921, between 2020 and 2022, 1902-1921
        rf"(?P<yspan>(?:(?:from|between)\s+)?(?P<ys_a>{_YEAR})\s*(?:-|–|to|and|until|through)\s*(?P<ys_b>{_YEAR}))(?![\d])",
        # the first quarter (of 2026), Q1 2026
        rf"(?P<quarter>(?:the\s+)?(?P<q_o>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+of\s+(?P<q_y>{_YEAR}|this year|last year|next year))?|(?<![A-Za-z0-9])Q(?P<q_n>[1-4])(?:\s+(?P<q_y2>{_YEAR}))?(?![A-Za-z0-9]))",
        rf"(?P<half>(?:the\s+)?(?P<h_o>first|second)\s+half\s+of\s+(?:(?P<h_y>{_YEAR})|(?P<h_rel>this|last|next|the)\s+year))",
        # by the end of the year, end of 2026, early 2026, mid-2026, year-end
        rf"(?P<ypart>(?:by\s+)?(?:the\s+)?(?P<yp_part>end|beginning|start|middle|turn)\s+of\s+(?:(?P<yp_y>{_YEAR})|(?P<yp_rel>this|last|next|the)\s+year)|(?P<yp_adj>early|mid|late)[\s-](?P<yp_y2>{_YEAR})|(?P<yp_er>earlier|later)\s+this\s+year|year-end|by\s+year's\s+end)",
        # this/last/next week|month|year|quarter
        r"(?P<rel>(?P<rel_w>this|last|next|the\s+past|the\s+coming)\s+(?P<rel_u>week|month|year|quarter|weekend))\b",
        # last Monday, next Friday, on Monday
        rf"(?P<rwd>(?:(?P<rwd_r>last|next|this|on|coming)\s+)?(?P<rwd_d>{_WD})\b(?:\s+(?P<rwd_pod>morning|afternoon|evening|night))?)",
        # today, yesterday, tomorrow, tonight, the day before yesterday
        r"(?P<rday>\b(?:the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|today|yesterday|tomorrow|tonight|this\s+(?:morning|afternoon|evening))\b)",
        r"(?P<now>\b(?:now|currently|at present|at the moment)\b)",
        # three days ago, in two weeks, two days later, within a month, for four days
        rf"(?P<rel_n>\b{_approx('ap')}(?P<rn_n>{_NUMW})[\s-]+(?P<rn_u>{_UNIT})(?P<rn_tail>\s+(?:ago|later|earlier|from now|before|after|on)\b)?)",
        rf"(?P<in_n>\b(?P<in_p>in|within|over|during|for)\s+(?:the\s+(?P<in_w>next|past|last|coming)\s+)?{_approx('ap2')}(?P<in_n_n>{_NUMW})\s+(?P<in_u>{_UNIT})\b)",
        # the 1980s, the 20th century
        r"(?P<decade>\b(?:the\s+)?(?P<dec_y>1[0-9]{2}0|20[0-9]0)s\b)",
        r"(?P<century>\b(?:the\s+)?(?P<cen_n>\d{1,2})(?:st|nd|rd|th)\s+century\b)",
        # in 2026, since 1998
        rf"(?P<year>\b(?:in|since|by|of|until|from|before|after|year|during|throughout)\s+(?P<yr>{_YEAR})(?![\d,.]\d))",
        rf"(?P<hol>\b(?:{_HOL})\b)",
        # 3pm, 3:15 pm, 15:00, noon, midnight
        r"(?P<clock>(?<![\d:.])(?P<ck_h>\d{1,2})(?::(?P<ck_m>\d{2}))?\s?(?P<ck_ap>[ap]\.?m\.?)(?![A-Za-z])|(?<![\d:.])(?P<ck_h2>[01]?\d|2[0-3]):(?P<ck_m2>[0-5]\d)(?![\d:]))",
        r"(?P<noon>\b(?:noon|midnight|midday)\b)",
    ]),
    re.IGNORECASE,
)


def _num(word: str) -> float | None:
    w = word.lower()
    if w[0].isdigit():
        return float(w) if "." in w else int(w)
    if w == "a hundred":
        return 100
    return SMALL.get(w)


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group())


def _month(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _unit(text: str) -> str:
    u = text.lower().rstrip("s")
    if u == "centurie":
        u = "century"
    return UNITS[u]


_SUPERLATIVE = re.compile(r"\b(?:first|highest|lowest|largest|biggest|smallest|strongest|weakest|"
                          r"worst|best|fastest|slowest|most|least)\b[^.;]*$", re.I)


def _clause_before(text: str, at: int) -> str:
    """Up to 60 characters before ``at``, from the start of its sentence or clause."""
    before = text[max(0, at - 60):at]
    return re.split(r"[.;:!?]\s", before)[-1]


def parse(text: str) -> list[tuple[int, int, Spec, bool]]:  # noqa: C901 - one branch per form
    out: list[tuple[int, int, Spec, bool]] = []
    for m in PATTERN.finditer(text):
        g = m.groupdict()
        kind = m.lastgroup
        s = Spec()
        weak = False
        if kind == "iso":
            s.year, s.month, s.day = int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"])
        elif kind == "num":
            a, b = int(g["num_a"]), int(g["num_b"])
            if a > 12 >= b:
                a, b = b, a
            s.month, s.day = a, b
            s.day_month_open = a != b and max(a, b) <= 12
            s.year = int(g["num_y"])
            s.two_digit_year = len(g["num_y"]) == 2
            if a > 12 or b > 31:
                s.reason = f"no such date: {m.group()}"
        elif kind == "dmy":
            s.day, s.month = _day(g["dmy_d"]), _month(g["dmy_m"])
            if g["dmy_y"]:
                s.year = int(g["dmy_y"])
        elif kind == "mdy":
            s.month, s.day = _month(g["mdy_m"]), _day(g["mdy_d"])
            if g["mdy_y"]:
                s.year = int(g["mdy_y"])
            if g["mdy_d2"]:
                right = Spec(year=s.year, month=s.month, day=_day(g["mdy_d2"]))
                s = Spec(span=(s, right))
        elif kind == "my":
            if g["my_m"].lower() == "may" and not (g["my_y"] or g["my_part"] or g["my_rel"]):
                continue  # "may" the verb
            s.month = _month(g["my_m"])
            if g["my_y"]:
                s.year = int(g["my_y"])
            if g["my_rel"]:
                s.year_rel = {"this": 0, "last": -1, "next": 1}[g["my_rel"].lower()]
            part = (g["my_part"] or "").lower()
            s.mod = ("START" if part in ("early", "the beginning of", "the start of") else
                     "MID" if part in ("mid", "the middle of") else
                     "END" if part in ("late", "the end of", "end of") else None)
        elif kind == "yspan":
            s = Spec(span=(Spec(year=int(g["ys_a"])), Spec(year=int(g["ys_b"]))))
        elif kind == "quarter":
            s.quarter = ORDINAL[g["q_o"].lower()] if g["q_o"] else int(g["q_n"])
            y = g["q_y"] or g["q_y2"]
            if y and y[0].isdigit():
                s.year = int(y)
            elif y:
                s.year_rel = {"this": 0, "last": -1, "next": 1}[y.split()[0].lower()]
            else:
                s.year_rel = 0
        elif kind == "half":
            s.half = 1 if g["h_o"].lower() == "first" else 2
            if g["h_y"]:
                s.year = int(g["h_y"])
            else:
                s.year_rel = {"this": 0, "last": -1, "next": 1, "the": 0}[g["h_rel"].lower()]
        elif kind == "ypart":
            t = m.group().lower()
            if g["yp_y"] or g["yp_y2"]:
                s.year = int(g["yp_y"] or g["yp_y2"])
            else:
                s.year_rel = {"last": -1, "next": 1}.get((g["yp_rel"] or "").lower(), 0)
            part = (g["yp_part"] or g["yp_adj"] or g["yp_er"] or "").lower()
            s.mod = ("START" if part in ("beginning", "start", "early", "earlier", "turn") else
                     "MID" if part in ("middle", "mid") else "END")
            if "year-end" in t or "year's end" in t:
                s.mod = "END"
        elif kind == "rel":
            w = g["rel_w"].lower().split()[-1]
            n = {"this": 0, "last": -1, "past": -1, "next": 1, "coming": 1}[w]
            u = g["rel_u"].lower()
            if u == "year":
                s.year_rel = n
            elif u == "month":
                s.month_rel = n
            elif u == "quarter":
                s.quarter_rel = n
            elif u == "weekend":
                s.week_rel, s.weekend = n, True
            else:
                s.week_rel = n
        elif kind == "rwd":
            s.weekday = WEEKDAYS[g["rwd_d"].lower()]
            r = (g["rwd_r"] or "").lower()
            if r == "last":
                s.week_rel = -1
            elif r == "next":
                s.week_rel = 1
            elif r == "this":
                s.week_rel = 0
            if g["rwd_pod"]:
                s.pod = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}[
                    g["rwd_pod"].lower()]
        elif kind == "rday":
            t = " ".join(m.group().lower().split())
            s.day_rel = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0,
                         "the day before yesterday": -2, "the day after tomorrow": 2,
                         "this morning": 0, "this afternoon": 0, "this evening": 0}[t]
            if t == "tonight":
                s.pod = "NI"
            elif t.startswith("this "):
                s.pod = {"morning": "MO", "afternoon": "AF", "evening": "EV"}[t.split()[1]]
        elif kind == "now":
            s.present = True
            weak = m.group().lower() == "now"  # "now" is mostly a discourse word in news
        elif kind in ("rel_n", "in_n"):
            ntext = g["rn_n"] if kind == "rel_n" else g["in_n_n"]
            utext = g["rn_u"] if kind == "rel_n" else g["in_u"]
            n = _num(ntext)
            if n is None:
                continue
            unit = _unit(utext)
            if unit == "W2":
                unit, n = "W", n * 2
            if g["ap"] or g["ap2"]:
                s.mod = "APPROX"
            tail = (g["rn_tail"] or "").strip().lower() if kind == "rel_n" else ""
            if kind == "rel_n" and ntext.lower() in ("a", "an") and not tail:
                continue  # "a day", "a year" without a number are rarely durations worth keeping
            if tail in ("ago", "earlier", "before"):
                s.offset = (-n, unit)
            elif tail in ("later", "from now", "after"):
                s.offset = (n, unit)
            elif kind == "in_n" and g["in_w"]:
                # the past five years, the next three days: a window that ends or starts at
                # the anchor (as 过去五年 / 未来三天)
                w = g["in_w"].lower()
                s.window = (n if w in ("next", "coming") else -n, unit)
            elif kind == "in_n" and g["in_p"].lower() == "within":
                s.window = (n, unit)  # within 30 days: from the anchor on (as 30天内)
            elif kind == "in_n" and _SUPERLATIVE.search(_clause_before(text, m.start())):
                # "their first talks in six years", "the lowest in a decade": a stretch of
                # the past, not a day ahead
                s.kind = "DURATION"
                s.duration = {unit: n}
            elif kind == "in_n" and g["in_p"].lower() == "in" and unit in ("D", "W", "M", "Y"):
                s.offset = (n, unit)
            else:
                s.kind = "DURATION"
                s.duration = {unit: n}
        elif kind == "decade":
            s.decade = int(g["dec_y"]) // 10
        elif kind == "century":
            s.century = int(g["cen_n"])
        elif kind == "year":
            s.year = int(g["yr"])
        elif kind == "hol":
            s.holiday = next(n for n in HOLIDAYS if n.lower() == m.group().lower())
        elif kind == "clock":
            if g["ck_h2"] is not None:
                s.hour, s.minute = int(g["ck_h2"]), int(g["ck_m2"])
            else:
                h = int(g["ck_h"])
                if not 1 <= h <= 12:
                    continue
                ap = g["ck_ap"].lower()[0]
                s.hour = h + 12 if ap == "p" and h < 12 else (0 if ap == "a" and h == 12 else h)
                s.minute = int(g["ck_m"]) if g["ck_m"] else None
            s.kind = "TIME"
        elif kind == "noon":
            s.hour, s.minute = (0, 0) if m.group().lower() == "midnight" else (12, 0)
            s.kind = "TIME"
        else:
            continue
        start = m.start("yr") if kind == "year" else m.start()
        out.append((start, m.end(), s, weak))
    return out
