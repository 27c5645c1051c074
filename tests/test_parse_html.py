# ruff: noqa: E501  (hand-checked statute sentences are kept whole, one per line)
"""Reiki-Base 例規集 HTML on the three real かつらぎ町 pages: hand-checked outline, the page's own id map,
every sentence kept, 沿革 notes removed, and the same result from CP932 and EUC-JP copies of a page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from analogreg.errors import InputError
from analogreg.model import Law
from analogreg.parse import parse_bytes, parse_file

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted((ROOT / "ordinances" / "katsuragi").glob("*.html"))
PARKING = ROOT / "ordinances" / "katsuragi" / "k518RG00000080.html"


def outline(law: Law) -> list[tuple[str, str, list[str]]]:
    rows = []
    for unit in law.units():
        caption = unit.article.caption if unit.article and unit.node is unit.article.paragraphs[0] else ""
        rows.append((unit.label, caption, [s.text for s in unit.node.sentences]))
    return rows


# かつらぎ町駐車場等設置条例, read off the page by hand (table cells of 第3条 checked separately).
PARKING_OUTLINE = [
    (
        "第1条",
        "(目的)",
        [
            "この条例は、車両を利用する者の利便に資するため、駐車場等の設置及び管理に関する必要な事項を定めることを目的とする。"
        ],
    ),
    ("第2条", "(定義)", ["この条例において、次の各号に掲げる用語の意義は、それぞれ当該各号に定めるところによる。"]),
    ("第2条第1号", "", ["駐車場等　次号及び第3号に規定する駐車場及び駐輪場をいう。"]),
    (
        "第2条第2号",
        "",
        [
            "駐車場　道路交通法(昭和35年法律第105号。以下「法」という。)第2条第1項第8号に規定する車両を駐車する施設をいう。"
        ],
    ),
    (
        "第2条第3号",
        "",
        [
            "駐輪場　法第2条第1項第10号に規定する原動機付自転車及び同項第11号の2に規定する自転車並びに法第3条に規定する自動二輪車を駐車する施設をいう。"
        ],
    ),
    ("第4条第1項", "(駐車対象)", ["駐車場に駐車できるものは、法第2条第1項第8号に規定する車両とする。"]),
    ("第4条第2項", "", ["駐輪場に駐車できるものは、次の各号に掲げるものとする。"]),
    ("第4条第2項第1号", "", ["法第2条第1項第10号に規定する原動機付自転車"]),
    ("第4条第2項第2号", "", ["法第2条第1項第11号の2に規定する自転車"]),
    ("第4条第2項第3号", "", ["法第3条に規定する自動二輪車"]),
    ("第4条第2項第4号", "", ["前3号に掲げるもののほか、町長が特に認めたもの"]),
    ("第5条", "(禁止行為)", ["駐車場等においては、次の各号に掲げる行為をしてはならない。"]),
    ("第5条第1号", "", ["他の車両の駐車を妨げること。"]),
    ("第5条第2号", "", ["駐車場等の施設及び他の車両を損傷し、又は汚損すること。"]),
    ("第5条第3号", "", ["みだりに火気を使用すること。"]),
    ("第5条第4号", "", ["その他町長が管理上支障があると認める行為"]),
    ("第6条", "(使用の制限)", ["町長は、管理上必要があると認めるときは、駐車場等の使用を制限することができる。"]),
    ("第7条", "(使用料)", ["駐車場等の使用料は、無料とする。"]),
    (
        "第8条",
        "(使用者の賠償責任)",
        [
            "駐車場等を使用する者は、駐車場等の施設を毀損し、又は滅失したときは、それによって生じた損害を賠償しなければならない。"
        ],
    ),
    ("第9条", "(委任)", ["この条例の施行に関し必要な事項は、別に規則で定める。"]),
    ("附則", "", ["この条例は、公布の日から施行する。"]),
] + [
    (f"附則（{num}）", "", ["この条例は、公布の日から施行する。"])
    for num in (
        "平成10年条例第5号",
        "平成10年条例第21号",
        "平成13年条例第1号",
        "平成18年条例第25号",
        "平成18年条例第30号",
        "平成25年条例第27号",
        "平成26年条例第4号",
        "平成28年条例第18号",
    )
]


def test_hand_checked_outline_of_a_real_page():
    law = parse_file(PARKING).law
    assert (law.title, law.law_num, law.kind, law.numbering) == (
        "かつらぎ町駐車場等設置条例",
        "平成9年11月14日条例第25号",
        "条例",
        "arabic",
    )
    rows = [row for row in outline(law) if row[0] != "第3条"]
    assert rows == PARKING_OUTLINE
    # 第3条: its sentence, then the table 名称 | 位置, one sentence per cell with the cell's column
    article3 = next(u.node for u in law.units() if u.label == "第3条")
    assert article3.sentences[0].text == "駐車場等の名称及び位置は、次のとおりとする。"
    cells = [(s.column, s.text) for s in article3.sentences[1:]]
    assert cells[:4] == [(1, "名称"), (2, "位置"), (1, "船岡山駐車場"), (2, "かつらぎ町大字西渋田372番地の5")]
    assert len(cells) == 12
    assert [s.extract for s in law.suppl] == [False, False, False, False, True, False, False, False, False]


def test_proviso_and_appendix_of_the_award_rules():
    law = parse_file(ROOT / "ordinances" / "katsuragi" / "k518RG00000012.html").law
    article5 = next(u.node for u in law.units() if u.label == "第5条")
    assert [s.role for s in article5.sentences] == ["main", "proviso"]
    assert article5.sentences[1].text.startswith("ただし、特別の理由により")
    assert [(t.title, t.related) for t in law.appendix] == [("別記様式", "(第7条関係)")]
    assert law.kind == "規程" and law.law_num == "昭和43年9月10日規程第9号"


def _num_ids(page: Path) -> set[tuple]:
    """The page's hidden map of provisions (j=条, k=項, g=号, f=附則), an independent statement of structure."""
    doc = lxml_html.parse(str(page))
    expected = set()
    for div in doc.xpath('//div[@id="num-ids"]/div'):
        parts = div.get("id").split("_")
        if not all(re.fullmatch(r"[jkgf]\d+", p) for p in parts):
            continue
        keys = dict((p[0], p[1:]) for p in parts)
        if "k" not in keys:
            continue  # the article itself; its paragraphs are listed
        suppl = int(keys.get("f", 0))
        article = keys.get("j")
        expected.add((suppl, None if article in (None, "0") else article, keys["k"], keys.get("g")))
    return expected


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_structure_matches_the_pages_own_id_map(page: Path):
    law = parse_file(page).law
    suppl_index = {id(s): i for i, s in enumerate(law.suppl, start=1)}
    found = set()
    for unit in law.units():
        loc = unit.location
        suppl = 0
        if loc.part == "suppl":
            suppl = next(
                suppl_index[id(s)]
                for s in law.suppl
                if unit.node in s.paragraphs
                or any(
                    unit.node in a.paragraphs or unit.node in [i for p in a.paragraphs for i in p.items]
                    for a in s.articles
                )
            )
        found.add((suppl, loc.article, loc.paragraph, loc.item))
    assert found == _num_ids(page)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_every_sentence_span_is_kept(page: Path):
    """Each span.p of the body, taken independently with lxml, is one model sentence, in order."""
    doc = lxml_html.parse(str(page))
    spans = doc.xpath(
        '//div[@id="primaryInner2"]//div[contains(@class,"eline")]//span[contains(concat(" ",@class," ")," p ")]'
    )
    texts = [s.text_content() for s in spans if s.text_content() != "抄"]  # 抄 is part of a 附則 heading
    cells = [
        td.text_content().strip() for td in doc.xpath('//div[@id="primaryInner2"]//td') if td.text_content().strip()
    ]
    law = parse_file(page).law
    sentences = [s for s in law.sentences() if s.column is None]
    assert [s.text for s in sentences] == texts
    assert [s.text for s in law.sentences() if s.column is not None] == cells


def _reencoded(codec: str, label: str | None) -> bytes:
    text = PARKING.read_text(encoding="utf-8")
    if label is None:
        text = text.replace('<meta http-equiv="content-type" content="text/html; charset=utf-8">', "")
    else:
        text = text.replace("charset=utf-8", f"charset={label}")
    return text.encode(codec)


@pytest.mark.parametrize(
    ("codec", "label", "reported"),
    [
        ("cp932", "Shift_JIS", "CP932"),
        ("cp932", None, "CP932"),
        ("euc_jp", "EUC-JP", "EUC-JP"),
        ("euc_jp", None, "EUC-JP"),
    ],
)
def test_shift_jis_and_euc_jp_copies_read_the_same(codec: str, label: str | None, reported: str):
    original = parse_file(PARKING).law
    data = _reencoded(codec, label)
    assert data != PARKING.read_bytes()
    result = parse_bytes(data, "k518RG00000080.html")
    assert result.encoding == reported
    assert outline(result.law) == outline(original)
    assert result.law.title == original.title


def test_revision_notes_are_removed():
    """沿革 notes as Reiki-Base prints them — a line of their own and at a sentence's end — are not text.

    The notes are real ones (横浜市 平成18年規則第129号 第1条 and 京都府 例規); the page is the real
    かつらぎ町 page with those notes placed where Reiki-Base pages put them.
    """
    text = PARKING.read_text(encoding="utf-8")
    note_line = (
        '<div id="l900000001" class="eline"><p class="p">'
        '<span class="cm">(平25規則49・令4規則39・一部改正)</span></p></div>'
    )
    text = text.replace('<div id="l000000004" class="eline">', note_line + '<div id="l000000004" class="eline">', 1)
    text = text.replace("無料とする。</span>", "無料とする。(平30規則48・追加)</span>", 1)
    law = parse_bytes(text.encode("utf-8"), "noted.html").law
    assert outline(law) == outline(parse_file(PARKING).law)


def test_html_of_another_system_is_read_as_text():
    lines = (ROOT / "tests/fixtures/parse/okuma_boka_kitei.txt").read_text(encoding="utf-8").splitlines()
    page = (
        "<html><head><title>例規</title></head><body>" + "".join(f"<p>{line}</p>" for line in lines) + "</body></html>"
    )
    law = parse_bytes(page.encode("utf-8"), "okuma.html").law
    assert law.title == "大熊町役場庁舎等防火管理規程"
    assert [u.label for u in law.units()][:3] == ["第1条", "第2条第1項", "第2条第2項"]


def test_a_random_web_page_is_not_a_statute():
    page = "<html><head><title>お知らせ</title></head><body><h1>お知らせ</h1><p>本日は休館日です。</p></body></html>"
    with pytest.raises(InputError) as err:
        parse_bytes(page.encode("utf-8"), "news.html")
    assert "not a" in str(err.value) and str(err.value).startswith("news.html")


def test_table_of_contents_on_a_page_opens_no_chapter_and_no_suppl():
    """A 目次 (as 例規集 pages print it, ending with 附則) before the first article must not open a 附則."""

    def eline(text: str) -> str:
        return f'<div class="eline"><div class="toc"><p class="p"><span class="cm">{text}</span></p></div></div>'

    toc = "".join(eline(t) for t in ("目次", "第1章 総則(第1条―第9条)", "附則")) + eline("第1章 総則")
    text = PARKING.read_text(encoding="utf-8").replace(
        '<div id="l000000003" class="eline">', toc + '<div id="l000000003" class="eline">', 1
    )
    law = parse_bytes(text.encode("utf-8"), "toc.html").law
    assert len(law.body) == 1 and (law.body[0].kind, law.body[0].title) == ("章", "総則")
    assert len(law.suppl) == 9
    assert outline(law) == outline(parse_file(PARKING).law)
