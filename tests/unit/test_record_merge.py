"""Merging one record field by field, versions on write, tombstones: the cases people hit."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from relate_tui.domain.journal_merge import merge_journals
from relate_tui.domain.record_fields import assemble, field_values
from relate_tui.domain.record_merge import merge_records
from relate_tui.domain.versions import make_version, next_version, stamped

T0 = "2026-11-01T10:00:00+00:00"


def v(minute: int, machine: str = "laptop") -> str:
    """A version made at 10:<minute> on 29 Nov 2026."""
    return make_version(datetime(2026, 11, 29, 10, minute, tzinfo=UTC), machine)


def ana(**fields: Any) -> dict[str, Any]:
    record = {"id": "ana", "name": "Ana Lima", "created": T0, "updated": T0}
    record.update(fields)
    return record


def test_a_new_email_on_one_side_and_a_new_phone_on_the_other_are_both_kept() -> None:
    laptop = ana(
        channels=[{"kind": "email", "value": "ana@lab.org"}],
        versions={"channels.email": [v(1)]},
    )
    desktop = ana(
        channels=[{"kind": "phone", "value": "+351 912"}],
        versions={"channels.phone": [v(2, "desktop")]},
    )
    merged, clashes = merge_records("people", laptop, desktop)
    assert clashes == []
    assert merged["channels"] == [
        {"kind": "email", "value": "ana@lab.org"},
        {"kind": "phone", "value": "+351 912"},
    ]
    assert "conflicts" not in merged


def test_the_same_field_changed_on_both_keeps_the_later_and_records_the_other() -> None:
    laptop = ana(org="Datalab", versions={"org": [v(1)]})
    desktop = ana(org="Acme", versions={"org": [v(5, "desktop")]})
    for ours, theirs in ((laptop, desktop), (desktop, laptop)):
        merged, clashes = merge_records("people", ours, theirs)
        assert merged["org"] == "Acme"
        assert merged["conflicts"] == [
            {"field": "org", "value": "Datalab", "version": v(1), "against": v(5, "desktop")}
        ]
        assert [c.field for c in clashes] == ["org"]


def test_a_change_made_after_seeing_the_other_wins_without_a_conflict() -> None:
    # The desktop changed the org after syncing the laptop's change (its lineage knows it),
    # even though the desktop's clock is an hour behind.
    laptop = ana(org="Datalab", versions={"org": [v(30)]})
    desktop = ana(org="Datalab Inc", versions={"org": [v(2, "desktop"), v(30)]})
    merged, clashes = merge_records("people", laptop, desktop)
    assert merged["org"] == "Datalab Inc" and clashes == [] and "conflicts" not in merged


def test_a_field_changed_on_one_side_only_comes_from_that_side() -> None:
    base = ana(org="Datalab")
    changed = ana(org="Acme", versions={"org": [v(3)]})
    assert merge_records("people", base, changed)[0]["org"] == "Acme"
    assert merge_records("people", changed, base)[0]["org"] == "Acme"


def test_merging_a_result_again_changes_nothing() -> None:
    laptop = ana(org="Datalab", about="x", versions={"org": [v(1)], "about": [v(1)]})
    desktop = ana(org="Acme", versions={"org": [v(5, "desktop")]})
    merged, _ = merge_records("people", laptop, desktop)
    assert merge_records("people", merged, desktop)[0] == merged
    assert merge_records("people", merged, laptop)[0] == merged
    assert merge_records("people", merged, merged)[0] is merged


def test_a_resolved_conflict_does_not_come_back_from_a_copy_that_still_has_it() -> None:
    laptop = ana(org="Datalab", versions={"org": [v(1)]})
    desktop = ana(org="Acme", versions={"org": [v(5, "desktop")]})
    merged, _ = merge_records("people", laptop, desktop)
    # Both machines merged; the laptop resolves it (a new version of the field).
    resolved = {**merged, "versions": {"org": [v(9), v(5, "desktop"), v(1)]}}
    del resolved["conflicts"]
    again, clashes = merge_records("people", resolved, merged)
    assert "conflicts" not in again and again["org"] == "Acme" and clashes == []


def test_the_ancestor_decides_exactly_in_a_three_way_merge() -> None:
    ancestor = ana(org="Datalab", role="lead")
    ours = ana(org="Acme", role="lead", versions={"org": [v(1)]})
    theirs = ana(org="Datalab", role="CTO", versions={"role": [v(2, "desktop")]})
    merged, clashes = merge_records("people", ours, theirs, ancestor)
    assert (merged["org"], merged["role"], clashes) == ("Acme", "CTO", [])


def test_an_unsaved_edit_against_a_changed_field_is_a_clash_for_the_app_to_ask() -> None:
    read = ana(org="Datalab", versions={"org": [v(1)]})
    mine = ana(org="Mine Inc", versions={"org": [v(1)]})  # a form: no new version yet
    disk = ana(org="Acme", versions={"org": [v(4, "desktop"), v(1)]})
    merged, clashes = merge_records("people", mine, disk, read, record_clashes=False)
    assert [(c.field, c.ours, c.theirs) for c in clashes] == [("org", "Mine Inc", "Acme")]
    assert merged["org"] == "Acme" and "conflicts" not in merged


def test_a_promise_kept_on_one_side_and_dropped_on_the_other_is_one_clash() -> None:
    base = {"id": "p", "person_id": "ana", "text": "send deck", "due": "2026-12-04",
            "created": T0, "updated": T0, "status": "open"}  # fmt: skip
    kept = {**base, "status": "kept", "closed_at": T0, "versions": {"status": [v(1)]}}
    dropped = {**base, "status": "dropped", "closed_at": "2026-11-29T12:00:00+00:00",
               "versions": {"status": [v(2, "desktop")]}}  # fmt: skip
    merged, clashes = merge_records("promises", kept, dropped)
    assert [c.field for c in clashes] == ["status"]
    assert (merged["status"], merged["closed_at"]) == ("dropped", "2026-11-29T12:00:00+00:00")
    assert merged["conflicts"][0]["value"] == ["kept", T0]


def test_record_fields_round_trip() -> None:
    record = ana(
        channels=[{"kind": "email", "value": "a@b"}, {"kind": "phone", "value": "1"}],
        dates=[{"label": "birthday", "month": 4, "day": 15}],
        tags=["work"],
    )
    assert assemble("people", record, field_values("people", record)) == record


def test_a_write_gives_changed_fields_a_new_version_and_keeps_the_rest() -> None:
    before = ana(org="Datalab", role="lead", versions={"role": [v(1)]})
    after = ana(org="Acme", role="lead", versions={"role": [v(1)]})
    written = stamped("people", before, after, lambda: v(7))
    assert written["versions"] == {"org": [v(7)], "role": [v(1)]}
    assert stamped("people", before, dict(before), lambda: v(8)) == before


def test_a_write_from_a_record_without_versions_cannot_drop_them() -> None:
    before = ana(org="Acme", versions={"org": [v(1)]})
    after = ana(org="Acme", about="likes climbing")  # built without the versions
    written = stamped("people", before, after, lambda: v(7))
    assert written["versions"] == {"about": [v(7)], "org": [v(1)]}


def test_undoing_an_edit_is_a_new_change_not_a_step_back_in_versions() -> None:
    before = ana(org="Acme", versions={"org": [v(5), v(1)]})
    undo = ana(org="Datalab", versions={"org": [v(1)]})  # the record as it was
    written = stamped("people", before, undo, lambda: v(9))
    assert written["versions"]["org"] == [v(9), v(5), v(1)]


def test_a_conflict_follows_its_field_when_the_field_is_edited() -> None:
    conflict = {"field": "org", "value": "Datalab", "version": v(1), "against": v(5)}
    before = ana(org="Acme", versions={"org": [v(5), v(1)]}, conflicts=[conflict])
    after = ana(org="Acme Corp", versions={"org": [v(5), v(1)]}, conflicts=[conflict])
    written = stamped("people", before, after, lambda: v(9))
    assert written["conflicts"] == [{**conflict, "against": v(9)}]


def test_the_clock_never_goes_back_within_a_record() -> None:
    now = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)  # before the versions already there
    made = next_version(now, "laptop", [v(30, "desktop")])
    assert made > v(30, "desktop") and made.endswith("~laptop")


def _tables(**tables: dict[str, dict[str, Any]]) -> dict[str, dict[str, dict[str, Any]]]:
    return {name: tables.get(name, {}) for name in ("people", "notes", "promises")}


def note(rid: str, **fields: Any) -> dict[str, Any]:
    record = {"id": rid, "person_ids": ["ana"], "kind": "call", "at": T0, "body": "hi",
              "created": T0, "updated": T0}  # fmt: skip
    record.update(fields)
    return record


def test_a_record_deleted_on_one_side_and_untouched_on_the_other_stays_deleted() -> None:
    ours = _tables(people={"ana": ana()}, notes={"n1": note("n1")})
    theirs = _tables(people={"ana": ana()})
    tomb = {"id": "n1", "table": "notes", "at": v(3, "desktop")}
    merged = merge_journals(ours, theirs, [], [tomb])
    assert "n1" not in merged.tables["notes"]
    assert merged.report.removed == {"notes": ["n1"]}
    assert list(merged.tombstones.values()) == [tomb]


def test_an_edit_beats_a_delete_and_says_so() -> None:
    edited = note("n1", body="hi, edited", versions={"body": [v(9)]})
    ours = _tables(people={"ana": ana()}, notes={"n1": edited})
    theirs = _tables(people={"ana": ana()})
    tomb = {"id": "n1", "table": "notes", "at": v(3, "desktop")}
    merged = merge_journals(ours, theirs, [], [tomb])
    kept = merged.tables["notes"]["n1"]
    assert kept["body"] == "hi, edited"
    assert kept["conflicts"][0]["field"] == "deleted"
    assert merged.report.kept_over_delete == [("notes", "n1")]
    # The same copy again: nothing new.
    again = merge_journals(merged.tables, theirs, list(merged.tombstones.values()), [tomb])
    assert again.tables == merged.tables and again.report.empty


def test_a_note_about_someone_deleted_elsewhere_brings_them_back() -> None:
    ours = _tables(people={"ana": ana()}, notes={"n2": note("n2")})  # a new note here
    theirs = _tables()  # Ana deleted there
    tomb = {"id": "ana", "table": "people", "at": v(3, "desktop")}
    merged = merge_journals(ours, theirs, [], [tomb])
    assert "ana" in merged.tables["people"] and "n2" in merged.tables["notes"]
    assert merged.tables["people"]["ana"]["conflicts"][0]["field"] == "deleted"


def test_a_conflict_left_pointing_at_an_old_version_is_kept_by_the_next_merge() -> None:
    # An undo of a resolve used to put the conflict back against the field's version of
    # before the undo, which the undo itself replaced: the conflict showed in the list,
    # and the next merge of the copy dropped it with the other machine's value.
    dead = {"field": "org", "value": "Datalab", "version": v(1), "against": v(5, "desktop")}
    laptop = ana(
        org="Acme",
        versions={"org": [v(9), v(7), v(5, "desktop"), v(1)]},
        conflicts=[dead],
    )
    desktop = ana(org="Acme", versions={"org": [v(5, "desktop")]})
    for ours, theirs in ((laptop, desktop), (desktop, laptop)):
        merged, _ = merge_records("people", ours, theirs)
        assert merged["conflicts"] == [{**dead, "against": v(9)}]
