"""Speed and memory of `analogreg scan` over the whole 2020 e-Gov archive, against a bare pass in the same run.

The bare pass is the floor any scanner pays: lxml parse + the text of every Sentence + one regex search per
sentence, single process and with the scan's --jobs. The scan is the real command (`python -m analogreg scan
DIR --out F --jobs N`) on the extracted files, run as a child process whose whole process tree is sampled from
/proc for peak memory (RSS summed over the tree, and PSS, which counts the shared Sudachi dictionary once).

Targets (issue #3): scan ≤ 3× the bare pass with the same jobs; peak memory < 1.5 GB.

    .venv/bin/python bench/scan_speed.py [--jobs N] [--rounds N] [--limit N] [--cache DIR]

Reads ../shared/corpus (skips cleanly when it is absent); extracts the archive once into --cache.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from statistics import median

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT.parent / "shared/corpus/national/archives/egov-xml-all-20201118.tar.xz"
MEMBER_ROOT = "lawhub-xml-20201118"
# One alternation of analog wording, as a cheap prefilter would use: what the bare pass searches for.
BARE_REGEX = re.compile(r"掲示|閲覧|縦覧|立入|立ち入|検査|点検|常駐|専任|講習|目視|巡視|ディスク|実地")


def extract(cache: Path, archive: Path = ARCHIVE, member_root: str = MEMBER_ROOT) -> Path:
    """An archive's files under ``cache`` (extracted once; a marker file says the extraction finished)."""
    target = cache / member_root
    marker = cache / f".complete-{member_root}"
    if not marker.exists():
        cache.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        with tarfile.open(archive, "r:xz") as tar:
            tar.extractall(cache, filter="data")
        marker.write_text("ok\n")
        print(f"extracted the archive in {time.perf_counter() - started:.1f} s → {target}")
    return target


def sample_laws(cache: Path, laws: int, seed: int) -> list[Path]:
    """``laws`` files of the archive drawn at random with ``seed`` (extracted into ``cache`` first): the draw
    prefilter_lossless.py and tokenized_share.py make, so that one seed names the same laws in both."""
    files = sorted(extract(cache).rglob("*.xml"))
    random.Random(seed).shuffle(files)
    return files[:laws]


def bare_file(path: str) -> tuple[int, int]:
    """lxml parse, every Sentence's text, one regex search: (sentences, sentences that hit)."""
    tree = etree.parse(path)
    sentences = hits = 0
    for sentence in tree.iter("Sentence"):
        sentences += 1
        if BARE_REGEX.search("".join(sentence.itertext())):
            hits += 1
    return sentences, hits


def _cpu_seconds() -> float:
    """CPU time of this process and of its children that have been waited for."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def bare_pass(files: list[str], jobs: int) -> tuple[float, float, int, int]:
    """(wall seconds, CPU seconds, sentences, sentences with a keyword)."""
    started, cpu = time.perf_counter(), _cpu_seconds()
    if jobs == 1:
        results = [bare_file(f) for f in files]
    else:
        with ProcessPoolExecutor(jobs) as pool:
            results = list(pool.map(bare_file, files, chunksize=32))
    elapsed = time.perf_counter() - started
    return elapsed, _cpu_seconds() - cpu, sum(r[0] for r in results), sum(r[1] for r in results)


# --- memory of a process tree, sampled from /proc -----------------------------------------------------


def _children(pid: int) -> list[int]:
    try:
        tasks = Path(f"/proc/{pid}/task").iterdir()
        out: list[int] = []
        for task in tasks:
            text = (task / "children").read_text()
            out.extend(int(c) for c in text.split())
        return out
    except OSError:
        return []


def _tree(pid: int) -> list[int]:
    pids, stack = [], [pid]
    while stack:
        p = stack.pop()
        pids.append(p)
        stack.extend(_children(p))
    return pids


_TICK = os.sysconf("SC_CLK_TCK")


def _cpu_of(pid: int) -> float:
    """utime + stime of one process in seconds (0 if it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICK
    except (OSError, IndexError, ValueError):
        return 0.0


def _role(pid: int, parent: int) -> str:
    """What a process of the scan's tree is, from its command line: the multiprocessing fork server and resource
    tracker are started with ``-c from multiprocessing.forkserver import main`` (…resource_tracker…); a worker is a
    fork of the server, with its command line."""
    if pid == parent:
        return "parent"
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return "other"
    if b"resource_tracker" in command:
        return "other"
    if b"multiprocessing.forkserver" in command:
        ppid = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("PPid:")), 0)
        return "fork server" if ppid == parent else "workers"
    return "other"


def _memory_kib(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in KiB; (0, 0) if it has gone."""
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
            elif line.startswith("Pss:"):
                pss = int(line.split()[1])
    except (OSError, ValueError):
        pass
    return rss, pss


class TreeSampler(threading.Thread):
    """Samples the summed RSS and PSS of a process and all its descendants (peaks), and their CPU time.

    CPU time is the last value seen per process: on this shared, noisy machine it is a steadier measure of the
    work done than wall time (a process's last fraction of a sampling interval is missed).
    """

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_rss = self.peak_pss = self.peak_procs = 0
        self.cpu: dict[int, float] = {}
        self.roles: dict[int, str] = {}  # pid → parent, fork server, worker or helper (see role_cpu)
        self.stop = threading.Event()

    @property
    def cpu_seconds(self) -> float:
        return sum(self.cpu.values())

    def role_cpu(self) -> dict[str, float]:
        """CPU seconds by role: the scan's own process (parent), the fork server, the workers, anything else."""
        out: dict[str, float] = {}
        for pid, seconds in self.cpu.items():
            role = self.roles.get(pid, "other")
            out[role] = out.get(role, 0.0) + seconds
        return out

    def run(self) -> None:
        while not self.stop.is_set():
            pids = _tree(self.pid)
            mem = [_memory_kib(p) for p in pids]
            for p in pids:
                self.cpu[p] = max(self.cpu.get(p, 0.0), _cpu_of(p))
                if p not in self.roles:
                    self.roles[p] = _role(p, self.pid)
            self.peak_rss = max(self.peak_rss, sum(m[0] for m in mem))
            self.peak_pss = max(self.peak_pss, sum(m[1] for m in mem))
            self.peak_procs = max(self.peak_procs, len(pids))
            self.stop.wait(self.interval)


def time_grouping(findings_file: Path) -> tuple[float, int, int, int]:
    """Re-group the scan's findings to time the grouping step on its own: (seconds, findings, groups, largest)."""
    from collections import Counter

    from analogreg.export.findings import read_jsonl
    from analogreg.grouping import assign_groups

    findings = list(read_jsonl(findings_file))
    started = time.perf_counter()
    assign_groups(findings)
    seconds = time.perf_counter() - started
    sizes = Counter(f.group for f in findings)
    return seconds, len(findings), len(sizes), max(sizes.values(), default=0)


def run_scan(src: Path, jobs: int | None, out: Path) -> tuple[float, TreeSampler, int, str]:
    command = [sys.executable, "-m", "analogreg", "scan", str(src), "--out", str(out)]
    if jobs:
        command += ["--jobs", str(jobs)]
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    stdout, stderr = proc.communicate()
    elapsed = time.perf_counter() - started
    sampler.stop.set()
    sampler.join()
    return elapsed, sampler, proc.returncode, stdout + stderr


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="workers (default: all cores)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N files (for a quick look)")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "analogreg-bench")
    parser.add_argument("--skip-single", action="store_true", help="skip the single-process bare pass")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved bare-pass / scan rounds (default 3)")
    args = parser.parse_args()
    if not ARCHIVE.exists():
        print(f"skipped: {ARCHIVE} not found (the shared corpus is not beside this checkout)")
        return 0

    root = extract(args.cache)
    files = sorted(str(p) for p in root.rglob("*.xml"))
    src = root
    if args.limit:
        files = files[: args.limit]
        src = args.cache / f"subset-{args.limit}"
        if not src.exists():
            src.mkdir()
            for f in files:
                link = src / Path(f).relative_to(root)
                link.parent.mkdir(parents=True, exist_ok=True)
                link.symlink_to(f)
    megabytes = sum(os.path.getsize(f) for f in files) / 1e6
    print(f"corpus: {len(files):,} files, {megabytes:,.1f} MB ({src})")
    print(f"machine: {os.cpu_count()} cores; scan and parallel bare pass use --jobs {args.jobs}")

    # This host's CPU accounting is noisy (other guests; the same bare pass has measured 17–23 s of CPU), so the
    # passes are interleaved — bare, scan, bare, scan … — and every round's ratio is printed with their median:
    # a slow spell then shows as one odd round instead of silently moving the only figure.
    rounds: list[tuple[float, float, float, float]] = []  # (bare wall, bare CPU, scan wall, scan CPU)
    single: tuple[float, float] | None = None
    sampler: TreeSampler | None = None
    code, findings, errors, output = 0, 0, 0, ""
    grouping = None
    sentence_note = ""
    for round_no in range(1, args.rounds + 1):
        if round_no == 1 and not args.skip_single:
            t1, c1, _, _ = bare_pass(files, 1)
            single = (t1, c1)
            print(f"  bare pass, 1 process: {t1:.1f} s wall, {c1:.1f} s CPU", flush=True)
        tn, cn, sentences, hits = bare_pass(files, args.jobs)
        sentence_note = f"{sentences:,} sentences, {hits:,} with a keyword"
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "findings.jsonl"
            ts, round_sampler, code, output = run_scan(src, args.jobs, out)
            findings = sum(1 for _ in out.open(encoding="utf-8")) if out.exists() else 0
            errors_file = out.with_name("findings.errors.jsonl")
            errors = sum(1 for _ in errors_file.open(encoding="utf-8")) if errors_file.exists() else 0
            if round_no == 1:
                grouping = time_grouping(out) if out.exists() else None
        if sampler is None or round_sampler.peak_rss > sampler.peak_rss:
            sampler = round_sampler
        rounds.append((tn, cn, ts, round_sampler.cpu_seconds))
        print(
            f"  round {round_no}: bare {tn:.1f} s wall / {cn:.1f} s CPU, scan {ts:.1f} s wall / "
            f"{round_sampler.cpu_seconds:.1f} s CPU → ratio wall {ts / tn:.2f}, "
            f"CPU {round_sampler.cpu_seconds / cn:.2f}",
            flush=True,
        )
        if code not in (0, 1):
            break
    assert sampler is not None

    print()
    print(f"{'pass (median of rounds)':<28} {'wall s':>8} {'CPU s':>8} {'MB/s':>7} {'files/s':>8}  notes")
    table = []
    if single is not None:
        table.append(("bare pass, 1 process", single[0], single[1], sentence_note))
    table.append(
        (f"bare pass, {args.jobs} processes", median(r[0] for r in rounds), median(r[1] for r in rounds), sentence_note)
    )
    scan_note = f"{findings:,} findings, {errors} files failed, exit {code}"
    table.append(
        (f"analogreg scan --jobs {args.jobs}", median(r[2] for r in rounds), median(r[3] for r in rounds), scan_note)
    )
    for name, seconds, cpu, note in table:
        print(
            f"{name:<28} {seconds:>8.1f} {cpu:>8.1f} {megabytes / seconds:>7.1f} {len(files) / seconds:>8.1f}  {note}"
        )
    print()
    wall_ratios = [r[2] / r[0] for r in rounds]
    cpu_ratios = [r[3] / r[1] for r in rounds]
    print(
        f"ratio scan / bare pass, {args.jobs} processes, over {len(rounds)} rounds: "
        f"wall median {median(wall_ratios):.2f} "
        f"(range {min(wall_ratios):.2f}–{max(wall_ratios):.2f}), CPU median {median(cpu_ratios):.2f} "
        f"(range {min(cpu_ratios):.2f}–{max(cpu_ratios):.2f})  (target ≤ 3)"
    )
    if single is not None:
        scan_wall, scan_cpu = median(r[2] for r in rounds), median(r[3] for r in rounds)
        print(f"ratio scan / bare pass, 1 process:   wall {scan_wall / single[0]:.2f}, CPU {scan_cpu / single[1]:.2f}")
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())} (on {os.cpu_count()} cores)")
    roles = sampler.role_cpu()
    print(
        "CPU of the scan's processes (largest round): "
        + ", ".join(
            f"{role} {roles[role]:.1f} s" for role in ("parent", "fork server", "workers", "other") if role in roles
        )
    )
    print(
        f"peak memory of the scan's process tree (largest round): RSS {sampler.peak_rss / 1024:,.0f} MiB, "
        f"PSS {sampler.peak_pss / 1024:,.0f} MiB over {sampler.peak_procs} processes (target < 1,536 MiB)"
    )
    if grouping is not None:
        seconds, count, groups, largest = grouping
        print(
            f"grouping alone (in the parent, after the pool): {count:,} findings → {groups:,} groups "
            f"(largest {largest:,}) in {seconds:.2f} s"
        )
    if code not in (0, 1):
        print("\nthe scan failed:\n" + output[-3000:])
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
