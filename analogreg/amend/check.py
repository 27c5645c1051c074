"""Checks on a proposed wording that a reviewer would make: nothing but the inserted phrase changed, and the
sentence still reads the same around it.

``kept_outside``: the old text is the new text minus the inserted phrases (FD等 also replaces the media names).
``grammar_problems``: at every change, what follows it re-tokenizes to the same words in the same conjugated
forms up to the end of the sentence (なければならない stays なければならない), and the word just before the point
where the old text resumes has the class of 活用形 the old text had there (the inserted alternative took the
analog verb's form: 掲示し[、又は…公表し]なければ).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from analogreg.tokenize import Token, tokenize


def changes(old: str, new: str) -> list[tuple[str, int, int, int, int]]:
    """The differing stretches (difflib opcodes other than equal), character by character."""
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    return [op for op in matcher.get_opcodes() if op[0] != "equal"]


def kept_outside(old: str, new: str, *, replaceable: Sequence[str] = ()) -> list[str]:
    """Problems if ``new`` is not ``old`` with phrases inserted.

    With ``replaceable`` (FD等: the media names), a change may also replace old wording, provided the stretch it
    replaces holds one of those words (a medium and the parenthesis or その他 it absorbed). Changes a few
    characters apart are one stretch: a rewritten parenthesis shares odd characters with the old one.
    """
    problems = []
    occurrences = [(m.start(), m.end()) for word in replaceable for m in re.finditer(re.escape(word), old)]
    # 法制執務: a third alternative joins a list of two as 「A、B又はC」, so the 又は of 「A又はB」 becomes 、: the
    # connective is regraded, no wording of the provision goes.
    opcodes = [op for op in changes(old, new) if not _regraded(op, old, new)]
    for a0, a1 in _stretches(opcodes):
        if a0 == a1:
            continue  # a pure insertion
        # A character diff may keep the 磁 of 磁気ディスク beside 電磁的: a word overlapping the stretch counts.
        if not any(w0 < a1 and a0 < w1 for w0, w1 in occurrences):
            problems.append(f"original wording changed: 「{old[a0:a1]}」 was removed or rewritten")
    return problems


_CONNECTIVES = ("又は", "若しくは")


def _regraded(op: tuple[str, int, int, int, int], old: str, new: str) -> bool:
    """A connective of a list turned into the 、 between its items (「書面により又は実地に」 →
    「書面により、実地に」)."""
    tag, a0, a1, b0, b1 = op
    return tag == "replace" and old[a0:a1] in _CONNECTIVES and new[b0:b1] == "、"


def replaceable_words(categories: Sequence[str]) -> tuple[str, ...]:
    """What a proposal of these categories may replace: the FD等 media names of the bundled templates."""
    if "FD等" not in categories:
        return ()
    from analogreg.ruleset.templates import MediumTemplate, default_templates

    return tuple(
        name
        for t in default_templates().by_category.get("FD等", [])
        if isinstance(t, MediumTemplate)
        for name in t.media
    )


def _stretches(opcodes: list[tuple[str, int, int, int, int]], gap: int = 12) -> list[tuple[int, int]]:
    """The old-text spans of the changes, those closer than ``gap`` characters merged (an insertion alone is an
    empty span)."""
    spans: list[tuple[int, int]] = []
    for _op, a0, a1, _b0, _b1 in opcodes:
        if spans and a0 - spans[-1][1] < gap and (spans[-1][1] > spans[-1][0] or a1 > a0):
            spans[-1] = (min(spans[-1][0], a0), max(spans[-1][1], a1))
        else:
            spans.append((a0, a1))
    return spans


def _shape(token: Token) -> tuple[str, str, str]:
    return token.lemma, token.pos[0], token.conj_form


def split_sentences(text: str) -> list[str]:
    """Sentences, split after 。 outside brackets (not inside 「以下同じ。」 or a quoted sentence)."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "（(「『":
            depth += 1
        elif ch in "）)」』" and depth:
            depth -= 1
        elif ch == "。" and depth == 0:
            out.append(text[start : i + 1])
            start = i + 1
    if start < len(text):
        out.append(text[start:])
    return out


def closing(sentence: str) -> tuple[tuple[str, str], ...]:
    """The closing predicate of a sentence: its words from the last verb on, as (lemma, 活用形)
    (なる・ない・。 for …なければならない。; と・する・。 for …ものとする。); empty when it ends in a noun
    (an item such as 「…を記録した電磁的記録媒体」 has no predicate to keep)."""
    tail: list[tuple[str, str]] = []
    for token in reversed(tokenize(sentence)):
        if token.pos[0] in ("名詞", "代名詞", "接尾辞") and token.conj_type == "*":
            return ()
        tail.append((token.lemma, token.conj_form))
        if token.pos[0] == "動詞" and len(tail) > 1:
            break
    return tuple(reversed(tail))


def grammar_problems(old: str, new: str) -> list[str]:
    """Problems in how the changed wording sits in its sentence (see the module docstring); empty when none.

    Sentences are paired; in each changed pair the change is what lies between the longest common beginning and
    end (widened to whole words), and the sentence must read the same from where the original resumes. A
    sentence added after the others must be a ただし書 (the only sentence a template adds).
    """
    old_sentences, new_sentences = split_sentences(old), split_sentences(new)
    problems: list[str] = []
    matcher = difflib.SequenceMatcher(a=old_sentences, b=new_sentences, autojunk=False)
    for op, i0, i1, j0, j1 in matcher.get_opcodes():
        if op == "equal":
            continue
        paired = i1 - i0 if op == "replace" else 0
        if op == "delete" or j1 - j0 < paired:
            problems.append("sentences were removed or merged")
            continue
        for o, n in zip(old_sentences[i0:i1], new_sentences[j0 : j0 + paired], strict=True):
            problems.extend(_sentence_problems(o, n))
            if closing(o) != closing(n):
                problems.append(f"the closing predicate of 「{o[:16]}…」 changed")
        for added in new_sentences[j0 + paired : j1]:
            if not (added.startswith("ただし、") and added.endswith("。")):
                problems.append(f"an added sentence is not a ただし書: 「{added[:20]}…」")
    return problems


def _sentence_problems(old: str, new: str) -> list[str]:
    old_tokens, new_tokens = tokenize(old), tokenize(new)
    old_cuts = {t.begin for t in old_tokens} | {len(old)}
    new_cuts = {t.begin for t in new_tokens} | {len(new)}
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    # Where the original resumes: a word boundary in both texts, outside brackets (widen the change to whole
    # words, and to a whole parenthesis when the change rewrote one: （…を含む。） → （…以下同じ。）).
    while tail and not (
        len(old) - tail in old_cuts
        and len(new) - tail in new_cuts
        and _depth(old, len(old) - tail) == 0
        and _depth(new, len(new) - tail) == 0
    ):
        tail -= 1
    resume_old, resume_new = len(old) - tail, len(new) - tail
    problems = []
    after_old = [_shape(t) for t in old_tokens if t.begin >= resume_old]
    after_new = [_shape(t) for t in new_tokens if t.begin >= resume_new]
    if after_old != after_new:
        problems.append(f"the words after 「{new[max(0, resume_new - 12) : resume_new]}」 no longer read as before")
    before_old = _before(old_tokens, resume_old)
    before_new = _before(new_tokens, resume_new)
    # The class of 活用形 (連用形, 未然形 …) is what joins a word to the next: an inserted adverbial phrase ending in
    # により (連用形) may follow 定期的に (連用形-ニ) before the verb, but し (未然形) must stay 未然形 before なけれ.
    changed_form = (
        before_old is not None
        and before_new is not None
        and before_old.conj_form != "*"
        and before_old.conj_form.split("-")[0] != before_new.conj_form.split("-")[0]
    )
    if changed_form:
        assert before_old is not None and before_new is not None
        problems.append(
            f"「{before_new.surface}」 is {before_new.conj_form} where the original had 「{before_old.surface}」 "
            f"{before_old.conj_form} before 「{old[resume_old : resume_old + 6]}」"
        )
    return problems


def _depth(text: str, end: int) -> int:
    depth = 0
    for ch in text[:end]:
        if ch in "（(「『":
            depth += 1
        elif ch in "）)」』" and depth:
            depth -= 1
    return depth


def _before(tokens: list[Token], char: int) -> Token | None:
    found = None
    for token in tokens:
        if token.end <= char:
            found = token
        else:
            break
    return found
