"""Sentence boundaries for Chinese, Japanese and English, as offsets into the text.

A sentence ends at 。！？!?… (or a full stop before a space in Latin text),
together with the closing quotes and brackets that follow it (」』”’)）】).
Line breaks end sentences too: headlines and list items carry no full stop.
Nothing splits inside "2+2", "103.7" or "U.K.".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_CLOSERS = "」』”’\"')）】〕》〉"
_OPENERS = {"」": "「", "』": "『", "”": "“", "’": "‘", "）": "（", ")": "("}
# Japanese particles that carry a closed quotation on into its sentence: 「…。」と述べた.
_QUOTATIVE = "とっ"
_CJK_END = re.compile(rf"[。！？!?…]+[{_CLOSERS}]*|\.{{3,}}[{_CLOSERS}]*")
# A Latin full stop ends a sentence only before whitespace and a capital, digit or quote.
_LATIN_END = re.compile(rf"[.!?]+[{_CLOSERS}]*(?=\s+[\"'“‘(A-Z0-9\u3000-\u9fff])|[.!?]+[{_CLOSERS}]*$")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Lt|Sgt|St|Jr|Sr|No|Vol|vs|etc|approx|Inc|Ltd|Co|Corp|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z](?:\.[A-Z])*)\.$"
)


def split(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed, in order."""
    pos = 0
    for line in text.split("\n"):
        yield from _split_line(line, pos)
        pos += len(line) + 1


def _split_line(line: str, offset: int) -> Iterator[tuple[int, int]]:
    start = 0
    for end in _ends(line):
        yield from _trimmed(line, start, end, offset)
        start = end
    yield from _trimmed(line, start, len(line), offset)


def _ends(line: str) -> Iterator[int]:
    ends = {m.end() for m in _CJK_END.finditer(line) if not _quote_goes_on(line, m)}
    for m in _LATIN_END.finditer(line):
        if not _ABBREVIATION.search(line[max(0, m.start() - 12):m.start() + 1]):
            ends.add(m.end())
    yield from sorted(ends)


def _quote_goes_on(line: str, end: re.Match) -> bool:
    """A quotation that ends in 。 but sits inside a longer sentence does not end it.

    「…。」と述べた and 那句『…。』至今仍… go on; 他说：“…。” ends where the quote ends,
    because a quote introduced by a colon is the rest of its sentence.
    """
    closer = end.group()[-1]
    if closer not in _OPENERS or end.end() >= len(line):
        return False
    if line[end.end()] in _QUOTATIVE:
        return True
    opened = line.rfind(_OPENERS[closer], 0, end.start())
    if opened <= 0:
        return False
    before = line[opened - 1]
    return before not in "：:" and not _CJK_END.match(line, opened - 1)


def _trimmed(line: str, start: int, end: int, offset: int) -> Iterator[tuple[int, int]]:
    chunk = line[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        yield offset + start + lead, offset + start + lead + len(stripped)
