"""`analogreg export DIR --format docx|md|txt|html --out FILE`: the omnibus amending drafts and 新旧対照表.

Reads ``DIR/proposals.jsonl`` and, when the review app has recorded decisions in ``DIR/review.sqlite``, takes the
accepted and edited proposals only. Writes one draft per kind, because a 条例 cannot amend a 規則:

- FILE: the 条例 bill (title from the settings; 「○○条例の一部を改正する条例」 when it amends one 条例);
- FILE-kisoku: the 規則 bill of the head of the body (市長・知事; a 規則 without a number is taken as the head's);
- FILE-kisoku-<body>: the 規則 bill of each committee (FILE-kisoku-教育委員会, FILE-kisoku-公安委員会 …), read from
  the 例規番号 (平成2年教委規則第3号): one body's 規則 cannot amend another's;
- FILE-sonota: 規程, 要綱 and national laws and rules (施行規則 included), which no 条例 or 規則 of the body can
  amend (their 改め文 and 新旧対照表, for reference);

each with its 新旧対照表 and the proposals held back because their 改め文 did not verify. Exit status 0 when the
drafts were written (held-back proposals are listed on stderr and in the drafts), 2 when nothing could be
exported (no proposals file, a malformed line, bad settings, nothing accepted).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from analogreg.cli.app import app, console, fail
from analogreg.cli.steps import DraftFormat, SettingsOption, drafts_table, export_drafts


@app.command()
def export(
    directory: Annotated[
        Path, typer.Argument(help="Output folder of `analogreg amend` (proposals.jsonl, review.sqlite).")
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            help="FILE for the 条例 draft; 規則 drafts go to FILE-kisoku (the mayor's) and FILE-kisoku-<body> "
            "(教育委員会 …), others to FILE-sonota.",
        ),
    ],
    fmt: Annotated[DraftFormat, typer.Option("--format", "-f", help="docx, md, txt or html.")] = DraftFormat.docx,
    settings_file: SettingsOption = None,
) -> None:
    """Build the omnibus amending drafts (条例, 規則, others) with their 新旧対照表 from reviewed proposals."""
    from analogreg.ruleset.yamlload import DataFileError
    from analogreg.settings import load_settings

    try:
        settings = load_settings(settings_file)
    except DataFileError as err:
        fail(str(err))
    console.print(drafts_table(export_drafts(directory, [(out, fmt)], settings)))
