"""What the scan gives Sudachi to read, how much of it ends in a finding, and where the scan's time goes.

`scan_speed.py` shows the scan at about 4× the bare pass. This bench draws N laws of the 2020 e-Gov archive at random
(seeded), reads each as the scan does (partial reading, prefilter), and prints, against the bare pass over the same
files (lxml parse + every Sentence's text + one regex) measured in the same run:

- the CPU of parsing with the partial reading, and of classifying;
- the CPU Sudachi takes inside the classifying (timed around each call, tokens built), and the same texts tokenized
  again in a tight loop (no faster: the idea that batching the calls keeps Sudachi's dictionary in the CPU caches did
  not hold, see the speed row of docs/measurements.md);
- the characters tokenized, and the share of them in units that end with no finding (the prefilter's "waste");
- the rules to blame for that waste: a wasted unit's characters shared among the rules the prefilter left possible.

    .venv/bin/python bench/tokenized_share.py [--laws N] [--seed S] [--cache DIR] [--top K]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from scan_speed import ARCHIVE, bare_file, sample_laws  # noqa: E402

import analogreg.classify as classify  # noqa: E402
from analogreg.classify import iter_analyses  # noqa: E402
from analogreg.errors import InputError  # noqa: E402
from analogreg.parse import parse_file  # noqa: E402
from analogreg.ruleset.load import default_ruleset  # noqa: E402
from analogreg.tokenize import _chunks, _tokenizer, tokenize  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--laws", type=int, default=1000, help="laws drawn from the archive (default 1000)")
    parser.add_argument("--seed", type=int, default=20261130)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "analogreg-bench")
    parser.add_argument("--top", type=int, default=12, help="rules listed (default 12)")
    args = parser.parse_args(argv)
    if not ARCHIVE.is_file():
        print(f"archive not found at {ARCHIVE}: nothing to measure")
        return 0
    files = sample_laws(args.cache, args.laws, args.seed)
    ruleset = default_ruleset()
    prefilter = ruleset.prefilter

    # What was tokenized: the tokens of a unit cover the sentences read, end to end (Sudachi's morphemes cover
    # their input), so their lengths add up to the characters given to Sudachi.
    pieces: list[str] = []
    tokenized = wasted = units_read = units_wasted = 0
    in_scan = _time_tokenizer()
    blame: Counter[str] = Counter()
    parsing = classifying = 0.0
    for path in files:
        started = time.process_time()
        try:
            law = parse_file(path, keep=prefilter.may_match_provision).law
        except InputError:
            continue
        parsing += time.process_time() - started
        started = time.process_time()
        analyses = list(iter_analyses(law, ruleset))
        classifying += time.process_time() - started
        for unit, analysis in analyses:
            if not analysis.tokens:
                continue
            read = sum(t.end - t.begin for t in analysis.tokens)
            units_read += 1
            tokenized += read
            pieces.extend(_sentences_read(analysis))
            if not analysis.hits:
                units_wasted += 1
                wasted += read
                caption = unit.article.caption if unit.article is not None else ""
                possible = prefilter.possible_rules(unit.text, caption, None) or frozenset({"?"})
                for rule_id in possible:
                    blame[rule_id] += read / len(possible)

    bare = _cpu(lambda: [bare_file(str(path)) for path in files])
    # (a text over Sudachi's byte limit is given in the pieces tokenize() cuts it into)
    raw = _cpu(lambda: [_tokenizer().tokenize(chunk) for text in pieces for _, chunk in _chunks(text)])
    converted = _cpu(lambda: [tokenize(text) for text in pieces])
    print(f"{len(files)} laws (seed {args.seed}); bare pass {bare:.2f} s CPU")
    print(
        f"tokenized: {tokenized:,} characters in {units_read:,} units; in units with no finding: {wasted:,} "
        f"({wasted / max(tokenized, 1):.0%}) in {units_wasted:,} units"
    )
    print(
        f"the scan's own work, one process: parsing with the partial reading {parsing:.2f} s "
        f"({parsing / bare:.2f}× the bare pass), classifying {classifying:.2f} s ({classifying / bare:.2f}×), "
        "of which Sudachi below"
    )
    print(
        f"Sudachi as the scan meets these texts, tokens built: {in_scan[0]:.2f} s CPU "
        f"({in_scan[0] / bare:.2f}× the bare pass; {tokenized / max(in_scan[0], 1e-9) / 1e6:.2f} M characters/s)"
    )
    print(
        f"the same texts again in a tight loop: {raw:.2f} s tokenize only ({raw / bare:.2f}×), "
        f"{converted:.2f} s with the tokens built ({converted / bare:.2f}×)"
    )
    print(f"rules the waste is shared among (characters, top {args.top}):")
    for rule_id, chars in blame.most_common(args.top):
        print(f"  {rule_id:32} {chars:>10,.0f}  {chars / max(wasted, 1):.1%}")
    return 0


def _time_tokenizer() -> list[float]:
    """Wrap the classifier's tokenizer call so that its CPU time adds up in the returned one-item list."""
    spent = [0.0]
    original = classify.tokenize_provision

    def timed(text: str, offset: int = 0):
        started = time.process_time()
        try:
            return original(text, offset)
        finally:
            spent[0] += time.process_time() - started

    classify.tokenize_provision = timed
    return spent


def _sentences_read(analysis) -> list[str]:
    """The texts Sudachi was given for a unit, rebuilt from its tokens (one piece per run of adjacent tokens)."""
    out: list[str] = []
    start = end = None
    for token in analysis.tokens:
        if start is None or token.begin != end:
            if start is not None:
                out.append(analysis.text[start:end])
            start = token.begin
        end = token.end
    if start is not None:
        out.append(analysis.text[start:end])
    return out


def _cpu(work) -> float:
    """CPU seconds of ``work``, best of two runs (the second finds the files and the dictionary in memory)."""
    best = float("inf")
    for _ in range(2):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


if __name__ == "__main__":
    raise SystemExit(main())
