"""Card sheets: real PDFs, real QR decoding (pdftoppm + zbarimg), fonts, bad input."""

from __future__ import annotations

import io
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from hexikit.cards.sheets import (
    ActivityLine,
    BlankCard,
    CardKind,
    CardsError,
    CardsJob,
    EventCard,
    PersonalCard,
    claim_url,
    draw_qr,
    make_cards,
    qr_matrix,
    render_cards,
    render_test_sheet,
)
from hexikit.cards.templates import (
    SheetTemplate,
    TemplateError,
    find_template,
    template_from_dict,
)
from hexikit.records.domain import CATEGORIES, ActivityInput, EventInput, Kind, ParticipantInput
from hexikit.store import Store
from hexikit.store.models import Match

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


def person(index: int, **extra: object) -> PersonalCard:
    code = f"{index:04d}ABCD"[-8:].replace("I", "1")
    code = f"K{index:03d}WXYZ"
    values: dict[str, object] = {
        "name": f"Person {index}",
        "claim_code": code,
        "claim_url": claim_url(BASE, code),
        "signup_url": BASE,
    }
    values.update(extra)
    return PersonalCard(**values)  # type: ignore[arg-type]


# ------------------------------------------------------------------ pages and sizes


@pytest.mark.parametrize(
    ("template_name", "page_pt"),
    [
        ("a4-8up", (595.28, 841.89)),
        ("letter-8up", (612.0, 792.0)),
        ("avery-c32011", (595.28, 841.89)),
    ],
)
def test_page_size_and_count(template_name: str, page_pt: tuple[float, float]) -> None:
    template = find_template(template_name)
    cards = [person(index) for index in range(template.cards_per_sheet * 2 + 1)]
    result = render_cards(cards, template)
    reader = PdfReader(io.BytesIO(result.pdf))
    assert len(reader.pages) == 3 == result.pages
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(page_pt[0], abs=0.05)
        assert float(page.mediabox.height) == pytest.approx(page_pt[1], abs=0.05)


def test_pdf_asks_viewers_not_to_scale() -> None:
    result = render_cards([person(1)], find_template("a4-8up"))
    reader = PdfReader(io.BytesIO(result.pdf))
    prefs = reader.trailer["/Root"]["/ViewerPreferences"]
    assert prefs["/PrintScaling"] == "/None"


# ------------------------------------------------------------------ QR codes that scan


@pytest.mark.parametrize("template_name", ["a4-8up", "avery-c32011", "avery-5371"])
def test_every_personal_card_code_decodes_to_its_claim_url(
    template_name: str, tmp_path: Path
) -> None:
    template = find_template(template_name)
    cards = [person(index) for index in range(template.cards_per_sheet)]
    result = render_cards(cards, template)
    image = rasterise(result.pdf, tmp_path)
    for slot, card in enumerate(cards):
        decoded = decode(crop_card(image, template, slot), tmp_path, f"card{slot}")
        assert decoded == [card.claim_url], f"card {slot} on {template_name}"
        assert card.claim_url == f"https://hexitime.com/c/{card.claim_code}"


@pytest.mark.parametrize("kind", [Kind.OFFER, Kind.REQUEST])
def test_blank_card_codes_decode_to_the_signup_url(kind: Kind, tmp_path: Path) -> None:
    template = find_template("avery-c32015")
    result = render_cards([BlankCard(kind, BASE)] * template.cards_per_sheet, template)
    image = rasterise(result.pdf, tmp_path)
    for slot in range(template.cards_per_sheet):
        assert decode(crop_card(image, template, slot), tmp_path, f"blank{slot}") == [BASE]


def test_event_card_code_decodes(tmp_path: Path) -> None:
    template = find_template("avery-l7163")
    url = "https://hexitime.com/e/0b6c2f1e-8d5b-4f43-b2a1-5d7c0e9f1234"
    result = render_cards([EventCard("Hexithon", "2026-12-01", "Cardiff", "Gwen", url)], template)
    image = rasterise(result.pdf, tmp_path)
    assert decode(crop_card(image, template, 0), tmp_path, "event") == [url]
    assert result.warnings == []


def test_code_is_drawn_the_right_way_round(tmp_path: Path) -> None:
    """Sample every module of a rasterised code: it equals the matrix (not mirrored, not
    flipped), and the finder patterns sit top-left, top-right and bottom-left."""
    url = claim_url(BASE, "7QX2M9TB")
    matrix = qr_matrix(url)
    count = len(matrix)
    side_mm = 30.0
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(50 * mm, 50 * mm))
    draw_qr(canvas, matrix, 10 * mm, 10 * mm, side_mm * mm)
    canvas.save()
    image = rasterise(buffer.getvalue(), tmp_path)
    px = DPI / 25.4
    module_mm = side_mm / (count + 8)
    # the square's top-left is 10 mm from the left and 50 - 10 - 30 = 10 mm from the top
    origin = 10 + 4 * module_mm

    def dark(row: int, column: int) -> bool:
        x = (origin + (column + 0.5) * module_mm) * px
        y = (origin + (row + 0.5) * module_mm) * px
        return image.getpixel((round(x), round(y))) < 128  # type: ignore[operator]

    sampled = [[dark(row, column) for column in range(count)] for row in range(count)]
    assert sampled == [list(map(bool, row)) for row in matrix]

    def finder_at(row: int, column: int) -> bool:
        ring = all(dark(row, column + k) and dark(row + 6, column + k) for k in range(7))
        gap = not dark(row + 1, column + 1) and not dark(row + 5, column + 5)
        return ring and gap and dark(row + 3, column + 3)

    assert finder_at(0, 0)
    assert finder_at(0, count - 7)
    assert finder_at(count - 7, 0)
    assert not finder_at(count - 7, count - 7)
    assert decode(image, tmp_path, "orientation") == [url]


BUSY = {
    "name": "Wwwwww " * 300,
    "offers": tuple(ActivityLine(Kind.OFFER, "Mmmm " * 60, CATEGORIES_ALL) for _ in range(30)),
    "requests": (ActivityLine(Kind.REQUEST, "W" * 500),),
    "matches": ("M" * 400,),
}


@pytest.mark.parametrize(
    ("template_name", "min_mm", "busy"),
    [("a4-8up", 30.0, False), ("avery-c32011", 25.0, False), ("avery-5371", 25.0, True)],
)
def test_card_code_size_quiet_zone_and_orientation(
    template_name: str, min_mm: float, busy: bool, tmp_path: Path
) -> None:
    """On a real card: the code is the minimum size for the card, sits 3 mm inside the top
    right corner, has a white 4-module quiet zone (no text runs into it, however long), and
    every module matches the matrix."""
    template = find_template(template_name)
    card = person(3, **BUSY) if busy else person(3)
    image = rasterise(render_cards([card], template).pdf, tmp_path)
    matrix = qr_matrix(card.claim_url)
    count = len(matrix)
    # at least the card's minimum, grown so modules reach 0.75 mm when there is room
    side_mm = max(min_mm, (count + 8) * 0.75)
    module_mm = side_mm / (count + 8)
    assert module_mm >= 0.6 and template.min_qr_mm == min_mm
    box = template.card_box(0)
    square_left = box.left_mm + box.width_mm - 3 - side_mm
    square_top = box.top_mm + 3
    px = DPI / 25.4

    def dark(row: int, column: int) -> bool:
        x = (square_left + (column + 4.5) * module_mm) * px
        y = (square_top + (row + 4.5) * module_mm) * px
        return int(image.getpixel((round(x), round(y)))) < 128  # type: ignore[arg-type]

    assert [[dark(r, c) for c in range(count)] for r in range(count)] == [
        list(map(bool, row)) for row in matrix
    ]
    quiet = [
        (r, c)
        for r in range(-4, count + 4)
        for c in range(-4, count + 4)
        if not (0 <= r < count and 0 <= c < count)
    ]
    assert not any(dark(r, c) for r, c in quiet)


def test_long_base_url_warns_about_small_modules() -> None:
    base = "https://a-very-long-host-name.example.org/some/long/sign-up/path/that/keeps/going"
    code = "ABCDEFGH"
    card = PersonalCard("Ana", code, claim_url(base, code) + "?" + "x" * 400, base)
    result = render_cards([card], find_template("avery-c32011"))
    assert any("QR modules are" in warning for warning in result.warnings)


# ------------------------------------------------------------------ text


def test_welsh_text_is_in_the_pdf(tmp_path: Path) -> None:
    card = person(
        1,
        name=f"Siôn {WELSH}",
        offers=(ActivityLine(Kind.OFFER, f"Gweithdy {WELSH}", ("Design",), Decimal("1.5")),),
    )
    result = render_cards([card, BlankCard(Kind.OFFER, BASE)], find_template("a4-8up"))
    text = pdf_text(result.pdf, tmp_path)
    for char in WELSH.split():
        assert char in text
    assert "Gweithdy" in text and "1.5 h" in text
    assert result.warnings == []


def test_text_is_nfc_normalised(tmp_path: Path) -> None:
    decomposed = "Sio\u0302n w\u0302"  # ô and ŵ as base letter + combining circumflex
    result = render_cards([person(1, name=decomposed)], find_template("a4-8up"))
    assert "Siôn ŵ" in pdf_text(result.pdf, tmp_path)


def test_uncovered_character_is_named_in_a_warning_not_printed(tmp_path: Path) -> None:
    card = person(1, name="Ana 🦀", offers=(ActivityLine(Kind.OFFER, "Crabs 🦀 and 漢"),))
    result = render_cards([card], find_template("a4-8up"))
    crab = [warning for warning in result.warnings if "U+1F980" in warning]
    assert crab and "🦀" in crab[0] and "CRAB" in crab[0]
    assert any("U+6F22" in warning for warning in result.warnings)
    text = pdf_text(result.pdf, tmp_path)
    assert "Ana" in text and "🦀" not in text


def test_two_thousand_character_names_and_offers_are_cut_with_a_warning(tmp_path: Path) -> None:
    long_name = "Bartholomew " * 167  # 2,004 characters
    long_offer = "x" * 2000
    cards = [
        person(1, name=long_name[:2000], offers=(ActivityLine(Kind.OFFER, long_offer),)),
        person(2, name="y" * 2000),
    ]
    template = find_template("avery-c32011")
    result = render_cards(cards, template)
    assert len(PdfReader(io.BytesIO(result.pdf)).pages) == 1
    assert any("name is too long" in warning for warning in result.warnings)
    assert any("cut with" in warning for warning in result.warnings)
    text = pdf_text(result.pdf, tmp_path)
    assert "…" in text
    assert "y" * 200 not in text
    image = rasterise(result.pdf, tmp_path)
    for slot, card in enumerate(cards):
        assert decode(crop_card(image, template, slot), tmp_path, f"long{slot}") == [card.claim_url]


def test_thirty_activities_list_what_fits_and_say_how_many_more(tmp_path: Path) -> None:
    offers = tuple(
        ActivityLine(Kind.OFFER, f"Offer {index}", ("Design",), Decimal(1)) for index in range(30)
    )
    result = render_cards([person(1, offers=offers)], find_template("avery-c32011"))
    text = pdf_text(result.pdf, tmp_path)
    shown = [
        index for index in range(30) if f"Offer {index} " in text or f"Offer {index}\n" in text
    ]
    hidden = 30 - len(shown)
    assert 0 < len(shown) < 30
    assert f"+ {hidden} more" in text
    assert any(f"“+ {hidden} more”" in warning for warning in result.warnings)


def test_few_activities_fit_without_warnings(tmp_path: Path) -> None:
    offers = (ActivityLine(Kind.OFFER, "Run charts", ("Statistical analysis",), Decimal(2)),)
    requests = (ActivityLine(Kind.REQUEST, "Someone to review our audit", (), None),)
    result = render_cards(
        [person(1, offers=offers, requests=requests, matches=("You help with “X”",))],
        find_template("avery-c32011"),
    )
    assert result.warnings == []
    text = " ".join(pdf_text(result.pdf, tmp_path).split())
    for expected in ("Offers", "Requests", "Run charts", "Statistical analysis", "2 h", "K001WXYZ"):
        assert expected in text


# ------------------------------------------------------------------ templates and marks


def test_custom_grid_that_does_not_fit_gives_a_clear_error() -> None:
    raw = {
        "name": "too-wide",
        "page": "A4",
        "card_width_mm": 90,
        "card_height_mm": 55,
        "columns": 3,
        "rows": 4,
        "left_mm": 10,
        "top_mm": 10,
        "pitch_x_mm": 95,
        "pitch_y_mm": 60,
    }
    with pytest.raises(TemplateError, match=r"does not fit the page.*210 mm wide"):
        template_from_dict(raw)
    with pytest.raises(TemplateError, match="does not fit"):
        find_template("too-wide", [raw])


def test_crop_marks_outside_the_grid_and_warning_when_no_room(tmp_path: Path) -> None:
    template = find_template("avery-c32011")
    result = render_cards([person(1)], template, crop_marks=True)
    assert result.warnings == []
    image = rasterise(result.pdf, tmp_path)
    px = DPI / 25.4
    # a mark above the grid at the first card's left edge (x = 15 mm, y = 13.5 - 1 - ... mm)
    column = round(15 * px)
    marks = [image.getpixel((column + dx, round(10 * px))) for dx in (-1, 0, 1)]
    assert min(marks) < 128  # type: ignore[type-var]
    full_page = render_cards([person(1)], find_template("a4-8up"), crop_marks=True)
    assert any("No crop marks" in warning for warning in full_page.warnings)


def test_offset_moves_everything(tmp_path: Path) -> None:
    template = find_template("avery-c32011")
    plain = rasterise(render_test_sheet(template).pdf, tmp_path)
    shifted = rasterise(render_test_sheet(template, offset_mm=(2.0, 3.0)).pdf, tmp_path, page=1)
    px = DPI / 25.4
    # the first card's outline: left edge at 15 mm, moved to 17 mm; top at 13.5 → 16.5 mm

    def darkest(image: Image.Image, x_mm: float, y_mm: float) -> int:
        x, y = round(x_mm * px), round(y_mm * px)
        return min(int(image.getpixel((x + dx, y))) for dx in range(-3, 4))  # type: ignore[arg-type]

    assert darkest(plain, 15, 30) < 128
    assert darkest(shifted, 17, 33) < 128
    assert darkest(shifted, 15, 30) > 128


def test_test_sheet_has_outlines_and_a_ruler(tmp_path: Path) -> None:
    result = render_test_sheet(find_template("a4-8up"))
    assert result.pages == 1
    text = pdf_text(result.pdf, tmp_path)
    assert "100 mm" in text and "100 %" in text


# ------------------------------------------------------------------ from the store


def _event_with_people(store: Store) -> tuple[str, list[str]]:
    event = store.create_event(EventInput("Hexithon Abertawe", "2026-12-01", "Swansea", "", "Gwen"))
    ana = store.create_participant(event.id, ParticipantInput("Ana Ŵ", consent=True))
    ben = store.create_participant(event.id, ParticipantInput("Ben", consent=False))
    store.create_participant(event.id, ParticipantInput("Cai (nothing yet)"))
    offer = store.create_activity(
        event.id,
        ActivityInput(Kind.OFFER, "Run charts", categories=["Design"], hours=Decimal(2)),
        ana.id,
    )
    request = store.create_activity(
        event.id, ActivityInput(Kind.REQUEST, "Help with charts"), ben.id
    )
    store.add(
        Match(event_id=event.id, offer_id=offer.id, request_id=request.id, status="confirmed")
    )
    store.add(
        Match(event_id=event.id, offer_id=offer.id, request_id=request.id, status="dismissed")
    )
    return event.id, [ana.claim_code, ben.claim_code]


def test_make_personal_cards_from_the_store(store: Store, tmp_path: Path) -> None:
    event_id, codes = _event_with_people(store)
    job = CardsJob(CardKind.PERSONAL, find_template("a4-8up"), event_id=event_id)
    result = make_cards(store, job, BASE)
    assert result.cards == 3
    text = " ".join(pdf_text(result.pdf, tmp_path).split())
    for code in codes:
        assert code in text
    assert "Run charts" in text and "Matched today" in text
    # Ben did not consent: Ana's card does not name him; Ben's card names Ana, who did
    assert "(with Ben)" not in text and "(with Ana Ŵ)" in text
    assert text.count("Matched today") == 2  # the dismissed match is not printed
    only_active = make_cards(
        store,
        CardsJob(CardKind.PERSONAL, find_template("a4-8up"), event_id, "with-activities"),
        BASE,
    )
    assert only_active.cards == 2
    nobody = CardsJob(CardKind.PERSONAL, find_template("a4-8up"), event_id, ())
    with pytest.raises(CardsError, match="Tick at least one"):
        make_cards(store, nobody, BASE)


def test_empty_event_personal_cards_is_a_clear_error_and_event_card_works(
    store: Store, tmp_path: Path
) -> None:
    event = store.create_event(EventInput("Empty"))
    job = CardsJob(CardKind.PERSONAL, find_template("a4-8up"), event_id=event.id)
    with pytest.raises(CardsError, match="no participants"):
        make_cards(store, job, BASE)
    event_job = CardsJob(CardKind.EVENT, find_template("a4-8up"), event_id=event.id, count=1)
    result = make_cards(store, event_job, BASE)
    assert result.cards == 1
    image = rasterise(result.pdf, tmp_path)
    assert decode(crop_card(image, find_template("a4-8up"), 0), tmp_path, "ev") == [
        f"https://hexitime.com/e/{event.id}"
    ]


def test_no_cards_is_an_error() -> None:
    with pytest.raises(CardsError):
        render_cards([], find_template("a4-8up"))
