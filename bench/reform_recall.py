"""Recall against the whole real 2020→2025 reform: every Act of both archives, not only the 74 published pairs.

The digital reform (デジタル原則に照らした規制の一括見直し) amended the Acts' analog clauses by adding a digital way
beside the analog one. So a 本則 provision unit whose 2025 text adds category wording of a digital way (自動公衆送信,
インターネットの利用, 映像及び音声の送受信, 電磁的記録媒体, 電子情報処理組織…) that its 2020 text lacks, while its 2020
text holds analog wording of one of the eight categories, is an analog clause as the State itself judged it. This
bench pairs the two archives by 法令番号, aligns units by article / paragraph / item, and reports:

- how many such 2020 units the detector reports as analog (recall on the real reform), per analog family;
- how many of their 2025 versions still come out analog (not already digital) — possible false alarms.

It is a silver standard (aligned by number only; the category is inferred from the wording, as the corpus README
warns), read as a recall signal and as a source of real wording to study — never as labels. ``--misses FILE``
writes the missed 2020 units (with the 2025 text) as JSONL. Reads ../shared (skips cleanly without it); extracts
both archives once into --cache. Usage:

    .venv/bin/python bench/reform_recall.py [--cache DIR] [--misses FILE] [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from rapidfuzz.distance import Indel  # noqa: E402
from reform_pairs_detect import guideline_exclusion  # noqa: E402
from scan_speed import extract  # noqa: E402

from analogreg.classify import iter_analyses, location_key  # noqa: E402
from analogreg.errors import InputError  # noqa: E402
from analogreg.parse import parse_file  # noqa: E402

NATIONAL = ROOT.parent / "shared" / "corpus" / "national"
ARCHIVES = {
    "2020": (NATIONAL / "archives" / "egov-xml-all-20201118.tar.xz", "lawhub-xml-20201118"),
    "2025": (NATIONAL / "archives" / "gitlaw-jp-acts-20250528.tar.xz", "gitlaw-jp-acts-20250528"),
}
INDEXES = {
    "2020": NATIONAL / "egov-xml-all-20201118.index.tsv",
    "2025": NATIONAL / "gitlaw-jp-acts-20250528.index.tsv",
}

# Digital ways the reform wrote in, by the categories they answer (書面 alone — paper documents — is not one).
DIGITAL_ADDED = re.compile(
    r"自動公衆送信|インターネットの利用|映像及び音声の送受信|電磁的記録媒体|電子情報処理組織|電気通信回線"
    r"|電磁的方法により(?:公衆の)?閲覧|公衆の閲覧に供"
)
# Analog wording of the eight categories in the 2020 text (plain families, not the project's rules).
ANALOG_FAMILIES = {
    "掲示": re.compile(r"掲示|標識を掲げ"),
    "閲覧・縦覧": re.compile(r"閲覧|縦覧|備え置|備えて置"),
    "講習": re.compile(r"講習|研修|教育を(?:受け|行)"),
    "立入・検査": re.compile(r"立入|立ち入|検査|実地"),
    "定期": re.compile(r"定期|ごとに|毎年|毎月"),
    "常駐・専任": re.compile(r"常駐|専任|選任|置かなければ|置くこと"),
    "目視・巡視": re.compile(r"目視|巡視|監視|確認"),
    "ディスク": re.compile(r"ディスク|磁気テープ|光ディスク|シー・ディー"),
}


# Aligned by number only: the 2025 unit must keep most of the 2020 wording to be the same provision (the
# published pairs flag under 0.6 as likely misaligned).
MIN_RETAINED = 0.6


def retained(before: str, after: str) -> float:
    """The share of ``before``'s characters that ``after`` keeps, in order (longest common subsequence)."""
    if not before:
        return 0.0
    common = (len(before) + len(after) - Indel.distance(before, after)) // 2
    return common / len(before)


def by_law_num(year: str) -> dict[str, str]:
    with INDEXES[year].open(encoding="utf-8") as handle:
        return {row["LawNum"]: row["fp"] for row in csv.DictReader(handle, delimiter="\t")}


def main_units(path: Path) -> tuple[object, dict[str, object]]:
    law = parse_file(path).law
    units = {location_key(u.location): u for u in law.units() if u.location.part == "main"}
    return law, units


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/analogreg-bench"))
    parser.add_argument("--misses", type=Path)
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    if not NATIONAL.is_dir():
        print(f"skipped: {NATIONAL} not found (the shared corpus is not on this machine)")
        return 0
    started = time.perf_counter()
    roots = {year: extract(args.cache, *ARCHIVES[year]) for year in ARCHIVES}
    old_index, new_index = by_law_num("2020"), by_law_num("2025")
    pairs = sorted(set(old_index) & set(new_index))
    if args.limit:
        pairs = pairs[: args.limit]

    found = Counter()
    total = Counter()
    still_analog = 0
    candidates = 0
    misses: list[dict] = []
    failed = 0
    for law_num in pairs:
        old_path, new_path = roots["2020"] / old_index[law_num], roots["2025"] / new_index[law_num]
        if not old_path.exists() or not new_path.exists():
            continue
        try:
            old_law, old_units = main_units(old_path)
            new_law, new_units = main_units(new_path)
        except InputError:
            failed += 1
            continue
        old_verdicts = verdicts(old_law)
        new_verdicts = None
        for key, unit in old_units.items():
            new_unit = new_units.get(key)
            if new_unit is None or new_unit.text == unit.text:
                continue
            added = {m.group() for m in DIGITAL_ADDED.finditer(new_unit.text)} - set(DIGITAL_ADDED.findall(unit.text))
            families = [name for name, rx in ANALOG_FAMILIES.items() if rx.search(unit.text)]
            if not added or not families or guideline_exclusion({"before_2020": unit.text}):
                continue
            if retained(unit.text, new_unit.text) < MIN_RETAINED:  # renumbered: a different provision
                continue
            candidates += 1
            verdict = old_verdicts.get(key)
            hit = verdict == "analog"
            for family in families:
                total[family] += 1
                found[family] += hit
            if new_verdicts is None:
                new_verdicts = verdicts(new_law)
            if new_verdicts.get(key) == "analog":
                still_analog += 1
            if not hit:
                misses.append(
                    {
                        "law_num": law_num,
                        "law_title": old_law.title,
                        "label": unit.label,
                        "caption": unit.article.caption if unit.article is not None else "",
                        "families": families,
                        "digital_added": sorted(added),
                        "before_2020": unit.text,
                        "after_2025": new_unit.text,
                        "why": "already digital in 2020" if verdict else "not found",
                    }
                )
    hits = candidates - len(misses)
    print(f"{len(pairs)} Acts in both archives; {failed} failed to parse; {time.perf_counter() - started:.0f} s")
    print(f"reform units (2025 adds a digital way, 2020 holds analog wording): {candidates}")
    print(f"found as analog in 2020: {hits} / {candidates} = {hits / max(candidates, 1):.3f}")
    print(f"2025 version still reported analog (not already digital): {still_analog} / {candidates}")
    print("per analog family (a unit may hold several): found / units")
    for family in ANALOG_FAMILIES:
        if total[family]:
            print(f"  {family:<8} {found[family]:>4} / {total[family]:<4} {found[family] / total[family]:.3f}")
    if args.misses:
        with args.misses.open("w", encoding="utf-8") as handle:
            for row in misses:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"misses written to {args.misses}")
    return 0


def verdicts(law) -> dict[str, str]:
    """Location key → "analog" or "digital" for every unit the detector reports (main provisions only)."""
    out = {}
    for unit, analysis in iter_analyses(law):
        if analysis.hits and unit.location.part == "main":
            out[location_key(unit.location)] = "digital" if analysis.already_digital else "analog"
    return out


if __name__ == "__main__":
    raise SystemExit(main())
