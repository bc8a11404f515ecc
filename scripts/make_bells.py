"""Synthesise the timer's bells (pure Python: `wave` + `math`, no numpy).

    python scripts/make_bells.py            # writes assets/sounds/chime.wav and warning.wav

chime.wav: the phase change, a bright two-strike bell (a fifth apart), clearly audible in a
noisy room. warning.wav: a single soft, low strike. Both are mono 22.05 kHz 16-bit, a few tens
of kilobytes. The output is committed; re-run only to change the sound.
"""

from __future__ import annotations

import argparse
import math
import struct
import wave
from pathlib import Path

RATE = 22050
# A struck bell: a fundamental plus inharmonic partials (ratios near a real hand bell's),
# each decaying at its own rate, the higher ones faster.
BELL_PARTIALS = [(0.5, 0.35, 1.2), (1.0, 1.0, 1.6), (1.19, 0.45, 2.2), (1.5, 0.4, 2.6),
                 (2.0, 0.3, 3.5), (2.74, 0.18, 5.0), (3.76, 0.1, 7.0)]  # fmt: skip


def strike(freq: float, seconds: float, loudness: float) -> list[float]:
    """One bell strike at `freq` Hz, as samples in -1…1."""
    count = int(RATE * seconds)
    attack = int(RATE * 0.004)  # a 4 ms attack: no click
    samples = []
    for n in range(count):
        t = n / RATE
        value = 0.0
        for ratio, amplitude, decay in BELL_PARTIALS:
            value += amplitude * math.exp(-decay * t) * math.sin(2 * math.pi * freq * ratio * t)
        envelope = min(1.0, n / attack) if attack else 1.0
        samples.append(value * envelope * loudness)
    return samples


def mix(length_s: float, *parts: tuple[float, list[float]]) -> list[float]:
    """Lay strikes over each other at their start times (seconds)."""
    out = [0.0] * int(RATE * length_s)
    for start, samples in parts:
        offset = int(RATE * start)
        for i, value in enumerate(samples):
            if offset + i < len(out):
                out[offset + i] += value
    # Fade the last 50 ms so the file ends in silence.
    fade = int(RATE * 0.05)
    for i in range(fade):
        out[-1 - i] *= i / fade
    return out


def write_wav(path: Path, samples: list[float], peak: float) -> None:
    """Normalise to `peak` (0…1) and write 16-bit mono."""
    top = max(abs(v) for v in samples) or 1.0
    scale = peak * 32767 / top
    frames = b"".join(struct.pack("<h", round(v * scale)) for v in samples)
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(RATE)
        handle.writeframes(frames)


def chime() -> list[float]:
    # E6 then A5: a descending fourth, like a school bell's "ding-dong", easy to tell apart.
    return mix(1.6, (0.0, strike(1318.5, 1.5, 1.0)), (0.32, strike(880.0, 1.28, 1.0)))


def warning() -> list[float]:
    # One low, soft strike (A4), shorter: a nudge, not an announcement.
    return mix(1.0, (0.0, strike(440.0, 1.0, 1.0)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parent.parent / "assets" / "sounds"
    parser.add_argument("--out", type=Path, default=default, help="folder to write into")
    args = parser.parse_args()
    write_wav(args.out / "chime.wav", chime(), peak=0.9)
    write_wav(args.out / "warning.wav", warning(), peak=0.45)
    for name in ("chime.wav", "warning.wav"):
        print(f"{args.out / name}: {(args.out / name).stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
