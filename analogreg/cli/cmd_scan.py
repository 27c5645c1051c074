"""`analogreg scan PATH…`: batch-scan files and folders, write the findings, print 堺市-style counts.

Exit status: 0 when every file was scanned; 1 when some files failed (they are listed on stderr and in the
errors file beside --out, and the others are scanned and written); 2 when nothing could be scanned at all (a
PATH that does not exist, no supported file, every file failed, or broken rules), as for single-file commands;
130 when interrupted (Ctrl-C), with nothing written.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from analogreg.cli.app import EXIT_BAD_INPUT, app, console, err_console, fail
from analogreg.cli.steps import (
    JobsOption,
    RulesOption,
    category_table,
    print_input_problems,
    progress_bar,
    short_doc,
)

EXIT_SOME_FAILED = 1
EXIT_INTERRUPTED = 130  # the shell's convention for Ctrl-C


@app.command()
def scan(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (recursive; e-Gov XML, 例規集 HTML, text).")],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Findings file; without it, JSONL goes to stdout.")
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", help="jsonl | csv | xlsx (default: from the --out suffix, else jsonl)."),
    ] = None,
    jobs: JobsOption = None,
    rules: RulesOption = None,
) -> None:
    """Find analog regulations in every file under PATH… and write one finding per provision unit."""
    from analogreg.batch import scan as run_scan
    from analogreg.errors import InputError
    from analogreg.export.findings import (
        errors_path,
        format_for,
        warnings_path,
        write_errors,
        write_findings,
        write_warnings,
    )
    from analogreg.ruleset.yamlload import DataFileError

    try:
        chosen = format_for(out or Path("-"), fmt)
    except ValueError as err:
        fail(str(err))
    if out is None and chosen != "jsonl":
        fail(f"--format {chosen} needs --out FILE (only JSONL can go to stdout)")

    progress = progress_bar() if err_console.is_terminal else None
    try:
        if progress is None:
            result = run_scan(paths, rules_dir=rules, jobs=jobs)
        else:
            with progress:
                task = progress.add_task("scanning", total=None)

                def advance(done: int, total: int, doc: str) -> None:
                    progress.update(task, completed=done, total=total, description=short_doc(doc))

                result = run_scan(paths, rules_dir=rules, jobs=jobs, on_progress=advance)
    except DataFileError as err:
        fail(str(err))
    except InputError as err:
        fail(str(err))
    except KeyboardInterrupt:
        fail("interrupted: nothing written", EXIT_INTERRUPTED)

    stats = result.stats
    if stats.files == 0:
        fail(f"no supported files (e-Gov XML, 例規集 HTML, text) under {', '.join(str(p) for p in paths)}")

    print_input_problems(result.errors, result.warnings, warnings_path(out) if out is not None else None)

    if out is None:
        from analogreg.export.findings import write_jsonl

        write_jsonl(result.findings, sys.stdout)
        sys.stdout.flush()
    else:
        try:
            write_findings(result.findings, out, chosen)
            write_errors(result.errors, errors_path(out))
            write_warnings(result.warnings, warnings_path(out))
        except OSError as err:
            fail(f"{err.filename or out}: cannot write: {err.strerror or err}")

    # The counts go to stdout beside a findings file, to stderr when stdout carries the findings.
    report = console if out is not None else err_console
    report.print(category_table(result.findings))
    scanned = stats.files - stats.failed
    jobs_word = "job" if stats.jobs == 1 else "jobs"
    line = (
        f"{scanned:,} of {stats.files:,} files scanned ({stats.bytes / 1e6:,.1f} MB) in {stats.seconds:,.1f} s "
        f"with {stats.jobs} {jobs_word}; {stats.findings:,} findings in {stats.groups:,} groups"
    )
    if out is not None:
        line += f"; written to {out}"
    report.print(line, markup=False, highlight=False)
    if by_opinion := sum(1 for f in result.findings if f.opinion):
        # Told apart because they carry no matched wording: the reviewer reads the whole provision.
        alone = sum(1 for f in result.findings if f.opinion and not f.rules)
        holds = "finding holds" if by_opinion == 1 else "findings hold"
        report.print(
            f"{by_opinion:,} {holds} a category only the learned second opinion found ({alone:,} of them no "
            "rule at all): no matched wording, see the 学習モデル column",
            markup=False,
            highlight=False,
        )
    if result.errors:
        where = f" (listed in {errors_path(out)})" if out is not None else ""
        files = "file" if stats.failed == 1 else "files"
        err_console.print(f"{stats.failed:,} {files} failed{where}", markup=False, highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT if scanned == 0 else EXIT_SOME_FAILED)
