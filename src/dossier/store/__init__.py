"""Storage of documents and everything derived from them."""

from dossier.store.db import Store

__all__ = ["Store"]
