"""The command line: the only place that prints. Each ``cmd_*.py`` module adds its commands to ``app``."""

from __future__ import annotations

import importlib
import pkgutil

from analogreg.cli.app import app


def _load_commands() -> None:
    for module in pkgutil.iter_modules(__path__):
        if module.name.startswith("cmd_"):
            importlib.import_module(f"{__name__}.{module.name}")


_load_commands()


def main() -> None:
    app()
