"""Groups of near-identical clauses (堺市's step 3: group similar clauses, decide one amendment per group).

Two findings share a group when they carry the same categories and matched wording and the sentences that hold
the match read the same once what varies from law to law is masked: numbers, 条項 references, quoted and
parenthesised definitions, law kinds and the names of authorities. Masked sentences are compared with rapidfuzz
(Indel ratio) inside blocks of the same categories and wording; groups are the connected components of the
pairs that pass, so they do not depend on the order of the input.

A group's id is a hash of its categories and of the smallest masked key among its members: the same on every
run, and unchanged when files whose findings join no existing group are added to a scan.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from analogreg.records import Finding

# Masked keys of the same block at or above this Indel ratio (0–100) are the same wording. Measured on real
# clauses: the 指定試験機関 inspections of 理容師法 and 消防法 score 93, the premises inspections of 興行場法 and
# 公衆浴場法 86, the 認定証 posting of 警備業法 and 自動車運転代行業法 97; an inspection of a 指定試験機関 against
# one of a 理容所 scores 46.
DEFAULT_THRESHOLD = 85.0

_DIGITS = "0-9０-９〇一二三四五六七八九十百千万"
_NUM = f"[{_DIGITS}]+"
# 条項 references: 第七十七条の二十八第二項第一号, 別表第一, 附則第三条 and the relative ones.
_REF = re.compile(
    rf"(?:附則)?(?:別表)?(?:第{_NUM}(?:[条項号]|編|章|節|款|目)?(?:の{_NUM})*)+"
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
_TOPIC = re.compile(r"(?:^|(?<=。))[^、。（）「」]{1,30}?は、")
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
    held = [text[a:b] for a, b in _sentence_spans(text) if any(s < b and e > a for s, e in spans)]
    return mask("".join(held) if held else text)


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
    """Group ids for ``(block, key)`` pairs: the connected components of near-identical keys in one block."""
    by_block: dict[str, set[str]] = defaultdict(set)
    for block, key in items:
        by_block[block].add(key)
    group_of: dict[tuple[str, str], str] = {}
    for block, keys in by_block.items():
        for component in _components(sorted(keys), threshold):
            gid = _group_id(block, min(component))
            for key in component:
                group_of[(block, key)] = gid
    return [group_of[item] for item in items]


def assign_groups(findings: Sequence[Finding], *, threshold: float = DEFAULT_THRESHOLD) -> None:
    """Set ``group`` on every finding (in place)."""
    items = [(block_of(f.categories, f.matched), wording_key(f.text, f.spans)) for f in findings]
    for finding, gid in zip(findings, cluster(items, threshold=threshold), strict=True):
        finding.group = gid


def _group_id(block: str, key: str) -> str:
    digest = hashlib.sha256(f"{block}\x1d{key}".encode()).hexdigest()
    return "G" + digest[:10]


def _components(keys: list[str], threshold: float) -> list[list[str]]:
    """Connected components of the keys whose pairwise ratio reaches ``threshold`` (union-find)."""
    if len(keys) == 1:
        return [keys]
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Sorted by length, a key can only reach the threshold against keys whose length lies within the bound
    # that the Indel ratio allows: 2·min/(a+b) ≥ t  ⇔  b ≤ a·(2−t)/t. That window is all we score.
    order = sorted(range(len(keys)), key=lambda i: (len(keys[i]), keys[i]))
    lengths = [len(keys[i]) for i in order]
    t = threshold / 100.0
    stretch = (2.0 - t) / t
    for pos, i in enumerate(order):
        stop = bisect_right(lengths, int(lengths[pos] * stretch))
        window = [keys[j] for j in order[pos + 1 : stop]]
        if not window:
            continue
        for _, _, offset in process.extract(keys[i], window, scorer=fuzz.ratio, score_cutoff=threshold, limit=None):
            a, b = find(i), find(order[pos + 1 + offset])
            if a != b:
                parent[max(a, b)] = min(a, b)
    members: dict[int, list[str]] = defaultdict(list)
    for i, key in enumerate(keys):
        members[find(i)].append(key)
    return list(members.values())
