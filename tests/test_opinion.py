"""The learned second opinion (analogreg/opinion.py) on real provisions: its card and weights load and refuse bad
data with file and place, its examples hold, its numpy inference is scikit-learn's tf·idf, and the classifier adds
what it says only where no rule found the category and no shared exclusion rules it out."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from law_support import law_of

from analogreg.amend import OPINION_NOTE, propose_law
from analogreg.categories import CATEGORIES
from analogreg.classify import classify_law
from analogreg.opinion import (
    CARD_FILE,
    OPINION_DIR,
    WEIGHTS_FILE,
    Opinion,
    document,
    example_failures,
    fit,
    hashed_counts,
    hashed_ngrams,
    load_opinion,
)
from analogreg.ruleset.load import RULES_DIR, default_ruleset, load_ruleset
from analogreg.ruleset.yamlload import DataFileError
from analogreg.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
RULESET = default_ruleset()

# 測量法 第五十一条の五 (昭和二十四年法律第百八十八号), as the 2020 archive has it: 第二項 bars a full-time teacher
# from serving another school (常駐専任 in bench/blind56 BT0257), a wording no rule reads.
SURVEY_ITEMS = [
    "大学において、測量に関する科目を修め、当該大学を卒業した者で、大学、短期大学等又は登録養成施設において、専門分野に関する教育に五年以上従事し、かつ、第四十九条第一項に規定する測量士の登録（以下単に「測量士の登録」という。）を受けているもの",
    "短期大学等において、測量に関する科目を修め、当該短期大学等を卒業した者で、大学、短期大学等又は登録養成施設において、専門分野に関する教育に八年以上従事し、かつ、測量士の登録を受けているもの",
    "前二号に掲げる者と同等以上の能力を有する者",
]
# 液化石油ガスの保安の確保及び取引の適正化に関する法律 第七条: a duty to post (第一項) and a prohibition (第二項).
LPG = [
    "液化石油ガス販売事業者は、販売所ごとに、公衆の見やすい場所に、経済産業省令で定める様式の標識を掲示しなければならない。",
    "液化石油ガス販売事業者以外の者は、前項の標識又はこれに類似する標識を掲示してはならない。",
]


SURVEY = (
    "51_5",
    "第五十一条の五",
    "（専任教員の資格）",
    [
        ("専任教員は、次の各号のいずれかに該当する者でなければならない。", SURVEY_ITEMS),
        ("専任教員は、他の養成施設の専任教員と兼務することができない。", []),
    ],
)


def test_bundled_model_loads_and_every_card_example_holds() -> None:
    opinion = RULESET.opinion
    assert opinion is not None
    assert opinion.coef.shape == (8, opinion.card.n_features)
    assert len(opinion.card.examples) >= 6
    assert any(e.adds for e in opinion.card.examples) and any(e.not_adds for e in opinion.card.examples)
    assert example_failures(opinion) == []


def test_an_example_the_model_gets_wrong_is_reported_with_its_source(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules)
    card = rules / OPINION_DIR / CARD_FILE
    text = card.read_text("utf-8").replace("    adds: [常駐専任]", "    adds: [常駐専任, FD等]", 1)
    card.write_text(text, "utf-8")
    failures = example_failures(load_opinion(rules))
    assert len(failures) == 1 and "BT0257" in failures[0] and "FD等" in failures[0]


def test_bad_card_and_weights_are_reported_with_file_and_line(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules)
    card = rules / OPINION_DIR / CARD_FILE
    lines = card.read_text("utf-8").splitlines()
    where = next(n for n, line in enumerate(lines, start=1) if line.startswith("n_features:"))
    lines[where - 1] = "n_features: 500000"
    lines.append("colour: red")
    gate_line = next(n for n, line in enumerate(lines, start=1) if line.startswith("gate:"))
    lines[gate_line] = "  '(未完'"  # the folded scalar's one line: an unclosed group
    card.write_text("\n".join(lines) + "\n", "utf-8")
    with pytest.raises(DataFileError) as err:
        load_ruleset(rules)
    message = str(err.value)
    assert f"{card}:{where}" in message and "power of two" in message
    assert "colour" in message
    assert f"{card}:{gate_line}" in message and "gate is not a regex" in message

    shutil.copy(RULES_DIR / OPINION_DIR / CARD_FILE, card)
    (rules / OPINION_DIR / WEIGHTS_FILE).write_bytes(b"not a model")
    with pytest.raises(DataFileError, match=r"model\.npz.*cannot read the model weights"):
        load_ruleset(rules)


def test_a_rules_folder_without_opinion_has_none(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules, ignore=shutil.ignore_patterns(OPINION_DIR))
    assert load_ruleset(rules).opinion is None


def test_ngrams_never_cross_from_one_document_into_the_next() -> None:
    docs = ["（閲覧）｜閲覧させる", "縦覧", "書"]
    row, col, count = hashed_ngrams(docs, 1 << 12, (2, 4))
    # every n-gram of each document, and none made of one document's end and the next one's start
    expected = [sum(max(0, len(d) - n + 1) for n in (2, 3, 4)) for d in docs]
    assert [int(count[row == i].sum()) for i in range(len(docs))] == expected
    alone = [hashed_ngrams([d], 1 << 12, (2, 4)) for d in docs]
    for i, (_, c, k) in enumerate(alone):
        mine = sorted(zip(c.tolist(), k.tolist(), strict=True))
        assert mine == sorted(zip(col[row == i].tolist(), count[row == i].tolist(), strict=True))


@pytest.mark.parametrize("padding", [0, 9000], ids=["keys-in-32-bits", "keys-in-64-bits"])
def test_ngram_features_are_the_hash_the_stored_weights_were_fitted_with(padding: int) -> None:
    # model.npz was fitted on these exact features: any change to how they are computed must leave them the same.
    # The reference is the hash written out in plain integers (a polynomial over the code points seeded with n,
    # then a multiplicative mix whose top bits pick the feature), on real text with a repeated n-gram. The keys are
    # sorted as uint32 where (documents << 19) fits in 32 bits and as int64 beyond (9,000 one-character documents,
    # which have no n-gram, put the real ones past document 8,192): both must give the same triples.
    from collections import Counter

    from analogreg.opinion import _MIX, _POLY

    docs = ["（帳簿の備付け）｜帳簿を備え付け、帳簿を閲覧させること。", "第三条｜検査", "ＣＤ－ＲＯＭ"]
    n_features, mask64 = 1 << 19, (1 << 64) - 1
    expected: Counter = Counter()
    for i, doc in enumerate(docs):
        for n in (2, 3, 4):
            for start in range(len(doc) - n + 1):
                h = n
                for ch in doc[start : start + n]:
                    h = (h * int(_POLY) + ord(ch)) & mask64
                expected[(i, ((h * int(_MIX)) & mask64) >> (64 - 19))] += 1
    row, col, count = hashed_ngrams(["書"] * padding + docs, n_features, (2, 4))
    found = zip(zip((row - padding).tolist(), col.tolist(), strict=True), count.tolist(), strict=True)
    assert dict(found) == expected
    assert max(expected.values()) > 1 and list(row) == sorted(row)


def test_inference_is_sklearns_sublinear_tfidf_and_logistic_regression() -> None:
    from sklearn.feature_extraction.text import TfidfTransformer

    records = [
        json.loads(line) for line in (ROOT / "bench/blind60/sealed-national.jsonl").read_text("utf-8").splitlines()
    ]
    docs = [document(r["caption"], r["text"], r["items"]) for r in records]
    labels = [set(r["categories"]) for r in records]
    card = RULESET.opinion.card.model_copy(update={"n_features": 1 << 14})
    idf, coef, intercept = fit(docs, labels, card)
    opinion = Opinion(card=card, idf=idf, coef=coef, intercept=intercept, source=Path("."))
    tfidf = TfidfTransformer(sublinear_tf=True).fit(hashed_counts(docs, card.n_features, card.ngram_range))
    assert np.allclose(tfidf.idf_, idf, rtol=1e-5)
    features = tfidf.transform(hashed_counts(docs, card.n_features, card.ngram_range))
    expected = 1.0 / (1.0 + np.exp(-(features @ coef.astype(np.float64).T + intercept)))
    assert np.allclose(opinion.probabilities(docs), expected, atol=1e-4)
    # fitted on these very paragraphs, the model must give their labelled positives a high probability
    got = opinion.probabilities(docs)
    positives = [got[i, CATEGORIES.index(c)] for i, found in enumerate(labels) for c in found]
    assert len(positives) > 20 and np.median(positives) > 0.9


def test_the_model_adds_a_wording_no_rule_reads_and_drafting_leaves_it_to_hand() -> None:
    law = law_of(SURVEY)
    with_opinion = {f.label: f for f in classify_law(law, RULESET, "survey")}
    assert [f.label for f in classify_law(law, RULESET, "survey", opinion=False)] == []
    finding = with_opinion["第五十一条の五第二項"]
    assert finding.categories == ["常駐専任"] and finding.rules == [] and finding.matched == []
    assert set(finding.opinion) == {"常駐専任"} and finding.opinion["常駐専任"] >= RULESET.opinion.card.threshold
    assert finding.text == "専任教員は、他の養成施設の専任教員と兼務することができない。"
    (proposal,) = propose_law([finding], law, Settings())
    assert proposal is not None and proposal.new_text == proposal.old_text and not proposal.aratame
    assert OPINION_NOTE in proposal.note


def test_the_model_never_overrules_a_rule_or_a_shared_exclusion() -> None:
    law = law_of(("7", "第七条", "（標識の掲示）", [(LPG[0], []), (LPG[1], [])]))
    findings = {f.label: f for f in classify_law(law, RULESET, "lpg")}
    # 第一項: the rules find the posting; the model adds nothing beside them.
    assert findings["第七条第一項"].categories == ["書面掲示"] and findings["第七条第一項"].opinion == {}
    assert findings["第七条第一項"].rules
    # 第二項: the prohibition exclusion (ex.prohibition) rejected the rules' match; the model does not add it back,
    # though its own probability for the paragraph passes the threshold.
    probability = RULESET.opinion.probabilities([document("（標識の掲示）", LPG[1], [])])[0][5]
    assert probability >= RULESET.opinion.card.threshold
    assert "第七条第二項" not in findings


def test_a_withheld_category_is_never_added_and_explain_says_so(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from analogreg.cli import app

    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules)
    card = rules / OPINION_DIR / CARD_FILE
    text = card.read_text("utf-8")
    assert "withheld: [目視, 定期検査・点検]" in text
    card.write_text(
        text.replace("withheld: [目視, 定期検査・点検]", "withheld: [目視, 定期検査・点検, 常駐専任]"), "utf-8"
    )
    ruleset = load_ruleset(rules)
    law = law_of(SURVEY)
    bar = SURVEY[3][1][0]  # 第二項: no serving another school
    # the bundled card adds 常駐専任 to 第二項 (test above); withheld, the probability still passes and nothing is added
    probability = ruleset.opinion.probabilities([document(SURVEY[2], bar, [])])[0]
    assert probability[CATEGORIES.index("常駐専任")] >= ruleset.opinion.card.threshold
    assert classify_law(law, ruleset, "survey") == []
    result = CliRunner().invoke(
        app,
        ["rules", "explain", "--rules", str(rules), "--caption", SURVEY[2], bar],
    )
    assert "(withheld)" in result.output
    # an example that asks the model to add a withheld category is reported, and an unknown category refused
    assert any("常駐専任 is withheld" in f for f in example_failures(ruleset.opinion))
    card.write_text(text.replace("withheld: [目視, 定期検査・点検]", "withheld: [目視, 巡回]"), "utf-8")
    with pytest.raises(DataFileError, match="withheld"):
        load_ruleset(rules)


def test_scan_with_and_without_the_prefilter_gives_the_same_additions() -> None:
    law = law_of(SURVEY, ("7", "第七条", "（標識の掲示）", [(LPG[0], []), (LPG[1], [])]))
    fast = [f.model_dump() for f in classify_law(law, RULESET, "x")]
    slow = [f.model_dump() for f in classify_law(law, RULESET, "x", use_prefilter=False)]
    assert fast == slow and any(f["opinion"] for f in fast)


def test_rules_explain_and_check_show_the_second_opinion() -> None:
    from typer.testing import CliRunner

    from analogreg.cli import app

    result = CliRunner().invoke(
        app,
        ["rules", "explain", "--caption", SURVEY[2], "専任教員は、他の養成施設の専任教員と兼務することができない。"],
    )
    assert result.exit_code == 0
    assert "categories: none" in result.output
    line = next(x for x in result.output.splitlines() if x.startswith("second opinion"))
    assert "常駐専任 0.9" in line
    check = CliRunner().invoke(app, ["rules", "check"])
    assert check.exit_code == 0 and "a second opinion" in " ".join(check.output.split())


def test_scan_counts_the_second_opinions_findings_apart(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from analogreg.cli import app
    from analogreg.export.findings import read_jsonl

    out = tmp_path / "f.jsonl"
    source = ROOT / "ordinances" / "national" / "クリーニング業法施行規則.xml"
    result = CliRunner().invoke(app, ["scan", str(source), "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0
    findings = read_jsonl(out)
    by_opinion = [f for f in findings if f.opinion]
    alone = [f for f in by_opinion if not f.rules]
    # 第十条の三第三項 (研修を受けたクリーニング師は、講習を受けた者とみなす): no rule reads it, the model adds 対面講習
    assert alone and all(f.matched == [] and f.spans == [] for f in alone)
    summary = " ".join(result.output.split())
    holds = "finding holds" if len(by_opinion) == 1 else "findings hold"
    assert f"{len(by_opinion)} {holds} a category only the learned second opinion found" in summary
    assert f"({len(alone)} of them no rule at all)" in summary


def test_the_review_pane_says_the_category_is_the_models_and_why() -> None:
    from analogreg.review.widgets.detail import render_proposal

    law = law_of(SURVEY)
    (finding,) = [f for f in classify_law(law, RULESET, "survey") if f.label == "第五十一条の五第二項"]
    (proposal,) = propose_law([finding], law, Settings())
    shown = render_proposal(proposal, None, None, None, [], 1).plain
    probability = finding.opinion["常駐専任"]
    assert f"second opinion 常駐専任 {probability:.2f}" in shown
    assert "no rule found this category" in shown
    assert "要手動起案" in shown and "No text change proposed" in shown


# 指定地域密着型介護予防サービスの事業の人員、設備及び運営並びに…に関する基準 第七十条第六項 (bench/blind149 FI0307):
# a care planner's training qualification under 「（従業者の員数）」, labelled not 常駐専任.
PLANNER = (
    "70",
    "第七十条",
    "（従業者の員数）",
    [("前項の計画作成担当者は、別に厚生労働大臣が定める研修を修了している者でなければならない。", [])],
)


def test_a_category_the_card_needs_a_word_for_is_added_only_with_it(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from analogreg.cli import app

    opinion = RULESET.opinion
    paragraph = document(PLANNER[2], PLANNER[3][0][0], [])
    probability = opinion.probabilities([paragraph])[0][CATEGORIES.index("常駐専任")]
    # the model is sure of it, read through the 見出し; the paragraph names no post, placing or number of staff
    assert probability >= opinion.card.threshold
    assert opinion.additions([paragraph]) == [{}]
    assert classify_law(law_of(PLANNER), RULESET, "planner") == []
    result = CliRunner().invoke(app, ["rules", "explain", "--caption", PLANNER[2], PLANNER[3][0][0]])
    shown = result.output.replace("\n", "")  # the console wraps long lines
    assert f"常駐専任 {probability:.2f} (lacks a word the card's needs asks for)" in shown
    # the word in the 見出し does not count; in the text it does
    staffed = document("（従業者の員数）", "前項の計画作成担当者は、専任の者でなければならない。", [])
    assert "常駐専任" not in opinion.additions([document("（専任の従業者の員数）", PLANNER[3][0][0], [])])[0]
    assert opinion.needs_met("常駐専任", staffed)

    # without the card's needs the model adds it; a bad regex is refused with the card's file and line
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules)
    card = rules / OPINION_DIR / CARD_FILE
    text = card.read_text("utf-8")
    lines = text.splitlines()
    at = next(n for n, line in enumerate(lines, start=1) if line.startswith("  常駐専任: "))
    card.write_text("\n".join(lines[: at - 2] + lines[at:]) + "\n", "utf-8")
    assert [set(f.categories) for f in classify_law(law_of(PLANNER), load_ruleset(rules), "planner")] == [{"常駐専任"}]
    card.write_text(text.replace("  常駐専任: 置|", "  常駐専任: (置|", 1), "utf-8")
    with pytest.raises(DataFileError) as err:
        load_ruleset(rules)
    assert f"{card}:" in str(err.value) and "needs of 常駐専任 is not a regex" in str(err.value)
