"""The web UI in a real browser: Debian's chromium driven by Playwright.

Screenshots go to test-artifacts/. Without /usr/bin/chromium these tests skip,
unless DOSSIER_REQUIRE_BROWSER=1 (set by CI), which turns the skip into a failure.
"""

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from dossier.pipeline import ingest
from dossier.web.app import create_app

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "articles"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not Path(CHROMIUM).exists():
    if os.environ.get("DOSSIER_REQUIRE_BROWSER"):
        raise RuntimeError(f"{CHROMIUM} is required for the browser tests")
    pytest.skip(f"{CHROMIUM} not installed", allow_module_level=True)

playwright = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    db = tmp_path_factory.mktemp("web") / "samples.db"
    ingest([SAMPLES], db)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    while not srv.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(5)


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context()
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    yield page
    context.close()


def shot(page, name):
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_overview_then_a_document(server, page):
    page.goto(server + "/")
    assert page.locator("table.docs tbody tr").count() >= 20
    shot(page, "overview")
    page.get_by_role("link", name="英国首相斯塔默访问东京 与日本首相高市早苗举行会谈", exact=True).click()
    page.wait_for_url("**/documents/*")
    assert page.locator("span.sentence").count() == 9
    shot(page, "document")


def test_search_across_scripts(server, page):
    page.goto(server + "/")
    page.get_by_role("searchbox").fill("斯塔默")
    page.get_by_role("searchbox").press("Enter")
    page.wait_for_url("**/search?q=*")
    marks = set(page.locator("mark").all_inner_texts())
    # one query in Chinese finds the Japanese, English and Hong Kong spellings, as written
    assert {"スターマー", "施紀賢"} <= marks and any("Starmer" in m for m in marks)
    shot(page, "search")


def test_hostile_article_runs_no_script(server, page):
    page.goto(server + "/search?q=phishing")
    page.locator("ol.hits a").first.click()
    page.wait_for_url("**/documents/*")
    page.wait_for_timeout(300)
    assert page.dialogs == []
    assert "<script>alert(1)</script>" in page.locator(".text").inner_text()
    assert page.locator(".text script, .text img").count() == 0
    shot(page, "hostile")


def test_story_conflict_evidence_highlighted(server, page):
    page.goto(server + "/")
    stories = [a.get_attribute("href") for a in page.locator("ul.stories a").all()]
    assert stories
    for href in stories:
        page.goto(server + href)
        if page.locator(".conflict mark").count():
            break
    else:
        raise AssertionError("no story page shows a conflict")
    marks = page.locator(".conflict mark").all_inner_texts()
    assert any("石破茂" in m for m in marks) and any("高市早苗" in m for m in marks)
    shot(page, "story-conflict")
    page.locator(".conflict a", has_text="搜狐号").first.click()
    page.wait_for_url("**/documents/*?mark=*")
    evidence = page.locator(".sentence.evidence mark")
    assert evidence.count() == 1 and "石破茂" in evidence.inner_text()
    shot(page, "evidence")
