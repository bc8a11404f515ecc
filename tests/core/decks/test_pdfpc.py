"""Notes files beside a PDF: pdfpc (format 2 and legacy) and Markdown, read and written."""

from __future__ import annotations

import json
from pathlib import Path

from hexikit.decks.loading import load_deck, save_deck_notes
from hexikit.decks.pdfpc import parse_markdown_notes, parse_pdfpc, pdfpc_duration
from tests.core.decks.samples import make_pdf, make_pdfpc


def test_parse_pdfpc_overlays_share_notes_and_legacy_format() -> None:
    text = json.dumps(
        {
            "pdfpcFormat": 2,
            "pages": [
                {"idx": 0, "label": "1", "overlay": 0, "note": "Intro"},
                {"idx": 1, "label": "1", "overlay": 1},
                {"idx": 2, "label": "2", "overlay": 0, "note": "Body"},
                {"idx": 9, "label": "9", "note": "out of range"},
                "junk",
            ],
        }
    )
    assert parse_pdfpc(text, 3) == ["Intro", "Intro", "Body"]
    legacy = "[file]\ntalk.pdf\n[notes]\n### 1\nFirst\nline\n### 3\nThird\n"
    assert parse_pdfpc(legacy, 3) == ["First\nline", "", "Third"]
    assert parse_pdfpc("{broken", 2) == ["", ""]


def test_parse_markdown_notes_pads_and_trims() -> None:
    assert parse_markdown_notes("a\n---\nb\n---\nc\n---\nd", 2) == ["a", "b"]
    assert parse_markdown_notes("a", 3) == ["a", "", ""]


def test_save_notes_beside_a_pdf_keeps_pdfpc_settings(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "talk.pdf", ["One", "Two"])
    make_pdfpc(tmp_path / "talk.pdfpc", ["Hello", ""], duration=7)
    saved = save_deck_notes(load_deck(pdf), 2, "Goodbye")
    assert [s.notes for s in saved.slides] == ["Hello", "Goodbye"]
    data = json.loads((tmp_path / "talk.pdfpc").read_text(encoding="utf-8"))
    assert data["duration"] == 7


def test_save_notes_creates_pdfpc_or_updates_markdown(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "talk.pdf", ["One", "Two"])
    save_deck_notes(load_deck(pdf), 1, "Created")
    assert (tmp_path / "talk.pdfpc").is_file()

    other = make_pdf(tmp_path / "other.pdf", ["One", "Two"])
    (tmp_path / "other.notes.md").write_text("a\n---\nb\n", encoding="utf-8")
    saved = save_deck_notes(load_deck(other), 2, "changed")
    assert [s.notes for s in saved.slides] == ["a", "changed"]
    assert not (tmp_path / "other.pdfpc").exists()


def test_legacy_note_belongs_to_its_user_slide_and_all_its_overlays() -> None:
    # Pages 1-3 are user slide 1 (one slide and two overlays), page 4 is user slide 2.
    labels = ["1", "1", "1", "2", "3"]
    legacy = "[duration]\n12\n[notes]\n### 1\nOpening\n### 2\nMiddle\n### 3\nEnd\n"
    assert parse_pdfpc(legacy, 5, labels) == ["Opening", "Opening", "Opening", "Middle", "End"]


def test_legacy_duration_is_read(tmp_path: Path) -> None:
    notes = tmp_path / "talk.pdfpc"
    notes.write_text("[duration]\n12\n[end_user_slide]\n2\n[notes]\n### 1\nHi\n", "utf-8")
    assert pdfpc_duration(notes) == 12.0


def test_overlays_by_page_labels_share_the_old_format_note(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    plain = make_pdf(tmp_path / "plain.pdf", [f"P{n}" for n in range(1, 6)])
    writer = PdfWriter(clone_from=plain)
    writer.set_page_label(0, 2, prefix="1")  # pages 1-3 all labelled "1"
    writer.set_page_label(3, 3, prefix="2")
    writer.set_page_label(4, 4, prefix="3")
    pdf = tmp_path / "talk.pdf"
    writer.write(pdf)
    (tmp_path / "talk.pdfpc").write_text("[notes]\n### 2\nSecond slide\n", "utf-8")
    deck = load_deck(pdf)
    assert [slide.notes for slide in deck.slides] == ["", "", "", "Second slide", ""]


def test_unrelated_markdown_beside_a_pdf_is_not_its_notes(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "report.pdf", ["One", "Two", "Three"])
    readme = tmp_path / "report.md"
    essay = "# Our annual report\n\n" + "Long words of the report. " * 500
    readme.write_text(essay, encoding="utf-8")
    deck = load_deck(pdf)
    assert [slide.notes for slide in deck.slides] == ["", "", ""]
    assert any("report.md" in str(problem) for problem in deck.problems)
    # Saving notes then goes to a pdfpc file, never over the Markdown file.
    save_deck_notes(deck, 1, "Say hello")
    assert readme.read_text(encoding="utf-8") == essay
    assert "Say hello" in (tmp_path / "report.pdfpc").read_text(encoding="utf-8")


def test_markdown_notes_beside_a_pdf_are_used(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "talk.pdf", ["One", "Two"])
    (tmp_path / "talk.md").write_text("Hello\n\n---\n\nBye\n", encoding="utf-8")
    assert [slide.notes for slide in load_deck(pdf).slides] == ["Hello", "Bye"]


def test_saving_into_an_old_format_file_keeps_its_settings_and_user_slides(
    tmp_path: Path,
) -> None:
    from pypdf import PdfWriter

    plain = make_pdf(tmp_path / "plain.pdf", ["A", "A+", "B"])
    writer = PdfWriter(clone_from=plain)
    writer.set_page_label(0, 1, prefix="1")  # a slide and its overlay
    writer.set_page_label(2, 2, prefix="2")
    pdf = tmp_path / "talk.pdf"
    writer.write(pdf)
    notes_file = tmp_path / "talk.pdfpc"
    notes_file.write_text(
        "[duration]\n12\n[end_user_slide]\n2\n[notes_position]\nright\n[notes]\n### 1\nHi\n",
        "utf-8",
    )
    saved = save_deck_notes(load_deck(pdf), 3, "Bye")
    text = notes_file.read_text("utf-8")
    for kept in ("[duration]\n12", "[end_user_slide]\n2", "[notes_position]\nright"):
        assert kept in text
    assert "### 2\nBye" in text and "### 3" not in text
    assert [slide.notes for slide in saved.slides] == ["Hi", "Hi", "Bye"]
    assert saved.target_minutes == 12.0
