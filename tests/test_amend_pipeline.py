"""The amend pipeline and `analogreg amend` on bundled real ordinances: files written, deterministic output,
every amended clause drafted and verified, bad input reported while the rest goes on."""

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from analogreg.amend import DIGITAL_WORDING_NOTE, propose
from analogreg.amend.check import grammar_problems, kept_outside, replaceable_words
from analogreg.amend.pipeline import FINDINGS_NAME, PROPOSALS_NAME, _DocOutcome, _DocTask, _run, amend_paths
from analogreg.amend.selftest import example_finding, example_law
from analogreg.classify import analyze
from analogreg.cli import app
from analogreg.draft.aratame import caption_label
from analogreg.records import ARTICLE_DELETED, Proposal
from analogreg.ruleset.load import default_ruleset
from analogreg.settings import load_settings

ORDINANCES = Path(__file__).resolve().parent.parent / "ordinances"
INPUTS = [
    ORDINANCES / "national" / "騒音規制法施行規則.xml",
    ORDINANCES / "national" / "採石法施行規則.xml",
    ORDINANCES / "misato" / "三郷市下水道条例施行規則.txt",
    ORDINANCES / "misato" / "三郷市庁舎防火管理規程.txt",
    ORDINANCES / "misato" / "三郷市市民農園開設支援補助金交付要綱.txt",
    ORDINANCES / "misato" / "三郷市地区計画等の案の作成手続に関する条例.txt",
]
SETTINGS = load_settings()


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("amend")
    return amend_paths(INPUTS, out, settings=SETTINGS, jobs=1), out


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_writes_proposals_findings_and_errors(run):
    result, out = run
    proposals = _lines(out / PROPOSALS_NAME)
    findings = _lines(out / FINDINGS_NAME)
    assert (out / "findings.errors.jsonl").read_text() == ""
    assert len(findings) == result.stats.findings > 0
    assert len(proposals) == result.stats.proposals > 0
    digital = {f["finding_id"] for f in findings if f["already_digital"]}
    ids = {f["finding_id"] for f in findings}
    for line in proposals:
        proposal = Proposal.model_validate(line)  # every field of the contract, nothing else
        assert proposal.finding_id in ids and proposal.finding_id not in digital
        assert proposal.old_text == proposal.text
    # Sorted by document, then document order (the scan's order within a document).
    order = {f["finding_id"]: i for i, f in enumerate(findings)}
    keys = [(p["doc"], order[p["finding_id"]]) for p in proposals]
    assert keys == sorted(keys)


def test_every_amended_clause_has_a_verified_aratame(run):
    result, _ = run
    amended = [p for p in result.proposals if p.new_text != p.old_text]
    assert len(amended) == result.stats.amended >= 8
    for proposal in amended:
        # An amended 見出し comes first (b.4: front to back): 「第十一条の見出し中…、同条第一項中…」.
        cited = caption_label(proposal.label) if proposal.new_caption else proposal.label
        assert proposal.aratame.startswith(cited), proposal.aratame
        assert proposal.verified, proposal.note
    for proposal in result.proposals:
        if proposal.new_text == proposal.old_text:
            assert proposal.aratame == "" and not proposal.verified
            assert proposal.note


def test_only_the_inserted_phrase_changes_and_the_sentence_reads_as_before(run):
    result, _ = run
    for proposal in result.proposals:
        if proposal.new_text in (proposal.old_text, ARTICLE_DELETED):
            continue  # (an article rewritten as 削除 is no wording: tests/test_amend_spec.py)
        replaceable = replaceable_words(proposal.categories)
        assert kept_outside(proposal.old_text, proposal.new_text, replaceable=replaceable) == [], proposal.label
        assert grammar_problems(proposal.old_text, proposal.new_text) == [], proposal.label


def test_proposing_again_on_the_new_wording_changes_nothing(run):
    result, _ = run
    for proposal in result.proposals:
        if proposal.new_text == proposal.old_text:
            continue
        law = example_law(proposal.new_text)
        finding = example_finding(law, proposal.categories[0], None).model_copy(
            update={"categories": proposal.categories}
        )
        again = propose(finding, law, SETTINGS, defined_earlier=True)
        assert again is None or again.new_text == again.old_text, (proposal.label, again.new_text)


def test_amended_wording_scans_as_digital_again(run):
    result, _ = run
    ruleset = default_ruleset()
    for proposal in result.proposals:
        if proposal.new_text == proposal.old_text:
            continue
        amended = {line.split("（", 1)[0] for line in proposal.note.splitlines() if "要手動起案" not in line}
        analysis = analyze(proposal.new_text, ruleset, caption=proposal.caption)
        still = [h for h in analysis.analog_hits if h.category in amended]
        assert not still, (proposal.label, [(h.category, h.wording) for h in still])


def test_output_is_byte_identical_across_runs_and_job_counts(run, tmp_path):
    _, out = run
    again = tmp_path / "again"
    amend_paths(list(reversed(INPUTS)), again, settings=SETTINGS, jobs=2)
    for name in (PROPOSALS_NAME, FINDINGS_NAME):
        assert (again / name).read_bytes() == (out / name).read_bytes(), name


def test_a_broken_file_is_reported_and_the_others_go_on(tmp_path):
    broken = tmp_path / "in" / "truncated.xml"
    broken.parent.mkdir()
    data = (ORDINANCES / "national" / "騒音規制法施行規則.xml").read_bytes()
    broken.write_bytes(data[: len(data) // 2])
    good = ORDINANCES / "misato" / "三郷市下水道条例施行規則.txt"
    result = amend_paths([broken.parent, good], tmp_path / "out", settings=SETTINGS, jobs=1)
    errors = _lines(tmp_path / "out" / "findings.errors.jsonl")
    assert [e["doc"] for e in errors] == [e.doc for e in result.errors]
    assert len(errors) == 1 and errors[0]["doc"].endswith("truncated.xml") and errors[0]["reason"]
    assert any(p.doc.endswith("三郷市下水道条例施行規則.txt") for p in result.proposals)


def test_cli_amend(tmp_path):
    runner = CliRunner()
    out = tmp_path / "out"
    ok = runner.invoke(app, ["amend", str(INPUTS[2]), str(INPUTS[3]), "--out", str(out), "--jobs", "1"])
    assert ok.exit_code == 0, ok.output
    assert "改正案" in ok.output and (out / PROPOSALS_NAME).is_file()

    settings = tmp_path / "sakai.yaml"
    settings.write_text("municipality: 堺市\nvideo_audio_connective: で\n", encoding="utf-8")
    bad = runner.invoke(app, ["amend", str(INPUTS[2]), "--out", str(out), "--settings", str(settings)])
    assert bad.exit_code == 2
    assert f"{settings}:2: video_audio_connective" in bad.output
    assert "Traceback" not in bad.output

    missing = runner.invoke(app, ["amend", str(tmp_path / "nowhere"), "--out", str(out)])
    assert missing.exit_code == 2 and "Traceback" not in missing.output


def test_cli_settings_change_the_wording(tmp_path):
    settings = tmp_path / "sakai.yaml"
    settings.write_text("municipality: 堺市\netsuran_mode: explicit\nappropriate_method: true\n", encoding="utf-8")
    out = tmp_path / "out"
    target = ORDINANCES / "misato" / "三郷市地区計画等の案の作成手続に関する条例.txt"
    result = CliRunner().invoke(app, ["amend", str(target), "--out", str(out), "--settings", str(settings)])
    assert result.exit_code == 0, result.output
    proposals = [Proposal.model_validate(line) for line in _lines(out / PROPOSALS_NAME)]
    etsuran = [p for p in proposals if "往訪閲覧・縦覧" in p.categories]
    assert etsuran
    assert any("インターネットの利用その他の適切な方法により公表" in p.new_text for p in etsuran)


# --- a worker that dies while amending -----------------------------------------------------------------------


def die_on_crash(task: _DocTask) -> _DocOutcome:
    """Stands in for parse+propose+draft: kills its process on a document named "crash", as a native crash would."""
    if "crash" in task.display:
        os._exit(70)
    return _DocOutcome(task.display, proposals=[{"doc": task.display}])


def test_a_document_that_kills_its_worker_is_reported_and_every_document_gets_one_outcome() -> None:
    names = [f"law{i}.xml" for i in range(40)]
    names.insert(3, "crash.xml")
    # The queue runs the documents with most findings first: crash.xml is started among the first.
    tasks = [_DocTask(name, name, [{}] * (100 - i)) for i, name in enumerate(names)]
    outcomes = _run(tasks, SETTINGS, None, 2, None, work=die_on_crash)
    assert sorted(o.display for o in outcomes) == sorted(names)  # each document exactly once
    failed = {o.display: o.error for o in outcomes if o.error is not None}
    assert "crash.xml" in failed and "worker process died" in failed["crash.xml"].reason
    # A document either has its proposals or says why not: none is lost silently.
    assert all((o.error is None) == bool(o.proposals) for o in outcomes)


def test_every_analog_finding_gets_a_proposal(tmp_path):
    """A clause the scan reports as analog must reach the reviewer with a proposal, even where the templates see
    digital wording in its sentence (警備業法 第三十二条第一項: 財務諸表等 kept at the office, 電磁的記録 named in a
    bracket, the 閲覧 analog): then the proposal changes nothing and says to draft by hand, never a silent gap."""
    result = amend_paths([ORDINANCES / "national" / "警備業法.xml"], tmp_path, settings=SETTINGS, jobs=1)
    findings = _lines(tmp_path / FINDINGS_NAME)
    analog = {f["finding_id"] for f in findings if not f["already_digital"]}
    proposed = [p.finding_id for p in result.proposals]
    assert analog and analog == set(proposed) and len(proposed) == len(analog)  # one each, none twice
    keeping = [p for p in result.proposals if p.article == "32" and p.paragraph == "1" and p.item is None]
    assert len(keeping) == 1
    proposal = keeping[0]
    assert "電磁的記録" in proposal.text and proposal.new_text == proposal.old_text
    assert DIGITAL_WORDING_NOTE in proposal.note and proposal.aratame == ""
