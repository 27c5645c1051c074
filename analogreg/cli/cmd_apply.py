"""`analogreg apply FILE ARATAME`: a 改め文 written by hand, applied to the 例規 it amends.

For the provisions the tool leaves to the drafter (要手動起案), and for any 改め文 a 法規担当 writes: it is read
against the 例規 as parsed, and either the 新旧対照表 it makes is shown (plain text; ``--html`` writes the table as
a page), or the line it cannot be applied at is named with the reason. Exit status 0 when it applies, 1 when it
does not, 2 when FILE or ARATAME cannot be read.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from analogreg.cli.app import EXIT_BAD_INPUT, app, console, err_console, fail

EXIT_NOT_APPLICABLE = 1


@app.command("apply")
def apply_command(
    file: Annotated[Path, typer.Argument(help="The 例規 amended: e-Gov XML, 例規集 HTML or 横書き text.")],
    aratame: Annotated[
        Path,
        typer.Argument(
            help="The 改め文, UTF-8 text, one sentence a line (the line after 「…次のように改める。」 is the new "
            "provision); an article pasted from a bill is read too (its caption, enacting sentence and 附則 left "
            "out); - reads it from standard input."
        ),
    ],
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write the 新旧対照表 as an HTML page to this file.")
    ] = None,
) -> None:
    """Apply a 改め文 to the 例規 in FILE: show the 新旧対照表 it makes, or the line it cannot be applied at."""
    from analogreg.draft.on_law import NotApplicable, apply_to_law, aratame_lines, provisions_of
    from analogreg.errors import InputError
    from analogreg.export.bill_text import TABLE_NOTE, text_row
    from analogreg.export.shinkyu_html import shinkyu_page
    from analogreg.parse import parse_file
    from analogreg.settings import load_settings

    try:
        result = parse_file(file, str(file))
    except InputError as err:
        fail(str(err))
    text, line_numbers = aratame_lines(_read_aratame(aratame))
    if not text.strip():
        fail(f"{aratame}: 改め文がありません", EXIT_BAD_INPUT)
    provisions = provisions_of(result.law)
    for label in provisions.repeated:
        _warn(f"{file}: {label} が二度以上あるため、この条項は改め文の対象にしていません")
    if provisions.unreadable:
        shown = "、".join(provisions.unreadable[:3]) + (" ほか" if len(provisions.unreadable) > 3 else "")
        count = len(provisions.unreadable)
        _warn(f"{file}: {shown}（{count}件）は一つの条項として引用できないため、対象にしていません")
    try:
        rows = apply_to_law(text, provisions)
    except NotApplicable as err:
        line = line_numbers[err.line - 1]  # the line as the drafter wrote it, captions and blank lines counted
        fail(f"{aratame}: {line}行目を適用できません: {err.reason}（{err.sentence[:60]}）", EXIT_NOT_APPLICABLE)

    settings = load_settings()
    law = result.law
    lines = [f"{law.title}（{law.law_num}）" if law.law_num else law.title, TABLE_NOTE]
    if not rows:
        lines.append("（改め文は適用できたが、条文は変わらない）")
    for row in rows:
        lines += ["", *text_row(row, settings)]
    console.print("\n".join(lines), markup=False, highlight=False, soft_wrap=True)
    if html is not None:
        try:
            html.write_text(shinkyu_page(law.title, rows, settings), encoding="utf-8")
        except OSError as err:
            fail(f"{html}: 書き込めません: {err.strerror}")
        err_console.print(f"新旧対照表 (html): {html}", markup=False, highlight=False)


def _warn(message: str) -> None:
    err_console.print(f"warning: {message}", markup=False, highlight=False, soft_wrap=True)


def _read_aratame(path: Path) -> str:
    """The 改め文 as text: a file in UTF-8 (a BOM allowed), or standard input for ``-``."""
    if str(path) == "-":
        return sys.stdin.read()
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        fail(f"{path}: ありません")
    except UnicodeDecodeError as err:
        fail(f"{path}: UTF-8 として読めません（{err.start}バイト目）")
    except OSError as err:
        fail(f"{path}: 読めません: {err.strerror}")
