"""The rule examples' self-test holds a match example to what the scan would read, not only to the traced run.

A rule's keywords must lie in the very sentence of its match (rules/README.md): the scan tokenizes only the
sentences that hold one. The traced run behind `rules explain` reads every sentence with any rule's keyword, so an
example could match there and still be a match the scan never makes; the self-test must catch that.
"""

from __future__ import annotations

from pathlib import Path

from analogreg.ruleset.load import load_ruleset
from analogreg.ruleset.selftest import run_selftest

# viewing papers (閲覧させる) caught by a rule that wrongly names 掲示 as its keyword; a second rule's keyword 閲覧
# makes the traced run read the second sentence, where the first rule matches
RULES = """\
category: 往訪閲覧・縦覧
rules:
  - id: t.etsuran_saseru
    description: 往訪閲覧・縦覧 test rule, papers shown to whoever asks (閲覧させる)
    pattern:
      - {LEMMA: 閲覧}
      - {LEMMA: する}
      - {LEMMA: せる}
    keywords: [{keyword}]
    examples:
      match:
        - text: 標識を掲示する。書類を閲覧させる。
          span: 閲覧させる
      no_match:
        - 書類を保存する。
  - id: t.etsuran_kyosuru
    description: 往訪閲覧・縦覧 test rule, papers put up for public viewing (閲覧に供する)
    pattern:
      - {LEMMA: 閲覧}
      - {SURFACE: に}
      - {LEMMA: 供する}
    keywords: [閲覧]
    examples:
      match:
        - text: 書類を閲覧に供する。
          span: 閲覧に供する
      no_match:
        - 書類を保存する。
"""


def _ruleset(tmp_path: Path, keyword: str):
    (tmp_path / "etsuran.yaml").write_text(RULES.replace("{keyword}", keyword), encoding="utf-8")
    return load_ruleset(tmp_path)


def test_a_match_outside_the_rules_keywords_sentence_fails(tmp_path: Path) -> None:
    count, failures = run_selftest(_ruleset(tmp_path, "掲示"))
    assert count == 4
    assert [(f.example.owner, f.example.kind) for f in failures] == [("t.etsuran_saseru", "match")]
    assert "the scan would not read the matched sentence" in failures[0].message
    assert str(failures[0]).startswith(f"{tmp_path / 'etsuran.yaml'}:12: t.etsuran_saseru match[0]:")


def test_the_same_match_passes_once_its_keyword_is_in_its_sentence(tmp_path: Path) -> None:
    count, failures = run_selftest(_ruleset(tmp_path, "閲覧させ"))
    assert count == 4
    assert failures == []
