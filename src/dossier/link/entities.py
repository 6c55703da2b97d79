"""Entity records for the actors the documents mention.

A mention the gazetteer recognised carries its entity id already; this step makes
sure each such id has a record with its canonical name in every language the
gazetteer knows. Entities nobody mentions any more are dropped.
"""

from __future__ import annotations

import json

from dossier.analyse.gazetteer import Gazetteer
from dossier.model import LANGUAGES
from dossier.settings import Settings
from dossier.store import Store


def update(store: Store, settings: Settings) -> int:
    """Create records for newly mentioned entities; returns how many were added."""
    gazetteer = Gazetteer.load(settings.gazetteers)
    added = 0
    with store.transaction() as db:
        new = [r[0] for r in db.execute(
            "SELECT DISTINCT entity FROM mentions WHERE entity IS NOT NULL"
            " AND entity NOT IN (SELECT id FROM entities)")]
        for entity_id in new:
            if entity_id not in gazetteer:
                continue
            entity = gazetteer.entity(entity_id)
            labels = {lang: entity.names[lang][0] for lang in LANGUAGES if entity.names.get(lang)}
            db.execute("INSERT INTO entities VALUES (?, ?, ?)",
                       (entity_id, entity.type, json.dumps(labels, ensure_ascii=False)))
            added += 1
        db.execute("DELETE FROM entities WHERE id NOT IN"
                   " (SELECT entity FROM mentions WHERE entity IS NOT NULL)")
    return added
