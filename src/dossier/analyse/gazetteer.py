"""The gazetteer: the actors dossier knows by name, and where they are mentioned.

The data lives in human-editable TOML files under ``dossier/resources/gazetteer/``
(their schema is ``SCHEMA.md`` there); countries come from CLDR through babel and the
press forms CLDR lacks (英国 in Japanese, UK, the one-character 英 of 日英) are added
on top. Users add their own files with ``--gazetteer PATH``; an entry whose id already
exists extends it.

Matching runs on the folded text (:func:`dossier.analyse.fold.fold`), which has the
same length as the original, so one alias form covers 會談 / 会談 / 会谈 and
ＧＣＨＱ / GCHQ, and every offset found is an offset into the original text.

Two passes:

1. *Full aliases* (英国, キア・スターマー, GCHQ) through one compiled regular
   expression built as a trie, so the engine branches once per character instead of
   trying every alias in turn. Latin aliases match only at word boundaries, katakana
   aliases only where the katakana word ends (トランプ, not トランプゲーム). The longest
   candidate wins and mentions never overlap.
2. *Compound forms* — the one-character country forms (日英, 中美, 英首相) — only in
   the gaps the first pass left, under the rules in :meth:`Gazetteer._compounds`: a run
   of such characters, or one followed by a word such as 首相 / 政府 / 軍.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from dossier.analyse.fold import fold
from dossier.errors import DossierError

TYPES = ("person", "country", "organization", "place", "program")
# The id prefix each type uses: "person:keir-starmer", "org:gchq", "country:GB".
ID_PREFIX = {"person": "person", "country": "country", "organization": "org",
             "place": "place", "program": "program"}
LANGUAGES = ("en", "zh-Hans", "zh-Hant", "ja")

# Offices a person can hold (SCHEMA.md explains each). A closed list so that a typo
# ("prime-minster") is an error rather than an office nobody ever queries.
OFFICES = frozenset({
    "monarch", "emperor", "president", "vice-president", "prime-minister", "chancellor",
    "vice-premier", "chief-cabinet-secretary", "foreign-minister", "defence-minister",
    "trade-minister", "economy-minister", "finance-minister", "general-secretary",
    "secretary-general", "director-general", "managing-director",
    "commission-president", "council-president", "high-representative",
    "trade-commissioner",
})

ENTRY_KEYS = frozenset({"id", "type", "names", "aliases", "country", "offices", "note"})
OFFICE_KEYS = frozenset({"office", "country", "org", "from", "to", "note"})
FILE_KEYS = frozenset({"entity", "compounds", "ignore"})
COMPOUND_KEYS = frozenset({"ja", "zh", "suffixes", "not_suffixes", "compound_nouns",
                           "not_visits", "needs_noun", "visit_prefixes",
                           "toward_prefixes", "joiners", "open_left", "binds_left",
                           "binds_right", "during", "languages_after"})
# CLDR territories that are not countries: the EU and the UN are organisations here,
# the rest are statistical groupings or placeholders.
NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})

_ID = re.compile(r"^[a-z]+:[A-Za-z0-9][A-Za-z0-9._-]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")

# Separators that differ only by typography in names (基尔·斯塔默, キア・スターマー,
# 基爾‧斯塔默): folded to one so that one alias covers them. One character for one,
# so offsets still hold.
_DOT_RE = re.compile("[・･•‧∙⋅]")
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}  # full-width ASCII → ASCII
# How many distinct first characters share one trie regex (see Gazetteer._matcher).
_FIRSTS_PER_REGEX = 50
_LATIN = "0-9a-z\u00c0-\u024f"
_KATAKANA = "\u30a1-\u30fa\u30fc"
_IS_LATIN = re.compile(f"[{_LATIN}]")
_IS_KATAKANA = re.compile(f"[{_KATAKANA}]")
_IS_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_NUMERAL = re.compile("[〇一二三四五六七八九十百千万萬两兩数數几幾]")
# Characters that in Chinese appear almost only inside transliterated foreign names.
# A transliterated surname (库珀, 拉米) next to one of them is part of another name
# (库珀蒂诺, 拉米雷斯, 托马斯), not the politician.
_TRANSLIT = frozenset("斯尔姆恩森顿伯格娜丽托卡诺罗塔布莱赫维兹芬默伦蒂奥迪琳埃莉雷玛拉基科夫奇克里特德")
_EAST_ASIAN = frozenset({"CN", "JP", "KR", "KP", "TW", "HK", "MO", "SG"})

GAZETTEER_DIR = Path(__file__).resolve().parent.parent / "resources" / "gazetteer"


class GazetteerError(DossierError):
    """A gazetteer file is malformed. The message names the file, the entry and the fix."""


@dataclass(frozen=True)
class Office:
    """An office held from ``start`` (inclusive) to ``end`` (exclusive: the day it passed
    to the successor), ``end`` None while it is held. ``body`` is an ISO country code
    ("JP") or an organisation id ("org:nato")."""

    office: str
    body: str
    start: dt.date
    end: dt.date | None

    def held_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Entity:
    id: str
    type: str
    # Language → names, the canonical label first.
    names: dict[str, tuple[str, ...]]
    aliases: tuple[str, ...] = ()
    country: str | None = None
    offices: tuple[Office, ...] = ()

    def label(self, language: str = "en") -> str:
        """The canonical name in ``language``, else in English, else any name."""
        for lang in (language, "en", *LANGUAGES):
            if self.names.get(lang):
                return self.names[lang][0]
        return self.aliases[0] if self.aliases else self.id

    def all_names(self) -> tuple[str, ...]:
        out = [n for lang in LANGUAGES for n in self.names.get(lang, ())]
        return tuple(dict.fromkeys(out + list(self.aliases)))


@dataclass(frozen=True)
class Mention:
    """``text == document_text[start:end]``; offsets are Python string indices."""

    start: int
    end: int
    text: str
    entity_id: str
    type: str


@dataclass
class _Compounds:
    """The one-character country forms and the context rules around them (all folded)."""

    forms: dict[str, dict[str, str]] = field(default_factory=lambda: {"ja": {}, "zh": {}})
    suffixes: set[str] = field(default_factory=set)
    compound_nouns: set[str] = field(default_factory=set)
    not_visits: set[str] = field(default_factory=set)
    needs_noun: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    not_suffixes: set[str] = field(default_factory=set)
    visit_prefixes: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    toward_prefixes: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    joiners: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    open_left: set[str] = field(default_factory=set)
    binds_left: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    binds_right: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    during: set[str] = field(default_factory=set)
    languages_after: set[str] = field(default_factory=set)


# ---------------------------------------------------------------------------- loading


def _where(path: Path | str, entry: Any, index: int) -> str:
    ident = entry.get("id") if isinstance(entry, dict) else None
    return f"{path}: entry {ident!r}" if ident else f"{path}: entry #{index + 1}"


def _names_list(value: Any, where: str, what: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise GazetteerError(f"{where}: {what} must be a non-empty string or a list of them")
    return tuple(v.strip() for v in value)


def _date(value: Any, where: str, key: str) -> dt.date | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if value == "" and key == "to":
        return None
    if isinstance(value, str) and _DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise GazetteerError(f"{where}: office '{key}' is {value!r}, not a date; write it as "
                         "YYYY-MM-DD (an exact date; leave the office out if unsure)")


def _office(raw: Any, where: str, countries: frozenset[str]) -> Office:
    if not isinstance(raw, dict):
        raise GazetteerError(f"{where}: each office must be a table {{office = …, from = …}}")
    unknown = set(raw) - OFFICE_KEYS
    if unknown:
        raise GazetteerError(f"{where}: unknown office field(s) {sorted(unknown)}; "
                             f"allowed: {sorted(OFFICE_KEYS)}")
    name = raw.get("office")
    if name not in OFFICES:
        raise GazetteerError(f"{where}: unknown office {name!r}; use one of {sorted(OFFICES)}")
    if ("country" in raw) == ("org" in raw):
        raise GazetteerError(f"{where}: office {name!r} needs exactly one of 'country' "
                             "(an ISO code such as \"JP\") or 'org' (an id such as \"org:nato\")")
    body = raw.get("country") or raw.get("org")
    if "country" in raw and (not isinstance(body, str) or body not in countries):
        raise GazetteerError(f"{where}: office {name!r} has unknown country {body!r}; "
                             "use an ISO 3166 code such as \"GB\"")
    if "org" in raw and (not isinstance(body, str) or not body.startswith("org:")):
        raise GazetteerError(f"{where}: office {name!r} has org {body!r}; use an id such "
                             "as \"org:nato\"")
    if "from" not in raw:
        raise GazetteerError(f"{where}: office {name!r} has no 'from' date")
    start = _date(raw["from"], where, "from")
    end = _date(raw.get("to", ""), where, "to")
    assert start is not None
    if end is not None and end <= start:
        raise GazetteerError(f"{where}: office {name!r} ends ({end}) before it starts ({start})")
    return Office(name, body, start, end)


def _entity(raw: Any, where: str, known: Entity | None,
            countries: frozenset[str]) -> Entity:
    """Validate one raw entry; if ``known`` is given the entry extends it."""
    if not isinstance(raw, dict):
        raise GazetteerError(f"{where}: an entry must be a table ([[entity]])")
    unknown = set(raw) - ENTRY_KEYS
    if unknown:
        raise GazetteerError(f"{where}: unknown field(s) {sorted(unknown)}; "
                             f"allowed: {sorted(ENTRY_KEYS)}")
    ident = raw.get("id")
    if not isinstance(ident, str) or not _ID.match(ident):
        raise GazetteerError(f"{where}: 'id' must look like \"person:keir-starmer\" "
                             f"or \"country:GB\", not {ident!r}")
    kind = raw.get("type", known.type if known else None)
    if kind not in TYPES:
        raise GazetteerError(f"{where}: unknown type {kind!r}; use one of {list(TYPES)}")
    if known and kind != known.type:
        raise GazetteerError(f"{where}: type {kind!r} differs from the existing entry's "
                             f"{known.type!r}; an entry that extends another keeps its type")
    if ident.split(":", 1)[0] != ID_PREFIX[kind]:
        raise GazetteerError(f"{where}: a {kind} id starts with '{ID_PREFIX[kind]}:'")

    names: dict[str, list[str]] = {k: list(v) for k, v in (known.names if known else {}).items()}
    raw_names = raw.get("names", {})
    if not isinstance(raw_names, dict):
        raise GazetteerError(f"{where}: 'names' must be a table of languages "
                             f"({', '.join(LANGUAGES)})")
    for lang, value in raw_names.items():
        if lang not in LANGUAGES:
            raise GazetteerError(f"{where}: unknown language {lang!r} in names; "
                                 f"use {', '.join(LANGUAGES)} (put other forms in 'aliases')")
        names.setdefault(lang, [])
        names[lang] += [n for n in _names_list(value, where, f"names.{lang}")
                        if n not in names[lang]]
    aliases = list(known.aliases if known else ())
    if "aliases" in raw:
        aliases += [a for a in _names_list(raw["aliases"], where, "aliases") if a not in aliases]
    country = raw.get("country", known.country if known else None)
    if country is not None and (not isinstance(country, str) or country not in countries):
        raise GazetteerError(f"{where}: unknown country {country!r}; use an ISO 3166 code "
                             "such as \"GB\"")
    offices = list(known.offices if known else ())
    raw_offices = raw.get("offices", [])
    if not isinstance(raw_offices, list):
        raise GazetteerError(f"{where}: 'offices' must be a list of tables")
    offices += [_office(o, where, countries) for o in raw_offices]
    if offices and kind != "person":
        raise GazetteerError(f"{where}: only a person holds offices")
    if not any(names.values()) and not aliases:
        raise GazetteerError(f"{where}: an entry needs at least one name or alias")
    return Entity(ident, kind, {k: tuple(v) for k, v in names.items() if v},
                  tuple(aliases), country, tuple(offices))


def _compounds_into(target: _Compounds, raw: Any, path: Path | str) -> None:
    where = f"{path}: [compounds]"
    if not isinstance(raw, dict):
        raise GazetteerError(f"{where} must be a table")
    unknown = set(raw) - COMPOUND_KEYS
    if unknown:
        raise GazetteerError(f"{where}: unknown field(s) {sorted(unknown)}; "
                             f"allowed: {sorted(COMPOUND_KEYS)}")
    for lang in ("ja", "zh"):
        for char, code in raw.get(lang, {}).items():
            if len(char) != 1 or not isinstance(code, str) or not _COUNTRY.match(code):
                raise GazetteerError(f"{where}.{lang}: {char!r} = {code!r} must map one "
                                     "character to an ISO code")
            target.forms[lang][fold(char)] = code
    if "open_left" in raw:
        target.open_left.update(fold(_names_list(raw["open_left"], where, "open_left")[0]))
    for key in ("suffixes", "not_suffixes", "compound_nouns", "not_visits", "during",
                "languages_after"):
        if key in raw:
            target_set = getattr(target, key)
            target_set.update(fold(s) for s in _names_list(raw[key], where, key))
    for family, runs in raw.get("needs_noun", {}).items():
        target.needs_noun[family].update(fold(r) for r in _names_list(runs, where, "needs_noun"))
    for key in ("visit_prefixes", "toward_prefixes", "joiners", "binds_left", "binds_right"):
        table = raw.get(key, {})
        if not isinstance(table, dict):
            raise GazetteerError(f"{where}.{key} must be a table")
        for k, chars in table.items():
            if not isinstance(chars, str):
                raise GazetteerError(f"{where}.{key}.{k} must be a string of characters")
            getattr(target, key)[fold(k)].update(fold(chars))


def _read_toml(path: Path | str, text: str) -> dict[str, Any]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise GazetteerError(f"{path}: not valid TOML ({exc})") from None
    unknown = set(data) - FILE_KEYS
    if unknown:
        raise GazetteerError(f"{path}: unknown top-level key(s) {sorted(unknown)}; a gazetteer "
                             "file holds [[entity]] tables (and optionally [compounds], [ignore])")
    return data


@cache
def _cldr_countries() -> dict[str, Entity]:
    """One entity per CLDR territory with an alpha-2 code, named in our four languages."""
    from babel import Locale

    locales = {"en": "en", "zh-Hans": "zh_Hans", "zh-Hant": "zh_Hant", "ja": "ja"}
    tables = {lang: Locale.parse(code).territories for lang, code in locales.items()}
    out = {}
    for code in tables["en"]:
        if not _COUNTRY.match(code) or code in NOT_COUNTRIES:
            continue
        names = {lang: (t[code],) for lang, t in tables.items() if code in t}
        out[f"country:{code}"] = Entity(f"country:{code}", "country", names)
    return out


def _builtin_files() -> list[tuple[str, str]]:
    return sorted((str(p), p.read_text(encoding="utf-8")) for p in GAZETTEER_DIR.glob("*.toml"))


# ---------------------------------------------------------------------------- matching


def _dots(folded: str) -> str:
    # A regex search first: str.translate walks every character in Python-level lookups.
    return _DOT_RE.sub("·", folded) if _DOT_RE.search(folded) else folded


def _match_form(alias: str) -> str:
    return _dots(fold(alias))


def _case_rule(alias: str) -> str:
    """How the original text must be written for a Latin alias to count.

    "exact": all capitals (US, GCHQ, WHO — never "us", "who"). "capital": a capitalised
    name (Starmer, China, Chad — not "china" the porcelain, "chad" the paper). "any" for
    aliases with no Latin letters."""
    letters = [c for c in alias if c.isascii() and c.isalpha()]
    if not letters:
        return "any"
    if all(c.isupper() for c in letters):
        return "exact"
    return "capital" if alias[0].isupper() else "any"


def _trie_regex(aliases: Iterable[str]) -> str:
    trie: dict[str, Any] = {}
    for alias in aliases:
        node = trie
        for char in alias:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_regex(trie, "", root=True)


def _node_regex(node: dict[str, Any], last: str, root: bool = False) -> str:
    alternatives = []
    for char in sorted(k for k in node if k):
        piece = re.escape(char)
        if root:
            # Written after the first character (not before) so every top-level
            # alternative starts with a literal and the engine can skip it cheaply.
            if _IS_LATIN.match(char):
                piece += f"(?<![{_LATIN}].)"
            elif _IS_KATAKANA.match(char):
                piece += f"(?<![{_KATAKANA}].)"
        alternatives.append(piece + _node_regex(node[char], char))
    if "" in node:  # an alias ends here; longer continuations are tried first
        if _IS_LATIN.match(last):
            alternatives.append(f"(?![{_LATIN}])")
        elif _IS_KATAKANA.match(last):
            alternatives.append(f"(?![{_KATAKANA}])")
        else:
            alternatives.append("")
    if len(alternatives) == 1:
        return alternatives[0]
    return "(?:" + "|".join(alternatives) + ")"


def _words_regex(words: Iterable[str]) -> re.Pattern[str]:
    """Matches any of ``words`` (longest first); never matches if there are none."""
    ordered = sorted(words, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, ordered)) if ordered else "(?!)")


def _edges_ok(folded: str, start: int, end: int) -> bool:
    """The same word-edge rules the regex applies, for the rare fall-back path."""
    for inside, outside in ((start, start - 1), (end - 1, end)):
        if not 0 <= outside < len(folded):
            continue
        for kind in (_IS_LATIN, _IS_KATAKANA):
            if kind.match(folded[inside]) and kind.match(folded[outside]):
                return False
    return True


@dataclass(frozen=True)
class _Target:
    entity_id: str
    type: str
    case: str                 # "exact" | "capital" | "any"
    original: str             # the alias as written, for the "exact" rule
    translit: bool            # a transliterated name written in Han characters
    families: frozenset[str]  # language families whose text it is matched in


@dataclass(frozen=True)
class _Matcher:
    regexes: list[re.Pattern[str]]   # trie regexes, each for a group of first characters
    by_first: dict[str, int]         # first character → index of its regex
    targets: dict[str, list[_Target]]  # folded alias → what it may name
    lengths: list[int]               # distinct alias lengths, longest first


ALL_FAMILIES = frozenset({"zh", "ja", "en", "und"})


def _families(entity: Entity, alias: str) -> frozenset[str]:
    """Where an alias may match. A name listed only under names.zh-* is Chinese (南美 is
    South America in Chinese, a given name in Japanese), one only under names.ja is
    Japanese; a bare Latin surname (Xi, Abe) is an English-text alias — in Japanese text
    "Xi" is a mobile network. Everything else matches everywhere."""
    if entity.type == "person" and _IS_LATIN.match(fold(alias[:1])) and " " not in alias:
        return frozenset({"en", "und"})
    if alias in entity.aliases or alias in entity.names.get("en", ()):
        return ALL_FAMILIES
    out = {"und"}
    if alias in entity.names.get("zh-Hans", ()) or alias in entity.names.get("zh-Hant", ()):
        out.add("zh")
    if alias in entity.names.get("ja", ()):
        out.add("ja")
    return frozenset(out)


def _case_ok(target: _Target, original: str) -> bool:
    if target.case == "exact":
        return _dots(original.translate(_WIDTH)) == _dots(target.original)
    if target.case == "capital":
        first = original[:1].translate(_WIDTH)
        return first.isupper() or not first.isalpha()
    return True


# ---------------------------------------------------------------------------- gazetteer


class Gazetteer:
    """The entities dossier knows, and a fast matcher over their names."""

    def __init__(self, entities: dict[str, Entity], compounds: _Compounds,
                 ignore: dict[str, set[str]]):
        self._entities = entities
        self._compounds = compounds
        self._ignore = ignore  # "all" / "ja" / "zh" / "en" → folded phrases
        self._suffix_re = _words_regex(compounds.suffixes)
        self._not_suffix_re = _words_regex(compounds.not_suffixes)
        self._noun_re = _words_regex(compounds.compound_nouns)
        self._runs = {family: re.compile("[" + re.escape("".join(chars)) + "]+")
                      for family, chars in compounds.forms.items() if chars}
        # Folded alias → the entities that share it, left out of matching (see _matcher).
        self.ambiguous: dict[str, list[str]] = {}

    # -- loading

    @classmethod
    def load(cls, extra: Sequence[Path | str] = ()) -> Gazetteer:
        """The built-in gazetteer plus the user files in ``extra`` (cached)."""
        keys = tuple((str(Path(p).resolve()), Path(p).stat().st_mtime_ns if Path(p).exists()
                      else 0) for p in extra)
        return _load_cached(keys)

    @classmethod
    def from_sources(cls, builtin: Sequence[tuple[str, str]],
                     user: Sequence[tuple[str, str]] = ()) -> Gazetteer:
        """Build from ``(name, toml_text)`` pairs: the built-in files, then user files."""
        countries = frozenset(e.id.split(":", 1)[1] for e in _cldr_countries().values())
        entities: dict[str, Entity] = dict(_cldr_countries())
        compounds = _Compounds()
        ignore: dict[str, set[str]] = defaultdict(set)
        # Entries of one layer (all built-in files; then each user file) must not repeat an
        # id; an entry may extend one from an earlier layer (CLDR, then built-in, …).
        for layer in [list(builtin)] + [[source] for source in user]:
            before = dict(entities)
            seen: dict[str, str] = {}
            for name, text in layer:
                data = _read_toml(name, text)
                if "compounds" in data:
                    _compounds_into(compounds, data["compounds"], name)
                cls._read_ignore(ignore, data.get("ignore", {}), name)
                raw_entries = data.get("entity", [])
                if not isinstance(raw_entries, list):
                    raise GazetteerError(f"{name}: 'entity' must be an array of tables "
                                         "([[entity]])")
                for i, raw in enumerate(raw_entries):
                    where = _where(name, raw, i)
                    ident = raw.get("id") if isinstance(raw, dict) else None
                    if ident in seen:
                        raise GazetteerError(f"{where}: duplicate id (also in {seen[ident]}); "
                                             "merge the two entries or rename one")
                    entity = _entity(raw, where, before.get(ident), countries)
                    seen[entity.id] = name
                    entities[entity.id] = entity
        return cls(entities, compounds, ignore)

    @staticmethod
    def _read_ignore(ignore: dict[str, set[str]], raw: Any, name: str) -> None:
        if not isinstance(raw, dict):
            raise GazetteerError(f"{name}: [ignore] must be a table of language → phrases")
        for lang, phrases in raw.items():
            if lang not in ("all", "ja", "zh", "en"):
                raise GazetteerError(f"{name}: [ignore] key {lang!r}; use all, ja, zh or en")
            ignore[lang] |= {_match_form(p) for p in _names_list(phrases, name, "ignore")}

    # -- lookup

    def entity(self, entity_id: str) -> Entity:
        try:
            return self._entities[entity_id]
        except KeyError:
            raise KeyError(f"no gazetteer entry {entity_id!r}") from None

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._entities

    def __iter__(self) -> Iterator[Entity]:
        return iter(self._entities.values())

    def __len__(self) -> int:
        return len(self._entities)

    def office_holders(self, office: str, body: str, date: str | dt.date) -> list[str]:
        """Who held ``office`` in ``body`` (ISO code "JP" or an org id) on ``date``."""
        day = dt.date.fromisoformat(date) if isinstance(date, str) else date
        held = [(o.start, e.id) for e in self._entities.values() for o in e.offices
                if o.office == office and o.body == body and o.held_on(day)]
        return [ident for _, ident in sorted(held)]

    # -- matching

    @cached_property
    def _matcher(self) -> _Matcher:
        targets: dict[str, list[_Target]] = defaultdict(list)
        for e in self._entities.values():
            translit = e.type == "person" and e.country not in _EAST_ASIAN
            for alias in e.all_names():
                t = _Target(e.id, e.type, _case_rule(alias), alias,
                            translit and all(_IS_HAN.match(c) for c in alias),
                            _families(e, alias))
                # Folding a whole phrase can differ from folding it character by
                # character (OpenCC has phrase rules); the text is folded whole, but an
                # alias may stand in a different context, so both forms are indexed.
                for form in {_match_form(alias), _dots("".join(fold(c) for c in alias))}:
                    if t not in targets[form]:
                        targets[form].append(t)
        for form, t in self._surnames(targets):
            targets[form].append(t)
        for phrases in self._ignore.values():
            for form in phrases:
                targets.setdefault(form, [])
        for form, ts in targets.items():
            for family in ALL_FAMILIES:
                ids = sorted({t.entity_id for t in ts if family in t.families})
                if len(ids) > 1:
                    self.ambiguous.setdefault(form, ids)
        # One trie regex per group of first characters, not one for all: the engine scans
        # the top-level alternatives of a trie one by one, so ~50 per regex instead of ~450
        # is several times faster even though each regex scans the text (about 1/5 s
        # instead of 1 s for 3 MB of Japanese news).
        firsts = sorted({form[0] for form in targets})
        regexes, by_first = [], {}
        for i in range(0, len(firsts), _FIRSTS_PER_REGEX):
            group = set(firsts[i:i + _FIRSTS_PER_REGEX])
            regexes.append(re.compile(_trie_regex(sorted(f for f in targets if f[0] in group))))
            by_first.update((char, len(regexes) - 1) for char in group)
        lengths = sorted({len(f) for f in targets}, reverse=True)
        return _Matcher(regexes, by_first, dict(targets), lengths)

    def _surnames(self, taken: dict[str, list[_Target]]) -> list[tuple[str, _Target]]:
        """The last part of a transliterated name (马尔斯 of 理查德·马尔斯, マールズ of
        リチャード・マールズ) as an alias of its own: the press names a foreign politician
        by surname alone, often without the full name anywhere in the article. Only a
        surname of two characters or more that no other entry has and that is no other
        alias."""
        found: dict[str, dict[str, tuple[Entity, str]]] = defaultdict(dict)
        for e in self._entities.values():
            if e.type != "person" or e.country in _EAST_ASIAN:
                continue
            for language in ("zh-Hans", "zh-Hant", "ja"):
                for name in e.names.get(language, ()):
                    surname = _dots(name).rsplit("·", 1)[-1]
                    if surname != name and len(surname) >= 2:
                        found[_match_form(surname)][e.id] = (e, surname)
        out = []
        for form, owners in found.items():
            if len(owners) != 1 or form in taken:
                continue
            [(e, surname)] = owners.values()
            families = frozenset({"und", "ja" if _IS_KATAKANA.match(surname) else "zh"})
            out.append((form, _Target(e.id, "person", _case_rule(surname), surname,
                                      all(_IS_HAN.match(c) for c in surname), families)))
        return out

    def find(self, text: str, language: str) -> list[Mention]:
        """Mentions of known entities in ``text`` (``language``: zh-Hans, zh-Hant, ja, en, und)."""
        folded = _dots(fold(text))
        family = "zh" if language.startswith("zh") else language
        if family not in ALL_FAMILIES:
            family = "und"
        full, masked = self._full_mentions(text, folded, family)
        mentions = full + self._compounds_in(text, folded, family, full, masked)
        return sorted(mentions, key=lambda m: m.start)

    def _full_mentions(self, text: str, folded: str, family: str
                       ) -> tuple[list[Mention], list[tuple[int, int]]]:
        """Mentions of full aliases, and the spans of ignored phrases (发展中国家)."""
        matcher = self._matcher
        ignore = self._ignore.get("all", set()) | self._ignore.get(family, set())
        candidates: list[tuple[int, int, _Target | None]] = []
        for index, pattern in enumerate(matcher.regexes):
            for m in pattern.finditer(folded):
                start, end = m.span()
                candidates.append(self._accept(text, folded, start, end, family, ignore))
                # A longer alias of the same regex may begin inside this one; try each
                # inner position, so that "longest wins" is not "leftmost wins".
                for inner in range(start + 1, end):
                    if matcher.by_first.get(folded[inner]) == index:
                        m2 = pattern.match(folded, inner)
                        if m2 and m2.end() > end:
                            candidates.append(self._accept(text, folded, inner, m2.end(),
                                                           family, ignore))
        if len(candidates) > 1:
            candidates = self._longest_first(candidates)
        mentions = [Mention(s, e, text[s:e], t.entity_id, t.type) for s, e, t in candidates
                    if t and e > s]
        masked = [(s, e) for s, e, t in candidates if t is None and e > s]
        return mentions, masked

    @staticmethod
    def _longest_first(candidates: list[tuple[int, int, _Target | None]]
                       ) -> list[tuple[int, int, _Target | None]]:
        chosen = []
        taken: set[int] = set()
        for start, end, target in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
            if end > start and not taken.intersection(range(start, end)):
                taken.update(range(start, end))
                chosen.append((start, end, target))
        return sorted(chosen, key=lambda c: c[0])

    def _accept(self, text: str, folded: str, start: int, end: int, family: str,
                ignore: set[str]) -> tuple[int, int, _Target | None]:
        """The longest alias at ``start`` (at most ``end``) that fits the case, word-edge,
        language and transliteration rules, as (start, end, target).

        An ignored phrase comes back with target None and its span, so that it still masks
        what is inside it; nothing at all comes back as an empty span."""
        targets, lengths = self._matcher.targets, self._matcher.lengths
        for length in [end - start] + [n for n in lengths if n < end - start]:
            stop = start + length
            form = folded[start:stop]
            if form not in targets or (length != end - start
                                       and not _edges_ok(folded, start, stop)):
                continue
            if form in ignore:
                return start, stop, None
            fitting = {t.entity_id: t for t in targets[form]
                       if family in t.families and _case_ok(t, text[start:stop])
                       and self._translit_ok(t, folded, start, stop)}
            if len(fitting) == 1:
                return start, stop, next(iter(fitting.values()))
            if len(fitting) > 1:
                # Shared by two entities (a surname, a place and a country): dossier prefers
                # no mention to a wrong one, and the span stays masked.
                return start, stop, None
        return start, start, None

    @staticmethod
    def _translit_ok(t: _Target, folded: str, start: int, end: int) -> bool:
        if not t.translit:
            return True
        before = folded[start - 1] if start > 0 else ""
        after = folded[end] if end < len(folded) else ""
        return before not in _TRANSLIT and after not in _TRANSLIT

    # -- the one-character compound forms (日英, 中美, 英首相)

    def _compounds_in(self, text: str, folded: str, family: str, full: list[Mention],
                      masked: list[tuple[int, int]]) -> list[Mention]:
        forms = self._compounds.forms.get(family)
        if not forms:
            return []
        covered: set[int] = set()
        country_ends: set[int] = set()
        country_starts: set[int] = set()
        for start, end in masked:
            covered.update(range(start, end))
        for m in full:
            covered.update(range(m.start, m.end))
            if m.type == "country":
                country_ends.add(m.end)
                country_starts.add(m.start)
        out: list[Mention] = []
        for m in self._runs[family].finditer(folded):
            # Split the run where a full mention already covers characters.
            start = m.start()
            for i in range(m.start(), m.end() + 1):
                if i == m.end() or i in covered:
                    if i > start:
                        out += self._compound_run(text, folded, start, i, family, forms,
                                                  (country_ends, country_starts))
                    start = i + 1
        return out

    def _compound_run(self, text: str, folded: str, start: int, end: int, family: str,
                      forms: dict[str, str], edges: tuple[set[int], set[int]]) -> list[Mention]:
        """The mentions in one run of one-character forms, folded[start:end]."""
        c = self._compounds
        country_ends, country_starts = edges
        before = folded[start - 1] if start > 0 else ""
        prefix_ok = before in c.joiners[family] or before in c.visit_prefixes[family] or (
            before in c.toward_prefixes[family])
        # The first character may belong to the word before it: 其中, 今日, 精英, 1月31日.
        # Only the first: in 其中美英 the 美英 that follows is still a compound.
        first = folded[start]
        if before and start not in country_ends and not prefix_ok and (
                before.isdigit() or _NUMERAL.match(before)
                or (_IS_HAN.match(before) and (
                    before in c.binds_left[first]
                    or (first in c.open_left
                        and not (end - start >= 2 and self._noun_re.match(folded, end)))))):
            start += 1
            before = ""
        if start >= end:
            return []
        if before in c.visit_prefixes[family]:
            # 訪日中 / 来日中 ("while visiting Japan"): the prefix takes one character; the
            # rest is judged on its own (駐日米大使 → 日, then 米 + 大使). Not in words
            # such as 滞在中 or 現在独身.
            if before + first in c.not_visits or (
                    end == start + 1 and folded[end:end + 1] in c.binds_right[first]):
                return []
            head = self._accept_chars(text, folded, start, start + 1, forms)
            if end == start + 1:
                return head
            return head + self._compound_run(text, folded, start + 1, end, family, forms, edges)
        after = folded[end] if end < len(folded) else ""
        if after in c.languages_after:
            return []  # 中英文, 英日语: languages, not countries
        suffix = self._suffix_at(folded, end)
        if not suffix:
            # The last character may belong to the word after it: 中心, 中央, 日益, 美元;
            # in Japanese 日中は / 一日中に, where 中 means "during".
            last = folded[end - 1]
            if after and (after in c.binds_right[last]
                          or (family == "ja" and last == "中" and after in c.during)):
                end -= 1
                after = folded[end]
                suffix = self._suffix_at(folded, end)
        if start >= end:
            return []
        run = folded[start:end]
        if len(run) >= 2:
            # 日英 / 日英意 / 美日印澳; a repeated character (日日, 英英) is a word.
            if len(set(run)) != len(run) or len(run) > 6:
                return []
            if run in c.needs_noun[family] and not (
                    suffix or self._noun_re.match(folded, end)):
                return []  # Japanese 日中 is "daytime" unless 関係, 首脳… follows
            return self._accept_chars(text, folded, start, end, forms)
        # One character alone: 英首相, 対中, and in Japanese 日 right before 英国 (駐日英国大使).
        if suffix or before in c.toward_prefixes[family] or (
                family == "ja" and end in country_starts):
            return self._accept_chars(text, folded, start, end, forms)
        return []

    def _suffix_at(self, folded: str, pos: int) -> str:
        m = self._suffix_re.match(folded, pos)
        if not m or self._not_suffix_re.match(folded, pos):
            return ""
        return m.group()

    @staticmethod
    def _accept_chars(text: str, folded: str, start: int, end: int,
                      forms: dict[str, str]) -> list[Mention]:
        """Each character of a compound is its own mention: 日英 → JP at i, GB at i + 1."""
        return [Mention(i, i + 1, text[i], f"country:{forms[folded[i]]}", "country")
                for i in range(start, end)]

    # -- summary

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for e in self._entities.values():
            out[e.type] += 1
        return dict(out)


@cache
def _load_cached(extra: tuple[tuple[str, int], ...]) -> Gazetteer:
    # Keyed by path and modification time, so an edited user file is read again.
    user = []
    for path, _mtime in extra:
        try:
            user.append((path, Path(path).read_text(encoding="utf-8")))
        except OSError as exc:
            raise GazetteerError(f"{path}: cannot read the gazetteer file ({exc.strerror}); "
                                 "check the path given to --gazetteer") from None
    return Gazetteer.from_sources(_builtin_files(), user)
