"""The Hexitime domain: kinds, categories, regions, modes, and validation.

Validation lives here (not in widgets or the CLI) and returns messages a person understands.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from hexikit.base.i18n import LANGUAGES, N_, _, current_language, in_language


class EntityType(StrEnum):
    """The kinds of synced records: the name on the wire, in the outbox, and in the
    "what changed" signal pages refresh from."""

    EVENT = "event"
    PARTICIPANT = "participant"
    ACTIVITY = "activity"
    MATCH = "match"
    FEEDBACK = "feedback"


class Kind(StrEnum):
    OFFER = "offer"
    REQUEST = "request"


class Mode(StrEnum):
    REMOTE = "remote"
    FACE_TO_FACE = "face-to-face"
    EITHER = "either"


# Categories and regions are stored (in the database, on the wire, in CSV files) by their
# English names, which are their stable keys: `category_label` / `region_label` show them in the
# chosen language; `match_category` / `match_region` read a key or a label in any language.
CATEGORIES: tuple[str, ...] = (
    N_("Engagement"),
    N_("Design"),
    N_("Communication"),
    N_("Coaching and mentoring"),
    N_("Audit and evaluation"),
    N_("Statistical analysis"),
    N_("Quality of care"),
    N_("Collaboration and networking"),
)

REGIONS: tuple[str, ...] = (
    N_("Walsall"),
    N_("Wales"),
    N_("South West"),
    N_("South East"),
    N_("Scotland"),
    N_("Northern Ireland"),
    N_("North West"),
    N_("North East"),
    N_("Midlands"),
    N_("London"),
    N_("East"),
)

# Limits: generous for people, small enough that a card, a slide and a sync request stay sane.
MAX_TITLE = 200
MAX_DESCRIPTION = 5000
MAX_NAME = 200
MAX_SHORT_TEXT = 200
MAX_EMAIL = 254
MIN_HOURS = Decimal("0.25")
MAX_HOURS = Decimal("100")

CONSENT_WORDING_V1 = (
    "I agree that Hexikit may pass my name, email, organisation and the offers and requests "
    "I make today to Hexitime, so they can be posted for me and I can claim them when I join."
)
#: The same statement in Welsh, shown and stored when the app speaks Welsh: what a participant
#: agreed to is recorded in the language they heard it in (not yet reviewed by a Welsh speaker).
CONSENT_WORDING_V1_CY = (
    "Rwy'n cytuno y caiff Hexikit drosglwyddo fy enw, fy e-bost, fy sefydliad a'r cynigion a'r "
    "ceisiadau rydw i'n eu gwneud heddiw i Hexitime, fel y gellir eu postio ar fy rhan ac y "
    "gallaf eu hawlio pan fyddaf yn ymuno."
)


def consent_wording(language: str | None = None) -> str:
    """The consent statement in `language` (default: the app's), English unless Welsh."""
    return CONSENT_WORDING_V1_CY if (language or current_language()) == "cy" else CONSENT_WORDING_V1


_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class ValidationError(ValueError):
    """Raised with every problem found, each a sentence a person can act on."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems.values()))


def clean_text(value: str | None) -> str:
    """Normalise user text: NFC, no surrounding whitespace, no NULs or stray control chars."""
    if value is None:
        return ""
    text = str(value)
    if text.isascii() and text.isprintable():
        return text.strip()  # the common case: nothing to normalise or drop (imports: fast)
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    return text.strip()


def _match_choice(value: str, choices: tuple[str, ...]) -> str | None:
    wanted = clean_text(value).casefold()
    for choice in choices:
        if choice.casefold() == wanted:
            return choice
    for choice in choices:
        if any(in_language(language, choice).casefold() == wanted for language in LANGUAGES):
            return choice
    return None


def category_label(key: str, language: str | None = None) -> str:
    """A category's name in the chosen language (or `language`): "Archwilio a gwerthuso"."""
    return _(key) if language is None else in_language(language, key)


def region_label(key: str, language: str | None = None) -> str:
    """A region's name in the chosen language (or `language`): "Cymru"."""
    return _(key) if language is None else in_language(language, key)


def category_labels(keys: tuple[str, ...] | list[str] = CATEGORIES) -> list[str]:
    return [category_label(key) for key in keys]


def region_labels(keys: tuple[str, ...] | list[str] = REGIONS) -> list[str]:
    return [region_label(key) for key in keys]


def match_category(value: str) -> str | None:
    """The canonical category for `value` (case-insensitive), or None."""
    return _match_choice(value, CATEGORIES)


def match_region(value: str) -> str | None:
    """The canonical region for `value` (case-insensitive), or None."""
    return _match_choice(value, REGIONS)


def parse_kind(value: str) -> Kind:
    try:
        return Kind(clean_text(value).lower())
    except ValueError:
        raise ValidationError({"kind": _("Kind must be 'offer' or 'request'.")}) from None


def parse_mode(value: str | None) -> Mode:
    text = clean_text(value).lower().replace(" ", "-").replace("_", "-")
    if not text:
        return Mode.EITHER
    aliases = {"f2f": "face-to-face", "in-person": "face-to-face", "online": "remote"}
    text = aliases.get(text, text)
    try:
        return Mode(text)
    except ValueError:
        raise ValidationError({"mode": _("Mode must be remote, face-to-face or either.")}) from None


def parse_hours(value: str | float | Decimal | None) -> Decimal | None:
    """Hours in quarter hours between 0.25 and 100; blank means not given."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        hours = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise ValidationError({"hours": _("Hours must be a number, such as 1 or 1.5.")}) from None
    if not hours.is_finite() or hours < MIN_HOURS or hours > MAX_HOURS:
        raise ValidationError({"hours": _("Hours must be between 0.25 and 100.")})
    if (hours * 4) % 1 != 0:
        raise ValidationError(
            {"hours": _("Hours go in quarter hours: for example 0.25, 0.5, 0.75 or 1.")}
        )
    return hours


def format_hours(hours: Decimal | None) -> str:
    """1.50 -> '1.5', 100.00 -> '100': what a person would type; "" when not given."""
    if hours is None:
        return ""
    return format(hours.normalize(), "f")


@dataclass
class ActivityInput:
    """What a person typed for one offer or request, before it is stored."""

    kind: Kind
    title: str
    description: str = ""
    categories: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    mode: Mode = Mode.EITHER
    hours: Decimal | None = None


@dataclass
class ParticipantInput:
    name: str
    email: str = ""
    organisation: str = ""
    role: str = ""
    region: str = ""
    is_member: bool = False
    consent: bool = False
    consent_wording: str = ""


@dataclass
class EventInput:
    title: str
    date: str = ""  # ISO date, YYYY-MM-DD
    venue: str = ""
    region: str = ""
    facilitator: str = ""


def _short(value: str) -> str:
    """A value for a message, cut short so a pasted essay cannot flood it."""
    return f"{value[:40]}…" if len(value) > 40 else value


def _quoted(values: list[str]) -> str:
    return ", ".join(f"'{_short(value)}'" for value in values)


def _check_length(problems: dict[str, str], key: str, label: str, text: str, limit: int) -> None:
    if len(text) > limit:
        problems[key] = _("{label} is too long: {length} characters, the limit is {limit}.").format(
            label=label, length=len(text), limit=limit
        )


def activity_columns(clean: ActivityInput) -> dict[str, Any]:
    """The columns of an activity that its input sets, from validated input (what a new
    activity is made of and what an edit changes)."""
    return {
        "kind": str(clean.kind),
        "title": clean.title,
        "description": clean.description,
        "categories": list(clean.categories),
        "regions": list(clean.regions),
        "mode": str(clean.mode),
        "hours": clean.hours,
    }


def validate_activity(data: ActivityInput) -> ActivityInput:
    """Return a cleaned copy of `data` or raise ValidationError with every problem."""
    problems: dict[str, str] = {}
    title = clean_text(data.title)
    description = clean_text(data.description)
    if not title:
        problems["title"] = _("A title is needed: say in a few words what is offered or needed.")
    _check_length(problems, "title", _("The title"), title, MAX_TITLE)
    _check_length(problems, "description", _("The description"), description, MAX_DESCRIPTION)
    categories: list[str] = []
    unknown: list[str] = []
    for raw in data.categories:
        canonical = match_category(raw)
        if canonical is None:
            unknown.append(raw)
        elif canonical not in categories:
            categories.append(canonical)
    if unknown:
        problems["categories"] = _(
            "Not a Hexitime category: {values}. The categories are: {choices}."
        ).format(values=_quoted(unknown), choices=", ".join(category_labels()))
    regions: list[str] = []
    unknown = []
    for raw in data.regions:
        canonical = match_region(raw)
        if canonical is None:
            unknown.append(raw)
        elif canonical not in regions:
            regions.append(canonical)
    if unknown:
        problems["regions"] = _(
            "Not a Hexitime region: {values}. The regions are: {choices}."
        ).format(values=_quoted(unknown), choices=", ".join(region_labels()))
    kind: Kind | None = None
    try:
        kind = parse_kind(str(data.kind))
    except ValidationError as exc:
        problems.update(exc.problems)
    mode = Mode.EITHER
    try:
        mode = parse_mode(str(data.mode))
    except ValidationError as exc:
        problems.update(exc.problems)
    hours = data.hours
    if hours is not None:
        try:
            hours = parse_hours(hours)
        except ValidationError as exc:
            problems.update(exc.problems)
    if problems or kind is None:
        raise ValidationError(problems)
    return ActivityInput(
        kind=kind,
        title=title,
        description=description,
        categories=categories,
        regions=regions,
        mode=mode,
        hours=hours,
    )


def validate_email(email: str) -> str | None:
    """A problem message for `email`, or None when it is fine (blank is fine)."""
    # Length first: it keeps the pattern match cheap on a pasted 100,000-character field.
    if len(email) > MAX_EMAIL:
        return _(
            "The email address is too long: {length} characters, the limit is {limit}."
        ).format(length=len(email), limit=MAX_EMAIL)
    if email and not _EMAIL_RE.match(email):
        return _("'{email}' does not look like an email address (name@example.org).").format(
            email=email
        )
    return None


def participant_details(clean: ParticipantInput) -> dict[str, Any]:
    """The columns of a participant that say who they are, from validated input (consent,
    with its time and wording, is apart: it changes only when given or withdrawn)."""
    return {
        "name": clean.name,
        "email": clean.email,
        "organisation": clean.organisation,
        "role": clean.role,
        "region": clean.region,
        "is_member": clean.is_member,
    }


def validate_participant(data: ParticipantInput) -> ParticipantInput:
    problems: dict[str, str] = {}
    name = clean_text(data.name)
    email = clean_text(data.email)
    organisation = clean_text(data.organisation)
    role = clean_text(data.role)
    if not name:
        problems["name"] = _("A name is needed for a participant.")
    _check_length(problems, "name", _("The name"), name, MAX_NAME)
    email_problem = validate_email(email)
    if email_problem:
        problems["email"] = email_problem
    _check_length(problems, "organisation", _("The organisation"), organisation, MAX_SHORT_TEXT)
    _check_length(problems, "role", _("The role"), role, MAX_SHORT_TEXT)
    region = ""
    if clean_text(data.region):
        region = match_region(data.region) or ""
        if not region:
            problems["region"] = _("'{value}' is not a Hexitime region.").format(
                value=_short(data.region)
            )
    if problems:
        raise ValidationError(problems)
    return ParticipantInput(
        name=name,
        email=email,
        organisation=organisation,
        role=role,
        region=region,
        is_member=bool(data.is_member),
        consent=bool(data.consent),
        consent_wording=clean_text(data.consent_wording)
        or (CONSENT_WORDING_V1 if data.consent else ""),
    )


def validate_event(data: EventInput) -> EventInput:
    import datetime as _dt

    problems: dict[str, str] = {}
    title = clean_text(data.title)
    if not title:
        problems["title"] = _("An event needs a title, for example 'Hexithon at the Q Summit'.")
    _check_length(problems, "title", _("The title"), title, MAX_TITLE)
    date = clean_text(data.date)
    if date:
        try:
            date = _dt.date.fromisoformat(date).isoformat()
        except ValueError:
            problems["date"] = _("The date must look like 2026-11-26 (year-month-day).")
    venue = clean_text(data.venue)
    facilitator = clean_text(data.facilitator)
    _check_length(problems, "venue", _("The venue"), venue, MAX_SHORT_TEXT)
    _check_length(problems, "facilitator", _("The facilitator's name"), facilitator, MAX_NAME)
    region = ""
    if clean_text(data.region):
        region = match_region(data.region) or ""
        if not region:
            problems["region"] = _("'{value}' is not a Hexitime region.").format(
                value=_short(data.region)
            )
    if problems:
        raise ValidationError(problems)
    return EventInput(title=title, date=date, venue=venue, region=region, facilitator=facilitator)
