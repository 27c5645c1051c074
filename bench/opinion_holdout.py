"""The learned second opinion on sets it never saw, beside the rules it was meant to help, as they were then.

For each pair of sealed sets measured at one rules commit (blind88–97: the last stop's five rounds), the rules of
that commit (``git archive``) are scored on the pair twice: alone, and with the second opinion of today's card
whose weights are fitted here on blind11–87 only (no record of blind88–97, nor of any later set, is read in the
fit). Printed: each pair and the ten sets pooled, micro P / R with TP / FP / FN, per category F1, and how many
categories the model added on records labelled borderline for them (neither right nor wrong in the score, but a
clause a reviewer reads for nothing).

    .venv/bin/python bench/opinion_holdout.py [--corpus DIR] [--threshold T [T …]] [--fit 11-87]
        [--round COMMIT:blindA,blindB …]

``--fit`` and ``--round`` measure another stop's pairs the same way (each round's sets must lie outside the fit
sets); several thresholds are scored on one fit, each with the same rules, so that they compare in one run.

Needs ../shared/corpus (the archive) and the git history; about 6 minutes.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from functools import partial
from pathlib import Path

import numpy as np

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))

from load_script import load_script  # noqa: E402
from train_opinion import labelled_records, record_document, set_range  # noqa: E402

from analogreg.categories import CATEGORIES  # noqa: E402
from analogreg.opinion import CARD_FILE, OPINION_DIR, WEIGHTS_FILE, fit, load_card  # noqa: E402

# (rules commit, the two sets that measured it): the last stop's five rounds, as their READMEs report them.
ROUNDS = [
    ("a4515a7", ("blind88", "blind89")),
    ("3508f40", ("blind90", "blind91")),
    ("8c0b37d", ("blind92", "blind93")),
    ("5531756", ("blind94", "blind95")),
    ("9c8e54c", ("blind96", "blind97")),
]
FIT_SETS = range(11, 88)


def rules_at(commit: str, into: Path) -> Path:
    """The rules folder of ``commit``, extracted under ``into``."""
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "rules"], check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into / "rules"


def summary(blind2, scored: list) -> str:
    """Micro P / R with TP / FP / FN, and each category's F1, from the scorer's own tally."""
    counts = blind2.tally(scored)
    tp, fp, fn, p, r, _ = counts.micro()
    cats = " ".join(f"{c} {counts.prf(counts.tp[c], counts.fp[c], counts.fn[c])[2]:.2f}" for c in CATEGORIES)
    return f"P {p:.3f} R {r:.3f} ({tp} / {fp} / {fn}) | {cats}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--threshold", type=float, nargs="+", default=None, help="override the card's threshold")
    parser.add_argument("--fit", default=f"{FIT_SETS.start}-{FIT_SETS.stop - 1}", help="blindN sets to fit on")
    parser.add_argument(
        "--round", action="append", default=None, metavar="COMMIT:SETS", help="rules commit and its sets (a,b)"
    )
    args = parser.parse_args(argv)
    fit_sets = set_range(args.fit)
    rounds = [(c, tuple(s.split(","))) for c, _, s in (r.partition(":") for r in args.round)] if args.round else ROUNDS
    for _, names in rounds:
        if overlap := [n for n in names if int(n.removeprefix("blind")) in fit_sets]:
            parser.error(f"{', '.join(overlap)} would be scored by weights fitted on it")
    sealed = load_script("sealed_sets", BENCH / "sealed_sets.py")
    blind2 = load_script("blind2_score", BENCH / "blind2" / "score.py")
    if not (args.corpus / sealed.ARCHIVE).is_file():
        print(f"skipped: no archive under {args.corpus}")
        return 0

    show = partial(summary, blind2)
    card = load_card(ROOT / "rules")
    base_text = (ROOT / "rules" / OPINION_DIR / CARD_FILE).read_text("utf-8")
    thresholds = args.threshold or [card.threshold]
    records = labelled_records(fit_sets)
    docs = [record_document(r) for r in records]
    idf, coef, intercept = fit(docs, [set(r["categories"]) for r in records], card)
    print(f"second opinion fitted on blind{args.fit}: {len(records)} paragraphs")

    variants = ["rules"] + [f"+ opinion {t:.2f}" for t in thresholds]
    pooled: dict[str, list] = {v: [] for v in variants}
    pooled_borderline = dict.fromkeys(variants, 0)
    with tempfile.TemporaryDirectory() as tmp:
        for commit, names in rounds:
            base = rules_at(commit, Path(tmp) / commit)
            # The rules of the day alone: without whatever second opinion that commit carried.
            shutil.rmtree(base / OPINION_DIR, ignore_errors=True)
            folders = {"rules": base}
            for threshold, variant in zip(thresholds, variants[1:], strict=True):
                folder = Path(tmp) / f"{commit}-opinion-{threshold}"
                shutil.copytree(base, folder)
                (folder / OPINION_DIR).mkdir()
                text = base_text.replace(f"threshold: {card.threshold}", f"threshold: {threshold}")
                (folder / OPINION_DIR / CARD_FILE).write_text(text, "utf-8")
                np.savez_compressed(folder / OPINION_DIR / WEIGHTS_FILE, idf=idf, coef=coef, intercept=intercept)
                folders[variant] = folder
            runs: dict[str, list] = {}
            for variant, folder in folders.items():
                scored: list = []
                for name in names:
                    sealed_set = sealed._BY_NAME[name]
                    nat, mun, _ = blind2.score(
                        args.corpus, folder, sealed_set.folder, sealed_set.prefixes, sealed.archive_loader
                    )
                    scored += nat + mun
                runs[variant] = scored
                pooled[variant] += scored
            print(f"\n{commit} on {'–'.join(names)}")
            for variant in variants:
                added_on_borderline = sum(
                    len((b.predicted - a.predicted) & set(b.rec["borderline"]))
                    for a, b in zip(runs["rules"], runs[variant], strict=True)
                )
                pooled_borderline[variant] += added_on_borderline
                extra = f"; added on borderline: {added_on_borderline}" if variant != "rules" else ""
                print(f"  {variant:16s}{show(runs[variant])}{extra}")
    print("\npooled (each pair at the rules of its day)")
    for variant in variants:
        extra = f"; added on borderline: {pooled_borderline[variant]}" if variant != "rules" else ""
        print(f"  {variant:16s}{show(pooled[variant])}{extra}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
