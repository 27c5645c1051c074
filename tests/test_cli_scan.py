"""`analogreg scan` end to end: files out, summary, errors file, exit status."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from analogreg.categories import CATEGORIES
from analogreg.cli import app

FIXTURES = Path(__file__).parent / "fixtures" / "scan"
KOGYOJO = "national/昭和23年/昭和二十三年法律第百三十七号.xml"
YOKUJO = "national/昭和23年/昭和二十三年法律第百三十九号.xml"
TRUNCATED = "national/昭和51年/昭和五十一年政令第二百八十号-truncated.xml"
CONTRACT_FIELDS = [
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
]


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch) -> Path:
    shutil.copytree(FIXTURES / "national", tmp_path / "national")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(app, ["scan", *args], catch_exceptions=False)


def test_jsonl_with_a_broken_file_lists_it_and_exits_1(corpus: Path) -> None:
    result = run("national", "--out", "out/findings.jsonl", "--jobs", "2")
    assert result.exit_code == 1
    assert f"error: {TRUNCATED}:" in result.stderr
    errors = [json.loads(line) for line in (corpus / "out/findings.errors.jsonl").read_text("utf-8").splitlines()]
    assert [e["doc"] for e in errors] == [TRUNCATED] and errors[0]["reason"]

    records = [json.loads(line) for line in (corpus / "out/findings.jsonl").read_text("utf-8").splitlines()]
    assert records, "the good files were scanned and written"
    for record in records:
        for name in CONTRACT_FIELDS:
            assert name in record
    assert records[0]["doc"] == KOGYOJO
    assert {r["doc"] for r in records} >= {KOGYOJO, YOKUJO}
    # The summary lists the eight categories in the national order, with the total.
    lines = result.stdout.splitlines()
    positions = [next(i for i, line in enumerate(lines) if c in line) for c in CATEGORIES]
    assert positions == sorted(positions)
    assert f"{len(records):,}" in next(line for line in lines if "該当条項（計）" in line)
    assert "4 of 5 files scanned" in result.stdout


def test_all_good_files_exit_0_and_an_empty_errors_file(corpus: Path) -> None:
    (corpus / TRUNCATED).unlink()
    result = run("national", "--out", "findings.jsonl", "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    assert (corpus / "findings.errors.jsonl").read_text("utf-8") == ""
    assert result.stderr == ""


def test_xlsx_and_csv_are_chosen_by_suffix_or_flag(corpus: Path) -> None:
    (corpus / TRUNCATED).unlink()
    assert run("national", "--out", "tenken.xlsx", "--jobs", "1").exit_code == 0
    sheet = openpyxl.load_workbook(corpus / "tenken.xlsx")["点検表"]
    jsonl = run("national", "--out", "f.jsonl", "--jobs", "1")
    assert jsonl.exit_code == 0
    count = len((corpus / "f.jsonl").read_text("utf-8").splitlines())
    assert sheet.max_row == count + 1
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref

    assert run("national", "--out", "list.txt", "--format", "csv", "--jobs", "1").exit_code == 0
    assert (corpus / "list.txt").read_bytes().startswith(b"\xef\xbb\xbf")


def test_without_out_the_findings_go_to_stdout(corpus: Path) -> None:
    result = run(KOGYOJO, "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and {r["law_title"] for r in records} == {"興行場法"}
    assert "該当条項（計）" in result.stderr  # the summary stays off the data stream


def test_nothing_scannable_exits_2(corpus: Path) -> None:
    result = run("no-such-folder", "--out", "f.jsonl")
    assert result.exit_code == 2
    assert "no-such-folder" in result.stderr
    empty = corpus / "empty"
    empty.mkdir()
    result = run("empty", "--out", "f.jsonl")
    assert result.exit_code == 2
    assert "no supported files" in result.stderr


def test_every_file_failing_exits_2(corpus: Path) -> None:
    result = run(TRUNCATED, "--out", "f.jsonl")
    assert result.exit_code == 2
    assert TRUNCATED in result.stderr


def test_bad_rules_folder_is_one_line_and_exit_2(corpus: Path) -> None:
    rules = corpus / "rules"
    rules.mkdir()
    (rules / "broken.yaml").write_text("rules:\n  - id: x\n    pattern: 3\n", encoding="utf-8")
    result = run("national", "--out", "f.jsonl", "--rules", str(rules))
    assert result.exit_code == 2
    assert "broken.yaml" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (corpus / "f.jsonl").exists()


def test_unknown_format_is_refused(corpus: Path) -> None:
    result = run("national", "--out", "f.pdf", "--format", "pdf")
    assert result.exit_code == 2
    assert "unknown format" in result.stderr


def test_an_output_path_that_is_a_folder_is_one_line_and_exit_2(corpus: Path) -> None:
    (corpus / "taken.jsonl").mkdir()
    result = run(KOGYOJO, "--out", "taken.jsonl", "--jobs", "1")
    assert result.exit_code == 2
    assert "cannot write" in result.stderr and "Traceback" not in result.stderr


def test_scan_keeps_every_reader_warning_beside_the_findings(tmp_path: Path) -> None:
    # 三郷市's 職員の分限…条例 as the text extract has it warns of a lost 附則 heading; 興行場法 warns of nothing.
    root = Path(__file__).resolve().parents[1]
    src = tmp_path / "in"
    src.mkdir()
    shutil.copyfile(root / "tests" / "fixtures" / "parse" / "misato_bungen_no_fusoku_heading.txt", src / "bungen.txt")
    out = tmp_path / "findings.jsonl"
    result = CliRunner().invoke(app, ["scan", str(src), "--out", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    kept = (tmp_path / "findings.warnings.txt").read_text(encoding="utf-8").splitlines()
    assert len(kept) == 1 and "bungen.txt: line 8: 第1条 follows a higher article in the 本則" in kept[0]
    clean = tmp_path / "clean.jsonl"
    national = root / "tests" / "fixtures" / "scan" / "national" / "昭和23年" / "昭和二十三年法律第百三十七号.xml"
    result = CliRunner().invoke(app, ["scan", str(national), "--out", str(clean), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "clean.warnings.txt").read_text(encoding="utf-8") == ""
