"""Which deck the presenter offers, and how a deck's problems read: the built-in deck in the
app's language (English or Welsh), the other one a click away."""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from hexikit.base.i18n import current_language
from hexikit.base.resources import builtin_deck_dir, slides_dir
from hexikit.decks.deck import ERROR, Problem


def problem_text(problem: Problem) -> str:
    where = (
        QCoreApplication.translate("Presenter", "line {line}").replace("{line}", str(problem.line))
        if problem.line
        else QCoreApplication.translate("Presenter", "deck")
    )
    kind = (
        QCoreApplication.translate("Presenter", "Error")
        if problem.severity == ERROR
        else QCoreApplication.translate("Presenter", "Warning")
    )
    return f"{kind}, {where}: {problem.message}"


def is_builtin(path: Path) -> bool:
    """True for a deck that ships with Hexikit (in any language)."""
    with contextlib.suppress(OSError, FileNotFoundError):
        return path.resolve().is_relative_to(slides_dir().resolve())
    return False


def builtin_deck(language: str | None = None) -> Path:
    """The built-in deck in `language` (default: the app's), English when there is none."""
    return builtin_deck_dir(language or current_language())


def other_deck_label(language: str | None = None) -> str:
    """The button that opens the built-in deck in the other language: the language's own name
    ("Cymraeg", "English"), as language switches are named."""
    return "English" if other_language(language) == "en" else "Cymraeg"


def other_deck_tip(language: str | None = None) -> str:
    if other_language(language) == "cy":
        return QCoreApplication.translate("PresentPage", "Open the built-in deck in Welsh")
    return QCoreApplication.translate("PresentPage", "Open the built-in deck in English")


def other_language(language: str | None = None) -> str:
    """The built-in deck's other language: Welsh for English, English for Welsh."""
    return "en" if (language or current_language()) == "cy" else "cy"
