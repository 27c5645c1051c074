"""Score the classifier on bench/blind38's sealed-*.jsonl: aggregate figures only (see bench/sealed_sets.py).

SEALED sets: rules engineers must not run this until the final measurement (see README.md).

    .venv/bin/python bench/blind38/score.py [--totals-only] [--corpus DIR] [--rules DIR]
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/
from sealed_sets import score

if __name__ == "__main__":
    raise SystemExit(score("blind38"))
