"""The pages of the web UI, each a function of the request; URLs are stable and shareable."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.routing import Route

from dossier import query
from dossier.analyse.fold import fold
from dossier.web import graph
from dossier.web.app import open_store, render

# Search results shown on one page; documents listed on the overview.
RESULTS = 50
LATEST = 100
NEIGHBOURS = 12
STORIES = 20
ACTORS = 15
CONFLICTS = 20
TIMELINE = 500
SNIPPET = 60
MENTIONS = 50  # mentions on one page of an actor
MEMBERS = 100  # reports on one page of a story
STORY_PAGE = 100  # stories on one page of the list
CONTEXT = 120  # characters shown either side of a mention, within its sentence
EVIDENCE = 5  # sentences per conflicting value on a story page (all on /conflicts)
COPIES = 5  # copies named under each report on a story page; the rest are counted


def overview(request: Request):
    with open_store(request) as store:
        stories = query.story_list(store, STORIES)
        # the overview names each conflict and its values; the evidence is one click away
        conflicts = query.conflicts(store, limit=CONFLICTS, evidence=0)
        names = query.labels(store, {a for c in conflicts for a in query.subject_actors(c.subject)})
        return render("overview.html", docs=store.listing(LATEST), total=store.count("documents"),
                      skipped=store.skipped(), languages=store.counts_by("language"),
                      sources=store.counts_by("source")[:12], stories=stories,
                      actors=query.entities(store, limit=ACTORS),
                      conflicts=conflicts, names=names, describe=query.describe)


def stories(request: Request):
    page = _page(request)
    with open_store(request) as store:
        pager = Pager("/stories", page, query.story_count(store), STORY_PAGE)
        if page > pager.pages:
            raise HTTPException(404, f"No page {page} of stories: the last is {pager.pages}.")
        rows = query.story_list(store, STORY_PAGE, (page - 1) * STORY_PAGE)
    return render("stories.html", stories=rows, pager=pager)


def story(request: Request):
    story_id = request.path_params["story_id"]
    page = _page(request)
    with open_store(request) as store:
        view = query.story_view(store, story_id, evidence=EVIDENCE)
        if view is None:
            raise HTTPException(404, f"No story {story_id}.")
        pager = Pager(f"/stories/{story_id}", page, view.shown, MEMBERS)
        if page > pager.pages:
            raise HTTPException(404, f"No page {page} of reports: the last is {pager.pages}.")
        names = query.labels(store, {p for e in view.events for p in e.participants}
                             | {a[0] for a in view.actors}
                             | {a for c in view.conflicts for a in query.subject_actors(c.subject)})
    return render("story.html", story=view, members=view.page((page - 1) * MEMBERS, MEMBERS),
                  pager=pager, names=names, describe=query.describe, copies_shown=COPIES)


def pair(request: Request):
    original, copy = request.path_params["original"], request.path_params["copy"]
    with open_store(request) as store:
        rows = query.alignment(store, original, copy)
        if rows is None:
            raise HTTPException(404, "These two documents are not a translation pair.")
        a, b = store.document(original), store.document(copy)
    return render("pair.html", rows=rows, a=a, b=b)


def conflicts(request: Request):
    with open_store(request) as store:
        return render("conflicts.html", conflicts=query.conflicts(store, independent=True),
                      names=query.labels(store), describe=query.describe)


def document(request: Request):
    doc_id = request.path_params["doc_id"]
    with open_store(request) as store:
        doc = store.document(doc_id)
    if doc is None:
        raise HTTPException(404, f"No document with id {doc_id}.")
    mark = _span(request.query_params.get("mark", ""))
    sentences = []
    for n, s in enumerate(doc.sentences):
        text = doc.text[s.start:s.end]
        if mark and s.start <= mark[0] < s.end:
            a, b = mark[0] - s.start, min(mark[1], s.end) - s.start
            sentences.append((n, s, (text[:a], text[a:b], text[b:])))
        else:
            sentences.append((n, s, (text, "", "")))
    return render("document.html", doc=doc, sentences=sentences)


def _span(value: str) -> tuple[int, int] | None:
    """``mark=12:20`` → (12, 20); anything else is ignored."""
    start, _, end = value.partition(":")
    if start.isdigit() and end.isdigit() and int(start) < int(end):
        return int(start), int(end)
    return None


def search(request: Request):
    """Documents matching the query in any script: a name of a known actor also finds its
    names in the other scripts (斯塔默 finds スターマー and Starmer), shown as written."""
    query_text = request.query_params.get("q", "").strip()[:200]
    hits = []
    if query_text:
        with open_store(request) as store:
            actor = query.find_entity(store, query_text, limit=0)
            spellings = [query_text, *(sorted(actor.names) if actor else [])]
            for doc in store.search(spellings, RESULTS):
                hit = next((h for n in spellings for h in (_find(doc.title or "", fold(n)),
                                                           _find(doc.text, fold(n))) if h), None)
                hits.append((doc, *(hit or ("", "", ""))))
    return render("search.html", query=query_text, hits=hits)


def _find(text: str, needle: str) -> tuple[str, str, str] | None:
    """(before, match as written, after) around the first folded match of ``needle``."""
    at = fold(text).find(needle)
    if at < 0:
        return None
    end = at + len(needle)
    return text[max(0, at - SNIPPET):at], text[at:end], text[end:end + SNIPPET]


def entities(request: Request):
    kind = request.query_params.get("type") or None
    with open_store(request) as store:
        rows = query.entities(store, kind)
    return render("entities.html", rows=rows, kind=kind)


def entity(request: Request):
    entity_id = request.path_params["entity_id"]
    page = _page(request)
    with open_store(request) as store:
        view = query.entity_view(store, entity_id, offset=(page - 1) * MENTIONS, limit=MENTIONS,
                                 context=CONTEXT)
        if view is None:
            raise HTTPException(404, f"No actor with id {entity_id}.")
        pager = Pager(f"/entities/{quote(entity_id, safe=':~')}", page, view.total, MENTIONS)
        if page > pager.pages:
            raise HTTPException(404, f"No page {page} of mentions: the last is {pager.pages}.")
        neighbours = query.co_mentioned(store, entity_id, NEIGHBOURS)
    return render("entity.html", view=view, neighbours=neighbours, pager=pager,
                  graph=graph.star(view, neighbours))


@dataclass(frozen=True)
class Pager:
    """Page ``page`` (from 1) of ``total`` items, ``size`` a page; page N of the list at
    ``path`` is ``path?page=N``, a stable address to bookmark or share."""
    path: str
    page: int
    total: int
    size: int

    def url(self, page: int) -> str:
        return self.path + (f"?page={page}" if page > 1 else "")

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def first(self) -> int:
        """The 1-based number of the first item on this page."""
        return min(self.total, (self.page - 1) * self.size + 1)

    @property
    def last(self) -> int:
        return min(self.total, self.page * self.size)


def _page(request: Request) -> int:
    """``?page=N`` (from 1); anything else is page 1."""
    return _number(request.query_params.get("page", "")) or 1


def _number(value: str) -> int | None:
    """A positive decimal number as typed in a URL, else None (``isdigit`` alone lets '²' by)."""
    if value.isascii() and value.isdigit() and 0 < len(value) <= 9 and int(value) > 0:
        return int(value)
    return None


def timeline(request: Request):
    params = request.query_params
    actor = params.get("entity") or None
    since, until = params.get("since") or None, params.get("until") or None
    story = _number(params.get("story", ""))
    with open_store(request) as store:
        view = query.find_entity(store, actor, limit=0) if actor else None
        items = query.timeline(store, view.id if view else None, since, until, limit=TIMELINE,
                               story=story)
        if actor and view is None:
            items = []
        stories = query.story_list(store, 200)
    return render("timeline.html", items=items, actor=actor, since=since, until=until,
                  story=story, stories=stories, unknown_actor=bool(actor and view is None))


ROUTES = [
    Route("/", overview, name="overview"),
    Route("/documents/{doc_id:str}", document, name="document"),
    Route("/search", search, name="search"),
    Route("/entities", entities, name="entities"),
    Route("/entities/{entity_id:str}", entity, name="entity"),
    Route("/timeline", timeline, name="timeline"),
    Route("/stories", stories, name="stories"),
    Route("/stories/{story_id:int}", story, name="story"),
    Route("/pairs/{original:str}/{copy:str}", pair, name="pair"),
    Route("/conflicts", conflicts, name="conflicts"),
]
