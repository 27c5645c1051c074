"""The e-Gov XML reader on the bundled real laws: no character of a sentence lost, roles, columns, 附則, 別表."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from analogreg.model import Item, Law, Paragraph
from analogreg.parse import parse_bytes, parse_file

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "parse"
XML_FILES = sorted((ROOT / "ordinances").glob("national*/*.xml")) + sorted(FIXTURES.glob("*.xml"))

# The documented text rule, written independently of the reader: all text nodes except Ruby readings and the
# blank text nodes of pretty-printing (libxml2's ignorable whitespace), with pretty-printing line breaks (and the
# indentation after them) removed.
_BREAK = re.compile(r"[ \t]*\r?\n[ \t\r\n]*")
_BLANK = re.compile(r"[ \t\r\n]+")
_STRUCTURAL_PARENT = {
    "Paragraph": {"Article", "MainProvision", "SupplProvision", "Part", "Chapter", "Section", "Subsection", "Division"},
    "Item": {"Paragraph"},
    **{f"Subitem{n}": {"Item" if n == 1 else f"Subitem{n - 1}"} for n in range(1, 11)},
}
_APPENDIX = {
    "AppdxTable",
    "AppdxNote",
    "AppdxStyle",
    "AppdxFormat",
    "AppdxFig",
    "Appdx",
    "SupplProvisionAppdxTable",
    "SupplProvisionAppdxStyle",
    "SupplProvisionAppdx",
}


def _blank(text: str | None) -> bool:
    return bool(text) and _BLANK.fullmatch(text) is not None


def _text_nodes(el: etree._Element, out: list[str]) -> None:
    """Text nodes in document order, Ruby readings left out. A node of blanks alone is pretty-printing (libxml2
    drops it) when it lies before or between child elements and the element holds no text of its own before them;
    blanks that are an element's whole content, or that follow its own text, are kept."""
    own = el.text or ""
    if _blank(own) and len(el):
        own = ""
    out.append(own)
    for child in el:
        if isinstance(child.tag, str) and child.tag != "Rt":
            _text_nodes(child, out)
        if child.tail and (own or not _blank(child.tail)):
            out.append(child.tail)


def expected_text(sentence: etree._Element) -> str:
    parts: list[str] = []
    _text_nodes(sentence, parts)
    return _BREAK.sub("", "".join(parts))


def _structural(el: etree._Element) -> bool:
    parents = _STRUCTURAL_PARENT.get(el.tag)
    if parents is None:
        return False
    parent = el.getparent()
    if parent is None or parent.tag not in parents:
        return False
    return el.tag == "Paragraph" or _structural(parent)


def owner(sentence: etree._Element) -> etree._Element | None:
    """The 項/号/細目 a provision sentence belongs to; None outside provisions (appendix, preamble, quoted)."""
    ancestors = list(sentence.iterancestors())
    # Anything inside a quoted new provision (whose Articles and Paragraphs are another law's) is not this law's.
    outside = ("NewProvision", "Preamble", "EnactStatement", "Sentence")
    if any(a.tag in _APPENDIX or a.tag in outside for a in ancestors):
        return None
    return next((a for a in ancestors if _structural(a)), None)


def expected_units(root: etree._Element) -> list[list[str]]:
    """Sentence texts grouped by owning unit; units in document order of their start."""
    groups: dict[etree._Element, list[str]] = {}
    for sentence in root.iter("Sentence"):
        unit = owner(sentence)
        if unit is not None:
            groups.setdefault(unit, []).append(expected_text(sentence))
    # A unit with no sentence of its own (a paragraph holding only items) still exists in the model.
    for el in root.iter():
        if _structural(el) and owner_ok(el):
            groups.setdefault(el, [])
    order = {el: i for i, el in enumerate(root.iter())}
    return [groups[el] for el in sorted(groups, key=order.__getitem__)]


def owner_ok(el: etree._Element) -> bool:
    return not any(a.tag in _APPENDIX or a.tag in ("NewProvision", "Preamble") for a in el.iterancestors())


def model_units(law: Law) -> list[list[str]]:
    return [[s.text for s in unit.node.sentences] for unit in law.units()]


def test_bundled_xml_present():
    assert len([p for p in XML_FILES if "ordinances" in p.parts]) >= 20


@pytest.mark.parametrize("path", XML_FILES, ids=lambda p: p.stem)
def test_no_character_of_a_sentence_is_lost(path: Path):
    root = etree.parse(str(path)).getroot()
    law = parse_file(path).law
    expected = expected_units(root)
    actual = model_units(law)
    assert len(actual) == len(expected)
    for index, (want, got) in enumerate(zip(expected, actual, strict=True)):
        assert got == want, f"unit {index}"
    # Appended tables (別表 …): every sentence is in its table's text, in order.
    tables = [el for el in root.iter() if el.tag in _APPENDIX]
    assert len(law.appendix) == len(tables)
    for table, entry in zip(tables, law.appendix, strict=True):
        position = 0
        for sentence in table.iter("Sentence"):
            if any(a.tag == "Sentence" for a in sentence.iterancestors()):
                continue
            text = expected_text(sentence)
            found = entry.text.find(text, position)
            assert found >= 0, (entry.title, text)
            position = found + len(text)


def _unit(law: Law, label: str) -> Paragraph | Item:
    matches = [u.node for u in law.units() if u.label == label]
    assert len(matches) == 1, (label, len(matches))
    return matches[0]


def test_law_header_kind_and_numbering():
    law = parse_file(ROOT / "ordinances/national/旅館業法施行規則.xml").law
    assert (law.title, law.law_num, law.kind, law.numbering) == (
        "旅館業法施行規則",
        "昭和二十三年厚生省令第二十八号",
        "省令",
        "kanji",
    )
    kinds = {p.stem: parse_file(p).law.kind for p in XML_FILES}
    assert kinds["旅館業法"] == "法律"
    assert kinds["建設業法施行令"] == "政令"
    # 法令番号 昭和四十六年厚生省・農林省・通商産業省・運輸省・建設省令第一号: a joint 省令
    assert kinds["騒音規制法施行規則"] == "省令"


def test_proviso_and_former_latter_roles():
    law = parse_file(ROOT / "ordinances/national/旅館業法.xml").law
    # 旅館業法第三条第一項: 本文 and ただし書
    roles = [s.role for s in _unit(law, "第三条第一項").sentences]
    assert roles == ["main", "proviso"]
    assert _unit(law, "第三条第一項").sentences[1].text.startswith("ただし、")
    # 旅館業法第三条の二第二項: two main sentences, no proviso → 前段 and 後段
    latter = _unit(law, "第三条の二第二項").sentences
    assert [s.role for s in latter] == ["former", "latter"]
    assert latter[1].text.startswith("この場合において")


def test_column_items_keep_their_columns():
    law = parse_file(ROOT / "ordinances/national/行政手続法.xml").law
    item = _unit(law, "第二条第一号")
    assert [s.column for s in item.sentences] == [1, 2]
    assert item.sentences[0].text == "法令"
    assert item.text.startswith("法令\u3000法律、法律に基づく命令")


def test_ruby_reading_dropped_base_kept():
    law = parse_file(ROOT / "ordinances/national/土壌汚染対策法.xml").law
    text = _unit(law, "第二条第一項").text
    assert "鉛、砒素、トリクロロエチレン" in text
    assert "ひ" not in text.split("砒素")[0][-3:]


def test_suppl_of_amending_acts_cited_by_their_number():
    law = parse_file(ROOT / "ordinances/national/旅館業法.xml").law
    original = law.suppl[0]
    assert original.amend_law_num is None
    amending = [s for s in law.suppl if s.amend_law_num == "昭和五十九年法律第七十六号"]
    assert len(amending) == 1
    assert amending[0].articles[0].label == "附則（昭和五十九年法律第七十六号）第一条"
    # 抄: only part of the 附則 is reproduced
    assert any(s.extract for s in law.suppl)


def test_paragraph_caption_of_suppl_paragraphs():
    law = parse_file(ROOT / "ordinances/national/旅館業法.xml").law
    captions = [p.caption for s in law.suppl for a in s.articles for p in a.paragraphs if p.caption]
    captions += [p.caption for s in law.suppl for p in s.paragraphs if p.caption]
    assert "（施行期日）" in captions


def test_amend_provision_keeps_the_amending_sentence_not_the_new_text():
    """附則 of 平成二十八年政令第八十六号 amending another 政令: its 改め文 are text, the quoted new 号 are not."""
    path = FIXTURES / "kankyo_buppin_new_provision.xml"
    root = etree.parse(str(path)).getroot()
    law = parse_file(path).law
    texts = [s.text for s in law.sentences()]
    outer = [expected_text(s) for s in root.iterfind(".//Paragraph/AmendProvision/AmendProvisionSentence/Sentence")]
    assert outer and all(text in texts for text in outer)
    quoted = [expected_text(s) for s in root.iterfind(".//NewProvision//Sentence")]
    assert quoted
    assert not set(quoted) & set(texts)
    # the quoted 号 do not become items of this law
    assert all(u.node.__class__ is Paragraph or u.location.part == "main" for u in law.units())


def test_quoted_table_stays_inside_its_sentence():
    """危険物の規制に関する政令 附則: a Sentence quoting table cells (QuoteStruct) is one sentence."""
    data = (FIXTURES / "kikenbutsu_quote_struct.xml").read_bytes()
    law = parse_bytes(data, "kikenbutsu_quote_struct.xml").law
    root = etree.fromstring(data)
    outer = [s for s in root.iter("Sentence") if s.find(".//QuoteStruct") is not None]
    assert outer
    texts = [s.text for s in law.sentences()]
    for sentence in outer:
        assert expected_text(sentence) in texts
    inner = [expected_text(s) for q in root.iter("QuoteStruct") for s in q.iter("Sentence")]
    assert not set(inner) & set(texts)


def test_2025_compact_files_read_like_2020():
    old = parse_file(ROOT / "ordinances/national/旅館業法.xml").law
    new = parse_file(ROOT / "ordinances/national-2025/旅館業法.xml").law
    assert old.law_num == new.law_num == "昭和二十三年法律第百三十八号"
    assert _unit(old, "第一条").text == _unit(new, "第一条").text
    # the 2023 reform added 第四条の二 (online); the older file has no such article
    assert any(a.num == "4_2" for a in new.articles())
    assert not any(a.num == "4_2" for a in old.articles())


def test_blank_pretty_printing_without_line_breaks_is_not_text():
    """平成二十九年法律第七十三号 is one line whose indentation is blanks between elements, also inside a sentence
    that quotes a table (「を「<QuoteStruct>              <Table>」): those blanks are not the statute's text."""
    path = FIXTURES / "blanks_between_elements.xml"
    assert path.read_bytes().count(b"\n") == 3  # the declaration, <Law> with the whole law on one line, </Law>
    law = parse_file(path).law
    assert law.title == "文化芸術振興基本法の一部を改正する法律"
    quoting = [s.text for s in law.sentences() if "を「第三章" in s.text or "）」を「" in s.text]
    assert quoting, "the 目次 amendment sentence"
    assert all("  " not in text for text in quoting)
    assert not any(re.search(r"[ \t]{2,}", s.text) for s in law.sentences())
    # that no character of the statute's own text went with them: test_no_character_of_a_sentence_is_lost
