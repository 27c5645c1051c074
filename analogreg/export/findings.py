"""Findings out: JSONL (the contract later tools read), CSV for Excel, and the xlsx 点検表 that staff circulate.

Every writer goes through a temporary file in the target folder and renames it into place, so that an
interrupted run never leaves a half-written list beside a finished one.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

from analogreg.categories import CATEGORIES
from analogreg.records import Finding

Format = Literal["jsonl", "csv", "xlsx"]
FORMATS: tuple[Format, ...] = ("jsonl", "csv", "xlsx")

# Excel refuses a cell longer than this; a longer provision is cut with a visible mark.
XLSX_CELL_LIMIT = 32_767
_CUT_MARK = "…（以下略）"
JUDGEMENTS = ("要改正", "改正不要", "要確認")


@dataclass(frozen=True)
class Column:
    """One column of the 点検表 (xlsx and CSV): Japanese header, width in Excel units, how to get the value."""

    header: str
    width: float
    value: Callable[[Finding], str | int | None]
    wrap: bool = False


def _quoted(words: Sequence[str]) -> str:
    return "".join(f"「{w}」" for w in dict.fromkeys(words))


def table_columns(group_sizes: dict[str, int]) -> list[Column]:
    """The 点検表 columns, in the order staff read them: where, what, why, then their decision."""
    return [
        Column("例規名", 28, lambda f: f.law_title, wrap=True),
        Column("法令番号", 18, lambda f: f.law_num or ""),
        Column("種別", 7, lambda f: f.law_kind),
        Column("条項", 22, lambda f: f.label, wrap=True),
        Column("見出し", 16, lambda f: f.caption, wrap=True),
        Column("類型", 14, lambda f: "、".join(f.categories), wrap=True),
        Column("該当箇所", 24, lambda f: _quoted(f.matched), wrap=True),
        Column("条文", 80, lambda f: f.text, wrap=True),
        # 根拠法令 to check (domain-and-drafting d.7): a duty a 法律 imposes may not be the 例規's to change.
        Column("引用法令", 28, lambda f: "、".join(f.cites), wrap=True),
        Column("例規の根拠規定", 24, lambda f: "、".join(f.basis), wrap=True),
        Column("既にデジタル対応", 10, lambda f: "はい" if f.already_digital else "いいえ"),
        Column("グループ", 13, lambda f: f.group),
        Column("同グループ件数", 9, lambda f: group_sizes.get(f.group, 1) if f.group else 1),
        Column("判定", 10, lambda f: None),
        Column("備考", 30, lambda f: None, wrap=True),
        Column("ルール", 20, lambda f: "、".join(f.rules), wrap=True),
        Column("学習モデル", 16, lambda f: "、".join(f"{c} {p:.2f}" for c, p in f.opinion.items()), wrap=True),
        Column("ファイル", 30, lambda f: f.doc, wrap=True),
        Column("ID", 18, lambda f: f.finding_id),
    ]


@dataclass(frozen=True)
class SummaryRow:
    """One line of the summary: a category, its findings, and how many of them are already digital."""

    category: str
    count: int
    already_digital: int


def summarize(findings: Iterable[Finding]) -> list[SummaryRow]:
    """Counts per category in 堺市's order; a finding with two categories counts under both."""
    count = dict.fromkeys(CATEGORIES, 0)
    digital = dict.fromkeys(CATEGORIES, 0)
    for finding in findings:
        for category in dict.fromkeys(finding.categories):
            count[category] += 1
            digital[category] += finding.already_digital
    return [SummaryRow(c, count[c], digital[c]) for c in CATEGORIES]


def group_sizes(findings: Iterable[Finding]) -> dict[str, int]:
    sizes: dict[str, int] = {}
    for finding in findings:
        if finding.group:
            sizes[finding.group] = sizes.get(finding.group, 0) + 1
    return sizes


def format_for(path: Path, requested: str | None = None) -> Format:
    """The requested format, or the one the file name implies (.xlsx, .csv; anything else is JSONL)."""
    if requested:
        if requested not in FORMATS:
            raise ValueError(f"unknown format {requested!r}: choose one of {', '.join(FORMATS)}")
        return requested  # type: ignore[return-value]
    suffix = path.suffix.lower().lstrip(".")
    return suffix if suffix in ("csv", "xlsx") else "jsonl"  # type: ignore[return-value]


def errors_path(out: Path) -> Path:
    """The errors file beside a findings file: findings.xlsx → findings.errors.jsonl."""
    return out.with_name(f"{out.stem}.errors.jsonl")


def warnings_path(out: Path) -> Path:
    """The readers' warnings beside a findings file: findings.xlsx → findings.warnings.txt."""
    return out.with_name(f"{out.stem}.warnings.txt")


def write_warnings(warnings: Iterable[str], path: Path) -> None:
    """The readers' warnings, one a line as the CLI prints them (each naming its file and line); empty if none."""
    with _atomic(path, "w", encoding="utf-8", newline="\n") as stream:
        for warning in warnings:
            stream.write(warning.replace("\n", " ") + "\n")


def write_findings(findings: Sequence[Finding], path: Path, fmt: Format) -> None:
    """Write ``findings`` to ``path`` in ``fmt``."""
    if fmt == "jsonl":
        with _atomic(path, "w", encoding="utf-8", newline="\n") as stream:
            write_jsonl(findings, stream)
    elif fmt == "csv":
        # UTF-8 with BOM: Excel reads a BOM-less CSV as Shift_JIS and garbles every Japanese character.
        with _atomic(path, "w", encoding="utf-8-sig", newline="") as stream:
            write_csv(findings, stream)
    else:
        write_xlsx(findings, path)


def write_jsonl(findings: Iterable[Finding], stream: IO[str]) -> None:
    """One finding per line, fields named as in the findings contract, Japanese unescaped."""
    for finding in findings:
        stream.write(finding.model_dump_json())
        stream.write("\n")


def read_jsonl(path: Path) -> Iterator[Finding]:
    """Findings back from a JSONL file written by :func:`write_jsonl`."""
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            if line.strip():
                yield Finding.model_validate_json(line)


def write_csv(findings: Sequence[Finding], stream: IO[str]) -> None:
    """The 点検表 as CSV: the same columns and headers as the xlsx."""
    columns = table_columns(group_sizes(findings))
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(["No.", *(c.header for c in columns)])
    for number, finding in enumerate(findings, start=1):
        writer.writerow([number, *(_plain(c.value(finding)) for c in columns)])


def write_xlsx(findings: Sequence[Finding], path: Path) -> None:
    """The 点検表: a row per finding, matched wording in red in the 条文, filters, frozen header, 判定 list."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    columns = table_columns(group_sizes(findings))
    headers = ["No.", *(c.header for c in columns)]
    widths = [6, *(c.width for c in columns)]
    wraps = [False, *(c.wrap for c in columns)]
    last_row = len(findings) + 1
    last_col = get_column_letter(len(headers))

    # Write-only mode streams rows to disk: a whole 例規集 gives tens of thousands of rows.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("点検表")
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{last_col}{last_row}"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    judgement_col = get_column_letter(headers.index("判定") + 1)
    judgement = DataValidation(type="list", formula1='"' + ",".join(JUDGEMENTS) + '"', allow_blank=True)
    judgement.add(f"{judgement_col}2:{judgement_col}{max(last_row, 2)}")
    sheet.data_validations.append(judgement)

    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="FFDDEBF7")
    header_align = Alignment(wrap_text=True, vertical="center", horizontal="center")
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    text_col = headers.index("条文")

    def cell(value, style_wrap: bool) -> WriteOnlyCell:
        c = WriteOnlyCell(sheet, value)
        c.alignment = wrap if style_wrap else top
        return c

    row = []
    for header in headers:
        c = WriteOnlyCell(sheet, header)
        c.font, c.fill, c.alignment = header_font, header_fill, header_align
        row.append(c)
    sheet.append(row)
    for number, finding in enumerate(findings, start=1):
        values: list = [number, *(_plain(c.value(finding), xlsx=True) for c in columns)]
        values[text_col] = _highlighted(finding)
        sheet.append([cell(v, w) for v, w in zip(values, wraps, strict=True)])

    summary = workbook.create_sheet("集計")
    summary.column_dimensions["A"].width = 18
    summary.column_dimensions["B"].width = 10
    summary.column_dimensions["C"].width = 22
    head = []
    for header in ("類型", "件数", "うち既にデジタル対応"):
        c = WriteOnlyCell(summary, header)
        c.font, c.fill = header_font, header_fill
        head.append(c)
    summary.append(head)
    for line in summarize(findings):
        summary.append([line.category, line.count, line.already_digital])
    summary.append(["該当条項（計）", len(findings), sum(f.already_digital for f in findings)])

    with _atomic(path, "wb") as stream:
        workbook.save(stream)


def write_errors(errors: Iterable[object], path: Path) -> None:
    """The files that failed, one JSON object per line: ``doc``, ``line`` (or null), ``reason``."""
    with _atomic(path, "w", encoding="utf-8", newline="\n") as stream:
        for error in errors:
            record = {"doc": error.doc, "line": error.line, "reason": error.reason}  # type: ignore[attr-defined]
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")


# --- helpers ------------------------------------------------------------------------------------------


def _plain(value: str | int | None, *, xlsx: bool = False) -> str | int | None:
    if not isinstance(value, str):
        return value
    if xlsx:
        value = _xlsx_safe(value)
    return value


def _xlsx_safe(text: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if len(text) > XLSX_CELL_LIMIT:
        text = text[: XLSX_CELL_LIMIT - len(_CUT_MARK)] + _CUT_MARK
    return text


def _highlighted(finding: Finding):
    """The 条文 as rich text with the matched spans in bold red, so that a reviewer sees why it was listed."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    text = finding.text
    if not finding.spans or len(text) > XLSX_CELL_LIMIT:
        return _xlsx_safe(text)
    mark = InlineFont(b=True, color="FFC00000")
    parts: list = []
    cursor = 0
    for start, end in sorted(finding.spans):
        start = max(start, cursor)  # overlapping spans: mark the union once
        if end <= start:
            continue
        if start > cursor:
            parts.append(_xlsx_safe(text[cursor:start]))
        parts.append(TextBlock(mark, _xlsx_safe(text[start:end])))
        cursor = end
    if cursor < len(text):
        parts.append(_xlsx_safe(text[cursor:]))
    return CellRichText(parts)


@contextmanager
def _atomic(path: Path, mode: str, **kwargs) -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success rename it over ``path``, on failure remove it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # A plain open (not mkstemp) so that the file gets the usual permissions under the user's umask.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, mode, **kwargs) as stream:
            yield stream
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
