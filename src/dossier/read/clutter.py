"""Platform clutter: lines that are not the article, recognised and set aside.

Three kinds are recognised here, one document at a time: platform placeholders
(image markers, "tap to enlarge", app promotion), the disclaimers that self-media
and aggregator platforms append to reposted content, and lines repeated many
times within the document. Lines that recur across many documents of a corpus
are found at link time (``dossier.link.recurring``).

Patterns run on the folded line (simplified, half-width, lower case), so one
pattern covers both Chinese scripts. They match whole lines only, and the
placeholder patterns only short lines, so a sentence of the article that merely
mentions an app or a picture is never removed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from dossier.analyse.fold import fold, fold_pattern

# A line this long is prose, whatever words it contains, unless a disclaimer pattern claims it.
PLACEHOLDER_MAX = 60
# A line repeated this often inside one document is a platform's, not the author's.
REPEATS = 3

_IMAGE_MARKERS = re.compile(fold_pattern(
    r"^(?:!\[[^\]]*\]\([^)]*\)|\[(?:图片|图|img|image|photo|画像|写真|视频|video)\]"
    r"|<img[^>]*>|\{\{[^}]*\}\}|[（(]?图片?(?:来源|来自|:|：)[^。]{0,30}[)）]?"
    r"|【(?:画像|写真|動画|図解)】[^。]{0,30})\s*$"
))
_PLACEHOLDERS = re.compile(fold_pattern(
    r"点击(?:查看)?(?:大图|原图|图片|放大)|查看(?:更多)?(?:大图|原图|高清图|更多图片)"
    r"|打开.{0,12}(?:客户端|app|应用).{0,12}(?:查看|阅读|看)"
    r"|下载.{0,12}(?:客户端|app)|(?:扫码|扫描二维码)|(?:关注|订阅)(?:我们|公众号|本号)"
    r"|^(?:返回搜狐|返回网易首页|责任编辑[:：]|编辑[:：]|校对[:：]|原标题[:：]|相关阅读|相关新闻|延伸阅读|推荐阅读|猜你喜欢|广告)"
    # 拡大する alone is prose (交流を拡大する計画): enlarging is clutter only as a control.
    r"|画像(?:を)?(?:クリック|タップ|拡大)|(?:クリック|タップ)(?:して|で|すると)?(?:拡大|全画面)"
    r"|(?:拡大|全画面)表示|^(?:拡大|全画面)する$|写真[:：]|【(?:写真|画像|動画|関連記事)】"
    r"|アプリで(?:読む|見る|開く)|記事の続きを読む|^(?:次ページ|前ページ)|^(?:provided by|提供[:：])"
    r"|^(?:click|tap) (?:here|to)|download (?:our|the) app|^advertisement$|^share (?:this|on)"
    r"|^(?:read more|related|recommended|sign up|subscribe)\b|^(?:photo|image|picture)(?: credit)?:"
    r"|^follow us\b|^(?:getty images|reuters|ap photo|afp)$"
    r"|^(?:最終更新|最后更新|更新时间|更新時間|last updated)|記事に関する報告|^(?:この記事を)?(?:シェア|ツイート)"
    r"|(?:关联|相关|関連)(?:报道|报导|新闻|記事|ニュース|リンク)$|アクセスランキング|^(?:排行榜|热门推荐)$",
    ),
    re.I,
)
_DISCLAIMERS = re.compile(fold_pattern(
    r"(?:仅提供信息(?:存储|发布)(?:空间)?服务|不代表(?:本(?:站|平台|网|号))?(?:的)?(?:观点|立场)"
    r"|(?:网易号|搜狐号|百家号|头条号|企鹅号|大鱼号|一点号|澎湃号|自媒体).{0,40}(?:上传|发布|声明|观点|立场)"
    r"|^(?:特别声明|免责声明|版权声明|声明)[:：]|如有侵权.{0,10}(?:删除|联系)|版权归(?:原)?作者所有"
    r"|转载(?:请|须)注明|未经(?:授权|许可).{0,6}(?:转载|使用)"
    r"|yahoo!?ニュース|ヤフーニュース|(?:配信|転載|提供)元|本記事は.{0,40}(?:転載|配信|提供)|無断(?:転載|複製)"
    r"|記事(?:内容|の内容)は.{0,20}(?:責任|見解)"
    r"|all rights reserved|syndicated|reproduced with permission|republished (?:from|with)"
    r"|views expressed .{0,40}(?:not|do not|don't)|does not (?:necessarily )?(?:reflect|represent)"
    r"|this (?:article|story|content) (?:was|is|has been) (?:originally |first )?(?:published|provided|syndicated))"
    ),
    re.I,
)
# A "related articles" heading: the short bulleted lines under it are links, not prose.
_RELATED = re.compile(fold_pattern(
    r"^[【\[■▼◆]?(?:关联|相关|関連|延伸|推荐)(?:阅读|报道|报导|新闻|記事|ニュース|リンク|情報|文章)[】\]]?$"
    r"|^(?:related|more from|read more|recommended)(?: (?:articles|stories|coverage|news))?:?$"), re.I)
_BULLET = re.compile(r"^[・•·\-–—▶▷►■□◆◇●○※]\s*\S")


@dataclass(frozen=True)
class Cleaned:
    text: str
    boilerplate: list[str]


def clutter_kind(line: str, folded: str | None = None) -> str | None:
    """'placeholder', 'disclaimer' or None for one stripped line (``folded``: its folded form)."""
    folded = fold(line) if folded is None else folded
    if _DISCLAIMERS.search(folded):
        return "disclaimer"
    if len(line) <= PLACEHOLDER_MAX and (_IMAGE_MARKERS.match(folded) or _PLACEHOLDERS.search(folded)):
        return "placeholder"
    return None


def clean(body: str, also: frozenset[str] = frozenset()) -> Cleaned:
    """Remove clutter lines from ``body``; ``also`` holds lines known to be clutter corpus-wide."""
    lines = body.split("\n")
    # Folding keeps lengths, so the folded body splits into the folded lines.
    folded_lines = fold(body).split("\n")
    counts = Counter(s for line in lines if (s := line.strip()))
    kept, removed = [], []
    in_related = False
    for line, folded in zip(lines, folded_lines):
        s, f = line.strip(), folded.strip()
        related_link = in_related and len(s) <= PLACEHOLDER_MAX and _BULLET.match(s)
        heading = bool(_RELATED.match(f))  # 【関連情報】, 相关阅读, Related: the links follow
        if s and (related_link or heading or s in also or counts[s] >= REPEATS
                  or clutter_kind(s, f)):
            removed.append(s)
            in_related = bool(related_link or heading)
        else:
            kept.append(line.rstrip())
            in_related = in_related and not s
    return Cleaned(_squeeze("\n".join(kept)), removed)


def _squeeze(text: str) -> str:
    # Removing a line leaves its blank neighbours; keep paragraph breaks single.
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")
