"""`analogreg apply FILE ARATAME`: a 改め文 written by hand, applied to the 例規 it amends.

For the provisions the tool leaves to the drafter (要手動起案), and for any 改め文 a 法規担当 writes: it is read
against the 例規 as parsed, and either the 新旧対照表 it makes is shown (plain text; ``--html`` writes the tables as
a page), or the line it cannot be applied at is named with the reason. FILE a folder (the 例規集): ARATAME is a
whole omnibus bill, each of its articles applied to the 例規 its enacting sentence names by title. Exit status 0
when everything applies, 1 when something does not, 2 when FILE or ARATAME cannot be read.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from analogreg.cli.app import app, console, err_console, fail

EXIT_NOT_APPLICABLE = 1


@app.command("apply")
def apply_command(
    file: Annotated[
        Path,
        typer.Argument(
            help="The 例規 amended (e-Gov XML, 例規集 HTML or 横書き text), or a folder of them for a whole bill."
        ),
    ],
    aratame: Annotated[
        Path,
        typer.Argument(
            help="The 改め文, UTF-8 text, one sentence a line (the line after 「…次のように改める。」 is the new "
            "provision); an article pasted from a bill is read too (its caption, enacting sentence and 附則 left "
            "out); with a folder, a whole bill. - reads it from standard input."
        ),
    ],
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write the 新旧対照表 as an HTML page to this file.")
    ] = None,
) -> None:
    """Apply a 改め文 to the 例規 in FILE: show the 新旧対照表 it makes, or the line it cannot be applied at."""
    from analogreg.draft.on_law import BillPart, aratame_lines, bill_parts

    source = _read_aratame(aratame)
    if file.is_dir():
        parts = bill_parts(source)
        if not parts:
            fail(f"{aratame}: 改正する例規の題名（「…の一部を次のように改正する。」）がありません")
        laws = _laws_named(file, {part.title for part in parts})
    else:
        text, numbers = aratame_lines(source)
        parts = [BillPart(title="", aratame=text, lines=numbers, enacting_line=0)]
        laws = {"": [_law_of(file)]}
    if not any(part.aratame.strip() for part in parts):
        fail(f"{aratame}: 改め文がありません")
    tables = [_applied(part, laws, file, aratame) for part in parts]
    _show(tables, html)


def _applied(part, laws: dict, file: Path, aratame: Path):
    """(the 例規's heading, its 新旧対照表 rows) for one article of the 改め文; exits naming the line it stops at."""
    from analogreg.draft.on_law import NotApplicable, apply_to_law, provisions_of

    found = laws.get(part.title, [])
    where = f"{aratame}: {part.enacting_line}行目: " if part.title else f"{aratame}: "
    if not found:
        fail(f"{where}「{part.title}」が {file} の中に見つかりません", EXIT_NOT_APPLICABLE)
    if len(found) > 1:
        fail(f"{where}「{part.title}」が {file} の中に {len(found)} 件あり、どれか決められません", EXIT_NOT_APPLICABLE)
    shown, law = found[0]
    provisions = provisions_of(law)
    for label in provisions.repeated:
        _warn(f"{shown}: {label} が二度以上あるため、この条項は改め文の対象にしていません")
    if provisions.unreadable:
        listed = "、".join(provisions.unreadable[:3]) + (" ほか" if len(provisions.unreadable) > 3 else "")
        count = len(provisions.unreadable)
        _warn(f"{shown}: {listed}（{count}件）は一つの条項として引用できないため、対象にしていません")
    try:
        rows = apply_to_law(part.aratame, provisions)
    except NotApplicable as err:
        line = part.lines[err.line - 1]  # the line as the drafter wrote it, captions and blank lines counted
        fail(f"{aratame}: {line}行目を適用できません: {err.reason}（{err.sentence[:60]}）", EXIT_NOT_APPLICABLE)
    heading = f"{law.title}（{law.law_num}）" if law.law_num else law.title
    return heading, law.title, rows


def _show(tables: list, html: Path | None) -> None:
    from analogreg.export.bill_text import TABLE_NOTE, text_row
    from analogreg.export.shinkyu_html import shinkyu_page
    from analogreg.settings import load_settings

    settings = load_settings()
    blocks = []
    for heading, _, rows in tables:
        lines = [heading, TABLE_NOTE]
        if not rows:
            lines.append("（改め文は適用できたが、条文は変わらない）")
        for row in rows:
            lines += ["", *text_row(row, settings)]
        blocks.append("\n".join(lines))
    console.print("\n\n\n".join(blocks), markup=False, highlight=False, soft_wrap=True)
    if html is not None:
        try:
            html.write_text(shinkyu_page([(title, rows) for _, title, rows in tables], settings), encoding="utf-8")
        except OSError as err:
            fail(f"{html}: 書き込めません: {err.strerror}")
        err_console.print(f"新旧対照表 (html): {html}", markup=False, highlight=False)


def _law_of(path: Path):
    """(the path shown, the Law) of one file; bad input exits with its one-line reason."""
    from analogreg.errors import InputError
    from analogreg.parse import parse_file

    try:
        return str(path), parse_file(path, str(path)).law
    except InputError as err:
        fail(str(err))


def _laws_named(folder: Path, titles: set[str]) -> dict[str, list]:
    """title → [(path shown, Law)] of the 例規 in ``folder`` a bill names. A file is parsed only when its bytes may
    hold one of the titles (UTF-8 ones are tested as they are; others are decoded by the reader first); a file
    that cannot be read is warned about and passed over, as the batch scan does."""
    from analogreg.errors import InputError
    from analogreg.parse import iter_input_files, parse_bytes

    wanted = [title.encode() for title in titles]
    laws: dict[str, list] = {}
    for entry in iter_input_files([folder]):
        try:
            data = entry.path.read_bytes()
        except OSError as err:
            _warn(f"{entry.display}: 読めません: {err.strerror}")
            continue
        if _is_utf8(data) and not any(title in data for title in wanted):
            continue
        try:
            law = parse_bytes(data, entry.display).law
        except InputError as err:
            _warn(str(err))
            continue
        if law.title in titles:
            laws.setdefault(law.title, []).append((entry.display, law))
    return laws


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


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
