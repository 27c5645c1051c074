"""`analogreg export`: the drafts as txt, md, html and .docx, chosen by the review decisions in a real SQLite file.

Proposals are real amend output for the bundled 三郷市 例規 (tests/fixtures/draft/proposals_misato.jsonl).
"""

from __future__ import annotations

import io
import json
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from typer.testing import CliRunner

from analogreg.cli import app
from analogreg.draft.bill import build_bills
from analogreg.export.bill_docx import MINCHO, render_docx
from analogreg.export.bill_text import render_markdown, render_text
from analogreg.export.shinkyu_html import render_html
from analogreg.records import Proposal
from analogreg.review.state import ReviewStore
from analogreg.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "draft"
PROPOSALS = FIXTURES / "proposals_misato.jsonl"
SETTINGS = Settings(municipality="三郷市")


def _proposals() -> list[Proposal]:
    return [Proposal.model_validate(json.loads(line)) for line in PROPOSALS.read_text(encoding="utf-8").splitlines()]


def _proposal(title: str, label: str) -> Proposal:
    """The fixture's proposal for ``label`` of the 例規 titled ``title`` (by name: the file is regenerated)."""
    return next(p for p in _proposals() if p.law_title == title and p.label == label)


SEWER = "三郷市下水道条例施行規則"


def _rule_bill():
    return next(b for b in build_bills(_proposals(), SETTINGS) if b.kind == "規則")


# --- writers -----------------------------------------------------------------------------------------------------


def test_text_layout_follows_the_official_bill():
    text = render_text([_rule_bill()], SETTINGS)
    lines = text.splitlines()
    assert lines[0] == "\u3000\u3000\u3000" + SETTINGS.rule_bill_title
    assert "\u3000（三郷市下水道条例施行規則の一部改正）" in lines
    assert any(line.startswith("第1条\u3000三郷市下水道条例施行規則（") for line in lines)
    assert (
        "\u3000第6条の19中「掲示し」を「掲示し、又はインターネットの利用その他の方法により公衆の閲覧に供し」に改める。"
        in lines
    )
    assert lines.index("\u3000\u3000\u3000附　則") < lines.index("\u3000この規則は、公布の日から施行する。")
    # The 新旧対照表 follows, changed parts bracketed in plain text.
    assert "\u3000\u3000\u3000新旧対照表" in lines
    assert any(line.startswith("\u3000改正後\u3000") and "［掲示し、又は" in line for line in lines)
    assert any(line.startswith("\u3000改正前\u3000") and "［掲示し］" in line for line in lines)


def test_markdown_and_html_underline_the_changes():
    bill = _rule_bill()
    markdown = render_markdown([bill], SETTINGS)
    assert markdown.startswith(f"# {SETTINGS.rule_bill_title}")
    assert "| 改正後 | 改正前 |" in markdown
    assert "<u>掲示し</u>" in markdown
    html = render_html([bill], SETTINGS)
    assert "<u>掲示し、又はインターネットの利用その他の方法により公衆の閲覧に供し</u>" in html
    assert "（下線部分は改正部分）" in html
    assert html.index("<th>改正後</th>") < html.index("<th>改正前</th>")
    swapped = render_html([bill], Settings(table_order="old_new"))
    assert swapped.index("<th>改正前</th>") < swapped.index("<th>改正後</th>")


def test_html_escapes_text():
    proposal = _proposal(SEWER, "第6条の19").model_copy(update={"law_title": "<script>x</script>規則"})
    html = render_html(build_bills([proposal], SETTINGS), SETTINGS)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_docx_is_a4_mincho_with_underlined_table():
    data = render_docx(_rule_bill(), SETTINGS)
    document = Document(io.BytesIO(data))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    fonts = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == MINCHO
    ppr = document.styles["Normal"].element.pPr
    assert ppr.find(qn("w:kinsoku")) is not None
    assert document.paragraphs[0].text == SETTINGS.rule_bill_title
    assert document.paragraphs[0].alignment == 1  # centred
    captions = [p for p in document.paragraphs if p.text.startswith("（") and p.text.endswith("の一部改正）")]
    assert [p.text for p in captions] == [
        "（三郷市下水道条例施行規則の一部改正）",
        "（三郷市開発登録簿閲覧規則の一部改正）",
    ]
    article = next(p for p in document.paragraphs if p.text.startswith("第1条\u3000"))
    ind = article._p.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:hangingChars")) == "100"
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["改正後", "改正前"]
    underlined = [
        r.text for row in table.rows[1:] for c in row.cells for p in c.paragraphs for r in p.runs if r.underline
    ]
    assert "掲示し、又はインターネットの利用その他の方法により公衆の閲覧に供し" in underlined
    assert "掲示し" in underlined


SHINKYU = SETTINGS.model_copy(update={"amendment_style": "shinkyu"})


def test_the_table_itself_amends_in_the_shinkyu_style():
    """新旧対照表方式 (domain-and-drafting b.6): each article amends its 例規 「…の一部を次の表のように改正する。」
    and the table follows it there, in place of the 改め文; no 新旧対照表 is appended as 参考資料. The tables are the
    ones the 改め文 style appends: made from the same verified 改め文."""
    plain_bill = _rule_bill()
    bill = next(b for b in build_bills(_proposals(), SHINKYU) if b.kind == "規則")
    assert bill.style == "shinkyu" and bill.tables == plain_bill.tables
    assert [a.enacting.replace("次の表のように", "次のように") for a in bill.articles] == [
        a.enacting for a in plain_bill.articles
    ]
    assert all(a.enacting.endswith("の一部を次の表のように改正する。") for a in bill.articles)
    lines = render_text([bill], SHINKYU).splitlines()
    first = next(n for n, line in enumerate(lines) if line.startswith("第1条\u3000三郷市下水道条例施行規則（"))
    assert lines[first + 1] == "（［　］内は改正部分）"
    assert not any("に改める。" in line for line in lines)  # no 改め文
    assert "\u3000\u3000\u3000新旧対照表" not in lines
    assert sum(line.startswith("\u3000改正後\u3000") for line in lines) == sum(len(t.rows) for t in bill.tables)
    assert lines.index("\u3000\u3000\u3000附　則") > first
    html = render_html([bill], SHINKYU)
    assert "<h2>新旧対照表</h2>" not in html and html.count('<table class="shinkyu">') == len(bill.tables)
    assert html.index("次の表のように改正する。") < html.index('<table class="shinkyu">') < html.index("附　則")
    markdown = render_markdown([bill], SHINKYU)
    assert "## 新旧対照表" not in markdown and markdown.index("（下線部分は改正部分）") > markdown.index("第1条")
    # In the .docx, each table stands right after its article and the note, before the next caption.
    document = Document(io.BytesIO(render_docx(bill, SHINKYU)))
    body = [
        ("table", None) if child.tag == qn("w:tbl") else ("p", "".join(t.text or "" for t in child.iter(qn("w:t"))))
        for child in document.element.body.iterchildren()
        if child.tag in (qn("w:tbl"), qn("w:p"))
    ]
    article = next(n for n, (kind, text) in enumerate(body) if kind == "p" and text.startswith("第1条\u3000"))
    assert body[article + 1] == ("p", "（下線部分は改正部分）") and body[article + 2] == ("table", None)
    assert len(document.tables) == len(bill.tables)


def test_the_shinkyu_style_is_a_setting(amend_dir: Path, tmp_path: Path):
    settings = tmp_path / "settings.yaml"
    settings.write_text("municipality: 三郷市\namendment_style: shinkyu\n", encoding="utf-8")
    out = tmp_path / "drafts.txt"
    result = runner.invoke(
        app, ["export", str(amend_dir), "--format", "txt", "--out", str(out), "--settings", str(settings)]
    )
    assert result.exit_code == 0, result.output
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(tmp_path.glob("drafts*.txt")))
    assert "の一部を次の表のように改正する。" in text and "の一部を次のように改正する。" not in text
    settings.write_text("municipality: 三郷市\namendment_style: table\n", encoding="utf-8")
    result = runner.invoke(app, ["export", str(amend_dir), "--out", str(out), "--settings", str(settings)])
    assert result.exit_code == 2 and f"{settings}:2: amendment_style" in result.output


def test_docx_is_byte_identical_whenever_it_is_written(monkeypatch):
    bill = _rule_bill()
    first = render_docx(bill, SETTINGS)
    # A save an hour later: python-docx would stamp the zip entries with that time.
    later = time.time() + 3600
    monkeypatch.setattr(time, "time", lambda: later)
    second = render_docx(bill, SETTINGS)
    assert first == second
    assert {info.date_time for info in zipfile.ZipFile(io.BytesIO(first)).infolist()} == {(1980, 1, 1, 0, 0, 0)}


# --- the command -------------------------------------------------------------------------------------------------

runner = CliRunner()


@pytest.fixture
def amend_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "out"
    directory.mkdir()
    shutil.copy(PROPOSALS, directory / "proposals.jsonl")
    return directory


def _export(directory: Path, out: Path, fmt: str = "txt"):
    return runner.invoke(app, ["export", str(directory), "--format", fmt, "--out", str(out)])


def test_export_writes_one_draft_per_kind(amend_dir: Path, tmp_path: Path):
    result = _export(amend_dir, tmp_path / "seibi.docx", "docx")
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in tmp_path.glob("seibi*.docx"))
    assert written == ["seibi-kisoku.docx", "seibi-sonota.docx", "seibi.docx"]
    assert "no review decisions yet" in result.output
    ordinance = Document(str(tmp_path / "seibi.docx"))
    # Two 条例 amended: one omnibus 条例, an article for each.
    assert ordinance.paragraphs[0].text == "情報通信技術の活用のための関係条例の整備に関する条例"
    text = "\n".join(p.text for p in ordinance.paragraphs)
    assert "（三郷市地区計画等の案の作成手続に関する条例の一部改正）" in text
    assert "（三郷市指定居宅介護支援等の事業の人員及び運営等に関する基準を定める条例の一部改正）" in text


def test_a_committees_rule_is_written_to_its_own_file(amend_dir: Path, tmp_path: Path):
    # 三郷市 教育委員会事務局職員の勤務時間、休日及び休暇に関する規則 (平成2年教委規則第3号, misato extract), 第3条.
    kyoui = _proposal(SEWER, "第6条の6").model_copy(
        update={
            "finding_id": "kyoui",
            "doc": "教育委員会事務局職員の勤務時間、休日及び休暇に関する規則.txt",
            "law_title": "教育委員会事務局職員の勤務時間、休日及び休暇に関する規則",
            "law_num": "平成2年教委規則第3号",
            "law_kind": "規則",
            "article": "3",
            "paragraph": None,
            "item": None,
            "subitems": [],
            "label": "第3条",
            "text": "職員の休憩時間は、午後0時から60分間とする。",
            "old_text": "職員の休憩時間は、午後0時から60分間とする。",
            "new_text": "職員の休憩時間は、午後0時から45分間とする。",
            "scope": {},
        }
    )
    with (amend_dir / "proposals.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(kyoui.model_dump_json() + "\n")
    settings = tmp_path / "misato.yaml"
    settings.write_text("municipality: 三郷市\n", encoding="utf-8")
    out = tmp_path / "seibi.docx"
    result = runner.invoke(app, ["export", str(amend_dir), "--out", str(out), "--settings", str(settings)])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in tmp_path.glob("seibi*.docx"))
    assert written == ["seibi-kisoku-教育委員会.docx", "seibi-kisoku.docx", "seibi-sonota.docx", "seibi.docx"]
    text = "\n".join(p.text for p in Document(tmp_path / "seibi-kisoku-教育委員会.docx").paragraphs)
    assert "（平成2年三郷市教育委員会規則第3号）" in text and "三郷市教育委員会規則" in text
    mayor = "\n".join(p.text for p in Document(tmp_path / "seibi-kisoku.docx").paragraphs)
    assert "休憩時間" not in mayor


def test_export_takes_accepted_and_edited_proposals_only(amend_dir: Path, tmp_path: Path):
    proposals = {p.label + p.doc: p for p in _proposals()}
    sewer_6_19 = proposals["第6条の19ordinances/misato/三郷市下水道条例施行規則.txt"]
    sewer_6_6 = proposals["第6条の6ordinances/misato/三郷市下水道条例施行規則.txt"]
    election_3 = proposals["第3条ordinances/misato/公職選挙法及び同法施行令執行細則.txt"]
    edited_text = sewer_6_19.old_text.replace("掲示して", "掲示し、又はインターネットを利用して")
    with ReviewStore.for_dir(amend_dir, "tester") as store:
        store.accept(sewer_6_6)
        store.edit(sewer_6_19, edited_text)
        store.reject(election_3)
        orphan = election_3.model_copy(update={"finding_id": "gone0000gone0000", "label": "第99条"})
        store.accept(orphan)
    result = _export(amend_dir, tmp_path / "seibi.txt")
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "seibi.txt").exists()  # no 条例 accepted
    text = (tmp_path / "seibi-kisoku.txt").read_text(encoding="utf-8")
    assert "三郷市下水道条例施行規則の一部を改正する規則" in text
    assert "「掲示し」を「掲示し、又はインターネットを利用し」に改める。" in text
    assert "第6条の6中「更新講習」の次に" in text
    assert "公職選挙法" not in text
    assert "orphan decision" in result.output and "第99条" in result.output


def test_stale_decision_is_held_back(amend_dir: Path, tmp_path: Path):
    proposal = _proposal(SEWER, "第6条の6")
    with ReviewStore.for_dir(amend_dir, "tester") as store:
        store.accept(proposal.model_copy(update={"old_text": proposal.old_text + "（旧）"}))
        store.accept(_proposal(SEWER, "第6条の19"))
    result = _export(amend_dir, tmp_path / "seibi.txt")
    assert result.exit_code == 0, result.output
    assert "held back (decision made on another text)" in result.output
    text = (tmp_path / "seibi-kisoku.txt").read_text(encoding="utf-8")
    assert "第6条の19中" in text and "第6条の6中" not in text


def test_export_refuses_bad_input_in_one_line(amend_dir: Path, tmp_path: Path):
    lines = PROPOSALS.read_text(encoding="utf-8").splitlines()
    lines[2] = '{"finding_id": "x"}'
    (amend_dir / "proposals.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _export(amend_dir, tmp_path / "seibi.txt")
    assert result.exit_code == 2
    assert "proposals.jsonl:3: not a proposal record" in result.output
    assert "Traceback" not in result.output
    missing = _export(tmp_path / "nowhere", tmp_path / "seibi.txt")
    assert missing.exit_code == 2 and "no proposals file" in missing.output


def test_nothing_accepted_is_an_error(amend_dir: Path, tmp_path: Path):
    with ReviewStore.for_dir(amend_dir, "tester") as store:
        store.reject(_proposals()[0])
    result = _export(amend_dir, tmp_path / "seibi.txt")
    assert result.exit_code == 2
    assert "nothing to export" in result.output


def test_held_back_proposals_are_listed_in_every_format():
    broken = _proposal(SEWER, "第6条の19").model_copy(
        update={"new_text": "市長は、「次に掲げる場合には、三郷市掲示場に掲示して公示する。"}
    )
    bill = next(b for b in build_bills([_proposal(SEWER, "第6条の6"), broken], SETTINGS) if b.kind == "規則")
    assert [item.label for item in bill.unverified] == ["第6条の19"]
    assert all("第6条の19" not in sentence for article in bill.articles for sentence in article.aratame)
    assert "検証できなかった改正案" in render_text([bill], SETTINGS)
    assert "（未検証）" in render_markdown([bill], SETTINGS)
    assert "検証できなかった改正案" in render_html([bill], SETTINGS)
    document = Document(io.BytesIO(render_docx(bill, SETTINGS)))
    assert any(p.text.startswith("検証できなかった改正案") for p in document.paragraphs)
    assert any("（未検証）" in cell.text for table in document.tables for row in table.rows for cell in row.cells)
