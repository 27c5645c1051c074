"""Check every finding's citation and text against the e-Gov XML it came from, read independently of the parser.

A wrong citation costs a legal officer more than no finding: 第3条第2項 sent to the council must be 第3条第2項.
The scan builds each label from the elements' Num attributes (with the titles as a check) through the statute
model; this bench reads the same XML with plain lxml and derives the citation from what a person reads — the
ArticleTitle, the ParagraphNum, the ItemTitle and the Subitem titles as printed — and the unit's text from its
own Sentence elements, then compares, finding by finding:

- the element exists: the finding's 附則 (by its 法令番号), article, paragraph, item and 細目 are in the file;
- the label equals the printed titles joined by the 法制執務 rules (第一項 is not cited for an article of one
  paragraph; a 附則 of an amending act carries its 法令番号);
- the finding's text is that element's own sentences (blanks aside), and every span is matched wording.

    .venv/bin/python bench/citation_check.py FINDINGS.jsonl [--show N]
    .venv/bin/python bench/citation_check.py --all DIR [--limit N] [--show N]

FINDINGS.jsonl is the output of ``analogreg scan`` on e-Gov XML files (``doc`` must still be a readable path),
e.g. of bench/scan_speed.py's archive: ``analogreg scan /tmp/analogreg-bench/lawhub-xml-20201118 --out F``.
``--all DIR`` checks every provision unit of every XML file under DIR instead (read whole by the parser, as the
amend and review stages read them): every citation the tool can put in a finding, a 改め文 or a 新旧対照表.
Units of 別表 (cited by the table's title) are counted apart, not checked.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from lxml import etree

_DIGITS = "〇一二三四五六七八九"
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_BLANKS = re.compile(r"\s+")
# Not part of a unit's own text: titles, numbers, captions, labels (「備考」), and the provisions that an
# amending 附則 inserts into another statute (NewProvision: quoted, not provisions of this one).
_NOT_TEXT = ("Title", "Num", "Caption", "Label", "NewProvision")
_KANA_TITLE = re.compile(r"[ア-ン](?:[～~][ア-ン])?")


# The numerals, 法令番号 and titles are read by code of this file's own, on purpose: a check that imported
# analogreg.numbering or the parser's helpers would repeat their mistakes instead of finding them.


def kanji_number(n: int) -> str:
    """35 → 三十五, 110 → 百十, 1000 → 千 (how e-Gov titles write numbers)."""
    if n == 0:
        return "〇"
    out = []
    for value, unit in ((1000, "千"), (100, "百"), (10, "十")):
        digit, n = divmod(n, value)
        if digit:
            out.append(("" if digit == 1 else _DIGITS[digit]) + unit)
    if n:
        out.append(_DIGITS[n])
    return "".join(out)


_KANJI_VALUES = {**{ch: i for i, ch in enumerate(_DIGITS)}, "十": 10, "百": 100, "千": 1000}
_AMEND_LAW_NUM = re.compile(
    r"(?P<era>明治|大正|昭和|平成|令和)(?P<year>[〇一二三四五六七八九十元]+)年"
    r"(?:[〇一二三四五六七八九十]+月[〇一二三四五六七八九十]+日)?(?P<kind>.+?)第(?P<num>[〇一二三四五六七八九十百千]+)号$"
)


def read_kanji(digits: str) -> int:
    """「四二〇」 (digit by digit, as e-Gov writes an AmendLawNum) or 「四百二十」 → 420."""
    if all(ch in _DIGITS for ch in digits):
        return int("".join(str(_KANJI_VALUES[ch]) for ch in digits))
    total = current = 0
    for ch in digits:
        value = _KANJI_VALUES[ch]
        if value >= 10:
            total += (current or 1) * value
            current = 0
        else:
            current = value
    return total + current


def amend_law_citation(raw: str) -> str:
    """e-Gov's AmendLawNum 「平成一五年九月一九日政令第四二〇号」 → 平成十五年政令第四百二十号 (date dropped)."""
    match = _AMEND_LAW_NUM.match(raw.strip())
    if not match:
        return raw.strip()
    year = "元" if match["year"] == "元" else kanji_number(read_kanji(match["year"]))
    return f"{match['era']}{year}年{match['kind']}第{kanji_number(read_kanji(match['num']))}号"


def text_of(el: etree._Element | None) -> str:
    return "" if el is None else "".join(el.itertext()).strip()


def printed_number(title: str) -> str | None:
    """The number a title prints, in e-Gov's Num form: 第三十条 → "30", 十の二 → "10_2", 一・二 → "1"."""
    match = re.match(r"第?([〇一二三四五六七八九十百千]+)[条号]?((?:[のノ][〇一二三四五六七八九十百千]+)*)", title)
    if not match:
        return None
    parts = [match[1], *re.findall(r"[〇一二三四五六七八九十百千]+", match[2])]
    return "_".join(str(read_kanji(part)) for part in parts)


def numbered(el: etree._Element, num: str, title_tag: str) -> bool:
    """Whether ``el`` is the provision numbered ``num``: by its Num (or the first of its range, Num="1:3"), or by
    the number its title prints (e-Gov numbers what an extract keeps in sequence: Num="2" for the 号 printed 三)."""
    own = el.get("Num") or ""
    return own == num or own.startswith(f"{num}:") or printed_number(text_of(el.find(title_tag))) == num


def range_citation(title: str, unit: str) -> str:
    """A range cited as printed: 「一から三まで」 (e-Gov's 「一～三」) → 第一号から第三号まで, 「二及び三」
    (「二・三」) → 第二号及び第三号."""
    if title.startswith("第"):
        return title
    match = re.fullmatch(r"(.+?)(から|及び|～|・)(.+?)(まで)?", title)
    if not match:
        return title
    joint = {"～": "から", "・": "及び"}.get(match[2], match[2])  # e-Gov's abbreviations in an extract

    def ordinal(text: str) -> str:
        return f"第{text}{unit}" if unit == "条" else item_citation(text)

    return f"{ordinal(match[1])}{joint}{ordinal(match[3])}" + ("まで" if joint == "から" else "")


def item_citation(title: str) -> str:
    """ItemTitle 「二の二」 → 第二号の二; 「十」 → 第十号; 「八ノ二」 (a statute drafted in katakana) → 第八号ノ二."""
    match = re.match(r"(.+?)([のノ])(.+)$", title)
    if not match:
        return f"第{title}号"
    return f"第{match[1]}号{match[2]}{match[3]}"


def own_text(el: etree._Element) -> str:
    """The element's own text, blanks removed: its sentences and what else it holds (a table, a 備考), but not
    what _NOT_TEXT names, nor the items or 細目 right below it (units of their own)."""
    depth = int(el.tag[7:]) if el.tag.startswith("Subitem") else 0
    child_unit = {"Paragraph": "Item", "Item": "Subitem1"}.get(el.tag, f"Subitem{depth + 1}")
    parts: list[str] = []

    def visit(node: etree._Element) -> None:
        for child in node:
            tag = child.tag
            if not isinstance(tag, str) or (node is el and tag == child_unit) or tag.endswith(_NOT_TEXT):
                continue
            if tag == "QuoteStruct":  # quoted text is text, titles and numbers included
                parts.append("".join(child.itertext()) + (child.tail or ""))
                continue
            if child.text:
                parts.append(child.text)
            visit(child)
            if child.tail:
                parts.append(child.tail)

    visit(el)
    return _BLANKS.sub("", "".join(parts).replace("\u3000", " "))


class Law:
    """One XML file, read with plain lxml."""

    def __init__(self, path: str) -> None:
        parser = etree.XMLParser(huge_tree=True, remove_comments=True)
        self.root = etree.parse(path, parser).getroot()
        self.body = self.root.find("LawBody")
        etree.strip_elements(self.root, "Rt", with_tail=False)  # ruby readings are not text
        # Kept here, so that the element proxies (and so their ids, the keys of _articles) stay alive.
        self._main = self.body.find("MainProvision")
        self._suppls: dict[str | None, etree._Element] | None = None
        self._articles: dict[int, tuple[dict[str, etree._Element], dict[str, etree._Element]]] = {}

    def articles(self, provision: etree._Element) -> tuple[dict[str, etree._Element], dict[str, etree._Element]]:
        """The provision's articles by Num (a range by its first number) and by the number their title prints."""
        key = id(provision)
        if key not in self._articles:
            by_num: dict[str, etree._Element] = {}
            by_title: dict[str, etree._Element] = {}
            for article in provision.iter("Article"):
                by_num.setdefault((article.get("Num") or "").split(":")[0], article)
                printed = printed_number(text_of(article.find("ArticleTitle")))
                if printed is not None:
                    by_title.setdefault(printed, article)
            self._articles[key] = (by_num, by_title)
        return self._articles[key]

    def provision(self, finding: dict) -> etree._Element | None:
        if finding["part"] == "main":
            return self._main
        if self._suppls is None:
            self._suppls = {}
            for suppl in self.body.iter("SupplProvision"):
                raw = suppl.get("AmendLawNum")
                self._suppls.setdefault(amend_law_citation(raw) if raw else None, suppl)
        return self._suppls.get(finding["suppl"])


def locate(law: Law, finding: dict) -> tuple[list[etree._Element], str] | None:
    """The elements from the article down to the unit, and the expected citation; None if not found."""
    provision = law.provision(finding)
    if provision is None:
        return None
    parts: list[str] = []
    if finding["part"] == "suppl":
        parts.append(f"附則（{finding['suppl']}）" if finding["suppl"] else "附則")
    chain: list[etree._Element] = []
    holder = provision
    if finding["article"]:
        by_num, by_title = law.articles(provision)
        # by Num first; the number the title prints is the fallback
        article = by_num.get(finding["article"])
        article = article if article is not None else by_title.get(finding["article"])
        if article is None:
            return None
        chain.append(article)
        # A few titles print the old form 條 (第十三條); a citation writes 条.
        parts.append(range_citation(text_of(article.find("ArticleTitle")).replace("條", "条"), "条"))
        holder = article
    paragraphs = [p for p in holder if p.tag == "Paragraph"]
    paragraph = next((p for p in paragraphs if p.get("Num") == finding["paragraph"]), None)
    if paragraph is None:
        return None
    chain.append(paragraph)
    # 法制執務: the paragraph is not cited when its article (or 附則 / 本則 without articles) has only one.
    if len(paragraphs) > 1:
        # The first paragraph's number is not printed, nor any in statutes drafted before paragraphs were numbered
        # (they are still cited as 第二項 …): then the position is the number.
        printed = re.sub(r"\D", "", text_of(paragraph.find("ParagraphNum")).translate(_FULLWIDTH))  # ○１１ → 11
        number = int(printed) if printed else paragraphs.index(paragraph) + 1
        parts.append(f"第{kanji_number(number)}項")
    node = paragraph
    level = 0  # the depth of the next 細目 tag: Subitem1 below an Item
    if finding["item"]:
        items = [i for i in node if i.tag == "Item" and numbered(i, finding["item"], "ItemTitle")]
        # by the printed number first (the reader numbers a paragraph's 号 as printed), then by Num
        item = next((i for i in items if printed_number(text_of(i.find("ItemTitle"))) == finding["item"]), None)
        item = item if item is not None else next(iter(items), None)
        if item is None:
            return None
        chain.append(item)
        title = text_of(item.find("ItemTitle"))
        siblings = [i for i in node if i.tag == "Item"]
        if len(siblings) > 1 and all(text_of(i.find("ItemTitle")) == "一" for i in siblings):
            # Pre-war statutes print 「一」 before every item, as a bullet: the items are cited by their position.
            title = kanji_number(siblings.index(item) + 1)
        if re.search(r"から|及び|～|・", title):
            parts.append(range_citation(title, "号"))
        else:
            # A 号 titled by kana (イ) is cited by that title, as a 細目 of its paragraph (第二項イ), not as a 号.
            parts.append(title if _KANA_TITLE.fullmatch(title) else item_citation(title))
        node, level = item, 1
    for title in finding["subitems"]:
        tag = f"Subitem{level}" if level else "Item"  # kana-titled 号 directly below the paragraph
        child = next((c for c in node if c.tag == tag and text_of(c.find(f"{tag}Title")) == title), None)
        if child is None:
            return None
        chain.append(child)
        parts.append(title)
        node, level = child, level + 1
    # A 本則 without articles, of a single paragraph, has no number: it is cited as 本則 (「本則中「…」を…」).
    return chain, "".join(parts) or ("本則" if finding["part"] == "main" else "附則")


def findings_of(findings_file: Path) -> Iterator[dict]:
    with findings_file.open(encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def units_of(root: Path, limit: int, skipped: Counter[str]) -> Iterator[dict]:
    """Every provision unit of every XML file under ``root``, as the parser reads it, in the shape of a finding."""
    from analogreg.errors import InputError
    from analogreg.parse import parse_file

    files = sorted(root.rglob("*.xml"))
    for path in files[:limit] if limit else files:
        try:
            law = parse_file(path).law
        except InputError:
            skipped["files the parser rejects"] += 1
            continue
        for unit in law.units():
            loc = unit.location
            if loc.table:
                skipped["units of 別表"] += 1
                continue
            yield {
                "doc": str(path),
                "part": loc.part,
                "suppl": loc.suppl,
                "article": loc.article,
                "paragraph": loc.paragraph,
                "item": loc.item,
                "subitems": list(loc.subitems),
                "label": unit.label,
                "text": unit.text,
                "spans": [],
                "matched": [],
            }


def problems_of(law: Law, finding: dict) -> list[tuple[str, str]]:
    """(kind, detail) of every way the finding disagrees with its XML."""
    found = locate(law, finding)
    if found is None:
        return [("not found in the file", "")]
    chain, expected = found
    out = []
    if finding["label"] != expected:
        out.append(("label differs from the printed titles", f"printed {expected}"))
    if _BLANKS.sub("", finding["text"].replace("\u3000", " ")) != own_text(chain[-1]):
        out.append(("text differs from the element's own text", ""))
    if any(finding["text"][b:e] not in finding["matched"] for b, e in finding["spans"]):
        out.append(("a span is not matched wording", ""))
    return out


def check(findings: Iterable[dict], show: int) -> int:
    problems: Counter[str] = Counter()
    examples: list[str] = []
    checked = 0
    law: Law | None = None
    law_doc = ""
    for finding in findings:
        if not finding["doc"].endswith(".xml"):
            continue
        if law is None or finding["doc"] != law_doc:
            law, law_doc = Law(finding["doc"]), finding["doc"]
        checked += 1
        for kind, detail in problems_of(law, finding):
            problems[kind] += 1
            if len(examples) < show:
                examples.append(f"{finding['doc']} {finding['label']}: {kind}" + (f" ({detail})" if detail else ""))
    print(f"checked against their XML: {checked:,}")
    print(f"with a problem: {sum(problems.values()):,}")
    for kind, count in problems.most_common():
        print(f"  {count:>8,}  {kind}")
    for example in examples:
        print(f"  e.g. {example}")
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("findings", type=Path, nargs="?", help="the JSONL written by analogreg scan --out")
    parser.add_argument("--all", type=Path, metavar="DIR", help="check every unit of every XML file under DIR")
    parser.add_argument("--limit", type=int, default=0, help="with --all: only the first N files")
    parser.add_argument("--show", type=int, default=20, help="print up to N problems")
    args = parser.parse_args()
    if (args.findings is None) == (args.all is None):
        parser.error("give either FINDINGS.jsonl or --all DIR")
    if args.all is not None:
        skipped: Counter[str] = Counter()
        started = time.perf_counter()
        status = check(units_of(args.all, args.limit, skipped), args.show)
        for what, count in skipped.items():
            print(f"not checked: {count:,} {what}")
        print(f"{time.perf_counter() - started:.0f} s")
        return status
    return check(findings_of(args.findings), args.show)


if __name__ == "__main__":
    sys.exit(main())
