"""Numbers written in Chinese, Japanese or Arabic digits, as values.

``parse_number`` reads one numeral: Arabic digits (half- or full-width, with
thousands separators and a decimal point), Chinese/Japanese numerals
(二十, 三十一, 〇, 廿, 两/兩, financial forms 壹貳參…), positional digit strings
(二〇二六, 一九九八), and mixtures with the large-scale words 万/萬/亿/億/兆/千万
(``1.5万`` → 15000, ``3千万`` → 30000000).

It returns ``None`` for anything it cannot read exactly — never a guess — so a
caller can keep the span as unparsed. Overlong inputs are refused rather than
turned into huge integers.

The regex fragments at the bottom (``NUM``, ``DIGITS``…) are shared by
``times`` and ``quantities`` so that all three modules agree on what a numeral
looks like.
"""

from __future__ import annotations

# Full-width digits and punctuation that occur inside numbers.
_WIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")

DIGIT_VALUE: dict[str, int] = {
    "〇": 0, "零": 0, "○": 0, "０": 0,
    "一": 1, "壹": 1, "弌": 1,
    "二": 2, "貳": 2, "贰": 2, "弐": 2, "两": 2, "兩": 2, "俩": 2, "倆": 2,
    "三": 3, "參": 3, "叁": 3, "参": 3, "仨": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陸": 6, "陆": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
# Small units multiply the digit before them; 廿/卅/卌 are 20/30/40 on their own.
SMALL_UNIT: dict[str, int] = {
    "十": 10, "拾": 10, "什": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000,
}
TENS_WORD: dict[str, int] = {"廿": 20, "卄": 20, "念": 20, "卅": 30, "卌": 40}
# Large units close a group: 三千五百万 = (3500) × 10^4.
LARGE_UNIT: dict[str, int] = {
    "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12,
}

# Longest numeral text we try to read: longer runs are IDs, phone numbers or
# garbage, and reading them would only produce meaningless huge values.
MAX_NUMERAL_CHARS = 40

_CJK_CHARS = set(DIGIT_VALUE) | set(SMALL_UNIT) | set(TENS_WORD) | set(LARGE_UNIT)


def to_halfwidth(text: str) -> str:
    """Map full-width digits, point and comma to ASCII (same length)."""
    return text.translate(_WIDTH)


def _parse_arabic(text: str) -> int | float | None:
    s = text.replace(",", "")
    if not s or s.count(".") > 1 or s.startswith(".") or s.endswith("."):
        return None
    if not s.replace(".", "").isdigit():
        return None
    if "." in s:
        return float(s)
    return int(s)


def _parse_group(text: str) -> int | None:
    """A numeral below 10^4 written with 十百千 (or a bare digit string)."""
    if not text:
        return None
    if all(ch in DIGIT_VALUE for ch in text):
        # 二〇二六 / 一九九八: positional digits. A single 两 reads as 2.
        value = 0
        for ch in text:
            value = value * 10 + DIGIT_VALUE[ch]
        return value
    total = 0
    digit: int | None = None
    last_unit = 10**5
    zero_seen = False
    for ch in text:
        if ch in DIGIT_VALUE:
            if digit is not None and DIGIT_VALUE[ch] != 0 and digit != 0:
                return None  # 二三十: two digits in a row inside a unit numeral
            digit = DIGIT_VALUE[ch]
            zero_seen = zero_seen or digit == 0
        elif ch in SMALL_UNIT:
            unit = SMALL_UNIT[ch]
            if unit >= last_unit:
                return None  # 十百, 百百: units must fall
            total += (1 if digit is None else digit) * unit
            digit = None
            last_unit = unit
        elif ch in TENS_WORD:
            if total or digit is not None:
                return None
            total += TENS_WORD[ch]
            last_unit = 10
        else:
            return None
    if digit is not None:
        # 三百五 is 350 in speech; in news 一千二 is 1200. Treat a trailing digit
        # after a unit as the next lower unit only for 百/千 (万 handled above).
        if last_unit in (100, 1000) and digit and not zero_seen and total % last_unit == 0:
            total += digit * (last_unit // 10)
        else:
            total += digit
    return total


def _parse_mixed(text: str) -> int | float | None:
    """Split on large units (万 亿 兆) and read each part (Arabic or CJK)."""
    total: int | float = 0
    current = ""
    last_large = 10**17
    for ch in text:
        if ch in LARGE_UNIT:
            unit = LARGE_UNIT[ch]
            if not current and total and unit > last_large:
                total *= unit  # 万亿: a larger unit straight after a smaller one
                last_large = unit
                continue
            part = _parse_part(current) if current else 1
            if part is None:
                return None
            if unit >= last_large:
                # 千万/万亿: a large unit after a smaller one multiplies everything so far.
                total = (total + part) * unit
            else:
                total += part * unit
            last_large = unit
            current = ""
        else:
            current += ch
    if current:
        part = _parse_part(current)
        if part is None:
            return None
        total += part
    if isinstance(total, float) and total.is_integer():
        return int(total)
    return total


def _parse_part(text: str) -> int | float | None:
    if text[0].isdigit() or text[0] == ".":
        # 1.5 / 3千 / 2百: Arabic digits possibly followed by one small unit.
        i = 0
        while i < len(text) and (text[i].isdigit() or text[i] in ".,"):
            i += 1
        head = _parse_arabic(text[:i])
        if head is None:
            return None
        rest = text[i:]
        if not rest:
            return head
        if rest in SMALL_UNIT:
            value = head * SMALL_UNIT[rest]
            return int(value) if isinstance(value, float) and value.is_integer() else value
        return None
    return _parse_group(text)


def parse_number(text: str) -> int | float | None:
    """Return the value of one numeral, or ``None`` if it is not a well-formed number.

    >>> parse_number("三十一"), parse_number("廿"), parse_number("1.5万"), parse_number("２０")
    (31, 20, 15000, 20)
    """
    if not text or len(text) > MAX_NUMERAL_CHARS:
        return None
    s = to_halfwidth(text.strip())
    if not s:
        return None
    if s.isascii():
        return _parse_arabic(s)
    if any(not (ch.isdigit() or ch in ".," or ch in _CJK_CHARS) for ch in s):
        return None
    if s[0] in ".,":
        return None
    # Both Arabic digits and CJK digits (not units) in one run, e.g. "2〇26", is malformed.
    has_arabic = any(ch.isascii() and ch.isdigit() for ch in s)
    if has_arabic and any(ch in DIGIT_VALUE for ch in s):
        return None
    try:
        return _parse_mixed(s)
    except (ValueError, OverflowError):
        return None


def parse_digits(text: str) -> int | None:
    """Read a positional digit string (``2026``, ``２０２６``, ``二〇二六``) as an int."""
    s = to_halfwidth(text)
    if s.isdigit() and s.isascii():
        return int(s)
    if s and all(ch in DIGIT_VALUE for ch in s):
        value = 0
        for ch in s:
            value = value * 10 + DIGIT_VALUE[ch]
        return value
    return None


# --- regex fragments shared by times.py and quantities.py -------------------------------
# ASCII and full-width digits.
DIGIT = "[0-9０-９]"
# A CJK numeral character (digits, small units, 廿 and large units).
CJK_DIGIT = "[〇零○一二三四五六七八九两兩俩倆壹贰貳弐叁參肆伍陆陸柒捌玖]"
CJK_NUM_CHAR = "[〇零○一二三四五六七八九十百千两兩俩倆廿卅壹贰貳弐叁參肆伍陆陸柒捌玖拾佰仟]"
# Arabic number with optional thousands separators and decimals.
ARABIC = r"[0-9０-９]+(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?"
# A CJK numeral without large units (for days, months, hours: 三十一, 廿, 十二).
CJK_SMALL = CJK_NUM_CHAR + "+"
# Any numeral, including large units: 1.5万, 三千五百万, 12億3000万.
NUM = (
    "(?:" + ARABIC + "|" + CJK_NUM_CHAR + ")"
    "(?:" + ARABIC + "|[〇零○一二三四五六七八九十百千两兩壹贰貳叁參肆伍陆陸柒捌玖拾佰仟廿万萬亿億兆])*"
)
# A small numeral (no large units) usable for month/day/hour positions.
SMALL_NUM = "(?:" + DIGIT + "{1,2}|" + CJK_SMALL + ")"
