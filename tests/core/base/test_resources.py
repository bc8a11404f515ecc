"""The resources helper finds assets/ and slides/ from a checkout and from a bundle."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from hexikit.base import resources

CHECKOUT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    resources._root_of.cache_clear()
    yield
    resources._root_of.cache_clear()


def test_source_checkout_finds_the_folders_beside_the_package() -> None:
    assert resources.assets_dir().resolve() == CHECKOUT / "assets"
    assert resources.slides_dir().resolve() == CHECKOUT / "slides"
    assert (resources.builtin_deck_dir() / "deck.md").is_file()
    assert resources.asset("sounds", "chime.wav").is_file()
    assert resources.asset("fonts", "DejaVuSans.ttf").is_file()
    assert resources.asset("icons", "hexikit.png").is_file()


def test_a_bundle_folder_is_preferred(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = tmp_path / "_internal"
    (bundle / "assets" / "sounds").mkdir(parents=True)
    (bundle / "assets" / "sounds" / "chime.wav").write_bytes(b"RIFF")
    (bundle / "slides" / "hexithon-intro").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    assert resources.assets_dir() == bundle / "assets"
    assert resources.asset("sounds", "chime.wav") == bundle / "assets" / "sounds" / "chime.wav"
    assert resources.builtin_deck_dir() == bundle / "slides" / "hexithon-intro"


def test_a_bundle_without_the_folder_falls_back_to_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.assets_dir().resolve() == CHECKOUT / "assets"


def test_a_missing_folder_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(FileNotFoundError, match="nothing-here folder is missing"):
        resources._root_of("nothing-here")
