"""The conjugation table (tokenize.conjugate / inflect): the forms an inserted alternative has to take.

Every expectation is a form a statute writes; the dictionary table is also cross-checked against the regular
paradigms so that a wrong entry chosen among variant spellings shows up here.
"""

import pytest

from analogreg.tokenize import conjugate, conjugation_table, inflect, tokenize


@pytest.mark.parametrize(
    ("lemma", "conj_type", "form", "expected"),
    [
        # 五段
        ("示す", "五段-サ行", "未然形-一般", "示さ"),
        ("示す", "五段-サ行", "連用形-一般", "示し"),
        ("備え置く", "五段-カ行", "連用形-一般", "備え置き"),
        ("備え置く", "五段-カ行", "未然形-一般", "備え置か"),
        ("行う", "五段-ワア行", "未然形-一般", "行わ"),
        ("行う", "五段-ワア行", "連用形-一般", "行い"),
        ("置く", "五段-カ行", "仮定形-一般", "置け"),
        # 下一段 / 上一段
        ("掲げる", "下一段-ガ行", "連用形-一般", "掲げ"),
        ("掲げる", "下一段-ガ行", "仮定形-一般", "掲げれ"),
        ("備え付ける", "下一段-カ行", "連用形-一般", "備え付け"),
        ("受ける", "下一段-カ行", "命令形", "受けよ"),
        ("できる", "上一段-カ行", "連用形-一般", "でき"),
        # サ変: する, 供する, 講ずる, in the written register (せよ, not しろ)
        ("する", "サ行変格", "未然形-一般", "し"),
        ("する", "サ行変格", "未然形-サ", "さ"),
        ("する", "サ行変格", "未然形-セ", "せ"),
        ("する", "サ行変格", "命令形", "せよ"),
        ("供する", "サ行変格", "連用形-一般", "供し"),
        ("供する", "サ行変格", "未然形-サ", "供さ"),
        ("供する", "サ行変格", "未然形-セ", "供せ"),
        ("講ずる", "サ行変格", "未然形-一般", "講じ"),
        ("講ずる", "サ行変格", "終止形-一般", "講ずる"),
        ("講ずる", "サ行変格", "命令形", "講ぜよ"),
        # causative 助動詞
        ("せる", "下一段-サ行", "連用形-一般", "せ"),
        ("させる", "下一段-サ行", "連体形-一般", "させる"),
    ],
)
def test_conjugate_statute_forms(lemma, conj_type, form, expected):
    assert conjugate(lemma, conj_type, form) == expected


def test_unknown_forms_are_none():
    assert conjugate("掲示", "*", "連用形-一般") is None
    assert conjugate("講ずる", "サ行変格", "未然形-サ") is None  # 講じさせる, never 講ざせる


def test_dictionary_table_agrees_with_the_regular_paradigms():
    """Across the whole dictionary, the table's 五段 and 一段 forms are the regular ones (no stray variant)."""
    checked = disagree = 0
    for (lemma, conj_type), forms in conjugation_table().items():
        if not conj_type.startswith(("五段-", "下一段-", "上一段-")) or not lemma.endswith(("る", "う", "く", "す")):
            continue
        for form in ("未然形-一般", "連用形-一般", "仮定形-一般"):
            if form not in forms:
                continue
            checked += 1
            if conjugate(lemma, conj_type, form) != forms[form]:
                disagree += 1
    assert checked > 20_000
    assert disagree / checked < 0.01


@pytest.mark.parametrize(
    ("text", "lemma", "form", "expected"),
    [
        ("標識を掲げなければならない。", "掲げる", "終止形-一般", "掲げる"),
        ("標識を掲げるとともに", "掲げる", "連用形-一般", "掲げ"),
        ("公衆の縦覧に供するものとする。", "供する", "連用形-一般", "供し"),
        ("必要な措置を講じなければならない。", "講ずる", "終止形-一般", "講ずる"),
        ("帳簿を備え置かなければならない。", "備え置く", "連用形-一般", "備え置き"),
        # 送り仮名 variant: the token's own spelling of the stem is kept.
        ("書類を備付けなければならない。", "備付ける", "終止形-一般", "備付ける"),
    ],
)
def test_inflect_keeps_the_token_spelling(text, lemma, form, expected):
    token = next(t for t in tokenize(text) if t.lemma == lemma)
    assert inflect(token, form) == expected


def test_inflect_of_a_noun_is_none():
    token = next(t for t in tokenize("掲示場に掲示する。") if t.surface == "掲示")
    assert inflect(token, "連用形-一般") is None
