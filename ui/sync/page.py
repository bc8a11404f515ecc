"""The Sync mode page: server and token, Sync now with progress, needs attention, conflicts."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hexikit.sync import tokens
from hexikit.sync.client.attention import (
    ParkedOperation,
    conflict_log,
    discard_parked,
    parked_operations,
    retry_parked,
)
from hexikit.sync.client.outcome import SyncError
from hexikit.sync.protocol import ConflictKind
from hexikit.ui.context import AppContext
from hexikit.ui.sync.indicator import IndicatorState, SyncController, controller_for


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.setColumnWidth(0, 120)
    table.setColumnWidth(1, 170)
    table.horizontalHeader().setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    return table


class SyncPage(QWidget):
    """Sync settings and status.

    Signals:
        listsRefreshed(): the needs-attention list and conflict log were re-read.
    """

    listsRefreshed = Signal()

    @classmethod
    def mode_title(cls) -> str:
        from PySide6.QtCore import QCoreApplication

        return QCoreApplication.translate("SyncPage", "Sync")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.controller: SyncController = controller_for(context)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        title = QLabel(self.tr("Sync"))
        title.setStyleSheet("font-size: 20pt; font-weight: 600;")
        layout.addWidget(title)

        settings_box = QGroupBox(self.tr("Server"))
        form = QFormLayout(settings_box)
        self.server_edit = QLineEdit(context.settings.server_url)
        self.server_edit.setPlaceholderText("https://sync.hexitime.example")
        self.token_edit = QLineEdit()
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_edit.setObjectName("syncToken")
        # Enter in the token field saves, as the Save button does.
        self.token_edit.returnPressed.connect(self.save)
        self.token_saved_label = QLabel()
        self.token_saved_label.setObjectName("tokenSaved")
        self.token_saved_label.setStyleSheet("color: #14532d;")
        self.auto_check = QCheckBox(self.tr("Sync automatically when online"))
        self.auto_check.setChecked(context.settings.auto_sync)
        self.token_note = QLabel()
        self.token_note.setWordWrap(True)
        self.token_note.setStyleSheet("color: #666;")
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.clicked.connect(self.save)
        form.addRow(self.tr("Server address"), self.server_edit)
        form.addRow(self.tr("Device token"), self.token_edit)
        form.addRow("", self.token_saved_label)
        form.addRow("", self.token_note)
        save_row = QHBoxLayout()
        save_row.addWidget(self.auto_check, 1)
        save_row.addWidget(self.save_button)
        form.addRow("", save_row)
        layout.addWidget(settings_box)

        status_row = QHBoxLayout()
        self.state_label = QLabel()
        self.state_label.setObjectName("syncState")
        self.state_label.setStyleSheet("font-size: 13pt;")
        self.sync_button = QPushButton(self.tr("Sync now"))
        self.sync_button.setDefault(True)
        self.sync_button.clicked.connect(self.controller.sync_now)
        status_row.addWidget(self.state_label, 1)
        status_row.addWidget(self.sync_button)
        layout.addLayout(status_row)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #a33;")
        layout.addWidget(self.message_label)

        attention_box = QGroupBox(self.tr("Needs attention"))
        attention_layout = QVBoxLayout(attention_box)
        attention_layout.addWidget(
            QLabel(
                self.tr(
                    "The server refused these changes. They are kept here until you retry or "
                    "discard them."
                )
            )
        )
        self.attention_table = _table(
            [self.tr("When"), self.tr("Record"), self.tr("Change"), self.tr("Why")]
        )
        attention_layout.addWidget(self.attention_table)
        buttons = QHBoxLayout()
        self.retry_button = QPushButton(self.tr("Retry selected"))
        self.discard_button = QPushButton(self.tr("Discard selected…"))
        self.retry_button.clicked.connect(self.retry_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        buttons.addStretch(1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.discard_button)
        attention_layout.addLayout(buttons)
        layout.addWidget(attention_box, 1)

        conflicts_box = QGroupBox(self.tr("Conflict log"))
        conflicts_layout = QVBoxLayout(conflicts_box)
        self.conflict_table = _table([self.tr("When"), self.tr("Record"), self.tr("What happened")])
        conflicts_layout.addWidget(self.conflict_table)
        layout.addWidget(conflicts_box, 1)

        self._parked: list[ParkedOperation] = []
        self.controller.stateChanged.connect(self._show_state)
        self.controller.statusChanged.connect(self._show_state)
        self.controller.progressChanged.connect(self._show_progress)
        self.controller.attentionChanged.connect(self.refresh_lists)
        self.controller.tokenSaved.connect(self._show_state)
        self._show_token_note()
        self._show_state()
        self.refresh_lists()

    # -- settings

    def _show_token_note(self) -> None:
        def shown(available: object) -> None:
            if available:
                self.token_note.setText(self.tr("The token is kept in the system keyring."))
            else:
                self.token_note.setText(
                    self.tr(
                        "No keyring on this computer: the token is kept in memory only, so "
                        "you will be asked again after restarting Hexikit."
                    )
                )

        self.context.worker.run(tokens.keyring_available, shown, None, lane="io", receiver=self)

    def save(self) -> None:
        url = self.server_edit.text().strip()
        if url:
            # Imported on first use: requests is slow to import.
            from hexikit.sync.client.http import check_server_url

            try:
                url = check_server_url(url)
            except SyncError as exc:
                self.message_label.setText(str(exc))
                return
        token = self.token_edit.text().strip() or None
        self.token_edit.clear()
        self.message_label.clear()
        self.controller.configure(url, token, self.auto_check.isChecked())

    # -- status

    def _state_text(self) -> str:
        return {
            IndicatorState.NOT_SET_UP: self.tr(
                "Sync is not set up: enter the server address and token."
            ),
            IndicatorState.OFFLINE: self.tr(
                "Offline: changes wait on this laptop and are sent later."
            ),
            IndicatorState.SYNCING: self.tr("Syncing…"),
            IndicatorState.WAITING: self.tr("Changes are waiting to be sent."),
            IndicatorState.UP_TO_DATE: self.tr("Up to date."),
            IndicatorState.NEEDS_ATTENTION: self.tr("Some changes need your attention (below)."),
        }.get(self.controller.state, self.controller.state)

    def _show_state(self, *_args: object) -> None:
        status = self.controller.status
        text = self._state_text()
        pending = int(status.get("pending") or 0)
        if pending:
            # English has no catalogue to give "%n" its singular: the one case is its own text.
            text += " " + (
                self.tr("1 change to send.")
                if pending == 1
                else self.tr("%n changes to send.", "", pending)
            )
        last = str(status.get("last_sync") or "")
        if last:
            moment = datetime.fromisoformat(last).astimezone()
            text += " " + self.tr("Last sync: %1.").replace("%1", moment.strftime("%d %b %H:%M"))
        self.state_label.setText(text)
        self.message_label.setText(self.controller.message)
        if self.controller.needs_token:
            # Ask for the token again, right where it is typed.
            self.token_edit.setPlaceholderText(
                self.tr("The server refused the token: paste a new one and press Save")
            )
            self.token_edit.setStyleSheet("border: 2px solid #c0392b;")
            self.token_saved_label.clear()
        else:
            self.token_edit.setStyleSheet("")
            # The secret is never shown back: only that there is one, and how to replace it.
            if self.controller.has_token:
                self.token_edit.setPlaceholderText(
                    self.tr("Saved — type a new token to replace it")
                )
                self.token_saved_label.setText(self.tr("✓ Token saved"))
            else:
                self.token_edit.setPlaceholderText(
                    self.tr("paste the device token the server's administrator gave you")
                )
                self.token_saved_label.clear()
        syncing = self.controller.state == IndicatorState.SYNCING
        self.progress.setVisible(syncing)
        self.sync_button.setEnabled(not syncing)

    def _show_progress(self, done: int, total: int) -> None:
        self.progress.setVisible(True)
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    # -- needs attention and conflicts

    def refresh_lists(self) -> None:
        store = self.context.store

        def read() -> tuple[list[ParkedOperation], list[dict[str, Any]]]:
            conflicts = [
                {
                    "when": c.created_at,
                    "record": f"{c.entity_type} {c.entity_id[:8]}",
                    "detail": c.detail,
                }
                for c in conflict_log(store)
            ]
            return parked_operations(store), conflicts

        self.context.worker.run(read, self._show_lists, None, lane="store")

    def _show_lists(self, result: object) -> None:
        assert isinstance(result, tuple)
        parked: list[ParkedOperation] = result[0]
        conflicts: list[dict[str, Any]] = result[1]
        self._parked = list(parked)
        self.attention_table.setRowCount(len(self._parked))
        for row, op in enumerate(self._parked):
            values = [
                op.created_at.astimezone().strftime("%d %b %H:%M"),
                f"{op.entity_type} {op.entity_id[:8]}",
                op.action,
                op.error,
            ]
            for column, value in enumerate(values):
                self.attention_table.setItem(row, column, QTableWidgetItem(value))
        self.conflict_table.setRowCount(len(conflicts))
        for row, conflict in enumerate(conflicts):
            values = [
                conflict["when"].astimezone().strftime("%d %b %H:%M"),
                conflict["record"],
                self._describe(conflict["detail"]),
            ]
            for column, value in enumerate(values):
                self.conflict_table.setItem(row, column, QTableWidgetItem(value))
        has_parked = bool(self._parked)
        self.retry_button.setEnabled(has_parked)
        self.discard_button.setEnabled(has_parked)
        self.listsRefreshed.emit()

    def _describe(self, detail: dict[str, Any]) -> str:
        kind = detail.get("kind")
        if kind == ConflictKind.POSSIBLE_DUPLICATE:
            return self.tr("The same person may have been typed on two laptops; both are kept.")
        if kind == ConflictKind.DELETE_VS_EDIT:
            return self.tr("A delete met an edit from another laptop: the record was kept.")
        if kind == ConflictKind.EDIT_VS_DELETE:
            return self.tr("An edit met a delete from another laptop: the record was kept.")
        fields = detail.get("fields") or {}
        if fields:
            parts = [
                self.tr("%1: kept “%2”, replaced “%3”")
                .replace("%1", name)
                .replace("%2", str(values.get("won")))
                .replace("%3", str(values.get("lost")))
                for name, values in fields.items()
            ]
            return "; ".join(parts)
        return json.dumps(detail)

    def _selected_seqs(self) -> list[int]:
        rows = {index.row() for index in self.attention_table.selectionModel().selectedRows()}
        return [self._parked[row].seq for row in sorted(rows) if row < len(self._parked)]

    def retry_selected(self) -> None:
        seqs = self._selected_seqs() or [op.seq for op in self._parked]
        store = self.context.store
        self.context.worker.run(
            lambda: retry_parked(store, seqs), self._after_retry, None, lane="store"
        )

    def _after_retry(self, _count: object) -> None:
        self.refresh_lists()
        self.controller.refresh()
        self.controller.sync_now()

    def discard_selected(self) -> None:
        seqs = self._selected_seqs()
        if not seqs:
            self.message_label.setText(self.tr("Select the changes to discard first."))
            return
        answer = QMessageBox.question(
            self,
            self.tr("Discard changes?"),
            self.tr("Discard 1 change? It will never reach the server. This cannot be undone.")
            if len(seqs) == 1
            else self.tr(
                "Discard %n changes? They will never reach the server. This cannot be undone.",
                "",
                len(seqs),
            ),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Discard:
            return
        store = self.context.store
        self.context.worker.run(
            lambda: discard_parked(store, seqs),
            self._after_discard,
            None,
            lane="store",
        )

    def _after_discard(self, _count: object) -> None:
        self.refresh_lists()
        self.controller.refresh()


__all__ = ["SyncPage"]
