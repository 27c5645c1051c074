"""Rule files are validated in full: every problem is reported at once, each with its file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from analogreg.cli import app
from analogreg.ruleset.load import load_ruleset
from analogreg.ruleset.yamlload import DataFileError

GOOD_RULE = """\
category: 書面掲示
rules:
  - id: t.keiji
    description: 書面掲示 test rule, posting with 掲示する
    pattern:
      - {LEMMA: 掲示}
      - {LEMMA: する}
    examples:
      match:
        - text: 事業者は、標識を見やすい場所に掲示しなければならない。
          span: 掲示し
      no_match:
        - 事業者は、標識を備えなければならない。
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(DataFileError) as caught:
        load_ruleset(folder)
    return [str(p) for p in caught.value.problems]


def test_good_file_loads_and_compiles(tmp_path: Path) -> None:
    write(tmp_path, "keiji.yaml", GOOD_RULE)
    ruleset = load_ruleset(tmp_path)
    assert [r.id for r in ruleset.rules] == ["t.keiji"]
    assert ruleset.rules[0].category == "書面掲示"
    assert ruleset.prefilter.may_match("掲示板") and not ruleset.prefilter.may_match("標識を備える")


def test_every_error_reported_with_file_and_line(tmp_path: Path) -> None:
    bad = GOOD_RULE.replace("    description:", "    colour: red\n    description:")  # unknown key, line 4
    bad = bad.replace("{LEMMA: する}", '{LEMMA: {REGEX: "(unclosed"}}')  # bad regex, line 8
    write(tmp_path, "a.yaml", bad)
    write(tmp_path, "b.yaml", GOOD_RULE.replace("category: 書面掲示", "category: 紙掲示"))  # unknown category
    write(tmp_path, "c.yaml", GOOD_RULE)  # duplicate id of a.yaml? a.yaml fails validation; b too: c is first
    write(tmp_path, "d.yaml", GOOD_RULE)  # duplicate of c.yaml
    write(tmp_path, "e.yaml", "rules:\n  - id: [unclosed\n")  # YAML syntax error
    problems = problems_of(tmp_path)
    text = "\n".join(problems)
    assert re.search(r"a\.yaml:4: .*colour.*Extra inputs", text), text
    assert re.search(r"a\.yaml:8: .*bad regex", text), text
    assert re.search(r"b\.yaml:1: category: Input should be", text), text
    assert re.search(r"d\.yaml:3: duplicate id 't\.keiji' \(first at .*c\.yaml:3\)", text), text
    assert re.search(r"e\.yaml:\d+: YAML syntax", text), text
    assert len(problems) == 5


def test_rule_without_category_or_keyword(tmp_path: Path) -> None:
    no_category = GOOD_RULE.replace("category: 書面掲示\n", "")
    write(tmp_path, "a.yaml", no_category)
    no_keyword = GOOD_RULE.replace("t.keiji", "t.any").replace(
        "      - {LEMMA: 掲示}\n      - {LEMMA: する}\n", "      - {POS: [名詞]}\n"
    )
    write(tmp_path, "b.yaml", no_keyword)
    text = "\n".join(problems_of(tmp_path))
    assert "a.yaml:2: rule 't.keiji' has no category" in text
    assert "b.yaml:3: rule 't.any': no prefilter keyword" in text


def test_examples_are_validated(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", GOOD_RULE.replace("span: 掲示し", "span: 縦覧し"))
    text = "\n".join(problems_of(tmp_path))
    assert re.search(r"a\.yaml:10: .*span '縦覧し' does not occur", text), text


def test_operator_and_condition_validation(tmp_path: Path) -> None:
    bad = GOOD_RULE.replace("{LEMMA: する}", '{LEMMA: する, OP: "?", MAX: 3}').replace(
        "    examples:", "    context:\n      - scope: caption\n        pattern: [{LEMMA: 標識}]\n    examples:"
    )
    write(tmp_path, "a.yaml", bad)
    text = "\n".join(problems_of(tmp_path))
    assert "MAX is only meaningful" in text
    assert "cannot test scope 'caption'" in text


def test_cli_check_reports_failures_and_exit_code(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", GOOD_RULE.replace("span: 掲示し", "span: 見やすい"))
    result = CliRunner().invoke(app, ["rules", "check", "--rules", str(tmp_path)])
    assert result.exit_code == 1
    assert re.search(r"a\.yaml:10: t\.keiji match\[0\]: matched \['掲示し'\], expected '見やすい'", result.output)


def test_cli_check_reports_schema_errors(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", GOOD_RULE.replace("category: 書面掲示", "category: 紙掲示"))
    result = CliRunner().invoke(app, ["rules", "check", "--rules", str(tmp_path)])
    assert result.exit_code == 1
    assert "a.yaml:1: category" in result.output
    assert "Traceback" not in result.output


def test_cli_check_passes_on_project_rules() -> None:
    result = CliRunner().invoke(app, ["rules", "check"])
    assert result.exit_code == 0, result.output
    assert re.search(r"\d+ examples, 0 failed", result.output)


def test_cli_check_names_prefilter_words_without_a_measured_share(tmp_path: Path) -> None:
    # A new rule's words have no share in word_shares.json yet: check names them (a speed hint) and still passes.
    write(tmp_path, "a.yaml", GOOD_RULE)
    result = CliRunner().invoke(app, ["rules", "check", "--rules", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "prefilter:" not in result.output  # 掲示 is measured
    write(tmp_path, "a.yaml", GOOD_RULE.replace("    examples:", "    keywords: [掲示しなければ]\n    examples:"))
    result = CliRunner().invoke(app, ["rules", "check", "--rules", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "prefilter: 1 words not in word_shares.json" in result.output
    assert "掲示しなければ" in result.output


def test_cli_check_on_project_rules_has_every_prefilter_word_measured() -> None:
    result = CliRunner().invoke(app, ["rules", "check"])
    assert result.exit_code == 0, result.output
    assert "prefilter:" not in result.output, result.output


EXCLUSION_WITH_EXCEPTION = """\
exclusions:
  - id: t.items_only
    description: test exclusion, items that end a sentence with 掲示すること, unless the 柱書 imposes them
    when:
      - scope: unit
        regex: "掲示すること。$"
    unless:
      - scope: provision
        regex: "次のとおりとする"
    examples:
      triggers:
        - 一　当該作業に係る料金を当該事業場において依頼者の見やすいように掲示すること。
"""

# 道路運送車両法施行規則 第六十二条の二の二 (the 柱書 and its first item)
PILLAR = "法第九十一条の三の国土交通省令で定める事項は、次のとおりとする。"
ITEM = (
    "一　法第四十八条に規定する点検又は整備の作業を行う事業場にあつては、"
    "当該作業に係る料金を当該事業場において依頼者の見やすいように掲示すること。"
)


@pytest.mark.parametrize("use_prefilter", [True, False])
def test_an_exclusion_does_not_apply_where_its_unless_holds(tmp_path: Path, use_prefilter: bool) -> None:
    from analogreg.classify import analyze

    write(tmp_path, "keiji.yaml", GOOD_RULE)
    write(tmp_path, "exclusions.yaml", EXCLUSION_WITH_EXCEPTION)
    ruleset = load_ruleset(tmp_path)
    # Without the 柱書 the exclusion drops the match; with it, its exception keeps the match (both on the
    # prefilter's whole-unit path, which rules a rule out before tokenizing, and on the matcher's).
    alone = analyze(ITEM, ruleset, caption="", ancestors="", use_prefilter=use_prefilter)
    held = analyze(ITEM, ruleset, caption="", ancestors=PILLAR, use_prefilter=use_prefilter)
    assert [h.rule for h in alone.hits] == []
    assert [h.rule for h in held.hits] == ["t.keiji"]
    assert held.hits[0].wording == "掲示する"
