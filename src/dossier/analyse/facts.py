"""The stages that find facts in a document: names, time expressions, figures."""

from __future__ import annotations

import re

from dossier.analyse import stage
from dossier.analyse.fold import fold
from dossier.analyse.gazetteer import Gazetteer
from dossier.analyse.names import find_names
from dossier.analyse.quantities import extract_quantities
from dossier.analyse.times import extract_times
from dossier.model import Document, Mention
from dossier.settings import Settings

# A Chinese "name" containing one of these is a tagging slip (这是, 的人): no name has them.
# Only these: 其, 之, 为, 和 and 与 are in real names (钱其琛, 小林鹰之, 李为, 美和).
_FUNCTION_CHARS = re.compile("[这那是的了吗呢吧着们]")


@stage("mentions")
def mentions(doc: Document, settings: Settings) -> Document:
    """Names the gazetteer knows (with their entity id), then names it does not know, found
    by the language's tagger and rules, where they do not overlap a known one."""
    gazetteer = Gazetteer.load(settings.gazetteers)
    known = [Mention(m.start, m.end, m.text, m.type, m.entity_id, "gazetteer")
             for m in gazetteer.find(doc.text, doc.language)]
    new = []
    if settings.names:
        taken = [(m.start, m.end) for m in known]
        new = [Mention(n.start, n.end, n.text, n.type, None, n.source)
               for n in find_names(doc.text, doc.language)
               if not any(n.start < end and start < n.end for start, end in taken)
               and not (doc.language.startswith("zh") and _FUNCTION_CHARS.search(fold(n.text)))]
    doc.mentions = sorted(known + new, key=lambda m: (m.start, m.end))
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
