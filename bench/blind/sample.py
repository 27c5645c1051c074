"""Draw the blind evaluation sample: real provisions with analog wording that are not in the dev set.

The candidates are caught by a broad keyword net that is deliberately NOT the project's rules: the concept
regexes of ../shared/corpus/keywords/takahiroanno_ai-law-refactoring_concepts.json, the "typical wording" column
of labels/GUIDELINES.md and obvious variants (see FAMILIES). The draw is stratified by keyword family so that
every family is represented, rare ones included, and capped per law / 例規. It is deterministic (SEED).

Writes unlabelled records (ids, location, text, matched families) to work/ (not committed); a person then
labels each one by reading it, and the labelled records are blind-national.jsonl / blind-municipal.jsonl.
Re-running reproduces exactly the committed selection as long as the corpus is unchanged. Usage:

    .venv/bin/python bench/blind/sample.py [--corpus DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from analogreg.errors import InputError  # noqa: E402
from analogreg.model import Law, Paragraph  # noqa: E402
from analogreg.opinion import item_strings  # noqa: E402  (the records' item format, which the second opinion reads)
from analogreg.parse import parse_file  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
HERE = Path(__file__).resolve().parent
SEED = 20240611

# One family per analog-regulation category (guideline wording + variants), one for digital wording, and the
# rest of the concept catalogue (出頭, 書面, 押印, 郵便 …) as "concept-only" hard negatives.
FAMILIES: dict[str, str] = {
    "目視": r"目視|巡視|点検|監視|見回|巡回",
    "実地検査": r"立入|立ち入|実地|臨検|現地(?:に|で|において|調査)|現場において|実査"
    r"|検査(?:させ|を行|をし|を受け|をする)|調査(?:させ|を行)",
    "定期検査・点検": r"定期|毎年|毎月|毎週|毎日|毎事業年度|年[一二三四五六七八九十０-９\d]+回"
    r"|(?:年|月)(?:を超えない期間)?ごと|以内ごとに|ごとに.{0,15}(?:検査|点検|測定)|常時監視",
    "常駐専任": r"常駐|専任|専属|常勤|専ら|兼ね|駐在|常置|ごとに.{0,20}(?:置か|選任)|常時.{0,10}(?:置|配置|勤務)",
    "対面講習": r"講習|研修|実習|受講|教習|講義",
    # 掲げ only as posting (標識を掲げ, 掲げなければ), not the ubiquitous 「次に掲げる」
    "書面掲示": r"掲示|を掲げ|掲げなければ|掲げておか|掲げること|掲げさせ|標識|見やすい|見易い|標札|看板|立札",
    "往訪閲覧・縦覧": r"閲覧|縦覧|備え置|備え付|備えて置|備付|備置|謄写",
    "FD等": r"磁気ディスク|磁気テープ|光ディスク|シー・ディー・ロム|ＣＤ－Ｒ|CD-R|フロッピー|磁気的方法",
    "フレキシブルディスク": r"フレキシブルディスク",
    "digital": r"電磁的|インターネット|電子情報処理組織|自動公衆送信|電気通信回線|オンライン",
}

# New records per family, national / municipal. Families are served rarest first; a family short of
# candidates leaves its remainder to the general fill at the end.
QUOTA_NATIONAL = {
    "フレキシブルディスク": 12,
    "FD等": 16,
    "常駐専任": 28,
    "対面講習": 32,
    "定期検査・点検": 30,
    "目視": 30,
    "書面掲示": 30,
    "往訪閲覧・縦覧": 30,
    "実地検査": 40,
    "digital": 16,
    "concept-only": 36,
}
QUOTA_MUNICIPAL = {
    "フレキシブルディスク": 2,
    "FD等": 4,
    "常駐専任": 16,
    "対面講習": 16,
    "定期検査・点検": 16,
    "目視": 16,
    "書面掲示": 16,
    "往訪閲覧・縦覧": 16,
    "実地検査": 20,
    "digital": 8,
    "concept-only": 20,
}
CAP_PER_LAW = 8
CAP_PER_REIKI = 5
# Paragraphs longer than this (technical standards with dozens of items) cannot be read carefully enough
MAX_CHARS = 6000

ARTICLE_BLOCK = re.compile(r"^(?:\([^)]*\)\s*)?(第[0-9]+条(?:の[0-9]+)*)")


@dataclass
class Candidate:
    key: tuple
    group: str  # law file or reiki_id: the unit of the per-law cap
    families: set[str]
    record: dict = field(default_factory=dict)


def compile_net(corpus: Path) -> tuple[dict[str, re.Pattern[str]], re.Pattern[str]]:
    """The family patterns and one pattern for all concept regexes of the catalogue."""
    families = {name: re.compile(rx) for name, rx in FAMILIES.items()}
    catalogue = json.loads((corpus / "keywords" / "takahiroanno_ai-law-refactoring_concepts.json").read_text())
    concept = re.compile("|".join(f"(?:{rx})" for c in catalogue["concepts"] for rx in c["regex"]))
    return families, concept


def classify_families(text: str, families: dict[str, re.Pattern[str]], concept: re.Pattern[str]) -> set[str]:
    found = {name for name, rx in families.items() if rx.search(text)}
    if not found and concept.search(text):
        found.add("concept-only")
    return found


def national_candidates(corpus: Path, families, concept) -> list[Candidate]:
    core = corpus / "national" / "egov-xml-2020-core"
    dev = {
        (r["file"], r["article"], r["paragraph"])
        for r in map(json.loads, (corpus / "labels" / "dev-national.jsonl").read_text().splitlines())
    }
    rows = [line.split("\t") for line in (core / "index.tsv").read_text().splitlines()[1:]]
    out: list[Candidate] = []
    for row in sorted(rows):
        fp = row[0]
        try:
            law = parse_file(core / fp).law
        except InputError as err:
            print(f"skip {err}", file=sys.stderr)
            continue
        out.extend(law_candidates(fp, law, row[1], dev, families, concept))
    return out


def law_candidates(fp: str, law: Law, law_num: str, excluded: set[tuple], families, concept) -> list[Candidate]:
    """The candidate paragraphs of one parsed law (本則 only, as in the dev set), keyed (fp, article, paragraph)."""
    out: list[Candidate] = []
    for article in law.articles():
        if article.deleted:
            continue
        for para in article.paragraphs:
            key = (fp, article.num, para.num)
            if key in excluded:
                continue
            items = item_strings(para.items)
            whole = para.text + " " + " ".join(items)
            if len(whole) > MAX_CHARS or _is_deleted(para):
                continue
            fams = classify_families(whole, families, concept)
            if not fams:
                continue
            record = {
                "file": fp,
                "law_num": law.law_num or law_num,
                "law_title": law.title,
                "article": article.num,
                "paragraph": para.num,
                "caption": article.caption,
                "text": para.text,
                "items": items,
            }
            out.append(Candidate(key=key, group=fp, families=fams, record=record))
    return out


def _is_deleted(para: Paragraph) -> bool:
    return para.text.strip() in ("削除", "") and not para.items


def municipal_candidates(corpus: Path, families, concept) -> list[Candidate]:
    extract = corpus / "municipal" / "misato-saitama-reiki-extract" / "misato_reiki_texts.jsonl"
    dev_records = [json.loads(line) for line in (corpus / "labels" / "dev-municipal.jsonl").read_text().splitlines()]
    dev = {(r["doc"], r["article"]) for r in dev_records}
    # the dev set's article number of a block is sometimes cut short (第18条の3 for 第18条の3の2): match blocks too
    dev_blocks = {(r["doc"], r["block"]) for r in dev_records}
    out: list[Candidate] = []
    for line in extract.read_text().splitlines():
        doc = json.loads(line)
        seen: set[str] = set()
        for index, block in enumerate(doc["blocks"]):
            match = ARTICLE_BLOCK.match(block)
            # Only article blocks: a loose 項/号 block carries no article number of its own.
            if not match:
                continue
            article = match.group(1)
            key = (doc["reiki_id"], article)
            # 本則 and 附則 articles share numbers; the dev set and the scorer key on (doc, article): keep the first
            if key in dev or (doc["reiki_id"], index) in dev_blocks or article in seen:
                seen.add(article)
                continue
            seen.add(article)
            fams = classify_families(block, families, concept)
            if not fams:
                continue
            record = {
                "doc": doc["reiki_id"],
                "title": doc["title"],
                "kind": doc["kind_by_title"],
                "block": index,
                "article": article,
                "text": block,
            }
            out.append(Candidate(key=key, group=doc["reiki_id"], families=fams, record=record))
    return out


def draw(candidates: list[Candidate], quota: dict[str, int], total: int, cap: int, rng: random.Random) -> list:
    """Stratified draw: each family (rarest first) takes its quota of new records, then a general fill."""
    pool = list(candidates)
    rng.shuffle(pool)
    counts = Counter(f for c in pool for f in c.families)
    chosen: list[Candidate] = []
    taken: set[tuple] = set()
    per_group: Counter[str] = Counter()

    def take(cand: Candidate) -> bool:
        if cand.key in taken or per_group[cand.group] >= cap:
            return False
        chosen.append(cand)
        taken.add(cand.key)
        per_group[cand.group] += 1
        return True

    for family in sorted(quota, key=lambda f: (counts[f], f)):
        need = quota[family]
        for cand in pool:
            if need == 0:
                break
            if family in cand.families and take(cand):
                need -= 1
    for cand in pool:
        if len(chosen) >= total:
            break
        take(cand)
    return chosen


def write(path: Path, prefix: str, chosen: list[Candidate], sort_key) -> None:
    chosen = sorted(chosen, key=sort_key)
    with path.open("w", encoding="utf-8") as fh:
        for n, cand in enumerate(chosen):
            record = {**cand.record, "id": f"{prefix}{n:04d}", "families": sorted(cand.families)}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def _natural(text: str) -> list[tuple[int, int | str]]:
    return [(0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"(\d+)", text) if p]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=HERE / "work")
    args = parser.parse_args(argv)
    if not (args.corpus / "labels").is_dir():
        print(f"corpus not found at {args.corpus}: nothing to sample", file=sys.stderr)
        return 0
    families, concept = compile_net(args.corpus)
    args.out.mkdir(parents=True, exist_ok=True)

    nat = national_candidates(args.corpus, families, concept)
    mun = municipal_candidates(args.corpus, families, concept)
    for name, cands in (("national", nat), ("municipal", mun)):
        counts = Counter(f for c in cands for f in c.families)
        print(f"{name}: {len(cands)} candidates; per family: {dict(sorted(counts.items()))}")

    rng = random.Random(SEED)
    nat_chosen = draw(nat, QUOTA_NATIONAL, sum(QUOTA_NATIONAL.values()), CAP_PER_LAW, rng)
    mun_chosen = draw(mun, QUOTA_MUNICIPAL, sum(QUOTA_MUNICIPAL.values()), CAP_PER_REIKI, rng)
    write(args.out / "sample-national.jsonl", "B", nat_chosen, lambda c: tuple(map(_natural, c.key)))
    write(args.out / "sample-municipal.jsonl", "C", mun_chosen, lambda c: (c.group, c.record["block"]))
    print_draw(nat_chosen, mun_chosen)
    return 0


def print_draw(nat_chosen: list, mun_chosen: list) -> None:
    """How many records were drawn, from how many laws / 例規, and how many hold each keyword family."""
    for name, chosen in (("national", nat_chosen), ("municipal", mun_chosen)):
        counts = Counter(f for c in chosen for f in c.families)
        groups = Counter(c.group for c in chosen)
        print(
            f"{name}: drew {len(chosen)} from {len(groups)} laws/例規 (max {max(groups.values())} each); "
            f"records per family: {dict(sorted(counts.items()))}"
        )


if __name__ == "__main__":
    raise SystemExit(main())
