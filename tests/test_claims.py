"""Claims: role and figure claims keyed so that reports of one occasion meet."""

from dossier.link.claims import figure_claims, find_conflicts, role_claims
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
