"""法令番号 and 例規番号: a national statute told from a local government's 例規 (analogreg/lawnum.py), and what that
changes: a municipality's general online ordinance covers the 縦覧 of its own 例規 only (etsuran.covered), never a
national law's (etsuran.national)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analogreg.amend import propose_law
from analogreg.classify import classify_law
from analogreg.lawnum import made_nationally
from analogreg.parse import parse_file
from analogreg.settings import load_settings

ORDINANCES = Path(__file__).resolve().parent.parent / "ordinances"
SETTINGS = load_settings()


@pytest.mark.parametrize(
    ("kind", "law_num", "national"),
    [
        ("法律", "平成五年法律第八十八号", True),  # 行政手続法
        ("省令", "昭和四十七年総理府令第三十九号", True),
        ("規則", "平成六年国家公安委員会規則第五号", True),  # a national commission's 規則
        ("規則", "昭和二十七年人事院規則一四―七", True),  # 人事院規則 by its kind, whatever its number
        ("規則", "平成2年教委規則第3号", False),  # a city's board of education
        ("規則", "平成18年3月31日規則第12号", False),  # the mayor's
        ("規則", None, False),  # no number: taken as the mayor's, as the bill takes it
        ("条例", "平成9年11月14日条例第25号", False),
        ("要綱", None, False),
    ],
)
def test_national_statutes_are_told_from_local_ones(kind, law_num, national):
    assert made_nationally(kind, law_num) is national


def _viewing_proposals(path: Path):
    law = parse_file(path).law
    findings = [f for f in classify_law(law, doc=path.name) if "往訪閲覧・縦覧" in f.categories]
    return [p for p in propose_law(findings, law, SETTINGS) if p is not None]


def test_a_national_laws_viewing_is_not_passed_as_covered_by_the_municipal_ordinance():
    # 行政手続法 第二十四条第四項 (調書の閲覧), bundled: under the default setting it used to say 「改正しない。
    # 情報通信技術を活用した行政の推進に関する条例により…（市の機関が行うもの）」, a city ordinance for a national law.
    national = {p.label: p for p in _viewing_proposals(ORDINANCES / "national" / "行政手続法.xml")}
    viewing = national["第二十四条第四項"]
    assert viewing.template == "etsuran.national" and viewing.new_text == viewing.old_text
    assert "国の法令の縦覧・閲覧であり" in viewing.note and "市の機関" not in viewing.note
    assert all("etsuran.covered" not in (p.template or "") for p in national.values())
    # A city's own 例規 is still covered by its ordinance.
    local = _viewing_proposals(ORDINANCES / "misato" / "公職選挙法及び同法施行令執行細則.txt")
    assert local and all(p.template == "etsuran.covered" for p in local)


def test_the_explicit_setting_drafts_a_national_laws_public_viewing_as_any_other():
    explicit = SETTINGS.model_copy(update={"etsuran_mode": "explicit"})
    law = parse_file(ORDINANCES / "national" / "行政手続法.xml").law
    findings = [f for f in classify_law(law, doc="gyosei.xml") if "往訪閲覧・縦覧" in f.categories]
    proposals = [p for p in propose_law(findings, law, explicit) if p is not None]
    assert proposals and not any("etsuran.national" in (p.template or "") for p in proposals)
