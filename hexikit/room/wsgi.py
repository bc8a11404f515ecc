"""The room's WSGI app: the join page, the phones' posts, and the rules that keep a shared
network safe.

Routes, all under the join path `/j/<code>` (anything else, or a wrong code: 404):

* `GET /j/<code>`: the page (form, this phone's own entries, a confirmation after adding).
* `POST /j/<code>/entries`: add. JSON (`application/json`) answers 201 `{"id"}`; the HTML form
  (with its CSRF token) answers 303 back to the page, which confirms.
* `GET|POST /j/<code>/entries/<id>`: correct one of this phone's own entries.

Limits: bodies over 64 KB are refused (413) before they are read; more than 30 posts a minute
from one address are refused (429); invalid fields answer 400 naming each; a form without its
token, or a post from another origin, 403. Nothing is stored on any refusal. Nothing of the
app's data can be read: a phone sees only its own entries, found by its cookie. Every page
carries a strict Content-Security-Policy.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections import deque
from collections.abc import Callable, Iterable
from http import HTTPStatus
from http.cookies import CookieError, SimpleCookie
from typing import Any
from urllib.parse import parse_qs

from hexikit.base.clock import SYSTEM_CLOCK, Clock
from hexikit.base.i18n import _
from hexikit.records.domain import ValidationError
from hexikit.room import codes
from hexikit.room.entries import (
    FIELDS,
    EntryNotFound,
    EventClosed,
    PhonePost,
    correct_phone_entry,
    parse_post,
    phone_view,
    save_phone_entry,
)
from hexikit.room.pages import CSP, FormState, correct_page, join_page, message_page
from hexikit.store import Store, StoreError

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 64 * 1024
POSTS_PER_MINUTE = 30
COOKIE = "hexikit_phone"
COOKIE_SECONDS = 12 * 60 * 60

StartResponse = Callable[..., Any]
Environ = dict[str, Any]

_ROUTE = re.compile(r"^/j/([^/]{1,64})(/entries(?:/([0-9a-f-]{36}))?)?/?$")

_SECURITY_HEADERS = [
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "same-origin"),
    ("Cache-Control", "no-store"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
]


class RateLimiter:
    """At most `limit` events per `window` seconds per key (a sliding window), thread-safe."""

    def __init__(self, limit: int, window: float, clock: Clock, max_keys: int = 10_000) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self.max_keys = max_keys
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> tuple[bool, int]:
        """(allowed, seconds to wait when not): every call counts as one attempt if allowed."""
        now = self.clock.monotonic()
        with self._lock:
            times = self._seen.get(key)
            if times is None:
                if len(self._seen) >= self.max_keys:
                    self._prune(now)
                times = self._seen[key] = deque()
            while times and now - times[0] >= self.window:
                times.popleft()
            if len(times) >= self.limit:
                return False, max(1, int(self.window - (now - times[0])) + 1)
            times.append(now)
            return True, 0

    def _prune(self, now: float) -> None:
        for key in [k for k, t in self._seen.items() if not t or now - t[-1] >= self.window]:
            del self._seen[key]
        while len(self._seen) >= self.max_keys:  # still full: forget the oldest
            del self._seen[next(iter(self._seen))]


class _Refusal(Exception):
    def __init__(self, status: HTTPStatus, error: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message


def _status(status: HTTPStatus) -> str:
    return f"{status.value} {status.phrase}"


class RoomApp:
    """The WSGI app of one open room for `event_id`.

    `on_saved(activity_id)` is called (on the server's thread) after every stored entry, so
    the laptop can refresh at once. `close()` kills the join code: every request after it is
    answered 404, whatever the server is still doing.
    """

    def __init__(
        self,
        store: Store,
        event_id: str,
        clock: Clock = SYSTEM_CLOCK,
        on_saved: Callable[[str], None] | None = None,
        posts_per_minute: int = POSTS_PER_MINUTE,
        code: str | None = None,
    ) -> None:
        self.store = store
        self.event_id = event_id
        self.on_saved = on_saved
        self.code: str | None = code or codes.new_join_code()
        self._secret = codes.new_room_secret()
        self.limiter = RateLimiter(posts_per_minute, 60.0, clock)
        #: "host:port" the server listens on (set by the server once bound): requests naming
        #: any other host are refused, so a web page on a rebound domain cannot reach the room.
        self.allowed_host = ""

    @property
    def join_path(self) -> str:
        return f"/j/{self.code}" if self.code else ""

    def close(self) -> None:
        self.code = None

    # ------------------------------------------------------------------ WSGI

    def __call__(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        try:
            return self._route(environ, start_response)
        except _Refusal as refusal:
            return self._refuse(environ, start_response, refusal)
        except Exception:  # never show a trace to a phone; the laptop's log has it
            log.exception("the room could not answer a request")
            failure = _Refusal(
                HTTPStatus.INTERNAL_SERVER_ERROR,
                "server_error",
                _("Something went wrong on the laptop. Please try again."),
            )
            return self._refuse(environ, start_response, failure)

    def _route(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        method = str(environ.get("REQUEST_METHOD", "GET")).upper()
        if self.allowed_host and str(environ.get("HTTP_HOST", "")).lower() != self.allowed_host:
            raise _Refusal(
                HTTPStatus.FORBIDDEN,
                "wrong_host",
                _("Open the room with the address shown on the screen."),
            )
        match = _ROUTE.match(str(environ.get("PATH_INFO", "")))
        code = self.code
        if match is None or code is None or not codes.codes_match(match.group(1), code):
            raise _Refusal(
                HTTPStatus.NOT_FOUND,
                "not_found",
                _(
                    "This room is closed, or the address is not quite right. Scan the code on "
                    "the screen again."
                ),
            )
        base = f"/j/{code}"
        entries, entry_id = match.group(2), match.group(3) or ""
        if method in ("GET", "HEAD"):
            if entries and not entry_id:
                return self._redirect(start_response, base, [])
            return self._show(environ, start_response, base, entry_id)
        if method != "POST" or not entries:
            raise _Refusal(
                HTTPStatus.METHOD_NOT_ALLOWED, "method", _("This address does not take that.")
            )
        return self._post(environ, start_response, base, entry_id)

    # ------------------------------------------------------------------ reading

    def _phone(self, environ: Environ) -> str:
        raw = str(environ.get("HTTP_COOKIE", ""))
        if not raw:
            return ""
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(raw)
        except CookieError:
            return ""
        morsel = jar.get(COOKIE)
        value = morsel.value if morsel is not None else ""
        return value if 20 <= len(value) <= 64 else ""

    def _cookie_header(self, phone_id: str) -> tuple[str, str]:
        return (
            "Set-Cookie",
            f"{COOKIE}={phone_id}; Path=/; Max-Age={COOKIE_SECONDS}; HttpOnly; SameSite=Lax",
        )

    def _show(
        self, environ: Environ, start_response: StartResponse, base: str, entry_id: str
    ) -> Iterable[bytes]:
        phone_id = self._phone(environ)
        headers: list[tuple[str, str]] = []
        if not phone_id:
            phone_id = codes.new_phone_id()
            headers.append(self._cookie_header(phone_id))
        view = self._view(phone_id)
        csrf = codes.csrf_token(self._secret, phone_id)
        state = FormState(name=view.name, consent=view.consent)
        if entry_id:
            entry = next((e for e in view.entries if e.id == entry_id), None)
            if entry is None:
                raise _Refusal(
                    HTTPStatus.NOT_FOUND,
                    "not_found",
                    _("That entry is not one of yours, or it was removed."),
                )
            state.kind, state.title, state.description = entry.kind, entry.title, entry.description
            state.categories, state.regions = list(entry.categories), list(entry.regions)
            page = correct_page(base, csrf, entry_id, state)
        else:
            query = parse_qs(str(environ.get("QUERY_STRING", "")), max_num_fields=5)
            added = (query.get("added") or [""])[0]
            saved = next((e.title for e in view.entries if e.id == added), "")
            state.post_key = codes.new_post_key()
            page = join_page(base, csrf, view.event_title, state, view.entries, saved)
        return self._html(start_response, HTTPStatus.OK, page, headers)

    def _view(self, phone_id: str) -> Any:
        try:
            return phone_view(self.store, self.event_id, codes.phone_hash(phone_id))
        except EventClosed as exc:
            raise _Refusal(HTTPStatus.GONE, "closed", str(exc)) from exc

    # ------------------------------------------------------------------ writing

    def _read_body(self, environ: Environ) -> bytes:
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        too_large = _Refusal(
            HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
            "too_large",
            _("That is too much text for one entry (the limit is 64 KB)."),
        )
        if length > MAX_BODY_BYTES:
            raise too_large
        stream = environ["wsgi.input"]
        body: bytes = stream.read(length) if length else stream.read(MAX_BODY_BYTES + 1)
        if len(body) > MAX_BODY_BYTES:
            raise too_large
        return body

    def _check_origin(self, environ: Environ) -> None:
        origin = str(environ.get("HTTP_ORIGIN", ""))
        host = str(environ.get("HTTP_HOST", ""))
        if origin and origin != f"http://{host}":
            raise _Refusal(
                HTTPStatus.FORBIDDEN, "forbidden", _("Posts come only from the room's own page.")
            )

    def _post(
        self, environ: Environ, start_response: StartResponse, base: str, entry_id: str
    ) -> Iterable[bytes]:
        allowed, wait = self.limiter.allow(str(environ.get("REMOTE_ADDR", "")))
        if not allowed:
            refusal = _Refusal(
                HTTPStatus.TOO_MANY_REQUESTS,
                "too_many",
                _("Too many posts from this phone in a minute: wait a moment and try again."),
            )
            return self._refuse(environ, start_response, refusal, [("Retry-After", str(wait))])
        self._check_origin(environ)
        content_type = str(environ.get("CONTENT_TYPE", "")).split(";")[0].strip().lower()
        if content_type == "application/json":
            return self._post_json(environ, start_response, entry_id)
        if content_type == "application/x-www-form-urlencoded":
            return self._post_form(environ, start_response, base, entry_id)
        raise _Refusal(
            HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
            "media_type",
            _("Send the form, or JSON (application/json)."),
        )

    def _store(self, phone_id: str, entry_id: str, post: PhonePost, post_key: str = "") -> str:
        """Write the post; raises _Refusal for what a phone should be told."""
        phone = codes.phone_hash(phone_id)
        try:
            if entry_id:
                saved = correct_phone_entry(self.store, self.event_id, phone, entry_id, post)
            else:
                saved = save_phone_entry(self.store, self.event_id, phone, post, post_key)
        except EntryNotFound as exc:
            raise _Refusal(HTTPStatus.NOT_FOUND, "not_found", str(exc)) from exc
        except EventClosed as exc:
            raise _Refusal(HTTPStatus.GONE, "closed", str(exc)) from exc
        except StoreError as exc:
            log.warning("a phone's entry was not saved: %s", exc)
            raise _Refusal(
                HTTPStatus.SERVICE_UNAVAILABLE,
                "not_saved",
                _("The laptop could not save this just now. Please press the button again."),
            ) from exc
        if self.on_saved is not None:
            try:
                self.on_saved(saved)
            except Exception:  # the laptop's refresh must never undo a phone's answer
                log.exception("on_saved failed")
        return saved

    def _post_json(
        self, environ: Environ, start_response: StartResponse, entry_id: str
    ) -> Iterable[bytes]:
        body = self._read_body(environ)
        try:
            fields = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise _Refusal(
                HTTPStatus.BAD_REQUEST, "bad_json", _("The body must be a JSON object.")
            ) from exc
        if not isinstance(fields, dict):
            raise _Refusal(HTTPStatus.BAD_REQUEST, "bad_json", _("The body must be a JSON object."))
        try:
            post = parse_post(fields)
        except ValidationError as exc:
            return self._json(
                start_response,
                HTTPStatus.BAD_REQUEST,
                {"error": "invalid", "fields": exc.problems},
            )
        headers: list[tuple[str, str]] = []
        phone_id = self._phone(environ)
        if not phone_id:
            phone_id = codes.new_phone_id()
            headers.append(self._cookie_header(phone_id))
        key = codes.clean_post_key(str(environ.get("HTTP_IDEMPOTENCY_KEY", "")))
        saved = self._store(phone_id, entry_id, post, key)
        status = HTTPStatus.OK if entry_id else HTTPStatus.CREATED
        return self._json(start_response, status, {"id": saved}, headers)

    def _post_form(
        self, environ: Environ, start_response: StartResponse, base: str, entry_id: str
    ) -> Iterable[bytes]:
        body = self._read_body(environ)
        try:
            form = parse_qs(
                body.decode("utf-8"), keep_blank_values=True, max_num_fields=2 * len(FIELDS) + 40
            )
        except (UnicodeDecodeError, ValueError) as exc:
            raise _Refusal(
                HTTPStatus.BAD_REQUEST, "bad_form", _("The form could not be read.")
            ) from exc
        first = {
            key: (form.get(key) or [""])[0] for key in ("kind", "title", "name", "description")
        }
        fields: dict[str, Any] = {
            **first,
            "consent": "yes" in form.get("consent", []),
            "categories": form.get("categories", []),
            "regions": form.get("regions", []),
        }
        state = FormState(
            kind=first["kind"],
            title=first["title"],
            name=first["name"],
            description=first["description"],
            consent=bool(fields["consent"]),
            categories=list(fields["categories"]),
            regions=list(fields["regions"]),
            post_key=codes.clean_post_key((form.get("post_key") or [""])[0]),
        )
        if not entry_id and not state.post_key:
            state.post_key = codes.new_post_key()
        phone_id = self._phone(environ)
        token = (form.get("csrf") or [""])[0]
        if not codes.csrf_ok(self._secret, phone_id, token):
            # Expired page (the room was restarted) or no cookie: nothing stored, and what
            # was typed comes back with a fresh token.
            headers = [] if phone_id else [self._cookie_header(phone_id := codes.new_phone_id())]
            notice = _(
                "This page had expired, so nothing was added yet. Your text is still here: "
                "press the button again. (If this keeps happening, allow cookies for this page.)"
            )
            return self._form_again(
                start_response,
                HTTPStatus.FORBIDDEN,
                base,
                phone_id,
                entry_id,
                state,
                notice,
                headers,
            )
        try:
            post = parse_post(fields)
        except ValidationError as exc:
            state.problems = exc.problems
            return self._form_again(
                start_response, HTTPStatus.BAD_REQUEST, base, phone_id, entry_id, state, "", []
            )
        try:
            saved = self._store(phone_id, entry_id, post, "" if entry_id else state.post_key)
        except _Refusal as refusal:
            if refusal.status != HTTPStatus.SERVICE_UNAVAILABLE:
                raise
            return self._form_again(
                start_response, refusal.status, base, phone_id, entry_id, state, refusal.message, []
            )
        return self._redirect(start_response, f"{base}?added={saved}", [])

    def _form_again(
        self,
        start_response: StartResponse,
        status: HTTPStatus,
        base: str,
        phone_id: str,
        entry_id: str,
        state: FormState,
        notice: str,
        headers: list[tuple[str, str]],
    ) -> Iterable[bytes]:
        csrf = codes.csrf_token(self._secret, phone_id)
        if entry_id:
            page = correct_page(base, csrf, entry_id, state, notice)
        else:
            view = self._view(phone_id)
            page = join_page(base, csrf, view.event_title, state, view.entries, notice=notice)
        return self._html(start_response, status, page, headers)

    # ------------------------------------------------------------------ answers

    def _wants_json(self, environ: Environ) -> bool:
        content_type = str(environ.get("CONTENT_TYPE", "")).lower()
        accept = str(environ.get("HTTP_ACCEPT", "")).lower()
        return "application/json" in content_type or (
            "application/json" in accept and "text/html" not in accept
        )

    def _refuse(
        self,
        environ: Environ,
        start_response: StartResponse,
        refusal: _Refusal,
        headers: list[tuple[str, str]] | None = None,
    ) -> Iterable[bytes]:
        if self._wants_json(environ):
            body = {"error": refusal.error, "message": refusal.message}
            return self._json(start_response, refusal.status, body, headers or [])
        page = message_page(_("Not added"), refusal.message)
        return self._html(start_response, refusal.status, page, headers or [])

    def _html(
        self,
        start_response: StartResponse,
        status: HTTPStatus,
        page: str,
        headers: list[tuple[str, str]],
    ) -> Iterable[bytes]:
        body = page.encode("utf-8")
        start_response(
            _status(status),
            [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Length", str(len(body))),
                *_SECURITY_HEADERS,
                *headers,
            ],
        )
        return [body]

    def _json(
        self,
        start_response: StartResponse,
        status: HTTPStatus,
        payload: dict[str, Any],
        headers: list[tuple[str, str]] | None = None,
    ) -> Iterable[bytes]:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        start_response(
            _status(status),
            [
                ("Content-Type", "application/json; charset=utf-8"),
                ("Content-Length", str(len(body))),
                *_SECURITY_HEADERS,
                *(headers or []),
            ],
        )
        return [body]

    def _redirect(
        self, start_response: StartResponse, location: str, headers: list[tuple[str, str]]
    ) -> Iterable[bytes]:
        start_response(
            _status(HTTPStatus.SEE_OTHER),
            [("Location", location), ("Content-Length", "0"), *_SECURITY_HEADERS, *headers],
        )
        return [b""]
