"""Events per sentence: a trigger word, the actors the sentence names, a time and a place.

Triggers are data (``resources/events.toml``), one small ontology in the spirit of
PLOVER: meet, visit, agree, announce, commit, elect, restrict, aid, trade, criticise,
military. A sentence yields at most one event per type. Its participants are the
actors (people, countries, bodies) the sentence mentions: the first is the actor,
the others counterparts; a country named only in a person's title (日本首相高市早苗,
"his Japanese counterpart", "Prime Minister Ishiba of Japan") or as the scene of a situation
(ウクライナ情勢, 俄乌冲突) is not one, and an actor the gazetteer does not know is
``name:<as written>``. Words that refer back to earlier actors (双方, 両首脳, "the two
leaders", 四国, a sentence opening with "they") bring those actors in, and so does a
sentence that opens with "he" / "she" (the last person named), and a bare surname
(李大統領) the article named in full before. Its place is the place in the trigger's clause,
unless it is where a journey starts. Its date is the date in the trigger's own clause,
else the sentence's first date outside a relative clause ("Lee, who arrived on Saturday,
held talks on Sunday"), else that of the nearest earlier sentence that sets one and is not
dated before the article's first date (background: "he had landed on Sunday"); a short
range counts by its first day, a bound (2019年12月以来, "since … in January") not at all; a
sentence that fixes only a year (年内, "later this year") leaves the date open, except for a
statement, which takes the date around it; a plan, trade, aid, sanctions or a deployment
takes no date from an earlier sentence; an event nothing dates takes the day the headline
gives an event of its type, and a sentence that says "the same day" (同日) takes the day
last named. A trigger inside a programme's name (全球空战计划), inside an office title
(trade secretary, 貿易相) or inside a phrase that names no event of its type (記者会見 is
no meeting) is no event, and a trade word inside a restriction (出口管制, "tariff on
imports", 輸入品に…関税) or naming a topic (a trade agreement, 輸出の在り方, 出口…的规则) is no
trade event. Nor is a trigger that points back to an event already reported (这次会谈,
今回の決定, 对…当选表示祝贺, "welcomed the decision"), one that is denied or stayed away from
(不会辞职, 缺席峰会, 会議を欠席, "did not meet"), or one that names the time of something else
without a date of its own (就任後, 会谈开始时, "before the summit"); and a statement needs a
named speaker (not "analysts said", 分析人士指出).
A statement's participants are its speakers, the actors named before its verb (in English
and Chinese), not what it is about, nor the sides it speaks of (韩国政府表示，双方…). A sentence
with a trigger but no actor yields no event; it is counted in
``doc.meta["events_without_participants"]``.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from dossier.analyse import stage
from dossier.analyse.fold import fold, fold_pattern
from dossier.analyse.roles import SAME_DAY, office_titles, resolved
from dossier.analyse.times import extract_times
from dossier.model import Document, Mention
from dossier.settings import Settings

PARTICIPANT_TYPES = ("person", "country", "organization")
_CALENDAR = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?)?")
_YEAR = re.compile(r"\d{4}")
# A range longer than this (八年來, 2018–2026) dates no single event.
MAX_RANGE_DAYS = 14
# TIMEX3 mods of a date that only bounds a time: the event is not on that date.
_BOUNDS = {"BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER"}
# Words that make the date after them (en) or the phrase it ends (zh, ja) background.
_SINCE_EN = re.compile(r"\b(?:since|after|before|until|following)\b(?!\s*[:;,.])", re.I)
# 以来 anywhere after the date; "after" (後) only where it ends the phrase (重返白宮後，).
_SINCE_CJK = re.compile(r"以来|以來|(?:以后|以後|之后|之後|(?<![最今午其前])[後后])(?:に|には|も|は)?$")
# Words that refer back to actors named before: people (双方 / 両首脳 / 两人 / 四国外长 /
# the two leaders) or countries (两国 / 両国 / 四国 / both countries). Matched on folded text.
_NUMBER = r"(?<![\d０-９])(?:两|二|三|四|両|2|3|4)"
_PEOPLE_ANAPHORA = re.compile(fold_pattern(
    rf"双方|(?<!第)三方|两位领导人|两国领导人|両首脳|両氏"
    rf"|{_NUMBER}(?:人|位|国外长|国领导人|外相|首脑|首脳|閣僚|阁僚|部长|大臣|名部长|名大臣)"
    r"|\bboth (?:sides|leaders)\b"
    # the two leaders, the four ministers, the two prime ministers, the three foreign ministers
    r"|\bthe (?:two|three|four) (?:(?:prime|foreign|defen[cs]e|trade|finance) )?(?:leaders|ministers|sides)\b"
    r"|\bthe (?:leaders|ministers|sides)\b"), re.I)
# A sentence that opens with "they" (他们, 彼ら) speaks of the people named together before.
_PLURAL_PRONOUN = re.compile(r"\s*(?:they\b|他们|彼ら)", re.I)
# A sentence that opens with a pronoun speaks of the last person named.
_PRONOUN = re.compile(r"\s*(?:(?:he|she)\b|[他她](?!们|們|国|國|方))", re.I)
# An English dateline (BUSAN —) names a place, not an actor.
_DATELINE = re.compile(r"[A-Z][A-Z .'-]+\s+[—–-]")
# Where a clause ends, for the date of a trigger (the comma of 石破首相は23日、 is one too).
_CLAUSE_BREAK = re.compile(r"[，,；;、]")
# An English relative clause: its date is about the clause, not the sentence.
_RELATIVE = re.compile(r"\s*(?:who|which|whose|where|when)\b", re.I)
_COUNTRY_ANAPHORA = re.compile(fold_pattern(
    rf"{_NUMBER}(?:国|か国|カ国)|両政府|\bboth (?:countries|governments)\b"
    r"|\bthe (?:two |three |four )?(?:countries|governments)\b"), re.I)


# Kinds of event that go on rather than happen on a day (a plan, a flow of trade, aid,
# sanctions, a deployment): dated by their own sentence only, never by the day the
# sentence before gives the meeting that announced them.
UNDATED_BY_CONTEXT = frozenset({"commit", "trade", "aid", "restrict", "military"})


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
    date_source: str  # sentence | context | headline | none
    place: str | None


@cache
def _masks() -> dict[str, re.Pattern | None]:
    """Language family → one regex of the phrases that hold a trigger but name no event
    of its type (``not_zh`` / ``not_ja`` / ``not_en`` in events.toml)."""
    data = tomllib.loads(files("dossier.resources").joinpath("events.toml").read_text("utf-8"))
    out: dict[str, re.Pattern | None] = {}
    for family in ("zh", "ja", "en"):
        forms = sorted({f for spec in data.values() for f in spec.get(f"not_{family}", [])},
                       key=len, reverse=True)
        alts = "|".join(re.escape(fold(f)) for f in forms)
        out[family] = re.compile(alts) if forms else None
    return out


@cache
def _triggers() -> dict[str, list[re.Pattern]]:
    """Language family → one regex per event type, its one named group the type. Types
    are searched apart, so triggers of two types may overlap (考えを示した states an
    intention: announce and commit). Forms are folded whole, as the text is: the
    full-width comma of 称， is a half-width one in folded text."""
    data = tomllib.loads(files("dossier.resources").joinpath("events.toml").read_text("utf-8"))
    out: dict[str, list[re.Pattern]] = {}
    for family in ("zh", "ja", "en"):
        out[family] = []
        for kind, spec in data.items():
            forms = sorted(spec.get(family, []), key=len, reverse=True)
            alts = "|".join(re.escape(fold(f)) for f in forms)
            if family == "en":
                out[family].append(re.compile(rf"(?P<{kind}>\b(?:{alts})\b)"))
            elif forms:
                out[family].append(re.compile(rf"(?P<{kind}>{alts})"))
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
    family = _family(doc.language)
    rxs, mask = _triggers()[family], _masks()[family]
    folded = doc.folded
    dates = _sentence_dates(doc)
    out, orphans = [], 0
    titles = [(r.start, r.end) for r in doc.roles]
    programs = [m for m in doc.mentions if m.type == "program"]
    headline = _headline_days(doc, rxs, mask)
    for n, s in enumerate(doc.sentences):
        seen: set[str] = set()
        mentions = [m for m in doc.mentions if s.start <= m.start < s.end]
        same_day = bool(SAME_DAY.search(folded, s.start, s.end))
        masked = [(m.start(), m.end()) for m in mask.finditer(folded, s.start, s.end)] if mask else []
        # A trigger inside an office title (trade secretary, 貿易相) names the office, not an event.
        masked += office_titles(folded, doc.language, s.start, s.end)
        found = sorted((m for rx in rxs for m in rx.finditer(folded, s.start, s.end)
                        if not any(a <= m.start() and m.end() <= b for a, b in masked)),
                       key=lambda m: m.start())
        for m in found:
            kind = m.lastgroup
            if kind in seen or any(p.start <= m.start() and m.end() <= p.end for p in programs):
                continue
            if kind == "trade" and (_inside_restriction(doc.text, m, found, s)
                                    or _TRADE_AS_TOPIC.match(folded, m.end(), s.end)):
                continue
            if _refers_back(folded, m, s.start, s.end, family) \
                    or _negated(folded, m, s.start, s.end, family) or _names_a_time(doc, s, m, family):
                continue
            if kind == "announce" and _UNNAMED_SPEAKER.match(folded, s.start, m.start()):
                continue
            seen.add(kind)
            actors = _speakers(mentions, m, family) if kind == "announce" else mentions
            participants = _participants(actors, titles, doc, s.start)
            # What a speaker says of "both sides" is what the statement is about.
            said_of = kind == "announce" and family != "ja" and any(
                a.end <= m.start() and a.type in PARTICIPANT_TYPES for a in mentions)
            participants += [p for p in _antecedents(folded, s.start, m.start() if said_of else s.end,
                                                     participants, out)
                             if p not in participants]
            if _PRONOUN.match(doc.text, s.start):
                participants += [p for p in _last_person(out) if p not in participants]
            if not participants:
                orphans += 1
                continue
            date, source = _date_for(dates, n, _clause_date(doc, s, m.start(), dates[n]),
                                     statement=kind == "announce", same_day=same_day)
            if source == "context" and kind in UNDATED_BY_CONTEXT and not same_day:
                date, source = None, "none"
            if source == "none" and kind in headline:
                date, source = headline.pop(kind), "headline"
            place = _venue(doc, s, m.start(), mentions)
            out.append(Event(m.start(), m.end(), n, kind, doc.text[m.start():m.end()],
                             participants[0], tuple(participants), date, source, place))
    return out, orphans


def _venue(doc: Document, s, at: int, mentions: list[Mention]) -> str | None:
    """The place in the trigger's clause nearest the trigger: where "he met Xi in
    Beijing", not where he "flew in from Shanghai" (从上海, 上海から) or the dateline
    of the sentence."""
    lo, hi = _clause(doc.text, at, s.start, s.end)
    places = [p for p in mentions if p.type == "place" and lo <= p.start < hi
              and not _ORIGIN_BEFORE.search(doc.text, max(lo, p.start - 6), p.start)
              and not _ORIGIN_AFTER.match(doc.text, p.end)]
    return _key(min(places, key=lambda p: abs(p.start - at))) if places else None


# Words that make a place the start of a journey rather than where something happens.
_ORIGIN_BEFORE = re.compile(r"(?:\bfrom\s+|从|從|自)$", re.I)
_ORIGIN_AFTER = re.compile(r"から|出发|出發")


def _headline_days(doc: Document, rxs: list[re.Pattern], mask: re.Pattern | None) -> dict[str, str]:
    """Event type → the day the headline gives an event of that type (韓國4日大選 over a
    body that says only 李在明在總統選舉中勝選). The day goes to the article's first event
    of that type, and only when nothing in or before its sentence dates it."""
    if not doc.title:
        return {}
    days = [t.value for t in extract_times(doc.title, doc.language, doc.published)
            if t.type == "DATE" and t.value and _DAY.fullmatch(t.value)]
    if len(set(days)) != 1:
        return {}
    folded = fold(doc.title)
    masked = [(m.start(), m.end()) for m in mask.finditer(folded)] if mask else []
    return {m.lastgroup: days[0] for rx in rxs for m in rx.finditer(folded)
            if not any(a <= m.start() and m.end() <= b for a, b in masked)}


_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def _key(m: Mention) -> str:
    return m.entity or m.text


def _participant(m: Mention) -> str:
    return m.entity or "name:" + m.text


def _participants(mentions: list[Mention], titles: list[tuple[int, int]],
                  doc: Document | None = None, sentence_start: int = 0) -> list[str]:
    """The sentence's actors, without countries or bodies that only qualify a person's title
    (日本首相, European Commission President, 国务院总理) and without a dateline."""
    text = doc.text if doc is not None else ""
    folded = doc.folded if doc is not None else ""
    out = []
    for m in mentions:
        if m.type not in PARTICIPANT_TYPES:
            continue
        if m.type == "country" and any(a <= m.start and m.end <= b for a, b in titles):
            continue
        if m.type != "person" and any(m.start < a and _TITLE_GLUE.fullmatch(text[m.end:a])
                                      for a, _ in titles):
            continue
        if m.entity is None and m.start == sentence_start and _DATELINE.match(text, m.start):
            continue
        if m.type == "country" and _describes_a_person(text, m, mentions, titles):
            continue
        if m.type == "country" and _COUNTRY_AS_TOPIC.match(folded, m.end):
            continue
        out.append(_participant(resolved(m, doc) if doc is not None else m))
    return list(dict.fromkeys(out))


# What may stand between a body and the title it qualifies: European Commission President.
_TITLE_GLUE = re.compile(r"\s?|的|の")
# A country named as the scene of a situation (ウクライナ情勢, 俄乌冲突, 香港问题) is what is
# talked about, not an actor.
_COUNTRY_AS_TOPIC = re.compile(fold_pattern(
    r"\w{0,2}?(?:情勢|情势|局势|問題|问题|冲突|衝突|危機|危机|戦争|战争)"))
# "of" after a named person or a title: Prime Minister Ishiba of Japan.
_OF = re.compile(r",?\s+of\s+(?:the\s+)?$")


def _describes_a_person(text: str, country: Mention, mentions: list[Mention],
                        titles: list[tuple[int, int]]) -> bool:
    """Whether the country only says whose a named person or a title is (Prime Minister Ishiba
    of Japan): it is part of the description, not an actor beside the person."""
    of = _OF.search(text, max(0, country.start - 12), country.start)
    if not of:
        return False
    ends = {m.end for m in mentions if m.type == "person"} | {b for _, b in titles}
    return of.start() in ends


def _speakers(mentions: list[Mention], trigger: re.Match, family: str) -> list[Mention]:
    """For a statement, the actors named before its verb: in English and Chinese the
    speaker comes first (Ishiba said Japan would…, 冯德莱恩指出，欧盟与中国…), and what
    the statement is about is no participant of it. Japanese ends on the verb, and a
    sentence with no one before the verb keeps all its actors."""
    if family == "ja":
        return mentions
    before = [m for m in mentions if m.end <= trigger.start()]
    return before if any(m.type in PARTICIPANT_TYPES for m in before) else mentions


def _last_person(earlier: list[Event]) -> list[str]:
    """The first person of the nearest earlier event that has one (for "he" / "she")."""
    for e in reversed(earlier):
        people = [p for p in e.participants if p.startswith("person:")]
        if people:
            return people[:1]
    return []


# A trade word followed, in its clause, by the rules or the manner of it (第三国への輸出の
# 在り方, 向第三国出口战机的规则, "export rules") names a topic under debate, not trade.
_TRADE_AS_TOPIC = re.compile(fold_pattern(
    r"[^，,、。；;]{0,8}?(?:の在り方|のあり方|のルール|的规则|的规定|的方式|\s+(?:rules|regime|policy)\b)"))
# A demonstrative before an event noun (这次会谈, 今回の会談, 这一决定, 同計画) points back to an
# event the article has already reported: the sentence says something about it.
_DEMONSTRATIVE_CJK = re.compile(fold_pattern(r"(?:这次|此次|本次|这一|该|(?<!共)同|今回の|この)$"))
# Negation or absence right before a Chinese or English trigger (不会辞职, 未经美方同意, 缺席峰会,
# "did not attend", "skipped the summit"), and after a Japanese one (会議を欠席).
_NEGATION_ZH = re.compile(fold_pattern(
    r"(?:(?:不|未|没有|并未)(?:会|再|曾|愿|能)?|未经[^，,。]{1,4}|缺席)$"))
_NEGATION_EN = re.compile(
    r"(?:(?:\bnot|\bnever|n't)\s+(?:\w+ly\s+)?|\b(?:skipped|boycotted|missed)\s+the\s+)$", re.I)
_ABSENT_AFTER_JA = re.compile(fold_pattern(r"を欠席"))


# A statement by no one the article names (analysts said, 分析人士指出, "the statement said")
# is comment or a reading of a text, not an actor's statement.
_UNNAMED_SPEAKER = re.compile(fold_pattern(
    r"\s*(?:(?:analysts?|officials|participants|experts|observers|critics|sources|the statement"
    r"|the declaration)\b|有分析|分析人士|分析认为|外界|专家|观察人士|有评论|评论认为|知情人士)"
    r"[^,，:：]{0,12}$"), re.I)
# An event named as the time of something else (就任後, 会见开始时, 峰会首日, 訪問期間,
# "hours before the summit") is not reported by the sentence.
_AS_TIME_CJK = re.compile(fold_pattern(r"(?:开始时|開始時|首日|期间|期間|之后|之後|后|後)"))
_AS_TIME_EN = re.compile(r"\b(?:before|after|during|ahead of)\s+(?:the|this|that|its|their)\s+$", re.I)


def _names_a_time(doc: Document, s, trigger: re.Match, family: str) -> bool:
    """Whether the trigger names the time of another event, and its clause gives it no date
    of its own (重返白宫後 with 今年1月 still reports the return)."""
    folded = doc.folded
    if family == "en":
        as_time = bool(_AS_TIME_EN.search(folded, max(s.start, trigger.start() - 20), trigger.start()))
    else:
        as_time = bool(_AS_TIME_CJK.match(folded, trigger.end(), s.end))
    if not as_time:
        return False
    lo, hi = _clause(doc.text, trigger.start(), s.start, s.end)
    return not any(lo <= t.start < hi and t.type == "DATE" for t in doc.times)


# An event that is what someone reacts to (對李在明當選表示祝賀, 決定を歓迎, "welcomed the
# decision") was reported before; the sentence reports the reaction.
_REACTION_AFTER = re.compile(fold_pattern(
    r"(?:表示(?:欢迎|祝贺|遗憾|失望)|を歓迎|を祝福|に祝意|への祝意)"))
_REACTION_BEFORE_EN = re.compile(
    r"\b(?:welcomed|welcomes|congratulated\s+\w+(?:\s+\w+)?\s+on)\s+(?:the|his|her|their|its)\s+$", re.I)


def _refers_back(folded: str, trigger: re.Match, start: int, end: int, family: str) -> bool:
    """Whether the trigger names an event the article has already reported, which the
    sentence only points to or reacts to."""
    if family == "en":
        return bool(_REACTION_BEFORE_EN.search(folded, max(start, trigger.start() - 40), trigger.start()))
    return bool(_DEMONSTRATIVE_CJK.search(folded, start, trigger.start())
                or _REACTION_AFTER.match(folded, trigger.end(), end))


def _negated(folded: str, trigger: re.Match, start: int, end: int, family: str) -> bool:
    """Whether the trigger is denied (石破茂表示不会辞职) or stayed away from (缺席峰会,
    会議を欠席した, "skipped the summit"). Japanese negates after the verb (会談は行われなかった),
    where the words still report a meeting that fell through."""
    if family == "ja":
        return bool(_ABSENT_AFTER_JA.match(folded, trigger.end(), end))
    rx = _NEGATION_EN if family == "en" else _NEGATION_ZH
    return bool(rx.search(folded, max(start, trigger.start() - 20), trigger.start()))


def _inside_restriction(text: str, trade: re.Match, found: list[re.Match], s) -> bool:
    """A trade word in the clause of a restriction (tariff on imports, 稀土出口的限制), or
    naming goods a restriction in the sentence falls on, is what the restriction applies
    to, not a trade event of its own."""
    lo, hi = _clause(text, trade.start(), s.start, s.end)
    if _GOODS.match(text, trade.end()):
        lo, hi = s.start, s.end  # 輸入品に、…関税を課す: the goods the tariff falls on
    return any(m.lastgroup == "restrict" and lo <= m.start() < hi for m in found)


# A trade word that names goods (輸入品, 进口商品) rather than a flow of them.
_GOODS = re.compile(r"品|商品|產品|产品")


def _clause(text: str, at: int, lo: int, hi: int) -> tuple[int, int]:
    """The bounds of the clause around ``at`` inside the sentence [lo, hi)."""
    before = [m.end() for m in _CLAUSE_BREAK.finditer(text, lo, at)]
    after = _CLAUSE_BREAK.search(text, at, hi)
    return (before[-1] if before else lo), (after.start() if after else hi)


def _antecedents(folded: str, start: int, end: int, own: list[str], earlier: list[Event]) -> list[str]:
    """The actors a referring word (両首脳, 两国, the two leaders) stands for: those of the
    nearest earlier event that has at least two of that kind, else of the previous event."""
    wanted = []
    if _PEOPLE_ANAPHORA.search(folded, start, end) or _PLURAL_PRONOUN.match(folded, start):
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
    """The calendar date each sentence states (its first DATE with a year outside an
    English relative clause: 2026-01-31, 2026-01, or 2026 for 年内に; a sentence that
    states only a year keeps it rather than borrowing a more precise date from another
    sentence). A date only a bound or background states is none."""
    out: list[str | None] = [None] * len(doc.sentences)
    for n, s in enumerate(doc.sentences):
        dated = _dates_in(doc, s)
        main = [t for t in dated if not _in_relative_clause(doc.text, t[0], s)]
        if dated:
            out[n] = (main or dated)[0][1]
    return out


def _dates_in(doc: Document, s, at: int | None = None) -> list[tuple[int, str]]:
    """(offset, value) of each date in sentence ``s`` that can date an event at ``at`` (the
    sentence as a whole when None): a short range (11月22日至23日) by its first day; a bound
    (2019年12月以来, "before 2035") and a date of background (重返白宮後, "since Trump
    returned in January") never."""
    out = []
    for t in doc.times:
        if not (s.start <= t.start < s.end and t.type == "DATE" and t.value) or t.mod in _BOUNDS:
            continue
        value = _first_day(t.value)
        if value and not _background(doc.text, t, s, at):
            out.append((t.start, value))
    return sorted(out)


def _first_day(value: str) -> str | None:
    if _CALENDAR.fullmatch(value):
        return value
    first, _, last = value.partition("/")
    if _DAY.fullmatch(first) and _DAY.fullmatch(last) and \
            0 <= (_day(last) - _day(first)).days <= MAX_RANGE_DAYS:
        return first
    return None


def _day(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


def _background(text: str, t, s, at: int | None) -> bool:
    """Whether the date ``t`` bounds a time other than the event's: 2024年7月の就任以来 dates
    the taking of office (a trigger inside the phrase) but not the visit the sentence reports."""
    lo, hi = _clause(text, t.start, s.start, s.end)
    since = _SINCE_EN.search(text, lo, t.start)
    if since:
        span = (since.start(), hi)
    else:
        after = _SINCE_CJK.search(text[t.end:hi])
        if not after:
            return False
        span = (t.start, t.end + after.start())
    return at is None or not span[0] <= at < span[1]


def _in_relative_clause(text: str, at: int, s) -> bool:
    lo, _ = _clause(text, at, s.start, s.end)
    return lo > s.start and bool(_RELATIVE.match(text, lo))


def _clause_date(doc: Document, s, at: int, default: str | None) -> str | None:
    """The date in the trigger's own clause, nearest the trigger, else the sentence's:
    in "Lee, who arrived on Saturday, held talks on Sunday" the talks are on Sunday."""
    lo, hi = _clause(doc.text, at, s.start, s.end)
    own = [t for t in _dates_in(doc, s, at) if lo <= t[0] < hi]
    if not own:
        return default
    return min(own, key=lambda t: abs(t[0] - at))[1]


def _date_for(dates: list[str | None], n: int, own: str | None = None,
              statement: bool = False, same_day: bool = False) -> tuple[str | None, str]:
    """A year alone (年内, "later this year") fixes no date: the event's date stays open,
    and is not borrowed from a sentence about something else; but a statement's year is
    what it speaks of (she said trade reached €730 billion in 2024), and the statement
    itself takes the date around it. A sentence dated before the article's first date is
    background (he flew in on Sunday; the attack in April): what follows it goes on with
    the story's date, not with its own, unless it says so (同日, "the same day": the last
    day named, whatever it is)."""
    own = own or dates[n]
    if own and not (statement and _YEAR.fullmatch(own)):
        return (None if _YEAR.fullmatch(own) else own), "sentence"
    lead = next((d for d in dates if d and not _YEAR.fullmatch(d)), None)
    for earlier in range(n - 1, -1, -1):
        d = dates[earlier]
        if same_day:
            if d and _DAY.fullmatch(d):
                return d, "context"
        elif d and not _YEAR.fullmatch(d) and not _before(d, lead):
            return d, "context"
    return None, "none"


def _before(value: str, lead: str | None) -> bool:
    """Whether ``value`` lies wholly before ``lead`` (2025-04 before 2025-07-01)."""
    k = min(len(value), len(lead or ""))
    return lead is not None and value[:k] < lead[:k]
