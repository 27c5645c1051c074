"""The review app at scale: open a 5,000-proposal folder, filter, search, move through rows, decide.

A whole 例規集 gives thousands of proposals; the app must open them and filter without freezing. Figures, all
measured in this run (headless Textual, the real app and a real SQLite file):

- load: reading and validating proposals.jsonl, against a bare ``json.loads`` of every line (the floor);
- open: from ReviewApp start to the filled table, against the same app on a tenth of the rows (scaling);
- refill: one filter change or search (the table rebuilt), and the pure filtering inside it;
- highlight: moving the cursor one row (the detail pane re-rendered; context parsed in a thread);
- decide: one accept, committed to SQLite before the row changes;
- peak RSS of the process.

Targets: load ≤ 10× the bare parse; open of 5,000 rows ≤ 15× the open of 500 (no worse than linear plus start);
a refill under 0.5 s; a cursor move or an accept ≤ 4× a key nothing is bound to (Textual's own cost of a key
and a frame, measured in the same run: on a loaded 2-core machine it is tens of milliseconds by itself), plus,
for the accept, its SQLite commit.

    .venv/bin/python bench/review_scale.py [--rows 5000] [--proposals FILE]

Without --proposals, the test fixture's real clauses are repeated (distinct finding_ids, docs and groups) to
--rows; with it, a real proposals.jsonl (e.g. from `analogreg amend`) is used as it is.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analogreg.review.app import ReviewApp  # noqa: E402
from analogreg.review.data import Filters, filter_ids, load_proposals  # noqa: E402
from analogreg.review.session import ReviewSession  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "review" / "amendments" / "proposals.jsonl"


def make_folder(rows: int, source: Path | None, where: Path) -> Path:
    out = where / "amendments"
    out.mkdir(parents=True)
    if source is not None:
        shutil.copy(source, out / "proposals.jsonl")
        return out
    base = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    with (out / "proposals.jsonl").open("w", encoding="utf-8") as handle:
        for i in range(rows):
            row = dict(base[i % len(base)])
            copy = i // len(base)
            row["finding_id"] = f"{i:016x}"
            row["doc"] = f"{row['doc']}#{copy // 20}"  # ~ 20 findings per document, as in a 例規集
            row["law_title"] = f"{row['law_title']}（{copy // 20}）"
            row["group"] = f"{row['group']}-{copy // 50}"
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return out


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


async def measure_app(out_dir: Path) -> dict[str, float]:
    figures: dict[str, float] = {}
    started = time.perf_counter()
    session = ReviewSession.open(out_dir, "bench")
    app = ReviewApp(session)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        screen = app.screen
        table = screen.table
        while table.row_count < len(session.proposals):
            await pilot.pause(0.01)
        figures["open"] = time.perf_counter() - started

        def refill(filters: Filters) -> float:
            screen.filters = filters
            t = time.perf_counter()
            screen.refill()
            return time.perf_counter() - t

        figures["refill_category"] = refill(Filters(category="FD等"))
        figures["refill_search"] = refill(Filters(query="掲示 公表"))
        figures["refill_all"] = refill(Filters())

        async def keypress(*keys: str, times: int = 20) -> list[float]:
            spent = []
            for _ in range(times):
                t = time.perf_counter()
                await pilot.press(*keys)
                spent.append(time.perf_counter() - t)
            return spent

        # Baseline: a key nothing is bound to still costs Textual a round of messages and a frame.
        figures["noop_median"] = statistics.median(await keypress("x"))
        steps = await keypress("down", times=30)
        figures["highlight_median"] = statistics.median(steps)
        figures["highlight_max"] = max(steps)
        decides = []
        for _ in range(20):
            decides += await keypress("a", times=1)
            await pilot.press("down")
        figures["decide_median"] = statistics.median(decides)
        await app.workers.wait_for_complete()
        store = session.store
        commits = []
        for p in session.proposals[100:120]:
            t = time.perf_counter()
            store.reject(p)
            commits.append(time.perf_counter() - t)
        figures["commit_median"] = statistics.median(commits)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--proposals", type=Path, default=None)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        big = make_folder(args.rows, args.proposals, Path(tmp) / "big")
        small = make_folder(max(1, args.rows // 10), args.proposals, Path(tmp) / "small")
        path = big / "proposals.jsonl"
        n = sum(1 for _ in path.open(encoding="utf-8"))
        bare = timed(lambda: [json.loads(line) for line in path.open(encoding="utf-8")])
        load = timed(lambda: load_proposals(big))
        proposals = load_proposals(big)
        pure_filter = timed(lambda: filter_ids(proposals, {}, Filters(query="掲示 公表")))

        big_figures = asyncio.run(measure_app(big))
        small_figures = asyncio.run(measure_app(small))
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"proposals: {n} (and {n // 10} for the scaling baseline)")
    print(
        f"load proposals.jsonl   {load * 1000:8.1f} ms   bare json.loads {bare * 1000:7.1f} ms   "
        f"ratio {load / bare:5.1f}×"
    )
    ratio = big_figures["open"] / small_figures["open"]
    print(
        f"open app, table full   {big_figures['open']:8.2f} s    {n // 10} rows {small_figures['open']:6.2f} s   "
        f"ratio {ratio:5.1f}×"
    )
    print(f"filter (pure function) {pure_filter * 1000:8.1f} ms")
    for key in ("refill_category", "refill_search", "refill_all"):
        print(f"{key:<22} {big_figures[key] * 1000:8.1f} ms")
    noop = big_figures["noop_median"]
    print(f"unbound key (baseline) {noop * 1000:8.1f} ms median")
    print(
        f"cursor down (detail)   {big_figures['highlight_median'] * 1000:8.1f} ms median, "
        f"{big_figures['highlight_max'] * 1000:.1f} ms max   ratio {big_figures['highlight_median'] / noop:5.1f}×"
    )
    print(
        f"accept (a)             {big_figures['decide_median'] * 1000:8.1f} ms median   "
        f"ratio {big_figures['decide_median'] / noop:5.1f}×   of which SQLite commit "
        f"{big_figures['commit_median'] * 1000:.1f} ms (WAL, synchronous=FULL)"
    )
    print(f"peak RSS               {peak_mb:8.0f} MB")
    verdicts = [
        ("load ≤ 10× bare", load <= 10 * bare),
        ("open scales (≤ 15× for 10× rows)", ratio <= 15),
        ("refill < 0.5 s", max(big_figures[k] for k in ("refill_category", "refill_search", "refill_all")) < 0.5),
        ("cursor down ≤ 4× an unbound key", big_figures["highlight_median"] <= 4 * noop),
        (
            "accept ≤ 4× an unbound key + its commit",
            big_figures["decide_median"] <= 4 * noop + big_figures["commit_median"],
        ),
    ]
    for name, ok in verdicts:
        print(f"{'ok  ' if ok else 'MISS'} {name}")


if __name__ == "__main__":
    main()
