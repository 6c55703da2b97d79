"""Time expressions in Chinese (both scripts) and Japanese.

Two passes. First (:mod:`times_cjk_atoms`) one compiled regex finds *atoms* — a year (2026年, 令和3年, 去年), a month
(3月, 上个月, 来月), a day (7日, 昨天), a weekday, a clock time, a duration (两天, 20分間),
a holiday, a bound (以降, 年底, 中旬) or a span connector (至, から, 〜). Then adjacent atoms
are merged (:mod:`times_cjk_merge`) left to right into expressions (去年 + 11月 → 2025-11) and spans (1902 + 至 +
1921年), and each expression becomes a :class:`~.times_resolve.Spec`.

Chinese and Japanese share almost every pattern; the few that differ (前日 is "the day
before yesterday" in Chinese but "the day before" in Japanese, a bare 分 is a minute in
Japanese but often a point in a Chinese sports report) are switched by language.
"""

from __future__ import annotations

from .times_cjk_atoms import find_atoms
from .times_cjk_merge import merge
from .times_resolve import Spec

__all__ = ["parse"]


def parse(text: str, language: str) -> list[tuple[int, int, Spec, bool]]:
    """Return (start, end, spec, weak) for every expression in ``text``."""
    atoms = find_atoms(text, language)
    if not atoms:
        return []
    return merge(text, atoms, language)
