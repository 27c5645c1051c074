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


def test_a_list_of_two_ways_may_take_a_third_but_not_lose_one():
    # 総務省設置法 第六条第三項 (egov 2020): the video call joins 「書面により又は実地に」 as its third way, the first
    # 又は becoming the list's 、 (A、B又はC); dropping a way, or a 又は turned into anything else, is still caught.
    old = "総務大臣は、第四条第一項第十三号に規定する業務について、書面により又は実地に調査することができる。"
    third = "映像及び音声の送受信により相手の状態を相互に認識しながら通話をすることができる方法により"
    listed = old.replace("書面により又は実地に", f"書面により、実地に又は{third}")
    assert kept_outside(old, listed) == []
    assert grammar_problems(old, listed) == []
    assert kept_outside(old, old.replace("書面により又は実地に", f"書面により又は{third}"))
    assert kept_outside(old, old.replace("書面により又は実地に", f"書面により及び実地に又は{third}"))
