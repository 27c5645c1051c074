"""EUC-JP as Windows and most 例規 systems write it (eucJP-ms): row 13 (①, Ⅰ, ㈱), the IBM extension kanji and the
user-defined area decode — no character dropped or replaced — and bytes that are none of these stop the read with
one line naming the file and the byte offset."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from analogreg.errors import InputError
from analogreg.parse import parse_bytes, parse_file
from analogreg.parse.encoding import decode_euc_jp

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "parse"
# 三郷市特別支援教育就学奨励費支給要綱 第4条 (its 号 name 第Ⅰ区分 to 第Ⅲ区分) and 第8条, and the same bytes written
# by glibc's iconv as EUC-JP-MS: Ⅰ, Ⅱ, Ⅲ are in row 13 (0xADB5–0xADB7), which plain EUC-JP lacks.
UTF8 = FIXTURES / "misato_shugaku_shoreihi.txt"
EUCJP_MS = FIXTURES / "misato_shugaku_shoreihi.eucjp-ms.txt"


def outline(law) -> list[tuple[str, str, list[str]]]:
    return [(u.label, u.node.title, [s.text for s in u.node.sentences]) for u in law.units()]


def test_a_real_text_in_eucjp_ms_reads_as_its_utf8_copy():
    expected = parse_file(UTF8)
    result = parse_file(EUCJP_MS)
    assert result.encoding == "EUC-JP"
    assert outline(result.law) == outline(expected.law)
    assert [i.sentences[0].text[:4] for i in next(result.law.articles()).paragraphs[0].items] == [
        "第Ⅰ区分",
        "第Ⅱ区分",
        "第Ⅲ区分",
    ]
    assert result.law.title == "三郷市特別支援教育就学奨励費支給要綱"
    assert result.warnings == []


def _sjis_to_euc(data: bytes) -> bytes:
    """Shift_JIS → EUC-JP by the JIS arithmetic both are built on (ASCII and JIS X 0208 rows 1–94 only)."""
    out = bytearray()
    index = 0
    while index < len(data):
        s1 = data[index]
        if s1 < 0x80:
            out.append(s1)
            index += 1
            continue
        s2 = data[index + 1]
        row = (s1 - (0x70 if s1 < 0xA0 else 0xB0)) * 2 - (1 if s2 < 0x9F else 0)
        cell = s2 - (0x1F if s2 < 0x7F else 0x20) if s2 < 0x9F else s2 - 0x7E
        out += bytes((row | 0x80, cell | 0x80))
        index += 2
    return bytes(out)


def test_circled_numbers_of_a_word_copy_in_eucjp_ms():
    """The same text as a Word copy numbers its 号, ① ② ③ (row 13 too), saved as EUC-JP."""
    text = UTF8.read_text(encoding="utf-8")
    word = text.replace("(1) ", "①\u3000").replace("(2) ", "②\u3000").replace("(3) ", "③\u3000")
    data = _sjis_to_euc(word.encode("cp932"))
    assert b"\xad\xa1" in data  # ①
    law = parse_bytes(data, "word.txt").law
    items = next(law.articles()).paragraphs[0].items
    assert [(i.title, i.label) for i in items] == [("①", "第4条第1号"), ("②", "第4条第2号"), ("③", "第4条第3号")]
    assert items[0].sentences[0].text == "第Ⅰ区分 収入額が需要額の1.5倍未満の者"


@pytest.mark.parametrize(
    ("data", "char"),
    [
        (b"\xad\xa1", "①"),
        (b"\xad\xb5", "Ⅰ"),
        (b"\xad\xe2", "№"),
        (b"\xad\xea", "㈱"),
        (b"\x8f\xf3\xf3", "ⅰ"),
        (b"\x8f\xf4\xbd", "\ufa11"),  # 﨑, the IBM 崎 (a compatibility ideograph)
        (b"\x8f\xf4\xfb", "髙"),
        (b"\x8f\xf4\xfe", "黑"),
        (b"\xf5\xa1", "\ue000"),  # user-defined area, first and last of both planes
        (b"\xfe\xfe", "\ue3ab"),
        (b"\x8f\xf5\xa1", "\ue3ac"),
        (b"\x8f\xfe\xfe", "\ue757"),
    ],
    ids=lambda value: value.hex() if isinstance(value, bytes) else None,
)
def test_eucjp_ms_extensions_decode(data: bytes, char: str):
    assert decode_euc_jp("第".encode("euc_jp") + data + "条".encode("euc_jp")) == f"第{char}条"


def test_a_user_defined_character_is_kept_and_named():
    """A 外字 where the real text has 第Ⅰ区分: kept (as a private-use code point) and reported with its line."""
    data = EUCJP_MS.read_bytes().replace(b"\xad\xb5", b"\xf5\xa1", 1)
    result = parse_bytes(data, "gaiji.txt")
    assert next(result.law.articles()).paragraphs[0].items[0].sentences[0].text.startswith("第\ue000区分")
    assert result.warnings == ["user-defined characters (外字) kept as private-use code points on line 3"]


def test_bytes_that_are_not_eucjp_ms_name_the_file_and_byte_offset():
    data = EUCJP_MS.read_bytes()
    offset = data.index(b"\n", data.index(b"\n") + 1) + 1  # the start of line 3
    broken = data[:offset] + b"\xad\x20" + data[offset:]
    with pytest.raises(InputError) as caught:
        parse_bytes(broken, "broken.txt")
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("broken.txt:3: undecodable bytes 0xAD 0x20")
    assert f"at byte offset {offset} " in message


def _iconv(data: bytes) -> str | None:
    done = subprocess.run(["iconv", "-f", "EUC-JP-MS", "-t", "UTF-8"], input=data, capture_output=True, check=False)
    return done.stdout.decode("utf-8") if done.returncode == 0 else None


def _has_iconv_eucjp_ms() -> bool:
    return shutil.which("iconv") is not None and _iconv(b"\xad\xa1") == "①"


@pytest.mark.skipif(not _has_iconv_eucjp_ms(), reason="glibc iconv with EUC-JP-MS is not installed")
def test_the_extensions_agree_with_glibc_iconv():
    """Every cell of row 13, the whole IBM extension area and the user-defined rows read as glibc's EUC-JP-MS does."""
    for cell in range(0xA1, 0xFF):
        data = bytes((0xAD, cell))
        try:
            ours: str | None = decode_euc_jp(data)
        except UnicodeDecodeError:
            ours = None
        assert ours == _iconv(data), data.hex()
    ibm = b"".join(bytes((0x8F, 0xF3, c)) for c in range(0xF3, 0xFF)) + b"".join(
        bytes((0x8F, 0xF4, c)) for c in range(0xA1, 0xFF)
    )
    uda = b"".join(bytes((r, c)) for r in range(0xF5, 0xFF) for c in range(0xA1, 0xFF))
    uda_0212 = b"".join(bytes((0x8F, r, c)) for r in range(0xF5, 0xFF) for c in range(0xA1, 0xFF))
    for data in (ibm, uda, uda_0212):
        assert decode_euc_jp(data) == _iconv(data)
