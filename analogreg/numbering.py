"""Numbers as statutes write them: 漢数字 ⇄ int, 枝番 ("77_28" ⇄ 第七十七条の二十八), 号 and 細目 titles.

Two numbering styles exist side by side: national laws (縦書き) write 第七十七条の二十八 and 号 as 一, 二;
横書き 例規 write 第77条の28 and 号 as (1) or ⑴, 細目 as ア, (ア). Every provision is numbered internally in the
e-Gov form ("77_28") and rendered back in the document's own style.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

Style = Literal["kanji", "arabic"]

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_LARGE_UNITS = {"万": 10_000, "億": 100_000_000}
_KANJI_DIGITS = "〇一二三四五六七八九"

KANJI_NUMERAL_CHARS = "〇零一二三四五六七八九十百千万億"
# One digit of the number of an article, paragraph or item, or of a 法令番号 (第七十七条, 第3項,
# 平成十五年…第四百二十号): arabic, full-width or kanji up to 千 (no 条 or 号 reaches 万; 零 is never written in them).
# The parser, the citation reader, the amend and draft stages share it; the applier keeps its own (apply.py).
ORDINAL_DIGIT = "[〇一二三四五六七八九十百千0-9０-９]"
ORDINAL_NUMERAL = ORDINAL_DIGIT + "+"

# 細目 are counted in two kana orders: イロハ (national) and アイウエオ (横書き 例規).
IROHA = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス"
AIUEO = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# ⑴..⒇ (parenthesized digits) and ①..⑳ (circled digits) as used for 号 in 例規.
_PAREN_DIGITS = {chr(0x2474 + i): i + 1 for i in range(20)}
_CIRCLED_DIGITS = {chr(0x2460 + i): i + 1 for i in range(20)}


def to_halfwidth_digits(text: str) -> str:
    """Replace 全角 digits by ASCII digits, leaving every other character alone."""
    return text.translate(_FULLWIDTH_DIGITS)


def normalize_for_match(text: str) -> str:
    """NFKC-normalise for matching only (全角/半角 digits, parentheses); never use the result for output."""
    return unicodedata.normalize("NFKC", text)


def kanji_to_int(text: str) -> int:
    """Convert a 漢数字 numeral (七十七, 二百三, 千九百四十七, 二〇二〇) or digits (77, ７７) to int."""
    text = to_halfwidth_digits(text.strip())
    if not text:
        raise ValueError("empty numeral")
    if text.isdigit():
        return int(text)
    if all(ch in _DIGITS for ch in text):
        # Positional form written digit by digit (二〇二〇).
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total = 0
    section = 0
    number = 0
    for ch in text:
        if ch in _DIGITS:
            number = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            section += (number or 1) * _SMALL_UNITS[ch]
            number = 0
        elif ch in _LARGE_UNITS:
            total += (section + number) * _LARGE_UNITS[ch]
            section = 0
            number = 0
        elif ch.isdigit():
            number = number * 10 + int(ch)
        else:
            raise ValueError(f"not a numeral: {text!r}")
    return total + section + number


@lru_cache(maxsize=4096)
def int_to_kanji(value: int) -> str:
    """Write a non-negative int as 漢数字 the way statutes do (七十七, 百二, 千九百四十七)."""
    if value < 0:
        raise ValueError("negative numeral")
    if value == 0:
        return "〇"
    parts: list[str] = []
    for unit_value, unit in ((100_000_000, "億"), (10_000, "万")):
        if value >= unit_value:
            parts.append(_below_man(value // unit_value) + unit)
            value %= unit_value
    if value:
        parts.append(_below_man(value))
    return "".join(parts)


def _below_man(value: int) -> str:
    out = []
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十")):
        digit, value = divmod(value, unit_value)
        if digit:
            # 法令 write 百, 千, 十 without a leading 一.
            out.append(("" if digit == 1 else _KANJI_DIGITS[digit]) + unit)
    if value:
        out.append(_KANJI_DIGITS[value])
    return "".join(out)


def format_number(value: int, style: Style) -> str:
    """A number in the document's style: 漢数字 for national laws, arabic for 横書き 例規."""
    return int_to_kanji(value) if style == "kanji" else str(value)


def num_to_text(num: str, style: Style) -> str:
    """Render an e-Gov number with 枝番 ("77_28") as 七十七の二十八 / 77の28."""
    return "の".join(format_number(int(part), style) for part in num.split("_"))


# Cached: finalize() renders the same few hundred ordinals for every provision of a corpus.
@lru_cache(maxsize=8192)
def ordinal_title(num: str, unit: str, style: Style) -> str:
    """第七十七条の二十八 / 第77条の28 from ("77_28", "条"). The 枝番 follows the unit, as statutes write it."""
    head, *branches = num.split("_")
    text = f"第{format_number(int(head), style)}{unit}"
    for branch in branches:
        text += f"の{format_number(int(branch), style)}"
    return text


_ORDINAL_RE = re.compile(
    r"^第(?P<head>[0-9０-９" + KANJI_NUMERAL_CHARS + r"]+)(?P<unit>[編章節款目条項号])"
    r"(?P<branches>(?:の[0-9０-９" + KANJI_NUMERAL_CHARS + r"]+)*)$"
)


def parse_ordinal(title: str) -> tuple[str, str]:
    """Parse 第七十七条の二十八 / 第77条の28 / 第５条 into ("77_28", "条").

    Raises ValueError for anything else, so that callers can report the line.
    """
    compact = re.sub(r"\s+", "", title)
    match = _ORDINAL_RE.match(compact)
    if not match:
        raise ValueError(f"not an ordinal: {title!r}")
    nums = [str(kanji_to_int(match["head"]))]
    if match["branches"]:
        nums += [str(kanji_to_int(b)) for b in match["branches"].split("の")[1:]]
    return "_".join(nums), match["unit"]


def detect_style(sample: str) -> Style:
    """Guess the numbering style from how articles are numbered in a text sample."""
    kanji = len(re.findall(r"第[" + KANJI_NUMERAL_CHARS + r"]+条", sample))
    arabic = len(re.findall(r"第[0-9０-９]+条", sample))
    return "arabic" if arabic > kanji else "kanji"


# --- 号 and 細目 titles -------------------------------------------------------------------------------

_PAREN_RE = re.compile(r"^[(（]\s*(.+?)\s*[)）]$")

KanaOrder = Literal["iroha", "aiueo"]


def item_title_value(title: str, kana_order: KanaOrder = "aiueo") -> tuple[str, int] | None:
    """Classify a 号/細目 title and return (family, ordinal), or None when it is no such title.

    Families: "kanji" (一), "digit" (1), "paren-digit" ((1) ⑴ （１）), "circled" (①), "kana" (ア, イ),
    and "paren-" + any of these ((ア), (一)). Kana are counted in ``kana_order``: national laws use
    イロハ順, 横書き 例規 use アイウエオ順.
    """
    title = title.strip()
    if not title:
        return None
    if title in _PAREN_DIGITS:
        return "paren-digit", _PAREN_DIGITS[title]
    if title in _CIRCLED_DIGITS:
        return "circled", _CIRCLED_DIGITS[title]
    inner = _PAREN_RE.match(title)
    if inner:
        bare = _bare_value(inner.group(1), kana_order)
        if bare is None:
            return None
        family, value = bare
        return ("paren-digit" if family == "digit" else f"paren-{family}"), value
    return _bare_value(title, kana_order)


def _bare_value(text: str, kana_order: KanaOrder) -> tuple[str, int] | None:
    digits = to_halfwidth_digits(text)
    if digits.isdigit():
        return "digit", int(digits)
    if all(ch in KANJI_NUMERAL_CHARS for ch in text):
        try:
            return "kanji", kanji_to_int(text)
        except ValueError:
            return None
    if len(text) == 1:
        order = IROHA if kana_order == "iroha" else AIUEO
        if text in order:
            return "kana", order.index(text) + 1
    return None
