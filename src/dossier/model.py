"""The objects that flow through dossier: read → analyse → link → store.

A :class:`Document` is created by a reader, annotated in place by the analysis
stages (each a pure function of one document) and written by the store. All
annotations are character offsets into ``Document.text``, the cleaned text,
which is never altered after cleaning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

LANGUAGES = ("zh-Hans", "zh-Hant", "ja", "en", "und")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    language: str


@dataclass(frozen=True)
class Mention:
    """A name in the text. ``entity`` is a gazetteer id when the name is known, else None
    until linking across documents gives it one; ``source`` says what found it."""

    start: int
    end: int
    text: str
    type: str  # person | country | organization | place | program | other
    entity: str | None = None
    source: str = "gazetteer"  # gazetteer | model | rule


@dataclass
class Document:
    """One article. ``id`` is a hash of the item's raw content, so re-reading it is a no-op."""

    id: str
    path: str
    text: str
    title: str | None = None
    published: str | None = None
    # How the published date was found, or why it is null (never guessed from mtime or today).
    published_note: str | None = None
    source: str | None = None
    url: str | None = None
    language: str = "und"
    boilerplate: list[str] = field(default_factory=list)
    # Text as read, before clutter removal, so the corpus-level cleaner can run again.
    raw_text: str = ""
    sentences: list[Sentence] = field(default_factory=list)
    # Filled by the analysis stages; each item carries offsets into ``text``.
    mentions: list[Mention] = field(default_factory=list)
    times: list[Any] = field(default_factory=list)  # dossier.analyse.times.TimeExpr
    quantities: list[Any] = field(default_factory=list)  # dossier.analyse.quantities.Quantity
    roles: list[Any] = field(default_factory=list)  # dossier.analyse.roles.Role
    events: list[Any] = field(default_factory=list)  # dossier.analyse.events.Event
    # Small facts about how the item was read: encoding, section label, platform, and the
    # metadata fields the item itself gave (kept so the document can be cleaned again).
    meta: dict[str, Any] = field(default_factory=dict)


    @cached_property
    def folded(self) -> str:
        """The text folded for matching, computed once: stages share it (see analyse.fold)."""
        from dossier.analyse.fold import fold

        return fold(self.text)


@dataclass(frozen=True)
class Skipped:
    """A file (or one item of a file) that could not be read, and why."""

    path: str
    reason: str
