"""漢数字 and ordinal titles as statutes write them."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analogreg.numbering import (
    detect_style,
    int_to_kanji,
    item_title_value,
    kanji_to_int,
    ordinal_title,
    parse_ordinal,
)


@pytest.mark.parametrize(
    ("kanji", "value"),
    [
        ("一", 1),
        ("十", 10),
        ("十一", 11),
        ("二十", 20),
        ("七十七", 77),
        ("百", 100),
        ("百二", 102),
        ("千九百四十七", 1947),
        ("一万二千", 12000),
        ("二〇二〇", 2020),
        ("７７", 77),
        ("77", 77),
    ],
)
def test_kanji_to_int(kanji, value):
    assert kanji_to_int(kanji) == value


@pytest.mark.parametrize(
    ("value", "kanji"),
    [
        (1, "一"),
        (10, "十"),
        (77, "七十七"),
        (100, "百"),
        (1947, "千九百四十七"),
        (10000, "一万"),
        (110, "百十"),
    ],
)
def test_int_to_kanji(value, kanji):
    assert int_to_kanji(value) == kanji


@given(st.integers(min_value=0, max_value=10**9))
def test_kanji_round_trip(value):
    assert kanji_to_int(int_to_kanji(value)) == value


@pytest.mark.parametrize(
    ("title", "parsed"),
    [
        ("第七十七条の二十八", ("77_28", "条")),
        ("第77条の28", ("77_28", "条")),
        ("第５条", ("5", "条")),
        ("第一条の二の三", ("1_2_3", "条")),
        ("第二章", ("2", "章")),
        ("第 3 条", ("3", "条")),
    ],
)
def test_parse_ordinal(title, parsed):
    assert parse_ordinal(title) == parsed


def test_parse_ordinal_rejects_other_text():
    with pytest.raises(ValueError):
        parse_ordinal("附則")


@pytest.mark.parametrize(
    ("num", "style", "title"),
    [("77_28", "kanji", "第七十七条の二十八"), ("77_28", "arabic", "第77条の28"), ("1", "kanji", "第一条")],
)
def test_ordinal_title(num, style, title):
    assert ordinal_title(num, "条", style) == title


@pytest.mark.parametrize(
    ("title", "order", "value"),
    [
        ("一", "iroha", ("kanji", 1)),
        ("(1)", "aiueo", ("paren-digit", 1)),
        ("⑴", "aiueo", ("paren-digit", 1)),
        ("（１２）", "aiueo", ("paren-digit", 12)),
        ("イ", "iroha", ("kana", 1)),
        ("イ", "aiueo", ("kana", 2)),
        ("(ア)", "aiueo", ("paren-kana", 1)),
        ("①", "aiueo", ("circled", 1)),
        ("附則", "aiueo", None),
    ],
)
def test_item_title_value(title, order, value):
    assert item_title_value(title, order) == value


def test_detect_style():
    assert detect_style("第一条　この法律は") == "kanji"
    assert detect_style("第1条 この条例は、第2条") == "arabic"
