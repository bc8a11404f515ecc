"""A real browser (Debian's Chromium through chromedriver and Selenium), headless at phone size,
against the room on 127.0.0.1: open the join URL, fill the form by its labels, submit, see the
confirmation; the entry is in the store and on the Capture list. Then the same with JavaScript
switched off (the page needs none)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.wait import WebDriverWait

from hexikit.records.domain import CONSENT_WORDING_V1
from hexikit.room.entries import is_from_phone
from hexikit.store.models import Participant
from hexikit.ui.capture.page import CapturePage
from hexikit.ui.context import AppContext
from hexikit.ui.room.controller import shared_room
from hexikit.ui.room.scene import JoinScene
from hexikit.ui.stage import Scene

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None,
    reason="needs Debian's chromium and chromium-driver (scripts/setup.sh installs them)",
)
PHONE_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/156.0 Mobile Safari/537.36"
)


def _browser(tmp_path: Path, javascript: bool) -> WebDriver:
    options = webdriver.ChromeOptions()
    assert CHROMIUM is not None and DRIVER is not None
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        "--window-size=390,844",
    ):
        options.add_argument(argument)
    # Phone size by the window (chromedriver's mobileEmulation hangs clicks when JavaScript
    # is off), with a phone's user agent.
    options.add_argument(f"--user-agent={PHONE_AGENT}")
    if not javascript:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2}
        )
    return webdriver.Chrome(service=Service(DRIVER), options=options)


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def browser(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[WebDriver, bool]]:
    driver = _browser(tmp_path, javascript=bool(request.param))
    try:
        yield driver, bool(request.param)
    finally:
        driver.quit()


def _field(driver: WebDriver, label_text: str) -> object:
    """The input a visible label names (by its `for`), as a person finds it."""
    label = driver.find_element(By.XPATH, f"//label[normalize-space()={label_text!r}]")
    return driver.find_element(By.ID, label.get_attribute("for") or "")


def _choose(driver: WebDriver, chip_text: str) -> None:
    driver.find_element(
        By.XPATH, f"//label[contains(@class,'chip')][normalize-space()={chip_text!r}]"
    ).click()


def _shot(driver: WebDriver, tmp_path: Path, name: str) -> None:
    folder = Path(os.environ.get("HEXIKIT_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(folder / f"{name}.png"))


def test_a_phone_adds_an_offer_in_a_real_browser(
    qtbot: QtBot,
    context: AppContext,
    page: CapturePage,
    browser: tuple[WebDriver, bool],
    tmp_path: Path,
) -> None:
    driver, javascript = browser
    # JavaScript really is on or off in this browser (a page that would change its text).
    driver.get(
        "data:text/html,<p id=x>off</p><script>document.getElementById('x').textContent='on'</script>"
    )
    assert driver.find_element(By.ID, "x").text == ("on" if javascript else "off")

    room = shared_room(context)
    assert room.start("127.0.0.1")
    assert context.audience.current_scene == Scene.ROOM
    driver.get(room.url)
    suffix = "js" if javascript else "nojs"
    _shot(driver, tmp_path, f"room-phone-empty-{suffix}")
    assert "Hexithon Cardiff" in driver.find_element(By.TAG_NAME, "h1").text
    _choose(driver, "Offer")
    _field(driver, "What you can offer, or what you need").send_keys("Teach run charts")  # type: ignore[attr-defined]
    _field(driver, "More detail (optional)").send_keys("An hour on a video call")  # type: ignore[attr-defined]
    _choose(driver, "Statistical analysis")
    _choose(driver, "Wales")
    _field(driver, "Your name").send_keys("Siân Jones")  # type: ignore[attr-defined]
    driver.find_element(By.ID, "consent").click()
    driver.find_element(By.XPATH, "//button[normalize-space()='Add']").click()
    # With JavaScript the page posts in the background: wait for its answer to appear.
    WebDriverWait(driver, 15).until(
        lambda d: (
            "Added, thank you"
            in " ".join(
                element.text for element in d.find_elements(By.CSS_SELECTOR, "[role=status]")
            )
        )
    )
    confirmation = driver.find_element(By.CSS_SELECTOR, "[role=status]").text
    assert "Added, thank you" in confirmation and "Teach run charts" in confirmation
    _shot(driver, tmp_path, f"room-phone-added-{suffix}")
    # The name and consent are kept for the next entry on this phone.
    assert _field(driver, "Your name").get_attribute("value") == "Siân Jones"  # type: ignore[attr-defined]

    # In the store, from a phone, with the app's consent wording.
    activities = context.store.list_activities(context.current_event_id)
    assert [a.title for a in activities] == ["Teach run charts"]
    activity = activities[0]
    assert activity.categories == ["Statistical analysis"] and activity.regions == ["Wales"]
    assert is_from_phone(context.store, activity.id)
    person = context.store.get(Participant, activity.participant_id or "")
    assert person is not None and person.consent_wording == CONSENT_WORDING_V1
    # On the Capture list and in its counts, without anyone pressing anything.
    qtbot.waitUntil(lambda: page.entries.model.rowCount() == 1, timeout=10000)
    assert page.entries.model.row_at(0).title == "Teach run charts"
    assert page.entries.model.row_at(0).participant_name == "Siân Jones"
    # On the projector: the count and the newest title, named (she consented).
    scene = context.audience.scene(Scene.ROOM)
    assert isinstance(scene, JoinScene)
    qtbot.waitUntil(lambda: scene.summary is not None and scene.summary.offers == 1)
    assert scene.newest_lines() == ["Offer: Teach run charts — Siân Jones"]
    folder = Path(os.environ.get("HEXIKIT_SHOTS") or tmp_path)
    scene.resize(1280, 720)
    shot = folder / f"room-join-scene-{suffix}.png"
    assert scene.grab().save(str(shot))
    zbarimg = shutil.which("zbarimg")
    if zbarimg is not None:  # the code on the projector scans to the join URL
        decoded = subprocess.run(
            [zbarimg, "--quiet", "--raw", str(shot)], capture_output=True, text=True, timeout=60
        )
        assert decoded.stdout.strip() == room.url
    assert page.grab().save(str(folder / f"room-capture-list-{suffix}.png"))
