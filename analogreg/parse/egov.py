"""e-Gov 法令標準XML (schema v3) → Law. Reads the 2020 pretty-printed and the 2025 compact files alike.

What becomes text, exactly (the no-character-lost test checks this definition):

- Every top-level ``<Sentence>`` inside 本則 and 附則 provisions becomes one model Sentence, in document
  order, owned by the nearest 項 / 号 / 細目 (Subitem1…10). Sentences of tables (TableStruct), lists
  (List / Sublist), figures' and tables' remarks (Remarks) and style blocks inside a provision are sentences
  of that provision; a table cell's sentences carry ``column`` = the cell's position in its row, so that
  joined text separates cells by a full-width space.
- A Sentence's text is all its text nodes in order, with Ruby readings (``<Rt>``) dropped and the base text
  kept; Sup / Sub / Line / ArithFormula keep their text inline. A ``<QuoteStruct>`` inside a sentence
  (a quoted table in an amending provision) stays part of that sentence's text, so its inner Sentences are
  not separate sentences. Pretty-printing whitespace is removed: a text node of blanks alone between elements
  (libxml2's ignorable whitespace: unless the element holds text of its own before it, or nothing else at all),
  and any run of ASCII whitespace containing a line break; no statute sentence contains a line break of its own.
- AmendProvision: its 改め文 (AmendProvisionSentence) is text of the paragraph; the NewProvision it
  quotes (the text of another law's new provision) is left out, so that nothing is cited as a provision
  of this law that is not one.
- 別表 (AppdxTable) and the other appended parts (別記 AppdxNote, 様式 AppdxStyle, 書式 AppdxFormat, 別図
  AppdxFig, 付録 Appdx, and their 附則 forms) become ``AppendixTable`` entries: title, related
  （第三条関係）, and their text one table row or sentence per line. 様式 are mostly images, so their entry
  usually has a title and no text: it records that a 様式 exists.
- 附則 of amending acts: ``amend_law_num`` is the AmendLawNum in the form a citation uses —
  平成一五年九月一九日政令第四二〇号 becomes 平成十五年政令第四百二十号 (date dropped, numerals written out).
- 前文 (Preamble), 制定文 (EnactStatement) and the 目次 are not provisions and are not kept.

Numbers: Article/Paragraph/Item Num attributes are e-Gov numbers ("77_28"). A deleted range
(Num="2:3", 第二条及び第三条 削除) is stored under its first number and labelled with the range as written.

Partial reading (``keep``, for the batch scan only): an article whose text the predicate rejects is not built
at all, and neither are the appended parts (別表 …), which hold no provision unit. Of an article with several
paragraphs, only the paragraphs whose text, read after the article's 見出し, the predicate accepts are built: all
a unit's context (見出し, what holds it, its whole paragraph) lies there. The text the predicate sees is all the
text of the element (captions and labels included) with Ruby readings dropped and line breaks with the
indentation after them removed, so a predicate that holds on a text whenever it holds on a piece of it — a regex
search, the keyword prefilter — keeps every article and paragraph with a sentence it accepts. Paragraphs outside
articles (a 附則 of numbered paragraphs, an article-less 本則) are numbered and labelled by how many there are,
so they are kept or left out together: all of them when the predicate accepts their 附則 (or 本則) as a whole.
Divisions are always built; a 附則 only when the predicate accepts it as a whole (nothing in it could be kept
otherwise, and a 附則 is cited by its own 法令番号, not by its place among the others). A kept article's
citation label depends on nothing outside it, so it is the label of a full reading (a paragraph left out still
counts, so that one kept is cited 第一項 where the article has several); and an article or paragraph with a Num
that is neither a number nor a range (it may give a warning or an error) is built anyway, so that a partial
reading reports the same warnings and errors as a full one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from lxml import etree

from analogreg.errors import InputError
from analogreg.model import (
    AppendixTable,
    Article,
    Division,
    Item,
    Law,
    LawKind,
    Paragraph,
    Sentence,
    SupplProvision,
    build,
    finalize,
)
from analogreg.numbering import ORDINAL_NUMERAL, int_to_kanji, item_title_value, kanji_to_int, ordinal_title

_PRETTY_WS = re.compile(r"[ \t]*\r?\n[ \t\r\n]*")
_NUM_RE = re.compile(r"^\d+(?:_\d+)*$")
_NUMERAL = ORDINAL_NUMERAL
_TITLE_NUM_RE = re.compile(rf"^第({_NUMERAL})[条項号]((?:の{_NUMERAL})*)")
# An ItemTitle that gives a 号 number: 一, 十二, ２ (kana titles are 細目, not 号).
_TITLE_DIGITS_RE = re.compile(r"^[〇一二三四五六七八九十百千0-9０-９]+$")
# A 号 titled by kana (イ, ロ, or a range イ～ハ) rather than by a number.
_KANA_TITLE = re.compile(r"^[ア-ン](?:[～~][ア-ン])?$")
_RANGE_RE = re.compile(r"^(\d+(?:_\d+)*):(\d+(?:_\d+)*)$")
# A branch number written with a katakana ノ (第四十四条ノ二, item 四ノ二), as statutes drafted in katakana do.
_KATAKANA_BRANCH = re.compile(r"^第?[〇一二三四五六七八九十百千]+(?:条|号)?ノ[〇一二三四五六七八九十百千]")

_DIVISIONS = {"Part": "編", "Chapter": "章", "Section": "節", "Subsection": "款", "Division": "目"}
_SUBITEMS = {f"Subitem{n}": n for n in range(1, 11)}
_ITEM_TITLE = {"Item": "ItemTitle", **{tag: f"{tag}Title" for tag in _SUBITEMS}}
_ITEM_SENTENCE = {"Item": "ItemSentence", **{tag: f"{tag}Sentence" for tag in _SUBITEMS}}
_ITEM_CHILD = {"Item": "Subitem1", **{f"Subitem{n}": f"Subitem{n + 1}" for n in range(1, 10)}}
_APPENDIX_TITLES = {
    "AppdxTable": "AppdxTableTitle",
    "AppdxNote": "AppdxNoteTitle",
    "AppdxStyle": "AppdxStyleTitle",
    "AppdxFormat": "AppdxFormatTitle",
    "AppdxFig": "AppdxFigTitle",
    "Appdx": "ArithFormulaNum",
    "SupplProvisionAppdxTable": "SupplProvisionAppdxTableTitle",
    "SupplProvisionAppdxStyle": "SupplProvisionAppdxStyleTitle",
    "SupplProvisionAppdx": "ArithFormulaNum",
}
# Parts of a provision that are neither its own sentences nor structure: labels and headings.
_LABEL_TAGS = frozenset(
    {"ParagraphNum", "ParagraphCaption", "ArticleCaption", "ArticleTitle", "ItemTitle", "RemarksLabel"}
    | {f"{tag}Title" for tag in _SUBITEMS}
    | {"TableStructTitle", "FigStructTitle", "StyleStructTitle", "NoteStructTitle", "FormatStructTitle"}
)

_LAW_TYPES: dict[str, LawKind] = {
    "Act": "法律",
    "CabinetOrder": "政令",
    "ImperialOrder": "勅令",
    "Rule": "規則",
    "Constitution": "その他",
}

# remove_blank_text: the blank text nodes of pretty-printing are more than half of a 2020 file's text; dropping them
# in libxml2 makes the parse 15% faster and every later text search shorter. It also drops the blanks that some
# files put between elements without a line break (「      へ      き地」 in a 傍点 title, 「を「<QuoteStruct>    」).
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True, remove_blank_text=True
)

KeepPredicate = Callable[[str], object]
"""Called with an article's (or appended part's) whole text; a false result leaves it out of the Law."""


@dataclass(frozen=True)
class Utf8Keep:
    """A keep predicate that reads the text as UTF-8 bytes: the reader then hands it lxml's serialisation as is.

    The scan's partial reading tests every article of the archive (25 M characters a quarter of it): decoding each
    into a str only for the keyword automaton to encode it again cost 40% of that test. Called with a str (as any
    KeepPredicate), it encodes it, so it answers alike either way.
    """

    test: Callable[[bytes], object]

    def __call__(self, text: str) -> object:
        return self.test(text.encode())


# A Num that _num() would warn about or reject (not "3", "77_28" or a range "2:3"). Only in a document that has
# one must a left-out article be looked into, so that a partial reading gives the same warnings and errors.
# The pattern starts with its literal, which re finds fast (a leading \s would cost half an lxml parse);
# the lookbehind then rejects AmendLawNum= and the like.
_ODD_NUM = re.compile(rb'Num="(?!\d+(?:_\d+)*(?::\d+(?:_\d+)*)?")(?<=\sNum=")')
_NUMBERED_TAGS = ("Article", "Paragraph", "Item", *(f"Subitem{n}" for n in range(1, 11)))
_PROVISION_GROUPS = frozenset({"Article", "Paragraph", "SupplProvision", "MainProvision"})
# Line breaks and the indentation after them, over the keep predicate's UTF-8 text (all ASCII: no byte of a
# multi-byte character is below 0x80), where _PRETTY_WS (which also takes the blanks before a break) would cost three
# times as much on a whole article. _BREAKS is the same over a str (bench/prefilter_shares.py reads articles so).
_BREAKS_UTF8 = re.compile(rb"\n[ \t\r\n]*")
_BREAKS = re.compile(r"\n[ \t\r\n]*")


def parse_egov(data: bytes, source: str, keep: KeepPredicate | None = None) -> tuple[Law, list[str]]:
    """Parse one e-Gov 法令標準XML document.

    ``keep`` makes a partial Law for the batch scan (see the module docstring): articles and appended parts
    whose text it rejects are left out. Only a caller that looks at nothing else — the scan, with the
    prefilter of the rules it applies — may pass it; everything else needs the whole Law.
    """
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as err:
        line = err.position[0] if err.position else None
        reason = str(err.msg or err).strip()
        raise InputError(source, f"malformed XML: {reason}", line) from None
    if root.tag != "Law":
        raise InputError(
            source, f"XML, but not e-Gov 法令標準XML (root element <{root.tag}>, expected <Law>)", root.sourceline
        )
    body = root.find("LawBody")
    if body is None:
        raise InputError(source, "e-Gov XML without <LawBody>: not a statute", root.sourceline)
    reader = _Reader(source)
    if keep is not None:
        if b"<Rt" in data:
            # Ruby readings are not text (a reading inside 謄写 would hide the word from the predicate).
            etree.strip_elements(root, "Rt", with_tail=False)
        reader.keep = keep
        # The text is read as lxml serialises it, UTF-8; a str predicate gets it decoded.
        reader.keep_utf8 = keep.test if isinstance(keep, Utf8Keep) else lambda data: keep(data.decode())
        reader.odd_nums = _ODD_NUM.search(data) is not None
    law = reader.read(root, body)
    return law, reader.warnings


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.keep: KeepPredicate | None = None
        self.keep_utf8: Callable[[bytes], object] | None = None  # keep, reading the text as UTF-8 bytes
        self.odd_nums = False
        self.main: etree._Element | None = None
        self.main_paragraphs: bool | None = None  # whether the 本則's own paragraphs are built (partial reading)
        self.warnings: list[str] = []
        # Nodes cited by their title as written, applied after finalize(): a range (Num="2:3" → 第二条及び第三条)
        # and a katakana-era branch number (第四十四条ノ二): (node, the citation as written).
        self.as_written: list[tuple[Article | Item, str]] = []
        # 号 that e-Gov numbers with a kana (Num="イ"): cited by their title, 第四条イ, not as a 号.
        self.titled_items: list[tuple[Item, str]] = []
        # Articles some of whose paragraphs the partial reading left out (see finalize()).
        self.several_paragraphs: set[int] = set()

    # --- law ------------------------------------------------------------------------------------

    def read(self, root: etree._Element, body: etree._Element) -> Law:
        law_num = _plain(root.find("LawNum")) or None
        title = _plain(body.find("LawTitle"))
        if not title:
            raise InputError(self.source, "e-Gov XML without a <LawTitle>: not a statute", body.sourceline)
        main = body.find("MainProvision")
        if main is None:
            raise InputError(self.source, "e-Gov XML without <MainProvision>: not a statute", body.sourceline)

        law_body: list[Division | Article] = []
        paragraphs: list[Paragraph] = []
        appendix: list[AppendixTable] = []
        self.main = main
        self._read_main(main, law_body, paragraphs, appendix)

        suppl: list[SupplProvision] = []
        for child in body:
            tag = child.tag
            if tag == "SupplProvision":
                if (provision := self._suppl(child, appendix)) is not None:
                    suppl.append(provision)
            elif tag in _APPENDIX_TITLES and self.keep is None:
                appendix.append(self._appendix(child, prefix=""))

        law = build(
            Law,
            title=title,
            law_num=law_num,
            kind=_law_kind(root.get("LawType"), law_num),
            numbering="kanji",
            source=self.source,
            body=law_body,
            paragraphs=paragraphs,
            suppl=suppl,
            appendix=appendix,
        )
        finalize(law, several_paragraphs=self.several_paragraphs)
        self._label_as_written()
        self._label_titled_items()
        return law

    def _read_main(
        self,
        el: etree._Element,
        out: list[Division | Article],
        paragraphs: list[Paragraph],
        appendix: list[AppendixTable],
    ) -> None:
        for child in el:
            tag = child.tag
            if tag == "Article":
                if self._wanted(child):
                    out.append(self._article(child))
            elif tag in _DIVISIONS:
                out.append(self._division(child, paragraphs, appendix))
            elif tag == "Paragraph":
                if self.main_paragraphs is None:
                    self.main_paragraphs = self._wanted(self.main)
                if self.main_paragraphs:
                    paragraphs.append(self._paragraph(child, len(paragraphs) + 1))
            elif tag in _APPENDIX_TITLES:
                if self.keep is None:
                    appendix.append(self._appendix(child, prefix=""))
            elif isinstance(tag, str) and not tag.endswith("Title"):
                self._unexpected(child)

    def _division(self, el: etree._Element, paragraphs: list[Paragraph], appendix: list[AppendixTable]) -> Division:
        children: list[Division | Article] = []
        self._read_main(el, children, paragraphs, appendix)
        return build(
            Division,
            kind=_DIVISIONS[el.tag],
            num=el.get("Num") or "",
            title=_plain(el.find(f"{el.tag}Title")),
            children=children,
        )

    # --- 附則 -------------------------------------------------------------------------------------

    def _suppl(self, el: etree._Element, appendix: list[AppendixTable]) -> SupplProvision | None:
        # Partial reading: a 附則 the predicate rejects as a whole has nothing to build (its paragraphs go
        # together, since their labels depend on how many there are), so it is left out of the Law (a 附則 is
        # cited by its own 法令番号, not by its place among the others); its children are still looked at, so
        # that what a whole reading would warn about is reported all the same.
        whole = self._wanted(el)
        raw_amend = el.get("AmendLawNum")
        amend_law_num = law_num_citation(raw_amend) if whole and raw_amend else None
        articles: list[Article] = []
        paragraphs: list[Paragraph] = []
        prefix = f"附則（{amend_law_num}）" if amend_law_num else "附則"
        for child in el:
            tag = child.tag
            if tag == "Article":
                if whole and self._wanted(child):
                    articles.append(self._article(child))
            elif tag == "Paragraph":
                if whole:
                    paragraphs.append(self._paragraph(child, len(paragraphs) + 1))
            elif tag in _DIVISIONS:
                # 附則 of a large law may have chapters; their articles are cited as 附則第何条 all the same.
                for article in child.iter("Article") if whole else ():
                    if self._wanted(article):
                        articles.append(self._article(article))
            elif tag in _APPENDIX_TITLES:
                if self.keep is None:
                    appendix.append(self._appendix(child, prefix=prefix))
            elif tag != "SupplProvisionLabel" and isinstance(tag, str):
                self._unexpected(child)
        if not whole:
            return None
        return build(
            SupplProvision,
            title=_plain(el.find("SupplProvisionLabel")) or "附則",
            amend_law_num=amend_law_num,
            extract=el.get("Extract") == "true",
            articles=articles,
            paragraphs=paragraphs,
        )

    def _printed_numbers(self, siblings: list[Article] | list[Item], *, whole_list: bool) -> None:
        """Number articles and 号 as their titles print them, where e-Gov's Num says otherwise.

        法制執務: a provision is cited by the number the statute prints. e-Gov numbers what an extract (抄) keeps in
        sequence (Num 1, 2, 3 for items printed 「一・二」 略, 三, 四), and now and then mistypes a Num (Num="13"
        for the 号 printed 十二, Num="3" for 第三十条). A node whose title is no number keeps e-Gov's Num. For a
        whole list (the 号 of a paragraph), only when every title is a number and they increase: pre-war statutes
        print 「一」 before every 号. Articles are judged one by one, so that the scan's partial reading (which
        builds some articles only) agrees with a whole one.
        """
        printed = [_printed_num(node.title) for node in siblings]
        if whole_list:
            if not siblings or any(p is None for p in printed):
                return
            keys = [tuple(int(part) for part in p[0].split("_")) for p in printed if p is not None]
            if any(a >= b for a, b in pairwise(keys)):
                return
        for node, found in zip(siblings, printed, strict=True):
            if found is not None:
                node.num = found[0]

    # --- partial reading ---------------------------------------------------------------------------

    def _wanted(self, el: etree._Element, caption: str = "") -> bool:
        """Whether to build this article, paragraph (of an article, read with its ``caption``), 附則 or 本則: yes,
        unless ``keep`` rejects its text.

        A provision holding a Num that is neither a number nor a range (the reader may warn about it or reject
        it) is built all the same, so that a partial reading reports what a whole one does.
        """
        if self.keep_utf8 is None:
            return True
        data = etree.tostring(el, method="text", encoding="utf-8")
        if b"\n" in data:
            data = _BREAKS_UTF8.sub(b"", data)
        if self.keep_utf8(caption.encode() + data if caption else data):
            return True
        return self.odd_nums and el.tag in _PROVISION_GROUPS and any(_odd_num(n) for n in el.iter(*_NUMBERED_TAGS))

    # --- provisions -------------------------------------------------------------------------------

    def _article(self, el: etree._Element) -> Article:
        # One pass over the children (each find() would cost as much as that whole pass).
        title_el = caption_el = None
        paragraph_els = []
        for child in el:
            tag = child.tag
            if tag == "Paragraph":
                paragraph_els.append(child)
            elif tag == "ArticleTitle" and title_el is None:
                title_el = child
            elif tag == "ArticleCaption" and caption_el is None:
                caption_el = child
        title = _plain(title_el)
        num = self._num(el, title, fallback=None)
        caption = _plain(caption_el)
        if self.keep is not None and len(paragraph_els) > 1:
            # Partial reading: of an article with several paragraphs, only those the predicate accepts together
            # with the article's 見出し (a paragraph is numbered by its own Num, or its place, counted over all).
            kept = [(i, p) for i, p in enumerate(paragraph_els, start=1) if self._wanted(p, caption)]
            paragraphs = [self._paragraph(p, i) for i, p in kept]
        else:
            paragraphs = [self._paragraph(p, i) for i, p in enumerate(paragraph_els, start=1)]
        article = build(
            Article,
            num=num,
            title=title,
            caption=caption,
            paragraphs=paragraphs,
            deleted=el.get("Delete") == "true",
            location=None,
            label="",
        )
        if len(paragraphs) < len(paragraph_els):
            self.several_paragraphs.add(id(article))
        self._printed_numbers([article], whole_list=False)
        if _is_range(el, title):
            self.as_written.append((article, title if title.startswith("第") else _range_title(title, "条")))
        elif _KATAKANA_BRANCH.search(title):
            self.as_written.append((article, title))
        return article

    def _paragraph(self, el: etree._Element, position: int) -> Paragraph:
        title_el = caption_el = None
        sentences: list[Sentence] = []
        items: list[Item] = []
        for child in el:
            tag = child.tag
            if tag == "ParagraphSentence":
                _container_sentences(child, sentences)
            elif tag == "Item":
                items.append(self._item(child, len(items) + 1))
            elif tag == "ParagraphNum":
                title_el = child if title_el is None else title_el
            elif tag == "ParagraphCaption":
                caption_el = child if caption_el is None else caption_el
            elif tag == "AmendProvision":
                for amend in child.iterchildren("AmendProvisionSentence"):
                    _loose_sentences(amend, sentences, None)
            elif tag not in _LABEL_TAGS and isinstance(tag, str):
                _loose_sentences(child, sentences, None)
        title = _plain(title_el)
        self._printed_numbers(items, whole_list=True)
        return build(
            Paragraph,
            num=self._num(el, title, fallback=position),
            title=title,
            caption=_plain(caption_el),
            sentences=sentences,
            items=items,
            location=None,
            label="",
        )

    def _item(self, el: etree._Element, position: int) -> Item:
        tag = el.tag
        title_tag = _ITEM_TITLE[tag]
        sentence_tag = _ITEM_SENTENCE[tag]
        child_tag = _ITEM_CHILD.get(tag)
        title_el = None
        sentences: list[Sentence] = []
        children: list[Item] = []
        for child in el:
            ctag = child.tag
            if ctag == sentence_tag:
                _container_sentences(child, sentences)
            elif ctag == child_tag:
                children.append(self._item(child, len(children) + 1))
            elif ctag == title_tag:
                title_el = child if title_el is None else title_el
            elif ctag not in _LABEL_TAGS and isinstance(ctag, str):
                _loose_sentences(child, sentences, None)
        title = _plain(title_el)
        item = build(
            Item,
            num=self._num(el, title, fallback=position),
            title=title,
            sentences=sentences,
            children=children,
            location=None,
            label="",
        )
        raw = el.get("Num") or ""
        if tag == "Item" and _is_range(el, title):
            self.as_written.append((item, title if title.startswith("第") else _range_title(title, "号")))
        elif tag == "Item" and _KATAKANA_BRANCH.search(title):
            head, _, branch = title.partition("ノ")
            self.as_written.append((item, f"第{head}号ノ{branch}"))
        elif (
            tag == "Item"
            and title
            and (_KANA_TITLE.match(title) or not _NUM_RE.match(raw))
            and not _TITLE_DIGITS_RE.match(title)
        ):
            # A 号 titled by kana; e-Gov numbers some of them 1, 2 (Num="1" titled イ): the title is what the statute
            # prints and what is cited.
            self.titled_items.append((item, title))
        return item

    def _num(self, el: etree._Element, title: str, fallback: int | None) -> str:
        raw = el.get("Num") or ""
        if _NUM_RE.match(raw):
            return raw
        match = _RANGE_RE.match(raw)
        if match:
            return match.group(1)
        if el.tag == "Item" and title and not _TITLE_DIGITS_RE.match(title):
            # A 号 numbered by kana (イ, ロ, イ～ハ): kept in order, cited by its title after finalize().
            return str(fallback)
        # No usable Num: number it from its title (一, ２, 第三条), else from its position.
        guessed = _num_from_title(title)
        if guessed is None and fallback is not None:
            guessed = str(fallback)
        if guessed is None:
            raise InputError(self.source, f"<{el.tag}> without a usable Num ({raw!r}) or title", el.sourceline)
        self.warnings.append(f"line {el.sourceline}: <{el.tag} Num={raw!r}> numbered {guessed} from its title/position")
        return guessed

    def _label_titled_items(self) -> None:
        """A 号 numbered by kana is a 細目 of its paragraph for citation: 第四条イ, 第四条イ～ハ."""
        for item, title in self.titled_items:
            single = ordinal_title(item.num, "号", "kanji")
            if item.location is None or not item.label.endswith(single):
                continue
            old = item.label
            new = old[: -len(single)] + title
            for part in _nodes_below(item):
                loc = part.location
                if loc is not None and loc.item == item.num:
                    part.location = loc.model_copy(update={"item": None, "subitems": (title, *loc.subitems)})
                if part.label.startswith(old):
                    part.label = new + part.label[len(old) :]

    def _label_as_written(self) -> None:
        """Cite these nodes (and their parts) by their titles as written.

        法制執務: a provision is cited as the statute prints it. A deleted range: 第二条及び第三条, 第一号から第十五号
        まで. A branch number of a statute drafted in katakana: 第四十四条ノ二, 第四号ノ二 (e-Gov's Num is 44_2, which
        would be cited 第四十四条の二, a provision that statute does not have).
        """
        for node, written in self.as_written:
            # The number the label was built from: a range's first (Num="2:3" → 2), or the printed one.
            unit = "条" if isinstance(node, Article) else "号"
            single = ordinal_title(node.num, unit, "kanji")
            if not (written and node.label.endswith(single)):
                continue
            old = node.label
            new = old[: -len(single)] + written
            for part in _nodes_below(node):
                if part.label.startswith(old):
                    part.label = new + part.label[len(old) :]

    # --- 別表 and other appended parts --------------------------------------------------------------

    def _appendix(self, el: etree._Element, prefix: str) -> AppendixTable:
        title_el = el.find(_APPENDIX_TITLES[el.tag])
        title = _plain(title_el) if title_el is not None else ""
        if not title:
            title = {"AppdxStyle": "様式", "AppdxNote": "別記", "AppdxFig": "別図", "AppdxFormat": "書式"}.get(
                el.tag, "別表"
            )
        lines: list[str] = []
        _block_lines(el, lines)
        return build(
            AppendixTable,
            title=prefix + title,
            related=_plain(el.find("RelatedArticleNum")),
            text="\n".join(lines),
        )

    def _unexpected(self, el: etree._Element) -> None:
        self.warnings.append(f"line {el.sourceline}: <{el.tag}> in <{el.getparent().tag}> not read")


# --- sentences ---------------------------------------------------------------------------------------


def sentence_text(el: etree._Element) -> str:
    """The text of a <Sentence> (or any inline element): Ruby readings dropped, pretty-print breaks removed."""
    if len(el) == 0:
        text = el.text or ""
    else:
        parts: list[str] = []
        _collect(el, parts)
        text = "".join(parts)
    if "\n" in text:
        text = _PRETTY_WS.sub("", text)
    return text


def _collect(el: etree._Element, parts: list[str]) -> None:
    if el.text:
        parts.append(el.text)
    for child in el:
        if child.tag != "Rt" and isinstance(child.tag, str):
            _collect(child, parts)
        if child.tail:
            parts.append(child.tail)


def _plain(el: etree._Element | None) -> str:
    return "" if el is None else sentence_text(el)


def _make_sentence(el: etree._Element, role: str, column: int | None) -> Sentence:
    return build(Sentence, text=sentence_text(el), role=role, column=column)


def _container_sentences(container: etree._Element, out: list[Sentence]) -> None:
    """Sentences of ParagraphSentence / ItemSentence / SubitemNSentence, with 本文/ただし書/前段/後段 roles."""
    children = list(container)
    direct = [child for child in children if child.tag == "Sentence"]
    if len(children) == 1 and len(direct) == 1:  # the common case: one sentence
        sentence = direct[0]
        role = "proviso" if sentence.get("Function") == "proviso" else "main"
        out.append(_make_sentence(sentence, role, None))
        return
    has_proviso = any(child.get("Function") == "proviso" for child in direct)
    # 法制執務: two main sentences without a ただし書 are 前段 and 後段.
    split = not has_proviso and len(direct) >= 2
    first = True
    for child in children:
        tag = child.tag
        if tag == "Sentence":
            if child.get("Function") == "proviso":
                role = "proviso"
            elif split:
                role = "former" if first else "latter"
                first = False
            else:
                role = "main"
            out.append(_make_sentence(child, role, None))
        elif tag == "Column":
            _loose_sentences(child, out, _int(child.get("Num")))
        elif isinstance(tag, str):
            _loose_sentences(child, out, None)


def _loose_sentences(el: etree._Element, out: list[Sentence], column: int | None) -> None:
    """Every top-level Sentence below ``el`` (tables, lists, remarks), in document order."""
    for child in el:
        tag = child.tag
        if tag == "Sentence":
            role = "proviso" if child.get("Function") == "proviso" else "main"
            out.append(_make_sentence(child, role, column))
        elif tag == "TableRow":
            for position, cell in enumerate(child.iterchildren("TableColumn"), start=1):
                _loose_sentences(cell, out, position)
        elif tag == "Column":
            _loose_sentences(child, out, _int(child.get("Num")) or column)
        elif tag == "NewProvision" or tag in _LABEL_TAGS:
            continue
        elif isinstance(tag, str):
            _loose_sentences(child, out, column)


def _block_lines(el: etree._Element, lines: list[str]) -> None:
    """Appendix text: one line per table row (cells separated by a full-width space) or sentence."""
    for child in el:
        tag = child.tag
        if tag == "TableRow":
            cells = []
            for cell in child.iterchildren("TableColumn"):
                parts: list[Sentence] = []
                _loose_sentences(cell, parts, None)
                cells.append("".join(s.text for s in parts))
            lines.append("\u3000".join(cells))
        elif tag == "Sentence":
            lines.append(sentence_text(child))
        elif tag in ("RemarksLabel",) or tag in _ITEM_TITLE.values():
            text = sentence_text(child)
            if text:
                lines.append(text)
        elif tag in _APPENDIX_TITLES.values() or tag == "RelatedArticleNum":
            continue
        elif isinstance(tag, str):
            _block_lines(child, lines)


# --- small helpers -----------------------------------------------------------------------------------


def _nodes_below(node: Article | Item) -> list[Article | Paragraph | Item]:
    """The node, its paragraphs and all items and 細目 under it."""
    out: list[Article | Paragraph | Item] = [node]
    stack: list[Paragraph | Item] = list(node.paragraphs) if isinstance(node, Article) else list(node.children)
    while stack:
        part = stack.pop()
        out.append(part)
        stack.extend(part.items if isinstance(part, Paragraph) else part.children)
    return out


_KANJI_DIGITS = "〇一二三四五六七八九"
_AMEND_LAW_NUM_RE = re.compile(
    rf"^(明治|大正|昭和|平成|令和)([元{_KANJI_DIGITS}十]+)年(?:[{_KANJI_DIGITS}十]+月[{_KANJI_DIGITS}十]+日)?"
    rf"(.+?)第([{_KANJI_DIGITS}十百千]+)号$"
)


@lru_cache(maxsize=4096)  # an amending act amends many laws: the same AmendLawNum recurs across a scan
def law_num_citation(raw: str) -> str:
    """e-Gov's AmendLawNum (平成一五年九月一九日政令第四二〇号) as the 法令番号 is cited (平成十五年政令第四百二十号).

    Anything not in that shape is kept as written.
    """
    match = _AMEND_LAW_NUM_RE.match(raw.strip())
    if not match:
        return raw.strip()
    era, year, kind, num = match.groups()
    try:
        year_text = year if year == "元" else int_to_kanji(kanji_to_int(year))
        return f"{era}{year_text}年{kind}第{int_to_kanji(kanji_to_int(num))}号"
    except ValueError:
        return raw.strip()


def _odd_num(el: etree._Element) -> bool:
    """A Num that _Reader._num() numbers from the title or position (with a warning), or rejects."""
    raw = el.get("Num") or ""
    return not (_NUM_RE.match(raw) or _RANGE_RE.match(raw))


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _num_from_title(title: str) -> str | None:
    text = title.strip()
    if text.startswith("第"):
        match = _TITLE_NUM_RE.match(text)
        if match:
            nums = [match.group(1)] + [b for b in match.group(2).split("の") if b]
            try:
                return "_".join(str(kanji_to_int(n)) for n in nums)
            except ValueError:
                return None
        return None
    value = item_title_value(text, "iroha")
    return str(value[1]) if value else None


_PRINTED_NUM = re.compile(
    r"^第?([〇一二三四五六七八九十百千]+)[条号]?((?:の[〇一二三四五六七八九十百千]+)*)(から|及び?|～|・)?"
)


def _is_range(el: etree._Element, title: str) -> bool:
    """A provision that stands for a range: e-Gov's Num says so (Num="2:3"), or only its title does (Num="1"
    titled 「一・二」, as e-Gov gives the omitted 号 of an extract)."""
    return bool(_RANGE_RE.match(el.get("Num") or "") or ((printed := _printed_num(title)) and printed[1]))


@lru_cache(maxsize=8192)  # called for every article and 号 title, and titles (第十条, 三) recur across a scan
def _printed_num(title: str) -> tuple[str, bool] | None:
    """The number a title prints (第三十条 → "30", 十の二 → "10_2", 「一・二」 → "1", a range) or None."""
    match = _PRINTED_NUM.match(title.strip())
    if not match or (not match.group(3) and match.end() != len(title.strip())):
        return None
    parts = [match.group(1), *(b for b in match.group(2).split("の") if b)]
    try:
        return "_".join(str(kanji_to_int(n)) for n in parts), match.group(3) is not None
    except ValueError:
        return None


def _range_title(title: str, unit: str) -> str:
    """A range cited as written out: 一から十五まで → 第一号から第十五号まで; 二及び三 → 第二号及び第三号; e-Gov's
    abbreviations of an extract (一～八, 一・二) the same way, since a citation never uses those signs."""
    match = re.match(r"^(.+?)(から|及び|～|・)(.+?)(まで)?$", title.strip())
    if not match:
        return ""
    first, joint, last = match.group(1), match.group(2), match.group(3)
    joint = {"～": "から", "・": "及び"}.get(joint, joint)
    if "・" in last or "～" in last:
        return ""  # three or more (一・二・三): not a form this reads

    def ordinal(text: str) -> str:
        head, _, branch = text.partition("の")
        return f"第{head}{unit}" + (f"の{branch}" if branch else "")

    return f"{ordinal(first)}{joint}{ordinal(last)}" + ("まで" if joint == "から" else "")


def _law_kind(law_type: str | None, law_num: str | None) -> LawKind:
    if law_type in _LAW_TYPES:
        return _LAW_TYPES[law_type]
    num = law_num or ""
    if law_type == "MinisterialOrdinance" or (law_type == "Misc" and num.endswith("令")):
        # 内閣府令・総理府令 are 府令; 法令番号 of joint ordinances end with 省令 (国土交通省・環境省令).
        return "府令" if re.search(r"府令第", num) else "省令"
    for kind in ("告示", "訓令", "規程", "規則"):
        if kind in num:
            return kind  # type: ignore[return-value]
    return "その他"
