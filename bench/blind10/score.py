"""Score the classifier on the SEALED tenth blind set (sealed-*.jsonl): aggregate figures only.

SEALED: rules engineers must not run this until the final measurement (see README.md). The scoring is
bench/blind2/score.py's (and through it bench/blind's and bench/accuracy.py's), pointed at this
folder's files: national records from the parsed law XML (../shared/corpus/national/egov-xml-2020-core; skipped
with a message when absent), paragraph + items unioned; municipal records from their own text parsed as a 横書き
例規; already-digital findings count as not predicted; borderline categories are neither hits nor false alarms.

Deliberately there is no per-record output (no FP / FN list): it would reveal the sealed labels. The labels were
committed before this scorer existed; never change them after seeing its output. Usage:

    .venv/bin/python bench/blind10/score.py [--totals-only] [--corpus DIR] [--rules DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BLIND2 = HERE.parent / "blind2"


sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/, for load_script
from load_script import load_script  # noqa: E402

blind2 = load_script("blind2_score", BLIND2 / "score.py")


def main(argv: list[str] | None = None) -> int:
    return blind2.main(argv, HERE, ("G", "H"), __doc__.splitlines()[0])


if __name__ == "__main__":
    raise SystemExit(main())
