"""A small co-occurrence graph drawn as inline SVG on the server: no script, no network."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    x: float
    y: float
    r: float
    weight: int
    stroke: float = 1  # edge width, relative to the most shared neighbour: at most 6


WIDTH, HEIGHT = 520, 360


def star(view, neighbours: list[tuple[str, str, str, int]]) -> dict:
    """The entity in the middle, the actors it shares documents with around it."""
    cx, cy = WIDTH / 2, HEIGHT / 2
    centre = Node(view.id, view.labels.get("en") or next(iter(view.labels.values()), view.id),
                  cx, cy, 22, 0)
    most = max((n[3] for n in neighbours), default=1)
    nodes = []
    for i, (entity_id, _type, label, shared) in enumerate(neighbours):
        angle = 2 * math.pi * i / max(len(neighbours), 1) - math.pi / 2
        nodes.append(Node(entity_id, label, cx + 130 * math.cos(angle) * 1.4,
                          cy + 130 * math.sin(angle), 8 + 10 * shared / most, shared,
                          1 + 5 * shared / most))
    return {"width": WIDTH, "height": HEIGHT, "centre": centre, "nodes": nodes}
