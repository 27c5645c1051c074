"""付則: many 規程・要綱 head their supplementary provisions 付則 (付　則) instead of 附則. The heading must be read as
one, and its provisions cited as the 例規 prints them (付則第1条, 付則), not folded into the last article.

No 例規 page printing 付則 could be found to copy, so the texts are real ones whose heading is changed:
``misato_kyusui_fusoku.txt`` is 三郷市指定給水装置工事事業者規程 (三郷市 extract z600RG00000567), 第10条, 第19条,
第20条 and the three articles of its original 附則, with a 「付　則」 heading put where the extract lost the 附則
heading; the other tests replace the 附則 of real fixtures (江府町, 秩父消防本部, かつらぎ町) with 付則.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analogreg.draft.apply import ApplyError, apply_aratame
from analogreg.draft.aratame import generate
from analogreg.model import Article, Law
from analogreg.parse import parse_bytes, parse_file

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "parse"
KYUSUI = FIXTURES / "misato_kyusui_fusoku.txt"
PARKING = ROOT / "ordinances" / "katsuragi" / "k518RG00000080.html"


def _labels(law: Law) -> list[str]:
    return [unit.label for unit in law.units()]


def _text_law(text: str, name: str = "fusoku.txt") -> Law:
    return parse_bytes(text.encode("utf-8"), name).law


def test_fusoku_heading_opens_the_suppl_and_its_articles_are_cited_fusoku():
    law = parse_file(KYUSUI).law
    assert _labels(law) == ["第10条", "第19条", "第20条", "付則第1条", "付則第2条", "付則第3条"]
    assert len(law.suppl) == 1 and law.suppl[0].title == "付則" and law.suppl[0].amend_law_num is None
    last = law.body[-1]
    assert isinstance(last, Article) and last.label == "第20条"
    # The heading is no sentence of 第20条 (it was its 後段 before).
    assert [s.text for p in last.paragraphs for s in p.sentences] == [
        "この規程に定めるもののほか、施行に関し必要な事項は、市長が別に定めることができる。"
    ]
    assert law.suppl[0].articles[0].paragraphs[0].sentences[0].text == "この訓令は、平成10年4月1日から施行する。"


@pytest.mark.parametrize(
    ("heading", "amend_law_num", "extract", "first"),
    [
        ("付則", None, False, "付則第1条"),
        ("付　則　抄", None, True, "付則第1条"),
        ("付　則(平成10年3月30日訓令第5号)", "平成10年訓令第5号", False, "付則（平成10年訓令第5号）第1条"),
        ("付則（平成10年3月30日訓令第5号）抄", "平成10年訓令第5号", True, "付則（平成10年訓令第5号）第1条"),
    ],
)
def test_fusoku_heading_forms(heading: str, amend_law_num: str | None, extract: bool, first: str):
    law = _text_law(KYUSUI.read_text(encoding="utf-8").replace("付　則", heading))
    suppl = law.suppl[0]
    assert (suppl.title, suppl.amend_law_num, suppl.extract) == ("付則", amend_law_num, extract)
    assert _labels(law)[3] == first


def test_single_paragraph_fusoku_is_cited_fusoku():
    """江府町's 条例 with its 「附 則」 printed 「付 則」: the one unnumbered paragraph is cited plain 付則."""
    text = (FIXTURES / "kofu_bosai_center_shiyoryo.txt").read_text(encoding="utf-8")
    assert text.count("附 則") == 1
    original = parse_file(FIXTURES / "kofu_bosai_center_shiyoryo.txt").law
    law = _text_law(text.replace("附 則", "付 則"))
    assert _labels(original)[-1] == "附則"
    assert _labels(law) == [*_labels(original)[:-1], "付則"]
    assert law.suppl[0].title == "付則"


def test_table_of_contents_ending_in_fusoku_is_skipped():
    """秩父消防本部警防規程 with its 目次's last entry printed 付則: the 目次 opens nothing, as with 附則."""
    path = FIXTURES / "chichibu_keibo_kitei.txt"
    text = path.read_text(encoding="utf-8")
    assert "\n附則\n" in text
    law = _text_law(text.replace("\n附則\n", "\n付則\n"))
    original = parse_file(path).law
    assert law.suppl == [] and law.paragraphs == []
    assert _labels(law) == _labels(original) == ["第1条", "第2条"]


def test_reiki_base_html_fusoku_heading():
    """A かつらぎ町 page whose first 附則 heading (p.s-head 「附則」 with its word-space span) is printed 付則."""
    page = PARKING.read_text(encoding="utf-8")
    heading = '<span class="word-space">附</span>則</span></p>'
    assert page.count(heading) == 1  # only the original 附則 is printed with this span
    law = parse_bytes(
        page.replace(heading, '<span class="word-space">付</span>則</span></p>', 1).encode(), "p.html"
    ).law
    original = parse_file(PARKING).law
    assert [s.title for s in law.suppl][:2] == ["付則", "附則"]
    assert len(law.suppl) == len(original.suppl)
    assert [p.label for p in law.suppl[0].paragraphs] == ["付則"]
    # The 附則 of the amending acts keep their word.
    assert [p.label for s in law.suppl[1:] for p in s.paragraphs] == [
        p.label for s in original.suppl[1:] for p in s.paragraphs
    ]


def test_drafted_aratame_citing_fusoku_verifies_with_the_applier():
    law = parse_file(KYUSUI).law
    provisions = {unit.label: unit.node.text for unit in law.units()}
    old = provisions["付則第3条"]
    assert old.count("90日間") == 1
    new = old.replace("90日間", "180日間")
    aratame = generate("付則第3条", old, new, numbering=law.numbering)
    assert aratame.startswith("付則第3条中「")
    after = apply_aratame(aratame, provisions)
    assert after["付則第3条"].text == new
    assert all(after[label].text == text for label, text in provisions.items() if label != "付則第3条")
    # 法制執務: the provision is cited as printed; 附則第3条 names no provision of this 規程.
    with pytest.raises(ApplyError, match="改正箇所が見つかりません"):
        apply_aratame(aratame.replace("付則", "附則", 1), provisions)
