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
from dossier.read.article import rebuild
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
    # Ids of the documents new in this run.
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
    streamed: dict[int, str] = {}  # lines of feed items, counted after they are stored
    with Store(db) as store, ExitStack() as stack:
        analysts = _Analysts(settings, recurring.known(store), stack)
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
                _store_batch(store, pending, analysts, report, streamed)
                pending = []
        _store_batch(store, pending, analysts, report, streamed)
        if new := recurring.promote_stored(store, streamed, settings):
            analysts.recurring.update(new)
            with store.transaction():
                report.recleaned += _clean_again(store, analysts, new)
        # Documents stored (or dropped) since the links last ran, in this run or in one
        # that was interrupted; with none, and none cleaned again, the links stand.
        added, dropped = store.unlinked()
        if added or dropped or report.recleaned:
            entities.update(store, settings)
            found = copies.update(store, added)
            report.copies = len(found)
            if translated := {d for c in found if c.relation == "translation"
                              for d in (c.original, c.copy)}:
                entities.link_translations(store, translated)
            report.stories = stories.update(store, added)
            merged = events.update(store)
            report.conflicts = len(claims.update(store, merged, settings))
            with store.transaction():
                store.mark_linked()
    return report


def analysed(path: Path, settings: Settings, lines: frozenset[str]) -> Iterator[Document | Skipped]:
    """The documents of one file, analysed, and whatever in it was skipped.

    A document an analysis stage fails on is skipped with the stage's message, so one
    odd article never stops the batch.
    """
    for item in read_file(path, settings, lines):
        yield item if isinstance(item, Skipped) else _analysed(item, settings)


def _analysed(doc: Document, settings: Settings) -> Document | Skipped:
    try:
        return analyse(doc, settings)
    except StageError as exc:
        return Skipped(doc.path, str(exc))


class _Analysts:
    """Reading and analysis, in worker processes when ``settings.jobs`` > 1.

    Workers get the settings and the recurring lines known at the start once; a document
    showing lines found to recur since then is sent with them and cleaned again first.
    """

    def __init__(self, settings: Settings, known: dict[int, str], stack: ExitStack):
        self.settings = settings
        self.recurring = dict(known)  # hash → line, growing as batches are counted
        self.pool = None
        start = (settings, frozenset(known.values()))
        if settings.jobs > 1:
            self.pool = stack.enter_context(ProcessPoolExecutor(
                settings.jobs, mp_context=_context(), initializer=_init_worker, initargs=start))
        else:
            _init_worker(*start)

    def lines(self) -> frozenset[str]:
        return frozenset(self.recurring.values())

    def read(self, paths: list[Path]) -> list[list[Document | Skipped]]:
        return list(self._map(_read_in_worker, paths))

    def analyse(self, docs: list[Document], again: bool = False) -> list[Document | Skipped]:
        """``docs`` analysed; with ``again``, stored documents cleaned again before that."""
        return list(self._map(_analyse_in_worker, [
            (doc, recurring.lines_in(doc, self.recurring), again) for doc in docs]))

    def _map(self, fn, items):
        return self.pool.map(fn, items, chunksize=4) if self.pool else map(fn, items)


_worker: dict = {}


def _init_worker(settings: Settings, lines: frozenset[str]) -> None:
    _worker.update(settings=settings, lines=lines)


def _read_in_worker(path: Path) -> list[Document | Skipped]:
    return list(read_file(path, _worker["settings"], _worker["lines"]))


def _analyse_in_worker(task: tuple[Document, frozenset[str], bool]) -> Document | Skipped:
    doc, lines, again = task
    if again or not lines <= _worker["lines"]:
        doc = rebuild(doc, _worker["lines"] | lines)
    return _analysed(doc, _worker["settings"])


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _store_batch(store: Store, paths: list[Path], analysts: _Analysts, report: IngestReport,
                 streamed: dict[int, str]) -> None:
    """Read, count, analyse and store one batch of files, in one transaction.

    The batch's lines are counted before analysis, so a line that recurs within it is
    clutter on the first pass; stored documents that still show it are cleaned again.
    """
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
    # Feeds are streamed in this process; whole files are read and analysed by the analysts.
    whole = [c[0] for c in changed if c[0].suffix.lower() not in STREAMED]
    read = dict(zip(whole, analysts.read(whole)))
    docs = [d for items in read.values() for d in items if isinstance(d, Document)]
    new = recurring.promote(store, docs, analysts.settings)
    analysts.recurring.update(new)
    done = iter(analysts.analyse(docs))
    with store.transaction():
        for path, key, sha, size in changed:
            store.forget_file(key)
            store.record_file(key, sha, size)
            if path in read:
                items = [next(done) if isinstance(i, Document) else i for i in read[path]]
            else:
                items = analysed(path, analysts.settings, analysts.lines())
            documents = skipped = 0
            for item in items:
                if isinstance(item, Skipped):
                    skipped += 1
                    report.skipped.append(item)
                    store.record_skip(item, key)
                else:
                    documents += 1
                    hashes = _store_document(store, item, key, report)
                    if path not in read:
                        streamed.update(hashes)
            store.count_file(key, documents, skipped)
        if new:
            report.recleaned += _clean_again(store, analysts, new)


def _clean_again(store: Store, analysts: _Analysts, new: dict[int, str]) -> int:
    """Clean and analyse again the stored documents showing ``new`` recurring lines."""
    cleaned = 0
    for doc in analysts.analyse(recurring.showing(store, new), again=True):
        if isinstance(doc, Document):  # a stage failing now keeps the version stored
            store.replace_document(doc)
            cleaned += 1
    return cleaned


def _store_document(store: Store, doc: Document, file: str, report: IngestReport) -> dict[int, str]:
    """Store ``doc``; returns its line hashes when it is new."""
    hashes = recurring.line_hashes(doc.raw_text)
    if store.add_document(doc, file, set(hashes)):
        report.documents += 1
        report.languages[doc.language] += 1
        report.added.append(doc.id)
        return hashes
    report.already_stored += 1
    return {}
