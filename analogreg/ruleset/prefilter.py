"""The keyword prefilter: one keyword automaton decides whether a unit can match any rule before it is tokenized.

Most provisions hold no analog wording at all, and one Aho–Corasick pass over a text is far faster than Sudachi.
It must lose no recall: every rule contributes the words of one token that its pattern requires, so a unit
without any of them cannot match that rule. ``tests/test_ruleset_prefilter.py`` proves it on real provisions.

A rule's keywords and its required regexes are all necessary conditions, so a whole article or unit is first
searched for each rule's rarest one (its trigger, chosen with the word shares that bench/prefilter_shares.py
measures on the 2020 archive): 「閲覧|縦覧」 rather than the keyword 「もの」 of two articles in five. Only the
triggers go into the automaton (every literal of every condition would be a hundred times the hits); a rule they
point to has its conditions searched, rarest first. The sentence test that picks what to tokenize still goes by
the keywords, which must lie in the sentence itself.
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ahocorasick_rs import AhoCorasick, BytesAhoCorasick, Implementation

from analogreg.ruleset.literals import necessary_literals
from analogreg.ruleset.matcher import provision_text
from analogreg.ruleset.regexes import compiled
from analogreg.ruleset.schema import Rule, TokenSpec

_HIRAGANA = re.compile(r"[\u3041-\u309f]+$")
# How common each prefilter word is in statute articles (bench/prefilter_shares.py writes it): a speed hint only.
_SHARES_FILE = Path(__file__).with_name("word_shares.json")


def _token_words(token: TokenSpec) -> list[str]:
    """The words one of which must appear in the text wherever this token matches; [] if unknown.

    From the values the token's surface or lemma can take, else from the literals its surface or lemma REGEX
    cannot match without (「.*(?:講習|研修)」 → 講習, 研修)."""
    return _token_words_and_place(token)[0]


def _token_words_and_place(token: TokenSpec) -> tuple[list[str], str]:
    """_token_words, and where the token's text holds one of them: ``exact`` (its surface is one), ``whole`` (its
    surface is one, perhaps with a bracket after it: a lemma that ends in a kanji), ``prefix`` (its surface begins
    with one: a lemma's stem) or ``contains`` (a literal of a REGEX, anywhere in it)."""
    if token.SURFACE is not None and token.SURFACE.literals():
        return token.SURFACE.literals(), "exact"
    if token.LEMMA is not None and token.LEMMA.literals():
        lemmas = token.LEMMA.literals()
        return _stems(lemmas), "whole" if all(_UNINFLECTED.search(lemma) for lemma in lemmas) else "prefix"
    if token.SURFACE is not None and token.SURFACE.REGEX and (literals := necessary_literals(token.SURFACE.REGEX)):
        return literals, "contains"
    if token.LEMMA is not None and token.LEMMA.REGEX and (literals := necessary_literals(token.LEMMA.REGEX)):
        return _stems(literals), "contains"
    return [], ""


# A lemma that ends in a kanji does not inflect: a word of it is the lemma as written (4.15 M such tokens of 800
# archive laws: the only others are the width and case Sudachi folds, and a reading in brackets taken into the
# word after it, 「項（い）」「周波数（ヘルツ）」, or inside it, 「較（こう）正」, which a stem does not find either).
_UNINFLECTED = re.compile(r"[\u3400-\u9fff々〆]$")
# What may follow such a word inside its token (「項（い）」).
_READING = "(?:（[^（）]*）)?"


def _stems(lemmas: list[str]) -> list[str]:
    """How lemmas appear in text: an inflecting lemma (掲げる, 供する) by its stem (掲げ, 供し), so the kana ending
    is dropped; [] (unknown) if a lemma is all kana."""
    words = []
    for lemma in lemmas:
        stem = _HIRAGANA.sub("", lemma)
        if not stem:
            return []
        words.append(stem)
    return words


def rule_keywords(rule: Rule) -> list[str]:
    """The rule's prefilter words: its own ``keywords`` or those of its most selective required token."""
    if rule.keywords:
        return list(rule.keywords)
    best: list[str] = []
    for token in rule.pattern:
        if token.OP not in (None, "+"):
            continue
        words = _token_words(token)
        if words and (not best or min(map(len, words)) > min(map(len, best))):
            best = words
    return best


def rule_token_groups(rule: Rule) -> list[list[str]]:
    """The words of every token the rule's pattern requires (no OP, or ``+``): one word of each group occurs
    inside any match, so all groups occur in the sentence that holds it (a match never crosses a sentence end).

    ``rule_keywords`` picks one of these groups for the alternation; the others are further necessary conditions
    (「事業所…ごとに」 needs a site word beside ごと, which most 「毎年度ごとに」 sentences lack)."""
    return [words for token in rule.pattern if token.OP in (None, "+") and (words := _token_words(token))]


# Between two parts of a match the text is unknown (a token no word is known of, an optional token, the rest of a
# token whose beginning is known): any characters, as few as possible.
_GAP = r"[\s\S]*?"


def _normalized_by_sudachi(word: str) -> bool:
    """Whether Sudachi's dictionary form may spell ``word`` otherwise than the text does: it folds full-width
    letters, digits and brackets to ASCII and lower-cases them (「（」→「(」, 「ＰＨＳ」→「phs」)."""
    return unicodedata.normalize("NFKC", word).lower() != word


def rule_sequence(rule: Rule) -> str | None:
    """A regex that every match of the rule's pattern matches, read in the text: the words of its tokens in the
    pattern's order, side by side where the pattern puts two tokens side by side (「検査」「を」「受ける」 →
    「検査を受け」), any text where it allows a token of unknown wording. None when fewer than two required tokens
    are known.

    A stricter sentence test than the token words alone (each occurring anywhere): on the 2020 archive a quarter of
    the units tokenized held every word of some rule and no match of it. Lossless as those words are: a token whose
    surface is given is that text; one whose lemma is given begins with the lemma's stem (checked on 2.8 M tokens
    of the archive: the only exceptions are the width and case Sudachi folds, left unknown here), and is the lemma
    as written, perhaps with a reading in brackets after it, when the lemma ends in a kanji (see _UNINFLECTED, and
    tests/test_ruleset_prefilter.py, which holds every match of the dev set against its sequence); a parenthetical
    token begins with its opening bracket; an optional token is there or not."""
    parts: list[str] = []
    known = 0
    # Whether the text matched so far ends where a token ends, so that the next token starts right there.
    at_boundary = False

    def gap() -> None:
        nonlocal at_boundary
        if parts and parts[-1] != _GAP:
            parts.append(_GAP)
        at_boundary = False

    for token in rule.pattern:
        op = token.OP or "1"
        words, kind = _sequence_words(token)
        if token.BRACKET:
            if op == "?" and at_boundary:
                parts.append(f"(?:{_OPENING}{_GAP})?")  # absent, or the bracket and its inside
            else:
                gap()
                if op != "?":
                    parts.extend([_OPENING, _GAP])
            continue
        if op == "!" or not words:
            gap()
            continue
        alternation = f"(?:{_alternation(words)})"
        if kind == "whole":
            alternation = f"(?:{alternation}{_READING})"
        if op in ("?", "*"):
            # Where it is known to begin, an optional token is its word (and the rest of it) or nothing; a word
            # that may lie anywhere inside it (``contains``) says nothing of where it begins.
            if at_boundary and kind in ("exact", "whole"):
                parts.append(alternation + ("?" if op == "?" else "*"))
            elif at_boundary and kind == "prefix" and op == "?":
                parts.append(f"(?:{alternation}{_GAP})?")
            else:
                gap()
            continue
        if kind == "contains" or not at_boundary:
            gap()
        parts.append(alternation + ("+" if op == "+" and kind in ("exact", "whole") else ""))
        known += 1
        at_boundary = kind in ("exact", "whole")
    while parts and parts[-1] == _GAP:
        parts.pop()
    return "".join(parts) if known >= 2 else None


_OPENING = "[（(]"  # a parenthetical token opens with one (matcher._bracket_end)


def _sequence_words(token: TokenSpec) -> tuple[list[str], str]:
    """The words of a token for rule_sequence and where its text holds one (see _token_words_and_place); ([], "")
    when unknown, or when Sudachi's dictionary form may spell a word otherwise than the text."""
    words, place = _token_words_and_place(token)
    if not words or any(not w or _normalized_by_sudachi(w) for w in words):
        return [], ""
    return words, place


# Context scopes tested on part of the unit's own text (not its 見出し or the paragraph holding it).
_OWN_TEXT_SCOPES = frozenset({"match", "before", "after", "sentence", "unit"})
# Anchors, word boundaries and lookarounds can hold on a slice and fail on the whole text (or the reverse); any
# "^" or "$" counts, even in a character class, so a regex is only lifted when that surely cannot happen.
_POSITIONAL = re.compile(r"\^|\$|\\[AbBZz]|\(\?<?[=!]")


def _lifted(regex: str) -> str | None:
    """A regex that holds in any text holding a slice where ``regex`` matches: the regex itself when it has no
    anchor or lookaround, else the alternation of the literals every match of it contains (see literals.py)."""
    if not _POSITIONAL.search(regex):
        return regex
    literals = necessary_literals(regex)
    return _alternation(literals) if literals else None


def _frame_literals(regex: str) -> list[str] | None:
    """Literals one of which every match of a 見出し / provision condition contains, none holding a blank or a line
    break (the provision's text is read with its pretty-printing breaks removed, and a provision condition is
    searched in the 見出し, the holding text and the unit joined by line breaks)."""
    literals = necessary_literals(regex)
    if not literals or any(any(ch.isspace() for ch in lit) for lit in literals):
        return None
    return literals


def _alternation(words: list[str]) -> str:
    return "|".join(map(re.escape, sorted(words, key=lambda w: (-len(w), w))))


def rule_requirements(rule: Rule) -> list[str]:
    """Context regexes of the rule that must also occur in the unit's own text for the rule to match.

    A context regex is searched in a slice of the unit's text (the match, a window before or after it, its
    sentence, the unit); without anchors or lookarounds, a hit in the slice is a hit in the whole text. So the
    regex is a necessary condition as the keywords are (「次に掲げる」 has the keyword of keiji.kakageru but
    none of the place words its context requires), and checking it costs a regex search instead of Sudachi.
    A regex with anchors or lookarounds is replaced by the literals its every match holds (「^に、?置くべき」 →
    置くべき).
    """
    lifted = (_lifted(c.regex) for c in rule.context if c.regex is not None and c.scope in _OWN_TEXT_SCOPES)
    return [regex for regex in lifted if regex is not None]


# Scopes that lie inside the sentence holding the match: a regex there must occur in that sentence.
_SENTENCE_SCOPES = frozenset({"match", "sentence"})


def rule_sentence_requirements(rule: Rule) -> list[str]:
    """Regexes that must occur in the very sentence that holds a match of the rule: each required token's words
    (see rule_token_groups) and the context regexes on the match or its sentence (lifted as above)."""
    words = [_alternation(group) for group in rule_token_groups(rule)]
    lifted = (_lifted(c.regex) for c in rule.context if c.regex is not None and c.scope in _SENTENCE_SCOPES)
    return words + [regex for regex in lifted if regex is not None]


def rule_near_requirements(rule: Rule) -> list[tuple[str, int, int]]:
    """The rule's context regexes on a window before or after the match, each as (regex, reach before, reach after):
    the regex must occur between ``reach before`` characters before the start of the sentence holding the match and
    ``reach after`` characters after its end.

    A match lies inside its sentence, so the window of ``before`` (the ``window`` characters before the match) lies
    between the sentence's start less the window and its end, and that of ``after`` between its start and its end
    plus the window; a hit in the window is a hit there (the regex lifted as in rule_requirements). A keyword's
    sentence where such a regex is nowhere near need not be tokenized: the match would be turned down. (Most of
    what the prefilter let Sudachi read for nothing was of this kind: 41% of the characters of units tokenized
    without a finding, on 800 archive laws, were matches whose place word was not in the window before or after.)
    """
    out: list[tuple[str, int, int]] = []
    for condition in rule.context:
        if condition.regex is None or condition.scope not in ("before", "after"):
            continue
        lifted = _lifted(condition.regex)
        if lifted is None:
            continue
        reach = (condition.window, 0) if condition.scope == "before" else (0, condition.window)
        out.append((lifted, *reach))
    return out


@dataclass(frozen=True)
class MatchEdges:
    """Where a rule's matches can begin and end in a text, and the regexes the matcher tests just before and after
    them (``context``: must hold; ``unless``: must not), as (regex, window) pairs.

    ``start_words``: every match begins where one of them begins (its first token is required, and its text
    begins with its word: a surface given, or a lemma's stem; see rule_sequence). ``end_words``: its last token is
    required and begins where one of them does, and ends from ``shortest`` to ``longest`` characters after that
    (a surface given: exactly its length; a lemma's: its stem, up to the lemma and two characters more — 見やすかっ
    for 見やすい, 行なわ for 行う — or a bracket Sudachi takes in: 「項（い）」 is one word). None where the pattern
    says nothing so sure. On 4.4 M tokens of 800 archive laws no word of a lemma was longer but those with a bracket."""

    start_words: tuple[str, ...] | None
    end_words: tuple[tuple[str, int, int], ...] | None  # (word, shortest, longest)
    one_token: bool  # the first token is the last: a match begins and ends at one place
    before: tuple[tuple[str, int], ...]
    before_unless: tuple[tuple[str, int], ...]
    after: tuple[tuple[str, int], ...]
    after_unless: tuple[tuple[str, int], ...]

    @property
    def useful(self) -> bool:
        return bool(
            (self.start_words and (self.before or self.before_unless))
            or (self.end_words and (self.after or self.after_unless))
        )


def _edge_words(token: TokenSpec) -> tuple[tuple[str, int, int], ...] | None:
    """(word, shortest, longest) for a required token whose text begins with a known word (see MatchEdges)."""
    if token.OP is not None or token.BRACKET:
        return None
    words, place = _sequence_words(token)
    if not words or place not in ("exact", "whole", "prefix"):
        return None
    if place == "exact":
        return tuple((w, len(w), len(w)) for w in words)
    lemmas = token.LEMMA.literals() if token.LEMMA is not None else []
    out = []
    for lemma in lemmas:
        stem = _stems([lemma])
        if not stem:
            return None
        out.append((stem[0], len(stem[0]), len(lemma) + 2))
    return tuple(out) or None


def rule_edges(rule: Rule) -> MatchEdges:
    """What a rule's pattern says of where its matches begin and end, with its window conditions (MatchEdges)."""
    pattern = rule.pattern
    first = _edge_words(pattern[0]) if pattern else None
    last = _edge_words(pattern[-1]) if pattern else None

    def windows(conditions: list, scope: str) -> tuple[tuple[str, int], ...]:
        return tuple((c.regex, c.window) for c in conditions if c.regex is not None and c.scope == scope)

    return MatchEdges(
        start_words=tuple(w for w, _, _ in first) if first else None,
        end_words=last,
        one_token=len(pattern) == 1,
        before=windows(rule.context, "before"),
        before_unless=windows(rule.unless, "before"),
        after=windows(rule.context, "after"),
        after_unless=windows(rule.unless, "after"),
    )


def rule_sentence_conditions(rule: Rule) -> tuple[list[str], list[str]]:
    """The rule's regexes on the sentence holding a match: (context, which must hold there; unless, which must not).

    The scan reads a unit's sentences as the matcher splits them (a sentence read for a rule is exactly the
    sentence the matcher gives its matches there), so these are tested on the sentence as they are written, anchors
    and lookarounds included: a sentence where they fail is one where every match of the rule would be turned down.
    """
    context = [c.regex for c in rule.context if c.regex is not None and c.scope == "sentence"]
    unless = [c.regex for c in rule.unless if c.regex is not None and c.scope == "sentence"]
    return context, unless


def rule_frame_requirements(rule: Rule) -> list[tuple[str, str]]:
    """The rule's context regexes on the 見出し (``caption``) or on the unit with what holds it (``provision``).

    The matcher searches these in the very strings the prefilter can build from the caption and the holding
    paragraph / items (no slicing), so anchors are safe here: when those texts are known, a regex that does not
    hold rules the rule out before any tokenizing (「（書類の閲覧）」 for 備え置く, 「（…講習の受講期間）」 for 期間は).
    """
    return [(c.scope, c.regex) for c in rule.context if c.regex is not None and c.scope in ("caption", "provision")]


class _WordIndex:
    """Where the words of a set of rules occur in a text: one Aho–Corasick automaton over all the words, so that a
    text is read once whatever the number of words (ahocorasick_rs, a DFA in Rust), and every occurrence of every
    word, overlapping ones included, comes back from one call. It replaces an alternation of regex anchors whose
    every hit was checked in Python: on the 47,175 articles of 800 archive laws (10.4 M characters), the whole
    provision test took 1.13–1.33 s that way and 0.33 s with the automaton, keeping the same 2,827 articles."""

    def __init__(self, words_by_rule: dict[str, list[str]]) -> None:
        words = sorted({w for ws in words_by_rule.values() for w in ws})
        self._rules: list[frozenset[str]] = [
            frozenset(rid for rid, ws in words_by_rule.items() if word in ws) for word in words
        ]
        self._automaton = AhoCorasick(words, implementation=Implementation.DFA) if words else None
        # The same words over UTF-8 bytes, for callers that need which words occur but not where: the text is
        # encoded once in C rather than converted and its offsets mapped back to characters. UTF-8 is
        # self-synchronising, so a word's bytes occur exactly where the word does.
        self._bytes_automaton = (
            BytesAhoCorasick([w.encode() for w in words], implementation=Implementation.DFA) if words else None
        )

    def occurrences(self, text: str) -> list[tuple[int, int, int]]:
        """(word number, start, end) of every occurrence of every word in ``text``, in the order the automaton
        finds them (by where they end)."""
        if self._automaton is None:
            return []
        return self._automaton.find_matches_as_indexes(text, overlapping=True)

    def words_in(self, text: str) -> list[int]:
        """The word number of every occurrence of every word in ``text``, in the order of :meth:`occurrences`."""
        return self.words_in_utf8(text.encode())

    def words_in_utf8(self, data: bytes) -> list[int]:
        """:meth:`words_in` of a text given as its UTF-8 bytes."""
        if self._bytes_automaton is None:
            return []
        return [hit[0] for hit in self._bytes_automaton.find_matches_as_indexes(data, overlapping=True)]

    @property
    def size(self) -> int:
        """How many words the index holds (word numbers run from 0)."""
        return len(self._rules)

    def rules_of(self, word: int) -> frozenset[str]:
        return self._rules[word]


class _Plan:
    """How to decide, for every rule, whether a whole text can hold a match: the text must hold the rule's keywords
    and all its required regexes. Each condition is a necessary one, so any of them may be searched first: a rule is
    looked at only where its most selective condition's literals occur (its trigger: 「閲覧|縦覧」 of a 見出し
    condition rather than the keyword 「もの」 found in every other article), and its conditions are then searched
    rarest first. Which condition is the trigger changes the speed, never the answer."""

    def __init__(self, keywords: dict[str, list[str]], requires: dict[str, tuple[re.Pattern[str], ...]]) -> None:
        triggers: dict[str, list[str]] = {}
        self.conditions: dict[str, tuple[re.Pattern[str], ...]] = {}
        for rid, words in keywords.items():
            if not words:
                continue  # a rule without keywords is never possible (as in the keyword search)
            keyword_condition = compiled(_alternation(words))
            candidates = [(words, None)]
            for regex in requires.get(rid, ()):
                if literals := necessary_literals(regex.pattern):
                    candidates.append((literals, regex))
            trigger, source = min(candidates, key=lambda c: estimated_share(c[0]))
            triggers[rid] = trigger
            # The trigger's literals only narrow where to look: its own regex is still searched (it is stricter
            # than its literals), and the keywords are, unless they are the trigger.
            conditions = [keyword_condition] if source is not None else []
            conditions += requires.get(rid, ())
            self.conditions[rid] = tuple(
                sorted(conditions, key=lambda r: estimated_share(necessary_literals(r.pattern) or []))
            )
        self.triggers = triggers  # rule id → the words it is looked up by
        self.index = _WordIndex(triggers)
        # Word number → (rule id, its conditions) of each rule the word triggers: no set or dict built per text.
        self._by_word = [
            tuple((rid, self.conditions[rid]) for rid in sorted(self.index.rules_of(word)))
            for word in range(self.index.size)
        ]

    def possible(self, text: str) -> set[str]:
        """The rules whose every condition holds in ``text``."""
        return set(self._holding(text, set(self.index.words_in(text))))

    def any_possible(self, text: str) -> bool:
        """``bool(possible(text))``, settled at the first rule found (on a long text, most are settled by the first
        words the automaton meets): the scan's test of every article, and the commonest call of all."""
        return any(True for _ in self._holding(text, self.index.words_in(text)))

    def any_possible_utf8(self, data: bytes) -> bool:
        """``any_possible`` of a text given as UTF-8 bytes, as lxml serialises it: the automaton reads the bytes, and
        the text is decoded only when a triggered rule has conditions to search (most texts trigger none)."""
        words = self.index.words_in_utf8(data)
        if not words:
            return False
        if any(not conditions for word in words for _, conditions in self._by_word[word]):
            return True  # a triggered rule with nothing more to search holds
        return any(True for _ in self._holding(data.decode(), words))

    def _holding(self, text: str, words: Iterable[int]) -> Iterator[str]:
        """Each rule triggered by one of ``words`` (word numbers found in ``text``) whose every condition holds
        there, once, as the words come."""
        tried: set[str] = set()
        for word in words:
            for rid, conditions in self._by_word[word]:
                if rid not in tried:
                    tried.add(rid)
                    if all(r.search(text) for r in conditions):
                        yield rid


@lru_cache(maxsize=1)
def _word_shares() -> dict[str, float]:
    """Share of statute articles holding each prefilter word, measured by bench/prefilter_shares.py."""
    data = json.loads(_SHARES_FILE.read_text(encoding="utf-8"))
    return {word: float(share) for word, share in data["shares"].items()}


def estimated_share(words: list[str]) -> float:
    """About what share of articles holds one of ``words``: the sum of their measured shares (at most 1). A word
    not measured counts as found everywhere, so that a measured condition is preferred to it."""
    shares = _word_shares()
    # A floor: a word never seen in the sample (「1回」, arabic numerals being municipal) is not free to look for.
    return min(1.0, sum(max(shares.get(word, 1.0), 0.0002) for word in words)) if words else 1.0


class Prefilter:
    """One alternation of every rule's keywords: whether a text can match at all, and which rules it can match."""

    def __init__(
        self,
        keywords: dict[str, list[str]],
        requirements: dict[str, list[str]] | None = None,
        frame_requirements: dict[str, list[tuple[str, str]]] | None = None,
        sentence_requirements: dict[str, list[str]] | None = None,
        sequences: dict[str, str | None] | None = None,
        near_requirements: dict[str, list[tuple[str, int, int]]] | None = None,
        edges: dict[str, MatchEdges] | None = None,
        sentence_conditions: dict[str, tuple[list[str], list[str]]] | None = None,
    ) -> None:
        self.keywords = keywords
        requirements, sentence_requirements = requirements or {}, sentence_requirements or {}
        # Rule id → regexes that the sentence holding a match must hold (see rule_sentence_requirements), then the
        # rule's words in their order (rule_sequence): searched last, being the dearest test.
        self._in_sentence = {rid: tuple(map(compiled, rs)) for rid, rs in sentence_requirements.items() if rs}
        for rid, sequence in (sequences or {}).items():
            if sequence is not None:
                self._in_sentence[rid] = (*self._in_sentence.get(rid, ()), compiled(sequence))
        # Rule id → (regex, reach before, reach after): what must occur near the sentence (rule_near_requirements).
        self._near_sentence = {
            rid: tuple((compiled(rx), before, after) for rx, before, after in rs)
            for rid, rs in (near_requirements or {}).items()
            if rs
        }
        # Rule id → where its matches begin and end and what the matcher tests just before and after them (MatchEdges):
        # a sentence where no place a match could begin or end passes those tests is not tokenized for the rule.
        self._edges = {rid: _CompiledEdges(e) for rid, e in (edges or {}).items() if e.useful}
        # Rule id → (context, unless) regexes on the sentence of a match (rule_sentence_conditions), tested exactly.
        self._on_sentence = {
            rid: (tuple(map(compiled, context)), tuple(map(compiled, unless)))
            for rid, (context, unless) in (sentence_conditions or {}).items()
            if context or unless
        }
        # Rule id → regexes that its unit's text must hold too: the context regexes of rule_requirements, and
        # what its sentence must hold (the sentence is part of the unit's text). A match or sentence regex is in
        # both lists: each is searched once.
        self._requires: dict[str, tuple[re.Pattern[str], ...]] = {}
        for rid in requirements.keys() | sentence_requirements.keys():
            unique = dict.fromkeys([*requirements.get(rid, ()), *sentence_requirements.get(rid, ())])
            if unique:
                self._requires[rid] = tuple(map(compiled, unique))
        # Rule id → (scope, regex) on the caption or the provision, checked when those are known.
        self._frame = {
            rid: tuple((scope, compiled(rx)) for scope, rx in rs)
            for rid, rs in (frame_requirements or {}).items()
            if rs
        }
        # Rule id → what a whole provision's text must hold (see may_match_provision): what its unit's text must,
        # and the literals each of the rule's caption and provision conditions cannot match without.
        in_provision: dict[str, list[str]] = {}
        for rid, rs in (frame_requirements or {}).items():
            in_provision[rid] = [_alternation(lits) for _, rx in rs if (lits := _frame_literals(rx))]
        self._requires_in_provision = {
            rid: self._requires.get(rid, ()) + tuple(map(compiled, dict.fromkeys(in_provision.get(rid, ()))))
            for rid in self._requires.keys() | in_provision.keys()
        }
        # The sentence test (and holds_keyword) needs the keywords themselves, where they lie; the whole-text tests go
        # by each rule's most selective condition (see _Plan).
        self._keyword_index = _WordIndex(keywords)
        self._unit_plan = _Plan(keywords, self._requires)
        self._provision_plan = _Plan(keywords, self._requires_in_provision)

    def condition_words(self) -> set[str]:
        """Every word a whole-text test can look a rule up by: its keywords, and the literals its required regexes
        (unit and provision level) cannot match without. bench/prefilter_shares.py measures these."""
        words = {w for ws in self.keywords.values() for w in ws}
        for requires in (self._requires, self._requires_in_provision):
            for regexes in requires.values():
                for regex in regexes:
                    words.update(necessary_literals(regex.pattern) or [])
        return words

    def unmeasured_words(self) -> list[str]:
        """The condition words word_shares.json does not know (counted as found everywhere: a speed cost only)."""
        shares = _word_shares()
        return sorted(w for w in self.condition_words() if w not in shares)

    def holds_keyword(self, text: str, begin: int = 0, end: int | None = None) -> bool:
        """Whether text[begin:end] holds any rule's keyword: what a person (or rules explain) means by "the text
        holds a keyword", whether or not a rule's other conditions hold."""
        return bool(self._keyword_index.occurrences(text[begin:end]))

    def may_match(self, text: str) -> bool:
        """Whether any rule is possible in a unit's text: ``bool(possible_rules(text))``, stopping at the first one
        (on long texts with many keywords, most are settled by the first hit)."""
        return self._unit_plan.any_possible(text)

    def may_match_provision(self, text: str) -> bool:
        """Whether any rule is possible in some unit of a provision (an article, a 附則, a 本則) whose whole text —
        its 見出し, every paragraph and item — is ``text``: the parser's test of what to build for the scan.

        As may_match, and a rule's conditions on the 見出し or on the provision must hold too: every unit's 見出し
        and the paragraphs and items holding it are part of ``text``, so the literals those conditions need are
        in it. (「（掲示事項）…で定める事項は」: 「定める事項は」 is in most articles, 掲示 in few.)"""
        return self._provision_plan.any_possible(text)

    def may_match_provision_utf8(self, data: bytes) -> bool:
        """:meth:`may_match_provision` of a provision text given as UTF-8 bytes (the scan's partial reading gets it
        so from lxml, without decoding every article only to encode it again for the automaton)."""
        return self._provision_plan.any_possible_utf8(data)

    def possible_rules(self, text: str, caption: str | None = None, ancestors: str | None = None) -> frozenset[str]:
        """Ids of the rules one of whose keywords occurs in the text (a rule outside this set cannot match), and
        whose required regexes the text holds.

        With the unit's 見出し and the text of what holds it (as the matcher will see them), the rules' conditions
        on those are checked too; without them (None) those conditions are not held against a rule."""
        found = frozenset(self._unit_plan.possible(text))
        if caption is not None and ancestors is not None:
            return self.framed(found, text, caption, ancestors)
        return found

    def framed(self, possible: frozenset[str], text: str, caption: str, ancestors: str) -> frozenset[str]:
        """The rules of ``possible`` (from possible_rules of ``text`` alone) whose conditions on the unit's 見出し and
        on what holds it hold there too."""
        if not self._frame or not possible:
            return possible
        framed = {"caption": caption, "provision": provision_text(caption, ancestors, text)}
        return frozenset(rid for rid in possible if all(r.search(framed[sc]) for sc, r in self._frame.get(rid, ())))

    def sentences_to_read(
        self, text: str, spans: Sequence[tuple[int, int]], possible: frozenset[str]
    ) -> list[tuple[int, int]]:
        """The sentences (character spans of ``text``) that can hold a match of a ``possible`` rule: one of the
        rule's keywords and everything its sentence must hold occur in the sentence. Only these are tokenized.

        Lossless for the same reason as the keywords: a match lies inside one sentence and holds its required
        tokens' words, and a match or sentence condition reads text inside that sentence (unanchored regexes, so
        searching the sentence's bounds of ``text`` is searching the sentence)."""
        index = self._keyword_index
        # The possible rules whose keyword a sentence holds, from each keyword occurrence (none crosses an end).
        starts = [begin for begin, _ in spans]
        candidates: dict[int, set[str]] = {}
        for word, start, stop in index.occurrences(text):
            rules = index.rules_of(word) & possible
            n = bisect_right(starts, start) - 1
            if rules and n >= 0 and stop <= spans[n][1]:
                candidates.setdefault(n, set()).update(rules)
        return [
            (begin, end)
            for n, (begin, end) in enumerate(spans)
            if any(self._sentence_holds(rid, text, begin, end) for rid in candidates.get(n, ()))
        ]

    def _sentence_holds(self, rule_id: str, text: str, begin: int, end: int) -> bool:
        """Whether the sentence text[begin:end] holds what a match of the rule needs in it and near it."""
        if not all(r.search(text, begin, end) for r in self._in_sentence.get(rule_id, ())):
            return False
        if not all(
            r.search(text, max(0, begin - before), min(len(text), end + after))
            for r, before, after in self._near_sentence.get(rule_id, ())
        ):
            return False
        on_sentence = self._on_sentence.get(rule_id)
        if on_sentence is not None:
            sentence = text[begin:end]
            context, unless = on_sentence
            if not all(r.search(sentence) for r in context) or any(r.search(sentence) for r in unless):
                return False
        edges = self._edges.get(rule_id)
        return edges is None or edges.can_match(text, begin, end)


class _CompiledEdges:
    """A rule's MatchEdges, compiled: can a match begin and end in a sentence and pass its window tests there?

    Each window is sliced as the matcher slices it, so that anchors and lookarounds read the same text; only the
    places a match can begin or end are tried. Lossless as MatchEdges' words are: the true start is one of the
    places tried, and so is the true end, and there the matcher's own tests are the ones run here."""

    def __init__(self, edges: MatchEdges) -> None:
        def windows(pairs: tuple[tuple[str, int], ...]) -> tuple[tuple[re.Pattern[str], int], ...]:
            return tuple((compiled(rx), width) for rx, width in pairs)

        self.one_token = edges.one_token
        self.starts = None
        if edges.start_words and (edges.before or edges.before_unless):
            self.starts = compiled(f"(?=(?:{_alternation(list(edges.start_words))}))")
        self.before, self.before_unless = windows(edges.before), windows(edges.before_unless)
        self.ends: tuple[tuple[str, int, int], ...] | None = None
        if edges.end_words and (edges.after or edges.after_unless):
            self.ends = edges.end_words
            self.end_at = compiled(f"(?=(?:{_alternation([w for w, _, _ in edges.end_words])}))")
        self.after, self.after_unless = windows(edges.after), windows(edges.after_unless)

    def _before_ok(self, text: str, at: int) -> bool:
        return all(r.search(text[max(0, at - w) : at]) for r, w in self.before) and not any(
            r.search(text[max(0, at - w) : at]) for r, w in self.before_unless
        )

    def _after_ok(self, text: str, at: int) -> bool:
        return all(r.search(text[at : at + w]) for r, w in self.after) and not any(
            r.search(text[at : at + w]) for r, w in self.after_unless
        )

    def _ends_from(self, text: str, at: int, end: int) -> set[int]:
        """The places a last token beginning at ``at`` may end, up to the sentence's end."""
        places: set[int] = set()
        assert self.ends is not None
        for word, shortest, longest in self.ends:
            if text.startswith(word, at):
                for stop in range(at + shortest, min(at + longest, end) + 1):
                    places.add(stop)
                    if text.startswith("（", stop) and (close := text.find("）", stop, end)) >= 0:
                        places.add(close + 1)  # 「項（い）」: a word with the bracket after it
        return places

    def can_match(self, text: str, begin: int, end: int) -> bool:
        starts = [m.start() for m in self.starts.finditer(text, begin, end)] if self.starts is not None else None
        if starts is not None:
            starts = [at for at in starts if self._before_ok(text, at)]
            if not starts:
                return False
        if self.ends is None:
            return True
        # One token: it ends where the word that began it goes on; else the last token's word may be anywhere.
        places = (
            starts
            if self.one_token and starts is not None
            else [m.start() for m in self.end_at.finditer(text, begin, end)]
        )
        return any(self._after_ok(text, stop) for at in places for stop in self._ends_from(text, at, end))
