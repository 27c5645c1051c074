"""Choosing the quoted span (引用範囲): the smallest meaningful unit that occurs exactly once in the cited provision.

法制執務 (domain-and-drafting b.5): quote 「一つの独立した意味を持つ字句を単位として」 — whole words, a numeral
with its unit (「500円」, not 「500」), a whole date, a whole 条項 reference (「第20条第3項」), a 読点 together with
the phrase after it (「、鑑定人」), never a sentence-final 句点 — and, when the string occurs more than once in the
cited provision, widen it with neighbouring words (「□□□を」, 「その□□□」) until it is unique. References to
章・節, 別表 and 様式 (「第2章第3節」, 「別表第2」, 「別記様式第1号」) and a 章/節 heading with its name are whole units
too: a quote never cuts into one.

Units are Sudachi tokens (:func:`analogreg.tokenize.tokenize`) glued where a token alone means nothing: prefix +
word, word + suffix (総務省|令, 学校|等), numeral + counter, 条項・章節・別表・様式 references, headings and dates.
A quote widened beyond the changed words, to be unique, stops only at the edge of a compound noun (「実地審査は」,
「安全装置を」, 「都道府県知事」), though the changed word itself may sit inside one (「けん銃」 of 「けん銃実包」).
"""

from __future__ import annotations

import heapq
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from analogreg.tokenize import Token, tokenize

_NUM = r"[0-9０-９〇一二三四五六七八九十百千万億]+"
# One step of a reference: 第2章, 第3節の2, 第23条の2, 第3項, 第1号.
_STEP = rf"第{_NUM}[編章節款条項号](?:の{_NUM})*"
# b.5: whole 条項 references (第23条の2, 第20条第3項, 前条第2項, 前2項) and, as real 改め文 quote them,
# whole references to 章/節 (「第一章第六節」を「第一章第七節」に): never 「第3」 out of 「第2章第3節」.
_REFERENCE = re.compile(rf"(?:(?:前|次|同)(?:{_NUM})?[条項号]|{_STEP})(?:{_STEP})*")
# 別表・様式 references are one unit with their number, as real 改め文 quote them (「別表第一」を「別表第二」に,
# 「別表第十八号」を「別表第十五号」に): 別表第2, 別表第1の2, 別記様式第1号, 様式第2号の4, 別記第1号様式, 第1号様式.
_APPENDIX = re.compile(
    rf"(?:別表|別記様式|別記|様式)(?:第{_NUM}号?(?:の{_NUM})*(?:様式)?)?|第{_NUM}号(?:の{_NUM})*様式"
)
# A 章/節 heading with its name, as a 目次 lists it, is quoted whole (e-Gov AmendProvision: 「第二章　基本方針」を
# 「第二章　文化芸術推進基本計画等」に改める). Only after a full-width space, the official separator; the name ends
# at a blank, a bracket or punctuation, so its article range （第七条） is a unit of its own.
_HEADING = re.compile(rf"第{_NUM}[編章節款](?:の{_NUM})*\u3000[^\s\u3000「」（）()、。]+")
_DATE = re.compile(rf"(?:明治|大正|昭和|平成|令和)(?:元|{_NUM})年度?(?:{_NUM}月(?:{_NUM}日)?)?")
_COUNTED = re.compile(
    rf"{_NUM}(?:[.．]{_NUM})?(?:円|人|日|年度|年|箇月|か月|ヶ月|カ月|月|時間|分|秒|回|件|箇所|か所|名|歳|週間|週|倍|割"
    r"|平方メートル|立方メートル|キロメートル|センチメートル|ミリメートル|メートル|キログラム|グラム|トン|リットル"
    r"|パーセント|%|％|部|通|枚|台|株|個)"
)

# 複合辞: particles made of several tokens (に|より, に|おい|て, を|もつ|て) quote as one word.
_COMPOUND_PARTICLE = re.compile(
    r"によ(?:り|る|って|つて)|にお(?:いて|ける)|につ(?:いて|き)|に関(?:し|する)|に対(?:し|する)|に係(?:る|り)"
    r"|に基づ(?:き|く)|に従(?:い|って|つて)|として|をも(?:って|つて)"
)

_KATAKANA = re.compile(r"[ァ-ヶ]+")
# Nouns that never start or continue a compound word (a quote may end before them: 「掲示する」 + こと).
_FORMAL_NOUNS = frozenset({"こと", "もの", "とき", "ため", "ところ", "旨", "場合", "等"})
_COMMAS = frozenset("、，")
_FULL_STOPS = frozenset("。．")
# Parts of speech that carry meaning on their own; a quote made only of particles, auxiliaries and
# punctuation (「を」, 「、」) is not a unit a drafter would cite.
_CONTENT_POS = frozenset({"名詞", "代名詞", "動詞", "形容詞", "形状詞", "副詞", "連体詞", "接続詞", "接頭辞", "感動詞"})

# Widening stops after this many candidate spans: beyond it the text is pathological, and the caller reports
# that no unique quote was found rather than spend seconds on one provision.
_MAX_CANDIDATES = 4000


@dataclass(frozen=True)
class Units:
    """A text with the boundaries of its meaningful units."""

    text: str
    tokens: tuple[Token, ...]
    bounds: frozenset[int]
    # Unit boundaries inside a compound noun (実地|審査, 安全|装置, 提出|票): a change may fall there (「けん銃」 of
    # 「けん銃実包」 becomes 「拳銃」), but a quote widened for uniqueness never stops there.
    in_compound: frozenset[int] = frozenset()

    @cached_property
    def by_start(self) -> dict[int, Token]:
        return {t.begin: t for t in self.tokens}

    @cached_property
    def by_end(self) -> dict[int, Token]:
        return {t.end: t for t in self.tokens}

    @cached_property
    def sorted_bounds(self) -> list[int]:
        return sorted(self.bounds)

    def is_bound(self, i: int) -> bool:
        return i in self.bounds

    def token_at(self, i: int) -> Token | None:
        """The token that starts at ``i``."""
        return self.by_start.get(i)

    def token_before(self, i: int) -> Token | None:
        """The token that ends at ``i``."""
        return self.by_end.get(i)


def units(text: str) -> Units:
    """Tokenize ``text`` and compute the boundaries of its meaningful units."""
    tokens = tuple(tokenize(text))
    bounds = {0, len(text)}
    for token in tokens:
        bounds.add(token.begin)
        bounds.add(token.end)
    for previous, token in itertools.pairwise(tokens):
        # 接頭辞 + word and word + 接尾辞 are one unit: 「総務省令」, 「学校等」, 「第3」.
        glued = previous.pos[0] == "接頭辞" or token.pos[0] == "接尾辞"
        if glued and "補助記号" not in (previous.pos[0], token.pos[0]):
            bounds.discard(token.begin)
    # b.5 「一つの独立した意味を持つ字句を単位として引用」: widening stops at the edge of a compound noun
    # (「実地審査は」, 「安全装置を」, 「フレキシブルディスク提出票」), not in its middle (「審査は」, 「装置を」).
    # Not in 文語 written in katakana (記載シタル書面ヲ), where Sudachi reads シタル, スベシ as nouns.
    in_compound: set[int] = set()
    if not any(t.pos[0] == "助詞" and _KATAKANA.fullmatch(t.surface) for t in tokens):
        for previous, token in itertools.pairwise(tokens):
            if (
                (_compound_part(previous) or previous.pos[:2] == ("形状詞", "一般"))
                # 常時|掲示し, 三十日間|掲示し: an adverb or a length of time, then the verb.
                and previous.pos[2] not in ("副詞可能", "助数詞可能")
                and (_compound_part(token) or token.pos[:2] == ("形状詞", "一般"))
                and previous.end == token.begin
            ):
                in_compound.add(token.begin)
    token_bounds = set(bounds)
    for pattern in (_REFERENCE, _APPENDIX, _HEADING, _DATE, _COUNTED, _COMPOUND_PARTICLE):
        for match in pattern.finditer(text):
            # Only where the match starts and ends on token boundaries: 「により」, never inside a word.
            if pattern is _COMPOUND_PARTICLE and not {match.start(), match.end()} <= token_bounds:
                continue
            for inner in range(match.start() + 1, match.end()):
                bounds.discard(inner)
            # A numeral with its unit, a date, a reference is a word of its own (「30日」 of 「30日以内」).
            if pattern is not _COMPOUND_PARTICLE:
                in_compound.difference_update((match.start(), match.end()))
    return Units(text, tokens, frozenset(bounds), frozenset(in_compound))


def _compound_part(token: Token) -> bool:
    """A noun that joins the nouns beside it into one word: not a numeral (its unit is matched by pattern) and
    not a formal noun (こと, もの, とき lean on what comes before)."""
    return token.pos[0] == "名詞" and token.pos[1] != "数詞" and token.surface not in _FORMAL_NOUNS


# --- validity of a quoted span -------------------------------------------------------------------------


def balanced(text: str) -> bool:
    """「」 nest properly: a quote inside a quote must be whole, or the 改め文 cannot be read back."""
    depth = 0
    for ch in text:
        if ch == "「":
            depth += 1
        elif ch == "」":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _starts_dependent(u: Units, start: int) -> bool:
    """The unit at ``start`` leans on the word before it (a particle, an auxiliary, する after a noun)."""
    token = u.token_at(start)
    if token is None:
        return False
    if token.pos[0] in ("助詞", "助動詞", "接尾辞"):
        return True
    if token.pos[0] == "動詞" and token.pos[1] == "非自立可能":
        before = u.token_before(start)
        return before is not None and before.pos[0] == "名詞"
    return False


def _has_content(u: Units, start: int, end: int) -> bool:
    return any(t.pos[0] in _CONTENT_POS and t.begin < end and t.end > start for t in u.tokens)


def valid_span(u: Units, start: int, end: int, *, stop_changes: bool = False) -> bool:
    """Whether ``u.text[start:end]`` may be quoted: whole units, balanced 「」, no trailing 読点 or 句点.

    ``stop_changes``: the 句点 at the end is itself added or removed (「者」を「とき。」に), so it must be quoted.
    """
    if end <= start or not (u.is_bound(start) and u.is_bound(end)):
        return False
    piece = u.text[start:end]
    # b.5: a 読点 goes with the phrase after it; a 句点 that ends a sentence is not quoted unless it changes.
    if piece[-1] in _COMMAS or (piece[-1] in _FULL_STOPS and not stop_changes):
        return False
    if not balanced(piece):
        return False
    if start == 0 and end == len(u.text):
        return True  # the whole provision (short of its 句点) is always a quotable unit
    # At the very start of the provision there is no word to lean on: whatever stands there is quoted.
    return _has_content(u, start, end) and not (start > 0 and _starts_dependent(u, start))


def valid_insertion(u: Units, start: int, end: int) -> bool:
    """Whether inserted text ``u.text[start:end]`` stands as its own phrase (else the insertion is an 改め)."""
    if end <= start or not (u.is_bound(start) and u.is_bound(end)):
        return False
    piece = u.text[start:end]
    if piece[-1] in _COMMAS or piece[-1] in _FULL_STOPS or not balanced(piece):
        return False
    return not _starts_dependent(u, start)


def splits_predicate(u: Units, at: int) -> bool:
    """Whether position ``at`` falls between an inflected word and the auxiliary or particle it governs.

    Inserting there (掲示し|なければ → 掲示し、又は…公表し|なければ) makes the inserted predicate take over the
    auxiliary: the quoted predicate changes its role, so the change is written as an 改め of the predicate.
    """
    before = u.token_before(at)
    after = u.token_at(at)
    if before is None or after is None:
        return False
    inflected = before.pos[0] in ("動詞", "助動詞", "形容詞") and before.pos[5] != "*"
    governed = after.pos[0] == "助動詞" or (after.pos[0] == "助詞" and after.pos[1] == "接続助詞")
    return inflected and governed


# --- uniqueness -------------------------------------------------------------------------------------------


def count_occurrences(haystacks: Iterable[str], needle: str, limit: int = 2) -> int:
    """Occurrences of ``needle`` in all ``haystacks``, overlapping ones included, counted up to ``limit``."""
    count = 0
    for haystack in haystacks:
        start = haystack.find(needle)
        while start != -1:
            count += 1
            if count >= limit:
                return count
            start = haystack.find(needle, start + 1)
    return count


@dataclass(frozen=True)
class Span:
    """A quoted change: ``old[old_start:old_end]`` is quoted and becomes ``new[new_start:new_end]``."""

    old_start: int
    old_end: int
    new_start: int
    new_end: int


def widen_replacement(
    old: Units,
    new: Units,
    span: Span,
    *,
    lower: int,
    upper: int,
    is_unique,
) -> Span | None:
    """The shortest widening of ``span`` by shared context that both texts can quote and that is unique.

    ``lower`` / ``upper`` bound the old text (the neighbouring changes); ``is_unique(quote, old_start)`` says
    whether the old quote occurs exactly once where it will be applied. Ties go to widening rightwards
    (「□□□を」 before 「その□□□」). None when no span within the bounds qualifies.
    """
    shift = span.new_start - span.old_start
    tail = span.new_end - span.old_end
    # The units the change itself touches may end inside a compound (「けん銃」 of 「けん銃実包」); a quote widened
    # beyond them for uniqueness stops only at a compound's edge.
    first_left = max((a for a in old.sorted_bounds if a <= span.old_start), default=0)
    first_right = min((b for b in old.sorted_bounds if b >= span.old_end), default=len(old.text))
    lefts = [
        a
        for a in reversed(old.sorted_bounds)
        if lower <= a <= span.old_start
        and new.is_bound(a + shift)
        and a + shift >= 0
        and (a == first_left or a not in old.in_compound)
    ]
    rights = [
        b
        for b in old.sorted_bounds
        if span.old_end <= b <= upper and new.is_bound(b + tail) and (b == first_right or b not in old.in_compound)
    ]
    if not lefts or not rights:
        return None
    heap: list[tuple[int, int, int, int]] = [(rights[0] - lefts[0], span.old_start - lefts[0], 0, 0)]
    seen = {(0, 0)}
    popped = 0
    while heap and popped < _MAX_CANDIDATES:
        *_, i, j = heapq.heappop(heap)
        popped += 1
        a, b = lefts[i], rights[j]
        candidate = Span(a, b, a + shift, b + tail)
        old_stop = old.text[b - 1] in _FULL_STOPS if b > a else False
        new_stop = candidate.new_end > candidate.new_start and new.text[candidate.new_end - 1] in _FULL_STOPS
        if (
            valid_span(old, a, b, stop_changes=not new_stop)
            and (
                candidate.new_end == candidate.new_start
                or valid_span(new, candidate.new_start, candidate.new_end, stop_changes=not old_stop)
            )
            and is_unique(old.text[a:b], a)
        ):
            return candidate
        for ni, nj in ((i + 1, j), (i, j + 1)):
            if ni < len(lefts) and nj < len(rights) and (ni, nj) not in seen:
                seen.add((ni, nj))
                heapq.heappush(heap, (rights[nj] - lefts[ni], span.old_start - lefts[ni], ni, nj))
    return None


def widen_anchor(old: Units, at: int, *, lower: int, is_unique) -> int | None:
    """Start of the shortest quotable text ending at ``at`` that is unique: the 「…」 of 「…」の次に「…」を加える."""
    for a in reversed(old.sorted_bounds):
        if a >= at:
            continue
        if a < lower:
            break
        if a not in old.in_compound and valid_span(old, a, at) and is_unique(old.text[a:at], a):
            return a
    return None
