"""Walk the paths a user gives and open each article file, reporting what cannot be read."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from dossier.errors import FILE_TOO_LARGE, ReadError
from dossier.model import Document, Skipped
from dossier.read.formats import READERS
from dossier.settings import Settings

STREAMED = {".jsonl", ".ndjson"}


def walk(paths: Iterable[Path]) -> Iterator[Path | Skipped]:
    """Article files under ``paths`` (recursively, in a stable order), or why a path was skipped.

    Symbolic links are followed, but a directory reached twice (a symlink loop) is
    reported once and not entered again. Inside folders, hidden files and files of
    types dossier does not read are passed over; a file named explicitly is always
    read or reported.
    """
    seen: set[tuple[int, int]] = set()
    for path in paths:
        if not os.path.lexists(path):
            yield Skipped(str(path), "no such file or directory")
        elif path.is_dir():
            yield from _walk_dir(path, seen)
        elif not path.exists():
            yield Skipped(str(path), "broken symbolic link")
        else:
            yield path


def _walk_dir(root: Path, seen: set[tuple[int, int]]) -> Iterator[Path | Skipped]:
    try:
        st = root.stat()
    except OSError as exc:
        yield Skipped(str(root), f"cannot open folder: {exc.strerror}")
        return
    if (st.st_dev, st.st_ino) in seen:
        yield Skipped(str(root), "symbolic link loop: folder already visited")
        return
    seen.add((st.st_dev, st.st_ino))
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        yield Skipped(str(root), f"cannot list folder: {exc.strerror}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()
        except OSError as exc:
            yield Skipped(str(path), f"cannot inspect: {exc.strerror}")
            continue
        if is_dir:
            yield from _walk_dir(path, seen)
        elif entry.is_symlink() and not path.exists():
            yield Skipped(str(path), "broken symbolic link")
        elif path.suffix.lower() in READERS:
            yield path


def read_file(path: Path, settings: Settings, recurring: frozenset[str] = frozenset()) -> Iterator[Document | Skipped]:
    """Documents in one file; a file that cannot be read yields one :class:`Skipped`."""
    suffix = path.suffix.lower()
    read = READERS.get(suffix)
    if read is None:
        yield Skipped(str(path), f"unsupported file type '{suffix or path.name}' "
                      f"(dossier reads {', '.join(sorted(READERS))})")
        return
    try:
        size = path.stat().st_size
        if size > settings.max_bytes and suffix not in STREAMED:
            raise ReadError(FILE_TOO_LARGE.format(size=size, limit=settings.max_bytes))
        count = 0
        with path.open("rb") as f:
            for item in read(path, f, recurring):
                count += 1
                yield item
    except ReadError as exc:
        yield Skipped(str(path), str(exc))
        return
    except OSError as exc:
        yield Skipped(str(path), f"cannot read: {exc.strerror or exc}")
        return
    if not count:
        yield Skipped(str(path), "no articles in file")
