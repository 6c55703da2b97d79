"""Publication dates: from a metadata field or a date line, with honest doubt.

A date written 01/02/2026 may be 1 February or 2 January. The article decides:
it cannot report, as done, events dated after its own publication, so a reading
earlier than a date the body mentions is ruled out. When nothing decides, the
date stays null and the reason is recorded. File times and today's date are
never used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"])}
MONTHS |= {m[:3]: i for m, i in list(MONTHS.items())} | {"sept": 9}
_MONTH = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DIGITS = str.maketrans("０１２３４５６７８９／－．", "0123456789/-.")

_ISO = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)\s*日?")
_NUMERIC = re.compile(r"(?<!\d)(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>(?:19|20)\d\d)(?!\d)")
_DAY_MONTH = re.compile(r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<y>(?:19|20)\d\d)\b", re.I)
_MONTH_DAY = re.compile(r"\b" + _MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I)
_YEARLESS = re.compile(r"(?<![\d年])(?P<m>\d{1,2})月(?P<d>\d{1,2})日")


@dataclass(frozen=True)
class DateFound:
    """A date in a string: ``value`` is ISO or None; ``note`` says how or why not."""

    value: str | None
    note: str
    start: int
    end: int
    # The other reading of an ambiguous day/month date, for the article to decide.
    alternatives: tuple[str, ...] = ()


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def find_date(s: str) -> DateFound | None:
    """The first calendar date written in ``s`` (any supported form)."""
    t = s.translate(_DIGITS)
    found = []
    for rx in (_ISO, _DAY_MONTH, _MONTH_DAY):
        m = rx.search(t)
        if m:
            g = m.groupdict()
            month = MONTHS[g["mon"].lower()] if g.get("mon") else int(g["m"])
            value = _iso(int(g["y"]), month, int(g["d"]))
            note = "stated" if value else f"impossible date '{s[m.start():m.end()]}'"
            found.append(DateFound(value, note, m.start(), m.end()))
    m = _NUMERIC.search(t)
    if m:
        found.append(_numeric(s, m))
    return min(found, key=lambda f: f.start) if found else None


def _numeric(s: str, m: re.Match) -> DateFound:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    written = s[m.start():m.end()]
    dmy, mdy = _iso(y, b, a), _iso(y, a, b)
    if dmy and mdy and dmy != mdy:
        return DateFound(None, f"ambiguous day/month order in '{written}'", m.start(), m.end(),
                         (dmy, mdy))
    if dmy or mdy:
        order = "day/month" if dmy else "month/day"
        return DateFound(dmy or mdy, f"stated ({order} order)", m.start(), m.end())
    return DateFound(None, f"impossible date '{written}'", m.start(), m.end())


def parse_date_field(value: str) -> DateFound | None:
    """A metadata field such as ``2026-02-01T10:32:00+09:00`` or ``1 February 2026``."""
    return find_date(value.strip())


def mentioned_dates(body: str, year_hint: int | None = None) -> list[str]:
    """Full dates the body mentions; yearless 3月7日 forms count only with ``year_hint``."""
    t = body.translate(_DIGITS)
    out = []
    for rx in (_ISO, _DAY_MONTH, _MONTH_DAY):
        for m in rx.finditer(t):
            g = m.groupdict()
            month = MONTHS[g["mon"].lower()] if g.get("mon") else int(g["m"])
            if v := _iso(int(g["y"]), month, int(g["d"])):
                out.append(v)
    if year_hint:
        for m in _YEARLESS.finditer(t):
            if v := _iso(year_hint, int(m["m"]), int(m["d"])):
                out.append(v)
    return out


def decide(found: DateFound, body: str) -> DateFound:
    """Settle an ambiguous day/month date from what the article reports."""
    if not found.alternatives:
        return found
    readings = sorted(found.alternatives)
    year = int(readings[0][:4])
    latest = max(mentioned_dates(body, year), default=None)
    possible = [r for r in readings if latest is None or r >= latest]
    if latest is not None and len(possible) == 1:
        return DateFound(possible[0], f"{found.note}: {possible[0]} chosen, as the article "
                         f"reports {latest}, after the other reading", found.start, found.end)
    return DateFound(None, f"{found.note}: could be {' or '.join(readings)} and nothing in "
                     "the article decides", found.start, found.end, found.alternatives)
