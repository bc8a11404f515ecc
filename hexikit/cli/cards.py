"""`hexikit cards`: print-ready card sheets as a PDF (the same core as the Cards screen)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from hexikit.base.i18n import _
from hexikit.base.paths import data_dir
from hexikit.base.settings import Settings
from hexikit.cli import CommandError
from hexikit.cli.common import open_store

# The values of hexikit.cards.model.CardKind, spelled out so that building the command line does
# not import reportlab and the store (that made every command slow to start); a test checks
# they stay the same.
CARD_KINDS = ("blank-offer", "blank-request", "personal", "event")


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "cards",
        help=_("print-ready card sheets (blank, personal, event) as a PDF"),
        description=_(
            "Make a PDF of cards to print at 100 % (actual size): blank offer or request "
            "cards, a personal claim card for each participant, or event cards."
        ),
    )
    parser.add_argument("--out", metavar="FILE.pdf", help=_("where to write the PDF"))
    parser.add_argument(
        "--kind",
        choices=CARD_KINDS,
        default="personal",
        help=_("which cards (default: personal)"),
    )
    parser.add_argument("--event", metavar="ID", default="", help=_("the event (id or prefix)"))
    parser.add_argument(
        "--template", metavar="NAME", default="a4-8up", help=_("sheet template (default a4-8up)")
    )
    parser.add_argument(
        "--count",
        type=int,
        default=0,
        metavar="N",
        help=_("number of blank or event cards (default: one sheet)"),
    )
    parser.add_argument(
        "--participants",
        choices=["all", "with-activities"],
        default="all",
        help=_("personal cards for everyone, or only those with offers or requests"),
    )
    parser.add_argument(
        "--crop-marks", action="store_true", help=_("draw crop marks outside the grid")
    )
    parser.add_argument(
        "--bilingual",
        action="store_true",
        help=_("cards in Welsh first, English beneath (as NHS Wales signs are)"),
    )
    parser.add_argument(
        "--offset-mm",
        metavar="X,Y",
        default="0,0",
        help=_("shift everything by X mm right and Y mm down (printer calibration)"),
    )
    parser.add_argument(
        "--list-templates", action="store_true", help=_("list the sheet templates and exit")
    )
    parser.set_defaults(func=run)


def parse_offset(text: str) -> tuple[float, float]:
    try:
        x_text, y_text = text.split(",")
        x, y = float(x_text), float(y_text)
    except ValueError:
        raise CommandError(
            _("--offset-mm takes two numbers of mm like 1.5,-0.5 (not “{text}”).").format(text=text)
        ) from None
    if abs(x) > 20 or abs(y) > 20:
        raise CommandError(_("--offset-mm: offsets larger than 20 mm are surely a mistake."))
    return (x, y)


def run(args: argparse.Namespace) -> int:
    from hexikit.cards.jobs import CardsJob, make_cards
    from hexikit.cards.model import CardKind, CardsError
    from hexikit.cards.templates import TemplateError, all_templates, find_template

    settings = Settings.load(data_dir(getattr(args, "data_dir", None)))
    if args.list_templates:
        for template in all_templates(settings.custom_templates):
            print(f"{template.name:16} {template.describe()}")
        return 0
    if not args.out:
        raise CommandError(_("Say where to write the PDF with --out FILE.pdf."))
    out = Path(args.out)
    try:
        template = find_template(args.template, settings.custom_templates)
    except TemplateError as exc:
        raise CommandError(str(exc)) from exc
    job = CardsJob(
        kind=CardKind(args.kind),
        template=template,
        event_id=args.event,
        participants=args.participants,
        count=args.count,
        crop_marks=args.crop_marks,
        offset_mm=parse_offset(args.offset_mm),
        bilingual=args.bilingual,
    )
    needs_store = job.kind in (CardKind.PERSONAL, CardKind.EVENT)
    store = open_store(args) if needs_store else None
    try:
        result = make_cards(store, job, settings.signup_base_url, settings.current_event_id)
        result.write(out)
    except CardsError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        if store is not None:
            store.close()
    for warning in result.warnings:
        print(f"hexikit: warning: {warning}", file=sys.stderr)
    print(
        _("Wrote {cards} cards on {pages} pages of {template} to {path}. Print at 100 %.").format(
            cards=result.cards, pages=result.pages, template=template.label, path=out
        )
    )
    return 0
