"""Draw the fourth sealed evaluation sample: real provisions outside dev, bench/blind, bench/blind2 and blind3.

bench/blind3 has been measured and unsealed, so a fresh held-out sample is drawn the same way: bench/blind3/sample.py
is imported (and through it bench/blind2's and bench/blind's samplers: the keyword net — deliberately NOT the
project's rules — the unit extraction, the stratified draw and the per-law caps); only the seed, the exclusions,
the sizes (350 national paragraphs, 100 三郷市 article blocks), the ids and the record order differ.

Excluded: every dev record (../shared/corpus/labels) and every bench/blind, bench/blind2 and bench/blind3 record —
national by (file, article, paragraph); municipal by (doc, article) and by (doc, block).

Record order: after the stratified draw the chosen records are shuffled once more with the same seeded generator
and numbered in that order (Y0000…, Z0000…), so any prefix of a file is a uniformly random subset of the stratified
sample. Writes unlabelled records to work/ (not committed). Deterministic. Usage:

    .venv/bin/python bench/blind4/sample.py [--corpus DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BLIND3 = ROOT / "bench" / "blind3"

# Different from 20240611 (blind), 20250923 (blind2) and 20261128 (blind3).
SEED = 20261129
TOTAL_NATIONAL = 350
TOTAL_MUNICIPAL = 100


def _load_blind3_sampler():
    """bench/blind3/sample.py under its own module name (all the scripts are called sample.py)."""
    spec = importlib.util.spec_from_file_location("blind3_sample", BLIND3 / "sample.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


blind3 = _load_blind3_sampler()
blind2 = blind3.blind2
blind = blind3.blind


def excluded_keys(corpus: Path) -> tuple[set[tuple], set[tuple], set[tuple]]:
    """dev + bench/blind + bench/blind2 keys (from bench/blind3) plus bench/blind3's records."""
    nat, mun_article, mun_block = blind3.excluded_keys(corpus)
    for r in blind2._jsonl(BLIND3 / "sealed-national.jsonl"):
        nat.add((r["file"], r["article"], r["paragraph"]))
    for r in blind2._jsonl(BLIND3 / "sealed-municipal.jsonl"):
        mun_article.add((r["doc"], r["article"]))
        mun_block.add((r["doc"], r["block"]))
    return nat, mun_article, mun_block


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=blind.DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=HERE / "work")
    args = parser.parse_args(argv)
    if not (args.corpus / "labels").is_dir():
        print(f"corpus not found at {args.corpus}: nothing to sample", file=sys.stderr)
        return 0
    families, concept = blind.compile_net(args.corpus)
    args.out.mkdir(parents=True, exist_ok=True)
    nat_ex, mun_ex_article, mun_ex_block = excluded_keys(args.corpus)

    nat = [c for c in blind.national_candidates(args.corpus, families, concept) if c.key not in nat_ex]
    mun = [
        c
        for c in blind.municipal_candidates(args.corpus, families, concept)
        if c.key not in mun_ex_article and (c.group, c.record["block"]) not in mun_ex_block
    ]
    for name, cands in (("national", nat), ("municipal", mun)):
        families_seen: dict[str, int] = {}
        for c in cands:
            for f in c.families:
                families_seen[f] = families_seen.get(f, 0) + 1
        print(f"{name}: {len(cands)} candidates; per family: {dict(sorted(families_seen.items()))}")

    rng = random.Random(SEED)
    nat_chosen = blind.draw(nat, blind.QUOTA_NATIONAL, TOTAL_NATIONAL, blind.CAP_PER_LAW, rng)
    mun_chosen = blind.draw(mun, blind.QUOTA_MUNICIPAL, TOTAL_MUNICIPAL, blind.CAP_PER_REIKI, rng)
    # a random labelling order, so a labelled prefix is a random subset of the stratified sample
    rng.shuffle(nat_chosen)
    rng.shuffle(mun_chosen)
    blind3.write_in_order(args.out / "sample-national.jsonl", "Y", nat_chosen)
    blind3.write_in_order(args.out / "sample-municipal.jsonl", "Z", mun_chosen)
    blind.print_draw(nat_chosen, mun_chosen)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
