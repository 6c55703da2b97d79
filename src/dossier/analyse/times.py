"""Temporal expressions: find them, with exact offsets, and normalise them to TIMEX3 values.

>>> [(t.text, t.value, t.how) for t in extract_times("去年11月，两国签署协议。", "zh-Hans",
...                                                  anchor="2026-02-01")]
[('去年11月', '2025-11', 'anchored')]

The anchor is the article's published date. Without one, :func:`infer_anchor` takes the
latest fully specified date the article mentions and values that needed it are marked
``inferred``; when nothing fixes the year the value keeps ``XXXX`` (``XXXX-03-07``) and
relative expressions (去年, 3日前) get no value. The time of ingestion is never used.

Grammars live in ``times_cjk`` (Chinese and Japanese) and ``times_en``; turning what an
expression states into a value is ``times_resolve``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from . import times_cjk, times_en
from .times_resolve import Anchor, Spec, duration_value, parse_anchor, resolve

__all__ = ["TimeExpr", "extract_times", "infer_anchor"]


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """One temporal expression; ``text == document_text[start:end]``."""

    start: int
    end: int
    text: str
    value: str | None  # TIMEX3 value, or None when the span could not be normalised
    type: str  # DATE | TIME | DURATION | SET
    anchor: str | None  # the ISO date the value was computed against, if one was needed
    how: str  # explicit | anchored | inferred | unknown
    reason: str | None = None  # why there is no value, or why it is uncertain
    mod: str | None = None  # TIMEX3 mod: START MID END BEFORE AFTER ON_OR_BEFORE … APPROX


# Words that say whether a clause is about the past or the future; they decide the year of
# a yearless date (3月7日 in an article of 1 March: held → last year's? no — this year's,
# the nearest in the past). Looked for after the expression in zh/ja (the verb follows),
# around it in English.
_PAST = {
    "zh": re.compile(r"已|了|曾|過|过|此前|日前|早前|当时|當時|宣布|表示|称|稱|发表|發表|召开|召開|签署|簽署"),
    "ja": re.compile(r"した|しました|だった|でした|された|されました|れた|行われた|発表|明らかにし|述べ"),
    "en": re.compile(r"\b(?:was|were|had|held|said|took place|happened|announced|signed|met|"
                     r"visited|ago|earlier|last|since|returned|took office)\b", re.IGNORECASE),
}
_FUTURE = {
    # 会 and 要 alone are too ambiguous (会见, 会谈, 要求): not tense markers here; nor is
    # the 会 that ends a noun (峰会于11月22日举行: the summit, not "will").
    "zh": re.compile(r"将|將|计划|計劃|预计|預計|拟|擬|即将|即將|预定|預定|准备|準備|届时|屆時|"
                     r"(?<![机機社峰大协協年委事览覽动動运運宴晚国國议議集盛例茶舞聚商工学學都部省教])"
                     r"会(?=[在于於与與再])"),
    "ja": re.compile(r"予定|見通し|方針|する方向|へ|計画|める|する。|します|される|れる"),
    "en": re.compile(r"\b(?:will|shall|would|plans?|planned|scheduled|expected|is to|are to|"
                     r"due|upcoming|next|going to)\b", re.IGNORECASE),
}
# The clause that tells an expression's tense ends at these (a comma starts another clause:
# in 1月31日，…将推进, 将 is not about 1月31日).
_CLAUSE_END = re.compile(r"[。！？!?\n；;，,、]")
_WINDOW = 40
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘'])|\n")
_BEFORE = 8


def _family(language: str, text: str) -> str:
    if language == "ja":
        return "ja"
    if language.startswith("zh"):
        return "zh"
    if language == "en":
        return "en"
    # und: kana means Japanese, other CJK means Chinese, else English
    for ch in text[:2000]:
        if "\u3040" <= ch <= "\u30ff":
            return "ja"
    for ch in text[:2000]:
        if "\u4e00" <= ch <= "\u9fff":
            return "zh"
    return "en"


def _direction(text: str, start: int, end: int, fam: str) -> str | None:
    """'past' / 'future' from the words of the clause around the expression, or None."""
    if fam == "en":
        # The sentence's own words: "…on 9 October. Trump responded the next day" says
        # nothing of 9 October's tense.
        lo = max(0, start - _WINDOW)
        window = _SENTENCE_END.split(text[lo:start])[-1] + " " + \
            _SENTENCE_END.split(text[end:end + _WINDOW])[0]
    else:
        # A marker just before the expression, in its clause, speaks for it: 将于2月8日, 已于.
        before = text[max(0, start - _BEFORE):start]
        before = _CLAUSE_END.split(before)[-1]
        fut, past = _FUTURE[fam].search(before), _PAST[fam].search(before)
        if bool(fut) != bool(past):
            return "future" if fut else "past"
        stop = _CLAUSE_END.search(text, end, end + _WINDOW)
        window = text[end:stop.start() if stop else end + _WINDOW]
    fut = _FUTURE[fam].search(window)
    past = _PAST[fam].search(window)
    if fut and not past:
        return "future"
    if past and not fut:
        return "past"
    if past and fut:
        return "future" if fut.start() < past.start() else "past"
    return None


def _parse(text: str, fam: str, language: str):
    if fam == "en":
        return times_en.parse(text)
    return times_cjk.parse(text, "ja" if fam == "ja" else language)


def _type(spec: Spec) -> str:
    if spec.kind in ("DURATION", "SET"):
        return spec.kind
    if spec.has_time_fields() and not spec.has_date_fields() and spec.offset is None:
        return "TIME"
    if spec.hour is not None:
        return "TIME"
    return "DATE"


_HOW_RANK = {"explicit": 0, "anchored": 1, "inferred": 2, "unknown": 3}


def extract_times(text: str, language: str, anchor: str | None = None,
                  anchor_how: str = "published", *, prefer: str = "nearest") -> list[TimeExpr]:
    """Find and normalise the temporal expressions of ``text``.

    ``anchor`` is the ISO date (optionally with a time) that relative expressions are
    computed against, normally the published date; ``anchor_how`` says where it came from
    (``published`` or ``inferred``). With no anchor, one is inferred from the text.
    ``prefer`` sets the year of a yearless date when the sentence gives no tense:
    ``nearest`` (default), ``future`` or ``past``.
    """
    if not text:
        return []
    fam = _family(language, text)
    how = "inferred" if anchor_how == "inferred" else "anchored"
    parsed = _parse(text, fam, language)
    if not parsed:
        return []
    if anchor is None:
        anchor = _latest_full_date(parsed, language)
        how = "inferred"
    a = parse_anchor(anchor, how)
    anchor_iso = a.day.isoformat() if a else None
    out: list[TimeExpr] = []
    last_day = None  # the last day the text named, for 次日 / 翌日
    for start, end, spec, weak in parsed:
        if weak or end <= start:
            continue
        direction = _direction(text, start, end, fam)
        if spec.span is not None:
            out.extend(_span_exprs(text, start, end, spec, a, direction, language, prefer,
                                   anchor_iso))
            continue
        base = last_day if spec.narrative and last_day else a
        value, how_v, reason = _resolve(spec, base, direction, language, prefer)
        base_iso = base.day.isoformat() if base else None
        out.append(TimeExpr(start, end, text[start:end], value, _type(spec),
                            base_iso if how_v in ("anchored", "inferred") else None,
                            how_v, reason, spec.mod))
        if value and _FULL_DAY.fullmatch(value):
            last_day = Anchor(date.fromisoformat(value), None, (a.how if a else "inferred"))
    return out


_FULL_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _resolve(spec, a, direction, language, prefer="nearest"):
    """:func:`resolve`, but a value outside the calendar (10万年前 → year -98000) is kept
    unparsed with a reason instead of failing the whole document."""
    try:
        return resolve(spec, a, direction, language, prefer)
    except (ValueError, OverflowError) as exc:
        return None, "unknown", f"cannot be computed as a calendar date: {exc}"


def _span_exprs(text, start, end, spec, a, direction, language, prefer, anchor_iso):
    left, right = spec.span
    if left.kind == "DURATION" and right.kind == "DURATION":
        # 3~6个月: a range of durations is two durations
        v1, v2 = duration_value(left.duration), duration_value(right.duration)
        return [TimeExpr(start, end, text[start:end], f"{v1}/{v2}", "DURATION", None,
                         "explicit", "a range of durations", None)]
    v1, how1, r1 = _resolve(left, a, direction, language, prefer)
    v2, how2, r2 = _resolve(right, a, direction, language, prefer)
    if v1 and v2 and _YEAR_PREFIX.match(v1) and _YEAR_PREFIX.match(v2) and v2[:10] < v1[:10]:
        # the two ends picked their years apart (12月9日至12月16日 about a June anchor):
        # the end whose year the text leaves open follows the other one
        if _year_free(right):
            v2, how2, r2 = _resolve(replace(right, year=int(v1[:4]) + (v2[4:10] < v1[4:10])),
                                    a, direction, language, prefer)
            how2 = max(how2, how1, key=_HOW_RANK.__getitem__)
        elif _year_free(left):
            v1, how1, r1 = _resolve(replace(left, year=int(v2[:4]) - (v2[4:10] < v1[4:10])),
                                    a, direction, language, prefer)
            how1 = max(how2, how1, key=_HOW_RANK.__getitem__)
    how_v = max(how1, how2, key=_HOW_RANK.__getitem__)
    if v1 is None or v2 is None:
        value, reason = None, r1 or r2
    else:
        value, reason = f"{v1}/{v2}", None
    typ = "TIME" if _type(left) == "TIME" and _type(right) == "TIME" else "DATE"
    return [TimeExpr(start, end, text[start:end], value, typ,
                     anchor_iso if how_v in ("anchored", "inferred") else None, how_v, reason,
                     None)]


_YEAR_PREFIX = re.compile(r"^\d{4}-\d{2}")


def _year_free(s: Spec) -> bool:
    """The text gives a month but no year, absolute or relative."""
    return (s.year is None and s.year_rel is None and s.month is not None and s.month_rel is None
            and s.day_rel is None and s.week_rel is None and s.offset is None and not s.lunar
            and s.century is None and s.decade is None)


_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def infer_anchor(text: str, language: str) -> str | None:
    """The latest fully specified date (year, month and day all written) in ``text``.

    Used when an article has no published date: news reports mostly refer to the days
    just before they were written, so the latest explicit date is a lower bound that is
    usually within days of publication. Returns None if the text has no such date.
    """
    return _latest_full_date(_parse(text, _family(language, text), language), language)


def _latest_full_date(parsed, language: str) -> str | None:
    best: str | None = None
    for _start, _end, spec, weak in parsed:
        specs = spec.span if spec.span is not None else (spec,)
        for s in specs:
            if weak or s.year is None or s.month is None or s.day is None or s.two_digit_year:
                continue
            if s.bc or s.reason:
                continue
            value, how, _ = _resolve(s, None, None, language)
            if value and how == "explicit" and _FULL_DATE.match(value):
                if best is None or value[:10] > best:
                    best = value[:10]
    return best
