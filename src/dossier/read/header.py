"""The head of a plain-text article: section label, headline, date line, source, URL.

Copy-pasted articles start with a few lines of metadata in no fixed order: a
section label ("article / 全球政治", "ニュース > 政治"), the headline, a date line
("发布时间：2026-02-01 10:32", "01/02/2026"), a source line ("来源：新华网",
"出典：共同通信", "作者：某某 | 网易号"). They are read here and taken off the body;
the raw text keeps them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dossier.analyse.fold import fold
from dossier.read.dates import DateFound, find_date

# Only the first lines can be metadata; after that everything is body.
HEAD_LINES = 8
HEADLINE_MAX = 120
# A section label or an outlet name standing alone on its line is this short.
BARE_NAME_MAX = 12
_PUNCTUATION = re.compile(r"[。．.，,、！？!?：:；;「」『』“”\"（）()]")

_LABEL = re.compile(r"^[^。.!?！？：:]{1,24}\s*[/|｜>＞›»]\s*[^。.!?！？：:]{1,24}$")
_SOURCE = re.compile(
    r"^(?:来源|來源|出典|出处|出處|source|via|作者|記者|记者|文|by|配信元|提供)\s*[:：|｜]?\s*(?P<name>.+)$",
    re.I,
)
_DATE_LABELS = re.compile(
    r"发布时间|發佈時間|發布時間|时间|時間|日期|published|updated|posted|date|配信日?|公開日?|更新日?|日付"
    r"|(?:\d{1,2}[:：時时]\d{2}(?:[:：分]\d{2})?(?:分|秒)?)|[-–—|｜,，/:：()（）\s]|(?:am|pm|jst|utc|gmt)",
    re.I,
)
_URL = re.compile(r"^https?://\S+$")
PLATFORMS = {
    "网易号": "网易号", "搜狐号": "搜狐号", "百家号": "百家号", "头条号": "头条号",
    "企鹅号": "企鹅号", "大鱼号": "大鱼号", "微信公众号": "微信公众号", "今日头条": "今日头条",
    "yahoo!ニュース": "Yahoo!ニュース", "ヤフーニュース": "Yahoo!ニュース", "line news": "LINE NEWS",
    "yahoo news": "Yahoo News", "msn": "MSN",
}
_PLATFORM = re.compile("|".join(re.escape(k) for k in sorted(PLATFORMS, key=len, reverse=True)))


@dataclass
class Head:
    title: str | None = None
    section: str | None = None
    date: DateFound | None = None
    source: str | None = None
    url: str | None = None
    body: str = ""


def platform_in(line: str) -> str | None:
    """The self-media or aggregator platform a line names, if any."""
    m = _PLATFORM.search(fold(line))
    return PLATFORMS[m.group()] if m else None


def _source_name(line: str) -> str | None:
    m = _SOURCE.match(line)
    if not m:
        return None
    name = m["name"].strip()
    platform = platform_in(name)
    if platform:
        return platform
    return re.split(r"\s*[|｜/，,]\s*|\s{2,}", name)[0].strip() or None


def _date_line(line: str) -> tuple[DateFound, str | None] | None:
    found = find_date(line)
    if not found:
        return None
    rest = line[:found.start] + " " + line[found.end:]
    source = None
    m = re.search(r"(?:来源|來源|出典|source|via)\s*[:：]?\s*\S.*$", rest, re.I)
    if m:
        source = _source_name(m.group().strip())
        rest = rest[:m.start()]
    if len(_DATE_LABELS.sub("", rest)) > 6:
        return None
    return found, source


def _is_meta(line: str) -> bool:
    return bool(_URL.match(line) or _date_line(line) or _source_name(line))


def _headline_like(line: str) -> bool:
    """A headline is short and does not end like a sentence of prose."""
    return bool(line) and len(line) <= HEADLINE_MAX and not line.endswith(("。", ".")) \
        and not _is_meta(line)


def _bare_name(line: str) -> bool:
    """A short line with no sentence punctuation: an outlet's name under the date."""
    return len(line) <= BARE_NAME_MAX and not _PUNCTUATION.search(line)


def read_head(text: str) -> Head:
    """Split metadata lines off the top of ``text`` (already free of clutter)."""
    head = Head()
    lines = [(n, _unmark(line)) for n, line in enumerate(text.split("\n")) if line.strip()]
    lines = lines[:HEAD_LINES]
    body_from = None
    for k, (n, s) in enumerate(lines):
        following = lines[k + 1][1] if k + 1 < len(lines) else ""
        dated = None if head.date else _date_line(s)
        if head.url is None and _URL.match(s):
            head.url = s
        elif dated:
            head.date, source = dated
            head.source = head.source or source
        elif head.source is None and (name := _source_name(s)) and len(s) <= 60:
            head.source = name
        elif head.title is None and head.section is None and (
                _LABEL.match(s) or (_bare_name(s) and _headline_like(following))):
            head.section = s
        elif head.title is None and len(s) <= HEADLINE_MAX:
            head.title = s
        elif head.title and head.date and head.source is None and _bare_name(s):
            head.source = s
        else:
            body_from = n
            break
    else:
        body_from = lines[-1][0] + 1 if lines else 0
    head.body = "\n".join(text.split("\n")[body_from:]).strip("\n")
    return head


def _unmark(line: str) -> str:
    """A line without its Markdown heading marks."""
    s = line.strip()
    return s.lstrip("#").strip() if s.startswith("#") else s
