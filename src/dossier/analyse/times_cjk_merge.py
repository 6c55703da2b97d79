"""Merging atoms into expressions (second pass of :mod:`times_cjk`).

Adjacent atoms are merged left to right into expressions (去年 + 11月 → 2025-11), a bound
or part after an expression qualifies it (年底, 以降), and connectors make spans (1902 + 至 +
1921年). Each expression becomes a :class:`~.times_resolve.Spec`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .times_cjk_atoms import Atom, _hour_with_pod
from .times_resolve import Spec

JOIN_GAPS = {"", "的", "の", " ", "　"}


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



def _new_group(a: Atom) -> Group:
    spec = Spec()
    if "_span" in a.fields:
        # 今明两天: one atom that names both ends
        f, lo, hi = a.fields["_span"]
        spec.span = (Spec(**{f: lo}), Spec(**{f: hi}))
        return Group(a.start, a.end, spec, a.rank)
    _apply(spec, a.fields)
    g = Group(a.start, a.end, spec, a.rank)
    if a.kind == "pod":
        g.weak = True
        g.text_fields.add(a.fields.get("_podword"))
    if a.kind in ("weakhour", "lunar") or a.fields.get("_weak"):
        g.weak = True
    if "_podword" in a.fields:
        spec.pod = a.fields["pod"]
        g.text_fields.add(a.fields["_podword"])
    return g


def _can_join(g: Group, a: Atom, gap: str) -> bool:
    if a.kind == "lunar":
        return gap == "" and g.rank[1] <= 0 and not g.spec.lunar  # 1991年 + 农历 + 8月23号
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
    off = g.spec.offset
    if off is not None and off[1] in ("D", "W") and float(off[0]).is_integer() \
            and a.kind in ("pod", "date") and a.rank[0] >= 6 and g.spec.hour is None \
            and g.spec.pod is None and not g.spec.mod:
        return True  # 六天后的3时1刻, 两天后的下午: a clock time on the day of the offset
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
    if s.offset is not None and s.hour is None and s.pod is None and a.kind in ("pod", "date"):
        g.rank = (g.rank[0], 5)  # 两天后 + 的下午 + 3点: the clock time may still follow
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
    elif r.hour is not None and r.day is None and n <= 24:
        spec.hour = n  # 9~12点, 9~12点半: the bare number is the starting hour
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


def merge(text: str, atoms: list[Atom], language: str) -> list[tuple[int, int, Spec, bool]]:
    groups: list[Group | Atom] = []
    cur: Group | None = None
    for a in atoms:
        if cur is not None and a.start == cur.end and a.kind == "dur" and _first_units(cur, a):
            continue
        if cur is not None and a.start == cur.end and cur.spec.kind == "DURATION" and \
                a.kind == "date" and set(a.fields) == {"day"} and text[a.end - 1] == "日" and \
                not cur.spec.mod and max(_unit_rank(u) for u in cur.spec.duration) < 6:
            # 1年2ヶ月10日: the day count continues the duration, it is not the 10th
            a = Atom(a.start, a.end, "dur", {"kind": "DURATION", "duration": {"D": a.fields["day"]}},
                     (0, 7))
        if cur is not None and a.start == cur.end and cur.spec.kind == "DURATION" and \
                a.kind == "date" and set(a.fields) == {"minute", "second", "kind"} and \
                not cur.spec.mod and max(_unit_rank(u) for u in cur.spec.duration) < 8:
            # 1時間30分25秒: minutes and seconds after hours continue the duration
            a = Atom(a.start, a.end, "dur", {"kind": "DURATION", "duration": {
                "MIN": a.fields["minute"], "S": a.fields["second"]}}, (0, 7))
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
        if a.fields.get("_this_year"):
            cur = _new_group(a.fields["_this_year"])
            cur.start = a.start
            if _first_units(cur, a):
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
        if _date_dash_clock(g, nxt, after):
            # 2021-09-12-11:23: a hyphen between a full date and a clock time joins them
            for k in ("hour", "minute", "second"):
                setattr(g.spec, k, getattr(after.spec, k))
            g.spec.kind = "TIME"
            g.end = after.end
            out.append((g.start, g.end, g.spec, g.weak))
            i += 3
            continue
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


def _date_dash_clock(g: Group, conn, right) -> bool:
    if not (isinstance(conn, Atom) and conn.kind == "conn" and isinstance(right, Group)
            and conn.fields["conn"] in ("-", "－") and conn.start == g.end
            and right.start == conn.end):
        return False
    left, r = g.spec, right.spec
    return (left.day is not None and left.month is not None and left.span is None
            and not left.has_time_fields() and r.hour is not None and r.minute is not None
            and not r.has_date_fields() and r.span is None and r.offset is None)


def _span_ok(left: Group, right: Group, conn: str) -> bool:
    if conn in ("・", "、"):
        # 2020年・2021年 is a list, kept as a span only for years (ja list of years)
        # (2019年、2021年 is two years, not the three from 2019 to 2021)
        return left.spec.year is not None and right.spec.year is not None and \
            left.spec.month is None and right.spec.month is None and \
            right.spec.year == left.spec.year + 1
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
        if conn.fields["conn"] in ("・", "、") and left.spec.year != (right.spec.year or 0) - 1:
            continue  # a list of years is a span only when they follow each other
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
            for w in prev.text_fields:
                if w:  # 晚上9~11点: the part of the day applies to the bare 9 too
                    _pod_adjust(merged, w)
                    break
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


# units of a period counted from its start (前) or end (后): how many the period has
_PERIOD_UNITS = {("Y", "Q"): 4, ("Y", "M"): 12, ("M", "D"): 28}
_UNIT_FIELD = {"Q": "quarter", "M": "month", "D": "day"}


def _first_units(g: Group, a: Atom) -> bool:
    """今年 + 前三季度, 2022年 + 前十一个月, 4月 + 前4天, 2005年 + 首月: the first (or, with
    后, the last) N units of the period just before; ``g`` becomes that span."""
    pre, unit, n = a.fields.get("_pre"), a.fields.get("_unit"), a.fields.get("_amount")
    if pre not in ("前", "后", "後", "首") or unit not in _UNIT_FIELD or n is None:
        return False
    s = g.spec
    if s.kind != "DATE" or s.mod or s.span is not None or g.weak or s.offset or s.next_n \
            or s.window or s.day is not None or s.day_rel is not None or s.week_rel is not None \
            or s.quarter is not None or s.quarter_rel is not None or s.half is not None \
            or s.season is not None or s.has_time_fields() or s.fiscal or s.holiday:
        return False
    has_month = s.month is not None or s.month_rel is not None
    has_year = s.year is not None or s.year_rel is not None
    period = "M" if has_month else "Y" if has_year else None
    total = _PERIOD_UNITS.get((period, unit))
    if total is None or not float(n).is_integer() or not 1 <= n <= total:
        return False
    n = int(n)
    if pre in ("后", "後"):
        if unit == "D":
            return False  # the last days of a month depend on its length
        lo, hi = total - n + 1, total
    else:
        lo, hi = 1, n
    left, right = _copy_spec(s), _copy_spec(s)
    setattr(left, _UNIT_FIELD[unit], lo)
    setattr(right, _UNIT_FIELD[unit], hi)
    if lo == hi:
        g.spec = left
    else:
        g.spec = Spec(kind="DATE", span=(left, right))
    g.end = a.end
    g.atoms += 1
    g.rank = (g.rank[0], 9)  # nothing more joins a span
    return True


def _copy_spec(s: Spec) -> Spec:
    out = Spec()
    for k in Spec.__slots__:
        setattr(out, k, getattr(s, k))
    out.duration = dict(s.duration)
    return out
