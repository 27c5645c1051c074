"""A template's exception may read the whole article: a later 項 that names back the posting a template would widen
(公認会計士法 第三十四条の五十六, real e-Gov XML: 第二項 posts the 公示送達, 第三項 counts its effect from
「前項の規定による掲示を始めた日」)."""

from __future__ import annotations

from pathlib import Path

from analogreg.amend import propose, propose_law
from analogreg.amend.selftest import example_finding, example_law
from analogreg.classify import classify_law
from analogreg.parse import parse_file
from analogreg.settings import load_settings

LAW = Path(__file__).resolve().parent / "fixtures" / "amend" / "公認会計士法_第三十四条の五十六.xml"
SETTINGS = load_settings()


def test_a_posting_another_paragraph_counts_from_goes_to_the_drafter():
    law = parse_file(LAW).law
    findings = [f for f in classify_law(law, doc="cpa.xml") if "書面掲示" in f.categories]
    posting = next(f for f in findings if f.label == "第三十四条の五十六第二項")
    proposals = {p.label: p for p in propose_law(findings, law, SETTINGS) if p is not None}
    proposal = proposals[posting.label]
    assert proposal.new_text == proposal.old_text
    assert "要手動起案" in proposal.note and "この条に掲示を指す語があり" in proposal.note


def test_the_same_sentence_alone_is_amended():
    # Without the 第三項 beside it nothing counts from the posting, and 「、又は…公表する」 is added as usual.
    text = (
        "公示送達は、送達すべき書類を送達を受けるべき者にいつでも交付すべき旨を金融庁の掲示場に掲示することにより行う。"
    )
    law = example_law(text, national=True)
    proposal = propose(example_finding(law, "書面掲示", "掲示"), law, SETTINGS)
    assert proposal is not None
    assert "掲示し、又はインターネットの利用その他の方法により公表することにより行う" in proposal.new_text
