"""Independent sources: reports that are copies of each other count once.

Documents joined by a copy relation (duplicate, near-duplicate, translation) form one
source group; corroboration counts groups, not documents.
"""

from __future__ import annotations

from dossier.store import Store


def groups(store: Store) -> dict[str, str]:
    """Document id → the id of its source group (the smallest id in the group)."""
    parent: dict[str, str] = {r[0]: r[0] for r in store.db.execute("SELECT id FROM documents")}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for original, copy in store.db.execute("SELECT original, copy FROM copies"):
        if original in parent and copy in parent:
            a, b = root(original), root(copy)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {doc: root(doc) for doc in parent}
