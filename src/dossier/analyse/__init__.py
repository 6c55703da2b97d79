"""Per-document analysis: a pipeline of named stages, each a pure function of one document.

A stage takes the :class:`~dossier.model.Document` (and the read-only
:class:`~dossier.settings.Settings`, which say where resources such as extra
gazetteers are) and returns the document annotated. Stages
are registered with :func:`stage`, the same way dossier's own are, so a capability
is added by registering it, not by editing a dispatcher.
"""

from __future__ import annotations

from collections.abc import Callable

from dossier.errors import STAGE_RETURNED_WRONG_TYPE, StageError
from dossier.model import Document
from dossier.settings import Settings

Stage = Callable[[Document, Settings], Document]
STAGES: dict[str, Stage] = {}


def stage(name: str) -> Callable[[Stage], Stage]:
    """Register ``fn`` as the analysis stage ``name`` (run in :data:`ORDER`, then in the
    order others registered)."""
    def register(fn: Stage) -> Stage:
        STAGES[name] = fn
        return fn
    return register


# dossier's own stages, in the order they build on each other: names need sentences, roles
# need names and dates, events need all of them. Stages registered by others run after.
ORDER = ("text", "mentions", "times", "quantities", "roles", "events")


def pipeline() -> list[tuple[str, Stage]]:
    known = [(name, STAGES[name]) for name in ORDER if name in STAGES]
    return known + [(name, fn) for name, fn in STAGES.items() if name not in ORDER]


def analyse(doc: Document, settings: Settings | None = None) -> Document:
    """Run every registered stage on ``doc``; a failure names the stage and the document."""
    settings = settings or Settings()
    for name, fn in pipeline():
        try:
            out = fn(doc, settings)
        except StageError:
            raise
        except Exception as exc:
            raise StageError(name, doc.path, f"{type(exc).__name__}: {exc}") from exc
        if not isinstance(out, Document):
            raise StageError(name, doc.path, STAGE_RETURNED_WRONG_TYPE.format(got=type(out).__name__))
        doc = out
    return doc


# dossier's own stages register themselves on import.
from dossier.analyse import events as _events  # noqa: E402,F401
from dossier.analyse import facts as _facts  # noqa: E402,F401
from dossier.analyse import roles as _roles  # noqa: E402,F401
from dossier.analyse import text as _text  # noqa: E402,F401
