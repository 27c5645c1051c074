"""Findings for one Law: every provision unit run through the prefilter, the tokenizer and the rules.

A unit (paragraph, item or 細目) is tokenized once, and only when the keyword prefilter lets it through. Its
matches then pass the rule's own context and ``unless`` tests, then the shared exclusions (罰則 that only cite a
duty, 準用, 定義, prohibitions …), then the already-digital markers. One Finding per unit that keeps a match.

Context crosses units: an item is read together with the paragraph (柱書) and items that hold it (scope
``provision``), and every unit shares its article's 見出し; but a match, and so its span, is always in the unit's
own text, which is what the amendment stage rewrites.

After the rules, the learned second opinion (opinion.py, when the rules folder has one) reads each 本則 paragraph
whole and adds the categories it is sure of that no rule found there (``add_second_opinion``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from analogreg.categories import CATEGORIES
from analogreg.citations import cited_provisions
from analogreg.model import Article, Item, Law, Location, Paragraph, ProvisionUnit, build, paragraph_nodes
from analogreg.opinion import paragraph_document
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
    excluded: set[str] = field(default_factory=set)  # categories of matches a shared exclusion rejected

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
    ruleset = ruleset or default_ruleset()
    possible = _own_words(text, ruleset) if use_prefilter else None
    if possible is not None and not possible:
        return UnitAnalysis(text=text, prefiltered_out=True)
    caption, ancestors, paragraph = (_full_brackets(s) for s in (caption, ancestors, paragraph))
    pending = _prepare(text, possible, ruleset, caption, ancestors, paragraph, trace)
    if isinstance(pending, UnitAnalysis):
        return pending
    return _finish(pending, ruleset, *_unit_tokens(pending))


def _own_words(text: str, ruleset: Ruleset) -> frozenset[str]:
    """The rules a unit's own text can match (none: the unit is prefiltered out). Asked first: most units hold no
    rule's words, and then their 見出し and the texts holding them need not even be read (a paragraph of a hundred
    items would be searched for brackets once for each item)."""
    return ruleset.prefilter.possible_rules(_full_brackets(text))


@dataclass
class _Pending:
    """A unit between the tests on its text and the rules on its tokens: what to tokenize and what to finish with."""

    result: UnitAnalysis
    written: str  # the text as written (tokens' surfaces, the wording a finding reports)
    text: str  # the text read with full-width brackets
    possible: frozenset[str] | None
    caption: str
    ancestors: str
    paragraph: str
    whole_scope: dict[int, bool]
    spans: list[tuple[int, int]] | None  # the sentences; None: tokenize the whole unit (no prefilter)
    needed: list[tuple[int, int]]  # the sentences to tokenize
    trace: bool


def _prepare(
    text: str,
    possible: frozenset[str] | None,
    ruleset: Ruleset,
    caption: str,
    ancestors: str,
    paragraph: str,
    trace: bool,
) -> UnitAnalysis | _Pending:
    """The tests on the text of a unit whose own words let some rule through (``possible``; None: no prefilter), its
    context (``caption``, ``ancestors``, ``paragraph``) already read with full-width brackets (_full_brackets), before
    any token: the unit's final analysis when they leave nothing to tokenize."""
    result = UnitAnalysis(text=text)
    written = text
    text = _full_brackets(text)
    if possible is not None:
        possible = ruleset.prefilter.framed(possible, text, caption, ancestors)
        if not possible:
            result.prefiltered_out = True
            return result
    # The tests on the whole unit, its 見出し and paragraph need no token: their results are kept for the matcher.
    whole_scope: dict[int, bool] = {}
    if possible is None:
        return _Pending(result, written, text, None, caption, ancestors, paragraph, whole_scope, None, [], trace)
    # Tracing (rules explain) reads every sentence with a keyword, so that near misses can be shown too.
    spans = sentence_spans(text)
    prefilter = ruleset.prefilter
    if trace:
        needed = [(b, e) for b, e in spans if len(spans) == 1 or prefilter.holds_keyword(text, b, e)]
    else:
        # Most units the keywords let through have no sentence a possible rule could match in: that test comes
        # first, being cheaper than the exclusions' (it only narrows with fewer rules, so the answer is the same).
        needed = prefilter.sentences_to_read(text, spans, possible)
        if needed:
            # A rule whose every match would be rejected here anyway is not worth tokenizing for.
            bare = UnitView(text=text, tokens=[], caption=caption, ancestors=ancestors, paragraph=paragraph)
            out = ruleset.ruled_out(possible, bare)
            whole_scope = bare.whole_scope
            if out:
                possible -= out
                needed = prefilter.sentences_to_read(text, spans, possible) if possible else []
    if not needed:
        result.prefiltered_out = True
        return result
    return _Pending(result, written, text, possible, caption, ancestors, paragraph, whole_scope, spans, needed, trace)


def _unit_tokens(pending: _Pending) -> tuple[list[Token], list[tuple[int, int]]]:
    """The tokens a pending unit needs, with the token range of each sentence read (see _candidate_tokens)."""
    if pending.spans is None:
        return tokenize_provision(pending.written), []
    return _candidate_tokens(pending.written, pending.spans, pending.needed)


def _finish(pending: _Pending, ruleset: Ruleset, tokens: list[Token], sentences: list[tuple[int, int]]) -> UnitAnalysis:
    """The rules, the shared exclusions and the digital markers on a unit's tokens."""
    result, text, written = pending.result, pending.text, pending.written
    result.tokens = tokens
    view = UnitView(
        text=text,
        tokens=tokens,
        caption=pending.caption,
        ancestors=pending.ancestors,
        paragraph=pending.paragraph,
        sentences=sentences,
        whole_scope=pending.whole_scope,
    )
    rejected: list[Rejected] | None = [] if pending.trace else None
    for hit in run_rules(ruleset.index, view, rejected, pending.possible):
        excluded_by = next(
            (ex.id for ex in ruleset.exclusions if ex.applies(hit.category, view, hit.tok_lo, hit.tok_hi)), None
        )
        if excluded_by is not None:
            result.excluded.add(hit.category)
            if rejected is not None:
                rejected.append(Rejected(hit, excluded_by))
            continue
        hit.digital = [m.id for m in ruleset.digital if m.applies(hit.category, view, hit.tok_lo, hit.tok_hi)]
        if text is not written:
            hit.wording = written[hit.begin : hit.end]
        result.hits.append(hit)
    result.rejected = rejected or []
    result.hits.sort(key=lambda h: (h.begin, h.end, h.rule))
    return result


# A few statutes write a bracket half-width (「…教育及び訓練を定期に(…毎年一回以上定期に)実施すること」 試験研究の用に
# 供する原子炉等の設置、運転等に関する規則 第十条, blind141 FA0329): the rules read brackets as the full-width 括弧 of
# 法令, so the unit is read with them full-width. One character for one keeps every offset; the wording a finding
# reports is cut from the text as written.
_FULL_BRACKETS = str.maketrans("()", "（）")


def _full_brackets(text: str) -> str:
    """The text with half-width brackets made full-width; the same object when it has none."""
    return text.translate(_FULL_BRACKETS) if "(" in text or ")" in text else text


def sentences_read(text: str, rule_ids: frozenset[str], ruleset: Ruleset) -> list[tuple[int, int]]:
    """The sentences of a unit's text (character spans) that the scan tokenizes for ``rule_ids``: read as the scan
    reads them, brackets full-width (a window condition may need the brackets it holds to pair). One character
    for one, so the spans are the text's own."""
    text = _full_brackets(text)
    return ruleset.prefilter.sentences_to_read(text, sentence_spans(text), rule_ids)


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
    """Tokens of a provision text, old-style 促音 read as modern ones and brackets as full-width; surfaces are the
    text's own, offsets the text's own plus ``offset`` (where the text begins in the unit)."""
    modern = _OLD_SOKUON.sub("っ", _full_brackets(text))
    if modern == text:
        return tokenize(text, offset=offset)
    return tokenize(modern, offset=offset, surfaces=text)


def _candidate_tokens(
    text: str, spans: list[tuple[int, int]], needed: list[tuple[int, int]]
) -> tuple[list[Token], list[tuple[int, int]]]:
    """Tokens of the ``needed`` sentences only (see Prefilter.sentences_to_read): a match never crosses a sentence
    end, so the other sentences cannot match, and context tests read the text, not tokens. With them, the token
    range of each sentence read (none for a unit of one sentence: the matcher finds it from the tokens)."""
    if len(spans) == 1:
        return tokenize_provision(text), []
    tokens: list[Token] = []
    sentences: list[tuple[int, int]] = []
    for begin, end in needed:
        start = len(tokens)
        tokens.extend(tokenize_provision(text[begin:end], begin))
        if len(tokens) > start:
            sentences.append((start, len(tokens)))
    return tokens, sentences


# --- a whole Law -----------------------------------------------------------------------------------------


def holding_texts(paragraph: Paragraph) -> dict[int, tuple[str, str]]:
    """id(node) → (what holds it, its whole paragraph) for a paragraph and every item and 細目 under it.

    What holds a unit is the text of the paragraph (柱書) and items above it, a line each (empty for the paragraph
    itself); its whole paragraph is the 柱書 and every item and 細目 in order, a line each (empty for a paragraph
    without items, whose own text is the whole paragraph). The rules' conditions read them (scopes ``provision``
    and ``paragraph``)."""
    whole = "\n".join(node.text for node in paragraph_nodes(paragraph)) if paragraph.items else ""
    out: dict[int, tuple[str, str]] = {id(paragraph): ("", whole)}
    # Depth first in document order, from an explicit stack: a nested function that calls itself is a reference
    # cycle (the function and its own closure cell), which refcounting cannot free. Made for every paragraph the
    # rules read, those cycles were the only garbage the scan's workers left to the cyclic collector.
    stack: list[tuple[Item, list[str]]] = [(item, [paragraph.text]) for item in reversed(paragraph.items)]
    while stack:
        item, above = stack.pop()
        out[id(item)] = ("\n".join(above), whole)
        if item.children:
            below = [*above, item.text]
            stack.extend((child, below) for child in reversed(item.children))
    return out


def _ancestor_texts(law: Law) -> dict[int, str]:
    """id(node) → the text of the paragraph and items that hold it (empty for a paragraph), for every unit."""
    return {key: held for p in law.all_paragraphs() for key, (held, _) in holding_texts(p).items()}


def location_key(location: Location) -> str:
    """A stable string for a Location (part, 附則, 別表, article, paragraph, item, 細目)."""
    part, suppl, table, article, paragraph, item, subitems = location.key()
    return "|".join([part, suppl, table, article, paragraph, item, "/".join(subitems)])


def iter_analyses(
    law: Law, ruleset: Ruleset | None = None, *, use_prefilter: bool = True
) -> Iterator[tuple[ProvisionUnit, UnitAnalysis]]:
    """Every provision unit of the law with what the rules made of it (prefiltered-out units included)."""
    ruleset = ruleset or default_ruleset()
    for article, paragraph in law.article_paragraphs():
        caption = article.caption if article is not None else ""
        texts = holding_texts(paragraph)
        for node in paragraph_nodes(paragraph):
            ancestors, whole = texts[id(node)]
            analysis = analyze(
                node.text, ruleset, caption=caption, ancestors=ancestors, paragraph=whole, use_prefilter=use_prefilter
            )
            yield build(ProvisionUnit, article=article, node=node), analysis


def classify_law(
    law: Law, ruleset: Ruleset | None = None, doc: str = "", *, use_prefilter: bool = True, opinion: bool = True
) -> list[Finding]:
    """One Finding per provision unit that holds analog wording (or already-digital wording), in document order;
    with ``opinion`` (and a model in the rules folder), the second opinion's additions too (see opinion.py)."""
    ruleset = ruleset or default_ruleset()
    pending = prepare_law(law, ruleset, doc, use_prefilter=use_prefilter)
    tokenize_law(pending)
    apply_rules(pending, ruleset)
    return finish_law(pending, ruleset, opinion=opinion)


@dataclass
class LawPending:
    """A law between the tests on its units' texts and its findings (classify_law in four steps, which the batch scan
    runs each over a batch of laws in turn, so that Sudachi reads a batch's sentences back to back, the rules run
    over all of them, then the second opinion: each step's data stays in the CPU's caches)."""

    law: Law
    doc: str
    # Each unit some rule's words reach, in document order: its article, its node, and its analysis when the tests
    # on its text settled it, else what it waits for.
    units: list[tuple[Article | None, Paragraph | Item, UnitAnalysis | _Pending]]
    tokens: list[tuple[list[Token], list[tuple[int, int]]] | None] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # the rules' findings, once apply_rules has run
    excluded: dict[tuple, set[str]] = field(default_factory=dict)  # paragraph → categories an exclusion rejected


def prepare_law(law: Law, ruleset: Ruleset, doc: str = "", *, use_prefilter: bool = True) -> LawPending:
    """classify_law's first step: the tests on the text of every unit, up to what Sudachi must read."""
    units: list[tuple[Article | None, Paragraph | Item, UnitAnalysis | _Pending]] = []
    # iter_analyses, without what a unit no rule's words reach does not need (most units of a scan): its
    # ProvisionUnit and the texts holding it are made only for a unit whose own words let some rule through.
    for article, paragraph in law.article_paragraphs():
        texts: dict[int, tuple[str, str]] | None = None
        for node in paragraph_nodes(paragraph):
            possible = _own_words(node.text, ruleset) if use_prefilter else None
            if possible is not None and not possible:
                continue
            if texts is None:
                texts = holding_texts(paragraph)
                # Read with full-width brackets once per paragraph, not once per unit (a paragraph of a hundred
                # items would be searched for brackets a hundred times).
                whole = _full_brackets(next(iter(texts.values()))[1])
                caption = _full_brackets(article.caption) if article is not None else ""
            ancestors = _full_brackets(texts[id(node)][0])
            units.append((article, node, _prepare(node.text, possible, ruleset, caption, ancestors, whole, False)))
    return LawPending(law, doc or law.source, units)


def tokenize_law(pending: LawPending) -> None:
    """classify_law's second step: Sudachi on the sentences each waiting unit needs."""
    pending.tokens = [None if isinstance(p, UnitAnalysis) else _unit_tokens(p) for _, _, p in pending.units]


def apply_rules(pending: LawPending, ruleset: Ruleset) -> None:
    """classify_law's third step: the rules on the tokens, and the findings they give."""
    law, doc = pending.law, pending.doc
    for (article, node, state), tokens in zip(pending.units, pending.tokens, strict=True):
        analysis = state if isinstance(state, UnitAnalysis) else _finish(state, ruleset, *tokens)
        if analysis.excluded:
            pending.excluded.setdefault(_paragraph_key(node.location), set()).update(analysis.excluded)
        if analysis.hits:
            unit = build(ProvisionUnit, article=article, node=node)
            pending.findings.append(make_finding(law, unit, analysis, doc))


def finish_law(pending: LawPending, ruleset: Ruleset, *, opinion: bool = True) -> list[Finding]:
    """classify_law's last step: the rules' findings with the second opinion's additions (once apply_rules has run)."""
    if opinion and ruleset.opinion is not None:
        return add_second_opinion(pending.law, pending.findings, ruleset, pending.doc, pending.excluded)
    return pending.findings


def _paragraph_key(location: Location) -> tuple:
    return (location.part, location.suppl, location.article, location.paragraph)


def opinion_paragraphs(law: Law, ruleset: Ruleset) -> list[tuple[ProvisionUnit, str]]:
    """The 本則 paragraphs the second opinion is asked about, each with the document it reads.

    Only paragraphs its card's gate admits, and whose text the rules' provision prefilter keeps: the scan builds
    no other article (the partial reading), so a whole reading must not ask about more, or the two would differ.
    """
    opinion = ruleset.opinion
    assert opinion is not None
    paragraphs: list[tuple[Article | None, Paragraph]] = [
        *((article, paragraph) for article in law.articles() for paragraph in article.paragraphs),
        *((None, paragraph) for paragraph in law.paragraphs),
    ]
    out: list[tuple[ProvisionUnit, str]] = []
    for article, paragraph in paragraphs:  # walked directly: a ProvisionUnit for every unit costs more than the test
        document = paragraph_document(article.caption if article is not None else "", paragraph)
        if opinion.asks(document) and ruleset.prefilter.may_match_provision(document):
            out.append((build(ProvisionUnit, article=article, node=paragraph), document))
    return out


def add_second_opinion(
    law: Law,
    findings: list[Finding],
    ruleset: Ruleset,
    doc: str,
    excluded: dict[tuple, set[str]],
) -> list[Finding]:
    """``findings`` with the categories the model adds where no rule found them in the paragraph (its own unit or
    any of its items), in document order. An addition joins the paragraph's own finding, or makes one with no
    matched wording; a paragraph whose own finding is already digital gets none (it offers a digital way).

    The model does not overrule the shared exclusions (罰則, prohibitions, definitions, 準用, the ID card of an
    inspection …: the issue's and the guidelines' "not a positive"): a category is not added to a paragraph where
    one of them rejected a match of it (``excluded``), or rules it out on the text of any of its units."""
    opinion = ruleset.opinion
    assert opinion is not None
    asked = opinion_paragraphs(law, ruleset)
    if not asked:
        return findings
    additions = opinion.additions([document for _, document in asked])
    found_in: dict[tuple, set[str]] = {}  # paragraph → categories some rule found there
    own: dict[str, int] = {}  # location key of a paragraph unit → index of its finding
    for i, f in enumerate(findings):
        location = _finding_location(f)
        found_in.setdefault(_paragraph_key(location), set()).update(f.categories)
        if f.item is None and not f.subitems:
            own[location_key(location)] = i
    out = list(findings)
    new: list[tuple[ProvisionUnit, Finding]] = []
    for (unit, _), added in zip(asked, additions, strict=True):
        loc = unit.location
        ruled = found_in.get(_paragraph_key(loc), set()) | excluded.get(_paragraph_key(loc), set())
        missing = {c: p for c, p in added.items() if c not in ruled}
        if missing:
            vetoed = _ruled_out_in_paragraph(unit, ruleset)
            missing = {c: p for c, p in missing.items() if c not in vetoed}
        if not missing:
            continue
        key = location_key(loc)
        if key in own:
            base = out[own[key]]
            if base.already_digital:
                continue
            out[own[key]] = _with_opinion(base, missing, doc, key)
        else:
            new.append((unit, _opinion_finding(law, unit, missing, doc)))
    if not new:
        return out
    order = {location_key(u.location): n for n, u in enumerate(law.units())}
    merged = out + [f for _, f in new]
    merged.sort(key=lambda f: order.get(location_key(_finding_location(f)), -1))
    return merged


def _ruled_out_in_paragraph(unit: ProvisionUnit, ruleset: Ruleset) -> set[str]:
    """The categories the shared exclusions rule out on the text of a paragraph's units (its own and its items'):
    asked only for the few paragraphs the model would add to."""
    assert isinstance(unit.node, Paragraph)  # the model is asked about paragraphs
    caption = unit.article.caption if unit.article is not None else ""
    texts = holding_texts(unit.node)
    out: set[str] = set()
    for node in paragraph_nodes(unit.node):
        ancestors, whole = texts[id(node)]
        view = UnitView(text=node.text, tokens=[], caption=caption, ancestors=ancestors, paragraph=whole)
        out |= ruleset.excluded_everywhere(view)
    return out


def _finding_location(f: Finding) -> Location:
    return Location(
        part=f.part, suppl=f.suppl, article=f.article, paragraph=f.paragraph, item=f.item, subitems=tuple(f.subitems)
    )


def _with_opinion(base: Finding, added: dict[str, float], doc: str, key: str) -> Finding:
    categories = [c for c in CATEGORIES if c in base.categories or c in added]
    return base.model_copy(
        update={
            "categories": categories,
            "opinion": {c: added[c] for c in CATEGORIES if c in added},
            "finding_id": finding_id(doc, key, categories, base.matched),
        }
    )


def _opinion_finding(law: Law, unit: ProvisionUnit, added: dict[str, float], doc: str) -> Finding:
    categories = [c for c in CATEGORIES if c in added]
    return _unit_finding(law, unit, doc, categories, [], [], [], unit.text, opinion={c: added[c] for c in categories})


def make_finding(law: Law, unit: ProvisionUnit, analysis: UnitAnalysis, doc: str) -> Finding:
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
    return _unit_finding(
        law, unit, doc, analysis.categories, rules, matched, spans, analysis.text, analysis.already_digital
    )


def _unit_finding(
    law: Law,
    unit: ProvisionUnit,
    doc: str,
    categories: list[str],
    rules: list[str],
    matched: list[str],
    spans: list[tuple[int, int]],
    text: str,
    already_digital: bool = False,
    opinion: dict[str, float] | None = None,
) -> Finding:
    """The Finding of one provision unit: where it is (law, citation) and what was found in it."""
    location = unit.location
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
        text=text,
        already_digital=already_digital,
        cites=cited_provisions(text, law.statute_names, law.title),
        basis=list(law.basis),
        opinion=opinion or {},
    )
