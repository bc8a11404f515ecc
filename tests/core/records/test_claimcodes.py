"""Claim codes: 8 characters of Crockford base32, from 40 random bits."""

from __future__ import annotations

from collections import Counter

from hexikit.records.claimcodes import ALPHABET, LENGTH, new_claim_code, normalise_claim_code


def test_new_codes_are_valid_and_use_every_character_in_every_place() -> None:
    codes = [new_claim_code() for _ in range(4000)]
    assert all(len(code) == LENGTH and normalise_claim_code(code) == code for code in codes)
    for place in range(LENGTH):
        seen = Counter(code[place] for code in codes)
        # 4,000 draws over 32 characters: each about 125 times; a stuck bit would leave half out.
        assert set(seen) == set(ALPHABET), place
        assert min(seen.values()) > 60, (place, seen.most_common()[-1])
    assert len(set(codes)) > 3990


def test_typed_codes_are_read_leniently() -> None:
    assert normalise_claim_code("ab-cd ef-gh") == "ABCDEFGH"
    assert normalise_claim_code("ilo12345") == "11012345"
    assert normalise_claim_code("U2345678") is None  # U is not in the alphabet
    assert normalise_claim_code("ABC") is None
