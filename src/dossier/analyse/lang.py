"""Language and script: zh-Hans, zh-Hant, ja, en or und, by the majority signal.

Kana decide Japanese (even kanji-heavy Japanese has particles); among Chinese
texts, characters that only exist in one script vote, so a traditional article
with a few simplified characters stays zh-Hant. Latin text is English only when
English function words are present.
"""

from __future__ import annotations

import re
from functools import cache

import opencc

_KANA = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_ENGLISH = frozenset(
    ["the", "an", "of", "to", "in", "and", "is", "are", "was", "were", "on", "for", "with", "that", "this", "by", "from", "at", "as", "it", "its", "has", "have", "be", "said", "will", "would", "not", "but", "which", "who", "their", "they", "he", "she", "after", "over"])
# Japanese written mostly in kanji still carries a kana or two per clause.
KANA_SHARE = 0.05


@cache
def _converters() -> tuple[opencc.OpenCC, opencc.OpenCC]:
    return opencc.OpenCC("t2s"), opencc.OpenCC("s2t")


def script_votes(text: str) -> tuple[int, int]:
    """(traditional-only characters, simplified-only characters) in ``text``."""
    han = "".join(_HAN.findall(text))
    if not han:
        return 0, 0
    t2s, s2t = _converters()
    to_simp, to_trad = t2s.convert(han), s2t.convert(han)
    if len(to_simp) != len(han) or len(to_trad) != len(han):
        return 0, 0
    traditional = sum(1 for a, b in zip(han, to_simp) if a != b)
    simplified = sum(1 for a, b in zip(han, to_trad) if a != b)
    return traditional, simplified


def detect(text: str, default: str = "und") -> str:
    """The language of ``text``; ``default`` when it carries no signal (a short number line)."""
    kana = len(_KANA.findall(text))
    han = len(_HAN.findall(text))
    hangul = len(_HANGUL.findall(text))
    words = _LATIN_WORD.findall(text)
    latin = sum(len(w) for w in words)
    cjk = kana + han
    if not (cjk or latin or hangul):
        return default
    if hangul > max(cjk, latin):
        return "und"
    if cjk >= latin * 0.5 and cjk:
        if kana and kana >= KANA_SHARE * cjk:
            return "ja"
        if default == "ja":
            return "ja"  # a kana-less line in a Japanese text (a headline, a list item)
        traditional, simplified = script_votes(text)
        if traditional > simplified:
            return "zh-Hant"
        if simplified > traditional:
            return "zh-Hans"
        return default if default.startswith("zh") else "zh-Hans"
    english = sum(1 for w in words if w.lower() in _ENGLISH)
    if english >= 1 or (len(words) <= 3 and default == "en"):
        return "en"
    return default if len(words) <= 3 else "und"


def detect_sentence(sentence: str, document_language: str) -> str:
    """The language of one sentence of a document; cheap when kana settle it."""
    if document_language == "ja" and _KANA.search(sentence):
        return "ja"
    return detect(sentence, default=document_language)
