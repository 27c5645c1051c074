"""Round trip of the 改め文 generator and the independent applier on real reform pairs, and parser coverage.

For every real provision pair (2020 text → 2025 text of the digital reform, from ../shared/corpus/amendments):
generate the 改め文 for before → after, apply it with the applier, and count how many reproduce the 2025 text
exactly. Also measures how much of the real e-Gov 改め文 (AmendProvision sentences) the applier's parser reads,
and the drafting time per provision against a baseline measured in the same run (tokenizing both texts, the
floor cost of any token-aware drafting).

    .venv/bin/python bench/aratame_roundtrip.py [--corpus ../shared/corpus] [--show N]

Skips cleanly (exit 0) when the shared corpus is absent.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from analogreg.draft import verify
from analogreg.draft.apply import ApplyError, apply_aratame
from analogreg.draft.aratame import DraftFailure, generate
from analogreg.numbering import ordinal_title
from analogreg.tokenize import tokenize

PAIR_FILES = (
    "acts_2020_vs_2025_analog_to_digital_pairs.jsonl",
    "acts_2020_vs_2025_analog_term_units_changed.jsonl",
)
SENTENCES = "egov_amend_provision_sentences.jsonl"
# The 2020 files are pretty-printed XML: a newline plus indentation sits where two sentences meet.
_LAYOUT = re.compile(r"\n[ \t\u3000]*")


def _label(row: dict) -> str:
    label = ordinal_title(row["article"], "条", "kanji")
    if row["paragraph"]:
        label += ordinal_title(row["paragraph"], "項", "kanji")
    if row["item"]:
        label += ordinal_title(row["item"], "号", "kanji")
    return label


def round_trip(path: Path, show: int) -> dict:
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    outcome: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    examples: list[str] = []
    draft_seconds = 0.0
    baseline_seconds = 0.0
    for row in rows:
        old = _LAYOUT.sub("", row["before_2020"])
        new = _LAYOUT.sub("", row["after_2025"])
        if old == new:
            outcome["unchanged"] += 1
            continue
        label = _label(row)
        started = time.perf_counter()
        tokenize(old)
        tokenize(new)
        baseline_seconds += time.perf_counter() - started
        started = time.perf_counter()
        try:
            aratame = generate(label, old, new, {}, "kanji")
        except DraftFailure as err:
            draft_seconds += time.perf_counter() - started
            outcome["no 改め文"] += 1
            reasons[str(err)[:40]] += 1
            continue
        reason = verify(aratame, {label: old}, {label: new})
        draft_seconds += time.perf_counter() - started
        if reason is None:
            outcome["verified"] += 1
            if len(examples) < show:
                examples.append(f"{row['law_title']} {aratame}")
        else:
            outcome["failed"] += 1
            reasons[reason[:60]] += 1
            print(f"FAILED {row['law_title']} {label}: {reason}\n  {aratame}", file=sys.stderr)
    drafted = outcome["verified"] + outcome["failed"] + outcome["no 改め文"]
    return {
        "file": path.name,
        "rows": len(rows),
        "changed": drafted,
        "outcome": dict(outcome),
        "reasons": dict(reasons),
        "draft_ms_per_provision": 1000 * draft_seconds / max(drafted, 1),
        "baseline_tokenize_ms_per_provision": 1000 * baseline_seconds / max(drafted, 1),
        "examples": examples,
    }


def parse_coverage(path: Path) -> dict:
    """How many real text-change sentences the applier reads (parse only: their old texts are not in the corpus).

    A sentence is read when the applier gets past the whole of it and only fails at finding its location in an
    empty provision map ("改正箇所が見つかりません"); any other refusal means the wording was not understood.
    """
    total = 0
    read = 0
    refused: Counter[str] = Counter()
    for line in path.open(encoding="utf-8"):
        sentence = json.loads(line)["amend_sentence"].strip()
        if "中「" not in sentence or "次のように" in sentence or "次の" in sentence.split("中「")[0]:
            continue  # structural sentences (articles, items added or moved) are out of scope
        total += 1
        try:
            apply_aratame(sentence, {})
        except ApplyError as err:
            if err.reason.startswith("改正箇所が見つかりません"):
                read += 1
            else:
                refused[re.sub(r"[:：].*", "", err.reason)[:30]] += 1
    return {"text_change_sentences": total, "read": read, "refused": dict(refused.most_common(8))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus")
    parser.add_argument("--show", type=int, default=5, help="print this many verified 改め文 per file")
    args = parser.parse_args()
    amendments = args.corpus / "amendments"
    if not amendments.is_dir():
        print(f"skipped: {amendments} not found")
        return 0
    for name in PAIR_FILES:
        result = round_trip(amendments / name, args.show)
        print(json.dumps(result, ensure_ascii=False, indent=1))
    print(json.dumps(parse_coverage(amendments / SENTENCES), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
