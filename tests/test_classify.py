"""classify on real provisions: positives of every category, the hard negatives of the labelling guidelines,
already-digital wording, whole laws parsed from the bundled ordinances, and the Finding records they give."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from law_support import law_of

from analogreg.categories import CATEGORIES
from analogreg.classify import analyze, classify_law, location_key, tokenize_provision
from analogreg.model import Law
from analogreg.parse import parse_file
from analogreg.records import finding_id
from analogreg.ruleset.load import default_ruleset

ROOT = Path(__file__).resolve().parents[1]
RECORDS = {
    rec["id"]: rec
    for rec in map(json.loads, (ROOT / "tests/fixtures/classify/dev_records.jsonl").read_text("utf-8").splitlines())
}
RULESET = default_ruleset()


def record_outcome(rec: dict) -> tuple[set[str], bool]:
    """Analog categories found in the record's paragraph and items, and whether any match is already digital."""
    analyses = [analyze(rec["text"], RULESET, caption=rec["caption"])] + [
        analyze(item, RULESET, caption=rec["caption"], ancestors=rec["text"]) for item in rec["items"]
    ]
    analog = {h.category for a in analyses for h in a.analog_hits}
    digital = any(h.digital for a in analyses for h in a.hits)
    return analog, digital


POSITIVES = [
    "D0001",  # 立ち入り、…検査させることができる
    "D0002",  # フレキシブルディスクの構造
    "D0017",  # 講習を受けなければならない
    "D0054",  # 一般の縦覧に供しなければならない
    "D0062",  # item: 標識をかご内の見やすい場所に掲示すること
    "D0073",  # item: 専任の管理者が置かれていること
    "D0164",  # 巡視させ
    "D0020",  # 定期事業者検査
    "D0194",  # 実地の確認, 常時…点検, 掲示 … (several categories)
    "D0295",  # 財務諸表等を…備えて置かなければならない (見出し 閲覧)
    "E0004",  # 掲示場に掲示して公示する
    "E0101",  # 実地調査することができる
    "E0110",  # 少なくとも毎年1回…巡視し
    "E0128",  # 事業所ごとに常勤の管理者を置かなければならない
]


@pytest.mark.parametrize("rid", POSITIVES)
def test_positive_provisions(rid: str) -> None:
    rec = RECORDS[rid]
    analog, _ = record_outcome(rec)
    assert set(rec["categories"]) <= analog, (rec["where"], analog)
    assert analog - set(rec["categories"]) - set(rec["borderline"]) == set(), (rec["where"], analog)


HARD_NEGATIVES = [
    "D0000",  # 罰則: items cite other provisions' duties (記録を備え置かなかった者, 検査を拒み)
    "D0007",  # 立入検査の権限は、犯罪捜査のために認められたものと解してはならない
    "D0013",  # 立入検査をする職員は…証票を携帯し
    "D0103",  # …の規定は、前項の規定による立入検査について準用する
    "D0116",  # 掲示し、又は備え付けないこと / 掲示しないこと (prohibitions)
    "D0114",  # 専任媒介契約
    "D0146",  # 会長は、非常勤とする
    "D0156",  # 定期的に公表 (not an inspection)
    "D0087",  # 実地試験 (an exam, not an inspection)
    "D0044",  # 磁気ディスク装置 (a device, not a medium)
    "D0025",  # 定義
    "E0001",  # 常勤の職員の給与との権衡
    "E0103",  # 研修を受講する際に要する経費 (a subsidy, not a duty)
    "E0000",  # 整理簿を備え付け (records kept, no viewing)
]


@pytest.mark.parametrize("rid", HARD_NEGATIVES)
def test_hard_negatives(rid: str) -> None:
    rec = RECORDS[rid]
    assert rec["categories"] == []
    analog, _ = record_outcome(rec)
    assert analog - set(rec["borderline"]) == set(), (rec["where"], analog)


ALREADY_DIGITAL = ["D0123", "D0064", "D0329", "D0090", "E0167"]


@pytest.mark.parametrize("rid", ALREADY_DIGITAL)
def test_already_digital(rid: str) -> None:
    rec = RECORDS[rid]
    assert rec["already_digital"]
    analog, digital = record_outcome(rec)
    assert digital, rec["where"]
    assert analog - set(rec["borderline"]) == set(), (rec["where"], analog)


def test_dev_set_regression_floor() -> None:
    """Record-level accuracy on the whole dev set must not fall below these floors (measured: see bench/)."""
    tp = fp = fn = 0
    for rec in RECORDS.values():
        analog, _ = record_outcome(rec)
        gold, borderline = set(rec["categories"]), set(rec["borderline"])
        tp += len(analog & gold)
        fp += len(analog - gold - borderline)
        fn += len(gold - analog)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision >= 0.95 and recall >= 0.93, (precision, recall, tp, fp, fn)


# --- whole laws -----------------------------------------------------------------------------------------


def test_classify_law_on_a_real_act() -> None:
    law = parse_file(ROOT / "ordinances/national/旅館業法.xml").law
    findings = classify_law(law, RULESET, "national/旅館業法.xml")
    by_label = {f.label: f for f in findings}
    assert "第七条第一項" in by_label
    finding = by_label["第七条第一項"]
    assert finding.categories == ["実地検査"]
    assert finding.article == "7" and finding.paragraph == "1" and finding.item is None
    assert finding.law_title == "旅館業法" and finding.law_kind == "法律" and finding.numbering == "kanji"
    assert finding.group == "" and not finding.already_digital
    assert "jitchi.tachiiri_kensa" in finding.rules
    for (begin, end), wording in zip(finding.spans, finding.matched, strict=True):
        assert finding.text[begin:end] == wording
    # 第七条第三項 (犯罪捜査のために認められたものと解釈してはならない) is a side clause, not a finding.
    assert "第七条第三項" not in by_label
    # Stable ids: the same scan gives the same ids; another document gives others.
    again = classify_law(law, RULESET, "national/旅館業法.xml")
    assert [f.finding_id for f in again] == [f.finding_id for f in findings]
    other = classify_law(law, RULESET, "elsewhere.xml")
    assert {f.finding_id for f in other}.isdisjoint(f.finding_id for f in findings)
    assert finding.finding_id == finding_id(
        "national/旅館業法.xml", location_key(law_unit_location(law, "7", "1")), finding.categories, finding.matched
    )


def law_unit_location(law: Law, article: str, paragraph: str):
    for unit in law.units():
        loc = unit.location
        if loc.article == article and loc.paragraph == paragraph and loc.item is None:
            return loc
    raise AssertionError("no such unit")


def test_classify_law_on_a_municipal_text() -> None:
    law = parse_file(ROOT / "ordinances/misato/三郷市庁舎防火管理規程.txt").law
    findings = {f.label: f for f in classify_law(law, RULESET, "misato/三郷市庁舎防火管理規程.txt")}
    assert findings["第14条"].categories == ["目視", "定期検査・点検"]
    assert findings["第13条"].categories == ["書面掲示"]
    assert all(f.numbering == "arabic" for f in findings.values())
    order = [CATEGORIES.index(c) for f in findings.values() for c in f.categories]
    assert order  # categories come in the fixed CATEGORIES order within each finding
    for f in findings.values():
        assert f.categories == sorted(f.categories, key=CATEGORIES.index)


def build_law(caption: str, paragraph: str, items: list[str]) -> Law:
    """A law of one article (第十条) holding one paragraph and its items."""
    return law_of(("10", "第十条", caption, [(paragraph, items)]))


def test_items_read_with_their_paragraph() -> None:
    items = [
        "第七条の十一の規定に違反して帳簿を備えず、帳簿に記載せず、又は帳簿を保存しなかつたとき。",
        "第七条の十三第一項の規定による立入り若しくは検査を拒み、妨げ、若しくは忌避したとき。",
        "第八条の規定に違反して、同条の標識を営業所の見やすい場所に掲示しなかつたとき。",
    ]
    penalty = build_law("", "次の各号の一に該当するときは、その違反行為をした者は、十万円以下の罰金に処する。", items)
    assert classify_law(penalty, RULESET, "t") == []
    # The same third item under a paragraph that imposes measures is a posting duty, found on the item itself.
    item = items[2].replace("しなかつたとき", "すること")
    duty = build_law("", "営業者は、次に掲げる措置を講じなければならない。", [item])
    findings = classify_law(duty, RULESET, "t")
    assert [(f.label, f.categories, f.item) for f in findings] == [("第十条第一号", ["書面掲示"], "1")]
    assert findings[0].text.startswith("第八条の規定に違反して")


def test_digital_alternative_in_the_same_unit() -> None:
    analog = build_law("（標識の掲示）", "業者は、営業所の見やすい場所に、標識を掲示しなければならない。", [])
    digital = build_law(
        "（標識の掲示）",
        "業者は、営業所の見やすい場所に標識を掲示し、又はインターネットの利用その他の方法により公表しなければならない。",
        [],
    )
    (a,) = classify_law(analog, RULESET, "t")
    (d,) = classify_law(digital, RULESET, "t")
    assert not a.already_digital and d.already_digital
    assert a.categories == d.categories == ["書面掲示"]


def test_mixed_unit_keeps_only_the_analog_categories() -> None:
    text = (
        "市長は、台帳をインターネットの利用により閲覧に供するとともに、その職員に、事業所に立ち入り、"
        "帳簿書類を検査させることができる。"
    )
    (finding,) = classify_law(build_law("", text, []), RULESET, "t")
    assert finding.categories == ["実地検査"] and not finding.already_digital
    assert finding.matched == ["立ち入り"]


def test_paragraph_scope_reads_the_sibling_items() -> None:
    # A right to view or copy financial statements; item 4 lets the record be provided by 電磁的方法, so the
    # viewing of items 1 and 3 is already digital (guidelines). The alternative sits in a sibling item, which
    # neither the item's own text nor the 柱書 holds: the whole paragraph is read.
    head = "利害関係人は、指定講習機関の業務時間内は、いつでも、次に掲げる請求をすることができる。"
    items = [
        "財務諸表等が書面をもつて作成されているときは、当該書面の閲覧又は謄写の請求",
        "前号の書面の謄本又は抄本の請求",
        "財務諸表等が電磁的記録をもつて作成されているときは、当該電磁的記録に記録された情報の内容を紙面又は出力装置の"
        "映像面に表示する方法により表示したものの閲覧又は謄写の請求",
        "前号の電磁的記録に記録された事項を電磁的方法であつて次に掲げるもの（受信者がファイルへの記録を出力することに"
        "より書面を作成できるものに限る。）により提供することの請求又は当該事項を記載した書面の交付の請求",
    ]
    with_provision = classify_law(build_law("（財務諸表等の備置き及び閲覧等）", head, items), RULESET, "t")
    assert [(f.label, f.categories, f.already_digital) for f in with_provision] == [
        ("第十条第一号", ["往訪閲覧・縦覧"], True),
        ("第十条第三号", ["往訪閲覧・縦覧"], True),
    ]
    paper_only = classify_law(build_law("（財務諸表等の備置き及び閲覧等）", head, items[:2]), RULESET, "t")
    assert [(f.label, f.categories, f.already_digital) for f in paper_only] == [
        ("第十条第一号", ["往訪閲覧・縦覧"], False)
    ]
    # A bare text (rules explain, an amended wording checked again) falls back to the unit and what holds it.
    bare = analyze(items[0], RULESET, ancestors=head)
    assert bare.categories == ["往訪閲覧・縦覧"] and not bare.already_digital
    given = analyze(items[0], RULESET, ancestors=head, paragraph="\n".join([head, *items]))
    assert given.already_digital


# Real provisions of the 2020 core laws outside the labelled sets, one per kind of wording the rules were
# generalised to (not the rules' own examples): the category must be found, and nothing the text does not impose.
GENERALISED = [
    (
        "事業者は、コンベヤーを用いて作業を行うときは、その日の作業を開始する前に、次の事項について点検を行わなければ"
        "ならない。",
        {"目視"},
    ),
    (
        "安全器は、作業中、その機能を容易に確かめることができる箇所に置き、かつ、一日一回以上これを点検すること。",
        {"目視", "定期検査・点検"},
    ),
    (
        "事業者は、高所作業車については、一年以内ごとに一回、定期に、次の事項について自主検査を行わなければならない。"
        "ただし、一年を超える期間使用しない高所作業車の当該使用しない期間においては、この限りでない。",
        {"目視", "定期検査・点検"},
    ),
    ("法第八条の二の二第一項の規定による点検は、一年に一回行うものとする。", {"目視", "定期検査・点検"}),
    (
        "煙火は、使用前に吸湿、導火線の損傷その他異常の有無を検査し、異常のある場合には、当該煙火を使用しないこと。",
        {"目視"},
    ),
    (
        "前条第一項の許可を受けた者は、当該許可に係る一般廃棄物処理施設について、都道府県知事の検査を受け、当該一般"
        "廃棄物処理施設が当該許可に係る同条第二項の申請書に記載した設置に関する計画に適合していると認められた後で"
        "なければ、これを使用してはならない。",
        {"実地検査"},
    ),
    (
        "政令で定める屋外タンク貯蔵所又は移送取扱所の所有者、管理者又は占有者は、政令で定める時期ごとに、当該屋外タ"
        "ンク貯蔵所又は移送取扱所に係る構造及び設備に関する事項で政令で定めるものが第十条第四項の技術上の基準に従つ"
        "て維持されているかどうかについて、市町村長等が行う保安に関する検査を受けなければならない。",
        {"定期検査・点検"},
    ),
    ("製造施設には、製造作業中その外部から見やすいように警戒標を掲げること。", {"書面掲示"}),
    ("前号の掲示板の色は、地を白色、文字を黒色とすること。", {"書面掲示"}),
    ("液化石油ガス販売事業者は、その従業者に保安教育を施さなければならない。", {"対面講習"}),
    ("フオークリフトの点検若しくは整備の業務に七年以上従事した経験を有する者", set()),
    ("誘導灯及び誘導標識は、消防庁長官が定める基準に適合するものでなければならない。", set()),
    (
        "事業者は、常時使用する労働者に対し、一年以内ごとに一回、定期に、次の項目について医師による健康診断を行わな"
        "ければならない。",
        set(),
    ),
    (
        "事業者は、前条の点検を行つた場合において、異常を認めたときは、直ちに補修その他必要な措置を講じなければならない。",
        set(),
    ),
]


# The blind2 round (general rules from its misses), checked on provisions of the 2020 e-Gov archive that no labelled
# set holds and no rule example quotes: staffing standards per unit and per facility, a body that must secure or
# endeavour to hold training, warning boards, financial statements kept for viewing, what must stay unmatched (an
# association's officers), and the rule fixing a yearly inspection's due day (基準日 and the month around it), which
# blind6 R0236 and blind8 K0241 label 定期検査・点検.
GENERALISED += [
    (
        "食鳥処理業者は、食鳥処理を衛生的に管理させるため、食鳥処理場ごとに、厚生労働省令で定めるところにより、食鳥処理"
        "衛生管理者を置かなければならない。",
        {"常駐専任"},
    ),
    ("児童厚生施設には、児童の遊びを指導する者を置かなければならない。", {"常駐専任"}),
    ("法人である労働組合には、一人又は数人の代表者を置かなければならない。", set()),
    ("指定訪問介護事業者は、訪問介護員等の資質の向上のために、その研修の機会を確保しなければならない。", {"対面講習"}),
    (
        "文部科学大臣及び都道府県の教育委員会は、学芸員及び学芸員補に対し、その資質の向上のために必要な研修を行うよう"
        "努めるものとする。",
        {"対面講習"},
    ),
    (
        "火薬類取扱所の周囲には、適当な境界さくを設け、かつ、「火薬」、「立入禁止」、「火気厳禁」等と書いた警戒札を建てる"
        "こと。",
        {"書面掲示"},
    ),
    (
        "登録検定機関は、毎事業年度経過後三月以内に、その事業年度の財産目録、貸借対照表及び損益計算書又は収支計算書"
        "並びに事業報告書（その作成に代えて電磁的記録（電子的方式、磁気的方式その他の人の知覚によつては認識することが"
        "できない方式で作られる記録であつて、電子計算機による情報処理の用に供されるものをいう。以下この条において同じ。）"
        "の作成がされている場合における当該電磁的記録を含む。次項及び第五十条第二号において「財務諸表等」という。）を作成"
        "し、五年間事務所に備えて置かなければならない。",
        {"往訪閲覧・縦覧"},
    ),
    (
        "法第三十五条第一項本文の規定により、第二項の保安検査を、前回の保安検査の日から一年を経過した日（同項の経済産業"
        "大臣が定める施設にあつては、同項の経済産業大臣が定める期間を経過した日。以下この項において「基準日」という。）の"
        "前後一月以内（認定完成検査実施者、認定保安検査実施者又は自主保安高度化事業者にあつては、基準日の前後三月以内）に"
        "受け又は自ら保安検査を行つた場合にあつては、基準日において当該検査を受け、又は自ら行つたものとみなす。",
        {"定期検査・点検"},
    ),
]


@pytest.mark.parametrize(("text", "expected"), GENERALISED, ids=[t[:16] for t, _ in GENERALISED])
def test_generalised_wordings(text: str, expected: set[str]) -> None:
    assert set(analyze(text, RULESET).categories) == expected


def test_old_style_sokuon_is_read_as_modern() -> None:
    # 消防法 (1948) writes the 促音 with a full-size つ: 「立ち入つて」 is 立ち入る, not 立つ + 入る.
    text = (
        "消防長又は消防署長は、前条の規定により調査をするために必要があるときは、関係者に対して必要な資料の提出を命じ、"
        "若しくは報告を求め、又は当該消防職員に関係のある場所に立ち入つて、火災により破損され又は破壊された財産の状況"
        "を検査させることができる。"
    )
    result = analyze(text, RULESET)
    assert result.categories == ["実地検査"]
    (hit,) = [h for h in result.hits if h.rule == "jitchi.tachiiri_kensa"]
    # The reported wording and every token surface are the text's own characters, at the text's offsets.
    assert hit.wording == "立ち入つ" == text[hit.begin : hit.end]
    assert all(text[t.begin : t.end] == t.surface for t in result.tokens)
    # 「について」「かつ」 keep their つ: only a つ before て / た is a 促音.
    assert [t.lemma for t in tokenize_provision("について、かつ")][:3] == ["に", "つく", "て"]


def test_half_width_brackets_are_read_as_full_width() -> None:
    # 試験研究の用に供する原子炉等の設置、運転等に関する規則 第十条第一項第二号 writes its bracket half-width; the rule
    # that lets a bracket sit between 「定期に」 and 「実施」 must still read it, and nothing moves.
    text = (
        "二　設計想定事象又は多量の放射性物質等を放出する事故の発生時における試験研究用等原子炉施設の必要な機能を維持"
        "するための活動を行う要員に対する教育及び訓練を定期に(多量の放射性物質等を放出する事故の発生時における措置に"
        "関する教育及び訓練にあつては、毎年一回以上定期に)実施すること。"
    )
    result = analyze(text, RULESET)
    assert result.categories == ["対面講習"]
    assert result.text == text
    assert all(h.wording == text[h.begin : h.end] for h in result.hits)
    assert all(text[t.begin : t.end] == t.surface for t in result.tokens)
    # With the bracket left open (no closing one) the rule no longer reads it: the bracket is what the swap gives.
    assert analyze(text.replace(")", ""), RULESET).categories == []


# The blind3 round for 実地検査 / 書面掲示 / 往訪閲覧・縦覧 (wording mined from unlabelled real text), checked on
# provisions of the 2020 e-Gov archive outside the core laws that no rule example quotes: a corporation's 備置き of
# its minutes, notices at a 掲示場 given by 公告, a call made by posting, a 標示 at a hospital, the 協定 laws' sign in
# the area, katakana statutes' 掲示スベシ / 縦覧ニ供シ, a director's right to read minutes, viewing before the
# registrar; and what must stay out (ledgers kept and preserved, an inspection sticker on a machine).
MINED = [
    (
        "監査役会設置会社は、監査役会の日から十年間、前条第二項の議事録をその本店に備え置かなければならない。",
        "往訪閲覧・縦覧",
        True,
    ),
    (
        "連結法人は、財務省令で定めるところにより、帳簿書類を備え付けてこれにその取引等を記録し、かつ、当該帳簿書類を"
        "保存しなければならない。",
        "往訪閲覧・縦覧",
        False,
    ),
    (
        "森林管理局長は、公募して分収育林契約の申込みをさせようとする場合には、その分収育林契約に係る国有林野を管轄する"
        "森林管理局又は森林管理署（当該国有林野が森林管理署の支署の管轄区域内にある場合においては森林管理署の支署。）の"
        "掲示場にその旨を公告するものとする。",
        "書面掲示",
        True,
    ),
    (
        "法第二百三十六条第一項の規定により施行者が行う特定建築者の公募は、地方公共団体にあっては公報への登載その他所定"
        "の手段により、個人施行者、事業組合、事業会社又は機構等にあっては掲示によって行うものとする。",
        "書面掲示",
        True,
    ),
    (
        "指定養育医療機関は、その病院若しくは診療所又は薬局の見やすい箇所に、様式第二号による標示をしなければならない。",
        "書面掲示",
        True,
    ),
    (
        "事業者は、動力プレスに係る特定自主検査を行つたときは、当該動力プレスの見やすい箇所に、特定自主検査を行つた年月"
        "を明らかにすることができる検査標章をはり付けなければならない。",
        "書面掲示",
        False,
    ),
    (
        "市町村長は、前項の認可をしたときは、国土交通省令で定めるところにより、その旨を公告し、かつ、当該緑地協定の写し"
        "を当該市町村の事務所に備えて公衆の縦覧に供するとともに、緑地協定区域である旨を当該区域内に明示しなければならな"
        "い。",
        "書面掲示",
        True,
    ),
    ("鉄道ハ主要ナル停車場ニハ当該停車場ニ於ケル旅客列車ノ到著時刻表ノ摘要ヲ掲示スベシ", "書面掲示", True),
    (
        "陪審員資格者名簿ノ縦覧期間中又ハ其ノ後ノ異議申立期間内ニ市町村ノ廃置分合又ハ境界変更アリタルトキハ承継市町村長"
        "ハ其ノ庁ニ於テ第八条ノ二ニ依リ分合整備シタル陪審員資格者名簿ヲ引続キ縦覧ニ供シ又ハ異議ノ申立ヲ受ク但シ変動前既ニ"
        "異議ノ申立アリタルモノニ付テハ従前ノ市町村長ニ於テ之ヲ取扱フ",
        "往訪閲覧・縦覧",
        True,
    ),
    ("当該株式会社商品取引所の取締役は、次に掲げるものの閲覧及び謄写をすることができる。", "往訪閲覧・縦覧", True),
    (
        "法第六条第二項の規定による遺言書の閲覧は、遺言書保管官又はその指定する職員の面前でさせるものとする。",
        "往訪閲覧・縦覧",
        True,
    ),
]


# The blind3 round for 定期検査・点検 / 対面講習 (wording mined from unlabelled real text: the 2020 archive outside the
# core laws, core laws outside every labelled set, 三郷市): a frequency given by a table or the items, a count within
# a period counted from the last check, a periodic 確認 of manufacturing control, a daily observation, a 審査 at a
# set frequency, a municipal re-course that keeps a qualification valid; and what must stay out (a document filed
# every three months, a contract's contents, a check 「定期的に又は必要に応じて」, a course application form).
MINED_TEIKI_KOSHU = [
    (
        "法第十四条第五項の規定による有害物質使用特定施設若しくは有害物質貯蔵指定施設の構造又は当該施設の設備に関する"
        "点検は、別表第一の上欄に掲げる有害物質使用特定施設若しくは有害物質貯蔵指定施設の構造又は当該施設の設備の種類"
        "ごとに、それぞれ同表の中欄に掲げる事項について同表の下欄に掲げる回数で行うものとする。",
        "定期検査・点検",
        True,
    ),
    (
        "前項の点検は、地下貯蔵タンク又は二重殻タンクの強化プラスチック製の外殻（以下この項において「地下貯蔵タンク等」と"
        "いう。）を有する製造所等について令第八条第三項の完成検査済証の交付を受けた日又は直近において当該地下貯蔵タンク"
        "等について前項の点検を行った日から、次の各号に掲げる区分に応じ、当該各号に定める期間を経過する日の属する月の末日"
        "までの間に一回以上行わなければならない。",
        "定期検査・点検",
        True,
    ),
    (
        "製造業者等における製造管理及び品質管理が、第七条に規定する取決め及び第十九条から第三十条までの規定に基づき適正"
        "かつ円滑に実施されていることを定期的に確認し、その結果に関する記録を作成すること。",
        "定期検査・点検",
        True,
    ),
    (
        "指示雨量計による観測は、毎日九時に行う。ただし、強雨等の場合は、なるべく毎正時観測を行うものとする。",
        "定期検査・点検",
        True,
    ),
    (
        "前項の審査は、三年（主務大臣が告示で定める鉱工業品又はその加工技術の認証に係るものである場合にあっては、主務大臣"
        "が告示で定める期間）ごとに一回以上の頻度で行うものとする。",
        "定期検査・点検",
        True,
    ),
    (
        "前条第一項の認定を受けた軽油特定加工業者（以下「認定軽油特定加工業者」という。）は、法第十七条の八第四項において"
        "準用する法第十七条の四の二第一項の規定による軽油の確認を、第二十五条第一項第五号の規定にかかわらず、軽油特定加工"
        "計画期間中、三月以内に一回の頻度で行わなければならない。",
        "定期検査・点検",
        True,
    ),
    (
        "応急手当指導員の認定については、資格認定日から3年で失効するものとする。ただし、失効前に 別表第7 に定める"
        "応急手当指導員再講習を受講した者についてはさらに3年間有効とし、それ以降も同様とする。",
        "対面講習",
        True,
    ),
    (
        "認定揮発油特定加工業者は、混和対象物生産業者等が生産又は輸入した混和対象物が当該混和対象物を用いて揮発油を生産"
        "した場合に揮発油規格に適合するものであることが当該混和対象物の供給設備ごとに確認されたことを証する書面を、揮発油"
        "特定加工計画期間中、三月以内に一回の頻度で、様式第十四の三により経済産業大臣又は経済産業局長に届け出なければなら"
        "ない。",
        "定期検査・点検",
        False,
    ),
    (
        "申請事業場の電気工作物の点検を、別に告示する頻度で行うこと並びに災害、事故その他非常の場合における設置者と委託"
        "契約の相手方との連絡その他必要事項が委託契約に定められていること。",
        "定期検査・点検",
        False,
    ),
    (
        "委託先における当該業務の実施状況を、定期的に又は必要に応じて確認すること等により、委託先が当該業務を適正かつ確実"
        "に遂行しているかを検証し、必要に応じ改善させる等、委託先に対する必要かつ適切な監督等を行うための措置",
        "定期検査・点検",
        False,
    ),
    (
        "法第十三条の四第一項の講習を受けようとする者は、講習受講申込書を当該講習を行う登録講習機関に提出しなければ"
        "ならない。",
        "対面講習",
        False,
    ),
]


# The blind3 round for 目視 / 常駐専任 (wording mined from unlabelled real text: the 2020 archive outside the core laws
# and 三郷市, blind3 units skipped): the operator's own inspection of its equipment said with 検査, a watcher's
# 常時監視, a defect check said with 確認; staffing standards naming the site between 専ら and 職務, one post per
# unit with a count or a post-holder chosen to do the work there, a conditional staff duty under a staffing 見出し;
# a watcher merely posted is 常駐専任, not 目視 (as every labelled record with one reads it); and what must stay out
# (a body's remit, a description of whom another rule speaks of, officers of a body under a staffing 見出し).
MINED_MOKUSHI_JOCHU = [
    (
        "保安装置については、一年以下の検査の周期を定め、その周期ごとに検査しなければならない。",
        "",
        "目視",
        True,
    ),
    (
        "脱線その他の運転事故が発生した車両で故障の疑いがあるもの及び使用を休止した車両を使用する場合は、あらかじめ、"
        "当該車両を検査し、必要に応じ、試運転を行わなければならない。",
        "",
        "目視",
        True,
    ),
    (
        "動物用の医薬品（生物学的製剤を除く。次号及び第三号において同じ。）、医薬部外品及び医療機器の検査を行うこと。",
        "（検査第二部の所掌事務）",
        "目視",
        False,
    ),
    ("見張人に防護区域及び立入制限区域の出入口を常時監視させること。", "", "目視", True),
    ("見張人が常時監視できる装置を備えた監視所（以下「監視所」という。）を設置すること。", "", "目視", False),
    (
        "実験室においては、防御具を着用して作業すること。防護服を着用する場合にあっては、着用前に、異常の有無を確認する"
        "こと。",
        "",
        "目視",
        True,
    ),
    ("索道により火薬類を運送する場合は、必要な箇所に見張人を配置しなければならない。", "", "常駐専任", True),
    ("索道により火薬類を運送する場合は、必要な箇所に見張人を配置しなければならない。", "", "目視", False),
    (
        "事業者は、通路と交わる軌道で車両を使用するときは、監視人を配置し、又は警鈴を鳴らす等適当な措置を講じなければ"
        "ならない。",
        "",
        "目視",
        False,
    ),
    (
        "介護医療院の従業者は、専ら当該介護医療院の職務に従事する者でなければならない。ただし、介護医療院の入所者の処遇"
        "に支障がない場合には、この限りでない。",
        "",
        "常駐専任",
        True,
    ),
    (
        "放課後児童支援員及び補助員は、支援の単位ごとに専ら当該支援の提供に当たる者でなければならない。",
        "（職員）",
        "常駐専任",
        True,
    ),
    (
        "指定介護予防通所リハビリテーション事業所の管理者は、医師、理学療法士、作業療法士、言語聴覚士又は専ら指定介護"
        "予防通所リハビリテーションの提供に当たる看護師のうちから選任した者に、必要な管理の代行をさせることができる。",
        "（管理者等の責務）",
        "常駐専任",
        False,
    ),
    ("測量業者は、その営業所ごとに測量士を一人以上置かなければならない。", "（測量士の設置）", "常駐専任", True),
    (
        "卸売販売業者は、営業所ごとに、薬剤師を置き、その営業所を管理させなければならない。",
        "（営業所の管理）",
        "常駐専任",
        True,
    ),
    ("施行地区を工区に分けた場合においては、審議会は、工区ごとに置くことができる。", "", "常駐専任", False),
    (
        "実習設備を設けて職業指導を行う場合には、職業指導員を置かなければならない。",
        "（職員）",
        "常駐専任",
        True,
    ),
    ("協議会に、委員を置かなければならない。", "（職員）", "常駐専任", False),
    (
        "法第十九条の五に規定する精神科病院に常時勤務する指定医は、一日に八時間以上、かつ、一週間に四日以上当該精神科"
        "病院において精神障害の診断又は治療に従事する者でなければならない。",
        "",
        "常駐専任",
        True,
    ),
    (
        "法第二条第二号イに規定する常時勤務に服することを要しない国家公務員で政令で定める者は、次に掲げる者とする。",
        "",
        "常駐専任",
        False,
    ),
]


# The second, short blind3 round for 定期検査・点検 / 対面講習 (wording from the blind3 errors, then mined in the 2020
# archive outside the core laws): a recurring date said before the inspection (the 帳簿金庫 rule of 予算決算及び会計令
# and 9 pension / insurance rules), an interval in 週間, an authority's yearly audit of a body's 業務及び経理 and a
# 公認会計士's yearly 分別管理監査, staff training said 「教育及び訓練を行う」; and what must stay out: results told to
# workers, a training already received as a qualification, a school's remit, a step taken before attending.
MINED_ROUND2_TEIKI_KOSHU = [
    (
        "各省各庁の長は、毎年三月三十一日（同日が土曜日に当たるときはその前日とし、同日が日曜日に当たるときはその前々日と"
        "する。）又は主任出納官吏若しくは分任出納官吏が交替するとき、若しくはその廃止があつたときは、当該各省各庁所属の職員"
        "又は他の各省各庁所属の職員のうちから検査員を命じて、当該出納官吏の帳簿金庫を検査させなければならない。",
        "定期検査・点検",
        True,
    ),
    (
        "事業者は、特定線量下業務を行うときは、当該業務の開始前及び開始後二週間ごとに、特定線量下作業を行う場所について、"
        "当該場所の平均空間線量率を調査し、その結果を記録しておかなければならない。",
        "定期検査・点検",
        True,
    ),
    (
        "事業者は、労働者を特定線量下作業に従事させる場合には、当該作業の開始前及び開始後二週間ごとに、前項の調査が終了"
        "した年月日並びに調査の方法及び結果の概要を当該労働者に明示しなければならない。",
        "定期検査・点検",
        False,
    ),
    (
        "経済産業大臣は、毎年、一般送配電事業者及び送電事業者の業務及び経理の監査をしなければならない。",
        "定期検査・点検",
        True,
    ),
    (
        "金融商品取引業者は、法第四十三条の二第三項の規定に基づき、同条第一項及び第二項の規定による管理の状況について、"
        "その所属する金融商品取引業協会の規則の定めるところにより、毎年一回以上定期的に、公認会計士又は監査法人の監査"
        "（以下「分別管理監査」という。）を受けなければならない。",
        "定期検査・点検",
        True,
    ),
    ("人的管理措置として第一号情報を取り扱う者に対する必要な教育及び訓練を行うこと。", "対面講習", True),
    ("治験を適正に行うことができる十分な教育及び訓練を受け、かつ、十分な臨床経験を有すること。", "対面講習", False),
    (
        "気象大学校は、気象庁の職員に対し、気象業務に従事するため必要な教育及び訓練を行うことをつかさどる。",
        "対面講習",
        False,
    ),
    (
        "補助金の交付を受けようとする者 (以下「申請者」という。) は、補助対象の研修を受講する前に、"
        "三郷市男女共同参画研修補助金交付申請書 ( 様式第1号 ) を所定の募集要項で指定する期日までに市長に提出しなければ"
        "ならない。",
        "対面講習",
        False,
    ),
]


# The second, short blind3 round for 目視 / 常駐専任 (the blind3 errors' wording, then mined in the 2020 archive
# outside the core laws): an operator appointing a 主任技術者 / 管理者 without ごとに (also 「…を選任し、…させ
# なければならない」), an inspection method that opens the parts to look for damage; and what must stay out: one
# post per method, a certification body's manager, a court's custodian, a watcher only named.
MINED_ROUND2_MOKUSHI_JOCHU = [
    (
        "ダムを設置する者は、当該ダムを流水の貯留又は取水の用に供する場合においては、当該ダムの維持、操作その他の管理を"
        "適正に行なうため、政令で定める資格を有する管理主任技術者を置かなければならない。",
        "常駐専任",
        True,
    ),
    (
        "ガス製造事業者は、経済産業省令で定めるところにより、ガス主任技術者免状の交付を受けている者であつて、経済産業省令"
        "で定める実務の経験を有するもののうちから、ガス主任技術者を選任し、ガス製造事業の用に供するガス工作物の工事、維持"
        "及び運用に関する保安の監督をさせなければならない。",
        "常駐専任",
        True,
    ),
    (
        "航空機の修理に係る許可事業者は、航空機について経済産業省令で定める修理をするときは、前条第一項の認可を受けた修理"
        "の方法ごとに、経済産業省令で定める資格を有する者のうちから航空検査技術者を選任し、当該修理が当該認可を受けた修理の"
        "方法により行われたものであることについて、当該航空検査技術者に確認をさせなければならない。",
        "常駐専任",
        False,
    ),
    (
        "国内登録認証機関は、認証の業務を統括する認証管理責任者を選任し、次に掲げる業務を行わせなければならない。",
        "常駐専任",
        False,
    ),
    (
        "裁判所は、特定不能土地等管理命令をする場合には、当該特定不能土地等管理命令において、特定不能土地等管理者を選任"
        "しなければならない。",
        "常駐専任",
        False,
    ),
    (
        "開放、分解、非破壊検査その他の各部の損傷、変形、摩耗及び異常の発生状況を確認するために十分な方法",
        "目視",
        True,
    ),
    (
        "その他設置又は変更の工事がその設計及び工事の計画に従つて行われたものであることを確認するために十分な方法",
        "目視",
        False,
    ),
    (
        "作業に従事している労働者又は当該労働者を監視する者が異常時に直ちに産業用ロボツトの運転を停止することができるように"
        "するための措置を講ずること。",
        "目視",
        False,
    ),
]


# The third, short round for 目視 / 常駐専任 (the blind4 misses' wording, then read on every non-core archive law
# holding it): what the operator's own inspection must confirm (使用前 / 定期事業者検査, 使用前自主検査), a check whose
# performer or interval follows a bracket holding its own 。, 点検をすること, equipment confirmed to work before use or
# a site looked over before work starts, a vehicle's 要部; a dedicated post whose work is named outside 「専ら…職務に
# 従事」, a 看視員 posted, a full-time doctor or nurse with a second qualification; and what must stay out: an
# authority's inspection, a list of matters to confirm, an alternative the operator may choose, an eligibility test on
# a company's people, a body's full-time 監査委員. (text, 見出し, category, whether it must be found)
MINED_ROUND3_MOKUSHI_JOCHU = [
    (
        "前項の検査においては、その導管が次の各号のいずれにも適合していることを確認しなければならない。",
        "（導管の使用前自主検査）",
        "目視",
        True,
    ),
    (
        "前項の検査（次項及び第五十条第一項において「定期事業者検査」という。）においては、その再処理施設が前条の技術上の"
        "基準に適合していることを確認しなければならない。",
        "（定期事業者検査）",
        "目視",
        True,
    ),
    (
        "都道府県知事は、法第三十五条第一項本文の保安検査において、特定施設が法第八条第一号の経済産業省令で定める技術上の"
        "基準に適合していると認めるときは、様式第十八の保安検査証を交付するものとする。",
        "（特定施設の範囲等）",
        "目視",
        False,
    ),
    (
        "引火点を有する液体の危険物を貯蔵し、又は取り扱う屋外タンク貯蔵所（岩盤タンクに係る屋外タンク貯蔵所及び海上タンクに"
        "係る屋外タンク貯蔵所を除く。）で容量が千キロリットル以上一万キロリットル未満のものに係る定期点検は、前条の規定による"
        "ほか、令第八条第三項の完成検査済証（法第十一条第一項前段の規定による設置の許可に係るものに限る。）の交付を受けた日"
        "若しくは直近において当該屋外貯蔵タンクの内部を点検（以下「内部点検」という。）した日又は法第十四条の三第二項の保安に"
        "関する検査を受けた日から十三年（当該屋外貯蔵タンクに第六十二条の二の二第一項第一号及び第二号に規定する保安のための"
        "措置が講じられており、あらかじめ、その旨を市町村長等に届け出た場合には十五年）を超えない日までの間に一回以上当該"
        "屋外貯蔵タンクの内部点検を行わなければならない。ただし、当該期間内に内部点検を行うことが困難な場合において、その旨"
        "を市町村長等に届け出たときは、二年に限り、当該期間を延長することができる。",
        "",
        "目視",
        True,
    ),
    (
        "ロに規定する職員は、専ら当該一般型一時預かり事業に従事するものでなければならないこと。ただし、次のいずれかに該当"
        "する場合は、専ら当該一般型一時預かり事業に従事する職員を一人とすることができること。",
        "",
        "常駐専任",
        True,
    ),
    (
        "第二項のサービス提供責任者は介護福祉士その他厚生労働大臣が定める者であって、専ら指定訪問介護に従事するものをもって"
        "充てなければならない。",
        "（訪問介護員等の員数）",
        "常駐専任",
        True,
    ),
    (
        "第十項の規定にかかわらず、サテライト型指定小規模多機能型居宅介護事業所については、本体事業所の介護支援専門員により"
        "当該サテライト型指定小規模多機能型居宅介護事業所の登録者に対して居宅サービス計画の作成が適切に行われるときは、介護"
        "支援専門員に代えて、小規模多機能型居宅介護計画の作成に専ら従事する前項の別に厚生労働大臣が定める研修を修了している"
        "者（第七十七条において「研修修了者」という。）を置くことができる。",
        "",
        "常駐専任",
        False,
    ),
    (
        "当該法人の業務に専ら従事する者であること。",
        "",
        "常駐専任",
        False,
    ),
    (
        "乗務を終了したときは、交替する運転者に対し、乗務中の当該の自動車、道路及び運行の状況について通告すること。この場合"
        "において、乗務する運転者は、当該自動車の制動装置、走行装置その他の重要な部分の機能について点検をすること。",
        "（運転者）",
        "目視",
        True,
    ),
    (
        "修理等が終了したときは、当該ガス設備が正常に作動することを確認した後でなければ製造を行わないこと。",
        "",
        "目視",
        True,
    ),
    (
        "作業に従事する者との連絡のための看視員を配置すること。ただし、事故があつた場合に速やかに救助に必要な措置をとる"
        "ことができる状態で二人以上の者が同時に作業に従事するときは、この限りでない。",
        "（高所作業）",
        "常駐専任",
        True,
    ),
    (
        "プログラム責任者は、常勤の歯科医師であって、指導歯科医及び研修歯科医に対する指導を行うために必要な経験及び能力を"
        "有しているものでなければならない。",
        "",
        "常駐専任",
        True,
    ),
    (
        "専任教員は、専ら前項の短期大学における教育研究に従事するものとする。",
        "（専任教員）",
        "常駐専任",
        True,
    ),
    (
        "都道府県及び政令で定める市にあつては、識見を有する者のうちから選任される監査委員のうち少なくとも一人以上は、常勤と"
        "しなければならない。",
        "",
        "常駐専任",
        False,
    ),
    (
        "投びよう作業を開始する前に、びよう鎖庫内及びいかり又はびよう鎖の落下する水面付近に人がいないことを確認すること。",
        "（揚投びよう作業及びけい留作業）",
        "目視",
        True,
    ),
    (
        "法第三十五条第二項に規定する者（以下「操縦練習の監督者」という。）は、法第三十五条第一項各号の操縦の練習を行う者"
        "（以下「操縦練習を行う者」という。）がその操縦の練習を開始する前に、次の各号に掲げる事項を確認しなければならない。",
        "",
        "目視",
        False,
    ),
    (
        "車両は、本線路を運転する場合には、その種類及び運行状況に応じ、その要部を検査しなければならない。",
        "（本線路を運転する車両の検査）",
        "目視",
        True,
    ),
    (
        "見張人に、人の侵入を監視するための装置を用いる等の方法により特定核燃料物質を常時監視させること。ただし、次に掲げる"
        "いずれの場合にも該当するときは、この限りでない。",
        "（防護措置）",
        "目視",
        True,
    ),
    (
        "その自衛防災組織に第一項各号に掲げる防災資機材等及び大容量泡放水砲等を備え付ける必要がないものとされる特定事業者"
        "は、当該自衛防災組織に、二人以上の防災要員を置かなければならない。",
        "（防災要員）",
        "常駐専任",
        True,
    ),
    (
        "貸金業者は、営業所又は事務所ごとに、内閣府令で定めるところにより、その貸金業の業務の規模等を考慮して内閣府令で"
        "定める数の貸金業務取扱主任者を置き、当該営業所又は事務所において貸金業の業務に従事する使用人その他の従業者に"
        "対する助言又は指導で、これらの者が貸金業に関する法令（条例を含む。第二十条の二において同じ。）の規定を遵守して"
        "その貸金業の業務を適正に実施するために必要なものを行わせなければならない。",
        "（貸金業務取扱主任者の設置）",
        "常駐専任",
        True,
    ),
]


# The third, short round for 実地検査 / 書面掲示 / 往訪閲覧・縦覧 / FD等 (the blind3 / blind4 misses' wording, read on
# non-core archive laws): the delegated content of a posting or of documents kept for viewing, found through the
# 見出し that names them; an area marked with signs; the standard disc that Sudachi reads as one token; and what must
# stay out: a prohibited display, a request to view, a notice given before an inspection. Provisions that no rule
# example quotes. (text, 見出し, category, whether it must be found)
MINED_ROUND3_JITCHI_KEIJI = [
    (
        "法第十八条の総務省令で定める事項は、次のとおりとする。",
        "（掲示事項）",
        "書面掲示",
        True,
    ),
    (
        "法第二十九条の三の農林水産省令で定める事項は、次のとおりとする。ただし、動物用医薬品特例店舗販売業者にあっては、"
        "第一号、第二号及び第五号から第七号までに掲げる事項とする。",
        "（店舗における掲示）",
        "書面掲示",
        True,
    ),
    (
        "法第二十九条第一号の国家公安委員会規則で定めるものは、次のとおりとする。",
        "（掲示等が禁止される表示又は物品）",
        "書面掲示",
        False,
    ),
    (
        "法第百九十九条において準用する法第百十一条第一項に規定する内閣府令で定めるものは、次に掲げる事項（日本語で記載"
        "されたものに限る。）とする。",
        "（業務及び財産の状況に関する説明書類の縦覧等）",
        "往訪閲覧・縦覧",
        True,
    ),
    (
        "法第百四条に規定する内閣府令で定める事項は、当該株式会社金融商品取引所の発行済株式の総数及び総株主の議決権の数"
        "とする。",
        "（公衆縦覧の事項等）",
        "往訪閲覧・縦覧",
        True,
    ),
    (
        "法第二十八条の三第二項第六号に規定する総務省令で定める事項は、次に掲げる事項とする。",
        "（政治又は選挙に関する調査研究を目的とした選挙人名簿の抄本の閲覧の申出）",
        "往訪閲覧・縦覧",
        False,
    ),
    (
        "各省各庁の長は、管理区域を標識により明示しなければならない。",
        "",
        "書面掲示",
        True,
    ),
    (
        "事業者は、第一項の規定により労働者が立ち入ることを禁止されている場所を標識により明示しなければならない。",
        "",
        "書面掲示",
        True,
    ),
    (
        "海上保安庁長官が第一項の規定によりその職員に立入検査をさせようとするとき若しくは第三項の規定による命令を発しよう"
        "とするとき、又は海上保安官が前項各号に掲げる措置を講じようとするときは、あらかじめ、その旨を当該国際航海船舶の"
        "所有者又は船長に通知しなければならない。",
        "",
        "実地検査",
        False,
    ),
    (
        "工業標準化法（昭和二十四年法律第百八十五号）に基づく日本工業規格（以下「日本工業規格」という。）Ｘ六二二一に"
        "適合する九十ミリメートルフレキシブルディスクカートリッジ",
        "（フレキシブルディスクの構造）",
        "FD等",
        True,
    ),
    (
        "第一項第一号の電磁的記録媒体には、商号を記載した書面を貼り付けなければならない。",
        "",
        "FD等",
        True,
    ),
    (
        "法第九条の国土交通省令で定める様式は、第一号様式とする。",
        "（標識の様式）",
        "書面掲示",
        True,
    ),
    (
        "沖縄振興開発金融公庫の予算及び決算に関する法律（以下「法」という。）第十八条第二項及び法第十九条第三項に規定する"
        "財務省令で定める期間は、五年間とする。",
        "（閲覧期間）",
        "往訪閲覧・縦覧",
        True,
    ),
    (
        "法第二十九条第二項第三号の国土交通省令で定める方法は、当該電磁的記録に記録された情報の内容を紙面又は出力装置の"
        "映像面に表示する方法とする。",
        "（財務諸表等の閲覧の方法）",
        "往訪閲覧・縦覧",
        False,
    ),
]


# The third, short round for 定期検査・点検 / 対面講習 (blind4's one 対面講習 miss, then each kind read on every
# non-core archive law holding it): the hours a course must run, in its own sentence or by a table; an internal
# audit or a calibration at intervals fixed in advance; an instrument calibrated every year; a periodic check named
# with its servicing or repair; and what must stay out: a cap on one driving lesson, hours to be secured, a
# self-assessment at those intervals, an interval in a design. (text, 見出し, category, found)
MINED_ROUND3_TEIKI_KOSHU = [
    (
        "講習会における講習は、次の各号に掲げる事項について行なうものとし、その講習時間は、当該各号に掲げる時間を下らない"
        "ものとする。",
        "（講習会における講習方法）",
        "対面講習",
        True,
    ),
    ("講習時間は、十三時間とすること。", "（講習）", "対面講習", True),
    ("年間の研修時間の合計は、十五時間以上とすること。", "（研修の実施方法）", "対面講習", True),
    (
        "管理者講習は、その種別に応じ、次の表の上欄に掲げる区分により、それぞれ同表の中欄に掲げる講習事項について、同表の"
        "下欄に掲げる講習時間行うものとする。",
        "（管理者講習）",
        "対面講習",
        True,
    ),
    (
        "府令第三十三条第五項第一号ルに規定する準中型自動車を使用して行う教習の教習時間は、二時限を超えないこと。",
        "",
        "対面講習",
        False,
    ),
    (
        "前号に規定する研修の内容を習得するのに必要かつ十分な研修時間が確保されていること。",
        "（指定研修の要件）",
        "対面講習",
        False,
    ),
    (
        "製造販売業者等は、品質管理監督システムが次に掲げる要件に適合しているかどうかを明確にするために、あらかじめ定めた"
        "間隔で内部監査を実施しなければならない。",
        "（内部監査）",
        "定期検査・点検",
        True,
    ),
    (
        "管理者は、管理監督する業務に関する自己評価を、あらかじめ定められた間隔で行わなければならない。",
        "（管理者）",
        "定期検査・点検",
        False,
    ),
    (
        "前項の較正器は、毎年一回国又は較正を業務とする独立行政法人による較正を受けなければならない。",
        "（較正器）",
        "定期検査・点検",
        True,
    ),
    ("毎年一回以上定期にその較正を行うこと。", "（放射線測定設備の基準）", "定期検査・点検", True),
    (
        "構造設備の定期的な点検整備（計器の校正を含む。以下同じ。）を行い、その記録を作成すること。",
        "（製造管理責任者の業務）",
        "定期検査・点検",
        True,
    ),
    (
        "船側構造を縦式構造とする場合には、第一号に掲げるところによるほか、告示で定める間隔で設けること。",
        "",
        "定期検査・点検",
        False,
    ),
    ("講習は、講義により行われるものであること。", "（登録学科講習事務の実施に係る義務）", "対面講習", True),
    ("研修は、次に掲げる事項について、講義及び演習により行うものとする。", "（研修）", "対面講習", True),
    (
        "講習は、次の表の上欄に掲げる科目に応じ、それぞれ同表の下欄に掲げる時間以上行うこと。",
        "（登録消防講習事務の実施に係る義務）",
        "対面講習",
        True,
    ),
    ("従事者に対して、適切な研修を実施していること。", "", "対面講習", True),
    (
        "事業者は、鉄鋼スラグの品質及び重量その他の鉄鋼スラグの発生抑制等に必要な事項について管理標準を設定するとともに、"
        "これらの事項を定期的に計測し、及びその結果を記録するものとする。",
        "（計測及び記録）",
        "定期検査・点検",
        True,
    ),
    ("地域の医療従事者の資質の向上を図るための研修を行わせること。", "", "対面講習", True),
    (
        "各科目の単位数は、一単位時間を五十分とし、三十五単位時間の授業を一単位として計算することを標準とする。"
        "二　医療的ケアについては、講義及び演習により行うものとし、講義の時間数は少なくとも五十時間以上とし、"
        "演習は面接指導とするものとする。",
        "",
        "対面講習",
        False,
    ),
]


# Every mined wording, whichever round found it: (text, 見出し, category, whether it must be found).
ALL_MINED = [
    (text, "", category, found)
    for text, category, found in MINED + MINED_TEIKI_KOSHU + MINED_ROUND2_TEIKI_KOSHU + MINED_ROUND2_MOKUSHI_JOCHU
] + MINED_MOKUSHI_JOCHU
ALL_MINED += MINED_ROUND3_MOKUSHI_JOCHU
ALL_MINED += MINED_ROUND3_JITCHI_KEIJI
ALL_MINED += MINED_ROUND3_TEIKI_KOSHU


@pytest.mark.parametrize(("text", "caption", "category", "found"), ALL_MINED, ids=[t[:16] for t, *_ in ALL_MINED])
def test_mined_wordings(text: str, caption: str, category: str, found: bool) -> None:
    result = analyze(text, RULESET, caption=caption)
    assert (category in {h.category for h in result.analog_hits}) is found, result.categories


@pytest.mark.parametrize("name", ["建築基準法施行規則.xml", "温泉法施行規則.xml", "屋外広告物法.xml"])
def test_classify_law_finds_what_iter_analyses_reads_unit_by_unit(name: str) -> None:
    # classify_law skips the units no rule's words reach without building them (the scan's path); the public
    # unit-by-unit walk builds every one. Both must give the same findings, in the same order, on real laws with
    # items and 細目 (their conditions read the texts holding them).
    from analogreg.classify import iter_analyses, make_finding

    law = parse_file(ROOT / "ordinances/national" / name).law
    walked = [make_finding(law, unit, a, name) for unit, a in iter_analyses(law, RULESET) if a.hits]
    direct = classify_law(law, RULESET, name, opinion=False)
    assert len(direct) >= 5
    assert [f.model_dump() for f in direct] == [f.model_dump() for f in walked]
    assert any(f.subitems for f in direct)  # 細目, read with the 柱書 and items holding them


def test_reading_and_classifying_real_laws_leaves_nothing_for_the_cyclic_collector() -> None:
    # The scan's workers read thousands of laws each: what they make must be freed by reference counting as it goes,
    # not left in reference cycles for the collector (a nested function calling itself was one, made per paragraph).
    import gc

    names = ["建築基準法施行規則.xml", "温泉法施行規則.xml", "屋外広告物法.xml", "旅館業法.xml"]
    classify_law(parse_file(ROOT / "ordinances/national" / names[0]).law, RULESET, "warm-up")  # first-use caches
    gc.collect()
    gc.disable()
    try:
        found = 0
        for name in names:
            found += len(classify_law(parse_file(ROOT / "ordinances/national" / name).law, RULESET, name))
        assert found >= 10
        assert gc.collect() == 0
    finally:
        gc.enable()
