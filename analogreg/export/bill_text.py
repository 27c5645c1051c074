"""The bill as plain text (.txt) and Markdown (.md), and the line layout every bill writer shares.

Plain text follows the official layout (domain-and-drafting b.1; the 令和2年 所得税法等改正法案 in the corpus):
the title set in by three full-width spaces, captions （…） on their own line set in by one, each article
「第1条　…の一部を次のように改正する。」, each 改め文 sentence set in by one, an added sentence by two, then
「附　則」 and the 施行期日. The 新旧対照表 follows, one block per provision; in plain text the changed parts are
bracketed ［…］ because text has no underline, in Markdown they are underlined with <u>.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from analogreg.draft.bill import Bill
from analogreg.draft.shinkyu import Segment, ShinkyuRow, caption_cells, cells, headings, side_labels, sides
from analogreg.numbering import ORDINAL_NUMERAL
from analogreg.settings import Settings

SPACE = "\u3000"
UNVERIFIED_HEADING = "検証できなかった改正案（本文には含めていない。）"
TABLE_NOTE = "（下線部分は改正部分）"
TEXT_TABLE_NOTE = "（［　］内は改正部分）"

_NUM = ORDINAL_NUMERAL
_ARTICLE = rf"第{_NUM}条(?:の{_NUM})*"
# The line of an article as rewritten: 「第10条　削除」, and consecutive ones together, 「第12条から第14条まで　削除」,
# 「第12条及び第13条　削除」.
_ARTICLE_LINE = re.compile(rf"^(?:附則)?{_ARTICLE}(?:から{_ARTICLE}まで|及び{_ARTICLE})?\u3000")

LineKind = Literal[
    "title", "note", "caption", "article", "enacting", "aratame", "added", "suppl_heading", "suppl", "table"
]


@dataclass(frozen=True)
class Line:
    """One line of the bill body and what it is, so that each writer can set it in its own way. A ``table`` line
    (新旧対照表方式) stands for the table ``bill.tables[int(text)]``, which the writer sets there with its note."""

    kind: LineKind
    text: str


def layout(bill: Bill) -> list[Line]:
    """The bill body line by line: title, (note), per 例規 caption / article / 改め文 (or, 新旧対照表方式, its
    table), 附則."""
    lines = [Line("title", bill.title)]
    if bill.note:
        lines.append(Line("note", bill.note))
    for index, article in enumerate(bill.articles):
        if article.caption:
            lines.append(Line("caption", article.caption))
        if article.number:
            lines.append(Line("article", f"{article.number}{SPACE}{article.enacting}"))
        else:
            lines.append(Line("enacting", article.enacting))
        if bill.style == "shinkyu":
            # 新旧対照表方式 (b.6): the table amends the 例規; the 改め文 it was verified by is not part of the text.
            lines.append(Line("table", str(index)))
            continue
        for sentence in article.aratame:
            first, *added = sentence.split("\n")
            lines.append(Line("aratame", first))
            for text in added:
                text = text.lstrip(SPACE)
                # A whole article as rewritten (「第10条　削除」) stands like an article; added sentences are indented.
                lines.append(Line("article" if _ARTICLE_LINE.match(text) else "added", text))
    if bill.suppl:
        lines.append(Line("suppl_heading", "附　則"))
        lines.extend(Line("suppl", text) for text in bill.suppl)
    return lines


_TEXT_INDENT = {
    "title": SPACE * 3,
    "note": SPACE,
    "caption": SPACE,
    "article": "",
    "enacting": SPACE,
    "aratame": SPACE,
    "added": SPACE * 2,
    "suppl_heading": SPACE * 3,
    "suppl": SPACE,
    "table": "",
}


def render_text(bills: list[Bill], settings: Settings) -> str:
    """The drafts as plain text, bills one after another, each followed by its 新旧対照表."""
    parts = []
    for bill in bills:
        out = []
        for line in layout(bill):
            if line.kind == "table":
                out += [
                    TEXT_TABLE_NOTE,
                    *(text for row in bill.tables[int(line.text)].rows for text in text_row(row, settings)),
                ]
            else:
                out.append(_TEXT_INDENT[line.kind] + line.text)
        if bill.tables and bill.style == "aratame":
            out += ["", f"{SPACE * 3}新旧対照表", TEXT_TABLE_NOTE]
            for table in bill.tables:
                out += ["", f"■{table.law_title}"]
                for row in table.rows:
                    out += text_row(row, settings)
        if bill.unverified:
            out += ["", f"■{UNVERIFIED_HEADING}"]
            for item in bill.unverified:
                out += ["", f"{item.law_title}{SPACE}{item.label}", f"{SPACE}理由：{item.reason}"]
                out += text_row(item.row, settings)
        parts.append("\n".join(out))
    return "\n\n\n".join(parts) + "\n"


def text_row(row: ShinkyuRow, settings: Settings) -> list[str]:
    """One 新旧対照表 row as plain lines: the 見出し (each side's, marked, where it changes), the citation, then each
    side's text in the configured order, changed parts in ［］."""
    out = []
    if row.caption_new or row.caption_old:
        # The 見出し is amended: each side's 見出し, marked, as a line of its own.
        captions = caption_cells(row, settings.table_order)
        for heading, caption in zip(headings(settings.table_order), captions, strict=True):
            out.append(f"{heading}{SPACE}" + "".join(_bracket(s) for s in caption))
    elif row.caption:
        out.append(row.caption)
    # Articles deleted together are one line after the amendment (「第12条から第14条まで　削除」): said with the first.
    after = f"（改正後は{row.new_label}）" if row.new_label and row.new_label != row.label else ""
    out.append(row.label + after + ("" if row.verified else "（未検証）"))
    for heading, cell in zip(headings(settings.table_order), cells(row, settings.table_order), strict=True):
        out.append(f"{SPACE}{heading}{SPACE}" + "".join(_bracket(s) for s in cell))
    return out


def _bracket(segment: Segment) -> str:
    return f"［{segment.text}］" if segment.changed else segment.text


# --- Markdown --------------------------------------------------------------------------------------------------


def render_markdown(bills: list[Bill], settings: Settings) -> str:
    """The drafts as Markdown: the bill text, then the 新旧対照表 as a table with <u> marks."""
    parts = []
    for bill in bills:
        out = []
        for line in layout(bill):
            if line.kind == "title":
                out.append(f"# {line.text}")
            elif line.kind == "suppl_heading":
                out.append(f"### {line.text}")
            elif line.kind == "caption":
                out.append(f"**{line.text}**")
            elif line.kind == "table":
                out += [TABLE_NOTE, ""]
                out += _md_table([*bill.tables[int(line.text)].rows], settings)
                continue
            else:
                # Full-width indents survive Markdown (only ASCII blanks are stripped) and keep the layout.
                out.append(_TEXT_INDENT[line.kind] + _md_escape(line.text))
            out.append("")
        if bill.tables and bill.style == "aratame":
            out += ["## 新旧対照表", "", TABLE_NOTE, ""]
            for table in bill.tables:
                out += [f"### {_md_escape(table.law_title)}", ""]
                out += _md_table([*table.rows], settings)
        if bill.unverified:
            out += [f"## {UNVERIFIED_HEADING}", ""]
            for item in bill.unverified:
                out += [f"- {_md_escape(item.law_title)} {item.label}：{_md_escape(item.reason)}"]
            out.append("")
            out += _md_table([item.row for item in bill.unverified], settings)
        parts.append("\n".join(out).rstrip() + "\n")
    return "\n".join(parts)


def _md_table(rows: list[ShinkyuRow], settings: Settings) -> list[str]:
    left, right = headings(settings.table_order)
    out = [f"| {left} | {right} |", "|---|---|"]
    for row in rows:
        flag = "" if row.verified else "（未検証）"
        tds = [
            (f"{_md_cell(caption)}<br>" if caption else "")
            + (f"**{label}**{flag}<br>" if label else "")
            + _md_cell(text)
            for (caption, text), label in zip(
                sides(row, settings.table_order), side_labels(row, settings.table_order), strict=True
            )
        ]
        out.append(f"| {tds[0]} | {tds[1]} |")
    out.append("")
    return out


def _md_cell(segments: list[Segment]) -> str:
    return "".join(f"<u>{_md_escape(s.text)}</u>" if s.changed else _md_escape(s.text) for s in segments)


def _md_escape(text: str) -> str:
    for ch in "\\|*_<>[]`#":
        text = text.replace(ch, "\\" + ch)
    return text.replace("\n", "<br>")
