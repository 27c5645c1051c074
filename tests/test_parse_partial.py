"""Partial e-Gov reading (parse_file(keep=…), the batch scan's): what it leaves out, and that nothing else changes.

Every bundled e-Gov file is read whole and with the rules' keyword prefilter as ``keep``: each kept unit must be
the same provision, with the same label, location, text and context, as in the whole reading, every unit the
prefilter lets through must be kept, and classifying the partial Law must give the same findings.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from analogreg.classify import _ancestor_texts, classify_law
from analogreg.model import Law
from analogreg.parse import Utf8Keep, parse_file
from analogreg.ruleset.load import default_ruleset

ROOT = Path(__file__).resolve().parents[1]
XML_FILES = sorted((ROOT / "ordinances").glob("national*/*.xml")) + sorted(
    (ROOT / "tests" / "fixtures" / "parse").glob("*.xml")
)


@cache
def whole(path: Path) -> Law:
    return parse_file(path).law


def unit_rows(law: Law) -> dict:
    """location → (label, text, article caption, text of the paragraph / items holding it)."""
    ancestors = _ancestor_texts(law)
    return {
        unit.location: (
            unit.label,
            unit.text,
            unit.article.caption if unit.article else "",
            ancestors.get(id(unit.node), ""),
        )
        for unit in law.units()
    }


@pytest.mark.parametrize("keep", ["may_match", "may_match_provision", "may_match_provision_utf8"])
@pytest.mark.parametrize("path", XML_FILES, ids=lambda p: p.name)
def test_partial_reading_keeps_every_unit_the_prefilter_lets_through_unchanged(path: Path, keep: str) -> None:
    prefilter = default_ruleset().prefilter
    # The scan's own predicate reads lxml's UTF-8 serialisation as is (Utf8Keep); it must keep what the str one does.
    predicate = Utf8Keep(prefilter.may_match_provision_utf8) if keep.endswith("utf8") else getattr(prefilter, keep)
    result = parse_file(path, keep=predicate)
    full, partial = whole(path), result.law
    assert result.partial and not parse_file(path).partial
    full_rows, partial_rows = unit_rows(full), unit_rows(partial)
    # Kept units are the very provisions of the whole reading: same label, text and context.
    assert {loc: full_rows[loc] for loc in partial_rows} == partial_rows
    # Nothing the prefilter lets through is missing.
    wanted = {loc for loc, row in full_rows.items() if prefilter.possible_rules(row[1], row[2], row[3])}
    assert wanted <= set(partial_rows)
    # Warnings and findings are those of the whole reading.
    assert result.warnings == parse_file(path).warnings
    assert [f.model_dump() for f in classify_law(partial)] == [f.model_dump() for f in classify_law(full)]


def test_the_prefilter_leaves_most_of_a_large_law_out() -> None:
    path = ROOT / "ordinances" / "national" / "建築基準法施行規則.xml"
    full = whole(path)
    partial = parse_file(path, keep=default_ruleset().prefilter.may_match).law
    kept, total = len(list(partial.units())), len(list(full.units()))
    assert 0 < kept < total
    assert len(list(partial.all_articles())) < len(list(full.all_articles()))
    # 別表 and 様式 hold no provision unit: a partial reading never builds them, whatever keep says.
    assert full.appendix and parse_file(path, keep=lambda text: True).law.appendix == []


def test_a_kept_article_is_labelled_as_in_the_whole_reading() -> None:
    """Only the article holding the wording is built; its labels (第一項 omitted or not) are unchanged."""
    path = ROOT / "ordinances" / "national" / "行政手続法.xml"
    law = parse_file(path, keep=lambda text: "不利益処分の名あて人となるべき者" in text).law
    full = unit_rows(whole(path))
    rows = unit_rows(law)
    assert "第十五条第三項" in {label for label, *_ in rows.values()}
    assert {loc: full[loc] for loc in rows} == rows
    assert len(list(law.articles())) < len(list(whole(path).articles()))


def test_of_an_article_with_several_paragraphs_only_those_the_predicate_accepts_are_built() -> None:
    """行政手続法第十五条 has three paragraphs: kept alone, its first is still cited 第十五条第一項 (法制執務: the
    paragraph number is omitted only where the article has a single paragraph, built or not)."""
    path = ROOT / "ordinances" / "national" / "行政手続法.xml"
    full = unit_rows(whole(path))
    law = parse_file(path, keep=lambda text: "聴聞を行うべき期日までに相当な期間" in text).law
    article = next(a for a in law.articles() if a.num == "15")
    assert [p.label for p in article.paragraphs] == ["第十五条第一項"]
    rows = unit_rows(law)
    assert {loc: full[loc] for loc in rows} == rows
    # The predicate reads a paragraph with its article's 見出し (a rule's 見出し condition holds there).
    law = parse_file(path, keep=lambda text: "（聴聞の通知の方式）" in text and "教示" in text).law
    assert [p.label for a in law.articles() for p in a.paragraphs] == ["第十五条第二項"]


def test_a_deleted_range_is_labelled_as_written_when_kept() -> None:
    path = ROOT / "tests" / "fixtures" / "parse" / "range_article.xml"
    law = parse_file(path, keep=lambda text: "削除" in text).law
    assert "附則第二条及び第三条" in [unit.label for unit in law.units()]
    assert parse_file(path, keep=lambda text: False).law.suppl == []  # a 附則 rejected as a whole is left out


def test_ruby_readings_are_not_text_for_the_predicate() -> None:
    """旅館業法第五条第二号 writes とばく with 傍点 (<Ruby>と<Rt>ヽ</Rt></Ruby>…) across pretty-printed lines."""
    path = ROOT / "ordinances" / "national" / "旅館業法.xml"
    law = parse_file(path, keep=lambda text: "とばく、その他の違法行為" in text).law
    assert "第五条第二号" in [unit.label for unit in law.units()]
    assert [a.label for a in law.articles()] == ["第五条"]


@pytest.mark.parametrize(
    ("name", "words", "label"),
    [
        # A paragraph read with its article's 見出し (the caption is put before the bytes).
        ("行政手続法.xml", ("（聴聞の通知の方式）", "教示"), "第十五条第二項"),
        # Ruby readings dropped and pretty-printing line breaks taken out of the bytes as out of the str.
        ("旅館業法.xml", ("とばく、その他の違法行為",), "第五条第二号"),
    ],
)
def test_a_utf8_predicate_is_given_the_text_a_str_one_is(name: str, words: tuple[str, ...], label: str) -> None:
    path = ROOT / "ordinances" / "national" / name
    seen: list[bytes] = []

    def holds(data: bytes) -> bool:
        seen.append(data)
        return all(word.encode() in data for word in words)

    by_bytes = unit_rows(parse_file(path, keep=Utf8Keep(holds)).law)
    by_str = unit_rows(parse_file(path, keep=lambda text: all(word in text for word in words)).law)
    assert by_bytes == by_str and label in {row[0] for row in by_bytes.values()}
    assert seen and all(isinstance(data, bytes) and b"\n" not in data for data in seen)


def test_rejecting_everything_leaves_the_frame() -> None:
    path = ROOT / "ordinances" / "national" / "旅館業法.xml"
    result = parse_file(path, keep=lambda text: False)
    full = whole(path)
    law = result.law
    assert (law.title, law.law_num, law.kind) == (full.title, full.law_num, full.kind)
    assert full.suppl and law.suppl == []  # a 附則 rejected as a whole holds nothing to build
    assert list(law.units()) == [] and law.appendix == []


def test_an_article_that_gives_a_warning_is_built_anyway() -> None:
    """法人税法 附則（令和二年法律第八号）第一条 has <Subitem1 Num="ﾊ:ﾂ">: the same warning, partial or not."""
    path = ROOT / "tests" / "fixtures" / "parse" / "odd_num_suppl.xml"
    full = parse_file(path)
    result = parse_file(path, keep=lambda text: False)
    assert full.warnings and result.warnings == full.warnings
    rows = unit_rows(result.law)
    assert "附則（令和二年法律第八号）第一条第五号ハからツまで" in {row[0] for row in rows.values()}
    assert {loc: unit_rows(full.law)[loc] for loc in rows} == rows
    # The article without such a Num is left out.
    assert [a.label for a in result.law.articles()] == []


def test_a_provision_is_read_only_when_its_caption_can_satisfy_a_rule() -> None:
    """may_match_provision (the scan's keep) also asks for the literals of a rule's 見出し condition, which are in
    the article's text: 「…で定める事項は、次のとおりとする。」 is in most articles, a posting's 見出し in few."""
    prefilter = default_ruleset().prefilter
    sentence = "法第十八条の十七第四項の環境省令で定める事項は、次のとおりとする。"
    assert "keiji.posted_matters" in prefilter.possible_rules(sentence, "（解体等工事に係る掲示の事項）", "")
    assert prefilter.may_match_provision("（解体等工事に係る掲示の事項）第十六条の十　" + sentence)
    assert not prefilter.may_match_provision("（特定工事の届出事項）第十六条の十　" + sentence)
    # The unit's own test cannot know its 見出し, so it lets the sentence through.
    assert prefilter.may_match(sentence)
