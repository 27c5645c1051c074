"""The bills' and exports' input (tests/fixtures/draft/proposals_misato.jsonl) is what amend gives today.

It once drifted: amend learned to leave a campaign vehicle's 表示板 to manual drafting (keiji.safety), and the
fixture still held internet wording for it, so the bill tests went on drafting a 改め文 the tool no longer writes.
"""

from __future__ import annotations

from misato_proposals import current_proposals, stored_proposals


def test_the_fixture_is_todays_amend_output():
    stored, current = stored_proposals(), current_proposals()
    key = lambda p: (p["doc"], p["label"])  # noqa: E731
    assert [key(p) for p in stored] == [key(p) for p in current], "run: .venv/bin/python tests/misato_proposals.py"
    for old, new in zip(stored, current, strict=True):
        changed = sorted(field for field in old.keys() | new.keys() if old.get(field) != new.get(field))
        assert not changed, f"{key(old)} differs in {changed}: run .venv/bin/python tests/misato_proposals.py"
    # What the tests draw on is there: verified 改め文 in 条例, 規則 and 規程, and proposals left to manual drafting.
    assert {p["law_kind"] for p in current if p["verified"] and p["new_text"] != p["old_text"]} >= {"条例", "規則"}
    assert any(p["template"] == "keiji.safety" and p["new_text"] == p["old_text"] for p in current)
