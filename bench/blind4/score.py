"""Score the classifier on the SEALED fourth blind set (sealed-*.jsonl): aggregate figures only.

SEALED: rules engineers must not run this until the final measurement (see README.md). The scoring is
bench/blind3/score.py's (and through it bench/blind2's, bench/blind's and bench/accuracy.py's), pointed at this
folder's files: national records from the parsed law XML (../shared/corpus/national/egov-xml-2020-core; skipped
with a message when absent), paragraph + items unioned; municipal records from their own text parsed as a 横書き
例規; already-digital findings count as not predicted; borderline categories are neither hits nor false alarms.

Deliberately there is no per-record output (no FP / FN list): it would reveal the sealed labels. The labels were
committed before this scorer existed; never change them after seeing its output. Usage:

    .venv/bin/python bench/blind4/score.py [--totals-only] [--corpus DIR] [--rules DIR]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BLIND3 = ROOT / "bench" / "blind3"


def _load_blind3_scorer():
    """bench/blind3/score.py under its own module name (it loads bench/blind2's and bench/blind's scorers)."""
    spec = importlib.util.spec_from_file_location("blind3_score", BLIND3 / "score.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


blind3 = _load_blind3_scorer()
blind2 = blind3.blind2
blind = blind3.blind

# Point blind3's scorer at this folder's files; its score() reads these two module globals.
blind3.FILES = {"national": HERE / "sealed-national.jsonl", "municipal": HERE / "sealed-municipal.jsonl"}
blind3.PREFIXES = {"national": "Y", "municipal": "Z"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=blind.DEFAULT_CORPUS, help="../shared/corpus (law XML)")
    parser.add_argument("--rules", type=Path, default=None, help="rules folder (default: the bundled rules)")
    parser.add_argument("--totals-only", action="store_true", help="print only the micro totals of both parts")
    args = parser.parse_args(argv)

    nat, mun, elapsed = blind3.score(args.corpus, args.rules)
    both = nat + mun
    if args.totals_only:
        print(blind2.totals_line("sealed set", both))
        return 0

    blind.print_tables("sealed set", nat, mun, elapsed)
    if both:
        blind2.category_intervals("both", both)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
