"""The statute tree every stage shares: Law → (編/章/節) → Article → Paragraph → Item → Sentence.

One model serves e-Gov XML, 例規集 HTML and plain text. Numbers are kept in e-Gov form ("77_28", "1_2");
titles are kept as written (第七十七条の二十八, ２, (1)) so that output can quote the document exactly.
Every provision carries a Location and its citation label, rendered in the document's own numbering style
once the parser calls :func:`finalize`.
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from functools import cache, lru_cache
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import PydanticUndefined

from analogreg.numbering import Style, ordinal_title

LawKind = Literal["法律", "政令", "勅令", "府令", "省令", "規則", "条例", "規程", "要綱", "訓令", "告示", "その他"]
Part = Literal["main", "suppl"]
SentenceRole = Literal["main", "proviso", "former", "latter"]
DivisionKind = Literal["編", "章", "節", "款", "目"]

# Kinds that a municipal council enacts (条例) versus those the executive makes (規則 and below): an
# amending 条例 cannot amend a 規則, so drafts are split on this.
ORDINANCE_KINDS: frozenset[str] = frozenset({"条例"})


_M = TypeVar("_M", bound=BaseModel)
_set = object.__setattr__


@cache
def _field_plan(cls: type[BaseModel]) -> tuple[tuple[str, ...], dict[str, Any]]:
    """A model's field names in declaration order, and how to fill each missing one (value or factory)."""
    if cls.__pydantic_post_init__ or cls.__pydantic_root_model__:
        raise TypeError(f"build() cannot make a {cls.__name__}: it has a post-init hook or is a root model")
    names = tuple(cls.__pydantic_fields__)
    fill: dict[str, Any] = {}
    for name, info in cls.__pydantic_fields__.items():
        if info.default_factory is not None:
            fill[name] = info.default_factory
        elif info.default is not PydanticUndefined:
            fill[name] = lambda value=info.default: value
    return names, fill


def build(cls: type[_M], **values: Any) -> _M:
    """``cls.model_construct(**values)`` at a fraction of its cost: a statute has tens of thousands of nodes.

    Like model_construct, nothing is validated, so only code that builds values of the right types by
    construction (the parsers, :func:`finalize`) may use it; the result is an ordinary model instance (dumped,
    compared and copied as usual). Missing fields take their defaults; fields keep their declaration order,
    so a dump lists them as for a validated instance.
    """
    names, fill = _field_plan(cls)
    if tuple(values) != names:
        missing = [name for name in names if name not in values]
        unknown = values.keys() - set(names)
        if unknown:
            raise TypeError(f"{cls.__name__} has no field {', '.join(sorted(unknown))}")
        for name in missing:
            if name not in fill:
                raise TypeError(f"{cls.__name__}: missing required field {name}")
        values = {name: values[name] if name in values else fill[name]() for name in names}
        fields_set = set(names) - set(missing)
    else:
        fields_set = set(names)
    node = cls.__new__(cls)
    _set(node, "__dict__", values)
    _set(node, "__pydantic_fields_set__", fields_set)
    _set(node, "__pydantic_extra__", None)
    _set(node, "__pydantic_private__", None)
    return node


class _Node(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Location(_Node):
    """Where a provision sits: part (本則/附則), which 附則, article, paragraph, item and 細目 path."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    part: Part = "main"
    suppl: str | None = Field(
        default=None,
        description="For 附則 of an amending act: its 法令番号 (AmendLawNum); None = original 附則",
    )
    article: str | None = Field(default=None, description='e-Gov article number, e.g. "77_28"')
    paragraph: str | None = Field(default=None, description='paragraph number, e.g. "2"')
    item: str | None = Field(default=None, description='item (号) number, e.g. "1" or "1_2"')
    subitems: tuple[str, ...] = Field(default=(), description="細目 titles as written, outermost first: ('イ', '(1)')")
    table: str | None = Field(default=None, description="別表 title when the provision is in an appended table")

    def key(self) -> tuple:
        """A sortable, hashable identity."""
        return (
            self.part,
            self.suppl or "",
            self.table or "",
            self.article or "",
            self.paragraph or "",
            self.item or "",
            self.subitems,
        )


class Sentence(_Node):
    """One sentence (文) of a provision, with its role: 本文, ただし書, 前段 or 後段."""

    text: str
    role: SentenceRole = "main"
    column: int | None = Field(default=None, description="column number when the item is laid out in columns")


def join_sentences(sentences: list[Sentence]) -> str:
    """The provision text: sentences run together; columns (定義 items) separated by a full-width space."""
    out: list[str] = []
    previous_column: int | None = None
    for sentence in sentences:
        if out and sentence.column is not None and sentence.column != previous_column:
            out.append("\u3000")
        out.append(sentence.text)
        previous_column = sentence.column
    return "".join(out)


class Item(_Node):
    """Item (号) or sub-item (細目: イ, ロ / ア, イ / (1), (ア))."""

    num: str = Field(description='e-Gov number ("1", "1_2"); for 細目 the ordinal as a string')
    title: str = Field(default="", description="as written: 一, (1), ⑴, イ, ア, (ア)")
    sentences: list[Sentence] = Field(default_factory=list)
    children: list[Item] = Field(default_factory=list)
    location: Location | None = None
    label: str = ""

    @property
    def text(self) -> str:
        return join_sentences(self.sentences)


class Paragraph(_Node):
    """Paragraph (項)."""

    num: str = "1"
    title: str = Field(default="", description="the paragraph number as written (２, 2); empty for the first")
    caption: str = Field(default="", description="見出し of the paragraph when it has its own (附則 （施行期日）)")
    sentences: list[Sentence] = Field(default_factory=list)
    items: list[Item] = Field(default_factory=list)
    location: Location | None = None
    label: str = ""

    @property
    def text(self) -> str:
        return join_sentences(self.sentences)


class Article(_Node):
    """Article (条), with its 見出し (caption)."""

    num: str
    title: str = Field(default="", description="as written: 第七十七条の二十八 / 第77条の28")
    caption: str = Field(default="", description="見出し as written, e.g. （目的）")
    paragraphs: list[Paragraph] = Field(default_factory=list)
    deleted: bool = False
    location: Location | None = None
    label: str = ""


class Division(_Node):
    """編, 章, 節, 款 or 目: a heading that groups articles."""

    kind: DivisionKind
    num: str
    title: str = ""
    children: list[Division | Article] = Field(default_factory=list)


class SupplProvision(_Node):
    """附則: the original one (amend_law_num None) or one per amending act, kept apart from 本則."""

    title: str = "附則"
    amend_law_num: str | None = None
    extract: bool = Field(default=False, description="抄: only part of the 附則 is reproduced")
    articles: list[Article] = Field(default_factory=list)
    paragraphs: list[Paragraph] = Field(default_factory=list)


class AppendixTable(_Node):
    """別表: its title, the provision it relates to, and its text (cells joined row by row)."""

    title: str
    related: str = Field(default="", description="（第三条関係）")
    text: str = ""


class Law(_Node):
    """A statute: national law (法律, 政令, 省令 …) or municipal 例規 (条例, 規則, 規程, 要綱)."""

    title: str
    law_num: str | None = Field(default=None, description="法令番号 as written, when known")
    kind: LawKind = "その他"
    numbering: Style = "kanji"
    source: str = Field(default="", description="the file path as given")
    body: list[Division | Article] = Field(default_factory=list, description="本則 articles (under divisions)")
    paragraphs: list[Paragraph] = Field(
        default_factory=list, description="本則 without articles (e.g. 要綱 of one paragraph)"
    )
    suppl: list[SupplProvision] = Field(default_factory=list)
    appendix: list[AppendixTable] = Field(default_factory=list)
    statute_names: dict[str, str] = Field(
        default_factory=dict,
        description="what the statute calls other statutes (法 → 都市計画法): citations.statute_names",
    )
    basis: list[str] = Field(
        default_factory=list,
        description="the provisions a 例規 says it is made under (根拠規定, from its first article): citations.basis",
    )

    # --- traversal -------------------------------------------------------------------------------

    def articles(self) -> Iterator[Article]:
        """Every 本則 article in document order."""
        yield from _walk_articles(self.body)

    def all_articles(self) -> Iterator[Article]:
        """本則 articles, then the articles of every 附則."""
        yield from self.articles()
        for suppl in self.suppl:
            yield from suppl.articles

    def all_paragraphs(self) -> Iterator[Paragraph]:
        """Every paragraph: of the 本則 articles, the 本則 without articles, then each 附則's articles and its own."""
        for _, paragraph in self.article_paragraphs():
            yield paragraph

    def article_paragraphs(self) -> Iterator[tuple[Article | None, Paragraph]]:
        """Every paragraph in the order of all_paragraphs, with the article that holds it (None for a paragraph of a
        本則 or 附則 without articles)."""
        for article in self.articles():
            for paragraph in article.paragraphs:
                yield article, paragraph
        for paragraph in self.paragraphs:
            yield None, paragraph
        for suppl in self.suppl:
            for article in suppl.articles:
                for paragraph in article.paragraphs:
                    yield article, paragraph
            for paragraph in suppl.paragraphs:
                yield None, paragraph

    def units(self) -> Iterator[ProvisionUnit]:
        """Every provision unit (paragraph, item, 細目) in document order, with the article that holds it."""
        for article, paragraph in self.article_paragraphs():
            yield from _paragraph_units(article, paragraph)

    def sentences(self) -> Iterator[Sentence]:
        """Every sentence of 本則 and 附則 (not 別表) in document order."""
        for unit in self.units():
            yield from unit.node.sentences


class ProvisionUnit(BaseModel):
    """A paragraph, item or 細目 together with its article: the unit that findings and amendments address."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    article: Article | None
    node: Paragraph | Item

    @property
    def location(self) -> Location:
        assert self.node.location is not None, "finalize() the Law first"
        return self.node.location

    @property
    def label(self) -> str:
        return self.node.label

    @property
    def text(self) -> str:
        return self.node.text


def _walk_articles(nodes: list[Division | Article]) -> Iterator[Article]:
    for node in nodes:
        if isinstance(node, Article):
            yield node
        else:
            yield from _walk_articles(node.children)


def paragraph_nodes(node: Paragraph | Item) -> list[Paragraph | Item]:
    """The paragraph (or item) and every item and 細目 under it, in document order."""
    children = node.items if isinstance(node, Paragraph) else node.children
    return [node, *(n for child in children for n in paragraph_nodes(child))]


def _paragraph_units(article: Article | None, paragraph: Paragraph) -> Iterator[ProvisionUnit]:
    yield build(ProvisionUnit, article=article, node=paragraph)
    for item in paragraph.items:
        yield from _item_units(article, item)


def _item_units(article: Article | None, item: Item) -> Iterator[ProvisionUnit]:
    yield build(ProvisionUnit, article=article, node=item)
    for child in item.children:
        yield from _item_units(article, child)


# --- locations and citation labels --------------------------------------------------------------------


# Locations are made for every provision: built directly rather than by model_copy (which deep-copies the
# fields dict and is several times slower); citation labels repeat the same few ordinals thousands of times.
_LOCATION_DEFAULTS = {name: info.default for name, info in Location.model_fields.items()}
_ordinal = lru_cache(maxsize=4096)(ordinal_title)


def _location(**values: Any) -> Location:
    return build(Location, **{**_LOCATION_DEFAULTS, **values})


def _with(base: Location, **changes: Any) -> Location:
    """``base.model_copy(update=changes)`` for a frozen Location, without the copy machinery."""
    return build(Location, **{**base.__dict__, **changes})


def citation_label(
    location: Location,
    style: Style,
    *,
    single_paragraph: bool,
    suppl_numbered: bool = True,
    suppl_word: str = "附則",
) -> str:
    """The citation of a provision in the document's style: 第七十七条の二十八第二項第一号 / 第77条の28第2項第1号.

    法制執務: the paragraph number is omitted when the article has a single paragraph (第3条第1号, not
    第3条第1項第1号); 附則 provisions are cited 附則第2条 / 附則第3項; a 附則 of an amending act is cited
    with its 法令番号, 附則（平成10年条例第5号）第2項. ``suppl_numbered`` is False for a 附則 made of a single
    unnumbered paragraph, which is cited as plain 附則. ``suppl_word`` is the word the 例規 prints: a 規程 whose
    supplementary provisions are headed 付則 is cited 付則第2項 (法制執務: cite as printed); e-Gov always has 附則.
    """
    parts: list[str] = []
    if location.part == "suppl":
        parts.append(f"{suppl_word}（{location.suppl}）" if location.suppl else suppl_word)
    if location.table:
        parts.append(location.table)
    if location.article:
        parts.append(_ordinal(location.article, "条", style))
    if location.paragraph and not (single_paragraph and (location.article or not suppl_numbered)):
        parts.append(_ordinal(location.paragraph, "項", style))
    if location.item:
        parts.append(_ordinal(location.item, "号", style))
    parts.extend(location.subitems)
    # A 本則 without articles (a one-paragraph 要綱) has no number to cite.
    return "".join(parts) or ("本則" if location.part == "main" else suppl_word)


def finalize(law: Law, *, several_paragraphs: Container[int] = ()) -> Law:
    """Assign a Location and a citation label to every article, paragraph and item. Parsers call this last.

    ``several_paragraphs``: ids of articles that hold more paragraphs than were built (the scan's partial reading
    builds only some), so that one built paragraph is still cited with its number."""
    style = law.numbering
    for article in law.articles():
        _finalize_article(article, _location(part="main", article=article.num), style, several_paragraphs)
    _finalize_paragraphs(law.paragraphs, _location(part="main"), style, numbered=len(law.paragraphs) > 1)
    for suppl in law.suppl:
        base = _location(part="suppl", suppl=suppl.amend_law_num)
        word = suppl_word_of(suppl)
        for article in suppl.articles:
            _finalize_article(article, _with(base, article=article.num), style, several_paragraphs, word)
        _finalize_paragraphs(suppl.paragraphs, base, style, numbered=len(suppl.paragraphs) > 1, word=word)
    return law


def suppl_word_of(suppl: SupplProvision) -> str:
    """附則, or 付則 where the 例規 prints its heading so (付則 / 付　則): the word its provisions are cited by."""
    return "付則" if suppl.title.lstrip(" \u3000").startswith("付") else "附則"


def _place(node: Article | Paragraph | Item, location: Location, label: str) -> None:
    """``node.location, node.label = location, label`` without pydantic's __setattr__, which costs several times
    more (a statute has tens of thousands of nodes); the fields-set is kept as that would keep it."""
    fields = node.__dict__
    fields["location"] = location
    fields["label"] = label
    node.__pydantic_fields_set__.update(("location", "label"))


def _finalize_article(
    article: Article, base: Location, style: Style, several_paragraphs: Container[int], word: str = "附則"
) -> None:
    _place(article, base, citation_label(base, style, single_paragraph=True, suppl_word=word))
    # 法制執務: 第一項 is cited only where the article has several paragraphs — all of them, built or not.
    single = len(article.paragraphs) == 1 and id(article) not in several_paragraphs
    for paragraph in article.paragraphs:
        loc = _with(base, paragraph=paragraph.num)
        _place(paragraph, loc, citation_label(loc, style, single_paragraph=single, suppl_word=word))
        _finalize_items(paragraph.items, loc, style, single, word=word)


def _finalize_paragraphs(
    paragraphs: list[Paragraph], base: Location, style: Style, *, numbered: bool, word: str = "附則"
) -> None:
    for paragraph in paragraphs:
        loc = _with(base, paragraph=paragraph.num)
        label = citation_label(loc, style, single_paragraph=not numbered, suppl_numbered=numbered, suppl_word=word)
        _place(paragraph, loc, label)
        _finalize_items(paragraph.items, loc, style, not numbered, suppl_numbered=numbered, word=word)


def _finalize_items(
    items: list[Item], base: Location, style: Style, single: bool, *, suppl_numbered: bool = True, word: str = "附則"
) -> None:
    for item in items:
        loc = _with(base, item=item.num)
        _finalize_item(item, loc, style, single, suppl_numbered, word)


def _finalize_item(item: Item, loc: Location, style: Style, single: bool, suppl_numbered: bool, word: str) -> None:
    label = citation_label(loc, style, single_paragraph=single, suppl_numbered=suppl_numbered, suppl_word=word)
    _place(item, loc, label)
    for child in item.children:
        child_loc = _with(loc, subitems=(*loc.subitems, child.title.strip()))
        _finalize_item(child, child_loc, style, single, suppl_numbered, word)
