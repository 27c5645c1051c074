"""Lemma variants: rules name the usual lemma and match its old spellings (rules/lexicon/lemma_variants.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analogreg.classify import analyze
from analogreg.ruleset.lexicon import LEXICON_FILE, load_lexicon
from analogreg.ruleset.load import RULES_DIR, default_ruleset, load_ruleset
from analogreg.ruleset.selftest import iter_examples, run_selftest
from analogreg.ruleset.yamlload import DataFileError

LEXICON, LEXICON_PROBLEMS = load_lexicon(RULES_DIR)

RULE = """\
category: 実地検査
rules:
  - id: t.kensa_okonau
    description: 実地検査 test rule, an inspection to be carried out (検査を行う)
    pattern:
      - {LEMMA: 検査}
      - {SURFACE: を}
      - {LEMMA: 行う}
    examples:
      match:
        - text: 検査を行うものとする。
          span: 検査を行う
      no_match:
        - 検査を受けるものとする。
"""
# 小型船舶検査事務 … 行なう (昭和八年法律第十一号); and its 行う twin, to show the plain spelling still matches
OLD_SPELLING = "機構は、小型船舶の検査を行なう事務所ごとに、検査設備を備えなければならない。"


BUNDLED_LEXICON = (RULES_DIR / LEXICON_FILE).read_text(encoding="utf-8")


def _rules_dir(tmp_path: Path, lexicon: str | None, rule: str = RULE) -> Path:
    """A rules folder holding one rule file and, unless ``lexicon`` is None, a lexicon of that text."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "kensa.yaml").write_text(rule, encoding="utf-8")
    if lexicon is not None:
        target = tmp_path / LEXICON_FILE
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(lexicon, encoding="utf-8")
    return tmp_path


def test_the_bundled_lexicon_loads_without_problems() -> None:
    assert LEXICON_PROBLEMS == []
    assert LEXICON.variants, "the bundled lexicon lists no variants"


def test_the_lexicon_examples_run_with_the_rule_examples() -> None:
    # tests/test_rule_examples.py and `analogreg rules check` run them: each must hold the spelling as a lemma
    examples = [e for e in iter_examples(default_ruleset()) if e.kind == "spelling"]
    assert len(examples) == sum(len(v.examples) for v in LEXICON.variants)
    assert all(e.path.endswith(str(LEXICON_FILE)) and e.line for e in examples)


def test_an_example_without_the_spelling_fails_with_file_and_line(tmp_path: Path) -> None:
    # 行う written the usual way: Sudachi gives 行う, so the example shows no need for the entry
    _rules_dir(
        tmp_path,
        "variants:\n  - lemma: 行う\n    spellings: [行なう]\n    examples:\n"
        "      - {text: 検査を行う。, spelling: 行なう}\n",
    )
    target = tmp_path / LEXICON_FILE
    count, failures = run_selftest(load_ruleset(tmp_path))
    assert count == 3  # the rule's two examples and the lexicon's one
    assert [str(f) for f in failures] == [
        f"{target}:5: lexicon:行う spelling[0]: Sudachi gives no word the lemma '行なう' here"
    ]


def test_a_rule_naming_the_usual_lemma_matches_the_old_spelling(tmp_path: Path) -> None:
    with_variants = load_ruleset(_rules_dir(tmp_path / "with", BUNDLED_LEXICON))
    without = load_ruleset(_rules_dir(tmp_path / "without", None))
    found = analyze(OLD_SPELLING, with_variants)
    assert [OLD_SPELLING[h.begin : h.end] for h in found.hits] == ["検査を行なう"]
    assert analyze(OLD_SPELLING, without).hits == []
    # the usual spelling matches either way, and the prefilter looks for the old spelling's stem too
    assert analyze(OLD_SPELLING.replace("行なう", "行う"), without).hits
    assert with_variants.prefilter.may_match(OLD_SPELLING)


def test_not_in_excludes_the_old_spelling_too(tmp_path: Path) -> None:
    rule = (
        RULE.replace("{LEMMA: 行う}", "{LEMMA: {NOT_IN: [行う]}}")
        .replace("検査を行うものとする。", "検査を受けるものとする。")
        .replace("span: 検査を行う", "span: 検査を受ける")
        .replace("        - 検査を受けるものとする。", "        - 検査を行うものとする。")
    )
    ruleset = load_ruleset(_rules_dir(tmp_path, BUNDLED_LEXICON, rule=rule))
    assert analyze("検査を受けるものとする。", ruleset).hits
    assert analyze(OLD_SPELLING, ruleset).hits == []


def test_lexicon_problems_are_reported_with_file_and_line(tmp_path: Path) -> None:
    _rules_dir(
        tmp_path,
        "variants:\n"
        "  - lemma: 行う\n"
        "    spellings: [行なう]\n"
        "    examples:\n"
        "      - {text: 検査を行なう。, spelling: 行なう}\n"
        "  - lemma: 為す\n"  # line 6: 行なう again, in a second entry
        "    spellings: [行なう]\n"
        "    examples:\n"
        "      - {text: 検査を行なう。, spelling: 行なう}\n",
    )
    target = tmp_path / LEXICON_FILE
    with pytest.raises(DataFileError) as caught:
        load_ruleset(tmp_path)
    assert [str(p) for p in caught.value.problems] == [f"{target}:6: '行なう' is listed in two entries"]

    target.write_text(
        "variants:\n  - lemma: 行う\n    spellings: [行なう]\n    examples:\n      - {text: 検査。, spelling: 行ふ}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as caught:
        load_ruleset(tmp_path)
    (problem,) = caught.value.problems
    assert problem.path == str(target) and problem.line == 2 and "not among the spellings" in problem.message
