"""The bill and export tests' input, tests/fixtures/draft/proposals_misato.jsonl, and how it is made.

It is `analogreg amend ordinances/misato` as the repository's root runs it, with 三郷市's name and 閲覧・縦覧 amended
clause by clause (etsuran_mode: explicit, so that the bills hold a 閲覧 改め文 too). A test holds the file equal to
what the pipeline gives today, so that it cannot go stale again (until stop 52 it still held internet wording for
a campaign vehicle's 表示板, which amend has long left to manual drafting). After a change to the rules, templates
or drafting, write it anew and read the diff before committing it:

    .venv/bin/python tests/misato_proposals.py
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "draft" / "proposals_misato.jsonl"
SOURCE = Path("ordinances") / "misato"  # as typed from the root: the proposals' doc field keeps it


def current_proposals() -> list[dict]:
    """The proposals amend makes today for the bundled 三郷市 例規, as the fixture stores them (one process)."""
    sys.path.insert(0, str(ROOT))
    from analogreg.amend.pipeline import amend_paths
    from analogreg.settings import Settings

    settings = Settings(municipality="三郷市", etsuran_mode="explicit")
    here = Path.cwd()
    os.chdir(ROOT)
    try:
        with tempfile.TemporaryDirectory() as out:
            result = amend_paths([SOURCE], Path(out), settings=settings, jobs=1)
    finally:
        os.chdir(here)
    return [p.model_dump(mode="json") for p in result.proposals]


def stored_proposals() -> list[dict]:
    return [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]


def write_fixture() -> int:
    proposals = current_proposals()
    FIXTURE.write_text(
        "".join(json.dumps(p, ensure_ascii=False, separators=(",", ":")) + "\n" for p in proposals), encoding="utf-8"
    )
    return len(proposals)


if __name__ == "__main__":
    print(f"{write_fixture()} proposals written to {FIXTURE.relative_to(ROOT)}")
