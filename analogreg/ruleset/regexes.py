"""The rules' regexes, each compiled once per process.

A ruleset asks for the same pattern many times over: the schema compiles each to report a bad one with its line,
the matcher compiles its conditions, and the prefilter compiles the requirements it derives from them (5,522
compilations of 1,795 distinct patterns for the bundled rules). ``re``'s own cache holds 512 patterns, so most of
them were compiled again; at about a sixth of a millisecond each, that was a fifth of loading the rules, in every
process (the CLI, each scan worker).
"""

from __future__ import annotations

import re
from functools import cache


@cache
def compiled(pattern: str) -> re.Pattern[str]:
    """``re.compile(pattern)``, kept for the life of the process (a bad pattern raises re.error, and is not kept)."""
    return re.compile(pattern)
