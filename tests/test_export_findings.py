"""The findings writers: JSONL round trip, CSV that Excel opens (BOM), and the xlsx 点検表."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest

from analogreg.categories import CATEGORIES
from analogreg.export.findings import (
    XLSX_CELL_LIMIT,
    errors_path,
    format_for,
    read_jsonl,
    summarize,
    write_errors,
    write_findings,
)
from analogreg.records import Finding

# 警備業法 第6条 and 電気事業法 第四十六条の五 (a digital alternative already offered), verbatim.
KEIBI = "警備業者は、認定証をその主たる営業所の見やすい場所に掲示しなければならない。"
DENKI = (
    "一般送配電事業者は、前条の規定による届出をした託送供給等約款を、経済産業省令で定めるところにより、その営業所及び"
    "事務所に備え置き、かつ、インターネットの利用その他の適切な方法により公表しなければならない。"
)


def make(doc: str, label: str, text: str, categories: list[str], words: list[str], **extra) -> Finding:
    spans = [(text.index(w), text.index(w) + len(w)) for w in words]
    return Finding(
        finding_id=f"id-{doc}-{label}",
        doc=doc,
        law_title=extra.pop("law_title", "警備業法"),
        law_num="昭和四十七年法律第百十七号",
        label=label,
        categories=categories,
        rules=["keiji.posting"],
        matched=words,
        spans=spans,
        text=text,
        group=extra.pop("group", "G1"),
        **extra,
    )


@pytest.fixture
def findings() -> list[Finding]:
    return [
        make("national/keibi.xml", "第六条", KEIBI, ["書面掲示"], ["掲示しなければ"], article="6", paragraph="1"),
        make(
            "national/denki.xml",
            "第四十六条の五",
            DENKI,
            ["往訪閲覧・縦覧", "書面掲示"],
            ["備え置き", "公表しなければ"],
            already_digital=True,
            law_title="電気事業法",
            group="G2",
            article="46_5",
            paragraph="1",
        ),
    ]


def test_jsonl_round_trips_with_the_contract_field_names(tmp_path: Path, findings: list[Finding]) -> None:
    out = tmp_path / "findings.jsonl"
    write_findings(findings, out, "jsonl")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    record = json.loads(lines[0])
    for name in [
        "finding_id",
        "doc",
        "law_title",
        "law_num",
        "part",
        "article",
        "paragraph",
        "item",
        "label",
        "categories",
        "rules",
        "matched",
        "spans",
        "text",
        "already_digital",
        "group",
    ]:
        assert name in record
    assert record["article"] == "6" and record["item"] is None and record["part"] == "main"
    assert record["spans"] == [[KEIBI.index("掲示"), KEIBI.index("掲示") + len("掲示しなければ")]]
    assert "警備業者" in lines[0]  # Japanese is written as is, not \\u-escaped
    assert list(read_jsonl(out)) == findings


def test_csv_has_a_bom_and_the_japanese_headers(tmp_path: Path, findings: list[Finding]) -> None:
    out = tmp_path / "findings.csv"
    write_findings(findings, out, "csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    header = rows[0]
    for name in ("例規名", "条項", "類型", "該当箇所", "条文", "既にデジタル対応", "グループ", "判定", "備考"):
        assert name in header
    assert len(rows) == 3
    second = dict(zip(header, rows[2], strict=True))
    assert second["類型"] == "往訪閲覧・縦覧、書面掲示"
    assert second["該当箇所"] == "「備え置き」「公表しなければ」"
    assert second["既にデジタル対応"] == "はい"
    assert second["条文"] == DENKI


def test_xlsx_is_a_filterable_table_with_one_row_per_finding(tmp_path: Path, findings: list[Finding]) -> None:
    out = tmp_path / "tenken.xlsx"
    write_findings(findings, out, "xlsx")
    book = openpyxl.load_workbook(out, rich_text=True)
    sheet = book["点検表"]
    headers = [c.value for c in sheet[1]]
    for name in ("例規名", "条項", "類型", "該当箇所", "条文", "既にデジタル対応", "グループ", "判定", "備考"):
        assert name in headers
    assert sheet.max_row == 1 + len(findings)
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(headers))}3"
    col = {h: i + 1 for i, h in enumerate(headers)}
    assert sheet.cell(2, col["例規名"]).value == "警備業法"
    assert sheet.cell(3, col["既にデジタル対応"]).value == "はい"
    assert sheet.column_dimensions[openpyxl.utils.get_column_letter(col["条文"])].width >= 60
    # The 条文 keeps its full text, with the matched wording as a separate (highlighted) run.
    text_cell = sheet.cell(2, col["条文"]).value
    assert str(text_cell) == KEIBI
    runs = [getattr(block, "text", block) for block in text_cell]
    assert "掲示しなければ" in runs
    assert sheet.cell(2, col["条文"]).alignment.wrap_text
    # The 判定 column offers the decision list.
    validation = sheet.data_validations.dataValidation[0]
    assert "要改正" in validation.formula1
    assert openpyxl.utils.get_column_letter(col["判定"]) + "2" in str(validation.sqref)
    # The summary sheet counts by category in the national order.
    summary = book["集計"]
    assert [summary.cell(r, 1).value for r in range(2, 10)] == list(CATEGORIES)
    counts = {summary.cell(r, 1).value: (summary.cell(r, 2).value, summary.cell(r, 3).value) for r in range(2, 10)}
    assert counts["書面掲示"] == (2, 1)
    assert counts["往訪閲覧・縦覧"] == (1, 1)


def test_xlsx_cuts_a_provision_longer_than_an_excel_cell(tmp_path: Path) -> None:
    long_text = KEIBI * (XLSX_CELL_LIMIT // len(KEIBI) + 10)
    finding = make("a.xml", "第一条", long_text, ["書面掲示"], ["掲示しなければ"])
    out = tmp_path / "long.xlsx"
    write_findings([finding], out, "xlsx")
    sheet = openpyxl.load_workbook(out)["点検表"]
    headers = [c.value for c in sheet[1]]
    value = sheet.cell(2, headers.index("条文") + 1).value
    assert len(value) == XLSX_CELL_LIMIT and value.endswith("（以下略）")


def test_summary_counts_every_category_of_a_finding(findings: list[Finding]) -> None:
    rows = {r.category: (r.count, r.already_digital) for r in summarize(findings)}
    assert rows["書面掲示"] == (2, 1)
    assert rows["往訪閲覧・縦覧"] == (1, 1)
    assert rows["目視"] == (0, 0)


def test_errors_file_sits_beside_the_findings(tmp_path: Path) -> None:
    class Failure:
        doc, line, reason = "national/bad.xml", 12, "XML is not well-formed: tag mismatch"

    out = tmp_path / "findings.xlsx"
    target = errors_path(out)
    assert target == tmp_path / "findings.errors.jsonl"
    write_errors([Failure()], target)
    assert json.loads(target.read_text(encoding="utf-8")) == {
        "doc": "national/bad.xml",
        "line": 12,
        "reason": "XML is not well-formed: tag mismatch",
    }


def test_format_follows_the_suffix_unless_asked() -> None:
    assert format_for(Path("out.xlsx")) == "xlsx"
    assert format_for(Path("out.CSV")) == "csv"
    assert format_for(Path("out.json")) == "jsonl"
    assert format_for(Path("out.xlsx"), "csv") == "csv"
    with pytest.raises(ValueError, match="unknown format"):
        format_for(Path("out"), "pdf")


def test_a_failed_write_leaves_no_partial_file(tmp_path: Path, findings: list[Finding]) -> None:
    out = tmp_path / "findings.jsonl"
    out.write_text("previous run\n", encoding="utf-8")
    broken = [*findings, object()]  # not a Finding: the writer fails half-way
    with pytest.raises(AttributeError):
        write_findings(broken, out, "jsonl")  # type: ignore[arg-type]
    assert out.read_text(encoding="utf-8") == "previous run\n"
    assert [p.name for p in tmp_path.iterdir()] == ["findings.jsonl"]


def test_a_second_opinion_finding_shows_the_model_and_its_probability(tmp_path: Path) -> None:
    # 測量法 第五十一条の五第二項: no rule reads it; the learned second opinion adds 常駐専任.
    text = "専任教員は、他の養成施設の専任教員と兼務することができない。"
    finding = make("survey.xml", "第五十一条の五第二項", text, ["常駐専任"], [], opinion={"常駐専任": 0.98})
    finding = finding.model_copy(update={"rules": []})
    out = tmp_path / "tenken.xlsx"
    write_findings([finding], out, "xlsx")
    sheet = openpyxl.load_workbook(out)["点検表"]
    headers = [c.value for c in sheet[1]]
    assert sheet.cell(2, headers.index("学習モデル") + 1).value == "常駐専任 0.98"
    assert not sheet.cell(2, headers.index("ルール") + 1).value
    jsonl = tmp_path / "f.jsonl"
    write_findings([finding], jsonl, "jsonl")
    (row,) = read_jsonl(jsonl)
    assert row.opinion == {"常駐専任": 0.98} and row.matched == [] and row.spans == []


def test_the_statutes_a_clause_cites_have_their_column(tmp_path: Path) -> None:
    # 三郷市地区計画等の案の作成手続に関する条例 第1条, as read: its 法 is 都市計画法 (its own definition).
    text = (
        "この条例 は、都市計画法 (昭和43年法律第100号。以下「法」という。) 第16条第2項の規定に基づき、"
        "地区計画等の案の内容となるべき事項 (以下「地区計画等の原案」という。) の提示方法及び意見の提出方法に関し"
        "必要な事項を定めるものとする。"
    )
    finding = make(
        "misato/chiku.txt",
        "第1条",
        text,
        ["往訪閲覧・縦覧"],
        ["提示"],
        cites=["都市計画法第16条第2項"],
        basis=["都市計画法第16条第2項"],
    )
    out = tmp_path / "tenken.csv"
    write_findings([finding], out, "csv")
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["引用法令"] == row["例規の根拠規定"] == "都市計画法第16条第2項"
    jsonl = tmp_path / "f.jsonl"
    write_findings([finding], jsonl, "jsonl")
    (row,) = read_jsonl(jsonl)
    assert row.cites == ["都市計画法第16条第2項"]
