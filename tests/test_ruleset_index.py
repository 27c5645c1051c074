"""The first-token index skips only what could not match: on real provisions, the rules it does not try at a token
fail there, and restricting it to the prefilter's possible rules finds exactly those rules' matches."""

from __future__ import annotations

import json
from pathlib import Path

from analogreg.classify import tokenize_provision
from analogreg.ruleset.load import default_ruleset
from analogreg.ruleset.matcher import UnitView, match_at, run_rules

FIXTURE = Path(__file__).parent / "fixtures" / "classify" / "dev_records.jsonl"


def provisions(limit: int) -> list[str]:
    texts = []
    with FIXTURE.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            texts.extend([rec["text"], *rec["items"]])
            if len(texts) >= limit:
                break
    return texts


TEXTS = provisions(100_000)  # all of them


def test_rules_not_tried_at_a_token_cannot_start_there() -> None:
    index = default_ruleset().index
    assert index.anywhere, "the rules need a rule without a literal first token for this test to mean anything"
    skipped = started = 0
    for text in TEXTS:
        tokens = tokenize_provision(text)
        for i, token in enumerate(tokens):
            tried = {id(rule) for rule in index.anywhere_at(token)}
            for rule in index.anywhere:
                found = match_at(rule.tests, tokens, i, len(tokens))
                if id(rule) in tried:
                    started += found is not None
                else:
                    skipped += 1
                    assert found is None, (rule.id, text, token.surface)
    assert skipped > 1000 and started > 10


def test_restricted_index_finds_the_possible_rules_matches() -> None:
    ruleset = default_ruleset()
    compared = 0
    for text in TEXTS:
        possible = ruleset.prefilter.possible_rules(text)
        if not possible:
            continue
        view = UnitView(text=text, tokens=tokenize_provision(text))
        everything = [h for h in run_rules(ruleset.index, view) if h.rule in possible]
        restricted = run_rules(ruleset.index, view, possible=possible)
        assert [(h.rule, h.tok_lo, h.tok_hi, h.begin, h.end) for h in restricted] == [
            (h.rule, h.tok_lo, h.tok_hi, h.begin, h.end) for h in everything
        ]
        compared += bool(restricted)
    assert compared > 50
