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

from analogreg.amend.insert import Edit, Outcome, Unit
from analogreg.ruleset.templates import MediumTemplate

# What may follow a medium name inside a compound noun: kanji or katakana, but not a connective.
_CONTINUES = re.compile(r"(?!又は|及び|並びに|若しくは|その他|以外|以下)[\u4e00-\u9fff\u30a1-\u30fa\u30fc]")


def _compiled(template: MediumTemplate) -> tuple[re.Pattern[str], tuple[re.Pattern[str], ...]]:
    names = "|".join(re.escape(m) for m in sorted(template.media, key=len, reverse=True))
    joiners = "|".join(re.escape(j) for j in sorted(template.joiners, key=len, reverse=True))
    # re caches compiled patterns, so building them per call costs nothing after the first.
    run = re.compile(rf"(?:{names})(?:(?:{joiners})(?:{names}))*")
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


def needs_definition_here(template: MediumTemplate, text: str) -> bool:
    """Whether a unit with this text would carry the definition (it has a medium outside compounds and quotes)."""
    return any(_standalone(text, m.start(), m.end()) for m in media_runs(template, text))


def _standalone(text: str, start: int, end: int) -> bool:
    quoted = text.count("「", 0, start) > text.count("」", 0, start)
    compound = _CONTINUES.match(text, end) is not None
    return not quoted and not compound


def apply_medium(template: MediumTemplate, unit: Unit, *, defined_earlier: bool, record_defined: bool) -> Outcome:
    """Replace every run of media in the unit; the first standalone one carries the definition if none came before."""
    text = unit.text
    run_re, absorb = _compiled(template)
    runs = list(run_re.finditer(text))
    if not runs:
        return Outcome("not_applicable")
    edits: list[Edit] = []
    reasons: list[str] = []
    defined = defined_earlier or defines_term(template, text)
    used_definition = False
    for run in runs:
        start, end = run.span()
        standalone = _standalone(text, start, end)
        for pattern in absorb:
            extra = pattern.match(text, end)
            if extra:
                end = extra.end()
                break
        rest = text[end:]
        if standalone and rest.startswith("その他"):
            reasons.append(
                f"「{text[start:end]}{rest[:12]}…」は媒体を例示して他の媒体を委任しており、"
                "委任先（規則・様式）と合わせて改める必要がある"
            )
            continue
        new = template.term
        if standalone and not defined:
            if rest.startswith("（"):
                reasons.append(f"「{text[start:end]}」の直後に括弧書きがあり、電磁的記録媒体の定義を置けない")
                continue
            definition = template.short_definition if record_defined else template.definition
            new = f"{template.term}（{definition}）"
            defined = used_definition = True
        edits.append(Edit(start, end, new))
    if reasons or not edits:
        # A unit is renamed whole or not at all: renaming the quoted 「フレキシブルディスク等」 while a medium
        # it stands for stays would leave the ordinance's terms inconsistent.
        return Outcome("not_applicable", reasons=reasons)
    return Outcome("amended", edits, used_definition=used_definition)
