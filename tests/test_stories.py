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
