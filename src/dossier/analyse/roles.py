"""Roles: who the text says holds which office of which country, e.g. 日本首相高市早苗.

A role phrase is an office title right next to a person mention, with the country
named before the title or after it ("of Japan"), or as the adjective the text uses:

    日本首相高市早苗 · 英国外交大臣拉米 · 斯塔默首相 · 中谷元以日本防卫大臣身份  (zh)
    英国のスターマー首相 · スターマー英首相 · 防衛相小泉進次郎 · 首相の石破茂氏  (ja)
    Japanese Prime Minister Sanae Takaichi · Keir Starmer, the UK prime minister ·
    Japan's prime minister, Shigeru Ishiba                                     (en)

An office of an organisation (the European Council's president) belongs to that body,
whatever country the text or the gazetteer gives its holder: its ``country`` is the
body's id (``org:eu``), as in the gazetteer's ``offices``.

Each role keeps the date it is said to hold: the date of the sentence when the
sentence has one, else that of the nearest earlier sentence that gives a day (at most
two sentences back), else the document's publication date. These records are the
claims that conflict checks compare ("which prime minister of Japan met Starmer?").
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from dossier.analyse import stage
from dossier.analyse.fold import fold, fold_pattern
from dossier.analyse.gazetteer import Gazetteer
from dossier.model import Document, Mention
from dossier.settings import Settings

# How far (in characters) a role phrase may reach from the person's name.
REACH = {"zh": 16, "ja": 16, "en": 48}
_DEMONYMS = {
    "japanese": "JP", "british": "GB", "chinese": "CN", "american": "US", "french": "FR",
    "german": "DE", "italian": "IT", "canadian": "CA", "australian": "AU", "indian": "IN",
    "south korean": "KR", "korean": "KR", "russian": "RU", "ukrainian": "UA",
}
_DEMONYM_RX = re.compile(r"\b(" + "|".join(sorted(_DEMONYMS, key=len, reverse=True)) + r")\b", re.I)


@dataclass(frozen=True)
class Role:
    """``text[start:end]`` is the whole role phrase; ``person_*`` the name inside it."""

    start: int
    end: int
    person_start: int
    person_end: int
    person: str  # the name as written
    entity: str | None  # the person's entity id, when known
    office: str
    country: str | None  # ISO code, or the organisation's id for an office of one (org:eu)
    date: str | None  # when the text says the person holds the office
    date_source: str  # sentence | context (an earlier sentence) | published | none


@cache
def _titles() -> dict[str, list[tuple[str, str]]]:
    """Language family → [(folded title, office id)], longest titles first."""
    data = tomllib.loads(files("dossier.resources").joinpath("offices.toml").read_text("utf-8"))
    out: dict[str, list[tuple[str, str]]] = {"zh": [], "ja": [], "en": []}
    for office, forms in data.items():
        for family in out:
            out[family] += [(fold_pattern(f) if family != "en" else f.lower(), office)
                            for f in forms.get(family, [])]
    for family in out:
        out[family].sort(key=lambda t: -len(t[0]))
    return out


@cache
def _title_rx(family: str) -> re.Pattern:
    alternatives = "|".join(re.escape(t) for t, _ in _titles()[family])
    if family == "en":
        return re.compile(rf"\b(?:{alternatives})\b")
    return re.compile(alternatives)


def office_titles(folded: str, language: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of office titles in ``folded[start:end]`` (trade secretary, 貿易相), whether
    or not a person is named beside them, or several hold them (trade ministers)."""
    return [m.span() for m in _plural_title_rx(_family(language)).finditer(folded, start, end)]


@cache
def _plural_title_rx(family: str) -> re.Pattern:
    if family != "en":
        return _title_rx(family)
    alternatives = "|".join(re.escape(t) for t, _ in _titles()[family])
    return re.compile(rf"\b(?:{alternatives})s?\b")


@cache
def _office_bodies() -> dict[str, str]:
    """Office id → the organisation whose office it is, for offices of one body."""
    data = tomllib.loads(files("dossier.resources").joinpath("offices.toml").read_text("utf-8"))
    return {office: spec["org"] for office, spec in data.items() if "org" in spec}


def _office_of(family: str, title: str) -> str:
    for t, office in _titles()[family]:
        if t == title:
            return office
    raise KeyError(title)


def _family(language: str) -> str:
    return "en" if language in ("en", "und") else "ja" if language == "ja" else "zh"


@stage("roles")
def roles(doc: Document, settings: Settings) -> Document:
    doc.roles = find_roles(doc, Gazetteer.load(settings.gazetteers))
    return doc


def find_roles(doc: Document, gazetteer: Gazetteer) -> list[Role]:
    family = _family(doc.language)
    folded = doc.folded
    countries = [m for m in doc.mentions if m.type == "country" and m.entity]
    out = []
    for person in (resolved(m, doc) for m in doc.mentions if m.type == "person"):
        found = _role_near(doc.text, folded, person, countries, family)
        if not found:
            continue
        start, end, office, country = found
        date, source = _date_of(doc, person.start)
        out.append(Role(start, end, person.start, person.end, person.text, person.entity,
                        office, _office_country(office, country, person.entity, gazetteer),
                        date, source))
    return out + _headline_roles(doc, gazetteer, family, out)


def _office_country(office: str, country: str | None, person: str | None,
                    gazetteer: Gazetteer) -> str | None:
    """The country (or body) of an office: the body's for an office of one (the EU's
    president), else the one named beside it, else the person's in the gazetteer."""
    if office in _office_bodies():
        return _office_bodies()[office]
    if country is None and person in gazetteer:
        return gazetteer.entity(person).country
    return country


def _headline_roles(doc: Document, gazetteer: Gazetteer, family: str,
                    found: list[Role]) -> list[Role]:
    """Offices that only the headline gives: in 日本防衛大臣中谷元訪澳 over a body that says
    just 中谷元, the headline is what tells the reader who he is. The office goes to the
    person's first mention in the body, dated as a role there would be, unless the body
    gives that person an office of its own."""
    if not doc.title:
        return []
    title, folded = doc.title, fold(doc.title)
    mentions = [Mention(m.start, m.end, m.text, m.type, m.entity_id)
                for m in gazetteer.find(title, doc.language)]
    countries = [m for m in mentions if m.type == "country"]
    has_office = {r.entity for r in found if r.entity}
    out = []
    for person in (m for m in mentions if m.type == "person"):
        role = _role_near(title, folded, person, countries, family)
        if role is None or person.entity in has_office:
            continue
        body = min((m for m in doc.mentions if m.type == "person"
                    and resolved(m, doc).entity == person.entity),
                   key=lambda m: m.start, default=None)
        if body is None:
            continue
        _, _, office, country = role
        date, source = _date_of(doc, body.start)
        out.append(Role(body.start, body.end, body.start, body.end, body.text, person.entity,
                        office, _office_country(office, country, person.entity, gazetteer),
                        date, source))
        has_office.add(person.entity)
    return out


# The dots between the parts of a transliterated name: 理查德·马尔斯, リチャード・マールズ.
_DOTS = re.compile("[·・･‧•]")


def resolved(m: Mention, doc: Document) -> Mention:
    """A bare surname (李大統領, 石破, 马尔斯) stands for the person the article named in
    full before it, when exactly one such person begins (CJK, and Latin: Wang of Wang Yi)
    or ends (Latin, and a transliterated name written with dots: 理查德·马尔斯) with it."""
    if m.entity is not None or m.type != "person":
        return m
    latin = m.text.isascii()
    earlier = {p.entity for p in doc.mentions
               if p.type == "person" and p.entity and p.end <= m.start and p.text != m.text
               and (p.text.endswith(" " + m.text) or p.text.startswith(m.text + " ") if latin else
                    p.text.startswith(m.text) or _DOTS.sub("·", p.text).endswith("·" + m.text))}
    if len(earlier) == 1:
        return Mention(m.start, m.end, m.text, m.type, earlier.pop(), m.source)
    return m


def _role_near(text: str, folded: str, person: Mention, countries: list[Mention],
               family: str) -> tuple[int, int, str, str | None] | None:
    rx = _title_rx(family)
    # Title before the name: 日本首相高市早苗, Prime Minister Keir Starmer, 防衛相小泉進次郎
    titles = [m for m in rx.finditer(folded, max(0, person.start - REACH[family]), person.start)
              if _glue(text, m.end(), person.start, countries, family, BEFORE_NAME)
              and not _former(folded, m.start())]
    if titles:
        title = titles[-1]
        country = _country_at(text, title.start(), countries, family, _BEFORE_TITLE) \
            or _country_between(text, title.end(), person.start, countries, family) \
            or _country_of(text, title.end(), countries, family)
        start = min(title.start(), country[1]) if country else title.start()
        return start, person.end, _office_of(family, title.group()), _code(country)
    # Title after the name: 斯塔默首相, スターマー英首相, Keir Starmer, the UK prime minister
    after = rx.search(folded, person.end, min(len(text), person.end + REACH[family]))
    if after and _glue(text, person.end, after.start(), countries, family, AFTER_NAME) \
            and not _former(folded, after.start(), person.end):
        country = _country_between(text, person.end, after.start(), countries, family) \
            or _country_of(text, after.end(), countries, family) \
            or _country_at(text, person.start, countries, family, _BEFORE_NAME)
        start = min(person.start, country[1]) if country else person.start
        return start, after.end(), _office_of(family, after.group()), _code(country)
    return None


# A title held before (前首相, 元首相, former prime minister, ex-PM) names no current office.
_FORMER = re.compile(r"(?:前|元|原|\bformer\s+|\bex-\s*)$", re.I)


def _former(folded: str, at: int, name_end: int = 0) -> bool:
    """Is the title at ``at`` marked as held before? A marker that ends the name itself
    is part of the name: 中谷元防衛相 is Gen Nakatani, defence minister."""
    return bool(_FORMER.search(folded[max(0, name_end, at - 8):at]))


BEFORE_NAME, AFTER_NAME = "before", "after"
# What may stand between a title and the name once countries are taken out.
_GLUE = {
    # Japan's prime minister, Shigeru Ishiba
    ("en", BEFORE_NAME): re.compile(r"\s*,?\s*"),
    ("en", AFTER_NAME): re.compile(r"\s*,\s*(?:the\s+)?(?:'s\s*)?", re.I),
    # 担任防卫大臣的中谷元
    ("zh", BEFORE_NAME): re.compile(r"[\s·・]?|的"),
    # 中谷元以日本防卫大臣身份: "in the capacity of"
    ("zh", AFTER_NAME): re.compile(r"以?"),
    # 首相の石破茂氏, 防衛相の木原稔氏
    ("ja", BEFORE_NAME): re.compile(r"[\s·・]?|の"),
    ("ja", AFTER_NAME): re.compile(r""),
}
# What may join a country to what follows it: 日本首相, 英国のスターマー首相, Japan's.
_BEFORE_TITLE = re.compile(r"\s*(?:'s)?\s*|的", re.I)
_BEFORE_NAME = re.compile(r"の|\s*(?:'s)?\s*", re.I)


def _without_countries(text: str, start: int, end: int, countries: list[Mention], family: str) -> str:
    gap = "".join(" " if any(c.start <= i < c.end for c in countries) else ch
                  for i, ch in enumerate(text[start:end], start))
    if family == "en":
        gap = _DEMONYM_RX.sub(" ", gap)
    return gap if family == "en" else gap.replace(" ", "")


def _glue(text: str, start: int, end: int, countries: list[Mention], family: str, side: str) -> bool:
    return bool(_GLUE[family, side].fullmatch(_without_countries(text, start, end, countries, family)))


def _code(country: tuple[str, int] | None) -> str | None:
    return country[0] if country else None


def _country_at(text: str, at: int, countries: list[Mention], family: str, glue: re.Pattern):
    """A country (or, in English, a demonym) ending right before ``at``."""
    for c in reversed(countries):
        if c.end <= at and glue.fullmatch(text[c.end:at]):
            return c.entity.split(":", 1)[1], c.start
    if family == "en":
        m = re.search(_DEMONYM_RX.pattern + r"\s*$", text[max(0, at - 16):at], re.I)
        if m:
            return _DEMONYMS[m.group(1).lower()], at - len(m.group())
    return None


def _country_between(text: str, start: int, end: int, countries: list[Mention], family: str):
    for c in countries:
        if start <= c.start and c.end <= end:
            return c.entity.split(":", 1)[1], c.start
    if family == "en" and (m := _DEMONYM_RX.search(text, start, end)):
        return _DEMONYMS[m.group(1).lower()], m.start()
    return None


def _country_of(text: str, at: int, countries: list[Mention], family: str):
    """English 'Prime Minister of Japan'."""
    if family != "en":
        return None
    for c in countries:
        if c.start >= at and re.fullmatch(r"\s+of\s+(?:the\s+)?", text[at:c.start], re.I):
            return c.entity.split(":", 1)[1], c.start
    return None


def _date_of(doc: Document, at: int) -> tuple[str | None, str]:
    """The day of the sentence, else of a sentence just before it ("…met in Washington on
    Tuesday. Rubio hosted Japanese Foreign Minister Takeshi Iwaya…"), else the
    publication date."""
    n = next((i for i, s in enumerate(doc.sentences) if s.start <= at < s.end), None)
    if n is not None:
        day = _day_in(doc, doc.sentences[n])
        if day:
            return day, "sentence"
        # A sentence with a time of its own (次日, 9月) is not about an earlier sentence's day;
        # one that says "that day" (同日, 当天) is about the last day named, however far back.
        s = doc.sentences[n]
        reach = n if SAME_DAY.search(doc.folded, s.start, s.end) else CONTEXT_SENTENCES
        if not any(_in(t, doc.sentences[n]) for t in doc.times if t.type == "DATE"):
            for i in range(n - 1, max(-1, n - reach - 1), -1):
                day = _day_in(doc, doc.sentences[i])
                if day:
                    return day, "context"
    if doc.published:
        return doc.published, "published"
    return None, "none"


# How many sentences back a role may take its day from.
CONTEXT_SENTENCES = 2
# Words that point back to the day last named, on folded text.
SAME_DAY = re.compile(fold_pattern(r"同日|当天|当日|同じ日|\b(?:that|the same) day\b"), re.I)


def _in(t, sentence) -> bool:
    return sentence.start <= t.start < sentence.end


def _day_in(doc: Document, sentence) -> str | None:
    for t in doc.times:
        if _in(t, sentence) and t.type == "DATE" and t.value \
                and re.fullmatch(r"\d{4}-\d\d-\d\d", t.value):
            return t.value
    return None
