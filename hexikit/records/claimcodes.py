"""Claim codes: 8 characters of Crockford base32 (no I, L, O, U), made with `secrets`.

40 bits: guessing one of a few thousand live codes at the server's rate limit takes years.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 8
_DECODE_MAP = {"I": "1", "L": "1", "O": "0"}


def new_claim_code() -> str:
    # 8 base-32 characters are exactly 40 random bits: one draw, five bits per character
    # (a draw per character cost more than the row's insert on a big import).
    bits = secrets.randbits(5 * LENGTH)
    return "".join(ALPHABET[(bits >> (5 * place)) & 31] for place in range(LENGTH))


def normalise_claim_code(text: str) -> str | None:
    """Canonical form of a typed code (case, dashes, spaces, I/L/O read as 1/1/0), or None."""
    cleaned = "".join(ch for ch in text.upper() if ch not in " -")
    cleaned = "".join(_DECODE_MAP.get(ch, ch) for ch in cleaned)
    if len(cleaned) != LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return None
    return cleaned
