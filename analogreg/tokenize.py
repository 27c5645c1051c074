"""SudachiPy, loaded once per process: tokens for matching, safe splitting of long input, a conjugation table.

Matching uses ``lemma`` (dictionary_form), ``surface`` and the part-of-speech tuple. ``normalized_form`` is never
exposed: it rewrites kana into kanji (これ→此れ, する→為る) and must not leak into output text.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import NamedTuple

from sudachipy import Dictionary, MorphemeList, Tokenizer

# One tokenize() call accepts at most 49,149 UTF-8 bytes; stay well below it.
MAX_CHUNK_BYTES = 40_000
_SPLIT_AFTER = re.compile(r"(?<=[。\n])")


class Token(NamedTuple):
    """One morpheme: surface as written, lemma (dictionary form), POS 6-tuple and character offsets.

    A named tuple (immutable, compared and hashed by value, as the frozen dataclass it replaces): a scan makes
    millions of tokens, and a tuple is built several times faster than a dataclass instance.
    """

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


# A Sudachi Tokenizer refuses to be used by two threads at once ("Tokenizer is already in use"), and the review
# screen drafts in worker threads: each thread gets its own tokenizer and result list, over the shared dictionary.
_per_thread = threading.local()


def _tokenizer_state() -> tuple[Tokenizer, MorphemeList]:
    """This thread's tokenizer and the one MorphemeList every call of it fills (tokenize(out=)).

    Only the fields a Token reads (the surface is sliced from the text): 10–15% less time per call. Each call's
    tokens are built from the list before the next call refills it: no list allocated per call (4–9% of the
    tokenizing step, tokens built included). SudachiPy makes an empty one by tokenizing "" (MorphemeList.empty is
    deprecated)."""
    state = getattr(_per_thread, "state", None)
    if state is None:
        tokenizer = dictionary().tokenizer("C", fields={"pos", "dictionary_form"})
        state = _per_thread.state = (tokenizer, tokenizer.tokenize(""))
    return state


def _tokenizer() -> Tokenizer:
    """This thread's Sudachi tokenizer."""
    return _tokenizer_state()[0]


def tokenize(text: str, *, offset: int = 0, surfaces: str | None = None) -> list[Token]:
    """Tokenize ``text`` of any length; offsets are character offsets into ``text``, plus ``offset``.

    ``surfaces``, a string of the same length as ``text``, supplies the tokens' surfaces instead of ``text``
    (for a text read with some characters swapped one for one): the tokens are built once, already placed.
    """
    tokenizer, out = _tokenizer_state()
    source = text if surfaces is None else surfaces
    if len(text) <= MAX_CHUNK_BYTES // 4:  # surely under the byte limit: no need to encode it to know
        return _tokens(source, tokenizer.tokenize(text, out=out), offset)
    tokens: list[Token] = []
    for start, chunk in _chunks(text):
        tokens.extend(_tokens(source[start : start + len(chunk)], tokenizer.tokenize(chunk, out=out), start + offset))
    return tokens


_new_token = tuple.__new__


def _tokens(chunk: str, morphemes, offset: int) -> list[Token]:
    """Tokens of one Sudachi call (a scan makes millions: no function call per morpheme).

    The surface is ``chunk`` between the offsets (Sudachi's surface() is the same string, but built anew per
    call); part_of_speech() already returns the dictionary's shared tuple, so there is nothing to cache. The
    morphemes cover the text end to end, so each begins where the one before it ends: one call fewer per
    morpheme than asking begin() (tests/test_ruleset_tokenize.py holds it against begin()).
    """
    tokens: list[Token] = []
    append = tokens.append
    begin = 0
    for m in morphemes:
        end = m.end()
        append(
            _new_token(Token, (chunk[begin:end], m.dictionary_form(), m.part_of_speech(), begin + offset, end + offset))
        )
        begin = end
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


# 五段 endings by row: 未然形-一般, 連用形-一般, 終止形/連体形, 仮定形/命令形 (the 文語-free forms statutes use).
_GODAN_ROWS: dict[str, tuple[str, str, str, str]] = {
    "カ行": ("か", "き", "く", "け"),
    "ガ行": ("が", "ぎ", "ぐ", "げ"),
    "サ行": ("さ", "し", "す", "せ"),
    "タ行": ("た", "ち", "つ", "て"),
    "ナ行": ("な", "に", "ぬ", "ね"),
    "バ行": ("ば", "び", "ぶ", "べ"),
    "マ行": ("ま", "み", "む", "め"),
    "ラ行": ("ら", "り", "る", "れ"),
    "ワア行": ("わ", "い", "う", "え"),
}
_GODAN_FORM_INDEX = {
    "未然形-一般": 0,
    "連用形-一般": 1,
    "終止形-一般": 2,
    "連体形-一般": 2,
    "仮定形-一般": 3,
    "命令形": 3,
}


def conjugate(lemma: str, conj_type: str, conj_form: str) -> str | None:
    """The surface of ``lemma`` (of 活用型 ``conj_type``) in 活用形 ``conj_form``, or None if unknown.

    The dictionary's own forms come first; the regular paradigms (五段, 一段, サ変) fill the gaps, and the
    written-language forms statutes use replace colloquial ones (命令形 せよ / 講ぜよ, not しろ / 講じろ).
    """
    if conj_type.startswith(("上一段", "下一段")) and lemma.endswith("る"):
        # 一段 verbs (and the 助動詞 せる / させる / れる / られる) drop る; the lexicon also lists colloquial 見い.
        stem = lemma[:-1]
        ichidan = {"未然形-一般": stem, "連用形-一般": stem, "終止形-一般": lemma, "連体形-一般": lemma}
        ichidan |= {"仮定形-一般": stem + "れ", "命令形": stem + "よ"}
        if conj_form in ichidan:
            return ichidan[conj_form]
    if conj_type == "サ行変格":
        suru = _sahen(lemma, conj_form)
        if suru is not None:
            return suru
    known = conjugation_table().get((lemma, conj_type), {}).get(conj_form)
    if known is not None:
        return known
    if conj_type.startswith("五段-"):
        row = _GODAN_ROWS.get(conj_type.removeprefix("五段-"))
        index = _GODAN_FORM_INDEX.get(conj_form)
        if row is not None and index is not None and lemma.endswith(row[2]):
            return lemma[:-1] + row[index]
    return None


def _sahen(lemma: str, conj_form: str) -> str | None:
    """サ行変格 in the register of statutes: する (供する, 掲示する) and ずる (講ずる, 準ずる)."""
    if lemma.endswith("する"):
        stem, forms = lemma[:-2], {"未然形-一般": "し", "未然形-サ": "さ", "未然形-セ": "せ", "連用形-一般": "し"}
        forms |= {"終止形-一般": "する", "連体形-一般": "する", "仮定形-一般": "すれ", "命令形": "せよ"}
    elif lemma.endswith("ずる"):
        stem, forms = lemma[:-2], {"未然形-一般": "じ", "未然形-セ": "ぜ", "連用形-一般": "じ"}
        forms |= {"終止形-一般": "ずる", "連体形-一般": "ずる", "仮定形-一般": "ずれ", "命令形": "ぜよ"}
    else:
        return None
    ending = forms.get(conj_form)
    return None if ending is None else stem + ending


def inflect(token: Token, conj_form: str) -> str | None:
    """``token`` put into 活用形 ``conj_form``, keeping the token's own spelling of the stem (掲げ → 掲げる).

    None when the word does not inflect or the form is unknown. The lemma may be spelled differently from the
    surface (送り仮名 variants), so only the changing ending is taken from the paradigm.
    """
    if token.conj_type == "*" or token.conj_form == "*":
        return None
    if token.conj_form == conj_form:
        return token.surface
    current = conjugate(token.lemma, token.conj_type, token.conj_form)
    target = conjugate(token.lemma, token.conj_type, conj_form)
    if current is None or target is None:
        return None
    if token.surface == current:
        return target
    shared = 0
    for a, b in zip(current, target, strict=False):
        if a != b:
            break
        shared += 1
    ending = current[shared:]
    if ending and not token.surface.endswith(ending):
        return None
    return token.surface[: len(token.surface) - len(ending)] + target[shared:]
