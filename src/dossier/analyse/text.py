"""The text stage: language and script of the document and of each sentence."""

from __future__ import annotations

from dossier.analyse import lang, sentences, stage
from dossier.model import Document, Sentence
from dossier.settings import Settings


@stage("text")
def language_and_sentences(doc: Document, settings: Settings) -> Document:
    doc.language = lang.detect(f"{doc.title or ''}\n{doc.text}")
    doc.sentences = [Sentence(start, end, lang.detect_sentence(doc.text[start:end], doc.language))
                     for start, end in sentences.split(doc.text)]
    return doc
