"""The pages of the web UI, each a function of the request; URLs are stable and shareable."""

from __future__ import annotations

from collections import Counter

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.routing import Route

from dossier.analyse.fold import fold
from dossier.web.app import open_store, render

# Search results shown on one page.
RESULTS = 50
SNIPPET = 60


def overview(request: Request):
    with open_store(request) as store:
        docs = list(store.documents())
        skipped = store.skipped()
    docs.sort(key=lambda d: (d.published or "", d.title or ""), reverse=True)
    return render("overview.html", docs=docs, skipped=skipped,
                  languages=Counter(d.language for d in docs).most_common(),
                  sources=Counter(d.source or "(not stated)" for d in docs).most_common(12))


def document(request: Request):
    doc_id = request.path_params["doc_id"]
    with open_store(request) as store:
        doc = store.document(doc_id)
    if doc is None:
        raise HTTPException(404, f"No document with id {doc_id}.")
    return render("document.html", doc=doc,
                  sentences=[(s, doc.text[s.start:s.end]) for s in doc.sentences])


def search(request: Request):
    query = request.query_params.get("q", "").strip()[:200]
    hits = []
    if query:
        needle = fold(query)
        with open_store(request) as store:
            for doc in store.documents():
                hit = _find(doc.title or "", needle) or _find(doc.text, needle)
                if hit:
                    hits.append((doc, *hit))
                if len(hits) >= RESULTS:
                    break
    return render("search.html", query=query, hits=hits)


def _find(text: str, needle: str) -> tuple[str, str, str] | None:
    """(before, match as written, after) around the first folded match of ``needle``."""
    at = fold(text).find(needle)
    if at < 0:
        return None
    end = at + len(needle)
    return text[max(0, at - SNIPPET):at], text[at:end], text[end:end + SNIPPET]


ROUTES = [
    Route("/", overview, name="overview"),
    Route("/documents/{doc_id:str}", document, name="document"),
    Route("/search", search, name="search"),
]
