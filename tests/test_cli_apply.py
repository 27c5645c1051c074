"""`analogreg apply`: a hand-written 改め文 applied to a real 例規, its 新旧対照表, or the line it fails at."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from analogreg.cli import app
from analogreg.draft.on_law import NotApplicable, apply_to_law, provisions_of
from analogreg.draft.shinkyu import plain
from analogreg.parse import parse_file

ROOT = Path(__file__).resolve().parents[1]
ETSURAN = ROOT / "ordinances" / "misato" / "三郷市建築計画概要書等閲覧規程.txt"
NOISE = ROOT / "ordinances" / "national" / "騒音規制法施行規則.xml"
# The 三郷市 extract as it is (tests/fixtures/apply): the 号 of 第8条's two lists landed under 第9条, so
# 第9条第1号 and 第9条第2号 are printed twice.
REPEATED = Path(__file__).parent / "fixtures" / "apply" / "三郷市議会事務局規程.txt"

# 三郷市建築計画概要書等閲覧規程 第5条 (閲覧時間の変更及び臨時休日): its 見出し and its 掲示, as a 法規担当 would amend
# them by hand.
BY_HAND = (
    "第5条の見出し中「臨時休日」を「臨時の休日」に改め、同条中「掲示」を「掲示し、又はインターネットの利用その他の"
    "方法により公表」に改める。\n"
)


def _run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(app, ["apply", *args], input=stdin)


def test_a_hand_written_aratame_gives_its_shinkyu_table(tmp_path):
    aratame = tmp_path / "改め文.txt"
    aratame.write_text(BY_HAND, encoding="utf-8")
    page = tmp_path / "新旧対照表.html"
    result = _run(str(ETSURAN), str(aratame), "--html", str(page))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("三郷市建築計画概要書等閲覧規程\n（下線部分は改正部分）")
    # b.6: the changed parts marked on both sides, the 見出し on a line of each side's own.
    assert "改正後\u3000(閲覧時間の変更及び［臨時の休日］)" in out
    assert "改正前\u3000(閲覧時間の変更及び［臨時休日］)" in out
    assert "閲覧場所に［掲示し、又はインターネットの利用その他の方法により公表］する。" in out
    assert "閲覧場所に［掲示］する。" in out
    assert out.count("第5条\n") == 1 and "第4条" not in out
    html = page.read_text(encoding="utf-8")
    assert "<u>掲示し、又はインターネットの利用その他の方法により公表</u>" in html and "<u>臨時休日</u>" in html


def test_the_line_it_cannot_be_applied_at_is_named(tmp_path):
    # The second sentence quotes words 第6条 does not hold: exit 1, the line and the reason, nothing printed on stdout.
    aratame = BY_HAND + "第6条中「閲覧所」を「閲覧場所」に改める。\n"
    result = _run(str(ETSURAN), "-", stdin=aratame)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "-: 2行目を適用できません: 第6条中に「閲覧所」がありません" in result.stderr
    # A 「次のように改める」 line is read with the line after it: a wrong number in the new provision is that line's.
    rewrite = BY_HAND + "第6条を次のように改める。\n第7条\u3000削除\n"
    result = _run(str(ETSURAN), "-", stdin=rewrite)
    assert result.exit_code == 1
    assert "3行目を適用できません: 改めた後の規定の番号（第7条）が第6条と合いません（第7条\u3000削除）" in result.stderr


def test_an_egov_law_takes_the_deletion_of_consecutive_articles():
    # 騒音規制法施行規則 (2020): 第十二条から第十四条まで, the flexible disk's specification, rewritten as 削除
    # (法制執務: the articles keep their numbers; their items and 見出し go).
    provisions = provisions_of(parse_file(NOISE).law)
    rows = apply_to_law(
        "第十二条から第十四条までを次のように改める。\n第十二条から第十四条まで\u3000削除\n", provisions
    )
    labels = [row.label for row in rows]
    assert labels[0] == "第十二条" and labels[-1].startswith("第十四条")
    assert plain(rows[0].new) == "削除" and plain(rows[0].old) == provisions.texts["第十二条"]
    assert all(row.removed for row in rows[1:])
    # Taking 第十二条 out would renumber the articles after it (繰上げ), which 「を削る」 does not say.
    with pytest.raises(NotApplicable, match=r"第十二条の後に第十[三四]条が残り、削ると番号がずれます"):
        apply_to_law("第十二条を削る。\n", provisions)


def test_a_citation_printed_twice_is_left_out_and_said(tmp_path):
    provisions = provisions_of(parse_file(REPEATED).law)
    assert provisions.repeated == ["第9条第1号", "第9条第2号"]
    result = _run(str(REPEATED), "-", stdin="第9条第1号中「照会」を「問合せ」に改める。\n")
    assert result.exit_code == 1
    assert "第9条第1号 が二度以上あるため" in result.stderr
    assert "改正箇所が見つかりません" in result.stderr
    # Elsewhere in the same 例規 a 改め文 applies as usual.
    ok = _run(str(REPEATED), "-", stdin="第5条中「上席の職員」を「局長があらかじめ指定する職員」に改める。\n")
    assert ok.exit_code == 0, ok.output
    assert "［局長があらかじめ指定する職員］がその職務を代行する。" in ok.stdout


def test_bad_input_is_one_line_and_exit_two(tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_bytes(NOISE.read_bytes()[:5000])
    result = _run(str(broken), "-", stdin=BY_HAND)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "broken.xml" in result.stderr
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    result = _run(str(ETSURAN), str(empty))
    assert result.exit_code == 2 and "改め文がありません" in result.stderr
    sjis = tmp_path / "sjis.txt"
    sjis.write_bytes(BY_HAND.encode("cp932"))
    result = _run(str(ETSURAN), str(sjis))
    assert result.exit_code == 2 and "UTF-8 として読めません" in result.stderr


def test_an_item_range_kept_as_printed_does_not_stop_the_rest():
    # 旅館業法 (2020): its 附則 prints 「第一号及び第二号」 as one item (e-Gov Num="1:2", an extract's omitted items);
    # no 改め文 can name it as one provision, so it is left out, said, and 第三条 is amended as usual (2025 wording).
    law = ROOT / "ordinances" / "national" / "旅館業法.xml"
    assert provisions_of(parse_file(law).law).unreadable == ["附則（昭和六十年法律第百二号）第一条第一号及び第二号"]
    result = _run(str(law), "-", stdin="第三条第二項第三号中「禁錮」を「拘禁刑」に改める。\n")
    assert result.exit_code == 0, result.output
    assert "第三条第二項第三号\n\u3000改正後\u3000［拘禁刑］以上の刑に処せられ" in result.stdout
    assert "一つの条項として引用できない" in result.stderr


def test_every_sentence_of_the_misato_bills_applies_to_its_own_file():
    # The drafts export writes for the bundled 三郷市 例規 (tests/fixtures/draft/proposals_misato.jsonl, amend's own
    # output): each 例規's 改め文, read against the file it came from as `analogreg apply` reads it, gives back the
    # very provisions the proposals wrote.
    from analogreg.draft.bill import build_bills
    from analogreg.records import Proposal
    from analogreg.settings import load_settings

    fixture = Path(__file__).parent / "fixtures" / "draft" / "proposals_misato.jsonl"
    proposals = [Proposal.model_validate_json(line) for line in fixture.read_text(encoding="utf-8").splitlines()]
    by_title = {p.law_title: p for p in proposals}
    articles = [article for bill in build_bills(proposals, load_settings()) for article in bill.articles]
    assert len(articles) >= 5
    for article in articles:
        doc = by_title[article.law_title].doc
        rows = apply_to_law("\n".join(article.aratame), provisions_of(parse_file(ROOT / doc).law))
        amended = {p.label: p.new_text for p in proposals if p.doc == doc and p.new_text != p.old_text}
        assert {row.label: plain(row.new) for row in rows} == amended, article.law_title


def test_an_article_pasted_from_the_bill_is_read_as_its_sentences():
    # As the 規則 bill prints it (改正案-kisoku.docx of `make run`): caption, enacting sentence, 改め文, then the 附則.
    pasted = (
        "（三郷市建築計画概要書等閲覧規程の一部改正）\n"
        "第1条\u3000三郷市建築計画概要書等閲覧規程（○○年○○市規程第○号）の一部を次のように改正する。\n"
        "\u3000" + BY_HAND + "\n附\u3000則\nこの規程は、公布の日から施行する。\n"
    )
    result = _run(str(ETSURAN), "-", stdin=pasted)
    assert result.exit_code == 0, result.output
    assert "閲覧場所に［掲示し、又はインターネットの利用その他の方法により公表］する。" in result.stdout
    # A line it stops at is counted as pasted: the caption and the enacting sentence are lines 1 and 2.
    wrong = pasted.replace("「臨時休日」", "「臨時の休業日」")
    result = _run(str(ETSURAN), "-", stdin=wrong)
    assert result.exit_code == 1
    assert "-: 3行目を適用できません: 第5条の見出し中に「臨時の休業日」がありません" in result.stderr


# --- a whole bill against the 例規集 ------------------------------------------------------------------------------


def _misato_bills():
    from analogreg.draft.bill import build_bills
    from analogreg.records import Proposal
    from analogreg.settings import load_settings

    fixture = Path(__file__).parent / "fixtures" / "draft" / "proposals_misato.jsonl"
    proposals = [Proposal.model_validate_json(line) for line in fixture.read_text(encoding="utf-8").splitlines()]
    return build_bills(proposals, load_settings())


def test_a_whole_bill_is_checked_against_the_folder_of_its_reiki(tmp_path):
    # Each drafted bill of the bundled 三郷市 例規 as export writes it in text (title, captions, enacting sentences,
    # 改め文, 附則 and its own tables after): every article is found by the title it names and applies.
    from analogreg.export.bill_text import render_text
    from analogreg.settings import load_settings

    folder = ROOT / "ordinances" / "misato"
    for bill in _misato_bills():
        if not bill.articles:
            continue
        text = tmp_path / f"{bill.kind}.txt"
        text.write_text(render_text([bill], load_settings()), encoding="utf-8")
        result = _run(str(folder), str(text))
        assert result.exit_code == 0, result.output
        for article in bill.articles:
            assert f"\n{article.law_title}\n（下線部分は改正部分）" in "\n" + result.stdout
        assert result.stdout.count("改正後") >= len(bill.articles)


def test_a_bill_naming_a_reiki_not_in_the_folder_or_a_wrong_quote_says_where():
    bill = (
        "（三郷市建築計画概要書等閲覧規程の一部改正）\n"
        "第1条\u3000三郷市建築計画概要書等閲覧規程（○○年○○市規程第○号）の一部を次のように改正する。\n"
        + BY_HAND
        + "（三郷市開発登録簿閲覧規程の一部改正）\n"
        "第2条\u3000三郷市開発登録簿閲覧規程（○○年○○市規程第○号）の一部を次のように改正する。\n"
        "第5条中「掲示」を「掲示し、又は公表」に改める。\n"
    )
    folder = ROOT / "ordinances" / "misato"
    result = _run(str(folder), "-", stdin=bill)
    assert result.exit_code == 1
    assert "-: 5行目: 「三郷市開発登録簿閲覧規程」が" in result.stderr and "の中に見つかりません" in result.stderr
    # The 規則 it meant, with a quote its 第6条 does not hold: the bill's own line 6 is named.
    fixed = bill.replace("三郷市開発登録簿閲覧規程", "三郷市開発登録簿閲覧規則")
    result = _run(str(folder), "-", stdin=fixed + "第6条中「閲覧所」を「閲覧場所」に改める。\n")
    assert result.exit_code == 1
    assert "-: 7行目を適用できません: 第6条中に「閲覧所」がありません" in result.stderr


def test_an_appended_table_is_cited_by_its_name():
    # 警備業法 (2020) 別表（第二十六条関係）: 「別表中」 reaches the table's text, its （…関係） note aside.
    law = ROOT / "ordinances" / "national" / "警備業法.xml"
    aratame = "別表中「法令集その他の書籍」を「法令集その他の書籍又はこれらの内容を記録した電磁的記録」に改める。\n"
    result = _run(str(law), "-", stdin=aratame)
    assert result.exit_code == 0, result.output
    assert "別表\n\u3000改正後\u3000科目" in result.stdout
    # The quote is what the 改め文 replaces, so it is what the table marks on both sides.
    assert "四\u3000［法令集その他の書籍又はこれらの内容を記録した電磁的記録］" in result.stdout
    assert "四\u3000［法令集その他の書籍］\u3000一\u3000学校教育法" in result.stdout
