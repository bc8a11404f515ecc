"""A title may start with a minus: `hexikit record offer --title -2+3`."""

from __future__ import annotations

from hexikit.cli import build_parser, glue_text_values


def test_a_title_starting_with_a_minus_is_a_value() -> None:
    args = glue_text_values(["record", "offer", "--event", "e1", "--title", "-2+3"])
    parsed = build_parser().parse_args(args)
    assert parsed.title == "-2+3"


def test_options_after_a_title_stay_options() -> None:
    assert glue_text_values(["--title", "--hours", "2"]) == ["--title", "--hours", "2"]
