"""Score the classifier on the blind set (blind-*.jsonl) the way the held-out evaluation scores records.

National records: the law's XML (../shared/corpus/national/egov-xml-2020-core) is parsed with ``parse_file`` and
classified whole with the default rules; the predicted set of a record is the union of the categories of the
findings in its paragraph and the paragraph's items. Municipal records: the record's own text, under its 例規
title, is parsed as a 横書き 例規 text and classified; the findings of its article are unioned (the block as one
article if the text reader cannot find the article). Findings marked already digital count as not predicted; a
category in ``borderline`` is neither a hit nor a false alarm. The scoring and the tables are bench/accuracy.py's
(imported, not copied), so blind and dev figures are comparable.

The labels were written and committed before this scorer existed; do not change them after seeing its output
(README.md says how a genuine labelling mistake is recorded). Usage:

    .venv/bin/python bench/blind/score.py [--verbose] [--corpus DIR] [--rules DIR]
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from accuracy import (  # noqa: E402
    DEFAULT_CORPUS,
    Scored,
    _block_law,
    _compact,
    _scored,
    load_jsonl,
    report,
    score_national,
)

from analogreg.classify import classify_law  # noqa: E402
from analogreg.errors import InputError  # noqa: E402
from analogreg.parse import parse_bytes  # noqa: E402
from analogreg.ruleset.load import Ruleset, load_ruleset  # noqa: E402

NO_HALF = "-"  # the dev set's A/B split means nothing here


def score_municipal_blocks(records: list[dict], ruleset: Ruleset) -> list[Scored]:
    """Each record's text as a one-article 横書き 例規 (title line first), findings of its article unioned."""
    out: list[Scored] = []
    for rec in records:
        unit = _article_findings(rec, ruleset)
        how = "parsed"
        if unit is None:
            unit = classify_law(_block_law(rec), ruleset, rec["doc"])
            how = "block"
        out.append(_scored(rec, "municipal", NO_HALF, unit, how))
    return out


def _article_findings(rec: dict, ruleset: Ruleset):
    text = f"{rec['title']}\n{rec['text']}"
    try:
        law = parse_bytes(text.encode("utf-8"), f"{rec['doc']}.txt").law
    except InputError:
        return None
    wanted = _compact(rec["article"])
    article = next((a for a in law.all_articles() if _compact(a.title) == wanted), None)
    if article is None:
        return None
    return [f for f in classify_law(law, ruleset, rec["doc"]) if f.part == "main" and f.article == article.num]


def wilson(hits: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval of a proportion: the per-label precision / recall are small samples."""
    if total == 0:
        return 0.0, 1.0
    p = hits / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return max(0.0, centre - half), min(1.0, centre + half)


def intervals(title: str, scored: list[Scored]) -> None:
    tp = sum(len(s.tp) for s in scored)
    fp = sum(len(s.fp) for s in scored)
    fn = sum(len(s.fn) for s in scored)
    plo, phi = wilson(tp, tp + fp)
    rlo, rhi = wilson(tp, tp + fn)
    print(f"{title}: micro precision 95% CI [{plo:.3f}, {phi:.3f}], recall 95% CI [{rlo:.3f}, {rhi:.3f}]")


def list_errors(scored: list[Scored]) -> None:
    """Every FP / FN with the record id, the categories, the labeller's note and the text (items included)."""
    print("\n== confusion (FP / FN by record) ==")
    for s in scored:
        if not (s.fp or s.fn):
            continue
        rec = s.rec
        where = rec.get("law_title") or rec.get("title")
        where += f" 第{rec['article']}条第{rec['paragraph']}項" if "paragraph" in rec else f" {rec['article']}"
        print(f"{rec['id']} [{s.source} {s.how}] {where}")
        if s.fp:
            print(f"   FP {sorted(s.fp)}  (borderline: {rec['borderline']})")
        if s.fn:
            print(f"   FN {sorted(s.fn)}")
        print(f"   label note: {rec['note']}")
        text = " ".join([rec.get("caption") or "", rec["text"], *rec.get("items", [])]).strip()
        print(f"   {text[:240]}{'…' if len(text) > 240 else ''}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="../shared/corpus (for the law XML)")
    parser.add_argument("--rules", type=Path, default=None, help="rules folder (default: the bundled rules)")
    parser.add_argument("--verbose", action="store_true", help="list every FP / FN with id, category and text")
    args = parser.parse_args(argv)
    ruleset = load_ruleset(args.rules)
    national = load_jsonl(HERE / "blind-national.jsonl")
    municipal = load_jsonl(HERE / "blind-municipal.jsonl")

    start = time.perf_counter()
    xml_dir = args.corpus / "national" / "egov-xml-2020-core"
    if xml_dir.is_dir():
        nat = score_national(national, args.corpus, ruleset, use_prefilter=True)
    else:
        print(f"national records skipped: no law XML at {xml_dir}")
        nat = []
    mun = score_municipal_blocks(municipal, ruleset)
    elapsed = time.perf_counter() - start
    print_tables("blind set", nat, mun, elapsed)
    if args.verbose:
        list_errors(nat + mun)
    return 0


def print_tables(name: str, nat: list[Scored], mun: list[Scored], elapsed: float) -> None:
    """The counts, then the per-category tables and the micro intervals of national, municipal and both."""
    how = Counter(s.how for s in mun)
    print(f"{name}: {len(nat)} national + {len(mun)} municipal records scored; {elapsed:.1f}s")
    print(f"municipal records scored from: {dict(how)} (block = the record's text built as one article)")
    sections = [("national", nat), ("municipal", mun), ("both", nat + mun)]
    for title, scored in sections:
        if scored:
            report(title, scored)
    print()
    for title, scored in sections:
        if scored:
            intervals(title, scored)


if __name__ == "__main__":
    raise SystemExit(main())
