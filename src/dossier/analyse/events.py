"""Events per sentence: a trigger word, the actors the sentence names, a time and a place.

Triggers are data (``resources/events.toml``), one small ontology in the spirit of
PLOVER: meet, visit, agree, announce, commit, elect, restrict, aid, trade, criticise,
military. A sentence yields at most one event per type. Its participants are the
actors (people, countries, bodies) the sentence mentions: the first is the actor,
the others counterparts; a country named only in a person's title (日本首相高市早苗,
"his Japanese counterpart") is not one, and an actor the gazetteer does not know is
``name:<as written>``. Words that refer back to earlier actors (双方, 両首脳, "the two
leaders", 四国) bring those actors in. Its date is the sentence's own date, else that of
the nearest earlier sentence that sets one; a sentence that fixes only a year (年内,
"later this year") leaves the date open. A trigger inside a programme's name (全球空战计划)
is no event. A sentence with a trigger but no actor yields no event; it is counted in
``doc.meta["events_without_participants"]``.
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
_YEAR = re.compile(r"\d{4}")
# Words that refer back to actors named before: people (双方 / 両首脳 / 两人 / 四国外长 /
# the two leaders) or countries (两国 / 両国 / 四国 / both countries). Matched on folded text.
_NUMBER = r"(?<![\d０-９])(?:两|二|三|四|両|2|3|4)"
_PEOPLE_ANAPHORA = re.compile(fold_pattern(
    rf"双方|两位领导人|两国领导人|両首脳|両氏|{_NUMBER}(?:人|位|国外长|国领导人|外相|首脑|首脳)"
    r"|\bboth (?:sides|leaders)\b|\bthe (?:two|three|four) (?:leaders|ministers|sides)\b"
    r"|\bthe (?:leaders|sides)\b"), re.I)
_COUNTRY_ANAPHORA = re.compile(fold_pattern(
    rf"{_NUMBER}(?:国|か国|カ国)|両政府|\bboth (?:countries|governments)\b"
    r"|\bthe (?:two |three |four )?(?:countries|governments)\b"), re.I)


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
    titles = [(r.start, r.end) for r in doc.roles]
    programs = [m for m in doc.mentions if m.type == "program"]
    for n, s in enumerate(doc.sentences):
        seen: set[str] = set()
        mentions = [m for m in doc.mentions if s.start <= m.start < s.end]
        for m in rx.finditer(folded, s.start, s.end):
            kind = m.lastgroup
            if kind in seen or any(p.start <= m.start() and m.end() <= p.end for p in programs):
                continue
            seen.add(kind)
            participants = _participants(mentions, titles)
            participants += [p for p in _antecedents(folded, s.start, s.end, participants, out)
                             if p not in participants]
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


def _participant(m: Mention) -> str:
    return m.entity or "name:" + m.text


def _participants(mentions: list[Mention], titles: list[tuple[int, int]]) -> list[str]:
    """The sentence's actors, without countries that only qualify a person's title."""
    return list(dict.fromkeys(
        _participant(m) for m in mentions if m.type in PARTICIPANT_TYPES
        and not (m.type == "country" and any(a <= m.start and m.end <= b for a, b in titles))))


def _antecedents(folded: str, start: int, end: int, own: list[str], earlier: list[Event]) -> list[str]:
    """The actors a referring word (両首脳, 两国, the two leaders) stands for: those of the
    nearest earlier event that has at least two of that kind, else of the previous event."""
    wanted = []
    if _PEOPLE_ANAPHORA.search(folded, start, end):
        wanted.append(lambda p: p.startswith("person:"))
    if _COUNTRY_ANAPHORA.search(folded, start, end):
        wanted.append(lambda p: p.startswith("country:"))
    out: list[str] = []
    for kind in wanted:
        if sum(map(kind, own)) >= 2:
            continue  # 中英两国都是…: the sentence names them itself
        found = next(([p for p in e.participants if kind(p)] for e in reversed(earlier)
                      if sum(map(kind, e.participants)) >= 2), None)
        if found is None and earlier:
            found = list(earlier[-1].participants)
        out += [p for p in found or [] if p not in out]
    return out


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
    """A year alone (年内, "later this year") fixes no date: the event's date stays open,
    and is not borrowed from a sentence about something else."""
    if dates[n]:
        return (None if _YEAR.fullmatch(dates[n]) else dates[n]), "sentence"
    for earlier in range(n - 1, -1, -1):
        if dates[earlier] and not _YEAR.fullmatch(dates[earlier]):
            return dates[earlier], "context"
    return None, "none"
