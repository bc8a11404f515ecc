"""The room over real HTTP (waitress on 127.0.0.1): adding, correcting, and every safety rule of
issue 18's point 5, each checked against what the store holds afterwards."""

from __future__ import annotations

import re
import socket
from typing import Any

import pytest
import requests
from sqlalchemy import func, select

from hexikit.records.domain import CONSENT_WORDING_V1
from hexikit.room.entries import is_from_phone
from hexikit.room.wsgi import MAX_BODY_BYTES, POSTS_PER_MINUTE
from hexikit.store import Store
from hexikit.store.models import Activity, OutboxOperation, Participant, RoomPhone
from tests.core.room.conftest import ENTRY, OpenRoom


def _counts(store: Store) -> tuple[int, int, int]:
    with store.session() as session:
        return (
            int(session.scalar(select(func.count()).select_from(Activity)) or 0),
            int(session.scalar(select(func.count()).select_from(Participant)) or 0),
            int(session.scalar(select(func.count()).select_from(OutboxOperation)) or 0),
        )


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
    assert found is not None
    return found.group(1)


def _post_json(phone: requests.Session, url: str, body: Any) -> requests.Response:
    return phone.post(f"{url}/entries", json=body, timeout=10)


def test_a_json_post_is_stored_through_the_write_path_with_the_apps_consent_wording(
    room: OpenRoom,
) -> None:
    before = _counts(room.store)
    answer = _post_json(room.phone(), room.url, ENTRY)
    assert answer.status_code == 201
    entry_id = answer.json()["id"]
    assert set(answer.json()) == {"id"}
    activity = room.store.get(Activity, entry_id)
    assert activity is not None and activity.event_id == room.event_id
    assert (activity.kind, activity.title, activity.regions) == ("offer", ENTRY["title"], ["Wales"])
    assert activity.categories == ["Statistical analysis"]
    person = room.store.get(Participant, activity.participant_id or "")
    assert person is not None and person.name == "Siân Jones" and person.event_id == room.event_id
    assert person.consent and person.consent_wording == CONSENT_WORDING_V1
    assert person.consent_at is not None
    assert is_from_phone(room.store, entry_id)
    # One outbox row for the participant, one for the activity: sync sends them as any other.
    assert _counts(room.store) == (before[0] + 1, before[1] + 1, before[2] + 2)
    assert room.saved == [entry_id]
    assert room.store.counts(room.event_id).offers == 1


def test_the_same_phone_is_the_same_participant_and_may_correct_its_name(room: OpenRoom) -> None:
    phone = room.phone()
    first = _post_json(phone, room.url, ENTRY).json()["id"]
    second = _post_json(
        phone, room.url, {**ENTRY, "kind": "request", "title": "Help with SPC", "name": "Siân J."}
    ).json()["id"]
    a, b = room.store.get(Activity, first), room.store.get(Activity, second)
    assert a is not None and b is not None and a.participant_id == b.participant_id
    people = room.store.list_participants(room.event_id)
    assert [p.name for p in people] == ["Siân J."]
    other = _post_json(room.phone(), room.url, {**ENTRY, "name": "Ben"}).json()["id"]
    c = room.store.get(Activity, other)
    assert c is not None and c.participant_id != a.participant_id
    assert len(room.store.list_participants(room.event_id)) == 2


def test_a_phone_corrects_its_own_entry_and_no_one_elses(room: OpenRoom) -> None:
    mine, theirs = room.phone(), room.phone()
    entry_id = _post_json(mine, room.url, ENTRY).json()["id"]
    fixed = mine.post(
        f"{room.url}/entries/{entry_id}", json={**ENTRY, "title": "Teach SPC charts"}, timeout=10
    )
    assert fixed.status_code == 200 and fixed.json() == {"id": entry_id}
    activity = room.store.get(Activity, entry_id)
    assert activity is not None and activity.title == "Teach SPC charts"
    refused = theirs.post(
        f"{room.url}/entries/{entry_id}", json={**ENTRY, "title": "Hijacked"}, timeout=10
    )
    assert refused.status_code == 404
    assert theirs.get(f"{room.url}/entries/{entry_id}", timeout=10).status_code == 404
    activity = room.store.get(Activity, entry_id)
    assert activity is not None and activity.title == "Teach SPC charts"
    # Deleted on the laptop: the phone can no longer change it.
    room.store.delete(Activity, entry_id)
    gone = mine.post(f"{room.url}/entries/{entry_id}", json=ENTRY, timeout=10)
    assert gone.status_code == 404


@pytest.mark.parametrize("path", ["/", "/j/", "/j/0000000000000", "/j/0000000000000/entries"])
def test_a_wrong_or_missing_code_is_refused_and_nothing_stored(room: OpenRoom, path: str) -> None:
    origin = room.url.split("/j/")[0]
    before = _counts(room.store)
    assert requests.get(f"{origin}{path}", timeout=10).status_code == 404
    posted = requests.post(
        f"{origin}{path}/entries".replace("//entries", "/entries"), json=ENTRY, timeout=10
    )
    assert posted.status_code in (403, 404)
    assert _counts(room.store) == before


def test_the_code_reads_forgivingly_but_is_at_least_64_random_bits(room: OpenRoom) -> None:
    from hexikit.room import codes

    assert codes.CODE_BITS >= 64 and len(codes.ALPHABET) == 32
    made = {codes.new_join_code() for _ in range(2000)}
    assert len(made) == 2000 and all(len(code) == codes.CODE_LENGTH for code in made)
    assert set("".join(made)) == set(codes.ALPHABET)
    code = room.url.rsplit("/", 1)[1]
    assert requests.get(room.url.replace(code, code.upper()), timeout=10).status_code == 200


def test_a_stopped_room_forgets_its_code_and_stops_listening(room: OpenRoom) -> None:
    url, app = room.url, room.server.app
    assert app is not None
    port = int(url.split(":")[2].split("/")[0])
    room.server.stop()
    assert app.code is None and room.server.url == ""
    with pytest.raises(requests.ConnectionError):
        requests.get(url, timeout=5)
    probe = socket.socket()
    try:
        assert probe.connect_ex(("127.0.0.1", port)) != 0
    finally:
        probe.close()
    # A new room has a new code: the old address is dead even if the port comes back.
    new_url = room.server.start("127.0.0.1", 0)
    assert new_url.rsplit("/", 1)[1] != url.rsplit("/", 1)[1]
    old_code_new_port = new_url.rsplit("/", 1)[0] + "/" + url.rsplit("/", 1)[1]
    assert requests.get(old_code_new_port, timeout=10).status_code == 404


def test_bodies_over_64_kb_are_refused_before_anything_is_stored(room: OpenRoom) -> None:
    before = _counts(room.store)
    big = {**ENTRY, "description": "x" * (MAX_BODY_BYTES + 10)}
    assert _post_json(room.phone(), room.url, big).status_code == 413

    def chunks() -> Any:  # no Content-Length: the app counts what it reads
        yield b'{"kind": "offer", "title": "t", "name": "n", "description": "'
        for _ in range(70):
            yield b"y" * 1024
        yield b'"}'

    chunked = requests.post(
        f"{room.url}/entries",
        data=chunks(),
        headers={"Content-Type": "application/json"},
        timeout=10,
    )
    assert chunked.status_code == 413
    assert _counts(room.store) == before


def test_more_than_30_posts_a_minute_from_one_address_get_429(room: OpenRoom) -> None:
    phone = room.phone()
    for n in range(POSTS_PER_MINUTE):
        assert _post_json(phone, room.url, {**ENTRY, "title": f"Entry {n}"}).status_code == 201
    before = _counts(room.store)
    refused = _post_json(phone, room.url, {**ENTRY, "title": "One too many"})
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    assert refused.json()["error"] == "too_many"
    assert _counts(room.store) == before
    room.limiter_clock.advance(60)
    assert _post_json(phone, room.url, {**ENTRY, "title": "A minute later"}).status_code == 201


def test_invalid_fields_answer_400_naming_each_and_store_nothing(room: OpenRoom) -> None:
    before = _counts(room.store)
    answer = _post_json(
        room.phone(),
        room.url,
        {
            "kind": "gift",
            "title": "",
            "name": 7,
            "consent": "yes",
            "categories": ["Juggling"],
            "regions": "Wales",
            "colour": "red",
        },
    )
    assert answer.status_code == 400
    body = answer.json()
    assert body["error"] == "invalid"
    assert set(body["fields"]) == {
        "kind",
        "title",
        "name",
        "consent",
        "categories",
        "regions",
        "colour",
    }
    for bad in ("[1, 2]", "not json", '"a string"'):
        raw = requests.post(
            f"{room.url}/entries",
            data=bad,
            headers={"Content-Type": "application/json"},
            timeout=10,
        )
        assert raw.status_code == 400, bad
    wrong_type = requests.post(
        f"{room.url}/entries", data="x", timeout=10, headers={"Content-Type": "text/plain"}
    )
    assert wrong_type.status_code == 415
    assert _counts(room.store) == before


def test_the_form_needs_its_csrf_token_and_keeps_what_was_typed(room: OpenRoom) -> None:
    phone = room.phone()
    page = phone.get(room.url, timeout=10)
    assert page.status_code == 200 and "hexikit_phone" in phone.cookies
    form = {k: v for k, v in ENTRY.items() if k not in ("consent", "categories", "regions")}
    form |= {"consent": "yes", "regions": "Wales", "title": "Typed on the bus"}
    before = _counts(room.store)
    forged = phone.post(f"{room.url}/entries", data={**form, "csrf": "0" * 32}, timeout=10)
    assert forged.status_code == 403
    assert "Typed on the bus" in forged.text  # nothing lost
    missing = phone.post(f"{room.url}/entries", data=form, timeout=10)
    assert missing.status_code == 403
    # Another phone's token is worthless with this phone's cookie.
    other = room.phone()
    other_token = _csrf(other.get(room.url, timeout=10).text)
    assert (
        phone.post(
            f"{room.url}/entries", data={**form, "csrf": other_token}, timeout=10
        ).status_code
        == 403
    )
    assert _counts(room.store) == before
    done = phone.post(f"{room.url}/entries", data={**form, "csrf": _csrf(forged.text)}, timeout=10)
    assert done.status_code == 200 and done.history[0].status_code == 303
    assert "Added, thank you" in done.text and "Typed on the bus" in done.text
    assert [a.title for a in room.store.list_activities(room.event_id)] == ["Typed on the bus"]


def test_a_post_from_another_origin_is_refused(room: OpenRoom) -> None:
    before = _counts(room.store)
    answer = room.phone().post(
        f"{room.url}/entries", json=ENTRY, headers={"Origin": "http://evil.example"}, timeout=10
    )
    assert answer.status_code == 403
    assert _counts(room.store) == before


def test_every_user_text_is_escaped_and_the_policy_is_strict(room: OpenRoom) -> None:
    phone = room.phone()
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    _post_json(phone, room.url, {**ENTRY, "title": attack, "name": attack})
    page = phone.get(room.url, timeout=10)
    assert "<script" not in page.text and "<img" not in page.text
    assert "&lt;script&gt;" in page.text
    assert "Hexithon &lt;Cardiff&gt;" in page.text  # the event's title too
    # A refused form shows the typed text back, escaped as well.
    refused = phone.post(f"{room.url}/entries", data={"title": attack, "csrf": "x"}, timeout=10)
    assert "<script" not in refused.text
    policy = page.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "unsafe" not in policy and "script-src" not in policy
    assert "frame-ancestors 'none'" in policy and "form-action 'self'" in policy
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert page.headers["Cache-Control"] == "no-store"
    cookie = page.headers.get("Set-Cookie", "") or phone.get(room.url, timeout=10).headers.get(
        "Set-Cookie", ""
    )
    del cookie  # the phone already had one; check a fresh one instead
    fresh = requests.get(room.url, timeout=10).headers["Set-Cookie"]
    assert "HttpOnly" in fresh and "SameSite=Lax" in fresh


def test_a_phone_sees_only_its_own_entries_and_nothing_else_is_readable(room: OpenRoom) -> None:
    ana, ben = room.phone(), room.phone()
    _post_json(ana, room.url, {**ENTRY, "title": "Ana's secret offer", "name": "Ana Secret"})
    page = ben.get(room.url, timeout=10)
    assert "Ana" not in page.text
    _post_json(ben, room.url, {**ENTRY, "title": "Ben's request", "name": "Ben"})
    ben_page = ben.get(room.url, timeout=10).text
    assert "Ben&#x27;s request" in ben_page and "Ana" not in ben_page
    origin = room.url.split("/j/")[0]
    for path in ("/entries", "/api", "/static/x", "/favicon.ico", "/openapi.yaml"):
        assert requests.get(f"{origin}{path}", timeout=10).status_code == 404
    listing = ben.get(f"{room.url}/entries", timeout=10, allow_redirects=False)
    assert listing.status_code == 303  # back to the page: there is no list to read
    assert ben.put(f"{room.url}/entries", json=ENTRY, timeout=10).status_code == 405


def test_the_page_is_small_labelled_and_self_contained(room: OpenRoom) -> None:
    page = room.phone().get(room.url, timeout=10)
    assert len(page.content) < 50 * 1024
    text = page.text
    assert "http" not in text.replace("http-equiv", "")  # no external fonts, scripts, images
    assert "<script" not in text
    for field in ("title", "description", "name", "consent"):
        assert f'<label for="{field}"' in text or f'for="{field}"' in text
        assert f'id="{field}"' in text
    assert text.count('type="checkbox" name="categories"') == 8
    assert text.count('type="checkbox" name="regions"') == 11
    assert CONSENT_WORDING_V1 in text


def test_a_deleted_event_closes_the_page(room: OpenRoom) -> None:
    from hexikit.store.models import Event

    room.store.delete(Event, room.event_id)
    phone = room.phone()
    assert phone.get(room.url, timeout=10).status_code == 410
    before = _counts(room.store)
    assert _post_json(phone, room.url, ENTRY).status_code == 410
    assert _counts(room.store) == before


def test_a_phone_whose_participant_was_deleted_gets_a_new_one(room: OpenRoom) -> None:
    phone = room.phone()
    first = room.store.get(Activity, _post_json(phone, room.url, ENTRY).json()["id"])
    assert first is not None and first.participant_id
    room.store.delete(Participant, first.participant_id)
    second = room.store.get(Activity, _post_json(phone, room.url, ENTRY).json()["id"])
    assert second is not None and second.participant_id not in (None, first.participant_id)
    with room.store.session() as session:
        rows = list(session.scalars(select(RoomPhone)))
    assert [row.participant_id for row in rows] == [second.participant_id]


def test_the_form_corrects_an_own_entry_and_phone_entries_count_in_the_report(
    room: OpenRoom,
) -> None:
    from hexikit.report.measures import build_report

    phone = room.phone()
    entry_id = _post_json(phone, room.url, ENTRY).json()["id"]
    _post_json(phone, room.url, {**ENTRY, "kind": "request", "title": "Need SPC help"})
    form_page = phone.get(f"{room.url}/entries/{entry_id}", timeout=10)
    assert form_page.status_code == 200 and 'value="Teach run charts"' in form_page.text
    fixed = phone.post(
        f"{room.url}/entries/{entry_id}",
        data={
            "csrf": _csrf(form_page.text),
            "kind": "offer",
            "title": "Teach run charts, corrected",
            "name": "Siân Jones",
            "consent": "yes",
            "regions": "Wales",
        },
        timeout=10,
    )
    assert fixed.status_code == 200 and "Teach run charts, corrected" in fixed.text
    activity = room.store.get(Activity, entry_id)
    assert activity is not None and activity.title == "Teach run charts, corrected"
    report = build_report(room.store, room.event_id)
    assert (report.offers, report.requests, report.participants) == (1, 1, 1)


def test_a_request_naming_another_host_is_refused(room: OpenRoom) -> None:
    # A web page on a domain rebound to the laptop's address sends its own name as Host.
    before = _counts(room.store)
    for method in ("get", "post"):
        answer = getattr(requests, method)(
            room.url if method == "get" else f"{room.url}/entries",
            json=ENTRY,
            headers={"Host": "rebound.example:8470"},
            timeout=10,
        )
        assert answer.status_code == 403
    assert _counts(room.store) == before


def test_a_double_tap_or_a_resent_post_is_stored_once(room: OpenRoom) -> None:
    phone = room.phone()
    page = phone.get(room.url, timeout=10).text
    key = re.search(r'name="post_key" value="([^"]+)"', page)
    assert key is not None
    form = {
        "csrf": _csrf(page),
        "post_key": key.group(1),
        "kind": "offer",
        "title": "Tapped twice",
        "name": "Ana",
    }
    first = phone.post(f"{room.url}/entries", data=form, timeout=10, allow_redirects=False)
    again = phone.post(f"{room.url}/entries", data=form, timeout=10, allow_redirects=False)
    assert first.status_code == again.status_code == 303
    assert first.headers["Location"] == again.headers["Location"]
    # The page after adding has a fresh key: the next entry is a new one.
    next_page = phone.get(room.url, timeout=10).text
    assert key.group(1) not in next_page
    headers = {"Idempotency-Key": "retry-after-lost-reply-1"}
    one = phone.post(
        f"{room.url}/entries", json={**ENTRY, "title": "Sent twice"}, headers=headers, timeout=10
    )
    two = phone.post(
        f"{room.url}/entries", json={**ENTRY, "title": "Sent twice"}, headers=headers, timeout=10
    )
    assert one.json() == two.json()
    titles = sorted(a.title for a in room.store.list_activities(room.event_id))
    assert titles == ["Sent twice", "Tapped twice"]
