"""Every amendment template's own examples, run through propose(); the template loader's error reporting."""

import re
from pathlib import Path

import pytest

from analogreg.amend.selftest import check_counterexample, check_example
from analogreg.categories import CATEGORIES
from analogreg.ruleset.templates import (
    TEMPLATES_DIR,
    AlternativeTemplate,
    default_templates,
    fill,
    join_lines,
    load_templates,
)
from analogreg.ruleset.yamlload import DataFileError
from analogreg.settings import Settings, load_settings

TEMPLATES = default_templates()
SETTINGS = load_settings()


def _cases(kind: str):
    for category, templates in TEMPLATES.by_category.items():
        for template in templates:
            items = template.examples if kind == "example" else template.must_not_apply
            for i, item in enumerate(items):
                yield pytest.param(category, template, i, item, id=f"{template.id}::{i}")


@pytest.mark.parametrize(("category", "template", "index", "example"), list(_cases("example")))
def test_template_example(category, template, index, example):
    result = check_example(TEMPLATES, category, template, index, example, SETTINGS)
    assert result.ok, "\n".join(result.problems)


@pytest.mark.parametrize(("category", "template", "index", "counter"), list(_cases("counterexample")))
def test_template_must_not_apply(category, template, index, counter):
    result = check_counterexample(TEMPLATES, category, template, index, counter, SETTINGS)
    assert result.ok, "\n".join(result.problems)


def test_every_category_has_templates_and_examples():
    assert set(TEMPLATES.by_category) == set(CATEGORIES)
    for category in CATEGORIES:
        templates = TEMPLATES.by_category[category]
        assert templates, category
        assert sum(len(t.examples) for t in templates) >= 1


def test_every_example_names_a_real_source():
    for template in TEMPLATES.all():
        for example in template.examples:
            assert len(example.source) > 5, template.id


def test_model_phrases_follow_the_settings():
    sakai = SETTINGS
    other = Settings.model_validate(
        SETTINGS.model_dump() | {"video_audio_connective": "と", "appropriate_method": True}
    )
    phrase = "{video_method}{or}インターネットの利用{other_method}"
    assert fill(phrase, sakai) == (
        "映像及び音声の送受信により相手の状態を相互に認識しながら通話をすることができる方法、又はインターネットの利用その他の方法"
    )
    assert fill(phrase, other, nested=True) == (
        "映像と音声の送受信により相手の状態を相互に認識しながら通話をすることができる方法若しくはインターネットの利用その他の適切な方法"
    )


def test_folded_notes_are_one_line():
    assert join_lines("改正しない。同条例により、縦覧は情報通信技術を利用する方法により行うことが\n できる。") == (
        "改正しない。同条例により、縦覧は情報通信技術を利用する方法により行うことができる。"
    )
    for template in TEMPLATES.all():
        assert "\n" not in template.note and "が で" not in template.note
        # A line break after a placeholder must not leave a space in the filled note (「…方法 により」).
        filled = fill(template.note, SETTINGS)
        assert not re.search(r"[^\x00-\x7f] [^\x00-\x7f]", filled), (template.id, filled)


def _write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def test_loader_reports_every_problem_with_file_and_line(tmp_path):
    good = (TEMPLATES_DIR / "keiji.yaml").read_text(encoding="utf-8")
    _write(tmp_path, "keiji.yaml", good)
    _write(
        tmp_path,
        "broken.yaml",
        "category: 目視\n"
        "templates:\n"
        "  - id: keiji.internet\n"  # duplicate id (line 3)
        "    kind: insert\n"
        "    description: a description long enough to pass the length check of the schema\n"
        "    pattern: [{LEMMA: 目視}]\n"
        "    edits: [{at: 9, text: '{unknown}'}]\n"  # bad place and bad placeholder (line 7)
        "    examples: [{before: 目視, source: nowhere}]\n"
        "    colour: red\n",  # unknown key (line 9)
    )
    _write(tmp_path, "syntax.yaml", "category: [unclosed\n")
    with pytest.raises(DataFileError) as err:
        load_templates(tmp_path)
    lines = str(err.value).splitlines()
    assert any("broken.yaml:7" in line and "placeholder" in line for line in lines), lines
    assert any("broken.yaml:9" in line and "colour" in line for line in lines), lines
    assert any(line.startswith(f"{tmp_path / 'syntax.yaml'}:") and "YAML syntax" in line for line in lines), lines


def test_loader_reports_duplicate_ids_across_files(tmp_path):
    good = (TEMPLATES_DIR / "keiji.yaml").read_text(encoding="utf-8")
    _write(tmp_path, "a.yaml", good)
    _write(tmp_path, "b.yaml", good.replace("category: 書面掲示", "category: 目視"))
    with pytest.raises(DataFileError) as err:
        load_templates(tmp_path)
    assert "duplicate template id keiji.internet" in str(err.value)
    assert f"{tmp_path / 'b.yaml'}:" in str(err.value)


def test_alternative_phrases_end_with_a_verb():
    from analogreg.tokenize import tokenize

    for template in TEMPLATES.all():
        if isinstance(template, AlternativeTemplate):
            last = tokenize(fill(template.phrase, SETTINGS))[-1]
            assert last.pos[0] == "動詞", template.id


def test_an_unless_reason_needs_a_text_it_is_told_for(tmp_path):
    # The drafter's reason is data like the rest: a reason no counterexample shows, or a told that names no
    # reason, is a load error at the template's line.
    good = (TEMPLATES_DIR / "koshu.yaml").read_text(encoding="utf-8")
    untold = good.replace("        told: 講習を受けた者についての定めであり、受講を義務付ける規定でない\n", "")
    assert untold != good
    _write(tmp_path, "koshu.yaml", untold)
    with pytest.raises(DataFileError) as err:
        load_templates(tmp_path)
    assert "koshu.yaml:" in str(err.value)
    assert "講習を受けた者についての定め" in str(err.value) and "no must_not_apply" in str(err.value)

    _write(tmp_path, "koshu.yaml", good.replace("told: 講習を受けた者", "told: 講習を受講した者", 1))
    with pytest.raises(DataFileError) as err:
        load_templates(tmp_path)
    assert "which no unless gives as its reason" in str(err.value)


def test_only_a_template_exception_reads_the_whole_article():
    from pydantic import ValidationError

    from analogreg.ruleset.schema import Condition
    from analogreg.ruleset.templates import TemplateCondition

    assert TemplateCondition(scope="article", regex="掲示を始めた").scope == "article"
    # The scan never reads past the paragraph: a detection rule cannot ask for the article.
    with pytest.raises(ValidationError):
        Condition(scope="article", regex="掲示を始めた")
    # A whole-text scope is tested with a regex; only the tokenized sentence takes a token pattern.
    with pytest.raises(ValidationError):
        TemplateCondition(scope="article", pattern=[{"LEMMA": "掲示"}])


def test_a_clause_no_template_fits_gets_its_category_s_word_to_the_drafter():
    from analogreg.amend import NO_TEMPLATE, propose
    from analogreg.amend.selftest import example_finding, example_law

    # 三郷市庁舎防火管理規程 第14条: the interval of an inspection, which no template rewrites.
    text = (
        "防火管理者又は防火管理者の指定した者は、消防用設備の点検及び地震に対する設備の点検を6月及び12月に行う"
        "ものとする。"
    )
    law = example_law(text)
    proposal = propose(example_finding(law, "定期検査・点検", "6月及び12月"), law, SETTINGS)
    assert proposal is not None and proposal.new_text == text
    assert "定期検査・点検（manual）：要手動起案：検査・点検の周期・時期等を定める規定であり" in proposal.note
    assert NO_TEMPLATE not in proposal.note


def test_every_category_file_says_what_the_drafter_is_told_when_nothing_fits(tmp_path):
    assert set(TEMPLATES.fallback_notes) == set(CATEGORIES)
    for note in TEMPLATES.fallback_notes.values():
        filled = fill(note, SETTINGS)
        assert "{" not in filled and not re.search(r"[^\x00-\x7f] [^\x00-\x7f]", filled), filled
    good = (TEMPLATES_DIR / "teiki.yaml").read_text(encoding="utf-8")
    start = good.index("fallback_note:")
    _write(tmp_path, "teiki.yaml", good[:start] + good[good.index("\ntemplates:") + 1 :])
    with pytest.raises(DataFileError) as err:
        load_templates(tmp_path)
    assert "teiki.yaml" in str(err.value) and "fallback_note" in str(err.value)


def test_a_manual_template_keeps_what_an_earlier_template_found():
    from analogreg.amend import propose
    from analogreg.amend.selftest import example_finding, example_law

    # 道路交通法 第七十四条の三第八項: koshu.online leaves 当該講習 (named in 第百八条の二) with its reason, and
    # koshu.provider then flags the 講習を行う; the drafter reads both.
    text = (
        "自動車の使用者は、公安委員会からその選任に係る安全運転管理者等について第百八条の二第一項第一号に掲げる講習を"
        "行う旨の通知を受けたときは、当該安全運転管理者等に当該講習を受けさせなければならない。"
    )
    law = example_law(text, national=True)
    proposal = propose(example_finding(law, "対面講習", "講習"), law, SETTINGS)
    assert proposal is not None and proposal.new_text == text
    assert proposal.template == "koshu.provider"
    assert "講習・研修を行う側の規定" in proposal.note
    assert "（定型を当てなかった理由：他の規定で定める講習・研修を指す語" in proposal.note
