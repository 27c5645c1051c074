"""Score the classifier on the SEALED third blind set (sealed-*.jsonl): aggregate figures only.

SEALED: rules engineers must not run this until the final measurement (see README.md). The scoring is
bench/blind2/score.py's (and through it bench/blind/score.py's and bench/accuracy.py's), pointed at this folder's
files: national records from the parsed law XML (../shared/corpus/national/egov-xml-2020-core; skipped with a
message when absent), paragraph + items unioned; municipal records from their own text parsed as a 横書き 例規;
already-digital findings count as not predicted; borderline categories are neither hits nor false alarms.

Deliberately there is no per-record output (no FP / FN list): it would reveal the sealed labels. The labels were
committed before this scorer existed; never change them after seeing its output. Usage:

    .venv/bin/python bench/blind3/score.py [--totals-only] [--corpus DIR] [--rules DIR]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BLIND2 = ROOT / "bench" / "blind2"


def _load_blind2_scorer():
    """bench/blind2/score.py under its own module name (it loads bench/blind/score.py and sets sys.path)."""
    spec = importlib.util.spec_from_file_location("blind2_score", BLIND2 / "score.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


blind2 = _load_blind2_scorer()
blind = blind2.blind

from analogreg.ruleset.load import load_ruleset  # noqa: E402  (importable once the scorers have set sys.path)

FILES = {"national": HERE / "sealed-national.jsonl", "municipal": HERE / "sealed-municipal.jsonl"}
PREFIXES = {"national": "U", "municipal": "V"}


def score(corpus: Path, rules: Path | None) -> tuple[list, list, float]:
    """Scored national and municipal records and the wall time; national is empty without the law XML."""
    ruleset = load_ruleset(rules)
    national = blind2.load_checked(FILES["national"], PREFIXES["national"])
    municipal = blind2.load_checked(FILES["municipal"], PREFIXES["municipal"])
    start = time.perf_counter()
    xml_dir = corpus / "national" / "egov-xml-2020-core"
    if xml_dir.is_dir():
        nat = blind.score_national(national, corpus, ruleset, use_prefilter=True)
    else:
        print(f"national records skipped: no law XML at {xml_dir}")
        nat = []
    mun = blind.score_municipal_blocks(municipal, ruleset)
    return nat, mun, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=blind.DEFAULT_CORPUS, help="../shared/corpus (law XML)")
    parser.add_argument("--rules", type=Path, default=None, help="rules folder (default: the bundled rules)")
    parser.add_argument("--totals-only", action="store_true", help="print only the micro totals of both parts")
    args = parser.parse_args(argv)

    nat, mun, elapsed = score(args.corpus, args.rules)
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
