"""Draw the third sealed evaluation sample: real provisions outside dev, bench/blind and bench/blind2.

bench/blind and bench/blind2 have become development data, so a fresh held-out sample is drawn the same way:
bench/blind2/sample.py is imported (and through it bench/blind/sample.py's keyword net — deliberately NOT the
project's rules — its unit extraction, its stratified draw and per-law caps); only the seed, the exclusions, the
ids and the record order differ.

Excluded: every dev record (../shared/corpus/labels), every bench/blind record and every bench/blind2 record —
national by (file, article, paragraph); municipal by (doc, article) and by (doc, block).

Record order: the stratified draw takes rarest families first, so its raw order is not random. After the draw the
chosen records are shuffled once more with the same seeded generator and numbered in that order (U0000…,
V0000…). Labelling follows the id order, so any prefix of a file is a uniformly random subset of the stratified
sample. Writes unlabelled records to work/ (not committed); the labelled records are sealed-national.jsonl /
sealed-municipal.jsonl. Deterministic. Usage:

    .venv/bin/python bench/blind3/sample.py [--corpus DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BLIND2 = ROOT / "bench" / "blind2"

# Different from bench/blind's 20240611 and bench/blind2's 20250923.
SEED = 20261128


sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/, for load_script
from load_script import load_script  # noqa: E402

blind2 = load_script("blind2_sample", BLIND2 / "sample.py")
blind = blind2.blind


def excluded_keys(corpus: Path, sealed: tuple[Path, ...] = (BLIND2,)) -> tuple[set[tuple], set[tuple], set[tuple]]:
    """dev + bench/blind keys (from bench/blind2) plus the records of each ``sealed`` set folder."""
    nat, mun_article, mun_block = blind2.excluded_keys(corpus)
    for folder in sealed:
        for r in blind2._jsonl(folder / "sealed-national.jsonl"):
            nat.add((r["file"], r["article"], r["paragraph"]))
        for r in blind2._jsonl(folder / "sealed-municipal.jsonl"):
            mun_article.add((r["doc"], r["article"]))
            mun_block.add((r["doc"], r["block"]))
    return nat, mun_article, mun_block


def write_in_order(path: Path, prefix: str, chosen: list) -> None:
    """Records numbered in the given (shuffled) order, so the id order is the labelling order."""
    with path.open("w", encoding="utf-8") as fh:
        for n, cand in enumerate(chosen):
            record = {**cand.record, "id": f"{prefix}{n:04d}", "families": sorted(cand.families)}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def main(
    argv: list[str] | None = None,
    *,
    here: Path = HERE,
    seed: int = SEED,
    sealed: tuple[Path, ...] = (BLIND2,),
    prefixes: tuple[str, str] = ("U", "V"),
    totals: tuple[int | None, int | None] = (None, None),
    description: str = __doc__.splitlines()[0],
    national_candidates: Callable | None = None,
) -> int:
    """Draw a sealed set's sample into ``here``/work: the command line of this script and of later sets'.

    ``sealed`` lists the earlier sets whose records are excluded; ``totals`` caps the national / municipal draw
    (None: the sum of bench/blind's quotas); ``national_candidates`` replaces the core laws' candidates (the pool)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--corpus", type=Path, default=blind.DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=here / "work")
    args = parser.parse_args(argv)
    if not (args.corpus / "labels").is_dir():
        print(f"corpus not found at {args.corpus}: nothing to sample", file=sys.stderr)
        return 0
    families, concept = blind.compile_net(args.corpus)
    args.out.mkdir(parents=True, exist_ok=True)
    nat_ex, mun_ex_article, mun_ex_block = excluded_keys(args.corpus, sealed)

    pool = national_candidates or blind.national_candidates
    nat = [c for c in pool(args.corpus, families, concept) if c.key not in nat_ex]
    mun = [
        c
        for c in blind.municipal_candidates(args.corpus, families, concept)
        if c.key not in mun_ex_article and (c.group, c.record["block"]) not in mun_ex_block
    ]
    for name, cands in (("national", nat), ("municipal", mun)):
        counts = Counter(f for c in cands for f in c.families)
        print(f"{name}: {len(cands)} candidates; per family: {dict(sorted(counts.items()))}")

    rng = random.Random(seed)
    quota_nat, quota_mun = blind.QUOTA_NATIONAL, blind.QUOTA_MUNICIPAL
    total_nat = totals[0] if totals[0] is not None else sum(quota_nat.values())
    total_mun = totals[1] if totals[1] is not None else sum(quota_mun.values())
    nat_chosen = blind.draw(nat, quota_nat, total_nat, blind.CAP_PER_LAW, rng)
    mun_chosen = blind.draw(mun, quota_mun, total_mun, blind.CAP_PER_REIKI, rng)
    # a random labelling order, so a labelled prefix is a random subset of the stratified sample
    rng.shuffle(nat_chosen)
    rng.shuffle(mun_chosen)
    write_in_order(args.out / "sample-national.jsonl", prefixes[0], nat_chosen)
    write_in_order(args.out / "sample-municipal.jsonl", prefixes[1], mun_chosen)
    blind.print_draw(nat_chosen, mun_chosen)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
