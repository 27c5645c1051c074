"""tokenize(): offsets are character offsets into the text, and input beyond Sudachi's ~49 KB limit is split safely."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from analogreg.tokenize import MAX_CHUNK_BYTES, _chunks, tokenize

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
