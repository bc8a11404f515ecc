"""The capture draft: saved atomically, read back, ignored when damaged, cleared after a save."""

from __future__ import annotations

from pathlib import Path

from hexikit.base.paths import draft_path
from hexikit.records.drafts import CaptureDraft, clear_draft, load_draft, save_draft


def test_round_trip_keeps_every_field(data_dir: Path) -> None:
    draft = CaptureDraft(
        event_id="e1",
        editing_id="",
        kind="request",
        participant_id="p1",
        title="Help with a run chart 📈 for Llŷr",
        description="שלום — right-to-left and emoji stay as typed",
        categories=["Statistical analysis"],
        regions=["Wales", "London"],
        mode="remote",
        hours="1.5",
        category_text="desi",
        region_text="",
    )
    save_draft(data_dir, draft)
    assert load_draft(data_dir) == draft
    # Written atomically: no temporary file is left beside it.
    assert [p.name for p in data_dir.iterdir()] == [draft_path(data_dir).name]


def test_missing_draft_is_none(data_dir: Path) -> None:
    assert load_draft(data_dir) is None
    clear_draft(data_dir)  # clearing nothing is fine


def test_damaged_or_foreign_files_are_ignored(data_dir: Path) -> None:
    path = draft_path(data_dir)
    for text in ("{not json", "[]", '{"version": 1}', '{"draft": "x"}'):
        path.write_text(text, encoding="utf-8")
        assert load_draft(data_dir) is None
    path.write_bytes(b"\xff\xfe\x00bad")
    assert load_draft(data_dir) is None


def test_unknown_and_wrongly_typed_keys_take_defaults(data_dir: Path) -> None:
    draft_path(data_dir).write_text(
        '{"version": 9, "draft": {"title": "Kept", "categories": "Design", "hours": 2,'
        ' "future_field": true, "regions": ["Wales", 3]}}',
        encoding="utf-8",
    )
    loaded = load_draft(data_dir)
    assert loaded is not None
    assert loaded.title == "Kept"
    assert loaded.categories == []
    assert loaded.hours == ""
    assert loaded.regions == ["Wales", "3"]


def test_clear_removes_the_file(data_dir: Path) -> None:
    save_draft(data_dir, CaptureDraft(title="x"))
    clear_draft(data_dir)
    assert not draft_path(data_dir).exists()


def test_only_typed_text_counts_as_work() -> None:
    sticky_only = CaptureDraft(kind="request", participant_id="p", regions=["Wales"], mode="remote")
    assert not sticky_only.has_typed_text()
    assert CaptureDraft(title=" a ").has_typed_text()
    assert CaptureDraft(categories=["Design"]).has_typed_text()
    assert CaptureDraft(region_text="lond").has_typed_text()
    assert CaptureDraft(editing_id="x").has_typed_text()
