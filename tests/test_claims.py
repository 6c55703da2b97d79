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
