"""What a rule change adds: a random sample of the new matches on unlabelled provisions, to read by hand.

A broadened rule must be checked on text nobody labelled: the 155 core laws of 2020 and the 三郷市 extract. Both
rule folders classify every provision unit; a (unit, category) found by ``--rules`` but not by ``--base`` (not
already digital) is a new match. Units of the labelled records (the dev set, bench/blind and every sealed set
bench/blind2 … blindN) are left out, so the sample is unseen text: a change on a labelled record shows in its
scorer. Read the sample: if more than about one in ten is wrong, the rule is too broad.

    .venv/bin/python bench/new_matches.py --base /tmp/rules0/rules [--category 目視] [--sample 100] [--seed 1]
    .venv/bin/python bench/new_matches.py --base ... --lost      # matches the change removed, the same way

Reads ../shared/corpus (skips cleanly when it is absent).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analogreg.classify import iter_analyses  # noqa: E402
from analogreg.errors import InputError  # noqa: E402
from analogreg.model import Law  # noqa: E402
from analogreg.parse import parse_bytes, parse_file  # noqa: E402
from analogreg.ruleset.load import load_ruleset  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def _compact(text: str) -> str:
    return "".join(text.split())


def labelled_keys() -> set[tuple[str, str, str]]:
    """(file or doc, article, paragraph or '') of every labelled record: those units are not 'unseen'."""
    keys: set[tuple[str, str, str]] = set()
    paths = [CORPUS / "labels" / "dev-national.jsonl", CORPUS / "labels" / "dev-municipal.jsonl"]
    paths += [ROOT / "bench" / "blind" / "blind-national.jsonl", ROOT / "bench" / "blind" / "blind-municipal.jsonl"]
    paths += sorted((ROOT / "bench").glob("blind*/sealed-*.jsonl"))
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if "file" in rec:
                keys.add((rec["file"], rec["article"], rec["paragraph"]))
            else:
                keys.add((rec["doc"], _compact(rec["article"]), ""))
    return keys


def load_laws() -> list[tuple[str, Law]]:
    laws: list[tuple[str, Law]] = []
    core = CORPUS / "national" / "egov-xml-2020-core"
    for path in sorted(core.rglob("*.xml")):
        display = str(path.relative_to(core))
        laws.append((display, parse_file(path, display=display).law))
    misato = CORPUS / "municipal" / "misato-saitama-reiki-extract" / "misato_reiki_texts.jsonl"
    for line in misato.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        text = "\n".join([rec["title"], *rec["blocks"]])
        try:
            laws.append((rec["reiki_id"], parse_bytes(text.encode("utf-8"), f"{rec['reiki_id']}.txt").law))
        except InputError:
            continue
    return laws


def unit_categories(laws, rules: Path | None) -> dict[tuple, tuple[set[str], object, list[str]]]:
    """(doc, unit index) → (analog categories, unit, matched wording with rule ids)."""
    ruleset = load_ruleset(rules)
    out = {}
    for doc, law in laws:
        for i, (unit, analysis) in enumerate(iter_analyses(law, ruleset)):
            if not analysis.hits:
                continue
            cats = {h.category for h in analysis.analog_hits}
            how = [f"{h.category}:{h.rule}「{h.wording}」" for h in analysis.reported_hits]
            out[(doc, i)] = (cats, unit, how)
    return out


def is_labelled(doc: str, unit, keys: set) -> bool:
    article = unit.article
    if article is None:
        return False
    para = unit.location.paragraph or "1"
    if (doc, article.num, para) in keys:
        return True
    return (doc, _compact(article.title), "") in keys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True, help="rules folder before the change")
    parser.add_argument("--rules", type=Path, default=None, help="rules folder after (default: rules/)")
    parser.add_argument("--category", default=None)
    parser.add_argument("--rule", default=None, help="only matches reported by this rule id (prefix)")
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--lost", action="store_true", help="list matches the change removed instead")
    args = parser.parse_args(argv)
    if not (CORPUS / "national").is_dir():
        print(f"skipped: no corpus at {CORPUS}")
        return 0
    laws = load_laws()
    keys = labelled_keys()
    before = unit_categories(laws, args.base)
    after = unit_categories(laws, args.rules)
    old, new = (after, before) if args.lost else (before, after)
    changes = []
    for key, (cats, unit, how) in new.items():
        doc = key[0]
        gained = cats - (old[key][0] if key in old else set())
        if args.category:
            gained &= {args.category}
        if args.rule:
            gained = {c for c in gained if any(args.rule in h and h.startswith(c) for h in how)}
        if gained and not is_labelled(doc, unit, keys):
            changes.append((doc, unit, gained, how))
    per_cat = Counter(c for _, _, g, _ in changes for c in g)
    what = "lost" if args.lost else "new"
    print(f"{len(laws)} laws / 例規; {what} (unit, category) on unlabelled units: {dict(per_cat)}")
    random.Random(args.seed).shuffle(changes)
    for n, (doc, unit, gained, how) in enumerate(changes[: args.sample], 1):
        caption = unit.article.caption if unit.article is not None else ""
        print(f"\n[{n}] {doc} {unit.label} {caption} → {sorted(gained)}")
        print(f"    {'; '.join(how)}")
        print(f"    {unit.text[:300]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
