"""Calendars and named days used by ``times``: Easter, the Chinese lunisolar calendar
(new moons and solar terms computed from Meeus' formulae), the Hebrew and the tabular
Islamic calendars, and a table of holiday names in zh/ja/en.

Everything here is a pure function of a Gregorian year; nothing is downloaded or cached on
disk. Hindu festivals (Diwali, Holi…) depend on local sunrise and lunar days and are not
computed: their names are recognised but left without a value.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from functools import lru_cache

# --- Easter -------------------------------------------------------------------------------


def easter(year: int) -> date:
    """Western (Gregorian) Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def orthodox_easter(year: int) -> date:
    """Orthodox Easter Sunday (Julian computus, converted to the Gregorian calendar)."""
    a, b, c = year % 4, year % 7, year % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month = (d + e + 114) // 31
    day = (d + e + 114) % 31 + 1
    julian = date(year, month, day)
    return julian + timedelta(days=year // 100 - year // 400 - 2)


# --- Hebrew calendar (Calendrical Calculations, Reingold & Dershowitz) ----------------------

_HEBREW_EPOCH = -1373427  # R.D. of Tishri 1, A.M. 1


def _hebrew_elapsed(year: int) -> int:
    months = (235 * year - 234) // 19
    parts = 12084 + 13753 * months
    days = 29 * months + parts // 25920
    return days + 1 if (3 * (days + 1)) % 7 < 3 else days


def _hebrew_correction(year: int) -> int:
    ny0, ny1, ny2 = _hebrew_elapsed(year - 1), _hebrew_elapsed(year), _hebrew_elapsed(year + 1)
    if ny2 - ny1 == 356:
        return 2
    if ny1 - ny0 == 382:
        return 1
    return 0


def hebrew_new_year(hyear: int) -> date:
    return date.fromordinal(_HEBREW_EPOCH + _hebrew_elapsed(hyear) + _hebrew_correction(hyear))


def hebrew_day(gyear: int, which: str) -> date:
    """A fixed day of the Hebrew year falling in Gregorian ``gyear``.

    ``which`` is a key of ``_HEBREW_DAYS``. Nisan–Elul have fixed lengths, so spring and
    summer days are counted back from the next Tishri 1.
    """
    kind, n = _HEBREW_DAYS[which]
    if kind == "tishri":  # autumn of gyear
        return hebrew_new_year(gyear + 3761) + timedelta(days=n)
    if kind == "next":  # spring/summer of gyear, counted back from Tishri 1
        return hebrew_new_year(gyear + 3761) - timedelta(days=n)
    # Kislev/Tevet/Shevat depend on the lengths of Heshvan and Kislev.
    hyear = gyear + 3761 if kind == "kislev" else gyear + 3760
    start = hebrew_new_year(hyear)
    length = (hebrew_new_year(hyear + 1) - start).days
    heshvan = 30 if length % 10 == 5 else 29
    kislev = 29 if length % 10 == 3 else 30
    if kind == "kislev":
        return start + timedelta(days=30 + heshvan + n - 1)
    return start + timedelta(days=30 + heshvan + kislev + 29 + n - 1)  # Shevat


_HEBREW_DAYS = {
    "rosh_hashanah": ("tishri", 0),
    "yom_kippur": ("tishri", 9),
    "sukkot": ("tishri", 14),
    "shemini_atzeret": ("tishri", 21),
    "simchat_torah": ("tishri", 22),
    "hanukkah": ("kislev", 25),
    "tu_bishvat": ("shevat", 15),
    "passover": ("next", 177 - 14),
    "yom_haatzmaut": ("next", 177 - 30 - 4),
    "lag_baomer": ("next", 177 - 30 - 17),
    "shavuot": ("next", 177 - 59 - 5),
    "tisha_bav": ("next", 177 - 118 - 8),
}


def yom_haatzmaut(gyear: int) -> date:
    """Iyar 5, moved so that it never touches the Sabbath (Israeli law since 2004)."""
    d = hebrew_day(gyear, "yom_haatzmaut")
    wd = d.weekday()  # Monday=0
    if wd == 4:
        return d - timedelta(days=1)
    if wd == 5:
        return d - timedelta(days=2)
    if wd == 0:
        return d + timedelta(days=1)
    return d


# --- Islamic (tabular) calendar --------------------------------------------------------------

_ISLAMIC_EPOCH = 227015  # R.D. of 1 Muharram 1 A.H. (Julian 16 July 622)


def islamic_to_date(year: int, month: int, day: int) -> date:
    return date.fromordinal(
        _ISLAMIC_EPOCH - 1 + (year - 1) * 354 + (3 + 11 * year) // 30
        + 29 * (month - 1) + month // 2 + day
    )


def islamic_day(gyear: int, month: int, day: int) -> date | None:
    """The Gregorian date of ``day``/``month`` (Hijri) falling in ``gyear`` (first one)."""
    approx = int((gyear - 622) * 33 / 32)
    for hyear in (approx, approx + 1, approx + 2):
        d = islamic_to_date(hyear, month, day)
        if d.year == gyear:
            return d
    return None


# --- Chinese lunisolar calendar ------------------------------------------------------------
# New moons (Meeus, ch. 49, main terms) and the sun's apparent longitude (ch. 25, low
# precision) are accurate to minutes, enough to place month starts on the right day in
# China Standard Time except in rare edge cases.


def _jde_new_moon(k: float) -> float:
    t = k / 1236.85
    jde = (2451550.09766 + 29.530588861 * k + 0.00015437 * t * t
           - 0.000000150 * t ** 3 + 0.00000000073 * t ** 4)
    e = 1 - 0.002516 * t - 0.0000074 * t * t
    m = math.radians(2.5534 + 29.10535670 * k - 0.0000014 * t * t)
    mp = math.radians(201.5643 + 385.81693528 * k + 0.0107582 * t * t)
    f = math.radians(160.7108 + 390.67050284 * k - 0.0016118 * t * t)
    om = math.radians(124.7746 - 1.56375588 * k + 0.0020672 * t * t)
    jde += (-0.40720 * math.sin(mp) + 0.17241 * e * math.sin(m) + 0.01608 * math.sin(2 * mp)
            + 0.01039 * math.sin(2 * f) + 0.00739 * e * math.sin(mp - m)
            - 0.00514 * e * math.sin(mp + m) + 0.00208 * e * e * math.sin(2 * m)
            - 0.00111 * math.sin(mp - 2 * f) - 0.00057 * math.sin(mp + 2 * f)
            + 0.00056 * e * math.sin(2 * mp + m) - 0.00042 * math.sin(3 * mp)
            + 0.00042 * e * math.sin(m + 2 * f) + 0.00038 * e * math.sin(m - 2 * f)
            - 0.00024 * e * math.sin(2 * mp - m) - 0.00017 * math.sin(om))
    return jde


def _sun_longitude(jde: float) -> float:
    t = (jde - 2451545.0) / 36525
    l0 = 280.46646 + 36000.76983 * t
    m = math.radians(357.52911 + 35999.05029 * t)
    c = ((1.914602 - 0.004817 * t) * math.sin(m) + 0.019993 * math.sin(2 * m)
         + 0.000289 * math.sin(3 * m))
    om = math.radians(125.04 - 1934.136 * t)
    return (l0 + c - 0.00569 - 0.00478 * math.sin(om)) % 360


def _jde_to_beijing_date(jde: float) -> date:
    # JDE ≈ UT here (ΔT of about a minute is ignored); +8 h for China Standard Time.
    return date.fromordinal(int(math.floor(jde + 8 / 24 - 1721424.5)))


def _solar_term_jde(year: int, longitude: float) -> float:
    """JDE when the sun reaches ``longitude`` in ``year`` (Newton steps from a guess)."""
    guess = 2451545.0 + 365.2422 * (year - 2000) + ((longitude - 280.46) % 360) / 360 * 365.2422
    for _ in range(6):
        diff = (longitude - _sun_longitude(guess) + 180) % 360 - 180
        guess += diff * 365.2422 / 360
    return guess


def solar_term(year: int, longitude: float) -> date:
    return _jde_to_beijing_date(_solar_term_jde(year, longitude))


@lru_cache(maxsize=256)
def _lunar_months(year: int) -> tuple[tuple[date, int, bool], ...]:
    """Months (start, number, leap) from the 11th month of ``year - 1`` to that of ``year``."""
    def new_moons_from(d: date, count: int) -> list[date]:
        k = math.floor((d.year + (d.timetuple().tm_yday - 30) / 365.25 - 2000) * 12.3685)
        out: list[date] = []
        while len(out) < count:
            nm = _jde_to_beijing_date(_jde_new_moon(k))
            if nm > d - timedelta(days=30):
                out.append(nm)
            k += 1
        return out

    ws0 = solar_term(year - 1, 270)  # winter solstice before
    ws1 = solar_term(year, 270)
    moons = new_moons_from(ws0 - timedelta(days=29), 16)
    # month 11 is the one containing the winter solstice
    start = max(i for i, m in enumerate(moons) if m <= ws0)
    end = max(i for i, m in enumerate(moons) if m <= ws1)
    span = moons[start:end + 1]
    leap_year = end - start == 13
    # principal terms (zhongqi): sun longitude a multiple of 30°
    zhongqi = [solar_term(year, float(lon)) for lon in (300, 330, *range(0, 300, 30))]
    months: list[tuple[date, int, bool]] = []
    number = 11
    leap_taken = False
    for i in range(len(span) - 1):
        a, b = span[i], span[i + 1]
        has_zq = any(a <= z < b for z in zhongqi)
        if leap_year and not leap_taken and not has_zq and i > 0:
            months.append((a, months[-1][1], True))
            leap_taken = True
            continue
        months.append((a, number, False))
        number = number % 12 + 1
    return tuple(months)


def lunar_to_date(year: int, month: int, day: int, leap: bool = False) -> date | None:
    """Gregorian date of lunar ``month``/``day`` in the lunar year that begins in ``year``."""
    months = list(_lunar_months(year)) + list(_lunar_months(year + 1))
    seen_new_year = False
    for i, (start, number, is_leap) in enumerate(months):
        if number == 1 and not is_leap and start.year in (year, year + 1):
            seen_new_year = seen_new_year or start.year == year
        if not seen_new_year:
            continue
        if number == month and is_leap == leap:
            nxt = months[i + 1][0] if i + 1 < len(months) else start + timedelta(days=30)
            d = start + timedelta(days=day - 1)
            return d if d < nxt else None
    return None


def chinese_new_year(year: int) -> date:
    d = lunar_to_date(year, 1, 1)
    assert d is not None
    return d


# --- Holidays ------------------------------------------------------------------------------
# Each rule maps a Gregorian year to a date (or None when unknown).


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """n-th ``weekday`` (Monday=0) of ``month``; n=-1 for the last one."""
    if n > 0:
        d = date(year, month, 1)
        d += timedelta(days=(weekday - d.weekday()) % 7)
        return d + timedelta(weeks=n - 1)
    nxt = date(year + month // 12, month % 12 + 1, 1)
    d = nxt - timedelta(days=1)
    return d - timedelta(days=(d.weekday() - weekday) % 7)


def _qingming(year: int) -> date:
    return solar_term(year, 15)


def _fixed(m: int, d: int):
    return lambda y: date(y, m, d)


def _east(n: int):
    return lambda y: easter(y) + timedelta(days=n)


def _oeast(n: int):
    return lambda y: orthodox_easter(y) + timedelta(days=n)


def _lunar(m: int, d: int):
    return lambda y: lunar_to_date(y, m, d)


def _heb(key: str):
    return lambda y: hebrew_day(y, key)


def _isl(m: int, d: int):
    return lambda y: islamic_day(y, m, d)


def _nth(m: int, wd: int, n: int):
    return lambda y: _nth_weekday(y, m, wd, n)


def _none(y: int) -> date | None:
    return None


# name variants (simplified, traditional, Japanese, English) → rule
HOLIDAYS: dict[str, object] = {}


def _add(rule, *names: str) -> None:
    for name in names:
        HOLIDAYS[name] = rule


_add(_fixed(1, 1), "元旦", "元旦节", "元旦節", "阳历新年", "陽曆新年", "New Year's Day", "元日")
_add(_fixed(3, 8), "妇女节", "婦女節", "国际妇女节", "國際婦女節", "三八妇女节", "三八婦女節",
     "International Women's Day")
_add(_fixed(5, 1), "劳动节", "勞動節", "五一劳动节", "五一勞動節", "五一国际劳动节", "五一國際勞動節",
     "国际劳动节", "國際勞動節", "メーデー", "May Day")
_add(_fixed(5, 4), "青年节", "青年節", "五四青年节", "五四青年節")
_add(_fixed(6, 1), "儿童节", "兒童節", "国际儿童节", "國際兒童節", "六一儿童节", "六一兒童節")
_add(_fixed(7, 1), "建党节", "建黨節", "香港回归纪念日", "香港回歸紀念日")
_add(_fixed(8, 1), "建军节", "建軍節", "八一建军节", "八一建軍節")
_add(_fixed(9, 10), "教师节", "教師節")
_add(_fixed(12, 25), "圣诞", "聖誕", "圣诞节", "聖誕節", "クリスマス", "Christmas", "Christmas Day")
_add(_fixed(12, 24), "平安夜", "圣诞夜", "聖誕夜", "クリスマスイブ", "Christmas Eve")
_add(_fixed(4, 1), "愚人节", "愚人節", "エイプリルフール", "April Fools' Day")
_add(_fixed(10, 31), "万圣节", "萬聖節", "ハロウィン", "Halloween")
_add(_fixed(12, 20), "澳门回归纪念日", "澳門回歸紀念日")
_add(_fixed(2, 14), "情人节", "情人節", "圣瓦伦丁节", "聖瓦倫丁節", "バレンタインデー",
     "Valentine's Day")
_add(_fixed(3, 15), "国际消费者权益日", "國際消費者權益日", "国际消費者權益日", "三一五", "消费者权益日")
_add(_fixed(3, 12), "植树节", "植樹節")
_add(_fixed(10, 16), "老板节", "老闆節")
_add(_fixed(11, 11), "光棍节", "光棍節", "双十一", "雙十一")
_add(_fixed(2, 11), "建国記念の日", "建国記念日")
_add(_fixed(2, 23), "天皇誕生日")
_add(_fixed(5, 3), "憲法記念日")
_add(_fixed(5, 5), "こどもの日")
_add(_fixed(11, 3), "文化の日")
_add(_fixed(11, 23), "勤労感謝の日")
_add(_fixed(1, 14), "印度丰收节", "淡米爾豐收節", "淡米尔丰收节", "Pongal")
_add(_fixed(1, 15), "印度丰收节第三天", "龐格爾節第三天", "庞格尔节第三天")
_add(_fixed(1, 16), "印度丰收节第四天", "龐格爾節第四天", "庞格尔节第四天")
_add(_fixed(7, 4), "Independence Day")
_add(_east(0), "复活节", "復活節", "主復活日", "イースター", "Easter", "Easter Sunday")
_add(_east(1), "复活节星期一", "復活節星期一", "Easter Monday")
_add(_east(-2), "主受难日", "主受难节", "主受難節", "沈默周五", "沈默週五", "聖週五", "圣周五",
     "耶穌受難日", "耶稣受难日", "Good Friday")
_add(_east(-1), "神圣周六", "神聖週六", "聖週六", "圣周六", "耶稣受难日翌日", "耶穌受難日翌日",
     "主受難節翌日", "主受难节翌日", "復活節前夜", "复活节前夜", "黑色星期六", "Holy Saturday")
_add(_east(-3), "濯足節", "濯足节", "神聖星期四", "神圣星期四", "圣周星期四", "聖週星期四", "圣周四",
     "聖週四", "設立聖餐日", "设立圣餐日", "Maundy Thursday")
_add(_east(-7), "棕枝主日", "圣枝主日", "聖枝主日", "聖樹主日", "圣树主日", "基督苦難主日",
     "基督苦难主日", "Palm Sunday")
_add(_east(-46), "大斋首日", "大齋首日", "聖灰星期三", "圣灰星期三", "灰日", "圣灰礼仪日", "聖灰禮儀日",
     "圣灰日", "聖灰日", "Ash Wednesday")
_add(_east(-47), "忏悔節", "忏悔节", "懺悔節", "忏悔火曜日", "懺悔火曜日", "煎餅星期二", "煎饼星期二",
     "Shrove Tuesday")
_add(_east(49), "五旬节", "五旬節", "圣灵降临节", "聖靈降臨節", "聖靈降臨日", "圣灵降临日", "Pentecost")
_add(_east(50), "圣灵节庆日", "聖靈節慶日", "Whit Monday")
_add(_east(56), "圣三一主日", "聖三一主日", "天主三一主日", "天主聖三一节", "天主圣三一节", "聖三主日",
     "圣三主日", "圣三节", "聖三節", "Trinity Sunday")
_add(_east(60), "基督聖體节", "基督圣体节", "基督聖體節", "基督聖體聖血瞻礼", "基督圣体圣血瞻礼",
     "基督聖體聖血節", "基督圣体圣血节", "Corpus Christi")
_add(_oeast(1), "东正教复活节星期一", "東正教復活節星期一")
_add(_oeast(-1), "東正教神聖週六", "东正教神圣周六", "東正教聖週六", "东正教圣周六", "東正教耶稣受难日翌日",
     "東正教主受難節翌日", "东正教主受难节翌日", "東正教复活节前夜", "东正教复活节前夜")
_add(_oeast(-2), "東正教耶穌受难日", "东正教耶稣受难日", "东正教主受难节", "東正教主受難節",
     "东正教圣周五", "東正教聖週五", "東正教沈默週五", "东正教沈默周五")
_add(_oeast(-7), "东正教棕枝主日", "東正教棕枝主日", "东正教圣枝主日", "东正教聖樹主日", "东正教圣树主日",
     "東正教基督苦難主日", "东正教基督苦难主日")
_add(_oeast(-8), "拉撒路聖週六", "拉撒路圣周六", "拉匝路周六", "拉匝路週六")
_add(_oeast(0), "东正教复活节", "東正教復活節")
_add(_lunar(1, 1), "春节", "春節", "农历新年", "農曆新年", "新春", "正月正时", "正月正時", "正月朔日",
     "大年初一", "旧正月", "Chinese New Year", "Lunar New Year")
_add(lambda y: (d := lunar_to_date(y, 1, 1)) and d - timedelta(days=1), "除夕", "大年三十", "大年夜")
_add(_lunar(1, 15), "元宵节", "元宵節", "元宵", "上元节", "上元節")
_add(_lunar(5, 5), "端午节", "端午節", "端午")
_add(_lunar(7, 7), "七夕节", "七夕節", "七夕")
_add(_lunar(8, 15), "中秋节", "中秋節", "中秋")
_add(_lunar(9, 9), "重阳节", "重陽節", "重阳", "重陽")
_add(_lunar(12, 8), "腊八节", "臘八節", "腊八")
_add(_qingming, "清明节", "清明節", "清明")
_add(_nth(5, 6, 2), "母亲节", "母親節", "母の日", "Mother's Day")
_add(_nth(6, 6, 3), "父亲节", "父親節", "父の日", "Father's Day")
_add(_nth(11, 3, 4), "感恩节", "感恩節", "Thanksgiving", "Thanksgiving Day")
_add(_heb("rosh_hashanah"), "犹太新年", "猶太新年", "Rosh Hashanah")
_add(_heb("yom_kippur"), "赎罪日", "贖罪日", "Yom Kippur")
_add(_heb("sukkot"), "住棚节", "住棚節", "Sukkot")
_add(_heb("shemini_atzeret"), "圣会节", "聖会節", "聖會節")
_add(_heb("simchat_torah"), "西赫托拉节", "西赫妥拉节", "诵经节", "誦經节", "誦經節", "转经节", "轉經節",
     "律法節", "律法节", "歡慶聖法節", "欢庆圣法节", "Simchat Torah")
_add(_heb("hanukkah"), "光明节", "光明節", "修殿节", "修殿節", "献殿节", "獻殿节", "獻殿節", "烛光节",
     "燭光節", "哈努卡节", "哈努卡節", "馬加比節", "马加比节", "Hanukkah")
_add(_heb("tu_bishvat"), "犹太植树节", "猶太植樹節", "图比舍巴特节", "圖比舍巴特節", "树木新年", "樹木新年")
_add(_heb("passover"), "逾越节", "逾越節", "Passover")
_add(yom_haatzmaut, "以色列独立日", "以色列獨立日", "以色列国庆节", "以色列國慶節")
_add(_heb("lag_baomer"), "篝火节", "篝火節", "犹太教篝火节", "猶太教篝火節", "Lag BaOmer")
_add(_heb("shavuot"), "七七节", "七七節", "沙夫幼特节", "週日節", "收获节", "收穫節", "新果实节",
     "新果實節", "Shavuot")
_add(_heb("tisha_bav"), "圣殿被毁日", "聖殿被毁日", "聖殿被毀日", "禁食日")
_add(_isl(10, 1), "开斋节", "開齋節", "肉孜节", "肉孜節", "尔代节", "爾代節", "Eid al-Fitr")
_add(_isl(12, 10), "古尔邦节", "古爾邦節", "宰牲节", "宰牲節", "Eid al-Adha")
_add(_isl(1, 1), "伊斯兰新年", "伊斯兰教新年", "伊斯兰历新年", "伊斯蘭新年", "Islamic New Year")
_add(_isl(1, 10), "阿舒拉節", "阿舒拉节", "Ashura")
_add(_isl(7, 27), "登霄节", "登霄節", "夜行登霄節", "夜行登霄节")
_add(_isl(9, 27), "法令之夜", "权力之夜", "權力之夜", "盖德尔夜")
_add(_isl(3, 12), "圣纪节", "聖紀節", "Mawlid")
_add(_isl(9, 1), "斋月", "齋月", "穆斯林斋月", "穆斯林齋月", "Ramadan")
_add(_east(-46), "大斋期", "大齋節", "大斋节", "Lent")
_add(_oeast(-48), "四旬节", "四旬節")
_add(_nth(3, 5, -1), "地球一小时", "地球一小時", "Earth Hour")
# Hindu and other festivals whose dates need a local-sunrise lunar calendar: recognised,
# left unresolved (value None) rather than guessed.
_add(_none, "万灯节", "印度燈節", "排灯节", "排燈節", "Diwali", "侯丽节", "荷麗节", "洒红节", "灑紅节",
     "欢悦节", "五彩節", "胡里节", "好利节", "霍利節", "Holi", "克哈特普迦节", "印度兄妹节", "拉克沙班丹節",
     "欧南节", "欧南節", "十勝節", "凯旋节", "圣母节", "卫塞节", "衛塞節", "威瑟节", "比萨宝蕉节",
     "比薩寶蕉節", "九夜节", "难近母节", "難近母節", "全球青年服务日", "全球青年服務日")

# Days whose Chinese name depends on the region (国庆: PRC 1 Oct, ROC 10 Oct).
NATIONAL_DAY = {"zh-Hans": (10, 1), "zh-Hant": (10, 10)}
