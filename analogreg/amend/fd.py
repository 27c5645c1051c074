"""FD等: named media (フレキシブルディスク, 磁気ディスク, シー・ディー・ロム …) become 電磁的記録媒体.

Following the 2023 METI 一括省令 (媒体名を「電磁的記録媒体」等の抽象的な規定に改める), a run of media joined by
又は / 若しくは / 及び / 、 — with a following 「（これに準ずる方法により…物を含む。）」 or 「その他の記録媒体」 —
becomes one 電磁的記録媒体. 法制執務: a defined term carries its definition at its first use in the ordinance,
closed by 「以下同じ。」, and is bare everywhere after; so the caller says whether an earlier unit of the same
ordinance already carries it. A medium inside a compound (フレキシブルディスク提出書) or a quoted defined term
(「フレキシブルディスク等」) is renamed bare, so the ordinance's own terms follow the new one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from analogreg.amend.insert import Edit, Outcome, Unit
from analogreg.ruleset.templates import MediumTemplate

# What may follow a medium name inside a compound noun: kanji or katakana, but not a connective.
_CONTINUES = re.compile(r"(?!又は|及び|並びに|若しくは|その他|以外|以下)[\u4e00-\u9fff\u30a1-\u30fa\u30fc]")


def _compiled(template: MediumTemplate) -> tuple[re.Pattern[str], tuple[re.Pattern[str], ...]]:
    names = "|".join(re.escape(m) for m in sorted(template.media, key=len, reverse=True))
    joiners = "|".join(re.escape(j) for j in sorted(template.joiners, key=len, reverse=True))
    # A name that goes on into a compound (フレキシブルディスク提出票) does not join the run before it: in
    # 「フレキシブルディスク並びにフレキシブルディスク提出票の正本」 the medium itself and the form are two things
    # to submit, and one run would rename both as the form (「電磁的記録媒体提出票の正本」), losing the medium.
    # A 等 after the last name still closes the whole run (「光ディスク又は磁気ディスク等」 is one defined term).
    # re caches compiled patterns, so building them per call costs nothing after the first.
    run = re.compile(rf"(?:{names})(?:(?:{joiners})(?:{names})(?!(?!等){_CONTINUES.pattern}))*")
    return run, tuple(re.compile(a) for a in template.absorb)


def media_runs(template: MediumTemplate, text: str) -> list[re.Match[str]]:
    """Every run of media names in ``text``."""
    return list(_compiled(template)[0].finditer(text))


def defines_term(template: MediumTemplate, text: str) -> bool:
    """Whether ``text`` already defines the term (電磁的記録媒体（…をいう。…）)."""
    return re.search(template.defined_pattern, text) is not None


def defines_record(template: MediumTemplate, texts: Iterable[str]) -> bool:
    """Whether 電磁的記録 is defined in these texts, so that the short definition suffices."""
    return any(re.search(template.record_defined_pattern, t) for t in texts)


def defined_media_terms(template: MediumTemplate, text: str) -> set[str]:
    """The terms this text defines that hold a medium name: 「フレキシブルディスク等」 in （以下「…」という。）."""
    terms = set()
    for match in re.finditer(r"「([^「」]+)」という", text):
        if media_runs(template, match.group(1)):
            terms.add(match.group(1))
    return terms


def renamed_caption(template: MediumTemplate, caption: str) -> str:
    """The article's 見出し with every medium renamed to the bare term, or "" when it names none.

    法制執務: a 見出し states what its article is about, so when the article's media become 電磁的記録媒体 the 見出し
    follows (「第三十三条の見出し中「フレキシブルディスク」を「電磁的記録媒体」に改め、同条中…」); the definition
    goes to the article's text, never to a 見出し.
    """
    runs = media_runs(template, caption)
    if not runs:
        return ""
    out, last = [], 0
    for run in runs:
        out += [caption[last : run.start()], template.term]
        last = run.end()
    return "".join(out) + caption[last:]


@dataclass
class FdState:
    """What the ordinance says before the unit at hand, once the units before it are amended."""

    defined: bool = False  # 電磁的記録媒体 is defined (by the ordinance, or by an earlier amended unit)
    record_defined: bool = False  # 電磁的記録 is defined before this unit: the short definition suffices
    renamed_terms: frozenset[str] = frozenset()  # terms like 「磁気ディスク等」 whose definition was renamed


def _standalone(text: str, start: int, end: int) -> bool:
    return not _quoted(text, start) and _CONTINUES.match(text, end) is None


def _quoted(text: str, start: int) -> bool:
    return text.count("「", 0, start) > text.count("」", 0, start)


def apply_medium(template: MediumTemplate, unit: Unit, state: FdState) -> Outcome:
    """Replace every run of media in the unit, or none: a unit renamed in part would mix old and new terms.

    A standalone run becomes the term (with the definition at the first one, if none came before); a run inside
    a defined term follows that term's definition (renamed here, or in an earlier unit); a form's name
    (…提出書, …提出票) is renamed and the form is flagged. Anything else is left to a drafter, with the reason.
    """
    text = unit.text
    run_re, absorb = _compiled(template)
    runs = list(run_re.finditer(text))
    if not runs:
        return Outcome("not_applicable")
    edits: list[Edit] = []
    reasons: list[str] = []
    remarks: list[str] = []
    defined = state.defined or defines_term(template, text)
    used_definition = False
    here = defined_media_terms(template, text)
    for run in runs:
        start, end = run.span()
        if edits and start < edits[-1].end:
            continue  # inside what the previous run absorbed
        if _quoted(text, start):
            quote_start = text.rfind("「", 0, start) + 1
            quote_end = text.find("」", end)
            term = text[quote_start:quote_end]
            if term not in here:
                reasons.append(
                    f"「{term}」は他の規定の字句を引用しており（読替え等）、引用先に合わせて改める必要がある"
                )
            edits.append(Edit(start, end, template.term))
            continue
        continuation = _CONTINUES.match(text, end)
        if continuation is not None:
            word = re.match(r"[\u4e00-\u9fff\u30a1-\u30fa\u30fc]+", text[end:])
            compound = text[start:end] + (word.group(0) if word else "")
            if compound.startswith(text[start:end] + "等"):
                term = text[start:end] + "等"
                if term not in here and term not in state.renamed_terms:
                    reasons.append(f"定義語「{term}」の定義規定が改正されておらず、ここだけ改めると用語が食い違う")
            elif re.match(r"提出(書|票)|送付書", text[end:]):
                remarks.append(f"様式の名称（{compound}）を改めたので、様式も改めること")
            else:
                reasons.append(f"媒体名を含む複合語「{compound}」であり、定型で改められない")
            edits.append(Edit(start, end, template.term))
            continue
        for pattern in absorb:
            extra = pattern.match(text, end)
            if extra:
                end = extra.end()
                break
        rest = text[end:]
        if rest.startswith(("（これに準ずる", "(これに準ずる")):
            reasons.append(
                f"「{text[start:end]}」の括弧書きが定義語（以下「…」という。）を含み、媒体名と一体で改めると"
                "定義語が失われるため、個別に起案する必要がある"
            )
            continue
        if rest.startswith("その他"):
            reasons.append(
                f"「{text[start:end]}{rest[:12]}…」は媒体を例示して他の媒体を委任しており、"
                "委任先（規則・様式）と合わせて改める必要がある"
            )
            continue
        new = template.term
        if not defined:
            if rest.startswith(("（", "(")):
                reasons.append(f"「{text[start:end]}」の直後に括弧書きがあり、電磁的記録媒体の定義を置けない")
                continue
            definition = template.short_definition if state.record_defined else template.definition
            new = unit.styled(f"{template.term}（{definition}）")
            defined = used_definition = True
        edits.append(Edit(start, end, new))
    if not defined and not reasons:
        reasons.append("電磁的記録媒体の定義を置く規定（初出）が改正されておらず、定義語だけを改めることになる")
    if reasons or not edits:
        return Outcome("not_applicable", reasons=reasons)
    if used_definition:
        remarks.insert(0, "この規定が改正後の電磁的記録媒体の初出となるため、ここに定義を置いた")
    return Outcome("amended", edits, remarks=remarks, used_definition=used_definition, defined_terms=sorted(here))
