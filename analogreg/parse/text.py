"""横書き 例規 as plain text (copied from Word or a 例規集, or a machine extract) → Law.

Two shapes, both real:

- the tidy copy: ``○題名`` / date / ``条例第20号`` header lines, 見出し ``（目的）`` on its own line above
  ``第１条　…`` (全角 spaces after numbers), ``２　…`` paragraphs, ``(1)``/``⑴``/``ア``/``(ア)`` items,
  ``附　則`` and ``附　則（平成10年3月30日条例第5号）`` headings (or ``付　則``, as many 規程・要綱 print it),
  附則 paragraphs numbered 1, 2;
- the untidy extract (三郷市): one line per 条 with its 見出し run in — ``(目的) 第1条 この条例 は、…。`` —
  half-width parentheses, stray spaces where links were (kept as written), 項 and 号 sometimes run into the
  same line.

A line is split into 項 and 号 only where the numbering makes it unambiguous: a paragraph number must be
the next one expected and follow a 。; an item title must be the next in its list (or the first of a
new list after a 。). Anything else is text of the current provision. Original characters are kept;
numbers are normalised (全角/半角, 漢数字) only to compute e-Gov numbers.
"""

from __future__ import annotations

import re
from pathlib import Path

from analogreg.errors import InputError
from analogreg.model import Law
from analogreg.numbering import KANJI_NUMERAL_CHARS, detect_style
from analogreg.parse.municipal import (
    ARTICLE_TITLE_RE,
    DIGITS,
    DIVISION_RE,
    LAW_NUM_KINDS,
    SUPPL_RE,
    TOC_RE,
    WS,
    LawBuilder,
    TocSkipper,
    halfwidth_int,
    is_revision_note,
    item_family,
    kind_of,
    suppl_word,
)

# 見出し: a bracketed phrase of up to about 100 characters (the 三郷市 例規 run to 58) that may hold a bracket pair of
# its own — (改修(計画)報告書の提出) — and never a 。: a bracketed line with 。 is a sentence or a parenthesis that a
# line break left on its own line, such as (以下「事務局」という。).
_CAPTION_MAX = 100
_CAPTION = r"[(（](?:[^()（）。]|[(（][^()（）。]*[)）])+[)）]"
_CAPTION_RE = re.compile(rf"^(?P<caption>{_CAPTION})$")
_LEAD_CAPTION_RE = re.compile(rf"^(?P<caption>{_CAPTION}){WS}*(?=第)")
# A bracketed 例規番号 alone, (平成16年(2004年)4月1日条例第7号), is what is left of a 附則 heading, not a 見出し.
_LAW_NUM_ONLY_RE = re.compile(
    rf"^[(（](?:明治|大正|昭和|平成|令和)(?:[^()（）]|[(（][^()（）]*[)）])*第[{DIGITS}{KANJI_NUMERAL_CHARS}]+号[)）]$"
)
_ARTICLE_SEP_RE = re.compile(rf"^(?:{WS}+|$)")
_PARAGRAPH_RE = re.compile(rf"^(?P<title>[{DIGITS}]{{1,3}})(?:{WS}+|$)")
_KANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
_IROHA = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス"
_KANJI_NUM = "一二三四五六七八九十"
# Item titles at the start of a line: (1) （１） ⑴ ① (ア) （ア） ア イ; (1)の2; 漢数字 一 for 縦書き-style 例規.
_ITEM_TITLE = (
    rf"(?:[(（][{DIGITS}]{{1,3}}[)）]|[⑴-⒇]|[①-⑳]|[(（][{_KANA}{_IROHA}][)）]|[(（][{_KANJI_NUM}]+[)）]"
    rf"|[{_KANA}{_IROHA}]|[{_KANJI_NUM}]+|[{DIGITS}]{{1,3}})(?:の[{DIGITS}{_KANJI_NUM}]+)?"
)
_ITEM_RE = re.compile(rf"^(?P<title>{_ITEM_TITLE})(?:{WS}+|$)")
# Items run into a line: only the bracketed and circled titles, which ordinary text does not start with.
_RUN_IN_ITEM = rf"(?:[(（][{DIGITS}]{{1,3}}[)）]|[⑴-⒇]|[①-⑳]|[(（][{_KANA}][)）])"
_RUN_IN_RE = re.compile(rf"(?P<ws>{WS}+)(?:(?P<para>[{DIGITS}]{{1,3}})|(?P<item>{_RUN_IN_ITEM}))(?={WS})")
_N = f"[{DIGITS}{KANJI_NUMERAL_CHARS}]"
# A 別表 / 別記 / 様式 heading: the word, then nothing but its numbering (別表第1の2, 別記様式第3号, 様式1, 別表甲),
# then a bracket, a blank or the line's end. A line wrapped before 「別表に定める使用料を…」 or a sentence opening
# with 「別表の規定は、…」 is text: it opened a table, and its words left the provision.
_APPENDIX_RE = re.compile(
    rf"^(?P<title>(?:別表|別記|様式)(?:{_N}|[第号の様式甲乙丙丁])*)(?=[(（\s\u3000]|$)(?P<related>[(（][^()（）]*[)）])?"
)
_DATE_RE = re.compile(rf"^(?:明治|大正|昭和|平成|令和)(?:元|{_N}+)年{_N}+月{_N}+日{WS}*")
# 例規番号, or the number of a national law or 省令 copied as text (昭和23年厚生省令第28号).
_NUMBER_RE = re.compile(rf"^[^\s\u3000]{{0,12}}?(?:{LAW_NUM_KINDS})第{_N}+号$")


def _is_caption(text: str) -> bool:
    """A 見出し as written: brackets around at most ``_CAPTION_MAX`` characters, no 。, not a bare 例規番号."""
    return len(text) <= _CAPTION_MAX + 2 and bool(_CAPTION_RE.match(text)) and not _LAW_NUM_ONLY_RE.match(text)


def parse_text(text: str, source: str) -> tuple[Law, list[str]]:
    """Parse a decoded 例規 text."""
    return parse_lines(text.splitlines(), source)


def parse_lines(lines: list[str], source: str) -> tuple[Law, list[str]]:
    """Parse 例規 text given as lines (the HTML reader passes the lines of pages it does not know)."""
    style = detect_style("\n".join(lines[:400]))
    reader = _TextReader(source, LawBuilder(source, style))
    for number, raw in enumerate(lines, start=1):
        reader.line(raw, number)
    return reader.finish()


class _TextReader:
    def __init__(self, source: str, builder: LawBuilder) -> None:
        self.source = source
        self.b = builder
        self.in_header = True
        self.header: list[str] = []
        self.caption = ""
        self.toc = TocSkipper()

    def line(self, raw: str, number: int) -> None:
        line = raw.strip(" \t\r\n\u3000\u00a0\ufeff")
        if not line:
            return
        if is_revision_note(line):
            self.b.notes.append(line)
            return
        if self.in_header:
            if not (self._looks_structural(line) or TOC_RE.match(line)):
                self.header.append(line)
                return
            self._end_header()
        if self.toc.skip(line):
            return
        self._body(line, number)

    # --- header: ○題名, date, 例規番号; 目次 ----------------------------------------------------------------

    def _end_header(self) -> None:
        """Title, date and number from the lines above the first provision (公布文 and 改正 lines ignored)."""
        self.in_header = False
        titled = [line for line in self.header if line.startswith(("○", "◯"))]
        if titled:
            self.b.title = titled[0].lstrip("○◯ \u3000")
        elif self.header:
            self.b.title = self.header[0]
        date = number = ""
        for line in self.header:
            match = _DATE_RE.match(line)
            rest = line[match.end() :] if match else line
            if match and not date:
                date = match.group(0).strip(" \u3000")
            if rest and _NUMBER_RE.match(rest) and not number:
                number = rest
        if date or number:
            self.b.law_num = f"{date}{number}"

    def _looks_structural(self, line: str) -> bool:
        paragraph = _PARAGRAPH_RE.match(line)
        return bool(
            ARTICLE_TITLE_RE.match(line)
            or _LEAD_CAPTION_RE.match(line)
            or (_is_caption(line) and not is_revision_note(line))
            or SUPPL_RE.match(line)
            or DIVISION_RE.match(line)
            or (paragraph and halfwidth_int(paragraph["title"]) == 1)
        )

    # --- body ------------------------------------------------------------------------------------------

    def _body(self, line: str, number: int) -> None:
        suppl = SUPPL_RE.match(line)
        if suppl:
            self._flush_caption(number)
            self.b.suppl(suppl_word(suppl), suppl["law_num"] or None, bool(suppl["extract"]))
            return
        if self.b.in_appendix and self._table_line(line, number):
            return
        if _is_caption(line) and item_family(line, self.b.kana_order) is None:
            if self.caption:
                # Two bracketed lines in a row: the first was no 見出し of an article; keep it as text.
                self.b.continue_text(self.caption)
            self.caption = line
            return
        lead, line = self._lead_caption(line)
        if lead:
            self.caption = lead
        article = ARTICLE_TITLE_RE.match(line)
        if article and _ARTICLE_SEP_RE.match(line[article.end() :]):
            self.b.article(article.group(0), self.caption, number)
            self.caption = ""
            self._run_in(line[article.end() :], number)
            return
        division = DIVISION_RE.match(line)
        if division and not article:
            self.b.division(division)
            return
        appendix = _APPENDIX_RE.match(line)
        if appendix:
            self.b.appendix_start(appendix["title"], appendix["related"] or "")
            rest = line[appendix.end() :].strip(" \u3000")
            if rest:
                self.b.text(rest, number)
            return
        if self._paragraph_line(line, number):
            return
        if self._item_line(line, number):
            return
        if self.caption and self.b.in_suppl and not self.b.in_article:
            # A 見出し above unnumbered text in a 附則 (「附　則」「（施行期日）」「この規則は、…」) heads a paragraph
            # of its own, as above a numbered 項: it was dropped, and the text ran on into the paragraph before.
            self.b.unnumbered_paragraph(caption=self.caption)
            self.caption = ""
            self.b.continue_text(line)
            return
        if self.caption and not self.b.has_content:
            # A 見出し above text that is not an article: keep it as text rather than lose it.
            self.b.text(self.caption, number)
        self.caption = ""
        self.b.continue_text(line)

    def _table_line(self, line: str, number: int) -> bool:
        """A line inside an open 別表: True when it is the table's text.

        A table runs over many lines — one cell a line, 備考 numbered 1, 2, a 「(単位:円)」 — and none of them is a
        paragraph, 号 or 見出し. Only a 附則 heading (read before this), the next 別表/様式 heading, or an article
        heading that carries on the numbering of the articles before the table ends it; a bracketed line is held
        back as the 見出し of such an article and goes to the table when no article follows.
        """
        if _APPENDIX_RE.match(line):
            self._flush_caption(number)
            return False
        if _is_caption(line) and item_family(line, self.b.kana_order) is None:
            self._flush_caption(number)
            self.caption = line
            return True
        _, rest = self._lead_caption(line)
        article = ARTICLE_TITLE_RE.match(rest)
        if article and _ARTICLE_SEP_RE.match(rest[article.end() :]) and self.b.continues_articles(article.group(0)):
            return False
        self._flush_caption(number)
        self.b.text(line, number)
        return True

    def _flush_caption(self, number: int | None) -> None:
        """A held-back bracketed line that no article took: text where the reader is, never dropped."""
        if self.caption:
            self.b.text(self.caption, number)
            self.caption = ""

    def _lead_caption(self, line: str) -> tuple[str, str]:
        """The 見出し run into an article's line — ``(目的) 第1条 …`` — and the article's heading and text after it;
        ("", line) when the line is no such heading.

        A 号 number is never a 見出し: 「(2) 第7条 の規定による命令に従わなかった者」 is a 号 citing 第7条, and the
        bracket must be followed by a whole article heading (第N条 and a space), not a citation such as
        「(1) 第1条及び第3条の規定並びに…」.
        """
        lead = _LEAD_CAPTION_RE.match(line)
        if not lead or not _is_caption(lead["caption"]) or item_family(lead["caption"], self.b.kana_order) is not None:
            return "", line
        rest = line[lead.end() :]
        article = ARTICLE_TITLE_RE.match(rest)
        if not article or not _ARTICLE_SEP_RE.match(rest[article.end() :]):
            return "", line
        return lead["caption"], line[len(lead["caption"]) :].lstrip(" \t\u3000\u00a0")

    def _paragraph_line(self, line: str, number: int) -> bool:
        match = _PARAGRAPH_RE.match(line)
        if not match:
            return False
        value = halfwidth_int(match["title"])
        expected = self.b.next_paragraph()
        if value != expected and not (value == 1 and expected == 2 and not self.b.unit_has_text):
            return False
        # Bare digits are items only when a digit-numbered list is open and expects this number.
        if self.b.item_is_open("digit") and self.b.next_item("digit") == value:
            return False
        self.b.paragraph(match["title"], value, caption=self.caption)
        self.caption = ""
        self._run_in(line[match.end() :], number)
        return True

    def _item_line(self, line: str, number: int) -> bool:
        match = _ITEM_RE.match(line)
        if not match:
            return False
        family = item_family(match["title"], self.b.kana_order)
        if family is None:
            return False
        fam, num = family
        value = int(num.split("_")[0])
        # A bare kana or kanji numeral opens a list only as its first member; otherwise it must continue one.
        if fam in ("kana", "kanji", "digit") and not self.b.item_is_open(fam) and value != 1:
            return False
        self.b.item(match["title"], number)
        self._run_in(line[match.end() :], number, item_line=True)
        return True

    def _run_in(self, rest: str, number: int, *, item_line: bool = False) -> None:
        """Text after a number, split where a next paragraph or item number is run into the same line.

        On a line that opens with a 号 (``item_line``) a bracketed number splits only after a 。: a 号 names table rows
        and other lists by their numbers — 「(1) 別表職印 (1) 市長印7の項の改正規定及び同表職印 (2) 職務代理者印…」
        (三郷市公印規程) — where an article's line runs its 号 in without one.
        """
        position = 0
        while True:
            marker = self._next_marker(rest, position, item_line)
            if marker is None:
                break
            start, end, kind, title = marker
            self.b.text(rest[position:start], number)
            if kind == "para":
                self.b.paragraph(title, halfwidth_int(title))
            else:
                self.b.item(title, number)
            position = end
        self.b.text(rest[position:], number)

    def _next_marker(self, rest: str, position: int, item_line: bool) -> tuple[int, int, str, str] | None:
        for match in _RUN_IN_RE.finditer(rest, position):
            before = rest[position : match.start()]
            boundary = before.rstrip().endswith("。")
            if match["para"]:
                if boundary and halfwidth_int(match["para"]) == self.b.next_paragraph():
                    return match.start(), match.end(), "para", match["para"]
                continue
            title = match["item"]
            family = item_family(title, self.b.kana_order)
            if family is None:
                continue
            fam, num = family
            value = int(num)
            expected = self.b.next_item(fam) if self.b.item_is_open(fam) else 1
            if value == expected and (boundary or (self.b.item_is_open(fam) and not item_line)):
                return match.start(), match.end(), "item", title
        return None

    # --- result ----------------------------------------------------------------------------------------

    def finish(self) -> tuple[Law, list[str]]:
        b = self.b
        if b.has_content:
            self._flush_caption(None)
        if self.in_header:
            self._end_header()
        if not b.title:
            b.title = Path(self.source).stem
            b.warnings.append("no title line (○題名) above the first provision; the file name is used")
        kind = kind_of(b.title, b.law_num)
        has_articles = any(True for part in b.parts for _ in part.articles)
        if not has_articles and kind == "その他":
            raise InputError(
                self.source,
                "no article (第1条 …) found and the title names no 例規 (条例, 規則, 規程, 要綱 …): not a statute text",
            )
        if not b.has_content:
            raise InputError(self.source, "a title but no provisions: not a statute text")
        law = b.build(kind)
        return law, b.warnings
