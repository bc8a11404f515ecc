"""The HTTP side of the client: the server address check, retries with backoff, status codes.

Network errors, timeouts, 408, 409 (still running), 425, 429 and 5xx are retried with full
jitter backoff (Retry-After honoured); 401/403 stop and ask for the token. Redirects are never
followed (a Wi-Fi login page is "offline", and the token never goes to another host).
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from datetime import datetime
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit

import requests

from hexikit.base.clock import SYSTEM_CLOCK, Clock
from hexikit.base.i18n import _
from hexikit.sync.client.outcome import (
    AuthRequired,
    InsecureServerURL,
    ServerUnreachable,
    SyncTimeout,
)
from hexikit.sync.protocol import SERVICE_NAME

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset(
    {
        HTTPStatus.REQUEST_TIMEOUT,
        HTTPStatus.CONFLICT,  # the batch is still being applied
        HTTPStatus.TOO_EARLY,
        HTTPStatus.TOO_MANY_REQUESTS,
    }
)
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


def check_server_url(url: str) -> str:
    """The URL without a trailing slash; HTTPS required except for this computer."""
    cleaned = url.strip().rstrip("/")
    parts = urlsplit(cleaned)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InsecureServerURL(
            _("The server address must look like https://sync.example.org (got {url}).").format(
                url=url
            )
        )
    if parts.scheme == "http" and parts.hostname not in LOCAL_HOSTS:
        raise InsecureServerURL(
            _(
                "The server address must start with https:// (plain http is only allowed for "
                "a server on this computer). Check the address in Sync settings."
            )
        )
    if parts.username or parts.password:
        raise InsecureServerURL(_("Put the device token in the token box, not in the address."))
    return cleaned


class Backoff:
    """Full jitter: sleep a random time in [0, min(cap, base * 2**attempt)]."""

    def __init__(self, rng: random.Random, base: float = 0.5, cap: float = 60.0) -> None:
        self.rng = rng
        self.base = base
        self.cap = cap

    def delay(self, attempt: int) -> float:
        return self.rng.uniform(0.0, min(self.cap, self.base * (2 ** min(attempt, 30))))


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (delta seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - now).total_seconds())


class ServerSession:
    """An authenticated HTTP session with one sync server (token, TLS, timeouts, retries)."""

    def __init__(
        self,
        server_url: str,
        token: str,
        *,
        ca_bundle: str | None = None,
        connect_timeout: float = 5.0,
        read_timeout: float = 30.0,
        clock: Clock = SYSTEM_CLOCK,
        rng: random.Random | None = None,
        sleep: Callable[[float], None] = time.sleep,
        max_attempts: int | None = 6,
        backoff_cap: float = 60.0,
        deadline: float | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.base_url = check_server_url(server_url)
        #: Seconds this session may take in all (None: no limit); requests and waits shrink to
        #: fit and the session gives up with SyncTimeout when it is spent.
        self.deadline = deadline
        self._monotonic = monotonic
        self._started = monotonic()
        if not token:
            raise AuthRequired(_("Enter the device token for this server in Sync settings."))
        self._token = token
        self.verify: bool | str = ca_bundle or True
        self.timeout = (connect_timeout, read_timeout)
        self.clock = clock
        self.backoff = Backoff(rng or random.Random(), cap=backoff_cap)
        self.sleep = sleep
        self.max_attempts = max_attempts
        self.http = requests.Session()
        self.http.trust_env = False  # no proxies or .netrc credentials from the environment
        self.http.headers.update({"User-Agent": "Hexikit-sync/1"})

    def __repr__(self) -> str:  # never show the token
        return f"{type(self).__name__}({self.base_url!r})"

    def close(self) -> None:
        self.http.close()

    def _headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {self._token}", "Accept": "application/json"}
        headers.update(extra or {})
        return headers

    def _call(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        params: dict[str, Any] | None = None,
    ) -> tuple[int, Any]:
        """One request, retried while the outcome is transient; returns (status, JSON)."""
        attempt = 0
        while True:
            retry_after: float | None = None
            timeout = self._timeout_left()
            try:
                response = self.http.request(
                    method,
                    self.base_url + path,
                    data=body,
                    headers=self._headers(headers),
                    params=params,
                    timeout=timeout,
                    allow_redirects=False,
                    verify=self.verify,
                )
            except requests.exceptions.SSLError as exc:
                raise ServerUnreachable(
                    _(
                        "The server's certificate could not be verified ({error}). Check the "
                        "address, or configure the server's CA bundle."
                    ).format(error=type(exc).__name__)
                ) from None
            except requests.RequestException as exc:
                reason = _("no connection ({error})").format(error=type(exc).__name__)
            else:
                code = response.status_code
                if code in (HTTPStatus.UNAUTHORIZED, HTTPStatus.FORBIDDEN):
                    raise AuthRequired(
                        _(
                            "The server refused the device token. Enter a valid token in Sync "
                            "settings (ask the server's administrator for one)."
                        )
                    )
                if code in RETRY_STATUSES or code >= HTTPStatus.INTERNAL_SERVER_ERROR:
                    reason = _("the server answered {code}").format(code=code)
                    retry_after = parse_retry_after(
                        response.headers.get("Retry-After"), self.clock.now()
                    )
                elif 300 <= code < 400:  # never followed (allow_redirects=False)
                    reason = _(
                        "the network redirected the request (a Wi-Fi login page?); sign in "
                        "to the network first"
                    )
                else:
                    try:
                        data = response.json()
                    except ValueError:
                        reason = _("the answer was not the sync server's (not JSON)")
                    else:
                        return code, data
            attempt += 1
            if self.max_attempts is not None and attempt >= self.max_attempts:
                raise ServerUnreachable(
                    _("Could not reach the sync server: {reason}. Will try again later.").format(
                        reason=reason
                    )
                )
            delay = retry_after if retry_after is not None else self.backoff.delay(attempt)
            left = self.seconds_left()
            if left is not None and delay >= left:
                raise SyncTimeout(self._timeout_message(reason))
            log.info("sync: %s; retrying in %.1f s", reason, delay)
            self.sleep(min(delay, 3600.0))

    def seconds_left(self) -> float | None:
        """What is left of the deadline (None without one)."""
        if self.deadline is None:
            return None
        return self.deadline - (self._monotonic() - self._started)

    def _timeout_message(self, reason: str) -> str:
        return _(
            "Sync stopped after {seconds:g} s ({reason}). What is not sent yet waits on this "
            "laptop and goes with the next sync."
        ).format(seconds=self.deadline or 0, reason=reason)

    def _timeout_left(self) -> tuple[float, float]:
        """The (connect, read) timeouts of the next request, cut to the deadline's rest."""
        left = self.seconds_left()
        if left is None:
            return self.timeout
        if left <= 0:
            raise SyncTimeout(self._timeout_message(_("time is up")))
        return (min(self.timeout[0], left), min(self.timeout[1], left))

    def health(self) -> bool:
        """True when the sync server (not a captive portal) answers /health."""
        try:
            response = self.http.get(
                self.base_url + "/health",
                timeout=self.timeout,
                allow_redirects=False,
                verify=self.verify,
            )
            data = response.json()
        except (requests.RequestException, ValueError):
            return False
        return (
            response.status_code == HTTPStatus.OK
            and isinstance(data, dict)
            and data.get("service") == SERVICE_NAME
        )
