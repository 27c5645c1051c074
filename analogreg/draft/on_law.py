"""A 改め文 written by hand, applied to the 例規 it amends: the 新旧対照表 it makes, or the sentence it fails at.

The consistency check 法規担当 ask for (domain-and-drafting d.1: 改め文 and 新旧対照表 checked against each other
and against the 発射台 by eye; d.2: 2–5% of real 改め文 could not be applied mechanically). The independent applier
(``apply.py``) reads the 改め文 against every provision of the parsed 例規 — each unit by its citation, and each
article's 見出し as 「第3条の見出し」 — and the provisions it changes come back as 新旧対照表 rows marked from what it
changed, so that the table cannot disagree with the 改め文 it was made from.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from analogreg.draft.apply import ApplyError, Provision, apply_aratame, cited_path
from analogreg.draft.aratame import caption_label
from analogreg.draft.shinkyu import ShinkyuRow, row_from_applied
from analogreg.model import Law

# The reasons the applier gives when a 「次のように改める」 sentence is cut off from the line that follows it: a
# prefix of the 改め文 that ends there fails for that alone (see _failing_line).
_BODY_MISSING = ("改めた後の規定（次の行）がありません", "加える文（次の行）がありません")


class NotApplicable(Exception):
    """The 改め文 cannot be applied: ``line`` (1-based, of its non-blank lines) is where it stops, and why."""

    def __init__(self, line: int, sentence: str, reason: str) -> None:
        super().__init__(f"{line}行目: {reason}")
        self.line = line
        self.sentence = sentence
        self.reason = reason


@dataclass
class Provisions:
    """What a 改め文 can cite in a 例規: citation → text, and the 見出し of the article each unit is in."""

    texts: dict[str, str] = field(default_factory=dict)
    captions: dict[str, str] = field(default_factory=dict)
    articles: dict[str, str] = field(default_factory=dict)  # unit → its article's 見出し citation (第3条の見出し)
    repeated: list[str] = field(default_factory=list)  # citations the 例規 prints more than once: left out
    unreadable: list[str] = field(default_factory=list)  # citations no 改め文 can name as one provision: left out


# The note an appended table's heading carries of the articles it serves: 別表第1（第3条関係）.
_TABLE_NOTE = re.compile(r"[（(][^（）()]*関係[）)]")


def provisions_of(law: Law) -> Provisions:
    """Every unit of ``law`` by its citation (its own text; its items are units of their own, as the applier
    reads them: 「第3条第2項中」 covers them too), each article's 見出し as 「第3条の見出し」, and each 別表 that has
    text by its name (「別表第1」: its rows, a line each).

    A citation the 例規 holds twice (two 附則 numbered alike in a text without their 法令番号), or that reads as no
    single provision (an e-Gov range kept as printed, 「附則第一条第一号及び第二号」), is left out and listed, so that
    a 改め文 citing it is refused as not found rather than applied to the wrong one."""
    found = Provisions()
    counts: Counter[str] = Counter()
    for unit in law.units():
        counts[unit.label] += 1
        found.texts.setdefault(unit.label, unit.text)
        caption = unit.article.caption if unit.article is not None else ""
        heading = caption_label(unit.label) if caption else ""
        if heading:
            found.articles[unit.label] = heading
            found.captions.setdefault(heading, caption)
    for table in law.appendix:
        # 別表 by the name a 改め文 cites it by: 「別表第1」, its （第3条関係） note aside (b.2 「別表第1中」).
        label = _TABLE_NOTE.sub("", table.title).strip(" \u3000")
        if table.text and label:
            counts[label] += 1
            found.texts.setdefault(label, table.text)
    found.repeated = [label for label, n in counts.items() if n > 1]
    for label in found.repeated:
        del found.texts[label]
    paths = Counter(cited_path(label) for label in (*found.texts, *found.captions))
    found.unreadable = [
        label for label in (*found.texts, *found.captions) if cited_path(label) is None or paths[cited_path(label)] > 1
    ]
    for label in found.unreadable:
        found.texts.pop(label, None)
        found.captions.pop(label, None)
        found.articles.pop(label, None)
    found.articles = {unit: heading for unit, heading in found.articles.items() if heading in found.captions}
    return found


# What a 改め文 copied from a bill carries around its sentences: the article's caption 「（○○条例の一部改正）」, the
# enacting sentence 「第1条　○○条例（…）の一部を次のように改正する。」, and the 附則 after them.
_BILL_CAPTION = re.compile(r"^[（(][^（）()]*の一部改正[）)]$")
_SUPPL_HEADING = re.compile(r"^[附付][\s\u3000]*則")
# Where a bill's text ends when no 附則 follows (the reference section for 規程 and national laws): its tables.
_TABLES_HEADING = re.compile(r"^新旧対照表$")


# 「第1条　○○条例（平成9年条例第20号）の一部を次のように改正する。」: the 例規 a bill's article amends, by title.
_AMENDED_TITLE = re.compile(
    r"^(?:第[0-9０-９〇一二三四五六七八九十百千]+条(?:の[0-9０-９〇一二三四五六七八九十百千]+)*[\s\u3000]*)?"
    r"(?P<title>.+?)(?:（[^（）]*）)?の一部を次のように改正する。$"
)


@dataclass
class BillPart:
    """One article of an amending bill: the title of the 例規 it amends, its 改め文, and their lines in the bill."""

    title: str
    aratame: str
    lines: list[int]
    enacting_line: int


def _bill_lines(text: str, *, to_tables: bool) -> Iterator[tuple[int, str, re.Match[str] | None]]:
    """(line number, line, its enacting sentence's match or None) of each line that may carry 改め文: blank lines and
    an article's caption 「（…の一部改正）」 left out, nothing from the 附則 on (nor, ``to_tables``, from the
    「新旧対照表」 heading a bill without 附則 goes on to)."""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip(" \u3000\t")
        if _SUPPL_HEADING.match(stripped) or (to_tables and _TABLES_HEADING.match(stripped)):
            return
        if stripped and not _BILL_CAPTION.match(stripped):
            yield number, line, _AMENDED_TITLE.match(stripped)


def bill_parts(text: str) -> list[BillPart]:
    """The articles of an omnibus bill, each from its enacting sentence (「○○条例（…）の一部を次のように改正する。」)
    to the next one, up to the 附則 (or the 新旧対照表 that follows a bill without one); their 改め文 read as
    :func:`aratame_lines` reads them."""
    parts: list[BillPart] = []
    for number, line, enacting in _bill_lines(text, to_tables=True):
        if enacting is not None:
            parts.append(BillPart(enacting.group("title"), "", [], number))
        elif parts:
            part = parts[-1]
            part.aratame += ("\n" if part.aratame else "") + line
            part.lines.append(number)
    return parts


def aratame_lines(text: str) -> tuple[str, list[int]]:
    """The 改め文 sentences of ``text``, as pasted from a bill or written alone: blank lines, an article's caption
    and its enacting sentence left out, and nothing from the 附則 on; with the line number (1-based, in ``text``)
    of each line kept, so that a line :class:`NotApplicable` names can be found where the drafter wrote it."""
    kept = [(number, line) for number, line, enacting in _bill_lines(text, to_tables=False) if enacting is None]
    return "\n".join(line for _, line in kept), [number for number, _ in kept]


def apply_to_law(aratame: str, provisions: Provisions) -> list[ShinkyuRow]:
    """The 新旧対照表 rows of the provisions ``aratame`` changes, in document order (b.6: the 見出し shown once per
    article, marked where it changes); raises :class:`NotApplicable` naming the line it cannot get past."""
    before = {**provisions.texts, **provisions.captions}
    try:
        applied = apply_aratame(aratame, before)
    except ApplyError as err:
        raise _failing_line(aratame, before, err) from None
    rows: list[ShinkyuRow] = []
    shown_captions: set[str] = set()
    for label in provisions.texts:
        heading = provisions.articles.get(label, "")
        caption_provision = applied.get(heading) if heading else None
        caption_changed = caption_provision is not None and _changed(caption_provision)
        if not _changed(applied[label]) and not (caption_changed and heading not in shown_captions):
            continue
        first_of_article = heading not in shown_captions
        shown_captions.add(heading)
        rows.append(
            row_from_applied(
                label,
                provisions.captions.get(heading, "") if first_of_article else "",
                applied[label],
                caption_provision if caption_changed and first_of_article else None,
                removed=applied[label].text == "",
            )
        )
    return rows


def _changed(provision: Provision) -> bool:
    return provision.text != provision.original


def _failing_line(aratame: str, before: dict[str, str], err: ApplyError) -> NotApplicable:
    """The first line at which the 改め文 fails as a whole does: its lines applied one more at a time."""
    lines = [line for line in aratame.splitlines() if line.strip()]
    for n in range(1, len(lines) + 1):
        try:
            apply_aratame("\n".join(lines[:n]), before)
        except ApplyError as partial:
            if partial.reason.startswith(_BODY_MISSING) and n < len(lines):
                continue  # cut off from its own next line: not where the whole fails
            return NotApplicable(n, lines[n - 1].strip(), partial.reason)
    return NotApplicable(len(lines), lines[-1].strip() if lines else "", err.reason)
