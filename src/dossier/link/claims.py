"""Claims and conflicts: what the sources assert, and where independent sources disagree.

Three kinds of claim, each with the sentence that states it:

- role: person P holds office O of country C on date D (from ``roles``);
- figure: measure M of actors S for period T has value V ("China–UK goods trade in
  2025: 103.7 billion USD"), from a quantity, the measure word and the countries or
  bodies of its sentence, and the year the sentence states;
- event date: a merged event reported with a date.

Claims on the same subject and attribute with incompatible values form a conflict when
they come from independent sources (copies and translations are one source); values
that only one article contradicts within itself are an ``internal`` conflict, not a
cross-source one. Role claims are also checked against the gazetteer's office holders,
reported as ``reference`` conflicts: they never override what the sources say.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from dataclasses import asdict, dataclass, replace
from datetime import date

from dossier.analyse.fold import fold, fold_pattern
from dossier.analyse.gazetteer import Gazetteer
from dossier.link.events import MergedEvent, compatible, principal
from dossier.link.sources import groups
from dossier.settings import Settings
from dossier.store import Store

# The measure a figure is about, from words in its sentence (folded; any script).
MEASURES = {
    "trade": fold_pattern(r"贸易|貿易|\btrade\b"),
    "investment": fold_pattern(r"投资|投資|\binvest(?:ment|s|ed|ing)?\b"),
    "exports": fold_pattern(r"出口|輸出|\bexports?\b"),
    "imports": fold_pattern(r"进口|輸入|\bimports?\b"),
    # 開発費 / 经费: what a budget sets aside for one thing is a budget figure too.
    "budget": fold_pattern(r"预算|予算|经费|経費|开发费|開発費|\bbudget\b"),
    "export deals": fold_pattern(r"出口协议|輸出契約|\bexport deals?\b"),
    "loan": fold_pattern(r"贷款|貸款|借款|融资|融資|ローン|\bloans?\b"),
    "aid": fold_pattern(r"援助|支援|供与|\baid\b|\bassistance\b"),
}
# The troops an event (a parade, an exercise) brings out: one head count per story, however
# each report names the force (解放军官兵, "troops"), or names none.
TROOPS = fold_pattern(r"官兵|将兵|将士|士兵|兵力|部队|部隊|\btroops\b|\bsoldiers\b|\bpersonnel\b")
HEAD_COUNT_UNITS = {"people", "troops", "soldiers", "personnel"}
# Two readings of a figure agree when they differ by less than the rounding of the less
# precise one; an approximate figure ("about", 约) is allowed this much more.
APPROXIMATE = 0.05
CURRENCIES = {"USD", "JPY", "CNY", "GBP", "EUR", "AUD", "KRW", "HKD", "TWD", "CAD", "INR"}


@dataclass(frozen=True)
class Claim:
    kind: str  # role | figure | event_date
    subject: str
    attribute: str
    value: str
    label: str  # the value as written, in the article's script
    entity: str | None
    document: str
    start: int
    end: int
    precision: float = 0.0  # figures: relative rounding of the written number

    @property
    def id(self) -> str:
        key = f"{self.kind}|{self.subject}|{self.attribute}|{self.document}|{self.start}"
        return "claim:" + hashlib.sha256(key.encode()).hexdigest()[:12]


@dataclass
class Conflict:
    kind: str  # sources | reference | internal
    subject: str
    attribute: str
    values: list[dict]
    document: str | None = None  # the article an internal conflict is in

    @property
    def id(self) -> str:
        key = f"{self.kind}|{self.subject}|{self.attribute}" + (f"|{self.document}" if self.document else "")
        return "conflict:" + hashlib.sha256(key.encode()).hexdigest()[:12]


def role_claims(store: Store) -> list[Claim]:
    """Roles the text dates: in their own sentence (1月31日，…日本首相石破茂…) or in the one
    just before ("…met on Tuesday. Rubio hosted Japanese Foreign Minister Iwaya…"); a role
    dated only by the article's publication is a description, too loose to hold a source to.

    Reports of one story that date the same office within :data:`ROLE_OCCASION` days of
    each other speak of one occasion (one dates the talks, another the arrival the day
    before): they are held to each other under the occasion's first day. A report of that
    story published within those days that names the office holder far from any day (the
    minister's reaction told last) speaks of the occasion too: it joins it, but a role
    dated by publication alone never makes an occasion."""
    story_of = dict(store.db.execute("SELECT document, story FROM story_members").fetchall())
    rows = store.db.execute(
        'SELECT document, start, "end", person, entity, office, country, date, date_source'
        " FROM roles WHERE country IS NOT NULL")
    dated = [(r["date"], story_of.get(r["document"]), r["date_source"] == "published",
              Claim("role", f"{r['office']}:{r['country']}", f"holder on {r['date']}",
                    r["entity"] or "name:" + fold(r["person"]), r["person"], r["entity"],
                    r["document"], r["start"], r["end"])) for r in rows
             if r["date_source"] in ("sentence", "context", "published")]
    by_office: dict[tuple[str, object], list[tuple[str, Claim]]] = defaultdict(list)
    published: dict[tuple[str, object], list[tuple[str, Claim]]] = defaultdict(list)
    out = []
    for day, story, by_publication, claim in dated:
        if story is None or not _DAY.fullmatch(day or ""):
            if not by_publication:
                out.append(claim)
        else:
            (published if by_publication else by_office)[claim.subject, story].append((day, claim))
    for key, group in by_office.items():
        for occasion in _occasions(sorted(group, key=lambda d: d[0]), ROLE_OCCASION):
            first, last = occasion[0][0], occasion[-1][0]
            told = {c.document for _, c in occasion}
            late = [c for day, c in published[key] if c.document not in told
                    and 0 <= (date.fromisoformat(day) - date.fromisoformat(last)).days <= ROLE_OCCASION]
            out += [replace(c, attribute=f"holder on {first}") for _, c in occasion] + \
                [replace(c, attribute=f"holder on {first}") for c in late]
    return out


# Role claims of one story at most this many days apart are about one occasion; an office
# changes hands too rarely for a closer pair to be two holders in turn.
ROLE_OCCASION = 3


def figure_claims(store: Store) -> list[Claim]:
    out: list[Claim] = []
    heads: list[Claim] = []
    story_of = dict(store.db.execute("SELECT document, story FROM story_members").fetchall())
    rows = store.db.execute(
        """SELECT q.document, q.start, q."end", q.text, q.value, q.unit, q.approximate,
                  s.start AS s_start, s."end" AS s_end, d.text AS doc_text
           FROM quantities q JOIN documents d ON d.id = q.document
           JOIN sentences s ON s.document = q.document AND s.start <= q.start AND q.start < s."end"
           WHERE q.value IS NOT NULL AND q.unit IS NOT NULL""")
    for r in rows:
        # The figure's clause, not its whole sentence: in 维新会的36席，执政阵营合共352席 each
        # figure belongs to the actor of its own clause.
        lo, hi = _clause(r["doc_text"], r["start"], r["s_start"], r["s_end"])
        clause = fold(r["doc_text"][lo:hi])
        precision = APPROXIMATE if r["approximate"] else _rounding(r["text"])
        story = story_of.get(r["document"])
        if r["unit"] in HEAD_COUNT_UNITS and re.search(TROOPS, clause) and story is not None:
            heads.append(Claim("figure", f"troops:story {story}", "people", repr(r["value"]),
                               r["text"], None, r["document"], r["start"], r["end"], precision))
            continue
        measure = next((m for m, rx in MEASURES.items() if re.search(rx, clause)), None)
        if measure is None and r["unit"] != "seats":
            continue
        # …but not the "US" of "US dollars": a currency names no actor. A figure for a
        # programme (GCAP's budget) is the programme's, however each report lists its
        # partners (日英伊, "with Britain and Italy").
        named = store.db.execute(
            'SELECT entity, type, start, "end" FROM mentions WHERE document = ? AND start >= ?'
            " AND start < ? AND entity IS NOT NULL AND type IN ('country', 'organization', 'program')"
            " AND NOT (start >= ? AND start < ?) ORDER BY start",
            (r["document"], lo, hi, r["start"], r["end"])).fetchall()
        programs = _unglossed([n for n in named if n["type"] == "program"], r["doc_text"])
        actors = sorted(programs) or sorted({n["entity"] for n in named if n["type"] != "program"})
        if not actors:
            continue
        dates = {t[0] for t in store.db.execute(
            "SELECT value FROM times WHERE document = ? AND start >= ? AND start < ?"
            " AND type = 'DATE' AND value GLOB '[0-9][0-9][0-9][0-9]*'",
            (r["document"], lo, hi))}
        years = sorted({d[:4] for d in dates})
        # A day in the clause says when the sum was granted or announced ("approved on the
        # 20th … $571 million"), not the period it covers: within a story it is the deal's.
        by_story = r["unit"] in CURRENCIES and story is not None
        if len(years) > 1:
            continue
        if years and not (by_story and all(_DAY.fullmatch(d) for d in dates)):
            period = years[0]
        elif by_story:
            # A sum of money without a year ("Japan will invest $550 billion") is held only to
            # the same measure of the same actors in the same story: one deal, one figure.
            period = f"story {story}"
        else:
            continue  # a count without its period (公示前の198議席) cannot be held to another
        out.append(Claim("figure", f"{measure or 'seats'}:{'+'.join(actors)}",
                         f"{r['unit']} in {period}", repr(r["value"]), r["text"], None,
                         r["document"], r["start"], r["end"], precision))
    # A report that gives two troop counts (those who marched, those who watched) does not
    # say which one the other reports' count is about.
    counts: dict[str, set[str]] = defaultdict(set)
    for c in heads:
        counts[c.document].add(c.value)
    return out + [c for c in heads if len(counts[c.document]) == 1]


def event_claims(events: list[MergedEvent], source_of: dict[str, str] | None = None,
                 gazetteer: Gazetteer | None = None) -> list[Claim]:
    """The day each report gives an event, keyed so that reports of one real event meet,
    and, given a gazetteer, the city each report of a meeting names.

    Reports of one event that disagree on its date were merged into two events; they
    are one subject here when they share type and story (an event merged from reports
    of two stories belongs to both), have two principal participants in common (the
    reports need not name the same others), and their days lie within
    :data:`SAME_OCCASION` of each other. A vote (an election won by one candidate or
    party) needs only one known participant in common, in any story: a person or party
    is not voted for twice within days, and the reports of one election are often too
    short to fall into one story. Place is not part of the key: an unresolved place
    is spelt differently in each script (ヨハネスブルク, 约翰内斯堡), and many reports name
    none. Days further apart are different occasions (the same two leaders meeting in
    November and again in January), and a month or a year cannot contradict a day inside
    it, so only days are compared. Two days more than :data:`SLIP` apart that each at least
    two independent sources give (``source_of``: document → its source group; a day a report
    borrows from an earlier sentence counts here) are two occasions, not a slip: the same
    two ministers met in Tokyo and, a week later, at a summit abroad.

    Reports of one meeting on one occasion that name two different cities disagree (Tokyo
    against Osaka). Only places the gazetteer puts in a country are compared: a region or a
    sea (the Indo-Pacific) is what a meeting is about as often as where it is held.
    """
    out = []
    for subject, occasion in _event_occasions(events, source_of):
        for day, r in occasion:
            out.append(Claim("event_date", subject, "date", day, day, None, r.document, r.start, r.end))
            if gazetteer is not None and r.type == "meet" and r.place in gazetteer \
                    and gazetteer.entity(r.place).country:
                out.append(Claim("event_place", subject, "place", r.place,
                                 gazetteer.entity(r.place).label(), r.place,
                                 r.document, r.start, r.end))
    return out


def _event_occasions(events: list[MergedEvent], source_of: dict[str, str] | None = None
                     ) -> list[tuple[str, list[tuple[str, object]]]]:
    """(subject, [(day, report)]) for each occasion of each group of events that reports
    of one real event fall into (see :func:`event_claims`)."""
    candidates = [(e, principal(tuple(e.participants))) for e in events]
    candidates = [(e, people) for e, people in candidates if e.story is not None
                  and (len(people) >= 2 or _vote(e) and any(map(_known, people)))]
    stories = [{r.story for r in e.reports if r.story is not None} for e, _ in candidates]
    votes = [_vote(e) for e, _ in candidates]
    parent = list(range(len(candidates)))
    # The participants all events of a group share: votes join only while one is left,
    # so that a congratulation (石破茂對李在明當選表示祝賀) chains no two elections.
    common = [set(people) for _, people in candidates]

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i] = parent[parent[i]]
        return i

    # Only events that share a story, or votes that share a known participant, can join:
    # each is compared with the earlier events of its blocks, not with all of them.
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, (a, pa) in enumerate(candidates):
        keys = [(a.type, "story", story) for story in stories[i]]
        if votes[i]:
            keys += [(a.type, "vote", p) for p in pa if _known(p)]
        for j in sorted({j for key in keys for j in blocks[key]}):
            pb = candidates[j][1]
            ri, rj = root(i), root(j)
            if ri == rj:
                continue
            if (votes[i] and votes[j] and any(map(_known, common[ri] & common[rj]))) or \
                    (stories[i] & stories[j] and len(pa & pb) >= 2):
                parent[ri] = rj
                common[rj] &= common[ri]
        for key in keys:
            blocks[key].append(i)
    keyed: dict[int, list[tuple[str, object]]] = defaultdict(list)
    # every day the group's reports give, borrowed or not: evidence of when its occasions
    # were, never a claim itself
    told: dict[int, list[tuple[str, object]]] = defaultdict(list)
    members: dict[int, list[int]] = defaultdict(list)
    continuing = _continuations(events)
    for i, (e, _) in enumerate(candidates):
        members[root(i)].append(i)
        days = [(r.date, r) for r in e.reports if r.date and _DAY.fullmatch(r.date)]
        told[root(i)] += days
        keyed[root(i)] += [(d, r) for d, r in days
                           if r.date_source in ("sentence", "headline") or id(r) in continuing]
    out = []
    for i, dated in keyed.items():
        e = candidates[i][0]
        people = sorted(set.intersection(*(candidates[j][1] for j in members[i])))
        if len(people) < (1 if votes[i] else 2) or not any(map(_known, people)):
            # joined through a chain that leaves no two actors in common, or only by
            # names as written (product names, people the gazetteer does not know)
            continue
        for occasion in _occasions(sorted(dated, key=lambda d: d[0])):
            for part in _confirmed_apart(occasion, told[i], source_of or {}):
                out.append((f"{e.type}:{'+'.join(people)}/story {e.story}@{part[0][0]}", part))
    return out


# The words of an election or a vote (folded), against taking or leaving office (就任,
# "sworn in"), which another day of the same person's elect events may be.
_VOTE = re.compile(fold_pattern(
    r"选举|選舉|選挙|大选|大選|胜选|勝選|当选|當選|当選|投票|投開票|総選挙|参院選|衆院選|総裁選"
    r"|\belect(?:ed|ion|ions)\b|\blandslide\b|\bvote\b"), re.I)


def _vote(e: MergedEvent) -> bool:
    return e.type == "elect" and any(_VOTE.search(fold(r.trigger)) for r in e.reports)


def _known(participant: str) -> bool:
    """A participant the gazetteer knows, not a name as written (spelt per script)."""
    return not participant.startswith("name:")


def _continuations(events: list[MergedEvent]) -> set[int]:
    """Reports dated only by an earlier sentence that go on telling the event that
    sentence dates: "NATO leaders met their partners on Thursday. Kishida and Yoon
    attended." The last report its article dated in its own sentence has the same type
    and day, so the day is the reporter's for this report too. A report of another type
    (the talks were on Sunday; "they agreed…") keeps only a borrowed day."""
    by_document: dict[str, list] = defaultdict(list)
    for e in events:
        for r in e.reports:
            by_document[r.document].append(r)
    out = set()
    for items in by_document.values():
        last = None
        for r in sorted(items, key=lambda r: r.start):
            if r.date_source == "sentence":
                last = r
            elif r.date_source == "context" and last is not None \
                    and (last.type, last.date) == (r.type, r.date):
                out.add(id(r))
    return out


# Two reported days of one occasion lie at most this many days apart (a slip of a day or
# a week); further apart they are two occasions.
SAME_OCCASION = 10
_DAY = re.compile(r"\d{4}-\d\d-\d\d")


# A reporter's slip moves a day by a few days at most (the 17th for Monday the 20th).
SLIP = 3


def _confirmed_apart(occasion: list[tuple[str, object]], told: list[tuple[str, object]],
                     source_of: dict[str, str]) -> list[list[tuple[str, object]]]:
    """The sorted (day, report) pairs of one occasion, cut where days more than :data:`SLIP`
    apart each have at least two independent sources on their side: two sources that agree
    on a day are not both slipping the same way. ``told`` holds every day the reports give,
    those borrowed from an earlier sentence too ("held talks on Friday. … sat down with"):
    they count as sources here, though they are too loose to be claims."""
    first, last = occasion[0][0], occasion[-1][0]
    around = [t for t in told if first <= t[0] <= last]
    days = sorted({id(r): (d, r) for d, r in occasion + around}.values(), key=lambda t: t[0])
    for i in range(1, len(days)):
        gap = (date.fromisoformat(days[i][0]) - date.fromisoformat(days[i - 1][0])).days
        if gap > SLIP and min(_sources(days[:i], source_of), _sources(days[i:], source_of)) >= 2:
            before = [t for t in occasion if t[0] < days[i][0]]
            after = [t for t in occasion if t[0] >= days[i][0]]
            return _confirmed_apart(before, told, source_of) + _confirmed_apart(after, told, source_of)
    return [occasion]


def _sources(dated: list[tuple[str, object]], source_of: dict[str, str]) -> int:
    return len({source_of.get(r.document, r.document) for _, r in dated})


def _occasions(dated: list[tuple[str, object]], gap: int = SAME_OCCASION) -> list[list[tuple[str, object]]]:
    """Sorted (day, report) pairs cut where the gap to the previous day exceeds ``gap``."""
    out: list[list[tuple[str, object]]] = []
    for day, r in dated:
        if out and (date.fromisoformat(day) - date.fromisoformat(out[-1][-1][0])).days <= gap:
            out[-1].append((day, r))
        else:
            out.append([(day, r)])
    return out


# A comma between digits groups thousands (45,000): it ends no clause.
_CLAUSE_BREAK = re.compile(r"[，；;、]|,(?!\d)|(?<!\d),")
_GLOSS = re.compile(r"\s*[（(]\s*")


def _unglossed(programs: list, text: str) -> set[str]:
    """The programmes named, taking a name glossed in brackets as the gloss's:
    次期戦闘機（GCAP） is GCAP, written twice."""
    out = set()
    for n, m in enumerate(programs):
        after = programs[n + 1] if n + 1 < len(programs) else None
        if after is not None and _GLOSS.fullmatch(text[m["end"]:after["start"]]):
            continue
        out.add(m["entity"])
    return out


def _clause(text: str, at: int, lo: int, hi: int) -> tuple[int, int]:
    """The bounds of the clause around ``at`` inside the sentence [lo, hi)."""
    before = [m.end() for m in _CLAUSE_BREAK.finditer(text, lo, at)]
    after = _CLAUSE_BREAK.search(text, at, hi)
    return (before[-1] if before else lo), (after.start() if after else hi)


def _rounding(written: str) -> float:
    """Relative half-unit of the last significant digit: 1037亿 → 0.05 %, 100亿 → 5 %."""
    digits = re.sub(r"\D", "", written.split(".")[0]) + "".join(re.findall(r"\.(\d+)", written))
    significant = len(digits.strip("0")) or 1
    return 0.5 * 10 ** (1 - significant)


def _same(a: Claim, b: Claim) -> bool:
    if a.kind == "figure":
        x, y = float(a.value), float(b.value)
        return abs(x - y) <= max(a.precision, b.precision) * max(abs(x), abs(y))
    if a.kind == "event_date":
        return compatible(a.value, b.value)
    return a.value == b.value


def _values(claims: list[Claim]) -> list[list[Claim]]:
    """Claims grouped by value: a claim joins the first group whose values it agrees with."""
    out: list[list[Claim]] = []
    for c in sorted(claims, key=lambda c: (c.value, c.document, c.start)):
        for group in out:
            if all(_same(c, other) for other in group):
                group.append(c)
                break
        else:
            out.append([c])
    return out


def find_conflicts(claims: list[Claim], source_of: dict[str, str],
                   gazetteer: Gazetteer | None = None) -> list[Conflict]:
    by_subject: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for c in claims:
        by_subject[c.kind, c.subject, c.attribute].append(c)
    out = []
    for (kind, subject, attribute), group in sorted(by_subject.items()):
        values = _values(group)
        if len(values) > 1:
            if kind in _SELF_CONTRADICTING:
                out += _internal(subject, attribute, values)
            if len({c.document for c in group}) > 1 and _independent_disagreement(values, source_of):
                out.append(Conflict("sources", subject, attribute, [_value(v) for v in values]))
        if kind == "role" and gazetteer is not None:
            out += _against_reference(subject, attribute, values, gazetteer)
    return out


# Claims an article can contradict itself on. Two days of one event type in one article
# are two events (announced on the 16th, on sale from the 29th), not one dated twice.
_SELF_CONTRADICTING = ("figure", "role")


def _internal(subject: str, attribute: str, values: list[list[Claim]]) -> list[Conflict]:
    """An article that gives two values itself (100億澳元, then 10億澳元) contradicts
    itself, whether or not other reports give the subject too."""
    by_document: dict[str, list[list[Claim]]] = defaultdict(list)
    for v in values:
        for document in dict.fromkeys(c.document for c in v):
            by_document[document].append([c for c in v if c.document == document])
    return [Conflict("internal", subject, attribute, [_value(v) for v in own], document)
            for document, own in sorted(by_document.items()) if len(own) > 1]


def _independent_disagreement(values: list[list[Claim]], source_of: dict[str, str]) -> bool:
    """Do two independent sources assert different values?

    Each source group (an article with its reposts and translations) asserts the values
    of its documents; a group whose own copies disagree (a translation that changed a
    name) is left out: that is no disagreement between sources.
    """
    asserted: dict[str, set[int]] = defaultdict(set)
    for i, claims in enumerate(values):
        for c in claims:
            asserted[source_of.get(c.document, c.document)].add(i)
    consistent = [v for v in asserted.values() if len(v) == 1]
    return len(set().union(*consistent)) > 1 if consistent else False


def _against_reference(subject: str, attribute: str, values: list[list[Claim]],
                       gazetteer: Gazetteer) -> list[Conflict]:
    office, country = subject.split(":", 1)
    date = attribute.removeprefix("holder on ")
    try:
        holders = gazetteer.office_holders(office, country, date)
    except ValueError:
        return []
    wrong = [v for v in values if v[0].entity and v[0].entity not in holders]
    if not holders or not wrong:
        return []
    reference = [{"value": h, "label": gazetteer.entity(h).label(), "entity": h,
                  "documents": [], "evidence": [], "reference": True} for h in holders]
    return [Conflict("reference", subject, attribute, [_value(v) for v in wrong] + reference)]


def _value(claims: list[Claim]) -> dict:
    first = claims[0]
    return {"value": first.value, "label": first.label, "entity": first.entity,
            "documents": sorted({c.document for c in claims}),
            "evidence": [{"document": c.document, "start": c.start, "end": c.end} for c in claims]}


def update(store: Store, events: list[MergedEvent], settings: Settings) -> list[Conflict]:
    gazetteer = Gazetteer.load(settings.gazetteers)
    source_of = groups(store)
    claims = role_claims(store) + figure_claims(store) + event_claims(events, source_of, gazetteer)
    conflicts = find_conflicts(claims, source_of, gazetteer)
    with store.transaction() as db:
        db.execute("DELETE FROM claims")
        db.execute("DELETE FROM conflicts")
        db.executemany("INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       ((c.id, c.kind, c.subject, c.attribute, c.value, c.label, c.entity,
                         c.document, c.start, c.end, json.dumps(asdict(c)))
                        for c in claims))
        db.executemany("INSERT OR REPLACE INTO conflicts VALUES (?, ?, ?, ?, ?)",
                       ((c.id, c.kind, c.subject, c.attribute,
                         json.dumps(c.values, ensure_ascii=False)) for c in conflicts))
    return conflicts
