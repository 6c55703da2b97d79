"""Events per sentence, merged across reports; claims and conflicts between sources."""

import pytest

from dossier.analyse import analyse
from dossier.link.claims import Claim, find_conflicts
from dossier.link.events import Report, merge
from dossier.model import Document
from dossier.pipeline import ingest
from dossier.store import Store


def doc(text, published="2026-02-01"):
    return analyse(Document(id="x", path="p", text=text, published=published))


def test_event_with_participants_date_and_place():
    d = doc("英国首相斯塔默1月31日在东京与日本首相高市早苗举行会谈。")
    [e] = [e for e in d.events if e.type == "meet"]
    assert e.trigger == "举行会谈" and d.text[e.start:e.end] == e.trigger
    assert {"person:keir-starmer", "person:sanae-takaichi"} <= set(e.participants)
    assert (e.date, e.date_source, e.place) == ("2026-01-31", "sentence", "place:tokyo")


def test_date_from_the_nearest_sentence_that_sets_it_and_anaphora():
    d = doc("スターマー英首相は1月31日、東京で高市早苗首相と会談した。両首脳は防衛協力の強化で合意した。")
    [agree] = [e for e in d.events if e.type == "agree"]
    assert (agree.date, agree.date_source) == ("2026-01-31", "context")
    assert "person:keir-starmer" in agree.participants  # 両首脳 refers back


def test_trigger_without_participants_is_counted_not_an_event():
    d = doc("下周举行会谈。")
    assert d.events == [] and d.meta["events_without_participants"] == 1


def report(document, date, participants=("person:a", "person:b"), kind="meet", source="sentence"):
    return Report(document, 0, 1, kind, participants, date, source, "place:tokyo", 1)


def test_merge_across_reports_with_compatible_dates_only():
    merged = merge([report("d1", "2026-01-31"), report("d2", "2026-01"), report("d3", "2026-01-29"),
                    report("d4", "2026-01-31", ("person:a", "person:c"))])
    sizes = sorted(len(e.reports) for e in merged)
    # the month joins one day, never both: 29 and 31 January are two events
    assert sizes == [1, 1, 2]
    assert {r.document for e in merged if len(e.reports) == 2 for r in e.reports} in (
        {"d1", "d2"}, {"d2", "d3"})


def claim(value, document, label=None, kind="role", precision=0.0):
    return Claim(kind, "prime-minister:JP", "holder on 2026-01-31", value, label or value, value,
                 document, 0, 1, precision)


def test_conflict_needs_independent_sources():
    claims = [claim("person:takaichi", "a"), claim("person:takaichi", "b"), claim("person:ishiba", "c")]
    [c] = find_conflicts(claims, {"a": "a", "b": "b", "c": "c"})
    assert c.kind == "sources" and {v["value"] for v in c.values} == {"person:takaichi", "person:ishiba"}
    # the differing report is a translation of another: one source, no conflict
    assert find_conflicts(claims, {"a": "a", "b": "b", "c": "a"}) == []


def test_an_article_contradicting_itself_is_internal():
    claims = [claim("person:takaichi", "a"), claim("person:ishiba", "a")]
    [c] = find_conflicts(claims, {"a": "a"})
    assert c.kind == "internal"


def test_figures_agree_within_rounding():
    def figure(value, document, text):
        return Claim("figure", "trade:CN+GB", "USD in 2025", repr(value), text, None, document, 0, 1,
                     0.0005)
    same = [figure(103700000000.0, "a", "1037亿美元"), figure(103700000000.0, "b", "103.7 billion")]
    assert find_conflicts(same, {"a": "a", "b": "b"}) == []
    [c] = find_conflicts(same + [figure(107300000000.0, "c", "1073億美元")], {"a": "a", "b": "b", "c": "c"})
    assert [v["label"] for v in c.values] == ["1037亿美元", "1073億美元"]


def test_conflicts_end_to_end(tmp_path):
    root = tmp_path / "a"
    root.mkdir()
    reports = {
        "one.txt": "斯塔默访问东京\n2026-02-01\n\n1月31日，英国首相斯塔默在东京与日本首相高市早苗举行会谈。"
                   "此前他在北京停留了四天。据统计，去年中英贸易额为1037亿美元。分析人士认为此行意在平衡。",
        "two.txt": "スターマー首相が来日\n2026年2月1日\n\n夕食会には閣僚12人も同席し、和やかな雰囲気だったという。"
                   "1月31日、英国のスターマー首相は東京で日本の高市早苗首相と会談した。"
                   "イタリアを交えた次期戦闘機GCAPの共同開発も話題に上った。"
                   "2月8日の衆院選を控えた首相にとって外交成果となる。",
        "three.txt": "斯塔默东京之行\n2026/2/2\n\n1月31日，英国首相斯塔默飞抵东京，和日本首相石破茂见了面。中英去年贸易额达1073亿美元。",
    }
    for name, text in reports.items():
        (root / name).write_text(text, encoding="utf-8")
    db = tmp_path / "d.db"
    ingest([root], db)
    from dossier.export import export
    with Store(db, readonly=True) as store:
        data = export(store)
    kinds = {(c["kind"], c["subject"]) for c in data["conflicts"]}
    assert ("sources", "prime-minister:JP") in kinds and ("reference", "prime-minister:JP") in kinds
    assert ("sources", "trade:country:CN+country:GB") in kinds
    pm = next(c for c in data["conflicts"] if c["kind"] == "sources" and c["subject"] == "prime-minister:JP")
    labels = {v["label"] for v in pm["values"]}
    assert labels == {"高市早苗", "石破茂"}
    for v in pm["values"]:
        for ev in v["evidence"]:
            text = next(d["text"] for d in data["documents"] if d["id"] == ev["document"])
            assert v["label"] in text[ev["start"]:ev["end"]]  # the role phrase names the person
    meet = [e for e in data["events"] if e["type"] == "meet" and e["date"] == "2026-01-31"]
    takaichi = next(e for e in meet if "person:sanae-takaichi" in e["participants"])
    assert takaichi["reports"] == 2  # the zh and the ja report of one meeting are one event
    # corroboration counts independent sources: copies and translations count once
    from dossier.link import events
    with Store(db) as store:
        with store.transaction() as tx:
            tx.execute("DELETE FROM copies")
        assert max(len(e.reports) for e in events.update(store)) == 2
        assert _sources(store, "person:sanae-takaichi") == 2
        a, b = sorted({r["document"] for r in takaichi["evidence"]})
        with store.transaction() as tx:
            tx.execute("INSERT INTO copies VALUES (?, ?, 'translation', 1.0)", (a, b))
        events.update(store)
        assert _sources(store, "person:sanae-takaichi") == 1


def _sources(store, participant):
    return max(r[0] for r in store.db.execute(
        "SELECT sources FROM merged_events WHERE type = 'meet' AND participants LIKE ?",
        (f"%{participant}%",)))


def test_country_in_a_title_is_no_participant_and_unknown_actors_keep_their_name():
    d = doc("1月31日，英国首相斯塔默在东京与日本首相高市早苗举行会谈，毛宁出席。")
    [e] = [e for e in d.events if e.type == "meet"]
    assert "country:GB" not in e.participants and "country:JP" not in e.participants
    assert {"person:keir-starmer", "person:sanae-takaichi"} <= set(e.participants)
    assert all(":" in p for p in e.participants)  # ids, or name:<as written>


def test_two_leaders_refers_to_the_last_event_with_two_people():
    d = doc("スターマー英首相は1月31日、東京で高市早苗首相と会談した。スターマー氏は中国訪問を終えた。"
            "両首脳は防衛協力の強化で合意した。")
    [agree] = [e for e in d.events if e.type == "agree"]
    assert {"person:keir-starmer", "person:sanae-takaichi"} <= set(agree.participants)


def test_a_year_alone_fixes_no_date():
    d = doc("1月31日，英国首相斯塔默在东京与日本首相高市早苗举行会谈。斯塔默邀请高市早苗年内访问英国。")
    [visit] = [e for e in d.events if e.type == "visit"]
    assert visit.date is None


def test_trigger_inside_a_programme_name_and_agreement_nouns_are_no_events():
    d = doc("双方确认继续推进英国、日本和意大利的“全球空战计划”（GCAP）。")
    assert "commit" not in {e.type for e in d.events}
    d = doc("合意により、米国は日本からの輸入品に15％の関税を課す。")
    assert "agree" not in {e.type for e in d.events}
    assert "restrict" in {e.type for e in d.events}


def test_said_and_told_reporters_announce():
    d = doc("Prime Minister Shigeru Ishiba told reporters in Tokyo on Wednesday that the deal was good.")
    assert "announce" in {e.type for e in d.events}


def merged(kind, date, people, story=1, place=None, document="d"):
    from dossier.link.events import MergedEvent
    r = Report(document, 0, 1, kind, tuple(people), date, "sentence", place, story)
    return MergedEvent(f"event:{document}{date}", kind, [r])


def test_event_dates_meet_across_places_and_other_participants_but_not_other_occasions():
    from dossier.link.claims import event_claims
    a = merged("meet", "2025-11-22", ("person:a", "person:b"), place="ヨハネスブルク", document="d1")
    b = merged("meet", "2025-11-23", ("person:a", "person:b", "person:c"), place="约翰内斯堡", document="d2")
    c = merged("meet", "2026-01-31", ("person:a", "person:b"), place=None, document="d3")
    month = merged("meet", "2025-11", ("person:a", "person:b"), document="d4")
    claims = event_claims([a, b, c, month])
    assert len({x.subject for x in claims}) == 2 and len(claims) == 3
    [conflict] = find_conflicts(claims, {"d1": "d1", "d2": "d2", "d3": "d3"})
    assert {v["value"] for v in conflict.values} == {"2025-11-22", "2025-11-23"}


def test_measures_read_invest_and_loan():
    import re

    from dossier.analyse.fold import fold
    from dossier.link.claims import MEASURES
    assert re.search(MEASURES["investment"], fold("Japan will invest $550 billion"))
    assert re.search(MEASURES["loan"], fold("欧盟向乌克兰提供900亿欧元贷款"))
    assert not re.search(MEASURES["investment"], fold("investigators said"))


def test_triggers_with_full_width_punctuation_match():
    # the text is folded to half-width, so the trigger 称， must be folded the same way
    d = doc("冯德莱恩称，欧中关系正处于转折点。", published="2025-07-25")
    assert [e.type for e in d.events] == ["announce"]
    assert d.events[0].participants[0] == "person:ursula-von-der-leyen"


def test_triggers_of_two_types_may_overlap():
    d = doc("石破首相は歴史問題について、歴代内閣の立場を引き継ぐ考えを示した。", published="2025-08-24")
    assert {e.type for e in d.events} == {"announce", "commit"}


def test_date_of_the_trigger_clause_not_of_a_relative_clause():
    d = doc("TOKYO — Lee Jae-myung, who arrived in Tokyo on Saturday on his first trip to Japan, "
            "held talks with Prime Minister Shigeru Ishiba on Sunday.", published="2025-08-25")
    dates = {e.type: e.date for e in d.events}
    assert dates == {"meet": "2025-08-24", "visit": "2025-08-23"}
    # and a sentence whose only other date sits in a relative clause lends the main one
    d = doc("Lee Jae-myung, who arrived on Saturday, met Shigeru Ishiba on Sunday. The two leaders "
            "agreed to keep meeting.", published="2025-08-25")
    [agree] = [e for e in d.events if e.type == "agree"]
    assert agree.date == "2025-08-24"


def test_bodies_in_a_title_and_datelines_are_no_participants():
    d = doc("BUSAN — European Commission President Ursula von der Leyen met Chinese President "
            "Xi Jinping on Thursday.", published="2025-07-25")
    [meet] = [e for e in d.events if e.type == "meet"]
    assert set(meet.participants) == {"person:ursula-von-der-leyen", "person:xi-jinping"}


def test_pronoun_and_bare_surname_stand_for_the_person_named_before():
    d = doc("Ursula von der Leyen met Li Qiang in Beijing on Thursday. She said trade had "
            "grown.", published="2025-07-25")
    [said] = [e for e in d.events if e.type == "announce"]
    assert "person:ursula-von-der-leyen" in said.participants
    d = doc("石破茂首相は23日、韓国の李在明大統領と会談した。李大統領は「重要なパートナーだ」と述べた。",
            published="2025-08-24")
    [said] = [e for e in d.events if e.type == "announce"]
    assert said.participants[0] == "person:lee-jae-myung"


def test_trade_word_inside_a_restriction_and_press_conference_are_no_events():
    d = doc("The United States will cut the tariff on Chinese imports from 20% to 10%.",
            published="2025-10-31")
    assert [e.type for e in d.events] == ["restrict"]
    d = doc("中谷元防衛相は記者会見で開発を進めると述べた。", published="2024-12-28")
    assert "meet" not in {e.type for e in d.events}
    assert "announce" in {e.type for e in d.events}


def test_a_statement_lists_its_speaker_not_what_it_is_about():
    d = doc("Ishiba said Japan would uphold the positions of previous cabinets.", published="2025-08-25")
    [said] = [e for e in d.events if e.type == "announce"]
    assert said.participants == ("person:shigeru-ishiba",)
    d = doc("冯德莱恩指出，2024年欧盟与中国的贸易额为7310亿欧元。", published="2025-07-25")
    by_type = {e.type: set(e.participants) for e in d.events}
    assert by_type["announce"] == {"person:ursula-von-der-leyen"}
    assert {"org:eu", "country:CN"} <= by_type["trade"]  # the content keeps its actors


def test_an_event_nothing_in_the_body_dates_takes_the_headline_day():
    d = analyse(Document(id="x", path="p", published="2025-06-04", title="韓國4日大選 李在明當選總統",
                         text="李在明在韓國總統選舉中勝選。\n尹錫悅此前遭彈劾下台。"))
    elect = [e for e in d.events if e.type == "elect"]
    assert [(e.date, e.date_source) for e in elect] == [("2025-06-04", "headline"), (None, "none")]


def test_a_headline_day_never_overrides_the_bodys_own_date():
    d = analyse(Document(id="x", path="p", published="2025-06-04", title="韓國4日大選",
                         text="李在明3日在韓國總統選舉中勝選。"))
    [e] = [e for e in d.events if e.type == "elect"]
    assert (e.date, e.date_source) == ("2025-06-03", "sentence")


def test_a_report_going_on_with_the_event_its_article_dated_holds_that_day():
    from dossier.link.claims import event_claims
    from dossier.link.events import MergedEvent
    lead = Report("en", 0, 1, "meet", ("org:nato",), "2024-07-11", "sentence", None, 1)
    attended = Report("en", 10, 11, "meet", ("person:a", "person:b", "person:c"), "2024-07-11",
                      "context", None, 1)
    other = Report("zh", 0, 1, "meet", ("person:a", "person:b", "org:nato"), "2024-07-10",
                   "sentence", None, 1)
    events = [MergedEvent("e1", "meet", [lead]), MergedEvent("e2", "meet", [attended]),
              MergedEvent("e3", "meet", [other])]
    [conflict] = find_conflicts(event_claims(events), {"en": "en", "zh": "zh"})
    assert {v["value"] for v in conflict.values} == {"2024-07-11", "2024-07-10"}
    # a borrowed day for another type of event ("they agreed…") is no claim
    agreed = Report("en", 10, 11, "agree", ("person:a", "person:b"), "2024-07-11", "context", None, 1)
    agreed_zh = Report("zh", 0, 1, "agree", ("person:a", "person:b"), "2024-07-10", "sentence", None, 1)
    claims = event_claims([MergedEvent("e1", "meet", [lead]), MergedEvent("e4", "agree", [agreed]),
                                MergedEvent("e5", "agree", [agreed_zh])])
    assert {c.document for c in claims} == {"zh"}


@pytest.mark.parametrize("text,kind", [
    ("国家主席习近平检阅受阅部队。", "military"),
    ("President Xi Jinping reviewed a military parade in Beijing.", "military"),
    ("外交部宣布对美国军工企业采取反制措施。", "restrict"),
    ("President Donald Trump accused Xi Jinping of conspiring against the United States.", "criticise"),
    ("中谷元此前還視察了達爾文的美軍駐地。", "visit"),
    ("李强强调，三国应加强合作。", "announce"),
])
def test_parades_countermeasures_accusations_inspections_and_emphasis(text, kind):
    assert kind in {e.type for e in doc(text).events}


def test_a_short_range_dates_an_event_by_its_first_day():
    d = doc("二十国集团领导人峰会11月22日至23日在约翰内斯堡举行，李强出席峰会。", published="2025-11-24")
    assert {e.date for e in d.events if e.type == "meet"} == {"2025-11-22"}


def test_a_bound_or_background_date_is_not_the_events():
    d = doc("岸田首相は5月27日、ソウルで李強首相と会談した。日中韓の首脳会議は2019年12月以来となる。"
            "両首脳は経済協力の推進で一致した。", published="2024-05-28")
    [agree] = [e for e in d.events if e.type == "agree"]
    assert agree.date == "2024-05-27"
    d = doc("Donald Trump met Anthony Albanese at the White House on Monday. It was their first "
            "formal meeting since Trump returned to office in January.", published="2025-10-21")
    assert [e.date for e in d.events if e.type == "meet"] == ["2025-10-20", "2025-10-20"]
    # a date the phrase itself is about still dates a trigger inside it
    d = doc("スターマー氏が首相として来日するのは、2024年7月の就任以来初めてとなる。", published="2026-02-01")
    assert {e.type: e.date for e in d.events}.get("elect") == "2024-07"


def test_a_sentence_dated_before_the_story_lends_no_date_to_the_next():
    d = doc("Keir Starmer met Sanae Takaichi in Tokyo on 31 January. Starmer had landed in Japan "
            "on 30 January. The two leaders agreed to deepen defence ties.")
    [agree] = [e for e in d.events if e.type == "agree"]
    assert agree.date == "2026-01-31"


def test_a_statement_about_a_year_is_dated_by_the_story():
    d = doc("Ursula von der Leyen met Li Qiang in Beijing on 24 July. She said trade between the "
            "EU and China reached 730 billion euros in 2024.", published="2025-07-25")
    [said] = [e for e in d.events if e.type == "announce"]
    assert (said.date, said.date_source) == ("2025-07-24", "context")


@pytest.mark.parametrize("text", [
    "美國總統特朗普7日在白宮迎接日本首相石破茂。",
    "岩屋毅外相は22日、東京で中国の王毅外相を迎えた。",
    "President Donald Trump greeted Prime Minister Shigeru Ishiba at the White House.",
])
def test_a_host_greeting_a_guest_is_a_meeting(text):
    assert "meet" in {e.type for e in doc(text, published="2025-03-23").events}


@pytest.mark.parametrize("text", [
    "日本は戦後80年を迎えた。",
    "The plan was greeted with scepticism in Japan.",
])
def test_greeting_a_year_or_with_scepticism_is_no_meeting(text):
    assert "meet" not in {e.type for e in doc(text).events}


def test_urged_is_a_statement():
    assert "announce" in {e.type for e in doc("Wang Yi urged Japan to face history.").events}


@pytest.mark.parametrize("text", [
    "Takeshi Iwaya met Wang Yi and Cho Tae-yul in Tokyo. The ministers agreed to cooperate.",
    "岩屋毅会见了王毅和赵兑烈。三方同意加强合作。",
])
def test_the_ministers_and_the_three_sides_refer_back(text):
    [agree] = [e for e in doc(text).events if e.type == "agree"]
    assert {"person:takeshi-iwaya", "person:wang-yi"} <= set(agree.participants)


def test_a_third_party_refers_to_no_one():
    d = doc("岩屋毅会见了王毅。中方同意不针对第三方。")
    [agree] = [e for e in d.events if e.type == "agree"]
    assert "person:takeshi-iwaya" not in agree.participants


@pytest.mark.parametrize("text,place", [
    ("1月31日，斯塔默从上海直飞东京，和日本首相石破茂见了面。", None),
    ("Starmer flew in from Shanghai, where he met Xi Jinping in Beijing on Thursday.", "place:beijing"),
    ("第十一次中日韩外长会议22日在日本大阪举行。", "place:osaka"),
])
def test_the_place_of_an_event_is_in_its_clause_and_not_where_a_journey_starts(text, place):
    [meet] = [e for e in doc(text).events if e.type == "meet"]
    assert meet.place == place


def test_a_plan_takes_no_day_from_the_sentence_before():
    d = doc("石破茂首相は7日、トランプ大統領と会談した。日本は対米投資を増やす方針だ。両首脳は共同声明を発表した。",
            published="2025-02-08")
    dates = {e.type: (e.date, e.date_source) for e in d.events}
    assert dates["commit"] == (None, "none")
    assert dates["announce"] == ("2025-02-07", "context")


@pytest.mark.parametrize("text", [
    "Albanese said after the meeting that the deal would help.",
    "岩屋氏は会合後、記者団に述べた。",
    "川普在會晤中表示，協議正全速前進。",
    "The next summit will be held in Japan.",
])
def test_a_meeting_named_as_a_time_or_still_to_come_is_no_meeting(text):
    assert "meet" not in {e.type for e in doc(text).events}


@pytest.mark.parametrize("text,kind", [
    ("Xi Jinping was flanked by Vladimir Putin and Kim Jong Un.", "meet"),
    ("木原稔防衛相はダーウィンの米海兵隊の拠点を訪れた。", "visit"),
    ("Ishiba flew to Washington for a summit.", "visit"),
    ("国家主席习近平检阅部队并发表重要讲话。", "announce"),
])
def test_flanked_by_visited_flew_to_and_speeches(text, kind):
    assert kind in {e.type for e in doc(text).events}


def test_a_sentence_opening_with_they_speaks_of_the_people_named_together():
    d = doc("Marco Rubio met Takeshi Iwaya and Penny Wong. They also pledged to expand cooperation.")
    [pledge] = [e for e in d.events if e.type == "commit"]
    assert {"person:marco-rubio", "person:takeshi-iwaya", "person:penny-wong"} <= set(pledge.participants)


def test_the_same_day_is_the_day_last_named_even_before_the_lead():
    d = doc("Foreign ministers of the Group of Seven ended their talks on Friday. On Thursday, Marco "
            "Rubio held talks with Takeshi Iwaya. David Lammy joined Iwaya for a separate meeting "
            "the same day.", published="2025-03-15")
    meetings = [e for e in d.events if e.type == "meet"]
    assert meetings[-1].date == "2025-03-13"
    d = doc("岩屋毅外相は13日、ルビオ国務長官と会談した。これに先立ち、岩屋氏は12日に到着した。"
            "岩屋氏は同日、ラミー外相とも会談した。", published="2025-03-14")
    assert [e.date for e in d.events if e.type == "meet"] == ["2025-03-13", "2025-03-12"]
    # a month named in between is not the day "the same day" points back to
    d = doc("The ministers met in Washington on 1 July. Iwaya recalled the talks of April. "
            "Iwaya held separate talks with Rubio on the same day.", published="2025-07-02")
    assert [e.date for e in d.events if e.type == "meet"][-1] == "2025-07-01"


@pytest.mark.parametrize("text,language", [
    ("Modi met Ishiba in Tokyo on Friday. On Saturday, the two prime ministers visited Sendai.", "en"),
    ("岩屋毅外相と武藤容治経産相は7日、ラミー外相と会談した。4閣僚は新たな対話を設けることで合意した。", "ja"),
    ("岩屋毅和武藤容治7日与拉米举行会谈。四名部长同意建立新的对话机制。", "zh-Hans"),
])
def test_a_number_of_ministers_refers_back(text, language):
    d = analyse(Document(id="x", path="p", text=text, published="2025-08-31", language=language))
    later = [e for e in d.events if e.sentence == 1]
    assert later and any(p.startswith("person:") for p in later[0].participants)


@pytest.mark.parametrize("text", [
    "Britain's business and trade secretary, Jonathan Reynolds, sat down with Yoji Muto.",
    "Lammy sat down with Iwaya and Muto, Japan's foreign and trade ministers.",
    "英国のラミー外相とレイノルズ・ビジネス貿易相が岩屋外相と会談した。",
    "英國外交大臣拉米與商業貿易大臣巴德諾赫會晤岩屋毅。",
])
def test_a_trigger_inside_an_office_title_is_no_event(text):
    assert "trade" not in {e.type for e in doc(text).events}


def test_a_meeting_named_as_the_time_of_a_statement_is_no_meeting():
    d = doc("英方外交大臣卡梅伦在会议期间表示，七国集团应继续向俄罗斯施压。")
    assert [e.type for e in d.events] == ["announce"]


def test_a_dateline_city_places_the_meeting():
    d = doc("阿德萊德17日電——中國國務院總理李強17日與澳洲總理艾班尼斯舉行年度總理會晤。",
            published="2024-06-17")
    [e] = [e for e in d.events if e.type == "meet"]
    assert e.place == "place:adelaide"


@pytest.mark.parametrize("text", [
    "高市早苗曾在一位国会议员的办公室工作。",  # 国会议员 holds 会议
    "岸田文雄首相は参院本会議で答弁に立った。",  # 本会議 is a plenary sitting
    "李强表示，国际社会面临诸多挑战。",  # 社会面临 holds 会面
])
def test_a_trigger_read_across_a_word_boundary_is_no_meeting(text):
    assert "meet" not in {e.type for e in doc(text).events}


@pytest.mark.parametrize("text", [
    "岸田首相と尹錫悦大統領は貿易問題について協議した。",
    "中日韩三国同意重启自由贸易协定谈判。",
    "The leaders of Japan and Korea held talks on trade and energy.",
    "President Biden met Japan's chief trade negotiator in Washington.",
    "韓国国内では第三国への輸出の在り方を巡り議論が続いている。",
    "澳大利亚国内围绕向第三国出口军舰的规则仍有争论。",
])
def test_trade_named_as_a_topic_is_no_trade(text):
    assert "trade" not in {e.type for e in doc(text).events}


def test_a_flow_of_trade_stays_trade():
    assert "trade" in {e.type for e in doc("韩国去年对日出口增长了5%。").events}


@pytest.mark.parametrize("text, kind", [
    ("日本首相岸田文雄表示，这次会谈非常成功。", "meet"),
    ("韓国政府は今回の決定を歓迎した。", "commit"),
])
def test_an_event_pointed_back_to_is_not_reported_again(text, kind):
    assert kind not in {e.type for e in doc(text).events}


@pytest.mark.parametrize("text, kind", [
    ("岸田文雄表示将继续执政，不会辞职。", "elect"),
    ("岸田文雄表示將繼續執政，不會辭職。", "elect"),
    ("In Rio, Li Qiang did not meet Kishida.", "meet"),
])
def test_a_denied_event_is_no_event(text, kind):
    assert kind not in {e.type for e in doc(text).events}


@pytest.mark.parametrize("text, kind", [
    ("岸田首相は就任後初めて韓国を訪れた。", "elect"),
    ("尹锡悦在会谈开始时说，两国关系正在改善。", "meet"),
    ("Kishida said North Korea fired a missile hours before the summit in Seoul.", "meet"),
])
def test_an_event_named_as_a_time_is_no_event(text, kind):
    d = doc(text)
    assert kind not in {e.type for e in d.events} and d.events


def test_an_event_named_as_a_time_with_its_own_date_is_reported():
    d = doc("特朗普今年1月重返白宫后，首次与石破茂举行会谈。", published="2025-02-07")
    assert {"elect", "meet"} <= {e.type for e in d.events}


@pytest.mark.parametrize("text", [
    "Analysts said Japan would gain most from the new agreement with Korea.",
    "分析人士指出，日本将是这项协议的最大受益者。",
])
def test_a_statement_by_no_one_named_is_no_statement(text):
    assert "announce" not in {e.type for e in doc(text).events}


def test_a_shared_concern_is_no_criticism():
    d = doc("Marles said Japan and Australia shared a concern about coercion in the Pacific.")
    assert "criticise" not in {e.type for e in d.events}


@pytest.mark.parametrize("text, kind", [
    ("韩国总统李在明对石破茂当选表示祝贺。", "elect"),
    ("韓國總統李在明對石破茂當選表示祝賀。", "elect"),
    ("韓国政府は日本の決定を歓迎すると表明した。", "commit"),
    ("South Korea welcomed the plans and said it would work with Japan.", "commit"),
])
def test_an_event_reacted_to_is_not_reported_again(text, kind):
    d = doc(text)
    assert kind not in {e.type for e in d.events} and d.events


@pytest.mark.parametrize("text", [
    "中国の李強首相は首脳会議を欠席した。",
    "俄罗斯总统普京缺席峰会。",
    "President Putin skipped the summit in Johannesburg.",
])
def test_staying_away_from_a_meeting_is_no_meeting(text):
    assert "meet" not in {e.type for e in doc(text).events}


def test_goods_a_tariff_falls_on_are_no_trade():
    d = doc("米国は韓国からの輸入品に、従来の2倍となる20％の関税を課す。")
    assert "trade" not in {e.type for e in d.events} and "restrict" in {e.type for e in d.events}


@pytest.mark.parametrize("text", [
    "东盟外长去年通过了海洋合作行动计划。",
    "韓国は昨年、供給網に関する行動計画をまとめた。",
    "韩国表示项目将按计划推进。",
])
def test_an_action_plan_or_going_as_planned_is_no_commitment(text):
    d = doc(text)
    assert "commit" not in {e.type for e in d.events}


def test_a_country_that_says_whose_a_leader_is_is_no_participant():
    d = doc("Prime Minister Fumio Kishida of Japan met President Yoon Suk Yeol of South Korea in Seoul.")
    [e] = [e for e in d.events if e.type == "meet"]
    assert set(e.participants) == {"person:fumio-kishida", "person:yoon-suk-yeol"}
    # the ministers of two countries stand for the countries
    d = doc("The foreign ministers of Japan and China met in Tokyo on Friday.")
    assert {"country:JP", "country:CN"} <= set(d.events[0].participants)


@pytest.mark.parametrize("text", [
    "岸田文雄与尹锡悦10日在首尔举行会谈。韩国政府表示，双方同意深化合作。",
    "Fumio Kishida met Yoon Suk Yeol in Seoul on Monday. South Korea said the two leaders agreed to deepen ties.",
])
def test_the_sides_a_statement_speaks_of_are_not_its_speakers(text):
    d = doc(text, published="2025-02-11")
    [said] = [e for e in d.events if e.type == "announce"]
    [agreed] = [e for e in d.events if e.type == "agree"]
    assert said.participants == ("country:KR",)
    assert "person:fumio-kishida" in agreed.participants


@pytest.mark.parametrize("text", [
    "岸田文雄与尹锡悦就乌克兰局势交换了意见。",
    "岸田首相と尹錫悦大統領はウクライナ情勢について協議した。",
])
def test_a_country_named_as_the_scene_of_a_situation_is_no_participant(text):
    [e] = [e for e in doc(text).events if e.type == "meet"]
    assert "country:UA" not in e.participants and "person:fumio-kishida" in e.participants


@pytest.mark.parametrize("text", [
    "美国国务院批评峰会宣言没有反映美方立场。",
    "Japan and South Korea issued a joint statement on the talks.",
    "Canada said the summit declaration was too weak.",
])
def test_a_document_of_a_meeting_or_a_report_on_it_is_no_meeting(text):
    d = doc(text)
    assert "meet" not in {e.type for e in d.events} and d.events
