"""Feedback from the room: what worked, even better if, and a rating from 1 to 5.

Several entries per event; every write goes through the store's write path so feedback syncs.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from hexikit.base.i18n import _
from hexikit.records.domain import ValidationError, clean_text
from hexikit.store import Store
from hexikit.store.models import Feedback

MAX_FEEDBACK_TEXT = 2000
MIN_RATING = 1
MAX_RATING = 5


@dataclass
class FeedbackInput:
    worked: str = ""
    even_better_if: str = ""
    rating: int | str | None = None


@dataclass(frozen=True)
class CleanFeedback:
    worked: str
    even_better_if: str
    rating: int | None


def parse_rating(value: int | str | None) -> int | None:
    """A rating 1–5, None when blank; ValidationError otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        value = int(value)
    try:
        rating = int(str(value).strip())
    except ValueError:
        raise ValidationError(
            {"rating": _("The rating must be a whole number from 1 to 5.")}
        ) from None
    if not MIN_RATING <= rating <= MAX_RATING:
        raise ValidationError({"rating": _("The rating must be from 1 to 5.")})
    return rating


def validate_feedback(data: FeedbackInput) -> CleanFeedback:
    """A cleaned copy of `data`, or ValidationError with every problem."""
    problems: dict[str, str] = {}
    worked = clean_text(data.worked)
    even_better_if = clean_text(data.even_better_if)
    rating: int | None = None
    try:
        rating = parse_rating(data.rating)
    except ValidationError as exc:
        problems.update(exc.problems)
    for key, label, text in (
        ("worked", _("What worked"), worked),
        ("even_better_if", _("Even better if"), even_better_if),
    ):
        if len(text) > MAX_FEEDBACK_TEXT:
            problems[key] = _(
                "{label} is too long: {length} characters, the limit is {limit}."
            ).format(label=label, length=len(text), limit=MAX_FEEDBACK_TEXT)
    if not problems and not worked and not even_better_if and rating is None:
        problems["worked"] = _(
            "Type what worked, what would be even better, or give a rating from 1 to 5."
        )
    if problems:
        raise ValidationError(problems)
    return CleanFeedback(worked=worked, even_better_if=even_better_if, rating=rating)


def add_feedback(store: Store, event_id: str, data: FeedbackInput) -> Feedback:
    clean = validate_feedback(data)
    return store.add(
        Feedback(
            event_id=event_id,
            worked=clean.worked,
            even_better_if=clean.even_better_if,
            rating=clean.rating,
        )
    )


def update_feedback(store: Store, feedback_id: str, data: FeedbackInput) -> Feedback:
    clean = validate_feedback(data)
    return store.update(
        Feedback,
        feedback_id,
        {"worked": clean.worked, "even_better_if": clean.even_better_if, "rating": clean.rating},
    )


def delete_feedback(store: Store, feedback_id: str) -> Feedback:
    return store.delete(Feedback, feedback_id)


def list_feedback(store: Store, event_id: str) -> list[Feedback]:
    """The event's feedback, oldest first."""
    with store.session() as session:
        return list(
            session.scalars(
                select(Feedback)
                .where(Feedback.event_id == event_id, Feedback.deleted_at.is_(None))
                .order_by(Feedback.created_at)
            )
        )


def average_rating(entries: list[Feedback]) -> float | None:
    ratings = [entry.rating for entry in entries if entry.rating is not None]
    return sum(ratings) / len(ratings) if ratings else None
