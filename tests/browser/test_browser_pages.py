"""The pages in a real browser with a fixed diagnosis: script, copy, share, delete, keyboard, phone width, CSP.

These pin the page mechanics whatever the engine finds; test_browser_diagnosis.py runs the real engine.
"""
import pytest

import analyzer
from tests.browser.conftest import screenshot
from tests.conftest import FakeEngine, data


@pytest.fixture
def fixed(monkeypatch):
    engine = FakeEngine()
    monkeypatch.setattr(analyzer, "diagnose", engine)
    return engine


def open_page(context_factory, console, url, **options):
    page = console.watch(context_factory(**options).new_page())
    page.goto(url)
    return page


def diagnose_from_form(page):
    page.fill("#paste", data("s01-0.24.0-output-rA.txt"))
    page.fill("#file-name-1", "pytest.ini")
    page.fill("#file-text-1", data("s01-0.24.0-pytest.ini"))
    page.click("#diagnose")
    page.wait_for_url("**/d/**")


def test_paste_diagnose_copy_share_delete(live_server, context_factory, console, fixed):
    context = context_factory(permissions=["clipboard-read", "clipboard-write"])
    page = console.watch(context.new_page())
    page.goto(live_server.url + "/")
    assert page.locator("#paste").evaluate("el => el === document.activeElement")

    # Another file box, added by the script without a round trip.
    boxes = page.locator(".file-box").count()
    page.click("#add-box")
    assert page.locator("#file-boxes .file-box").count() == boxes + 1
    assert page.evaluate("document.activeElement.name") == "file_name"

    # Live diagnosis while typing, through the JSON API.
    page.fill("#paste", data("s01-0.24.0-output-rA.txt"))
    page.locator("#live-verdict").wait_for(state="visible")
    assert page.locator("#live-verdict").text_content() == "Event-loop mismatch"

    page.fill("#file-text-1", data("s01-0.24.0-pytest.ini"))
    page.locator("#paste").press("Control+Enter")
    page.wait_for_url("**/d/**")
    share_url = page.url
    delete_url = page.locator("#delete-once .delete-link").get_attribute("href")

    assert page.locator("svg.timeline [data-loop]").count() >= 2
    assert page.locator("svg.timeline [data-crossing]").count() >= 1
    assert page.locator("#recommended-fix").count() == 1

    # Copy the recommended diff.
    raw = page.locator("#recommended-fix textarea.raw-diff").input_value()
    assert raw.startswith("diff --git")
    button = page.locator("#recommended-fix [data-copy]")
    assert button.is_visible()
    button.click()
    page.wait_for_function("document.querySelector('#recommended-fix [data-copy]').dataset.copied === 'true'")
    assert page.evaluate("navigator.clipboard.readText()") == raw

    # Evidence links jump to highlighted lines.
    link = page.locator(".evidence a").first
    target = link.get_attribute("href")
    link.click()
    assert page.evaluate("location.hash") == target
    assert "line--marked" in page.locator(target).get_attribute("class")

    # Someone else opens the link: the same diagnosis, no delete link.
    other = open_page(context_factory, console, share_url)
    assert other.locator("h1").text_content() == page.locator("h1").text_content()
    assert other.locator("#delete-once").count() == 0
    assert other.locator("[data-loop]").count() == page.locator("[data-loop]").count()

    # The creator deletes it; the link is gone for everyone.
    page.goto(share_url)
    assert page.locator("#delete-once").count() == 0          # shown once only
    page.goto(delete_url)
    page.click("button.button--danger")
    assert page.locator("h1").text_content() == "Deleted"
    response = other.goto(share_url)
    assert response.status == 410
    assert "Gone" in other.locator("h1").text_content()

    assert [e for e in console.errors if "status of 410" not in e] == []


def test_works_without_javascript(live_server, context_factory, console, fixed):
    page = open_page(context_factory, console, live_server.url + "/", java_script_enabled=False)
    page.fill("#paste", data("s01-0.24.0-output-rA.txt"))
    page.click("#add-box")                                   # a server round trip keeps the text
    assert page.locator("textarea[name=file_text]").count() == 3
    assert page.locator("#paste").input_value().startswith("=====")
    page.fill("#file-text-1", data("s01-0.24.0-pytest.ini"))
    page.click("#diagnose")
    page.wait_for_url("**/d/**")
    assert page.locator("[data-loop]").count() >= 2
    assert not page.locator("#recommended-fix [data-copy]").is_visible()      # needs the script
    assert page.locator("#recommended-fix a[download]").is_visible()
    assert console.errors == []


def test_keyboard_reaches_everything_with_visible_focus(live_server, context_factory, console, fixed):
    page = open_page(context_factory, console, live_server.url + "/kb")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"

    page.goto(live_server.url + "/")          # focus starts in the paste box
    seen = set()
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            break      # past the last control
        seen.add(page.evaluate("document.activeElement.id || document.activeElement.name || ''"))
        assert page.evaluate("document.activeElement.matches(':focus-visible')"), seen
    assert {"file-name-1", "file-text-1", "add-box", "version", "expires", "diagnose"} <= seen
    assert console.errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_and_phone_width(live_server, context_factory, console, fixed, scheme):
    page = open_page(context_factory, console, live_server.url + "/", color_scheme=scheme)
    page.emulate_media(color_scheme=scheme)
    screenshot(page, f"paste-{scheme}")
    diagnose_from_form(page)
    page.emulate_media(color_scheme=scheme)
    screenshot(page, f"diagnosis-fixed-{scheme}")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert (background == "rgb(14, 17, 21)") == (scheme == "dark")

    phone = open_page(context_factory, console, live_server.url + "/", viewport={"width": 390, "height": 844},
                      color_scheme=scheme)
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    phone.goto(page.url)
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(phone, f"diagnosis-phone-{scheme}")
    assert console.errors == []


def test_other_pages_have_no_console_errors(live_server, context_factory, console, fixed):
    page = open_page(context_factory, console, live_server.url + "/kb")
    page.locator(".kb-list a").first.click()
    assert page.locator("#what").count() == 1
    page.goto(live_server.url + "/api/v1/openapi.json")
    page.goto(live_server.url + "/no/such/page")
    assert "Not found" in page.locator("h1").text_content()
    assert [e for e in console.errors if "status of 404" not in e] == []
