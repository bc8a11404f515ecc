"""Benchmark: 500 personal cards, each with a unique claim URL, on A4 8-up.

Prints the whole-PDF time and file size next to the time to encode the same 500 QR codes
alone (qrcode, error correction M), measured in the same run, and the ratio.
Target: the whole PDF within 1.5x the encoding-alone time.

    .venv/bin/python bench/cards.py [--cards 500] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
from decimal import Decimal

from hexikit.base.fonts import register_fonts
from hexikit.cards.model import ActivityLine, PersonalCard, claim_url
from hexikit.cards.qr import qr_matrix
from hexikit.cards.sheet import render_cards
from hexikit.cards.templates import find_template
from hexikit.records.claimcodes import new_claim_code
from hexikit.records.domain import Kind

BASE = "https://hexitime.com/register"


def make_cards(count: int) -> list[PersonalCard]:
    codes: set[str] = set()
    while len(codes) < count:
        codes.add(new_claim_code())
    cards = []
    for index, code in enumerate(sorted(codes)):
        cards.append(
            PersonalCard(
                name=f"Participant {index} ap Ŵyn",
                claim_code=code,
                claim_url=claim_url(BASE, code),
                signup_url=BASE,
                offers=(
                    ActivityLine(
                        Kind.OFFER,
                        "Run charts for ward data",
                        ("Statistical analysis",),
                        Decimal(2),
                    ),
                ),
                requests=(
                    ActivityLine(Kind.REQUEST, "Someone to review our falls audit", (), None),
                ),
            )
        )
    return cards


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cards", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    register_fonts()
    template = find_template("a4-8up")
    cards = make_cards(args.cards)
    encode_times, pdf_times = [], []
    size = 0
    for _round in range(args.repeat):
        started = time.perf_counter()
        for card in cards:
            qr_matrix(card.claim_url)
        encode_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        result = render_cards(cards, template)
        pdf_times.append(time.perf_counter() - started)
        size = len(result.pdf)
    encode = statistics.median(encode_times)
    whole = statistics.median(pdf_times)
    print(
        f"cards: {args.cards} personal cards, A4 8-up, {result.pages} pages (median of {args.repeat})"
    )
    print(f"encode {args.cards} QR codes alone: {encode:.3f} s")
    print(f"whole PDF:                     {whole:.3f} s, {size / 1e6:.2f} MB")
    print(f"ratio whole / encode:          {whole / encode:.2f}x (target <= 1.5x)")
    print(f"URL length: {len(cards[0].claim_url)} characters, e.g. {cards[0].claim_url}")


if __name__ == "__main__":
    main()
