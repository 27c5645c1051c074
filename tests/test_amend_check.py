"""The reviewer's checks on a proposed wording catch what they are meant to catch, on real provisions."""

from analogreg.amend.check import grammar_problems, kept_outside, split_sentences

# 警備業法 第六条第一項 (egov 2020)
HEAD = "警備業者は、認定証をその主たる営業所の見やすい場所に"
OLD = HEAD + "掲示しなければならない。"


def test_a_clean_alternative_passes():
    new = HEAD + "掲示し、又はインターネットの利用その他の方法により公表しなければならない。"
    assert kept_outside(OLD, new) == []
    assert grammar_problems(OLD, new) == []


def test_a_wrong_form_of_the_alternative_is_caught():
    # 公表する (終止形) cannot stand before なければ: the 未然形 し was needed.
    new = HEAD + "掲示し、又はインターネットの利用その他の方法により公表するなければならない。"
    assert grammar_problems(OLD, new)


def test_a_changed_ending_is_caught():
    new = HEAD + "掲示し、又はインターネットの利用その他の方法により公表するものとする。"
    assert grammar_problems(OLD, new)
    assert kept_outside(OLD, new)  # なければならない was removed


def test_removed_wording_is_caught_unless_it_is_a_replaceable_medium():
    # 税理士法 第四十一条第三項: the medium is replaced (FD等), which only a replacing template may do.
    old = "税理士は、財務省令で定めるところにより、第一項の帳簿を磁気ディスクをもつて調製することができる。"
    new = "税理士は、財務省令で定めるところにより、第一項の帳簿を電磁的記録媒体をもつて調製することができる。"
    assert kept_outside(old, new)
    assert kept_outside(old, new, replaceable=("磁気ディスク",)) == []
    assert kept_outside(old, new, replaceable=("光ディスク",))  # the changed stretch holds no such word
    assert grammar_problems(old, new) == []


def test_an_added_sentence_must_be_a_proviso():
    old = "司法書士法人は、その事務所に、社員を常駐させなければならない。"
    ok = old + "ただし、遠隔で実施する場合は、その職務の適正な実施を確保するために必要な措置を講じなければならない。"
    bad = old + "この場合において、必要な措置を講じなければならない。"
    assert grammar_problems(old, ok) == []
    assert grammar_problems(old, bad)


def test_sentences_split_outside_brackets():
    text = "電磁的記録媒体（…をいう。以下同じ。）を提出する。ただし、この限りでない。"
    assert split_sentences(text) == ["電磁的記録媒体（…をいう。以下同じ。）を提出する。", "ただし、この限りでない。"]
