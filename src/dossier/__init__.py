"""dossier: a sourced, cross-checked knowledge base from Chinese, Japanese and English news.

Data flow: ``read`` (files → Document) → ``analyse`` (one document, pure) →
``link`` (across documents, incremental) → ``store`` (SQLite).
"""

from dossier.model import Document, Sentence, Skipped
from dossier.pipeline import IngestReport, ingest
from dossier.settings import Settings

__all__ = ["Document", "IngestReport", "Sentence", "Settings", "Skipped", "ingest"]
__version__ = "0.1.0"
