"""Merge the annotators' label files into sealed-national.jsonl (and an empty sealed-municipal.jsonl).

bench/blind6/merge.py's code (the same checks: known category strings, none both positive and borderline, a note
on every record, every record labelled once), pointed at this folder. It never reads or prints what any classifier
makes of the records.

    .venv/bin/python bench/blind10/merge.py LABELS_DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

sys.path.insert(0, str(HERE.parent))  # bench/, for load_script
from load_script import load_script  # noqa: E402

blind6 = load_script("blind6_merge", HERE.parent / "blind6" / "merge.py")


def main(argv: list[str]) -> int:
    return blind6.main(argv, here=HERE)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
