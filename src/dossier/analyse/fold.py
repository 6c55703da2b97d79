"""The folded form of a text, used only for matching.

Folding maps Japanese shinjitai and traditional characters to simplified ones
(OpenCC ``jp2t`` then ``t2s``: 会談 / 會談 / 会谈 all become 会谈), full-width
ASCII to half-width, and upper to lower case.

Folding is *length-preserving*: ``fold(text)[i]`` is the folded form of
``text[i]``. An offset found in the folded text is therefore the same offset in
the original, which is never altered. Where a converter would change the length
of a line (a rare phrase rule, a case mapping such as ``İ``), that line is
folded character by character and a character whose folded form is not a single
character is kept as it is.
"""

from __future__ import annotations

from functools import cache

import opencc

_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
# jp2t turns a few shinjitai into old variants that t2s then leaves alone (衛 → 衞, not 卫):
# the characters where that chain and t2s alone disagree, found over the whole Han block.
_LEFTOVERS = {ord(a): b for a, b in zip("竝倂緖衞餠", "并并绪卫饼")}


@cache
def _converters() -> tuple[opencc.OpenCC, opencc.OpenCC]:
    return opencc.OpenCC("jp2t"), opencc.OpenCC("t2s")


def _convert(text: str) -> str:
    """The script conversion alone: shinjitai and traditional to simplified."""
    jp2t, t2s = _converters()
    return t2s.convert(jp2t.convert(text)).translate(_LEFTOVERS)


def _fold_run(run: str) -> str:
    return _convert(run).translate(_WIDTH).lower()


def _fold_char(char: str) -> str:
    folded = _fold_run(char)
    return folded if len(folded) == 1 else char


def fold(text: str) -> str:
    """Return the folded form of ``text``, of the same length."""
    folded = _fold_run(text)
    if len(folded) == len(text):
        return folded
    lines = text.split("\n")
    out = []
    for line in lines:
        f = _fold_run(line)
        out.append(f if len(f) == len(line) else "".join(_fold_char(c) for c in line))
    return "\n".join(out)


def fold_pattern(pattern: str) -> str:
    """A regular expression written in any script, with its CJK literals folded.

    Only the script conversion applies (regex syntax is ASCII and case is left to
    ``re.I``), so a pattern written as 関連記事 or 點擊 matches folded text.
    """
    return _convert(pattern)
