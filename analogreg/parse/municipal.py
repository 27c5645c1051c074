"""What the 例規 readers (Reiki-Base HTML and 横書き text) share: a builder that nests provisions the way
例規 number them, sentence splitting, 沿革 notes, 附則 headings and the kind of a 例規.

The readers turn their input into a stream of calls — ``article``, ``paragraph``, ``item``, ``text`` … —
and :class:`LawBuilder` decides where each piece belongs, so that both formats nest and number alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analogreg.errors import InputError
from analogreg.model import (
    AppendixTable,
    Article,
    Division,
    DivisionKind,
    Item,
    Law,
    LawKind,
    Paragraph,
    Sentence,
    SupplProvision,
    finalize,
)
from analogreg.numbering import (
    KANJI_NUMERAL_CHARS,
    KanaOrder,
    Style,
    item_title_value,
    kanji_to_int,
    ordinal_title,
    to_halfwidth_digits,
)

WS = "[ \t\u3000\u00a0]"
DIGITS = "0-9０-９"
NUM = f"[{DIGITS}{KANJI_NUMERAL_CHARS}]+"

# 第1条, 第１条の２, 第十二条の三; a deleted range 第4条から第6条まで / 第4条及び第5条.
ARTICLE_TITLE_RE = re.compile(
    rf"^第(?P<head>{NUM})条(?P<branches>(?:の{NUM})*)"
    rf"(?:(?P<joint>から|及び)第(?P<last>{NUM})条(?P<last_branches>(?:の{NUM})*)(?:まで)?)?"
)
# 第1章 総則, 第2章の2 雑則 (the 枝番 follows the unit, as for articles).
DIVISION_RE = re.compile(rf"^第(?P<head>{NUM})(?P<kind>[編章節款目])(?P<branches>(?:の{NUM})*)(?:{WS}+(?P<title>.*))?$")

# 沿革 notes: （平30規則48・追加）, (平25規則49・令4規則39・一部改正), (昭六〇規則五九・一部改正),
# (平19条例5・旧第3条繰下・一部改正). Strict on purpose: references joined by ・ and ending in an action, so that
# a citation in the text such as （平成10年条例第5号による改正前の…） is never taken for a note.
_ERA = "(?:明治|大正|昭和|平成|令和|明|大|昭|平|令)"
_NOTE_NUM = f"[{DIGITS}{KANJI_NUMERAL_CHARS}]"
_NOTE_REF = rf"{_ERA}(?:元|{_NOTE_NUM}+)年?[^\s()（）・]{{0,12}}?{_NOTE_NUM}+号?"
_NOTE_ACTION = (
    r"(?:一部改正|全部改正|全改|追加|削除|改称|新設|繰下|繰上|旧[^()（）・]{1,16}|[^()（）・]{1,16}(?:繰下|繰上|移動))"
)
REVISION_NOTE_RE = re.compile(rf"[(（]{_NOTE_REF}(?:・{_NOTE_REF})*(?:・{_NOTE_ACTION})+[)）]")
_NOTE_ONLY_RE = re.compile(rf"^{WS}*(?:{REVISION_NOTE_RE.pattern}{WS}*)+$")

# 附則 headings: 附則 / 附　則 / 附則（平成10年3月30日条例第5号）抄. Many 規程・要綱 print 付則 (付　則) instead; the
# word is kept as printed, since 法制執務 cites a provision as the 例規 prints it (付則第2項).
SUPPL_RE = re.compile(
    rf"^(?P<word>[附付]){WS}*則(?:{WS}*[(（](?P<law_num>[^()（）]*)[)）])?(?:{WS}*(?P<extract>抄))?{WS}*$"
)

TOC_RE = re.compile(rf"^目{WS}*次$")
_TOC_RANGE_RE = re.compile(r"[(（]第.+[)）]$")


class TocSkipper:
    """Skips a 目次: the 目次 line, its 編/章/節 entries and its last entry 附則 (or 付則), up to the first real
    heading.

    Without this the 目次 would open empty chapters and, worse, a 附則 before the first article.
    """

    def __init__(self) -> None:
        self.active = False
        self.first: tuple[str, str] | None = None

    def skip(self, line: str) -> bool:
        if TOC_RE.match(line):
            self.active, self.first = True, None
            return True
        if not self.active:
            return False
        division = DIVISION_RE.match(line)
        if division:
            key = (division["kind"], division["head"] + (division["branches"] or ""))
            if self.first is None:
                self.first = key
                return True
            if key == self.first and not _TOC_RANGE_RE.search(line):
                self.active = False  # the first heading again: the body begins
                return False
            return True
        self.active = False
        return bool(SUPPL_RE.match(line))


_LAW_NUM_RE = re.compile(
    rf"^(?P<era>明治|大正|昭和|平成|令和)(?P<year>[元{DIGITS}{KANJI_NUMERAL_CHARS}]+)年"
    rf"(?:[{DIGITS}{KANJI_NUMERAL_CHARS}]+月[{DIGITS}{KANJI_NUMERAL_CHARS}]+日)?{WS}*(?P<rest>.+?第.+?号)$"
)

_KIND_BY_SUFFIX: tuple[tuple[str, LawKind], ...] = (
    ("条例", "条例"),
    ("規則", "規則"),
    # 細則 are made by an executive body (市長, 選挙管理委員会) like 規則; never by the council.
    ("細則", "規則"),
    ("規程", "規程"),
    ("要綱", "要綱"),
    # 要領 are internal guidelines of the same standing as 要綱.
    ("要領", "要綱"),
    ("訓令", "訓令"),
    ("告示", "告示"),
)


def suppl_word(match: re.Match[str]) -> str:
    """附則 or 付則, as a :data:`SUPPL_RE` heading prints it (without the spaces of 附　則)."""
    return f"{match['word']}則"


# What a number names the kind of a text by: a 例規番号 (条例第20号), or a national law's or 省令's number.
LAW_NUM_KINDS = "条例|規則|規程|訓令|告示|要綱|法律|政令|省令|府令"


def kind_of(title: str, law_num: str | None) -> LawKind:
    """The kind of a 例規: from its 例規番号 (条例第20号, 規程第9号) when known, else from its title's ending.

    A national law copied as text is known by its number too: 旅館業法施行規則 (昭和23年厚生省令第28号) is a 省令,
    whatever its title ends with.
    """
    if law_num:
        match = re.search(rf"({LAW_NUM_KINDS})第", law_num)
        if match:
            return match.group(1)  # type: ignore[return-value]
    compact = re.sub(r"[(（][^()（）]*[)）]$", "", title.strip())
    for suffix, kind in _KIND_BY_SUFFIX:
        if compact.endswith(suffix):
            return kind
    return "その他"


def strip_revision_notes(text: str) -> tuple[str, list[str]]:
    """Remove 沿革 notes such as （平30規則48・追加） from a piece of text; return the text and the notes."""
    notes = REVISION_NOTE_RE.findall(text)
    if not notes:
        return text, []
    return REVISION_NOTE_RE.sub("", text), notes


def is_revision_note(text: str) -> bool:
    """True for a line that is nothing but 沿革 notes."""
    return bool(_NOTE_ONLY_RE.match(text))


def law_num_citation(raw: str) -> str:
    """平成10年3月30日条例第5号 → 平成10年条例第5号: a 例規番号 as a citation writes it (date dropped)."""
    text = raw.strip()
    match = _LAW_NUM_RE.match(text)
    if not match:
        return text
    return f"{match['era']}{match['year']}年{match['rest'].strip()}"


# --- sentences -----------------------------------------------------------------------------------------

_OPEN = "「（(『〔［[｛{"
_CLOSE = "」）)』〕］]｝}"


def split_sentences(text: str) -> list[str]:
    """Split provision text after each 。 that is outside brackets; whitespace between sentences is dropped.

    The characters of the sentences, joined, are those of ``text`` less the whitespace at sentence
    boundaries (stray spaces inside a sentence stay as written).
    """
    out: list[str] = []
    depth = 0
    start = 0
    for index, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch == "。" and depth == 0:
            piece = text[start : index + 1].strip(" \t\u3000\u00a0")
            if piece:
                out.append(piece)
            start = index + 1
    rest = text[start:].strip(" \t\u3000\u00a0")
    if rest:
        out.append(rest)
    return out


def assign_roles(sentences: list[Sentence]) -> None:
    """本文 / ただし書 / 前段・後段 of a provision's own sentences (table cells keep role main), as 法制執務 names them.

    A sentence opening with ただし is a ただし書; two or more sentences without one are 前段 and 後段.
    """
    own = [s for s in sentences if s.column is None]
    has_proviso = any(s.text.startswith("ただし") for s in own)
    split = not has_proviso and len(own) >= 2
    for index, sentence in enumerate(own):
        if sentence.text.startswith("ただし"):
            sentence.role = "proviso"
        elif split:
            sentence.role = "former" if index == 0 else "latter"
        else:
            sentence.role = "main"


# --- numbers -------------------------------------------------------------------------------------------


def article_num(title: str) -> tuple[str, bool]:
    """第1条の2 → ("1_2", False); a range 第4条から第6条まで → ("4", True)."""
    match = ARTICLE_TITLE_RE.match(title)
    if not match:
        raise ValueError(f"not an article title: {title!r}")
    nums = [match["head"]] + [b for b in (match["branches"] or "").split("の") if b]
    return "_".join(str(kanji_to_int(n)) for n in nums), bool(match["joint"])


_BRANCH_RE = re.compile(rf"^(?P<base>.+?)の(?P<branch>[{DIGITS}{KANJI_NUMERAL_CHARS}]+)$")


def item_family(title: str, kana_order: KanaOrder) -> tuple[str, str] | None:
    """A 号/細目 title → (family, e-Gov number): (1) → ("paren-digit", "1"); (1)の2 → ("paren-digit", "1_2")."""
    title = title.strip()
    match = _BRANCH_RE.match(title)
    if match:
        base = item_title_value(match["base"], kana_order)
        if base is None:
            return None
        try:
            return base[0], f"{base[1]}_{kanji_to_int(match['branch'])}"
        except ValueError:
            return None
    value = item_title_value(title, kana_order)
    return (value[0], str(value[1])) if value else None


# --- the builder ---------------------------------------------------------------------------------------


@dataclass
class _Part:
    """本則 or one 附則: where articles and article-less paragraphs go."""

    articles: list[Division | Article] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    suppl: SupplProvision | None = None
    last_article: tuple[int, ...] | None = None


class LawBuilder:
    """Collects provisions in reading order and nests them: 条 → 項 → 号 → 細目, 本則 then 附則."""

    def __init__(self, source: str, style: Style) -> None:
        self.source = source
        self.style: Style = style
        self.kana_order: KanaOrder = "iroha" if style == "kanji" else "aiueo"
        self.warnings: list[str] = []
        self.title = ""
        self.law_num: str | None = None
        self.main = _Part()
        self.parts: list[_Part] = [self.main]
        self.appendix: list[AppendixTable] = []
        self._divisions: list[Division] = []
        self._article: Article | None = None
        self._paragraph: Paragraph | None = None
        self._items: list[tuple[str, Item]] = []
        self._unit: Paragraph | Item | None = None
        self._appendix: AppendixTable | None = None
        self._ranges: list[tuple[Article, str]] = []
        self.notes: list[str] = []

    # --- where are we --------------------------------------------------------------------------------

    @property
    def part(self) -> _Part:
        return self.parts[-1]

    @property
    def in_suppl(self) -> bool:
        return self.part.suppl is not None

    @property
    def in_article(self) -> bool:
        return self._article is not None

    @property
    def has_content(self) -> bool:
        return any(p.articles or p.paragraphs for p in self.parts)

    @property
    def in_appendix(self) -> bool:
        """A 別表/別記/様式 is open: the lines that follow are its text until a heading ends it."""
        return self._appendix is not None

    def continues_articles(self, title: str) -> bool:
        """Whether an article heading ``title`` comes after the last article of this 本則 or 附則 in number.

        A 別表 comes after the provisions; a 第N条 inside one that does not carry the numbering on is a cell
        (a table listing provisions), not a new article.
        """
        last = self.part.last_article
        return last is None or _num_key(article_num(title)[0]) > last

    @property
    def unit_has_text(self) -> bool:
        return bool(self._unit is not None and self._unit.sentences)

    def next_paragraph(self) -> int:
        """The number the next 項 would have here (2 after the first paragraph of an article)."""
        if self._article is not None:
            return len(self._article.paragraphs) + 1
        paragraphs = self.part.paragraphs
        if not paragraphs:
            return 1
        return len(paragraphs) + 1

    def next_item(self, family: str) -> int | None:
        """The ordinal the next item of ``family`` would have, or None if that family is not open here."""
        if self._paragraph is None:
            return None
        for fam, item in reversed(self._items):
            if fam == family:
                return int(item.num.split("_")[0]) + 1
        return 1

    def item_is_open(self, family: str) -> bool:
        return any(fam == family for fam, _ in self._items)

    # --- structure -----------------------------------------------------------------------------------

    def division(self, match: re.Match[str]) -> None:
        """A 編/章/節/款/目 heading (a DIVISION_RE match); articles after it belong to it."""
        kind: DivisionKind = match["kind"]  # type: ignore[assignment]
        parts = [match["head"]] + [b for b in (match["branches"] or "").split("の") if b]
        num = "_".join(str(kanji_to_int(part)) for part in parts)
        title = (match["title"] or "").strip()
        order = ["編", "章", "節", "款", "目"]
        while self._divisions and order.index(self._divisions[-1].kind) >= order.index(kind):
            self._divisions.pop()
        division = Division(kind=kind, num=num, title=title)
        (self._divisions[-1].children if self._divisions else self.part.articles).append(division)
        self._divisions.append(division)
        self._close_article()

    def article(self, title: str, caption: str = "", line: int | None = None) -> None:
        try:
            num, is_range = article_num(title)
        except ValueError:
            raise InputError(self.source, f"cannot read the article number of {title!r}", line) from None
        self._close_appendix()
        key, last = _num_key(num), self.part.last_article
        if last is not None and key <= last and not self.in_suppl:
            # Articles only rise through a 本則: one that does not has lost what stood before it, most often the
            # 附則 heading (「(施行期日) 第1条」 after 第14条), and its citations (第1条 for 附則第1条) are wrong.
            self.warnings.append(
                f"{self._where(line)}{title} follows a higher article in the 本則: a 附則 heading may be missing here, "
                "and what follows is cited as 本則 (check these citations)"
            )
        self.part.last_article = key
        article = Article(num=num, title=title, caption=caption)
        target = self._divisions[-1].children if (self._divisions and not self.in_suppl) else self.part.articles
        target.append(article)
        if is_range:
            self._ranges.append((article, title))
        self._article = article
        self._new_paragraph("1", "")

    def paragraph(self, title: str, num: int, caption: str = "") -> None:
        """A numbered 項 (2, ２), or the first paragraph of an article-less 附則 / 本則 (title may be "")."""
        self._close_appendix()
        if self._article is not None and num == 1 and len(self._article.paragraphs) == 1:
            # 横書き 例規 number an article's first paragraph only when quoting it; it already exists.
            self._article.paragraphs[0].title = title
            self._paragraph = self._article.paragraphs[0]
            self._unit = self._paragraph
            self._items = []
            return
        self._new_paragraph(str(num), title, caption)

    def unnumbered_paragraph(self, caption: str = "") -> None:
        """A paragraph printed without a number: an article's first, if still empty, else the next one."""
        article = self._article
        if article is not None and len(article.paragraphs) == 1 and not article.paragraphs[0].sentences:
            self._paragraph = self._unit = article.paragraphs[0]
            self._items = []
            return
        self._close_appendix()
        self._new_paragraph(str(self.next_paragraph()), "", caption)

    def item(self, title: str, line: int | None = None) -> None:
        family = item_family(title, self.kana_order)
        if family is None:
            raise InputError(self.source, f"cannot read the item number of {title!r}", line)
        if self._paragraph is None:
            self._new_paragraph("1", "")
        fam, num = family
        while self._items and self._items[-1][0] != fam and any(f == fam for f, _ in self._items):
            self._items.pop()
        item = Item(num=num, title=title.strip())
        if self._items and self._items[-1][0] == fam:
            previous = self._items.pop()[1]
            expected = int(previous.num.split("_")[0]) + (0 if "_" in num else 1)
            if int(num.split("_")[0]) != expected:
                self.warnings.append(f"{self._where(line)}item {title} follows {previous.title}")
        elif num.split("_")[0] != "1":
            self.warnings.append(f"{self._where(line)}item {title} opens a list (expected the first)")
        parent = self._items[-1][1].children if self._items else self._paragraph.items  # type: ignore[union-attr]
        parent.append(item)
        self._items.append((fam, item))
        self._unit = item

    def suppl(self, heading: str, amend_law_num: str | None, extract: bool) -> None:
        self._close_article()
        self._close_appendix()
        self._divisions = []
        suppl = SupplProvision(
            title=heading, amend_law_num=law_num_citation(amend_law_num) if amend_law_num else None, extract=extract
        )
        self.parts.append(_Part(suppl=suppl))

    def appendix_start(self, title: str, related: str = "") -> None:
        self._close_article()
        self._appendix = AppendixTable(title=title, related=related)
        self.appendix.append(self._appendix)

    # --- text ----------------------------------------------------------------------------------------

    def text(self, text: str, line: int | None = None) -> None:
        """Sentences of the current provision (split at 。); 沿革 notes removed."""
        text, notes = strip_revision_notes(text)
        self.notes.extend(notes)
        if not text.strip():
            return
        if self._appendix is not None:
            self._appendix.text = f"{self._appendix.text}\n{text.strip()}".lstrip("\n")
            return
        unit = self._current_unit(line)
        unit.sentences.extend(Sentence(text=piece) for piece in split_sentences(text))

    def sentence(self, text: str, line: int | None = None) -> None:
        """One sentence as the source delimits it (an HTML span); 沿革 notes removed."""
        text, notes = strip_revision_notes(text)
        self.notes.extend(notes)
        text = text.strip(" \t\u3000\u00a0")
        if not text:
            return
        if self._appendix is not None:
            self._appendix.text = f"{self._appendix.text}\n{text}".lstrip("\n")
            return
        self._current_unit(line).sentences.append(Sentence(text=text))

    def table_row(self, cells: list[str], line: int | None = None) -> None:
        """A table row: in an appendix a line; in a provision one sentence per cell, ``column`` = its position."""
        if self._appendix is not None:
            self._appendix.text = f"{self._appendix.text}\n{chr(0x3000).join(cells)}".lstrip("\n")
            return
        unit = self._current_unit(line)
        for position, cell in enumerate(cells, start=1):
            if cell:
                unit.sentences.append(Sentence(text=cell, column=position))

    def continue_text(self, text: str) -> None:
        """A line that carries on the current sentence (text wrapped in the source), or new sentences."""
        unit = self._unit
        if unit is not None and unit.sentences and unit.sentences[-1].column is None:
            last = unit.sentences[-1]
            if not last.text.endswith("。"):
                unit.sentences.pop()
                joined = last.text + text.strip(" \t\u3000\u00a0")
                unit.sentences.extend(Sentence(text=piece) for piece in split_sentences(joined))
                return
        self.text(text)

    # --- result --------------------------------------------------------------------------------------

    def build(self, kind: LawKind) -> Law:
        law = Law(
            title=self.title,
            law_num=self.law_num,
            kind=kind,
            numbering=self.style,
            source=self.source,
            body=self.main.articles,
            paragraphs=self.main.paragraphs,
            suppl=[self._suppl_of(part) for part in self.parts[1:]],
            appendix=self.appendix,
        )
        for unit in law.units():
            assign_roles(unit.node.sentences)
        finalize(law)
        for article, title in self._ranges:
            single = ordinal_title(article.num, "条", self.style)
            if article.label.endswith(single):
                old = article.label
                new = old[: -len(single)] + title
                for node in [article, *article.paragraphs]:
                    node.label = new + node.label[len(old) :]
        return law

    @staticmethod
    def _suppl_of(part: _Part) -> SupplProvision:
        assert part.suppl is not None
        part.suppl.articles = [a for a in part.articles if isinstance(a, Article)]
        part.suppl.paragraphs = part.paragraphs
        return part.suppl

    # --- internals -----------------------------------------------------------------------------------

    def _new_paragraph(self, num: str, title: str, caption: str = "") -> None:
        paragraph = Paragraph(num=num, title=title, caption=caption)
        if self._article is not None:
            self._article.paragraphs.append(paragraph)
        else:
            self.part.paragraphs.append(paragraph)
        self._paragraph = paragraph
        self._unit = paragraph
        self._items = []

    def _current_unit(self, line: int | None) -> Paragraph | Item:
        if self._unit is None:
            # Text before any 第1条 or 附則: an article-less 本則 (a short 要綱) begins.
            self._new_paragraph("1", "")
        assert self._unit is not None
        return self._unit

    def _close_article(self) -> None:
        self._article = None
        self._paragraph = None
        self._unit = None
        self._items = []

    def _close_appendix(self) -> None:
        self._appendix = None

    def _where(self, line: int | None) -> str:
        return f"line {line}: " if line else ""


def _num_key(num: str) -> tuple[int, ...]:
    """ "5_2" → (5, 2): article numbers in the order they come in."""
    return tuple(int(part) for part in num.split("_"))


def halfwidth_int(text: str) -> int:
    return int(to_halfwidth_digits(text.strip()))
