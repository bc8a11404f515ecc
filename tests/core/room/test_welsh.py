"""The phone page speaks the laptop's language (issue 17 on issue 18's page)."""

from __future__ import annotations

from collections.abc import Iterator
from html import unescape

import pytest

from hexikit.base import i18n
from hexikit.records.domain import CONSENT_WORDING_V1_CY
from hexikit.store.models import Activity, Participant
from tests.core.room.conftest import ENTRY, OpenRoom


@pytest.fixture
def welsh() -> Iterator[None]:
    before = i18n.current_language()
    i18n.set_language("cy")
    try:
        yield
    finally:
        i18n.set_language(before)


def test_in_welsh_the_page_the_chips_and_the_stored_consent_are_welsh(
    welsh: None, room: OpenRoom
) -> None:
    phone = room.phone()
    page = unescape(phone.get(room.url, timeout=10).text)
    assert '<html lang="cy">' in page
    assert "Ai cynnig neu gais yw hwn?" in page
    assert CONSENT_WORDING_V1_CY in page
    # The chip reads "Cymru" but sends the English key, the same on every laptop and server.
    assert 'value="Wales"> Cymru</label>' in page
    answer = phone.post(f"{room.url}/entries", json=ENTRY, timeout=10)
    assert answer.status_code == 201
    activity = room.store.get(Activity, answer.json()["id"])
    assert activity is not None and activity.regions == ["Wales"]
    person = room.store.get(Participant, activity.participant_id or "")
    assert person is not None and person.consent_wording == CONSENT_WORDING_V1_CY


def test_in_english_the_page_says_so(room: OpenRoom) -> None:
    page = room.phone().get(room.url, timeout=10).text
    assert '<html lang="en">' in page and "Is this an offer or a request?" in page
