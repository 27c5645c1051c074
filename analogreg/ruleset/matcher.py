"""The token matcher: rules compiled once, run over the tokens of one provision unit.

A unit is tokenized once; every rule is tried only at tokens that can start it (rules are indexed by the literal
lemma or surface of their first token). Matches never cross a sentence end (。 outside brackets). Context and
``unless`` conditions, shared exclusions and already-digital markers are all tests on the text around a match.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from operator import attrgetter

from analogreg.ruleset.regexes import compiled
from analogreg.ruleset.schema import Condition, DigitalMarker, Exclusion, Rule, TokenSpec, ValueSpec
from analogreg.tokenize import Token

_UNBOUNDED = 10_000


# --- token tests ---------------------------------------------------------------------------------------


def _value_test(spec: ValueSpec) -> Callable[[str], bool]:
    if spec.EQ is not None:
        value = spec.EQ
        return lambda s: s == value
    if spec.IN is not None:
        values = frozenset(spec.IN)
        return lambda s: s in values
    if spec.NOT_IN is not None:
        excluded = frozenset(spec.NOT_IN)
        return lambda s: s not in excluded
    rx = compiled(spec.REGEX or "")
    return lambda s: rx.fullmatch(s) is not None


def _pos_test(prefix: Sequence[str]) -> Callable[[tuple[str, ...]], bool]:
    wanted = tuple(prefix)

    def test(pos: tuple[str, ...]) -> bool:
        return all(w == "*" or w == p for w, p in zip(wanted, pos, strict=False))

    return test


@dataclass(frozen=True, slots=True)
class TokenTest:
    """A compiled TokenSpec."""

    surface: Callable[[str], bool] | None
    lemma: Callable[[str], bool] | None
    pos: Callable[[tuple[str, ...]], bool] | None
    op: str  # "1", "?", "*", "+", "!"
    max: int
    bracket: bool = False

    def ok(self, token: Token) -> bool:
        return (
            (self.surface is None or self.surface(token.surface))
            and (self.lemma is None or self.lemma(token.lemma))
            and (self.pos is None or self.pos(token.pos))
        )


def compile_token(spec: TokenSpec) -> TokenTest:
    op = spec.OP or "1"
    limit = 1 if op in ("1", "?", "!") else (spec.MAX or _UNBOUNDED)
    return TokenTest(
        surface=_value_test(spec.SURFACE) if spec.SURFACE else None,
        lemma=_value_test(spec.LEMMA) if spec.LEMMA else None,
        pos=_pos_test(spec.POS) if spec.POS else None,
        op=op,
        max=limit,
        bracket=spec.BRACKET,
    )


Bounds = list[tuple[int, int]]


def match_at(tests: Sequence[TokenTest], tokens: Sequence[Token], start: int, limit: int) -> Bounds | None:
    """Match the pattern starting exactly at token ``start``; tokens from ``limit`` on are out of reach.

    Returns, per pattern element, the token range it consumed. ``?`` is greedy; ``*`` and ``+`` are lazy so
    that the reported wording stays as short as the pattern allows.
    """
    return _match(tests, tokens, start, 0, limit, [])


def _match(tests: Sequence[TokenTest], tokens: Sequence[Token], ti: int, pi: int, limit: int, bounds: Bounds):
    if pi == len(tests):
        return bounds
    test = tests[pi]
    op = test.op
    if test.bracket:
        close = _bracket_end(tokens, ti, limit)
        if close is not None:
            found = _match(tests, tokens, close, pi + 1, limit, [*bounds, (ti, close)])
            if found is not None:
                return found
        return _match(tests, tokens, ti, pi + 1, limit, [*bounds, (ti, ti)]) if op == "?" else None
    if op == "1":
        if ti < limit and test.ok(tokens[ti]):
            return _match(tests, tokens, ti + 1, pi + 1, limit, [*bounds, (ti, ti + 1)])
        return None
    if op == "!":
        if ti < limit and not test.ok(tokens[ti]):
            return _match(tests, tokens, ti + 1, pi + 1, limit, [*bounds, (ti, ti + 1)])
        return None
    if op == "?":
        if ti < limit and test.ok(tokens[ti]):
            found = _match(tests, tokens, ti + 1, pi + 1, limit, [*bounds, (ti, ti + 1)])
            if found is not None:
                return found
        return _match(tests, tokens, ti, pi + 1, limit, [*bounds, (ti, ti)])
    # "*" and "+": lazy, fewest repetitions first.
    count = 0 if op == "*" else 1
    if op == "+" and not (ti < limit and test.ok(tokens[ti])):
        return None
    while True:
        found = _match(tests, tokens, ti + count, pi + 1, limit, [*bounds, (ti, ti + count)])
        if found is not None:
            return found
        if count >= test.max or ti + count >= limit or not test.ok(tokens[ti + count]):
            return None
        count += 1


def _bracket_end(tokens: Sequence[Token], start: int, limit: int) -> int | None:
    """If tokens[start] opens a parenthetical, the index just after its matching close (within limit)."""
    if start >= limit or tokens[start].surface not in ("（", "("):
        return None
    depth = 0
    for i in range(start, limit):
        surface = tokens[i].surface
        depth += surface.count("（") + surface.count("(") - surface.count("）") - surface.count(")")
        if depth <= 0:
            return i + 1
    return None


def find_all(tests: Sequence[TokenTest], tokens: Sequence[Token], lo: int, hi: int) -> Bounds | None:
    """The first match of the pattern starting anywhere in tokens[lo:hi] (and ending before hi)."""
    for start in range(lo, hi):
        found = match_at(tests, tokens, start, hi)
        if found is not None:
            return found
    return None


# --- the text a condition looks at -----------------------------------------------------------------------

_OPEN = "（(「『［["
_CLOSE = "）)」』］]"


_SPLIT_MARKS = re.compile("[" + re.escape(_OPEN + _CLOSE) + "。]")


def sentence_ends(text: str) -> Iterator[int]:
    """Offsets of the 。 that end a sentence: those at bracket depth 0 (not the one inside （以下同じ。）).

    Only brackets and 。 move the split, so one search visits these marks, not every character."""
    depth = 0
    for mark in _SPLIT_MARKS.finditer(text):
        ch = mark.group()
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            if depth:
                depth -= 1
        elif depth == 0:
            yield mark.start()


def sentence_ranges(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """Token ranges of the sentences: split after a sentence-ending 。 (see :func:`sentence_ends`).

    The marks are found in the surfaces joined and mapped back to their token by the surfaces' cumulative ends."""
    ranges: list[tuple[int, int]] = []
    surfaces = [token.surface for token in tokens]
    ends = list(accumulate(map(len, surfaces)))
    start = 0
    for offset in sentence_ends("".join(surfaces)):
        i = bisect_right(ends, offset)  # the token holding this 。
        # Only a token that is 。 itself ends a sentence (a 。 inside a longer surface does not).
        if surfaces[i] == "。":
            ranges.append((start, i + 1))
            start = i + 1
    if start < len(tokens):
        ranges.append((start, len(tokens)))
    return ranges


def provision_text(caption: str, ancestors: str, text: str) -> str:
    """What a ``provision`` condition reads: the 見出し, what holds the unit, and the unit, a line each (the prefilter
    tests the rules' provision conditions on this same string before any tokenizing)."""
    return "\n".join(t for t in (caption, ancestors, text) if t)


@dataclass
class UnitView:
    """Everything the matcher may look at for one provision unit."""

    text: str
    tokens: list[Token]
    caption: str = ""
    ancestors: str = ""
    # The whole paragraph the unit belongs to (柱書, all items and 細目); empty when unknown (a bare text).
    paragraph: str = ""
    # The whole article the unit belongs to (every paragraph): read by amendment templates only, which must see a
    # later 項 that names back what they rewrite; empty when unknown.
    article: str = ""
    sentences: list[tuple[int, int]] = field(default_factory=list)
    # Results of the conditions that read the whole unit, paragraph, provision or 見出し: the same for every match
    # in the unit, so each is computed once (a unit with thousands of matches would search its text each time).
    whole_scope: dict[int, bool] = field(default_factory=dict, repr=False, compare=False)
    # Results of the conditions on a sentence, by (condition, the sentence's first token).
    sentence_scope: dict[tuple[int, int], bool] = field(default_factory=dict, repr=False, compare=False)
    # The conditions whose id() keys a result above, kept alive with the view: a condition compiled for one test
    # (the amend stage compiles a template's on the fly) must not free its id for another while the view is in use.
    held: list[object] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.sentences:
            self.sentences = sentence_ranges(self.tokens)
        self._starts = [lo for lo, _ in self.sentences]

    @cached_property
    def provision_text(self) -> str:
        """What a ``provision`` condition reads (see :func:`provision_text`)."""
        return provision_text(self.caption, self.ancestors, self.text)

    @cached_property
    def paragraph_text(self) -> str:
        """What a ``paragraph`` condition reads: the 見出し and the whole paragraph (without it, the unit and what
        holds it, all there is of a bare text or an example)."""
        body = (self.paragraph,) if self.paragraph else (self.ancestors, self.text)
        return "\n".join(t for t in (self.caption, *body) if t)

    @cached_property
    def article_text(self) -> str:
        """What an ``article`` condition reads: the 見出し and the whole article (else what a paragraph reads)."""
        return "\n".join(t for t in (self.caption, self.article) if t) if self.article else self.paragraph_text

    def sentence_of(self, token_index: int) -> tuple[int, int]:
        # The ranges are in token order: the last one starting at or before the token is the only candidate.
        i = bisect_right(self._starts, token_index) - 1
        if i >= 0:
            lo, hi = self.sentences[i]
            if token_index < hi:
                return lo, hi
        return 0, len(self.tokens)


# Scopes whose result does not depend on where the match is (nor on the tokens: they are tested with a regex).
WHOLE_SCOPES = frozenset({"caption", "provision", "paragraph", "article", "unit"})


@dataclass(frozen=True, slots=True)
class CompiledCondition:
    scope: str
    regex: re.Pattern[str] | None
    tests: tuple[TokenTest, ...] | None
    window: int

    def holds(self, view: UnitView, tok_lo: int, tok_hi: int) -> bool:
        """Whether the condition holds for a match over tokens [tok_lo, tok_hi)."""
        if self.scope in WHOLE_SCOPES:
            cached = view.whole_scope.get(id(self))
            if cached is None:
                cached = view.whole_scope[id(self)] = self._holds(view, tok_lo, tok_hi)
                view.held.append(self)
            return cached
        if self.scope == "sentence":
            # The same for every match in the sentence: a table read as one sentence of 80,000 characters with
            # thousands of matches would otherwise be searched whole for each (minutes instead of a second).
            key = (id(self), view.sentence_of(tok_lo)[0])
            cached = view.sentence_scope.get(key)
            if cached is None:
                cached = view.sentence_scope[key] = self._holds(view, tok_lo, tok_hi)
                view.held.append(self)
            return cached
        return self._holds(view, tok_lo, tok_hi)

    def _holds(self, view: UnitView, tok_lo: int, tok_hi: int) -> bool:
        tokens = view.tokens
        begin = tokens[tok_lo].begin if tok_lo < len(tokens) else len(view.text)
        end = tokens[tok_hi - 1].end if tok_hi > tok_lo else begin
        scope = self.scope
        if scope == "caption":
            return bool(self.regex and self.regex.search(view.caption))
        if scope == "provision":
            return bool(self.regex and self.regex.search(view.provision_text))
        if scope == "paragraph":
            return bool(self.regex and self.regex.search(view.paragraph_text))
        if scope == "article":
            return bool(self.regex and self.regex.search(view.article_text))
        if scope == "match":
            lo, hi, char_lo, char_hi = tok_lo, tok_hi, begin, end
        elif scope == "before":
            char_lo, char_hi = max(0, begin - self.window), begin
            lo = _first_token_at(tokens, char_lo)
            hi = tok_lo
        elif scope == "after":
            char_lo, char_hi = end, min(len(view.text), end + self.window)
            lo, hi = tok_hi, _first_token_at(tokens, char_hi)
        elif scope == "sentence":
            lo, hi = view.sentence_of(tok_lo)
            char_lo = tokens[lo].begin if lo < len(tokens) else 0
            char_hi = tokens[hi - 1].end if hi > lo else char_lo
        else:  # unit
            lo, hi, char_lo, char_hi = 0, len(tokens), 0, len(view.text)
        if self.regex is not None:
            return self.regex.search(view.text[char_lo:char_hi]) is not None
        return find_all(self.tests or (), tokens, lo, hi) is not None


def _first_token_at(tokens: Sequence[Token], char: int) -> int:
    """The index of the first token that begins at or after ``char`` (tokens are in text order)."""
    return bisect_left(tokens, char, key=_BEGIN)


_BEGIN = attrgetter("begin")


def compile_condition(cond: Condition) -> CompiledCondition:
    return CompiledCondition(
        scope=cond.scope,
        regex=compiled(cond.regex) if cond.regex is not None else None,
        tests=tuple(compile_token(t) for t in cond.pattern) if cond.pattern is not None else None,
        window=cond.window,
    )


# --- rules -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CompiledRule:
    rule: Rule
    category: str
    tests: tuple[TokenTest, ...]
    context: tuple[CompiledCondition, ...]
    unless: tuple[CompiledCondition, ...]
    source: str  # "file:line"
    id: str = ""


@dataclass(frozen=True)
class CompiledFilter:
    """A compiled Exclusion or DigitalMarker."""

    id: str
    categories: frozenset[str]
    when: tuple[CompiledCondition, ...]
    source: str
    unless: tuple[CompiledCondition, ...] = ()  # an exclusion's exceptions (markers have none)

    def applies(self, category: str, view: UnitView, lo: int, hi: int) -> bool:
        if self.categories and category not in self.categories:
            return False
        return any(c.holds(view, lo, hi) for c in self.when) and not any(c.holds(view, lo, hi) for c in self.unless)


def compile_rule(rule: Rule, category: str, source: str) -> CompiledRule:
    return CompiledRule(
        rule=rule,
        category=category,
        tests=tuple(compile_token(t) for t in rule.pattern),
        context=tuple(compile_condition(c) for c in rule.context),
        unless=tuple(compile_condition(c) for c in rule.unless),
        source=source,
        id=rule.id,
    )


def compile_filter(item: Exclusion | DigitalMarker, source: str) -> CompiledFilter:
    return CompiledFilter(
        id=item.id,
        categories=frozenset(item.categories),
        when=tuple(compile_condition(c) for c in item.when),
        source=source,
        unless=tuple(compile_condition(c) for c in item.unless) if isinstance(item, Exclusion) else (),
    )


@dataclass
class Hit:
    """One rule match in a unit: token range of the whole match, and the reported character span."""

    rule: str
    category: str
    tok_lo: int
    tok_hi: int
    begin: int
    end: int
    wording: str
    digital: list[str] = field(default_factory=list)


@dataclass
class Rejected:
    """A match that a rule's ``unless`` or context, or a shared exclusion, turned down (for explain / self-test)."""

    hit: Hit
    by: str  # "context", "unless", or an exclusion id


_NO_RULES: list[CompiledRule] = []


class RuleIndex:
    """Rules indexed by the literal lemma / surface of their first token."""

    def __init__(self, rules: Sequence[CompiledRule], base: RuleIndex | None = None) -> None:
        self.rules = tuple(rules)
        self.by_lemma: dict[str, list[CompiledRule]] = {}
        self.by_surface: dict[str, list[CompiledRule]] = {}
        self.anywhere: list[CompiledRule] = []
        # Indexes of the rules a prefilter let through, by that set of rule ids (few distinct sets recur).
        self._restricted: dict[frozenset[str], RuleIndex] = {}
        # The index this one restricts: it keeps the one cache of which "anywhere" rules can start at a word.
        self._base = base or self
        self._cannot_start: dict[tuple[str, str, tuple[str, ...]], frozenset[int]] = {}
        self._anywhere_unless: dict[frozenset[int], list[CompiledRule]] = {}
        for rule in rules:
            first = rule.rule.pattern[0]
            if first.OP in (None, "+") and first.LEMMA is not None and first.LEMMA.literals():
                for value in first.LEMMA.literals():
                    self.by_lemma.setdefault(value, []).append(rule)
            elif first.OP in (None, "+") and first.SURFACE is not None and first.SURFACE.literals():
                for value in first.SURFACE.literals():
                    self.by_surface.setdefault(value, []).append(rule)
            else:
                self.anywhere.append(rule)
        # "anywhere" rules whose first token must match the start token ("1" or "+", no bracket): a word that
        # fails that test cannot start them, so they are not tried there (match_at would return None).
        self._first_tests = [
            (id(rule), rule.tests[0])
            for rule in self.anywhere
            if rule.tests[0].op in ("1", "+") and not rule.tests[0].bracket
        ]

    def candidates(self, token: Token) -> list[CompiledRule]:
        found = self.by_lemma.get(token.lemma, [])
        more = self.by_surface.get(token.surface)
        if more:
            found = found + more
        return found + self.anywhere if self.anywhere else found

    def restricted(self, possible: frozenset[str]) -> RuleIndex:
        """The index of the rules in ``possible`` only; each key keeps its rules in the same order as here."""
        index = self._restricted.get(possible)
        if index is None:
            if len(self._restricted) >= 4096:  # bound the memory of a long scan
                self._restricted.clear()
            index = RuleIndex([rule for rule in self.rules if rule.id in possible], base=self)
            self._restricted[possible] = index
        return index

    def anywhere_at(self, token: Token) -> list[CompiledRule]:
        """The rules indexed "anywhere" that can start at ``token``, in index order."""
        if not self.anywhere:
            return _NO_RULES
        base = self._base
        cannot = base._cannot_start.get(token[:3])
        if cannot is None:
            cannot = base._cannot_start_at(token)
        rules = self._anywhere_unless.get(cannot)
        if rules is None:  # few distinct sets: at most one per combination of the rules' first tokens
            rules = [rule for rule in self.anywhere if id(rule) not in cannot]
            self._anywhere_unless[cannot] = rules
        return rules

    def _cannot_start_at(self, token: Token) -> frozenset[int]:
        """ids of the "anywhere" rules whose first token test fails on this word (cached by surface, lemma, POS,
        ``token[:3]``: the only fields a token test reads; the vocabulary of a scan is small next to its tokens)."""
        key = token[:3]
        cannot = self._cannot_start.get(key)
        if cannot is None:
            if len(self._cannot_start) >= 200_000:  # bound the memory of a long scan
                self._cannot_start.clear()
            cannot = frozenset(rid for rid, test in self._first_tests if not test.ok(token))
            self._cannot_start[key] = cannot
        return cannot


def run_rules(
    index: RuleIndex,
    view: UnitView,
    rejected: list[Rejected] | None = None,
    possible: frozenset[str] | None = None,
) -> list[Hit]:
    """Every match of every rule in the unit, after its context and ``unless`` tests (not yet the exclusions).

    ``possible`` (from the prefilter) limits the rules tried to those whose keywords occur in the unit.
    """
    hits: list[Hit] = []
    tokens = view.tokens
    seen: set[tuple[str, int, int]] = set()
    # A rule that matched over tokens [lo, hi) is not tried again inside that range (年に一回 within 一年に一回).
    covered: dict[str, int] = {}
    if possible is not None:
        # Look up only the possible rules: the rules indexed "anywhere" are then rarely tried at every token.
        index = index.restricted(possible)
    by_lemma, by_surface, anywhere = index.by_lemma, index.by_surface, index.anywhere
    for s_lo, s_hi in view.sentences:
        for start in range(s_lo, s_hi):
            token = tokens[start]
            rules = by_lemma.get(token.lemma, _NO_RULES)
            more = by_surface.get(token.surface)
            if more:
                rules = rules + more
            if anywhere:
                rules = rules + index.anywhere_at(token)
            for rule in rules:
                if covered.get(rule.id, -1) > start:
                    continue
                bounds = match_at(rule.tests, tokens, start, s_hi)
                if bounds is None:
                    continue
                hi = max(b[1] for b in bounds)
                covered[rule.id] = hi
                hit = _make_hit(rule, view, start, hi, bounds)
                key = (rule.id, hit.begin, hit.end)
                if key in seen:
                    continue
                seen.add(key)
                if not all(c.holds(view, start, hi) for c in rule.context):
                    if rejected is not None:
                        rejected.append(Rejected(hit, "context"))
                    continue
                if any(c.holds(view, start, hi) for c in rule.unless):
                    if rejected is not None:
                        rejected.append(Rejected(hit, "unless"))
                    continue
                hits.append(hit)
    return hits


def _make_hit(rule: CompiledRule, view: UnitView, lo: int, hi: int, bounds: Bounds) -> Hit:
    tokens = view.tokens
    if rule.rule.report is not None:
        first, last = rule.rule.report
        r_lo = bounds[first][0]
        r_hi = bounds[last][1]
        if r_hi <= r_lo:  # the reported part matched nothing (optional): fall back to the whole match
            r_lo, r_hi = lo, hi
    else:
        r_lo, r_hi = lo, hi
    begin, end = tokens[r_lo].begin, tokens[r_hi - 1].end
    return Hit(rule.id, rule.category, lo, hi, begin, end, view.text[begin:end])
