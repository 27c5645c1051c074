"""The review app driven by Pilot: every key action, checked in the app and in SQLite; persistence across quit and
reopen and across a killed process; filters, search, context, orphans; and the text helpers behind the panes.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from review_support import BUNDLED, FIXTURE, Clock, copy_fixture, fid_of, settle
from rich.cells import cell_len
from textual._xterm_parser import XTermParser
from textual.app import App
from textual.keys import _character_to_key
from textual.widgets import OptionList, Select, SelectionList, TextArea
from typer.testing import CliRunner

from analogreg.errors import InputError
from analogreg.records import Proposal
from analogreg.review.app import ReviewApp
from analogreg.review.cells import fit, table_safe
from analogreg.review.data import Filters, filter_ids, load_proposals, next_unreviewed
from analogreg.review.screens.edit import EditScreen
from analogreg.review.screens.main import MainScreen
from analogreg.review.screens.orphans import OrphanScreen
from analogreg.review.session import ReviewSession
from analogreg.review.state import ReviewStore, load_decisions
from analogreg.review.widgets.dialogs import TemplateDialog
from analogreg.review.widgets.diff import diff_segments
from analogreg.review.widgets.findings_table import FindingsTable
from analogreg.review.widgets.text_area import SPACE_KEYS, LegalTextArea
from analogreg.review.widgets.text_pane import TextPane
from analogreg.review.widgets.wrapped import NO_START, WrappedText, wrap_offsets

SIZE = (150, 45)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the fixture folder (amendments/ and ordinances/), since the app writes review.sqlite.

    The current directory is the copy too: sources are looked up from there first, and the repository's own
    ordinances/ must not stand in for the fixture's.
    """
    root = copy_fixture(tmp_path / "review")
    monkeypatch.chdir(root)
    return root


def out_dir(workdir: Path) -> Path:
    return workdir / "amendments"


def open_app(workdir: Path, reviewer: str = "tanaka") -> ReviewApp:
    session = ReviewSession.open(out_dir(workdir), reviewer, clock=Clock())
    app = ReviewApp(session)
    # Every message the app shows, kept: toasts expire, and a slow test machine must not make that a failure.
    app.messages = []
    shown = app.notify

    def notify(message, **kwargs):
        app.messages.append(str(message))
        return shown(message, **kwargs)

    app.notify = notify
    return app


async def redrafted(pilot, widget_id: str = "#edit-aratame") -> str:
    """Wait for the debounced re-draft of the edit screen to land; return what the 改め文 pane shows."""
    for _ in range(100):
        await settle(pilot)
        shown = str(pilot.app.screen.query_one(widget_id).render())
        if "recomputing" not in shown:
            return shown
        await pilot.pause(0.1)
    raise AssertionError("the 改め文 was never recomputed")


def main(app: ReviewApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


async def goto(pilot, title_part: str, label: str) -> str:
    app = pilot.app
    fid = fid_of(app, title_part, label)
    assert main(app).table.select_key(fid)
    await settle(pilot)
    return fid


async def write_note(pilot, *keys: str) -> None:
    """On the current finding: open the note (``n``), type ``keys``, save."""
    await pilot.press("n")
    await settle(pilot)
    await pilot.press(*keys)
    await pilot.press("ctrl+s")
    await settle(pilot)


async def open_edit(pilot, title_part: str, label: str) -> tuple[str, EditScreen]:
    """Go to the finding, open the edit screen (``e``): its id and the screen."""
    fid = await goto(pilot, title_part, label)
    await pilot.press("e")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, EditScreen)
    return fid, screen


def db_decisions(workdir: Path) -> dict:
    return load_decisions(out_dir(workdir) / "review.sqlite")


def cell(app: ReviewApp, fid: str, column: str) -> str:
    value = main(app).table.get_cell(fid, column)
    return value.plain if hasattr(value, "plain") else str(value)


def progress_text(app: ReviewApp) -> str:
    return str(app.screen.query_one("#progress").render())


async def pick_another_template(pilot, app: ReviewApp, fid: str):
    """``t`` on the finding ``fid`` (the current row), then enter on a template other than its own; the choice."""
    await pilot.press("t")
    await settle(pilot)
    dialog = app.screen
    assert isinstance(dialog, TemplateDialog)
    other = next(i for i, alt in enumerate(dialog.options) if alt.template != app.session.by_id[fid].template)
    dialog.query_one(OptionList).highlighted = other
    await pilot.press("enter")
    await settle(pilot)
    return dialog.options[other]


def proposal_pane(app: ReviewApp) -> str:
    return app.screen.query_one("#proposal", TextPane).content.plain


def context_pane(app: ReviewApp) -> str:
    return app.screen.query_one("#context", TextPane).content.plain


# --- the key actions ----------------------------------------------------------------------------------------


async def test_accept_is_saved_before_the_row_changes(workdir: Path) -> None:
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "0 / 18 reviewed" in progress_text(app)
        fid = await goto(pilot, "郵便法", "第六十九条")
        await pilot.press("a")
        assert db_decisions(workdir)[fid].status == "accepted"
        assert db_decisions(workdir)[fid].reviewer == "tanaka"
        assert cell(app, fid, "status") == "accepted"
        assert "1 / 18 reviewed" in progress_text(app)
        assert "status: accepted  by tanaka at 2026-11-02 09:00:30+09:00" in proposal_pane(app)


async def test_accepting_an_unverified_proposal_warns(workdir: Path) -> None:
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        fid = await goto(pilot, "郵便法", "第九十二条")
        await pilot.press("a")
        assert db_decisions(workdir)[fid].status == "accepted"
        assert any("NOT verified" in m for m in app.messages)


async def test_reject(workdir: Path) -> None:
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        fid = await goto(pilot, "液化石油ガス", "第七条第二項")
        await pilot.press("r")
        assert db_decisions(workdir)[fid].status == "rejected"
        assert cell(app, fid, "status") == "rejected"
        assert "1 / 18 reviewed" in progress_text(app)


async def test_edit_recomputes_aratame_as_you_type_and_saves(workdir: Path) -> None:
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        fid, screen = await open_edit(pilot, "三郷市開発登録簿閲覧規則", "第5条")
        area = screen.query_one("#edit-text", TextArea)
        where = area.text.index("その他の方法") + len("その他の")
        area.move_cursor(area.document.get_location_from_index(where))
        await pilot.press("適", "切", "な")
        aratame = await redrafted(pilot)
        edited = area.text
        assert "インターネットの利用その他の適切な方法により公表する" in edited
        # The diff marks the whole insertion, the 改め文 is the drafter's, and the applier verified it.
        diff = screen.query_one("#edit-diff", WrappedText).content
        inserted = [diff.plain[s.start : s.end] for s in diff.spans if "green" in str(s.style)]
        assert inserted == ["し、又はインターネットの利用その他の適切な方法により公表"]
        assert "verified" in aratame and "NOT" not in aratame
        assert "適切な方法により公表" in aratame and "第5条中" in aratame
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        saved = db_decisions(workdir)[fid]
        assert (saved.status, saved.new_text) == ("edited", edited)
        assert cell(app, fid, "status") == "edited"
        assert cell(app, fid, "check") == "ok"
        assert "Proposal (reviewer's wording)" in proposal_pane(app)
        assert "適切な方法" in proposal_pane(app)


async def test_edit_takes_the_full_width_space(workdir: Path) -> None:
    """「　」 (U+3000) separates a 号's number from its text; typed in the edit screen, it must be kept."""
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        fid, screen = await open_edit(pilot, "三郷市下水道条例施行規則", "第6条の19")
        area = screen.query_one("#edit-text", TextArea)
        area.move_cursor(area.document.end)
        # A 号 ending in a noun (no 句点; Pilot could not type 。 anyway: it sends that key without its character).
        await pilot.press("enter", "一", "\u3000", *"排水設備の工事の完了の検査")
        await settle(pilot)
        assert area.text.endswith("公示する。\n一\u3000排水設備の工事の完了の検査")
        diff = app.screen.query_one("#edit-diff", WrappedText).content
        inserted = "".join(diff.plain[s.start : s.end] for s in diff.spans if "green" in str(s.style))
        assert "一\u3000排水設備" in inserted
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert db_decisions(workdir)[fid].new_text == area.text


async def test_edit_cancel_needs_a_second_escape_and_saves_nothing(workdir: Path) -> None:
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        fid, _ = await open_edit(pilot, "税理士法", "第四十一条第三項")
        await pilot.press("end", "x")
        await pilot.press("escape")
        assert isinstance(app.screen, EditScreen)  # warned, not discarded
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert fid not in db_decisions(workdir)


async def test_an_edit_that_cannot_be_verified_is_flagged(workdir: Path) -> None:
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        fid, screen = await open_edit(pilot, "税理士法", "第四十一条第三項")
        area = screen.query_one("#edit-text", TextArea)
        area.load_text(area.text.replace("税理士は、", "税理士は、税理士は、"))
        area.post_message(TextArea.Changed(area))
        aratame = await redrafted(pilot)
        # Whatever the drafter writes for a doubled phrase, the applier must say whether it reproduces it.
        assert ("verified" in aratame) != ("NOT VERIFIED" in aratame)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert db_decisions(workdir)[fid].status == "edited"
        verified = app.session.verified(fid)
        assert cell(app, fid, "check") == ("ok" if verified else "NG")
        assert any("NOT verified" in m for m in app.messages) == (not verified)


async def test_template_pick_then_accept(workdir: Path) -> None:
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        fid = await goto(pilot, "三郷市下水道条例施行規則", "第6条の19")
        proposal = app.session.by_id[fid]
        assert proposal.template == "keiji.koji"
        await pilot.press("t")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, TemplateDialog)
        offered = [alt.template for alt in dialog.options]
        assert offered == ["keiji.koji", "keiji.internet"]
        # The tool's own wording is among them, exactly as amend proposed it.
        assert dialog.options[0].new_text == proposal.new_text
        dialog.query_one(OptionList).highlighted = 1
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        chosen = dialog.options[1].new_text
        assert "掲示し、又はインターネットの利用その他の方法により公表して公示する" in chosen
        saved = db_decisions(workdir)[fid]
        assert (saved.status, saved.template, saved.new_text) == ("pending", "keiji.internet", chosen)
        assert cell(app, fid, "status") == "pending"
        assert cell(app, fid, "check") == "ok"  # the new wording was re-drafted and verified
        assert "template: keiji.internet" in proposal_pane(app)
        await pilot.press("a")
        saved = db_decisions(workdir)[fid]
        assert (saved.status, saved.template, saved.new_text) == ("accepted", "keiji.internet", chosen)


async def test_template_without_source_says_why(workdir: Path) -> None:
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "郵便法", "第六十九条")
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert any("needs the source document" in m for m in app.messages)
        assert db_decisions(workdir) == {}


async def test_categories_dialog(workdir: Path) -> None:
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        fid = await goto(pilot, "三郷市建築計画概要書等閲覧規程", "第5条")
        await pilot.press("c")
        await settle(pilot)
        options = app.screen.query_one(SelectionList)
        assert list(options.selected) == ["書面掲示"]
        options.highlighted = 6  # 往訪閲覧・縦覧
        await pilot.press("space")
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = db_decisions(workdir)[fid]
        assert saved.categories == ["書面掲示", "往訪閲覧・縦覧"]
        assert saved.status == "pending"
        assert cell(app, fid, "categories") == "掲示 閲覧"
        assert "changed by reviewer; proposed: 書面掲示" in proposal_pane(app)
        # The definition of the added category is part of the explanation.
        assert "書類・情報の閲覧・縦覧のために、公的機関等へ出向くことを求めている規制" in proposal_pane(app)


async def test_categories_dialog_refuses_none(workdir: Path) -> None:
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        fid = await goto(pilot, "三郷市建築計画概要書等閲覧規程", "第5条")
        await pilot.press("c")
        await settle(pilot)
        options = app.screen.query_one(SelectionList)
        options.highlighted = 5
        await pilot.press("space")  # untick 書面掲示
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, MainScreen)
        await pilot.press("escape")
        assert fid not in db_decisions(workdir)


async def test_note(workdir: Path) -> None:
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        fid = await goto(pilot, "三郷市庁舎防火管理規程", "第13条")
        await write_note(pilot, *"職員向けの掲示")
        saved = db_decisions(workdir)[fid]
        assert (saved.note, saved.status) == ("職員向けの掲示", "pending")
        assert "職員向けの掲示" in proposal_pane(app)
        assert "0 / 18 reviewed" in progress_text(app)  # a note decides nothing


async def test_note_takes_the_full_width_space(workdir: Path) -> None:
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        fid = await goto(pilot, "三郷市庁舎防火管理規程", "第13条")
        await write_note(pilot, *"第一条", "\u3000", *"の目的規定と併せて確認")
        assert db_decisions(workdir)[fid].note == "第一条\u3000の目的規定と併せて確認"


async def test_legal_text_area_inserts_every_space_separator() -> None:
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Zs"]
    assert "\u3000" in spaces and "\u00a0" in spaces and not "\u3000".isprintable()
    # Every Zs of this Python's Unicode is known by the key name Textual gives it (what Pilot sends).
    assert sorted(SPACE_KEYS.values()) == [c for c in spaces if c != " "]
    assert all(_character_to_key(c) == key for key, c in SPACE_KEYS.items())

    class One(App):
        def compose(self):
            yield LegalTextArea("第一条目的", id="area")

    app = One()
    async with app.run_test() as pilot:
        area = app.query_one(LegalTextArea)
        area.focus()
        area.move_cursor((0, 3))
        await pilot.press("\u3000")
        assert area.text == "第一条\u3000目的"
        assert area.cursor_location == (0, 4)
        area.select_all()
        await pilot.press(*spaces)  # replaces the selection, as typing does; the ASCII space still TextArea's own
        assert area.text == "".join(spaces)
        # What a terminal sends (typed, or committed by a Japanese IME): the bytes through Textual's own parser.
        area.load_text("")
        for event in XTermParser().feed("第一条\u3000目的"):
            app._driver.send_message(event)
            await pilot.pause()
        assert area.text == "第一条\u3000目的"
        area.read_only = True
        await pilot.press("\u3000")
        assert area.text == "第一条\u3000目的"


async def test_group_applies_last_decision_and_undo_reverts_it_as_one_step(workdir: Path) -> None:
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        first = await goto(pilot, "郵便法", "第六十九条")
        group = app.session.by_id[first].group
        members = [p.finding_id for p in app.session.proposals if p.group == group]
        assert len(members) == 3
        await pilot.press("a")
        # The cursor moves on before g: g spreads the *last decision*, not the row under the cursor.
        await goto(pilot, "税理士法", "第四十一条第三項")
        await pilot.press("g")
        await settle(pilot)
        saved = db_decisions(workdir)
        assert [saved[m].status for m in members] == ["accepted"] * 3
        assert [cell(app, m, "status") for m in members] == ["accepted"] * 3
        assert "3 / 18 reviewed" in progress_text(app)
        batches = {h.batch for h in app.session.store.history() if h.action == "group"}
        assert len(batches) == 1

        await pilot.press("u")
        await settle(pilot)
        saved = db_decisions(workdir)
        assert saved[first].status == "accepted"
        assert all(m not in saved for m in members if m != first)
        assert "1 / 18 reviewed" in progress_text(app)
        assert main(app).table.current_key in members  # the cursor goes to what was undone

        await pilot.press("u")
        await settle(pilot)
        assert db_decisions(workdir) == {}
        assert cell(app, first, "status") == "pending"


async def test_group_leaves_a_member_with_a_picked_template_alone(workdir: Path) -> None:
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        picked = await goto(pilot, "三郷市庁舎防火管理規程", "第13条")
        chosen = await pick_another_template(pilot, app, picked)
        assert db_decisions(workdir)[picked].template == chosen.template

        first = await goto(pilot, "郵便法", "第六十九条")
        await pilot.press("a")
        await pilot.press("g")
        await settle(pilot)
        saved = db_decisions(workdir)
        free = fid_of(app, "倉庫業法", "第九条")
        assert app.session.by_id[free].group == app.session.by_id[first].group == app.session.by_id[picked].group
        assert saved[free].status == "accepted"
        # The picked template's wording has not been read yet: g must not accept it (nor go back to the tool's).
        assert (saved[picked].status, saved[picked].template, saved[picked].new_text) == (
            "pending",
            chosen.template,
            chosen.new_text,
        )
        assert cell(app, picked, "status") == "pending"
        assert any("1 with another template picked left for you to decide" in m for m in app.messages)


async def test_group_refuses_to_spread_an_accepted_picked_template(workdir: Path) -> None:
    """Accepting a picked template, then g: the members hold the tool's own wording, so g would accept texts nobody
    read in place of the template the reviewer chose; it refuses and leaves them undecided."""
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        picked = await goto(pilot, "三郷市庁舎防火管理規程", "第13条")
        await pick_another_template(pilot, app, picked)
        await pilot.press("a")
        await settle(pilot)
        assert db_decisions(workdir)[picked].status == "accepted"
        await pilot.press("g")
        await settle(pilot)
        free = fid_of(app, "倉庫業法", "第九条")
        assert app.session.by_id[free].group == app.session.by_id[picked].group
        assert free not in db_decisions(workdir) or db_decisions(workdir)[free].status == "pending"
        assert any("pick it for each of them" in m for m in app.messages)


async def test_group_refuses_a_last_decision_changed_since(workdir: Path) -> None:
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        fid = await goto(pilot, "三郷市建築計画概要書等閲覧規程", "第5条")
        other = fid_of(app, "三郷市開発登録簿閲覧規則", "第5条")
        assert app.session.by_id[other].group == app.session.by_id[fid].group
        await pilot.press("r")
        await pilot.press("c")
        await settle(pilot)
        app.screen.query_one(SelectionList).highlighted = 6  # 往訪閲覧・縦覧
        await pilot.press("space")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert db_decisions(workdir)[fid].categories == ["書面掲示", "往訪閲覧・縦覧"]
        await pilot.press("g")
        await settle(pilot)
        assert other not in db_decisions(workdir)
        assert any(
            "Your last decision (三郷市建築計画概要書等閲覧規程 第5条: rejected) is no longer in force: "
            "its categories changed since (by tanaka)" in m
            for m in app.messages
        )


async def test_group_refuses_after_an_edit_or_without_a_group(workdir: Path) -> None:
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        assert db_decisions(workdir) == {}
        await goto(pilot, "三郷市庁舎防火管理規程", "第11条")  # alone in its group
        await pilot.press("r")
        await pilot.press("g")
        assert len(db_decisions(workdir)) == 1
        assert any("no group" in m for m in app.messages)


async def test_undo_of_nothing_says_so(workdir: Path) -> None:
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert any("Nothing to undo" in m for m in app.messages)


async def test_space_jumps_to_next_unreviewed(workdir: Path) -> None:
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = main(app).table
        order = main(app).order
        await pilot.press("a")  # row 0
        table.move_cursor(row=1)
        await pilot.press("r")  # row 1
        table.move_cursor(row=0)
        await pilot.press("space")
        assert table.current_key == order[2]
        # Wraps around from the end.
        table.move_cursor(row=len(order) - 1)
        await pilot.press("a")
        await pilot.press("space")
        assert table.current_key == order[2]


async def search(pilot, *keys: str) -> None:
    """Open the search dialog, type ``keys`` and search."""
    await settle(pilot)
    await pilot.press("slash")
    await settle(pilot)
    await pilot.press(*keys, "enter")
    await settle(pilot)


async def test_search_filters_the_table(workdir: Path) -> None:
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, *"閲覧場所")
        shown = main(app).order
        labels = sorted(app.session.by_id[f].law_title for f in shown)
        assert labels == ["三郷市建築計画概要書等閲覧規程", "三郷市開発登録簿閲覧規則"]
        assert main(app).table.row_count == 2
        assert "showing 2" in progress_text(app)
        await pilot.press("slash")
        await settle(pilot)
        app.screen.query_one("#search-text").value = ""
        await pilot.press("enter")
        await settle(pilot)
        assert main(app).table.row_count == 18


async def test_search_keeps_the_full_width_space_between_words(workdir: Path) -> None:
    # A Japanese IME types the space between words as 「　」 (U+3000), which Textual's Input dropped: 「開発　規則」
    # became the one word 「開発規則」, found nowhere.
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, *"開発", "\u3000", *"規則")
        assert main(app).filters.query == "開発\u3000規則"
        shown = main(app).order
        assert [app.session.by_id[f].law_title for f in shown] == ["三郷市開発登録簿閲覧規則"]


async def test_filters_by_category_status_and_ordinance(workdir: Path) -> None:
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main(app)
        screen.query_one("#filter-category", Select).value = "FD等"
        await settle(pilot)
        assert sorted(app.session.by_id[f].label for f in screen.order) == ["第四十一条第三項", "第四十八条の十第三項"]
        await pilot.press("a")
        screen.query_one("#filter-status", Select).value = "unreviewed"
        await settle(pilot)
        assert len(screen.order) == 1
        screen.query_one("#filter-category", Select).clear()
        await settle(pilot)
        assert len(screen.order) == 17
        screen.query_one("#filter-doc", Select).value = "national/郵便法.xml"
        await settle(pilot)
        assert [app.session.by_id[f].label for f in screen.order] == ["第六十九条", "第九十二条"]


async def test_keys_do_not_fire_while_typing_in_search(workdir: Path) -> None:
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        await pilot.press("a", "r", "g", "u", "q")
        assert app.screen.query_one("#search-text").value == "argu q".replace(" ", "")
        assert db_decisions(workdir) == {}


# --- persistence ------------------------------------------------------------------------------------------


async def test_quit_and_reopen_keeps_every_decision(workdir: Path) -> None:
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        accepted = await goto(pilot, "郵便法", "第六十九条")
        await pilot.press("a")
        rejected = await goto(pilot, "液化石油ガス", "第七条第二項")
        await pilot.press("r")
        noted = await goto(pilot, "三郷市庁舎防火管理規程", "第11条")
        await write_note(pilot, *"消防法との関係を確認")
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running
    app = open_app(workdir, reviewer="suzuki")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert cell(app, accepted, "status") == "accepted"
        assert cell(app, rejected, "status") == "rejected"
        assert "2 / 18 reviewed" in progress_text(app)
        await goto(pilot, "三郷市庁舎防火管理規程", "第11条")
        assert "消防法との関係を確認" in proposal_pane(app)
        # Another reviewer cannot undo tanaka's decisions.
        await pilot.press("u")
        assert len(db_decisions(workdir)) == 3
        assert db_decisions(workdir)[noted].reviewer == "tanaka"


async def test_decisions_of_another_reviewer_appear(workdir: Path) -> None:
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        fid = fid_of(app, "税理士法", "第四十一条第三項")
        with ReviewStore.for_dir(out_dir(workdir), "suzuki") as other:
            other.reject(app.session.by_id[fid])
        main(app).poll_others()  # what the 2-second timer does
        await settle(pilot)
        assert cell(app, fid, "status") == "rejected"
        assert "1 / 18 reviewed" in progress_text(app)
        # Our own commits are not "someone else's": nothing to reload after them.
        await pilot.press("a")
        assert app.session.others_changes() == []


@contextlib.contextmanager
def in_terminal(args: list[str], cwd: Path):
    """Run ``python -m analogreg ARGS`` as a reviewer would: in a 150x45 pseudo-terminal. Yields (process, fd)."""
    fcntl = pytest.importorskip("fcntl")  # POSIX pseudo-terminals only
    termios = pytest.importorskip("termios")
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 45, 150, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "150", "LINES": "45", "TEXTUAL_ANIMATIONS": "none"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "analogreg", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=cwd,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    try:
        yield proc, master
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        os.close(master)


def test_killed_process_loses_no_decision(workdir: Path) -> None:
    """Run the real CLI in a pseudo-terminal, decide, SIGKILL it at once, and find the decision on disk."""
    db = out_dir(workdir) / "review.sqlite"
    with in_terminal(["review", str(out_dir(workdir)), "--reviewer", "kill-test"], workdir) as (proc, fd):
        screen = _read_until(fd, b"reviewed", timeout=60)
        assert b"0 / 18" in screen
        os.write(fd, b"a")
        # Wait only until the screen shows the new status: the write must already be on disk by then.
        _read_until(fd, b"accepted", timeout=30)
        proc.send_signal(signal.SIGKILL)
        assert proc.wait() == -signal.SIGKILL
    decisions = load_decisions(db)
    assert [(d.status, d.reviewer) for d in decisions.values()] == [("accepted", "kill-test")]
    first = load_proposals(out_dir(workdir))[0]
    assert first.finding_id in decisions
    # The database is intact (the WAL was recovered, nothing half-written).
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def test_review_paths_amends_first_then_opens(tmp_path: Path) -> None:
    """`analogreg review PATH --out DIR` runs the real amend pipeline, then the app on its output; q quits."""
    source = tmp_path / "ordinances" / "三郷市開発登録簿閲覧規則.txt"
    source.parent.mkdir()
    shutil.copy(BUNDLED / "misato" / source.name, source)
    out = tmp_path / "amendments"
    with in_terminal(["review", "ordinances", "--out", "amendments"], tmp_path) as (proc, fd):
        screen = _read_until(fd, b"reviewed", timeout=120)
        os.write(fd, b"q")
        screen += _read_until(fd, b"decisions are in", timeout=30)
        assert proc.wait(timeout=30) == 0
    proposals = load_proposals(out)
    # The pipeline found the 掲示 of 第5条 (and the 閲覧 clauses) in the real text.
    assert "第5条" in [p.label for p in proposals]
    assert f"0 / {len(proposals)} reviewed".encode() in screen
    assert (out / "review.sqlite").is_file()


def _read_until(fd: int, marker: bytes, timeout: float) -> bytes:
    import select

    seen = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if marker in seen:
                return seen
    raise AssertionError(f"{marker!r} not seen within {timeout}s; last output: {seen[-400:]!r}")


# --- re-scan: orphans and changed provisions -----------------------------------------------------------------


def _rewrite_proposals(workdir: Path, drop: str | None = None, change: dict[str, dict] | None = None) -> None:
    path = out_dir(workdir) / "proposals.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if r["finding_id"] != drop]
    for r in rows:
        r.update((change or {}).get(r["finding_id"], {}))
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


async def test_orphans_after_rescan_are_listed_never_dropped(workdir: Path) -> None:
    proposals = load_proposals(out_dir(workdir))
    gone, kept = proposals[0], proposals[1]
    with ReviewStore.for_dir(out_dir(workdir), "tanaka") as store:
        store.accept(gone)
        store.set_note(gone, "先行して判断済み")
        store.reject(kept)
    _rewrite_proposals(workdir, drop=gone.finding_id)

    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any("1 decision(s) belong to findings no longer proposed" in m for m in app.messages)
        assert cell(app, kept.finding_id, "status") == "rejected"
        assert "1 / 17 reviewed" in progress_text(app)
        assert "1 orphaned (o)" in progress_text(app)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, OrphanScreen)
        body = app.screen.query_one("#orphans-body").render()
        assert "先行して判断済み" in str(body) and gone.label in str(body)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
    assert gone.finding_id in db_decisions(workdir)

    result = CliRunner().invoke(_cli(), ["review", str(out_dir(workdir)), "--orphans"])
    assert result.exit_code == 0, result.output
    lines = [line.split("\t") for line in result.stdout.splitlines() if "\t" in line]
    assert [(f[0], f[1], f[2], f[6], f[7]) for f in lines] == [
        (gone.finding_id, "accepted", "tanaka", gone.label, "先行して判断済み")
    ]


def _accepted_then_reworded(workdir: Path) -> Proposal:
    """The first proposal, accepted, then proposed again in other words (公表 → 公開) by a later amend run."""
    p = load_proposals(out_dir(workdir))[0]
    with ReviewStore.for_dir(out_dir(workdir), "tanaka") as store:
        store.accept(p)
    _rewrite_proposals(workdir, change={p.finding_id: {"new_text": p.new_text.replace("公表", "公開")}})
    return p


async def test_a_decision_on_changed_text_is_flagged(workdir: Path) -> None:
    p = _accepted_then_reworded(workdir)
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert cell(app, p.finding_id, "status") == "accepted!"
        assert "CHECK AGAIN: the proposed wording has changed since it was accepted" in proposal_pane(app)


async def test_check_again_stays_after_a_note_until_the_wording_is_decided_again(workdir: Path) -> None:
    p = _accepted_then_reworded(workdir)
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, p.law_title, p.label)
        await write_note(pilot, *"公開で足りるか")
        assert db_decisions(workdir)[p.finding_id].note == "公開で足りるか"
        assert cell(app, p.finding_id, "status") == "accepted!"
        assert "CHECK AGAIN" in proposal_pane(app)
        await pilot.press("a")  # the reviewer has read the new wording and accepts it
        await settle(pilot)
        assert cell(app, p.finding_id, "status") == "accepted"
        assert "CHECK AGAIN" not in proposal_pane(app)


# --- what the panes show -------------------------------------------------------------------------------------


async def test_context_shows_neighbours_from_the_source(workdir: Path) -> None:
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "三郷市開発登録簿閲覧規則", "第5条")
        text = context_pane(app)
        assert "三郷市開発登録簿閲覧規則" in text
        # The article before and after (a one-paragraph article), the 見出し, the target marked.
        assert text.index("第4条　閲覧は、") < text.index(">第5条　市長は、") < text.index("第6条　登録簿を閲覧")
        assert "(閲覧時間の変更及び臨時休日)" in text
        body = app.screen.query_one("#context", TextPane).content
        marked = [body.plain[s.start : s.end] for s in body.spans if "yellow" in str(s.style) and "on" in str(s.style)]
        assert marked == ["掲示する"]


async def test_context_degrades_to_the_provision_when_the_source_is_missing(workdir: Path) -> None:
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "郵便法", "第六十九条")
        text = context_pane(app)
        assert "(source national/郵便法.xml not found)" in text
        assert ">第六十九条　会社は、郵便に関する料金" in text


async def test_context_refuses_a_source_that_changed(workdir: Path) -> None:
    source = workdir / "ordinances" / "misato" / "三郷市開発登録簿閲覧規則.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("閲覧場所に掲示する", "閲覧場所に掲出する"))
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "三郷市開発登録簿閲覧規則", "第5条")
        text = context_pane(app)
        assert "differs from the proposal's text" in text
        assert "第6条" not in text


async def test_proposal_pane_shows_diff_aratame_and_why(workdir: Path) -> None:
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "郵便法", "第九十二条")
        text = proposal_pane(app)
        assert "NOT VERIFIED" in text and "not unique" in text
        assert "第九十二条中「掲示」を「掲示若しくは公表」に改める。" in text
        assert "rule keiji.keiji_meishi" in text
        assert "公的な証明書・資格等や公示事項を、事業所・掲示場等に紙で掲示することを求めている規制" in text
        await goto(pilot, "税理士法", "第四十一条第三項")
        body = app.screen.query_one("#proposal", TextPane).content
        struck = [body.plain[s.start : s.end] for s in body.spans if "strike" in str(s.style)]
        assert struck == ["磁気ディスク", "調製"]


async def test_a_parsed_source_is_set_aside_from_the_garbage_collector(workdir: Path) -> None:
    """A law parsed for the context pane stays in the loader's cache: its objects are frozen once it is shown
    (a full collection walking the cached laws stalled one real key in ten by 30-75 ms)."""
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        fid = fid_of(app, "三郷市開発登録簿閲覧規則", "第5条")
        p = app.session.by_id[fid]
        assert app.context_loader.cached_context(p) is None  # not parsed yet
        await app.workers.wait_for_complete()
        frozen = gc.get_freeze_count()
        await goto(pilot, "三郷市開発登録簿閲覧規則", "第5条")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert ">第5条　市長は" in context_pane(app)
        law = app.context_loader.law_for(p)
        assert law is not None and gc.is_tracked(law)
        assert gc.get_freeze_count() > frozen
        # In the permanent generation: not among the objects a collection walks.
        assert not any(o is law for o in gc.get_objects())


async def test_detail_follows_the_cursor_before_the_next_frame(workdir: Path) -> None:
    """A key that moves the cursor rebuilds the detail in its own call: no frame can draw the new row next to the
    previous finding's proposal (a stale pane is a wrong answer to a legal reviewer)."""
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = main(app).table
        assert table.row_count > 5
        seen = set()
        moves = [table.action_cursor_down] * (table.row_count - 1)
        moves += [table.action_first, table.action_page_down, table.action_last, table.action_page_up]
        for move in moves:
            move()
            # No await: nothing of Textual's has run since the key's action.
            p = app.session.by_id[table.current_key]
            shown = proposal_pane(app)
            assert shown.startswith(p.law_title) and f"\n{p.label} {p.caption}\n" in shown
            context = context_pane(app)
            assert f"reading {p.doc}" in context or p.old_text in context
            seen.add(p.finding_id)
        assert len(seen) == table.row_count
        await settle(pilot)
        assert app.session.by_id[table.current_key].old_text in context_pane(app)


async def test_table_columns_line_up_with_ambiguous_width_data(workdir: Path) -> None:
    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one(FindingsTable)
        poster = fid_of(app, "ポスター掲示場", "第3条第2項")
        assert table.select_key(poster)
        await settle(pilot)
        starts = set()
        for y in range(1, min(table.row_count, table.size.height - 1) + 1):
            line = "".join(segment.text for segment in table.render_line(y))
            word = next(w for w in ("pending", "accepted", "rejected", "edited") if w in line)
            starts.add(cell_len(line[: line.index(word)]))
            assert all(unicodedata.east_asian_width(ch) != "A" for ch in line), line
        assert len(starts) == 1
        assert cell(app, poster, "doc").startswith("〇三郷市の議会")


# --- CLI ---------------------------------------------------------------------------------------------------


def _cli():
    from analogreg.cli import app as typer_app

    return typer_app


def test_cli_errors_are_one_line(tmp_path: Path) -> None:
    (tmp_path / "proposals.jsonl").write_text('{"finding_id": "x"}\n', encoding="utf-8")
    result = CliRunner().invoke(_cli(), ["review", str(tmp_path), "--orphans"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"{tmp_path / 'proposals.jsonl'}:1: not a proposal: doc: Field required"
    ]


def test_cli_needs_a_terminal(workdir: Path) -> None:
    result = CliRunner().invoke(_cli(), ["review", str(out_dir(workdir))])
    assert result.exit_code == 2
    assert "needs a terminal" in result.stderr
    # Opening created the database, but recorded nothing.
    assert db_decisions(workdir) == {}


# --- the pure helpers behind the panes ---------------------------------------------------------------------------


def test_load_proposals_reports_file_and_line(tmp_path: Path) -> None:
    good = (FIXTURE / "amendments" / "proposals.jsonl").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "proposals.jsonl"
    path.write_text("\n".join([good[0], good[1], good[0]]) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_proposals(path)
    assert str(err.value).startswith(f"{path}:3: finding_id ") and "repeats line 1" in str(err.value)
    path.write_bytes(good[0].encode("utf-8") + b"\n" + "掲示".encode("cp932") + b"\n")
    with pytest.raises(InputError, match="not UTF-8"):
        load_proposals(path)
    with pytest.raises(InputError, match="no proposals file"):
        load_proposals(tmp_path / "missing")


def test_filters_and_next_unreviewed_on_the_fixture() -> None:
    proposals = load_proposals(FIXTURE / "amendments")
    ids = filter_ids(proposals, {}, Filters(query="掲示\u3000公表 税理士"))
    assert ids == []  # every word must occur in the same finding
    ids = filter_ids(proposals, {}, Filters(query="標識 公表"))
    assert len(ids) == 6
    assert next_unreviewed(ids, {}, ids[-1]) == ids[0]


def test_table_cells_never_hold_ambiguous_width_characters() -> None:
    text = "○三郷市①⑴※―…×“引用”"
    safe = table_safe(text)
    assert all(unicodedata.east_asian_width(ch) != "A" for ch in safe)
    assert safe.startswith("〇三郷市(1)(1)")
    cut = fit("○三郷市の議会の議員及び長の選挙におけるポスター掲示場の設置に関する条例", 21)
    assert cell_len(cut) <= 21 and cut.endswith("..")
    assert fit("第四十八条の十第三項", 20) == "第四十八条の十第三項"


async def test_the_app_sets_its_long_lived_objects_aside_from_the_collector_and_back(workdir: Path) -> None:
    """Full garbage collections walking thousands of proposals stalled single keys: frozen while the app runs."""

    app = open_app(workdir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert gc.get_freeze_count() > 1000
        assert gc.is_tracked(app.session.by_id) and gc.collect() >= 0  # a collection still runs
    assert gc.get_freeze_count() == 0


async def test_wrapped_text_shows_a_new_text_of_the_same_height_and_of_another() -> None:
    """update() skips the screen's layout when the number of lines stays the same: the new text is still drawn."""
    from textual.app import App

    class One(App):
        def compose(self):
            yield WrappedText("第一条　甲は、乙に通知する。", id="w")

    app = One()
    async with app.run_test(size=(40, 8)) as pilot:
        widget = app.query_one(WrappedText)
        await pilot.pause()
        assert widget.size.height == 1
        widget.update("第二条　丙は、丁を掲示する。")
        await pilot.pause()
        shown = app.export_screenshot()
        assert widget.size.height == 1 and "丙は、丁を掲示する。" in shown and "乙に通知" not in shown
        widget.update("第三条　戊は、" + "己に届け出る。" * 6)
        await pilot.pause()
        shown = app.export_screenshot()
        assert widget.size.height == 3 and "戊は" in shown and "丙は" not in shown


async def test_text_pane_draws_a_new_text_in_place_and_all_of_it_is_reachable(monkeypatch) -> None:
    """A detail pane keeps its outer size: a new text of another length changes only what the pane draws (no
    layout of the whole screen while its scrollbar stays), lines wrap beside the scrollbar (no character under
    it), every line is reachable by scrolling, and a text that fits gives the scrollbar's cells back."""
    from textual.app import App

    article = (
        "第5条　市長は、登録簿の整理その他必要がある場合は、閲覧時間を変更し、又は臨時に休日を設けることができる。"
        "この場合において、市長はその旨を閲覧場所に掲示する。"
    )
    other = (
        "第6条　登録簿を閲覧しようとする者は、閲覧場所に備え付けられた閲覧簿に所定の事項を記入し、"
        "職員の指示に従って閲覧しなければならない。"
    )

    class One(App):
        CSS = "TextPane { height: 6; padding: 0 1; }"

        def compose(self):
            yield TextPane(article, id="p")

    def drawn(pane: TextPane) -> list[str]:
        return [pane.render_line(y).text for y in range(pane.scrollable_content_region.height)]

    app = One()
    async with app.run_test(size=(28, 10)) as pilot:
        pane = app.query_one(TextPane)
        await pilot.pause()
        full = pane.content_region.width
        assert pane.show_vertical_scrollbar and len(pane.lines) > 6
        assert pane.scrollable_content_region.width < full
        # On a loaded machine the mount's own events and layout may still be queued after one pause: let the
        # screen go quiet (no layout pending at three checks in a row) before counting layouts, so that only what
        # the new text causes is counted.
        quiet = 0
        for _ in range(60):
            quiet = 0 if (app.screen._layout_required or app.screen._scroll_required) else quiet + 1
            if quiet == 3:
                break
            await pilot.pause(0.05)
        layouts: list[object] = []
        original = app.screen._refresh_layout
        monkeypatch.setattr(app.screen, "_refresh_layout", lambda *a, **k: layouts.append(a) or original(*a, **k))

        pane.update(other * 2)
        await pilot.pause()
        assert layouts == []  # same outer size, scrollbar still there: only the pane was repainted
        width = pane.scrollable_content_region.width
        assert all(cell_len(line.plain) <= width for line in pane.lines)
        assert "".join(line.plain for line in pane.lines) == other * 2
        assert "".join(drawn(pane)).startswith("第6条　登録簿を閲覧") and "市長" not in "".join(drawn(pane))
        pane.scroll_end(animate=False)
        await pilot.pause()
        assert "".join(line.rstrip() for line in drawn(pane)).endswith("指示に従って閲覧しなければならない。")

        pane.update(other[:20])  # fits: the scrollbar goes and the text gets its cells back
        await pilot.pause()
        assert not pane.show_vertical_scrollbar and pane.scroll_offset.y == 0
        assert pane.scrollable_content_region.width == full
        first, second = (line.rstrip() for line in drawn(pane)[:2])
        assert first + second == other[:20] and cell_len(first) > full - 2

        await pilot.resize_terminal(40, 10)  # a wider terminal: the text is wrapped again to the new width
        await pilot.pause()
        assert pane.content_region.width > full and drawn(pane)[0].rstrip() == other[:19]


async def test_text_pane_text_can_be_selected_and_copied() -> None:
    """A reviewer copies wording out of a pane (to a memo, to the edit screen): the selection is drawn and the
    selected text is what was on screen."""
    from textual.app import App
    from textual.geometry import Offset
    from textual.selection import Selection

    text = "第5条　市長は、登録簿の整理その他必要がある場合は、閲覧時間を変更し、又は臨時に休日を設けることができる。"

    class One(App):
        def compose(self):
            yield TextPane(text, id="p")

    app = One()
    async with app.run_test(size=(28, 6)) as pilot:
        pane = app.query_one(TextPane)
        await pilot.pause()
        first, second = (line.plain for line in pane.lines[:2])
        before = pane.render_line(1)
        app.screen.selections = {pane: Selection.from_offsets(Offset(4, 0), Offset(3, 1))}
        await pilot.pause()
        assert app.screen.get_selected_text() == first[4:] + "\n" + second[:3]
        selected = app.screen.get_component_rich_style("screen--selection").bgcolor
        assert any(seg.style.bgcolor == selected for seg in pane.render_line(1) if seg.style)
        assert not any(seg.style.bgcolor == selected for seg in before if seg.style)
        assert not any(seg.style.bgcolor == selected for seg in pane.render_line(2) if seg.style)


def test_wrap_breaks_between_characters_and_keeps_kinsoku() -> None:
    text = "第5条　市長は、登録簿の整理その他必要がある場合は、閲覧時間を変更し、又は臨時に休日を設けることができる。"
    for width in range(8, 40):
        offsets = wrap_offsets(text, width)
        lines = [text[a:b] for a, b in zip([0, *offsets], [*offsets, len(text)], strict=True)]
        assert "".join(lines) == text
        assert all(cell_len(line) <= width for line in lines)
        hung = wrap_offsets(text, width, hang=4)
        parts = [text[a:b] for a, b in zip([0, *hung], [*hung, len(text)], strict=True)]
        assert cell_len(parts[0]) <= width and all(4 + cell_len(part) <= width for part in parts[1:])
        assert all(line[0] not in NO_START for line in lines[1:])
        # Lines are filled: a break moves back at most two characters from where the width runs out.
        assert all(cell_len(line) >= width - 6 for line in lines[:-1])


def test_char_diff_reads_as_a_drafter_would_describe_it() -> None:
    assert diff_segments("磁気ディスクをもつて調製する", "電磁的記録をもつて作成する") == [
        ("delete", "磁気ディスク"),
        ("insert", "電磁的記録"),
        ("equal", "をもつて"),
        ("delete", "調製"),
        ("insert", "作成"),
        ("equal", "する"),
    ]
    old = "見やすい場所に掲示しなければならない。"
    new = "見やすい場所に掲示し、又はインターネットの利用その他の方法により公表しなければならない。"
    assert diff_segments(old, new) == [
        ("equal", "見やすい場所に掲示し"),
        ("insert", "、又はインターネットの利用その他の方法により公表し"),
        ("equal", "なければならない。"),
    ]
