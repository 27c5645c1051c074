"""Steps that several commands share (scan, amend, export, review, run): progress, the amend run, the drafts.

Kept out of the ``cmd_*`` modules so that a command never imports another command's private names, and so that
`analogreg run` is the same code path as `analogreg amend` followed by `analogreg export`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from analogreg.cli.app import err_console, fail
from analogreg.records import Finding
from analogreg.settings import Settings

# Options several commands take, declared once so that their flags and help read the same everywhere.
SettingsOption = Annotated[
    Path | None, typer.Option("--settings", "-s", help="Municipality settings YAML (default: rules/settings).")
]
JobsOption = Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes (default: all cores).")]
RulesOption = Annotated[Path | None, typer.Option("--rules", help="Rules folder (default: the bundled rules).")]
TemplatesOption = Annotated[
    Path | None, typer.Option("--templates", help="Templates folder (default: rules/templates).")
]

# A 条例 cannot amend a 規則: each kind of draft goes to its own file (FILE, FILE-kisoku, FILE-sonota), and the 規則
# of each committee to its own (FILE-kisoku-教育委員会 …): one body's 規則 cannot amend another's.
DRAFT_SUFFIX = {"条例": "", "規則": "-kisoku", "その他": "-sonota"}


class DraftFormat(str, Enum):
    docx = "docx"
    md = "md"
    txt = "txt"
    html = "html"


def progress_bar() -> Progress:
    """The progress bar of long commands (scan, amend, run), on stderr; used only when stderr is a terminal."""
    return Progress(
        TextColumn("{task.description:<40}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    )


def short_doc(doc: str, width: int = 40) -> str:
    """A display path cut from the left to fit the progress bar's description."""
    return doc if len(doc) <= width else "…" + doc[-(width - 1) :]


def warn(message: str) -> None:
    err_console.print(f"warning: {message}", markup=False, highlight=False, soft_wrap=True)


# Parse warnings printed one per line; past this only their number (a whole 例規集 can give thousands).
MAX_WARNINGS_SHOWN = 20


def print_input_problems(errors: Iterable[object], warnings: Sequence[str], listed_in: Path | None = None) -> None:
    """The files that failed, one line each, then the readers' warnings, each naming its file and line (a 外字, a
    附則 heading that seems lost, an item out of order): the first MAX_WARNINGS_SHOWN, then how many more and the
    file that holds them all (``listed_in``)."""
    for error in errors:
        err_console.print(f"error: {error}", markup=False, highlight=False, soft_wrap=True)
    for warning in warnings[:MAX_WARNINGS_SHOWN]:
        warn(warning)
    if len(warnings) > MAX_WARNINGS_SHOWN:
        where = f" (all in {listed_in})" if listed_in is not None else ""
        err_console.print(
            f"… and {len(warnings) - MAX_WARNINGS_SHOWN:,} more warnings{where}", markup=False, highlight=False
        )


def category_table(findings: Sequence[Finding]) -> Table:
    """堺市-style counts: the eight categories in order, each with how many already allow a digital way."""
    from analogreg.export.findings import summarize

    table = Table(title="アナログ規制の類型別件数", title_justify="left")
    table.add_column("類型")
    table.add_column("件数", justify="right")
    table.add_column("うち既にデジタル対応", justify="right")
    for row in summarize(findings):
        table.add_row(row.category, f"{row.count:,}", f"{row.already_digital:,}")
    table.add_section()
    table.add_row("該当条項（計）", f"{len(findings):,}", f"{sum(f.already_digital for f in findings):,}")
    return table


def run_amend(
    paths: Sequence[Path],
    out_dir: Path,
    settings: Settings,
    *,
    rules: Path | None = None,
    templates: Path | None = None,
    jobs: int | None = None,
):
    """Scan, propose and draft into ``out_dir`` with a progress bar on a terminal; bad input exits with one line.

    Returns the AmendResult; files that failed are printed (one line each) and left in the result's errors.
    """
    from analogreg.amend.pipeline import amend_paths
    from analogreg.errors import InputError
    from analogreg.ruleset.yamlload import DataFileError

    progress = progress_bar() if err_console.is_terminal else None
    try:
        if progress is None:
            result = amend_paths(paths, out_dir, settings=settings, rules_dir=rules, templates_dir=templates, jobs=jobs)
        else:
            with progress:
                task = progress.add_task("scanning", total=None)

                def advance(stage: str, done: int, total: int, doc: str) -> None:
                    progress.update(task, completed=done, total=total, description=f"{stage} {short_doc(doc)}")

                result = amend_paths(
                    paths,
                    out_dir,
                    settings=settings,
                    rules_dir=rules,
                    templates_dir=templates,
                    jobs=jobs,
                    on_progress=advance,
                )
    except (DataFileError, InputError) as err:
        fail(str(err))
    except KeyboardInterrupt:
        fail("interrupted", 130)

    stats = result.stats
    if stats.files == 0:
        fail(f"no supported files (e-Gov XML, 例規集 HTML, text) under {', '.join(str(p) for p in paths)}")
    # What the readers warned of bears on the drafts too (a citation the reader may have got wrong): said here as the
    # scan says it, where it was dropped before.
    print_input_problems(result.errors, result.warnings, result.written.get("warnings"))
    if stats.failed >= stats.files:
        fail(f"no file could be scanned (listed in {result.written['errors']})")
    return result


def amend_table(result) -> Table:
    """What the amend step produced: findings, already digital, proposals by outcome, verified."""
    stats = result.stats
    table = Table(title="改正案", title_justify="left")
    table.add_column("")
    table.add_column("件数", justify="right")
    table.add_row("該当条項", f"{stats.findings:,}")
    table.add_row("うち既にデジタル対応（改正不要）", f"{stats.already_digital:,}")
    table.add_row("改正案（proposals.jsonl）", f"{stats.proposals:,}")
    table.add_row("  文言を改めるもの", f"{stats.amended:,}")
    table.add_row("    うち改め文を検証済み", f"{stats.verified:,}")
    table.add_row("  文言を改めないもの（条例で対応・要手動起案）", f"{stats.unchanged:,}")
    return table


def draft_path(out: Path, kind: str, fmt: DraftFormat, body: str = "") -> Path:
    """Where the draft of ``kind`` goes: FILE for 条例, FILE-kisoku for the head's 規則, FILE-kisoku-<body> for a
    committee's 規則 (FILE-kisoku-教育委員会), FILE-sonota for the rest."""
    suffix = out.suffix or f".{fmt.value}"
    tail = DRAFT_SUFFIX[kind] + (f"-{body}" if body else "")
    return out.with_name(f"{out.stem if out.suffix else out.name}{tail}{suffix}")


def written_drafts(out: Path, fmt: DraftFormat) -> list[Path]:
    """The draft files of FILE ``out`` that exist: every kind, and the 規則 of every body."""
    paths = [draft_path(out, kind, fmt) for kind in DRAFT_SUFFIX]
    committees = draft_path(out, "規則", fmt, "*")  # FILE-kisoku-*: a pattern for every body's name
    paths += sorted(committees.parent.glob(committees.name))
    return [path for path in paths if path.exists()]


def export_drafts(
    directory: Path, outputs: Sequence[tuple[Path, DraftFormat]], settings: Settings, *, required: bool = True
) -> list[tuple[object, Path]]:
    """Build the bills from DIR's proposals (accepted/edited ones once reviewed) and write each in every format.

    ``outputs`` are (FILE, format) pairs; each bill goes to FILE, FILE-kisoku(-<body>) or FILE-sonota by its kind
    (:func:`draft_path`). Prints
    warnings for held-back proposals and orphan decisions once; exits with one line when nothing can be
    exported and ``required`` (else warns and returns nothing). Returns (bill, path) per file written.
    """
    from analogreg.draft.bill import build_bills
    from analogreg.errors import InputError
    from analogreg.export.bill_inputs import load_export_input

    try:
        selection = load_export_input(directory)
    except InputError as err:
        fail(str(err))
    for line in selection.stale:
        warn(f"held back (decision made on another text): {line}")
    for orphan in selection.orphans:
        warn(
            f"orphan decision ({orphan.status}) for a finding no longer proposed: "
            f"{orphan.doc} {orphan.label} [{orphan.finding_id}]"
        )
    if not selection.proposals:
        reason = (
            "nothing to export: no proposal is accepted or edited in review.sqlite"
            if selection.reviewed
            else f"nothing to export: {directory}/proposals.jsonl holds no proposal"
        )
        if required:
            fail(reason)
        warn(reason)
        return []
    if not selection.reviewed:
        warn("no review decisions yet: the drafts contain every proposal, unreviewed")
    written = []
    for bill in build_bills(selection.proposals, settings):
        for warning in bill.warnings:
            warn(warning)
        for item in bill.unverified:
            warn(f"held back: {item.doc} {item.label}: {item.reason}")
        for out, fmt in outputs:
            path = draft_path(out, bill.kind, fmt, bill.body)
            try:
                write_draft(bill, settings, fmt, path)
            except OSError as err:
                fail(f"{path}: cannot write: {err.strerror or err}")
            written.append((bill, path))
    return written


def drafts_table(written: Iterable[tuple[object, Path]]) -> Table:
    table = Table(title="改正案", title_justify="left")
    for column in ("draft", "例規", "改め文", "held back", "file"):
        table.add_column(column)
    for bill, path in written:
        sentences = sum(len(a.aratame) for a in bill.articles)
        table.add_row(bill.title, str(len(bill.articles)), str(sentences), str(len(bill.unverified)), str(path))
    return table


def write_draft(bill, settings: Settings, fmt: DraftFormat, path: Path) -> None:
    if fmt is DraftFormat.docx:
        from analogreg.export.bill_docx import write_docx

        write_docx(bill, settings, path)
        return
    if fmt is DraftFormat.html:
        from analogreg.export.shinkyu_html import render_html

        text = render_html([bill], settings)
    elif fmt is DraftFormat.md:
        from analogreg.export.bill_text import render_markdown

        text = render_markdown([bill], settings)
    else:
        from analogreg.export.bill_text import render_text

        text = render_text([bill], settings)
    path.write_text(text, encoding="utf-8")
