"""Two-fold report over the 1,000 labelled records (dev set + bench/blind), split by law / 例規 with a fixed seed.

Rules are tuned looking at fold 1's errors only; fold 2 is read as a score, never record by record, until the
last round (``--errors 2`` exists for that final look and says so). Splitting by law / 例規 (not by record) keeps
the paragraphs of one statute — which share wording and drafting habits — on one side, so fold 2 measures how
rules written for other statutes carry over.

Scoring is bench/accuracy.py's (dev) and bench/blind/score.py's (blind): national records from the parsed law XML
(paragraph + items unioned), dev municipal records from the whole 例規 text, blind municipal records from their
own text. Each national law is parsed and classified once for both sets.

    .venv/bin/python bench/folds.py                      # tables: fold 1, fold 2, dev, blind, all
    .venv/bin/python bench/folds.py --errors 1           # fold 1's FP / FN with the labeller's note
    .venv/bin/python bench/folds.py --save run.json      # per-record predictions, to compare two rule versions
    .venv/bin/python bench/folds.py --diff run.json      # fold 1 records whose prediction changed since run.json

The bench/blind2 set is sealed and never read here.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "bench" / "blind"))

from accuracy import DEFAULT_CORPUS, Scored, load_jsonl, report, score_municipal, score_national  # noqa: E402
from score import score_municipal_blocks, wilson  # noqa: E402

from analogreg.ruleset.load import load_ruleset  # noqa: E402

SEED = "analogreg-folds-2024"
BLIND = ROOT / "bench" / "blind"


def group_key(rec: dict) -> str:
    """The statute a record belongs to: the law's XML file, or the 例規's id."""
    return f"national:{rec['file']}" if "file" in rec else f"municipal:{rec['doc']}"


def fold_of(rec: dict) -> int:
    digest = hashlib.sha256(f"{SEED}|{group_key(rec)}".encode()).hexdigest()
    return 1 + int(digest, 16) % 2


def score_all(corpus: Path, rules: Path | None) -> list[Scored]:
    ruleset = load_ruleset(rules)
    labels = corpus / "labels"
    dev_nat = load_jsonl(labels / "dev-national.jsonl")
    dev_mun = load_jsonl(labels / "dev-municipal.jsonl")
    blind_nat = load_jsonl(BLIND / "blind-national.jsonl")
    blind_mun = load_jsonl(BLIND / "blind-municipal.jsonl")
    return (
        score_national(dev_nat + blind_nat, corpus, ruleset, use_prefilter=True)
        + score_municipal(dev_mun, corpus, ruleset, use_prefilter=True)
        + score_municipal_blocks(blind_mun, ruleset)
    )


def is_blind(s: Scored) -> bool:
    return s.rec["id"][0] in "BC"


def show_error(s: Scored) -> None:
    rec = s.rec
    where = rec.get("law_title") or rec.get("title")
    where += f" 第{rec['article']}条第{rec['paragraph']}項" if "paragraph" in rec else f" {rec['article']}"
    print(f"{rec['id']} [{s.source}] {where}")
    if s.fp:
        print(f"   FP {sorted(s.fp)}  (borderline: {rec['borderline']})")
    if s.fn:
        print(f"   FN {sorted(s.fn)}  (borderline: {rec['borderline']})")
    if rec.get("note"):
        print(f"   label note: {rec['note']}")
    text = " ".join([rec.get("caption") or "", rec["text"], *rec.get("items", [])]).strip()
    print(f"   {text[:400]}{'…' if len(text) > 400 else ''}")


def snapshot(scored: list[Scored]) -> dict[str, dict]:
    return {s.rec["id"]: {"predicted": sorted(s.predicted), "digital": s.digital} for s in scored}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--rules", type=Path, default=None)
    parser.add_argument("--errors", type=int, choices=(1, 2), help="list the FP / FN of this fold")
    parser.add_argument("--save", type=Path, help="write per-record predictions (JSON)")
    parser.add_argument("--diff", type=Path, help="fold 1 records whose prediction changed since this file")
    args = parser.parse_args(argv)
    if not (args.corpus / "labels").is_dir() or not (args.corpus / "national").is_dir():
        print(f"skipped: no corpus at {args.corpus}")
        return 0
    start = time.perf_counter()
    scored = score_all(args.corpus, args.rules)
    elapsed = time.perf_counter() - start
    folds = {1: [s for s in scored if fold_of(s.rec) == 1], 2: [s for s in scored if fold_of(s.rec) == 2]}
    groups = {f: len({group_key(s.rec) for s in folds[f]}) for f in folds}
    print(f"{len(scored)} records scored in {elapsed:.1f}s; seed {SEED!r}")
    for f in (1, 2):
        positives = sum(len(s.rec["categories"]) for s in folds[f])
        print(f"fold {f}: {len(folds[f])} records from {groups[f]} laws / 例規, {positives} positive labels")
    sections = [
        ("fold 1 (tuned on)", folds[1]),
        ("fold 2 (score only)", folds[2]),
        ("dev set (550)", [s for s in scored if not is_blind(s)]),
        ("blind set (450)", [s for s in scored if is_blind(s)]),
        ("all (1,000)", scored),
    ]
    for title, part in sections:
        report(title, part)
    print()
    for title, part in sections:
        tp = sum(len(s.tp) for s in part)
        fp = sum(len(s.fp) for s in part)
        fn = sum(len(s.fn) for s in part)
        plo, phi = wilson(tp, tp + fp)
        rlo, rhi = wilson(tp, tp + fn)
        print(f"{title}: precision 95% CI [{plo:.3f}, {phi:.3f}], recall 95% CI [{rlo:.3f}, {rhi:.3f}]")
    if args.errors:
        if args.errors == 2:
            print("\n(fold 2's errors: for the final look only)")
        print(f"\n== fold {args.errors}: FP / FN by record ==")
        for s in folds[args.errors]:
            if s.fp or s.fn:
                show_error(s)
    if args.diff:
        before = json.loads(args.diff.read_text(encoding="utf-8"))
        print(f"\n== fold 1 records whose prediction changed since {args.diff} ==")
        hidden = 0
        for s in scored:
            old = before.get(s.rec["id"])
            if old is None or (old["predicted"], old["digital"]) == (sorted(s.predicted), s.digital):
                continue
            if fold_of(s.rec) != 1:
                hidden += 1
                continue
            print(f"{s.rec['id']}: {old['predicted']} → {sorted(s.predicted)}  labels {s.rec['categories']}")
            show_error(s) if (s.fp or s.fn) else None
        print(f"({hidden} fold 2 records changed too; not shown)")
    if args.save:
        args.save.write_text(json.dumps(snapshot(scored), ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
