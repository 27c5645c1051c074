"""The collector pause: off inside, restored after (also on an exception), and left alone where it is off already.
The steps that use it — the rules' loading, the scan's parent while a pool works — must leave it as they found it."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from analogreg import collector
from analogreg.batch import scan
from analogreg.ruleset.load import load_ruleset
from analogreg.ruleset.yamlload import DataFileError

FIXTURES = Path(__file__).parent / "fixtures" / "scan"


@pytest.fixture(autouse=True)
def collector_on():
    assert gc.isenabled()
    yield
    gc.enable()


def test_paused_turns_the_collector_off_inside_and_on_again_after() -> None:
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():  # nested: the outer pause decides
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with collector.paused(False):
        assert gc.isenabled()


def test_paused_restores_the_collector_when_the_block_raises() -> None:
    with pytest.raises(ValueError), collector.paused():
        raise ValueError("a failing step")
    assert gc.isenabled()


def test_paused_leaves_a_collector_that_was_off_off() -> None:
    gc.disable()
    with collector.paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_loading_rules_leaves_the_collector_on_whether_they_load_or_not(tmp_path: Path) -> None:
    assert load_ruleset().rules
    assert gc.isenabled()
    (tmp_path / "bad.yaml").write_text("rules: [", encoding="utf-8")
    with pytest.raises(DataFileError):
        load_ruleset(tmp_path)
    assert gc.isenabled()


def test_the_scans_parent_pauses_the_collector_while_its_pool_works_and_only_then(monkeypatch) -> None:
    monkeypatch.chdir(FIXTURES)
    during: list[bool] = []
    pooled = scan(["national"], jobs=2, on_progress=lambda *_: during.append(gc.isenabled()))
    assert during and not any(during)
    assert gc.isenabled()
    during.clear()
    alone = scan(["national"], jobs=1, on_progress=lambda *_: during.append(gc.isenabled()))
    assert during and all(during)  # one job reads in this process: its collections stay as they were
    assert [f.model_dump() for f in alone.findings] == [f.model_dump() for f in pooled.findings]
