"""How a sync cycle ends: the errors that stop it and the report it leaves."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class SyncError(Exception):
    """Sync stopped; the message says what to do. Nothing local is lost."""


class InsecureServerURL(SyncError):
    pass


class ServerUnreachable(SyncError):
    pass


class AuthRequired(SyncError):
    pass


class SyncTimeout(ServerUnreachable):
    """The sync's overall deadline passed: what is left waits for the next sync."""


class ReportStatus(StrEnum):
    """Where things stand after one sync cycle."""

    UP_TO_DATE = "up_to_date"
    #: The cycle finished, yet operations wait (recorded while it ran).
    PENDING = "pending"
    #: The server refused some operations: they are parked until the user retries or discards.
    NEEDS_ATTENTION = "needs_attention"
    #: The server could not be reached (ServerUnreachable): operations wait.
    OFFLINE = "offline"
    #: The server refused the device token (AuthRequired).
    AUTH = "auth"


@dataclass
class SyncReport:
    """What one sync cycle did and where things stand."""

    status: ReportStatus
    pushed: int = 0
    pulled: int = 0
    parked_now: int = 0
    conflicts: int = 0
    pending: int = 0
    parked: int = 0
    #: Changes pulled this time that this laptop could not use (logged on the Sync page).
    unapplied_now: int = 0
    message: str = ""
