"""Real pastes through the real engine in a real browser: the loops, the crossing, the fix, the share link."""
import pytest

from tests.browser.conftest import SCREENSHOTS, screenshot
from tests.conftest import data

SEED_CONFIG = "[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = session\n"


def diagnose(page, url, paste, files):
    page.goto(url + "/")
    while page.locator("#file-boxes .file-box").count() < len(files):
        page.click("#add-box")
    page.fill("#paste", paste)
    for index, (name, text) in enumerate(files, start=1):
        page.fill(f"#file-name-{index}", name)
        page.fill(f"#file-text-{index}", text)
    page.click("#diagnose")
    page.wait_for_url("**/d/**")


@pytest.mark.parametrize("case", ["seed", "s01"])
def test_real_paste_shows_loops_crossing_and_fix(live_server, context_factory, console, case):
    if case == "seed":
        paste, files = data("seed_report.txt"), [("", SEED_CONFIG)]
    else:
        paste = data("s01-0.24.0-output-rA.txt")
        files = [("pytest.ini", data("s01-0.24.0-pytest.ini")), ("tests/conftest.py", data("s01-0.24.0-conftest.py"))]
    context = context_factory(permissions=["clipboard-read", "clipboard-write"])
    page = console.watch(context.new_page())
    diagnose(page, live_server.url, paste, files)
    share_url = page.url
    delete_url = page.locator("#delete-once .delete-link").get_attribute("href")

    assert page.locator(".verdict h1").text_content() == "Event-loop mismatch"
    assert page.locator("svg.timeline [data-loop]").count() >= 2
    assert page.locator("svg.timeline [data-crossing]").count() >= 1
    fix = page.locator("#recommended-fix")
    assert fix.count() == 1
    raw = fix.locator("textarea.raw-diff").input_value()
    assert "asyncio_default_fixture_loop_scope" in raw or "loop_scope" in raw
    fix.locator("[data-copy]").click()
    page.wait_for_function("document.querySelector('#recommended-fix [data-copy]').dataset.copied === 'true'")
    assert page.evaluate("navigator.clipboard.readText()") == raw

    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        screenshot(page, f"diagnosis-{case}-{scheme}")

    # The patch download serves exactly the diff that was copied.
    patch = page.request.get(live_server.url + fix.locator("a[download]").get_attribute("href"))
    assert patch.status == 200 and patch.headers["content-type"].startswith("text/x-diff")
    assert patch.text() == raw

    # A fresh browser sees the same diagnosis.
    other = console.watch(context_factory().new_page())
    other.goto(share_url)
    assert other.locator(".verdict .lead").text_content() == page.locator(".verdict .lead").text_content()
    assert other.locator("[data-loop]").count() == page.locator("[data-loop]").count()
    assert other.locator("#recommended-fix textarea.raw-diff").input_value() == raw

    # Deleted: gone for everyone.
    page.goto(delete_url)
    page.click("button.button--danger")
    assert other.goto(share_url).status == 410
    assert [e for e in console.errors if "status of 410" not in e] == []


def test_readme_screenshot(live_server, context_factory, console):
    """The verdict, the loops and the fix of a real run in one picture (docs/screenshot-diagnosis.png is a copy)."""
    page = console.watch(context_factory(viewport={"width": 1200, "height": 900}).new_page())
    diagnose(page, live_server.url, data("s01-0.24.0-output-rA.txt"),
             [("pytest.ini", data("s01-0.24.0-pytest.ini")), ("tests/conftest.py", data("s01-0.24.0-conftest.py"))])
    page.emulate_media(color_scheme="light")
    bottom = page.evaluate("(() => { const r = document.querySelector('#recommended-fix').getBoundingClientRect();"
                           " return r.bottom + window.scrollY + 16; })()")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "readme-diagnosis.png"), full_page=True,
                    clip={"x": 0, "y": 0, "width": 1200, "height": bottom})
    assert console.errors == []
