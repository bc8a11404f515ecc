"""Card PDFs read back in the tests: rasterised (pdftoppm), as text (pdftotext), QR codes
decoded (zbarimg), one card cropped out; and sample personal cards."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import TypedDict, Unpack

from PIL import Image

from hexikit.cards.model import ActivityLine, PersonalCard, claim_url
from hexikit.cards.templates import SheetTemplate
from hexikit.records.domain import CATEGORIES

BASE = "https://hexitime.com/register"


WELSH = "ŵ ŷ Ŵ Ŷ ẁ ẃ ẅ ỳ"


CATEGORIES_ALL = tuple(CATEGORIES)


DPI = 300


def rasterise(pdf: bytes, tmp_path: Path, page: int = 1, dpi: int = DPI) -> Image.Image:
    source = tmp_path / "sheet.pdf"
    source.write_bytes(pdf)
    prefix = tmp_path / f"page{page}"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(dpi),
            "-f",
            str(page),
            "-l",
            str(page),
            "-png",
            "-singlefile",
            str(source),
            str(prefix),
        ],
        check=True,
    )
    return Image.open(f"{prefix}.png").convert("L")


def grey_level(image: Image.Image, xy: tuple[int, int]) -> int:
    """The grey level (0 black … 255 white) at `xy` of an "L" image like `rasterise` gives.
    Pillow types `getpixel` for every mode (float, tuple, None); an "L" pixel is an int."""
    value = image.getpixel(xy)
    assert isinstance(value, int | float), value
    return int(value)


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    source = tmp_path / "text.pdf"
    source.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(source), "-"], check=True, capture_output=True, text=True
    ).stdout.replace("\xa0", " ")


def decode(image: Image.Image, tmp_path: Path, name: str) -> list[str]:
    path = tmp_path / f"{name}.png"
    image.save(path)
    done = subprocess.run(
        ["zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", str(path)],
        capture_output=True,
        text=True,
    )
    return [line for line in done.stdout.splitlines() if line]


def crop_card(image: Image.Image, template: SheetTemplate, slot: int) -> Image.Image:
    box = template.card_box(slot)
    px = DPI / 25.4
    return image.crop(
        (
            round(box.left_mm * px),
            round(box.top_mm * px),
            round((box.left_mm + box.width_mm) * px),
            round((box.top_mm + box.height_mm) * px),
        )
    )


class CardContents(TypedDict, total=False):
    """What a test may set on a sample personal card."""

    name: str
    offers: tuple[ActivityLine, ...]
    requests: tuple[ActivityLine, ...]
    matches: tuple[str, ...]


def person(index: int, **extra: Unpack[CardContents]) -> PersonalCard:
    code = f"{index:04d}ABCD"[-8:].replace("I", "1")
    code = f"K{index:03d}WXYZ"
    contents: CardContents = {"name": f"Person {index}", **extra}
    return PersonalCard(
        claim_code=code, claim_url=claim_url(BASE, code), signup_url=BASE, **contents
    )
