"""The stages that find facts in a document: names, time expressions, figures."""

from __future__ import annotations

from dossier.analyse import stage
from dossier.analyse.gazetteer import Gazetteer
from dossier.analyse.quantities import extract_quantities
from dossier.analyse.times import extract_times
from dossier.model import Document, Mention
from dossier.settings import Settings


@stage("mentions")
def mentions(doc: Document, settings: Settings) -> Document:
    gazetteer = Gazetteer.load(settings.gazetteers)
    doc.mentions = [Mention(m.start, m.end, m.text, m.type, m.entity_id, "gazetteer")
                    for m in gazetteer.find(doc.text, doc.language)]
    return doc


@stage("times")
def times(doc: Document, settings: Settings) -> Document:
    """Time expressions, anchored on the published date, else on one the article implies
    (the latest full date it mentions), never on the time of reading."""
    doc.times = extract_times(doc.text, doc.language, doc.published)
    return doc


@stage("quantities")
def quantities(doc: Document, settings: Settings) -> Document:
    doc.quantities = extract_quantities(doc.text, doc.language)
    return doc
