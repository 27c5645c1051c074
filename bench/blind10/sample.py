"""Draw the tenth sealed evaluation sample: real provisions outside dev, bench/blind and bench/blind2–blind9.

bench/blind9 has been measured and unsealed, so a fresh held-out sample is drawn the same way: bench/blind3/sample.py
is imported (and through it bench/blind2's and bench/blind's samplers: the keyword net — deliberately NOT the
project's rules — the unit extraction, the stratified draw and the per-law caps); only the seed, the exclusions,
the size (300 national paragraphs; the 三郷市 pool holds no analog wording any more, so its draw is not labelled),
the ids and the record order differ.

Excluded: every dev record (../shared/corpus/labels) and every bench/blind–bench/blind9 record — national by (file,
article, paragraph); municipal by (doc, article) and by (doc, block).

Record order: after the stratified draw the chosen records are shuffled once more with the same seeded generator
and numbered in that order (G0000…), so any prefix of the file is a uniformly random subset of the stratified
sample. Writes unlabelled records to work/ (not committed). Deterministic. Usage:

    .venv/bin/python bench/blind10/sample.py [--corpus DIR] [--out DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BLIND3 = ROOT / "bench" / "blind3"
BLIND4 = ROOT / "bench" / "blind4"
BLIND5 = ROOT / "bench" / "blind5"
BLIND6 = ROOT / "bench" / "blind6"
BLIND7 = ROOT / "bench" / "blind7"
BLIND8 = ROOT / "bench" / "blind8"
BLIND9 = ROOT / "bench" / "blind9"

# Different from 20240611 (blind), 20250923 (blind2), 20261128 (blind3), 20261129 (blind4), 20261130 (blind5),
# 20261201 (blind6), 20261202 (blind7), 20261203 (blind8) and 20261204 (blind9).
SEED = 20261205
TOTAL_NATIONAL = 300
TOTAL_MUNICIPAL = 0


sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/, for load_script
from load_script import load_script  # noqa: E402

blind3 = load_script("blind3_sample", BLIND3 / "sample.py")


def main(argv: list[str] | None = None) -> int:
    return blind3.main(
        argv,
        here=HERE,
        seed=SEED,
        sealed=(blind3.BLIND2, BLIND3, BLIND4, BLIND5, BLIND6, BLIND7, BLIND8, BLIND9),
        prefixes=("G", "H"),
        totals=(TOTAL_NATIONAL, TOTAL_MUNICIPAL),
        description=__doc__.splitlines()[0],
    )


if __name__ == "__main__":
    raise SystemExit(main())
