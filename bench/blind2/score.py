"""Score the classifier on the SEALED second blind set (sealed-*.jsonl): aggregate figures only.

SEALED: rules engineers must not run this until the final measurement (see README.md). The scoring is
bench/blind/score.py's, imported and pointed at this folder's files — national records from the parsed law XML
(../shared/corpus/national/egov-xml-2020-core; skipped with a message when absent), paragraph + items unioned;
municipal records from their own text parsed as a 横書き 例規; already-digital findings count as not predicted;
borderline categories are neither hits nor false alarms. Tables come from bench/accuracy.py, so the figures are
comparable with the dev set's and bench/blind's.

Deliberately there is no per-record output (no FP / FN list): it would reveal the sealed labels. The labels were
committed (505ec2b) before this scorer existed; never change them after seeing its output. Usage:

    .venv/bin/python bench/blind2/score.py [--totals-only] [--corpus DIR] [--rules DIR]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BLIND = ROOT / "bench" / "blind"


sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/, for load_script
from load_script import load_script  # noqa: E402

blind = load_script("blind_score", BLIND / "score.py")

from accuracy import Tally  # noqa: E402  (importable once bench/blind/score.py has set sys.path)

from analogreg.categories import CATEGORIES  # noqa: E402
from analogreg.model import Law  # noqa: E402
from analogreg.ruleset.load import load_ruleset  # noqa: E402

FILES = {"national": HERE / "sealed-national.jsonl", "municipal": HERE / "sealed-municipal.jsonl"}


def label_problem(rec: dict) -> str | None:
    """What is wrong with a record's label fields (never the labels themselves), or None. The sealed sets' merge
    scripts check the annotators' files with it too."""
    cats, border = rec.get("categories"), rec.get("borderline")
    if not isinstance(cats, list) or not isinstance(border, list) or not isinstance(rec.get("already_digital"), bool):
        return "categories / borderline must be lists and already_digital a boolean"
    if not set(cats) | set(border) <= set(CATEGORIES) or set(cats) & set(border):
        return "unknown category, or one both positive and borderline"
    return None


def load_checked(path: Path, prefix: str) -> list[dict]:
    """The sealed records, refusing a damaged file with one line (file and id), never printing any label."""
    records = blind.load_jsonl(path)
    for n, rec in enumerate(records):
        where = f"{path.name}: record {rec.get('id', n)}"
        if rec.get("id") != f"{prefix}{n:04d}":
            raise SystemExit(f"{where}: ids must run {prefix}0000, {prefix}0001, … in file order")
        if problem := label_problem(rec):
            raise SystemExit(f"{where}: {problem}")
    return records


def score(
    corpus: Path,
    rules: Path | None,
    folder: Path = HERE,
    prefixes: tuple[str, str] = ("S", "T"),
    law_loader: Callable[[Path, list[dict]], Callable[[str], Law] | None] | None = None,
) -> tuple[list, list, float]:
    """Scored national and municipal records of a sealed set (``folder``'s sealed-*.jsonl, ids starting with
    ``prefixes``) and the wall time; national is empty without the law XML. Later sets reuse it.

    ``law_loader(corpus, records)`` gives the records' laws when they are not core laws (None: laws not found)."""
    ruleset = load_ruleset(rules)
    national = load_checked(folder / FILES["national"].name, prefixes[0])
    municipal = load_checked(folder / FILES["municipal"].name, prefixes[1])
    start = time.perf_counter()
    xml_dir = corpus / "national" / "egov-xml-2020-core"
    load_law = law_loader(corpus, national) if law_loader else None
    if law_loader and load_law is None:
        print(f"national records skipped: no law archive under {corpus}")
        nat = []
    elif law_loader or xml_dir.is_dir():
        nat = blind.score_national(national, corpus, ruleset, use_prefilter=True, load_law=load_law)
    else:
        print(f"national records skipped: no law XML at {xml_dir}")
        nat = []
    mun = blind.score_municipal_blocks(municipal, ruleset)
    return nat, mun, time.perf_counter() - start


def tally(scored: list) -> Tally:
    out = Tally()
    for s in scored:
        out.add(s)
    return out


def totals_line(title: str, scored: list) -> str:
    tp, fp, fn, p, r, f = tally(scored).micro()
    return f"{title} ({len(scored)} records): micro TP {tp} FP {fp} FN {fn}  P {p:.3f}  R {r:.3f}  F1 {f:.3f}"


def category_intervals(title: str, scored: list) -> None:
    """95% Wilson intervals per category: each rests on a handful of labels, so show how wide they are."""
    t = tally(scored)
    print(f"\n== {title}: 95% Wilson intervals per category ==")
    print(f"{'category':<14}{'labels':>7}{'precision CI':>18}{'recall CI':>18}")
    for cat in CATEGORIES:
        tp, fp, fn = t.tp[cat], t.fp[cat], t.fn[cat]
        plo, phi = blind.wilson(tp, tp + fp)
        rlo, rhi = blind.wilson(tp, tp + fn)
        print(f"{cat:<14}{tp + fn:>7}   [{plo:.3f}, {phi:.3f}]   [{rlo:.3f}, {rhi:.3f}]")


def main(
    argv: list[str] | None = None,
    folder: Path = HERE,
    prefixes: tuple[str, str] = ("S", "T"),
    description: str = __doc__.splitlines()[0],
    law_loader: Callable | None = None,
) -> int:
    """The command line of every sealed set's score.py: aggregate figures only (see the module docstring)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--corpus", type=Path, default=blind.DEFAULT_CORPUS, help="../shared/corpus (law XML)")
    parser.add_argument("--rules", type=Path, default=None, help="rules folder (default: the bundled rules)")
    parser.add_argument("--totals-only", action="store_true", help="print only the micro totals of both parts")
    args = parser.parse_args(argv)

    nat, mun, elapsed = score(args.corpus, args.rules, folder, prefixes, law_loader)
    both = nat + mun
    if args.totals_only:
        print(totals_line("sealed set", both))
        return 0

    blind.print_tables("sealed set", nat, mun, elapsed)
    if both:
        category_intervals("both", both)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
