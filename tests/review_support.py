"""What the review tests share: the fixture folder with its bundled sources, a fixed clock, Pilot helpers."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "review"
BUNDLED = Path(__file__).parents[1] / "ordinances"
# Bundled sources of the fixture's real pipeline proposals (see tests/fixtures/review/make_proposals.py).
PIPELINE_SOURCES = ("national/浄化槽法.xml", "misato/三郷市下水道条例施行規則.txt")
JST = timezone(timedelta(hours=9))


class Clock:
    """Decision times that do not depend on when the test runs: 2026-11-02 09:00 JST, then one step a call."""

    def __init__(self, step: timedelta = timedelta(seconds=30)) -> None:
        self.now = datetime(2026, 11, 2, 9, 0, 0, tzinfo=JST)
        self.step = step

    def __call__(self) -> datetime:
        self.now += self.step
        return self.now


def copy_fixture(root: Path) -> Path:
    """The fixture folder (amendments/ and ordinances/) copied to ``root``, with the bundled sources it needs."""
    shutil.copytree(FIXTURE, root)
    for source in PIPELINE_SOURCES:
        target = root / "ordinances" / source
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(BUNDLED / source, target)
    return root


def fid_of(app, title_part: str, label: str) -> str:
    return next(p.finding_id for p in app.session.proposals if title_part in p.law_title and p.label == label)


async def settle(pilot) -> None:
    """Let messages, workers and the next frame finish."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
