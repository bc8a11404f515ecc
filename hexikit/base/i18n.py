"""The one translation function of the core, and the choice of language.

The UI translates through Qt (`self.tr`, catalogue `assets/locale/qt/hexikit_<lang>.qm`); the
core (CLI messages, validation messages, PDF text) goes through `_()` and `ngettext()`, with the
gettext catalogue `assets/locale/<lang>/LC_MESSAGES/hexikit.mo`. `bash scripts/i18n.sh`
refreshes both (docs/translating.md).

The language is, first to last: `--lang` (the CLI calls `set_language`), `HEXIKIT_LANG`, the
app's language setting, the system locale. `pseudo` is a test language: every string padded by
40 % (tests/ui/test_pseudo_locale.py walks every page with it).
"""

from __future__ import annotations

import gettext
import math
import os
from functools import cache
from pathlib import Path

_DOMAIN = "hexikit"
ENV_VARIABLE = "HEXIKIT_LANG"
#: The languages Hexikit speaks: English (the source text) and Welsh.
LANGUAGES: tuple[str, ...] = ("en", "cy")
#: Each language's name in itself, for the language setting.
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "cy": "Cymraeg"}
PSEUDO = "pseudo"
#: How much longer the pseudo-locale makes every string (Welsh runs 15-30 % longer).
PSEUDO_GROWTH = 0.4


def locale_dir() -> Path:
    """Where the compiled catalogues live (`assets/locale`, in a checkout, wheel or bundle)."""
    from hexikit.base.resources import asset

    return asset("locale")


def pseudo_text(text: str) -> str:
    """`text` padded by 40 % with accented letters, placeholders and line breaks kept."""
    if not text.strip():
        return text
    lines = text.split("\n")
    return "\n".join(
        line + "ŵ" * math.ceil(len(line) * PSEUDO_GROWTH) if line.strip() else line
        for line in lines
    )


class PseudoTranslations(gettext.NullTranslations):
    """The pseudo-locale: every message padded, to find layouts that clip longer words."""

    def gettext(self, message: str) -> str:
        return pseudo_text(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo_text(msgid1 if n == 1 else msgid2)


def normalise(language: str | None) -> str | None:
    """`cy_GB.UTF-8`, `CY`, `cy-GB` -> `cy`; a language Hexikit does not speak -> None."""
    if not language:
        return None
    code = language.strip().lower().replace("-", "_").split(".")[0].split("_")[0]
    if code == PSEUDO or code in LANGUAGES:
        return code
    return None


def system_language() -> str:
    """The system locale's language when Hexikit speaks it, else English."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        for part in value.split(":"):
            code = normalise(part)
            if code is not None and code != PSEUDO:
                return code
        if value:
            break
    return "en"


@cache
def translations_for(language: str) -> gettext.NullTranslations:
    """The core's catalogue for one language (English: the source text itself)."""
    if language == PSEUDO:
        return PseudoTranslations()
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation(
        _DOMAIN, localedir=str(locale_dir()), languages=[language], fallback=True
    )


def _initial() -> tuple[str, bool]:
    chosen = normalise(os.environ.get(ENV_VARIABLE))
    if chosen is not None:
        return chosen, True
    return system_language(), False


_language, _explicit = _initial()


def current_language() -> str:
    """The language the core speaks now: `en`, `cy` (or `pseudo` in tests)."""
    return _language


def chosen_explicitly() -> bool:
    """True when `--lang` or `HEXIKIT_LANG` chose the language (the app setting then yields)."""
    return _explicit


def set_language(language: str, explicit: bool = False) -> str:
    """Speak `language` from now on (an unknown one means English); returns the one chosen."""
    global _language, _explicit
    _language = normalise(language) or "en"
    _explicit = _explicit or explicit
    return _language


def follow_setting(setting: str) -> str:
    """The language to start in: `--lang`/`HEXIKIT_LANG` first, then the app's setting
    (`setting`), then the system's; the core speaks it from now on."""
    if not _explicit:
        chosen = normalise(setting)
        if chosen is not None:
            set_language(chosen)
    return _language


def _(message: str) -> str:
    """Translate a user-visible message of the core."""
    return translations_for(_language).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Translate a message whose wording depends on a count (Welsh has six forms)."""
    return translations_for(_language).ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark a message for the catalogue without translating it yet (module constants)."""
    return message


def in_language(language: str, message: str) -> str:
    """`message` in a given language, whatever the current one (bilingual cards, Welsh CSV)."""
    return translations_for(normalise(language) or "en").gettext(message)


def ngettext_in(language: str, singular: str, plural: str, count: int) -> str:
    return translations_for(normalise(language) or "en").ngettext(singular, plural, count)


def catalogue_path(language: str) -> Path:
    return locale_dir() / language / "LC_MESSAGES" / f"{_DOMAIN}.mo"


@cache
def _english_of_welsh() -> dict[str, str]:
    catalogue = getattr(translations_for("cy"), "_catalog", {})
    return {
        welsh: english
        for english, welsh in catalogue.items()
        if isinstance(english, str) and english and isinstance(welsh, str)
    }


def welsh_and_english(text: str) -> tuple[str, str]:
    """A text of the app's own (a built-in plan's step, say) in Welsh and in English, from
    either language; ("as written", "") for words a person typed."""
    welsh = in_language("cy", text)
    if welsh != text:
        return welsh, text
    english = _english_of_welsh().get(text, "")
    return text, english if english != text else ""
