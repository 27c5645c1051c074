"""Check the 引用法令 of a scan's findings against the statutes they name: does the named law have that article?

A finding's ``cites`` (analogreg/citations.py) name another statute's provision in full, 都市計画法第16条第2項. A
wrong name — 法 read as the wrong law — would most often cite an article, paragraph or item the named law does not
have. For every citation of a national statute that the 2020 e-Gov archive holds, this bench reads that statute
with plain lxml (not the parser) and looks for the article by its printed title (ArticleTitle 第十六条, or 第16条
in the arabic numerals 例規 use), then the paragraph (ParagraphNum, the first one unnumbered) and the item
(ItemTitle), in the 本則. A citation of a 例規, of a statute the archive lacks, or of a range (から…まで) is counted
apart, not checked. The laws are as of 2020-11-18: a 2025 article may be missing from them, and an article renumbered
since may be found by chance, so a miss is a lead to read, not proof of a wrong name.

    .venv/bin/python bench/cites_check.py FINDINGS.jsonl [--cache DIR] [--show N]

FINDINGS.jsonl is the output of ``analogreg scan`` (e-Gov XML or 例規 alike). Reads ../shared/corpus (skips cleanly
when it is absent); extracts the archive once into --cache (shared with bench/scan_speed.py).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

from lxml import etree
from scan_speed import ARCHIVE, extract

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analogreg.numbering import kanji_to_int

INDEX = ARCHIVE.parent.parent / "egov-xml-all-20201118.index.tsv"
_NUM = "[〇一二三四五六七八九十百千0-9０-９]+"
# 第十六条の二第二項第九号の五: a branch number follows its unit (条の二, 号の五).
_CITE = re.compile(
    rf"^(?P<law>.+?)第(?P<article>{_NUM})条(?P<article_branch>(?:の{_NUM})*)(?:第(?P<paragraph>{_NUM})項)?"
    rf"(?:第(?P<item>{_NUM})号(?P<item_branch>(?:の{_NUM})*))?$"
)


def _key(numbers: str) -> tuple[int, ...]:
    """第十六条の二 / 16の2 → (16, 2)."""
    return tuple(kanji_to_int(n) for n in numbers.split("の"))


def _title_key(title: str, unit: str) -> tuple[int, ...] | None:
    """The number a printed title gives: 第十六条の二 → (16, 2), 九の五 → (9, 5), ２ → (2,)."""
    unit_part = f"(?:{unit})?" if unit else ""
    match = re.match(rf"^第?({_NUM}){unit_part}((?:の{_NUM})*)$", (title or "").strip())
    return _key(match.group(1) + match.group(2)) if match else None


@lru_cache(maxsize=512)
def _articles(path: str) -> dict[tuple[int, ...], list[etree._Element]]:
    """The 本則 articles of a law by their printed number, each with its paragraphs."""
    root = etree.parse(path).getroot()
    main = root.find("LawBody/MainProvision")
    out: dict[tuple[int, ...], list[etree._Element]] = {}
    for article in main.iter("Article") if main is not None else ():
        key = _title_key("".join(article.findtext("ArticleTitle") or ""), "条")
        if key is not None:
            out.setdefault(key, article.findall("Paragraph"))
    return out


def _has(paragraphs: list[etree._Element], paragraph: str | None, item: str | None) -> bool:
    chosen = paragraphs[:1]
    if paragraph is not None:
        number = kanji_to_int(paragraph)
        printed = [(_title_key(p.findtext("ParagraphNum"), "") or (i,))[0] for i, p in enumerate(paragraphs, start=1)]
        chosen = [p for p, n in zip(paragraphs, printed, strict=True) if n == number]
        if not chosen:
            return False
    if item is None:
        return True
    wanted = _key(item)
    return any(_title_key(i.findtext("ItemTitle"), "") == wanted for p in chosen for i in p.findall("Item"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("findings", type=Path)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/analogreg-bench"))
    parser.add_argument("--show", type=int, default=15)
    args = parser.parse_args()
    if not ARCHIVE.exists():
        print(f"skipped: {ARCHIVE} not found (the shared corpus is not beside this checkout)")
        return 0
    root = extract(args.cache)
    with INDEX.open(encoding="utf-8", newline="") as handle:
        paths = {
            row["LawTitle"]: root / row["fp"]
            for row in csv.DictReader(handle, delimiter="\t")
            if row["in_archive"] == "1"
        }
    counts: Counter[str] = Counter()
    misses: list[tuple[str, str, str]] = []
    findings = [json.loads(line) for line in args.findings.open(encoding="utf-8")]
    for finding in findings:
        for cite in finding.get("cites", []):
            match = _CITE.match(cite)
            if match is None:
                counts["not checked: a range or a form this bench does not read"] += 1
                continue
            path = paths.get(match["law"])
            if path is None:
                counts["not checked: a 例規, or a law the archive lacks"] += 1
                continue
            paragraphs = _articles(str(path)).get(_key(match["article"] + match["article_branch"]))
            item = match["item"] + match["item_branch"] if match["item"] else None
            if paragraphs is not None and _has(paragraphs, match["paragraph"], item):
                counts["found in the named law"] += 1
            else:
                counts["NOT found in the named law"] += 1
                misses.append((finding["doc"], finding["label"], cite))
    with_cites = sum(1 for f in findings if f.get("cites"))
    print(f"{len(findings):,} findings, {with_cites:,} with citations, {sum(counts.values()):,} citations")
    for what, n in counts.most_common():
        print(f"  {n:>7,}  {what}")
    for doc, label, cite in misses[: args.show]:
        print(f"    {doc} {label}: {cite}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
