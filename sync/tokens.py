"""The device token: kept by `keyring`, or in memory only when no keyring backend exists.

Never written to a plaintext file (not in settings, not in the data folder).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from typing import Any

log = logging.getLogger(__name__)

SERVICE = "hexikit-sync"

_memory: dict[str, str] = {}
_lock = threading.Lock()


def _keyring() -> tuple[Any, type[Exception]]:
    """keyring is imported on first use: its backend discovery is slow at start-up."""
    import keyring
    from keyring.errors import KeyringError

    return keyring, KeyringError


def _account(server_url: str) -> str:
    return server_url.rstrip("/") or "default"


def get_token(server_url: str) -> str | None:
    account = _account(server_url)
    with _lock:
        if account in _memory:
            return _memory[account]
    keyring, keyring_error = _keyring()
    try:
        token: str | None = keyring.get_password(SERVICE, account)
    except (keyring_error, RuntimeError) as exc:
        log.info("no keyring available (%s); the token is kept for this session only", type(exc))
        return None
    return token


def set_token(server_url: str, token: str) -> bool:
    """Store the token; True when it is in the keyring, False when only in memory."""
    account = _account(server_url)
    keyring, keyring_error = _keyring()
    try:
        keyring.set_password(SERVICE, account, token)
    except (keyring_error, RuntimeError) as exc:
        log.info("no keyring available (%s); keeping the token in memory only", type(exc))
        with _lock:
            _memory[account] = token
        return False
    with _lock:
        _memory.pop(account, None)
    return True


def forget_token(server_url: str) -> None:
    account = _account(server_url)
    with _lock:
        _memory.pop(account, None)
    keyring, keyring_error = _keyring()
    with contextlib.suppress(keyring_error, RuntimeError):
        keyring.delete_password(SERVICE, account)


def keyring_available() -> bool:
    keyring, keyring_error = _keyring()
    try:
        backend = keyring.get_keyring()
    except (keyring_error, RuntimeError):
        return False
    priority = getattr(backend, "priority", 0)
    return bool(priority and priority > 0)
