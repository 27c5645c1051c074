"""The draft as one HTML page: the bill text, then the 新旧対照表 with the changed parts underlined (<u>).

Blanks that stand for text present on the other side only are full-width spaces inside <u>, which HTML does not
collapse. The page is self-contained (inline CSS, 明朝 font stack) and deterministic.
"""

from __future__ import annotations

from html import escape

from analogreg.draft.bill import Bill
from analogreg.draft.shinkyu import Segment, ShinkyuRow, headings, side_labels, sides
from analogreg.export.bill_text import TABLE_NOTE, UNVERIFIED_HEADING, layout
from analogreg.settings import Settings

_CSS = """
body { font-family: "ＭＳ 明朝", "MS Mincho", "Hiragino Mincho ProN", "Yu Mincho", "Noto Serif JP", serif;
       max-width: 48em; margin: 2em auto; line-height: 1.8; }
p { margin: 0; }
.title { text-align: center; margin-bottom: 1em; }
.caption { padding-left: 1em; }
.article { padding-left: 1em; text-indent: -1em; }
.enacting, .aratame, .suppl, .note { text-indent: 1em; }
.added { padding-left: 1em; text-indent: 1em; }
.suppl_heading { padding-left: 3em; }
h2 { font-size: 1em; text-align: center; font-weight: normal; margin-top: 2em; }
h3 { font-size: 1em; font-weight: normal; margin-top: 1em; }
.table-note { text-align: right; }
table.shinkyu { border-collapse: collapse; width: 100%; table-layout: fixed; }
table.shinkyu th, table.shinkyu td { border: 1px solid #000; padding: 0.3em 0.5em; vertical-align: top; }
table.shinkyu th { font-weight: normal; }
.unverified { color: #a00; }
"""


def render_html(bills: list[Bill], settings: Settings) -> str:
    """All drafts on one page, each followed by its 新旧対照表 and what was held back."""
    out = _page_head(bills[0].title if bills else "改正案")
    for bill in bills:
        out.append("<section>")
        for line in layout(bill):
            if line.kind == "table":
                out.append(f'<p class="table-note">{TABLE_NOTE}</p>')
                out.extend(_table(bill.tables[int(line.text)].rows, settings))
            else:
                out.append(f'<p class="{line.kind}">{escape(line.text)}</p>')
        if bill.tables and bill.style == "aratame":
            out.append("<h2>新旧対照表</h2>")
            for table in bill.tables:
                out.append(f"<h3>{escape(table.law_title)}</h3>")
                out.append(f'<p class="table-note">{TABLE_NOTE}</p>')
                out.extend(_table(table.rows, settings))
        if bill.unverified:
            out.append(f'<h2 class="unverified">{UNVERIFIED_HEADING}</h2>')
            out.append("<ul>")
            for item in bill.unverified:
                out.append(f"<li>{escape(item.law_title)}　{escape(item.label)}：{escape(item.reason)}</li>")
            out.append("</ul>")
            out.extend(_table([item.row for item in bill.unverified], settings))
        out.append("</section>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def shinkyu_page(tables: list[tuple[str, list[ShinkyuRow]]], settings: Settings) -> str:
    """A page of 新旧対照表 alone, one per 例規 (title, rows): ``analogreg apply``, what a hand-written 改め文 does."""
    out = [*_page_head(f"{tables[0][0] if len(tables) == 1 else '改正案'}　新旧対照表"), "<h2>新旧対照表</h2>"]
    for law_title, rows in tables:
        out += [f"<h3>{escape(law_title)}</h3>", f'<p class="table-note">{TABLE_NOTE}</p>', *_table(rows, settings)]
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def _page_head(title: str) -> list[str]:
    """The page's opening up to <body>: its title and the inline CSS."""
    return [
        "<!DOCTYPE html>",
        '<html lang="ja">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{escape(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
    ]


def shinkyu_table_html(rows: list[ShinkyuRow], settings: Settings) -> str:
    """One 新旧対照表 as an HTML <table> fragment (for embedding, e.g. in a review screen export)."""
    return "\n".join(_table(rows, settings))


def _table(rows: list[ShinkyuRow], settings: Settings) -> list[str]:
    left, right = headings(settings.table_order)
    out = ['<table class="shinkyu">', f"<tr><th>{left}</th><th>{right}</th></tr>"]
    for row in rows:
        flag = "" if row.verified else '<span class="unverified">（未検証）</span>'
        tds = [
            "<td>"
            + (f"{_cell(caption)}<br>" if caption else "")
            + (f"{escape(label)}{flag}<br>" if label else "")
            + f"{_cell(text)}</td>"
            for (caption, text), label in zip(
                sides(row, settings.table_order), side_labels(row, settings.table_order), strict=True
            )
        ]
        out.append(f"<tr>{''.join(tds)}</tr>")
    out.append("</table>")
    return out


def _cell(segments: list[Segment]) -> str:
    return "".join(f"<u>{escape(s.text)}</u>" if s.changed else escape(s.text) for s in segments)
