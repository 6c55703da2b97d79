"""Turn one item's decoded text and metadata into a cleaned :class:`Document`."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from dossier.model import Document
from dossier.read.clutter import clean
from dossier.read.dates import decide, parse_date_field
from dossier.read.header import platform_in, read_head


def content_id(raw: bytes) -> str:
    """Documents are named by their content, so re-reading an item is a no-op."""
    return hashlib.sha256(raw).hexdigest()[:16]


def build(doc_id: str, path: str, raw_text: str, *, title: str | None = None,
          published: str | None = None, source: str | None = None, url: str | None = None,
          parse_head: bool = True, recurring: frozenset[str] = frozenset(),
          left_out: Sequence[str] = ()) -> Document:
    """Clean ``raw_text``, read its head if asked, and fill metadata the item did not give.

    Metadata given by the item (a JSON field, an HTML meta tag) wins over what the
    text's own head says. ``recurring`` holds lines found to recur across the corpus;
    ``left_out`` what a reader already took off (an HTML page's menus), kept as boilerplate.
    """
    cleaned = clean(raw_text, recurring)
    head = read_head(cleaned.text) if parse_head else None
    body = head.body if head else cleaned.text
    doc = Document(id=doc_id, path=path, text=body, raw_text=raw_text,
                   boilerplate=[*left_out, *cleaned.boilerplate], url=url or (head.url if head else None))
    doc.meta["given"] = {k: v for k, v in (("title", title), ("published", published),
                         ("source", source), ("url", url)) if v}
    doc.meta["parse_head"] = parse_head
    if left_out:
        doc.meta["left_out"] = list(left_out)
    doc.title = title or (head.title if head else None)
    if head and head.section:
        doc.meta["section"] = head.section
    _date(doc, published, head.date if head else None)
    platform = next((p for line in cleaned.boilerplate if (p := platform_in(line))), None)
    doc.source = source or (head.source if head else None) or platform
    if platform:
        doc.meta["platform"] = platform
    return doc


def rebuild(doc: Document, recurring: frozenset[str]) -> Document:
    """Clean a stored document again, e.g. after new corpus-wide clutter lines were found."""
    given = doc.meta.get("given", {})
    again = build(doc.id, doc.path, doc.raw_text, parse_head=doc.meta.get("parse_head", True),
                  recurring=recurring, left_out=doc.meta.get("left_out", ()), **given)
    again.meta = {**doc.meta, **again.meta}
    return again


def _date(doc: Document, field: str | None, from_text) -> None:
    found = parse_date_field(field) if field else from_text
    where = "metadata" if field else "date line"
    if found is None:
        doc.published, doc.published_note = None, "no publication date in the article"
        return
    found = decide(found, doc.text)
    doc.published = found.value
    doc.published_note = f"{where}: {found.note}"
