"""The Japanese person model (``ja_crf``): its file, its features and how ``ja`` uses it."""

from __future__ import annotations

from unittest import mock

import numpy as np

from dossier.analyse.names import ja, ja_crf


def people(text: str) -> set[str]:
    return {n.text for n in ja.find_names(text) if n.type == "person"}


def test_model_file_loads_without_pickle_and_tags_people():
    model = ja_crf.Model.load(ja_crf.MODEL)
    assert {"B-PER", "I-PER", "B-ORG"} <= set(model.labels)
    assert np.all(model.keys[1:] > model.keys[:-1])  # sorted, for the binary search
    assert model.weights.shape == (len(model.keys) + 1, len(model.labels))
    assert not model.weights[-1].any()  # the row unknown keys fall to


def test_single_katakana_subject_is_a_person_the_rules_miss():
    text = "1950年、コックスはロンドンで生まれた。"
    with mock.patch.object(ja, "_person_model", lambda: None):
        assert people(text) == set()  # the rules alone
    assert people(text) == {"コックス"}
    assert ("ロンドン", "place") in {
        (n.text, n.type) for n in ja.find_names(text)}  # the rules' place is kept


def test_company_as_subject_is_no_person():
    assert people("トヨタは新しい工場を建設した。") == set()


def test_people_are_spans_of_the_text():
    text = "作家のマクレーンが来日し、1950年、コックスはロンドンで生まれた。"
    for name in ja.find_names(text):
        assert text[name.start:name.end] == name.text


def _columns(words: list[int], lengths: list[int]) -> ja_crf.Sentence:
    n = len(words)
    u = np.uint64
    zeros = np.zeros(n, u)
    return ja_crf.Sentence(np.array(words, u), np.full(n, 5, u), np.full(n, 3, u), zeros,
                           zeros, zeros, zeros, np.array(lengths, np.int64))


def test_window_features_stop_at_the_sentence_edge():
    keys = ja_crf.feature_keys(_columns([10, 11, 12, 13], [2, 2]))
    mask = (np.uint64(1) << np.uint64(56)) - np.uint64(1)
    next_word = keys[ja_crf.TEMPLATES.index("w1")] & mask
    previous_word = keys[ja_crf.TEMPLATES.index("w-1")] & mask
    assert next_word.tolist() == [11, ja_crf.EDGE, 13, ja_crf.EDGE]
    assert previous_word.tolist() == [ja_crf.EDGE, 10, ja_crf.EDGE, 12]


def _toy_model(person: float, organisation: float = 0.0) -> ja_crf.Model:
    """Word 10 leans to B-PER by ``person`` and to B-ORG by ``organisation``; every other
    key weighs nothing, and no name starts with an I- label."""
    labels = ("O", "B-ORG", "B-PER", "I-ORG", "I-PER")
    key = np.uint64(10) | (np.uint64(ja_crf.TEMPLATES.index("w0")) << np.uint64(56))
    weights = np.array([[0.0, organisation, person, -20.0, -20.0], [0.0] * 5], np.float32)
    transitions = np.zeros((5, 5))
    transitions[:, 3:] = -20.0
    return ja_crf.Model(labels, transitions, np.array([key]), weights, (), ())


def test_only_people_the_model_is_sure_of_are_kept():
    columns = _columns([10, 11, 12], [3])
    assert ja_crf.people(_toy_model(3.0), columns, []) == [(0, 1)]
    # the best path's person at odds of about one in three (O and B-ORG close behind)
    assert ja_crf.people(_toy_model(0.2, 0.1), columns, []) == []


def test_a_person_the_rules_and_the_best_path_agree_on_needs_no_more_proof():
    columns = _columns([10, 11, 12], [3])
    # the same doubtful person as above, but the rules give it too
    assert ja_crf.people(_toy_model(0.2, 0.1), columns, [(0, 1)]) == [(0, 1)]


def test_a_rules_person_the_model_rules_out_is_dropped():
    columns = _columns([10, 11, 12], [3])
    assert ja_crf.people(_toy_model(-5.0), columns, [(0, 1)]) == []


def test_kanji_names_listed_with_a_dot_are_separate_people():
    text = "会談には毛沢東・周恩来が出た。"
    assert [n.text for n in ja._split_listing(text, 4, 11)] == ["毛沢東", "周恩来"]
    assert [n.text for n in ja._split_listing("ノアム・チョムスキー", 0, 10)] == ["ノアム・チョムスキー"]


def test_importing_the_japanese_module_first_leaves_the_other_languages_registered():
    import subprocess
    import sys

    code = ("from dossier.analyse.names import ja, find_names\n"
            "assert find_names('英国首相斯塔默抵达东京。', 'zh-Hans'), 'zh finder missing'\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
