"""All tunable settings in one frozen object, passed down instead of keyword sprawl."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    # Largest single article file read whole; feeds (.jsonl) are streamed and not limited.
    max_bytes: int = 50 * 1024 * 1024
    # Files per store transaction: an interrupted ingest keeps every finished batch.
    batch_files: int = 200
    # Worker processes for the per-document analysis (1 = in this process).
    jobs: int = 1
    # A line is corpus clutter when it recurs in this many documents with distinct headlines.
    recurring_min_documents: int = 5
    # Extra gazetteer files given with --gazetteer.
    gazetteers: tuple[Path, ...] = ()
    # Find names the gazetteer does not know (taggers for zh, ja, en); slower, off with --no-names.
    names: bool = True
