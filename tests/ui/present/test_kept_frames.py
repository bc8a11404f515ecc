"""Slide 1 as drawn at the last launch: kept, found only by what made it, drawn again else."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from hexikit.base.clock import FakeClock
from hexikit.base.resources import builtin_deck_dir
from hexikit.decks.loading import load_deck
from hexikit.ui.present import kept_frames, render
from hexikit.ui.present.kept_frames import KeptFrames
from hexikit.ui.present.state import Presentation
from hexikit.ui.worker import Worker

CURRENT = QSize(645, 363)
NEXT = QSize(240, 135)
AUDIENCE = QSize(640, 360)


def frame(colour: str, size: QSize = CURRENT) -> QImage:
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    image.setPixelColor(3, 2, QColor("#ff8800"))
    return image


def test_a_kept_frame_comes_back_pixel_for_pixel(tmp_path: Path) -> None:
    frames = KeptFrames(tmp_path / "slides")
    drawn = frame("#005055")
    assert frames.keep("hash-a", [(1, drawn)]) == 1
    found = frames.load("hash-a", 1, CURRENT)
    assert found is not None and found == drawn
    # Another slide, size or deck has no frame.
    assert frames.load("hash-a", 2, CURRENT) is None
    assert frames.load("hash-a", 1, AUDIENCE) is None
    assert frames.load("hash-b", 1, CURRENT) is None


def test_the_frames_of_the_decks_opened_last_are_kept(tmp_path: Path) -> None:
    frames = KeptFrames(tmp_path / "slides")
    frames.keep("hash-a", [(1, frame("#000000")), (1, frame("#000000", AUDIENCE))])
    for name in ("b", "c", "d"):
        frames.keep(f"hash-{name}", [(1, frame("#ffffff"))])
    # Opened again: deck a is now the last but one, and b the oldest.
    assert frames.keep("hash-a", [(1, frame("#000000"))]) == 0
    frames.keep("hash-e", [(1, frame("#111111"))])
    assert kept_frames.KEPT_DECKS == 4
    assert frames.load("hash-b", 1, CURRENT) is None
    assert frames.load("hash-a", 1, CURRENT) == frame("#000000")
    assert frames.load("hash-a", 1, AUDIENCE) == frame("#000000", AUDIENCE)
    for name in ("c", "d"):
        assert frames.load(f"hash-{name}", 1, CURRENT) == frame("#ffffff")
    assert frames.load("hash-e", 1, CURRENT) == frame("#111111")
    assert len(list((tmp_path / "slides").iterdir())) == 5


def test_a_cut_short_frame_is_drawn_again(tmp_path: Path) -> None:
    frames = KeptFrames(tmp_path / "slides")
    frames.keep("hash-a", [(1, frame("#005055"))])
    (kept,) = (tmp_path / "slides").iterdir()
    kept.write_bytes(kept.read_bytes()[:1000])
    assert frames.load("hash-a", 1, CURRENT) is None


def test_frames_of_other_drawing_code_are_not_used_and_are_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    frames = KeptFrames(tmp_path / "slides")
    frames.keep("hash-a", [(1, frame("#005055"))])
    monkeypatch.setattr(kept_frames, "_drawing_stamp", lambda: "a newer renderer")
    assert frames.load("hash-a", 1, CURRENT) is None
    # Never used again, so dropped once the newer code keeps a frame.
    frames.keep("hash-b", [(1, frame("#ffffff"))])
    (left,) = (tmp_path / "slides").iterdir()
    assert left.name.startswith("a newer renderer-hash-b-")


def test_frames_cannot_be_kept_in_a_folder_that_cannot_be(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert KeptFrames(blocker / "slides").keep("hash-a", [(1, frame("#000000"))]) == 0


def presentation_in(folder: Path) -> tuple[Worker, Presentation]:
    worker = Worker()
    presentation = Presentation(worker, FakeClock(0.0))
    presentation.cache.kept = KeptFrames(folder)
    for name, size in (("current", CURRENT), ("next", NEXT), ("audience", AUDIENCE)):
        presentation.set_view_size(name, size)
        presentation.view_on_screen(name, True)
    return worker, presentation


#: What a deck's first paint shows: slide 1 on the laptop and the projector, 2 in the next view
FIRST_FRAMES = ((1, CURRENT), (1, AUDIENCE), (2, NEXT))


def first_frames(presentation: Presentation) -> list[QImage | None]:
    return [presentation.cache.image(n, size) for n, size in FIRST_FRAMES]


def test_the_first_slide_painted_is_kept_and_the_next_launch_draws_none_of_it(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "slides"
    worker, first = presentation_in(folder)
    first.set_deck(load_deck(builtin_deck_dir()))
    qtbot.waitUntil(lambda: None not in first_frames(first), timeout=20000)
    assert not list(folder.glob("*.rgb32"))  # kept once painted, not before
    for name in ("current", "next", "audience"):
        first.painted(name)
    qtbot.waitUntil(lambda: len(list(folder.glob("*.rgb32"))) == 3, timeout=20000)
    qtbot.waitUntil(lambda: first.cache.thumbnail(10) is not None, timeout=20000)
    qtbot.waitUntil(lambda: worker.pending == 0, timeout=20000)
    drawn = first_frames(first)

    # The next launch: the first frames are there at once, and none of them is drawn.
    drawn_now: list[int] = []
    real_render = render.render_slide

    def counting(deck, slide, size):  # type: ignore[no-untyped-def]
        drawn_now.append(slide.number)
        return real_render(deck, slide, size)

    monkeypatch.setattr(render, "render_slide", counting)
    worker2, second = presentation_in(folder)
    second.set_deck(load_deck(builtin_deck_dir()))
    assert first_frames(second) == drawn
    assert drawn_now == []
    for name in ("current", "next", "audience"):
        second.painted(name)
    # The rest is drawn as usual once they are on screen.
    qtbot.waitUntil(lambda: second.cache.thumbnail(10) is not None, timeout=20000)
    qtbot.waitUntil(lambda: worker2.pending == 0, timeout=20000)
    assert 3 in drawn_now
    assert first.cache.deck is not None  # both kept alive until their work is done
