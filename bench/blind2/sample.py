"""Draw the second sealed evaluation sample: real provisions outside the dev set AND outside bench/blind.

The first blind set (bench/blind) has become development data, so a fresh held-out sample is drawn the same way:
bench/blind/sample.py's keyword net (deliberately NOT the project's rules), its unit extraction, its stratified
draw and per-law caps are imported and reused; only the seed, the exclusions and the ids differ.

Excluded: every dev record (../shared/corpus/labels) and every bench/blind record — national by (file, article,
paragraph); municipal by (doc, article) and by (doc, block). Writes unlabelled records (ids, location, text,
matched families) to work/ (not committed); the labelled records are sealed-national.jsonl /
sealed-municipal.jsonl. Deterministic: re-running reproduces the committed selection while the corpus is
unchanged. Usage:

    .venv/bin/python bench/blind2/sample.py [--corpus DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BLIND = ROOT / "bench" / "blind"

# Different from bench/blind's 20240611, so the draw order is independent of the first blind set.
SEED = 20250923


sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/, for load_script
from load_script import load_script  # noqa: E402

blind = load_script("blind_sample", BLIND / "sample.py")


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def excluded_keys(corpus: Path) -> tuple[set[tuple], set[tuple], set[tuple]]:
    """National (file, article, paragraph); municipal (doc, article) and (doc, block) of dev + bench/blind."""
    national = _jsonl(corpus / "labels" / "dev-national.jsonl") + _jsonl(BLIND / "blind-national.jsonl")
    municipal = _jsonl(corpus / "labels" / "dev-municipal.jsonl") + _jsonl(BLIND / "blind-municipal.jsonl")
    nat = {(r["file"], r["article"], r["paragraph"]) for r in national}
    mun_article = {(r["doc"], r["article"]) for r in municipal}
    mun_block = {(r["doc"], r["block"]) for r in municipal}
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

    # bench/blind's extraction already drops dev records; drop the first blind set's records too
    nat = [c for c in blind.national_candidates(args.corpus, families, concept) if c.key not in nat_ex]
    mun = [
        c
        for c in blind.municipal_candidates(args.corpus, families, concept)
        if c.key not in mun_ex_article and (c.group, c.record["block"]) not in mun_ex_block
    ]
    for name, cands in (("national", nat), ("municipal", mun)):
        counts = Counter(f for c in cands for f in c.families)
        print(f"{name}: {len(cands)} candidates; per family: {dict(sorted(counts.items()))}")

    rng = random.Random(SEED)
    quota_nat, quota_mun = blind.QUOTA_NATIONAL, blind.QUOTA_MUNICIPAL
    nat_chosen = blind.draw(nat, quota_nat, sum(quota_nat.values()), blind.CAP_PER_LAW, rng)
    mun_chosen = blind.draw(mun, quota_mun, sum(quota_mun.values()), blind.CAP_PER_REIKI, rng)
    blind.write(args.out / "sample-national.jsonl", "S", nat_chosen, lambda c: tuple(map(blind._natural, c.key)))
    blind.write(args.out / "sample-municipal.jsonl", "T", mun_chosen, lambda c: (c.group, c.record["block"]))
    blind.print_draw(nat_chosen, mun_chosen)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
