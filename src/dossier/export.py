"""The JSON export, per the contract ``dossier.export/1``.

Lists that later capabilities fill are always present, empty until then.
"""

from __future__ import annotations

from typing import Any

from dossier.store import Store

SCHEMA = "dossier.export/1"
LISTS = ("copies", "stories", "entities", "times", "quantities", "events", "claims", "conflicts")


def export(store: Store) -> dict[str, Any]:
    out: dict[str, Any] = {"schema": SCHEMA, "documents": []}
    for doc in store.documents():
        out["documents"].append({
            "id": doc.id, "path": doc.path, "title": doc.title, "language": doc.language,
            "published": doc.published, "published_note": doc.published_note,
            "source": doc.source, "platform": doc.meta.get("platform"), "url": doc.url,
            "text": doc.text, "boilerplate": doc.boilerplate,
            "sentences": [{"start": s.start, "end": s.end, "language": s.language}
                          for s in doc.sentences],
        })
    for name in LISTS:
        out[name] = []
    return out
