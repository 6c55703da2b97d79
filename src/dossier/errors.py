"""dossier's errors and the messages users see, in one place."""

from __future__ import annotations


class DossierError(Exception):
    """Base class: a problem the user can act on; the message says how."""


class ReadError(DossierError):
    """A file or item that cannot be read as an article. The message names the reason."""


class StageError(DossierError):
    """An analysis stage failed on a document."""

    def __init__(self, stage: str, document: str, detail: str):
        super().__init__(f"analysis stage '{stage}' failed on {document}: {detail}")
        self.stage, self.document, self.detail = stage, document, detail

    def __reduce__(self):
        # Raised in worker processes: it must survive pickling back to the parent.
        return StageError, (self.stage, self.document, self.detail)


class StoreError(DossierError):
    """The database cannot be opened or is not a dossier database."""


STAGE_RETURNED_WRONG_TYPE = (
    "returned {got} instead of the Document it was given; a stage must return the "
    "document it annotated"
)
FILE_TOO_LARGE = (
    "file is {size:,} bytes, over the {limit:,}-byte limit for one article; split it, "
    "or raise the limit with --max-bytes"
)
