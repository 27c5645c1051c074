"""Score the classifier on the SEALED fifth blind set (sealed-*.jsonl): aggregate figures only.

SEALED: rules engineers must not run this until the final measurement (see README.md). The scoring is
bench/blind2/score.py's (and through it bench/blind's and bench/accuracy.py's), pointed at this
folder's files: national records from the parsed law XML (../shared/corpus/national/egov-xml-2020-core; skipped
with a message when absent), paragraph + items unioned; municipal records from their own text parsed as a 横書き
例規; already-digital findings count as not predicted; borderline categories are neither hits nor false alarms.

Deliberately there is no per-record output (no FP / FN list): it would reveal the sealed labels. The labels were
committed before this scorer existed; never change them after seeing its output. Usage:

    .venv/bin/python bench/blind5/score.py [--totals-only] [--corpus DIR] [--rules DIR]
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BLIND2 = HERE.parent / "blind2"


def _load_blind2_scorer():
    """bench/blind2/score.py under its own module name (it loads bench/blind's scorer and sets sys.path)."""
    spec = importlib.util.spec_from_file_location("blind2_score", BLIND2 / "score.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


blind2 = _load_blind2_scorer()


def main(argv: list[str] | None = None) -> int:
    return blind2.main(argv, HERE, ("P", "Q"), __doc__.splitlines()[0])


if __name__ == "__main__":
    raise SystemExit(main())
