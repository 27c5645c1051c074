"""新旧対照表 rows: marks from what the applier changed, blank padding where text is on one side only."""

from __future__ import annotations

from analogreg.draft.apply import apply_aratame
from analogreg.draft.aratame import generate
from analogreg.draft.shinkyu import BLANK, cells, headings, plain, row_from_applied, row_from_diff

OLD = "市長は、前項の規定により決定した事項を掲示しなければならない。"


def _row(old: str, new: str, label: str = "第3条第2項"):
    aratame = generate(label, old, new)
    return row_from_applied(label, "（公示）", apply_aratame(aratame, {label: old})[label])


def test_replacement_is_marked_on_both_sides():
    row = _row(OLD, OLD.replace("掲示し", "掲示し、又はインターネットの利用その他の方法により公表し"))
    assert plain(row.new) == OLD.replace("掲示し", "掲示し、又はインターネットの利用その他の方法により公表し")
    assert plain(row.old) == OLD
    # The quoted unit of the 改め文 is what is underlined: 「掲示し」 → 「掲示し、又は…公表し」.
    assert [s.text for s in row.old if s.changed] == ["掲示し"]
    assert [s.text for s in row.new if s.changed] == ["掲示し、又はインターネットの利用その他の方法により公表し"]
    assert not any(s.blank for s in row.new + row.old)


def test_addition_pads_the_old_side_and_deletion_the_new_side():
    added = _row("証人を尋問する。", "証人、鑑定人を尋問する。", "第5条")
    assert [s.text for s in added.new if s.changed] == ["、鑑定人"]
    assert [(s.text, s.blank) for s in added.old if s.changed] == [(BLANK * 4, True)]
    assert plain(added.old) == "証人を尋問する。"
    removed = _row("証人、鑑定人を尋問する。", "証人を尋問する。", "第5条")
    assert [s.text for s in removed.old if s.changed] == ["、鑑定人"]
    assert [(s.text, s.blank) for s in removed.new if s.changed] == [(BLANK * 4, True)]


def test_unchanged_text_is_shared_and_in_order():
    row = _row("甲は乙に丙を渡す。", "甲は丁に丙を送る。", "第1条")
    unchanged_new = [s.text for s in row.new if not s.changed]
    unchanged_old = [s.text for s in row.old if not s.changed]
    assert unchanged_new == unchanged_old == ["甲は", "に丙を", "。"]
    assert [s.text for s in row.old if s.changed] == ["乙", "渡す"]
    assert [s.text for s in row.new if s.changed] == ["丁", "送る"]


def test_unverified_row_comes_from_a_plain_diff_and_is_flagged():
    row = row_from_diff("第3条", "", "書面を掲示する。", "書面を掲示し、又は公表する。")
    assert not row.verified
    assert plain(row.new) == "書面を掲示し、又は公表する。" and plain(row.old) == "書面を掲示する。"
    assert [s.text for s in row.new if s.changed] == ["し、又は公表"]


def test_column_order_follows_settings():
    row = _row("甲は乙に丙を渡す。", "甲は丁に丙を渡す。", "第1条")
    assert headings("new_old") == ("改正後", "改正前") and headings("old_new") == ("改正前", "改正後")
    assert cells(row, "new_old") == (row.new, row.old)
    assert cells(row, "old_new") == (row.old, row.new)
