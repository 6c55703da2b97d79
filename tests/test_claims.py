"""Claims: role and figure claims keyed so that reports of one occasion meet."""

from dossier.link.claims import Claim, figure_claims, find_conflicts, role_claims
from dossier.pipeline import ingest
from dossier.store import Store


def _store(tmp_path, reports):
    root = tmp_path / "a"
    root.mkdir()
    for name, text in reports.items():
        (root / name).write_text(text, encoding="utf-8")
    db = tmp_path / "d.db"
    ingest([root], db)
    store = Store(db)
    # one story, whatever the story linker makes of such short reports
    with store.transaction() as tx:
        tx.execute("UPDATE story_members SET story = (SELECT min(story) FROM story_members)")
    return store


def test_role_claims_a_day_apart_in_one_story_are_one_occasion(tmp_path):
    store = _store(tmp_path, {
        "zh.txt": "日韩首脑会谈\n2025-08-24\n\n8月23日，日本首相石破茂在东京与韩国总统李在明举行会谈。双方同意合作。",
        "ja.txt": "日韓首脳会談\n2025年8月25日\n\n日本の岸田文雄首相は24日、韓国の李在明大統領と東京で会談した。",
    })
    with store:
        claims = [c for c in role_claims(store) if c.subject == "prime-minister:JP"]
        assert {c.attribute for c in claims} == {"holder on 2025-08-23"}
        [conflict] = [c for c in find_conflicts(claims, {c.document: c.document for c in claims})
                      if c.kind == "sources"]
        assert {v["value"] for v in conflict.values} == {"person:shigeru-ishiba", "person:fumio-kishida"}


def test_a_programme_figure_is_the_programmes_even_when_glossed(tmp_path):
    store = _store(tmp_path, {
        "ja.txt": "次期戦闘機\n2024年12月28日\n\n防衛省は、日英伊で共同開発する次期戦闘機（GCAP）の開発費として1087億円を計上した。",
        "zh.txt": "GCAP預算\n2024年12月28日\n\n防衛省為英日義三國共同研發的次世代戰機（GCAP）編列1087萬日圓預算。",
    })
    with store:
        claims = figure_claims(store)
    assert {c.subject for c in claims} == {"budget:program:gcap"}
    assert sorted(float(c.value) for c in claims) == [1.087e7, 1.087e11]


def test_aid_is_a_measure_and_a_day_in_the_clause_is_no_period(tmp_path):
    store = _store(tmp_path, {
        "hans.txt": "外交部反制\n2024年12月28日\n\n外交部发言人表示，美方近日宣布向中国台湾地区提供5.71亿美元军事援助。",
        "hant.txt": "美對台軍援\n2024年12月28日\n\n美國總統拜登20日批准向台灣提供價值57.1億美元的軍事援助。",
    })
    with store:
        claims = figure_claims(store)
    assert {(c.subject, c.attribute) for c in claims} == \
        {("aid:country:TW+country:US", "USD in story 1")}
    [conflict] = find_conflicts(claims, {c.document: c.document for c in claims})
    assert sorted(float(v["value"]) for v in conflict.values) == [5.71e8, 5.71e9]


def test_troop_counts_of_one_story_meet_however_the_force_is_named(tmp_path):
    store = _store(tmp_path, {
        "zh.txt": "阅兵\n2025年9月4日\n\n中国人民解放军约1.2万名官兵参加了阅兵。",
        "en.txt": "Parade\n2025-09-03\n\nSome 45,000 troops marched in the parade, according to a broadcaster.",
        "ja.txt": "閲兵式\n2025年9月4日\n\n約1万2000人の将兵が行進した。",
    })
    with store:
        claims = [c for c in figure_claims(store) if c.subject.startswith("troops:")]
    assert sorted(float(c.value) for c in claims) == [12000.0, 12000.0, 45000.0]
    [conflict] = find_conflicts(claims, {c.document: c.document for c in claims})
    assert sorted(len(v["documents"]) for v in conflict.values) == [1, 2]


def test_two_troop_counts_in_one_report_are_held_to_nothing(tmp_path):
    store = _store(tmp_path, {
        "en.txt": "Drill\n2025-09-03\n\nSome 4,000 troops joined the drill, and 30,000 troops stood by.",
    })
    with store:
        assert not [c for c in figure_claims(store) if c.subject.startswith("troops:")]


def test_a_thousands_comma_ends_no_clause():
    from dossier.link.claims import _clause
    text = "Some 45,000 troops marched, said a broadcaster."
    lo, hi = _clause(text, 0, 0, len(text))
    assert text[lo:hi] == "Some 45,000 troops marched"


def _event(document, kind, date, people, story, trigger="", place=None, source="sentence"):
    from dossier.link.events import MergedEvent, Report
    r = Report(document, 0, 1, kind, tuple(people), date, source, place, story, trigger)
    return MergedEvent(f"event:{document}:{kind}:{date}", kind, [r])


def test_an_event_merged_from_two_stories_meets_the_reports_of_both():
    from dossier.link.claims import event_claims
    from dossier.link.events import MergedEvent
    people = ("person:a", "person:b")
    ja, zh = _event("ja", "meet", "2025-03-22", people, 9), _event("zh", "meet", "2025-03-22", people, 10)
    both = MergedEvent("event:both", "meet", zh.reports + ja.reports)  # its first report is in story 10
    en = _event("en", "meet", "2025-03-21", people, 9)
    [conflict] = find_conflicts(event_claims([both, en]), {"ja": "ja", "zh": "zh", "en": "en"})
    assert {v["value"] for v in conflict.values} == {"2025-03-21", "2025-03-22"}


def test_one_election_dated_two_ways_across_stories_with_one_participant():
    from dossier.link.claims import event_claims
    en = _event("en", "elect", "2025-06-03", ("person:lee", "country:KR"), 11, "election")
    sworn = _event("en", "elect", "2025-06-04", ("person:lee", "name:National Assembly"), 11, "sworn in")
    zh = _event("zh", "elect", "2025-06-04", ("person:lee",), 12, "選舉")
    [conflict] = find_conflicts(event_claims([en, sworn, zh]), {"en": "en", "zh": "zh"})
    assert {v["value"] for v in conflict.values} == {"2025-06-03", "2025-06-04"}
    # a congratulation on one election chains it to no other election of the one congratulating
    cheer = _event("zh", "elect", None, ("person:ishiba", "person:lee"), 12, "當選")
    other = _event("ja", "elect", "2025-07-20", ("person:ishiba", "org:ldp"), 14, "選挙")
    subjects = {c.subject for c in event_claims([en, zh, cheer, other])}
    assert len(subjects) == 2 and all("@" in s and "elect:/" not in s for s in subjects)


def test_reports_of_one_meeting_in_two_cities_conflict_on_its_place():
    from dossier.analyse.gazetteer import Gazetteer
    from dossier.link.claims import event_claims
    from dossier.settings import Settings
    people = ("country:JP", "country:CN", "country:KR")
    events = [_event("ja", "meet", "2025-03-22", people, 9, place="place:tokyo"),
              _event("zh", "meet", "2025-03-22", people, 9, place="place:osaka"),
              _event("en", "meet", "2025-03-22", people, 9, place="place:indo-pacific")]
    claims = [c for c in event_claims(events, gazetteer=Gazetteer.load(Settings().gazetteers))
              if c.kind == "event_place"]
    assert {c.value for c in claims} == {"place:tokyo", "place:osaka"}  # a region is no venue
    [conflict] = find_conflicts(claims, {"ja": "ja", "zh": "zh", "en": "en"})
    assert {v["value"] for v in conflict.values} == {"place:tokyo", "place:osaka"}


def test_an_article_contradicting_itself_is_internal_beside_other_reports():
    def budget(value, document, start):
        return Claim("figure", "budget:country:AU", "AUD in story 1", repr(value), str(value),
                     None, document, start, start + 1)
    claims = [budget(1e10, "hant", 0), budget(1e9, "hant", 50), budget(1e10, "en", 0)]
    [conflict] = find_conflicts(claims, {"hant": "hant", "en": "en"})
    assert (conflict.kind, conflict.document) == ("internal", "hant")
    assert all(v["documents"] == ["hant"] for v in conflict.values)


def test_two_days_of_one_event_type_in_one_article_are_two_events_not_a_contradiction():
    from dossier.link.claims import event_claims
    people = ("org:sharp", "person:a")
    announced = _event("ja", "announce", "2012-06-16", people, 3)
    on_sale = _event("ja", "announce", "2012-06-22", people, 3)
    claims = event_claims([announced, on_sale])
    assert len({c.subject for c in claims}) == 1  # one occasion: within days, same actors
    assert find_conflicts(claims, {"ja": "ja"}) == []


def test_date_subjects_need_actors_in_common_and_one_the_gazetteer_knows():
    from dossier.link.claims import event_claims
    # a chain: a and b share two actors with the middle report, but none with each other
    a = _event("a", "meet", "2025-03-20", ("person:p", "person:q"), 5)
    middle = _event("m", "meet", "2025-03-21", ("person:p", "person:q", "person:r", "person:s"), 5)
    b = _event("b", "meet", "2025-03-22", ("person:r", "person:s"), 5)
    assert event_claims([a, middle, b]) == []
    # products and people known only by their names as written
    x = _event("x", "commit", "2012-06-18", ("name:AQUOS", "name:PHONE"), 7)
    y = _event("y", "commit", "2012-06-22", ("name:AQUOS", "name:PHONE"), 7)
    assert event_claims([x, y]) == []


def test_australian_dollars_are_a_currency():
    from dossier.analyse.quantities import extract_quantities
    for text, language in [("a budget of A$10 billion", "en"), ("100億豪ドルの予算", "ja"),
                           ("編列100億澳元預算", "zh-Hant")]:
        [q] = extract_quantities(text, language)
        assert (q.value, q.unit) == (1e10, "AUD")


def test_a_role_far_from_any_day_joins_its_storys_occasion(tmp_path):
    store = _store(tmp_path, {
        "en.txt": "Frigates\n2025-08-06\n\nMarles announced the choice on Tuesday. The design beat a "
                  "German bid. Three ships will be built in Japan. Marles said it was a record. "
                  "Japan's defence minister, Gen Nakatani, welcomed the decision.",
        "zh.txt": "护卫舰\n2025年8月5日\n\n日方代表、防卫大臣木原稔5日在东京表示欢迎。",
    })
    with store:
        claims = [c for c in role_claims(store) if c.subject == "defence-minister:JP"]
        assert {(c.value, c.attribute) for c in claims} == {
            ("person:gen-nakatani", "holder on 2025-08-05"), ("person:minoru-kihara", "holder on 2025-08-05")}

    # alone, a role dated by publication makes no occasion
    (tmp_path / "solo").mkdir()
    store = _store(tmp_path / "solo", {"en.txt": "Frigates\n2025-08-06\n\nJapan's defence minister, "
                                                 "Gen Nakatani, welcomed the decision."})
    with store:
        assert not [c for c in role_claims(store) if c.subject == "defence-minister:JP"]


def test_two_days_each_confirmed_by_two_sources_are_two_occasions_not_a_slip():
    from dossier.link.claims import event_claims
    people = ("person:a", "person:b")
    # a week apart, each day given by two independent reports: two meetings of the same pair
    tokyo = [_event("en", "meet", "2025-03-07", people, 1), _event("ja", "meet", "2025-03-07", people, 1)]
    summit = [_event("fr", "meet", "2025-03-13", people, 1), _event("de", "meet", "2025-03-13", people, 1)]
    sources = {d: d for d in ("en", "ja", "fr", "de", "zh")}
    assert find_conflicts(event_claims(tokyo + summit, sources), sources) == []
    # one report a week off from two others is still a slip
    slip = _event("zh", "meet", "2025-03-14", people, 1)
    [conflict] = find_conflicts(event_claims(tokyo + [slip], sources), sources)
    assert {v["value"] for v in conflict.values} == {"2025-03-07", "2025-03-14"}
    # and so is a day off beside a confirmed day
    slip = _event("zh", "meet", "2025-03-06", people, 1)
    [conflict] = find_conflicts(event_claims([slip] + tokyo + summit, sources), sources)
    assert {v["value"] for v in conflict.values} == {"2025-03-06", "2025-03-07"}


def test_days_borrowed_from_an_earlier_sentence_help_tell_occasions_apart():
    from dossier.link.claims import event_claims
    people = ("person:a", "person:b")
    # zh dates the Tokyo talks a day early; fr dates the summit a week later. en and ja
    # give the Tokyo day only through an earlier sentence ("held talks on Friday. … sat
    # down with"), de the summit day: too loose to be claims, enough to see two occasions.
    zh = _event("zh", "meet", "2025-03-06", people, 1)
    fr = _event("fr", "meet", "2025-03-13", people, 1)
    en = _event("en", "meet", "2025-03-07", people, 1, source="context")
    ja = _event("ja", "meet", "2025-03-07", people, 1, source="context")
    de = _event("de", "meet", "2025-03-13", people, 1, source="context")
    sources = {d: d for d in ("zh", "fr", "en", "ja", "de")}
    assert find_conflicts(event_claims([zh, fr, en, ja, de], sources), sources) == []
    # without them, the two reports are one occasion dated two ways
    assert len(find_conflicts(event_claims([zh, fr], sources), sources)) == 1
