"""The handout PDF: one notes page per slide, real (selectable) text, paper sizes."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, LETTER

from hexikit.base.resources import builtin_deck_dir
from hexikit.decks.handout import HandoutError, write_handout
from hexikit.decks.loading import load_deck
from hexikit.decks.markdown import parse_deck


def test_builtin_deck_handout_a4(tmp_path: Path) -> None:
    deck = load_deck(builtin_deck_dir())
    out = tmp_path / "handout.pdf"
    pages = write_handout(deck, out)
    reader = PdfReader(str(out))
    assert pages == len(reader.pages) == len(deck.slides)
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (round(A4[0]), round(A4[1]))
    second = reader.pages[1].extract_text()
    # The slide's own text (drawn as vectors) and its notes are both selectable text.
    assert "What is timebanking?" in second
    assert "Everyone's hour is worth the" in second
    assert "So what is timebanking?" in second
    assert "Slide 2 of 10" in second


def test_letter_paper_long_notes_and_missing_picture(tmp_path: Path) -> None:
    text = (
        "# One\n![gone](nowhere.png)\nNotes:\n"
        + "\n\n".join(f"Paragraph {n} " + "word " * 80 for n in range(25))
        + "\n---\n## Two\n- Welsh: ŵ ŷ\nNotes: short\n"
    )
    deck = parse_deck(text, tmp_path / "deck.md")
    out = tmp_path / "letter.pdf"
    pages = write_handout(deck, out, paper="letter")
    reader = PdfReader(str(out))
    assert pages == len(reader.pages) >= 3  # long notes flow onto more pages
    assert round(float(reader.pages[0].mediabox.width)) == round(LETTER[0])
    all_text = "".join(page.extract_text() for page in reader.pages)
    assert "Paragraph 24" in all_text
    assert "ŵ" in all_text


def test_empty_deck_and_bad_paper_are_plain_errors(tmp_path: Path) -> None:
    with pytest.raises(HandoutError):
        write_handout(parse_deck("", None), tmp_path / "x.pdf")
    with pytest.raises(HandoutError):
        write_handout(load_deck(builtin_deck_dir()), tmp_path / "x.pdf", paper="a3")


def test_pdf_backed_deck_copies_its_pages(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    from hexikit.decks.deck import Deck, Slide

    source = tmp_path / "talk.pdf"
    canvas = Canvas(str(source), pagesize=(960, 540))
    for number in (1, 2):
        canvas.setFont("Helvetica-Bold", 40)
        canvas.drawString(60, 400, f"Imported page {number}")
        canvas.showPage()
    canvas.save()
    deck = Deck(title="Imported", source_path=source, pdf_path=source)
    deck.slides = [
        Slide(number=n, title=f"p{n}", body="", notes=f"Notes for page {n}.", pdf_page=n - 1)
        for n in (1, 2)
    ]
    out = tmp_path / "imported.pdf"
    assert write_handout(deck, out) == 2
    reader = PdfReader(str(out))
    assert "Imported page 1" in reader.pages[0].extract_text()
    assert "Imported page 2" in reader.pages[1].extract_text()
    assert "Notes for page 2." in reader.pages[1].extract_text()
