"""Grammar-aware insertion: where a template's text goes in a provision, and in which conjugated form.

A provision is tokenized once (SudachiPy). Templates act only in the sentences that hold the finding's analog
wording, at the places their token patterns match, and never in a sentence that already offers a digital way.
An ``alternative`` keys on the verb's conjugation and on what follows it: the verb group (掲示し, 掲げる, 供する,
常駐させ) is put into 連用形 and joined by 「、又は」 to the template's phrase, which takes the verb group's
original form, so that the rest of the sentence (なければならない, ものとする, とともに, て…) is kept as written.
Every edit is trimmed to the characters that change, so nothing outside the inserted or replaced phrase moves.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from analogreg.ruleset.matcher import (
    Bounds,
    TokenTest,
    UnitView,
    compile_condition,
    compile_token,
    match_at,
)
from analogreg.ruleset.schema import Condition, TokenSpec
from analogreg.ruleset.templates import (
    AlternativeTemplate,
    BaseTemplate,
    InsertTemplate,
    ManualTemplate,
    NoChangeTemplate,
    fill,
    uses_connective,
)
from analogreg.settings import Settings
from analogreg.tokenize import Token, inflect, tokenize

Status = Literal["amended", "no_change", "manual", "not_applicable", "already_digital"]

_CAUSATIVE = ("せる", "させる")
_TO_HALF_PARENS = str.maketrans("（）", "()")
_PASSIVE = ("れる", "られる")


@dataclass(frozen=True, order=True)
class Edit:
    """Replace ``text[start:end]`` by ``new`` (an insertion when start == end)."""

    start: int
    end: int
    new: str


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """The text with non-overlapping edits applied."""
    out: list[str] = []
    position = 0
    for edit in sorted(edits):
        out.append(text[position : edit.start])
        out.append(edit.new)
        position = edit.end
    out.append(text[position:])
    return "".join(out)


def minimal_edit(text: str, start: int, end: int, new: str) -> Edit:
    """The edit that turns text[start:end] into ``new``, trimmed of the characters both share at either end."""
    old = text[start:end]
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return Edit(start + head, end - tail, new[head : len(new) - tail])


def overlaps(a: Edit, b: Edit) -> bool:
    """Whether two edits touch the same characters, or start at the same point (their order would be a guess)."""
    return (a.start < b.end and b.start < a.end) or a.start == b.start


@dataclass
class Outcome:
    """What one template made of one provision: edits, or the reason it left the text alone."""

    status: Status
    edits: list[Edit] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)  # for the reviewer, on an amendment made (様式も改めること)
    used_definition: bool = False  # FD等: this unit now carries the 電磁的記録媒体 definition
    defined_terms: list[str] = field(default_factory=list)  # FD等: defined terms renamed here (「磁気ディスク等」)


@dataclass
class Unit:
    """One provision as the templates see it: text, tokens, sentences, the finding's spans, the settings."""

    text: str
    tokens: list[Token]
    view: UnitView
    spans: list[tuple[int, int]]
    settings: Settings
    markers: list[re.Pattern[str]]
    half_width_parens: bool = False  # the document writes ( ) rather than （ ）: inserted text follows it
    national: bool = False  # a national law or rule, not a local government's 例規 (BaseTemplate.statutes)

    def styled(self, text: str) -> str:
        """Inserted text in the document's own parentheses (横書き 例規 often use half-width ones)."""
        return text.translate(_TO_HALF_PARENS) if self.half_width_parens else text

    @classmethod
    def of(
        cls,
        text: str,
        spans: Sequence[tuple[int, int]],
        settings: Settings,
        markers: Sequence[re.Pattern[str]] = (),
        *,
        context: str = "",
        article: str = "",
        half_width_parens: bool = False,
        national: bool = False,
    ) -> Unit:
        tokens = tokenize(text)
        view = UnitView(text=text, tokens=tokens, ancestors=context, article=article)
        return cls(text, tokens, view, list(spans), settings, list(markers), half_width_parens, national)

    def char_range(self, lo: int, hi: int) -> tuple[int, int]:
        if lo >= hi:
            at = self.tokens[lo].begin if lo < len(self.tokens) else len(self.text)
            return at, at
        return self.tokens[lo].begin, self.tokens[hi - 1].end

    def sentences(self) -> list[tuple[int, int]]:
        """Token ranges of the sentences holding the analog wording (every sentence when no span is given)."""
        if not self.spans:
            return list(self.view.sentences)
        chosen = []
        for lo, hi in self.view.sentences:
            begin, end = self.char_range(lo, hi)
            if any((s < end and begin < e) or begin <= s < end for s, e in self.spans):
                chosen.append((lo, hi))
        return chosen or list(self.view.sentences)

    def is_digital(self, lo: int, hi: int) -> bool:
        """Whether the sentence holding tokens [lo, hi) already offers a digital way."""
        s_lo, s_hi = self.view.sentence_of(lo)
        begin, end = self.char_range(s_lo, s_hi)
        sentence = self.text[begin:end]
        return any(m.search(sentence) for m in self.markers)

    def near_spans(self, matches: list[tuple[int, int, Bounds]]) -> list[tuple[int, int, Bounds]]:
        """The matches that overlap a span, or all of them when none does."""
        if not self.spans:
            return matches
        close = []
        for lo, hi, bounds in matches:
            begin, end = self.char_range(lo, hi)
            if any(s < end and begin < e for s, e in self.spans):
                close.append((lo, hi, bounds))
        return close or matches


def compile_pattern(specs: Sequence[TokenSpec]) -> tuple[TokenTest, ...]:
    return tuple(compile_token(s) for s in specs)


def find_matches(tests: Sequence[TokenTest], unit: Unit) -> list[tuple[int, int, Bounds]]:
    """Non-overlapping matches (token start, end, per-element bounds), left to right, in the finding's sentences."""
    found: list[tuple[int, int, Bounds]] = []
    for lo, hi in unit.sentences():
        start = lo
        while start < hi:
            bounds = match_at(tests, unit.tokens, start, hi)
            end = max((b for _, b in bounds), default=start) if bounds is not None else start
            if bounds is None or end <= start:
                start += 1
                continue
            found.append((start, end, bounds))
            start = end
    return unit.near_spans(found)


def _any_holds(conditions: Sequence[Condition], unit: Unit, lo: int, hi: int) -> bool:
    return any(compile_condition(c).holds(unit.view, lo, hi) for c in conditions)


def place_refusal(template: BaseTemplate, unit: Unit, lo: int, hi: int) -> str | None:
    """Why the template may not act at tokens [lo, hi): None where every ``context`` condition holds and no
    ``unless`` does; else the ``reason`` of the first ``unless`` that holds, or "" (not a place it is for)."""
    if any(not compile_condition(c).holds(unit.view, lo, hi) for c in template.context):
        return ""
    for condition in template.unless:
        if compile_condition(condition).holds(unit.view, lo, hi):
            return condition.reason or ""
    return None


def place_allowed(template: BaseTemplate, unit: Unit, lo: int, hi: int) -> bool:
    """The template's ``context`` conditions all hold at tokens [lo, hi) and none of its ``unless`` does."""
    return place_refusal(template, unit, lo, hi) is None


def clause_level(unit: Unit, lo: int) -> str:
    """How the run of clauses holding token ``lo`` is joined: "flat", "又は" (by 「、又は」 outside brackets) or
    "若しくは" (already two levels: a third cannot be added safely).

    法制執務: 又は and 若しくは grade one chain of alternatives. Only the chain the insertion falls in counts: in
    「…点検し、異常を認めたときは、直ちに補修し、又は取り替えなければならない」 the 又は joins 補修し and 取り替え,
    and 点検 takes 「実地で、又は…」 as if it stood alone.
    """
    s_lo, s_hi = unit.view.sentence_of(lo)
    joins = {word for _, word in _run_joins(unit.tokens, s_lo, s_hi, lo)}
    return "若しくは" if "若しくは" in joins else "又は" if joins else "flat"


def _join_word(token: Token) -> str | None:
    """The connective a clause opens with: "又は", "若しくは", or None."""
    if token.surface == "若しくは":
        return "若しくは"
    if token.surface == "又" or token.lemma == "又":
        return "又は"
    return None


def _top_level(tokens: Sequence[Token], lo: int, hi: int) -> Iterator[int]:
    """The indexes of tokens [lo, hi) outside brackets (（…）, (…), 「…」), the brackets themselves left out."""
    depth = 0
    for i in range(lo, hi):
        surface = tokens[i].surface
        if surface in ("（", "(", "「"):
            depth += 1
        elif surface in ("）", ")", "」"):
            depth = max(0, depth - 1)
        elif depth == 0:
            yield i


def _segments(tokens: Sequence[Token], lo: int, hi: int) -> list[tuple[int, int]]:
    """Tokens [lo, hi) cut at every 「、」 outside brackets: (begin, end) of each piece, the 、 left out."""
    pieces: list[tuple[int, int]] = []
    begin = lo
    for i in _top_level(tokens, lo, hi):
        if tokens[i].surface == "、":
            pieces.append((begin, i))
            begin = i + 1
    pieces.append((begin, hi))
    return pieces


def _continues(tokens: Sequence[Token], piece: tuple[int, int]) -> bool:
    """Whether the clause of a piece goes on into the next: it ends with a predicate in 連用形 (報告を徴し、) or て
    (当該職員を指定して、), or with a word that only a later predicate completes (製造、検査若しくは品質管理;
    直ちに、). A piece ending in a particle (ときは、について、に対し、) or a compound particle's て does not."""
    begin, end = piece
    if end <= begin:
        return False
    last = tokens[end - 1]
    if last.pos[0] in ("動詞", "助動詞"):
        return last.conj_form.startswith("連用形") and not _compound_particle(tokens, begin, end - 1)
    if last.pos[:2] == ("助詞", "接続助詞") and last.surface in ("て", "で"):
        return not _compound_particle(tokens, begin, end - 2)
    return _open_word(last)


def _open_word(token: Token) -> bool:
    """A noun or adverb ending a piece (製造、検査若しくは…; 直ちに、): the clause it belongs to goes on."""
    return token.pos[0] in ("名詞", "副詞")


def _compound_particle(tokens: Sequence[Token], begin: int, verb: int) -> bool:
    """Whether the verb at ``verb`` is part of a compound particle (に対し, について, において, に基づいて): it
    follows に."""
    return begin <= verb - 1 and tokens[verb - 1].surface == "に" and tokens[verb - 1].pos[0] == "助詞"


def _opens_condition(tokens: Sequence[Token], piece: tuple[int, int]) -> bool:
    """Whether the piece is a bare 又は, or ends with a condition (…と認めるときは、…の場合には、…すれば、) whose
    clause is still to come."""
    begin, end = piece
    if end <= begin:
        return False
    if _join_word(tokens[begin]) is not None and all(t.pos[0] in ("接続詞", "助詞") for t in tokens[begin + 1 : end]):
        return True
    i = end - 1
    if i >= begin and tokens[i].surface == "ば":
        return True
    while i >= begin and tokens[i].pos[0] == "助詞":
        i -= 1
    return begin <= i < end - 1 and tokens[i].surface in ("とき", "場合", "際")


def _own_subject(tokens: Sequence[Token], piece: tuple[int, int]) -> bool:
    """Whether the piece opens with a subject of its own (…又はその蒸気が漏れ、): another clause, not another
    predicate. Only a が before the piece's first verb counts; one inside a later relative clause (大臣が定める場合)
    does not."""
    for i in _top_level(tokens, *piece):
        token = tokens[i]
        if token.pos[0] == "動詞":
            return False
        if token.surface == "が" and token.pos[1] == "格助詞" and not _before_dekiru(tokens, i):
            return True
    return False


def _before_dekiru(tokens: Sequence[Token], i: int) -> bool:
    """「…ことができる」: the が of a possibility, not of a subject."""
    return i + 1 < len(tokens) and tokens[i + 1].lemma in ("出来る", "できる")


def _run_joins(tokens: Sequence[Token], lo: int, hi: int, at: int) -> list[tuple[int, str]]:
    """The 「、又は」 / 「、若しくは」 (outside brackets) of the run of clauses of tokens [lo, hi) that holds token
    ``at``: (token index, "又は" or "若しくは") each.

    The sentence is cut at its top-level 「、」, and a piece joins the run of the one before when it opens with 又は /
    若しくは; when the one before leaves its predicate to go on (報告を徴し、実地監査を行い、又は…) and it brings no
    subject of its own; or when the one before opened an alternative whose predicate is still to come (又は必要が
    あると認めるときは、当該職員に実地監査をさせ). A condition ending in は (異常を認めたときは、) ends a run.
    """
    pieces = _segments(tokens, lo, hi)
    run = [0] * len(pieces)
    awaiting = False  # an alternative has opened and its predicate has not come yet
    for k in range(1, len(pieces)):
        (b_lo, b_hi), (a_lo, a_hi) = pieces[k - 1], pieces[k]
        before_opens = b_lo < b_hi and _join_word(tokens[b_lo]) is not None
        goes_on = _continues(tokens, pieces[k - 1])
        # Nouns listed (又は国の所有に属する国宝、重要文化財、…と認めるときは、) keep the alternative open too.
        awaiting = (before_opens or awaiting) and (
            _opens_condition(tokens, pieces[k - 1]) or (b_lo < b_hi and _open_word(tokens[b_hi - 1]))
        )
        linked = (
            (a_lo < a_hi and _join_word(tokens[a_lo]) is not None)
            or (goes_on and (_open_word(tokens[b_hi - 1]) or not _own_subject(tokens, pieces[k])))
            or awaiting
        )
        run[k] = run[k - 1] if linked else run[k - 1] + 1
    here = next((k for k, (_, e) in enumerate(pieces) if at < e), len(pieces) - 1)
    joins = [
        (begin, word)
        for k, (begin, end) in enumerate(pieces)
        if run[k] == run[here] and begin < end and (word := _join_word(tokens[begin])) is not None
    ]
    # Clauses made nouns and listed without 「、」 (…を命ずること又は土地若しくは物件を実地に調査すること): the
    # place is inside one of them.
    joins.extend(
        (i + 1, word)
        for i in range(pieces[here][0], min(at, hi - 1))
        if tokens[i].surface == "こと" and (word := _join_word(tokens[i + 1])) is not None
    )
    return joins


def _ends_at(tests: Sequence[TokenTest], tokens: Sequence[Token], lo: int, end: int) -> bool:
    """Whether the pattern matches some tokens that end exactly at token ``end`` (searching back to ``lo``)."""
    for start in range(end - 1, lo - 1, -1):
        bounds = match_at(tests, tokens, start, end)
        if bounds is not None and max((b for _, b in bounds), default=start) == end:
            return True
    return False


# --- the verb group and what follows it ------------------------------------------------------------------


def verb_group_end(tokens: Sequence[Token], end: int, limit: int) -> int:
    """The end of the verb group that starts at the head's verb: the causative 助動詞 せる / させる go with it."""
    while end < limit and tokens[end].pos[0] == "助動詞" and tokens[end].lemma in _CAUSATIVE:
        end += 1
    return end


def tail_problem(tokens: Sequence[Token], i: int, limit: int) -> str | None:
    """Why 「、又は…」 cannot follow a verb group ending before token ``i``; None when it can.

    Allowed: なければならない, ものとする, とともに, こと(ができる), よう, て (not てはならない), 、 and 。.
    The rest changes the meaning or the grammar: prohibitions, negatives (also after ている: 常駐していない),
    the past of 罰則 (掲示しなかった者), a verb modifying a noun (掲示する場所), requirements joined by かつ,
    and an existing 「又は」 list.
    """
    if i >= limit:
        return None
    tok = tokens[i]
    nxt = tokens[i + 1] if i + 1 < limit else None
    lemma, surface, pos0 = tok.lemma, tok.surface, tok.pos[0]
    if surface == "。":
        return None
    if surface == "、":
        if nxt is not None and (nxt.surface in ("又", "若しくは") or nxt.lemma == "又"):
            return "既に「又は」「若しくは」で選択肢が並んでおり、選択肢を加えると接続の段階付けが変わる"
        if nxt is not None and nxt.lemma in ("かつ", "且つ"):
            return "「かつ」で結ばれた要件の一つであり、選択肢を加えると要件の組合せが曖昧になる"
        return None
    if lemma in ("かつ", "且つ"):
        return "「かつ」で結ばれた要件の一つであり、選択肢を加えると要件の組合せが曖昧になる"
    if pos0 == "助詞" and lemma == "て":
        if nxt is not None and nxt.lemma in ("は", "も"):
            return "禁止・許容の規定（…してはならない／…してもよい）であり、義務の規定ではない"
        if _negated_after_te(tokens, i + 1, limit):
            return "否定形の述語（…していない等）であり、選択肢を加えると意味が変わる"
        return None
    if pos0 == "助動詞" and lemma == "ない":
        if surface == "なけれ" and nxt is not None and nxt.lemma == "ば":
            return None
        return "否定形の述語（…しない／…しなかった）であり、選択肢を加えると意味が変わる"
    if pos0 == "助動詞" and lemma == "ず":
        return "否定形の述語（…せず）であり、選択肢を加えると意味が変わる"
    if pos0 == "助動詞" and lemma == "た":
        return "過去形の述語（罰則等が義務規定を引用する形）であり、本体の規定に合わせて起案する"
    if lemma in ("れる", "られる"):
        return "受身形の述語であり、定型の選択肢を加えられない"
    if lemma == "もの" and nxt is not None and nxt.lemma == "と":
        return None
    if lemma == "と" and nxt is not None and nxt.lemma == "とも":
        return None
    if lemma in ("こと", "よう"):
        return None
    return f"述語が「{surface}」に続く形（連体修飾など）であり、選択肢を加える定型が当てはまらない"


def _negated_after_te(tokens: Sequence[Token], i: int, limit: int) -> bool:
    """Whether the auxiliary verbs after て (いる, おく, ある) end in a negative: していない, しておかず."""
    while i < limit and tokens[i].lemma in ("いる", "おく", "ある", "しまう") and tokens[i].pos[0] == "動詞":
        i += 1
        if i < limit and tokens[i].pos[0] == "助動詞":
            if tokens[i].lemma == "ず":
                return True
            if tokens[i].lemma == "ない":
                return not (tokens[i].surface == "なけれ" and i + 1 < limit and tokens[i + 1].lemma == "ば")
    return False


def joined_by_katsu(tokens: Sequence[Token], lo: int, start: int) -> bool:
    """Whether a 「かつ」 outside brackets comes before token ``start`` in its sentence (…通知し、かつ、…掲示し):
    a 「又は」 added after it would read as joining either the whole 「かつ」 chain or its last member."""
    return any(tokens[i].lemma in ("かつ", "且つ") for i in _top_level(tokens, lo, start))


def nested_alternative(tokens: Sequence[Token], lo: int, start: int) -> bool:
    """Whether the clause holding token ``start`` is already the second member of 「、又は」 / 「若しくは」."""
    for i in range(start - 1, lo - 1, -1):
        if tokens[i].surface == "、":
            after = tokens[i + 1] if i + 1 < start else None
            return after is not None and (after.surface in ("又", "若しくは") or after.lemma == "又")
        if tokens[i].surface == "若しくは":
            return True
    return False


def later_alternative(tokens: Sequence[Token], lo: int, end: int, hi: int) -> bool:
    """Whether 「、又は」 / 「、若しくは」 outside brackets follows token ``end`` in the run of clauses holding it
    (sentence tokens [lo, hi)): the predicate before it is then a member of that list (掲示し、提示し、…又は謄写
    させること), and an alternative added to it would need the list regraded (法制執務: 又は above, 若しくは
    below). A 又は of a later clause of its own (…掲示し、異常があるときは、補修し、又は取り替える) is not one."""
    return any(at >= end for at, _ in _run_joins(tokens, lo, hi, end - 1))


def inflect_phrase(phrase: str, conj_form: str, *, causative: bool = False) -> str | None:
    """``phrase`` (ending with a verb in 終止形) with its last verb in ``conj_form``; optionally made causative."""
    tokens = tokenize(phrase)
    if not tokens or tokens[-1].conj_type == "*":
        return None
    verb = tokens[-1]
    if causative:
        base = _causative(verb)
        if base is None:
            return None
        phrase = phrase[: verb.begin] + base
        tokens = tokenize(phrase)
        verb = tokens[-1]
        if verb.lemma not in _CAUSATIVE:
            return None
    surface = inflect(verb, conj_form)
    return None if surface is None else phrase[: verb.begin] + surface


def _causative(verb: Token) -> str | None:
    """The causative of a verb in 終止形: 公表する → 公表させる, 講ずる → 講じさせる, 示す → 示させる."""
    if verb.conj_type == "サ行変格":
        if verb.lemma.endswith("する"):
            stem = inflect(verb, "未然形-サ")
            return None if stem is None else stem + "せる"
        stem = inflect(verb, "未然形-一般")
        return None if stem is None else stem + "させる"
    stem = inflect(verb, "未然形-一般")
    if stem is None:
        return None
    if verb.conj_type.startswith("五段"):
        return stem + "せる"
    if verb.conj_type.startswith(("上一段", "下一段")):
        return stem + "させる"
    return None


def sentence_ending(tokens: Sequence[Token], lo: int, period: int) -> tuple[str, str] | None:
    """The sentence's closing predicate after its last verb, and the form that verb takes before it.

    (なければならない, 未然形-一般), (ものとする, 連体形-一般), (こと, 連体形-一般), or ("", 終止形-一般).
    """
    lemmas = [t.lemma for t in tokens[lo:period]]
    surfaces = "".join(t.surface for t in tokens[lo:period])
    if surfaces.endswith("なければならない"):
        return "なければならない", "未然形-一般"
    if lemmas[-3:] == ["もの", "と", "する"]:
        return "ものとする", "連体形-一般"
    if lemmas[-1:] == ["こと"]:
        return "こと", "連体形-一般"
    if period > lo and tokens[period - 1].conj_form == "終止形-一般" and tokens[period - 1].pos[0] == "動詞":
        return "", "終止形-一般"
    return None


# --- the template kinds ------------------------------------------------------------------------------------


def apply_alternative(template: AlternativeTemplate, unit: Unit) -> Outcome:
    """「、又は{phrase}」 after every analog verb group of the finding's sentences (see the module docstring)."""
    tokens = unit.tokens
    head = compile_pattern(template.head)
    before = compile_pattern(template.preceded_by)
    after = compile_pattern(template.followed_by)
    matches = find_matches(head, unit)
    edits: list[Edit] = []
    reasons: list[str] = []
    digital = 0
    for start, end, _ in matches:
        s_lo, s_hi = unit.view.sentence_of(start)
        if before and not _ends_at(before, tokens, s_lo, start):
            continue
        group_end = verb_group_end(tokens, end, s_hi)
        if after and match_at(after, tokens, group_end, s_hi) is None:
            continue
        if unit.is_digital(start, group_end):
            digital += 1
            continue
        last = tokens[group_end - 1]
        # The form of the predicate first: a prohibition or a negative is reported as such whatever the context.
        problem = tail_problem(tokens, group_end, s_hi)
        if problem is not None:
            reasons.append(problem)
            continue
        refusal = place_refusal(template, unit, start, group_end)
        if refusal is not None:
            if refusal:
                reasons.append(refusal)
            continue
        if nested_alternative(tokens, s_lo, start):
            problem = "既に「又は」で並べられた述語の一つであり、選択肢を加えると接続の段階付けが変わる"
        elif later_alternative(tokens, s_lo, group_end, s_hi):
            problem = "後に「又は」「若しくは」で並べられた述語があり、選択肢を加えると接続の段階付けが変わる"
        elif joined_by_katsu(tokens, s_lo, start):
            problem = "「かつ」で結ばれた述語の後にあり、選択肢を加えると「かつ」と「又は」の係り方が曖昧になる"
        elif last.conj_type == "*":
            problem = f"「{last.surface}」が活用する語でない"
        if problem is not None:
            reasons.append(problem)
            continue
        renyou = inflect(last, "連用形-一般")
        causative = last.pos[0] == "助動詞" and last.lemma in _CAUSATIVE
        phrase = inflect_phrase(fill(template.phrase, unit.settings), last.conj_form, causative=causative)
        if renyou is None or phrase is None:
            reasons.append(f"「{last.surface}」（{last.conj_type}・{last.conj_form}）の活用形が活用表にない")
            continue
        place = [minimal_edit(unit.text, last.begin, last.end, unit.styled(f"{renyou}、又は{phrase}"))]
        if template.proviso is not None:
            proviso = _proviso_edit(template.proviso, unit, s_lo, s_hi)
            if isinstance(proviso, str):
                reasons.append(proviso)
                continue
            place.append(proviso)
        edits.extend(place)
    if edits:
        return Outcome("amended", edits, reasons)
    if digital and not reasons:
        return Outcome("already_digital")
    return Outcome("not_applicable", reasons=reasons)


def _proviso_edit(proviso: str, unit: Unit, s_lo: int, s_hi: int) -> Edit | str:
    """The ただし書 added after the sentence, its last verb in the sentence's own closing form."""
    tokens = unit.tokens
    period = s_hi - 1
    if tokens[period].surface != "。":
        return "文が句点で終わっておらず、ただし書を加えられない"
    if s_hi < len(tokens):
        return "後に続く文（後段・ただし書）があり、ただし書の置き場所を個別に判断する必要がある"
    if any(tokens[lo].surface == "ただし" for lo, _ in unit.view.sentences):
        return "既にただし書があり、ただし書を加えられない"
    ending = sentence_ending(tokens, s_lo, period)
    if ending is None:
        return "文末の形が定型（なければならない／ものとする／こと）でなく、ただし書の結びを決められない"
    closing, form = ending
    body = inflect_phrase(fill(proviso, unit.settings), form)
    if body is None:
        return "ただし書の述語を活用できない"
    at = tokens[period].end
    return Edit(at, at, unit.styled(f"{body}{closing}。"))


def apply_insert(template: InsertTemplate, unit: Unit) -> Outcome:
    """The template's texts at fixed places of every match of its pattern (the first only, if so marked)."""
    matches: list[tuple[int, int, Bounds]] = []
    refusals: list[str] = []
    for lo, hi, bounds in find_matches(compile_pattern(template.pattern), unit):
        refusal = place_refusal(template, unit, lo, hi)
        if refusal is None:
            matches.append((lo, hi, bounds))
        elif refusal and refusal not in refusals:
            refusals.append(refusal)
    if not matches:
        return Outcome("not_applicable", reasons=refusals)
    if template.first_only:
        # The first place stands for the unit: once it is widened, the later mentions (当該実地監査) read with it.
        matches = matches[:1]
    live = [(lo, hi, b) for lo, hi, b in matches if not unit.is_digital(lo, hi)]
    if not live:
        return Outcome("already_digital")
    edits: list[Edit] = []
    # A place refused for a reason is reported beside the amended ones, unless the first place stands for all.
    reasons: list[str] = [] if template.first_only else refusals
    joins = any(uses_connective(spec.text) for spec in template.edits)
    for lo, hi, bounds in live:
        level = clause_level(unit, lo) if joins else "flat"
        if level == "若しくは":
            reasons.append(
                "文中で既に「又は」「若しくは」の二段階で選択肢が並んでおり、接続詞の段階付けを個別に判断する必要がある"
            )
            continue
        for spec in template.edits:
            begin = _place(spec.at, bounds, unit, lo, hi)
            end = begin if spec.replace_to is None else _place(spec.replace_to, bounds, unit, lo, hi)
            new = unit.styled(fill(spec.text, unit.settings, nested=level == "又は"))
            edits.append(minimal_edit(unit.text, begin, end, new))
    if not edits:
        return Outcome("not_applicable", reasons=reasons)
    return Outcome("amended", edits, reasons)


def _place(at: int | str, bounds: Bounds, unit: Unit, lo: int, hi: int) -> int:
    """The character offset before pattern element ``at`` (or after the match, or at the clause start)."""
    tokens = unit.tokens
    if at == "clause_start":
        return _clause_start(unit, lo)
    assert isinstance(at, int)
    if at >= len(bounds):
        return tokens[hi - 1].end
    first, _ = bounds[at]
    return tokens[first].begin if first < len(tokens) else len(unit.text)


def _clause_start(unit: Unit, start: int) -> int:
    """After the last 、 (outside brackets) before token ``start`` in its sentence, else the sentence start."""
    s_lo, _ = unit.view.sentence_of(start)
    depth = 0
    for i in range(start - 1, s_lo - 1, -1):
        surface = unit.tokens[i].surface
        if surface in ("）", ")", "」"):
            depth += 1
        elif surface in ("（", "(", "「"):
            depth = max(0, depth - 1)
        elif surface == "、" and depth == 0:
            return unit.tokens[i].end
    return unit.tokens[s_lo].begin


def apply_without_text(template: NoChangeTemplate | ManualTemplate, unit: Unit) -> Outcome:
    """A decision with no text change, for the reason in the template's note: ``no_change`` (e.g. covered by the
    online ordinance) or ``manual`` (for a drafter); nothing when the clause is digital already."""
    places = _places(template, template.pattern, template.when, unit)
    if not places:
        return Outcome("not_applicable")
    if all(unit.is_digital(lo, hi) for lo, hi in places):
        return Outcome("already_digital")
    return Outcome(template.kind, reasons=[fill(template.note, unit.settings)])


def _places(
    template: BaseTemplate, pattern: Sequence[TokenSpec], when: Sequence[Condition], unit: Unit
) -> list[tuple[int, int]]:
    """Where a no_change / manual template applies: its pattern's matches (or the finding's sentences) at which
    one of its ``when`` conditions holds (if any are given) and its context / unless allow it."""
    places = unit.sentences()
    if pattern:
        places = [(lo, hi) for lo, hi, _ in find_matches(compile_pattern(pattern), unit)]
    if when:
        places = [(lo, hi) for lo, hi in places if _any_holds(when, unit, lo, hi)]
    return [(lo, hi) for lo, hi in places if place_allowed(template, unit, lo, hi)]
