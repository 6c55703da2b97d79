"""Events per sentence: a trigger word, the actors the sentence names, a time and a place.

Triggers are data (``resources/events.toml``), one small ontology in the spirit of
PLOVER: meet, visit, agree, announce, commit, elect, restrict, aid, trade, criticise,
military. A sentence yields at most one event per type. Its participants are the
actors (people, countries, bodies) the sentence mentions: the first is the actor,
the others counterparts. Its date is the sentence's own date, else that of the
nearest earlier sentence that sets one. A sentence with a trigger but no actor yields
no event; it is counted in ``doc.meta["events_without_participants"]``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from dossier.analyse import stage
from dossier.analyse.fold import fold_pattern
from dossier.model import Document, Mention
from dossier.settings import Settings

PARTICIPANT_TYPES = ("person", "country", "organization")
_CALENDAR = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?)?")
# Words that refer back to the actors of the previous event: 双方 / 両首脳 / the two leaders.
_ANAPHORA = re.compile(fold_pattern(
    r"双方|两国|两位领导人|两国领导人|中英两国|両首脳|両国|両氏|両政府|日英両政府"
    r"|\bboth (?:sides|leaders|countries|governments)\b|\bthe (?:two )?(?:leaders|sides|governments)\b"))


@dataclass(frozen=True)
class Event:
    """``text[start:end]`` is the trigger; ``sentence`` the index of its sentence."""

    start: int
    end: int
    sentence: int
    type: str
    trigger: str
    actor: str | None
    participants: tuple[str, ...]  # entity ids, or the name as written when unresolved
    date: str | None
    date_source: str  # sentence | context | none
    place: str | None


@cache
def _triggers() -> dict[str, re.Pattern]:
    """Language family → one regex whose named groups are the event types."""
    data = tomllib.loads(files("dossier.resources").joinpath("events.toml").read_text("utf-8"))
    out = {}
    for family in ("zh", "ja", "en"):
        groups = []
        for kind, spec in data.items():
            forms = sorted(spec.get(family, []), key=len, reverse=True)
            if family == "en":
                alts = "|".join(re.escape(f.lower()) for f in forms)
                groups.append(rf"(?P<{kind}>\b(?:{alts})\b)")
            else:
                groups.append(rf"(?P<{kind}>{'|'.join(re.escape(fold_pattern(f)) for f in forms)})")
        out[family] = re.compile("|".join(groups))
    return out


def labels() -> dict[str, str]:
    data = tomllib.loads(files("dossier.resources").joinpath("events.toml").read_text("utf-8"))
    return {kind: spec.get("label", kind) for kind, spec in data.items()}


def _family(language: str) -> str:
    return "en" if language in ("en", "und") else "ja" if language == "ja" else "zh"


@stage("events")
def events(doc: Document, settings: Settings) -> Document:
    doc.events, orphans = find_events(doc)
    doc.meta["events_without_participants"] = orphans
    return doc


def find_events(doc: Document) -> tuple[list[Event], int]:
    rx = _triggers()[_family(doc.language)]
    folded = doc.folded
    dates = _sentence_dates(doc)
    out, orphans = [], 0
    for n, s in enumerate(doc.sentences):
        seen: set[str] = set()
        mentions = [m for m in doc.mentions if s.start <= m.start < s.end]
        for m in rx.finditer(folded, s.start, s.end):
            kind = m.lastgroup
            if kind in seen:
                continue
            seen.add(kind)
            participants = _participants(mentions)
            if not participants and out and _ANAPHORA.search(folded, s.start, s.end):
                participants = list(out[-1].participants)
            if not participants:
                orphans += 1
                continue
            date, source = _date_for(dates, n)
            place = next((_key(p) for p in mentions if p.type == "place"), None)
            out.append(Event(m.start(), m.end(), n, kind, doc.text[m.start():m.end()],
                             participants[0], tuple(participants), date, source, place))
    return out, orphans


def _key(m: Mention) -> str:
    return m.entity or m.text


def _participants(mentions: list[Mention]) -> list[str]:
    return list(dict.fromkeys(_key(m) for m in mentions if m.type in PARTICIPANT_TYPES))


def _sentence_dates(doc: Document) -> list[str | None]:
    """The calendar date each sentence states (its first DATE with a year: 2026-01-31,
    2026-01, or 2026 for 年内に; a sentence that states only a year keeps it rather
    than borrowing a more precise date from another sentence)."""
    out: list[str | None] = [None] * len(doc.sentences)
    for t in doc.times:
        if t.type != "DATE" or not t.value or not _CALENDAR.fullmatch(t.value):
            continue
        for n, s in enumerate(doc.sentences):
            if s.start <= t.start < s.end and out[n] is None:
                out[n] = t.value
                break
    return out


def _date_for(dates: list[str | None], n: int) -> tuple[str | None, str]:
    if dates[n]:
        return dates[n], "sentence"
    for earlier in range(n - 1, -1, -1):
        if dates[earlier]:
            return dates[earlier], "context"
    return None, "none"
