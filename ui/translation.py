"""The UI's language: Qt translators for Hexikit's own catalogue and Qt's, installed before any
window is built.

Hexikit's catalogue is `assets/locale/qt/hexikit_<lang>.qm` (compiled from the `.ts` by
`bash scripts/i18n.sh`). Qt's own `qtbase_<lang>.qm` is loaded from Qt's translations folder
only where Qt ships it: PySide6 ships no `qtbase_cy`, so the few texts Qt draws itself (the
buttons of standard dialogs) come from `assets/locale/qt/qtbase_supplement_<lang>.qm`, a small
catalogue of our own, when Qt has none.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

from hexikit.base import i18n
from hexikit.base.resources import asset

log = logging.getLogger(__name__)

_QT_LANGUAGES = {"en": QLocale.Language.English, "cy": QLocale.Language.Welsh}


class PseudoTranslator(QTranslator):
    """Every UI string padded by 40 % (the pseudo-locale of the clipping walk)."""

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str:
        return i18n.pseudo_text(source_text)

    def isEmpty(self) -> bool:
        return False


def text_growth(translated: str, source: str, most: float = 1.45) -> float:
    """How much longer `translated` is than `source` (1.0 to `most`): fixed widths grow by it."""
    if not source:
        return 1.0
    return min(most, max(1.0, len(translated) / len(source)))


def qt_catalogue(language: str) -> str:
    return str(asset("locale", "qt", f"hexikit_{language}.qm"))


def install_translators(language: str, parent: QObject | None = None) -> list[QTranslator]:
    """Install the translators for `language` on the running application; returns them (the
    caller keeps them: a translator that is garbage-collected stops translating)."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_translators needs a QApplication")
    owner = parent if parent is not None else app
    installed: list[QTranslator] = []
    if language == i18n.PSEUDO:
        pseudo = PseudoTranslator(owner)
        QCoreApplication.installTranslator(pseudo)
        return [pseudo]
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        return installed
    QLocale.setDefault(QLocale(_QT_LANGUAGES.get(language, QLocale.Language.English)))
    ours = QTranslator(owner)
    if ours.load(qt_catalogue(language)):
        QCoreApplication.installTranslator(ours)
        installed.append(ours)
    else:
        log.warning("no UI catalogue for %s at %s", language, qt_catalogue(language))
    qt_own = QTranslator(owner)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(f"qtbase_{language}", folder):
        QCoreApplication.installTranslator(qt_own)
        installed.append(qt_own)
    else:
        supplement = QTranslator(owner)
        if supplement.load(str(asset("locale", "qt", f"qtbase_supplement_{language}.qm"))):
            QCoreApplication.installTranslator(supplement)
            installed.append(supplement)
    return installed


_welsh: QTranslator | None = None


def in_welsh_and_english(context: str, source: str) -> tuple[str, str]:
    """A UI text in Welsh and in English, whatever the app speaks (bilingual projector
    scenes); Welsh falls back to the English when the catalogue has none."""
    global _welsh
    if _welsh is None:
        _welsh = QTranslator()
        if not _welsh.load(qt_catalogue("cy")):
            log.warning("no Welsh UI catalogue at %s", qt_catalogue("cy"))
    return (_welsh.translate(context, source) or source, source)


def remove_translators(translators: list[QTranslator]) -> None:
    for translator in translators:
        QCoreApplication.removeTranslator(translator)
