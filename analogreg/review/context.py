"""The provision in its context: the article's 見出し and the neighbouring paragraphs and items, from the source.

Decision (see docs/contracts.md): the pipeline does not store context; the review re-parses the source document
when a finding is shown. ``doc`` is the path as scanned, relative to where the scan ran, so it is looked up
relative to the current directory, then to the output folder's parent (the usual layout: ``ordinances/`` next to
``amendments/``), then to the output folder itself. When the source cannot be found or parsed, or no longer holds
the provision as the proposal quotes it, the pane shows the provision alone (and the proposal's ``scope``) and
says why: a reviewer must never read a neighbour from a different version of the 例規 without being told.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from analogreg.errors import InputError
from analogreg.model import Article, Item, Law, Paragraph, ProvisionUnit
from analogreg.records import Proposal

# Units shown before and after the finding's unit when the article is long.
WINDOW = 3


@dataclass(frozen=True)
class ContextLine:
    """One provision unit of the context: its number as written, its text, and whether it is the finding's."""

    number: str
    text: str
    depth: int = 0
    target: bool = False
    spans: tuple[tuple[int, int], ...] = ()
    caption: str = ""  # set on the neighbouring articles shown around a short one


@dataclass(frozen=True)
class ProvisionContext:
    heading: str
    lines: list[ContextLine]
    source: Path | None = None
    problem: str | None = None  # why only the provision itself is shown
    omitted_before: int = 0
    omitted_after: int = 0


def resolve_source(doc: str, out_dir: Path | None) -> Path | None:
    """The source file of ``doc``, or None when none of the places it could be holds it."""
    return _first_file(doc, out_dir.resolve() if out_dir is not None else None)


def _first_file(doc: str, out_dir: Path | None) -> Path | None:
    """:func:`resolve_source` with ``out_dir`` already resolved (resolving walks the path: once per session)."""
    path = Path(doc)
    if path.is_absolute():
        return path if path.is_file() else None
    bases = [Path.cwd()]
    if out_dir is not None:
        bases += [out_dir.parent, out_dir]
    for base in bases:
        candidate = base / path
        if candidate.is_file():
            return candidate
    return None


def _place(part, suppl, article, paragraph, item, subitems) -> tuple:
    """What identifies a unit for a proposal: 本則/附則, which 附則, article, paragraph, item, 細目."""
    return (part, suppl or None, article, paragraph, item, tuple(subitems))


def _unit_place(unit: ProvisionUnit) -> tuple:
    loc = unit.location
    return _place(loc.part, loc.suppl, loc.article, loc.paragraph, loc.item, loc.subitems)


def _proposal_place(p: Proposal) -> tuple:
    return _place(p.part, p.suppl, p.article, p.paragraph, p.item, p.subitems)


class LawIndex:
    """A parsed source walked once: its units in order, found by place, grouped by article. Showing a finding
    then costs a few look-ups, not a walk over every unit of the document (a law of 4,000 units takes ~11 ms to
    list, and the review shows its findings one key after another)."""

    def __init__(self, law: Law) -> None:
        self.law = law
        self.units: list[ProvisionUnit] = list(law.units())
        self.places: dict[tuple, int] = {}
        self._siblings: dict[object, list[int]] = {}
        for i, unit in enumerate(self.units):
            self.places.setdefault(_unit_place(unit), i)  # the first unit at a place, as a scan finds it
            group = id(unit.article) if unit.article is not None else ("outside articles", unit.location.part)
            self._siblings.setdefault(group, []).append(i)
        self.articles: list[Article] = list(law.all_articles())
        self._article_at = {id(a): i for i, a in enumerate(self.articles)}

    def siblings(self, index: int) -> list[int]:
        """The units of the article holding ``units[index]`` (outside articles: of its part), in order."""
        unit = self.units[index]
        group = id(unit.article) if unit.article is not None else ("outside articles", unit.location.part)
        return self._siblings[group]

    def article_position(self, article: Article) -> int | None:
        return self._article_at.get(id(article))


def _number(unit: ProvisionUnit, first_of_article: bool) -> str:
    node = unit.node
    if isinstance(node, Paragraph):
        if first_of_article and unit.article is not None:
            return unit.article.title
        return node.title
    assert isinstance(node, Item)
    return node.title


def _depth(unit: ProvisionUnit) -> int:
    node = unit.node
    if isinstance(node, Paragraph):
        return 0
    loc = unit.location
    return 1 + len(loc.subitems)


def provision_only(p: Proposal, problem: str | None) -> ProvisionContext:
    """The fallback: the provision itself, then the other units of the cited provision (``scope``)."""
    lines = [ContextLine(p.label, p.old_text, target=True, spans=tuple(tuple(s) for s in p.spans))]
    lines += [ContextLine(label, text, depth=1) for label, text in p.scope.items()]
    return ProvisionContext(heading=p.caption, lines=lines, problem=problem)


def context_from_law(
    law: Law, p: Proposal, source: Path | None = None, indexed: LawIndex | None = None
) -> ProvisionContext:
    """``p``'s provision in context; ``indexed`` is ``law`` already walked (see :class:`LawIndex`)."""
    if indexed is None or indexed.law is not law:
        indexed = LawIndex(law)
    units = indexed.units
    index = indexed.places.get(_proposal_place(p))
    if index is None:
        return provision_only(p, f"{p.label} is not in the source file any more")
    target = units[index]
    if target.text != p.old_text:
        return provision_only(p, f"the source file's {p.label} differs from the proposal's text (changed since)")
    article = target.article
    siblings = indexed.siblings(index)
    pos = siblings.index(index)
    lo, hi = max(0, pos - WINDOW), min(len(siblings), pos + WINDOW + 1)
    lines: list[ContextLine] = []
    first_paragraph = siblings[0]
    for i in siblings[lo:hi]:
        unit = units[i]
        is_target = i == index
        lines.append(
            ContextLine(
                number=_number(unit, i == first_paragraph),
                text=unit.text,
                depth=_depth(unit),
                target=is_target,
                spans=tuple(tuple(s) for s in p.spans) if is_target else (),
                caption=article.caption if article is not None and i == first_paragraph else "",
            )
        )
    if article is not None and len(siblings) <= 2:
        lines = _neighbour_articles(indexed, article, lines)
    return ProvisionContext(
        heading=law.title,
        lines=lines,
        source=source,
        omitted_before=lo,
        omitted_after=len(siblings) - hi,
    )


def _article_line(article: Article) -> ContextLine | None:
    if not article.paragraphs:
        return None
    return ContextLine(number=article.title, text=article.paragraphs[0].text, caption=article.caption)


def _neighbour_articles(indexed: LawIndex, article: Article, lines: list[ContextLine]) -> list[ContextLine]:
    """A short article read alone lacks context: add the articles before and after it (first paragraph)."""
    articles = indexed.articles
    at = indexed.article_position(article)
    if at is None:
        return lines
    before = _article_line(articles[at - 1]) if at > 0 else None
    after = _article_line(articles[at + 1]) if at + 1 < len(articles) else None
    return [*([before] if before else []), *lines, *([after] if after else [])]


class ContextLoader:
    """Parses source documents on demand (thread-safe, a few kept in memory, each walked once into a
    :class:`LawIndex`) and cuts out a provision's context."""

    def __init__(self, out_dir: Path | None, cache_size: int = 16) -> None:
        self.out_dir = out_dir
        self._out_resolved = out_dir.resolve() if out_dir is not None else None
        self._cache: OrderedDict[Path, LawIndex | str] = OrderedDict()
        self._size = cache_size
        self._lock = threading.Lock()
        self._pending: dict[Path, threading.Event] = {}  # sources being parsed, set when done

    def _source(self, p: Proposal) -> Path | None:
        return _first_file(p.doc, self._out_resolved)

    def _law(self, path: Path) -> LawIndex | str:
        """The parsed source at ``path``. A source being parsed by another thread is waited for, not parsed
        again: moving quickly through a new document's findings started one parse per key, all in parallel."""
        while True:
            with self._lock:
                if path in self._cache:
                    self._cache.move_to_end(path)
                    return self._cache[path]
                pending = self._pending.get(path)
                if pending is None:
                    self._pending[path] = threading.Event()
                    break
            pending.wait()  # then look again (a tiny cache may have dropped it meanwhile)
        try:
            result = self._parse(path)
            with self._lock:
                self._cache[path] = result
                while len(self._cache) > self._size:
                    self._cache.popitem(last=False)
        finally:
            with self._lock:
                self._pending.pop(path).set()
        return result

    @staticmethod
    def _parse(path: Path) -> LawIndex | str:
        try:
            from analogreg.parse import parse_file
        except ImportError:  # the parse stage is absent from this installation
            return "no parser available"
        try:
            return LawIndex(parse_file(path).law)
        except InputError as exc:
            return str(exc)
        except OSError as exc:
            return f"{path}: cannot read ({exc.strerror})"

    def law_for(self, p: Proposal) -> Law | None:
        """The parsed source of ``p``, or None when it cannot be found or read."""
        source = self._source(p)
        if source is None:
            return None
        indexed = self._law(source)
        return None if isinstance(indexed, str) else indexed.law

    def cached_context(self, p: Proposal) -> ProvisionContext | None:
        """The context when it needs no parsing (source missing, or parsed before); None when it does."""
        source = self._source(p)
        if source is None:
            return provision_only(p, f"source {p.doc} not found")
        with self._lock:
            if source not in self._cache:
                return None
        return self._context_at(source, p)

    def context(self, p: Proposal) -> ProvisionContext:
        source = self._source(p)
        if source is None:
            return provision_only(p, f"source {p.doc} not found")
        return self._context_at(source, p)

    def _context_at(self, source: Path, p: Proposal) -> ProvisionContext:
        indexed = self._law(source)
        if isinstance(indexed, str):
            return provision_only(p, f"source not readable: {indexed}")
        return context_from_law(indexed.law, p, source, indexed)
