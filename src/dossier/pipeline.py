"""Ingest: read → analyse → store → link, for files and folders, batch by batch.

Re-running on the same files is a no-op (files are recognised by their SHA-256);
a changed file replaces what its old version contributed. Each batch of files is
one transaction, so an interrupted ingest leaves a consistent database and a
re-run completes it.
"""

from __future__ import annotations

import hashlib
import multiprocessing
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from dossier.analyse import analyse
from dossier.errors import StageError
from dossier.link import claims, copies, entities, events, recurring, stories
from dossier.model import Document, Skipped
from dossier.read.files import STREAMED, read_file, walk
from dossier.settings import Settings
from dossier.store import Store


@dataclass
class IngestReport:
    files: int = 0
    unchanged: int = 0
    documents: int = 0
    already_stored: int = 0
    recleaned: int = 0
    languages: Counter = field(default_factory=Counter)
    skipped: list[Skipped] = field(default_factory=list)
    # Ids of the documents new in this run, for the incremental link steps.
    added: list[str] = field(default_factory=list)
    copies: int = 0
    stories: int = 0
    conflicts: int = 0

    @property
    def exit_code(self) -> int:
        """0 when everything was read, 1 when something was skipped."""
        return 1 if self.skipped else 0


def sha256_of(path: Path) -> tuple[str, int]:
    h, size = hashlib.sha256(), 0
    with path.open("rb") as f:
        while block := f.read(1 << 20):
            h.update(block)
            size += len(block)
    return h.hexdigest(), size


def ingest(paths: Iterable[Path], db: Path | str, settings: Settings | None = None,
           progress: Callable[[Iterable], Iterable] = lambda it: it) -> IngestReport:
    settings = settings or Settings()
    report = IngestReport()
    touched: set[int] = set()
    with Store(db) as store, ExitStack() as stack:
        lines = recurring.known(store)
        pool = None
        if settings.jobs > 1:
            pool = stack.enter_context(ProcessPoolExecutor(
                settings.jobs, mp_context=_context(), initializer=_init_worker,
                initargs=(settings, lines)))
        pending: list[Path] = []
        for entry in progress(list(walk(paths))):
            if isinstance(entry, Skipped):
                report.skipped.append(entry)
                with store.transaction():
                    store.forget_file(entry.path)
                    store.record_skip(entry, entry.path)
                continue
            pending.append(entry)
            if len(pending) >= settings.batch_files:
                _store_batch(store, pending, settings, lines, pool, report, touched)
                pending = []
        _store_batch(store, pending, settings, lines, pool, report, touched)
        report.recleaned = recurring.update(store, touched, settings)
        entities.update(store, settings)
        report.copies = len(copies.update(store, report.added))
        report.stories = stories.update(store, report.added)
        merged = events.update(store)
        report.conflicts = len(claims.update(store, merged, settings))
    return report


def analysed(path: Path, settings: Settings, lines: frozenset[str]) -> Iterator[Document | Skipped]:
    """The documents of one file, analysed, and whatever in it was skipped.

    A document an analysis stage fails on is skipped with the stage's message, so one
    odd article never stops the batch.
    """
    for item in read_file(path, settings, lines):
        if isinstance(item, Skipped):
            yield item
            continue
        try:
            yield analyse(item, settings)
        except StageError as exc:
            yield Skipped(item.path, str(exc))


# Worker processes get the settings and the corpus clutter lines once, not per file.
_worker: dict = {}


def _init_worker(settings: Settings, lines: frozenset[str]) -> None:
    _worker.update(settings=settings, lines=lines)


def _analysed_in_worker(path: Path) -> list[Document | Skipped]:
    return list(analysed(path, _worker["settings"], _worker["lines"]))


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _store_batch(store: Store, paths: list[Path], settings: Settings, lines: frozenset[str],
                 pool: ProcessPoolExecutor | None, report: IngestReport, touched: set[int]) -> None:
    changed: list[tuple[Path, str, str, int]] = []
    for path in paths:
        key = str(path.resolve())
        try:
            sha, size = sha256_of(path)
        except OSError as exc:
            skip = Skipped(str(path), f"cannot read: {exc.strerror or exc}")
            report.skipped.append(skip)
            with store.transaction():
                store.forget_file(key)
                store.record_skip(skip, key)
            continue
        report.files += 1
        if store.file_sha(key) == sha:
            report.unchanged += 1
        else:
            changed.append((path, key, sha, size))
    # Feeds are streamed in this process; whole files can be read and analysed in workers.
    whole = [c[0] for c in changed if c[0].suffix.lower() not in STREAMED]
    done = dict(zip(whole, pool.map(_analysed_in_worker, whole, chunksize=4))) if pool else {}
    with store.transaction():
        for path, key, sha, size in changed:
            store.forget_file(key)
            store.record_file(key, sha, size)
            documents = skipped = 0
            for item in done.get(path) or analysed(path, settings, lines):
                if isinstance(item, Skipped):
                    skipped += 1
                    report.skipped.append(item)
                    store.record_skip(item, key)
                else:
                    documents += 1
                    _store_document(store, item, key, report, touched)
            store.count_file(key, documents, skipped)


def _store_document(store: Store, doc: Document, file: str, report: IngestReport,
                    touched: set[int]) -> None:
    hashes = recurring.line_hashes(doc.raw_text)
    if store.add_document(doc, file, set(hashes)):
        report.documents += 1
        report.languages[doc.language] += 1
        report.added.append(doc.id)
        touched.update(hashes)
    else:
        report.already_stored += 1
