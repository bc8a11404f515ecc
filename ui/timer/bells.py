"""The timer's bells: a chime at each phase change, a softer one at the warning.

A small interface (`BellPlayer`) so tests use a fake. The QtMultimedia player loads its sounds
lazily and, when the machine has no audio output (or the sound fails to load), reports that it
did not ring: the caller then flashes the screen instead.
"""

from __future__ import annotations

import logging
from enum import StrEnum
from typing import Protocol

from PySide6.QtCore import QObject, QUrl

from hexikit.base.resources import asset

log = logging.getLogger(__name__)


class Bell(StrEnum):
    CHIME = "chime"
    WARNING = "warning"


class BellPlayer(Protocol):
    def play(self, bell: Bell) -> bool:
        """Ring `bell`; False when no sound could be made (no device, muted, failed)."""
        ...

    def set_volume(self, volume: float) -> None: ...

    def set_muted(self, muted: bool) -> None: ...


class SilentBellPlayer:
    """No sound at all (for the command line's cousins and for machines without audio)."""

    def __init__(self) -> None:
        self.volume = 0.8
        self.muted = False

    def play(self, bell: Bell) -> bool:
        return False

    def set_volume(self, volume: float) -> None:
        self.volume = volume

    def set_muted(self, muted: bool) -> None:
        self.muted = muted


class QtBellPlayer(QObject):
    """Plays the bundled WAV files with QSoundEffect (low latency, made for short sounds)."""

    def __init__(self, volume: float = 0.8, muted: bool = False, parent: QObject | None = None):
        super().__init__(parent)
        self._volume = volume
        self._muted = muted
        self._effects: dict[Bell, object] = {}
        self._unavailable = False

    def _effect(self, bell: Bell) -> object | None:
        if self._unavailable:
            return None
        effect = self._effects.get(bell)
        if effect is not None:
            return effect
        try:
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

            if not QMediaDevices.audioOutputs():
                log.info("no audio output: bells will flash the screen instead")
                self._unavailable = True
                return None
            sound = QSoundEffect(self)
            sound.setSource(QUrl.fromLocalFile(str(asset("sounds", f"{bell}.wav"))))
            sound.setVolume(self._volume)
            self._effects[bell] = sound
            return sound
        except (ImportError, OSError, RuntimeError) as exc:
            log.info("bells unavailable (%s): the screen will flash instead", exc)
            self._unavailable = True
            return None

    def play(self, bell: Bell) -> bool:
        if self._muted or self._volume <= 0:
            return False
        effect = self._effect(bell)
        if effect is None:
            return False
        from PySide6.QtMultimedia import QSoundEffect

        assert isinstance(effect, QSoundEffect)
        if effect.status() == QSoundEffect.Status.Error:
            return False
        effect.play()
        return True

    def set_volume(self, volume: float) -> None:
        self._volume = max(0.0, min(1.0, volume))
        for effect in self._effects.values():
            effect.setVolume(self._volume)  # type: ignore[attr-defined]

    def set_muted(self, muted: bool) -> None:
        self._muted = muted
