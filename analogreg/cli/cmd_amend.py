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

from analogreg.cli.app import app, console, err_console, fail
from analogreg.cli.steps import JobsOption, RulesOption, SettingsOption, TemplatesOption, amend_table, run_amend

EXIT_SOME_FAILED = 1


@app.command()
def amend(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (recursive; e-Gov XML, 例規集 HTML, text).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder (proposals.jsonl and the scan's files).")],
    settings_file: SettingsOption = None,
    jobs: JobsOption = None,
    rules: RulesOption = None,
    templates: TemplatesOption = None,
) -> None:
    """Propose the new wording of every analog regulation under PATH… and draft its 改め文."""
    from analogreg.ruleset.yamlload import DataFileError
    from analogreg.settings import load_settings

    try:
        settings = load_settings(settings_file)
    except DataFileError as err:
        fail(str(err))
    result = run_amend(paths, out, settings, rules=rules, templates=templates, jobs=jobs)
    stats = result.stats
    console.print(amend_table(result))
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
