"""Draw bench/blind38's sample into work/: its seed, size, ids and exclusions are its row of bench/sealed_sets.py.

.venv/bin/python bench/blind38/sample.py [--corpus DIR] [--out DIR]
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/
from sealed_sets import sample

if __name__ == "__main__":
    raise SystemExit(sample("blind38"))
