"""Proposals on the real 2020 texts of the national reform pairs (shared corpus), for 書面掲示 and FD等.

For every pair row whose 2020 wording is 書面掲示 (掲示, 標識を掲げ) or FD等 (磁気ディスク, フレキシブルディスク …),
the 2020 text is classified (the real rules) and proposed on (the real templates). Each proposal that changes the
text is measured:

- kept: every character of the 2020 wording outside the inserted (FD等: replaced) phrase is kept, exactly;
- grammatical: at every change the rest of the sentence re-tokenizes to the same words in the same 活用形 (the
  verb chain reads as before: 掲示し[、又は…公表し]なければならない), and each original sentence keeps its closing
  predicate (なければならない / ものとする / …);
- digital again: the new wording, classified again, has no analog match of the category left;
- idempotent: proposing on the new wording changes nothing;
- closer to 2025: character similarity (rapidfuzz ratio) of the proposal to the real 2025 wording, against the
  2020 wording's own similarity to it (the reform added a digital way; so does the proposal).

The same checks run on the 601-row file (analog wording changed 2020→2025) for more real clauses. Usage:

    .venv/bin/python bench/reform_pairs_amend.py [--corpus DIR] [--list]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz  # noqa: E402

from analogreg.amend import propose  # noqa: E402
from analogreg.amend.check import grammar_problems, kept_outside, replaceable_words  # noqa: E402
from analogreg.amend.selftest import example_finding, example_law  # noqa: E402
from analogreg.classify import analyze  # noqa: E402
from analogreg.ruleset.load import default_ruleset  # noqa: E402
from analogreg.settings import load_settings  # noqa: E402

PAIRS = Path("amendments") / "acts_2020_vs_2025_analog_to_digital_pairs.jsonl"
CHANGED = Path("amendments") / "acts_2020_vs_2025_analog_term_units_changed.jsonl"
TERMS = {
    "書面掲示": ("掲示", "標識を掲げ"),
    "FD等": ("磁気ディスク", "フレキシブルディスク", "光ディスク", "磁気テープ", "シー・ディー・ロム"),
}


@dataclass
class Row:
    where: str
    category: str
    before: str
    after: str
    aligned: bool
    outcome: str = ""  # amended | left for a drafter | no change (…) | not found
    problems: list[str] = field(default_factory=list)
    new_text: str = ""
    note: str = ""
    sim_before: float = 0.0
    sim_new: float = 0.0


def unit_text(raw: str) -> str:
    """The provision unit's text: the corpus writes a 後段 / ただし書 on its own indented line."""
    return "".join(line.strip() for line in raw.splitlines())


def category_of(terms: list[str]) -> str | None:
    for category, words in TERMS.items():
        if any(any(w in t for w in words) for t in terms):
            return category
    return None


def measure(row: Row, ruleset, settings) -> None:
    analysis = analyze(row.before, ruleset)
    hits = [h for h in analysis.hits if h.category == row.category]
    law = example_law(row.before)
    finding = example_finding(law, row.category, None)
    if hits and all(h.digital for h in hits):
        row.outcome = "already digital (classify)"
        return
    if hits:
        finding = finding.model_copy(update={"spans": [(h.begin, h.end) for h in hits if not h.digital]})
    else:
        row.note = "classify: " + ("excluded/not found" if not analysis.hits else "other categories only")
    proposal = propose(finding, law, settings)
    if proposal is None:
        row.outcome = "no proposal (already digital)"
        return
    row.note = (row.note + " | " if row.note else "") + proposal.note.replace("\n", " / ")
    if proposal.new_text == proposal.old_text:
        row.outcome = "left for a drafter" if "要手動起案" in proposal.note else "no change"
        return
    row.outcome = "amended"
    row.new_text = proposal.new_text
    row.problems += kept_outside(row.before, row.new_text, replaceable=replaceable_words([row.category]))
    row.problems += grammar_problems(row.before, row.new_text)
    again = analyze(row.new_text, ruleset)
    left = [h for h in again.analog_hits if h.category == row.category]
    if left:
        row.problems.append("still analog when scanned again: " + ", ".join(h.wording for h in left))
    law2 = example_law(row.new_text)
    twice = propose(example_finding(law2, row.category, None), law2, settings, defined_earlier=True)
    if twice is not None and twice.new_text != twice.old_text:
        row.problems.append("not idempotent")
    if row.after:
        row.sim_before = fuzz.ratio(row.before, row.after)
        row.sim_new = fuzz.ratio(row.new_text, row.after)


def load(path: Path, *, pairs: bool) -> list[Row]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        data = json.loads(line)
        category = category_of(data["analog_terms_before"])
        if category is None:
            continue
        where = f"{data['law_title']} {data['article']}-{data['paragraph']}" + (
            f"-{data['item']}" if data["item"] else ""
        )
        rows.append(
            Row(
                where=where,
                category=category,
                before=unit_text(data["before_2020"]),
                after=unit_text(data["after_2025"]) if pairs else "",
                aligned=not data["likely_misaligned"],
            )
        )
    return rows


def report(title: str, rows: list[Row], *, show: bool) -> None:
    print(f"\n== {title}: {len(rows)} rows")
    for category in TERMS:
        mine = [r for r in rows if r.category == category]
        if not mine:
            continue
        outcomes = Counter(r.outcome for r in mine)
        amended = [r for r in mine if r.outcome == "amended"]
        clean = [r for r in amended if not r.problems]
        print(f"  {category}: {len(mine)} rows — " + ", ".join(f"{k} {v}" for k, v in outcomes.most_common()))
        if amended:
            checks = {
                "kept (exactly)": lambda r: not any("original wording" in p for p in r.problems),
                "grammatical (verb chain, closing)": lambda r: (
                    not any(
                        ("read as before" in p or "closing" in p or "where the original had" in p or "word" in p)
                        for p in r.problems
                    )
                ),
                "digital when scanned again": lambda r: not any("still analog" in p for p in r.problems),
                "idempotent": lambda r: not any("idempotent" in p for p in r.problems),
            }
            for name, ok in checks.items():
                n = sum(1 for r in amended if ok(r))
                print(f"    {name:<36} {n}/{len(amended)}")
            print(f"    all checks                           {len(clean)}/{len(amended)}")
            with_after = [r for r in amended if r.after]
            if with_after:
                closer = sum(1 for r in with_after if r.sim_new > r.sim_before)
                mean_b = sum(r.sim_before for r in with_after) / len(with_after)
                mean_n = sum(r.sim_new for r in with_after) / len(with_after)
                print(
                    f"    similarity to the real 2025 text     2020 {mean_b:.1f} → proposal {mean_n:.1f} "
                    f"(closer in {closer}/{len(with_after)})"
                )
    if show:
        for r in rows:
            mark = "OK " if r.outcome == "amended" and not r.problems else "   "
            print(f"  {mark}[{r.category}] {r.where} {'' if r.aligned else '(misaligned) '}— {r.outcome}")
            for problem in r.problems:
                print(f"        ! {problem}")
            if r.outcome != "amended" and r.note:
                print(f"        {r.note[:160]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--list", action="store_true", help="list every row with its outcome")
    args = parser.parse_args(argv)
    if not (args.corpus / PAIRS).is_file():
        print(f"skipped: no reform pairs at {args.corpus / PAIRS}")
        return 0
    ruleset, settings = default_ruleset(), load_settings()
    started = time.perf_counter()
    pairs = load(args.corpus / PAIRS, pairs=True)
    changed = load(args.corpus / CHANGED, pairs=False) if (args.corpus / CHANGED).is_file() else []
    for row in pairs + changed:
        measure(row, ruleset, settings)
    elapsed = time.perf_counter() - started
    report("74 reform pairs, all rows", pairs, show=args.list)
    report("74 reform pairs, well aligned", [r for r in pairs if r.aligned], show=False)
    report("601 changed units", changed, show=args.list)
    failing = [r for r in pairs + changed if r.outcome == "amended" and r.problems]
    print(f"\n{len(pairs) + len(changed)} rows in {elapsed:.1f} s; {len(failing)} amended rows with a problem")
    for r in failing:
        print(f"  ! {r.where}: {'; '.join(r.problems)}")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
