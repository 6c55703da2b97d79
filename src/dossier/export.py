"""The JSON export, per the contract ``dossier.export/1``.

Every list of the contract is present, empty when nothing was found.
"""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
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


# --- CSV: one file per list, for spreadsheets -------------------------------------------------

CSV_COLUMNS = {
    "documents": ("id", "path", "title", "language", "published", "source", "url"),
    "entities": ("id", "type", "label_en", "label_zh-Hans", "label_zh-Hant", "label_ja", "mentions"),
    "mentions": ("entity", "document", "start", "end", "text"),
    "times": ("document", "start", "end", "text", "value", "type", "how"),
    "quantities": ("document", "start", "end", "text", "value", "unit", "approximate"),
    "copies": ("original", "copy", "relation", "score"),
    "events": ("id", "type", "date", "participants", "reports", "sources"),
    "claims": ("id", "kind", "subject", "attribute", "value", "label", "document", "start", "end"),
    "conflicts": ("id", "kind", "subject", "attribute", "value", "label", "documents"),
}


def csv_rows(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The export flattened into tables, one row per item (a conflict: one row per value)."""
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in CSV_COLUMNS}
    tables["documents"] = data["documents"]
    for e in data["entities"]:
        tables["entities"].append({"id": e["id"], "type": e["type"], "mentions": len(e["mentions"]),
                                   **{f"label_{k}": v for k, v in e["label"].items()}})
        tables["mentions"] += [{"entity": e["id"], **m} for m in e["mentions"]]
    tables["times"], tables["quantities"] = data["times"], data["quantities"]
    tables["copies"] = [{"original": c["documents"][0], "copy": c["documents"][1], **c}
                        for c in data["copies"]]
    tables["events"] = [{**e, "participants": " ".join(e["participants"])} for e in data["events"]]
    tables["claims"] = [{**c, **c["evidence"][0]} for c in data["claims"]]
    tables["conflicts"] = [{**c, "value": v["value"], "label": v["label"],
                            "documents": " ".join(v["documents"])}
                           for c in data["conflicts"] for v in c["values"]]
    return tables


def write_csv(data: dict[str, Any], directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in csv_rows(data).items():
        path = directory / f"{name}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as f:  # the BOM makes Excel read UTF-8
            writer = csv.DictWriter(f, CSV_COLUMNS[name], extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
        written.append(path)
    return written


# --- GraphML: actors and how they are linked, for Gephi and yEd ------------------------------

def graph(store: Store) -> tuple[list[dict], list[dict]]:
    """Nodes (entities) and edges: co-mention in a document, and taking part in one event."""
    nodes = [{"id": r["id"], "type": r["type"], "label": _label(json.loads(r["labels"])),
              "mentions": r["n"]}
             for r in store.db.execute(
                 "SELECT e.id, e.type, e.labels, COUNT(m.rowid) AS n FROM entities e"
                 " JOIN mentions m ON m.entity = e.id GROUP BY e.id ORDER BY e.id")]
    edges = [{"source": r[0], "target": r[1], "kind": "co-mention", "weight": r[2],
              "first": r[3], "last": r[4]}
             for r in store.db.execute(
                 """SELECT a.entity, b.entity, COUNT(DISTINCT a.document), MIN(d.published),
                           MAX(d.published)
                    FROM (SELECT DISTINCT document, entity FROM mentions WHERE entity IS NOT NULL) a
                    JOIN (SELECT DISTINCT document, entity FROM mentions WHERE entity IS NOT NULL) b
                      ON a.document = b.document AND a.entity < b.entity
                    JOIN documents d ON d.id = a.document
                    GROUP BY a.entity, b.entity""")]
    known = {n["id"] for n in nodes}
    together: dict[tuple[str, str], list[str]] = {}
    for e in store.db.execute("SELECT type, date, participants FROM merged_events"):
        people = sorted(p for p in json.loads(e["participants"]) if p in known)
        for i, a in enumerate(people):
            for b in people[i + 1:]:
                together.setdefault((a, b), []).append(e["date"] or "")
    edges += [{"source": a, "target": b, "kind": "event", "weight": len(dates),
               "first": min(dates) or None, "last": max(dates) or None}
              for (a, b), dates in sorted(together.items())]
    return nodes, edges


def write_graphml(store: Store, path: Path) -> None:
    nodes, edges = graph(store)
    ns = "http://graphml.graphdrawing.org/xmlns"
    root = ET.Element("graphml", xmlns=ns)
    keys = [("label", "node", "string"), ("type", "node", "string"), ("mentions", "node", "int"),
            ("kind", "edge", "string"), ("weight", "edge", "double"), ("first", "edge", "string"),
            ("last", "edge", "string")]
    for name, domain, kind in keys:
        ET.SubElement(root, "key", id=name, attrib={"for": domain, "attr.name": name,
                                                      "attr.type": kind})
    g = ET.SubElement(root, "graph", id="dossier", edgedefault="undirected")
    for n in nodes:
        node = ET.SubElement(g, "node", id=n["id"])
        for k in ("label", "type", "mentions"):
            ET.SubElement(node, "data", key=k).text = str(n[k])
    for i, e in enumerate(edges):
        edge = ET.SubElement(g, "edge", id=f"e{i}", source=e["source"], target=e["target"])
        for k in ("kind", "weight", "first", "last"):
            if e[k] is not None:
                ET.SubElement(edge, "data", key=k).text = str(e[k])
    ET.indent(root)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def _label(labels: dict[str, str]) -> str:
    return labels.get("en") or next(iter(labels.values()), "")
