"""`analogreg review DIR` (the output folder of `amend`) or `analogreg review PATH… --out DIR` (amend first).

Opens the review app on ``DIR/proposals.jsonl`` with decisions in ``DIR/review.sqlite``. ``--orphans`` prints
the decisions whose finding is no longer proposed (one per line, tab-separated) instead of opening the app.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from analogreg.cli.app import app, console, err_console, fail
from analogreg.cli.steps import RulesOption, TemplatesOption

DEFAULT_OUT = Path("amendments")


def _is_review_dir(paths: list[Path]) -> bool:
    from analogreg.review.data import PROPOSALS_NAME

    return len(paths) == 1 and paths[0].is_dir() and (paths[0] / PROPOSALS_NAME).is_file()


@app.command()
def review(
    paths: Annotated[
        list[Path],
        typer.Argument(help="DIR, the output folder of `amend`; or files and folders to scan and amend first."),
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Output folder when amending PATH… first (default: amendments)."),
    ] = None,
    reviewer: Annotated[
        str | None, typer.Option("--reviewer", help="Name recorded with each decision (default: the OS user).")
    ] = None,
    settings_file: Annotated[
        Path | None, typer.Option("--settings", help="Municipality settings YAML (default: the bundled one).")
    ] = None,
    rules: RulesOption = None,
    templates: TemplatesOption = None,
    orphans: Annotated[
        bool, typer.Option("--orphans", help="Print the decisions whose finding is no longer proposed, and exit.")
    ] = False,
) -> None:
    """Review every proposed amendment: accept, reject or edit it; decisions are saved at each key."""
    from analogreg.errors import InputError
    from analogreg.review.session import ReviewSession
    from analogreg.ruleset.yamlload import DataFileError
    from analogreg.settings import load_settings

    try:
        settings = load_settings(settings_file)
    except DataFileError as err:
        fail(str(err))

    if _is_review_dir(paths) and out is None:
        out_dir = paths[0]
    else:
        if orphans:
            fail("--orphans reads an existing review folder: give DIR, the output folder of `amend`")
        out_dir = out or DEFAULT_OUT
        _amend(paths, out_dir, settings, rules, templates)

    try:
        session = ReviewSession.open(out_dir, reviewer)
    except InputError as err:
        fail(str(err))

    if orphans:
        _print_orphans(session)
        session.close()
        return

    if not sys.stdin.isatty() or not sys.stdout.isatty():
        session.close()
        fail("review is interactive and needs a terminal (use --orphans, or `export`, in scripts)")

    from analogreg.review.app import ReviewApp

    ReviewApp(session, settings=settings, rules_dir=rules, templates_dir=templates).run()
    done, total = session.progress()
    console.print(f"{done} / {total} reviewed; decisions are in {session.store.path}", highlight=False)


def _amend(paths: list[Path], out_dir: Path, settings, rules: Path | None, templates: Path | None) -> None:
    from analogreg.cli.steps import run_amend

    run_amend(paths, out_dir, settings, rules=rules, templates=templates)


def _print_orphans(session) -> None:
    found = session.orphans()
    err_console.print(
        f"{len(found)} orphaned decision(s) in {session.store.path} (kept; their finding is no longer proposed)",
        highlight=False,
        soft_wrap=True,
    )
    for d in found:
        note = d.note.replace("\n", " ")
        line = "\t".join(
            [d.finding_id, d.status, d.reviewer, d.decided_at.isoformat(), d.doc, d.law_title, d.label, note]
        )
        typer.echo(line)  # plain: tabs kept, one line per decision, for scripts
