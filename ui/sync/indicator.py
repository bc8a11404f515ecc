"""The sync controller (one per app) and the always-visible indicator in the status bar.

The controller runs every sync through `context.worker.run(..., lane="network")`, so the GUI
never waits on the network. It syncs on "Sync now", on a timer, a little after local
changes, and when connectivity returns: QNetworkInformation is only a hint, the /health probe
decides.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QToolButton, QWidget

from hexikit.records.domain import EntityType
from hexikit.sync import tokens
from hexikit.sync.client.outcome import ReportStatus, SyncReport
from hexikit.ui.context import AppContext

if TYPE_CHECKING:
    from hexikit.sync.client.run import SyncClient


def sync_client_class() -> type[SyncClient]:
    """SyncClient, imported on first use (requests is slow to import)."""
    from hexikit.sync.client.run import SyncClient

    return SyncClient


log = logging.getLogger(__name__)


def _read_sync_status(store: Any) -> dict[str, Any]:
    # Imported on the worker thread: the sync state reads SQLAlchemy, which the first paint
    # need not wait for.
    from hexikit.sync.client.state import status

    return status(store)


def _pulled_kinds(report: SyncReport) -> Iterable[EntityType]:
    """A pull may bring any kind of record: every page refreshes when one brought anything."""
    return tuple(EntityType) if report.pulled else ()


class IndicatorState(StrEnum):
    """What the indicator shows: the controller's `state`."""

    NOT_SET_UP = "not_set_up"
    OFFLINE = "offline"
    SYNCING = "syncing"
    UP_TO_DATE = "up_to_date"
    WAITING = "waiting"
    NEEDS_ATTENTION = "needs_attention"


AUTO_SYNC_MS = 5 * 60 * 1000
PROBE_MS = 30 * 1000
AFTER_CHANGE_MS = 15 * 1000

_COLOURS = {
    IndicatorState.NOT_SET_UP: "#8a8a8a",
    IndicatorState.OFFLINE: "#8a8a8a",
    IndicatorState.SYNCING: "#2f6fd6",
    IndicatorState.UP_TO_DATE: "#2e8b57",
    IndicatorState.WAITING: "#c98a00",
    IndicatorState.NEEDS_ATTENTION: "#c0392b",
}


class SyncController(QObject):
    """State of sync for this laptop, and the one place that starts a sync.

    Signals:
        stateChanged(str): an IndicatorState (not_set_up, offline, syncing, waiting,
            up_to_date, needs_attention).
        statusChanged(): counts, last sync or the message changed.
        progressChanged(int, int): operations sent so far, operations to send.
        syncFinished(object): the SyncReport of a finished cycle.
        attentionChanged(): the needs-attention list or the conflict log may have changed.
        tokenSaved(): a token typed on the Sync page was stored (keyring or memory).
    """

    stateChanged = Signal(str)
    statusChanged = Signal()
    progressChanged = Signal(int, int)
    syncFinished = Signal(object)
    attentionChanged = Signal()
    tokenSaved = Signal()

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent or context)
        self.context = context
        self.state = IndicatorState.NOT_SET_UP
        self.status: dict[str, Any] = {"pending": 0, "parked": 0, "last_sync": ""}
        self.message = ""
        self.has_token = False
        #: Extra SyncClient options (tests inject a sleep that does not sleep).
        self.client_options: dict[str, Any] = {}
        self._running = False
        self._again = False
        #: How the last sync ended (None before the first, and after a new token).
        self._last_outcome: ReportStatus | None = None
        self._auto = QTimer(self)
        self._auto.setInterval(AUTO_SYNC_MS)
        self._auto.timeout.connect(self._auto_sync)
        self._probe_timer = QTimer(self)
        self._probe_timer.setInterval(PROBE_MS)
        self._probe_timer.timeout.connect(self.probe)
        self._after_change = QTimer(self)
        self._after_change.setSingleShot(True)
        self._after_change.setInterval(AFTER_CHANGE_MS)
        self._after_change.timeout.connect(self._auto_sync)
        context.storeChanged.connect(self._local_change)
        context.settingsChanged.connect(self._settings_changed)
        # Loading Qt's network backend takes ~12 ms: after the first paint.
        context.when_content_shown(self._watch_network)
        self._settings_changed()

    # -- configuration

    @property
    def needs_token(self) -> bool:
        """The server refused the token (401/403): sync waits for a new one."""
        return self._last_outcome == ReportStatus.AUTH

    @property
    def server_url(self) -> str:
        return self.context.settings.server_url

    def configure(self, server_url: str, token: str | None, auto_sync: bool) -> None:
        """Save the server URL (settings) and the token (keyring, or memory)."""
        self.context.settings.server_url = server_url.strip()
        self.context.settings.auto_sync = auto_sync
        self.context.save_settings()
        if token:
            url = server_url.strip()
            self.context.worker.run(
                lambda: tokens.set_token(url, token), self._token_saved, self._failed, lane="io"
            )
        else:
            self._load_token(sync_after=True)

    def _token_saved(self, _in_keyring: object) -> None:
        self.has_token = True
        self.message = ""
        self._last_outcome = None
        self._recompute()
        self.tokenSaved.emit()
        self.sync_now()

    def _settings_changed(self) -> None:
        if self.context.settings.auto_sync:
            self._auto.start()
        else:
            self._auto.stop()
            self._probe_timer.stop()
        self._load_token()

    def _load_token(self, sync_after: bool = False) -> None:
        url = self.server_url
        if not url:
            self.has_token = False
            self.refresh()
            return

        def found(token: object) -> None:
            self.has_token = bool(token)
            self.refresh()
            if sync_after and token:
                self.sync_now()

        self.context.worker.run(lambda: tokens.get_token(url), found, self._failed, lane="io")

    def _watch_network(self) -> None:
        try:
            from PySide6.QtNetwork import QNetworkInformation

            if not QNetworkInformation.loadDefaultBackend():
                return
            # Qt returns nullptr when no backend is loaded; PySide6's stub leaves out the None.
            info: QNetworkInformation | None = QNetworkInformation.instance()
        except (ImportError, RuntimeError):
            return
        if info is None:
            return

        def reachability(value: Any) -> None:
            # Only a hint: "Online" means a default route exists, not that the server answers.
            if value == QNetworkInformation.Reachability.Online:
                self.probe()

        info.reachabilityChanged.connect(reachability)

    # -- status

    def refresh(self) -> None:
        """Re-read the outbox counts (store lane)."""
        store = self.context.store
        self.context.worker.run(
            lambda: _read_sync_status(store),
            self._status_read,
            self._failed,
            lane="store",
        )

    def _status_read(self, facts: object) -> None:
        if isinstance(facts, dict):
            self.status = facts
        self._recompute()
        self.statusChanged.emit()

    def _recompute(self) -> None:
        if self._running:
            state = IndicatorState.SYNCING
        elif not self.server_url or not self.has_token:
            state = IndicatorState.NOT_SET_UP
        elif self.status.get("parked") or self._last_outcome == ReportStatus.AUTH:
            state = IndicatorState.NEEDS_ATTENTION
        elif self._last_outcome == ReportStatus.OFFLINE:
            state = IndicatorState.OFFLINE
        elif self.status.get("pending"):
            state = IndicatorState.WAITING
        else:
            state = IndicatorState.UP_TO_DATE
        if state == IndicatorState.OFFLINE and self.context.settings.auto_sync:
            self._probe_timer.start()
        else:
            self._probe_timer.stop()
        if state != self.state:
            self.state = state
            self.stateChanged.emit(state)

    # -- syncing

    def _local_change(self, _entity_type: str) -> None:
        self.refresh()
        if self.context.settings.auto_sync and self.state != IndicatorState.NOT_SET_UP:
            self._after_change.start()

    def _auto_sync(self) -> None:
        if self.context.settings.auto_sync:
            self.sync_now()

    def sync_now(self) -> None:
        """Start a sync cycle now (or right after the one running)."""
        if self._running:
            self._again = True
            return
        url = self.server_url
        if not url:
            self.message = self.tr("Enter the sync server's address in Sync settings.")
            self._recompute()
            self.statusChanged.emit()
            return
        self._running = True
        self._recompute()
        self.progressChanged.emit(0, 0)
        store = self.context.store
        folder: Path = self.context.data_dir
        progress = self.progressChanged.emit
        options = {"max_attempts": 3, "backoff_cap": 10.0, **self.client_options}

        def run() -> SyncReport:
            token = tokens.get_token(url)
            if not token:
                return SyncReport(
                    status=ReportStatus.AUTH, message="Enter the device token in Sync settings."
                )
            client = sync_client_class()(
                store,
                url,
                token,
                lock_path=folder / "sync.lock",
                progress=progress,
                **options,
            )
            try:
                return client.sync()
            finally:
                client.close()

        self.context.worker.run(
            run, self._finished, self._sync_failed, lane="network", changes=_pulled_kinds
        )

    def _finished(self, report: object) -> None:
        self._running = False
        if isinstance(report, SyncReport):
            self._last_outcome = report.status
            self.message = report.message
            if report.status == ReportStatus.AUTH:
                self.has_token = True  # a token exists but was refused: ask for a new one
            self.syncFinished.emit(report)
        self.attentionChanged.emit()
        self.refresh()
        if self._again:
            self._again = False
            self.sync_now()

    def _sync_failed(self, error: BaseException) -> None:
        self._running = False
        self._last_outcome = ReportStatus.OFFLINE
        self.message = str(error)
        self.refresh()

    def _failed(self, error: BaseException) -> None:
        log.warning("sync status failed: %s", error)

    def probe(self) -> None:
        """Ask /health (network lane); sync when the server answers."""
        url = self.server_url
        if not url or self._running:
            return

        def run() -> bool:
            token = tokens.get_token(url) or "probe"
            client = sync_client_class()(self.context.store, url, token, max_attempts=1)
            try:
                return client.health()
            finally:
                client.close()

        def answered(ok: object) -> None:
            if ok:
                self.sync_now()

        self.context.worker.run(run, answered, self._failed, lane="network")


def controller_for(context: AppContext) -> SyncController:
    """The one controller of this app (made on first use)."""
    existing = getattr(context, "_hexikit_sync_controller", None)
    if isinstance(existing, SyncController):
        return existing
    made = SyncController(context)
    context._hexikit_sync_controller = made  # type: ignore[attr-defined]
    return made


def _when(iso: str) -> str:
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return ""
    return moment.strftime("%H:%M")


class SyncIndicator(QWidget):
    """Offline / syncing / up to date / needs attention, pending count, last sync.

    Signals:
        openRequested(): the user clicked the indicator (show the Sync page).
    """

    openRequested = Signal()

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncIndicator")
        self.controller = controller
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(6)
        self.dot = QLabel("●")
        self.label = QLabel()
        self.label.setObjectName("syncIndicatorText")
        self.button = QToolButton()
        self.button.setText(self.tr("Sync now"))
        self.button.setAutoRaise(True)
        self.button.clicked.connect(controller.sync_now)
        layout.addWidget(self.dot)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        controller.stateChanged.connect(self._update)
        controller.statusChanged.connect(self._update)
        controller.progressChanged.connect(self._progress)
        self._update()

    def mousePressEvent(self, event: Any) -> None:
        self.openRequested.emit()
        super().mousePressEvent(event)

    def state_text(self) -> str:
        state = self.controller.state
        return {
            IndicatorState.NOT_SET_UP: self.tr("Sync not set up"),
            IndicatorState.OFFLINE: self.tr("Offline"),
            IndicatorState.SYNCING: self.tr("Syncing…"),
            IndicatorState.UP_TO_DATE: self.tr("Up to date"),
            IndicatorState.WAITING: self.tr("Waiting to sync"),
            IndicatorState.NEEDS_ATTENTION: self.tr("Needs attention"),
        }.get(state, state)

    def _update(self, *_args: object) -> None:
        status = self.controller.status
        parts = [self.state_text()]
        pending = int(status.get("pending") or 0)
        parked = int(status.get("parked") or 0)
        if pending:
            parts.append(self.tr("%n to send", "", pending))
        if parked:
            parts.append(self.tr("%n refused by the server", "", parked))
        last = _when(str(status.get("last_sync") or ""))
        if last:
            parts.append(self.tr("last sync %1").replace("%1", last))
        self.label.setText(" · ".join(parts))
        self.dot.setStyleSheet(f"color: {_COLOURS.get(self.controller.state, '#8a8a8a')};")
        tip = self.controller.message or self.state_text()
        self.setToolTip(tip)

    def _progress(self, done: int, total: int) -> None:
        if self.controller.state == IndicatorState.SYNCING and total:
            self.label.setText(
                self.tr("Syncing… %1 of %2").replace("%1", str(done)).replace("%2", str(total))
            )


def install_sync_indicator(window: QMainWindow, context: AppContext) -> SyncIndicator:
    """Put the indicator in the window's status bar (always visible)."""
    controller = controller_for(context)
    indicator = SyncIndicator(controller, window)
    window.statusBar().addPermanentWidget(indicator)
    show_page = getattr(window, "show_page", None)
    if callable(show_page):

        def open_sync_page() -> None:
            with contextlib.suppress(ValueError):
                show_page("SyncPage")

        indicator.openRequested.connect(open_sync_page)
    return indicator
