"""Fit the learned second opinion's weights (rules/opinion/model.npz) on the hand-labelled archive paragraphs.

    .venv/bin/python bench/train_opinion.py [--sets 11-107] [--out rules/opinion/model.npz] [--rules rules]

Reads bench/blindN/sealed-national.jsonl for N in --sets (every record labelled; the archive's paragraphs with
their items and 見出し), builds each paragraph's document as the classifier will (analogreg.opinion.document),
fits one logistic regression per category (a borderline label counts as absent) and writes the weights.
The card (rules/opinion/opinion.yaml) gives the feature space; this script never reads a sealed set outside
--sets. Deterministic: the same sets give the same weights.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analogreg.opinion import OPINION_DIR, WEIGHTS_FILE, document, fit, load_card  # noqa: E402
from analogreg.ruleset.yamlload import DataFileError  # noqa: E402


def set_range(text: str) -> list[int]:
    first, _, last = text.partition("-")
    return list(range(int(first), int(last or first) + 1))


def labelled_records(sets: list[int]) -> list[dict]:
    records: list[dict] = []
    for n in sets:
        path = ROOT / "bench" / f"blind{n}" / "sealed-national.jsonl"
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                records.append(json.loads(line))
    return records


def record_document(record: dict) -> str:
    """What the second opinion reads for a labelled record (the 見出し, the paragraph, its items)."""
    return document(record.get("caption") or "", record["text"], record.get("items", []))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="11-107", help="range of bench/blindN sets to fit on (default %(default)s)")
    parser.add_argument("--rules", type=Path, default=ROOT / "rules", help="rules folder holding opinion/")
    parser.add_argument("--out", type=Path, default=None, help="weights file (default: RULES/opinion/model.npz)")
    args = parser.parse_args(argv)
    try:
        card = load_card(args.rules)
    except DataFileError as err:
        print(err, file=sys.stderr)
        return 1
    records = labelled_records(set_range(args.sets))
    docs = [record_document(r) for r in records]
    labels = [set(r["categories"]) for r in records]
    started = time.perf_counter()
    idf, coef, intercept = fit(docs, labels, card)
    out = args.out or args.rules / OPINION_DIR / WEIGHTS_FILE
    np.savez_compressed(out, idf=idf, coef=coef, intercept=intercept)
    positives = sum(len(x) for x in labels)
    print(
        f"fitted on {len(records)} paragraphs ({positives} positive labels) of bench/blind{args.sets} "
        f"in {time.perf_counter() - started:.1f} s → {out} ({out.stat().st_size / 1e6:.1f} MB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
