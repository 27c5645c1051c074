"""`analogreg run PATH --out DIR` (temporary): parse every file under PATH and print what was read.

A placeholder for the full job (scan → amend → export) that `make run` will start; until it lands it
proves the parse stage on a folder: laws, articles and provision units per file, and the failures.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from analogreg.cli.app import EXIT_BAD_INPUT, app, console, err_console, fail


@app.command()
def run(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (recursive).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder (parse summary written there).")],
) -> None:
    """Parse every file under PATH… and print a summary (the full scan → amend → export job comes later)."""
    from analogreg.errors import InputError
    from analogreg.parse import iter_input_files, parse_file

    files = list(iter_input_files(paths))
    if not files:
        fail(f"no supported files (e-Gov XML, 例規集 HTML, text) under {', '.join(str(p) for p in paths)}")
    table = Table(title="parsed", show_lines=False)
    for column in ("file", "title", "kind", "articles", "units"):
        table.add_column(column, justify="right" if column in ("articles", "units") else "left")
    laws = articles = units = 0
    failures: list[str] = []
    rows: list[str] = []
    for item in files:
        try:
            law = parse_file(item.path, item.display).law
        except InputError as err:
            failures.append(str(err))
            continue
        n_articles = sum(1 for _ in law.all_articles())
        n_units = sum(1 for _ in law.units())
        laws += 1
        articles += n_articles
        units += n_units
        table.add_row(item.display, law.title, law.kind, str(n_articles), str(n_units))
        rows.append(f"{item.display}\t{law.title}\t{law.kind}\t{n_articles}\t{n_units}")
    console.print(table)
    console.print(
        f"laws {laws}  articles {articles}  provision units {units}  failures {len(failures)}", highlight=False
    )
    for failure in failures:
        err_console.print(failure, markup=False, highlight=False, soft_wrap=True)
    out.mkdir(parents=True, exist_ok=True)
    (out / "parsed.tsv").write_text(
        "file\ttitle\tkind\tarticles\tunits\n" + "".join(row + "\n" for row in rows), encoding="utf-8"
    )
    if failures:
        raise typer.Exit(EXIT_BAD_INPUT if laws == 0 else 1)
