"""The bill as .docx (python-docx): 明朝, A4 portrait, Japanese line layout, the 新旧対照表 as an underlined table.

Japanese layout where python-docx has no API, set through the XML: East Asian font ＭＳ 明朝 (w:eastAsia) with
Century for Latin text, language ja-JP, 禁則 (w:kinsoku) and no automatic spacing between Japanese and Latin
text, a document grid of 40 characters a line, and indents counted in characters (w:firstLineChars,
w:hangingChars). Title centred; captions （…） on their own line set in by one character; an article
「第1条　…」 with a hanging indent; each 改め文 sentence set in by one character.

The file is byte-identical for the same bill: the core properties are fixed and the zip entries get a fixed
timestamp (python-docx stamps them with the time of saving).
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from analogreg.draft.bill import Bill
from analogreg.draft.shinkyu import Segment, ShinkyuRow, headings, side_labels, sides
from analogreg.export.bill_text import TABLE_NOTE, UNVERIFIED_HEADING, Line, layout
from analogreg.settings import Settings

MINCHO = "ＭＳ 明朝"
LATIN = "Century"
FONT_SIZE = Pt(12)
CHAR = 240  # twips in one 12-point character: indents are given in characters and in twips for older readers
FIXED_TIME = datetime(2000, 1, 1, tzinfo=timezone.utc)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

# (first-line indent, left indent) in characters, per kind of line; a negative first line is a hanging indent.
_INDENTS = {
    "note": (1, 0),
    "caption": (0, 1),
    "article": (-1, 1),
    "enacting": (1, 0),
    "aratame": (1, 0),
    "added": (1, 1),
    "suppl_heading": (0, 3),
    "suppl": (1, 0),
}


def write_docx(bill: Bill, settings: Settings, path: Path) -> None:
    """Write ``bill`` with its 新旧対照表 to ``path`` (deterministically)."""
    path.write_bytes(render_docx(bill, settings))


def render_docx(bill: Bill, settings: Settings) -> bytes:
    document = Document()
    _page(document)
    _styles(document)
    for line in layout(bill):
        if line.kind == "table":
            _note(document, TABLE_NOTE)
            _table(document, bill.tables[int(line.text)].rows, settings)
        else:
            _line(document, line)
    if bill.tables and bill.style == "aratame":
        _page_break(document)
        _centred(document, "新旧対照表")
        for table in bill.tables:
            _plain(document, table.law_title, (0, 0))
            _note(document, TABLE_NOTE)
            _table(document, table.rows, settings)
    if bill.unverified:
        _page_break(document)
        _plain(document, UNVERIFIED_HEADING, (0, 0))
        for item in bill.unverified:
            _plain(document, f"{item.law_title}\u3000{item.label}：{item.reason}", (-1, 1))
        _table(document, [item.row for item in bill.unverified], settings)
    _fix_properties(document, bill.title)
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())


# --- page, styles, paragraphs ------------------------------------------------------------------------------


def _page(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(30), Mm(25)
    section.left_margin, section.right_margin = Mm(25), Mm(25)
    # A character grid: lines and characters at fixed pitch, as Japanese 公用文 templates set it.
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), "400")
    grid.set(qn("w:charSpace"), "0")


def _styles(document) -> None:
    normal = document.styles["Normal"]
    normal.font.name = LATIN
    normal.font.size = FONT_SIZE
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr, value in (("w:ascii", LATIN), ("w:hAnsi", LATIN), ("w:eastAsia", MINCHO), ("w:cs", LATIN)):
        fonts.set(qn(attr), value)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "ja-JP")
    lang.set(qn("w:eastAsia"), "ja-JP")
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    ppr = normal.element.get_or_add_pPr()
    # 禁則 on; no automatic space between Japanese and Latin text or digits (公用文 set them as written).
    for tag, value in (("w:kinsoku", "1"), ("w:overflowPunct", "1"), ("w:autoSpaceDE", "0"), ("w:autoSpaceDN", "0")):
        _ppr_child(ppr, tag).set(qn("w:val"), value)


# The order of w:pPr children in the OOXML schema: Word refuses a file whose children are out of order.
_PPR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]


def _ppr_child(ppr, tag: str):
    """The ``tag`` child of a w:pPr, created in its schema position when missing."""
    existing = ppr.find(qn(tag))
    if existing is not None:
        return existing
    element = OxmlElement(tag)
    rank = _PPR_ORDER.index(tag.removeprefix("w:"))
    for child in ppr:
        name = child.tag.rsplit("}", 1)[-1]
        if name in _PPR_ORDER and _PPR_ORDER.index(name) > rank:
            child.addprevious(element)
            return element
    ppr.append(element)
    return element


def _indent(paragraph, first: int, left: int) -> None:
    """Indents in characters (w:*Chars, hundredths of a character) with twips for readers that ignore them."""
    ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:leftChars"), str(left * 100))
    ind.set(qn("w:left"), str(left * CHAR))
    if first < 0:
        ind.set(qn("w:hangingChars"), str(-first * 100))
        ind.set(qn("w:hanging"), str(-first * CHAR))
    elif first > 0:
        ind.set(qn("w:firstLineChars"), str(first * 100))
        ind.set(qn("w:firstLine"), str(first * CHAR))


def _line(document, line: Line) -> None:
    if line.kind == "title":
        _centred(document, line.text)
        document.add_paragraph()
        return
    _plain(document, line.text, _INDENTS[line.kind])


def _plain(document, text: str, indent: tuple[int, int]):
    paragraph = document.add_paragraph()
    paragraph.add_run(text)
    _indent(paragraph, *indent)
    return paragraph


def _centred(document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(text)


def _note(document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.add_run(text)


def _page_break(document) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


# --- the 新旧対照表 ------------------------------------------------------------------------------------------


def _table(document, rows: list[ShinkyuRow], settings: Settings) -> None:
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, heading in zip(table.rows[0].cells, headings(settings.table_order), strict=True):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cell.paragraphs[0].add_run(heading)
    for row in rows:
        tr = table.add_row()
        labels = side_labels(row, settings.table_order)
        for cell, (caption, segments), label in zip(tr.cells, sides(row, settings.table_order), labels, strict=True):
            first = cell.paragraphs[0]
            if caption:
                _indent(first, 0, 1)
                _runs(first, caption)
                first = cell.add_paragraph()
            first.add_run(label + ("" if row.verified or not label else "（未検証）"))
            body = cell.add_paragraph()
            _indent(body, 1, 0)
            _runs(body, segments)
    document.add_paragraph()


def _runs(paragraph, segments: list[Segment]) -> None:
    for segment in segments:
        run = paragraph.add_run(segment.text)
        if segment.changed:
            run.font.underline = True  # w:u single: the changed part, and the blanks that stand for it


# --- determinism -----------------------------------------------------------------------------------------------


def _fix_properties(document, title: str) -> None:
    props = document.core_properties
    props.title = title
    props.author = "analogreg"
    props.last_modified_by = "analogreg"
    props.comments = ""
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.last_printed = FIXED_TIME
    props.revision = 1


def _fixed_zip(data: bytes) -> bytes:
    """The same package with every entry stamped 1980-01-01: python-docx stamps entries with the saving time."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
