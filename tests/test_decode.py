import pytest

from dossier.errors import ReadError
from dossier.read.decode import decode

ZH_HANS = "英国首相斯塔默于2026年1月31日抵达东京，与日本首相高市早苗举行会谈。双方同意加强经济安全合作。"
ZH_HANT = "英國首相施紀賢於2026年1月抵達東京，與日本首相高市早苗舉行會談。雙方同意加強經濟安全合作。"
JA = "スターマー英首相は1月31日、東京で高市早苗首相と会談した。両首脳は経済安全保障で協力することで一致した。"


@pytest.mark.parametrize("text,encoding,expected", [
    (ZH_HANS, "utf-8", "utf-8"),
    (ZH_HANS, "utf-8-sig", "utf-8-sig"),
    (ZH_HANS, "utf-16", "utf-16"),
    ("Starmer met Takaichi in Tokyo.", "utf-16-le", "utf-16-le"),
    (ZH_HANS, "gb18030", "gb18030"),
    (ZH_HANT, "big5", "big5"),
    (JA, "shift_jis", "shift_jis"),
    (JA, "euc_jp", "euc_jp"),
])
def test_decodes_each_supported_encoding(text, encoding, expected):
    decoded = decode(text.encode(encoding))
    assert decoded.text == text
    assert decoded.encoding == expected


def test_crlf_becomes_newline():
    assert decode("第一行\r\n第二行\r".encode()).text == "第一行\n第二行\n"


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    (bytes(range(128, 256)) * 40, "encoding"),
])
def test_refuses_what_it_cannot_read(data, reason):
    with pytest.raises(ReadError, match=reason):
        decode(data)
