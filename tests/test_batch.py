"""The batch scan on real e-Gov files (tests/fixtures/scan): order, docs, groups, errors, workers that die."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from analogreg import batch
from analogreg.batch import Staged, _Outcome, _run_pool, _Task, mark_started, scan
from analogreg.classify import classify_law
from analogreg.model import build
from analogreg.parse import parse_file
from analogreg.ruleset.load import default_ruleset

FIXTURES = Path(__file__).parent / "fixtures" / "scan"
KOGYOJO = "national/昭和23年/昭和二十三年法律第百三十七号.xml"  # 興行場法
YOKUJO = "national/昭和23年/昭和二十三年法律第百三十九号.xml"  # 公衆浴場法
SOUON_REI = "national/昭和43年/昭和四十三年政令第三百二十四号.xml"  # 騒音規制法施行令
SHINDO_REI = "national/昭和51年/昭和五十一年政令第二百八十号.xml"  # 振動規制法施行令
TRUNCATED = "national/昭和51年/昭和五十一年政令第二百八十号-truncated.xml"


@pytest.fixture(scope="module")
def result():
    cwd = os.getcwd()
    os.chdir(FIXTURES)  # the PATH argument as a user types it: `analogreg scan national`
    try:
        yield scan(["national"], jobs=1)
    finally:
        os.chdir(cwd)


def by_label(result, doc: str) -> dict[str, object]:
    return {f.label: f for f in result.findings if f.doc == doc}


def test_docs_are_paths_as_reached_from_the_argument_in_input_order(result) -> None:
    docs = list(dict.fromkeys(f.doc for f in result.findings))
    assert docs == [KOGYOJO, YOKUJO, SOUON_REI, SHINDO_REI]
    assert result.stats.files == 5 and result.stats.failed == 1


def test_findings_carry_the_provision_and_its_citation(result) -> None:
    kogyojo = by_label(result, KOGYOJO)["第五条第一項"]
    assert kogyojo.law_title == "興行場法"
    assert kogyojo.law_num == "昭和二十三年法律第百三十七号"
    assert (kogyojo.part, kogyojo.article, kogyojo.paragraph, kogyojo.item) == ("main", "5", "1", None)
    assert "実地検査" in kogyojo.categories
    for (start, end), word in zip(kogyojo.spans, kogyojo.matched, strict=True):
        assert kogyojo.text[start:end] == word
    assert "興行場に立ち入り" in kogyojo.text


def test_a_broken_file_is_reported_and_the_others_are_scanned(result) -> None:
    assert [e.doc for e in result.errors] == [TRUNCATED]
    assert result.errors[0].reason  # a reason a person can act on, not an empty line
    assert str(result.errors[0]).startswith(TRUNCATED + ":")


def test_groups_join_the_same_duty_across_laws_and_split_different_duties(result) -> None:
    souon, shindo = by_label(result, SOUON_REI), by_label(result, SHINDO_REI)
    # 騒音規制法施行令 第3条 and 振動規制法施行令 第4条: ①特定施設 ②特定建設作業, the same two duties each.
    assert souon["第三条第一項"].group == shindo["第四条第一項"].group
    assert souon["第三条第二項"].group == shindo["第四条第二項"].group
    assert souon["第三条第一項"].group != souon["第三条第二項"].group
    kogyojo, yokujo = by_label(result, KOGYOJO), by_label(result, YOKUJO)
    assert kogyojo["第五条第一項"].group == yokujo["第六条第一項"].group
    assert kogyojo["第五条第一項"].group != souon["第三条第一項"].group


def test_two_workers_give_the_same_output_as_one_and_ids_are_stable(result, monkeypatch) -> None:
    monkeypatch.chdir(FIXTURES)
    seen: list[tuple[int, int, str]] = []
    parallel = scan(["national"], jobs=2, on_progress=lambda done, total, doc: seen.append((done, total, doc)))
    assert [f.model_dump() for f in parallel.findings] == [f.model_dump() for f in result.findings]
    assert parallel.errors == result.errors
    assert parallel.stats.jobs == 2
    assert [s[0] for s in seen] == [1, 2, 3, 4, 5] and {s[1] for s in seen} == {5}
    assert sorted(s[2] for s in seen) == sorted([KOGYOJO, YOKUJO, SOUON_REI, SHINDO_REI, TRUNCATED])
    ids = [f.finding_id for f in result.findings]
    assert len(set(ids)) == len(ids)


def test_a_path_that_does_not_exist_is_an_error_of_the_scan(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.xml"
    outcome = scan([missing, FIXTURES / KOGYOJO], jobs=1)
    assert [e.doc for e in outcome.errors] == [str(missing)]
    assert {f.law_title for f in outcome.findings} == {"興行場法"}


def test_the_scan_reads_partially_and_finds_what_a_whole_reading_finds(result) -> None:
    """The scan builds only what its prefilter can let through; the findings are those of whole Laws."""
    for doc in (KOGYOJO, YOKUJO, SOUON_REI, SHINDO_REI):
        whole = parse_file(FIXTURES / doc, display=doc).law
        partial = parse_file(FIXTURES / doc, display=doc, keep=default_ruleset().prefilter.may_match_provision).law
        assert len(list(partial.units())) < len(list(whole.units()))
        expected = [f.model_dump(exclude={"group"}) for f in classify_law(whole, doc=doc)]
        assert [f.model_dump(exclude={"group"}) for f in result.findings if f.doc == doc] == expected


def test_files_go_to_the_workers_in_order_in_batches_of_about_a_mebibyte() -> None:
    sizes = [5 << 20, 900 << 10, 200 << 10, *([1 << 10] * 200)]
    tasks = [_Task(i, f"f{i}", f"f{i}", size) for i, size in enumerate(sizes)]
    batches = batch._batches(tasks)
    assert [t for b in batches for t in b] == tasks  # every file once, in the given (largest-first) order
    assert batches[0] == [tasks[0]]  # a large law alone
    assert batches[1] == tasks[1:3]  # 900 + 200 KiB reach a mebibyte
    assert all(len(b) <= batch._BATCH_FILES for b in batches)
    assert all(sum(t.size for t in b[:-1]) < batch._BATCH_BYTES for b in batches)


# --- a worker that dies --------------------------------------------------------------------------------------


def die_on_crash(task: _Task, slot: int) -> _Outcome:
    """Stands in for parse+classify: kills its process on a file named "crash", as a native crash would; on one
    named "late", after the file is marked done (as a death while sending the batch's results would)."""
    mark_started(slot)
    if "late" in task.display:
        batch._started[slot] = batch._DONE
        os._exit(70)
    if "crash" in task.display:
        os._exit(70)
    return _Outcome(task.index)


@pytest.mark.parametrize("batch_files", [1, 3, 64])
@pytest.mark.parametrize("culprit", ["crash.xml", "late.xml"])
def test_a_file_that_kills_its_worker_is_reported_and_every_other_file_is_done(
    monkeypatch, batch_files, culprit
) -> None:
    # Batches of one file, several batches on both workers (the files done in the crashed batch are read again),
    # and all in one batch; the worker dies while reading the file, or after it (the scan must not loop).
    monkeypatch.setattr(batch, "_BATCH_FILES", batch_files)
    names = [f"law{i}.xml" for i in range(12)]
    names.insert(5, culprit)
    tasks = [_Task(i, name, name, size=100 - i) for i, name in enumerate(names)]
    recorded: list[_Outcome] = []
    _run_pool(tasks, 2, None, recorded.append, work=die_on_crash)
    assert sorted(o.index for o in recorded) == list(range(len(names)))  # each file exactly once
    failed = [o for o in recorded if o.error is not None]
    assert [o.error.doc for o in failed] == [culprit]
    assert "worker process died" in failed[0].error.reason


def staged_read(task: _Task) -> str:
    """Stands in for the parse of a staged batch (every file of the batch is read before any is finished)."""
    return task.display


def staged_step(task: _Task, read: str) -> str:
    """A middle step of a staged batch (the scan's tests on each unit's text, or Sudachi)."""
    return read


def staged_finish(task: _Task, read: str) -> _Outcome:
    """Stands in for classifying: kills its process on the file named "crash", after the whole batch was read."""
    if "crash" in read:
        os._exit(70)
    return _Outcome(task.index)


@pytest.mark.parametrize("batch_files", [1, 3, 64])
def test_a_file_that_kills_its_worker_in_a_staged_batch_is_reported_and_every_other_file_is_done(
    monkeypatch, batch_files
) -> None:
    # The scan reads a whole batch before classifying any of it: a death while classifying leaves every file of the
    # batch read but not finished, and only the one that kills its worker again on its own may be reported.
    monkeypatch.setattr(batch, "_BATCH_FILES", batch_files)
    names = [f"law{i}.xml" for i in range(12)]
    names.insert(5, "crash.xml")
    tasks = [_Task(i, name, name, size=100 - i) for i, name in enumerate(names)]
    recorded: list[_Outcome] = []
    _run_pool(tasks, 2, None, recorded.append, work=Staged(read=staged_read, then=(staged_step, staged_finish)))
    assert sorted(o.index for o in recorded) == list(range(len(names)))  # each file exactly once
    assert [o.error.doc for o in recorded if o.error is not None] == ["crash.xml"]


def test_a_staged_batch_gives_what_file_by_file_reading_gives() -> None:
    """The scan's two stages over a batch (all parsed, then each classified) find what each file alone does, in order,
    the broken file reported in its place."""
    tasks = [
        _Task(i, str(FIXTURES / doc), doc, (FIXTURES / doc).stat().st_size)
        for i, doc in enumerate([KOGYOJO, TRUNCATED, SOUON_REI, YOKUJO])
    ]
    batch._init_worker(None)
    together = batch._run_staged(batch.SCAN, [(task, -1) for task in tasks])
    alone = [batch._scan_file(task) for task in tasks]
    assert [o.index for o in together] == [0, 1, 2, 3]
    assert [(o.findings, o.keys, o.warnings, o.error) for o in together] == [
        (o.findings, o.keys, o.warnings, o.error) for o in alone
    ]
    assert together[1].error is not None and together[0].findings and together[3].findings


def test_municipal_text_is_scanned_with_its_own_citation_style() -> None:
    # A 例規 of 三郷市 from the bundled ordinances/ folder (横書き text, arabic numbering).
    root = Path(__file__).resolve().parents[1]
    doc = "ordinances/misato/三郷市庁舎防火管理規程.txt"
    cwd = os.getcwd()
    os.chdir(root)
    try:
        outcome = scan([doc], jobs=1)
    finally:
        os.chdir(cwd)
    assert outcome.errors == []
    found = {f.label: f for f in outcome.findings}
    assert {f.doc for f in outcome.findings} == {doc}
    posting = found["第13条"]
    assert posting.numbering == "arabic" and "書面掲示" in posting.categories
    assert posting.text[posting.spans[0][0] : posting.spans[0][1]] == posting.matched[0]


def report_rules_cache(task: _Task, slot: int) -> _Outcome:
    info = default_ruleset.cache_info()
    return _Outcome(task.index, warnings=[f"{info.hits} {info.misses}"])


def test_pool_workers_start_with_the_rules_the_fork_server_loaded() -> None:
    # Each worker's initializer asks for the default rules: it must find them loaded (a cache hit inherited from
    # the fork server, analogreg.preload), not load them again — a third of a second of CPU per worker.
    tasks = [_Task(i, f"law{i}.xml", f"law{i}.xml", size=1) for i in range(4)]
    recorded: list[_Outcome] = []
    _run_pool(tasks, 2, None, recorded.append, work=report_rules_cache)
    assert len(recorded) == 4
    for outcome in recorded:
        hits, misses = map(int, outcome.warnings[0].split())
        assert hits >= 1 and misses == 1  # the one load is the fork server's, before the fork


def test_findings_cross_to_the_parent_as_model_dump_would_send_them() -> None:
    # plain_fields skips pydantic's dump: on the findings a worker makes (rules and second opinion), it must give
    # the same dict, and the finding the parent rebuilds from it the same JSON.
    findings = [
        f
        for doc in (KOGYOJO, YOKUJO, SOUON_REI, SHINDO_REI)
        for f in classify_law(parse_file(FIXTURES / doc).law, default_ruleset(), doc)
    ]
    assert len(findings) >= 4
    for finding in findings:
        assert batch.plain_fields(finding) == finding.model_dump()
        rebuilt = build(type(finding), **batch.plain_fields(finding))
        assert rebuilt.model_dump_json() == finding.model_dump_json()


_SERVER_PROBE = """
import os
import sys
from multiprocessing import forkserver
from analogreg.batch import scan, start_pool_server
paths, jobs = sys.argv[1:-1], None if sys.argv[-1] in ("all", "one-core") else int(sys.argv[-1])
if sys.argv[-1] == "one-core":
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # all the cores there are: one
start_pool_server(paths, jobs)
started = forkserver._forkserver._forkserver_pid
if started is not None:
    scan(paths, jobs=jobs)  # the pool must fork from the server already running, not start another
print(started, forkserver._forkserver._forkserver_pid)
"""


@pytest.mark.parametrize(
    ("paths", "jobs", "starts"),
    [
        (["national"], "all", True),
        (["national"], "2", True),
        (["national"], "1", False),
        (["national"], "one-core", False),
        ([KOGYOJO], "all", False),
    ],
)
def test_the_fork_server_starts_before_the_rules_load_where_a_pool_will_follow(paths, jobs, starts) -> None:
    # Its preload (imports, the default rules) then overlaps the parent's loading of the rules: a small scan's
    # start. One job, one core or one file makes no pool, and then no server is started for nothing.
    out = subprocess.run(
        [sys.executable, "-c", _SERVER_PROBE, *paths, jobs], cwd=FIXTURES, capture_output=True, text=True, check=True
    )
    started, after = out.stdout.split()
    assert (started != "None") is starts
    assert after == started
