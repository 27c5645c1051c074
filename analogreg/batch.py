"""The corpus scan: every input file parsed and classified in a pool of worker processes, then grouped.

Each worker starts with the default rules the fork server loaded (``analogreg.preload``; another rules folder it
loads itself, once), opens the Sudachi dictionary once (its initializer) and returns compact, picklable results per
file: the findings as plain dicts with their grouping keys, or the one-line reason the file failed.
The parent never holds a parsed Law. A file that fails is recorded and the scan goes on; a worker that dies
(a crash in a native library, the OOM killer) is replaced and the files it held are retried once before they
are reported. The output order is the input order (then document order), whatever the worker timing.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analogreg import collector
from analogreg.errors import InputError
from analogreg.grouping import DEFAULT_THRESHOLD, block_of, cluster, wording_key
from analogreg.model import build
from analogreg.records import Finding

if TYPE_CHECKING:
    from analogreg.classify import LawPending
    from analogreg.parse import ParseResult

ProgressCallback = Callable[[int, int, str], None]
"""Called in the parent after each file: (files done, files in all, the file's display path)."""


@dataclass(frozen=True)
class ScanError:
    """A file that could not be scanned: its display path, the line if known, and why."""

    doc: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        place = f"{self.doc}:{self.line}" if self.line else self.doc
        return f"{place}: {self.reason}"


@dataclass
class ScanStats:
    """Figures of one scan."""

    files: int = 0
    failed: int = 0
    findings: int = 0
    groups: int = 0
    bytes: int = 0
    seconds: float = 0.0
    jobs: int = 1


@dataclass
class ScanResult:
    """Findings in input order (then document order), the files that failed, parse warnings, figures."""

    findings: list[Finding] = field(default_factory=list)
    errors: list[ScanError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stats: ScanStats = field(default_factory=ScanStats)


@dataclass(frozen=True)
class _Task:
    index: int
    path: str
    display: str
    size: int


@dataclass
class _Outcome:
    """What a worker sends back for one file: kept small, since it crosses a pipe."""

    index: int
    findings: list[dict] = field(default_factory=list)
    keys: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: ScanError | None = None


def default_jobs() -> int:
    """All the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def scan(
    paths: Sequence[Path | str],
    *,
    rules_dir: Path | None = None,
    jobs: int | None = None,
    on_progress: ProgressCallback | None = None,
    group_threshold: float = DEFAULT_THRESHOLD,
) -> ScanResult:
    """Scan files and folders (recursively, every supported format) and return findings with their groups.

    Raises DataFileError when the rules cannot be loaded (before any file is read) and InputError when a PATH
    argument does not exist; a file that fails to parse is reported in ``errors`` and the scan goes on.
    """
    from analogreg.parse import iter_input_files
    from analogreg.ruleset.load import default_ruleset

    started = time.perf_counter()
    start_pool_server(paths, jobs)
    default_ruleset(rules_dir)  # every rule problem is reported here, once, rather than by each worker
    tasks: list[_Task] = []
    for index, entry in enumerate(iter_input_files([Path(p) for p in paths])):
        path = str(entry.path)
        try:
            size = os.path.getsize(path)
        except OSError:
            size = 0
        tasks.append(_Task(index, path, entry.display, size))

    jobs = max(1, min(jobs or default_jobs(), len(tasks) or 1))
    outcomes: list[_Outcome | None] = [None] * len(tasks)
    done = 0

    def record(outcome: _Outcome) -> None:
        nonlocal done
        outcomes[outcome.index] = outcome
        done += 1
        if on_progress is not None:
            on_progress(done, len(tasks), tasks[outcome.index].display)

    # While a pool works, this process only receives results and rebuilds findings: millions of objects (the
    # archive's 15,752 findings, their spans and wording) and no cycle among them, which set off collection after
    # collection over all gathered so far (0.9–1.1 s of this process's 5.5–6.1 s of CPU on the archive).
    with collector.paused(jobs > 1):
        if jobs == 1:
            _init_worker(rules_dir)
            for batch in _batches(tasks):
                for outcome in _run_staged(SCAN, [(task, -1) for task in batch]):
                    record(outcome)
        else:
            _run_pool(tasks, jobs, rules_dir, record)

        result = ScanResult(stats=ScanStats(files=len(tasks), bytes=sum(t.size for t in tasks), jobs=jobs))
        keys: list[tuple[str, str]] = []
        for outcome in outcomes:
            assert outcome is not None
            if outcome.error is not None:
                result.errors.append(outcome.error)
            result.warnings.extend(outcome.warnings)
            # build(): model_construct without its per-field bookkeeping (0.3 s of the parent's CPU on the archive).
            result.findings.extend(build(Finding, **data) for data in outcome.findings)
            keys.extend(outcome.keys)
        for finding, group in zip(result.findings, cluster(keys, threshold=group_threshold), strict=True):
            finding.group = group
    result.stats.failed = len(result.errors)
    result.stats.findings = len(result.findings)
    result.stats.groups = len({f.group for f in result.findings})
    result.stats.seconds = time.perf_counter() - started
    return result


# --- the pool -----------------------------------------------------------------------------------------------


def _run_pool(
    tasks: list[_Task],
    jobs: int,
    rules_dir: Path | None,
    record: Callable[[_Outcome], None],
    work: Callable[[_Task, int], _Outcome] | Staged | None = None,
) -> None:
    """Run every task; when a worker dies, rerun the files it may have held one at a time to find the culprit.

    ``work`` (default: the scan's, parse and classify) is a module-level function of a file, or a Staged pair of
    them, since it is sent to the workers.
    """
    work = work or SCAN
    # Largest files first: with few cores, a big law started last would leave the other cores idle at the end.
    queue = sorted(tasks, key=lambda t: (-t.size, t.index))
    while queue:
        suspects, queue = _round(queue, jobs, rules_dir, record, work)
        while suspects:
            # One worker, one file in flight: when it dies, the file it had started is the one that kills it.
            culprits, suspects = _round(suspects, 1, rules_dir, record, work)
            for task in culprits:
                reason = "the worker process died while reading this file"
                record(_Outcome(task.index, error=ScanError(task.display, reason)))


# Files go to the workers in batches: one pool task per file cost the parent ~0.25 ms of pipe and future handling
# each (2 s of CPU over the archive's 8,502 files). A batch is small enough that the largest-first order still
# keeps both cores busy to the end.
_BATCH_BYTES = 1 << 20
_BATCH_FILES = 64

# What the worker says of each file in the shared array of a round: not yet taken, being read, done (its result
# is in the batch's return value, which only reaches the parent when the whole batch is done).
_WAITING, _STARTED, _DONE = 0, 1, 2


def _batches(tasks: list[_Task]) -> list[list[_Task]]:
    """Consecutive runs of ``tasks`` of about _BATCH_BYTES (a large file alone), at most _BATCH_FILES each."""
    batches: list[list[_Task]] = []
    current: list[_Task] = []
    size = 0
    for task in tasks:
        current.append(task)
        size += task.size
        if size >= _BATCH_BYTES or len(current) >= _BATCH_FILES:
            batches.append(current)
            current, size = [], 0
    if current:
        batches.append(current)
    return batches


def _run_batch(work: Callable[[_Task, int], _Outcome], batch: list[tuple[_Task, int]]) -> list[_Outcome]:
    """In the worker: ``work`` on each (task, slot) of a batch in turn, each marked done in the round's array."""
    outcomes = []
    for task, slot in batch:
        outcomes.append(work(task, slot))
        if _started is not None and slot >= 0:
            _started[slot] = _DONE
    return outcomes


def _round(
    tasks: list[_Task],
    jobs: int,
    rules_dir: Path | None,
    record: Callable[[_Outcome], None],
    work: Callable[[_Task, int], _Outcome] | Staged,
) -> tuple[list[_Task], list[_Task]]:
    """Run tasks in a fresh pool. If it breaks: (the unfinished tasks a worker had started, the others).

    With one job, each task is a batch of its own: that is how a file that kills its worker is singled out.
    """
    context = pool_context()
    state = context.Array("b", max(len(tasks), 1), lock=False)  # set by the worker: _STARTED, then _DONE
    slot = {task.index: n for n, task in enumerate(tasks)}
    finished: set[int] = set()
    batches = _batches(tasks) if jobs > 1 else [[task] for task in tasks]
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker, initargs=(rules_dir, state)) as pool:
        # functools.partial of module-level functions pickles, so it can be sent to the workers.
        run_batch = partial(_run_staged, work) if isinstance(work, Staged) else partial(_run_batch, work)
        futures = [pool.submit(run_batch, [(t, slot[t.index]) for t in batch]) for batch in batches]
        try:
            # as_completed waits on every future once; wait(FIRST_COMPLETED) in a loop re-registers on all the
            # remaining ones each time — quadratic, 38 s of the parent's CPU on the 8,502 files of the archive.
            for future in as_completed(futures):
                for outcome in future.result():
                    finished.add(outcome.index)
                    record(outcome)
            return [], []
        except (KeyboardInterrupt, SystemExit):
            # Leaving the with-block would wait for every queued file, and for the running ones (the largest
            # laws go first: minutes). Drop the queue and stop the workers, which ignore Ctrl-C themselves.
            workers = list((getattr(pool, "_processes", None) or {}).values())  # shutdown() forgets them
            pool.shutdown(wait=False, cancel_futures=True)
            for process in workers:
                process.terminate()
            raise
        except BrokenProcessPool:
            for future in futures:
                if future.done() and future.exception() is None:
                    for outcome in future.result():
                        if outcome.index not in finished:
                            finished.add(outcome.index)
                            record(outcome)
    unfinished = [t for t in tasks if t.index not in finished]
    # A file done in a batch that was lost with its worker is simply read again; only one being read is suspect.
    # But a worker may die after its last file is done (sending the results): with none being read, or with one
    # job, every file taken counts, so that each round leaves at least one file out of the queue.
    suspects = [t for t in unfinished if state[slot[t.index]] == _STARTED]
    if jobs == 1 or not suspects:
        suspects = [t for t in unfinished if state[slot[t.index]] != _WAITING]
    chosen = {t.index for t in suspects}
    return suspects, [t for t in unfinished if t.index not in chosen]


def pool_context():
    """The multiprocessing context for worker pools (the scan's, and the amend pipeline's).

    forkserver: workers fork from a clean single-threaded server (not from a parent that may be running a
    progress-bar thread), with this module imported and the default rules loaded there (``analogreg.preload``),
    so each worker starts quickly.
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["analogreg.batch", "analogreg.preload"])
        return context
    return multiprocessing.get_context("spawn")


_context = pool_context  # the name analogreg.amend.pipeline imports


def start_pool_server(paths: Sequence[Path | str], jobs: int | None) -> None:
    """Start the fork server now, where a pool may follow: its preload (imports, the default rules: 0.7 s) then runs
    while this process loads the rules and lists the files, instead of after: a fifth of a small scan's time.

    Not for one job (asked for, or all a one-core machine has) or one file: no pool follows, and on one core the
    preload would only compete with this process. A pool made later finds the server running and uses it.
    """
    if (jobs or default_jobs()) == 1 or (len(paths) == 1 and Path(paths[0]).is_file()):
        return
    if pool_context().get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


# --- in the worker ------------------------------------------------------------------------------------------

_ruleset = None
_started = None


def _init_worker(rules_dir: Path | None, started=None) -> None:
    """Load the rules and the dictionary once per worker process."""
    global _ruleset, _started
    _started = started
    # Ctrl-C reaches the whole process group: the parent stops the pool; a worker just finishes its file
    # (instead of printing a KeyboardInterrupt traceback of its own).
    if started is not None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    from analogreg.malloc import disable_fastbins
    from analogreg.ruleset.load import default_ruleset
    from analogreg.tokenize import tokenize

    # Every file's lxml tree is built and freed here: merge its freed nodes as they go, not at the next allocation.
    disable_fastbins()
    _ruleset = default_ruleset(rules_dir)
    tokenize("辞書を読み込む。")
    if started is not None:
        # A pool worker builds and drops a statute model per file, which makes no cyclic garbage: move what was
        # loaded (rules, dictionary) out of the collector's sight and let it run less often (-4% CPU a file).
        gc.freeze()
        gc.set_threshold(50_000, 20, 100)


def mark_started(slot: int) -> None:
    """Tell the parent that this worker has taken the task in ``slot`` (see :func:`_round`)."""
    if _started is not None and slot >= 0:
        _started[slot] = _STARTED


def _failure(task: _Task, err: Exception) -> _Outcome:
    """A file's exception as its error: every failure is the file's, reported with it, and the scan goes on."""
    if isinstance(err, InputError):
        return _Outcome(task.index, error=ScanError(task.display, err.reason, err.line))
    if isinstance(err, RecursionError):
        return _Outcome(task.index, error=ScanError(task.display, "the document is nested too deeply to read"))
    # A bug of ours on this input: report it with the file, scan the rest.
    reason = f"internal error ({type(err).__name__}: {err}); please report it with this file"
    return _Outcome(task.index, error=ScanError(task.display, reason))


@dataclass(frozen=True)
class Staged:
    """A file's work in steps that a batch runs one after the other over all its files: ``read`` for every file of
    the batch, then each of ``then`` for every file, the last one giving the file's _Outcome. A step that raises, or
    returns the file's _Outcome, ends the file's work: ``fail`` makes its outcome of the exception. All must be
    module-level functions, since the pool sends them to its workers."""

    read: Callable[[_Task], Any]
    then: tuple[Callable[[_Task, Any], Any], ...]
    fail: Callable[[_Task, Exception], _Outcome] = _failure


def _run_staged(work: Staged, batch: list[tuple[_Task, int]]) -> list[_Outcome]:
    """In the worker: each step of ``work`` over every file of a batch in turn.

    For the scan: every file parsed, then the tests on every unit's text, then Sudachi on what they left, then the
    rules, then the second opinion, rather than file by file, so that each step's code and data (lxml and the article
    tests; the prefilter; Sudachi's dictionary; the rules and the model) stay in the CPU's caches from one file to
    the next instead of evicting each other (Sudachi took a third more time on the same sentences between parses
    than back to back). A batch's partial Laws are small: the kept articles of about a megabyte of XML. Each file is
    marked started before it is read and done after its last step, so a worker that dies leaves every file of its
    batch not yet done suspect, each to be read again on its own (see :func:`_round`).
    """
    results: list[Any] = []
    for task, slot in batch:
        mark_started(slot)
        results.append(_attempt(work, task, work.read, task))
    for n, step in enumerate(work.then, start=1):
        last = n == len(work.then)
        for i, (task, slot) in enumerate(batch):
            if not isinstance(results[i], _Outcome):
                results[i] = _attempt(work, task, step, task, results[i])
            if last and _started is not None and slot >= 0:
                _started[slot] = _DONE
    return results


def _attempt(work: Staged, task: _Task, step: Callable[..., Any], *args: Any) -> Any:
    """One step of a file's work; its exception becomes the file's _Outcome (``work.fail``)."""
    try:
        return step(*args)
    except Exception as err:  # a failure is the file's, never the batch's
        return work.fail(task, err)


def _scan_file(task: _Task, slot: int = -1) -> _Outcome:
    """Parse and classify one file; every failure becomes the file's error, never an exception."""
    return _run_staged(SCAN, [(task, slot)])[0]


def _read_file(task: _Task) -> ParseResult:
    """The file's partial Law."""
    from analogreg.parse import Utf8Keep, parse_file

    # Only what the rules' keyword prefilter can let through is built (a partial Law: articles, and paragraphs read
    # with their 見出し, whose whole text the prefilter rejects hold no unit it would let through, since it finds
    # words and literals, which a text holding the unit's text, its 見出し and what holds it holds too).
    # The Law never leaves the worker.
    keep = Utf8Keep(_ruleset.prefilter.may_match_provision_utf8)
    return parse_file(Path(task.path), display=task.display, keep=keep)


def _prepare_file(task: _Task, parsed: ParseResult) -> tuple[ParseResult, LawPending]:
    """The tests on the text of every unit of one parsed file (classify_law's first step)."""
    from analogreg.classify import prepare_law

    return parsed, prepare_law(parsed.law, _ruleset, task.display)


def _tokenize_file(task: _Task, prepared: tuple[ParseResult, LawPending]) -> tuple[ParseResult, LawPending]:
    """Sudachi on the sentences one file's units need (classify_law's second step)."""
    from analogreg.classify import tokenize_law

    tokenize_law(prepared[1])
    return prepared


def _rules_file(task: _Task, prepared: tuple[ParseResult, LawPending]) -> tuple[ParseResult, LawPending]:
    """The rules on one file's tokens (classify_law's third step)."""
    from analogreg.classify import apply_rules

    apply_rules(prepared[1], _ruleset)
    return prepared


def _classify_file(task: _Task, prepared: tuple[ParseResult, LawPending]) -> _Outcome:
    """The findings of one file (classify_law's last step), as a worker sends them to the parent."""
    from analogreg.classify import finish_law

    parsed, pending = prepared
    findings = finish_law(pending, _ruleset)
    return _Outcome(
        task.index,
        findings=[plain_fields(f) for f in findings],
        keys=[(block_of(f.categories, f.matched), wording_key(f.text, f.spans)) for f in findings],
        warnings=[f"{task.display}: {w}" for w in parsed.warnings],
    )


SCAN = Staged(read=_read_file, then=(_prepare_file, _tokenize_file, _rules_file, _classify_file))
"""The scan's work on a file: parse it (partially: see :func:`_read_file`), then classify it in classify_law's four
steps."""


def plain_fields(finding: Finding) -> dict:
    """A finding's fields as a dict to send to the parent (which rebuilds it with ``model.build``).

    Every field of a Finding is a plain value (str, list, dict, tuple), so its ``__dict__`` is what
    ``model_dump()`` returns, without pydantic's walk over each field: 2% of a scan's CPU on the archive's 15,752
    findings. A test holds the two equal on real findings, so a nested model added later cannot slip through.
    """
    return dict(finding.__dict__)
