"""`analogreg run PATH… --out DIR`: the main job — scan, amend, and export every draft a municipality needs.

What `make run` starts on the bundled ``ordinances/``. It is `analogreg amend` followed by `analogreg export`
(the same code), plus the 点検表 that staff circulate:

- ``DIR/点検表.xlsx`` — one row per finding (the scan's checklist, with groups and a 判定 column);
- ``DIR/proposals.jsonl``, ``DIR/findings.jsonl``, ``DIR/findings.errors.jsonl`` — as `amend` writes them;
- ``DIR/改正案.docx`` (条例), ``改正案-kisoku.docx`` (the head's 規則), ``改正案-kisoku-教育委員会.docx`` … (the
  規則 of each committee: 教育委員会, 公安委員会, 選挙管理委員会 …), ``改正案-sonota.docx`` (例規 that no 条例 or
  規則 can amend, and national laws and rules, for reference) — each with its 新旧対照表;
- ``DIR/新旧対照表.html`` (+ ``-kisoku``, ``-kisoku-<body>``, ``-sonota``) — the same drafts for the browser.

Once ``DIR/review.sqlite`` holds review decisions, the drafts carry accepted and edited proposals only: run the
review app, then `run` (or `export`) again. Exit status as for `amend`: 0, 1 when some files failed, 2 when
nothing could be done.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from analogreg.cli.app import app, console, fail
from analogreg.cli.steps import (
    DraftFormat,
    JobsOption,
    SettingsOption,
    amend_table,
    category_table,
    export_drafts,
    run_amend,
    written_drafts,
)

CHECKLIST_NAME = "点検表.xlsx"
BILL_NAME = "改正案.docx"
TABLE_NAME = "新旧対照表.html"
EXIT_SOME_FAILED = 1


@app.command()
def run(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (recursive; e-Gov XML, 例規集 HTML, text).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder (default: amendments).")] = Path("amendments"),
    settings_file: SettingsOption = None,
    jobs: JobsOption = None,
) -> None:
    """Scan, amend and export: the 点検表, the proposals, the amending drafts and their 新旧対照表."""
    from analogreg.export.findings import write_findings
    from analogreg.ruleset.yamlload import DataFileError
    from analogreg.settings import load_settings

    try:
        settings = load_settings(settings_file)
    except DataFileError as err:
        fail(str(err))
    result = run_amend(paths, out, settings, jobs=jobs)
    checklist = out / CHECKLIST_NAME
    try:
        write_findings(result.findings, checklist, "xlsx")
    except OSError as err:
        fail(f"{checklist}: cannot write: {err.strerror or err}")
    console.print(category_table(result.findings))
    console.print(amend_table(result))

    written = {"点検表 (xlsx)": [checklist]}
    for stale in _draft_files(out):
        stale.unlink()  # a draft from an earlier run must not outlive the decisions that dropped it
    drafts = export_drafts(
        out, [(out / BILL_NAME, DraftFormat.docx), (out / TABLE_NAME, DraftFormat.html)], settings, required=False
    )
    if drafts:
        written["改正案 (docx)"] = [path for _, path in drafts if path.suffix == ".docx"]
        written["新旧対照表 (html)"] = [path for _, path in drafts if path.suffix == ".html"]
    written["改正案の一覧 (proposals.jsonl)"] = [result.written["proposals"]]
    written["該当条項 (findings.jsonl)"] = [result.written["findings"]]
    if result.errors:
        written["読めなかったファイル"] = [result.written["errors"]]

    # Plain lines, not a table: paths must not be wrapped or cut, whatever the terminal width.
    console.print("出力:", highlight=False)
    for name, files in written.items():
        for path in files:
            console.print(f"  {name}: {path}", markup=False, highlight=False, soft_wrap=True)
    console.print(
        f"next: review with `analogreg review {out}`, then run again to draft the accepted proposals only; "
        "a 改め文 written by hand (要手動起案) is checked with `analogreg apply FILE 改め文.txt`",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    if result.errors:
        raise typer.Exit(EXIT_SOME_FAILED)


def _draft_files(out: Path) -> list[Path]:
    """The draft files an earlier run may have written into ``out`` (every kind, every body's 規則)."""
    return written_drafts(out / BILL_NAME, DraftFormat.docx) + written_drafts(out / TABLE_NAME, DraftFormat.html)
