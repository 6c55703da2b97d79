"""Chinese names (simplified and traditional): a character CRF, dictionary word evidence,
and title and transliteration patterns.

Everything runs on the text after OpenCC ``t2s``, width folding and lower-casing
(``normalise``), so traditional text is tagged as simplified; the conversion keeps the
length, so offsets hold. Layers, strongest first:

1. a name next to a title (国务卿|鲁比奥, 斯塔默|首相) or joined by a middle dot (基尔·斯塔默)
   replaces whatever the tagger made of that stretch, unless the tagger's person span
   holds it and goes on;
2. three-character words jieba's dictionary tags as people that start with a common
   surname (钱其琛), where no other dictionary word runs across their edges; a surname
   alone before a title (江主席); the person of a doctrine (邓小平理论);
3. the CRF (``zh_crf``; ``resources/models/zh_names.npz``, ``tools/train_zh_ner.py``,
   CLUENER train). Its person spans are checked: a function character (这是, 的人), a
   leading preposition (应|江泽民) or a common dictionary word (切实) is a slip, and a span
   that does not look like a name must be one the model is sure of (the mean marginal
   probability of its labels); a run of names with nothing between them (李鹏乔石) is split;
4. country names (CLDR, and 中美关系-style one-character pairs) and places the dictionary
   knows (北京, 亚太) where nothing else was found and no word runs across them (回国后).

No segmenter runs: the dictionary is looked up for every offset at once (``_Words``).
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np

from dossier.analyse.names import Name, finder, resolve_overlaps, wordset, zh_crf

MODEL = zh_crf.MODEL

# Model labels (BIO over these) → our types; TITLE (a position such as 外交部长) and
# WORK (books, films, games) are learned so that they are not confused with names,
# and are not reported.
LABEL_TYPES = {"PER": "person", "LOC": "place", "SCENE": "place", "ORG": "organization"}

# Common one-character surnames (simplified): a feature, and a cue in the title pattern.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾"
    "毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关"
    "兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻"
    "祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿"
    "桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝习胥蔺"
)
# Less common surnames: used by the patterns only (the tagger's features use SURNAMES,
# and changing those needs retraining).
RULE_SURNAMES = SURNAMES | frozenset("阎由钮经尉逄洪束屠惠普刀奉符容封储谈乐揭植练冼粟禹芮郁鄢衣扈弓步"
                                     "都乜么东晁邰钮计伏成戈厉燕逯羊竺索")
# Characters that make up transliterated foreign names (斯塔默, 雷诺兹, 普京, 特朗普).
TRANSLIT = frozenset(
    "阿埃艾爱安昂奥澳巴拜班邦保鲍贝本比彼毕宾波伯勃博布策查柴达戴丹道德登邓迪蒂丁东杜顿多"
    "厄恩尔法凡范菲费芬丰冯佛夫弗福富盖甘冈高戈哥格根古圭哈海汉豪赫黑亨胡华怀惠霍基吉加贾"
    "杰金卡凯坎康柯科克肯库夸奎昆拉莱赖兰朗劳勒雷蕾黎里利莉丽连良列林琳刘留隆卢鲁路伦罗洛"
    "马玛迈麦曼梅蒙孟米明缪莫默姆穆纳娜奈南内尼妮涅宁纽努诺欧帕潘庞佩彭皮珀普齐奇恰乔切琴"
    "丘萨塞赛桑瑟森沙莎尚舍施什史舒斯松苏索塔泰坦汤唐陶特提廷图托瓦万旺威韦维温文翁沃乌伍京理"
    "武西希锡席夏谢辛休雅亚扬耶叶伊因英尤于约泽扎詹兹佐"
)
# Characters common in Chinese given names (伟, 芳, 泽): with the surnames, they let the
# tagger see a name's shape (钱其琛, 周恩来) where it has not seen the name itself.
GIVEN = frozenset(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞斌宇浩凯健俊帆帅旭宁龙林"
    "欣颖琳晶雪梅莉婷倩璐瑶佳嘉慧思雨阳晨辉亮波峰涌海江河山川石岩松柏竹云霖雷电光耀鑫金"
    "银铭锋钢锐铁铮文武德仁义礼智信忠孝良善诚实志远鸿鹄翔腾跃振兴国邦家庆祥福禄寿喜春夏秋冬"
    "东南西北中正清泉源洪涵泽润渊沛滨淼森楠桐杨柳梓榕宏博达通广厚大小长永恒久新建立树生成"
    "才学士子之乃尔其如若彦昊晗晟昌晓曦煜炜焕烨熙然炎灿恩惠慈爱心怡悦欢乐康宁安定泰和顺利"
    "贤彬彪豪杰英雄伦冠群超越卓荣贵富宝珍珠琪琦瑞瑜璇瑾琼璋环秀美丽娇媛婉娴婕妍姝敏捷聪颖"
    "克勤俭朴素纯真淑贞洁贞莹萱蓉芬芝芷荷莲菊蕾薇茜芸茹菲蓓蕊桃李梨杏雁鹤凤燕鹰鹏虎豹麟"
    "章华毅坚刚强胜利凯奇锦绣纲纪维经纬继续承传宗祖先启发展宪法治政民主席荣耀辉煌彩虹霓"
    "一二三四五六七八九十百千万亿元方圆正直天地日月星辰风雨雪霜露晴朗琛鹤溥璞瑛琨瀚"
)
SEPARATORS = "·•・‧"



@cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_DIGITS = {ord(d): "0" for d in "0123456789"}


def normalise(text: str) -> str:
    """The form the tagger sees: t2s, half-width, lower case, every digit 0; same length."""
    conv = _t2s().convert(text)
    if len(conv) != len(text):
        conv = "".join(c if len(c) == 1 else o for o, c in zip(text, map(_t2s().convert, text)))
    out = conv.translate(_WIDTH).lower().translate(_DIGITS)
    if len(out) != len(text):  # a case mapping that changes length (İ): keep those characters
        out = "".join(o if len(o) == 1 else c for c, o in zip(conv, (ch.lower() for ch in conv)))
        out = out.translate(_WIDTH).translate(_DIGITS)
    return out


def _char_class(c: str) -> str:
    if "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf":
        return "H"
    if c.isdigit():
        return "D"
    if "a" <= c <= "z":
        return "L"
    if c in SEPARATORS:
        return "S"
    if c.isspace():
        return "W"
    if "\u3040" <= c <= "\u30ff":
        return "K"
    return "P" if not c.isalnum() else "O"


def feature_tables() -> zh_crf.Tables:
    """The per-character tables the tagger's features read (surname, given-name and
    transliteration characters): changing these sets needs retraining."""
    return zh_crf.tables(SURNAMES, GIVEN, TRANSLIT, SEPARATORS)


@cache
def _model() -> zh_crf.Model:
    if not MODEL.is_file():
        raise FileNotFoundError(
            f"the Chinese name model is missing at {MODEL}; "
            "build it with `python tools/train_zh_ner.py`"
        )
    return zh_crf.Model.load(MODEL)


def tag(text: str) -> list[tuple[int, int, str]]:
    """Model spans ``(start, end, label)`` over ``text`` (labels PER, LOC, ORG, ...)."""
    return [(a, b, k) for a, b, k, _ in tag_normalised(normalise(text))]


def tag_normalised(s: str, confident: bool = False) -> list[tuple[int, int, str, float]]:
    """Model spans ``(start, end, label, p)`` over the normalised text ``s``. With
    ``confident``, a person span that does not look like a name (no surname first, not
    transliterated) or that is a common word gets ``p``, the mean marginal probability of
    its labels; every other span gets 1.0."""
    model = _model()
    layout = zh_crf.Layout(s, zh_crf.chunks(s))
    if not len(layout.real):
        return []
    keys = zh_crf.stacked(zh_crf.feature_keys(layout, model.lexicon, feature_tables()))

    def doubtful(a: int, b: int, label: str) -> bool:
        return confident and label == "PER" and (
            not _name_shaped(s[a:b]) or model.lexicon.pos_of(s[a:b]) not in (0, zh_crf.POS_PERSON))

    return zh_crf.decode(model, layout, keys, doubtful)


# --- patterns --------------------------------------------------------------------

# Titles that stand right before or after a person's name in news (simplified forms;
# matching runs on the normalised text).
TITLES = (
    "首相", "总理", "总统", "副总统", "副总理", "主席", "副主席", "总书记", "书记", "国务卿",
    "外长", "外相", "防长", "外交部长", "国防部长", "外务大臣", "国防大臣", "外交大臣", "大臣",
    "部长", "副部长", "财长", "财政部长", "商务部长", "发言人", "大使", "特使", "议长", "议员",
    "参议员", "众议员", "委员长", "秘书长", "国王", "女王", "王储", "亲王", "王子", "公主",
    "省长", "市长", "州长", "总督", "主教", "教皇", "总裁", "董事长", "首席执行官", "官房长官",
    "幕僚长", "司令", "将军", "代表", "领导人", "党首", "党魁", "干事长", "知事", "局长", "厅长",
)
_TITLE_RE = "|".join(sorted(TITLES, key=len, reverse=True))
_TR = "".join(sorted(TRANSLIT))
_SEP = re.escape(SEPARATORS)
# A transliterated name: runs joined by a middle dot (基尔·斯塔默) or one run of two or more.
_TRANSLIT_NAME = rf"[{_TR}]{{2,}}(?:[{_SEP}][{_TR}]{{1,}})*"
_DOTTED = re.compile(rf"[{_TR}]{{1,}}(?:[{_SEP}][{_TR}]{{1,}})+")
# Words that follow a name and end it: a run never swallows them.
_AFTER_NAME = "说表称指强认对在与和的是将也已曾则就向同及等率访会于发"
_TITLE_BEFORE = re.compile(rf"(?:{_TITLE_RE})(?P<name>{_TRANSLIT_NAME})")
_TITLE_AFTER = re.compile(rf"(?P<name>{_TRANSLIT_NAME})(?:{_TITLE_RE})")


def _trim(s: str, start: int, end: int) -> int:
    """Cut a trailing cue word that the transliteration run swallowed (…斯说 → …斯)."""
    while end - start > 2 and s[end - 1] in _AFTER_NAME:
        end -= 1
    return end


def rules(s: str) -> list[tuple[int, int, str]]:
    """Person spans from patterns over the normalised text ``s``."""
    spans = []
    for pattern in (_TITLE_BEFORE, _TITLE_AFTER, _DOTTED):
        for m in pattern.finditer(s):
            start, end = m.span("name") if "name" in pattern.groupindex else m.span()
            spans.append((start, _trim(s, start, end), "PER"))
    return spans


@cache
def countries() -> frozenset[str]:
    """Country names in simplified Chinese (one- and two-character forms included)."""
    from dossier.analyse.names.countries import ZH_COUNTRIES

    return ZH_COUNTRIES


# Verbs of saying and forms of address: dictionary-word classes of their own in the
# tagger's features (李鹏说, 乔石同志), next to the titles.
SPEECH_WORDS = wordset(
    "表示 指出 强调 认为 介绍 透露 告诉 宣布 回答 希望 会见 会晤 致词 致辞 讲话 发表 主持 出席 称赞 谈到"
)
ADDRESS_WORDS = wordset("先生 女士 小姐 同志 老师 教授 夫人 阁下 博士 主任 院士")
# Doctrines named after a person: MSRA and the press tag the person (邓小平理论 → 邓小平).
_DOCTRINE = re.compile("理论|思想")
# A surname alone before these is a person (江主席, 周总理, 高女士).
_SURNAME_ALONE = wordset("主席 总理 先生 女士 小姐 同志 总统 总书记 委员长 老师 教授")
_PLACE_ENDS = frozenset("宫塔岛湖山河江城港湾州省市县村镇寺庙馆院园桥街路洲")
# Characters no personal name contains, and words no name starts with: a person span
# with one of them is a tagging slip (这是, 的人, 就是说).
_NOT_IN_NAME = frozenset("这那是的了吗呢吧着们您你我他她它啊呀哪些么怎")
_NOT_NAME_START = frozenset("和与及也都就而在从对把被让给向将于")
# Below this mean marginal probability, a person span the tagger proposed must also
# look like a name (a surname first, transliteration characters, a dot, Latin letters).
_UNSURE = 0.7


def _name_shaped(name: str) -> bool:
    """A person span starts with a surname, is transliterated, carries a middle dot,
    or is Latin."""
    if name[0] in RULE_SURNAMES or all(c in TRANSLIT or c in SEPARATORS for c in name):
        return True
    return any(c in SEPARATORS for c in name) or name.isascii()


def _plausible_person(s: str, a: int, b: int, p: float) -> bool:
    """A model person span that passes the filters: no function character, not a common
    word of the dictionary (切实, 齐心协力), and name-shaped unless the tagger is sure."""
    name = s[a:b]
    if any(c in _NOT_IN_NAME for c in name) or name[0] in _NOT_NAME_START:
        return False
    if name.isdigit() or not any(c.isalpha() for c in name):
        return False
    pos = _model().lexicon.pos_of(name)
    if pos and pos != zh_crf.POS_PERSON and p < 0.95:
        return False
    return p >= _UNSURE or _name_shaped(name)


def _doctrine_people(s: str) -> list[tuple[int, int]]:
    """邓小平理论 → 邓小平: the dictionary's person right before 理论 / 思想."""
    out = []
    lexicon = _model().lexicon
    for m in _DOCTRINE.finditer(s):
        for length in (3, 2):
            a = m.start() - length
            if a >= 0 and lexicon.pos_of(s[a:m.start()]) == zh_crf.POS_PERSON:
                out.append((a, m.start()))
                break
    return out


def _country_mentions(s: str) -> list[tuple[int, int]]:
    """Country names of two characters or more (英国, 俄罗斯, 乌克兰) wherever they stand."""
    return [m.span() for m in _country_pattern().finditer(s)]


@cache
def _country_pattern() -> re.Pattern[str]:
    names = sorted((c for c in countries() if len(c) >= 2), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


@cache
def _surname_table() -> np.ndarray:
    table = np.zeros(0x10000, dtype=bool)
    for c in RULE_SURNAMES:
        table[ord(c)] = True
    return table


class _Words:
    """The dictionary's part of speech of the two- and three-character word at every
    offset of a text (0 where there is none), found with one binary search per length."""

    def __init__(self, s: str):
        lexicon = _model().lexicon
        c = np.frombuffer(s.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        np.minimum(c, 0xFFFF, out=c)
        self.codes = c
        self.pos = {}
        for length in (2, 3, 4):
            key = c[:len(c) - length + 1].copy()
            for k in range(1, length):
                key = (key << np.uint64(16)) | c[k:len(c) - length + 1 + k]
            keys, pos = lexicon.keys[length - 2], lexicon.pos[length - 2]
            found = np.zeros(len(c) + 1, dtype=np.uint8)  # one spare: pos2[len] is 0
            if len(key) and len(keys):
                idx = np.minimum(np.searchsorted(keys, key), len(keys) - 1)
                found[:len(key)] = np.where(keys[idx] == key, pos[idx], 0)
            self.pos[length] = found


def _dictionary_organisations(s: str, words: _Words) -> list[tuple[int, int]]:
    """Organisations the dictionary knows (国务院, 政协, 人民日报) that no word runs across."""
    pos2 = words.pos[2]
    out = []
    for length in (4, 3, 2):
        for i in np.flatnonzero(words.pos[length] == zh_crf.POS_ORG).tolist():
            j = i + length
            if i and pos2[i - 1] or pos2[j - 1]:
                continue
            out.append((i, j))
    return out


def _dictionary_places(s: str, words: _Words) -> list[tuple[int, int]]:
    """Words of two or three characters the dictionary tags as places (北京, 亚太,
    石家庄) that no other word runs across (回国 in 回国后 is one; 有利于亚太 keeps 亚太)."""
    pos2 = words.pos[2]
    out = []
    for length in (3, 2):
        for i in np.flatnonzero(words.pos[length] == zh_crf.POS_PLACE).tolist():
            j = i + length
            if s[i] in _NOT_PLACE_START or s[i] == s[i + 1] or i and pos2[i - 1] or pos2[j - 1]:
                continue  # 三国, 津津(乐道), 有利|于亚太
            out.append((i, j))
    return out


# Numerals and verbs that begin words the dictionary tags as places (三国, 大国, 回国, 上台).
_NOT_PLACE_START = frozenset("一二三四五六七八九十两几多大小上下回出入来去到在本全各该第")


# Titles that are also verbs or collective nouns (我代表…, 领导人非正式会议) are left out.
_TITLE_THEN_HAN = re.compile(
    "(?:" + "|".join(sorted(set(TITLES) - {"代表", "领导人"}, key=len, reverse=True))
    + ")(?=[\u4e00-\u9fff]{2})")
_STOPS = frozenset(_AFTER_NAME) | _NOT_IN_NAME
# Words that begin what follows a title when it is no name (副总理|兼外交部长, 书记|处).
_NOT_AFTER_TITLE = frozenset("兼并由非负一二三两第各该本处团馆部")


def _title_people(s: str, words: _Words, model_people: list[tuple[int, int]]
                  ) -> list[tuple[int, int]]:
    """The Chinese or Japanese name right after a title (日本首相|高市早苗|1月, 首相|岸田文雄|与):
    two to four han characters that start with no dictionary word other than a name and
    end where the han run ends, at a word that ends a name (说, 与, 的) or at a verb of
    saying or another title. The tagger's own person there wins."""
    out = []
    pos2, pos3 = words.pos[2], words.pos[3]
    n = len(s)
    for m in _TITLE_THEN_HAN.finditer(s):
        a = m.end()
        if any(x <= a < y for x, y in model_people) or pos2[a] not in (0, zh_crf.POS_PERSON) \
                and pos3[a] != zh_crf.POS_PERSON or s[a] in _NOT_AFTER_TITLE or pos2[a - 1]:
            continue  # …|兼秘书长, 书记处|书记, 大使馆|吊唁
        for length in (4, 3, 2):
            b = a + length
            if b > n or any(c in _STOPS or _char_class(c) != "H" for c in s[a:b]):
                continue
            if _model().lexicon.pos_of(s[a:b]) not in (0, zh_crf.POS_PERSON):
                break  # 高瞻远瞩: an idiom, not a name
            if b == n or _char_class(s[b]) != "H" or s[b] in _AFTER_NAME \
                    or pos2[b] in (zh_crf.POS_SPEECH, zh_crf.POS_TITLE) \
                    or s[b:b + 2] in _TITLE_WORDS or s[b:b + 3] in _TITLE_WORDS:
                out.append((a, b))
                break
    return out


_TITLE_WORDS = frozenset(TITLES) | SPEECH_WORDS | ADDRESS_WORDS


def _split_run(s: str, a: int, b: int) -> list[tuple[int, int]]:
    """A person span that is a run of names with nothing between them (李鹏乔石李瑞环,
    刘江刘淇): its split into names of two or three characters that each start with a
    common surname; ``[(a, b)]`` when there is none, or when the span is mostly
    transliteration characters (罗季奥诺夫). Dictionary names count for more, so
    杨析综杨明 is 杨析综|杨明."""
    n = b - a
    if n < 4 or any(c in SEPARATORS for c in s[a:b]) \
            or 2 * sum(c in TRANSLIT for c in s[a:b]) > n + 1:
        return [(a, b)]  # 罗季奥诺夫 is one foreign name
    lexicon = _model().lexicon
    best: list[tuple[int, list[int]] | None] = [None] * (n + 1)
    best[0] = (0, [])
    for i in range(n):
        if best[i] is None:
            continue
        for length in (2, 3):
            j = i + length
            if j > n:
                continue
            piece = s[a + i:a + j]
            if piece[0] not in RULE_SURNAMES:
                continue
            known = lexicon.pos_of(piece) == zh_crf.POS_PERSON
            score = best[i][0] + (2 if known else 1)
            if best[j] is None or score > best[j][0]:
                best[j] = (score, best[i][1] + [j])
    if best[n] is None or len(best[n][1]) < 2:
        return [(a, b)]
    cuts = [0] + best[n][1]
    return [(a + x, a + y) for x, y in zip(cuts, cuts[1:])]


# A surname alone before a form of address or a title is a person (江主席, 邓先生).
_SURNAME_TITLE = re.compile(
    "([" + "".join(sorted(SURNAMES)) + "])(?=(?:"
    + "|".join(sorted(_SURNAME_ALONE, key=len, reverse=True)) + ")(?!们))")


def _surname_people(s: str, words: _Words) -> list[tuple[int, int]]:
    """江主席, 邓先生: a common surname before a title, where it does not end a word
    (国家主席, 该党主席) and the title is not plural (祝|同志们)."""
    pos2 = words.pos[2]
    out = []
    for m in _SURNAME_TITLE.finditer(s):
        i = m.start()
        # the character before takes the surname into a word (该党|主席), unless it is
        # itself the end of a word (陪同|江主席)
        if i and pos2[i - 1] and not (i >= 2 and pos2[i - 2]):
            continue
        out.append(m.span(1))
    return out


def _title_before(s: str, a: int) -> int:
    """Move ``a`` past a title's last character that a name run swallowed (总理|本雅明 read
    as 理本雅明, since 理 is also a transliteration character)."""
    for title in TITLES:
        for k in (1, 2):
            if k < len(title) and s[max(0, a + k - len(title)):a + k] == title and a + k < len(s):
                return a + k
    return a


# Prepositions that stand before a name and that the tagger sometimes takes in.
_BEFORE_NAME = frozenset("应向对让请给同跟被把由使")
_TRAILING = SEPARATORS + "）)」』\"'”’》〉]】,，、.。"
_LEADING = SEPARATORS + "（(「『\"'“‘《〈[【"


@finder("zh-Hans", "zh-Hant", "zh")
def find_names(text: str) -> list[Name]:
    s = normalise(text)
    model = tag_normalised(s, confident=True)
    # Names next to a title or joined by a dot are the strongest evidence: they replace
    # whatever the tagger made of that stretch (英国首相斯塔默 as one organisation),
    # unless the tagger's person span holds them and goes on (主席|施图|岑贝格).
    country_at = bytearray(len(s))
    countries_found = _country_mentions(s)
    for x, y in countries_found:
        country_at[x:y] = b"\x01" * (y - x)
    model_people = [(a, b) for a, b, k, _ in model if k == "PER"]
    strong = []
    for a, b, _ in rules(s):
        a = _title_before(s, a)
        if b - a < 2 or any(country_at[a:b]):  # 俄|罗斯总统
            continue
        if any(x <= a and b <= y and (x, y) != (a, b) for x, y in model_people):
            continue
        strong.append((a, b))
    words = _Words(s)
    strong += [(a, b) for a, b in _title_people(s, words, model_people)
               if not any(country_at[a:b]) and not any(x < b and a < y for x, y in strong)]
    strong.sort(key=lambda span: span[0] - span[1])  # the longest first (基尔·斯塔默)
    strong_at = bytearray(len(s))
    for x, y in strong:
        strong_at[x:y] = b"\x01" * (y - x)
    people = strong + _doctrine_people(s) + _surname_people(s, words)
    keep = []
    for a, b, k, p in model:
        while a < b and s[a] in _LEADING:
            a += 1
        while b > a and s[b - 1] in _TRAILING:
            b -= 1  # 张菊玲）: a bracket is never part of a name
        if b - a < 1:
            continue
        if k != "PER" and b - a >= 6 and len(_split_run(s, a, b)) > 2:
            k = "PER"  # a run of names read as one place or work (李鹏乔石李瑞环)
        if k == "PER":
            if b - a >= 4 and s[a] in _BEFORE_NAME:
                a += 1  # 应|江泽民主席邀请: at the invitation of
            if b - a >= 3 and s[b - 1] == "摄":
                b -= 1  # 记者李舸摄: a photo credit
        if any(strong_at[a:b]):
            if k != "PER":
                continue
            # keep what the tagger found beside the strong name (总统江泽民|斯洛博丹·…)
            inside = [i for i in range(a, b) if not strong_at[i]]
            if not inside or inside[-1] - inside[0] + 1 != len(inside):
                continue
            a, b = inside[0], inside[-1] + 1
            if b - a < 2:
                continue
        if k == "PER" and any(_char_class(c) in ("D", "P", "O") for c in s[a:b]):
            # ①布莱尔②史密斯: numbers or punctuation inside cut the span into names
            for m in re.finditer(r"[\u4e00-\u9fff" + _SEP + r"]{2,}", s[a:b]):
                keep += [(a + x, a + y, k) for x, y in
                         _split_run(s[a:b], m.start(), m.end())]
            continue
        if k == "PER":
            pos = _model().lexicon.pos_of(s[a:b])
            if pos == zh_crf.POS_PLACE:
                keep.append((a, b, "LOC"))  # 拉斯维加斯, 马尼拉: a place the dictionary knows
                continue
            if not _plausible_person(s, a, b, p):
                continue
            if b - a == 3 and s[a + 1:b] in _SURNAME_ALONE:
                b = a + 1  # 江主席 → 江
            elif b - a >= 3 and s[b - 1] in _PLACE_ENDS:
                k = "LOC"  # 卢浮宫, 埃菲尔铁塔
            else:
                keep += [(x, y, k) for x, y in _split_run(s, a, b)]
                continue
        keep.append((a, b, k))
    covered = bytearray(len(text))
    names = []
    for a, b in people:
        if not any(covered[a:b]) and s[a:b] not in countries():
            names.append(Name(a, b, text[a:b], "person", "rule"))
            covered[a:b] = b"\x01" * (b - a)
    for a, b, k in keep:
        if k not in LABEL_TYPES or any(covered[a:b]):
            continue
        kind = LABEL_TYPES[k]
        if kind == "place" and s[a:b] in countries():
            kind = "country"
        names.append(Name(a, b, text[a:b], kind, "model"))
        covered[a:b] = b"\x01" * (b - a)
    for a, b in countries_found + _paired_countries(s):
        if not any(covered[a:b]):
            names.append(Name(a, b, text[a:b], "country", "rule"))
            covered[a:b] = b"\x01" * (b - a)
    # Organisations and places the dictionary knows where nothing else was found.
    for a, b in _dictionary_organisations(s, words):
        if not any(covered[a:b]):
            names.append(Name(a, b, text[a:b], "organization", "rule"))
            covered[a:b] = b"\x01" * (b - a)
    for a, b in _dictionary_places(s, words):
        if not any(covered[a:b]):
            kind = "country" if s[a:b] in countries() else "place"
            names.append(Name(a, b, text[a:b], kind, "rule"))
            covered[a:b] = b"\x01" * (b - a)
    return resolve_overlaps(names)


# One-character country names in pairs (中美关系, 中俄两国, 日韩首脑): each is a country.
_ONE_CHAR = "中美日俄英法德韩朝印澳加意越菲泰欧"
_PAIRED = re.compile(rf"[{_ONE_CHAR}](?:[{_ONE_CHAR}])+(?=[关两双合友建首会联边贸峰外战经军间之])")


def _paired_countries(s: str) -> list[tuple[int, int]]:
    return [(i, i + 1) for m in _PAIRED.finditer(s) for i in range(m.start(), m.end())]
