"""FD等: the articles that only specify the medium become 「削除」 once the 例規 renames it (amend/spec.py), on the
bundled real 騒音規制法施行規則, whose 第十一条 names the フレキシブルディスク and 第十二条–第十四条 its 規格, 記録方式
and ラベル; drafted, verified and shown in the 新旧対照表."""

from __future__ import annotations

from pathlib import Path

import pytest

from analogreg.amend import propose_law
from analogreg.classify import classify_law
from analogreg.draft import draft_proposal
from analogreg.draft.bill import build_bills
from analogreg.draft.shinkyu import plain, side_labels
from analogreg.export.bill_text import layout
from analogreg.export.shinkyu_html import render_html
from analogreg.parse import parse_file
from analogreg.records import ARTICLE_DELETED
from analogreg.settings import load_settings

LAW = Path(__file__).resolve().parent.parent / "ordinances" / "national" / "騒音規制法施行規則.xml"
SETTINGS = load_settings()


def _proposals(settings=SETTINGS, keep=lambda finding: True):
    law = parse_file(LAW).law
    findings = [f for f in classify_law(law, doc="soon.xml") if "FD等" in f.categories and keep(f)]
    return {p.label: p for p in propose_law(findings, law, settings) if p is not None}


@pytest.fixture(scope="module")
def proposals():
    return _proposals()


def test_an_article_that_only_specifies_the_medium_is_deleted(proposals):
    # 第十二条 (「前条のフレキシブルディスクは、次の各号のいずれかに…」, two 号), 第十三条 (its 記録方式, two
    # paragraphs) and 第十四条 (its ラベル) go whole.
    for label in ("第十二条", "第十三条", "第十四条"):
        assert proposals[label].new_text == ARTICLE_DELETED
        assert "削除" in proposals[label].note and "経済産業省" in proposals[label].note
    # Their other units are not amended on their own: they go with the article, and say so.
    for label in ("第十二条第一号", "第十二条第二号", "第十三条第一項第一号", "第十三条第二項"):
        assert proposals[label].new_text == proposals[label].old_text
        assert f"{label[:4]}を削除とする改正に含まれる" in proposals[label].note
    # An article of two paragraphs is cited as the article, its first paragraph's text, the rest in its scope.
    whole = proposals["第十三条"]
    assert whole.paragraph == "1" and whole.old_text.startswith("第十一条の規定によるフレキシブルディスクへの記録は")
    assert list(whole.scope) == [*(f"第十三条第一項第{n}号" for n in "一二三"), "第十三条第二項"]
    # 第十一条, which names the medium to rename it, is no spec article.
    assert "第十一条" not in proposals and proposals["第十一条第一項"].new_text != ARTICLE_DELETED


def test_the_note_names_what_still_cites_the_deleted_article():
    # Without 第十三条's findings it stays, and its 第一項第一号 reads 「前条第一号のフレキシブルディスク」: 前条 is
    # the deleted 第十二条.
    partial = _proposals(keep=lambda f: not f.label.startswith("第十三条"))
    assert "要確認" in partial["第十二条"].note and "第十三条第一項第一号" in partial["第十二条"].note
    # 第三条 cites 「法第六条第一項、…並びに第十四条第一項」: 騒音規制法's 第十四条, not this rule's.
    assert "要確認" not in partial["第十四条"].note


def test_nothing_is_deleted_unless_the_medium_is_renamed_or_when_the_setting_says_manual():
    kept = _proposals(keep=lambda f: not f.label.startswith("第十一条"))
    assert all(p.new_text != ARTICLE_DELETED for p in kept.values())
    manual = _proposals(settings=SETTINGS.model_copy(update={"fd_spec_articles": "manual"}))
    assert all(p.new_text != ARTICLE_DELETED for p in manual.values())


def test_an_article_of_several_paragraphs_is_deleted_whole_and_verified(proposals):
    drafted = draft_proposal(proposals["第十三条"])
    assert drafted.verified, drafted.note
    assert drafted.aratame == "第十三条を次のように改める。\n\u3000第十三条\u3000削除"


def test_the_deletion_is_drafted_verified_and_takes_the_items_and_heading_with_it(proposals):
    drafted = draft_proposal(proposals["第十二条"])
    assert drafted.verified, drafted.note
    assert drafted.aratame == "第十二条を次のように改める。\n\u3000第十二条\u3000削除"
    (bill,) = build_bills([draft_proposal(p) for p in proposals.values()], SETTINGS)
    (article,) = bill.articles
    # 第十二条, 第十三条 and 第十四条 stand one right after the other: one sentence rewrites them together (法制執務).
    assert (
        article.aratame[-1] == "第十二条から第十四条までを次のように改める。\n\u3000第十二条から第十四条まで\u3000削除"
    )
    assert not any("第十三条を次のように" in sentence for sentence in article.aratame)
    rows = {row.label: row for row in bill.tables[0].rows}
    deleted = rows["第十二条"]
    assert plain(deleted.new) == "削除" and plain(deleted.old).startswith("前条のフレキシブルディスクは")
    # In the bill's layout the new line stands like an article (flush), as a single 「第十二条　削除」 does.
    kinds = {line.text: line.kind for line in layout(bill)}
    assert kinds["第十二条から第十四条まで\u3000削除"] == "article"
    # The 改正後 cell cites the three as the 改め文 does; 第十三条 and 第十四条 are shown before and gone after.
    assert side_labels(deleted, "new_old") == ("第十二条から第十四条まで", "第十二条")
    for label in ("第十三条", "第十四条", "第十三条第二項"):
        assert rows[label].removed and plain(rows[label].new) == "", label
        assert side_labels(rows[label], "new_old") == ("", label)
    # 法制執務: a deleted article keeps its number and 削除 only; its 見出し goes (marked before, blank after).
    assert plain(deleted.caption_old) == "（フレキシブルディスクの構造）" and plain(deleted.caption_new) == ""
    # Its items are shown before, and are gone after: neither label nor text in the 改正後 cell.
    item = rows["第十二条第一号"]
    assert item.removed and plain(item.new) == "" and "九十ミリメートル" in plain(item.old)
    assert side_labels(item, "new_old") == ("", "第十二条第一号")
    html = render_html([bill], SETTINGS)
    assert html.count("第十二条第一号") == 1  # in the 改正前 cell only


def test_a_settings_file_can_keep_the_spec_articles_for_the_drafter(tmp_path):
    from typer.testing import CliRunner

    from analogreg.cli import app
    from analogreg.records import Proposal

    runner = CliRunner()
    manual = tmp_path / "manual.yaml"
    manual.write_text("municipality: 三郷市\nfd_spec_articles: manual\n", encoding="utf-8")
    for settings, deleted in ((None, {"第十二条", "第十三条", "第十四条"}), (manual, set())):
        out = tmp_path / ("default" if settings is None else "manual")
        args = ["amend", str(LAW), "--out", str(out)] + (["--settings", str(settings)] if settings else [])
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        lines = (out / "proposals.jsonl").read_text(encoding="utf-8").splitlines()
        proposals = [Proposal.model_validate_json(line) for line in lines]
        assert {p.label for p in proposals if p.new_text == ARTICLE_DELETED} == deleted
    # A value the setting does not know is one line naming the file and line.
    bad = tmp_path / "bad.yaml"
    bad.write_text("municipality: 三郷市\nfd_spec_articles: remove\n", encoding="utf-8")
    result = runner.invoke(app, ["amend", str(LAW), "--out", str(tmp_path / "bad"), "--settings", str(bad)])
    assert result.exit_code == 2 and f"{bad}:2: fd_spec_articles" in result.output
    assert "Traceback" not in result.output


def test_each_deleted_article_knows_the_article_after_it(proposals):
    assert proposals["第十二条"].next_article == "第十三条"
    assert proposals["第十三条"].next_article == "第十四条"
    assert proposals["第十四条"].next_article == "第十五条"


def test_deletions_with_a_kept_article_between_are_drafted_apart():
    # Without 第十三条's findings it is not deleted: 第十二条 and 第十四条 are not consecutive, a sentence each.
    partial = _proposals(keep=lambda f: not f.label.startswith("第十三条"))
    (bill,) = build_bills([draft_proposal(p) for p in partial.values()], SETTINGS)
    (article,) = bill.articles
    assert article.aratame[-2:] == [
        "第十二条を次のように改める。\n\u3000第十二条\u3000削除",
        "第十四条を次のように改める。\n\u3000第十四条\u3000削除",
    ]
    assert all(not row.new_label and not (row.removed and row.label == "第十四条") for row in bill.tables[0].rows)
    # Without 第十四条's: 第十二条及び第十三条.
    two = _proposals(keep=lambda f: not f.label.startswith("第十四条"))
    (bill,) = build_bills([draft_proposal(p) for p in two.values()], SETTINGS)
    assert (
        bill.articles[0].aratame[-1] == "第十二条及び第十三条を次のように改める。\n\u3000第十二条及び第十三条\u3000削除"
    )


def test_an_article_whose_heading_also_heads_a_kept_article_is_left_to_the_drafter():
    """A 見出し heads the articles after it that have none of their own (共通見出し). Rewritten as 削除 alone, the
    article would take that heading from them: so it is not, and its note says why. Here 第十五条 (立入検査の身分証明書)
    is read as if it had no 見出し of its own, so that 第十四条's heads it."""
    law = parse_file(LAW).law
    fifteenth = next(a for a in law.articles() if a.label == "第十五条")
    fifteenth.caption = ""
    findings = [f for f in classify_law(law, doc="soon.xml") if "FD等" in f.categories]
    proposals = {p.label: p for p in propose_law(findings, law, SETTINGS) if p is not None}
    kept = proposals["第十四条"]  # its one paragraph's unit, cited as the article
    assert kept.new_text == kept.old_text and "共通見出し" in kept.note
    # 第十二条 and 第十三条 have headings of their own, followed by articles with theirs: they go, together.
    assert proposals["第十二条"].new_text == ARTICLE_DELETED and proposals["第十三条"].new_text == ARTICLE_DELETED
    (bill,) = build_bills([draft_proposal(p) for p in proposals.values()], SETTINGS)
    assert (
        bill.articles[0].aratame[-1] == "第十二条及び第十三条を次のように改める。\n\u3000第十二条及び第十三条\u3000削除"
    )
    assert {line.text: line.kind for line in layout(bill)}["第十二条及び第十三条\u3000削除"] == "article"
