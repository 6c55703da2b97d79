"""MinHash signatures of folded text, as bytes, and their LSH band keys.

A document's *shingles* are runs of ``SHINGLE_CJK`` consecutive Han/kana characters or
``SHINGLE_LATIN`` consecutive Latin words/numbers of its folded text (punctuation and
spacing dropped), so a repost with other line breaks, full-width digits or the other
Chinese script has the same shingles. ``PERMUTATIONS`` hash functions give a signature
whose share of equal positions estimates the Jaccard similarity of two shingle sets.

LSH banding: the signature is cut into ``BANDS`` bands of ``ROWS`` values; two documents
become candidates when any band is equal. The probability of that is
``1 - (1 - J**ROWS)**BANDS``: 0.56 at J = 0.4, 0.87 at 0.5, 0.99 at 0.6, 0.9995 at 0.7,
while unrelated articles (J < 0.1) collide with probability < 0.004. Candidates are then
checked against the estimated Jaccard (see ``copies.NEAR_DUPLICATE``).

Signatures are ``PERMUTATIONS`` little-endian uint32 values (512 bytes): never pickled,
stable across processes and machines because the hash functions come from a fixed seed.
Changing ``SEED``, ``PERMUTATIONS`` or the shingling makes stored signatures meaningless.
"""

from __future__ import annotations

import hashlib
import re
import zlib

import numpy as np

from dossier.analyse.fold import fold

PERMUTATIONS = 128
BANDS, ROWS = 32, 4
SEED = 20260126
SHINGLE_CJK = 5
SHINGLE_LATIN = 3
# Fewer shingles than this and a document is too short to call anything a copy of it.
MIN_SHINGLES = 12

_rng = np.random.default_rng(SEED)
# Multiply-shift hashing (Dietzfelbinger et al. 1997): h(x) = ((a*x + b) mod 2**64) >> 32
# with a odd. uint64 arithmetic wraps modulo 2**64, which is exactly what it needs. (A
# "(a*x + b) mod p" family with a*x kept below 2**64 to avoid wrapping is nearly linear and
# makes unrelated documents share minima.)
_A = _rng.integers(0, 1 << 63, PERMUTATIONS, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
_B = _rng.integers(0, 1 << 63, PERMUTATIONS, dtype=np.uint64)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_TOKEN = re.compile(_CJK.pattern + r"|[0-9a-z]+")

assert BANDS * ROWS == PERMUTATIONS


def shingles(text: str, folded: str | None = None) -> set[int]:
    """32-bit hashes of the shingles of ``text`` (folded here unless ``folded`` is given)."""
    folded = fold(text) if folded is None else folded
    tokens = _TOKEN.findall(folded)
    if not tokens:
        return set()
    cjk = len(_CJK.findall(folded))  # the one-character tokens above U+3000
    k = SHINGLE_CJK if cjk * 2 >= len(tokens) else SHINGLE_LATIN
    joiner = "" if k == SHINGLE_CJK else " "
    if len(tokens) <= k:
        return {zlib.crc32(joiner.join(tokens).encode())}
    # The k-grams as tuples by zip, joined, encoded and hashed by map: the same values as a
    # loop over positions, without a Python step per position.
    grams = zip(*(tokens[i:] for i in range(k)))
    return set(map(zlib.crc32, map(str.encode, map(joiner.join, grams))))


def signature(hashes: set[int]) -> bytes:
    """The MinHash signature of a set of shingle hashes (must not be empty)."""
    x = np.fromiter(hashes, dtype=np.uint64, count=len(hashes))
    with np.errstate(over="ignore"):
        values = (np.outer(_A, x) + _B[:, None]) >> np.uint64(32)
    return values.min(axis=1).astype("<u4").tobytes()


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    return float(np.mean(np.frombuffer(a, "<u4") == np.frombuffer(b, "<u4")))


def band_keys(sig: bytes) -> list[int]:
    """One signed 64-bit key per band (band number included, so bands never collide)."""
    width = ROWS * 4
    return [int.from_bytes(hashlib.blake2b(bytes([band]) + sig[band * width:(band + 1) * width],
                                           digest_size=8).digest(), "big", signed=True)
            for band in range(BANDS)]
