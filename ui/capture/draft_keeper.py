"""The half-typed capture form, kept on disk so that a crash or a kill loses nothing.

The page calls `schedule` on every change (the draft is written `DRAFT_DELAY_MS` after the last
one) and `flush` on every focus change and when it hides. A form with nothing typed on it
removes the file instead. Writes run on the worker's "io" lane (`hexikit.records.drafts`
writes atomically); the same text is never written twice.

At start, `restore` reads the file and hands a draft with typed text back to the page, unless
the person has already started typing: theirs wins.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from hexikit.records.drafts import CaptureDraft, clear_draft, load_draft, save_draft
from hexikit.ui.worker import Worker

log = logging.getLogger(__name__)

DRAFT_DELAY_MS = 300


class DraftKeeper(QObject):
    """Writes the form's draft file (debounced) and reads it back once.

    Signals:
        written(bool): the draft file was written (True) or removed (False).
    """

    written = Signal(bool)

    def __init__(
        self,
        folder: Path,
        read_form: Callable[[], CaptureDraft],
        worker: Worker,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._folder = folder
        self._read_form = read_form
        self._worker = worker
        #: what the file holds now (as far as this keeper knows), so no write repeats it
        self._last_json = CaptureDraft().to_json()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DRAFT_DELAY_MS)
        self._timer.timeout.connect(self.flush)

    def schedule(self) -> None:
        """The form changed: write it once the typing pauses."""
        self._timer.start()

    def flush(self) -> None:
        """Write the form to the draft file now (or remove the file when nothing is typed)."""
        self._timer.stop()
        draft = self._read_form()
        if not draft.has_typed_text():
            draft = CaptureDraft()
        text = draft.to_json()
        if text == self._last_json:
            return
        self._last_json = text
        folder = self._folder
        keep = draft.has_typed_text()

        def write() -> None:
            if keep:
                save_draft(folder, draft)
            else:
                clear_draft(folder)

        # With this keeper as the receiver, results that come back after the page (and so
        # the keeper) was deleted are dropped; the write itself still completes.
        self._worker.run(
            write, lambda _result: self.written.emit(keep), self._failed, lane="io", receiver=self
        )

    def _failed(self, error: BaseException) -> None:
        # The draft is a safety net; the store save reports disk problems itself.
        log.warning("could not write the capture draft: %s", error)
        self._last_json = ""

    def restore(self, put_back: Callable[[CaptureDraft], None]) -> None:
        """Read the draft an earlier run left, and give it to `put_back` if it is worth it."""
        folder = self._folder
        self._worker.run(
            lambda: load_draft(folder),
            lambda draft: self._loaded(draft, put_back),
            lane="io",
            receiver=self,
        )

    def _loaded(self, draft: CaptureDraft | None, put_back: Callable[[CaptureDraft], None]) -> None:
        if draft is None or not draft.has_typed_text():
            return
        if self._read_form().has_typed_text():
            return  # the person already started typing; theirs wins
        self._last_json = draft.to_json()  # it is on disk already
        put_back(draft)
