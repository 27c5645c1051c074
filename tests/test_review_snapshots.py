"""SVG snapshots of the review app's main screens: fixed terminal size, data, clock, reviewer and theme; no
blinking cursor. Update after a deliberate change with ``pytest tests/test_review_snapshots.py --snapshot-update``
and look at the report before committing.

The fixture's table holds a title with a leading ○ and a note with ① and ※ (East-Asian-Ambiguous width): the
main-screen snapshot shows that the columns still line up.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from review_support import Clock, copy_fixture, fid_of, settle

from analogreg.review.app import ReviewApp
from analogreg.review.session import ReviewSession

SIZE = (140, 40)


@pytest.fixture
def review_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ReviewApp:
    root = copy_fixture(tmp_path / "review")
    # Relative paths everywhere on screen: the snapshot must not depend on where pytest puts tmp_path.
    monkeypatch.chdir(root)
    session = ReviewSession.open(Path("amendments"), "tanaka", clock=Clock(timedelta(minutes=1)))
    return ReviewApp(session)


async def _goto(pilot, title_part: str, label: str) -> None:
    assert pilot.app.screen.table.select_key(fid_of(pilot.app, title_part, label))
    await settle(pilot)


def steady(run_before):
    """``run_before``, then toasts cleared: they expire after seconds, which a slow machine may or may not reach."""

    async def run(pilot) -> None:
        await run_before(pilot)
        pilot.app.clear_notifications()
        await settle(pilot)

    return run


async def _decide_some(pilot) -> None:
    """A morning's work: an accept spread over its group, a reject, a note; cursor on a 例規 with context."""
    await settle(pilot)
    await _goto(pilot, "郵便法", "第六十九条")
    await pilot.press("a", "g")
    await _goto(pilot, "液化石油ガス", "第七条第二項")
    await pilot.press("r")
    await _goto(pilot, "三郷市開発登録簿閲覧規則", "第5条")
    await pilot.press("n")
    await settle(pilot)
    await pilot.press(*"閲覧場所の掲示は当面存置", "ctrl+s")
    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)


def test_main_screen(snap_compare, review_app: ReviewApp) -> None:
    assert snap_compare(review_app, terminal_size=SIZE, run_before=steady(_decide_some))


def test_edit_screen(snap_compare, review_app: ReviewApp) -> None:
    async def run_before(pilot) -> None:
        await settle(pilot)
        await _goto(pilot, "税理士法", "第四十一条第三項")
        await pilot.press("e")
        await settle(pilot)
        area = pilot.app.screen.query_one("#edit-text")
        at = area.text.index("をもつて")
        # insert() as a paste would: Pilot cannot press full-width punctuation keys.
        area.insert(
            "（これに準ずる方法により一定の事項を確実に記録しておくことができる物を含む。）",
            area.document.get_location_from_index(at),
        )
        for _ in range(100):  # the debounced re-draft, however slow the machine
            await settle(pilot)
            if "recomputing" not in str(pilot.app.screen.query_one("#edit-aratame").render()):
                break
            await pilot.pause(0.1)

    assert snap_compare(review_app, terminal_size=SIZE, run_before=steady(run_before))


def test_categories_dialog(snap_compare, review_app: ReviewApp) -> None:
    async def run_before(pilot) -> None:
        await settle(pilot)
        await _goto(pilot, "三郷市建築計画概要書等閲覧規程", "第5条")
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("down", "down")
        await settle(pilot)

    assert snap_compare(review_app, terminal_size=SIZE, run_before=steady(run_before))


def test_template_dialog(snap_compare, review_app: ReviewApp) -> None:
    async def run_before(pilot) -> None:
        await settle(pilot)
        await _goto(pilot, "三郷市下水道条例施行規則", "第6条の19")
        await pilot.press("t")
        await settle(pilot)

    assert snap_compare(review_app, terminal_size=SIZE, run_before=steady(run_before))
