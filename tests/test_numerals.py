"""Chinese/Japanese numerals and full-width digits."""

import pytest

from dossier.analyse.numerals import parse_digits, parse_number, to_halfwidth


@pytest.mark.parametrize("text, value", [
    ("二十", 20), ("三十一", 31), ("〇", 0), ("廿", 20), ("廿五", 25), ("两", 2), ("兩千", 2000),
    ("仨", 3), ("俩", 2),  # colloquial three and two (仨月 = three months)
    ("十", 10), ("十五", 15), ("一百零五", 105), ("三百五", 350), ("一千二", 1200),
    ("二〇二六", 2026), ("三千五百万", 35_000_000), ("1.5万", 15_000), ("3千万", 30_000_000),
    ("1037亿", 103_700_000_000), ("12億3000万", 1_230_000_000), ("2万亿", 2 * 10**12),
    ("２０", 20), ("１，２３４", 1234), ("1,234.5", 1234.5), ("貳拾", 20),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "abc", "二三十", "十百", "2〇26", "1..2", "9" * 41, "九成"])
def test_malformed_numbers_are_refused_not_guessed(text):
    assert parse_number(text) is None


def test_positional_digits_and_width():
    assert parse_digits("一九九八") == 1998
    assert parse_digits("２０２６") == 2026
    assert to_halfwidth("２０２６．５") == "2026.5"
