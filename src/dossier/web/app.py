"""The web UI: an ASGI app over a dossier database, read-only.

One module per page under ``dossier.web.pages``; templates autoescape everything,
because article text is hostile input. Errors show a plain page, never a trace.
"""

from __future__ import annotations

import logging
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from dossier.store import Store

log = logging.getLogger("dossier.web")
STATIC = Path(__file__).parent / "static"
templates = Environment(loader=PackageLoader("dossier.web", "templates"),
                        autoescape=select_autoescape(default=True, default_for_string=True))


def render(name: str, status: int = 200, **context) -> HTMLResponse:
    return HTMLResponse(templates.get_template(name).render(**context), status_code=status)


def open_store(request: Request) -> Store:
    """A read-only connection per request: the web UI never writes."""
    return Store(request.app.state.db, readonly=True)


def create_app(db: str | Path) -> Starlette:
    from dossier.web import pages

    Store(db, readonly=True).close()  # fail (or upgrade an older file) at start, not at the first request
    app = Starlette(
        routes=[*pages.ROUTES, Mount("/static", StaticFiles(directory=STATIC), name="static")],
        exception_handlers={HTTPException: _http_error, Exception: _server_error},
    )
    app.state.db = str(db)
    return app


async def _http_error(request: Request, exc: HTTPException) -> HTMLResponse:
    return render("error.html", status=exc.status_code, status_code=exc.status_code,
                  message=exc.detail if exc.status_code < 500 else "Something went wrong.")


async def _server_error(request: Request, exc: Exception) -> HTMLResponse:
    log.exception("error serving %s", request.url.path)
    return render("error.html", status=500, status_code=500,
                  message="Something went wrong on our side; the details are in the server log.")


__all__ = ["Route", "create_app", "open_store", "render"]
