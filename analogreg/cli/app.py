"""The Typer application and what every command shares: the consoles and the one-line error exit."""

from __future__ import annotations

import sys
from typing import NoReturn

import typer
from rich.console import Console

app = typer.Typer(
    name="analogreg",
    help="Find analog regulations (アナログ規制) in ordinances and laws, and draft their amendments.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _main() -> None:
    """Find analog regulations (アナログ規制) in ordinances and laws, and draft their amendments."""
    # A callback keeps `analogreg COMMAND` a command group even while a single command is registered;
    # without it Typer would run that command directly and take its name for an argument.


console = Console()
err_console = Console(stderr=True)

# Exit status for bad input: the batch reports and goes on, a single-file command stops here.
EXIT_BAD_INPUT = 2


def fail(message: str, code: int = EXIT_BAD_INPUT) -> NoReturn:
    """Print one line to stderr and exit: no traceback for problems the user must fix."""
    err_console.print(message, markup=False, highlight=False, soft_wrap=True)
    sys.exit(code)
