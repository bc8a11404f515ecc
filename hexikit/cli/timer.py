"""`hexikit timer`: run a timer plan in the terminal, without Qt.

A line per displayed second and one line per event, each with the elapsed monotonic seconds
since the start; `--json` prints only the events, one object per line. The loop sleeps until the
next due time computed from the monotonic clock, so however long printing takes, nothing drifts.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import TYPE_CHECKING, Any, TextIO

from hexikit.base.clock import SYSTEM_CLOCK
from hexikit.base.durations import format_duration
from hexikit.base.i18n import _
from hexikit.base.paths import data_dir
from hexikit.base.settings import Settings
from hexikit.cli import CommandError
from hexikit.timer.engine import (
    EventKind,
    Plan,
    ScaledClock,
    TimerEngine,
    TimerEvent,
    TimerState,
)

if TYPE_CHECKING:
    # The plans module imports the store (SQLAlchemy): loaded only when a command runs.
    from hexikit.timer.plans import PlanListing

MAX_SPEED = 100_000.0


def _plans(args: argparse.Namespace) -> PlanListing:
    """Built-in plans, plus saved ones when the data folder opens (never required)."""
    from hexikit.store import Store, StoreError
    from hexikit.timer.plans import PlanListing, builtin_plans, list_plans

    try:
        store = Store.open(data_dir(getattr(args, "data_dir", None)))
    except (StoreError, OSError) as exc:
        listing = PlanListing(plans=builtin_plans())
        listing.warnings.append(_("Saved plans are not available ({error}).").format(error=exc))
        return listing
    try:
        return list_plans(store)
    finally:
        store.close()


def _warning_seconds(args: argparse.Namespace) -> int:
    if args.warning is not None:
        return int(args.warning)
    try:
        return Settings.load(data_dir(getattr(args, "data_dir", None))).timer_warning_seconds
    except OSError:
        return Settings().timer_warning_seconds


def _list(listing: PlanListing, out: TextIO) -> int:
    for plan in listing.plans:
        steps = " · ".join(
            f"{phase.name} {format_duration(phase.seconds)}" for phase in plan.phases
        )
        label = plan.key if plan.builtin else plan.name
        kind = _("built in") if plan.builtin else _("saved")
        print(f"{label:24} {plan.name} ({kind}, {format_duration(plan.total_seconds)})", file=out)
        print(f"{'':24} {steps}", file=out)
    return 0


def event_words(event: TimerEvent) -> str:
    return {
        EventKind.PHASE_START: _("{phase} starts"),
        EventKind.WARNING: _("{phase}: warning"),
        EventKind.PHASE_END: _("{phase} ends"),
        EventKind.DONE: _("done"),
    }[event.kind].format(phase=event.phase_name)


def run_plan(
    plan: Plan,
    speed: float,
    warning_seconds: float,
    as_json: bool,
    out: TextIO,
) -> int:
    """Run `plan` to its end in this process, printing as it goes."""
    real = SYSTEM_CLOCK
    clock = ScaledClock(real, speed)
    engine = TimerEngine(plan, clock, warning_seconds=warning_seconds, auto_advance=True)
    started = real.monotonic()
    engine.start()
    last_shown: tuple[int, int] | None = None
    while True:
        events = engine.update()
        elapsed = real.monotonic() - started
        for event in events:
            if as_json:
                record: dict[str, Any] = {
                    "event": str(event.kind),
                    "phase": event.phase_name,
                    "t": round(elapsed, 4),
                }
                print(json.dumps(record, ensure_ascii=False), file=out, flush=True)
            else:
                print(f"{elapsed:10.3f}  ** {event_words(event)}", file=out, flush=True)
        if engine.state is TimerState.DONE:
            return 0
        status = engine.status()
        shown = (status.phase_index, status.shown_seconds)
        if not as_json and shown != last_shown:
            last_shown = shown
            name = status.phase.name if status.phase else ""
            print(f"{elapsed:10.3f}  {name:12} {status.display}", file=out, flush=True)
        due = engine.next_due()
        if due is None:  # not running: nothing more will happen
            return 0
        delay = clock.to_base(due) - real.monotonic()
        if delay > 0:
            time.sleep(delay)


def _run(args: argparse.Namespace) -> int:
    from hexikit.timer.plans import PlanError, find_plan

    listing = _plans(args)
    for warning in listing.warnings:
        print(f"hexikit: {warning}", file=sys.stderr)
    if args.list:
        return _list(listing, sys.stdout)
    if not 0 < args.speed <= MAX_SPEED:
        raise CommandError(
            _(
                "--speed must be more than 0 and at most {max:g} (60 makes a minute last a second)."
            ).format(max=MAX_SPEED)
        )
    if args.warning is not None and args.warning < 0:
        raise CommandError(_("--warning must be 0 (no warning) or more seconds."))
    try:
        plan = find_plan(listing.plans, args.plan)
    except PlanError as exc:
        raise CommandError(str(exc)) from exc
    try:
        return run_plan(plan, args.speed, _warning_seconds(args), args.json, sys.stdout)
    except BrokenPipeError:  # `hexikit timer | head`: the reader left
        return 0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "timer",
        help=_("run a 1-2-4-All timer plan in the terminal"),
        description=_(
            "Run a timer plan in the terminal: a line per second and one per event, with the "
            "elapsed seconds since the start."
        ),
    )
    parser.add_argument("--plan", default="classic", help=_("plan key or name (default: classic)"))
    parser.add_argument(
        "--speed",
        type=float,
        default=1.0,
        help=_("run faster for rehearsals: 60 makes one minute last one second"),
    )
    parser.add_argument(
        "--warning",
        type=float,
        default=None,
        help=_("seconds of warning before each phase ends (default: your settings, 30)"),
    )
    parser.add_argument(
        "--json", action="store_true", help=_("print only events, one JSON object per line")
    )
    parser.add_argument("--list", action="store_true", help=_("list the plans and stop"))
    parser.set_defaults(func=_run)
