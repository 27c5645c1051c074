"""Bytes → text for 例規集 HTML and plain text: BOM, then the declared charset, then content sniffing.

Real 例規集 pages are UTF-8 today, but older vendor pages and text saved from Word on Windows are
Shift_JIS (written as CP932, its Windows superset with ① and ㈱) or EUC-JP — as Windows and most Japanese
systems write it, eucJP-ms, with the same extensions (see :func:`decode_euc_jp`). Sniffing tries UTF-8
strictly first; CP932 and EUC-JP both decode many byte strings without error, so when both succeed the
one that reads as Japanese (kana and kanji, not half-width katakana debris) wins.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from analogreg.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# <meta charset="x">, <meta http-equiv="content-type" content="text/html; charset=x">, <?xml encoding="x"?>
_DECLARED_RE = re.compile(
    rb"""(?:<meta[^>]*?charset\s*=\s*["']?\s*|<\?xml[^>]*?encoding\s*=\s*["'])([A-Za-z0-9_\-.:]+)""",
    re.IGNORECASE,
)

# Labels as pages write them → the Python codec that reads what such pages really contain.
_ALIASES = {
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "windows-31j": "cp932",
    "ms932": "cp932",
    "cp932": "cp932",
    "euc-jp": "euc_jp",
    "euc_jp": "euc_jp",
    "x-euc-jp": "euc_jp",
    "eucjp": "euc_jp",
    "euc-jp-ms": "euc_jp",
    "eucjp-ms": "euc_jp",
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "iso-2022-jp": "iso2022_jp",
}

_SNIFF_ORDER = ("cp932", "euc_jp")

_DISPLAY = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "cp932": "CP932", "euc_jp": "EUC-JP"}

# eucJP-ms puts the IBM extensions that its JIS X 0208/0212 tables lack at 0x8FF3F3–0x8FF4FE, in this order (small
# and capital roman numerals, ＇＂㈱№℡ and 79 kanji such as 髙 﨑 德): the eucJP-ms table as glibc's iconv reads
# it (tests/test_parse_encoding.py checks this against iconv where it is installed). Written as escapes because
# many of them are CJK compatibility ideographs, which a normalising editor would silently turn into others.
_IBM_EXTENSIONS = (
    "\u2170\u2171\u2172\u2173\u2174\u2175\u2176\u2177\u2178\u2179\u2160\u2161\u2162\u2163\u2164\u2165"
    "\u2166\u2167\u2168\u2169\uff07\uff02\u3231\u2116\u2121\u70bb\u4efc\u50f4\u51ec\u5307\u5324\ufa0e"
    "\u548a\u5759\ufa0f\ufa10\u589e\u5bec\u5cf5\u5d53\ufa11\u5fb7\u6085\u6120\u654e\u663b\u6665\ufa12"
    "\uf929\u6801\ufa13\ufa14\u6a6b\u6ae2\u6df8\u6df2\u7028\ufa15\ufa16\u7501\u7682\u769e\ufa17\u7930"
    "\ufa18\ufa19\ufa1a\ufa1b\u7ae7\ufa1c\ufa1d\u7da0\u7dd6\ufa1e\u8362\ufa1f\u85b0\ufa20\ufa21\u8807"
    "\ufa22\u8b7f\u8cf4\u8d76\ufa23\ufa24\ufa25\u90de\ufa26\u9115\ufa27\ufa28\u9592\uf9dc\ufa29\u973b"
    "\u974d\u9751\ufa2a\ufa2b\ufa2c\u999e\u9ad9\u9b72\ufa2d\u9ed1"
)
# User-defined characters (外字): JIS rows 85–94 → U+E000–U+E3AB, and the same rows of JIS X 0212 → U+E3AC–U+E757.
_UDA_START = 0xE000
_UDA_END = 0xE757
_EUC_JP_ERRORS = "analogreg-eucjp-ms"
# Any of them in a decoded text: searched in C, since every 例規 file of a batch is decoded.
_UDA_RE = re.compile(f"[{chr(_UDA_START)}-{chr(_UDA_END)}]")


def _eucjp_ms_char(data: bytes, start: int) -> tuple[str, int] | None:
    """The eucJP-ms character that Python's euc_jp codec does not know at ``data[start]``, and where the next begins."""
    b1 = data[start]
    if 0xA1 <= b1 <= 0xFE and start + 1 < len(data) and 0xA1 <= data[start + 1] <= 0xFE:
        b2 = data[start + 1]
        if b1 == 0xAD:
            # Row 13 (NEC special characters ①, Ⅰ, ㈱, ∮) is CP932's row 13: read it there, JIS → Shift_JIS.
            try:
                return _jis_to_sjis(b1 - 0x80, b2 - 0x80).decode("cp932"), start + 2
            except UnicodeDecodeError:
                return None
        if b1 >= 0xF5:
            return chr(_UDA_START + (b1 - 0xF5) * 94 + (b2 - 0xA1)), start + 2
        return None
    if b1 == 0x8F and start + 2 < len(data) and 0xA1 <= data[start + 1] <= 0xFE and 0xA1 <= data[start + 2] <= 0xFE:
        b2, b3 = data[start + 1], data[start + 2]
        if b2 == 0xF3 and b3 >= 0xF3:
            return _IBM_EXTENSIONS[b3 - 0xF3], start + 3
        if b2 == 0xF4:
            return _IBM_EXTENSIONS[12 + b3 - 0xA1], start + 3
        if b2 >= 0xF5:
            return chr(_UDA_START + 940 + (b2 - 0xF5) * 94 + (b3 - 0xA1)), start + 3
    return None


def _jis_to_sjis(j1: int, j2: int) -> bytes:
    """A JIS X 0208 code (row and cell bytes 0x21–0x7E) as Shift_JIS writes it: two rows share a lead byte."""
    s1 = ((j1 + 1) >> 1) + (0x70 if j1 <= 0x5E else 0xB0)
    odd_row_cell = j2 + (0x1F if j2 < 0x60 else 0x20)
    return bytes((s1, odd_row_cell if j1 & 1 else j2 + 0x7E))


def _eucjp_ms_errors(err: UnicodeError) -> tuple[str, int]:
    """Error handler for the euc_jp codec: the eucJP-ms extensions, or the error itself for bytes that are none."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    found = _eucjp_ms_char(err.object, err.start)
    if found is None:
        raise err
    return found


codecs.register_error(_EUC_JP_ERRORS, _eucjp_ms_errors)


def decode_euc_jp(data: bytes) -> str:
    """EUC-JP as eucJP-ms writes it: Python's euc_jp (JIS X 0201, 0208, 0212) and, through an error handler, row 13
    (①, Ⅰ, ㈱), the IBM extensions (ⅰ, 髙, 﨑) and user-defined characters (外字, as private-use code points).
    Bytes that are none of these raise UnicodeDecodeError at their offset: no character is dropped or replaced."""
    return data.decode("euc_jp", _EUC_JP_ERRORS)


def _decode_as(data: bytes, codec: str) -> str:
    return decode_euc_jp(data) if codec == "euc_jp" else data.decode(codec)


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (meta tag or XML declaration), as a Python codec name."""
    if data.startswith(b"<?xml"):
        # An XML declaration can only open the document: read it alone, not 4 KB with a case-blind regex
        # (that search cost a quarter of a millisecond per file of a batch scan), and without copying 4 KB first
        # (right after lxml frees a large tree, that copy's malloc cost the scan 100 µs a file).
        end = data.find(b"?>", 0, 4096)
        head = data[: end + 2] if end >= 0 else data[:4096]
    else:
        head = data[:4096]
    match = _DECLARED_RE.search(head)
    if not match:
        return None
    label = match.group(1).decode("ascii", "replace").lower()
    return _ALIASES.get(label, label)


def decode(data: bytes, source: str) -> Decoded:
    """Decode a file's bytes; InputError naming the byte offset and line when no encoding fits."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), _DISPLAY.get(codec, codec))
            except UnicodeDecodeError as err:
                raise _undecodable(data, source, codec, err.start) from None

    warnings: list[str] = []
    declared = declared_charset(data)
    if declared:
        try:
            return _decoded(_decode_as(data, declared), declared, warnings)
        except LookupError:
            warnings.append(f"unknown declared charset {declared!r}; guessing from the bytes")
        except UnicodeDecodeError:
            warnings.append(f"the bytes are not {declared} as declared; guessing from the bytes")

    try:
        return Decoded(data.decode("utf-8"), "UTF-8", warnings)
    except UnicodeDecodeError as err:
        furthest = ("utf-8", err.start)

    candidates: list[tuple[float, str, str]] = []
    for codec in _SNIFF_ORDER:
        try:
            text = _decode_as(data, codec)
        except UnicodeDecodeError as err:
            if err.start > furthest[1]:
                furthest = (codec, err.start)
            continue
        candidates.append((_japanese_score(text), codec, text))
    if not candidates:
        raise _undecodable(data, source, *furthest)
    _score, codec, text = max(candidates, key=lambda c: c[0])
    return _decoded(text, codec, warnings)


def _decoded(text: str, codec: str, warnings: list[str]) -> Decoded:
    """The result, with a warning naming the lines that hold user-defined characters (外字): they are kept, as the
    private-use code points eucJP-ms and CP932 give them, but only the 例規's own system can show what they are."""
    lines = sorted({text.count("\n", 0, m.start()) + 1 for m in _UDA_RE.finditer(text)})
    if lines:
        shown = ", ".join(str(n) for n in lines[:10]) + (" …" if len(lines) > 10 else "")
        warnings = [*warnings, f"user-defined characters (外字) kept as private-use code points on line {shown}"]
    return Decoded(text, _DISPLAY.get(codec, codec), warnings)


def _japanese_score(text: str) -> float:
    """Share of characters that are ordinary Japanese; mis-decoded text is mostly half-width kana or rare kanji."""
    if not text:
        return 0.0
    good = 0
    bad = 0
    for ch in text:
        code = ord(ch)
        if 0x3000 <= code <= 0x30FF or 0x4E00 <= code <= 0x9FFF or 0xFF01 <= code <= 0xFF5E:
            good += 1
        elif 0xFF61 <= code <= 0xFF9F or 0xE000 <= code <= 0xF8FF or 0x80 <= code <= 0x9F:
            bad += 1
    return (good - 2 * bad) / len(text)


def _undecodable(data: bytes, source: str, codec: str, offset: int) -> InputError:
    line = data.count(b"\n", 0, offset) + 1
    name = _DISPLAY.get(codec, codec)
    shown = " ".join(f"0x{b:02X}" for b in data[offset : offset + 3])
    return InputError(
        source,
        f"undecodable bytes {shown} at byte offset {offset} "
        f"(not UTF-8, CP932/Shift_JIS or EUC-JP; read furthest as {name})",
        line,
    )
