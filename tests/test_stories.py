"""Stories: incremental clustering across languages, dates, copies and titles."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from test_copies import EN, JA, ZH, ZH_OTHER, doc, repost, stored  # noqa: E402

from dossier.link import copies, stories  # noqa: E402

COMMENTARY = """Analysis: what Starmer wanted from his Tokyo talks with Takaichi.
Starmer's meeting with Takaichi in Tokyo on 31 January came straight after his visit to China.
The critical minerals and defence cooperation the two leaders agreed on, including the GCAP fighter programme, shows how closely Britain now works with Japan.
The new strategic dialogue between Tokyo and London is the main result of the talks."""

EARTHQUAKE = """A magnitude 6.1 earthquake struck off the coast of Aceh province in Indonesia on Tuesday.
At least 20 people were killed and hundreds of buildings collapsed in Bener Meriah and Central Aceh.
Rescue teams searched through the rubble of homes and mosques as aftershocks continued.
The Indonesian disaster agency said thousands of residents had fled to shelters."""


def run(tmp_path, docs):
    store = stored(tmp_path, *docs)
    ids = [d.id for d in docs]
    copies.update(store, ids)
    stories.update(store, ids)
    return store


def story_of(found):
    return {d: s.id for s in found for d in s.documents}


def test_one_event_across_languages_and_copies(tmp_path):
    zh, ja, en = doc(ZH, "斯塔默与高市早苗会谈", "2026-02-01"), doc(JA, "日英首脳会談", "2026-02-01"), \
        doc(EN, "Starmer meets Takaichi", "2026-01-31")
    near = doc(repost(ZH), "斯塔默与高市早苗会谈", "2026-02-02")
    comment = doc(COMMENTARY, "What Starmer wanted in Tokyo", "2026-02-03")
    quake = doc(EARTHQUAKE, "Earthquake in Aceh", "2026-02-01")
    with run(tmp_path, [zh, ja, near, en, comment, quake]) as store:
        found = stories.stories(store)
        text = "\n".join(stories.report(store))
    of = story_of(found)
    assert of[zh.id] == of[ja.id] == of[near.id] == of[en.id] == of[comment.id]
    assert of[quake.id] != of[zh.id]
    summit = next(s for s in found if zh.id in s.documents)
    assert set(summit.titles) == {"zh-Hans", "ja", "en"}
    assert summit.titles["ja"] == "日英首脳会談"
    # The repost is folded under its original in the report.
    assert "↳ near_duplicate" in text


MINISTERS = """日英两国外长和防长3月15日在伦敦举行“2+2”会谈，讨论GCAP下一代战斗机项目进展。
双方同意加快联合研发进度，并就印太地区安全形势交换意见。
日本外相表示，日英防务合作已进入新阶段。
英国国防大臣说，两国将在年内举行联合演习。"""


def test_same_actors_weeks_later_is_another_story(tmp_path):
    summit = doc(ZH, "斯塔默与高市早苗会谈", "2026-01-31")
    election = doc(ZH_OTHER, "自民党赢得316席", "2026-02-16")
    ministers = doc(MINISTERS, "日英2+2会谈", "2026-03-15")
    # A repost weeks later is still a copy of the summit report, so it joins that story.
    late_repost = doc(repost(ZH), "斯塔默与高市早苗会谈", "2026-03-20")
    with run(tmp_path, [summit, election, ministers, late_repost]) as store:
        of = story_of(stories.stories(store))
    assert len({of[summit.id], of[election.id], of[ministers.id]}) == 3
    assert of[late_repost.id] == of[summit.id]


def test_incremental_documents_join_existing_stories(tmp_path):
    first, second = doc(ZH, "会谈", "2026-02-01"), doc(JA, "会談", "2026-02-01")
    store = stored(tmp_path, first, second)
    with store:
        copies.update(store, [first.id])
        assert stories.update(store, [first.id]) == 1
        copies.update(store, [second.id])
        assert stories.update(store, [second.id]) == 0  # joined, not founded
        assert stories.update(store, [second.id]) == 0  # idempotent
        assert len(stories.stories(store)) == 1


def test_empty_and_number_only_documents_get_a_story_without_crashing(tmp_path):
    from dossier.model import Document
    empty = Document(id="empty", path="empty", text="")
    numbers = doc("2026 316 465")
    with run(tmp_path, [empty, numbers]) as store:
        found = stories.stories(store)
    assert {d for s in found for d in s.documents} == {"empty", numbers.id}


BEIJING = """英国首相斯塔默1月29日在北京人民大会堂与中国国家主席习近平举行会谈。
双方同意发展长期稳定的中英关系，并就贸易、气候变化和人文交流达成多项共识。
斯塔默表示，英国希望与中国在绿色能源和金融服务领域加强合作。
这是英国首相时隔八年首次访华，随行的还有多名英国企业代表。"""

TOKYO = """英国首相斯塔默1月31日在东京首相官邸与日本首相高市早苗举行会谈。
双方同意在关键矿产和防务领域加强合作，并推进下一代战斗机项目。
斯塔默表示，英国希望与日本在贸易和人文交流领域加强合作。
这是斯塔默结束访华行程后的亚洲之行第二站，随行的还有多名英国企业代表。"""


def test_next_stop_of_a_trip_is_another_story(tmp_path):
    # Same actor, same days, same kind of event: the lead sentences place one in Beijing
    # and the other in Tokyo, so they are two stories.
    beijing, tokyo = doc(BEIJING, "斯塔默访华", "2026-01-29"), doc(TOKYO, "斯塔默访日", "2026-01-31")
    with run(tmp_path, [beijing, tokyo]) as store:
        of = story_of(stories.stories(store))
    assert of[beijing.id] != of[tokyo.id]


QUAKE_REPORTS = [
    """A strong earthquake hit Aceh province in Indonesia, killing at least 20 people in Bener Meriah.
Rescue teams in Central Aceh dug through collapsed homes and mosques.""",
    """Indonesia's disaster agency said the Aceh earthquake destroyed hundreds of buildings in Bener Meriah.
Thousands of residents of Central Aceh slept in shelters as aftershocks continued.""",
    """Aid reached Bener Meriah in Aceh, where the earthquake left thousands homeless in Indonesia.
Officials in Central Aceh said rebuilding the mosques and schools would take months.""",
]


def test_a_story_does_not_creep_past_its_date_window(tmp_path):
    # Reports nine days apart each, on one subject: each is within the window of the one
    # before, but the third would make the story span 18 days.
    days = ["2026-03-01", "2026-03-10", "2026-03-19"]
    reports = [doc(text, "Earthquake in Aceh", day) for text, day in zip(QUAKE_REPORTS, days)]
    with run(tmp_path, reports) as store:
        found = stories.stories(store)
    of = story_of(found)
    assert of[reports[0].id] == of[reports[1].id]
    assert of[reports[2].id] != of[reports[0].id]
    # Same kind of event, same place: the later story shares the earlier one's topic.
    topic = {d: s.topic for s in found for d in s.documents}
    assert topic[reports[2].id] == topic[reports[0].id]


def test_a_story_joins_another_topic_only_if_it_fits_the_whole_topic(tmp_path, monkeypatch):
    # The same three reports as above, whose third founds a story of its own: it joins the
    # earlier story's topic only while it is like that topic's centroid as well.
    days = ["2026-03-01", "2026-03-10", "2026-03-19"]
    reports = [doc(text, "Earthquake in Aceh", day) for text, day in zip(QUAKE_REPORTS, days)]
    monkeypatch.setattr(stories, "TOPIC_FIT_THRESHOLD", 1.01)
    with run(tmp_path, reports) as store:
        found = stories.stories(store)
    topic = {d: s.topic for s in found for d in s.documents}
    assert topic[reports[2].id] != topic[reports[0].id]


CHURCH_FIRE = [
    """A church in Wasilla, Alaska, burned down in a fire late on Friday night.
Firefighters fought the blaze until dawn and investigators suspect arson.""",
    """The Wasilla Bible Church, where Governor Sarah Palin worshipped, burned on Friday.
Alaska state troopers said the church arson caused a million dollars of damage to the sanctuary.""",
    """Members of the Wasilla Bible Church met in a school gym on Sunday after the church arson.
Pastor Larry Kroon told the congregation that Governor Sarah Palin had called to offer her support.""",
]
SHOP_FIRE = [
    """Fire gutted a supermarket in Banstead, Surrey, overnight.
Forty firefighters tackled the blaze and police said it was suspicious.""",
    """The Waitrose store on Banstead High Street in Surrey was gutted by Friday's fire.
Surrey Police said no shoppers or staff were hurt when the Waitrose roof collapsed.""",
    """Waitrose said its Banstead shop would stay closed for months after the fire.
Shoppers in Surrey were sent to the Waitrose branch in Epsom until the store is rebuilt.""",
]


def fire_reports():
    # Interleaved: the first report of each fire is like the other's (any two fires are),
    # the later ones name the church and the shop.
    return [doc(text, None, "2026-03-01") for pair in zip(CHURCH_FIRE, SHOP_FIRE) for text in pair]


def test_topics_are_judged_on_whole_stories_not_first_reports(tmp_path):
    reports = fire_reports()
    with run(tmp_path, reports) as store:
        found = stories.stories(store)
    of, topic = story_of(found), {d: s.topic for s in found for d in s.documents}
    church, shop = [r.id for r in reports[0::2]], [r.id for r in reports[1::2]]
    assert len({of[d] for d in church}) == 1 and len({of[d] for d in shop}) == 1
    assert of[church[0]] != of[shop[0]]
    # At one report each the two stories are alike enough to be one topic; as whole
    # stories they are not.
    assert topic[church[0]] != topic[shop[0]]


def test_a_topic_drawn_early_is_drawn_again_when_its_stories_grow(tmp_path):
    reports = fire_reports()
    store = stored(tmp_path, *reports)
    with store:
        copies.update(store, [r.id for r in reports])
        stories.update(store, [r.id for r in reports[:2]])
        early = {d: s.topic for s in stories.stories(store) for d in s.documents}
        assert early[reports[0].id] == early[reports[1].id]
        for report in reports[2:]:
            stories.update(store, [report.id])
        found = stories.stories(store)
        topics = store.db.execute("SELECT COUNT(*) FROM topics").fetchone()[0]
    topic = {d: s.topic for s in found for d in s.documents}
    assert topic[reports[0].id] != topic[reports[1].id]
    # The topic of the first story keeps its id; no topic is left without stories.
    assert topic[reports[0].id] == early[reports[0].id]
    assert topics == len({s.topic for s in found})


def test_a_topic_of_many_stories_is_not_drawn_again(tmp_path, monkeypatch):
    # With a cap of one story, the topic the two fires share after their first reports
    # has settled: it stays one topic however the stories grow, and its size follows them.
    monkeypatch.setattr(stories, "MAX_REDRAWN", 1)
    reports = fire_reports()
    store = stored(tmp_path, *reports)
    with store:
        copies.update(store, [r.id for r in reports])
        stories.update(store, [r.id for r in reports[:2]])
        for report in reports[2:]:
            stories.update(store, [report.id])
        found = stories.stories(store)
        sizes = dict(store.db.execute("SELECT id, size FROM topics"))
    topic = {d: s.topic for s in found for d in s.documents}
    assert topic[reports[0].id] == topic[reports[1].id]
    assert sizes[topic[reports[0].id]] == len(reports)
