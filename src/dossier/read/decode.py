"""Bytes → text, or a clear refusal. Never mojibake.

Order: a byte-order mark decides; NUL bytes mean BOM-less UTF-16 or binary; then
strict UTF-8 (most files); then the legacy East Asian encodings (GB18030/GBK,
Big5, Shift_JIS, EUC-JP), ranked by charset-normalizer and accepted only when
the winner reads cleanly.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

import charset_normalizer

from dossier.errors import ReadError

# Encodings dossier promises to read; charset-normalizer chooses among these only,
# so a Big5 file is never "decoded" as some Cyrillic code page.
LEGACY = ("gb18030", "big5", "cp932", "shift_jis", "euc_jp")
# Above this share of unlikely characters, a decoding is not trusted.
MAX_CHAOS = 0.1
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_NAMES = {"cp932": "shift_jis", "euc_jis_2004": "euc_jp", "utf_16_le": "utf-16-le",
          "utf_16_be": "utf-16-be", "big5hkscs": "big5", "gbk": "gb18030", "gb2312": "gb18030"}


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the first block, and no UTF-16 mark or shape."""
    head = data[:8192]
    if not head or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return not _utf16_shape(head)
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(head) > 0.05


def _utf16_shape(head: bytes) -> bool:
    # ASCII-heavy UTF-16 has NUL in every other byte.
    even, odd = head[0::2], head[1::2]
    return even.count(0) > 0.3 * len(even) or odd.count(0) > 0.3 * len(odd)


def decode(data: bytes) -> Decoded:
    """Decode an article's bytes; raise :class:`ReadError` when it cannot be done with confidence."""
    if not data.strip():
        raise ReadError("empty file")
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                return Decoded(_tidy(data.decode(name)), name)
            except UnicodeDecodeError as exc:
                raise ReadError(f"starts with a {name} byte-order mark but is not valid {name} "
                                f"(byte {exc.start})") from None
    if looks_binary(data):
        raise ReadError("binary file, not text")
    if b"\x00" in data[:8192]:
        # Text with NUL bytes can only be BOM-less UTF-16; anything else is binary.
        for name in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(name)
            except UnicodeDecodeError:
                continue
            if not _implausible(text) and not _controls(text) and _familiar(text):
                return Decoded(_tidy(text), name)
        raise ReadError("binary file, not text")
    try:
        return Decoded(_tidy(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data, cp_isolation=list(LEGACY)).best()
    if best is None or best.chaos > MAX_CHAOS:
        raise ReadError("cannot tell its encoding with confidence (tried UTF-8, UTF-16, GB18030, "
                        "Big5, Shift_JIS, EUC-JP); convert it to UTF-8")
    text = str(best)
    if _implausible(text):
        raise ReadError(f"decodes as {best.encoding} only with unlikely characters; "
                        "convert it to UTF-8")
    return Decoded(_tidy(text), _NAMES.get(best.encoding, best.encoding))


def _implausible(text: str) -> bool:
    sample = text[:20000]
    odd = sum(1 for c in sample if unicodedata.category(c) in ("Co", "Cn", "Cs") or c == "\ufffd")
    return odd > max(2, len(sample) // 200)


# Scripts an article in dossier's languages is written in: Latin, CJK punctuation,
# kana, Han, Hangul, full-width forms.
_FAMILIAR = re.compile(r"[\t\n\r -~\u00a0-\u024f\u2000-\u206f\u3000-\u30ff\u3400-\u9fff\uac00-\ud7af\uff00-\uffef]")


def _familiar(text: str) -> bool:
    sample = text[:8192]
    return len(_FAMILIAR.findall(sample)) >= 0.95 * len(sample)


def _controls(text: str) -> bool:
    sample = text[:8192]
    return sum(1 for c in sample if c < " " and c not in "\t\n\r\f") > len(sample) // 100


def _tidy(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
