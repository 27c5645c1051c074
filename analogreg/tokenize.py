"""SudachiPy, loaded once per process: tokens for matching, safe splitting of long input, a conjugation table.

Matching uses ``lemma`` (dictionary_form), ``surface`` and the part-of-speech tuple. ``normalized_form`` is never
exposed: it rewrites kana into kanji (これ→此れ, する→為る) and must not leak into output text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sudachipy import Dictionary

# One tokenize() call accepts at most 49,149 UTF-8 bytes; stay well below it.
MAX_CHUNK_BYTES = 40_000
_SPLIT_AFTER = re.compile(r"(?<=[。\n])")


@dataclass(frozen=True, slots=True)
class Token:
    """One morpheme: surface as written, lemma (dictionary form), POS 6-tuple and character offsets."""

    surface: str
    lemma: str
    pos: tuple[str, str, str, str, str, str]
    begin: int
    end: int

    @property
    def conj_type(self) -> str:
        """活用型, e.g. 下一段-ガ行, サ行変格 ("*" when the word does not inflect)."""
        return self.pos[4]

    @property
    def conj_form(self) -> str:
        """活用形, e.g. 連用形-一般, 未然形-サ."""
        return self.pos[5]

    def pos_startswith(self, prefix: tuple[str, ...]) -> bool:
        return self.pos[: len(prefix)] == prefix


@lru_cache(maxsize=1)
def dictionary() -> Dictionary:
    """The process-wide Sudachi dictionary (sudachidict-core; mmap-backed, so cheap to share after fork)."""
    return Dictionary(dict="core")


@lru_cache(maxsize=1)
def _tokenizer():
    return dictionary().tokenizer("C")


def tokenize(text: str) -> list[Token]:
    """Tokenize ``text`` of any length; offsets are character offsets into ``text``."""
    tokens: list[Token] = []
    for offset, chunk in _chunks(text):
        for m in _tokenizer().tokenize(chunk):
            tokens.append(
                Token(m.surface(), m.dictionary_form(), m.part_of_speech(), m.begin() + offset, m.end() + offset)
            )
    return tokens


def _chunks(text: str) -> list[tuple[int, str]]:
    """Split text into pieces under the tokenizer's byte limit, at 。 or line ends where possible."""
    if len(text.encode("utf-8")) <= MAX_CHUNK_BYTES:
        return [(0, text)]
    chunks: list[tuple[int, str]] = []
    start = 0
    current = ""
    for piece in _SPLIT_AFTER.split(text):
        while len(piece.encode("utf-8")) > MAX_CHUNK_BYTES:
            # A single sentence over the limit: cut at a character boundary (it is still valid UTF-8).
            if current:
                chunks.append((start, current))
                start += len(current)
                current = ""
            cut = MAX_CHUNK_BYTES // 4  # at most 4 bytes per character
            chunks.append((start, piece[:cut]))
            start += cut
            piece = piece[cut:]
        if len((current + piece).encode("utf-8")) > MAX_CHUNK_BYTES:
            chunks.append((start, current))
            start += len(current)
            current = ""
        current += piece
    if current:
        chunks.append((start, current))
    return chunks


# --- conjugation ----------------------------------------------------------------------------------------

_INFLECTING = ("動詞", "助動詞", "形容詞")


@lru_cache(maxsize=1)
def conjugation_table() -> dict[tuple[str, str], dict[str, str]]:
    """(lemma, 活用型) → {活用形: surface}, built once from every inflected entry of the dictionary.

    Used to put a verb into another form when a phrase is inserted after it (掲げなければ → 掲げ、又は…).
    About a second to build; only the amend stage needs it.
    """
    table: dict[tuple[str, str], dict[str, str]] = {}
    inflecting_pos_ids = _pos_ids(lambda pos: pos[0] in _INFLECTING)
    for entry in dictionary().entries():
        if entry.part_of_speech_id() not in inflecting_pos_ids:
            continue
        pos = entry.part_of_speech()
        lemma = entry.dictionary_form()
        forms = table.setdefault((lemma, pos[4]), {})
        surface = entry.surface()
        known = forms.get(pos[5])
        # Variant spellings and odd entries share a key (備える has a 連用形 entry 備): keep the surface
        # that follows the lemma's own spelling furthest, keeps its okurigana, then the shorter one (not しい).
        if known is None or _spelling_rank(surface, lemma) > _spelling_rank(known, lemma):
            forms[pos[5]] = surface
    return table


def _spelling_rank(surface: str, lemma: str) -> tuple[int, bool, int]:
    shared = 0
    for a, b in zip(surface, lemma, strict=False):
        if a != b:
            break
        shared += 1
    # The kanji stem of the lemma (置 of 置く); a genuine form keeps its okurigana after it (置き, not 置).
    stem = len(lemma) - len(lemma.lstrip("".join(ch for ch in lemma if not _is_kana(ch))))
    return shared, len(surface) > stem, -len(surface)


def _is_kana(ch: str) -> bool:
    return "\u3041" <= ch <= "\u30ff"


def _pos_ids(predicate) -> frozenset[int]:
    """Part-of-speech ids whose POS tuple satisfies ``predicate`` (an id set test is far faster than PosMatcher)."""
    ids = set()
    pos_id = 0
    while (pos := dictionary().pos_of(pos_id)) is not None:
        if predicate(pos):
            ids.add(pos_id)
        pos_id += 1
    return frozenset(ids)


def conjugate(lemma: str, conj_type: str, conj_form: str) -> str | None:
    """The surface of ``lemma`` (of 活用型 ``conj_type``) in 活用形 ``conj_form``, or None if unknown."""
    if (
        conj_type.startswith(("上一段", "下一段"))
        and conj_form in ("未然形-一般", "連用形-一般")
        and lemma.endswith("る")
    ):
        # 一段 verbs drop る (見る → 見, 掲げる → 掲げ); the lexicon also lists colloquial 見い.
        return lemma[:-1]
    return conjugation_table().get((lemma, conj_type), {}).get(conj_form)
