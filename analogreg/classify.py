"""Findings for one Law: every provision unit run through the prefilter, the tokenizer and the rules.

A unit (paragraph, item or 細目) is tokenized once, and only when the keyword prefilter lets it through. Its
matches then pass the rule's own context and ``unless`` tests, then the shared exclusions (罰則 that only cite a
duty, 準用, 定義, prohibitions …), then the already-digital markers. One Finding per unit that keeps a match.

Context crosses units: an item is read together with the paragraph (柱書) and items that hold it (scope
``provision``), and every unit shares its article's 見出し; but a match, and so its span, is always in the unit's
own text, which is what the amendment stage rewrites.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from analogreg.categories import CATEGORIES
from analogreg.model import Item, Law, Location, Paragraph, ProvisionUnit
from analogreg.records import Finding, finding_id
from analogreg.ruleset.load import Ruleset, default_ruleset
from analogreg.ruleset.matcher import Hit, Rejected, UnitView, run_rules, sentence_ends
from analogreg.tokenize import Token, tokenize


@dataclass
class UnitAnalysis:
    """What the rules made of one text: kept hits, rejected matches (and why), the categories, digital or not."""

    text: str
    tokens: list[Token] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    prefiltered_out: bool = False

    @property
    def analog_hits(self) -> list[Hit]:
        return [h for h in self.hits if not h.digital]

    @property
    def already_digital(self) -> bool:
        """Every match offers a digital way already (and there is at least one)."""
        return bool(self.hits) and not self.analog_hits

    @property
    def reported_hits(self) -> list[Hit]:
        """The hits a finding reports: the analog ones, or all of them when the unit is already digital."""
        return self.analog_hits or self.hits

    @property
    def categories(self) -> list[str]:
        found = {h.category for h in self.reported_hits}
        return [c for c in CATEGORIES if c in found]


@dataclass(frozen=True)
class UnitInput:
    """One text to classify with what the rules may read around it: its article's 見出し, the text of the
    paragraph (柱書) / items holding it, and the whole paragraph it belongs to (柱書 and every item)."""

    text: str
    caption: str = ""
    ancestors: str = ""
    paragraph: str = ""


@dataclass
class _Pending:
    """A unit the prefilter let through, waiting for its tokens: what to tokenize and what the matcher will need."""

    unit: UnitInput
    result: UnitAnalysis
    possible: frozenset[str] | None
    whole_scope: dict[int, bool]
    pieces: list[tuple[int, int]]  # character spans of the text to tokenize, in order
    by_sentence: bool  # whether each piece is one sentence of several (the matcher is told their token ranges)


def analyze(
    text: str,
    ruleset: Ruleset | None = None,
    *,
    caption: str = "",
    ancestors: str = "",
    paragraph: str = "",
    use_prefilter: bool = True,
    trace: bool = False,
) -> UnitAnalysis:
    """Classify one provision text. ``ancestors`` is the text of the paragraph (柱書) / items holding it;
    ``paragraph`` the whole paragraph it belongs to (柱書 and every item), for conditions on sibling items."""
    unit = UnitInput(text, caption, ancestors, paragraph)
    return analyze_units([unit], ruleset, use_prefilter=use_prefilter, trace=trace)[0]


def analyze_units(
    units: list[UnitInput], ruleset: Ruleset | None = None, *, use_prefilter: bool = True, trace: bool = False
) -> list[UnitAnalysis]:
    """Classify many units: the prefilter on each, then every text it lets through tokenized in one run, then the
    rules on each. Sudachi reads its 200 MB dictionary at random: between other work (lxml, the prefilter) its
    pages leave the CPU caches, and a statute sentence took 2–3 times as long to tokenize as in a run of calls
    (bench/scan_speed.py; 800 archive laws: 5.3 s interleaved, 3.4 s in a run per law)."""
    ruleset = ruleset or default_ruleset()
    prepared = [_prepare(unit, ruleset, use_prefilter, trace) for unit in units]
    tokens = iter(_tokenize_pieces([p for p in prepared if isinstance(p, _Pending)]))
    return [p if isinstance(p, UnitAnalysis) else _finish(p, next(tokens), ruleset, trace) for p in prepared]


def _prepare(unit: UnitInput, ruleset: Ruleset, use_prefilter: bool, trace: bool) -> UnitAnalysis | _Pending:
    """The prefilter's verdict on a unit: a finished (empty) analysis, or what to tokenize for it."""
    text = unit.text
    result = UnitAnalysis(text=text)
    if not use_prefilter:
        return _Pending(unit, result, None, {}, [(0, len(text))], by_sentence=False)
    prefilter = ruleset.prefilter
    possible = prefilter.possible_rules(text, unit.caption, unit.ancestors)
    if not possible:
        result.prefiltered_out = True
        return result
    # The tests on the whole unit, its 見出し and paragraph need no token: their results are kept for the matcher.
    whole_scope: dict[int, bool] = {}
    spans = sentence_spans(text)
    if trace:
        # Tracing (rules explain) reads every sentence with a keyword, so that near misses can be shown too.
        needed = [(b, e) for b, e in spans if len(spans) == 1 or prefilter.regex.search(text, b, e)]
    else:
        # A rule whose every match would be rejected here anyway is not worth tokenizing for.
        bare = UnitView(text=text, tokens=[], caption=unit.caption, ancestors=unit.ancestors, paragraph=unit.paragraph)
        possible -= ruleset.ruled_out(possible, bare)
        whole_scope = bare.whole_scope
        needed = prefilter.sentences_to_read(text, spans, possible) if possible else []
    if not needed:
        result.prefiltered_out = True
        return result
    # A match never crosses a sentence end, so only the needed sentences are tokenized; a unit of one sentence is
    # tokenized whole (the matcher finds its sentence from the tokens).
    if len(spans) == 1:
        return _Pending(unit, result, possible, whole_scope, [(0, len(text))], by_sentence=False)
    return _Pending(unit, result, possible, whole_scope, needed, by_sentence=True)


def _tokenize_pieces(pending: list[_Pending]) -> list[tuple[list[Token], list[tuple[int, int]]]]:
    """Each pending unit's tokens, and the token range of each sentence read (none for a whole unit), all
    tokenized in one run."""
    out: list[tuple[list[Token], list[tuple[int, int]]]] = []
    for item in pending:
        text = item.unit.text
        tokens: list[Token] = []
        sentences: list[tuple[int, int]] = []
        for begin, end in item.pieces:
            start = len(tokens)
            tokens.extend(tokenize_provision(text[begin:end], begin) if item.by_sentence else tokenize_provision(text))
            if item.by_sentence and len(tokens) > start:
                sentences.append((start, len(tokens)))
        out.append((tokens, sentences))
    return out


def _finish(
    item: _Pending, tokenized: tuple[list[Token], list[tuple[int, int]]], ruleset: Ruleset, trace: bool
) -> UnitAnalysis:
    """The rules, then the shared exclusions and the already-digital markers, on a tokenized unit."""
    unit, result = item.unit, item.result
    result.tokens, sentences = tokenized
    view = UnitView(
        text=unit.text,
        tokens=result.tokens,
        caption=unit.caption,
        ancestors=unit.ancestors,
        paragraph=unit.paragraph,
        sentences=sentences,
        whole_scope=item.whole_scope,
    )
    rejected: list[Rejected] | None = [] if trace else None
    for hit in run_rules(ruleset.index, view, rejected, item.possible):
        excluded_by = next(
            (ex.id for ex in ruleset.exclusions if ex.applies(hit.category, view, hit.tok_lo, hit.tok_hi)), None
        )
        if excluded_by is not None:
            if rejected is not None:
                rejected.append(Rejected(hit, excluded_by))
            continue
        hit.digital = [m.id for m in ruleset.digital if m.applies(hit.category, view, hit.tok_lo, hit.tok_hi)]
        result.hits.append(hit)
    result.rejected = rejected or []
    result.hits.sort(key=lambda h: (h.begin, h.end, h.rule))
    return result


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences: split after each sentence-ending 。, as the matcher splits tokens."""
    spans: list[tuple[int, int]] = []
    start = 0
    for i in sentence_ends(text):
        spans.append((start, i + 1))
        start = i + 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


# Statutes drafted until the late 1980s write the 促音 with a full-size つ (「立ち入つて」「行つた」「なかつた」),
# which Sudachi splits wrongly (立つ + 入る, 行ふ). Before て / た a つ is a 促音 (「について」「かつ」 go on with other
# kana), so it is read as っ; the swap keeps every offset, and tokens keep the text's own characters as surface.
_OLD_SOKUON = re.compile(r"つ(?=[てた])")


def tokenize_provision(text: str, offset: int = 0) -> list[Token]:
    """Tokens of a provision text, old-style 促音 read as modern ones; surfaces are the text's own, offsets the
    text's own plus ``offset`` (where the text begins in the unit)."""
    modern = _OLD_SOKUON.sub("っ", text)
    if modern == text:
        return tokenize(text, offset=offset)
    return tokenize(modern, offset=offset, surfaces=text)


# --- a whole Law -----------------------------------------------------------------------------------------


def _ancestor_texts(law: Law) -> dict[int, str]:
    """id(node) → the text of the paragraph and items that hold it (empty for a paragraph)."""
    out: dict[int, str] = {}

    def visit_item(item: Item, above: list[str]) -> None:
        out[id(item)] = "\n".join(above)
        for child in item.children:
            visit_item(child, [*above, item.text])

    def visit_paragraph(paragraph: Paragraph) -> None:
        out[id(paragraph)] = ""
        for item in paragraph.items:
            visit_item(item, [paragraph.text])

    for paragraph in law.all_paragraphs():
        visit_paragraph(paragraph)
    return out


def _paragraph_texts(law: Law) -> dict[int, str]:
    """id(node) → the text of the whole paragraph it belongs to: the 柱書 and every item and 細目, in order
    (absent for a paragraph without items, whose own text is the whole paragraph)."""
    out: dict[int, str] = {}

    def members(item: Item) -> list[Item]:
        return [item, *(m for child in item.children for m in members(child))]

    def visit_paragraph(paragraph: Paragraph) -> None:
        if not paragraph.items:
            return
        nodes: list[Paragraph | Item] = [paragraph, *(m for item in paragraph.items for m in members(item))]
        text = "\n".join(node.text for node in nodes)
        for node in nodes:
            out[id(node)] = text

    for paragraph in law.all_paragraphs():
        visit_paragraph(paragraph)
    return out


def location_key(location: Location) -> str:
    """A stable string for a Location (part, 附則, 別表, article, paragraph, item, 細目)."""
    part, suppl, table, article, paragraph, item, subitems = location.key()
    return "|".join([part, suppl, table, article, paragraph, item, "/".join(subitems)])


def iter_analyses(
    law: Law, ruleset: Ruleset | None = None, *, use_prefilter: bool = True
) -> Iterator[tuple[ProvisionUnit, UnitAnalysis]]:
    """Every provision unit of the law with what the rules made of it (prefiltered-out units included)."""
    units = list(law.units())
    analyses = analyze_units(unit_inputs(law, units), ruleset, use_prefilter=use_prefilter)
    yield from zip(units, analyses, strict=True)


def unit_inputs(law: Law, units: list[ProvisionUnit]) -> list[UnitInput]:
    """What the classifier reads of each unit of ``law``: its text, 見出し, holding text and paragraph."""
    ancestors = _ancestor_texts(law)
    paragraphs = _paragraph_texts(law)
    return [
        UnitInput(
            unit.text,
            unit.article.caption if unit.article is not None else "",
            ancestors.get(id(unit.node), ""),
            paragraphs.get(id(unit.node), ""),
        )
        for unit in units
    ]


def classify_law(
    law: Law, ruleset: Ruleset | None = None, doc: str = "", *, use_prefilter: bool = True
) -> list[Finding]:
    """One Finding per provision unit that holds analog wording (or already-digital wording), in document order."""
    findings: list[Finding] = []
    for unit, analysis in iter_analyses(law, ruleset, use_prefilter=use_prefilter):
        if not analysis.hits:
            continue
        findings.append(make_finding(law, unit, analysis, doc or law.source))
    return findings


def make_finding(law: Law, unit: ProvisionUnit, analysis: UnitAnalysis, doc: str) -> Finding:
    location = unit.location
    hits = analysis.reported_hits
    spans: list[tuple[int, int]] = []
    seen_spans: set[tuple[int, int]] = set()  # a set beside the list: a unit may hold thousands of matches
    matched: list[str] = []
    rules: list[str] = []
    for hit in hits:
        if (hit.begin, hit.end) not in seen_spans:
            seen_spans.add((hit.begin, hit.end))
            spans.append((hit.begin, hit.end))
            matched.append(hit.wording)
        if hit.rule not in rules:
            rules.append(hit.rule)
    categories = analysis.categories
    return Finding(
        finding_id=finding_id(doc, location_key(location), categories, matched),
        doc=doc,
        law_title=law.title,
        law_num=law.law_num,
        law_kind=law.kind,
        numbering=law.numbering,
        part=location.part,
        suppl=location.suppl,
        article=location.article,
        paragraph=location.paragraph,
        item=location.item,
        subitems=list(location.subitems),
        label=unit.label,
        caption=unit.article.caption if unit.article is not None else "",
        categories=categories,
        rules=rules,
        matched=matched,
        spans=spans,
        text=analysis.text,
        already_digital=analysis.already_digital,
    )
