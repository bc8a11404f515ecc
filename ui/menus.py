"""The laptop window's menus: in the app what the command line can do.

File: export the offers and requests (CSV for spreadsheets, with English or Welsh column
names; JSON for everything), import a CSV file (checked whole first, all or nothing, the same
report as `hexikit import`). View: every page, the projector's scenes (through the stage),
full screen, the notes size, the language. Help: the keys of the page in front of you, the
user guide (bundled, read in the app: no browser, no network), About.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hexikit.base.resources import asset
from hexikit.records.domain import EntityType
from hexikit.ui.stage import Scene, scene_label

if TYPE_CHECKING:
    from hexikit.records.exchange import ImportResult
    from hexikit.ui.menu_host import MenuHost


def _action(
    window: QWidget,
    text: str,
    name: str,
    slot: Callable[[], object],
    keys: QKeySequence | None = None,
) -> QAction:
    action = QAction(text, window)
    action.setObjectName(name)
    if keys is not None:
        # By property: PySide's overload check of setShortcut builds every Qt enum class
        # (~40 ms), and the window's first paint need not wait for that.
        action.setProperty("shortcut", keys)
    action.triggered.connect(lambda _checked=False: slot())
    return action


# ------------------------------------------------------------------------------------ File


#: The save dialog's choices: (filter label, format, CSV column language).
def _export_filters() -> list[tuple[str, str, str]]:
    return [
        (
            QCoreApplication.translate(
                "Menus", "CSV for spreadsheets, English column names (*.csv)"
            ),
            "csv",
            "en",
        ),
        (
            QCoreApplication.translate("Menus", "CSV for spreadsheets, Welsh column names (*.csv)"),
            "csv",
            "cy",
        ),
        (QCoreApplication.translate("Menus", "JSON, every field (*.json)"), "json", "en"),
    ]


def _safe_file_stem(title: str) -> str:
    stem = re.sub(r"[^\w-]+", "-", title, flags=re.UNICODE).strip("-").lower()
    return stem[:60] or "hexikit"


def export_records(window: MenuHost, whole: bool) -> None:
    """File ▸ Export: this event's offers and requests (or every event's) to a file."""
    context = window.context
    if context is None:
        return
    event_id = None if whole else (context.current_event_id or None)
    from hexikit.base.i18n import current_language

    filters = _export_filters()
    # Welsh column names first when the app speaks Welsh: that is who asks for them.
    preferred = 1 if current_language() == "cy" else 0
    stem = "hexikit-all-events" if event_id is None else "hexikit-event"
    suggested = Path.home() / f"{stem}-{date.today().isoformat()}.csv"
    path_text, chosen = QFileDialog.getSaveFileName(
        window,
        QCoreApplication.translate("Menus", "Export offers and requests"),
        str(suggested),
        ";;".join(label for label, _f, _l in filters),
        filters[preferred][0],
    )
    if not path_text:
        return
    fmt, language = next(
        ((f, lang) for label, f, lang in filters if label == chosen), ("csv", "en")
    )
    path = Path(path_text)
    if path.suffix.lower() not in (".csv", ".json"):
        path = path.with_suffix(f".{fmt}")

    def op() -> int:
        from hexikit.base.atomic import atomic_write_text
        from hexikit.records.export import export_json, export_rows, write_csv

        store = context.store
        if fmt == "json":
            atomic_write_text(path, export_json(store, event_id), encoding="utf-8")
            return len(export_rows(store, event_id))
        import io

        rows = export_rows(store, event_id)
        buffer = io.StringIO(newline="")
        write_csv(rows, buffer, language)
        # A BOM tells Excel the file is UTF-8 (the import accepts it).
        atomic_write_text(path, buffer.getvalue(), encoding="utf-8-sig", newline="")
        return len(rows)

    def done(count: int) -> None:
        window.statusBar().showMessage(
            QCoreApplication.translate(
                "Menus", "Exported %n offers and requests to {path}.", "", count
            ).replace("{path}", str(path)),
            15000,
        )

    def failed(error: BaseException) -> None:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        QMessageBox.warning(
            window,
            QCoreApplication.translate("Menus", "Could not export"),
            QCoreApplication.translate(
                "Menus",
                "Hexikit could not write {path}: {reason}. Choose another folder and try again.",
            )
            .replace("{path}", str(path))
            .replace("{reason}", reason),
        )

    context.worker.run(op, done, failed, lane="store", receiver=window)


def describe_import(result: ImportResult) -> str:
    """What an import did, as the command line says it."""
    from hexikit.records.exchange import import_summary

    return "\n".join(import_summary(result))


def import_records(window: MenuHost, path_text: str | None = None) -> None:
    """File ▸ Import CSV: the whole file checked first; every row stored, or none."""
    context = window.context
    if context is None:
        return
    if path_text is None:
        path_text, _chosen = QFileDialog.getOpenFileName(
            window,
            QCoreApplication.translate("Menus", "Import offers and requests"),
            str(Path.home()),
            QCoreApplication.translate("Menus", "CSV files (*.csv *.txt);;All files (*)"),
        )
    if not path_text:
        return
    path = Path(path_text)
    event_id = context.current_event_id or None

    def op() -> ImportResult:
        from hexikit.records.exchange import import_csv

        return import_csv(context.store, path, event_id)

    def done(result: ImportResult) -> None:
        box = QMessageBox(window)
        box.setObjectName("importReport")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(QCoreApplication.translate("Menus", "Import finished"))
        box.setText(describe_import(result))
        box.open()

    def failed(error: BaseException) -> None:
        from hexikit.records.exchange import ImportFailed

        box = QMessageBox(window)
        box.setObjectName("importFailed")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("Menus", "Nothing was imported"))
        if isinstance(error, ImportFailed):
            box.setText(
                QCoreApplication.translate(
                    "Menus",
                    "{reason}\n\nNothing was imported: fix the rows listed under Show Details "
                    "in the file (or your spreadsheet) and import it again.",
                ).replace("{reason}", str(error))
            )
            if error.problems:
                box.setDetailedText("\n".join(str(problem) for problem in error.problems))
        else:
            box.setText(
                QCoreApplication.translate(
                    "Menus", "The import stopped: {error}. Nothing was imported."
                ).replace("{error}", str(error))
            )
        box.open()

    context.worker.run(
        op,
        done,
        failed,
        lane="store",
        receiver=window,
        changes={EntityType.ACTIVITY, EntityType.PARTICIPANT},
    )


def build_file_menu(window: MenuHost) -> None:
    menu = window.file_menu
    menu.addAction(
        _action(
            window,
            QCoreApplication.translate("Menus", "&Export this event's offers and requests…"),
            "exportEventAction",
            lambda: export_records(window, whole=False),
        )
    )
    menu.addAction(
        _action(
            window,
            QCoreApplication.translate("Menus", "Export &every event's offers and requests…"),
            "exportAllAction",
            lambda: export_records(window, whole=True),
        )
    )
    menu.addAction(
        _action(
            window,
            QCoreApplication.translate("Menus", "&Import offers and requests (CSV)…"),
            "importAction",
            lambda: import_records(window),
        )
    )
    menu.addSeparator()


# ------------------------------------------------------------------------------------ View

#: The projector scenes the View menu offers, in order (the slides come back with Shift+F5).
VIEW_SCENES: tuple[Scene, ...] = (Scene.TIMER, Scene.MATCHES, Scene.FEEDBACK, Scene.BLACK)


def show_scene(window: MenuHost, scene: Scene) -> None:
    """Put `scene` on the projector, through the stage, or say why it cannot yet."""
    context = window.context
    if context is None:
        return
    audience = context.audience
    if not audience.has_scene(scene):
        # The scene is added by its page: build that page first.
        owner = {
            Scene.TIMER: "TimerPage",
            Scene.MATCHES: "SessionPage",
            Scene.FEEDBACK: "SessionPage",
        }.get(scene)
        if owner is not None:
            window.page(owner)
    if not audience.has_scene(scene):
        window.statusBar().showMessage(
            QCoreApplication.translate("Menus", "The projector has no {scene} yet.").replace(
                "{scene}", scene_label(scene)
            ),
            8000,
        )
        return
    audience.show_scene(scene)
    audience.show_on_projector()


def toggle_full_screen(window: QWidget) -> None:
    if window.isFullScreen():
        window.showNormal()
        if window.property("wasMaximised"):
            window.showMaximized()
    else:
        window.setProperty("wasMaximised", window.isMaximized())
        window.showFullScreen()


def change_notes_size(window: MenuHost, delta: int) -> None:
    page: Any = window.page("PresentPage")
    page.change_notes_size(delta)


def add_page_actions(window: MenuHost, page_titles: list[str]) -> list[QAction]:
    """View ▸ one action per page (Ctrl+1…), at the top of the View menu."""
    menu = window.view_menu
    existing = menu.actions()
    actions: list[QAction] = []
    for index, title in enumerate(page_titles):
        action = _action(
            window,
            title,
            f"viewPage{index + 1}",
            _select_row(window, index),
            QKeySequence(f"Ctrl+{index + 1}"),
        )
        actions.append(action)
    if existing:
        menu.insertActions(existing[0], actions)
        menu.insertSeparator(existing[0])
    else:
        menu.addActions(actions)
    return actions


def _select_row(window: MenuHost, row: int) -> Callable[[], None]:
    return lambda: window.bring_row(row)


def _show_scene_of(window: MenuHost, scene: Scene) -> Callable[[], None]:
    return lambda: show_scene(window, scene)


def build_view_menu(window: MenuHost) -> None:
    """The projector, full screen and the notes size (the pages are added above them once
    the window has its pages; the language menu below)."""
    menu = window.view_menu
    projector = menu.addMenu(QCoreApplication.translate("Menus", "&Projector shows"))
    projector.setObjectName("projectorMenu")
    window.projector_menu = projector
    for scene in VIEW_SCENES:
        label = scene_label(scene)
        projector.addAction(
            _action(
                window,
                label[:1].upper() + label[1:],
                f"showScene_{scene}",
                _show_scene_of(window, scene),
            )
        )
    menu.addSeparator()
    menu.addAction(
        _action(
            window,
            QCoreApplication.translate("Menus", "&Full screen"),
            "fullScreenAction",
            lambda: toggle_full_screen(window),
            QKeySequence(QKeySequence.StandardKey.FullScreen),
        )
    )
    menu.addAction(
        _action(
            window,
            QCoreApplication.translate("Menus", "&Larger notes"),
            "largerNotesAction",
            lambda: change_notes_size(window, 2),
        )
    )
    menu.addAction(
        _action(
            window,
            QCoreApplication.translate("Menus", "&Smaller notes"),
            "smallerNotesAction",
            lambda: change_notes_size(window, -2),
        )
    )
    menu.addSeparator()


def add_back_to_slides(window: MenuHost, action: QAction) -> None:
    """The stage's Shift+F5 first in View ▸ Projector shows."""
    menu = window.projector_menu
    if menu is None:
        return
    existing = menu.actions()
    if existing:
        menu.insertAction(existing[0], action)
    else:
        menu.addAction(action)


# ------------------------------------------------------------------------------------ Help


def key_rows(window: MenuHost) -> list[tuple[str, str]]:
    """(keys, what they do) for the window's menus and app-wide keys and the page shown."""
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(keys: str, text: str) -> None:
        text = text.replace("&", "").rstrip("…")
        if keys and text and (keys, text) not in rows and keys not in seen:
            seen.add(keys)
            rows.append((keys, text))

    page = window.pages.currentWidget()
    if page is not None:
        for shortcut in page.findChildren(QShortcut):
            add(
                shortcut.key().toString(QKeySequence.SequenceFormat.NativeText),
                shortcut.whatsThis(),
            )
    for action in window.findChildren(QAction):
        for keys in action.shortcuts():
            add(keys.toString(QKeySequence.SequenceFormat.NativeText), action.text())
    return rows


class KeysDialog(QDialog):
    """Help ▸ Keys for a page without its own key overlay: every key that works there."""

    def __init__(self, rows: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keysDialog")
        self.setWindowTitle(self.tr("Keys"))
        view = QTextBrowser()
        view.setObjectName("keysText")
        view.setAccessibleName(self.tr("Keys"))
        cells = "".join(
            f"<tr><td style='padding:3px 16px 3px 0'><b>{_html(keys)}</b></td>"
            f"<td style='padding:3px 0'>{_html(text)}</td></tr>"
            for keys, text in rows
        )
        view.setHtml(f"<table>{cells}</table>")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(view)
        layout.addWidget(buttons)
        self.resize(560, 520)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def show_keys(window: MenuHost) -> None:
    """The page's own key overlay when it has one (Present, Timer), else the keys dialog."""
    page = window.pages.currentWidget()
    show_help = getattr(page, "show_help", None)
    if callable(show_help):
        show_help()
        return
    KeysDialog(key_rows(window), window).open()


def user_guide_path() -> Path:
    """The user guide in the app's language, else in English."""
    from hexikit.base.i18n import current_language

    translated = asset("guide", f"user-guide.{current_language()}.md")
    return translated if translated.exists() else asset("guide", "user-guide.md")


class UserGuide(QDialog):
    """Help ▸ User guide: the bundled guide, read in the app (links between its pages work)."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userGuide")
        self.setWindowTitle(self.tr("Hexikit user guide"))
        self.browser = QTextBrowser()
        self.browser.setObjectName("userGuideText")
        self.browser.setAccessibleName(self.tr("User guide"))
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(path.parent)])
        self.browser.setSource(QUrl.fromLocalFile(str(path)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(820, 760)
        self.browser.setFocus(Qt.FocusReason.OtherFocusReason)


def open_user_guide(window: QWidget) -> UserGuide:
    guide = UserGuide(user_guide_path(), window)
    guide.open()
    return guide


def build_help_menu(window: MenuHost) -> None:
    menu = window.help_menu
    menu.addAction(
        _action(
            window,
            QCoreApplication.translate("Menus", "&Keys"),
            "keysAction",
            lambda: show_keys(window),
            QKeySequence("F1"),
        )
    )
    menu.addAction(
        _action(
            window,
            QCoreApplication.translate("Menus", "&User guide"),
            "userGuideAction",
            lambda: open_user_guide(window),
        )
    )
    menu.addSeparator()
