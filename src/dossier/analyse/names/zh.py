"""Chinese names (simplified and traditional): a character CRF, jieba word evidence,
and title and transliteration patterns.

Everything runs on the text after OpenCC ``t2s``, width folding and lower-casing
(``normalise``), so traditional text is tagged as simplified; the conversion keeps the
length, so offsets hold. Layers, strongest first:

1. a name next to a title (日本首相|高市早苗, 石破茂|首相, 国务卿|鲁比奥) or joined by a
   middle dot (基尔·斯塔默) replaces whatever the tagger made of that stretch;
2. the CRF (``resources/models/zh_names.crfsuite``, ``tools/train_zh_ner.py``, CLUENER
   train), its person spans checked against jieba's words (a run of dictionary words such
   as 切实加强 is no name; 叶利|钦 is widened to the word);
3. jieba words shaped like a person's name: three characters after a common surname that
   the dictionary tags nr or its HMM made up (钱其琛), two characters before a title or a
   verb of saying (李鹏说), a surname alone before a form of address (江主席);
4. country names (CLDR, and 中美关系-style one-character pairs) and places jieba's
   dictionary knows (北京, 亚太), where nothing else was found.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from dossier.analyse.names import Name, finder, resolve_overlaps, wordset

MODEL = Path(__file__).resolve().parents[2] / "resources" / "models" / "zh_names.crfsuite"

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


def _translit_runs(s: str) -> list[int]:
    """For each character, the length (capped at 5) of the transliteration run it is in."""
    out = [0] * len(s)
    i = 0
    n = len(s)
    while i < n:
        if s[i] in TRANSLIT:
            j = i
            while j < n and s[j] in TRANSLIT:
                j += 1
            length = str(min(j - i, 5))
            for k in range(i, j):
                out[k] = length
            i = j
        else:
            out[i] = "0"
            i += 1
    return out


def _shape(c: str, cls: str) -> str:
    """A han character's role in names: S surname, G given-name, T transliteration, H other."""
    if cls != "H":
        return cls
    if c in SURNAMES:
        return "S"
    if c in GIVEN:
        return "G"
    return "T" if c in TRANSLIT else "H"


@cache
def _jieba():
    """jieba's segmenter and its dictionary's part-of-speech table (nr person, ns place,
    nt organisation, ...): word features for the CRF. jieba alone is weak on names; as a
    feature next to the characters it tells a word (巩固) from a name-shaped run."""
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer, jieba.posseg.dt.word_tag_tab


Word = tuple[int, int, str, str]  # (start, end, word, jieba dictionary tag or "new")


def words(s: str) -> list[Word]:
    """jieba words of ``s`` with their dictionary part of speech (``new`` for a word
    jieba's HMM made up, ``x`` for an unknown single character)."""
    tokenizer, tags = _jieba()
    out, pos = [], 0
    for word in tokenizer.cut(s):
        out.append((pos, pos + len(word), word, tags.get(word, "new" if len(word) > 1 else "x")))
        pos += len(word)
    return out


def _word_columns(n: int, ws: list[Word], base: int = 0) -> tuple[list[str], ...]:
    """Per character: position in its word (B/M/E/S), the word's tag, and the tags of
    the words either side (``^``/``$`` at the ends of the sequence)."""
    position, tag, before, after = [""] * n, [""] * n, [""] * n, [""] * n
    last = len(ws) - 1
    for k, (a, b, _, t) in enumerate(ws):
        a -= base
        b -= base
        bt = ws[k - 1][3] if k else "^"
        at = ws[k + 1][3] if k < last else "$"
        for i in range(a, b):
            tag[i], before[i], after[i] = t, bt, at
            position[i] = "M"
        if b - a == 1:
            position[a] = "S"
        else:
            position[a], position[b - 1] = "B", "E"
    return position, tag, before, after


def _cat(*parts):
    return list(map("".join, zip(*parts)))


def features(s: str, ws: list[Word] | None = None, base: int = 0) -> list[tuple[str, ...]]:
    """CRF features for every character of a normalised string ``s``; ``ws`` are its
    jieba words (offsets from ``base``), computed when not given.

    Built column by column (one C-level map per feature) rather than character by
    character: the tagger's speed is mostly this function's."""
    n = len(s)
    if ws is None:
        ws = words(s)
    p = "^^" + s + "$$"
    cls = "".join(map(_char_class, s))
    pc = "^^" + cls + "$$"
    ps = "^^" + "".join(map(_shape, s, cls)) + "$$"
    pt = "00" + "".join(["1" if c in TRANSLIT else "0" for c in s]) + "00"
    pg = "00" + "".join(["1" if c in GIVEN else "0" for c in s]) + "00"
    runs = _translit_runs(s)
    c = [p[k:k + n] for k in range(5)]  # c[2] is the character itself, c[0] two before
    k_ = [pc[k:k + n] for k in range(5)]
    h = [ps[k:k + n] for k in range(5)]
    t = [pt[k:k + n] for k in range(5)]
    g = [pg[k:k + n] for k in range(5)]
    wp, wt, wb, wa = _word_columns(n, ws, base)
    bar = ["|"] * n
    cols = [
        _cat(["u0="] * n, c[2]), _cat(["u-1="] * n, c[1]), _cat(["u1="] * n, c[3]),
        _cat(["u-2="] * n, c[0]), _cat(["u2="] * n, c[4]),
        _cat(["b-1="] * n, c[1], c[2]), _cat(["b0="] * n, c[2], c[3]),
        _cat(["b-2="] * n, c[0], c[1]), _cat(["b1="] * n, c[3], c[4]),
        _cat(["t0="] * n, c[1], c[2], c[3]),
        _cat(["c="] * n, k_[1], k_[2], k_[3]), _cat(["cc="] * n, *k_),
        _cat(["s="] * n, *h), _cat(["s3="] * n, h[1], h[2], h[3]),
        _cat(["x="] * n, *t), _cat(["g="] * n, *g), _cat(["r="] * n, runs),
        _cat(["su="] * n, h[1], c[2]), _cat(["us="] * n, c[2], h[3]),
        _cat(["wp="] * n, wp), _cat(["wt="] * n, wt), _cat(["wpt="] * n, wp, wt),
        _cat(["wb="] * n, wb, bar, wt), _cat(["wa="] * n, wt, bar, wa),
        _cat(["wpu="] * n, wp, c[2]),
    ]
    return list(zip(*cols))


@cache
def _tagger():
    import pycrfsuite

    if not MODEL.is_file():
        raise FileNotFoundError(
            f"the Chinese name model is missing at {MODEL}; "
            "build it with `python tools/train_zh_ner.py`"
        )
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL))
    return tagger


# Split long texts at sentence ends and line breaks: the CRF is linear in length, but
# short sequences keep a stray label from running across sentences.
_CHUNK = re.compile(r"[^。！？!?；;\n]*[。！？!?；;\n]?")


def tag(text: str) -> list[tuple[int, int, str]]:
    """Model spans ``(start, end, label)`` over ``text`` (labels PER, LOC, ORG, ...)."""
    s = normalise(text)
    return tag_normalised(s, words(s))


def tag_normalised(s: str, ws: list[Word]) -> list[tuple[int, int, str]]:
    """Model spans over the normalised text ``s`` whose jieba words are ``ws``."""
    tagger = _tagger()
    spans: list[tuple[int, int, str]] = []
    k = 0  # jieba never joins across the chunk ends (punctuation, line breaks)
    for m in _CHUNK.finditer(s):
        chunk = m.group()
        base = m.start()
        first = k
        while k < len(ws) and ws[k][1] <= m.end():
            k += 1
        if not chunk.strip():
            continue
        chunk_words = ws[first:k]
        if not chunk_words or chunk_words[0][0] != base or chunk_words[-1][1] != m.end():
            chunk_words = [(a + base, b + base, w, t) for a, b, w, t in words(chunk)]
        labels = tagger.tag(features(chunk, chunk_words, base))
        start, kind = -1, ""
        for i, label in enumerate(labels + ["O"]):
            if label == "O" or label.startswith("B-") or label[2:] != kind:
                if start >= 0:
                    spans.append((base + start, base + i, kind))
                    start, kind = -1, ""
                if label != "O":
                    start, kind = i, label[2:]
    return spans


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


_NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "new"})
_PROPER_TAGS = _NAME_TAGS | {"ns", "nt", "nz", "x"}
# Doctrines named after a person: MSRA and the press tag the person (邓小平理论 → 邓小平).
_DOCTRINES = ("理论", "思想", "主义")
# A surname alone before these is a person (江主席, 周总理, 高女士).
_SURNAME_ALONE = wordset("主席 总理 先生 女士 小姐 同志 总统 总书记 委员长 老师 教授")
_TITLE_WORDS = frozenset(TITLES) | _SURNAME_ALONE
_ADDRESS = frozenset({"同志", "先生", "女士"})
_PLACE_ENDS = frozenset("宫塔岛湖山河江城港湾州省市县村镇寺庙馆院园桥街路洲")
# Verbs of saying and words of address after a two-character name (李鹏说, 乔石同志).
_SPEECH = wordset(
    "说 表示 指出 强调 认为 称 介绍 透露 告诉 宣布 回答 希望 同志 先生 女士 教授 委员 会见 会晤 致词 致辞 讲话 发表 主持 出席"
)


def _jieba_people(s: str, ws: list[Word]) -> list[tuple[int, int]]:
    """Person spans from jieba words: three-character words that start with a common
    surname and that the dictionary tags as a person (nr) or its HMM made up (钱其琛,
    周恩来 — nine in ten are people in newswire); the person in a doctrine (邓小平理论);
    a surname alone before a form of address (江主席)."""
    _, tags = _jieba()
    out = []
    for k, (a, b, word, tag) in enumerate(ws):
        before = ws[k - 1][2] if k else ""
        after = ws[k + 1][2] if k + 1 < len(ws) else ""
        if b - a == 3 and word[0] in RULE_SURNAMES and word[1:] in _SURNAME_ALONE:
            out.append((a, a + 1))  # 江主席 is one jieba word
        elif b - a == 3 and word[0] in RULE_SURNAMES and tag in ("nr", "nrfg", "new"):
            out.append((a, b))
        elif 2 <= b - a <= 4 and tag in ("nr", "nrt", "nrfg", "new") and (
                after in _TITLE_WORDS or before in _TITLE_WORDS or (
                    b - a == 2 and after in _SPEECH and word[0] in RULE_SURNAMES)) and (
                word[0] in RULE_SURNAMES or tag != "new" or all(c in TRANSLIT for c in word)
                or after in _ADDRESS):
            out.append((a, b))  # 李鹏总理, 总统克林顿, 小平同志
        elif word.endswith(_DOCTRINES) and tags.get(word[:-2]) in ("nr", "nrt", "nrfg"):
            out.append((a, b - 2))
        elif b - a == 1 and word in SURNAMES and after in _SURNAME_ALONE \
                and (k == 0 or ws[k - 1][3] != "new"):
            out.append((a, b))
    return out


def _is_plain_words(s: str, a: int, b: int, ws: list[Word], word_at: list[int]) -> bool:
    """True when ``s[a:b]`` is exactly a run of dictionary words none of which is a name
    (切实/加强, 齐心协力): the tagger's name there is a false alarm."""
    first, last = ws[word_at[a]], ws[word_at[b - 1]]
    if first[0] != a or last[1] != b or s[a] in SURNAMES:
        return False
    return all(ws[k][3] not in _PROPER_TAGS for k in range(word_at[a], word_at[b - 1] + 1))


def _name_shaped(name: str, word: Word, a: int, b: int) -> bool:
    """A person span the tagger proposed looks like a name: it starts with a surname, is
    transliterated, carries a middle dot, is Latin, or jieba calls it a name."""
    if name[0] in SURNAMES or all(c in TRANSLIT or c in SEPARATORS for c in name):
        return True
    if any(c in SEPARATORS for c in name) or name.isascii():
        return True
    return word[0] == a and word[1] == b and word[3] in _NAME_TAGS


_TITLE_ENDS = tuple(sorted(TITLES, key=len, reverse=True))


def _nameish(word: Word) -> bool:
    return word[3] in _NAME_TAGS or all(c in TRANSLIT or c in SEPARATORS for c in word[2])


def _title_people(s: str, ws: list[Word]) -> list[tuple[int, int]]:
    """The name right after a title word (日本首相|高市早苗, 国务卿|鲁|比奥) or right before
    one (石破茂|首相): name-like jieba words (a person or place tag, or made up by the
    HMM, or all transliteration characters), two to five characters together."""
    out = []
    for k, (a, b, word, _) in enumerate(ws):
        if not word.endswith(_TITLE_ENDS):
            continue
        j, end = k + 1, b
        while j < len(ws) and _nameish(ws[j]) and ws[j][1] - b <= 6:
            end = ws[j][1]
            j += 1
        if 2 <= end - b <= 6:
            out.append((b, _trim(s, b, end)))
            continue
        j, start = k - 1, a
        while j >= 0 and _nameish(ws[j]) and a - ws[j][0] <= 4 and not (
                ws[j][3] == "ns" or s[ws[j][0]:ws[j][1]] in countries()):
            start = ws[j][0]
            j -= 1
        if 2 <= a - start <= 4:
            out.append((start, a))
    return out


def _dotted_names(s: str, ws: list[Word], word_at: list[int]) -> list[tuple[int, int]]:
    """Foreign names whose parts a middle dot joins (赛福鼎·艾则孜, 本雅明·内塔尼亚胡):
    the jieba words on either side of each dot, chained, each part four characters or
    fewer and not a common word."""
    out = []
    i = s.find("·")
    while i != -1:
        if 0 < i < len(s) - 1 and _char_class(s[i - 1]) == "H" and _char_class(s[i + 1]) == "H":
            left = ws[word_at[i - 1]]
            j = i
            right = ws[word_at[j + 1]]
            parts = [left, right]
            while right[1] < len(s) and s[right[1]] == "·" and right[1] + 1 < len(s) \
                    and _char_class(s[right[1] + 1]) == "H":
                j = right[1]
                right = ws[word_at[j + 1]]
                parts.append(right)
            if all(p[1] - p[0] <= 4 and p[3] not in _COMMON_TAGS for p in parts):
                start = left[0]
                if any(s[max(0, start - len(t) + 1):start + 1] == t for t in TITLES):
                    start += 1  # 总|理本雅明: jieba took the title's last character
                out.append((start, right[1]))
            i = s.find("·", right[1])
        else:
            i = s.find("·", i + 1)
    return out


# jieba tags of words that are never part of a name (verbs, particles, pronouns, ...).
_COMMON_TAGS = wordset(
    "v vn d p c u r m q t f y e o a ad an uj ul uz ug ud ude zg"
)


def _country_mentions(s: str) -> list[tuple[int, int]]:
    """Country names of two characters or more (英国, 俄罗斯, 乌克兰) wherever they stand."""
    return [m.span() for m in _country_pattern().finditer(s)]


@cache
def _country_pattern() -> re.Pattern[str]:
    names = sorted((c for c in countries() if len(c) >= 2), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


@finder("zh-Hans", "zh-Hant", "zh")
def find_names(text: str) -> list[Name]:
    s = normalise(text)
    ws = words(s)
    word_at = [0] * len(s)
    for k, (a, b, _, _) in enumerate(ws):
        for i in range(a, b):
            word_at[i] = k
    model = tag_normalised(s, ws)
    # Names next to a title are the strongest evidence: they replace whatever the tagger
    # made of that stretch (英国首相斯塔默 as one organisation).
    country_at = bytearray(len(s))
    for x, y in _country_mentions(s):
        country_at[x:y] = b"\x01" * (y - x)
    strong = [(a, b) for a, b in _title_people(s, ws) + [(a, b) for a, b, _ in rules(s)]
              + _dotted_names(s, ws, word_at)
              if not any(country_at[a:b])]  # 俄|罗斯总统: not a name 罗斯
    strong_at = bytearray(len(s))
    for x, y in strong:
        strong_at[x:y] = b"\x01" * (y - x)
    model = [(a, b, k) for a, b, k in model if not any(strong_at[a:b])]
    strong.sort(key=lambda span: span[0] - span[1])  # the longest first (基尔·斯塔默)
    people = strong + _jieba_people(s, ws)
    person_at: dict[int, tuple[int, int]] = {}
    for x, y in people:
        for i in range(x, y):
            person_at[i] = (x, y)
    # A surname-shaped word overrides a model span that is a title built on it
    # (江泽民主席), the same span typed otherwise (克林顿 as ORG), or one that cuts it;
    # an organisation or place that contains it stays (宋庆龄基金会).
    keep = []
    for a, b, k in model:
        clash = {person_at[i] for i in range(a, b) if i in person_at}
        if clash and (len(clash) >= 2 or k == "PER" or any(
                k in ("TITLE", "WORK") or (a, b) == (x, y) or not (a <= x and y <= b)
                for x, y in clash)):
            continue  # also a run of names read as one (李鹏乔石李瑞环): the words win
        if k == "PER":
            word = ws[word_at[a]]
            if _is_plain_words(s, a, b, ws, word_at) or not _name_shaped(s[a:b], word, a, b):
                continue
            if b - a == 3 and s[a + 1:b] in _SURNAME_ALONE:
                b = a + 1  # 江主席 → 江
            elif b - a >= 3 and s[b - 1] in _PLACE_ENDS:
                k = "LOC"  # 卢浮宫, 埃菲尔铁塔
            elif word[0] <= a and b <= word[1] and word[3] == "ns":
                a, b, k = word[0], word[1], "LOC"  # a place jieba knows (莫斯科, 俄|罗斯)
            elif word[0] <= a and b <= word[1] and word[3] in _NAME_TAGS:
                a, b = word[0], word[1]  # a name cut short inside one jieba word (叶利|钦)
        keep.append((a, b, k))
    covered = bytearray(len(text))
    names = []
    for a, b, k in keep:
        if k not in LABEL_TYPES:
            continue
        kind = LABEL_TYPES[k]
        if kind == "place" and s[a:b] in countries():
            kind = "country"
        names.append(Name(a, b, text[a:b], kind, "model"))
        covered[a:b] = b"\x01" * (b - a)
    for a, b in people:
        if not any(covered[a:b]) and s[a:b] not in countries():
            names.append(Name(a, b, text[a:b], "person", "rule"))
            covered[a:b] = b"\x01" * (b - a)
    for a, b in _country_mentions(s) + _paired_countries(s):
        if not any(covered[a:b]):
            names.append(Name(a, b, text[a:b], "country", "rule"))
            covered[a:b] = b"\x01" * (b - a)
    # Places jieba's dictionary knows (北京, 香港, 亚太) where nothing else was found.
    for a, b, word, tag in ws:
        if tag == "ns" and b - a >= 2 and not any(covered[a:b]):
            kind = "country" if word in countries() else "place"
            names.append(Name(a, b, text[a:b], kind, "rule"))
    return resolve_overlaps(names)


# One-character country names in pairs (中美关系, 中俄两国, 日韩首脑): each is a country.
_ONE_CHAR = "中美日俄英法德韩朝印澳加意越菲泰欧"
_PAIRED = re.compile(rf"[{_ONE_CHAR}](?:[{_ONE_CHAR}])+(?=[关两双合友建首会联边贸峰外战经军间之])")


def _paired_countries(s: str) -> list[tuple[int, int]]:
    return [(i, i + 1) for m in _PAIRED.finditer(s) for i in range(m.start(), m.end())]
