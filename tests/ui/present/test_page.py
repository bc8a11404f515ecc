"""The presenter view and its keys (pytest-qt; time moves only with a FakeClock)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from hexikit.base.clock import FakeClock
from hexikit.base.durations import format_duration
from hexikit.base.resources import builtin_deck_dir
from hexikit.base.settings import Settings
from hexikit.decks.deck import Deck
from hexikit.store import Store
from hexikit.ui.context import AppContext
from hexikit.ui.main_window import MainWindow
from hexikit.ui.present.page import PresentPage
from hexikit.ui.present.slide_view import SlidesScene
from hexikit.ui.present.state import Presentation
from hexikit.ui.screens import ScreenPlacer
from hexikit.ui.stage import AudienceWindow, Scene
from hexikit.ui.worker import Worker
from tests.ui.audience import shown_scene


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(1000.0)


@pytest.fixture
def context(qtbot: QtBot, data_dir: Path, clock: FakeClock) -> Iterator[AppContext]:
    store = Store.open(data_dir)
    worker = Worker()
    audience = AudienceWindow()
    qtbot.addWidget(audience)
    ctx = AppContext(data_dir, store, Settings(), worker, audience, clock)
    yield ctx
    worker.wait_for_done(10000)
    store.close()


@pytest.fixture
def page(qtbot: QtBot, context: AppContext) -> PresentPage:
    widget = PresentPage(context)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitUntil(lambda: widget.presentation.count == 10, timeout=10000)
    return widget


def press(
    qtbot: QtBot,
    widget: QWidget,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    text: str = "",
) -> None:
    QTest.keyClick(widget, key, modifier)


def is_presenting(presentation: Presentation) -> bool:
    """`presentation.presenting`, read afresh: mypy keeps an attribute narrowed by an earlier
    assert even across the key presses that change it."""
    return presentation.presenting


def projector_in_use(screens: ScreenPlacer) -> bool:
    """`screens.active`, read afresh (see `is_presenting`)."""
    return screens.active


def test_next_and_previous_keys(qtbot: QtBot, page: PresentPage) -> None:
    p = page.presentation
    for number, key in enumerate(
        [
            Qt.Key.Key_Right,
            Qt.Key.Key_Down,
            Qt.Key.Key_PageDown,
            Qt.Key.Key_Space,
            Qt.Key.Key_Return,
            Qt.Key.Key_N,
        ],
        start=2,
    ):
        press(qtbot, page, key)
        assert p.current == number, key
    for number, key in enumerate(
        [Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace, Qt.Key.Key_P],
        start=1,
    ):
        press(qtbot, page, key)
        assert p.current == 7 - number, key
    press(qtbot, page, Qt.Key.Key_End)
    assert p.current == 10
    press(qtbot, page, Qt.Key.Key_Right)
    assert p.current == 10  # stays on the last slide
    press(qtbot, page, Qt.Key.Key_Home)
    assert p.current == 1
    press(qtbot, page, Qt.Key.Key_Left)
    assert p.current == 1


def test_number_then_enter_jumps(qtbot: QtBot, page: PresentPage) -> None:
    QTest.keyClicks(page, "7")
    assert page.presentation.current == 1
    assert "go to slide 7" in page.position_label.text()
    press(qtbot, page, Qt.Key.Key_Return)
    assert page.presentation.current == 7
    QTest.keyClicks(page, "99")
    press(qtbot, page, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert page.presentation.current == 10  # clamped to the deck
    QTest.keyClicks(page, "3")
    press(qtbot, page, Qt.Key.Key_Escape)  # Esc clears the number first
    assert page.presentation.current == 10
    assert "slide 10 / 10" in page.position_label.text()


def test_black_and_white_screens(qtbot: QtBot, page: PresentPage, context: AppContext) -> None:
    audience = context.audience
    press(qtbot, page, Qt.Key.Key_F5)
    assert shown_scene(audience) == Scene.SLIDES
    press(qtbot, page, Qt.Key.Key_B)
    assert shown_scene(audience) == Scene.BLACK
    press(qtbot, page, Qt.Key.Key_B)
    assert shown_scene(audience) == Scene.SLIDES
    press(qtbot, page, Qt.Key.Key_Period)
    assert shown_scene(audience) == Scene.BLACK
    press(qtbot, page, Qt.Key.Key_W)
    assert shown_scene(audience) == Scene.WHITE
    press(qtbot, page, Qt.Key.Key_Comma)
    assert shown_scene(audience) == Scene.SLIDES
    press(qtbot, page, Qt.Key.Key_W)
    # Next from a white screen shows the slide again without moving on.
    press(qtbot, page, Qt.Key.Key_Right)
    assert shown_scene(audience) == Scene.SLIDES
    assert page.presentation.current == 1
    assert "Audience sees" not in page.status_label.text()


def test_f5_shift_f5_and_escape(qtbot: QtBot, page: PresentPage, context: AppContext) -> None:
    p = page.presentation
    p.go_to(4)
    press(qtbot, page, Qt.Key.Key_F5)
    assert p.presenting and p.current == 1
    assert context.audience.isVisible()
    assert shown_scene(context.audience) == Scene.SLIDES
    p.go_to(3)
    press(qtbot, page, Qt.Key.Key_Escape)
    assert not is_presenting(p)
    assert not context.audience.isVisible()
    assert page.isVisible()  # Esc never quits
    press(qtbot, page, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    assert p.presenting and p.current == 3
    assert context.audience.isVisible()


def test_keys_from_the_audience_window(
    qtbot: QtBot, page: PresentPage, context: AppContext
) -> None:
    press(qtbot, page, Qt.Key.Key_F5)
    press(qtbot, context.audience, Qt.Key.Key_Right)
    press(qtbot, context.audience, Qt.Key.Key_Space)
    assert page.presentation.current == 3
    press(qtbot, context.audience, Qt.Key.Key_B)
    assert shown_scene(context.audience) == Scene.BLACK


def test_stray_keys_change_nothing(qtbot: QtBot, page: PresentPage, context: AppContext) -> None:
    page.presentation.go_to(5)
    before = (
        page.presentation.current,
        page.presentation.blank,
        page.presentation.presenting,
        context.settings.notes_font_pt,
        shown_scene(context.audience),
    )
    for key in (
        Qt.Key.Key_X,
        Qt.Key.Key_Q,
        Qt.Key.Key_A,
        Qt.Key.Key_F2,
        Qt.Key.Key_Delete,
        Qt.Key.Key_Insert,
    ):
        press(qtbot, page, key)
    press(qtbot, page, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    press(qtbot, page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    after = (
        page.presentation.current,
        page.presentation.blank,
        page.presentation.presenting,
        context.settings.notes_font_pt,
        shown_scene(context.audience),
    )
    assert after == before
    assert not page.grid.isVisible() and not page.help_overlay.isVisible()


def test_overview_grid(qtbot: QtBot, page: PresentPage) -> None:
    press(qtbot, page, Qt.Key.Key_G)
    assert page.grid.isVisible()
    press(qtbot, page, Qt.Key.Key_Right)
    press(qtbot, page, Qt.Key.Key_Down)  # 1 -> 2 -> 7 (five columns)
    assert page.presentation.current == 1  # arrows move the selection, not the show
    press(qtbot, page, Qt.Key.Key_Return)
    assert not page.grid.isVisible()
    assert page.presentation.current == 7
    press(qtbot, page, Qt.Key.Key_G)
    assert page.grid.isVisible()
    press(qtbot, page, Qt.Key.Key_G)
    assert not page.grid.isVisible()
    assert page.presentation.current == 7


def test_help_overlay_lists_every_key_including_added_ones(
    qtbot: QtBot, page: PresentPage, context: AppContext
) -> None:
    calls: list[str] = []
    scene = context.audience.scene(Scene.SLIDES)
    assert isinstance(scene, SlidesScene)
    scene.add_key(Qt.Key.Key_T, lambda: calls.append("t"), "Switch slides and timer")
    press(qtbot, page, Qt.Key.Key_F1)
    assert page.help_overlay.isVisible()
    rows = dict(page.help_overlay.lines())
    descriptions = " | ".join(rows.values())
    for expected in (
        "Next slide",
        "Previous slide",
        "Black screen",
        "White screen",
        "End the show",
        "Overview",
        "Switch slides and timer",
        "Go to that slide",
    ):
        assert expected in descriptions
    assert any("Shift+F5" in keys for keys in rows)
    press(qtbot, page, Qt.Key.Key_T)  # any key closes the help, and does nothing else
    assert not page.help_overlay.isVisible()
    assert calls == []
    press(qtbot, page, Qt.Key.Key_T)
    assert calls == ["t"]
    press(qtbot, page, Qt.Key.Key_Question, Qt.KeyboardModifier.ShiftModifier)
    assert page.help_overlay.isVisible()


def test_notes_size_is_remembered(
    qtbot: QtBot, page: PresentPage, context: AppContext, data_dir: Path
) -> None:
    start = context.settings.notes_font_pt
    press(qtbot, page, Qt.Key.Key_Plus, Qt.KeyboardModifier.ShiftModifier)
    press(qtbot, page, Qt.Key.Key_Plus, Qt.KeyboardModifier.ShiftModifier)
    assert context.settings.notes_font_pt == start + 4
    assert Settings.load(data_dir).notes_font_pt == start + 4
    assert page.notes.font().pointSize() == start + 4
    press(qtbot, page, Qt.Key.Key_Minus)
    assert Settings.load(data_dir).notes_font_pt == start + 2


def test_notes_follow_the_slide(qtbot: QtBot, page: PresentPage) -> None:
    assert "Welcome, everyone" in page.notes.toPlainText()
    press(qtbot, page, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: "So what is timebanking?" in page.notes.toPlainText())
    assert page.position_label.text() == "slide 2 / 10"


def test_clock_countdown_and_pause(qtbot: QtBot, page: PresentPage, clock: FakeClock) -> None:
    page._tick()
    assert page.pause_button.text() == "Start clock"  # never "Resume" before it ever ran
    press(qtbot, page, Qt.Key.Key_F5)
    clock.advance(65)
    page._tick()
    assert page.elapsed_label.text() == "1:05"
    assert page.countdown_label.text() == "3:55 left"
    page.pause_button.click()
    clock.advance(100)
    press(qtbot, page, Qt.Key.Key_Right)
    press(qtbot, page, Qt.Key.Key_Right)
    page._tick()
    assert page.elapsed_label.text() == "1:05"  # the pause survived two slide changes
    assert "Clock paused" in page.status_label.text()
    assert page.pause_button.text() == "Resume clock"
    page.pause_button.click()
    clock.advance(300)
    page._tick()
    assert page.elapsed_label.text() == "6:05"
    assert page.countdown_label.text() == "+1:05 over"
    assert "#c0001a" in page.countdown_label.styleSheet()
    assert page.time_of_day_label.text()
    assert format_duration(3725) == "1:02:05"


def test_prerendered_images_cover_neighbours(
    qtbot: QtBot, page: PresentPage, context: AppContext
) -> None:
    press(qtbot, page, Qt.Key.Key_F5)
    press(qtbot, page, Qt.Key.Key_Right)
    cache = page.presentation.cache
    sizes = [
        page.current_view.device_size(),
        page.next_view.device_size(),
        page.scene.device_size(),
    ]
    qtbot.waitUntil(
        lambda: all(cache.image(n, s) is not None for n in (1, 2, 3) for s in sizes), timeout=20000
    )
    image = cache.image(2, sizes[0])
    assert image is not None and not image.isNull()
    assert image.size() == sizes[0]
    # The current view paints the cached image: its grab is not all black.
    grabbed = page.current_view.grab().toImage()
    centre = grabbed.pixelColor(grabbed.width() // 2, grabbed.height() // 2)
    assert centre != QColor("#000000")


def test_bad_deck_opens_with_problems(
    qtbot: QtBot, page: PresentPage, tmp_path: Path, context: AppContext
) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "deck.md").write_bytes(b"# Caf\xe9\r\n![x](missing.png)\r\n---\r\n## Two\r\n")
    with qtbot.waitSignal(page.deckLoaded, timeout=10000):
        page.open_deck(bad)
    assert page.presentation.count == 2
    texts = [page.problems.item(i).text() for i in range(page.problems.count())]
    assert any("line 2" in t and "missing.png" in t for t in texts)
    assert any("UTF-8" in t for t in texts)
    assert page.problems.isVisibleTo(page)
    assert context.settings.last_deck_path == str(bad / "deck.md")
    empty = tmp_path / "empty.md"
    empty.write_text("", encoding="utf-8")
    with qtbot.waitSignal(page.deckLoaded, timeout=10000):
        page.open_deck(empty)
    assert page.presentation.count == 0
    press(qtbot, page, Qt.Key.Key_Right)
    press(qtbot, page, Qt.Key.Key_F5)  # nothing to show: no crash, no show
    assert not page.presentation.presenting
    page.builtin_button.click()
    qtbot.waitUntil(lambda: page.presentation.count == 10, timeout=10000)
    assert page.presentation.deck is not None
    assert page.presentation.deck.source_path == builtin_deck_dir() / "deck.md"


def test_slides_scene_api(qtbot: QtBot, page: PresentPage, context: AppContext) -> None:
    scene = context.audience.scene(Scene.SLIDES)
    assert isinstance(scene, SlidesScene)
    with qtbot.waitSignal(scene.slideChanged) as blocker:
        scene.show_slide(6)
    assert blocker.args == [6]
    assert scene.current_slide() == 6
    scene.start_presenting(4)
    assert page.presentation.presenting
    assert scene.current_slide() == 4
    assert context.audience.isVisible() and shown_scene(context.audience) == Scene.SLIDES
    assert scene.device_size().width() / scene.device_size().height() == pytest.approx(
        16 / 9, rel=0.01
    )
    assert page.presentation.cache.request is not None
    assert QSize(16, 9).isValid()


@dataclass
class GuiRun:
    """One `run_gui` call that `hexikit present` made: its arguments and the window."""

    window: MainWindow
    ask_for_event: bool
    first_page: str | None
    content_first: bool
    on_ready: Callable[[MainWindow], None] | None


@pytest.fixture
def gui_runs(qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch) -> list[GuiRun]:
    """`run_gui` replaced: a main window on the test's context, its pages handed to `on_pages`
    at once, as the app does before the store opens."""
    from hexikit.ui import app as app_module

    runs: list[GuiRun] = []

    def fake_run_gui(
        data_dir: str | None = None,
        on_ready: Callable[[MainWindow], None] | None = None,
        ask_for_event: bool = True,
        on_pages: Callable[[MainWindow], None] | None = None,
        first_page: str | None = None,
        content_first: bool = False,
        held_lanes: object = (),
    ) -> int:
        # As `Application.start`: started into presenting, the page leaves the deck to the
        # command (it would read the last deck first).
        context.presenting_on_start = first_page == "PresentPage"
        window = MainWindow(context)
        qtbot.addWidget(window)
        window.show()
        runs.append(GuiRun(window, ask_for_event, first_page, content_first, on_ready))
        assert on_pages is not None
        on_pages(window)
        return 0

    monkeypatch.setattr(app_module, "run_gui", fake_run_gui)
    return runs


def test_present_command_opens_straight_into_presenting(
    qtbot: QtBot, context: AppContext, gui_runs: list[GuiRun], tmp_path: Path
) -> None:
    from hexikit.cli import main
    from hexikit.ui.present.page import present_page

    deck = tmp_path / "talk"
    deck.mkdir()
    (deck / "deck.md").write_text("# Talk\nNotes: hi\n---\n## Two\nNotes: two\n", encoding="utf-8")
    assert main(["present", str(deck)]) == 0
    [run] = gui_runs
    # Built and painted before the other pages, and before the store opens.
    assert run.first_page == "PresentPage" and run.content_first
    # The deck opens as soon as the pages are built: slide 1 needs no data.
    assert run.on_ready is None
    page = present_page(run.window)
    assert page is not None
    qtbot.waitUntil(lambda: page.presentation.presenting, timeout=10000)
    assert page.presentation.deck is not None and page.presentation.deck.title == "talk"
    assert page.presentation.current == 1
    assert context.audience.isVisible()
    assert [r.ask_for_event for r in gui_runs] == [False], (
        "no event dialog may cover the first slide"
    )
    assert main(["present", str(tmp_path / "missing")]) == 1


@pytest.fixture
def talk_pdf(tmp_path: Path) -> Path:
    """A two-page PDF with its pdfpc notes file beside it."""
    from tests.core.decks.samples import make_pdf, make_pdfpc

    make_pdfpc(tmp_path / "talk.pdfpc", ["Say hello.", "Say thanks."])
    return make_pdf(tmp_path / "talk.pdf", ["Welcome", "Thanks"])


def test_present_command_opens_a_pdf_presented_before_without_reading_it_again(
    qtbot: QtBot,
    gui_runs: list[GuiRun],
    data_dir: Path,
    talk_pdf: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from hexikit.cli import main
    from hexikit.decks import kept
    from hexikit.decks import pdf as pdf_module
    from hexikit.ui.present.page import present_page

    pdf = talk_pdf
    command = ["--data-dir", str(data_dir), "present", str(pdf)]
    assert main(command) == 0
    first = present_page(gui_runs[0].window)
    assert first is not None
    qtbot.waitUntil(lambda: first.presentation.presenting, timeout=10000)
    # Kept once slide 1 is on screen, as read (the overflow measure is not part of it).
    entries = data_dir / kept.KEPT_FOLDER
    qtbot.waitUntil(lambda: any(entries.glob("*.json")), timeout=10000)
    read = first.presentation.deck
    assert read is not None and read.pdf_path == pdf
    gui_runs[0].window.close()

    # The next launch: the deck as kept, and the PDF not read (pypdf is ~160 ms).
    reads: list[Path] = []
    real_read_pdf = pdf_module.read_pdf

    def counted(path: Path, want_titles: bool = True) -> pdf_module.PdfContent:
        reads.append(path)
        return real_read_pdf(path, want_titles)

    monkeypatch.setattr(pdf_module, "read_pdf", counted)
    assert main(command) == 0
    second = present_page(gui_runs[1].window)
    assert second is not None
    qtbot.waitUntil(lambda: second.presentation.presenting, timeout=10000)
    shown = second.presentation.deck
    assert reads == []
    assert shown is not None and shown is not read
    assert [s.notes for s in shown.slides] == ["Say hello.", "Say thanks."]
    assert (shown.title, shown.pdf_path, shown.content_hash) == (
        read.title,
        read.pdf_path,
        read.content_hash,
    )


def test_present_command_reads_a_library_deck_before_the_window_opens(
    qtbot: QtBot,
    gui_runs: list[GuiRun],
    data_dir: Path,
    talk_pdf: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from hexikit.cli import main
    from hexikit.decks.library import import_deck
    from hexikit.ui.present.page import present_page

    deck_dir = import_deck(talk_pdf, tmp_path / "library").deck_dir
    handed: list[Deck | None] = []
    real_open_deck = PresentPage.open_deck

    def recorded(page: PresentPage, path: Path, *args: Any, **kwargs: Any) -> None:
        handed.append(kwargs.get("read"))
        real_open_deck(page, path, *args, **kwargs)

    monkeypatch.setattr(PresentPage, "open_deck", recorded)
    assert main(["--data-dir", str(data_dir), "present", str(deck_dir)]) == 0
    page = present_page(gui_runs[0].window)
    assert page is not None
    qtbot.waitUntil(lambda: page.presentation.presenting, timeout=10000)
    # Read with the command (no PDF reader: the library keeps the titles and notes), so the
    # page shows it without a trip to the io lane.
    [read] = handed
    assert read is not None and read.pdf_path == deck_dir / "deck.pdf"
    shown = page.presentation.deck
    assert shown is not None and [s.notes for s in shown.slides] == ["Say hello.", "Say thanks."]


def test_present_command_opens_the_builtin_deck_in_the_language_of_the_setting(
    qtbot: QtBot, gui_runs: list[GuiRun], data_dir: Path
) -> None:
    from hexikit.base import i18n
    from hexikit.cli import main
    from hexikit.ui.present.page import present_page

    Settings(language="cy").save(data_dir)
    saved = i18n._explicit
    try:
        i18n._explicit = False
        # The deck is read before the app applies the setting: it must follow it all the same.
        assert main(["--data-dir", str(data_dir), "present"]) == 0
    finally:
        i18n._explicit = saved
        i18n.set_language("en")
    page = present_page(gui_runs[0].window)
    assert page is not None
    qtbot.waitUntil(lambda: page.presentation.deck is not None, timeout=10000)
    deck = page.presentation.deck
    assert deck is not None and deck.source_path is not None
    assert deck.source_path.parent == builtin_deck_dir("cy")
    assert builtin_deck_dir("cy") != builtin_deck_dir("en")


def test_first_slide_is_rendered_for_the_audience_before_the_show(
    qtbot: QtBot, page: PresentPage
) -> None:
    from hexikit.ui.present.render import slide_size_for

    expected = page.screens.expected_audience_size()
    assert expected is not None
    size = slide_size_for(expected)
    qtbot.waitUntil(lambda: page.presentation.cache.image(1, size) is not None, timeout=20000)
    assert not page.presentation.presenting
    # The thumbnails of every slide arrive too (for the overview grid).
    qtbot.waitUntil(
        lambda: all(page.presentation.cache.thumbnail(n) is not None for n in range(1, 11)),
        timeout=20000,
    )


def test_pace_follows_the_slide_targets(qtbot: QtBot, page: PresentPage, clock: FakeClock) -> None:
    p = page.presentation
    assert p.planned_start(1) == 0
    # The built-in deck gives every slide a target: 25 s, then 30 s, then 35 s...
    assert p.planned_start(3) == 55
    assert p.planned_start(11) == 300  # the whole plan is the deck's five minutes
    press(qtbot, page, Qt.Key.Key_F5)
    page._tick()
    assert page.pace_label.text() == "on plan"
    clock.advance(100)  # still on slide 1, 100 s in: 1:40 behind
    page._tick()
    assert page.pace_label.text() == "1:40 behind plan"
    for _ in range(6):
        press(qtbot, page, Qt.Key.Key_Right)  # slide 7 should start at 185 s
    page._tick()
    assert page.pace_label.text() == "1:25 ahead of plan"


def test_slide_keys_leave_hidden_slides_alone_while_another_scene_is_shown(
    qtbot: QtBot, page: PresentPage, context: AppContext
) -> None:
    from PySide6.QtWidgets import QLabel

    from hexikit.ui.stage import Scene

    press(qtbot, page, Qt.Key.Key_F5)
    press(qtbot, page, Qt.Key.Key_Right)
    assert page.presentation.current == 2
    context.audience.add_scene(Scene.TIMER, QLabel("timer"))
    context.audience.show_scene(Scene.TIMER)
    press(qtbot, context.audience, Qt.Key.Key_Right)
    press(qtbot, page, Qt.Key.Key_Space)
    press(qtbot, page, Qt.Key.Key_End)
    assert page.presentation.current == 2
    assert "did not move" in page.status_label.text()
    context.audience.show_scene(Scene.SLIDES)
    press(qtbot, page, Qt.Key.Key_Right)
    assert page.presentation.current == 3


def test_other_capabilities_put_the_stage_on_the_projector_through_the_presenter(
    qtbot: QtBot, page: PresentPage, context: AppContext
) -> None:
    assert not page.screens.active
    context.audience.show_on_projector()
    assert projector_in_use(page.screens)
    qtbot.waitUntil(context.audience.isVisible)
