"""Draw the fifth sealed evaluation sample: real provisions outside dev, bench/blind and bench/blind2–blind4.

bench/blind4 has been measured and unsealed, so a fresh held-out sample is drawn the same way: bench/blind3/sample.py
is imported (and through it bench/blind2's and bench/blind's samplers: the keyword net — deliberately NOT the
project's rules — the unit extraction, the stratified draw and the per-law caps); only the seed, the exclusions,
the sizes (380 national paragraphs, 70 三郷市 article blocks), the ids and the record order differ.

Excluded: every dev record (../shared/corpus/labels) and every bench/blind, bench/blind2, bench/blind3 and
bench/blind4 record — national by (file, article, paragraph); municipal by (doc, article) and by (doc, block).

Record order: after the stratified draw the chosen records are shuffled once more with the same seeded generator
and numbered in that order (P0000…, Q0000…), so any prefix of a file is a uniformly random subset of the stratified
sample. Writes unlabelled records to work/ (not committed). Deterministic. Usage:

    .venv/bin/python bench/blind5/sample.py [--corpus DIR] [--out DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BLIND3 = ROOT / "bench" / "blind3"
BLIND4 = ROOT / "bench" / "blind4"

# Different from 20240611 (blind), 20250923 (blind2), 20261128 (blind3) and 20261129 (blind4).
SEED = 20261130
TOTAL_NATIONAL = 380
TOTAL_MUNICIPAL = 70


sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/, for load_script
from load_script import load_script  # noqa: E402

blind3 = load_script("blind3_sample", BLIND3 / "sample.py")


def main(argv: list[str] | None = None) -> int:
    return blind3.main(
        argv,
        here=HERE,
        seed=SEED,
        sealed=(blind3.BLIND2, BLIND3, BLIND4),
        prefixes=("P", "Q"),
        totals=(TOTAL_NATIONAL, TOTAL_MUNICIPAL),
        description=__doc__.splitlines()[0],
    )


if __name__ == "__main__":
    raise SystemExit(main())
