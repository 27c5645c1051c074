"""Measure how common each prefilter word is in statute articles: the speed hint analogreg/ruleset/word_shares.json.

The prefilter decides, for each rule, which of its necessary conditions to look for first (its trigger: the rarest
one). Every condition is necessary, so the choice never changes what is found, only how fast: a rule triggered by
「もの」 is looked at in two articles of five, by 「閲覧|縦覧」 in one of a hundred. This script measures the share of
articles (as the scan's keep test reads them: the article's whole text, pretty-printing breaks removed) that hold
each word any rule's conditions can use, on every tenth law of the 2020 archive, and writes the JSON. Re-run it
after adding rules with new words (an unmeasured word counts as found everywhere, so a rule keeps its old trigger).

    .venv/bin/python bench/prefilter_shares.py [--every 10] [--cache DIR] [--write]

Without --write it prints what would change. Reads ../shared/corpus (skips cleanly when it is absent).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from scan_speed import ARCHIVE, extract  # noqa: E402

from analogreg.parse.egov import _BREAKS, _PARSER  # noqa: E402
from analogreg.ruleset import prefilter as prefilter_module  # noqa: E402
from analogreg.ruleset.load import default_ruleset  # noqa: E402

OUT = ROOT / "analogreg" / "ruleset" / "word_shares.json"


def candidate_words() -> set[str]:
    """Every word that some rule's keywords or required regexes (unit or provision level) can be triggered by."""
    return default_ruleset().prefilter.condition_words()


def article_texts(files: list[Path]) -> list[str]:
    texts = []
    for path in files:
        root = etree.fromstring(path.read_bytes(), _PARSER)
        for article in root.iter("Article"):
            texts.append(_BREAKS.sub("", etree.tostring(article, method="text", encoding="unicode")))
    return texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--every", type=int, default=10, help="measure every Nth law (default 10)")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "analogreg-bench")
    parser.add_argument("--write", action="store_true", help=f"write {OUT.relative_to(ROOT)}")
    args = parser.parse_args()
    if not ARCHIVE.exists():
        print(f"skipped: {ARCHIVE} not found (the shared corpus is not beside this checkout)")
        return 0
    started = time.perf_counter()
    files = sorted(extract(args.cache).rglob("*.xml"))[:: args.every]
    texts = article_texts(files)
    words = sorted(candidate_words())
    shares = {word: round(sum(1 for t in texts if word in t) / len(texts), 5) for word in words}
    print(f"{len(files):,} laws, {len(texts):,} articles, {len(words)} words, {time.perf_counter() - started:.0f} s")
    old = prefilter_module._word_shares() if OUT.exists() else {}
    changed = [w for w in words if old.get(w) != shares[w]]
    print(f"{len(changed)} words new or changed; the commonest:")
    for word in sorted(words, key=lambda w: -shares[w])[:15]:
        print(f"  {word:12s} {shares[word]:.3f}")
    if args.write:
        data = {
            "what": "share of statute articles holding each prefilter word (a speed hint; see analogreg/ruleset/"
            "prefilter.py _Plan)",
            "source": f"every {args.every}th law of the e-Gov 2020 archive: {len(files)} laws, {len(texts)} articles",
            "shares": shares,
        }
        OUT.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=False) + "\n", encoding="utf-8")
        print(f"written to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
