"""Japanese names: Sudachi proper-noun tags plus rules.

Sudachi (``sudachidict_core``, mode C) tags 人名 (姓/名) and 地名 (国 for countries);
it has no organisation tag, so organisations come from suffix rules (…株式会社,
…党, …省, …大学) over proper nouns. Katakana words before a person cue (氏, 首相,
大統領, also after a prefix: 元副会長, 上院議員) or after a role word (俳優の…,
哲学者…), and runs joined by ・ are people even when the dictionary does not know them.

The dictionary's tags need checking against their context: 見方 is also a family name
(not after a quotation, …との見方), 等 and 一人 also given names (not after a family
name), 三女 is no family name before a given name, a dotted katakana run before a noun
is part of a longer name (…空港, …FC戦), and one with a common word in it (ギター,
キャピタル) is a band or a company. Rules were tuned on the dev half of the Stockmark
set only (``eval/ner_eval.py`` reports the test half).

The people are then decided by a CRF over the same tokens (``ja_crf``, trained on that
dev half by ``tools/train_ja_ner.py``) that takes the rules' names as one of its
features: it finds the single katakana names the rules cannot tell from common words
(…、コックスはロンドンで…) and drops rule people it is sure are not people. Without
the model file the rules' people stand.
"""

from __future__ import annotations

import re
from functools import cache

from dossier.analyse.names import Name, finder, resolve_overlaps, wordset

# Words right after a person's name in news and reference text.
PERSON_CUES = (
    "氏", "さん", "様", "君", "ちゃん", "首相", "大統領", "副大統領", "総理", "総理大臣", "大臣",
    "外相", "防衛相", "財務相", "外務大臣", "国防相", "国務長官", "長官", "議員", "知事", "市長",
    "代表", "委員長", "議長", "総裁", "幹事長", "会長", "社長", "監督", "選手", "教授", "博士",
    "国王", "女王", "王子", "皇太子", "大使", "報道官", "書記長", "主席", "首席", "被告", "容疑者",
    "侯爵", "伯爵", "公爵", "将軍", "大将", "中将", "少将", "大佐", "中佐", "少佐", "投手", "夫人",
    "夫妻", "兄弟", "一家", "皇帝", "国務相", "首席補佐官", "司令官", "元帥", "枢機卿", "牧師",
)
# Heads that make the proper noun (or run of nouns) before them an organisation.
ORG_SUFFIXES = (
    "株式会社", "有限会社", "合同会社", "会社", "銀行", "証券", "製作所", "工業", "商事", "物産",
    "電機", "電気", "自動車", "重工", "グループ", "ホールディングス", "新聞", "新聞社", "放送",
    "テレビ", "大学", "学院", "高等学校", "高校", "中学校", "研究所", "協会", "連盟", "連合",
    "機構", "財団", "委員会", "評議会", "議会", "政府", "省", "庁", "党", "軍", "隊", "団", "組合",
    "クラブ", "チーム", "社", "局", "部", "院", "会",
)
_ORG_HEADS = frozenset(ORG_SUFFIXES)
ORG_PREFIXES = ("株式会社", "有限会社", "合同会社", "一般社団法人", "公益財団法人", "学校法人")


@cache
def _dictionary():
    from sudachipy import Dictionary

    return Dictionary(dict="core")


@cache
def _tokenizer():
    from sudachipy import SplitMode

    return _dictionary().tokenizer(SplitMode.C)


def _is_katakana(word: str) -> bool:
    return bool(word) and all("\u30a0" <= c <= "\u30ff" or c in "・=＝" for c in word)


def _is_foreign_piece(word: str) -> bool:
    """A piece of a foreign name joined by ・ or = (katakana, or a Latin initial)."""
    return _is_katakana(word) or (word.isascii() and word.isalpha() and len(word) <= 2)


def _is_kanji(word: str) -> bool:
    return bool(word) and all("\u4e00" <= c <= "\u9fff" or c in "々〆ヶ" for c in word)


# Place heads that continue a place (東京+都, 多摩+川); words after which a place stays
# a place (日本+人, 沖縄+県民); any other noun after a place makes it part of a larger
# name (霧島市民会館, 中東戦争), which is not reported as the place.
PLACE_HEADS = wordset(
    "県 都 府 道 市 町 村 区 郡 州 省 島 山 川 湖 海 湾 沖 半島 地方 地区 地域 国 藩 山麓 山脈 諸島 列島 平野 盆地 高原 峠 岬"
)
PLACE_KEEPERS = wordset(
    "人 国内 国外 県民 市民 町民 村民 都民 府民 出身 在住 全土 各地 側 北部 南部 東部 西部 中部 沿岸 周辺 近郊 郊外 方面 国民 政府 代表"
)
PERSON_KIND = {"person"}

Token = tuple  # (begin, end, surface, part_of_speech, is_oov)


# Part-of-speech tuples and kinds by Sudachi's part-of-speech id: building the tuple for
# every token was a tenth of the finder's time.
_POS: dict[int, tuple[tuple[str, ...], str]] = {}


def _tokens_and_kinds(text: str) -> tuple[list[Token], list[str]]:
    tokens, kinds = [], []
    known = _POS
    for m in _tokenizer().tokenize(text):
        pos_id = m.part_of_speech_id()
        entry = known.get(pos_id)
        if entry is None:
            pos = m.part_of_speech()
            entry = known[pos_id] = (pos, _kind(pos))
        tokens.append((m.begin(), m.end(), m.surface(), entry[0], m.is_oov()))
        kinds.append(entry[1])
    return tokens, kinds


def _tokens(text: str) -> list[Token]:
    return _tokens_and_kinds(text)[0]


def _kind(pos: tuple[str, ...]) -> str:
    """person / place / country / proper / noun / suffix / other for one token."""
    if pos[0] == "接尾辞":
        return "suffix"
    if pos[0] != "名詞":
        return "other"
    if pos[1] == "固有名詞":
        if pos[2] == "人名":
            return "person"
        if pos[2] == "地名":
            return "country" if pos[3] == "国" else "place"
        return "proper"
    if pos[1] == "普通名詞":
        return "noun"
    return "other"


def _person_end(tokens: list[Token], kinds: list[str], i: int) -> int:  # noqa: C901
    """Index after the person name that starts at token ``i``."""
    n = len(tokens)
    j = i + 1
    while j < n:
        surface = tokens[j][2]
        if kinds[j] == "person" and surface not in NOT_GIVEN and not (
                tokens[j][3][3] == "姓" and tokens[j - 1][3][3] == "名"):
            j += 1
        elif surface in ("・", "=", "＝") and j + 1 < n and _is_foreign_piece(tokens[j - 1][2]) \
                and _is_foreign_piece(tokens[j + 1][2]) and tokens[j + 1][2] not in PERSON_CUES:
            j += 2
        elif tokens[i][3][3] == "姓" and j - i <= 2 and (
                tokens[j - 1][3][3] != "名" or len(text_of(tokens, i + 1, j + 1)) <= 2) \
                and kinds[j] in ("noun", "proper", "place") \
                and (tokens[j][4] or len(surface) == 1 or kinds[j] == "place") \
                and _given_name_like(surface) and surface not in AFTER_SURNAME \
                and len(text_of(tokens, i + 1, j + 1)) <= 3:
            j += 1  # 姓 + a given name the dictionary does not know (影山ヒロノブ, 片山英木)
        else:
            break
    return j


# Heads that make a person's name part of another name (吉田内閣, オスマン帝国, 東大寺).
NOT_AFTER_PERSON = wordset(
    "内閣 政権 帝国 王朝 朝 幕府 藩 城 寺 神社 駅 線 賞 杯 記念 スタジオ 製 事件 橋 通り 町 村 市 区 県 山 川 島 号 丸 条約 法 映画 劇場 "
    "ホール 財閥 家臣 病 効果 方程式 定理 賞 ちゃん 事務所 館 記念館 美術館 商店 書店 記録 文庫"
)
# Nouns after which a name is still a person's (佐藤勝正役, 本人, 主演).
STILL_PERSON = wordset(
    "役 自身 本人 主演 帝 警部 等 たち 方 一人 船長 伯爵 天皇 王 大公 弁護士 候補 作品 原作 米大統領 英首相 仏大統領 独首相 露大統領 中国国家主席 "
    "韓国大統領 首相 元首相 前首相 時代 政権 監督 作 著 画 訳 編 版 選手 投手 捕手 外野手 内野手 騎手 棋士 名人 二世 一世 三世"
)
# One-character nouns that follow a family name without being part of it (田中側).
AFTER_SURNAME = frozenset("側家邸陣等達様殿父母兄弟姉妹妻夫氏君会社党内外間役人一ら")


# Nouns for a place or building right before its name (別荘チェッカーズ, 官邸, 空港).
PLACE_APPOSITIVES = wordset(
    "別荘 官邸 公邸 邸宅 宮殿 城 空港 港 駅 基地 寺院 教会 大聖堂 広場 通り 公園 ホテル 劇場 球場 競技場 島 州 市 町 村 川 山"
)
# An event named after a person (平将門の乱, 本能寺の変).
EVENT_AFTER = ("の乱", "の変", "の役")
# A quotation ends with these before the noun it describes (…との見方, …という声):
# that noun is a common word even when the dictionary also has it as a family name.
QUOTATIVES = ("との", "という", "といった")
# A katakana word the dictionary does not know, opening a clause as its topic (、ヘルムは
# 議会に…), is most often a person in reference text.
TOPIC_PARTICLES = ("は", "も")
# Titles after which even a katakana common noun is a name (ライス国務長官, ボーイ大佐),
# unlike an occupation (バドミントン選手).
TITLE_CUES = wordset(
    "氏 さん 様 首相 大統領 副大統領 国務長官 長官 議員 上院議員 下院議員 知事 外相 大使 国王 女王 王子 元帥 "
    "大佐 中佐 少佐 大将 中将 少将 博士 教授 夫人 報道官"
)
# Words the dictionary also lists as given names that, after a family name, are not
# (吉村|等, 草彅|一人, 重光|章).
NOT_GIVEN = wordset("等 一人 二人 三人 ら 達 共 章 殿 家 側 自身 本人")
# Family words before a given name (三女|悦子): not a family name.
KIN = wordset(
    "長女 次女 三女 四女 五女 長男 次男 三男 四男 五男 妻 夫 娘 息子 母 父 兄 弟 姉 妹 祖父 祖母 孫 叔父 叔母 伯父 伯母 "
    "義父 義母 妻子 令嬢 嫡男 嫡子 養子 長子 次子 末子 主人公 恋人 友人 愛人"
)


# Cues after which a word the dictionary has as both a place and a family name is the
# family name (岡田社長, 大村知事 — but 日本代表, 東京都知事 stay places).
SURNAME_CUES = wordset("氏 さん 様 君 ちゃん 首相 社長 会長 知事 市長 監督 選手 教授 議員 容疑者 被告 夫人 元首相 前首相")


@cache
def _can_be_surname(surface: str) -> bool:
    return any(m.part_of_speech()[2:4] == ("人名", "姓") for m in _dictionary().lookup(surface))


@cache
def _common_word(surface: str) -> bool:
    """True when the dictionary also lists ``surface`` as a common noun or another part
    of speech than a name (見方 is a rare family name and a common word)."""
    entries = _dictionary().lookup(surface)
    return any(m.part_of_speech()[1] == "普通名詞" or m.part_of_speech()[0] != "名詞"
               for m in entries)


# One-character Korean and Chinese family names: with a given name the dictionary does
# not know, they make a three-character name (朴槿恵, 金載昊, 金斗鎔).
HANJA_SURNAMES = frozenset("金朴李崔鄭姜趙尹張林韓呉申徐權権黄安宋柳洪全文孫梁裴白許劉南沈盧河郭車具禹朱羅辛閔陳習胡温周楊王")


def _hanja_name(text: str, tokens: list[Token], kinds: list[str], i: int) -> int:
    """Index after a Korean or Chinese name starting at token ``i``, or 0: a known family
    name, then kanji the dictionary does not know, three characters in all, and no
    noun after them (a particle, punctuation or a title)."""
    if tokens[i][2][:1] not in HANJA_SURNAMES or kinds[i] not in ("noun", "person"):
        return 0
    j, length, unknown = i, 0, False
    while j < len(tokens) and length < 3 and kinds[j] in ("noun", "person") \
            and _is_kanji(tokens[j][2]):
        length += len(tokens[j][2])
        unknown = unknown or tokens[j][4]
        j += 1
    if length != 3 or not unknown:
        return 0
    if j < len(tokens) and kinds[j] in ("noun", "proper", "suffix", "place") \
            and not _cue_follows(text, tokens[j][0]):
        return 0
    return j


# Endings of words for a person's role or trade (俳優, 哲学者, 作曲家, 選手, 教授):
# a foreign name right after one, with or without の, is that person's.
ROLE_ENDS = tuple("者家手優師官授士員将")
NOT_ROLES = wordset("大手 若手 武者 戦士 国家 王家 一家 作家性 行員 定員 議員会館 全員 人員 満員 委員会")


def _role_before(tokens: list[Token], i: int) -> bool:
    k = i - 1
    if k >= 0 and tokens[k][2] in ("の", "・"):
        k -= 1
    if k < 0:
        return False
    surface, pos = tokens[k][2], tokens[k][3]
    return pos[0] == "名詞" and pos[1] == "普通名詞" and _is_kanji(surface) and len(surface) >= 2 \
        and (surface.endswith(ROLE_ENDS) or surface in PERSON_CUES) and surface not in NOT_ROLES


def _full_name(tokens: list[Token], i: int, j: int) -> bool:
    """Tokens i..j are a family name then a given name (山崎|桂一): a whole name that a
    common noun after it (技佐, 少尉, 処長) does not make part of a larger one."""
    return j - i >= 2 and tokens[i][3][3] == "姓" and tokens[i + 1][3][3] == "名"


def text_of(tokens: list[Token], i: int, j: int) -> str:
    return "".join(t[2] for t in tokens[i:j])


def _given_name_like(surface: str) -> bool:
    return _is_kanji(surface) and len(surface) <= 2 or _is_katakana(surface) and len(surface) >= 2 \
        or all("\u3040" <= c <= "\u309f" for c in surface) and 2 <= len(surface) <= 4


# Sudachi refuses inputs over about 49 kB of UTF-8: longer texts go piece by piece.
_MAX_CHARS = 12000


def _find_in_pieces(text: str) -> list[Name]:
    """Names in a long text, cut at line breaks (or hard, for a very long line)."""
    out: list[Name] = []
    base = 0
    for line in text.splitlines(keepends=True):
        for i in range(0, len(line), _MAX_CHARS):
            piece = line[i:i + _MAX_CHARS]
            out += [Name(n.start + base + i, n.end + base + i, n.text, n.type, n.source)
                    for n in _find(piece)]
        base += len(line)
    return out


def _find(text: str) -> list[Name]:
    if len(text) > _MAX_CHARS:
        return _find_in_pieces(text)
    tokens, kinds = _tokens_and_kinds(text)
    return _with_model_people(text, tokens, kinds, rule_names(text, tokens, kinds))


def rule_names(text: str, tokens: list[Token], kinds: list[str]) -> list[Name]:
    """The names the rules find in ``text`` (tokens and kinds from ``_tokens_and_kinds``)."""
    names: list[Name] = []
    i, n = 0, len(tokens)

    def add(a: int, b: int, kind: str) -> None:
        names.append(Name(a, b, text[a:b], kind, "rule"))

    while i < n:
        kind = kinds[i]
        if kind == "other" or kind == "suffix":
            i += 1  # particles, verbs, symbols: no name starts here
            continue
        start, end, surface = tokens[i][0], tokens[i][1], tokens[i][2]
        nxt = tokens[i + 1] if i + 1 < n else None
        # One unknown kanji before a given name is its family name (桝+嘉一);
        # a place word before a given name is a family name too (伏見+…, 奈良+竜樹).
        if nxt and kinds[i + 1] == "person" and nxt[3][3] == "名" and _is_kanji(surface) \
                and len(surface) <= 2 and surface not in KIN and nxt[2] not in NOT_GIVEN and (
                    kind == "place" or kind == "noun" and (tokens[i][4] or len(surface) == 1)):
            kind = "person"
        if kind == "person" and i and tokens[i - 1][2] in PLACE_APPOSITIVES \
                and _is_katakana(surface):
            kind = "place"  # 別荘|チェッカーズ: the noun before says what the name is
        if kind == "person" and surface in NOT_GIVEN:
            i += 1  # 等, 一人 tagged as given names
            continue
        if kind == "person":
            j = _person_end(tokens, kinds, i)
            if j < n and tokens[j][2] == "之" and tokens[j - 1][3][3] == "名" and j - i >= 2:
                j += 1  # 小林|鷹|之: 之 ends many given names (鷹之, 博之)
            end = tokens[j - 1][1]
            after = tokens[j][2] if j < n else ""
            if j == i + 1 and tokens[i][3][3] == "姓" and after not in PERSON_CUES \
                    and text[max(0, start - 3):start].endswith(QUOTATIVES) \
                    and _common_word(surface):
                i += 1  # …との見方: after a quotation, a common word, not a family name
                continue
            org = _org_after(tokens, kinds, j)
            if org:  # 早川+電力, 大倉+組: a company named after a person
                add(start, org, "organization")
                i = _index_after(tokens, org, j)
            elif j < n and (tokens[j][2] in NOT_AFTER_PERSON or kinds[j] in (
                    "noun", "proper", "suffix") and not _full_name(tokens, i, j)
                    and not _cue_follows(text, end)
                    and tokens[j][2] not in PERSON_CUES
                    and tokens[j][2] not in AFTER_SURNAME and tokens[j][2] not in STILL_PERSON):
                i = _skip_compound(kinds, j)  # part of a larger name (吉田内閣, オスマン帝国)
            elif text.startswith(EVENT_AFTER, end):
                i = j  # 平忠常の乱: the name of an event, not a mention of the person
            else:
                add(start, end, "person")
                i = j
            continue
        hanja = _hanja_name(text, tokens, kinds, i)
        if hanja:
            add(start, tokens[hanja - 1][1], "person")  # 朴|槿恵, 金|載昊
            i = hanja
            continue
        if kind == "place" and nxt and nxt[2] in SURNAME_CUES and _is_kanji(surface) \
                and _can_be_surname(surface):
            add(start, end, "person")  # 岡田|社長, 大村|知事: a family name that is also a place
            i += 1
            continue
        if kind in ("place", "country"):
            j = i + 1
            while j < n and (kinds[j] == "place" or (
                    tokens[j][2] in PLACE_HEADS and kinds[j] in ("noun", "suffix"))):
                j += 1
            end = tokens[j - 1][1]
            org = _org_after(tokens, kinds, j)
            if org:
                add(start, org, "organization")
                i = _index_after(tokens, org, j)
                continue
            if j < n and kinds[j] in ("noun", "proper", "suffix") \
                    and tokens[j][2] not in PLACE_KEEPERS and tokens[j][2] not in PERSON_CUES:
                i = _skip_compound(kinds, j)  # part of a larger name (霧島市民会館)
                continue
            add(start, end, kind if j == i + 1 else "place")
            i = j
            continue
        if kind == "proper" or (kind == "noun" and _is_katakana(surface) and (
                tokens[i][4] or nxt and nxt[2] in TITLE_CUES)):
            j = i + 1
            while j < n and (kinds[j] == "proper" or (
                    tokens[j][2] in ("・", "=", "＝") and j + 1 < n
                    and _is_foreign_piece(tokens[j + 1][2])
                    and _is_foreign_piece(tokens[j - 1][2]))):
                j += 2 if kinds[j] != "proper" else 1
            j = min(j, n)
            end = tokens[j - 1][1]
            org = _org_after(tokens, kinds, j) or (
                end if kind == "proper" and surface.endswith(ORG_SUFFIXES) else 0)
            if org:
                add(start, org, "organization")
                i = _index_after(tokens, org, j)
                continue
            if _is_katakana(text[start:end]) and (
                    j < n and tokens[j][2] in PERSON_CUES
                    or _role_before(tokens, i) and (kind == "proper" or tokens[i][4])
                    or j == i + 1 and tokens[i][4] and len(surface) >= 3 and j < n
                    and tokens[j][2] in TOPIC_PARTICLES and (i == 0 or tokens[i - 1][2] in "、。「")):
                add(start, end, "person")  # …英首相, 俳優の…, 哲学者…
            i = j
            continue
        if surface in ORG_PREFIXES and nxt and kinds[i + 1] in ("proper", "noun", "place"):
            add(start, nxt[1], "organization")
            i += 2
            continue
        i += 1
    return _foreign_runs(text, tokens, _organisations(text, tokens, kinds, names))


# Heads that end an organisation's name however it starts (厚生省, 東京地方裁判所,
# 全国大学野球連盟, 北陸電力), matched on a token's end.
STRONG_ORG_HEADS = (
    "省", "庁", "党", "裁判所", "銀行", "大学", "連盟", "協会", "機関", "機構", "電力", "電灯",
    "紡績", "球団", "株式会社", "局", "委員会", "議会", "研究所", "財団", "新聞", "放送",
    "鉄道", "航空", "証券", "製薬", "工業", "商事", "物産", "自動車", "重工業", "電機", "劇団",
    "楽団", "合唱団", "組合", "公社", "公団", "学会", "ホールディングス", "グループ",
    "議院", "軍", "幕府", "会議", "評議会", "政府",
)
# Upper-case abbreviations that are not organisations.
NOT_ORG_ABBREVIATIONS = wordset(
    "IT TV PC CD DVD AI DNA RNA OS CPU GPU GDP USB LED SNS CM MV PV DJ MC OP ED EP LP BGM "
    "SF FM AM UFO ID PR QR URL HTML PDF VR AR MVP GP OB OG II III IV VI VII VIII IX XI "
    "CEO CFO COO NPO NGO FC FW MF GK DF SC IC EC AC RC RPG LIVE JAPAN LEAGUE US UK"
)
_NOUNISH = frozenset({"noun", "proper", "place", "country", "suffix", "person"})


def _organisations(text: str, tokens: list[Token], kinds: list[str],
                   names: list[Name]) -> list[Name]:
    """Organisations from runs of nouns that end in an organisation head, from
    株式会社 + name, and from upper-case abbreviations (NSA, UCLA); they replace the
    person or place found inside them (東京+地方裁判所 is not the place 東京)."""
    orgs: list[Name] = []
    n = len(tokens)
    i = 0
    while i < n:
        if kinds[i] not in _NOUNISH and tokens[i][2] not in ("・", "=", "＝"):
            i += 1
            continue
        j = i
        while j < n and (kinds[j] in _NOUNISH or (
                tokens[j][2] in ("・", "=", "＝") and j > i and j + 1 < n
                and kinds[j + 1] in _NOUNISH)):
            j += 1
        # the run is tokens[i:j]; find its last organisation head
        for h in range(j - 1, i - 1, -1):
            surface = tokens[h][2]
            if surface in NOT_ORGS:
                break
            if surface.endswith(STRONG_ORG_HEADS) and not surface.startswith("株式会社"):
                start = _org_start(tokens, kinds, i, h)
                if start is not None:
                    a, b = tokens[start][0], tokens[h][1]
                    orgs.append(Name(a, b, text[a:b], "organization", "rule"))
                break
        else:
            if tokens[i][2] in ORG_PREFIXES and j > i + 1:
                a, b = tokens[i][0], tokens[j - 1][1]
                orgs.append(Name(a, b, text[a:b], "organization", "rule"))
        i = max(j, i + 1)
    for k, (a, b, surface, _, _) in enumerate(tokens):
        alone = (k == 0 or kinds[k - 1] not in _NOUNISH) and (
            k + 1 == n or kinds[k + 1] not in _NOUNISH)
        if alone and surface.isascii() and surface.isupper() and surface.isalpha() \
                and 2 <= len(surface) <= 6 and surface not in NOT_ORG_ABBREVIATIONS:
            orgs.append(Name(a, b, surface, "organization", "rule"))
    if not orgs:
        return names
    kept = [n for n in names if not any(o.start <= n.start and n.end <= o.end for o in orgs)
            and not any(n.start < o.end and o.start < n.end and n.type == "organization"
                        for o in orgs)]
    return resolve_overlaps(orgs + [n for n in kept
                                    if not any(n.start < o.end and o.start < n.end for o in orgs)])


# Common nouns that begin an organisation's name before a katakana or proper word.
ORG_LEADS = wordset("国際 世界 全国 全日本 国立 欧州 アジア 米州")
# Words that end in an organisation head but name a meeting (衆院本会議, 首脳会議).
NOT_ORGS = wordset("本会議 首脳会議 閣僚会議 全体会議 定例会議 国際会議 閣議 会議")


def _org_start(tokens: list[Token], kinds: list[str], i: int, h: int) -> int | None:
    """Where the organisation ending at head token ``h`` starts: after the last common
    noun that is not part of a name (電力会社|東京電灯), at a proper noun, place,
    person or katakana/Latin word; a head alone (省, 大学) is no name."""
    start = None
    for k in range(h, i - 1, -1):
        kind, surface = kinds[k], tokens[k][2]
        if k == h and surface in STRONG_ORG_HEADS:
            continue  # the head alone (グループ, 委員会) names nothing
        if surface in ("・", "=", "＝"):
            continue  # a name never starts at its separator (20か国|・地域首脳会議)
        if kind in ("proper", "place", "country", "person") or _is_katakana(surface) \
                or surface.isascii():
            start = k
        elif kind == "noun" and k < h and tokens[k][2] in ("会社", "企業", "子会社", "傘下"):
            break
        elif k == h and len(surface) > 2 and surface not in STRONG_ORG_HEADS:
            start = k  # one token that is a whole name (厚生省, 環境省)
    if start is None and h > i and len(tokens[h][2]) == 1 and kinds[h - 1] == "noun":
        start = h - 1  # 国民+党, 社会+党, 海+軍
    if start is None:
        return None
    if start == h and len(tokens[h][2]) <= 1:
        return None
    if start > i and tokens[start - 1][2] in ORG_LEADS:
        start -= 1  # 国際|エネルギー機関, 全国|…連盟
    return start


_PIECE = r"(?:[\u30a1-\u30fa\u30fc]{2,}|[\u30a1-\u30fa\u30fc]|[A-Z]\.?)"
_DOTTED = re.compile(rf"[\u30a1-\u30fa\u30fc]+(?:[・=＝]{_PIECE})+|[A-Z]\.?(?:[・=＝]{_PIECE})+")


def _foreign_runs(text: str, tokens: list[Token], names: list[Name]) -> list[Name]:
    """Foreign names written as katakana pieces joined by ・ or = (ノアム・チョムスキー,
    E・E・リッチ): a person unless the pieces say place or an organisation head follows."""
    if "・" not in text and "=" not in text and "＝" not in text:
        return resolve_overlaps(names)
    starts = {t[0]: k for k, t in enumerate(tokens)}
    ends = {t[1]: k for k, t in enumerate(tokens)}
    runs, vetoed = [], []
    for m in _DOTTED.finditer(text):
        a, b = m.span()
        if a not in starts or b not in ends:
            continue
        inside = tokens[starts[a]:ends[b] + 1]
        following = tokens[ends[b] + 1] if ends[b] + 1 < len(tokens) else None
        after = following[2] if following else ""
        if after in _ORG_HEADS or any(t[2] in _ORG_HEADS for t in inside) or any(t[2] == "アンド" for t in inside):
            vetoed.append((a, b))
            continue
        pieces = [t for t in inside if t[2] not in ("・", "=", "＝")]
        person = any(t[3][2] == "人名" for t in pieces)
        place = any(t[3][2] == "地名" for t in pieces)
        initial = any(t[2].isascii() and t[2].isalpha() for t in pieces)
        # a piece that is a common word (ギター, センター, キャピタル) makes a band, a
        # company or a building rather than a person, unless a person cue follows
        common = any(t[3][1] == "普通名詞" and not t[4] and len(t[2]) >= 2 for t in pieces)
        unknown = all(t[4] or t[3][2] == "人名" for t in pieces)
        cue = after in PERSON_CUES or after in STILL_PERSON or _cue_follows(text, b) \
            or _role_before(tokens, starts[a])
        if following and not cue and _kind(following[3]) in ("noun", "proper", "suffix", "place") \
                and after not in AFTER_SURNAME:
            vetoed.append((a, b))
            continue  # part of a longer name (…空港, …美術館, …FC戦, …政権移行)
        if after in PLACE_HEADS or place and not person and not cue:
            kind = "place"
        elif cue or initial or (person or unknown) and not common \
                or pieces[0][3][2] == "人名" or pieces[-1][3][2] == "人名":  # ニック・フライ
            kind = "person"
        else:
            vetoed.append((a, b))
            continue
        runs.append(Name(a, b, m.group(), kind, "rule"))
    # a run judged no person's name vetoes the person found in a piece of it as well
    kept = [n for n in names if not any(n.start < r.end and r.start < n.end for r in runs)
            and not (n.type == "person" and any(n.start < y and x < n.end for x, y in vetoed))]
    return resolve_overlaps(kept + runs)


@cache
def _cue_pattern() -> re.Pattern[str]:
    cues = "|".join(sorted(PERSON_CUES + ("CEO", "会長", "副会長", "役"), key=len, reverse=True))
    return re.compile(rf"(?:元|前|現|新|初代|上院|下院|米|英|仏|独|露|韓国|中国|国家|副)*(?:{cues})")


def _cue_follows(text: str, end: int) -> bool:
    """A person cue follows ``end``, perhaps after a prefix (…元副会長, …上院議員, …英首相)."""
    return _cue_pattern().match(text, end) is not None


def _skip_compound(kinds: list[str], j: int) -> int:
    while j < len(kinds) and kinds[j] in ("noun", "proper", "suffix", "place"):
        j += 1
    return j


def _org_after(tokens: list[Token], kinds: list[str], j: int) -> int:
    """End offset of an organisation head right after token j-1 (東京+大学, 日本+サッカー+協会).

    A common noun must be the head itself (党, 大学), not merely end like one (将軍)."""
    k = j
    while k < len(tokens) and k < j + 3 and kinds[k] in ("noun", "proper", "suffix"):
        surface = tokens[k][2]
        if surface in _ORG_HEADS or kinds[k] == "proper" and surface.endswith(ORG_SUFFIXES):
            return tokens[k][1]
        k += 1
    return 0


def _index_after(tokens: list[Token], offset: int, j: int) -> int:
    while j < len(tokens) and tokens[j][0] < offset:
        j += 1
    return j


# The dictionary's name entries for a word, as bits for the person model: a family name,
# a given name, a place, a common word (宮崎 is a place and a family name; 見方 a common
# word and a rare family name).
NAME_BITS = {"姓": 1, "名": 2, "一般": 4, "地名": 8, "common": 16}


@cache
def _name_bits(surface: str) -> int:
    bits = 0
    for m in _dictionary().lookup(surface):
        pos = m.part_of_speech()
        if pos[0] == "名詞" and pos[1] == "固有名詞":
            if pos[2] == "人名":
                bits |= NAME_BITS.get(pos[3], 0)
            elif pos[2] == "地名":
                bits |= NAME_BITS["地名"]
        else:
            bits |= NAME_BITS["common"]
    return bits


def name_bits(surface: str, pos: tuple[str, ...]) -> int:
    # only nouns can be names; looking every particle up would cost for nothing
    return _name_bits(surface) if pos[0] == "名詞" and surface else 0


@cache
def _person_model():
    from dossier.analyse.names import ja_crf

    return ja_crf.Model.load(ja_crf.MODEL) if ja_crf.MODEL.exists() else None


def _split_listing(text: str, a: int, b: int) -> list[Name]:
    """The person at ``a:b``, or the people in it when it is kanji names listed with ・
    (毛沢東・周恩来): ・ joins the pieces of one foreign name, never kanji names."""
    pieces = text[a:b].split("・")
    if len(pieces) == 1 or not all(_is_kanji(p) for p in pieces):
        return [Name(a, b, text[a:b], "person", "model")]
    out, at = [], a
    for piece in pieces:
        out.append(Name(at, at + len(piece), piece, "person", "model"))
        at += len(piece) + 1
    return out


# Kinds of token that are evidence of a name in a sentence; the model tags only the
# sentences that have one (or an unknown word): a sentence of common words has no person
# to find, and half of a news text's tokens are in such sentences.
EVIDENCE = frozenset({"person", "proper", "place", "country"})


def _with_model_people(text: str, tokens: list[Token], kinds: list[str],
                       names: list[Name]) -> list[Name]:
    """The rules' names with their people replaced by the person model's: it weighs the
    rules' answer with the sentence around it (a katakana subject, a role word, a band)."""
    model = _person_model()
    if model is None or not tokens:
        return names
    from dossier.analyse.names import ja_crf

    index = [k for a, b in ja_crf.sentence_ranges(tokens)
             if any(kinds[k] in EVIDENCE or tokens[k][4] for k in range(a, b))
             for k in range(a, b)]
    if not index:
        return names
    chosen = [tokens[k] for k in index]
    first = {t[0]: k for k, t in enumerate(chosen)}
    after = {t[1]: k + 1 for k, t in enumerate(chosen)}
    tagged = [n for n in names if n.type != "person" or n.start in first and n.end in after]
    rule_people = [(first[n.start], after[n.end]) for n in tagged if n.type == "person"]
    columns = ja_crf.sentences(chosen, [(n.start, n.end, n.type) for n in tagged],
                               model.word_ids, model.part_ids, name_bits)
    people = []
    for i, j in ja_crf.people(model, columns, rule_people):
        people += _split_listing(text, chosen[i][0], chosen[j - 1][1])
    kept = [n for n in names if n not in tagged or n.type != "person"]
    kept = [n for n in kept if not any(n.start < p.end and p.start < n.end for p in people)]
    return resolve_overlaps(kept + people)


@cache
def _countries() -> frozenset[str]:
    from dossier.analyse.names.countries import JA_COUNTRIES

    return JA_COUNTRIES


@finder("ja")
def find_names(text: str) -> list[Name]:
    names = _find(text)
    countries = _countries()
    return [
        Name(n.start, n.end, n.text, "country", n.source)
        if n.type == "place" and n.text in countries else n
        for n in names
    ]
