"""English names: capitalised spans, typed by titles, organisation heads, countries and
the preposition before them.

A span is a run of capitalised words (with ``of``/``de``/``van`` and initials inside).
``Prime Minister Keir Starmer``: the title is cut and marks a person; ``Ministry of
Defence``: the head marks an organisation; ``in Tokyo``: the preposition marks a place;
``the Second World War`` names no actor at all.
A single word that ends an earlier person's name (``Starmer said``) is that person.
"""

from __future__ import annotations

import re
from functools import cache

from dossier.analyse.names import Name, finder, resolve_overlaps, wordset

_WORD = r"(?:[A-Z][a-zA-Z'’\-]*[a-zA-Z]|[A-Z]\.|[A-Z]{2,}|[A-Z])"
_JOIN = r"(?:[ \t]+(?:of|the|de|da|del|der|di|van|von|bin|al|la|le|du|for)(?=[ \t]+[A-Z]))*"
_SPAN = re.compile(rf"{_WORD}(?:{_JOIN}[ \t]+{_WORD}|-{_WORD})*")

TITLES = (
    "Prime Minister", "Deputy Prime Minister", "President", "Vice President", "Vice-President",
    "Chancellor", "Foreign Minister", "Defence Minister", "Defense Minister", "Finance Minister",
    "Trade Minister", "Minister", "Foreign Secretary", "Defence Secretary", "Home Secretary",
    "Secretary of State", "Defense Secretary", "Secretary", "Secretary-General",
    "Secretary General", "Senator", "Sen.", "Rep.", "Representative", "Governor", "Mayor",
    "King", "Queen", "Prince", "Princess", "Emperor", "Pope", "Ambassador", "Speaker",
    "Chief Cabinet Secretary", "Premier", "Chairman", "Chairwoman", "Chief Executive", "CEO",
    "General", "Gen.", "Admiral", "Adm.", "Colonel", "Col.", "Lieutenant", "Captain",
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Sir", "Dame", "Lord", "Lady",
    "Professor", "Prof.", "Judge", "Justice", "Sheikh", "Crown Prince", "Spokesman",
    "Spokeswoman", "Spokesperson", "Leader", "Opposition Leader",
)
_TITLE = re.compile(
    r"^(?:(?:Former|Acting|Deputy|Foreign|Defence|Defense|British|Japanese|Chinese|US|U\.S\.)\s+)*"
    r"(?:" + "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True)) + r")\s+"
)
ORG_HEADS = wordset(
    "Ministry Party Council Agency Bank Corporation Corp Corp. Inc Inc. Ltd Ltd. LLC Co "
    "Co. University College Commission Committee Organization Organisation Union "
    "Association Institute Group Company Forces Force Army Navy Parliament Congress "
    "Senate Assembly Court Department Office Federation Foundation Fund Authority Board "
    "Bureau Service Police Agency Administration Cabinet Diet Times Post Journal News "
    "Press Reuters Airlines Motors Holdings Electric Industries Bureau Secretariat "
    "Alliance Coalition Front Movement"
)
ORG_STARTS = ("Ministry of", "Bank of", "University of", "Department of", "Office of",
              "Board of", "House of", "Federation of", "Association of", "Embassy of")
PLACE_HEADS = wordset(
    "City Province Prefecture County State Island Islands Sea Ocean River Mountain Mount "
    "Street Square Strait Bay Peninsula Valley District Region Airport Port Lake Gulf"
)
# The last word of a capitalised span that names an occasion, a document or a period, not
# an actor: the Second World War, the Olympic Games, the Paris Agreement.
EVENT_HEADS = wordset(
    "War Wars Games Olympics Cup Championship Championships Summit Conference Festival Expo "
    "Award Awards Prize Treaty Agreement Accord Pact Act Declaration Communique Initiative "
    "Dialogue Crisis Revolution Election Elections Day Week Era Dynasty"
)
# Capitalised words that are not names: sentence openers, months, days, demonyms.
STOP = wordset(
    "The A An This That These Those It He She They We I You His Her Their Our Its In On "
    "At For From To By With As But And Or If When While After Before Since Under Over "
    "About Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February "
    "March April May June July August September October November December Mr Mrs Ms Dr "
    "Also However There Here What Who Why How Where Which Yet So Not No Yes Both Each "
    "Every All Some Many Most British English Japanese Chinese American French German "
    "Russian Korean European Asian Western Eastern Prime Minister President Secretary "
    "Published Updated Read More Photo Image Source Copyright Reuters AP AFP Share "
    "Comment Related Breaking Live Watch"
)
_PLACE_PREP = re.compile(r"(?:\bin|\bat|\bfrom|\bnear|\bto|\bvisit(?:ed|s)?|\barrived in)\s+$")


@cache
def _countries() -> frozenset[str]:
    from dossier.analyse.names.countries import EN_COUNTRIES

    return EN_COUNTRIES


def _strip_stop(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop sentence openers and possessives at the ends of a span."""
    while True:
        m = re.match(r"(\S+)\s+", text[start:end])
        if m and m.group(1) in STOP and not _TITLE.match(text[start:end]):
            start += m.end()
        else:
            break
    if text[start:end].endswith(("'s", "’s")):
        end -= 2
    return start, end


# Chinese and Korean surnames as romanised: names written surname first (Wang Yi, Lee
# Jae-myung, Cho Tae-yul) are later shortened to their first word (Wang, Lee, Cho). Not
# He or Oh: as words they open too many sentences.
EAST_ASIAN_SURNAMES = wordset(
    "Wang Li Zhang Liu Chen Yang Zhao Huang Zhou Wu Xu Sun Zhu Ma Hu Guo Lin Gao Luo Zheng"
    " Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du"
    " Ye Cheng Wei Su Lu Ding Ren Shen Yao Qin Lai Tsai Kim Lee Park Choi Jung Chung Kang Cho"
    " Yoon Jang Lim Shin Seo Kwon Hwang Ahn Moon Yoo Hong Jeon Ko Baek")


def _short_forms(words: list[str]) -> set[str]:
    """How a full name is shortened: its last word (Starmer), and its first too when
    that is an East Asian surname written first (Wang of Wang Yi)."""
    out = {words[-1]}
    if len(words) >= 2 and words[0] in EAST_ASIAN_SURNAMES:
        out.add(words[0])
    return out


@finder("en")
def find_names(text: str) -> list[Name]:
    names: list[Name] = []
    countries = _countries()
    surnames: set[str] = set()
    for m in _SPAN.finditer(text):
        start, end = _strip_stop(text, *m.span())
        span = text[start:end]
        if not span or span in STOP or (len(span) == 1) or span.lower() == span:
            continue
        words = span.split()
        title = _TITLE.match(span)
        if title:
            rest_start = start + title.end()
            if rest_start < end:
                names.append(Name(rest_start, end, text[rest_start:end], "person", "rule"))
                surnames |= _short_forms(text[rest_start:end].split())
            continue
        if len(words) >= 2 and words[-1] in EVENT_HEADS:
            continue
        if span in countries or span.removeprefix("the ") in countries:
            names.append(Name(start, end, span, "country", "rule"))
        elif words[-1] in ORG_HEADS or span.startswith(ORG_STARTS) or (
                span.isupper() and 2 <= len(span) <= 6 and span.isalpha()):
            names.append(Name(start, end, span, "organization", "rule"))
        elif words[-1] in PLACE_HEADS or _PLACE_PREP.search(text[max(0, start - 15):start]):
            names.append(Name(start, end, span, "place", "rule"))
        elif len(words) >= 2 and all(w[0].isupper() for w in words):
            names.append(Name(start, end, span, "person", "rule"))
            surnames |= _short_forms(words)
        elif span in surnames:
            names.append(Name(start, end, span, "person", "rule"))
    # A surname seen before its full name in the text (headline "Starmer visits …").
    names = [
        Name(n.start, n.end, n.text, "person", n.source)
        if n.type == "place" and n.text in surnames else n for n in names
    ]
    extra = [
        Name(m.start(), m.end(), m.group(), "person", "rule")
        for surname in surnames for m in re.finditer(rf"\b{re.escape(surname)}\b", text)
    ]
    return resolve_overlaps(names + extra)
