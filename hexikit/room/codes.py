"""Secrets of an open room: the join code, the phones' ids, the form's CSRF tokens.

The join code is 13 characters of Crockford base32 (65 random bits), typeable from the
projector: no I, L, O or U, and reading is forgiving (case, O for 0, I or L for 1). It lives
only as long as the room is open. A phone's id is a random cookie value; the store keeps only
its SHA-256. The CSRF token of a form is an HMAC of the phone's id under the room's secret,
so it is worthless to anyone without that phone's cookie, and dies with the room.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford base32, lower case
CODE_LENGTH = 13  # 13 x 5 = 65 bits
CODE_BITS = CODE_LENGTH * 5
_READ_AS = str.maketrans({"o": "0", "i": "1", "l": "1"})


def new_join_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed: str) -> str:
    """The code as typed (any case, O for 0, I or L for 1, dashes and spaces dropped)."""
    return typed.strip().lower().replace("-", "").replace(" ", "").translate(_READ_AS)


def codes_match(typed: str, code: str) -> bool:
    """True when `typed` is the room's code (compared in constant time)."""
    return hmac.compare_digest(normalise_code(typed).encode(), code.encode())


def new_phone_id() -> str:
    return secrets.token_urlsafe(24)


def phone_hash(phone_id: str) -> str:
    """What the store keeps of a phone's cookie."""
    return hashlib.sha256(phone_id.encode("utf-8")).hexdigest()


def new_room_secret() -> bytes:
    return secrets.token_bytes(32)


def csrf_token(secret: bytes, phone_id: str) -> str:
    return hmac.new(secret, phone_id.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def csrf_ok(secret: bytes, phone_id: str, token: str) -> bool:
    if not phone_id or not token:
        return False
    return hmac.compare_digest(csrf_token(secret, phone_id).encode(), token.encode())


def new_post_key() -> str:
    """A new entry form's one-time key."""
    return secrets.token_urlsafe(16)


def clean_post_key(value: str) -> str:
    """A posted key as stored: a plain token of at most 64 characters, or ""."""
    value = value.strip()
    ok = 0 < len(value) <= 64 and all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in value)
    return value if ok else ""
