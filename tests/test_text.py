import pytest

from dossier.analyse import analyse
from dossier.analyse.fold import fold
from dossier.analyse.lang import detect
from dossier.analyse.sentences import split
from dossier.model import Document


@pytest.mark.parametrize("text,lang", [
    ("英国首相斯塔默抵达东京，与日本首相举行会谈。", "zh-Hans"),
    ("英國首相斯塔默抵達東京，與日本首相舉行會談。", "zh-Hant"),
    # traditional with a few simplified characters: the majority decides
    ("英國首相斯塔默抵達東京，与日本首相舉行會談，雙方同意加強合作。", "zh-Hant"),
    ("スターマー英首相は東京で高市首相と会談した。", "ja"),
    # kanji-heavy Japanese
    ("日英首脳会談於首相官邸開催、経済安全保障協力強化合意。両首脳は共同声明を発表した。", "ja"),
    ("The Prime Minister met his Japanese counterpart in Tokyo.", "en"),
    ("2026", "und"),
    ("", "und"),
])
def test_language(text, lang):
    assert detect(text) == lang


def test_sentence_language_inherits_document_language_without_signal():
    doc = analyse(Document(id="x", path="p", text="日英首脳会談\nスターマー首相が来日した。"))
    assert doc.language == "ja"
    assert [s.language for s in doc.sentences] == ["ja", "ja"]


def sentences(text):
    return [text[a:b] for a, b in split(text)]


def test_splits_cjk_with_closing_quotes():
    assert sentences("他说：“我们将加强合作。”双方举行了2+2会谈！贸易额达103.7亿美元。") == [
        "他说：“我们将加强合作。”", "双方举行了2+2会谈！", "贸易额达103.7亿美元。"]
    assert sentences("首相は「年内に合意したい」と述べた。』次の文。") == [
        "首相は「年内に合意したい」と述べた。』", "次の文。"]


def test_splits_english_but_not_abbreviations_or_decimals():
    assert sentences("The U.K. and Japan met. Mr. Starmer said trade rose 3.5%. It was good.") == [
        "The U.K. and Japan met.", "Mr. Starmer said trade rose 3.5%.", "It was good."]


def test_line_breaks_end_sentences_and_offsets_are_exact():
    text = "  标题没有句号\n\n第一句。第二句？"
    spans = list(split(text))
    assert [text[a:b] for a, b in spans] == ["标题没有句号", "第一句。", "第二句？"]


def test_fold_is_length_preserving_and_matches_across_scripts():
    for a, b in [("会談", "會談"), ("會談", "会谈"), ("東京", "东京"), ("ＧＣＨＱ", "gchq"),
                 ("防衛大臣", "防卫大臣"), ("防衞", "防卫"), ("並行", "并行"), ("情緒", "情绪")]:
        assert fold(a) == fold(b)
    text = "英國政府通信總部（ＧＣＨＱ）とスターマー"
    folded = fold(text)
    assert len(folded) == len(text)
    start = folded.index("gchq")
    assert text[start:start + 4] == "ＧＣＨＱ"


def test_fold_never_alters_names_by_s2t():
    assert fold("岩屋") == "岩屋"


def test_quotation_inside_a_sentence_does_not_end_it():
    assert sentences("高市氏は「協力を深めたい。」と述べた。次の文。") == [
        "高市氏は「協力を深めたい。」と述べた。", "次の文。"]
    assert sentences("她那句『工作、再工作。』至今仍被津津樂道。下一句。") == [
        "她那句『工作、再工作。』至今仍被津津樂道。", "下一句。"]


def test_stages_run_in_dependency_order_whatever_the_import_order():
    from dossier.analyse import ORDER, pipeline
    assert [name for name, _ in pipeline()][:len(ORDER)] == list(ORDER)


def test_document_folds_its_text_once_for_every_stage():
    doc = Document(id="x", path="p", text="英國首相與ＧＣＨＱ")
    assert doc.folded == fold(doc.text) and doc.folded is doc.folded
