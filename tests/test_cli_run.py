"""`analogreg run`: the main job end to end on real 例規 (点検表, proposals, bills, 新旧対照表) and reviewed reruns."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import openpyxl
import pytest

from analogreg.records import Proposal
from analogreg.review.state import ReviewStore

ROOT = Path(__file__).resolve().parents[1]
KYOTAKU = ROOT / "ordinances" / "misato" / "三郷市指定居宅介護支援等の事業の人員及び運営等に関する基準を定める条例.txt"
GESUIDO = ROOT / "ordinances" / "misato" / "三郷市下水道条例施行規則.txt"
NATIONAL = ROOT / "ordinances" / "national" / "旅館業法.xml"


def _run(src: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analogreg", "run", str(src), "--out", str(out), "--jobs", "1"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )


@pytest.fixture(scope="module")
def first_run(tmp_path_factory) -> tuple[Path, Path, subprocess.CompletedProcess]:
    work = tmp_path_factory.mktemp("run")
    src = work / "in"
    src.mkdir()
    for sample in (KYOTAKU, GESUIDO, NATIONAL):
        shutil.copyfile(sample, src / sample.name)
    (src / "broken.xml").write_bytes(NATIONAL.read_bytes()[:400])
    out = work / "out"
    return src, out, _run(src, out)


def _proposals(out: Path) -> list[Proposal]:
    lines = (out / "proposals.jsonl").read_text(encoding="utf-8").splitlines()
    return [Proposal.model_validate_json(line) for line in lines]


def test_run_writes_every_output_and_reports_the_broken_file(first_run):
    src, out, run = first_run
    assert run.returncode == 1, run.stderr  # one file failed, the others went through
    assert f"{src}/broken.xml" in run.stderr
    outputs = ["点検表.xlsx", "proposals.jsonl", "findings.jsonl"]
    outputs += ["改正案.docx", "改正案-kisoku.docx", "新旧対照表.html"]
    for name in outputs:
        assert (out / name).is_file(), name
        assert name in run.stdout  # the run says where each output is
    errors = [json.loads(line) for line in (out / "findings.errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [e["doc"] for e in errors] == [f"{src}/broken.xml"]


def test_checklist_has_one_row_per_finding(first_run):
    _, out, _ = first_run
    findings = (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()
    sheet = openpyxl.load_workbook(out / "点検表.xlsx").worksheets[0]
    assert sheet.max_row - 1 == len(findings) > 0


def test_ordinance_bill_holds_the_posting_amendment_and_the_table(first_run):
    _, out, _ = first_run
    posting = next(p for p in _proposals(out) if p.law_title.startswith("三郷市指定居宅") and p.label == "第24条")
    assert posting.verified and "インターネットの利用その他の方法により公表し" in posting.new_text
    text = "\n".join(p.text for p in docx.Document(out / "改正案.docx").paragraphs)
    assert posting.aratame.rstrip("。") in text
    assert "この条例は、公布の日から施行する。" in text
    # A 条例 bill never amends the 規則 (法制執務: a 条例 cannot amend a 規則).
    assert "下水道条例施行規則" not in text
    html = (out / "新旧対照表.html").read_text(encoding="utf-8")
    assert "<u>" in html and "改正後" in html


def test_rerun_after_review_drafts_accepted_proposals_only(first_run, tmp_path):
    src, out, _ = first_run
    reviewed = tmp_path / "reviewed"
    shutil.copytree(out, reviewed)
    proposals = {p.label: p for p in _proposals(reviewed) if p.law_title.startswith("三郷市指定居宅")}
    with ReviewStore.for_dir(reviewed, "法規担当A") as store:
        store.reject(proposals["第24条"])
    # As if an earlier run had drafted a committee's 規則 too (FILE-kisoku-<body>): that draft must go as well.
    shutil.copy(reviewed / "改正案-kisoku.docx", reviewed / "改正案-kisoku-教育委員会.docx")
    run = _run(src, reviewed)
    assert run.returncode == 1
    # Nothing is accepted: no draft at all this time, and the drafts of the first run are gone, not left stale.
    assert "nothing to export" in run.stderr
    assert not list(reviewed.glob("改正案*")) and not list(reviewed.glob("新旧対照表*"))
    assert (reviewed / "点検表.xlsx").is_file()
    # Accept it: the 条例 bill is back, with that clause only.
    with ReviewStore.for_dir(reviewed, "法規担当A") as store:
        store.accept(proposals["第24条"])
    run = _run(src, reviewed)
    text = "\n".join(p.text for p in docx.Document(reviewed / "改正案.docx").paragraphs)
    assert "第24条中「掲示し」を" in text
    assert not (reviewed / "改正案-kisoku.docx").exists()  # nothing of the 規則 was accepted


def test_run_prints_what_the_readers_warned_of(tmp_path):
    # 三郷市's 職員の分限…条例 as the text extract has it (its 附則 headings lost): the reader warns that
    # 「(施行期日) 第1条」 after 第6条 is cited as the 本則's. The main job dropped the readers' warnings, which the
    # scan prints.
    src = tmp_path / "in"
    src.mkdir()
    shutil.copyfile(ROOT / "tests" / "fixtures" / "parse" / "misato_bungen_no_fusoku_heading.txt", src / "bungen.txt")
    run = _run(src, tmp_path / "out")
    assert run.returncode == 0, run.stderr
    warned = [line for line in run.stderr.splitlines() if line.startswith("warning: ")]
    assert any("bungen.txt" in line and "line 8: 第1条 follows a higher article" in line for line in warned), run.stderr
    # All of them are kept beside the findings too (the terminal shows the first 20 of a whole 例規集's).
    kept = (tmp_path / "out" / "findings.warnings.txt").read_text(encoding="utf-8").splitlines()
    assert kept and all(f"warning: {line}" in warned for line in kept)
    assert any("line 8: 第1条 follows a higher article" in line for line in kept)
