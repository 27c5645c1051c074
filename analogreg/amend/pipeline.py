"""The amend pipeline: scan (batch.scan) → propose (amend.propose_law) → draft (draft.draft_proposal) → files.

``amend_paths`` writes, into the output folder:

- ``proposals.jsonl`` — one line per finding that is not already digital: the finding's fields plus
  ``template``, ``old_text``, ``new_text``, ``aratame``, ``verified``, ``note`` and ``scope``; sorted by document,
  then document order, so the same input gives byte-identical output;
- ``findings.jsonl`` — every finding of the scan (already-digital ones included), as ``analogreg scan`` writes;
- ``findings.errors.jsonl`` — the files that could not be scanned or amended, with the reason.

A proposal whose ``new_text`` equals ``old_text`` (往訪閲覧・縦覧 covered by the online ordinance, or a clause
left for manual drafting) carries no 改め文 and is not drafted; ``verified`` stays false and ``note`` says why.
The scan runs in a process pool; amending does too, one document per task, each worker parsing its document
again (the scan keeps no Law in the parent) and returning plain dicts.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from analogreg.batch import ScanError
from analogreg.errors import InputError
from analogreg.records import Finding, Proposal
from analogreg.settings import Settings

PROPOSALS_NAME = "proposals.jsonl"
FINDINGS_NAME = "findings.jsonl"

ProgressCallback = Callable[[str, int, int, str], None]
"""Called in the parent after each file: (stage "scan" | "amend", files done, files in all, display path)."""


@dataclass
class AmendStats:
    """Figures of one run."""

    files: int = 0
    failed: int = 0
    findings: int = 0
    already_digital: int = 0
    proposals: int = 0
    amended: int = 0
    unchanged: int = 0
    verified: int = 0
    scan_seconds: float = 0.0
    amend_seconds: float = 0.0
    jobs: int = 1


@dataclass
class AmendResult:
    """Proposals in output order, every finding of the scan, the files that failed, the figures, the files."""

    proposals: list[Proposal] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    errors: list[ScanError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stats: AmendStats = field(default_factory=AmendStats)
    written: dict[str, Path] = field(default_factory=dict)


@dataclass(frozen=True)
class _DocTask:
    path: str
    display: str
    findings: list[dict]


@dataclass
class _DocOutcome:
    display: str
    proposals: list[dict] = field(default_factory=list)
    error: ScanError | None = None


def amend_paths(
    paths: Sequence[Path | str],
    out_dir: Path,
    *,
    settings: Settings,
    rules_dir: Path | None = None,
    templates_dir: Path | None = None,
    jobs: int | None = None,
    on_progress: ProgressCallback | None = None,
) -> AmendResult:
    """Scan, propose, draft and write the proposals, findings and errors files into ``out_dir``.

    Raises DataFileError for broken rules or templates (before any file is read) and InputError when a PATH
    does not exist; a file that fails is reported in ``errors`` and the others go on.
    """
    from analogreg.batch import default_jobs, scan, start_pool_server
    from analogreg.parse import iter_input_files
    from analogreg.ruleset.templates import load_templates

    start_pool_server(paths, jobs)  # its preload overlaps the loading of the templates and rules
    load_templates(templates_dir)  # every template problem is reported now, not once per worker
    scan_progress = (lambda done, total, doc: on_progress("scan", done, total, doc)) if on_progress else None
    scanned = scan(paths, rules_dir=rules_dir, jobs=jobs, on_progress=scan_progress)
    # Sorted by document (then document order), as the proposals are: the output does not depend on the order
    # in which PATHs were given or files were listed.
    ordered = sorted(enumerate(scanned.findings), key=lambda pair: (pair[1].doc, pair[0]))
    result = AmendResult(findings=[f for _, f in ordered], warnings=list(scanned.warnings))
    result.errors.extend(scanned.errors)
    stats = result.stats
    stats.files, stats.scan_seconds, stats.jobs = scanned.stats.files, scanned.stats.seconds, scanned.stats.jobs
    stats.findings = len(scanned.findings)
    stats.already_digital = sum(f.already_digital for f in scanned.findings)

    started = time.perf_counter()
    tasks = _doc_tasks(result.findings, {e.display: str(e.path) for e in iter_input_files([Path(p) for p in paths])})
    outcomes = _run(tasks, settings, templates_dir, max(1, min(jobs or default_jobs(), len(tasks) or 1)), on_progress)
    position = {f.finding_id: i for i, f in enumerate(result.findings)}
    for outcome in outcomes:
        if outcome.error is not None:
            result.errors.append(outcome.error)
        result.proposals.extend(Proposal.model_validate(p) for p in outcome.proposals)
    result.proposals.sort(key=lambda p: (p.doc, position.get(p.finding_id, 0)))
    result.errors.sort(key=lambda e: e.doc)
    stats.amend_seconds = time.perf_counter() - started
    stats.failed = len({e.doc for e in result.errors})
    stats.proposals = len(result.proposals)
    stats.amended = sum(p.new_text != p.old_text for p in result.proposals)
    stats.unchanged = stats.proposals - stats.amended
    stats.verified = sum(p.verified for p in result.proposals)
    result.written = write_outputs(result, out_dir)
    return result


def write_outputs(result: AmendResult, out_dir: Path) -> dict[str, Path]:
    """Write the proposals, findings, errors and warnings files (each atomically) and return their paths."""
    from analogreg.export.findings import errors_path, warnings_path, write_errors, write_findings, write_warnings

    out_dir.mkdir(parents=True, exist_ok=True)
    proposals = out_dir / PROPOSALS_NAME
    findings = out_dir / FINDINGS_NAME
    errors = errors_path(findings)
    write_findings(result.proposals, proposals, "jsonl")
    write_findings(result.findings, findings, "jsonl")
    write_errors(result.errors, errors)
    warnings = warnings_path(findings)
    write_warnings(result.warnings, warnings)
    return {"proposals": proposals, "findings": findings, "errors": errors, "warnings": warnings}


def _doc_tasks(findings: Sequence[Finding], files: dict[str, str]) -> list[_DocTask]:
    """One task per document with findings to amend (already-digital findings need no proposal)."""
    by_doc: dict[str, list[dict]] = {}
    for finding in findings:
        if not finding.already_digital:
            by_doc.setdefault(finding.doc, []).append(finding.model_dump())
    return [_DocTask(files.get(doc, doc), doc, items) for doc, items in by_doc.items()]


def _run(
    tasks: list[_DocTask],
    settings: Settings,
    templates_dir: Path | None,
    jobs: int,
    on_progress: ProgressCallback | None,
    work: Callable[[_DocTask], _DocOutcome] | None = None,
) -> list[_DocOutcome]:
    """Amend every document, in a pool when ``jobs`` > 1; one outcome per task, whatever happens to a worker.

    ``work`` (default: parse, propose and draft) must be a module-level function, since it is sent to the workers.
    """
    work = work or _amend_doc
    outcomes: list[_DocOutcome] = []

    def record(outcome: _DocOutcome) -> None:
        outcomes.append(outcome)
        if on_progress is not None:
            on_progress("amend", len(outcomes), len(tasks), outcome.display)

    if jobs == 1 or len(tasks) <= 1:
        _init_worker(settings, templates_dir)
        for task in tasks:
            record(work(task))
        return outcomes
    # Largest documents first, so that a big law started last does not leave the other core idle.
    queue = sorted(tasks, key=lambda t: -len(t.findings))
    context = _context()
    with ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_init_worker, initargs=(settings, templates_dir)
    ) as pool:
        futures = {pool.submit(work, task): task for task in queue}
        recorded: set = set()
        try:
            # as_completed waits on each future once; wait(FIRST_COMPLETED) in a loop registers a waiter on every
            # remaining future at each turn, which is quadratic in the documents queued.
            for future in as_completed(futures):
                record(future.result())
                recorded.add(future)
        except BrokenProcessPool:
            for future, task in futures.items():
                if future in recorded:
                    continue
                if future.done() and not future.cancelled() and future.exception() is None:
                    record(future.result())  # finished before the pool broke, not yet taken
                else:
                    reason = "the worker process died while amending this file"
                    record(_DocOutcome(task.display, error=ScanError(task.display, reason)))
    return outcomes


def _context():
    # The scan has just started a forkserver (batch): the amend workers fork from the same clean server.
    from analogreg.batch import _context as scan_context

    return scan_context()


# --- in the worker ------------------------------------------------------------------------------------------

_settings: Settings | None = None
_templates = None


def _init_worker(settings: Settings, templates_dir: Path | None) -> None:
    """Load the templates and the dictionary once per worker process."""
    global _settings, _templates
    from analogreg.ruleset.templates import default_templates
    from analogreg.tokenize import tokenize

    _settings = settings
    _templates = default_templates(templates_dir)
    tokenize("辞書を読み込む。")


def _amend_doc(task: _DocTask) -> _DocOutcome:
    """Parse one document again, propose for its findings and draft every proposal that changes the text."""
    from analogreg.amend import propose_law
    from analogreg.draft import draft_proposal
    from analogreg.parse import parse_file

    assert _settings is not None
    try:
        law = parse_file(Path(task.path), display=task.display).law
        findings = [Finding.model_validate(f) for f in task.findings]
        proposals = []
        for proposal in propose_law(findings, law, _settings, templates=_templates):
            if proposal is None:
                continue
            if proposal.new_text != proposal.old_text:
                proposal = draft_proposal(proposal)
            proposals.append(proposal.model_dump())
    except InputError as err:
        return _DocOutcome(task.display, error=ScanError(task.display, err.reason, err.line))
    except RecursionError:
        return _DocOutcome(task.display, error=ScanError(task.display, "the document is nested too deeply to read"))
    except Exception as err:  # a bug of ours on this input: report it with the file, amend the rest
        reason = f"internal error while amending ({type(err).__name__}: {err}); please report it with this file"
        return _DocOutcome(task.display, error=ScanError(task.display, reason))
    return _DocOutcome(task.display, proposals=proposals)
