"""Two states of the code scanning the same archive laws, alternated in one run: which one costs less CPU?

On these shared 2-core hosts the same scan's CPU time moves by 15–30% within an hour, more than most single speed
changes gain, so a change is judged against its base measured in the same run, run after run in alternation (base,
head, then head, base, …), by the median and by how many pairs it wins. The base is any git revision, checked out
into a temporary worktree and run on this checkout's interpreter (so its dependencies must be those of the venv);
the head is this checkout as it stands, uncommitted changes included. Each run is the real command (`python -m
analogreg scan DIR --out F --jobs N`), its CPU summed over its whole process tree (TreeSampler of scan_speed.py),
and the two findings files are compared byte for byte: a speed change must not change what is found.

    .venv/bin/python bench/scan_ab.py --base REV [--laws 1500] [--seed 7] [--jobs 1] [--rounds 6] [--cache DIR]

``--laws 0`` scans the whole archive. Reads ../shared/corpus (skips cleanly when it is absent).
"""

from __future__ import annotations

import argparse
import filecmp
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

from scan_speed import ARCHIVE, ROOT, TreeSampler, extract, sample_laws


def sample_folder(cache: Path, laws: int, seed: int) -> Path:
    """A folder of symlinks to ``laws`` random archive laws (the draw of scan_speed.sample_laws), or the archive."""
    if not laws:
        return extract(cache)
    folder = cache / f"sample-{laws}-seed{seed}"
    if not folder.exists():
        staging = Path(tempfile.mkdtemp(dir=cache))
        for n, path in enumerate(sample_laws(cache, laws, seed)):
            (staging / f"{n:05d}_{path.name}").symlink_to(path)
        staging.rename(folder)  # whole or not at all: an interrupted run leaves no half-made sample behind
    return folder


def run(code: Path, src: Path, out: Path, jobs: int) -> tuple[float, float]:
    """One scan with the package at ``code``: (CPU seconds of the process tree, wall seconds)."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    command = [sys.executable, "-m", "analogreg", "scan", str(src), "--out", str(out), "--jobs", str(jobs)]
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=code, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(proc.pid, interval=0.1)
    sampler.start()
    _, stderr = proc.communicate()
    sampler.stop.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        sys.exit(f"the scan with {code} failed (exit {proc.returncode}):\n{stderr[-2000:]}")
    return sampler.cpu_seconds, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", required=True, help="git revision to compare against (e.g. HEAD~1)")
    parser.add_argument("--laws", type=int, default=1500, help="random archive laws to scan (0: all 8,502)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jobs", type=int, default=1, help="the scans' --jobs (default 1: the steadiest figure)")
    parser.add_argument("--rounds", type=int, default=6, help="pairs of runs (default 6)")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "analogreg-bench")
    args = parser.parse_args()
    if not ARCHIVE.exists():
        print(f"skipped: {ARCHIVE} not found (the shared corpus is not beside this checkout)")
        return 0
    src = sample_folder(args.cache, args.laws, args.seed)
    revision = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", args.base], capture_output=True, text=True, check=True
    ).stdout.strip()
    print(
        f"{len(list(src.rglob('*.xml'))):,} laws in {src}; base {args.base} ({revision}) against this checkout; "
        f"--jobs {args.jobs}, {args.rounds} rounds"
    )
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet", str(base), revision], check=True
        )
        try:
            return compare(base, src, Path(tmp), args)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)], check=False)


def compare(base: Path, src: Path, tmp: Path, args: argparse.Namespace) -> int:
    codes = {"base": base, "head": ROOT}
    cpu: dict[str, list[float]] = {"base": [], "head": []}
    wall: dict[str, list[float]] = {"base": [], "head": []}
    outs = {name: tmp / f"{name}.jsonl" for name in codes}
    for round_no in range(1, args.rounds + 1):
        # Alternate which goes first, so that a host slowing down or speeding up during the run favours neither.
        order = ["base", "head"] if round_no % 2 else ["head", "base"]
        figures = {}
        for name in order:
            seconds, elapsed = run(codes[name], src, outs[name], args.jobs)
            cpu[name].append(seconds)
            wall[name].append(elapsed)
            figures[name] = seconds
        print(
            f"  round {round_no}: base {figures['base']:.2f} s CPU, head {figures['head']:.2f} s CPU "
            f"(head/base {figures['head'] / figures['base']:.3f})",
            flush=True,
        )
    same = filecmp.cmp(outs["base"], outs["head"], shallow=False)
    wins = sum(h < b for b, h in zip(cpu["base"], cpu["head"], strict=True))
    ratio = median(cpu["head"]) / median(cpu["base"])
    print()
    for name in codes:
        print(
            f"{name}: median {median(cpu[name]):.2f} s CPU (range {min(cpu[name]):.2f}–{max(cpu[name]):.2f}), "
            f"{median(wall[name]):.2f} s wall"
        )
    change = f"{ratio:.3f} ({(ratio - 1) * 100:+.1f}%)"
    print(f"head / base, median CPU: {change}; head cheaper in {wins} of {args.rounds} pairs")
    print(f"findings: {'byte-identical' if same else 'DIFFERENT'} ({sum(1 for _ in outs['head'].open())} lines)")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
