"""The pages of the web UI, each a function of the request; URLs are stable and shareable."""

from __future__ import annotations

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


def overview(request: Request):
    with open_store(request) as store:
        stories = query.story_list(store, STORIES)
        return render("overview.html", docs=store.listing(LATEST), total=store.count("documents"),
                      skipped=store.skipped(), languages=store.counts_by("language"),
                      sources=store.counts_by("source")[:12], stories=stories,
                      actors=query.entities(store, limit=ACTORS),
                      conflicts=query.conflicts(store, limit=CONFLICTS),
                      names=query.labels(store), describe=query.describe)


def stories(request: Request):
    with open_store(request) as store:
        rows = query.story_list(store, 1000)
    return render("stories.html", stories=rows)


def story(request: Request):
    story_id = request.path_params["story_id"]
    with open_store(request) as store:
        view = query.story_view(store, story_id)
        if view is None:
            raise HTTPException(404, f"No story {story_id}.")
        names = query.labels(store, {p for e in view.events for p in e.participants}
                             | {a[0] for a in view.actors}
                             | {a for c in view.conflicts for a in query.subject_actors(c.subject)})
    return render("story.html", story=view, names=names, describe=query.describe)


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
        return render("conflicts.html", conflicts=query.conflicts(store),
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
            actor = query.find_entity(store, query_text)
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
    with open_store(request) as store:
        view = query.entity_view(store, entity_id)
        if view is None:
            raise HTTPException(404, f"No actor with id {entity_id}.")
        neighbours = query.co_mentioned(store, entity_id, NEIGHBOURS)
    return render("entity.html", view=view, neighbours=neighbours,
                  graph=graph.star(view, neighbours))


def timeline(request: Request):
    params = request.query_params
    actor = params.get("entity") or None
    since, until = params.get("since") or None, params.get("until") or None
    story = int(params["story"]) if params.get("story", "").isdigit() else None
    with open_store(request) as store:
        view = query.find_entity(store, actor) if actor else None
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
