"""Bytes → text for 例規集 HTML and plain text: BOM, then the declared charset, then content sniffing.

Real 例規集 pages are UTF-8 today, but older vendor pages and text saved from Word on Windows are
Shift_JIS (written as CP932, its Windows superset with ① and ㈱) or EUC-JP. Sniffing tries UTF-8
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
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "iso-2022-jp": "iso2022_jp",
}

_SNIFF_ORDER = ("cp932", "euc_jp")

_DISPLAY = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "cp932": "CP932", "euc_jp": "EUC-JP"}


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
            return Decoded(data.decode(declared), _DISPLAY.get(declared, declared))
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
            text = data.decode(codec)
        except UnicodeDecodeError as err:
            if err.start > furthest[1]:
                furthest = (codec, err.start)
            continue
        candidates.append((_japanese_score(text), codec, text))
    if not candidates:
        raise _undecodable(data, source, *furthest)
    _score, codec, text = max(candidates, key=lambda c: c[0])
    return Decoded(text, _DISPLAY[codec], warnings)


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
    return InputError(
        source,
        f"undecodable bytes at byte offset {offset} (not UTF-8, CP932/Shift_JIS or EUC-JP; read furthest as {name})",
        line,
    )
