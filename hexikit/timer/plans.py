"""Timer plans: the built-in ones, validation, and the user's own plans in the store.

User plans live in the `saved_plans` table (kind "timer", the plan as a JSON body). Built-in
plans are code and stay intact: editing one means copying it first. A saved plan that cannot be
read is skipped with a warning, so a damaged row never stops the app.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import select

from hexikit.base.durations import format_duration
from hexikit.base.i18n import N_, _
from hexikit.store import Store
from hexikit.store.models import SavedPlan
from hexikit.timer.engine import GroupSize, Phase, Plan

log = logging.getLogger(__name__)

PLAN_KIND = "timer"
BODY_VERSION = 1
MAX_PHASES = 40
MAX_PHASE_SECONDS = 3 * 3600  # a 1-2-4-All step is minutes; three hours is already generous
MAX_INVITATION_CHARS = 500  # what a room can read from the back
MAX_NAME_CHARS = 60
MAX_PLAN_NAME_CHARS = 200

OFFER_QUESTION = N_("What can you offer to help deliver great healthcare?")
REQUEST_QUESTION = N_("What do you need to help you deliver great healthcare?")
SHARE_QUESTION = N_("What is one idea that stood out in your conversation?")


class PlanError(ValueError):
    """A plan that cannot be used; the message says what to change."""


def _cycle(question: str, cycle: int, minutes: Sequence[float] = (1, 2, 4, 5)) -> list[Phase]:
    alone, pairs, fours, everyone = minutes
    return [
        Phase(_("Alone"), alone * 60, _(question), GroupSize.ONE, cycle),
        Phase(_("Pairs"), pairs * 60, _(question), GroupSize.TWO, cycle),
        Phase(_("Foursomes"), fours * 60, _(question), GroupSize.FOUR, cycle),
        Phase(_("All"), everyone * 60, _(SHARE_QUESTION), GroupSize.ALL, cycle),
    ]


def builtin_plans() -> list[Plan]:
    """Classic 1-2-4-All, the Liberating Structures template, the Hexithon."""
    classic = Plan(
        name=_("Classic 1-2-4-All"),
        key="classic",
        builtin=True,
        description=_("1 min alone, 2 in pairs, 4 in foursomes, 5 all together: 12 minutes."),
        phases=tuple(_cycle(OFFER_QUESTION, 0)),
    )
    template = Plan(
        name=_("Liberating Structures template"),
        key="liberating-structures",
        builtin=True,
        description=_("Intro 1, alone 1, pairs 2, foursomes 5, all 7: about 15 minutes."),
        phases=(
            Phase(
                _("Introduction"),
                60,
                _("Explain the question and how the next minutes will run."),
                GroupSize.ALL,
            ),
            *_cycle(OFFER_QUESTION, 0, (1, 2, 5, 7)),
        ),
    )
    hexithon = Plan(
        name=_("Hexithon"),
        key="hexithon",
        builtin=True,
        description=_(
            "Two cycles of 1-2-4-All, first on offers, then on requests, with a capture "
            "break between them: 29 minutes."
        ),
        phases=(
            *_cycle(OFFER_QUESTION, 1),
            Phase(
                _("Capture break"),
                5 * 60,
                _("Write each offer on a card, one per card, with your name. Hand them in."),
                GroupSize.ALL,
                cycle=2,
            ),
            *_cycle(REQUEST_QUESTION, 3),
        ),
    )
    return [classic, template, hexithon]


# ---------------------------------------------------------------------- validation


def validate_plan(plan: Plan) -> Plan:
    """Return the plan with names trimmed, or raise PlanError saying what to fix."""
    name = plan.name.strip()
    if not name:
        raise PlanError(_("Give the plan a name."))
    if len(name) > MAX_PLAN_NAME_CHARS:
        raise PlanError(
            _("The plan name is too long: keep it under {n} characters.").format(
                n=MAX_PLAN_NAME_CHARS
            )
        )
    if not plan.phases:
        raise PlanError(_("This plan has no phases: add at least one phase."))
    if len(plan.phases) > MAX_PHASES:
        raise PlanError(
            _("A plan can have at most {n} phases; this one has {count}.").format(
                n=MAX_PHASES, count=len(plan.phases)
            )
        )
    clean: list[Phase] = []
    for number, phase in enumerate(plan.phases, start=1):
        phase_name = phase.name.strip()
        where = _("Phase {number}").format(number=number)
        if not phase_name:
            raise PlanError(
                _("{where} needs a name (for example Alone or Pairs).").format(where=where)
            )
        if len(phase_name) > MAX_NAME_CHARS:
            raise PlanError(
                _("{where}: the name is too long; keep it under {n} characters.").format(
                    where=where, n=MAX_NAME_CHARS
                )
            )
        where = f"{where} ({phase_name})"
        if phase.seconds <= 0:
            raise PlanError(
                _("{where} must last at least one second; it is set to {value}.").format(
                    where=where, value=format_duration(phase.seconds) if phase.seconds else "0:00"
                )
            )
        if phase.seconds > MAX_PHASE_SECONDS:
            raise PlanError(
                _(
                    "{where} lasts {value}; a phase can last at most {limit}. Split it, or "
                    "check the minutes and seconds."
                ).format(
                    where=where,
                    value=format_duration(phase.seconds),
                    limit=format_duration(MAX_PHASE_SECONDS),
                )
            )
        invitation = phase.invitation.strip()
        if len(invitation) > MAX_INVITATION_CHARS:
            raise PlanError(
                _(
                    "{where}: the question is {count} characters long; keep it under {n} so the "
                    "room can read it from the back."
                ).format(where=where, count=f"{len(invitation):,}", n=MAX_INVITATION_CHARS)
            )
        clean.append(replace(phase, name=phase_name, invitation=invitation))
    return replace(plan, name=name, phases=tuple(clean))


# ---------------------------------------------------------------------- JSON bodies


def plan_to_body(plan: Plan) -> dict[str, Any]:
    return {
        "version": BODY_VERSION,
        "description": plan.description,
        "phases": [
            {
                "name": phase.name,
                "seconds": phase.seconds,
                "invitation": phase.invitation,
                "group": str(phase.group),
                "cycle": phase.cycle,
            }
            for phase in plan.phases
        ],
    }


def plan_from_body(name: str, key: str, body: Any) -> Plan:
    """Build a plan from a saved body; PlanError if the body is damaged or invalid."""
    if not isinstance(body, dict) or not isinstance(body.get("phases"), list):
        raise PlanError(
            _("The saved plan {name!r} is damaged (no list of phases).").format(name=name)
        )
    phases: list[Phase] = []
    for raw in body["phases"]:
        if not isinstance(raw, dict):
            raise PlanError(_("The saved plan {name!r} has a damaged phase.").format(name=name))
        try:
            seconds = float(raw["seconds"])
            group = GroupSize(str(raw.get("group", "all")))
            phases.append(
                Phase(
                    name=str(raw["name"]),
                    seconds=seconds,
                    invitation=str(raw.get("invitation", "")),
                    group=group,
                    cycle=int(raw.get("cycle", 0)),
                )
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise PlanError(
                _("The saved plan {name!r} has a damaged phase ({error}).").format(
                    name=name, error=exc
                )
            ) from exc
    plan = Plan(
        name=name, phases=tuple(phases), key=key, description=str(body.get("description", ""))
    )
    return validate_plan(plan)


# ---------------------------------------------------------------------- the store


@dataclass
class PlanListing:
    """Every plan the user can choose, and the saved plans that had to be skipped."""

    plans: list[Plan]
    warnings: list[str] = field(default_factory=list)


def list_plans(store: Store | None) -> PlanListing:
    """Built-in plans first, then the user's saved plans (by name). Damaged rows are skipped."""
    listing = PlanListing(plans=builtin_plans())
    if store is None:
        return listing
    with store.session() as session:
        rows = list(
            session.scalars(
                select(SavedPlan).where(SavedPlan.kind == PLAN_KIND).order_by(SavedPlan.name)
            )
        )
    for row in rows:
        try:
            listing.plans.append(plan_from_body(row.name, row.id, row.body))
        except PlanError as exc:
            log.warning("skipping saved timer plan %s: %s", row.id, exc)
            listing.warnings.append(str(exc))
    return listing


def find_plan(plans: Sequence[Plan], wanted: str) -> Plan:
    """A plan by key, id or name (case-insensitive, or an unambiguous start of a name)."""
    text = wanted.strip().casefold()
    for plan in plans:
        if text in (plan.key.casefold(), plan.name.casefold()):
            return plan
    starts = [plan for plan in plans if plan.name.casefold().startswith(text)]
    if len(starts) == 1:
        return starts[0]
    names = ", ".join(plan.key if plan.builtin else plan.name for plan in plans)
    raise PlanError(
        _("There is no timer plan called {wanted!r}. Choose one of: {names}.").format(
            wanted=wanted, names=names
        )
    )


def copy_plan(plan: Plan, name: str | None = None) -> Plan:
    """An editable copy (not yet saved): no key, not built in."""
    return replace(
        plan, name=name or _("Copy of {name}").format(name=plan.name), key="", builtin=False
    )


def save_plan(store: Store, plan: Plan) -> Plan:
    """Insert or update a user plan; built-in plans cannot be overwritten (copy them first)."""
    if plan.builtin:
        raise PlanError(_("Built-in plans cannot be changed: make a copy and edit that."))
    clean = validate_plan(plan)
    body = plan_to_body(clean)
    now = store.clock.now()
    with store.transaction() as session:
        row = session.get(SavedPlan, clean.key) if clean.key else None
        if row is None or row.kind != PLAN_KIND:
            row = SavedPlan(kind=PLAN_KIND, name=clean.name, body=body, created_at=now)
            session.add(row)
        else:
            row.name = clean.name
            row.body = body
        row.updated_at = now
        session.flush()
        key = row.id
    return replace(clean, key=key)


def delete_plan(store: Store, key: str) -> None:
    """Remove a saved user plan (built-in plans have no row and cannot be removed)."""
    with store.transaction() as session:
        row = session.get(SavedPlan, key)
        if row is not None and row.kind == PLAN_KIND:
            session.delete(row)
