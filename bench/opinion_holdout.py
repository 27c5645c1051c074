"""The learned second opinion on sets it never saw, beside the rules it was meant to help, as they were then.

For each pair of sealed sets measured at one rules commit (blind88–97: the last stop's five rounds), the rules of
that commit (``git archive``) are scored on the pair twice: alone, and with the second opinion of today's card
whose weights are fitted here on blind11–87 only (no record of blind88–97, nor of any later set, is read in the
fit). Printed: each pair and the ten sets pooled, micro P / R with TP / FP / FN, per category F1, and how many
categories the model added on records labelled borderline for them (neither right nor wrong in the score, but a
clause a reviewer reads for nothing).

    .venv/bin/python bench/opinion_holdout.py [--corpus DIR] [--threshold T]

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
from train_opinion import labelled_records, record_document  # noqa: E402

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
    parser.add_argument("--threshold", type=float, default=None, help="override the card's threshold")
    args = parser.parse_args(argv)
    sealed = load_script("sealed_sets", BENCH / "sealed_sets.py")
    blind2 = load_script("blind2_score", BENCH / "blind2" / "score.py")
    if not (args.corpus / sealed.ARCHIVE).is_file():
        print(f"skipped: no archive under {args.corpus}")
        return 0

    show = partial(summary, blind2)
    card = load_card(ROOT / "rules")
    card_text = (ROOT / "rules" / OPINION_DIR / CARD_FILE).read_text("utf-8")
    if args.threshold is not None:
        card_text = card_text.replace(f"threshold: {card.threshold}", f"threshold: {args.threshold}")
    records = labelled_records(list(FIT_SETS))
    docs = [record_document(r) for r in records]
    idf, coef, intercept = fit(docs, [set(r["categories"]) for r in records], card)
    print(f"second opinion fitted on blind{FIT_SETS.start}–{FIT_SETS.stop - 1}: {len(records)} paragraphs")

    pooled: dict[str, list] = {"rules": [], "rules+opinion": []}
    pooled_borderline = 0
    with tempfile.TemporaryDirectory() as tmp:
        for commit, names in ROUNDS:
            base = rules_at(commit, Path(tmp) / commit)
            with_opinion = Path(tmp) / f"{commit}-opinion"
            shutil.copytree(base, with_opinion)
            (with_opinion / OPINION_DIR).mkdir()
            (with_opinion / OPINION_DIR / CARD_FILE).write_text(card_text, "utf-8")
            np.savez_compressed(with_opinion / OPINION_DIR / WEIGHTS_FILE, idf=idf, coef=coef, intercept=intercept)
            runs: dict[str, list] = {}
            for label, folder in (("rules", base), ("rules+opinion", with_opinion)):
                scored: list = []
                for name in names:
                    sealed_set = sealed._BY_NAME[name]
                    nat, mun, _ = blind2.score(
                        args.corpus, folder, sealed_set.folder, sealed_set.prefixes, sealed.archive_loader
                    )
                    scored += nat + mun
                runs[label] = scored
                pooled[label] += scored
            added_on_borderline = sum(
                len((b.predicted - a.predicted) & set(b.rec["borderline"]))
                for a, b in zip(runs["rules"], runs["rules+opinion"], strict=True)
            )
            pooled_borderline += added_on_borderline
            print(f"\n{commit} on {'–'.join(names)}")
            print(f"  rules alone     {show(runs['rules'])}")
            print(f"  + opinion       {show(runs['rules+opinion'])}; added on borderline: {added_on_borderline}")
    print("\nblind88–97 pooled (each pair at the rules of its day)")
    print(f"  rules alone     {show(pooled['rules'])}")
    print(f"  + opinion       {show(pooled['rules+opinion'])}; added on borderline: {pooled_borderline}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
