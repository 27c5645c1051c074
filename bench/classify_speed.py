"""Classify time on the 155 core laws, and the share of provision units the prefilter lets through to Sudachi.

Every new prefilter keyword costs tokenizing more units; this measures what a rule change costs. The laws are
parsed once (parse time not counted); then each rules folder given is loaded and every law classified, single
process, in the same run, so figures compare on this noisy machine. ``--repeat`` takes the best of N runs.

    .venv/bin/python bench/classify_speed.py [--rules DIR] [--base DIR] [--repeat 2]

``--base`` is another rules folder (e.g. an older rules/ exported with ``git archive``) measured the same way.
Reads ../shared/corpus (skips cleanly when it is absent).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analogreg.classify import _ancestor_texts, classify_law  # noqa: E402
from analogreg.model import Law  # noqa: E402
from analogreg.parse import parse_file  # noqa: E402
from analogreg.ruleset.load import load_ruleset  # noqa: E402
from analogreg.tokenize import tokenize  # noqa: E402

CORE = ROOT.parent / "shared" / "corpus" / "national" / "egov-xml-2020-core"


def measure(laws: list[Law], rules: Path | None, repeat: int) -> dict[str, float]:
    ruleset = load_ruleset(rules)
    units = passing = chars = passing_chars = 0
    for law in laws:
        ancestors = _ancestor_texts(law)
        for unit in law.units():
            units += 1
            chars += len(unit.text)
            caption = unit.article.caption if unit.article is not None else ""
            # what classify asks the prefilter: the unit with its 見出し and the text holding it
            if ruleset.prefilter.possible_rules(unit.text, caption, ancestors.get(id(unit.node), "")):
                passing += 1
                passing_chars += len(unit.text)
    best = float("inf")
    findings = 0
    for _ in range(repeat):
        start = time.perf_counter()
        findings = sum(len(classify_law(law, ruleset, law.source)) for law in laws)
        best = min(best, time.perf_counter() - start)
    return {
        "seconds": best,
        "units": units,
        "passing": passing,
        "share": passing / units,
        "char_share": passing_chars / chars,
        "findings": findings,
        "rules": len(ruleset.rules),
        "keywords": len({w for ws in ruleset.prefilter.keywords.values() for w in ws}),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=Path, default=None, help="rules folder (default: the bundled rules)")
    parser.add_argument("--base", type=Path, default=None, help="a second rules folder to compare with")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--core", type=Path, default=CORE, help="folder of law XML (default: the 155 core laws)")
    args = parser.parse_args(argv)
    if not args.core.is_dir():
        print(f"skipped: no core laws at {args.core}")
        return 0
    files = sorted(args.core.rglob("*.xml"))
    start = time.perf_counter()
    laws = [parse_file(p).law for p in files]
    print(f"{len(laws)} laws parsed in {time.perf_counter() - start:.1f}s (not counted)")
    tokenize("辞書を読み込む。")  # load Sudachi before timing
    runs = [("base", args.base)] if args.base else []
    runs.append(("rules", args.rules))
    for name, rules in runs:
        m = measure(laws, rules, args.repeat)
        print(
            f"{name:>5} {rules or 'rules/'!s:<24} classify {m['seconds']:6.1f}s (best of {args.repeat})  "
            f"units {m['units']}  through prefilter {m['passing']} ({m['share']:.1%} of units, "
            f"{m['char_share']:.1%} of text)  findings {m['findings']}  rules {m['rules']}  "
            f"keywords {m['keywords']}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
