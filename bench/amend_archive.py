"""`analogreg amend` over the whole 2020 e-Gov archive (8,502 laws): proposals, verified 改め文, time, memory.

Runs the real command (`python -m analogreg amend DIR --out OUT --jobs N`) as a child process on the extracted
archive, sampling its whole process tree for peak memory (RSS summed, and PSS, which counts the shared Sudachi
dictionary once), then reads OUT:

- proposals, those that change the text, and how many of their 改め文 the independent applier verified (target
  100%); the unverified ones grouped by the reason drafting gave;
- the no-change decisions by template (etsuran.covered, fd.spec, manual …);
- on every amended proposal, the amend stage's own checks (kept wording, verb chain) re-run here;
- the files that failed, by reason;
- time: the scan stage is the baseline measured in the same run, and the amend stage (re-parse, propose,
  draft, verify) is reported against it.

    .venv/bin/python bench/amend_archive.py [--jobs N] [--limit N] [--cache DIR] [--keep DIR]

Reads ../shared/corpus (skips cleanly when it is absent); extracts the archive once into --cache (shared with
bench/scan_speed.py, whose extraction and process-tree sampler it uses).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scan_speed import ARCHIVE, TreeSampler, extract  # noqa: E402

from analogreg.amend.check import grammar_problems, kept_outside, replaceable_words  # noqa: E402

_TIMES = re.compile(r"scan ([\d,.]+) s, amend ([\d,.]+) s")


def run_amend(src: Path, out: Path, jobs: int) -> tuple[float, TreeSampler, int, str]:
    command = [sys.executable, "-m", "analogreg", "amend", str(src), "--out", str(out), "--jobs", str(jobs)]
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    stdout, stderr = proc.communicate()
    elapsed = time.perf_counter() - started
    sampler.stop.set()
    sampler.join()
    return elapsed, sampler, proc.returncode, stdout + stderr


def _reason(note: str) -> str:
    """The drafting line of a note, without the clause-specific quotes: what kind of failure it is."""
    for line in note.splitlines():
        if line.startswith("[改め文]"):
            return re.sub(r"「[^」]*」", "「…」", line)[:90]
    return "(no reason given)"


def subset(root: Path, cache: Path, limit: int) -> Path:
    """The first ``limit`` files (sorted), linked into a folder of their own."""
    files = sorted(root.rglob("*.xml"))[:limit]
    src = cache / f"subset-{limit}"
    if not src.exists():
        src.mkdir()
        for f in files:
            link = src / f.relative_to(root)
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(f)
    return src


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--limit", type=int, default=0, help="only the first N files (for a quick look)")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "analogreg-bench")
    parser.add_argument("--keep", type=Path, default=None, help="write the output folder here (default: temp)")
    args = parser.parse_args()
    if not ARCHIVE.exists():
        print(f"skipped: {ARCHIVE} not found (the shared corpus is not beside this checkout)")
        return 0
    root = extract(args.cache)
    src = subset(root, args.cache, args.limit) if args.limit else root
    files = sum(1 for _ in src.rglob("*.xml"))
    print(f"corpus: {files:,} files ({src}); {os.cpu_count()} cores, --jobs {args.jobs}")

    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp) / "out"
        elapsed, sampler, code, output = run_amend(src, out, args.jobs)
        proposals = [json.loads(line) for line in (out / "proposals.jsonl").open(encoding="utf-8")]
        findings = sum(1 for _ in (out / "findings.jsonl").open(encoding="utf-8"))
        errors = [json.loads(line) for line in (out / "findings.errors.jsonl").open(encoding="utf-8")]

    amended = [p for p in proposals if p["new_text"] != p["old_text"]]
    verified = [p for p in amended if p["verified"]]
    unchanged = [p for p in proposals if p["new_text"] == p["old_text"]]
    print(f"exit status {code}; {findings:,} findings → {len(proposals):,} proposals")
    print(f"  amended (text changes): {len(amended):,}")
    captions = [p for p in amended if p.get("new_caption")]
    checked = sum(p["verified"] for p in captions)
    print(f"    of which also amend their article's 見出し: {len(captions):,} ({checked:,} verified)")
    deleted = [p for p in amended if p["new_text"] == "削除"]
    checked = sum(p["verified"] for p in deleted)
    print(f"    of which rewrite an FD等 spec article as 削除: {len(deleted):,} ({checked:,} verified)")
    cut = [p for p in amended if p.get("cuts_last_paragraphs") and not p["new_text"]]
    checked = sum(p["verified"] for p in cut)
    print(f"    of which cut the last 項 of an article (「…を削る」): {len(cut):,} ({checked:,} verified)")
    for p in cut:
        print(f"      {p['law_title'][:40]} {p['aratame']}")
    ratio = len(verified) / len(amended) if amended else 1.0
    print(f"  改め文 verified by the applier: {len(verified):,} / {len(amended):,} = {ratio:.2%} (target 100%)")
    for reason, n in Counter(_reason(p["note"]) for p in amended if not p["verified"]).most_common(15):
        print(f"    {n:>6,}  {reason}")
    print(f"  no text change: {len(unchanged):,}")
    for template, n in Counter(p["template"] for p in unchanged).most_common(12):
        print(f"    {n:>6,}  {template}")
    print("  templates used on amended clauses:")
    for template, n in Counter(p["template"] for p in amended).most_common(15):
        print(f"    {n:>6,}  {template}")

    print_bills(deleted, proposals)

    started = time.perf_counter()
    bad = 0
    # A deleted article, or 項 cut, is no wording to check.
    worded = [p for p in amended if p["new_text"] != "削除" and p not in cut]
    for p in worded:
        kept = kept_outside(p["old_text"], p["new_text"], replaceable=replaceable_words(p["categories"]))
        if kept or grammar_problems(p["old_text"], p["new_text"]):
            bad += 1
    print(f"  wording kept and verb chain intact: {len(worded) - bad:,} / {len(worded):,} ", end="")
    print(f"(checked in {time.perf_counter() - started:.1f} s)")

    print(f"files failed: {len(errors):,}")
    for reason, n in Counter(re.sub(r"「[^」]*」|\d+", "…", e["reason"])[:80] for e in errors).most_common(10):
        print(f"    {n:>6,}  {reason}")

    times = _TIMES.search(output.replace("\n", " "))
    print(f"wall time {elapsed:,.1f} s", end="")
    if times:
        scan, amend = (float(x.replace(",", "")) for x in times.groups())
        print(f"; scan stage {scan:,.1f} s (baseline), amend stage {amend:,.1f} s = {amend / scan:.2f} × scan")
    else:
        print()
    print(
        f"peak memory of the process tree: RSS {sampler.peak_rss / 1024:,.0f} MiB, "
        f"PSS {sampler.peak_pss / 1024:,.0f} MiB over {sampler.peak_procs} processes"
    )
    if code not in (0, 1):
        print(output[-2000:])
    return 0 if code in (0, 1) else code


def print_bills(deleted: list[dict], proposals: list[dict]) -> None:
    """The bills of every amended 例規, built as `analogreg export` builds them (each 例規's 改め文 merged per article
    and applied as a whole): how many 例規 and sentences, how many proposals they hold back, what they warn about;
    and how many sentences the deletions take once consecutive ones are drafted together (「第十二条から第十四条まで
    削除」)."""
    from analogreg.draft.bill import build_bills
    from analogreg.records import Proposal
    from analogreg.settings import load_settings

    started = time.perf_counter()
    bills = build_bills([Proposal.model_validate(p) for p in proposals], load_settings())
    seconds = time.perf_counter() - started
    sentences = [s for bill in bills for article in bill.articles for s in article.aratame]
    held = [item for bill in bills for item in bill.unverified]
    warnings = [w for bill in bills for w in bill.warnings]
    print(
        f"  bills: {sum(len(bill.articles) for bill in bills):,} 例規 amended in {len(sentences):,} sentences; "
        f"{len(held):,} proposals held back, {len(warnings):,} warnings ({seconds:.1f} s)"
    )
    for reason, n in Counter(item.reason[:80] for item in held).most_common(8):
        print(f"    {n:>6,}  {reason}")
    for warning in warnings[:5]:
        print(f"    warning: {warning}")
    if deleted:
        docs = {p["doc"] for p in deleted}
        removed = [
            s
            for bill in bills
            for article in bill.articles
            if article.doc in docs
            for s in article.aratame
            if s.endswith("\u3000削除")
        ]
        together = [s for s in removed if "まで" in s.split("\n")[0] or "及び" in s.split("\n")[0]]
        print(
            f"    削除 in the {len(docs):,} 例規 with deleted articles: {len(removed):,} sentences, {len(together):,} "
            "of them for consecutive articles together"
        )


if __name__ == "__main__":
    sys.exit(main())
