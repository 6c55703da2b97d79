"""Name detection: person, country, organization and place mentions in one document.

``find_names(text, language)`` returns :class:`Name` spans as character offsets into
``text`` (``text[start:end] == name.text``). Each language registers its finder with
:func:`finder`, so a language is added by registering it, not by editing a dispatcher.
The finders load their taggers lazily, once per process, so importing is cheap.

These are mentions the matcher may not know; the gazetteer (``analyse.gazetteer``)
matches the names it does know, and the two are merged downstream.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

TYPES = frozenset({"person", "country", "organization", "place"})
SOURCES = frozenset({"model", "rule"})


@dataclass(frozen=True, slots=True)
class Name:
    """One name mention: ``text[start:end]`` in the document's cleaned text."""

    start: int
    end: int
    text: str
    type: str  # one of TYPES
    source: str  # "model" (a tagger's output) or "rule" (a pattern or a dictionary tag)


Finder = Callable[[str], list[Name]]
FINDERS: dict[str, Finder] = {}


def finder(*languages: str) -> Callable[[Finder], Finder]:
    """Register ``fn`` as the name finder for ``languages``."""
    def register(fn: Finder) -> Finder:
        for language in languages:
            FINDERS[language] = fn
        return fn
    return register


def find_names(text: str, language: str) -> list[Name]:
    """Names in ``text``, sorted by offset and never overlapping.

    ``language`` is ``zh-Hans``, ``zh-Hant``, ``ja``, ``en`` or ``und``; a language
    without a finder (``und`` included) gives no names rather than a guess.
    """
    if not text:
        return []
    _load_finders()
    fn = FINDERS.get(language)
    return fn(text) if fn else []


def wordset(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string (word lists read better so)."""
    return frozenset(words.split())


def resolve_overlaps(names: list[Name]) -> list[Name]:
    """Keep the earliest, then longest, of overlapping names; the result is sorted."""
    out: list[Name] = []
    for name in sorted(names, key=lambda n: (n.start, -(n.end - n.start))):
        if out and name.start < out[-1].end:
            continue
        out.append(name)
    return out


_loaded = False


def _load_finders() -> None:
    # The language modules register themselves on import; importing them is cheap
    # (their taggers load on first use). A flag rather than "no finder yet": importing
    # one language's module directly registers that one alone.
    global _loaded
    if not _loaded:
        from dossier.analyse.names import en, ja, zh  # noqa: F401
        _loaded = True
