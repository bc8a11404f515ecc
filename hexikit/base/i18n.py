"""The one translation function of the core.

The UI translates through Qt (`self.tr`); the core (CLI messages, validation messages, PDF
text) goes through `_()` so a Welsh catalogue can be dropped in later without touching callers.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

_DOMAIN = "hexikit"
_LOCALE_DIR = Path(__file__).parent / "locale"


def _load() -> gettext.NullTranslations:
    languages = [lang for lang in [os.environ.get("HEXIKIT_LANG", "")] if lang] or None
    return gettext.translation(_DOMAIN, localedir=_LOCALE_DIR, languages=languages, fallback=True)


_translations = _load()


def _(message: str) -> str:
    """Translate a user-visible message of the core."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Translate a message whose wording depends on a count."""
    return _translations.ngettext(singular, plural, count)
