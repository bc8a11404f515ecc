"""The Welsh CSV option (issue 17): Welsh headers and category/region names, read back to the
same records; English stays the default."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hexikit.cli import main
from hexikit.records.domain import (
    ActivityInput,
    EventInput,
    Kind,
    ParticipantInput,
    category_label,
    match_category,
    match_region,
    region_label,
)
from hexikit.records.exchange import CSV_COLUMNS, WELSH_COLUMNS, import_csv_bytes
from hexikit.records.export import export_csv
from hexikit.records.recording import record_activity
from hexikit.store import Store
from tests.core.records.test_exchange import comparable, fill_awkward


def test_welsh_csv_round_trip(store: Store, tmp_path: Path) -> None:
    event_id = store.create_event(EventInput(title="Hexithon Caerdydd", region="Wales")).id
    fill_awkward(store, event_id)
    record_activity(
        store,
        event_id,
        ActivityInput(
            kind=Kind.OFFER,
            title="Dysgu siartiau rhediad",
            categories=["Audit and evaluation", "Collaboration and networking"],
            regions=["Wales"],
        ),
        ParticipantInput(name="Siân Jones", region="Wales"),
    )
    text = export_csv(store, event_id, language="cy")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == [WELSH_COLUMNS[column] for column in CSV_COLUMNS]
    welsh = {row[rows[0].index("teitl")]: row for row in rows[1:]}
    mine = welsh["Dysgu siartiau rhediad"]
    assert mine[rows[0].index("categorïau")] == "Archwilio a gwerthuso; Cydweithio a rhwydweithio"
    assert mine[rows[0].index("rhanbarthau")] == "Cymru"
    assert mine[rows[0].index("rhanbarth_cyfranogwr")] == "Cymru"

    other = Store.open(tmp_path / "other-laptop")
    try:
        copy = other.create_event(EventInput(title="Copi")).id
        result = import_csv_bytes(other, text.encode("utf-8"), copy)
        assert result.activities == len(rows) - 1
        assert comparable(other, copy) == comparable(store, event_id)
        stored = {a.title: a for a in other.list_activities(copy)}["Dysgu siartiau rhediad"]
        # Stored by the stable English keys, whatever language the file was in.
        assert stored.categories == ["Audit and evaluation", "Collaboration and networking"]
        assert stored.regions == ["Wales"]
        assert "Wales" in {p.region for p in other.list_participants(copy)}
    finally:
        other.close()


def test_english_headers_stay_the_default(store: Store) -> None:
    event_id = store.create_event(EventInput(title="Hexithon")).id
    record_activity(
        store, event_id, ActivityInput(kind=Kind.REQUEST, title="x", categories=["Design"])
    )
    rows = list(csv.reader(io.StringIO(export_csv(store, event_id), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[1][CSV_COLUMNS.index("categories")] == "Design"


def test_cli_export_in_welsh(store: Store, tmp_path: Path) -> None:
    event_id = store.create_event(EventInput(title="Hexithon")).id
    record_activity(store, event_id, ActivityInput(kind=Kind.OFFER, title="y", regions=["East"]))
    out = tmp_path / "allforio.csv"
    assert main(["export", "--csv-lang", "cy", "--out", str(out)]) == 0
    header, row = list(csv.reader(io.StringIO(out.read_text("utf-8-sig"), newline="")))[:2]
    assert header[header.index("math")] == "math"
    assert row[header.index("rhanbarthau")] == "Dwyrain"


def test_keys_and_labels_in_either_language_match_the_same_key() -> None:
    assert category_label("Audit and evaluation", "cy") == "Archwilio a gwerthuso"
    assert category_label("Audit and evaluation", "en") == "Audit and evaluation"
    assert match_category("ARCHWILIO A GWERTHUSO") == "Audit and evaluation"
    assert match_category("audit and evaluation") == "Audit and evaluation"
    assert region_label("Scotland", "cy") == "Yr Alban"
    assert match_region("yr alban") == "Scotland"
    assert match_region("Narnia") is None


def test_consent_is_stored_in_the_language_it_was_shown_in() -> None:
    from hexikit.base import i18n
    from hexikit.records.domain import CONSENT_WORDING_V1, CONSENT_WORDING_V1_CY, consent_wording

    assert consent_wording("en") == CONSENT_WORDING_V1
    assert consent_wording("cy") == CONSENT_WORDING_V1_CY
    i18n.set_language("cy")
    try:
        assert consent_wording() == CONSENT_WORDING_V1_CY
    finally:
        i18n.set_language("en")
    assert consent_wording() == CONSENT_WORDING_V1
