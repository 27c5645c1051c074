"""Groups of near-identical clauses (堺市's step 3: group similar clauses, decide one amendment per group).

Two findings share a group when they carry the same categories and matched wording and the sentences that hold
the match read the same once what varies from law to law is masked: numbers, 条項 references, quoted and
parenthesised definitions, law kinds and the names of authorities. Masked sentences are compared with rapidfuzz
(Indel ratio) inside blocks of the same categories and wording; each group has a representative wording (its
most common one) and every member reaches the threshold against it, so a group cannot drift by small steps
from one duty to another. The representatives are chosen in a fixed order, not in input order.

A group's id is a hash of its block and its representative's masked wording: the same on every run, and
unchanged when files whose findings join no existing group are added to a scan.
"""

from __future__ import annotations

import hashlib
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import accumulate

from rapidfuzz import fuzz, process

from analogreg.records import Finding

# Masked keys of the same block at or above this Indel ratio (0–100) are the same wording. Measured on real
# clauses: the 指定試験機関 inspections of 理容師法 and 消防法 score 93, the premises inspections of 興行場法 and
# 公衆浴場法 86, the 認定証 posting of 警備業法 and 自動車運転代行業法 97; an inspection of a 指定試験機関 against
# one of a 理容所 scores 46.
DEFAULT_THRESHOLD = 85.0

_DIGITS = "0-9０-９〇一二三四五六七八九十百千万"
_NUM = f"[{_DIGITS}]+"
# 条項 references: 第七十七条の二十八第二項第一号, 別表第一, 附則第三条 (付則第三条) and the relative ones.
_REF = re.compile(
    rf"(?:[附付]則)?(?:別表)?(?:第{_NUM}(?:[条項号]|編|章|節|款|目)?(?:の{_NUM})*)+"
    r"|前各[項号]|前[条項号]|次[条項号]|同[条項号]|本[条項号]|各号"
)
_NUMBER = re.compile(_NUM)
# Quoted terms (定義語) and parentheses, innermost first, so that nested ones collapse one level per pass.
_QUOTED = re.compile(r"「[^「」]*」")
_PAREN = re.compile(r"（[^（）]*）|\([^()]*\)")
# Who acts differs from law to law while the duty stays the same: 厚生労働大臣 / 総務大臣 / 都道府県知事 / 市長.
_AUTHORITY = re.compile(
    r"(?:都道府県|市町村|特別区)?(?:知事|市長|町長|村長|区長)|市町村長"
    r"|[\u4e00-\u9fff]{0,8}(?:大臣|長官|委員会)"
)
# The topic that opens a sentence is who bears the duty (警備業者は、/ 自動車運転代行業者は、), not the duty.
# Parentheses are already masked to （） here: 「登録講習機関（）は、」 is a topic too.
# A condition (…場合は、/ …ときは、) is not a topic.
_TOPIC = re.compile(r"(?:^|(?<=。))(?:[^、。（）「」]|（）){1,40}?(?<!場合)(?<!とき)は、")
# この法律 / この条例 / 同法 / 施行規則: the kind of instrument is not part of the duty.
_INSTRUMENT = re.compile(r"法律|政令|省令|府令|条例|規則|規程|要綱")
_SPACE = re.compile(r"\s+")
_OPEN, _CLOSE = "（(「『", "）)」』"


def mask(text: str) -> str:
    """The wording with what varies between laws masked: references, numbers, definitions, authorities."""
    out = _SPACE.sub("", text)
    # Innermost first, each replaced by a private-use mark so that the enclosing one matches on the next pass.
    for pattern, mark, repl in ((_PAREN, "\ue000", "（）"), (_QUOTED, "\ue001", "「」")):
        previous = None
        while previous != out:
            previous, out = out, pattern.sub(mark, out)
        out = out.replace(mark, repl)
    out = _REF.sub("§", out)
    out = _NUMBER.sub("〇", out)
    out = _AUTHORITY.sub("Ｎ", out)
    out = _TOPIC.sub("Ｎは、", out)
    return _INSTRUMENT.sub("法令", out)


def wording_key(text: str, spans: Sequence[Sequence[int]]) -> str:
    """The masked sentences of ``text`` that hold a matched span: what decides the amendment of a clause.

    A long paragraph often carries one analog duty among several unrelated sentences; comparing only the
    sentences that hold the match keeps unrelated wording from separating clauses with the same duty.
    """
    # Spans sorted by start with the furthest end reached so far: a sentence's test is a bisection, not a
    # pass over every span (a pasted article with thousands of duties made this quadratic).
    ordered = sorted((s, e) for s, e in spans)
    starts = [s for s, _ in ordered]
    reach = list(accumulate((e for _, e in ordered), max))
    held = [text[a:b] for a, b in _sentence_spans(text) if _overlaps(a, b, starts, reach)] if spans else []
    return mask("".join(held) if held else text)


def _overlaps(a: int, b: int, starts: Sequence[int], reach: Sequence[int]) -> bool:
    """Whether a span starting before ``b`` reaches past ``a``: the sentence [a, b) holds part of a match."""
    before = bisect_left(starts, b)
    return before > 0 and reach[before - 1] > a


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences end at a 。 outside brackets: 「（…に限る。）」 inside a sentence does not end it."""
    out: list[tuple[int, int]] = []
    depth = start = 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch == "。" and depth == 0:
            out.append((start, i + 1))
            start = i + 1
    if start < len(text):
        out.append((start, len(text)))
    return out


def block_of(categories: Sequence[str], matched: Sequence[str]) -> str:
    """Findings are only compared inside a block: the same categories and the same (masked) matched wording."""
    words = sorted({mask(m) for m in matched})
    return "\x1f".join(sorted(categories)) + "\x1e" + "\x1f".join(words)


def cluster(items: Sequence[tuple[str, str]], *, threshold: float = DEFAULT_THRESHOLD) -> list[str]:
    """Group ids for ``(block, key)`` pairs: near-identical keys of a block share their representative's id."""
    by_block: dict[str, Counter[str]] = defaultdict(Counter)
    for block, key in items:
        by_block[block][key] += 1
    group_of: dict[tuple[str, str], str] = {}
    for block, counts in by_block.items():
        for key, leader in _leaders(counts, threshold).items():
            group_of[(block, key)] = _group_id(block, leader)
    return [group_of[item] for item in items]


def assign_groups(findings: Sequence[Finding], *, threshold: float = DEFAULT_THRESHOLD) -> None:
    """Set ``group`` on every finding (in place)."""
    items = [(block_of(f.categories, f.matched), wording_key(f.text, f.spans)) for f in findings]
    for finding, gid in zip(findings, cluster(items, threshold=threshold), strict=True):
        finding.group = gid


def _group_id(block: str, key: str) -> str:
    digest = hashlib.sha256(f"{block}\x1d{key}".encode()).hexdigest()
    return "G" + digest[:10]


def _leaders(counts: Counter[str], threshold: float) -> dict[str, str]:
    """Each key → its group's representative: the most common wording first, every member within ``threshold``.

    Representatives are taken in a fixed order (most findings, then shortest, then by text); each other key joins
    the most similar representative it reaches, or becomes one. Unlike connected components, this never chains
    a group through a series of small differences: every member reads close to the representative.
    """
    order = sorted(counts, key=lambda k: (-counts[k], len(k), k))
    if len(order) == 1:
        return {order[0]: order[0]}
    # A key can only reach the threshold against keys whose length lies within what the Indel ratio allows:
    # 2·min/(a+b) ≥ t  ⇔  a·t/(2−t) ≤ b ≤ a·(2−t)/t. Representatives are kept sorted by length for that window.
    t = threshold / 100.0
    shrink, stretch = t / (2.0 - t), (2.0 - t) / t
    rep_lengths: list[int] = []
    reps: list[str] = []
    leader: dict[str, str] = {}
    for key in order:
        n = len(key)
        lo = bisect_left(rep_lengths, math.ceil(n * shrink))
        hi = bisect_right(rep_lengths, math.floor(n * stretch))
        best = process.extractOne(key, reps[lo:hi], scorer=fuzz.ratio, score_cutoff=threshold) if hi > lo else None
        if best is not None:
            leader[key] = best[0]
            continue
        leader[key] = key
        at = bisect_right(rep_lengths, n)
        rep_lengths.insert(at, n)
        reps.insert(at, key)
    return leader
