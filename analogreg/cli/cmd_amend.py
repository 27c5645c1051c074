"""`analogreg amend PATH… --out DIR`: scan, propose new wording, draft and verify each 改め文, write DIR.

Writes ``DIR/proposals.jsonl`` (one line per finding to amend: the scan's fields plus template, old_text,
new_text, aratame, verified, note), ``DIR/findings.jsonl`` and ``DIR/findings.errors.jsonl``; prints the counts
per outcome. Exit status: 0 when every file went through; 1 when some files failed (listed on stderr and in the
errors file); 2 when nothing could be amended (no such PATH, no supported file, broken rules, templates or
settings).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from analogreg.cli.app import app, console, err_console, fail

# The scan's progress bar, so that both long commands look alike.
from analogreg.cli.cmd_scan import _progress, _short

EXIT_SOME_FAILED = 1


@app.command()
def amend(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (recursive; e-Gov XML, 例規集 HTML, text).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder (proposals.jsonl and the scan's files).")],
    settings_file: Annotated[
        Path | None, typer.Option("--settings", "-s", help="Municipality settings YAML (default: rules/settings).")
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes (default: all cores).")
    ] = None,
    rules: Annotated[Path | None, typer.Option("--rules", help="Rules folder (default: the bundled rules).")] = None,
    templates: Annotated[
        Path | None, typer.Option("--templates", help="Templates folder (default: rules/templates).")
    ] = None,
) -> None:
    """Propose the new wording of every analog regulation under PATH… and draft its 改め文."""
    from analogreg.amend.pipeline import amend_paths
    from analogreg.errors import InputError
    from analogreg.ruleset.yamlload import DataFileError
    from analogreg.settings import load_settings

    try:
        settings = load_settings(settings_file)
    except DataFileError as err:
        fail(str(err))
    progress = _progress() if err_console.is_terminal else None
    try:
        if progress is None:
            result = amend_paths(paths, out, settings=settings, rules_dir=rules, templates_dir=templates, jobs=jobs)
        else:
            with progress:
                task = progress.add_task("scanning", total=None)

                def advance(stage: str, done: int, total: int, doc: str) -> None:
                    progress.update(task, completed=done, total=total, description=f"{stage} {_short(doc)}")

                result = amend_paths(
                    paths,
                    out,
                    settings=settings,
                    rules_dir=rules,
                    templates_dir=templates,
                    jobs=jobs,
                    on_progress=advance,
                )
    except (DataFileError, InputError) as err:
        fail(str(err))

    stats = result.stats
    if stats.files == 0:
        fail(f"no supported files (e-Gov XML, 例規集 HTML, text) under {', '.join(str(p) for p in paths)}")
    for error in result.errors:
        err_console.print(f"error: {error}", markup=False, highlight=False, soft_wrap=True)
    if stats.failed >= stats.files:
        fail(f"no file could be scanned (listed in {result.written['errors']})")

    table = Table(title="改正案", title_justify="left")
    table.add_column("")
    table.add_column("件数", justify="right")
    table.add_row("該当条項", f"{stats.findings:,}")
    table.add_row("うち既にデジタル対応（改正不要）", f"{stats.already_digital:,}")
    table.add_row("改正案（proposals.jsonl）", f"{stats.proposals:,}")
    table.add_row("  文言を改めるもの", f"{stats.amended:,}")
    table.add_row("    うち改め文を検証済み", f"{stats.verified:,}")
    table.add_row("  文言を改めないもの（条例で対応・要手動起案）", f"{stats.unchanged:,}")
    console.print(table)
    console.print(
        f"{stats.files - stats.failed:,} of {stats.files:,} files; scan {stats.scan_seconds:,.1f} s, "
        f"amend {stats.amend_seconds:,.1f} s with {stats.jobs} jobs; written to {result.written['proposals']}",
        markup=False,
        highlight=False,
    )
    if result.errors:
        err_console.print(
            f"{stats.failed:,} files failed (listed in {result.written['errors']})", markup=False, highlight=False
        )
        raise typer.Exit(EXIT_SOME_FAILED)
