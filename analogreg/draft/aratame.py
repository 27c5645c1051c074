"""The 改め文 generator: the changes of one provision unit (old → new) as 法制執務 sentences.

Forms (domain-and-drafting b.3):
- 改め: 第3条第2項中「A」を「B」に改める。 Several in a row: 「A」を「B」に、「C」を「D」に改める; the same
  replacement twice: 「A」及び「C」を「B」に改める.
- 削り: 「A」を削る; several: 「A」及び「C」を削る. The last 項 of an article taken out: 第13条第2項から第5項まで
  を削る。
- 加え: 横書き 例規 「A」の次に「B」を加える; national 縦書き 「A」の下に「B」を加える.
- Mixed kinds in one provision, front to back: 「A」を「B」に改め、「C」を削り、「E」の次に「F」を加える.
- A sentence added at the end: 第3条に次のただし書を加える。 / 第3条第2項に後段として次のように加える。, followed
  by the sentence on its own line; 「次のように」 ends the 改め文 sentence (b.4).

When a pure insertion is written 加える and when 改める (a documented, consistent choice): an insertion is written
「A」の次に「B」を加える — the form of b.3/b.5 (「証人」の次に「、鑑定人」を加える) and of 139 of the 172 real
insertions among the e-Gov AmendProvision sentences — except when the inserted text cannot stand apart from the
word before it, where the unit that changes is quoted whole and 改める is used (as the real 「学校」を「学校等」に,
「第九条」を「第九条第一項」に改める): the insertion is at the head of the provision (「上に」 is obsolete); it falls
inside a unit (a word, numeral + unit, a 条項 reference); it begins with a suffix, auxiliary or conjunctive
particle; or it splits a predicate from its auxiliary, so that the inserted predicate takes the auxiliary over
(「掲示し」を「掲示し、又はインターネットの利用その他の方法により公表し」に改める, the issue's example).

Several units of one article become one sentence, front to back, cited with 同条 / 同項 / 同号 (b.2): 「第3条第1項中
「A」を「B」に改め、同条第2項中「C」を削る。」 A different article starts a new sentence (b.4: one sentence per 条).
The very same change in consecutive paragraphs of an article (or items of a paragraph) is written once for all of
them, as real 改め文 do: 「第3条第1項及び第2項中「A」を「B」に改め、同条第4項中…」, 「同項第1号及び第2号中…」.
An article's 見出し, when it changes too, is a unit of its own (label 「第3条の見出し」, see :func:`caption_label`),
written first: 「第3条の見出し中「A」を「B」に改め、同条第2項中…」 (as real 改め文 do). When the 見出し and the text of
an article of one 項 take the very same changes, the two are one clause: 「第3条（見出しを含む。）中「A」を「B」に
改める。」 (b.2, as real 改め文 and the joureikun FAQ write it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from analogreg.draft.edits import Edit, best_placement, diff, merge
from analogreg.draft.quote import (
    Span,
    Units,
    balanced,
    count_occurrences,
    splits_predicate,
    units,
    valid_insertion,
    valid_span,
    widen_anchor,
    widen_replacement,
)
from analogreg.numbering import parse_ordinal
from analogreg.records import ARTICLE_DELETED

OpKind = Literal["改め", "削り", "加え"]
StructuralKind = Literal[
    "add_proviso", "add_latter", "delete_proviso", "delete_latter", "article_deleted", "last_paragraphs_cut"
]
Qualifier = Literal["", "各号列記以外の部分", "本文", "ただし書", "（見出しを含む。）"]
WITH_CAPTION: Qualifier = "（見出しを含む。）"

# Mid-sentence and final forms of the verbs (b.3: 改め→改める, 削り→削る, 加え→加える).
_VERB = {"改め": ("改め", "改める"), "削り": ("削り", "削る"), "加え": ("加え", "加える")}
# A qualified location costs words; it is used only when it saves more quoted text than this.
_QUALIFIER_SAVING = 10


class DraftFailure(Exception):
    """No 改め文 can be written for this change (the reason is the note shown to the reviewer)."""


@dataclass(frozen=True)
class Op:
    """One text operation: 改め (``old`` → ``new``), 削り (``old``), 加え (``new`` after ``old``)."""

    kind: OpKind
    old: str
    new: str = ""


@dataclass(frozen=True)
class Structural:
    """A whole sentence added at the end of the provision (ただし書 / 後段) or removed from it."""

    kind: StructuralKind
    body: str = ""


@dataclass(frozen=True)
class UnitPlan:
    """What one provision unit needs: its citation, an optional qualifier, text operations, a sentence change."""

    label: str
    numbering: Literal["kanji", "arabic"]
    ops: tuple[Op, ...] = ()
    qualifier: Qualifier = ""
    structural: Structural | None = None
    quoted_chars: int = field(default=0, compare=False)
    # An article rewritten as 削除: the citation of the article that follows it in the 例規 (Proposal.next_article),
    # so that consecutive deletions are written as one (「第12条から第14条まで　削除」).
    following: str = ""


# --- sentences -----------------------------------------------------------------------------------------


def split_sentences(text: str) -> list[str]:
    """The sentences of a provision: split after each 句点 outside brackets (「…。」 and （…。） stay inside)."""
    sentences: list[str] = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch in "「（(":
            depth += 1
        elif ch in "」）)":
            depth = max(0, depth - 1)
        elif ch == "。" and depth == 0:
            sentences.append(text[start : i + 1])
            start = i + 1
    if start < len(text):
        sentences.append(text[start:])
    return sentences


def _is_proviso(sentence: str) -> bool:
    return sentence.startswith("ただし")


# --- planning --------------------------------------------------------------------------------------------


def plan_unit(
    label: str,
    old: str,
    new: str,
    scope: Mapping[str, str] | None = None,
    numbering: Literal["kanji", "arabic"] = "arabic",
    following: str = "",
    cut: bool = False,
) -> UnitPlan:
    """Plan the 改め文 of one provision unit; raises :class:`DraftFailure` with the reason when none can be written.

    ``scope`` holds the texts of the other units inside the cited provision (a paragraph's items): a quote must
    be unique in all of them together, because 「第3条第2項中」 covers the items too. ``following``: for an article
    rewritten as 削除, the article after it in the 例規 (see UnitPlan.following). ``cut``: the unit is a 項 that
    goes with the later 項 in ``scope``, the last of its article (Proposal.cuts_last_paragraphs); ``new`` is empty.
    """
    if old == new:
        raise DraftFailure("改正前と改正後が同じです（改め文は不要）")
    if cut and not new:
        return _cut_paragraphs(label, scope or {}, numbering)
    if not new.strip():
        raise DraftFailure("規定全体の削除は自動では起案しません（「第○条を削る」と繰上げは手で起案してください）")
    if not old.strip():
        raise DraftFailure("改正前の本文が空です（規定の追加は自動では起案しません）")
    others = [text for key, text in sorted((scope or {}).items()) if key != label]
    if new == DELETED:
        return _deleted_article(label, numbering, following)
    if balanced(old) and not balanced(new):
        raise DraftFailure("改正後の文のかぎ括弧「」が対応していないため、引用できません（改正案を確かめてください）")

    ops_new, structural = _sentence_change(old, new)
    old_units = units(old)
    new_units = units(ops_new)
    plans: list[UnitPlan] = []
    failure: DraftFailure | None = None
    # 「各号列記以外の部分」 names the part of a 条 or 項 before its 号; an item's 細目 have no such phrase here.
    listed = bool(others) and not _components(label)["item"]
    for qualifier, haystacks in _qualifier_options(old, ops_new, others, structural is None, listed):
        try:
            plans.append(_plan_text(label, numbering, old_units, new_units, qualifier, haystacks, structural))
        except DraftFailure as err:
            failure = failure or err
    if not plans:
        assert failure is not None
        raise failure
    best = plans[0]
    for other in plans[1:]:
        if other.quoted_chars + _QUALIFIER_SAVING < best.quoted_chars:
            best = other
    return best


DELETED = ARTICLE_DELETED


def _deleted_article(label: str, numbering: Literal["kanji", "arabic"], following: str = "") -> UnitPlan:
    """An article whose text becomes 「削除」 (FD規格の条など): 「第10条を次のように改める。」 + 「第10条　削除」.

    法制執務: an article is not removed (that would renumber every later one) but rewritten as 削除, its items with
    it. The new line is the article as numbered within its part: 「附則第2条を次のように改める。」 + 「第2条　削除」.
    Only a whole article of one paragraph (its unit is cited as the article) can be written so here; a paragraph
    or item that goes, or an article of several paragraphs, is drafted by hand.
    """
    parts = _components(label)
    if not parts["article"] or parts["paragraph"] or parts["item"] or parts["sub"]:
        raise DraftFailure(
            "「削除」とする改正は、一つの項からなる条についてだけ起案します（項・号の削除は手で起案してください）"
        )
    body = f"{parts['article']}\u3000{DELETED}"
    return UnitPlan(label, numbering, structural=Structural("article_deleted", body), following=following)


def _cut_paragraphs(label: str, scope: Mapping[str, str], numbering: Literal["kanji", "arabic"]) -> UnitPlan:
    """The last 項 of an article taken out, from ``label`` on: 「第13条第2項から第5項までを削る。」, 「第13条第2項
    及び第3項を削る。」, 「第13条第5項を削る。」 (b.3: 第○条第○項を削る), their items with them.

    法制執務: a 項 is taken out only where no 項 follows it; one in the middle would renumber those after it
    (「第3項を第2項とし」, 繰上げ), which is drafted by hand. The 項 cut are ``label`` and the 項 of its article in
    ``scope``, which must follow it without a gap: the amend stage sets the proposal so only for the last 項.
    """
    parts = _components(label)
    if not parts["article"] or not parts["paragraph"] or parts["item"] or parts["sub"]:
        raise DraftFailure("項を削る改正は、条の項についてだけ起案します")
    first = _paragraph_number(parts["paragraph"])
    later = sorted(
        (_paragraph_number(other["paragraph"]), other["paragraph"])
        for other in map(_components, scope)
        if other["head"] == parts["head"]
        and other["article"] == parts["article"]
        and other["paragraph"]
        and not other["item"]
        and not other["sub"]
    )
    if [number for number, _ in later] != list(range(first + 1, first + 1 + len(later))):
        raise DraftFailure("削る項が続いていません（途中の項を削る改正は手で起案してください）")
    if not later:
        tail = ""
    elif len(later) == 1:
        tail = f"及び{later[0][1]}"
    else:
        tail = f"から{later[-1][1]}まで"
    return UnitPlan(label, numbering, structural=Structural("last_paragraphs_cut", tail))


def _paragraph_number(cited: str) -> int:
    """第3項 / 第三項 / 第３項 → 3."""
    try:
        number, unit = parse_ordinal(cited)
    except ValueError:
        raise DraftFailure(f"項の番号を読めません: {cited}") from None
    if unit != "項" or not number.isdigit():
        raise DraftFailure(f"項の番号を読めません: {cited}")
    return int(number)


def deletion_runs(plans: Sequence[UnitPlan]) -> list[list[UnitPlan]]:
    """Runs of two or more articles rewritten as 削除 one right after the other in the 例規 (each plan's
    ``following`` is the next plan's article), in the order of ``plans``; a plan of anything else ends a run.

    法制執務: consecutive articles that become 削除 are rewritten together, 「第12条及び第13条を次のように
    改める。」 + 「第12条及び第13条　削除」, or for three or more 「第12条から第14条までを次のように改める。」 +
    「第12条から第14条まで　削除」, as the 例規 then prints them (e-Gov's Article Num="12:14")."""
    runs: list[list[UnitPlan]] = []
    current: list[UnitPlan] = []
    for plan in plans:
        deleted = plan.structural is not None and plan.structural.kind == "article_deleted"
        if deleted and current and current[-1].following and current[-1].following == plan.label:
            current.append(plan)
            continue
        if len(current) > 1:
            runs.append(current)
        current = [plan] if deleted else []
    if len(current) > 1:
        runs.append(current)
    return runs


def deleted_together(labels: Sequence[str]) -> str:
    """The citation of consecutive articles deleted together: 「第12条及び第13条」, 「第12条から第14条まで」; the later
    article by its number only (「附則第3条及び第4条」, b.2)."""
    last = _components(labels[-1])["article"]
    if len(labels) == 2:
        return f"{labels[0]}及び{last}"
    return f"{labels[0]}から{last}まで"


def _brackets_close(text: str) -> bool:
    """Every （ and 「 is closed in order: only then do sentence boundaries mean the same to every reader."""
    stack: list[str] = []
    for ch in text:
        if ch in "（「":
            stack.append("）" if ch == "（" else "」")
        elif ch in "）」" and (not stack or stack.pop() != ch):
            return False
    return not stack


def _sentence_change(old: str, new: str) -> tuple[str, Structural | None]:
    """Split off a ただし書 / 後段 added or removed at the end: the text the quoted operations must produce."""
    if not (_brackets_close(old) and _brackets_close(new)):
        return new, None
    old_sentences = split_sentences(old)
    new_sentences = split_sentences(new)
    if len(old_sentences) == 1 and len(new_sentences) == 2 and old.endswith("。") and new_sentences[1].endswith("。"):
        body = new_sentences[1]
        kind: StructuralKind = "add_proviso" if _is_proviso(body) else "add_latter"
        return new_sentences[0], Structural(kind, body)
    if len(old_sentences) == 2 and len(new_sentences) == 1 and new.endswith("。") and old.endswith("。"):
        removed = old_sentences[1]
        kind = "delete_proviso" if _is_proviso(removed) else "delete_latter"
        # The quoted operations run first, on the text that still holds the sentence to be removed.
        return new + removed, Structural(kind)
    return new, None


def _qualifier_options(
    old: str, new: str, others: list[str], sentence_parts: bool, listed: bool
) -> list[tuple[Qualifier, list[str] | None]]:
    """Where quotes may be looked up: the whole provision, or (法制執務) a part of it named in the location."""
    options: list[tuple[Qualifier, list[str] | None]] = [("", others)]
    if listed:
        # 「第3条第2項各号列記以外の部分中」: the paragraph's own text, without its items.
        options.append(("各号列記以外の部分", []))
    sentences = split_sentences(old)
    sentence_parts = sentence_parts and _brackets_close(old) and _brackets_close(new)
    if sentence_parts and len(sentences) >= 2 and _is_proviso(sentences[-1]):
        proviso = sentences[-1]
        main = old[: len(old) - len(proviso)]
        if new.endswith(proviso) and new != proviso:
            options.append(("本文", None))
        elif new.startswith(main):
            options.append(("ただし書", None))
    return options


def _plan_text(
    label: str,
    numbering: Literal["kanji", "arabic"],
    old_units: Units,
    new_units: Units,
    qualifier: Qualifier,
    haystacks: list[str] | None,
    structural: Structural | None,
) -> UnitPlan:
    old, new = old_units.text, new_units.text
    if qualifier in ("本文", "ただし書"):
        proviso = split_sentences(old)[-1]
        cut = len(old) - len(proviso)
        new_cut = len(new) - len(proviso) if qualifier == "本文" else cut
        region = (0, cut, 0, new_cut) if qualifier == "本文" else (cut, len(old), new_cut, len(new))
        ops, quoted = _text_ops(old_units, new_units, [], region)
    else:
        ops, quoted = _text_ops(old_units, new_units, haystacks or [], (0, len(old), 0, len(new)))
    return UnitPlan(label, numbering, tuple(ops), qualifier, structural, quoted)


def _text_ops(
    old_units: Units, new_units: Units, others: list[str], region: tuple[int, int, int, int]
) -> tuple[list[Op], int]:
    """The quoted operations that turn ``old`` into ``new``, front to back, each quote unique where it applies.

    ``region`` (old_start, old_end, new_start, new_end) limits quotes to a part of the provision (its 本文 or
    ただし書): outside it the texts must be equal, and uniqueness is judged inside it only.
    """
    old, new = old_units.text, new_units.text
    r_old_start, r_old_end, r_new_start, r_new_end = region
    if old[:r_old_start] != new[:r_new_start] or old[r_old_end:] != new[r_new_end:]:
        raise DraftFailure("改正部分が指定した部分（本文／ただし書）の外にあります")
    pending = [
        Edit(e.old_start + r_old_start, e.old_end + r_old_start, e.new_start + r_new_start, e.new_end + r_new_start)
        for e in diff(old[r_old_start:r_old_end], new[r_new_start:r_new_end])
    ]
    if not pending:
        return [], 0
    pending = _place(pending, old_units, new_units, r_old_start, r_old_end)

    done: list[tuple[Op, Span]] = []
    i = 0
    while i < len(pending):
        edit = pending[i]
        lower = done[-1][1].old_end if done else r_old_start
        upper = pending[i + 1].old_start if i + 1 < len(pending) else r_old_end
        last = done[-1][1] if done else None

        def is_unique(quote: str, _start: int, last: Span | None = last) -> bool:
            # Unique in the text the drafter quotes (the provision before amendment) and, so that no reading
            # of the sentence can go wrong, also in the text with the earlier operations already made.
            if count_occurrences([old[r_old_start:r_old_end], *others], quote) != 1:
                return False
            if last is None:
                return True
            state = new[r_new_start : last.new_end] + old[last.old_end : r_old_end]
            return count_occurrences([state, *others], quote) == 1

        result = _quote_edit(edit, old_units, new_units, lower, upper, is_unique)
        if result is not None:
            done.append(result)
            i += 1
            continue
        # No quotable span between the neighbours: take the next change (or the previous one) along.
        if i + 1 < len(pending):
            pending[i : i + 2] = [merge(edit, pending[i + 1])]
        elif done:
            _, span = done.pop()
            i -= 1
            pending[i : i + 2] = [merge(Edit(span.old_start, span.old_end, span.new_start, span.new_end), edit)]
        else:
            raise DraftFailure(f"引用できる一意の字句が見つかりません（「{old[edit.old_start : edit.old_end]}」付近）")
    ops = [op for op, _ in done]
    quoted = sum(len(op.old) + len(op.new) for op in ops)
    return ops, quoted


def _place(pending: list[Edit], old_units: Units, new_units: Units, lower: int, upper: int) -> list[Edit]:
    """Move each pure insertion / deletion to the equivalent place a drafter would quote (b.5)."""
    old, new = old_units.text, new_units.text
    placed: list[Edit] = []
    for i, edit in enumerate(pending):
        low = placed[-1].old_end if placed else lower
        high = pending[i + 1].old_start if i + 1 < len(pending) else upper

        def score(e: Edit) -> tuple:
            if e.kind == "insert":
                text = new[e.new_start : e.new_end]
                whole = old_units.is_bound(e.old_start) and valid_insertion(new_units, e.new_start, e.new_end)
                addable = whole and e.old_start > 0 and not splits_predicate(old_units, e.old_start)
                return (whole, addable, text[0] in "、，", e.old_start < len(old))
            text = old[e.old_start : e.old_end]
            whole = valid_span(old_units, e.old_start, e.old_end) and new_units.is_bound(e.new_start)
            return (whole, False, text[0] in "、，", True)

        placed.append(best_placement(edit, old, new, low, high, score))
    return placed


def _quote_edit(edit: Edit, old_units: Units, new_units: Units, lower: int, upper: int, is_unique):
    """The operation for one change: 加え where the insertion stands apart, else 改め / 削り on a unique unit."""
    old, new = old_units.text, new_units.text
    if (
        edit.kind == "insert"
        and edit.old_start > 0
        and old_units.is_bound(edit.old_start)
        and valid_insertion(new_units, edit.new_start, edit.new_end)
        and not splits_predicate(old_units, edit.old_start)
    ):
        anchor = widen_anchor(old_units, edit.old_start, lower=lower, is_unique=is_unique)
        if anchor is not None:
            span = Span(anchor, edit.old_start, edit.new_start - (edit.old_start - anchor), edit.new_end)
            return Op("加え", old[anchor : edit.old_start], new[edit.new_start : edit.new_end]), span
    span = widen_replacement(
        old_units,
        new_units,
        Span(edit.old_start, edit.old_end, edit.new_start, edit.new_end),
        lower=lower,
        upper=upper,
        is_unique=is_unique,
    )
    if span is None:
        return None
    quoted_old = old[span.old_start : span.old_end]
    quoted_new = new[span.new_start : span.new_end]
    if not quoted_new:
        return Op("削り", quoted_old), span
    return Op("改め", quoted_old, quoted_new), span


# --- rendering -------------------------------------------------------------------------------------------

_NUM = r"[0-9０-９〇一二三四五六七八九十百千万億]+"
_LABEL = re.compile(
    rf"^(?P<head>[附付]則(?:（[^）]*）)?|別表(?:第{_NUM}(?:の{_NUM})*)?)?"
    rf"(?P<article>第{_NUM}条(?:[のノ]{_NUM})*)?"
    rf"(?P<paragraph>第{_NUM}項)?"
    rf"(?P<item>第{_NUM}号(?:[のノ]{_NUM})*)?"
    r"(?P<sub>.*)$"
)
_LEVELS = ("article", "paragraph", "item", "sub")
_SAME = {"article": "同条", "paragraph": "同項", "item": "同号", "sub": "同号"}


def _components(label: str) -> dict[str, str]:
    match = _LABEL.match(label)
    assert match is not None  # the pattern accepts any string
    return {key: value or "" for key, value in match.groupdict().items()}


def _same_article(a: str, b: str) -> bool:
    first, second = _components(a), _components(b)
    return bool(first["article"]) and first["head"] == second["head"] and first["article"] == second["article"]


def _cite(previous: str | None, label: str) -> str:
    """The citation of ``label`` after ``previous`` in the same sentence: 同条第2項, 同項第1号, 同号イ (b.2)."""
    if previous == label:
        current = _components(label)
        for level in ("item", "paragraph", "article"):
            if current[level]:
                return _SAME[level] + (current["sub"] if level == "item" else "")
        return label
    if previous is None or not _same_article(previous, label):
        return label
    before, current = _components(previous), _components(label)
    deepest = "article"
    for level in _LEVELS[1:]:
        if before[level] != current[level]:
            break
        if current[level]:
            deepest = level
    if deepest == "sub":
        deepest = "item"
    rest_levels = _LEVELS[_LEVELS.index(deepest) + 1 :]
    return _SAME[deepest] + "".join(current[level] for level in rest_levels)


def _quotes(texts: Sequence[str]) -> str:
    """「A」 / 「A」及び「B」 / 「A」、「B」及び「C」."""
    quoted = [f"「{t}」" for t in texts]
    if len(quoted) == 1:
        return quoted[0]
    return "、".join(quoted[:-1]) + "及び" + quoted[-1]


def _group_phrases(ops: Sequence[Op], numbering: str) -> list[tuple[str, OpKind]]:
    """Runs of the same kind as phrases without their verb: [(「A」を「B」に、「C」を「D」に, 改め), …]."""
    groups: list[list[Op]] = []
    for op in ops:
        if groups and groups[-1][0].kind == op.kind:
            groups[-1].append(op)
        else:
            groups.append([op])
    phrases: list[tuple[str, OpKind]] = []
    after = "の下に" if numbering == "kanji" else "の次に"  # b.3: 縦書き 下に, 横書き 例規 次に
    for group in groups:
        kind = group[0].kind
        if kind == "削り":
            phrases.append((_quotes([op.old for op in group]) + "を", kind))
        elif kind == "加え":
            phrases.append(("、".join(f"「{op.old}」{after}「{op.new}」を" for op in group), kind))
        else:
            # Consecutive replacements by the same text share it: 「A」及び「C」を「B」に.
            runs: list[list[Op]] = []
            for op in group:
                if runs and runs[-1][-1].new == op.new:
                    runs[-1].append(op)
                else:
                    runs.append([op])
            phrases.append(("、".join(_quotes([op.old for op in run]) + f"を「{run[0].new}」に" for run in runs), kind))
    return phrases


@dataclass
class _Clause:
    text: str
    verb: OpKind | None  # None: a clause that carries its own final wording (次のように加える)
    body: str = ""


def _unit_clauses(plan: UnitPlan, citation: str) -> list[_Clause]:
    clauses: list[_Clause] = []
    location = citation + plan.qualifier + "中"
    for n, (phrase, kind) in enumerate(_group_phrases(plan.ops, plan.numbering)):
        clauses.append(_Clause((location if n == 0 else "") + phrase, kind))
    if plan.structural is not None:
        again = _cite(plan.label, plan.label) if clauses else citation
        kind = plan.structural.kind
        if kind == "add_proviso":
            clauses.append(_Clause(f"{again}に次のただし書を加える", None, plan.structural.body))
        elif kind == "add_latter":
            clauses.append(_Clause(f"{again}に後段として次のように加える", None, plan.structural.body))
        elif kind == "article_deleted":
            # The new article line stands at the article's own place, without the sentence's indent.
            clauses.append(_Clause(f"{again}を次のように改める", None, plan.structural.body))
        elif kind == "last_paragraphs_cut":
            # b.3 第○条第○項を削る; the later 項 by their own number only (b.2: 「同条第2項から第5項まで」).
            clauses.append(_Clause(f"{again}{plan.structural.body}を", "削り"))
        elif kind == "delete_proviso":
            clauses.append(_Clause(f"{again}ただし書を", "削り"))
        else:
            clauses.append(_Clause(f"{again}後段を", "削り"))
    return clauses


def render(plans: Sequence[UnitPlan]) -> list[str]:
    """The 改め文 for ``plans`` (units of one 例規, in document order): one sentence per article (b.4).

    Articles in a row that each need the very same change (and nothing else) share one sentence, the locations
    listed (b.2: 「第3条、第25条及び第27条中「掲示し」を…に改める。」); so do paragraphs of an article, or items of
    a paragraph, in a row (one clause: 「第15条第1項及び第2項中…」). A sentence that adds a sentence
    (「次のただし書を加える。」) is followed by that sentence on its own line, indented by one full-width space.
    """
    plans = _captions_included(plans)
    sentences: list[str] = []
    clauses: list[_Clause] = []
    previous: str | None = None

    def close() -> None:
        if not clauses:
            return
        parts = []
        for n, clause in enumerate(clauses):
            last = n == len(clauses) - 1
            if clause.verb is None:
                parts.append(clause.text)
            else:
                parts.append(clause.text + _VERB[clause.verb][1 if last else 0])
        sentence = "、".join(parts) + "。"
        if clauses[-1].body:
            sentence += "\n\u3000" + clauses[-1].body
        sentences.append(sentence)
        clauses.clear()

    for kind, run in _runs(plans):
        if kind == "deleted":
            close()
            previous = None
            # Written as one article's 削除 is (_unit_clauses), the run cited where the article would be.
            cited = deleted_together([plan.label for plan in run])
            numbers = deleted_together([_components(plan.label)["article"] for plan in run])
            clauses.append(_Clause(f"{cited}を次のように改める", None, f"{numbers}\u3000{DELETED}"))
            close()
            continue
        if kind == "articles":
            close()
            previous = None
            clauses.extend(_unit_clauses(run[0], _listed([plan.label for plan in run])))
            close()
            continue
        plan = run[0]
        if previous is not None and not _same_article(previous, plan.label):
            close()
            previous = None
        citation = _cite(previous, plan.label)
        if kind == "siblings":
            # 「第3条第1項及び第2項中」, 「同条第3号及び第4号中」: the later ones by their own number only (b.2).
            level = "item" if _components(plan.label)["item"] else "paragraph"
            citation = _listed([citation, *(_components(p.label)[level] for p in run[1:])])
        clauses.extend(_unit_clauses(plan, citation))
        previous = run[-1].label
        if clauses and clauses[-1].verb is None:
            # 「次のように加える」 ends the sentence; what follows starts afresh with the full citation.
            close()
            previous = None
    close()
    return sentences


def _captions_included(plans: Sequence[UnitPlan]) -> list[UnitPlan]:
    """A 見出し's plan and that of its article's text as one plan cited 「第3条（見出しを含む。）」, where the article
    is one unit (a single 項, cited as the article) and both take the very same operations (b.2). Each quote is then
    once in the 見出し and once in the text, as each plan was drawn to be unique in its own."""
    out: list[UnitPlan] = []
    i = 0
    while i < len(plans):
        plan = plans[i]
        body = plans[i + 1] if i + 1 < len(plans) else None
        if (
            body is not None
            and plan.label == body.label + "の見出し"
            and _whole_article(body.label)
            and plan.ops
            and plan.ops == body.ops
            and plan.numbering == body.numbering
            and not (plan.qualifier or body.qualifier or plan.structural or body.structural)
        ):
            out.append(replace(body, qualifier=WITH_CAPTION, quoted_chars=plan.quoted_chars + body.quoted_chars))
            i += 2
            continue
        out.append(plan)
        i += 1
    return out


def _whole_article(label: str) -> bool:
    """Whether ``label`` cites an article as a whole (第3条, 附則第2条), not one of its 項 or 号."""
    parts = _components(label)
    return bool(parts["article"]) and not (parts["paragraph"] or parts["item"] or parts["sub"])


RunKind = Literal["single", "articles", "siblings", "deleted"]


def _runs(plans: Sequence[UnitPlan]) -> list[tuple[RunKind, list[UnitPlan]]]:
    """Plans one by one, except runs that each need the very same quoted operations (and nothing else):

    - ``articles``: consecutive articles that each hold one unit (「第3条、第25条及び第27条中」);
    - ``siblings``: consecutive paragraphs of one article, or items of one paragraph (法制執務: 「第四十二条第一項
      及び第二項中「A」を「B」に改める」, 「同条第三号及び第四号中」 in real 改め文).
    """
    runs: list[tuple[RunKind, list[UnitPlan]]] = []
    together = {id(plan): run for run in deletion_runs(plans) for plan in run}
    for i, plan in enumerate(plans):
        if id(plan) in together:
            run = together[id(plan)]
            if plan is run[0]:
                runs.append(("deleted", run))
            continue
        kind = _run_kind(plans, i)
        if kind != "single" and runs and runs[-1][0] == kind:
            last = runs[-1][1][-1]
            same = last.ops == plan.ops and last.numbering == plan.numbering
            if same and (kind == "articles" or _siblings(last.label, plan.label)):
                runs[-1][1].append(plan)
                continue
        runs.append((kind, [plan]))
    return [(kind if len(run) > 1 or kind == "deleted" else "single", run) for kind, run in runs]


def _run_kind(plans: Sequence[UnitPlan], i: int) -> RunKind:
    plan = plans[i]
    if not plan.ops or plan.qualifier or plan.structural is not None:
        return "single"
    alone = (i == 0 or not _same_article(plans[i - 1].label, plan.label)) and (
        i + 1 == len(plans) or not _same_article(plans[i + 1].label, plan.label)
    )
    parts = _components(plan.label)
    if alone and parts["article"]:
        return "articles"
    if not parts["sub"] and (parts["item"] or parts["paragraph"]):
        return "siblings"
    return "single"


def _siblings(a: str, b: str) -> bool:
    """Two paragraphs of one article (or of an article-less 附則), or two items of one paragraph; no 細目.

    Mixed levels (「同条第十一項第一号及び第三号並びに第十二項中」) are not written: each level is its own run.
    """
    first, second = _components(a), _components(b)
    if first["head"] != second["head"] or first["article"] != second["article"] or first["sub"] or second["sub"]:
        return False
    if first["item"] and second["item"]:
        return first["paragraph"] == second["paragraph"] and first["item"] != second["item"]
    return not first["item"] and not second["item"] and first["paragraph"] != second["paragraph"]


def _listed(citations: Sequence[str]) -> str:
    """「A及びB」 / 「A、B及びC」: locations that share the operations (b.2)."""
    return "、".join(citations[:-1]) + "及び" + citations[-1]


def caption_label(label: str) -> str:
    """The citation of the 見出し of the article holding ``label`` (第3条第2項 → 第3条の見出し); "" outside articles."""
    parts = _components(label)
    return parts["head"] + parts["article"] + "の見出し" if parts["article"] else ""


def generate(
    label: str,
    old: str,
    new: str,
    scope: Mapping[str, str] | None = None,
    numbering: Literal["kanji", "arabic"] = "arabic",
    caption: tuple[str, str] | None = None,
    *,
    cut: bool = False,
) -> str:
    """The 改め文 of one provision unit; raises :class:`DraftFailure` with the reason when none can be written.

    ``caption`` (the article's 見出し before, after) amends the 見出し too, first (b.4: front to back):
    「第3条の見出し中「A」を「B」に改め、同条第2項中…」. ``cut``: see :func:`plan_unit`.
    """
    plans = [plan_unit(label, old, new, scope, numbering, cut=cut)]
    if caption is not None and caption[0] != caption[1]:
        heading = caption_label(label)
        if not heading:
            raise DraftFailure("見出しを改める規定が条ではありません")
        plans.insert(0, plan_unit(heading, caption[0], caption[1], None, numbering))
    return "\n".join(render(plans))
