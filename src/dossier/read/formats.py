"""Readers, one per file format: bytes of one file → documents or skipped items.

A reader yields :class:`Document` or :class:`Skipped` so that one bad item (a
malformed JSON line) never costs the rest of the file.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

import lxml.etree
import lxml.html
import trafilatura

from dossier.errors import ReadError
from dossier.model import Document, Skipped
from dossier.read.article import build, content_id
from dossier.read.decode import decode

Item = Document | Skipped
Reader = Callable[[Path, BinaryIO, frozenset[str]], Iterator[Item]]
READERS: dict[str, Reader] = {}

TITLE_KEYS = ("title", "headline")
TEXT_KEYS = ("text", "body", "content", "article")
DATE_KEYS = ("published", "date", "published_at", "publishedAt", "pubDate", "datePublished", "time")
URL_KEYS = ("url", "link")
SOURCE_KEYS = ("source", "site", "publisher", "outlet", "sitename")


def reader(*suffixes: str):
    """Register a reader for file suffixes; outside code can add formats the same way."""
    def register(fn: Reader) -> Reader:
        for s in suffixes:
            READERS[s] = fn
        return fn
    return register


@reader(".txt", ".md", ".text")
def read_plain(path: Path, f: BinaryIO, recurring: frozenset[str]) -> Iterator[Item]:
    raw = f.read()
    decoded = decode(raw)
    doc = build(content_id(raw), str(path), decoded.text, recurring=recurring)
    doc.meta["encoding"] = decoded.encoding
    yield doc


@reader(".html", ".htm", ".xhtml")
def read_html(path: Path, f: BinaryIO, recurring: frozenset[str]) -> Iterator[Item]:
    raw = f.read()
    decoded = decode(raw)
    page = trafilatura.bare_extraction(
        decoded.text, with_metadata=True, include_comments=False, include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if page is None or not (page.text or "").strip():
        raise ReadError("HTML page has no article text that could be found")
    tree = _parse_html(decoded.text)
    title = _html_title(tree) or page.title
    # What the extractor left out of the page (menus, banners, footers) is kept as boilerplate.
    left_out = [t for t in _visible_text(tree) if t not in page.text and t != title]
    doc = build(content_id(raw), str(path), _without_headline(page.text, title), title=title, published=page.date,
                source=page.sitename, url=page.url, parse_head=False, recurring=recurring,
                left_out=left_out)
    doc.meta["encoding"] = decoded.encoding
    yield doc


def _without_headline(text: str, title: str | None) -> str:
    """The extracted text often starts with the headline, which is the title, not body."""
    first, _, rest = text.partition("\n")
    if title and " ".join(first.split()) == " ".join(title.split()):
        return rest
    return text


def _parse_html(text: str) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.fromstring(text)
    except (lxml.etree.ParserError, ValueError):
        return None


def _html_title(tree: lxml.html.HtmlElement | None) -> str | None:
    """The headline as written (the extractor normalises spaces such as U+3000)."""
    if tree is None:
        return None
    for xpath in ('//meta[@property="og:title"]/@content', "//h1", "//title"):
        for found in tree.xpath(xpath):
            text = (found if isinstance(found, str) else found.text_content()).strip()
            if text:
                return text
    return None


def _visible_text(tree: lxml.html.HtmlElement | None) -> list[str]:
    """Each run of text a reader would see on the page, in order."""
    if tree is None:
        return []
    for hidden in tree.xpath("//script|//style|//noscript|//template|//head"):
        hidden.drop_tree()
    runs = []
    for piece in tree.itertext():
        s = piece.strip()
        if s and any(ch.isalnum() for ch in s):
            runs.append(s)
    return runs


@reader(".json")
def read_json(path: Path, f: BinaryIO, recurring: frozenset[str]) -> Iterator[Item]:
    text = decode(f.read()).text
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReadError(f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    items = data.get("articles", data.get("items", [data])) if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise ReadError("JSON is neither an article object nor a list of them")
    for n, item in enumerate(items, 1):
        where = f"{path}#{n}" if len(items) > 1 else str(path)
        raw = json.dumps(item, ensure_ascii=False, sort_keys=True).encode()
        yield _from_record(where, item, raw, recurring)


@reader(".jsonl", ".ndjson")
def read_jsonl(path: Path, f: BinaryIO, recurring: frozenset[str]) -> Iterator[Item]:
    # Streamed line by line: a feed may be far larger than memory should hold.
    for n, line in enumerate(f, 1):
        if not line.strip():
            continue
        where = f"{path}#{n}"
        try:
            item = json.loads(decode(line).text)
        except ReadError as exc:
            yield Skipped(where, f"line {n}: {exc}")
            continue
        except json.JSONDecodeError as exc:
            yield Skipped(where, f"line {n}: malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        yield _from_record(where, item, line.strip(), recurring)


def _pick(item: dict, keys: tuple[str, ...]) -> str | None:
    for k in keys:
        v = item.get(k)
        if isinstance(v, dict):  # {"source": {"name": …}}
            v = v.get("name") or v.get("title")
        if isinstance(v, (str, int, float)) and str(v).strip():
            return str(v).strip()
    return None


def _from_record(where: str, item: object, raw: bytes, recurring: frozenset[str]) -> Item:
    if not isinstance(item, dict):
        return Skipped(where, "JSON item is not an object")
    body = _pick(item, TEXT_KEYS)
    if not body:
        return Skipped(where, f"no article text (expected one of: {', '.join(TEXT_KEYS)})")
    body = body.replace("\r\n", "\n")
    return build(content_id(raw), where, body, title=_pick(item, TITLE_KEYS),
                 published=_pick(item, DATE_KEYS), source=_pick(item, SOURCE_KEYS),
                 url=_pick(item, URL_KEYS), parse_head=False, recurring=recurring)
