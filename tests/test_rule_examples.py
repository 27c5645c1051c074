"""Every example embedded in rules/*.yaml holds: rules match (with the expected wording) or do not, exclusions
fire on their triggers and not on their passes, digital markers turn their examples digital."""

from __future__ import annotations

import pytest

from analogreg.ruleset.load import default_ruleset
from analogreg.ruleset.selftest import check_example, iter_examples

RULESET = default_ruleset()
EXAMPLES = list(iter_examples(RULESET))


def test_every_rule_has_both_kinds_of_example() -> None:
    owners = {(e.owner, e.kind) for e in EXAMPLES}
    for rule in RULESET.rules:
        assert (rule.id, "match") in owners and (rule.id, "no_match") in owners, rule.id
    for item in RULESET.exclusions:
        assert (item.id, "trigger") in owners, item.id
    for item in RULESET.digital:
        assert (item.id, "digital") in owners, item.id


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.test_id for e in EXAMPLES])
def test_example(example) -> None:
    message = check_example(example, RULESET)
    assert message is None, f"{example.where}: {message}"
