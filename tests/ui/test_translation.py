"""The UI's Qt Linguist catalogue (Welsh): every tr() string extracted in its context, every one
translated, the .qm compiled from the .ts, and the language switch."""

from __future__ import annotations

import ast
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from hexikit.base import i18n
from hexikit.base.settings import Settings
from hexikit.ui.translation import install_translators, remove_translators

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "assets" / "locale" / "qt" / "hexikit_cy.ts"
QM = ROOT / "assets" / "locale" / "qt" / "hexikit_cy.qm"


@pytest.fixture
def welsh(qapp: QApplication) -> Iterator[None]:
    i18n.set_language("cy")
    translators = install_translators("cy")
    yield
    remove_translators(translators)
    i18n.set_language("en")


def _messages() -> dict[tuple[str, str], ET.Element]:
    found: dict[tuple[str, str], ET.Element] = {}
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.findall("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


def _calls() -> Iterator[tuple[Path, int, str | None, str]]:
    """(file, line, context, source) of every literal tr()/translate() in ui/: `self.tr` in
    its class's context (None outside a class: any context)."""
    for path in sorted((ROOT / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        owner: dict[int, str] = {}
        for cls in ast.walk(tree):
            if isinstance(cls, ast.ClassDef):
                for inner in ast.walk(cls):
                    owner[id(inner)] = cls.name  # the innermost class wins (walked last)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            args = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ("tr", "QT_TR_NOOP") and args and isinstance(args[0], str):
                yield path, node.lineno, owner.get(id(node)), args[0]
            elif (
                name in ("translate", "QT_TRANSLATE_NOOP")
                and len(args) >= 2
                and isinstance(args[0], str)
                and isinstance(args[1], str)
            ):
                yield path, node.lineno, args[0], args[1]


def test_every_ui_string_is_extracted_in_the_context_it_is_looked_up_in() -> None:
    messages = _messages()
    sources = {source for _context, source in messages}
    missing = []
    for path, line, context, source in _calls():
        ok = source in sources if context is None else (context, source) in messages
        if not ok:
            missing.append(f"{path.name}:{line} {context} {source!r}")
    assert not missing, f"run bash scripts/i18n.sh: {missing[:5]}"
    assert len(messages) > 550


def test_no_translate_helper_lupdate_cannot_see() -> None:
    """A helper such as `def _tr(text)` hides its strings from pyside6-lupdate (or files them
    under the wrong context): call tr() or QCoreApplication.translate() with literals."""
    helpers = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name in ("tr", "_tr"):
                if node.name == "tr" and "super().tr(" in ast.unparse(node):
                    continue  # an override of QObject.tr (a bilingual scene): literals stay
                helpers.append(f"{path.name}:{node.lineno} {node.name}")
            # lupdate files QT_TR_NOOP under no context at all: name the context instead.
            if isinstance(node, ast.Name) and node.id == "QT_TR_NOOP":
                helpers.append(f"{path.name}:{node.lineno} QT_TR_NOOP")
    assert not helpers


def test_every_message_is_translated_and_finished() -> None:
    problems = []
    for (context, source), message in _messages().items():
        translation = message.find("translation")
        assert translation is not None
        if translation.get("type") in ("unfinished", "obsolete", "vanished"):
            problems.append(f"{translation.get('type')}: {context} {source!r}")
        if message.get("numerus") == "yes":
            forms = [form.text or "" for form in translation.findall("numerusform")]
            if len(forms) < 2 or not all(form.strip() for form in forms):
                problems.append(f"numerus forms: {context} {source!r}")
            if not all("%n" in form for form in forms):
                problems.append(f"%n missing: {context} {source!r}")
        elif not (translation.text or "").strip() and source.strip():
            problems.append(f"empty: {context} {source!r}")
    assert not problems, problems[:10]


def test_the_qm_is_the_ts_compiled(tmp_path: Path) -> None:
    lrelease = shutil.which("pyside6-lrelease", path=str(ROOT / ".venv" / "bin")) or shutil.which(
        "pyside6-lrelease"
    )
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed")
    out = tmp_path / "hexikit_cy.qm"
    subprocess.run([lrelease, "-silent", str(TS), "-qm", str(out)], check=True, timeout=60)
    assert QM.read_bytes() == out.read_bytes(), "run bash scripts/i18n.sh --compile"


def test_welsh_translators_translate_the_window(welsh: None, qtbot: QtBot) -> None:
    from hexikit.ui.main_window import MainWindow
    from hexikit.ui.stage import Scene, scene_label

    window = MainWindow()
    qtbot.addWidget(window)
    titles = [action.text() for action in window.menuBar().actions()]
    assert "&Ffeil" in titles and "&Cymorth" in titles
    assert scene_label(Scene.TIMER) == "yr amserydd"
    # Plural forms of Qt's Welsh rule.
    assert QCoreApplication.translate("SyncIndicator", "%n to send", "", 2) == "2 i'w anfon"


def test_qts_own_buttons_speak_welsh_too(welsh: None, qtbot: QtBot) -> None:
    """PySide6 ships no qtbase_cy: our supplement gives the standard buttons Welsh words."""
    from PySide6.QtWidgets import QDialogButtonBox

    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Ignore
    )
    qtbot.addWidget(buttons)
    texts = {button.text() for button in buttons.buttons()}
    assert texts == {"Canslo", "Anwybyddu"}


def test_english_is_the_source_text(qapp: QApplication) -> None:
    translators = install_translators("en")
    try:
        assert QCoreApplication.translate("MainWindow", "&File") == "&File"
    finally:
        remove_translators(translators)


def test_the_language_setting_is_saved_and_says_it_needs_a_restart(
    qtbot: QtBot, data_dir: Path
) -> None:
    from hexikit.ui.language import choose
    from hexikit.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    context = type("Context", (), {})()
    context.settings = Settings()
    context.save_settings = lambda: context.settings.save(data_dir)
    window.context = context
    welsh_action = window.findChild(QAction, "language_cy")
    assert isinstance(welsh_action, QAction)
    welsh_action.trigger()
    assert Settings.load(data_dir).language == "cy"
    box = window.findChild(QMessageBox, "languageRestartMessage")
    assert box is not None and box.isVisible()
    assert "Gymraeg" in box.text() and "Welsh" in box.text()
    box.close()
    choose(window, "en")
    assert Settings.load(data_dir).language == "en"
    window.context = None


def test_the_setting_chooses_the_language_unless_lang_was_given() -> None:
    from hexikit.base.i18n import follow_setting as choose_language

    saved = i18n._explicit
    try:
        i18n._explicit = False
        assert choose_language("cy") == "cy"
        assert choose_language("") == "cy"  # no setting: stays as the system said
        i18n.set_language("en", explicit=True)
        assert choose_language("cy") == "en"
    finally:
        i18n._explicit = saved
        i18n.set_language("en")
