"""From what a time expression says (a :class:`Spec`) to a TIMEX3 value.

The grammars (``times_cjk``, ``times_en``) only record what the text states: an explicit
year, "last month", "the 7th", "three days later". :func:`resolve` turns that into a value
against an anchor date, choosing the year of a yearless date by the direction the sentence
indicates, and says how the value was obtained:

* ``explicit`` – the text alone fixes the value (2026年1月31日, 20分間);
* ``anchored`` / ``inferred`` – the anchor was needed, and it was the published date /
  a date inferred from the article;
* ``unknown`` – the anchor was needed and there is none: the value keeps ``X`` for what
  is unknown (``XXXX-03-07``) or is ``None`` for a relative expression (去年, 3日前).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from .times_calendar import HOLIDAYS, NATIONAL_DAY, lunar_to_date

# Units of offsets and durations, with their TIMEX3 letters and whether they are time units.
UNIT_LETTER = {"Y": "Y", "Q": "M", "M": "M", "W": "W", "D": "D", "H": "H", "MIN": "M", "S": "S",
               "DE": "Y", "CE": "Y", "WD": "D"}
TIME_UNITS = {"H", "MIN", "S"}
UNIT_ORDER = ["CE", "DE", "Y", "Q", "M", "W", "D", "WD", "H", "MIN", "S"]


@dataclass(slots=True)
class Spec:
    """What one expression states; every field is optional."""

    kind: str = "DATE"
    year: int | None = None
    year_rel: int | None = None
    two_digit_year: bool = False
    bc: bool = False
    century: int | None = None  # 20 → the 20th century (1900s)
    decade: int | None = None  # 198 → the 1980s
    fiscal: bool = False
    month: int | None = None
    month_rel: int | None = None
    day: int | None = None
    day_rel: int | None = None
    week_rel: int | None = None
    week_no: int | None = None  # ISO week number within year
    weekday: int | None = None  # 1 = Monday … 7 = Sunday
    weekend: bool = False
    nth: int | None = None  # 第一个星期一 of the month
    nth_day: int | None = None  # 第十天 of the year (or of the month, when there is one)
    quarter: int | None = None
    quarter_rel: int | None = None
    half: int | None = None
    season: str | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    pod: str | None = None  # MO AF EV NI MI (TIMEX3 parts of day)
    ampm_fixed: bool = False  # the hour was qualified (午前, pm, 下午) or is 13–24
    offset: tuple[float, str] | None = None  # (−2, "D") two days ago
    next_n: tuple[int, str] | None = None  # (3, "D") the next three days; (−2, "D") the last two
    # (−5, "Y") from five years before the anchor to the anchor (过去五年); (3, "D") from the
    # anchor to three days after it (未来三天, 3天内)
    window: tuple[float, str] | None = None
    lunar: bool = False  # month and day are of the Chinese lunisolar calendar (农历八月十五)
    leap: bool = False  # the leap month (闰四月)
    duration: dict[str, float] = field(default_factory=dict)
    holiday: str | None = None
    present: bool = False
    # 次日, 翌日: counted from the day the text last named, not from the anchor
    narrative: bool = False
    # 08/10/2025: day and month may be either way round; the reading nearer the anchor wins
    day_month_open: bool = False
    mod: str | None = None
    approx: bool = False
    reason: str | None = None
    span: tuple[Spec, Spec] | None = None  # from … to …: both ends, resolved separately

    def has_date_fields(self) -> bool:
        return any(v is not None for v in (
            self.year, self.year_rel, self.month, self.month_rel, self.day, self.day_rel,
            self.week_rel, self.weekday, self.quarter, self.quarter_rel, self.half, self.season,
            self.century, self.decade, self.holiday, self.week_no, self.nth_day)) or self.weekend

    def has_time_fields(self) -> bool:
        return self.hour is not None or self.minute is not None or self.pod is not None


@dataclass(frozen=True, slots=True)
class Anchor:
    day: date
    time: tuple[int, int, int] | None  # hour, minute, second when the anchor has them
    how: str  # "anchored" or "inferred"
    # an anchor given as a bare year ("2021": a yearbook, a dated archive) fixes the year of
    # yearless dates instead of only pointing near one: 12月9日 is that year's
    year_only: bool = False


def parse_anchor(anchor: str | None, how: str) -> Anchor | None:
    if not anchor:
        return None
    try:
        if len(anchor) > 10:
            dt = datetime.fromisoformat(anchor.replace("Z", "+00:00"))
            return Anchor(dt.date(), (dt.hour, dt.minute, dt.second), how)
        parts = anchor.split("-")
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 else 1
        d = int(parts[2]) if len(parts) > 2 else 1
        return Anchor(date(y, m, d), None, how, year_only=len(parts) == 1)
    except ValueError:
        return None


# --- formatting ----------------------------------------------------------------------------


def _num(x: float) -> str:
    if float(x).is_integer():
        return str(int(x))
    return f"{x:.6g}"


def duration_value(parts: dict[str, float]) -> str:
    """``{"H": 1, "MIN": 30}`` → ``PT1H30M``; centuries and decades become years."""
    date_part, time_part = "", ""
    years = parts.get("Y", 0) + 100 * parts.get("CE", 0) + 10 * parts.get("DE", 0)
    months = parts.get("M", 0) + 3 * parts.get("Q", 0)
    for unit, amount in (("Y", years), ("M", months), ("W", parts.get("W", 0)),
                         ("D", parts.get("D", 0) + parts.get("WD", 0))):
        if amount:
            date_part += _num(amount) + unit
    for unit, amount in (("H", parts.get("H", 0)), ("M", parts.get("MIN", 0)),
                         ("S", parts.get("S", 0))):
        if amount:
            time_part += _num(amount) + unit
    if not date_part and not time_part:
        return "PT0S"
    return "P" + date_part + ("T" + time_part if time_part else "")


def _year(y: int | None) -> str:
    if y is None:
        return "XXXX"
    if y < 0:
        return f"BC{-y:04d}"
    return f"{y:04d}"


def _time_suffix(s: Spec) -> str:
    if s.hour is not None:
        out = f"T{s.hour:02d}"
        out += f":{s.minute:02d}" if s.minute is not None else (":00" if s.second is None else "")
        if s.second is not None:
            out += f":{s.second:02d}"
        return out
    if s.pod:
        return "T" + s.pod
    return ""


def format_value(y: int | None, s: Spec, month: int | None = None, day: int | None = None) -> str:
    m = s.month if month is None else month
    d = s.day if day is None else day
    if s.fiscal and y is not None:
        return f"FY{y:04d}"
    if s.century is not None:
        c = s.century - 1
        return f"BC{c:02d}" if s.bc else f"{c:02d}"
    if s.decade is not None:
        return f"{s.decade:03d}"
    base = _year(y)
    if s.quarter is not None:
        return f"{base}-Q{s.quarter}"
    if s.half is not None:
        return f"{base}-H{s.half}"
    if s.season is not None:
        return f"{base}-{s.season}"
    if m is None:
        if d is not None:
            return f"{base}-XX-{d:02d}" + _time_suffix(s)
        if s.has_time_fields() and y is None:
            return "XXXX-XX-XX" + _time_suffix(s)
        return base
    out = f"{base}-{m:02d}"
    if d is None:
        return out
    return f"{out}-{d:02d}" + _time_suffix(s)


# --- arithmetic -----------------------------------------------------------------------------


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    total = y * 12 + (m - 1) + n
    return total // 12, total % 12 + 1


def _at_grain(value: str, unit: str) -> str:
    """A day (``2021-05-14``) cut to the calendar unit that holds it: ``2021-05``, ``2021-W19``."""
    if len(value) != 10:
        return value
    if unit == "Y":
        return value[:4]
    if unit == "M":
        return value[:7]
    if unit == "W":
        iso = date.fromisoformat(value).isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    return value


def _add_offset(a: Anchor, amount: float, unit: str) -> tuple[str, bool]:
    """Value of anchor + amount·unit at the unit's grain; bool = anchor lacked a needed time."""
    day = a.day
    if a.year_only and unit in ("Y", "DE", "CE") and float(amount).is_integer():
        # 3年前 from an anchor that is only a year: a year, not that year's 1 January
        return f"{day.year + int(amount) * {'Y': 1, 'DE': 10, 'CE': 100}[unit]:04d}", False
    # "3年前" from 2021-07-18 is 2018-07-18: the anchor's own precision (as Duckling and
    # ja-timex resolve it); fractions of a year or month fall back to months or days.
    if unit in ("Y", "DE", "CE", "M", "Q"):
        months = amount * {"Y": 12, "DE": 120, "CE": 1200, "M": 1, "Q": 3}[unit]
        if float(months).is_integer():
            y, m = add_months(day.year, day.month, int(months))
            d = min(day.day, calendar.monthrange(y, m)[1])
            return date(y, m, d).isoformat(), False
        return (day + timedelta(days=round(months * 30.4375))).isoformat(), False
    if unit in ("W", "D", "WD"):
        days = amount * (7 if unit == "W" else 1)
        if float(days).is_integer():
            return (day + timedelta(days=int(days))).isoformat(), False
        if a.time is None:
            return (day + timedelta(days=int(days))).isoformat(), True
        dt = datetime(day.year, day.month, day.day, *a.time) + timedelta(days=days)
        return dt.strftime("%Y-%m-%dT%H:%M"), False
    seconds = amount * {"H": 3600, "MIN": 60, "S": 1}[unit]
    if a.time is None:
        return (day + timedelta(seconds=seconds)).isoformat() if abs(seconds) >= 86400 else \
            day.isoformat(), True
    dt = datetime(day.year, day.month, day.day, *a.time) + timedelta(seconds=seconds)
    return dt.strftime("%Y-%m-%dT%H:%M:%S"), False


def valid_day(y: int | None, m: int, d: int) -> bool:
    if not 1 <= m <= 12 or d < 1:
        return False
    if y is None:
        return d <= (29 if m == 2 else calendar.monthrange(2001, m)[1])
    return d <= calendar.monthrange(y, m)[1]


def _pick_year(a: Anchor, month: int, day: int | None, direction: str | None) -> int:
    """The year that puts month/day nearest the anchor, in the direction the text indicates."""
    if a.year_only:
        return a.day.year
    best_y, best_key = a.day.year, None
    for y in (a.day.year - 1, a.day.year, a.day.year + 1):
        if day is not None:
            if not valid_day(y, month, day):
                continue
            start = end = date(y, month, day)
        else:
            start = date(y, month, 1)
            end = date(y, month, calendar.monthrange(y, month)[1])
        if start <= a.day <= end:
            dist = 0
        elif end < a.day:
            dist = (a.day - end).days
            if direction == "future":
                continue
        else:
            dist = (start - a.day).days
            if direction == "past":
                continue
        if best_key is None or dist < best_key:
            best_y, best_key = y, dist
    return best_y


def _pick_weekday(a: Anchor, weekday: int, direction: str | None, strict_future: bool) -> date:
    wd = a.day.isoweekday()
    ahead = (weekday - wd) % 7
    behind = (wd - weekday) % 7
    if direction == "future":
        return a.day + timedelta(days=ahead if (ahead or not strict_future) else 7)
    if direction == "past":
        return a.day - timedelta(days=behind)
    return a.day + timedelta(days=ahead) if ahead <= behind else a.day - timedelta(days=behind)


_T24 = re.compile(r"^(\d{4}-\d{2}-\d{2})T24(?::00)?$")


def resolve(s: Spec, a: Anchor | None, direction: str | None, language: str,
            prefer: str = "nearest") -> tuple[str | None, str, str | None]:
    """Return (value, how, reason) for ``s``."""
    value, how, reason = _resolve(s, a, direction, language, prefer)
    if value and "T24" in value:
        m = _T24.match(value)
        if m:  # 夜里12点, 16日24时: midnight is the next day's 0:00
            value = (date.fromisoformat(m[1]) + timedelta(days=1)).isoformat() + "T00:00"
    return value, how, reason


def _resolve(s: Spec, a: Anchor | None, direction: str | None, language: str,
             prefer: str = "nearest") -> tuple[str | None, str, str | None]:
    if s.reason:
        return None, "unknown", s.reason
    if s.day_month_open and a is not None:
        s = _nearer_order(s, a.day)
    if s.kind in ("DURATION", "SET"):
        return duration_value(s.duration), "explicit", None
    direction = direction or (prefer if prefer in ("past", "future") else None)
    strict = prefer == "future"
    how = a.how if a else "unknown"

    if s.present:
        if a is None:
            return "PRESENT_REF", "unknown", None
        if a.time:
            return datetime(a.day.year, a.day.month, a.day.day, *a.time).strftime(
                "%Y-%m-%dT%H:%M:%S"), how, None
        return a.day.isoformat(), how, None

    if s.offset is not None:
        amount, unit = s.offset
        if a is None:
            return None, "unknown", "relative to an unknown date"
        value, lacks_time = _add_offset(a, amount, unit)
        if s.has_time_fields() and unit in ("D", "W") and len(value) == 10:
            return value + _time_suffix(s), how, None  # 两天后的下午3点
        return value, how, "the anchor has no time of day" if lacks_time else None

    if s.next_n is not None:
        n, unit = s.next_n
        if a is None:
            return None, "unknown", "relative to an unknown date"
        if n > 0:
            first, _ = _add_offset(a, 1, unit)
            last, _ = _add_offset(a, n, unit)
        else:
            first, _ = _add_offset(a, n, unit)
            last, _ = _add_offset(a, -1, unit)
        # 上一个月, 下两周: whole calendar units, not the same day one unit away
        first, last = _at_grain(first, unit), _at_grain(last, unit)
        return (first if first == last else f"{first}/{last}"), how, None

    if s.window is not None:
        n, unit = s.window
        if a is None:
            return None, "unknown", "relative to an unknown date"
        other, lacks_time = _add_offset(a, n, unit)
        here = a.day.isoformat()
        if "T" in other and a.time:
            here = datetime(a.day.year, a.day.month, a.day.day, *a.time).strftime(
                "%Y-%m-%dT%H:%M:%S" if other.count(":") == 2 else "%Y-%m-%dT%H:%M")
        elif "T" in other:
            other = other[:10]
        if here.endswith(":00") and other.endswith(":00") and here.count(":") == 2:
            here, other = here[:-3], other[:-3]  # 过去5分钟 from 14:32: minutes, not seconds
        value = f"{other}/{here}" if n < 0 else f"{here}/{other}"
        return value, how, "the anchor has no time of day" if lacks_time else None

    # --- the year -------------------------------------------------------------------
    year = s.year
    month, day = s.month, s.day
    explicit = year is not None or s.century is not None or s.decade is not None
    used_anchor = False
    if year is not None and s.two_digit_year:
        # 07年, 3/3/15: the century nearest the anchor, else 1950–2049.
        # 07年, 3/3/15: this century up to ten years ahead of the anchor, else the last one
        ref = a.day.year if a else 2039
        century = ref // 100 * 100
        year = century + year if century + year <= ref + 10 else century - 100 + year
        used_anchor = a is not None
    if s.bc and year is not None:
        year = -year

    if s.year_rel is not None:
        if a is None:
            return None, "unknown", "relative to an unknown date"
        year = a.day.year + s.year_rel
        used_anchor = True
    if s.quarter_rel is not None:
        if a is None:
            return None, "unknown", "relative to an unknown date"
        q = (a.day.month - 1) // 3 + s.quarter_rel
        year = a.day.year + q // 4
        s.quarter = q % 4 + 1
        used_anchor = True
    if s.month_rel is not None:
        if a is None:
            return None, "unknown", "relative to an unknown date"
        year, month = add_months(a.day.year, a.day.month, s.month_rel)
        used_anchor = True
    if s.day_rel is not None:
        if a is None:
            return None, "unknown", "relative to an unknown date"
        d = a.day + timedelta(days=s.day_rel)
        year, month, day = d.year, d.month, d.day
        used_anchor = True
    if s.week_rel is not None:
        if a is None:
            return None, "unknown", "relative to an unknown date"
        monday = a.day - timedelta(days=a.day.weekday()) + timedelta(weeks=s.week_rel)
        if s.weekday is not None:
            d = monday + timedelta(days=s.weekday - 1)
            year, month, day = d.year, d.month, d.day
        else:
            iso = monday.isocalendar()
            suffix = "-WE" if s.weekend else ""
            return f"{iso[0]:04d}-W{iso[1]:02d}{suffix}", how, None
        used_anchor = True

    if s.nth_day is not None:
        if month is None and year is not None:
            d = date(year, 1, 1) + timedelta(days=s.nth_day - 1)
            if d.year != year:
                return None, "unknown", f"no day {s.nth_day} in {year}"
            month, day = d.month, d.day
        elif month is not None:
            day = s.nth_day
        else:
            return None, "unknown", "the Nth day of an unnamed period"

    if s.holiday is not None:
        if s.holiday == "national":
            md = NATIONAL_DAY.get(language, (10, 1))
            rule = lambda y, md=md: date(y, *md)  # noqa: E731
        else:
            rule = HOLIDAYS[s.holiday]
        if year is None:
            if a is None:
                return None, "unknown", "year unknown: no anchor"
            cands = [(y, rule(y)) for y in (a.day.year - 1, a.day.year, a.day.year + 1)]
            cands = [(y, d) for y, d in cands if d is not None and (
                not a.year_only or y == a.day.year)]
            if not cands:
                return None, "unknown", "no date rule for this holiday"
            if direction == "future":
                fut = [d for _, d in cands if d >= a.day]
                d = min(fut) if fut else cands[-1][1]
            elif direction == "past":
                past = [d for _, d in cands if d <= a.day]
                d = max(past) if past else cands[0][1]
            else:
                d = min((d for _, d in cands), key=lambda d: abs((d - a.day).days))
            used_anchor = True
        else:
            d = rule(year)
            if d is None:
                return None, how if used_anchor else "explicit", "no date rule for this holiday"
        value = format_value(d.year, s, d.month, d.day)
        return value, how if used_anchor else "explicit", None

    if s.weekday is not None and s.week_rel is None and month is None and day is None:
        if s.nth is not None and (s.month is not None or s.month_rel is not None):
            pass
        elif a is None:
            return f"XXXX-WXX-{s.weekday}" + _time_suffix(s), "unknown", None
        else:
            d = _pick_weekday(a, s.weekday, direction, strict)
            return format_value(d.year, s, d.month, d.day), how, None

    if s.weekend and s.week_rel is None:
        if a is None:
            return "XXXX-WXX-WE", "unknown", None
        iso = a.day.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}-WE", how, None

    if s.week_no is not None and month is not None:
        # 3月第三周: the week that starts on the month's third Monday
        if year is None:
            if a is None:
                return None, "unknown", "year unknown: no anchor"
            year = _pick_year(a, month, None, direction)
            used_anchor = True
        first = date(year, month, 1)
        monday = first + timedelta(days=(7 - first.weekday()) % 7 + 7 * (s.week_no - 1))
        iso = monday.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}", how if used_anchor else "explicit", None
    if s.week_no is not None and year is not None:
        return f"{year:04d}-W{s.week_no:02d}", how if used_anchor else "explicit", None

    if s.lunar and month is not None:
        return _resolve_lunar(s, a, year, month, day, direction,
                              how if used_anchor else "explicit")

    # validity before picking a year: 2月30日 is never a date
    if day is not None and month is not None and not valid_day(year, month, day):
        return None, "unknown", f"no such date: month {month} has no day {day}"
    if month is not None and not 1 <= month <= 12:
        return None, "unknown", f"no such month: {month}"
    if day is not None and not 1 <= day <= 31:
        return None, "unknown", f"no such day: {day}"

    if s.nth is not None and s.weekday is not None and month is not None:
        if year is None:
            if a is None:
                return None, "unknown", "year unknown: no anchor"
            year = _pick_year(a, month, None, direction)
            used_anchor = True
        first = date(year, month, 1)
        d = first + timedelta(days=(s.weekday - first.isoweekday()) % 7 + 7 * (s.nth - 1))
        if d.month != month:
            return None, "unknown", "no such weekday in that month"
        return format_value(d.year, s, d.month, d.day), how if used_anchor else "explicit", None

    if year is None and not explicit:
        if month is not None:
            if a is None:
                return format_value(None, s, month, day), "unknown", "year unknown: no anchor"
            year = _pick_year(a, month, day, direction)
            if s.weekday is not None and day is not None:
                # 周日, 二月十号: the weekday picks the year
                for y in (year, a.day.year, a.day.year - 1, a.day.year + 1):
                    if valid_day(y, month, day) and date(y, month, day).isoweekday() == s.weekday:
                        year = y
                        break
            used_anchor = True
        elif day is not None:
            if a is None:
                return format_value(None, s, None, day), "unknown", "month unknown: no anchor"
            # the day of the anchor's month, or of the adjacent month in the text's direction
            y, m = a.day.year, a.day.month
            if direction == "past" and day > a.day.day:
                y, m = add_months(y, m, -1)
            elif direction == "future" and day < a.day.day:
                y, m = add_months(y, m, 1)
            if not valid_day(y, m, day):
                # 31日 in a February article: the nearest month that has that day
                step = 1 if direction == "future" else -1
                y, m = add_months(y, m, step)
                if not valid_day(y, m, day):
                    y, m = add_months(y, m, step)
                if not valid_day(y, m, day):
                    return None, "unknown", f"no such day: {day}"
            year, month = y, m
            used_anchor = True
        elif s.has_time_fields():
            if a is None:
                return format_value(None, s), "unknown", "date unknown: no anchor"
            d = a.day
            if a.time and s.hour is not None and prefer == "future":
                h = s.hour
                am_pm_free = s.pod is None and h <= 12 and not s.ampm_fixed
                mins = (s.minute or 0)
                if am_pm_free and (h, mins) < a.time[:2]:
                    if (h + 12, mins) >= a.time[:2] and h < 12:
                        s.hour = h + 12
                    else:
                        d = d + timedelta(days=1)
                elif (h, mins) < a.time[:2]:
                    d = d + timedelta(days=1)
            return format_value(d.year, s, d.month, d.day), how, None
        elif s.quarter is not None or s.half is not None or s.season is not None:
            if a is None:
                return format_value(None, s), "unknown", "year unknown: no anchor"
            year = a.day.year
            used_anchor = True
        else:
            return None, "unknown", "nothing to resolve"
    if year is not None and month is not None and day is not None:
        if not valid_day(year, month, day):
            return None, "unknown", f"no such date: {year}-{month:02d}-{day:02d}"
    value = format_value(year, s, month, day)
    return value, how if used_anchor else ("explicit" if explicit else how), None


def _lunar_span(y: int, month: int, day: int | None, leap: bool) -> tuple[date, date] | None:
    """First and last Gregorian day of a lunar month (or the one day) of lunar year ``y``."""
    if day is not None:
        d = lunar_to_date(y, month, day, leap)
        return (d, d) if d else None
    first = lunar_to_date(y, month, 1, leap)
    if first is None:
        return None
    last = lunar_to_date(y, month, 30, leap) or lunar_to_date(y, month, 29, leap)
    return (first, last) if last else None


def _nearer_order(s: Spec, anchor: date) -> Spec:
    """Of the two readings of 08/10/2025 (month first, day first), the one nearer ``anchor``:
    a report dated 9 October 2025 means 8 October. Month first when they are as near."""
    try:
        stated, swapped = (date(s.year, m, d) for m, d in ((s.month, s.day), (s.day, s.month)))
    except (TypeError, ValueError):
        return s
    if abs((swapped - anchor).days) < abs((stated - anchor).days):
        return replace(s, month=s.day, day=s.month, day_month_open=False)
    return s


def _resolve_lunar(s: Spec, a: Anchor | None, year: int | None, month: int, day: int | None,
                   direction: str | None, how: str) -> tuple[str | None, str, str | None]:
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 30):
        return None, "unknown", "no such lunar date"
    if year is not None:
        if not 1 <= year <= 9998:
            return None, "unknown", "outside the lunar calendar's range"
        got = _lunar_span(year, month, day, s.leap)
        if got is None:
            return None, "unknown", f"no such lunar date in {year}"
    else:
        if a is None:
            return None, "unknown", "year unknown: no anchor"
        # a leap month is rare: look a few years around the anchor
        years = range(a.day.year - 3, a.day.year + 4) if s.leap else \
            range(a.day.year - 1, a.day.year + 2)
        if a.year_only:
            years = range(a.day.year, a.day.year + 1)  # the lunar year of that number
        cands = [c for c in (_lunar_span(y, month, day, s.leap) for y in years) if c]
        if direction == "future":
            cands = [c for c in cands if c[1] >= a.day] or cands
        elif direction == "past":
            cands = [c for c in cands if c[0] <= a.day] or cands
        if not cands:
            return None, "unknown", "no such lunar date near the anchor"
        got = min(cands, key=lambda c: 0 if c[0] <= a.day <= c[1] else
                  min(abs((c[0] - a.day).days), abs((c[1] - a.day).days)))
        how = a.how
    first, last = got
    if day is None:
        return f"{first.isoformat()}/{last.isoformat()}", how, None
    return format_value(first.year, s, first.month, first.day), how, None
