"""`analogreg export DIR --format docx|md|txt|html --out FILE`: the omnibus amending drafts and 新旧対照表.

Reads ``DIR/proposals.jsonl`` and, when the review app has recorded decisions in ``DIR/review.sqlite``, takes the
accepted and edited proposals only. Writes one draft per kind, because a 条例 cannot amend a 規則:

- FILE: the 条例 bill (title from the settings; 「○○条例の一部を改正する条例」 when it amends one 条例);
- FILE-kisoku: the 規則 bill;
- FILE-sonota: 規程, 要綱 and national laws, which no 条例 or 規則 can amend (their 改め文 and 新旧対照表, for
  reference);

each with its 新旧対照表 and the proposals held back because their 改め文 did not verify. Exit status 0 when the
drafts were written (held-back proposals are listed on stderr and in the drafts), 2 when nothing could be
exported (no proposals file, a malformed line, bad settings, nothing accepted).
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from analogreg.cli.app import app, console, err_console, fail

SUFFIX = {"条例": "", "規則": "-kisoku", "その他": "-sonota"}


class Format(str, Enum):
    docx = "docx"
    md = "md"
    txt = "txt"
    html = "html"


def draft_path(out: Path, kind: str, fmt: Format) -> Path:
    """Where the draft of ``kind`` goes: FILE for 条例, FILE-kisoku for 規則, FILE-sonota for the rest."""
    suffix = out.suffix or f".{fmt.value}"
    return out.with_name(f"{out.stem if out.suffix else out.name}{SUFFIX[kind]}{suffix}")


@app.command()
def export(
    directory: Annotated[
        Path, typer.Argument(help="Output folder of `analogreg amend` (proposals.jsonl, review.sqlite).")
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", help="FILE for the 条例 draft; the 規則 draft goes to FILE-kisoku, others to FILE-sonota."
        ),
    ],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="docx, md, txt or html.")] = Format.docx,
    settings_file: Annotated[
        Path | None, typer.Option("--settings", "-s", help="Municipality settings YAML (default: rules/settings).")
    ] = None,
) -> None:
    """Build the omnibus amending drafts (条例, 規則, others) with their 新旧対照表 from reviewed proposals."""
    from analogreg.draft.bill import build_bills
    from analogreg.errors import InputError
    from analogreg.export.bill_inputs import load_export_input
    from analogreg.ruleset.yamlload import DataFileError
    from analogreg.settings import load_settings

    try:
        settings = load_settings(settings_file)
        selection = load_export_input(directory)
    except (DataFileError, InputError) as err:
        fail(str(err))
    for line in selection.stale:
        _warn(f"held back (decision made on another text): {line}")
    for orphan in selection.orphans:
        _warn(
            f"orphan decision ({orphan.status}) for a finding no longer proposed: "
            f"{orphan.doc} {orphan.label} [{orphan.finding_id}]"
        )
    if not selection.proposals:
        fail(
            "nothing to export: no proposal is accepted or edited in review.sqlite"
            if selection.reviewed
            else f"nothing to export: {directory}/proposals.jsonl holds no proposal"
        )
    if not selection.reviewed:
        _warn("no review decisions yet: the drafts contain every proposal, unreviewed")

    bills = build_bills(selection.proposals, settings)
    table = Table(title="改正案", title_justify="left")
    for column in ("draft", "例規", "改め文", "held back", "file"):
        table.add_column(column)
    for bill in bills:
        path = draft_path(out, bill.kind, fmt)
        try:
            _write(bill, settings, fmt, path)
        except OSError as err:
            fail(f"{path}: cannot write: {err.strerror or err}")
        for warning in bill.warnings:
            _warn(warning)
        for item in bill.unverified:
            _warn(f"held back: {item.doc} {item.label}: {item.reason}")
        sentences = sum(len(a.aratame) for a in bill.articles)
        table.add_row(bill.title, str(len(bill.articles)), str(sentences), str(len(bill.unverified)), str(path))
    console.print(table)


def _write(bill, settings, fmt: Format, path: Path) -> None:
    if fmt is Format.docx:
        from analogreg.export.bill_docx import write_docx

        write_docx(bill, settings, path)
        return
    if fmt is Format.html:
        from analogreg.export.shinkyu_html import render_html

        text = render_html([bill], settings)
    elif fmt is Format.md:
        from analogreg.export.bill_text import render_markdown

        text = render_markdown([bill], settings)
    else:
        from analogreg.export.bill_text import render_text

        text = render_text([bill], settings)
    path.write_text(text, encoding="utf-8")


def _warn(message: str) -> None:
    err_console.print(f"warning: {message}", markup=False, highlight=False, soft_wrap=True)
