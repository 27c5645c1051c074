"""tokenize(): offsets are character offsets into the text, and input beyond Sudachi's ~49 KB limit is split safely."""

from __future__ import annotations

import dataclasses
import itertools
import json
from pathlib import Path

import pytest

from analogreg.tokenize import MAX_CHUNK_BYTES, Token, _chunks, _tokenizer, tokenize

FIXTURE = Path(__file__).parent / "fixtures" / "classify" / "dev_records.jsonl"


def real_text(min_bytes: int) -> str:
    """Real provisions from the dev set run together until the text is at least ``min_bytes`` of UTF-8."""
    parts: list[str] = []
    size = 0
    with FIXTURE.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            for piece in [rec["text"], *rec["items"]]:
                parts.append(piece)
                size += len(piece.encode("utf-8"))
            if size >= min_bytes:
                break
    return "\n".join(parts)


def assert_offsets(text: str) -> list:
    tokens = tokenize(text)
    assert all(text[t.begin : t.end] == t.surface for t in tokens)
    assert all(a.end <= b.begin for a, b in itertools.pairwise(tokens))
    return tokens


def test_offsets_on_a_provision() -> None:
    text = "事業者は、当該施設の見やすい場所に標識を掲示しなければならない。"
    tokens = assert_offsets(text)
    assert [t.surface for t in tokens if t.lemma == "掲示"] == ["掲示"]


def test_long_real_input_over_the_limit() -> None:
    text = real_text(150_000)
    assert len(text.encode("utf-8")) > 3 * 49_149
    tokens = assert_offsets(text)
    # Nothing lost or doubled at chunk borders: the surfaces cover every non-space character in order.
    covered = "".join(t.surface for t in tokens)
    assert "".join(covered.split()) == "".join(text.split())


def test_one_sentence_over_the_limit_without_any_break() -> None:
    text = "掲示" * 30_000  # 180,000 bytes, no 。 and no line end
    chunks = _chunks(text)
    assert all(len(c.encode("utf-8")) <= MAX_CHUNK_BYTES for _, c in chunks)
    assert "".join(c for _, c in chunks) == text
    assert [o for o, _ in chunks] == [sum(len(c) for _, c in chunks[:i]) for i in range(len(chunks))]
    tokens = tokenize(text)
    assert all(text[t.begin : t.end] == t.surface for t in tokens)


def test_chunks_break_after_sentence_ends() -> None:
    text = real_text(100_000)
    chunks = _chunks(text)
    assert len(chunks) >= 3
    for _, chunk in chunks[:-1]:
        assert chunk.endswith(("。", "\n"))


def test_tokens_carry_what_sudachi_says() -> None:
    """Surface (taken from the input by offsets), lemma and POS agree with Sudachi's own morphemes."""
    text = real_text(6_000)
    expected = [
        (m.surface(), m.dictionary_form(), m.part_of_speech(), m.begin(), m.end()) for m in _tokenizer().tokenize(text)
    ]
    assert [(t.surface, t.lemma, t.pos, t.begin, t.end) for t in tokenize(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "第１条　ｶﾞｽ事業者は、  ＡＢＣ abc の\n\t掲示を行う。①（注）　〒100-0001 ＠ 𠮷野",  # widths, blanks, rare
        "　\n",  # blanks only
    ],
)
def test_offsets_follow_sudachi_where_it_normalizes_the_input(text: str) -> None:
    """Each token begins where the one before it ends (the tokenizer does not ask Sudachi for begin())."""
    expected = [(m.begin(), m.end(), m.surface()) for m in _tokenizer().tokenize(text)]
    assert [(t.begin, t.end, t.surface) for t in tokenize(text)] == expected


@pytest.mark.parametrize("offset", [0, 1, 4_000])
def test_tokens_are_placed_at_the_offset_given(offset: int) -> None:
    """tokenize(offset=N) shifts every token by N and changes nothing else; an empty text has no token."""
    text = "事業者は、見やすい場所に掲示しなければならない。"
    plain = tokenize(text)
    placed = tokenize(text, offset=offset)
    assert [(t.surface, t.lemma, t.pos) for t in placed] == [(t.surface, t.lemma, t.pos) for t in plain]
    assert [(t.begin - offset, t.end - offset) for t in placed] == [(t.begin, t.end) for t in plain]
    assert plain[0].begin == 0 and plain[-1].end == len(text)
    assert all(type(t) is Token for t in placed)
    assert tokenize("") == [] and tokenize("", offset=offset) == []


def test_token_is_an_immutable_value() -> None:
    first, again = tokenize("掲示しなければならない。")[0], tokenize("掲示しなければならない。")[0]
    assert first == again and hash(first) == hash(again) and first is not again
    assert first.conj_type == "*" and first.pos_startswith(("名詞", "普通名詞"))
    verb = next(t for t in tokenize("掲げなければならない。") if t.lemma == "掲げる")
    assert (verb.conj_type, verb.conj_form) == ("下一段-ガ行", "未然形-一般")
    assert Token("掲示", "掲示", first.pos, 3, 5).begin == 3  # positional construction, as classify does
    with pytest.raises((AttributeError, dataclasses.FrozenInstanceError)):
        first.surface = "x"  # type: ignore[misc]


def test_offset_and_surfaces_place_the_tokens_as_a_later_shift_would() -> None:
    # Short (one Sudachi call) and long (chunked) real text: tokenize(..., offset=k) is tokenize() shifted by k.
    for text in (real_text(2_000), real_text(MAX_CHUNK_BYTES + 5_000)):
        plain = tokenize(text)
        placed = tokenize(text, offset=17)
        assert [(t.surface, t.lemma, t.pos, t.begin + 17, t.end + 17) for t in plain] == [tuple(t) for t in placed]


def test_surfaces_come_from_the_given_spelling() -> None:
    # An old-style 促音 (立ち入つて) read as modern: lemmas from the modern reading, surfaces from the text as written.
    written = "当該職員に、その事務所に立ち入つて、帳簿書類を検査させることができる。" * 400  # > one chunk
    modern = written.replace("入つて", "入って")
    tokens = tokenize(modern, offset=3, surfaces=written)
    assert "".join(t.surface for t in tokens) == written
    assert all(written[t.begin - 3 : t.end - 3] == t.surface for t in tokens)
    assert [t.lemma for t in tokens] == [t.lemma for t in tokenize(modern)]
    assert "立ち入る" in {t.lemma for t in tokens}


def test_each_call_builds_its_tokens_before_the_next_call_refills_sudachis_list() -> None:
    # Every call fills the same MorphemeList (tokenize(out=)): tokens already handed out must not change when it
    # is refilled, whether by a short text or by the chunks of a long one, and must be what a fresh call gives.
    first_text = "事業者は、当該施設の見やすい場所に標識を掲示しなければならない。"
    first = tokenize(first_text)
    kept = [tuple(t) for t in first]
    long_text = real_text(60_000)
    assert len(long_text.encode("utf-8")) > MAX_CHUNK_BYTES  # chunked: several calls in one
    tokenize(long_text)
    tokenize("立入検査をすることができる。")
    assert [tuple(t) for t in first] == kept
    assert tokenize(first_text) == first
    fresh = [(m.surface(), m.dictionary_form(), m.part_of_speech()) for m in _tokenizer().tokenize(first_text)]
    assert [(t.surface, t.lemma, t.pos) for t in first] == fresh


def test_threads_tokenize_at_the_same_time() -> None:
    # The review screen drafts in worker threads: a Sudachi tokenizer shared between them refused the second
    # caller ("Tokenizer is already in use"), and a shared result list could hand one thread another's morphemes.
    import sys
    import threading

    texts = [
        "事業者は、許可証を事業所の見やすい場所に掲示しなければならない。" * 20,
        "市長は、必要があると認めるときは、職員に立入検査をさせることができる。" * 20,
    ]
    expected = [tokenize(text) for text in texts]
    failures: list[str] = []

    def run(text: str, want: list[Token]) -> None:
        for _ in range(200):
            try:
                if tokenize(text) != want:
                    failures.append("wrong tokens")
            except Exception as err:  # the failure under test is Sudachi's own error
                failures.append(repr(err))

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible, so that the calls overlap
    try:
        threads = [threading.Thread(target=run, args=pair) for pair in zip(texts, expected, strict=True)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert failures == []
