import pytest

from dossier.read.article import build
from dossier.read.clutter import clean, clutter_kind

ARTICLE = [
    "英国首相斯塔默1月31日在东京与日本首相高市早苗举行会谈。",
    "双方同意在关键矿产供应链方面加强合作，并将于年内举行2+2会议。",
    "Starmer said the U.K. would download more data to the cloud next year.",
    "記者が写真を撮影した。",
    "両国の間では、人材交流を今後5年間で50万人規模に拡大する計画も示された。",
]


@pytest.mark.parametrize("line,kind", [
    ("点击查看大图", "placeholder"),
    ("點擊查看大圖", "placeholder"),
    ("打开网易新闻 查看更多图片", "placeholder"),
    ("![]()", "placeholder"),
    ("[图片]", "placeholder"),
    ("画像をクリックして拡大", "placeholder"),
    ("タップして拡大する", "placeholder"),
    ("拡大表示", "placeholder"),
    ("Click here to download our app", "placeholder"),
    ("特别声明：以上内容为自媒体平台“网易号”用户上传并发布，本平台仅提供信息存储服务。", "disclaimer"),
    ("特別聲明：本文僅代表作者觀點，不代表本平台立場。", "disclaimer"),
    ("本記事はYahoo!ニュースに配信されたものを転載しています。", "disclaimer"),
    ("This article was originally published by a partner and syndicated here.", "disclaimer"),
])
def test_clutter_lines_are_recognised(line, kind):
    assert clutter_kind(line) == kind


@pytest.mark.parametrize("line", ARTICLE)
def test_article_sentences_are_not_clutter(line):
    assert clutter_kind(line) is None


def test_removed_lines_are_kept_aside_and_repeats_go():
    body = "\n".join(["关注我们，获取更多资讯", ARTICLE[0], "点击查看大图", "关注我们，获取更多资讯",
                      ARTICLE[1], "关注我们，获取更多资讯"])
    cleaned = clean(body)
    assert cleaned.text == f"{ARTICLE[0]}\n{ARTICLE[1]}"
    assert cleaned.boilerplate.count("关注我们，获取更多资讯") == 3
    assert "点击查看大图" in cleaned.boilerplate


def test_platform_from_disclaimer_becomes_source():
    raw = "标题\n\n正文一句。\n特别声明：以上内容为自媒体平台“网易号”用户上传并发布，本平台仅提供信息存储服务。"
    doc = build("x", "a.txt", raw)
    assert doc.source == "网易号" and doc.meta["platform"] == "网易号"
    assert doc.text == "正文一句。"


def test_related_links_block_and_portal_notes():
    body = "\n".join([ARTICLE[0], "【関連記事】", "・【図解】衆院選の仕組みをおさらい",
                      "・首相、年内の発議に意欲", "最終更新:2026年2月9日(月) 7時02分", "記事に関する報告",
                      "・この行は関連記事の外なので残る箇条書きです"])
    cleaned = clean(body)
    assert cleaned.text.split("\n") == [ARTICLE[0], "・この行は関連記事の外なので残る箇条書きです"]
    assert "・首相、年内の発議に意欲" in cleaned.boilerplate


def test_patterns_match_every_script():
    assert clutter_kind("關聯報導") == clutter_kind("相关报道") == "placeholder"


def test_related_headings_in_any_form():
    for heading in ("【関連情報】", "■関連記事", "相关阅读", "Related articles:"):
        assert clean(f"{ARTICLE[0]}\n{heading}\n・链接一条").text == ARTICLE[0], heading
