"""Errors about input that a person must fix: one line naming the file, the place and why."""

from __future__ import annotations


class InputError(Exception):
    """Bad input (malformed, truncated, undecodable, not a statute). Rendered as ``path:line: reason``."""

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason
        self.line = line

    def __str__(self) -> str:
        place = f"{self.path}:{self.line}" if self.line else self.path
        return f"{place}: {self.reason}"
