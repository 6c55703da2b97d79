"""The JSON export, per the contract ``dossier.export/1``.

Every list of the contract is present, empty when nothing was found.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from dossier.link import copies, stories
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
    out["times"] = [
        {"document": r["document"], "start": r["start"], "end": r["end"], "text": r["text"],
         "value": r["value"], "type": r["type"], "anchor": r["anchor"], "how": r["how"],
         "mod": r["mod"], "reason": r["reason"]}
        for r in store.db.execute('SELECT * FROM times ORDER BY document, start')]
    out["quantities"] = [
        {"document": r["document"], "start": r["start"], "end": r["end"], "text": r["text"],
         "value": _number(r["value"]), "unit": r["unit"], "approximate": bool(r["approximate"]),
         "reason": r["reason"]}
        for r in store.db.execute('SELECT * FROM quantities ORDER BY document, start')]
    out["entities"] = entities(store)
    out["copies"] = copies.export(store)
    out["stories"] = stories.export(store)
    out["events"] = events(store)
    out["claims"] = [
        {"id": r["id"], "kind": r["kind"], "subject": r["subject"], "attribute": r["attribute"],
         "value": r["value"], "label": r["label"], "entity": r["entity"],
         "evidence": [{"document": r["document"], "start": r["start"], "end": r["end"]}]}
        for r in store.db.execute("SELECT * FROM claims ORDER BY subject, attribute, id")]
    out["conflicts"] = [
        {"id": r["id"], "kind": r["kind"], "subject": r["subject"], "attribute": r["attribute"],
         "values": json.loads(r["values"])}
        for r in store.db.execute("SELECT * FROM conflicts ORDER BY kind, subject, attribute")]
    assert set(LISTS) <= set(out), "the export contract lists every section"
    return out


def events(store: Store) -> list[dict[str, Any]]:
    out = []
    for e in store.db.execute("SELECT * FROM merged_events ORDER BY date IS NULL, date, id"):
        evidence = store.db.execute(
            'SELECT document, start, "end", date FROM event_reports WHERE event = ?'
            " ORDER BY document, start", (e["id"],)).fetchall()
        out.append({"id": e["id"], "type": e["type"], "date": e["date"],
                    "participants": json.loads(e["participants"]), "reports": e["reports"],
                    "sources": e["sources"], "evidence": [dict(r) for r in evidence]})
    return out


def entities(store: Store) -> list[dict[str, Any]]:
    out = []
    for e in store.db.execute("SELECT * FROM entities ORDER BY id"):
        mentions = store.db.execute(
            'SELECT document, start, "end", text FROM mentions WHERE entity = ?'
            " ORDER BY document, start", (e["id"],)).fetchall()
        roles = store.db.execute(
            'SELECT document, start, "end", office, country, date, date_source FROM roles'
            " WHERE entity = ? ORDER BY date, document", (e["id"],)).fetchall()
        out.append({"id": e["id"], "type": e["type"], "label": json.loads(e["labels"]),
                    "aliases": dict(Counter(m["text"] for m in mentions).most_common()),
                    "mentions": [dict(m) for m in mentions],
                    "roles": [dict(r) for r in roles]})
    return out


def _number(value: float | None) -> int | float | None:
    """Whole numbers export as integers: 1037亿美元 is 103700000000, not 1.037e11."""
    return int(value) if value is not None and value.is_integer() else value
