"""What goes on a card: the kinds of card, their contents, and the addresses their codes hold.

No drawing here (reportlab and qrcode are not imported), so the command line can name the
kinds of card without loading them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from urllib.parse import urlsplit

from hexikit.base.i18n import _, in_language
from hexikit.base.settings import DEFAULT_SIGNUP_URL
from hexikit.records.domain import Kind, category_labels


class CardKind(StrEnum):
    BLANK_OFFER = "blank-offer"
    BLANK_REQUEST = "blank-request"
    PERSONAL = "personal"
    EVENT = "event"


class CardsError(Exception):
    """A user-caused problem making cards, with a message saying what to do."""


# ---------------------------------------------------------------------------- URLs


def site_root(signup_base_url: str) -> str:
    """`https://host` of the sign-up URL: claim and event URLs hang off it, kept short."""
    parts = urlsplit(signup_base_url.strip() or DEFAULT_SIGNUP_URL)
    if not parts.scheme or not parts.netloc:
        parts = urlsplit(DEFAULT_SIGNUP_URL)
    return f"{parts.scheme}://{parts.netloc}"


def claim_url(signup_base_url: str, claim_code: str) -> str:
    return f"{site_root(signup_base_url)}/c/{claim_code}"


def event_url(signup_base_url: str, event_id: str) -> str:
    return f"{site_root(signup_base_url)}/e/{event_id}"


def display_url(url: str) -> str:
    """The URL as printed under a code: without the scheme."""
    return url.split("://", 1)[-1]


# ---------------------------------------------------------------------------- card data


@dataclass(frozen=True)
class ActivityLine:
    kind: Kind
    title: str
    categories: tuple[str, ...] = ()
    hours: Decimal | None = None

    def text(self) -> str:
        parts = [self.title]
        if self.categories:
            parts.append(", ".join(category_labels(self.categories)))
        if self.hours is not None:
            parts.append(_("{hours}\u00a0h").format(hours=_format_hours(self.hours)))
        return " · ".join(parts)


def card_text(message: str, bilingual: bool) -> str:
    """A card's label: in the app's language, or Welsh / English (as NHS Wales signs are)."""
    if not bilingual:
        return _(message)
    welsh, english = in_language("cy", message), in_language("en", message)
    return welsh if welsh == english else f"{welsh} / {english}"


def card_sentences(message: str, bilingual: bool) -> list[str]:
    """A card's sentence: once, or in Welsh and then in English beneath it."""
    if not bilingual:
        return [_(message)]
    welsh, english = in_language("cy", message), in_language("en", message)
    return [welsh] if welsh == english else [welsh, english]


@dataclass(frozen=True)
class BlankCard:
    kind: Kind
    signup_url: str
    bilingual: bool = False


@dataclass(frozen=True)
class PersonalCard:
    name: str
    claim_code: str
    claim_url: str
    signup_url: str
    offers: tuple[ActivityLine, ...] = ()
    requests: tuple[ActivityLine, ...] = ()
    matches: tuple[str, ...] = ()
    bilingual: bool = False


@dataclass(frozen=True)
class EventCard:
    title: str
    date: str
    venue: str
    facilitator: str
    url: str
    bilingual: bool = False


Card = BlankCard | PersonalCard | EventCard


def _format_hours(hours: Decimal) -> str:
    text = format(hours.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
