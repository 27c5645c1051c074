"""Citation labels on a table of real provisions, in both numbering styles, read back from the bundled files."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from analogreg.model import Law
from analogreg.parse import parse_file

ROOT = Path(__file__).resolve().parents[1]


@cache
def law(rel: str) -> Law:
    return parse_file(ROOT / rel).law


# (file, label, the provision's text begins with — read from the source file by hand)
CASES = [
    # 枝番 articles; single-paragraph articles are cited without 第一項 (法制執務)
    ("ordinances/national/旅館業法施行規則.xml", "第一条の二", "法第三条第二項第一号の厚生労働省令で定める者は"),
    (
        "ordinances/national/建築基準法施行規則.xml",
        "第一条の二の二",
        "構造計算適合判定資格者検定（指定",
    ),
    ("ordinances/national/理容師法.xml", "第十四条の三の二", "この法律の規定に基づき命令を制定し、又は改廃する場合"),
    # items of a multi-paragraph article keep 第一項; of a single-paragraph article they do not
    ("ordinances/national/旅館業法施行規則.xml", "第一条第一項第一号", "申請者の住所、氏名及び生年月日"),
    ("ordinances/national/行政手続法.xml", "第二条第一号", "法令"),
    (
        "ordinances/national/行政手続法.xml",
        "第十五条第三項",
        "行政庁は、不利益処分の名あて人となるべき者の",
    ),
    # 細目, one and two levels deep, titles as written
    ("ordinances/national/行政手続法.xml", "第二条第八号イ", "法律に基づく命令（処分の要件を定める告示を含む。"),
    ("ordinances/national/建築基準法施行規則.xml", "第一条の三第一項第一号イ", "次の表一の各項に掲げる図書"),
    ("ordinances/national/建築基準法施行規則.xml", "第一条の三第一項第一号ロ（１）", "次の表二の各項の（い）欄並びに"),
    # 附則: the original one, and those of amending acts cited with their 法令番号
    ("ordinances/national/旅館業法.xml", "附則（昭和五十九年法律第七十六号）第一条", "この法律は"),
    (
        "ordinances/national/理容師法.xml",
        "附則（昭和二十三年法律第百八十一号）第二十条",
        "この法律は、昭和二十三年八月一日",
    ),
    # deleted ranges, cited as written
    ("ordinances/national/警備業法.xml", "附則（平成十一年法律第百五十一号）第三条第一号から第二十五号まで", "略"),
    ("ordinances/national/興行場法.xml", "附則（昭和六十年法律第百二号）第一条第一号及び第二号", "略"),
    ("tests/fixtures/parse/range_article.xml", "附則第二条及び第三条", "削除"),
    # … and an extract's omitted range, which e-Gov titles 「一・二」 (a citation never uses ・ or ～)
    ("tests/fixtures/parse/extract_range_items.xml", "附則（平成十五年国土交通省令第三十九号）第一号及び第二号", "略"),
    # an extract (抄) whose 号 e-Gov numbers 1, 2, 3 while it prints 「一・二」, 三, 四: cited as printed
    (
        "tests/fixtures/parse/extract_renumbered_items.xml",
        "附則（平成十六年法律第百二十六号）第一条第三号",
        "附則第四十二条の規定",
    ),
    ("tests/fixtures/parse/extract_renumbered_items.xml", "附則（平成十六年法律第百二十六号）第一条第四号", "〔略〕"),
    # a 号 whose Num e-Gov mistyped (Num="13", printed 十二, no Num 12): cited as printed
    ("tests/fixtures/parse/num_typo_item.xml", "第一条第十二号", "判事補及び検事の弁護士職務経験に関する法律"),
    # a statute drafted in katakana writes its branch numbers with ノ, and is cited as it is printed
    ("tests/fixtures/parse/katakana_branch.xml", "第一条ノ二第一項第二号", "書類送達ノ嘱託ハ送達ヲ受クヘキ者"),
    ("tests/fixtures/parse/katakana_branch.xml", "第一条ノ二第二項", "条約又ハ之ニ準スヘキモノニ前項ノ規定ト"),
    # 号 that e-Gov numbers by kana (Num="イ"), cited by their title as 細目 of the paragraph
    (
        "tests/fixtures/parse/kana_items.xml",
        "附則（平成二十七年防衛省令第三号）第三条",
        "通則法改正法附則第十一条第三項",
    ),
    # … and so are those that e-Gov numbers 1, 2, 3 while the statute prints イ, ロ, ハ (「次のイからハまでに掲げる」)
    (
        "tests/fixtures/parse/kana_titled_numbered_items.xml",
        "第三十条の三十三の六第二項ロ",
        "磁気ディスク等をもつて調製するファイルに",
    ),
    (
        "tests/fixtures/parse/kana_titled_numbered_items.xml",
        "第三十条の三十三の六第一項第二号",
        "レセプト情報による方法",
    ),
    # 横書き 例規 (算用数字): Reiki-Base HTML
    ("ordinances/katsuragi/k518RG00000080.html", "第4条第2項第1号", "法第2条第1項第10号に規定する原動機付自転車"),
    ("ordinances/katsuragi/k518RG00000080.html", "第2条第3号", "駐輪場　法第2条第1項第10号に規定する"),
    ("ordinances/katsuragi/k518RG00000080.html", "第4条第1項", "駐車場に駐車できるものは"),
    ("ordinances/katsuragi/k518RG00000080.html", "附則", "この条例は、公布の日から施行する。"),
    ("ordinances/katsuragi/k518RG00000080.html", "附則（平成18年条例第25号）", "この条例は、公布の日から施行する。"),
    ("ordinances/katsuragi/k518RG00000012.html", "附則第2項", "昭和43年度にあっては、第5条中「7月1日」"),
    # 横書き 例規: text
    ("ordinances/misato/三郷市行政手続等における情報通信の技術の利用に関する条例.txt", "第2条第11号", "手続等 申請等"),
    ("ordinances/misato/公職選挙法及び同法施行令執行細則.txt", "第5条の2", "法第142条 ( (文書図画の頒布) ) 第1項"),
    ("ordinances/misato/三郷市下水道条例施行規則.txt", "第6条の2の2", "条例第9条の2第2項 の申請書は"),
    ("tests/fixtures/parse/okuma_boka_kitei.txt", "第3条第3項", "防火管理者は、火気取締責任者の職氏名を"),
    ("tests/fixtures/parse/okuma_boka_kitei.txt", "第5条第6号", "その他防火に関する対策"),
]


@pytest.mark.parametrize(("rel", "label", "start"), CASES, ids=[f"{c[1]}" for c in CASES])
def test_citation_label_of_real_provision(rel: str, label: str, start: str):
    units = [unit for unit in law(rel).units() if unit.label == label]
    assert len(units) == 1, [u.label for u in law(rel).units()][:40]
    assert units[0].text.startswith(start)


def test_labels_are_unique_within_each_bundled_law():
    """Two provisions with one citation would make a finding ambiguous (the lossy 三郷市 extract aside)."""
    for path in sorted((ROOT / "ordinances").rglob("*")):
        if path.suffix not in (".xml", ".html", ".txt"):
            continue
        labels = [unit.label for unit in parse_file(path).law.units()]
        duplicates = {label for label in labels if labels.count(label) > 1}
        assert not duplicates, (path.name, sorted(duplicates)[:5])


def test_article_labels_and_style():
    kanji = law("ordinances/national/旅館業法施行規則.xml")
    arabic = law("ordinances/katsuragi/k518RG00000080.html")
    assert kanji.numbering == "kanji" and arabic.numbering == "arabic"
    assert [a.label for a in kanji.articles()][:3] == ["第一条", "第一条の二", "第二条"]
    assert [a.label for a in arabic.articles()][:3] == ["第1条", "第2条", "第3条"]


def test_kana_numbered_items_are_cited_by_their_title():
    kana = law("tests/fixtures/parse/kana_items.xml")
    items = [u for u in kana.units() if u.location.subitems]
    assert [u.label.removeprefix("附則（平成二十七年防衛省令第三号）") for u in items][:3] == [
        "第四条イ",
        "第四条ロ",
        "第四条ハ",
    ]
    assert all(u.location.item is None and u.location.subitems == (u.node.title,) for u in items)
    assert items[0].text == "当該期間における年度目標及び事業計画の実施状況"
