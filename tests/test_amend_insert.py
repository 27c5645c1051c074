"""Grammar-aware insertion on real provisions: each verb class and ending, the refusals, the connective levels."""

import pytest

from analogreg.amend import DIGITAL_WORDING_NOTE, propose
from analogreg.amend.check import grammar_problems, kept_outside
from analogreg.amend.insert import inflect_phrase, minimal_edit, sentence_ending, tail_problem
from analogreg.amend.selftest import example_finding, example_law
from analogreg.classify import analyze
from analogreg.settings import Settings, load_settings
from analogreg.tokenize import tokenize

SETTINGS = load_settings()
EXPLICIT = Settings.model_validate(SETTINGS.model_dump() | {"etsuran_mode": "explicit"})


def _propose(text: str, category: str, matched: str | None = None, settings: Settings = SETTINGS):
    law = example_law(text)
    return propose(example_finding(law, category, matched), law, settings)


def _assert_clean(old: str, new: str) -> None:
    assert kept_outside(old, new) == []
    assert grammar_problems(old, new) == []


@pytest.mark.parametrize(
    ("text", "category", "matched", "settings", "anchor", "replacement"),
    [
        # サ変 noun + する before なければならない: the alternative takes 未然形 し.
        (
            "警備業者は、認定証をその主たる営業所の見やすい場所に掲示しなければならない。",
            "書面掲示",
            "掲示",
            SETTINGS,
            "掲示しなければ",
            "掲示し、又はインターネットの利用その他の方法により公表しなければ",
        ),
        # 下一段 掲げる: 掲げ stays, the alternative takes the 未然形 掲げ had.
        (
            "浄化槽清掃業者は、環境省令で定めるところにより、その営業所ごとに、その見やすい場所に、氏名又は名称その他"
            "の環境省令で定める事項を記載した標識を掲げなければならない。",
            "書面掲示",
            "標識を掲げ",
            SETTINGS,
            "標識を掲げなければ",
            "標識を掲げ、又は当該標識に記載すべき事項をインターネットの利用その他の方法により公表しなければ",
        ),
        # サ変 single verb 供する before なければならない: 供し stays, the alternative takes 未然形 し.
        (
            "文化庁長官は、著作権等管理事業者登録簿を公衆の縦覧に供しなければならない。",
            "往訪閲覧・縦覧",
            "縦覧に供し",
            EXPLICIT,
            "公衆の縦覧に供しなければ",
            "公衆の縦覧に供し、又はインターネットの利用その他の方法により公表しなければ",
        ),
        # とともに after ておく (連用形 し + て): the alternative takes 連用形 and keeps ておくとともに.
        (
            "クリーニング所においては、苦情の申出先となるクリーニング所の名称、所在地及び電話番号を店頭に掲示しておく"
            "とともに、洗たく物の受取及び引渡しをしようとする際に、当該掲示事項を記載した書面を配布する。",
            "書面掲示",
            "掲示",
            SETTINGS,
            "店頭に掲示しておくとともに",
            "店頭に掲示し、又はインターネットの利用その他の方法により公表しておくとともに",
        ),
        # causative 常駐させ: the alternative is causative too (実施させ).
        (
            "行政書士法人は、その事務所に、当該事務所の所在地の属する都道府県の区域に設立されている行政書士会の会員で"
            "ある社員を常駐させなければならない。",
            "常駐専任",
            "常駐させ",
            SETTINGS,
            "常駐させなければならない。",
            "常駐させ、又は情報通信機器を用いて遠隔でその職務を実施させなければならない。ただし、遠隔で実施する場合は、"
            "その職務の適正な実施を確保するために必要な措置を講じなければならない。",
        ),
    ],
)
def test_alternative_takes_the_verbs_form(text, category, matched, settings, anchor, replacement):
    proposal = _propose(text, category, matched, settings)
    assert proposal is not None
    assert text.count(anchor) == 1
    assert proposal.new_text == text.replace(anchor, replacement)
    _assert_clean(text, proposal.new_text)


def test_proviso_takes_the_sentences_own_closing():
    # 公認会計士法施行規則: a requirement ending in こと → the ただし書 ends 講ずること.
    text = "従たる事務所を設ける場合には、当該事務所に社員が常駐していること。"
    proposal = _propose(text, "常駐専任", "常駐")
    assert proposal is not None
    assert proposal.new_text == (
        "従たる事務所を設ける場合には、当該事務所に社員が常駐し、又は情報通信機器を用いて遠隔でその職務を実施して"
        "いること。ただし、遠隔で実施する場合は、その職務の適正な実施を確保するために必要な措置を講ずること。"
    )
    _assert_clean(text, proposal.new_text)


@pytest.mark.parametrize(
    ("text", "category", "matched", "reason"),
    [
        (
            "液化石油ガス販売事業者以外の者は、前項の標識又はこれに類似する標識を掲示してはならない。",
            "書面掲示",
            "掲示",
            "禁止",
        ),
        ("許可なくポスター、チラシ等を配布し、又は掲示しないこと。", "書面掲示", "掲示", "否定形"),
        ("第三十条又は第三十九条の規定に違反して標識を掲げない者", "書面掲示", "標識を掲げ", "否定形"),
        (
            "第十三条第一項の規定に違反して、主務省令で定める様式の標識を掲示しなかった者",
            "書面掲示",
            "掲示",
            "否定形",
        ),
        (
            "簡裁訴訟代理等関係業務を行うことを目的とする司法書士法人は、特定社員が常駐していない事務所においては、"
            "簡裁訴訟代理等関係業務を取り扱うことができない。",
            "常駐専任",
            "常駐",
            "否定形",
        ),
        (
            "ただし、保安統括者が当該鉱山に常駐し、かつ、本文の要件を備える場合は、この限りでない。",
            "常駐専任",
            "常駐",
            "かつ",
        ),
        (
            "銀行は、前条第一項の認可を受けたときは、内閣府令で定めるところにより、直ちに、その旨及び当該認可を受けた"
            "事項の内容を公告するとともに、当該銀行を所属銀行とする銀行代理業者に通知し、かつ、一月を下らない期間、"
            "すべての営業所の公衆の目につきやすい場所に掲示しなければならない。",
            "書面掲示",
            "掲示",
            "かつ",
        ),
        (
            "法第11条第3項及び第11条の2第12項に規定する閲覧の状況の公表は、三郷市公告式条例(昭和31年条例第1号)第2条"
            "第2項に規定する掲示板に掲示し、又はその他の方法によるものとする。",
            "書面掲示",
            "掲示",
            "又は",
        ),
        # 大深度地下の公共的使用に関する特別措置法施行令 第八条第四項 (egov 2020): the 掲示 is inside the first member
        # of a 「、又は」 that follows; 「掲示し、又は…公表するとともに…掲載し、又は…掲示しなければ」 would put two
        # 又は at two levels.
        (
            "前項の求めを受けた都道府県知事又は市町村長は、それぞれ、その求めを受けた日から一週間以内に、都道府県の"
            "掲示場に掲示するとともに都道府県の公報に掲載し、又は当該市町村の掲示場に掲示しなければならない。",
            "書面掲示",
            "掲示する",
            "後に「又は」",
        ),
        # 行政機関が行う政策の評価に関する法律施行規則 第二条第三号 (egov 2020): one of a list of four (A、B、C又はD).
        (
            "掲示し、提示し、縦覧若しくは閲覧に供し、又は謄写させること。",
            "書面掲示",
            "掲示",
            "後に「又は」",
        ),
        # 大深度地下の公共的使用に関する特別措置法施行令 第八条第三項: 掲示するとともに…求め、…求め、又は…掲載する;
        # the posting is inside the first branch of the later 又は.
        (
            "市町村長は、必要があると認めるときは、事業区域の所在する都道府県の知事に対して公示による通知があった旨を"
            "都道府県の掲示場に掲示するとともに都道府県の公報に掲載することを求め、通知を受けるべき者の住所若しくはその"
            "者の最後の住所の属する市町村の長に対して公示による通知があった旨を掲示することを求め、又は公示による通知"
            "があった旨を官報に掲載することができる。",
            "書面掲示",
            "掲示",
            "後に「又は」",
        ),
    ],
)
def test_unsafe_forms_are_left_for_a_drafter(text, category, matched, reason):
    proposal = _propose(text, category, matched)
    assert proposal is not None
    assert proposal.new_text == proposal.old_text
    assert "要手動起案" in proposal.note and reason in proposal.note


def test_connective_goes_down_a_level_inside_a_sentence_joined_by_mata_wa():
    flat = "市長は、必要と認めるときは、耐震改修等に係る状況について実地調査を行うことができる。"
    nested = "市長は、必要があると認めるときは、補助金交付決定者に報告を求め、又は実地調査することができる。"
    assert "実地に、又は映像及び音声" in _propose(flat, "実地検査", "実地調査").new_text
    assert "実地に若しくは映像及び音声" in _propose(nested, "実地検査", "実地調査").new_text


@pytest.mark.parametrize(
    ("text", "category", "matched", "expected"),
    [
        # 労働安全衛生規則 第百五十一条の百二十二: the 又は joins 補修し and 取り替え, after a condition of its own.
        (
            "事業者は、架線集材機械を用いて作業を行うときは、その日の作業を開始する前に、当該作業に用いるスリングの状態"
            "について点検し、異常を認めたときは、直ちに、補修し、又は取り替えなければならない。",
            "目視",
            "点検",
            "スリングの状態について実地で、又はこれと同等の方法により点検し、異常を認めたときは",
        ),
        # 労働安全衛生規則 第二百五十七条第一号: 製造し、又は取り扱う modifies 設備, a chain of its own.
        (
            "危険物を製造し、又は取り扱う設備及び当該設備の附属設備について、随時点検し、異常を認めたときは、直ちに、"
            "必要な措置をとること。",
            "目視",
            "点検",
            "随時実地で、又はこれと同等の方法により点検し",
        ),
        # 文部科学大臣の所管に属する公益信託…規則 第二十九条第一項: また starts another sentence part.
        (
            "文部科学大臣は、法第三条及び同法第四条第一項の規定により、受託者に対し、報告を求め、又は資料を提出させる"
            "ことができ、また、その職員をして公益信託の業務の処理について実地に検査させることができる。",
            "実地検査",
            "実地に",
            "実地に、又は映像及び音声",
        ),
        # 公営住宅法 第四十九条第一項: the inspection is the 又は's second branch, through 指定して、.
        (
            "国土交通大臣及び都道府県知事は、公営住宅の整備、共同施設の整備並びにこれらの管理及び災害に基づく補修に"
            "関し、事業主体に対して報告させ、又は当該職員を指定して、関係の物件若しくは書類を実地検査させることが"
            "できる。",
            "実地検査",
            "実地検査",
            "実地に若しくは映像及び音声",
        ),
        # 国有財産法 第二十八条の五: the branch opens with a condition (又は必要があると認めるときは、).
        (
            "各省各庁の長は、第二十八条の二第一項の規定により土地を信託した場合には、当該土地に係る信託事務の処理を"
            "適正に行うため、政令で定めるところにより、その信託の受託者に対し、信託事務の処理状況に関する資料若しくは"
            "報告を求め、又は必要があると認めるときは、当該職員に実地監査をさせ、信託事務の処理について必要な指示を"
            "することができる。",
            "実地検査",
            "実地監査",
            "実地に若しくは映像及び音声",
        ),
        # 建築基準法に基づく指定建築基準適合判定資格者検定機関等に関する省令 第六十三条第五号: nouns listed with 、
        # (製造、検査若しくは品質管理) inside the branch.
        (
            "施行規則第十一条の二の三第二項第一号に規定する場合においては、申請者が工場その他の事業場（以下この章に"
            "おいて「工場等」という。）において行う試験に立ち会い、又は工場等における指定建築材料の製造、検査若しくは"
            "品質管理を実地に確認し、その結果を記載した書類等により審査を行うこと。",
            "実地検査",
            "実地に",
            "実地に若しくは映像及び音声",
        ),
    ],
)
def test_the_connective_follows_the_chain_the_place_is_in(text, category, matched, expected):
    # 法制執務: 又は / 若しくは grade one chain of alternatives; a 又は of another chain in the sentence does not
    # push the inserted one down a level.
    proposal = _propose(text, category, matched)
    assert proposal is not None
    assert expected in proposal.new_text, proposal.new_text
    _assert_clean(text, proposal.new_text)


def test_a_sentence_already_two_levels_deep_is_not_amended():
    # 船員法施行規則 (egov 2020): clauses joined by 、若しくは and 、又は; a third level cannot be added safely.
    text = (
        "第三条の七第一項第一号から第十一号までの規定により水密を保持すべき水密戸等を開放し、若しくは閉じ、又は"
        "第三条の八の規定により点検したとき。"
    )
    proposal = _propose(text, "目視", "点検")
    assert proposal.new_text == text
    assert "二段階" in proposal.note


def test_inserted_parentheses_follow_the_document():
    # 三郷市下水道条例施行規則 第6条の6: the 例規集 writes ( ); 弁理士法 第三十一条の二: （ ）.
    half = (
        "条例第9条の5第3項の規定による登録の更新を受けようとする者は、登録の有効期間が満了する前に、埼玉県下水道協会"
        "(以下「協会」という。)が実施する更新講習を受講しなければならない。"
    )
    full = (
        "弁理士は、経済産業省令で定めるところにより、日本弁理士会が行う資質の向上を図るための研修を受けなければ"
        "ならない。"
    )
    assert "更新講習(映像及び音声の送受信により" in _propose(half, "対面講習", "講習").new_text
    assert "研修（映像及び音声の送受信により" in _propose(full, "対面講習", "研修").new_text


def test_settings_change_the_model_phrases():
    settings = Settings.model_validate(
        SETTINGS.model_dump() | {"video_audio_connective": "と", "appropriate_method": True}
    )
    koji = _propose("次に該当するときは、その都度三郷市掲示場に掲示して公示する。", "書面掲示", "掲示", settings)
    assert "インターネットの利用その他の適切な方法により公衆の閲覧に供して公示する" in koji.new_text
    jicchi = _propose(
        "令第四条第九号ロの規定による確認は、一年に一回以上、実地に行うものとする。", "実地検査", "実地", settings
    )
    assert "映像と音声の送受信により相手の状態を相互に認識しながら" in jicchi.new_text


def test_amending_the_amended_text_changes_nothing():
    text = "指定居宅介護支援事業者は、指定居宅介護支援事業所の見やすい場所に、重要事項を掲示しなければならない。"
    first = _propose(text, "書面掲示", "掲示")
    # The scan reads the amended clause as already digital, so the pipeline asks for no proposal at all ...
    assert analyze(first.new_text).already_digital
    # ... and a finding that asked anyway gets one that changes nothing and says why (never a second insertion).
    again = _propose(first.new_text, "書面掲示", None)
    assert again is not None and again.new_text == again.old_text
    assert DIGITAL_WORDING_NOTE in again.note


def test_inflect_phrase_and_causative():
    assert inflect_phrase("インターネットの利用その他の方法により公表する", "未然形-一般") == (
        "インターネットの利用その他の方法により公表し"
    )
    assert inflect_phrase("遠隔でその職務を実施する", "連用形-一般", causative=True) == "遠隔でその職務を実施させ"
    assert inflect_phrase("必要な措置を講ずる", "終止形-一般", causative=True) == "必要な措置を講じさせる"
    assert inflect_phrase("公衆の閲覧に供する", "連用形-一般") == "公衆の閲覧に供し"
    assert inflect_phrase("インターネットの利用", "連用形-一般") is None  # no verb to inflect


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("社員を常駐させなければならない。", ("なければならない", "未然形-一般")),
        ("標識を掲示するものとする。", ("ものとする", "連体形-一般")),
        ("その事業場に専属の者を選任すること。", ("こと", "連体形-一般")),
        ("その旨を閲覧場所に掲示する。", ("", "終止形-一般")),
    ],
)
def test_sentence_ending(text, expected):
    tokens = tokenize(text)
    assert sentence_ending(tokens, 0, len(tokens) - 1) == expected


def test_tail_problem_keys_on_tokens_not_strings():
    tokens = tokenize("掲示しておかなければならない。")
    assert tail_problem(tokens, 2, len(tokens)) is None  # ておか+なければ is still a duty
    tokens = tokenize("掲示する場所を定める。")
    assert "連体修飾" in tail_problem(tokens, 2, len(tokens))


def test_minimal_edit_keeps_shared_characters():
    text = "掲示するものとする。"
    edit = minimal_edit(text, 2, 4, "し、又は公表する")
    assert (edit.start, edit.end, edit.new) == (2, 2, "し、又は公表")


def test_a_mata_wa_of_an_earlier_condition_does_not_hold_the_predicate_back():
    # 感染症の予防及び感染症の患者に対する医療に関する法律 第三十六条第四項 (egov 2020): the 「、又は」 is inside the
    # 「…場合には」 clause before the duty, which stands alone: the alternative is added at the top level.
    text = (
        "都道府県知事は、第三十二条又は第三十三条に規定する措置を実施し、又は当該職員に実施させる場合には、適当な"
        "場所に当該措置を実施する旨及びその理由その他厚生労働省令で定める事項を掲示しなければならない。"
    )
    proposal = _propose(text, "書面掲示", "掲示")
    assert proposal.new_text == text.replace(
        "掲示しなければ", "掲示し、又はインターネットの利用その他の方法により公表しなければ"
    )
    _assert_clean(text, proposal.new_text)
