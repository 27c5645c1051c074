"""The keyword prefilter and the scan's partial reading lose nothing, on laws no rule was written from.

The tests prove it on the dev records and the bundled ordinances; a rule whose own ``keywords`` miss a word its
pattern can match (jochu.mihari once lacked 監視者) only shows on text its author did not think of. This bench
draws N laws of the 2020 e-Gov archive at random (seeded) and classifies each three ways:

- whole Law, every unit tokenized (no prefilter): the reference;
- whole Law with the prefilter (what `analogreg amend` / review see);
- partial Law as the scan builds it (``keep=Prefilter.may_match_provision``) with the prefilter.

Every finding of the reference must come out of the other two, identical (and nothing else). Prints the counts and
each difference with its law, label and rule. The reference tokenizes everything, so it is slow (~1 s a law).

    .venv/bin/python bench/prefilter_lossless.py [--laws N] [--seed S] [--cache DIR] [--rules DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from scan_speed import ARCHIVE, sample_laws  # noqa: E402

from analogreg.classify import classify_law  # noqa: E402
from analogreg.errors import InputError  # noqa: E402
from analogreg.parse import parse_file  # noqa: E402
from analogreg.ruleset.load import load_ruleset  # noqa: E402


def signatures(findings) -> list[tuple]:
    return [(f.label, tuple(f.rules), tuple(f.categories), tuple(map(tuple, f.spans)), f.text) for f in findings]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--laws", type=int, default=300, help="laws drawn from the archive (default 300)")
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "analogreg-bench")
    parser.add_argument("--rules", type=Path, default=None, help="rules folder (default: the bundled rules)")
    args = parser.parse_args(argv)
    if not ARCHIVE.is_file():
        print(f"archive not found at {ARCHIVE}: nothing to check")
        return 0
    files = sample_laws(args.cache, args.laws, args.seed)
    ruleset = load_ruleset(args.rules)
    reference_total = differences = failed = 0
    started = time.perf_counter()
    for path in files:
        try:
            whole = parse_file(path).law
            partial = parse_file(path, keep=ruleset.prefilter.may_match_provision).law
        except InputError as err:
            failed += 1
            print(f"skipped: {err}")
            continue
        reference = signatures(classify_law(whole, ruleset, path.name, use_prefilter=False))
        reference_total += len(reference)
        for name, law in (("prefilter", whole), ("scan (partial reading)", partial)):
            got = signatures(classify_law(law, ruleset, path.name))
            if got != reference:
                for lost in sorted(set(reference) - set(got)):
                    differences += 1
                    print(f"LOST by the {name}: {whole.title} {lost[0]} {list(lost[1])}")
                for extra in sorted(set(got) - set(reference)):
                    differences += 1
                    print(f"EXTRA from the {name}: {whole.title} {extra[0]} {list(extra[1])}")
    checked = len(files) - failed
    print(
        f"{checked} laws (seed {args.seed}), {reference_total:,} findings without the prefilter; "
        f"{differences} differences with it or with the partial reading; {time.perf_counter() - started:.0f} s"
    )
    return 1 if differences else 0


if __name__ == "__main__":
    raise SystemExit(main())
