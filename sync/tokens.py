"""The device token: kept by `keyring`, or in memory only when no keyring backend exists.

Never written to a plaintext file (not in settings, not in the data folder).
"""

from __future__ import annotations

import contextlib
import logging
import threading

import keyring
from keyring.errors import KeyringError

log = logging.getLogger(__name__)

SERVICE = "hexikit-sync"

_memory: dict[str, str] = {}
_lock = threading.Lock()


def _account(server_url: str) -> str:
    return server_url.rstrip("/") or "default"


def get_token(server_url: str) -> str | None:
    account = _account(server_url)
    with _lock:
        if account in _memory:
            return _memory[account]
    try:
        return keyring.get_password(SERVICE, account)
    except (KeyringError, RuntimeError) as exc:
        log.info("no keyring available (%s); the token is kept for this session only", type(exc))
        return None


def set_token(server_url: str, token: str) -> bool:
    """Store the token; True when it is in the keyring, False when only in memory."""
    account = _account(server_url)
    try:
        keyring.set_password(SERVICE, account, token)
    except (KeyringError, RuntimeError) as exc:
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
    with contextlib.suppress(KeyringError, RuntimeError):
        keyring.delete_password(SERVICE, account)


def keyring_available() -> bool:
    try:
        backend = keyring.get_keyring()
    except (KeyringError, RuntimeError):
        return False
    priority = getattr(backend, "priority", 0)
    return bool(priority and priority > 0)
