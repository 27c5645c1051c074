"""Merge the annotators' label files into sealed-national.jsonl (and an empty sealed-municipal.jsonl).

Reads the unlabelled draw (work/sample-national.jsonl, from sample.py) and every labels*.jsonl in LABELS_DIR
(one JSON object per record: id, categories, borderline, already_digital, note), checks the label syntax (known
category strings, none both positive and borderline, a note on every record, every record labelled once) and
writes the records with their labels in id order. It never reads or prints what any classifier makes of them.

    .venv/bin/python bench/blind6/merge.py LABELS_DIR
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from analogreg.categories import CATEGORIES  # noqa: E402


def main(argv: list[str], here: Path = HERE) -> int:
    """Merge into the set in ``here`` (bench/blind7 merges its labels with this same code)."""
    labels_dir = Path(argv[0])
    records = [json.loads(line) for line in (here / "work" / "sample-national.jsonl").read_text("utf-8").splitlines()]
    labels: dict[str, dict] = {}
    for path in sorted(labels_dir.glob("labels*.jsonl")):
        for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            where = f"{path.name}:{n}: {row.get('id')}"
            cats, border = row.get("categories"), row.get("borderline")
            if not isinstance(cats, list) or not isinstance(border, list):
                raise SystemExit(f"{where}: categories and borderline must be lists")
            if not set(cats) | set(border) <= set(CATEGORIES) or set(cats) & set(border):
                raise SystemExit(f"{where}: unknown category, or one both positive and borderline")
            if not isinstance(row.get("already_digital"), bool) or not str(row.get("note", "")).strip():
                raise SystemExit(f"{where}: already_digital must be a boolean and the note not empty")
            if row["id"] in labels:
                raise SystemExit(f"{where}: labelled twice")
            labels[row["id"]] = row
    missing = [r["id"] for r in records if r["id"] not in labels]
    if missing:
        raise SystemExit(f"{len(missing)} records unlabelled, first {missing[:5]}")
    with (here / "sealed-national.jsonl").open("w", encoding="utf-8") as out:
        for rec in records:
            row = labels[rec["id"]]
            merged = {**rec, **{k: row[k] for k in ("categories", "borderline", "already_digital", "note")}}
            out.write(json.dumps(merged, ensure_ascii=False) + "\n")
    (here / "sealed-municipal.jsonl").write_text("", encoding="utf-8")
    print(f"{len(records)} records merged into {here / 'sealed-national.jsonl'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
