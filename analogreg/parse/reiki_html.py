"""例規集 HTML of the Reiki-Base / g-reiki family (ぎょうせい) → Law.

A page's body is a run of ``div.eline`` blocks, one per printed line: ``div.head`` (p.title-irregular ○題名,
p.date, p.number), ``div.article`` (p.title 見出し, span.num 第1条, span.p one per sentence),
``div.clause`` (项: span.num 2), ``div.item`` (号/細目: span.num (1), ア), ``p.s-head`` (附則, with the
amending 例規's date and number), ``div.table_frame`` (a table), ``div.form_section`` (様式). 沿革 notes —
elements with an ``enkaku`` class and text such as （平30規則48・追加） — are removed from the text.

Pages of other 例規集 systems (no ``div.eline``) are read as text, line by line, by the 横書き text reader.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from analogreg.errors import InputError
from analogreg.model import Law
from analogreg.numbering import Style, detect_style
from analogreg.parse.municipal import (
    DIVISION_RE,
    SUPPL_RE,
    LawBuilder,
    TocSkipper,
    halfwidth_int,
    is_revision_note,
    kind_of,
    split_sentences,
    strip_revision_notes,
    suppl_word,
)

_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>")
_SKIP_TAGS = frozenset({"rt", "rp", "script", "style"})
_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "dt", "dd", "section", "article"}
)


def parse_reiki_html(text: str, source: str) -> tuple[Law, list[str]]:
    """Parse a decoded 例規集 HTML page."""
    try:
        doc = lxml_html.document_fromstring(_XML_DECL_RE.sub("", text, count=1))
    except (etree.ParserError, ValueError) as err:
        raise InputError(source, f"unreadable HTML: {err}") from None
    container = _body_container(doc)
    elines = container.xpath('.//div[contains(concat(" ", normalize-space(@class), " "), " eline ")]')
    if not elines:
        return _as_text(doc, source)
    reader = _ElineReader(source, detect_style(_text(container)))
    toc = TocSkipper()
    for eline in elines:
        if toc.skip(_clean(_text(eline))):
            continue
        reader.read(eline)
    return reader.finish(doc)


def _body_container(doc: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """The statute body (div#primaryInner2 / div.joubun), not the page's side panels (目次, 沿革 tab)."""
    for xpath in (
        '//div[@id="primaryInner2"]',
        '//div[contains(concat(" ", normalize-space(@class), " "), " joubun ")]',
        '//div[@id="primary"]',
        "//body",
    ):
        found = doc.xpath(xpath)
        if found:
            return found[0]
    return doc


class _ElineReader:
    def __init__(self, source: str, style: Style) -> None:
        self.source = source
        self.builder = LawBuilder(source, style)
        self.date = ""
        self.number = ""

    def read(self, eline: lxml_html.HtmlElement) -> None:
        for block in eline:
            if not isinstance(block.tag, str):
                continue
            classes = _classes(block)
            if _is_note(block):
                continue
            line = block.sourceline
            if "head" in classes:
                self._head(block)
            elif "s-head" in classes or "s-head" in _descendant_classes(block, "p"):
                self._suppl(block)
            elif "article" in classes:
                self._article(block, line)
            elif "clause" in classes:
                self._clause(block, line)
            elif any(c.startswith(("item", "subitem")) for c in classes):
                self._item(block, line)
            elif "table_frame" in classes or block.tag == "table":
                self._table(block, line)
            elif "form_section" in classes or "table_section" in classes:
                self._appendix(block)
            elif "xref_frame" in classes:
                continue  # the image of a 様式 or figure
            else:
                self._other(block, line)

    # --- blocks --------------------------------------------------------------------------------------

    def _head(self, block: lxml_html.HtmlElement) -> None:
        for p in block.iter("p"):
            classes = _classes(p)
            value = _text(p).strip()
            if not value:
                continue
            if "date" in classes:
                self.date = value
            elif "number" in classes:
                self.number = value
            elif not self.builder.title:
                self.builder.title = value.lstrip("○◯〇 \u3000")

    def _suppl(self, block: lxml_html.HtmlElement) -> None:
        heading = re.sub(r"[ \u3000]", "", _text(block)).strip()
        match = SUPPL_RE.match(heading)
        if not match:
            self.builder.warnings.append(f"line {block.sourceline}: 附則 heading not understood: {heading!r}")
            self.builder.suppl(heading, None, False)
            return
        self.builder.suppl(suppl_word(match), match["law_num"] or None, bool(match["extract"]))

    def _article(self, block: lxml_html.HtmlElement, line: int | None) -> None:
        caption = ""
        for p in block.iterchildren("p"):
            if "title" in _classes(p):
                caption = _text(p).strip()
        num_span = _first_num(block)
        if num_span is None:
            self._other(block, line)
            return
        self.builder.article(_text(num_span).strip(), caption, line)
        self._sentences(block, line)

    def _clause(self, block: lxml_html.HtmlElement, line: int | None) -> None:
        caption = "".join(_text(p).strip() for p in block.iterchildren("p") if "title" in _classes(p))
        num_span = _first_num(block)
        if num_span is not None:
            title = _text(num_span).strip()
            try:
                number = halfwidth_int(title)
            except ValueError:
                self.builder.warnings.append(f"line {line}: paragraph number {title!r} not understood")
                number = self.builder.next_paragraph()
            self.builder.paragraph(title, number, caption=caption)
        else:
            # An unnumbered paragraph: the single paragraph of a 附則, or the text of an article line
            # that carried only its number.
            self.builder.unnumbered_paragraph(caption=caption)
        self._sentences(block, line)

    def _item(self, block: lxml_html.HtmlElement, line: int | None) -> None:
        num_span = _first_num(block)
        if num_span is None:
            self._other(block, line)
            return
        self.builder.item(_text(num_span).strip(), line)
        self._sentences(block, line)

    def _table(self, block: lxml_html.HtmlElement, line: int | None) -> None:
        for row in block.iter("tr"):
            if "fixed-colspec" in _classes(row):
                continue  # column widths only
            cells = [_clean(_text(cell)) for cell in row if isinstance(cell.tag, str) and cell.tag in ("td", "th")]
            if any(cells):
                self.builder.table_row(cells, row.sourceline or line)

    def _appendix(self, block: lxml_html.HtmlElement) -> None:
        title = ""
        related = ""
        for span in block.iter("span"):
            classes = _classes(span)
            if "num" in classes and not title:
                title = _text(span).strip()
            elif "form-title" in classes:
                related = _text(span).strip()
        if not title:
            title = _clean(_text(block))
        self.builder.appendix_start(title, related)

    def _other(self, block: lxml_html.HtmlElement, line: int | None) -> None:
        value = _clean(_text(block))
        if not value or is_revision_note(value):
            return
        division = DIVISION_RE.match(value)
        if division:
            self.builder.division(division)
            return
        if value.startswith(("別表", "別記", "様式")):
            self.builder.appendix_start(value)
            return
        # Keep text we do not recognise rather than lose it; say where it was.
        self.builder.warnings.append(f"line {line}: block class={block.get('class')!r} read as text: {value[:30]!r}")
        self.builder.text(value, line)

    def _sentences(self, block: lxml_html.HtmlElement, line: int | None) -> None:
        spans = [
            span
            for span in block.iter("span")
            if "p" in _classes(span) and not any("p" in _classes(a) for a in span.iterancestors("span"))
        ]
        pieces: list[str] = []
        for span in spans:
            value, notes = strip_revision_notes(_text(span))
            self.builder.notes.extend(notes)
            pieces.extend(split_sentences(value))
        if not spans:
            # A line without sentence spans: take its text after the number.
            num = _first_num(block)
            rest = _text(block)
            if num is not None:
                rest = rest.replace(_text(num), "", 1)
            value, notes = strip_revision_notes(rest)
            self.builder.notes.extend(notes)
            pieces = split_sentences(value)
        for piece in pieces:
            self.builder.sentence(piece, line)

    def finish(self, doc: lxml_html.HtmlElement) -> tuple[Law, list[str]]:
        builder = self.builder
        if not builder.title:
            titles = doc.xpath("//title")
            builder.title = _text(titles[0]).strip() if titles else ""
        if self.date or self.number:
            builder.law_num = f"{self.date}{self.number}" or None
        if not builder.has_content:
            raise InputError(self.source, "Reiki-Base page without any article or paragraph: not a statute")
        if not builder.title:
            raise InputError(self.source, "Reiki-Base page without a title")
        law = builder.build(kind_of(builder.title, builder.law_num))
        return law, builder.warnings


def _as_text(doc: lxml_html.HtmlElement, source: str) -> tuple[Law, list[str]]:
    """Another 例規集 system: read the page's text lines with the 横書き text reader."""
    from analogreg.parse.text import parse_lines

    body = _body_container(doc)
    lines: list[str] = []
    _text_lines(body, lines)
    text_lines = [line for line in "".join(lines).split("\n")]
    try:
        return parse_lines(text_lines, source)
    except InputError as err:
        raise InputError(source, f"HTML page, not a 例規集 page: {err.reason}", err.line) from None


# --- text helpers --------------------------------------------------------------------------------------


def _classes(el: lxml_html.HtmlElement) -> set[str]:
    return set((el.get("class") or "").split())


def _descendant_classes(el: lxml_html.HtmlElement, tag: str) -> set[str]:
    out: set[str] = set()
    for child in el.iter(tag):
        out |= _classes(child)
    return out


def _is_note(el: lxml_html.HtmlElement) -> bool:
    return any(c.startswith("enkaku") or c in ("history-note", "kaisei") for c in _classes(el))


def _first_num(block: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    for span in block.iter("span"):
        if "num" in _classes(span):
            return span
    return None


def _text(el: lxml_html.HtmlElement) -> str:
    """Text of an element: ruby readings and 沿革 elements left out."""
    parts: list[str] = []
    _collect(el, parts)
    return "".join(parts)


def _collect(el: lxml_html.HtmlElement, parts: list[str]) -> None:
    if el.text:
        parts.append(el.text)
    for child in el:
        if isinstance(child.tag, str) and child.tag not in _SKIP_TAGS and not _is_note(child):
            _collect(child, parts)
        if child.tail:
            parts.append(child.tail)


def _text_lines(el: lxml_html.HtmlElement, parts: list[str]) -> None:
    """Text with a line break at each block element (for pages read as text)."""
    if not isinstance(el.tag, str) or el.tag in _SKIP_TAGS:
        return
    block = el.tag in _BLOCK_TAGS
    if block:
        parts.append("\n")
    if el.text:
        parts.append(el.text)
    for child in el:
        _text_lines(child, parts)
        if child.tail:
            parts.append(child.tail)
    if block:
        parts.append("\n")


def _clean(value: str) -> str:
    return value.replace("\u00a0", " ").strip(" \t\r\n\u3000")
