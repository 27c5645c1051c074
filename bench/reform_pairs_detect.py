"""Detection against the real 2020→2025 reform (shared corpus: acts_2020_vs_2025_analog_to_digital_pairs.jsonl).

Each row pairs a provision unit as it stood in 2020 (analog) with the same unit in 2025 (a digital way added). For
rows that are well aligned (not ``likely_misaligned``) and whose analog terms are not only 書面 (paper documents
are outside the eight categories), the 2020 text must give a finding and the 2025 text must come out already
digital. Prints the pass counts and every failure with its reason. Usage:

    .venv/bin/python bench/reform_pairs_detect.py [--corpus DIR] [--all]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analogreg.classify import UnitAnalysis, analyze  # noqa: E402
from analogreg.ruleset.load import load_ruleset  # noqa: E402

PAIRS = Path("amendments") / "acts_2020_vs_2025_analog_to_digital_pairs.jsonl"

# Rows that the labelling guidelines (labels/GUIDELINES.md, 「Not a positive」) say are not analog regulations to
# amend, told apart by the 2020 text alone: what the detector must NOT report, so they are listed, not scored.
GUIDELINE_EXCLUDED = (
    (
        "penalty clause citing another provision's duty",
        re.compile(
            r"(?:罰金|過料|科料|懲役|禁錮)に処する|の規定(?:による|に違反して)[^。]*(?:せず|しなかつた|しなかった|した)者$"
        ),
    ),
    ("prohibition (…してはならない)", re.compile(r"(?:掲示|掲げ)(?:し)?てはならない")),
    ("読替 clause", re.compile(r"と読み替え")),
)


def guideline_exclusion(row: dict) -> str | None:
    for reason, rx in GUIDELINE_EXCLUDED:
        if rx.search(row["before_2020"]):
            return reason
    return None


def in_scope(row: dict) -> bool:
    return not row["likely_misaligned"] and set(row["analog_terms_before"]) != {"書面"}


def describe(result: UnitAnalysis) -> str:
    if result.prefiltered_out:
        return "prefiltered out"
    if not result.hits:
        rejected = sorted({f"{r.hit.rule}({r.hit.wording}) by {r.by}" for r in result.rejected})
        return "no match" + (f"; rejected: {', '.join(rejected)}" if rejected else "")
    return ", ".join(f"{h.rule}={h.wording}{' [digital]' if h.digital else ''}" for h in result.hits)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--rules", type=Path, default=None)
    parser.add_argument("--all", action="store_true", help="also show the out-of-scope rows")
    args = parser.parse_args(argv)
    path = args.corpus / PAIRS
    if not path.is_file():
        print(f"skipped: no reform pairs at {path}")
        return 0
    ruleset = load_ruleset(args.rules)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    candidates = [r for r in rows if in_scope(r)]
    excluded = [(r, guideline_exclusion(r)) for r in candidates if guideline_exclusion(r)]
    scope = [r for r in candidates if not guideline_exclusion(r)]
    before_ok = after_ok = both_ok = after_not_analog = 0
    failures: list[str] = []
    for row in scope:
        where = f"{row['law_title']} {row['article']}-{row['paragraph']}" + (f"-{row['item']}" if row["item"] else "")
        before = analyze(row["before_2020"], ruleset, caption=row["caption"], trace=True)
        after = analyze(row["after_2025"], ruleset, caption=row["caption"], trace=True)
        found = bool(before.analog_hits)
        digital = after.already_digital
        before_ok += found
        after_ok += digital
        both_ok += found and digital
        # What a reviewer sees: the 2025 text is not put on the list to amend (flagged digital, or its analog
        # wording is gone, as when 磁気ディスク became 電磁的記録).
        after_not_analog += digital or not after.analog_hits
        if not (found and digital):
            reasons = []
            if not found:
                reasons.append(f"2020 not found ({describe(before)})")
            if not digital:
                reasons.append(f"2025 not digital ({describe(after)})")
            terms = "+".join(row["analog_terms_before"])
            failures.append(f"{where} [{terms}] {row['caption']}: " + "; ".join(reasons))
    print(f"rows: {len(rows)}; well aligned and not only 書面: {len(candidates)}")
    print(f"  of which not analog regulations under the labelling guidelines (listed below): {len(excluded)}")
    print(f"  scored: {len(scope)}")
    print(f"2020 text found (analog finding):   {before_ok}/{len(scope)}")
    print(f"2025 text already digital:          {after_ok}/{len(scope)}")
    print(f"both:                               {both_ok}/{len(scope)}")
    print(f"2025 text not reported as analog:   {after_not_analog}/{len(scope)}  (digital, or no analog wording left)")
    if failures:
        print("\nfailures:")
        for line in failures:
            print(f"  {line}")
    print("\nnot scored (labelling guidelines):")
    for row, reason in excluded:
        after = analyze(row["after_2025"], ruleset, caption=row["caption"])
        before = analyze(row["before_2020"], ruleset, caption=row["caption"])
        outcome = f"2020 findings: {[h.category for h in before.analog_hits] or 'none'}"
        print(
            f"  {row['law_title']} {row['article']}-{row['paragraph']}-{row['item']}: {reason}; {outcome}; "
            f"2025 {'digital' if after.already_digital else 'analog' if after.hits else 'no finding'}"
        )
    if args.all:
        print("\nout of scope:")
        for row in rows:
            if not in_scope(row):
                why = "likely misaligned" if row["likely_misaligned"] else "only 書面"
                print(f"  {row['law_title']} {row['article']}-{row['paragraph']} {row['analog_terms_before']}: {why}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
