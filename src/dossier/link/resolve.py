"""Resolution of names across scripts and documents: which mentions are one actor.

The gazetteer resolves the actors it knows (its ids come first: two mentions with the
same id are one actor, two with different ids are two). A name it does not know is
compared through a *romanisation*: pinyin for Chinese (pypinyin), the Sudachi reading
turned into Hepburn romaji for Japanese (the same dictionary the ja name finder uses;
its readings of people's names are better than unidic's), and the letters themselves
for English. From the romanisation a *consonant skeleton* keeps only what survives
transliteration: six consonant classes and a few rules for what Chinese and Japanese
drop or add (the non-rhotic r of Starmer, the epenthetic u of ルズ, n before p), so that
Starmer / スターマー / 斯塔默 all give ``stm`` and Reynolds / レイノルズ / 雷诺兹 ``rns``.

:func:`link` blocks candidates by pieces of their skeleton, scores each pair by how
close their skeletons and romanisations are, and accepts a pair only when context
confirms it: the two mentions sit in aligned sentences of a translation pair, or share
an office, or share co-mentioned actors; an exact match of a long name needs no more.
Places and bodies are often translated, not transliterated (世界银行 ~ World Bank,
環境保護庁 ~ 美国环保局): their words are also compared through CC-CEDICT glosses
(:mod:`dossier.link.lexicon`), and that only under alignment.
Two different full names in one script are never merged, whatever office they share:
"Mike Johnson" and "Chris Johnson" stay two people. :func:`short_forms` links, inside
one document, a surname alone or a titled short form (斯塔默 after 基爾·斯塔默,
竹下首相 after 竹下亘, Mr Habeck after Robert Habeck) to the full name it abbreviates.

Everything here is a pure function of its arguments: no store, no network. pypinyin,
Sudachi and the lexicon load on first use, so importing this module is cheap.
Accuracy on the gold list: ``python eval/linking_eval.py``.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache, lru_cache

from dossier.analyse.fold import fold

# ------------------------------------------------------------------------ settings

# Scores are in [0, 1]; a pair is linked when its name score reaches the threshold of
# the strongest context it has (measured on eval/gold/names_xscript.jsonl).
ALIGNED_MIN = 0.55  # the two mentions are in aligned sentences of a translation pair
CONTEXT_MIN = 0.72  # same office, or shared co-mentioned actors
NAME_ONLY_MIN = 0.95  # no context: only a near-exact match of a long name
NAME_ONLY_LENGTH = 5  # consonants a name needs before it may link on its own
HAN_MIN = 0.74  # Han characters compared directly (ja kanji ↔ zh): share of characters
# Translated names of places and organisations (世界银行 ~ World Bank): the share of the
# words of each side that the other side matches, by gloss or by sound.
MEANING_ALIGNED_MIN = 0.6
MEANING_CONTEXT_MIN = 0.99
FULL_NAME_PART_MIN = 0.5  # each part of two full names must be at least this alike
SOUND_MIN = 0.8  # two words of such names "sound alike" (フォーラム ~ forum)
# A blocking key shared by more names than this is skipped (their other keys still meet).
MAX_BLOCK = 300

# Separators between the parts of a name in each script (キア・スターマー, 基尔·斯塔默).
_SEPARATORS = re.compile(r"[\s·・･•‧∙⋅=＝\-‐‑–—_/]+")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff々〆ヶ]")
_KANA = re.compile(r"[\u3041-\u30ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_VOWELS = frozenset("aeiouy")

TYPE_FAMILY = {"person": "person", "country": "place", "place": "place",
               "organization": "organization", "program": "program", "other": "other"}


@dataclass(frozen=True)
class Candidate:
    """One name to resolve: a mention (or all mentions of one name in one document).

    ``co_mentions`` are the entity ids (gazetteer ids) of the other actors the same
    document mentions; ``country`` an ISO code the document ties the name to;
    ``office`` a title the document gives it (``prime-minister``, ``首相``). ``entity_id``
    is the gazetteer id when the gazetteer knows the name.
    """

    name: str
    language: str  # en, ja, zh-Hans, zh-Hant (zh accepted)
    type: str  # person, place, country, organization, program, other
    document: str = ""
    co_mentions: frozenset[str] = field(default_factory=frozenset)
    country: str | None = None
    office: str | None = None
    entity_id: str | None = None


# -------------------------------------------------------------------- romanisation


def _family(language: str) -> str:
    if language.startswith("zh"):
        return "zh"
    return language if language in ("ja", "en") else "en"


def romanise(name: str, language: str) -> str:
    """Lower-case Latin for ``name``: 斯塔默 → "sitamo", スターマー → "sutaamaa",
    Starmer → "starmer". Parts of the name stay separated by one space."""
    return " ".join(p.replace("'", "") for p in _romanise_parts(name, _family(language)))


@lru_cache(maxsize=65536)
def _romanise_parts(name: str, family: str) -> tuple[str, ...]:
    parts = []
    for part in _SEPARATORS.split(name.strip()):
        if not part:
            continue
        if family == "zh" or (family == "en" and _HAN.search(part)):
            parts.extend(_zh_parts(part))
        elif family == "ja" or _KANA.search(part):
            parts.extend(_ja_parts(part))
        else:
            latin = _latin(part)
            if latin:
                parts.append(latin)
    return tuple(p for p in parts if p)


def _latin(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and c.isalpha()).lower()


def _zh_parts(part: str) -> list[str]:
    # Latin runs inside Chinese (Greggs, Tierra del Sol画廊) are kept as words.
    out: list[str] = []
    for run in re.findall(r"[A-Za-z\u00c0-\u024f]+|[^A-Za-z\u00c0-\u024f]+", part):
        if _LATIN.match(run):
            out.append(_latin(run))
        else:
            syllables = _pinyin(run)
            if syllables:  # syllables kept apart internally: ji'er is not jie-r
                out.append("'".join(syllables))
    return out


@lru_cache(maxsize=65536)
def _pinyin(text: str) -> tuple[str, ...]:
    from pypinyin import Style, lazy_pinyin

    # v_to_u: 吕 → "lu", not "lv"; errors are dropped (punctuation, digits).
    syllables = lazy_pinyin(text, style=Style.NORMAL, v_to_u=True, errors="ignore")
    return tuple(_latin(s) for s in syllables if _latin(s))


def _ja_parts(part: str) -> list[str]:
    if _HAN.search(part):
        words = [_kana_romaji(w) for w in _ja_reading(part)]
        return [w for w in words if w]
    latin_or_kana = _kana_romaji(part)
    return [latin_or_kana] if latin_or_kana else []


@cache
def _ja_tokenizer():
    # The name finder's Sudachi tokenizer: one dictionary in memory for both.
    from dossier.analyse.names.ja import _tokenizer

    return _tokenizer()


# Variant kanji of names (髙嶺 for 高嶺) the dictionary reads only in their common form.
_ITAIJI = str.maketrans("髙﨑邊邉齋齊濵德瀨黑敎", "高崎辺辺斎斉浜徳瀬黒教")


def _ja_reading(text: str) -> list[str]:
    """The katakana reading of each word of ``text`` (a kanji the dictionary cannot
    read stays as it is and is dropped by the romaniser)."""
    tokens = _ja_tokenizer().tokenize(text.translate(_ITAIJI))
    return [m.reading_form() or m.surface() for m in tokens]


# Hepburn for katakana (hiragana is shifted to katakana first). Two-kana combinations
# are matched before single kana.
_KANA_PAIRS = {
    "キャ": "kya", "キュ": "kyu", "キョ": "kyo", "シャ": "sha", "シュ": "shu", "ショ": "sho",
    "チャ": "cha", "チュ": "chu", "チョ": "cho", "ニャ": "nya", "ニュ": "nyu", "ニョ": "nyo",
    "ヒャ": "hya", "ヒュ": "hyu", "ヒョ": "hyo", "ミャ": "mya", "ミュ": "myu", "ミョ": "myo",
    "リャ": "rya", "リュ": "ryu", "リョ": "ryo", "ギャ": "gya", "ギュ": "gyu", "ギョ": "gyo",
    "ジャ": "ja", "ジュ": "ju", "ジョ": "jo", "ビャ": "bya", "ビュ": "byu", "ビョ": "byo",
    "ピャ": "pya", "ピュ": "pyu", "ピョ": "pyo", "シェ": "she", "ジェ": "je", "チェ": "che",
    "ティ": "ti", "ディ": "di", "トゥ": "tu", "ドゥ": "du", "テュ": "tyu", "デュ": "dyu",
    "ファ": "fa", "フィ": "fi", "フェ": "fe", "フォ": "fo", "フュ": "fyu",
    "ウィ": "wi", "ウェ": "we", "ウォ": "wo", "ヴァ": "va", "ヴィ": "vi", "ヴェ": "ve",
    "ヴォ": "vo", "ツァ": "tsa", "ツィ": "tsi", "ツェ": "tse", "ツォ": "tso", "イェ": "ye",
    "クァ": "kwa", "クィ": "kwi", "クェ": "kwe", "クォ": "kwo", "グァ": "gwa",
}
_KANA_ONE = dict(zip(
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
    "ガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポヴァィゥェォャュョヮ",
    ["a", "i", "u", "e", "o", "ka", "ki", "ku", "ke", "ko", "sa", "shi", "su", "se", "so", "ta", "chi", "tsu", "te", "to", "na", "ni", "nu", "ne", "no", "ha", "hi", "fu", "he", "ho", "ma", "mi", "mu", "me", "mo", "ya", "yu", "yo", "ra", "ri", "ru", "re", "ro", "wa", "o", "n", "ga", "gi", "gu", "ge", "go", "za", "ji", "zu", "ze", "zo", "da", "ji", "zu", "de", "do", "ba", "bi", "bu", "be", "bo", "pa", "pi", "pu", "pe", "po", "vu", "a", "i", "u", "e", "o", "ya", "yu", "yo", "wa"]))
_LONG_MARKS = "ー―‐－〜"


def _kana_romaji(text: str) -> str:
    kata = "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in text)
    out: list[str] = []
    double = False
    i = 0
    while i < len(kata):
        pair = kata[i:i + 2]
        if pair in _KANA_PAIRS:
            syllable, i = _KANA_PAIRS[pair], i + 2
        elif kata[i] in _KANA_ONE:
            syllable, i = _KANA_ONE[kata[i]], i + 1
        elif kata[i] == "ッ":
            double, i = True, i + 1
            continue
        elif kata[i] in _LONG_MARKS:
            i += 1
            last = out[-1][-1:] if out else ""
            if last in _VOWELS:  # スター → "sutaa"
                out.append(last)
            double = False
            continue
        else:
            syllable, i = _latin(kata[i]), i + 1
        if double and syllable and syllable[0] not in _VOWELS:
            syllable = syllable[0] + syllable
        double = False
        out.append(syllable)
    return "".join(out)


# ----------------------------------------------------------------------- skeletons

# Consonant classes: p (p b f v), t (t d), k (k g q), s (s z j and the sibilants and
# affricates of all three scripts), m, n, r (r l). h, w, y and vowels carry nothing
# that survives transliteration reliably.
_ZH_INITIALS = (("zh", "s"), ("ch", "s"), ("sh", "s"), ("b", "p"), ("p", "p"), ("m", "m"),
                ("f", "p"), ("d", "t"), ("t", "t"), ("n", "n"), ("l", "r"), ("g", "k"),
                ("k", "k"), ("h", ""), ("j", "s"), ("q", "s"), ("x", "s"), ("r", "r"),
                ("z", "s"), ("c", "s"), ("s", "s"), ("y", ""), ("w", ""))


def skeleton(name: str, language: str) -> str:
    """The consonant skeleton of ``name``: parts separated by a space.

    Designed so that transliterations of one name agree: Starmer / スターマー / 斯塔默
    → "stm"; Trump / トランプ / 特朗普 → "trmp"; Macron / マクロン / 马克龙 → "mkrn".
    """
    family = _family(language)
    return " ".join(_part_skeleton(p, family) for p in _romanise_parts(name, family)
                    if _part_skeleton(p, family))


@lru_cache(maxsize=65536)
def _part_skeleton(part: str, family: str) -> str:
    if family == "zh" and all(_is_pinyin_word(x) for x in part.split("'")):
        classes = _zh_classes(part)
    elif family == "ja" and _is_romaji_word(part):
        classes = _ja_classes(part)
    else:
        classes = _en_classes(part)
    return _collapse(classes)


def _collapse(classes: list[str]) -> str:
    out: list[str] = []
    for c in classes:
        if not c:
            continue
        if c == "s" and out and out[-1] == "t":  # ts, ds, tz: one affricate
            out[-1] = "s"
            continue
        if out and out[-1] == c:
            continue
        if c in "pm" and out and out[-1] == "n":  # n before a labial is m (Trump)
            out[-1] = "m"
        out.append(c)
    return "".join(out)


_PINYIN_SYLLABLE = re.compile(
    r"(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan"
    r"|van|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ue|ui|er|a|o|e|i|u|v)")


def _is_pinyin_word(syllable: str) -> bool:
    return bool(_PINYIN_SYLLABLE.fullmatch(syllable))


def _zh_classes(word: str) -> list[str]:
    syllables = [(m.group(1) or "", m.group(2)) for piece in word.split("'")
                 for m in [_PINYIN_SYLLABLE.fullmatch(piece)] if m]
    out: list[str] = []
    for k, (initial, final) in enumerate(syllables):
        later = k + 1 < len(syllables) and syllables[k + 1][0] not in ("", "y", "w", "h")
        if not initial and final == "er":
            # 尔 renders l or r; before another consonant it is the dropped liquid of
            # 阿尔伯特 (Albert) as in English and Japanese.
            out.append("" if later else "r")
            continue
        out.append(dict(_ZH_INITIALS).get(initial, ""))
        if final.endswith("ng") or final.endswith("n"):
            out.append("n")
    return out


_ROMAJI = re.compile(r"(ky|sh|ch|ts|ny|hy|my|ry|gy|by|py|j|dy|ty|fy|kw|gw|[kgsztdnhbpmyrwfv])?"
                     r"([aeiou])|n|([kgsztdpbcfjmr])(?=[kgsztdpbcfjmr])")


def _is_romaji_word(word: str) -> bool:
    return bool(word) and _ROMAJI.sub("", word) == ""


_JA_INITIAL = {"k": "k", "g": "k", "s": "s", "z": "s", "t": "t", "d": "t", "n": "n",
               "h": "", "b": "p", "p": "p", "m": "m", "y": "", "r": "r", "w": "", "f": "p",
               "v": "p", "j": "s", "sh": "s", "ch": "s", "ts": "s", "ky": "k", "gy": "k",
               "ny": "n", "hy": "", "my": "m", "ry": "r", "by": "p", "py": "p", "dy": "t",
               "ty": "t", "fy": "p", "kw": "k", "gw": "k"}


def _ja_classes(word: str) -> list[str]:
    units = [(m.group(1) or m.group(3) or "", m.group(2) or "", m.group(0))
             for m in _ROMAJI.finditer(word)]
    out: list[str] = []
    for k, (initial, vowel, whole) in enumerate(units):
        nxt = units[k + 1] if k + 1 < len(units) else None
        if whole == "n":
            out.append("n")
            continue
        if not vowel:  # the first of a doubled consonant (ッ)
            continue
        cls = _JA_INITIAL.get(initial, "")
        # ル before another consonant is the English liquid the other scripts drop
        # (レイノルズ ~ Reynolds ~ 雷诺兹); so is the one of -ルト, -ルド.
        if cls == "r" and vowel == "u" and nxt and nxt[0] and nxt[0] not in ("y", "w", "h"):
            cls = ""
        out.append(cls)
    return out


_EN_RULES = (
    ("tch", "s"), ("sch", "s"), ("ch", "s"), ("sh", "s"), ("ph", "p"), ("ck", "k"),
    ("qu", "k"), ("gh", ""), ("kn", "n"), ("wr", "r"), ("dg", "s"), ("x", "ks"),
)


def _en_classes(word: str) -> list[str]:
    w = word
    for a, b in _EN_RULES:
        w = w.replace(a, b.upper())
    # A silent final e (Charles, Rosendale) would shield the liquid before it.
    w = re.sub(r"(?<=[^aeiouy])es?$", "s" if w.endswith("es") else "", w) if len(w) > 4 else w
    w = re.sub(r"th$", "S", w)
    w = w.replace("th", "T")
    out: list[str] = []
    for i, c in enumerate(w):
        nxt = w[i + 1] if i + 1 < len(w) else ""
        low = c.lower()
        if c.isupper():  # already a class from a rule (upper case marks it)
            out.extend(low)
            continue
        if low in "aeiouyhw":
            continue
        if low == "c":
            out.append("s" if nxt in ("e", "i", "y") else "k")
        elif low in "rl":
            # A liquid before a consonant or an r at the end is what Chinese and
            # Japanese transliterations drop (Starmer 斯塔默, Reynolds 雷诺兹).
            before_consonant = nxt and nxt.lower() not in "aeiouyhw"
            at_end = not nxt
            out.append("" if before_consonant or (at_end and low == "r") else "r")
        else:
            out.append({"b": "p", "f": "p", "v": "p", "d": "t", "g": "k", "q": "k",
                        "j": "s", "z": "s", "k": "k", "p": "p", "t": "t", "s": "s",
                        "m": "m", "n": "n"}.get(low, ""))
    return out


# ------------------------------------------------------------------------ matching


@dataclass(frozen=True)
class _Form:
    """What the matcher needs of one candidate, computed once."""

    family: str  # en / ja / zh
    kind: str  # type family
    folded: str
    parts: tuple[str, ...]  # skeleton of each part
    roman: str  # romanisation, parts joined without spaces, vowels normalised
    han: str  # the folded name when written in Han characters only, else ""
    full: bool  # more than one part (a full name, not a surname alone)
    words: tuple[tuple[frozenset[str], frozenset[str]], ...] = ()  # (stems, skeletons)


_LONG_VOWEL = re.compile(r"([aeiou])\1+|(?<=o)u|(?<=[aeiou])h(?=[^aeiou]|$)")


def _form(c: Candidate) -> _Form:
    family = _family(c.language)
    parts_roman = _romanise_parts(c.name, family)
    parts = tuple(s for s in (_part_skeleton(p, family) for p in parts_roman) if s)
    if family == "ja" and c.type == "person" and len(parts) > 2 and not _KANA.search(c.name):
        # Sudachi may cut a given name in two (種市 / 篤 / 暉): surname, given name.
        parts = (parts[0], _collapse(list("".join(parts[1:]))))
    roman = _LONG_VOWEL.sub(lambda m: m.group(1) or "", "".join(parts_roman).replace("'", ""))
    folded = fold(c.name).replace(" ", "")
    han = folded if family != "en" and folded and all(_HAN.match(ch) for ch in folded) else ""
    separated = len(_SEPARATORS.split(c.name.strip())) > 1
    full = separated or (family == "ja" and len(parts) > 1 and bool(han) and c.type == "person")
    kind = TYPE_FAMILY.get(c.type, c.type)
    words = _words(c.name, family) if kind in ("place", "organization", "program") else ()
    return _Form(family, kind, folded, parts, roman, han, full, words)


# Words a translation adds or drops freely (美国司法部 ~ Department of Justice): they
# count when matched but are not required.
_GENERIC = frozenset({"unit", "stat", "state", "usa", "us", "americ", "kingdo", "britai",
                      "great", "uk", "countr", "nation", "compan", "firm", "office",
                      "agency", "bureau", "group", "associ", "organi", "corpor", "the",
                      "prc", "name", "variou", "notabl", "inc", "ltd", "co"})


@lru_cache(maxsize=65536)
def _words(name: str, family: str) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """The words of a place or organisation name, each as (English stems, skeletons).

    English words give their stem and skeleton; Han runs are segmented and glossed
    through CC-CEDICT (:mod:`dossier.link.lexicon`), a run the dictionary does not know
    counts by its pinyin sound; katakana and Latin words count by their sound.
    """
    from dossier.link import lexicon

    out: list[tuple[frozenset[str], frozenset[str]]] = []
    for run in re.findall(r"[\u3400-\u9fff\uf900-\ufaff々]+|[\u30a0-\u30ff―]+|"
                          r"[A-Za-z\u00c0-\u024f']+", name):
        if _HAN.match(run):
            folded = fold(run)
            pieces = lexicon.segment(folded)
            known = [w for w in pieces if len(w) > 1 and w in lexicon.glosses()]
            if not known:
                sound = _part_skeleton("'".join(_pinyin(folded)), "zh") if family == "zh" else ""
                if sound:
                    out.append((frozenset(), frozenset({sound})))
                continue
            for w in known:
                stems = frozenset(lexicon.glosses()[w])
                out.append((stems, frozenset(_part_skeleton(x, "en") for x in stems)))
        elif _KANA.match(run):
            for piece in re.split("[・･]", run):
                sound = _part_skeleton(_kana_romaji(piece), "ja")
                if sound:
                    out.append((frozenset(), frozenset({sound})))
        else:
            low = _latin(run)
            if low in lexicon.STOPWORDS or not low:
                continue
            out.append((frozenset({lexicon.stem(low)}), frozenset({_part_skeleton(low, "en")})))
    return tuple(w for w in out if w[0] or any(w[1]))


def _word_match(a: tuple[frozenset[str], frozenset[str]],
                b: tuple[frozenset[str], frozenset[str]]) -> bool:
    if a[0] & b[0]:
        return True
    return any(len(x) >= 2 and len(y) >= 2 and _edit_similarity(x, y) >= SOUND_MIN
               for x in a[1] for y in b[1])


def meaning_score(a: _Form, b: _Form) -> float:
    """How much of each name the other translates: the smaller of the two shares of
    words matched (by gloss or by sound), generic words (美国, National) not required."""
    if not a.words or not b.words:
        return 0.0
    shares = []
    for x, y in ((a.words, b.words), (b.words, a.words)):
        need = [w for w in x if not (w[0] and w[0] <= _GENERIC)]
        if not need:
            return 0.0
        shares.append(sum(any(_word_match(w, v) for v in y) for w in need) / len(need))
    return min(shares)


@lru_cache(maxsize=1 << 18)
def _edit_similarity(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else (0.5 if {ca, cb} <= {"m", "n"} else 1)
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost))
        prev = cur
    return 1 - prev[-1] / max(len(a), len(b))


def name_score(a: _Form, b: _Form) -> float:
    """How alike two names are, 0 to 1, whatever their scripts."""
    if a.folded == b.folded:
        return 1.0
    if a.han and b.han:
        # A person's kanji name: one character more or less is another name (宮崎 ~
        # 宮崎駿); a place or a body may drop a word (郵便局 ~ 邮局).
        if a.kind == "person" and len(a.han) != len(b.han):
            return 0.0
        return SequenceMatcher(None, a.han, b.han).ratio()
    orders = [("".join(a.parts), "".join(b.parts))]
    if len(a.parts) == 2 and len(b.parts) == 2:  # Jun Kanno ~ 菅野潤 (Kanno Jun)
        orders.append(("".join(a.parts), b.parts[1] + b.parts[0]))
    skeleton_sim = max(_edit_similarity(x, y) for x, y in orders)
    roman_sim = SequenceMatcher(None, a.roman, b.roman).ratio()
    score = 0.75 * skeleton_sim + 0.25 * roman_sim
    # A full name against a full name: every part must agree, not just the letters
    # overall. One shared surname with two given names is two people (髙嶺史弥 and
    # 髙嶺心萌, Mike and Chris Johnson), whatever else they share.
    if a.full and b.full and len(a.parts) == len(b.parts) >= 2:
        straight = min(_edit_similarity(x, y) for x, y in zip(a.parts, b.parts))
        flipped = (min(_edit_similarity(a.parts[0], b.parts[1]),
                       _edit_similarity(a.parts[1], b.parts[0]))
                   if len(a.parts) == 2 else 0.0)
        if max(straight, flipped) < FULL_NAME_PART_MIN:
            score = min(score, FULL_NAME_PART_MIN - 0.1)
    return score


def _block_keys(f: _Form, kind: str) -> set[str]:
    """Keys under which a name meets the names it may be: the start of its skeleton
    (also with one of its first consonants dropped, as 詹斯勒 drops Gensler's g), of each
    part, its first Han character, and for places and bodies its glosses and sounds."""
    keys = set()
    if f.han:
        keys.add("h:" + f.han[:1])
    joined = "".join(f.parts)
    for piece in {joined, *f.parts}:
        keys.add(piece[:3])
        keys.add(piece[1:4])  # the first consonant dropped or added (詹斯勒 ~ Gensler)
        keys.add("<" + piece[-3:])  # the end, for a middle dropped (利文斯顿 ~ Livingston)
        for k in range(1, min(3, len(piece))):
            keys.add((piece[:k] + piece[k + 1:])[:3])
    for stems, sounds in f.words:  # translated names meet on a gloss or a sound
        keys.update("g:" + x for x in stems if x not in _GENERIC)
        keys.update("s:" + x[:3] for x in sounds if len(x) >= 2)
    keys.discard("")
    return {f"{kind}|{k}" for k in keys}


@dataclass
class _Group:
    """The candidates that are one actor before any comparison: those with one gazetteer
    id, or with one folded name, type and country. Compared once, whatever their number."""

    identity: str
    kind: str
    forms: list[_Form]
    members: list[int] = field(default_factory=list)
    entity_id: str | None = None
    country: str | None = None
    documents: set[str] = field(default_factory=set)
    offices: set[str] = field(default_factory=set)
    co_mentions: set[str] = field(default_factory=set)


@dataclass
class _Cluster:
    """What a merge must keep consistent: one gazetteer id, one country, one name per
    document, one full name per script for a person."""

    groups: list[int]
    ids: set[str]
    countries: set[str]
    documents: dict[str, str]  # document → identity of the name it uses
    full_names: dict[str, str]  # script family → identity of the person's full name

    def accepts(self, other: _Cluster) -> bool:
        if len(self.ids | other.ids) > 1 or len(self.countries | other.countries) > 1:
            return False
        small, large = sorted((self.documents, other.documents), key=len)
        if any(large.get(d, v) != v for d, v in small.items()):
            return False  # two different names in one document are two actors
        return all(other.full_names.get(f, v) == v for f, v in self.full_names.items())

    def absorb(self, other: _Cluster) -> None:
        self.groups += other.groups
        self.ids |= other.ids
        self.countries |= other.countries
        self.documents.update(other.documents)
        self.full_names.update(other.full_names)


def _groups(candidates: Sequence[Candidate], forms: list[_Form]) -> tuple[list[_Group], list[int]]:
    groups: list[_Group] = []
    index: dict[str, int] = {}
    group_of: list[int] = []
    for i, (c, f) in enumerate(zip(candidates, forms)):
        identity = c.entity_id or f"~{f.kind}:{c.country or ''}:{f.folded}"
        g = index.get(identity)
        if g is None:
            g = index[identity] = len(groups)
            groups.append(_Group(identity, f.kind, [], entity_id=c.entity_id, country=c.country))
        group = groups[g]
        if all(x.folded != f.folded for x in group.forms):
            group.forms.append(f)
        group.members.append(i)
        if c.document:
            group.documents.add(c.document)
        if c.office:
            group.offices.add(c.office)
        group.co_mentions |= c.co_mentions
        group_of.append(g)
    return groups, group_of


def _cluster_of(g: _Group, n: int) -> _Cluster:
    full = {f.family: g.identity for f in g.forms if f.full and g.kind == "person"}
    return _Cluster([n], {g.entity_id} if g.entity_id else set(),
                    {g.country} if g.country else set(),
                    dict.fromkeys(g.documents, g.identity), full)


def _need(a: _Group, b: _Group, aligned: bool) -> float:
    """The name score a pair must reach given what confirms it."""
    if aligned:
        return ALIGNED_MIN
    if a.offices & b.offices:
        return CONTEXT_MIN
    # Countries are co-mentioned by half the news (US, China): a shared actor that is not
    # a country, and one more, confirms.
    shared = a.co_mentions & b.co_mentions
    if len(shared) >= 2 and any(not s.startswith("country:") for s in shared):
        return CONTEXT_MIN
    return NAME_ONLY_MIN


def link(candidates: Sequence[Candidate], aligned: Iterable[tuple[int, int]] = (),
         fresh: Collection[int] | None = None) -> list[list[int]]:
    """Clusters of candidate indexes that name one actor (every index in one cluster).

    Candidates with one gazetteer id, or one folded name (雷諾茲 / 雷诺兹) of one type,
    are one actor from the start. Others are compared within blocks of their skeletons
    (and, for places and bodies, of their glosses). ``aligned`` holds pairs (i, j) known
    to be in aligned sentences of a translation pair (:mod:`dossier.link.align`); they
    need less name evidence than pairs confirmed by a shared office or shared
    co-mentions, and a pair with no context links only on a near-exact match of a long
    name. With ``fresh``, only pairs that involve one of those candidates (or are
    aligned) are compared: the others were compared before, with the same evidence.
    Clusters are sorted by their first index.
    """
    forms = [_form(c) for c in candidates]
    groups, group_of = _groups(candidates, forms)
    aligned_groups = {(min(group_of[i], group_of[j]), max(group_of[i], group_of[j]))
                      for i, j in aligned}
    keys = [set().union(*(_block_keys(f, g.kind) for f in g.forms)) for g in groups]
    blocks: dict[str, list[int]] = {}
    for n, group_keys in enumerate(keys):
        for key in group_keys:
            blocks.setdefault(key, []).append(n)
    new = None if fresh is None else {group_of[i] for i in fresh}
    scored: list[tuple[float, int, int]] = []
    # The pairs of each group with the later groups it shares a block with, one group at
    # a time: a set of all pairs would hold millions of tuples on a large corpus.
    for m, group_keys in enumerate(keys):
        near: set[int] = set()
        for key in group_keys:
            members = blocks[key]
            if len(members) <= MAX_BLOCK:  # a key this common tells nothing; rarer keys meet
                near.update(members[bisect.bisect_right(members, m):])
        if new is not None and m not in new:
            near = {n for n in near if n in new or (m, n) in aligned_groups}
        for n in sorted(near):
            edge = _edge(groups[m], groups[n], (m, n) in aligned_groups)
            if edge is not None:
                scored.append((edge, m, n))
    # Best pairs first; a merge that would put two incompatible names in one cluster
    # (two gazetteer ids, two full names in one script) is refused, so chains of weak
    # links cannot join what a direct comparison keeps apart.
    clusters = [_cluster_of(g, n) for n, g in enumerate(groups)]
    owner = list(range(len(groups)))
    for _, m, n in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        a, b = owner[m], owner[n]
        if a == b or not clusters[a].accepts(clusters[b]):
            continue
        if len(clusters[a].groups) < len(clusters[b].groups):
            a, b = b, a
        for g in clusters[b].groups:
            owner[g] = a
        clusters[a].absorb(clusters[b])
    out: dict[int, list[int]] = {}
    for i, g in enumerate(group_of):
        out.setdefault(owner[g], []).append(i)
    return sorted(out.values(), key=lambda m: m[0])


def _edge(a: _Group, b: _Group, aligned: bool) -> float | None:
    if a.kind != b.kind or (a.entity_id and b.entity_id):
        return None  # two gazetteer ids: two actors
    if a.country and b.country and a.country != b.country:
        return None
    if a.documents & b.documents:
        return None  # two different names in one document
    best = None
    need = _need(a, b, aligned)
    for fa in a.forms:
        for fb in b.forms:
            if (fa.family == fb.family and fa.full and fb.full and a.kind == "person"):
                continue  # two full names in one script: two people, whatever office
            edge = _form_edge(fa, fb, need, aligned)
            if edge is not None and (best is None or edge > best):
                best = edge
    return best


def _form_edge(fa: _Form, fb: _Form, need: float, aligned: bool) -> float | None:
    ja, jb = "".join(fa.parts), "".join(fb.parts)
    if need == NAME_ONLY_MIN:
        # With nothing to confirm it a pair needs one skeleton (in either order) and
        # a long one: a cheap test that spares the scoring of most pairs.
        if min(len(ja), len(jb)) < NAME_ONLY_LENGTH or (
                ja != jb and set(fa.parts) != set(fb.parts)) and fa.folded != fb.folded:
            return None
    elif not (fa.words and fb.words) and not (fa.han and fb.han):
        # The skeleton similarity can be no better than the lengths allow.
        longest = max(len(ja), len(jb), 1)
        if 0.75 * (1 - abs(len(ja) - len(jb)) / longest) + 0.25 < need:
            return None
    score = name_score(fa, fb)
    if fa.han and fb.han:
        need = max(need, HAN_MIN) if aligned else max(need, 0.99)
    if score >= need:
        return score
    if fa.words and fb.words and need < NAME_ONLY_MIN:
        meaning = meaning_score(fa, fb)
        if meaning >= (MEANING_ALIGNED_MIN if aligned else MEANING_CONTEXT_MIN):
            return 0.5 * meaning
    return None


# --------------------------------------------------------------------- short forms

# Titles written before or after a short form; stripped before matching.
_TITLES_AFTER = ("首相", "総理", "总理", "大統領", "总统", "總統", "大臣", "部長", "部长",
                 "長官", "长官", "外相", "外長", "外长", "議員", "议员", "議長", "议长",
                 "主席", "総裁", "总裁", "知事", "市長", "市长", "監督", "选手", "選手", "委員長",
                 "委员长", "代表", "幹事長", "官房長官", "女士", "先生", "夫人", "氏", "さん",
                 "様", "君", "容疑者", "被告", "教授", "博士", "社長", "会長", "将军", "將軍")
_TITLES_BEFORE = ("prime minister", "president", "chancellor", "minister", "secretary",
                  "speaker", "senator", "governor", "mayor", "general", "professor", "dr",
                  "mr", "mrs", "ms", "sir", "dame", "lord", "lady", "king", "queen",
                  "prince", "princess", "judge", "coach", "manager", "chairman", "director",
                  "rep", "sen", "gov", "pres")
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "junior", "ジュニア"})


def _strip_title(name: str) -> tuple[str, bool]:
    text = name.strip()
    low = text.lower()
    for title in sorted(_TITLES_BEFORE, key=len, reverse=True):
        if low.startswith(title) and (len(low) == len(title) or low[len(title)] in " ."):
            return text[len(title):].lstrip(" ."), True
    for title in sorted(_TITLES_AFTER, key=len, reverse=True):
        if text.endswith(title) and len(text) > len(title):
            return text[:-len(title)].rstrip("・ "), True
    return text, False


def _parts(name: str) -> list[str]:
    parts = [fold(p).strip(".") for p in _SEPARATORS.split(name.strip()) if p.strip(".")]
    while len(parts) > 1 and parts[-1] in _NAME_SUFFIXES:
        parts.pop()
    return parts


def _abbreviates(full: list[str], short: list[str], titled: bool) -> bool:
    """Whether ``short`` (folded parts) is a short form of ``full``."""
    if len(full) > len(short) and full[-len(short):] == short:
        return True  # Habeck of Robert Habeck, 斯塔默 of 基尔·斯塔默
    # The surname at the start of a kanji name without separators (竹下 of 竹下亘); one
    # character only with a title (习主席), alone it is too often a word.
    return (len(full) == 1 == len(short) and len(full[0]) > len(short[0])
            and all(_HAN.match(ch) for ch in full[0]) and full[0].startswith(short[0])
            and (len(short[0]) >= 2 or titled))


def short_forms(names_in_one_document: Sequence[str | Candidate]) -> dict[int, int]:
    """Inside one document, link each short form to the full name it abbreviates.

    A short form is a name that is the end of a longer name's parts (Habeck, 斯塔默,
    Sánchez Recarte), or, for a name written in Han characters without separators, its
    beginning (竹下 of 竹下亘); a title around it is ignored (Mr Habeck, 竹下首相,
    マセソン氏). A short form that fits two full names (吉川 with 吉川洋一朗 and
    吉川小百合) is left alone. Candidates must also agree in type. Returns
    {index of the short form: index of the full name}.
    """
    items = [n if isinstance(n, Candidate) else Candidate(n, "und", "") for n in names_in_one_document]
    stripped = [_strip_title(c.name) for c in items]
    fulls = [(i, _parts(bare)) for i, (bare, _) in enumerate(stripped)]
    out: dict[int, int] = {}
    for i, c in enumerate(items):
        bare, titled = stripped[i]
        short = _parts(bare)
        if not short:
            continue
        matches = set()
        for j, full in fulls:
            if j == i or (c.type and items[j].type and c.type != items[j].type):
                continue
            if full != short and _abbreviates(full, short, titled):
                matches.add(j)
        # A short form that fits two different full names is left alone.
        if len({fold(items[j].name) for j in matches}) == 1:
            out[i] = min(matches)
    return out
