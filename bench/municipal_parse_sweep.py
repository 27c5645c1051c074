"""Parse every 例規 of the 三郷市 text extract and report what the plain-text reader loses or makes up.

For each of the ~600 real texts of ``../shared/corpus/municipal/misato-saitama-reiki-extract`` (one 例規 a line of
``misato_reiki_texts.jsonl``; the body is its blocks joined by line breaks, under a ``○題名`` line as a 例規集 copy
has one) it counts:

- characters lost: characters of the input, whitespace ignored, that appear in no parsed unit (title, 見出し,
  article / paragraph / item titles as written, sentences, 附則 headings, 別表 text). 沿革 notes such as
  （平30規則48・追加） are removed by the reader on purpose and counted apart;
- fake articles: parsed 条 that no article heading of the source accounts for. The upstream pages marked each
  block (``<p class="jorei-item">`` for a 号); a block is an article heading when it is not marked as a 号 and
  opens with ``(見出し) 第N条`` or ``第N条`` — read from the upstream JSON files beside the extract, which is
  independent of the reader's own rules;
- articles missed: article headings of the source that became no 条 (their text went elsewhere);
- 号 split: 号 (and 細目) parsed beyond the blocks the page marked as 号 — a bracketed number inside a 号's
  line read as a further 号 (the extract keeps every 号 in a block of its own);
- articles out of order: a 条 whose number is not greater than the one before it in the same 本則 or 附則;
- failures: texts the reader refused (InputError), with the reason.

    .venv/bin/python bench/municipal_parse_sweep.py [--corpus DIR] [--show N]

Skips cleanly (exit 0) when the shared corpus is absent.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from analogreg.errors import InputError
from analogreg.model import Article, Division, Item, Law
from analogreg.numbering import ordinal_title
from analogreg.parse.municipal import REVISION_NOTE_RE, article_num
from analogreg.parse.text import parse_text

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "municipal" / "misato-saitama-reiki-extract"
_WS = re.compile(r"\s+")
# An article heading block of the extract: an optional 見出し, then 第N条 (枝番, ranges 第5条の7及び第5条の8).
_HEADING_RE = re.compile(
    r"^(?:\((?!\d+\))[^\n]*?\) ?)?(第[0-9]+条(?:の[0-9]+)*(?:(?:から|及び)第[0-9]+条(?:の[0-9]+)*(?:まで)?)?)"
)
_BLOCK_RE = re.compile(r'<p(?P<cls> class="[^"]*")?>(?P<text>.*?)</p>', re.DOTALL)


@dataclass
class FileResult:
    reiki_id: str
    title: str
    lost: Counter[str] = field(default_factory=Counter)
    notes: int = 0
    fake: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    split_items: int = 0
    out_of_order: list[str] = field(default_factory=list)
    error: str = ""
    title_only: bool = False


def load_rows(corpus: Path) -> list[dict]:
    with (corpus / "misato_reiki_texts.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def upstream_item_blocks(corpus: Path) -> dict[str, list[bool]]:
    """reiki_id → for each upstream block in page order, whether the page marked it as a 号 (jorei-item)."""
    marks: dict[str, list[bool]] = {}
    for name, key in (("new_entries.json", "fullText"), ("matched_fulltext.json", "fulltext")):
        path = corpus / name
        if not path.exists():
            continue
        for entry in json.loads(path.read_text(encoding="utf-8")):
            url = entry.get("url") or entry.get("new_url") or ""
            reiki_id = url.rsplit("/", 1)[-1].removesuffix(".html")
            html = entry.get(key) or ""
            body = html.split('<div class="jorei-body">', 1)[-1]
            marks[reiki_id] = [bool(m["cls"] and "jorei-item" in m["cls"]) for m in _BLOCK_RE.finditer(body)]
    return marks


def source_text(row: dict) -> str:
    blocks: list[str] = row["blocks"]
    head = [] if blocks and blocks[0].startswith("○") else [f"○{row['title']}"]
    return "\n".join(head + blocks)


def expected_articles(row: dict, item_marks: list[bool] | None) -> Counter[str]:
    """Article numbers of the blocks that are article headings (号 blocks excluded when the page marks them)."""
    found: Counter[str] = Counter()
    for index, block in enumerate(row["blocks"]):
        if item_marks is not None and index < len(item_marks) and item_marks[index]:
            continue
        if item_marks is None and re.match(r"^\(\d+\)", block):
            continue
        match = _HEADING_RE.match(block)
        if match:
            found[article_num(match.group(1))[0]] += 1
    return found


def kept_text(law: Law) -> Iterator[str]:
    """Every piece of the input that the parsed Law holds, as written."""
    yield law.title
    yield law.law_num or ""
    yield from _division_text(law.body, law)
    for unit in law.units():
        node = unit.node
        if unit.article is not None and node is unit.article.paragraphs[0]:
            yield unit.article.title
            yield unit.article.caption
        yield node.title
        yield getattr(node, "caption", "")
        for sentence in node.sentences:
            yield sentence.text
    for suppl in law.suppl:
        yield suppl.title
        yield suppl.amend_law_num or ""
        yield "抄" if suppl.extract else ""
    for table in law.appendix:
        yield table.title
        yield table.related
        yield table.text


def _division_text(nodes: list[Division | Article], law: Law) -> Iterator[str]:
    for node in nodes:
        if isinstance(node, Division):
            yield ordinal_title(node.num, node.kind, law.numbering)
            yield node.title
            yield from _division_text(node.children, law)


def _num_key(num: str) -> tuple[int, ...]:
    return tuple(int(part) for part in num.split("_"))


def out_of_order(law: Law) -> list[str]:
    """Labels of articles whose number does not rise above the article before them (本則, then each 附則)."""
    parts = [list(law.articles())] + [suppl.articles for suppl in law.suppl]
    bad: list[str] = []
    for articles in parts:
        for before, after in itertools.pairwise(articles):
            if _num_key(after.num) <= _num_key(before.num):
                bad.append(f"{after.title} after {before.title}")
    return bad


def fake_articles(law: Law, expected: Counter[str]) -> list[str]:
    """Titles of parsed articles beyond those the source's article headings account for (by number)."""
    left = Counter(expected)
    fake: list[str] = []
    for article in law.all_articles():
        if left[article.num] > 0:
            left[article.num] -= 1
        else:
            fake.append(article.title)
    return fake


def sweep_one(row: dict, item_marks: list[bool] | None) -> FileResult:
    result = FileResult(row["reiki_id"], row["title"])
    result.title_only = all(block.startswith("○") for block in row["blocks"])
    text = source_text(row)
    try:
        law, _warnings = parse_text(text, row["reiki_id"])
    except InputError as err:
        result.error = err.reason
        return result
    notes = "".join(REVISION_NOTE_RE.findall(text))
    result.notes = len(_WS.sub("", notes))
    # The ○ that marks the title line is not part of the title.
    source = Counter(_WS.sub("", REVISION_NOTE_RE.sub("", text.removeprefix("○"))))
    kept = Counter(_WS.sub("", "".join(kept_text(law))))
    result.lost = source - kept
    expected = expected_articles(row, item_marks)
    result.fake = fake_articles(law, expected)
    parsed = Counter(article.num for article in law.all_articles())
    result.missed = sorted((expected - parsed).elements(), key=_num_key)
    result.out_of_order = out_of_order(law)
    if item_marks is not None:
        parsed_items = sum(1 for unit in law.units() if isinstance(unit.node, Item))
        result.split_items = max(0, parsed_items - sum(item_marks))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--show", type=int, default=5, help="examples to print for each problem")
    args = parser.parse_args()
    if not (args.corpus / "misato_reiki_texts.jsonl").exists():
        print(f"skipped: {args.corpus} not found (the shared corpus is absent)")
        return 0
    rows = load_rows(args.corpus)
    marks = upstream_item_blocks(args.corpus)
    results = [sweep_one(row, marks.get(row["reiki_id"])) for row in rows]
    report(results, args.show)
    return 0


def report(results: list[FileResult], show: int) -> None:
    parsed = [r for r in results if not r.error]
    lossy = [r for r in parsed if r.lost]
    fake = [r for r in parsed if r.fake]
    missed = [r for r in parsed if r.missed]
    disorder = [r for r in parsed if r.out_of_order]
    title_only = sum(1 for r in results if r.error and r.title_only)
    refused = len(results) - len(parsed)
    print(f"texts: {len(results)}, parsed: {len(parsed)}, refused: {refused} ({title_only} of them a title line alone)")
    print(f"characters lost: {sum(sum(r.lost.values()) for r in lossy)} in {len(lossy)} files")
    print(f"沿革 notes removed on purpose: {sum(r.notes for r in parsed)} characters")
    print(f"fake articles: {sum(len(r.fake) for r in fake)} in {len(fake)} files")
    print(f"articles missed: {sum(len(r.missed) for r in missed)} in {len(missed)} files")
    split = [r for r in parsed if r.split_items]
    print(f"号 split: {sum(r.split_items for r in split)} more 号 than 号 blocks in {len(split)} files")
    print(f"articles out of order: {sum(len(r.out_of_order) for r in disorder)} in {len(disorder)} files")
    for r in lossy[:show]:
        print(f"  lost {r.reiki_id} {r.title}: {''.join(sorted(r.lost.elements()))[:60]}")
    for r in fake[:show]:
        print(f"  fake {r.reiki_id} {r.title}: {', '.join(r.fake[:6])}")
    for r in missed[:show]:
        print(f"  missed {r.reiki_id} {r.title}: {', '.join(ordinal_title(n, '条', 'arabic') for n in r.missed[:6])}")
    for r in disorder[:show]:
        print(f"  order {r.reiki_id} {r.title}: {'; '.join(r.out_of_order[:4])}")
    for r in [r for r in results if r.error][:show]:
        print(f"  refused {r.reiki_id} {r.title}: {r.error}")


if __name__ == "__main__":
    sys.exit(main())
