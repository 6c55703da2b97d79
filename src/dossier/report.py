"""``dossier report``: one self-contained HTML file to read offline or send on.

Everything is inline: the stylesheet, and the chart, drawn by matplotlib as SVG (no
script, no network). Article text is escaped by the template engine like in the web UI.
"""

from __future__ import annotations

import io
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from dossier import query
from dossier.store import Store

# Actors drawn in the chart; the rest would make it unreadable.
CHART_ACTORS = 6
STYLE = Path(__file__).parent / "web" / "static" / "style.css"


def week_of(day: str) -> str:
    """The Monday of the ISO week of ``day`` (YYYY-MM-DD)."""
    d = date.fromisoformat(day)
    return (d - timedelta(days=d.weekday())).isoformat()


def events_per_week(store: Store) -> tuple[list[str], dict[str, Counter]]:
    """(weeks in order, actor label → events per week) for the most active actors."""
    names = query.labels(store)
    counts: dict[str, Counter] = defaultdict(Counter)
    for e in query.events(store):
        if not e.date or len(e.date) < 10 or e.date.startswith("X"):
            continue
        for p in e.participants:
            if p.startswith("person:"):
                counts[p][week_of(e.date)] += 1
    top = sorted(counts, key=lambda p: (-sum(counts[p].values()), p))[:CHART_ACTORS]
    weeks = sorted({w for p in top for w in counts[p]})
    return weeks, {names.get(p, p): counts[p] for p in top}


def chart(weeks: list[str], series: dict[str, Counter]) -> Markup:
    """Events per week per actor, as an inline SVG drawn by matplotlib."""
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.fonttype"] = "none"  # text stays text: names in any script stay readable
    fig, ax = plt.subplots(figsize=(8, 3.2))
    if weeks:
        width = 0.8 / max(len(series), 1)
        for i, (label, counts) in enumerate(series.items()):
            ax.bar([n + i * width for n in range(len(weeks))], [counts[w] for w in weeks],
                   width=width, label=label)
        ax.set_xticks([n + 0.4 - width / 2 for n in range(len(weeks))], weeks, rotation=30,
                      ha="right", fontsize=8)
        ax.legend(fontsize=8, frameon=False)
    ax.set_ylabel("events")
    ax.set_title("Events per week, by actor", fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    out = io.StringIO()
    fig.savefig(out, format="svg")
    plt.close(fig)
    svg = out.getvalue()
    return Markup(svg[svg.index("<svg"):])  # noqa: S704 - drawn by us, labels escaped by matplotlib


def build(store: Store) -> str:
    env = Environment(loader=PackageLoader("dossier", "web/templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    names = query.labels(store)
    stories = query.story_list(store, 1000)
    weeks, series = events_per_week(store)
    return env.get_template("report.html").render(
        style=Markup(STYLE.read_text(encoding="utf-8")),  # noqa: S704 - our own stylesheet
        total=store.count("documents"), languages=store.counts_by("language"),
        stories=stories, events=[e for e in query.events(store) if e.date],
        conflicts=query.conflicts(store), actors=query.entities(store)[:20],
        names=names, describe=query.describe, chart=chart(weeks, series))


def write(store: Store, output: Path) -> None:
    output.write_text(build(store), encoding="utf-8")
