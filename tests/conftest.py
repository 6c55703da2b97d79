from pathlib import Path

import pytest

ARTICLE_ZH = """国际 | 时政
斯塔默抵达东京
2026-02-01

英国首相斯塔默1月31日抵达东京，与日本首相高市早苗举行会谈。

双方同意加强关键矿产合作。
"""
ARTICLE_JA = """スターマー首相が来日
2026年2月1日

スターマー英首相は1月31日、東京で高市早苗首相と会談した。

両首脳は重要鉱物の協力で一致した。
"""
ARTICLE_EN = """Starmer visits Tokyo
Published: 1 February 2026

Keir Starmer met Sanae Takaichi in Tokyo on 31 January. The two leaders agreed to work together.
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A small folder of good articles in three languages and two encodings."""
    root = tmp_path / "articles"
    (root / "zh").mkdir(parents=True)
    (root / "zh" / "a.txt").write_text(ARTICLE_ZH, encoding="utf-8")
    (root / "ja.txt").write_bytes(ARTICLE_JA.encode("shift_jis"))
    (root / "en.md").write_text(ARTICLE_EN, encoding="utf-8")
    return root
