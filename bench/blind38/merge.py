"""Merge the annotators' labels*.jsonl in LABELS_DIR into bench/blind38's sealed-national.jsonl (see
bench/sealed_sets.py: the label syntax is checked; no classifier output is read).

    .venv/bin/python bench/blind38/merge.py LABELS_DIR
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/
from sealed_sets import merge

if __name__ == "__main__":
    raise SystemExit(merge("blind38", sys.argv[1:]))
