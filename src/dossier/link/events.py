"""Events merged across documents: one event, all its reports, its independent sources.

Two event mentions are the same event when they have the same type, share their
principal participants (people and bodies; countries when nothing else is named) and
have compatible dates (2026-01-31 lies inside 2026-01). Blocking by (type,
participant) keeps the comparison away from all pairs. Reports of one event that
disagree on its date stay apart here; :func:`dossier.link.claims.date_conflicts`
finds them.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from dossier.link.sources import groups
from dossier.store import Store


@dataclass
class Report:
    document: str
    start: int
    end: int
    type: str
    participants: tuple[str, ...]
    date: str | None
    date_source: str
    place: str | None
    story: int | None
    trigger: str = ""  # the word that names the event, as written


@dataclass
class MergedEvent:
    id: str
    type: str
    reports: list[Report] = field(default_factory=list)

    @property
    def place(self) -> str | None:
        return self.reports[0].place

    @property
    def story(self) -> int | None:
        return next((r.story for r in self.reports if r.story is not None), None)

    @property
    def participants(self) -> list[str]:
        seen: dict[str, int] = defaultdict(int)
        for r in self.reports:
            for p in r.participants:
                seen[p] += 1
        return sorted(seen, key=lambda p: (-seen[p], p))

    @property
    def date(self) -> str | None:
        """The most precise date most reports agree on."""
        own = ("sentence", "headline")
        dated = [r.date for r in self.reports if r.date and r.date_source in own] or \
                [r.date for r in self.reports if r.date]
        if not dated:
            return None
        return max(set(dated), key=lambda d: (dated.count(d), len(d), d))


def compatible(a: str | None, b: str | None) -> bool:
    """Dates that can describe the same day: equal, or one inside the other."""
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def principal(participants: tuple[str, ...]) -> set[str]:
    people = {p for p in participants if not p.startswith("country:")}
    return people or set(participants)


def same_event(a: Report, b: Report) -> bool:
    if a.type != b.type or a.document == b.document:
        return False
    pa, pb = principal(a.participants), principal(b.participants)
    if len(pa & pb) < min(2, len(pa), len(pb)):
        return False
    return compatible(a.date, b.date)


def reports(store: Store) -> list[Report]:
    stories = {r[0]: r[1] for r in store.db.execute("SELECT document, story FROM story_members")}
    return [Report(r["document"], r["start"], r["end"], r["type"],
                   tuple(json.loads(r["participants"])), r["date"], r["date_source"], r["place"],
                   stories.get(r["document"]), r["trigger"])
            for r in store.db.execute('SELECT document, start, "end", type, participants, date,'
                                      " date_source, place, trigger FROM events ORDER BY document, start")]


def merge(items: list[Report]) -> list[MergedEvent]:
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # The dates of each cluster: a month joins two days only if the days agree, so
    # 2026-01 never chains 2026-01-29 and 2026-01-31 into one event.
    dates: dict[int, set[str]] = {i: {r.date} if r.date else set() for i, r in enumerate(items)}
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, r in enumerate(items):
        for p in principal(r.participants):
            blocks[r.type, p].append(i)
    for members in blocks.values():
        for i, j in combinations(members, 2):
            a, b = root(i), root(j)
            if a != b and same_event(items[i], items[j]) and \
                    all(compatible(x, y) for x in dates[a] for y in dates[b]):
                parent[b] = a
                dates[a] |= dates.pop(b)
    clusters: dict[int, list[Report]] = defaultdict(list)
    for i, r in enumerate(items):
        clusters[root(i)].append(r)
    out = []
    for members in clusters.values():
        first = min(members, key=lambda r: (r.document, r.start))
        ident = hashlib.sha256(f"{first.document}:{first.start}:{first.type}".encode()).hexdigest()[:12]
        out.append(MergedEvent(f"event:{ident}", first.type, members))
    return sorted(out, key=lambda e: (e.date or "~", e.type, e.id))


def update(store: Store) -> list[MergedEvent]:
    """Merge all event mentions again and store the events with their evidence."""
    merged = merge(reports(store))
    group = groups(store)
    with store.transaction() as db:
        db.execute("DELETE FROM event_reports")
        db.execute("DELETE FROM merged_events")
        for e in merged:
            sources = len({group.get(r.document, r.document) for r in e.reports})
            db.execute("INSERT INTO merged_events VALUES (?, ?, ?, ?, ?, ?)",
                       (e.id, e.type, e.date, json.dumps(e.participants, ensure_ascii=False),
                        len({r.document for r in e.reports}), sources))
            db.executemany("INSERT INTO event_reports VALUES (?, ?, ?, ?, ?)",
                           ((e.id, r.document, r.start, r.end, r.date) for r in e.reports))
    return merged
