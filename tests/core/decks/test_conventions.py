"""Other tools' decks: notes, comments and directives never reach a slide's text; inline
Markdown never crashes the handout; PowerPoint flavours by content; binary files refused."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation
from pypdf import PdfReader

from hexikit.cli.deck import check_json, run_check
from hexikit.decks.handout import write_handout
from hexikit.decks.layout import parse_blocks, slide_text
from hexikit.decks.loading import load_deck
from hexikit.decks.markdown import parse_deck

SECRET = "SECRETWORD"

DECKS = {
    "marp": f"---\nmarp: true\npaginate: true\n---\n<!-- _class: lead -->\n# <!--fit--> Hi\n\n"
    f"Body\n<!-- {SECRET} marp note -->\n---\n## Two\n<style>\nh2 {{ color: red }}\n</style>\n- b\n",
    "slidev": f"---\ntheme: default\nhighlighter: shiki\n---\n# Cover\n<!-- {SECRET} -->\n---\n"
    f"layout: center\n---\n## Two\nText\n<!-- {SECRET} last comment -->\n",
    "remark": f"class: center, middle\n\n# Title\n\n???\n{SECRET} remark notes\n---\n"
    f"name: two\n## Two\n- a\n--\n- b\n???\n{SECRET}\n",
    "reveal": f"---\ntitle: R\nrevealOptions:\n  transition: fade\n---\n## One\n"
    f'<!-- .slide: data-background="#fff" -->\nText\n\nNote: {SECRET}\n',
    "deckset": f"autoscale: true\nslidenumbers: true\n\n# [fit] Big\n\n^ {SECRET} deckset note\n"
    f"---\n## Two\n- x\n^ {SECRET}\n",
    "hexikit": f"## One\n<!-- {SECRET} private reminder -->\nText\n\nNotes:\n{SECRET}\n",
}


@pytest.mark.parametrize("tool", sorted(DECKS))
def test_notes_and_comments_never_reach_the_slide(tool: str, tmp_path: Path) -> None:
    path = tmp_path / "deck.md"
    path.write_text(DECKS[tool], encoding="utf-8")
    deck = load_deck(path)
    data = check_json(deck)
    assert data["slides"], tool
    for slide in data["slides"]:
        assert SECRET not in slide["text"], (tool, slide)
        for word in ("class:", "<style", "fit", "<!--", "???", "^ ", "name:", "--"):
            assert word not in slide["text"], (tool, word, slide)
    assert any(SECRET in slide["notes"] for slide in data["slides"]), tool
    if tool == "remark":
        assert data["slides"][1]["text"] == "Two\na\nb"


def test_fenced_code_is_code_and_its_rule_does_not_split() -> None:
    deck = parse_deck("## A\n```\nx = 1\n---\ny\n```\nNotes: n\n---\n## B\nNotes: n\n")
    assert len(deck.slides) == 2
    blocks = parse_blocks(deck.slides[0])
    assert [b.kind for b in blocks] == ["code"]
    assert blocks[0].text == "x = 1\n---\ny"


def test_crowded_slide_is_a_warning_with_its_line() -> None:
    body = "".join(f"- word{i} two three\n" for i in range(16))
    deck = parse_deck(f"## Many\n{body}Notes: n\n---\n## B\nNotes: n\n")
    cut = [p for p in deck.problems if "does not fit" in p.message]
    assert cut and 2 < cut[0].line <= 17


INLINE = st.text(alphabet="ab *_`[]()\\<>&!#~-x", max_size=40)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(line=INLINE)
def test_any_inline_markdown_prints_the_same_text(line: str, tmp_path: Path) -> None:
    deck = parse_deck(f"## T\n\n{line}\n\nNotes: n\n---\n## U\nNotes: n\n")
    out = tmp_path / "h.pdf"
    write_handout(deck, out)
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    for word in slide_text(deck.slides[0]).split():
        assert "".join(word.split()) in "".join(text.split())


@pytest.mark.parametrize("bad", ["***a** b*", "a ****** b", "**a *b** c*", "X=***********"])
def test_badly_nested_emphasis_prints(bad: str, tmp_path: Path) -> None:
    deck = parse_deck(f"## {bad}\n{bad}\nNotes: {bad}\n")
    assert write_handout(deck, tmp_path / "h.pdf") == 1


def _pptx(path: Path, content_type: str | None = None) -> Path:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Hello"
    slide.placeholders[1].text = "Body text"
    slide.notes_slide.notes_text_frame.text = "Spoken"
    prs.save(str(path))
    if content_type:
        import zipfile

        buffer = io.BytesIO()
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(buffer, "w") as dst:
            for item in src.infolist():
                data = src.read(item.filename)
                if item.filename == "[Content_Types].xml":
                    data = data.replace(
                        b"application/vnd.openxmlformats-officedocument.presentationml."
                        b"presentation.main+xml",
                        content_type.encode(),
                    )
                dst.writestr(item, data)
        path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("a.pptx", None),
        ("a.pptm", "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"),
        (
            "a.ppsx",
            "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
        ),
        (
            "a.potx",
            "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
        ),
        ("renamed.md", None),
    ],
)
def test_every_powerpoint_flavour_is_read_by_content(
    name: str, content_type: str | None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _pptx(tmp_path / name, content_type)
    assert run_check(path, as_json=True) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["slides"][0]["notes"] == "Spoken"
    assert "Body text" in data["slides"][0]["text"]


def test_a_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deck.md"
    path.write_bytes(bytes(range(256)) * 20)
    assert run_check(path) == 1


def test_a_minimal_slidev_deck_is_known_by_its_per_slide_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "talk.md"
    path.write_text(
        "---\ntheme: seriph\n---\n\n# Cover\n\n<!-- cover note -->\n\n---\nlayout: center\n---\n\n"
        f"## Two\n\n- a\n\n<!-- {SECRET} -->\n<!-- the last comment is the note -->\n",
        encoding="utf-8",
    )
    data = check_json(load_deck(path))
    assert [slide["text"] for slide in data["slides"]] == ["Cover", "Two\na"]
    assert [slide["notes"] for slide in data["slides"]] == [
        "cover note",
        "the last comment is the note",
    ]
