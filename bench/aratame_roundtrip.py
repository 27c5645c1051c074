"""Round trip of the 改め文 generator and the independent applier on real reform pairs, and parser coverage.

For every real provision pair (2020 text → 2025 text of the digital reform, from ../shared/corpus/amendments):
generate the 改め文 for before → after, apply it with the applier, and count how many reproduce the 2025 text
exactly. Also measures how much of the real e-Gov 改め文 (AmendProvision sentences) the applier's parser reads,
and the drafting time per provision against a baseline measured in the same run (tokenizing both texts, the
floor cost of any token-aware drafting).

With ``--archive``, runs the whole pipeline on every law of the 2020 e-Gov archive (parse → classify →
propose → draft, 2 processes) and counts the proposals that change the text and how many of their 改め文
verify; the failures are printed with their reason.

    .venv/bin/python bench/aratame_roundtrip.py [--corpus ../shared/corpus] [--show N] [--archive [--limit N]]

Skips cleanly (exit 0) when the shared corpus is absent.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from analogreg.draft import verify
from analogreg.draft.apply import ApplyError, apply_aratame
from analogreg.draft.aratame import DraftFailure, generate
from analogreg.numbering import ordinal_title
from analogreg.tokenize import tokenize

PAIR_FILES = (
    "acts_2020_vs_2025_analog_to_digital_pairs.jsonl",
    "acts_2020_vs_2025_analog_term_units_changed.jsonl",
)
SENTENCES = "egov_amend_provision_sentences.jsonl"
BILL = "lawhub-tool_gian_R2_shotokuzeihou-tou-kaisei-houan.txt"
# The 2020 files are pretty-printed XML: a newline plus indentation sits where two sentences meet.
_LAYOUT = re.compile(r"\n[ \t\u3000]*")


def _label(row: dict) -> str:
    label = ordinal_title(row["article"], "条", "kanji")
    if row["after_2025"].strip() == "削除" and row["paragraph"] in ("", "1") and not row["item"]:
        return label  # the whole article became 削除: it is cited as the article (第十条を次のように改める)
    if row["paragraph"]:
        label += ordinal_title(row["paragraph"], "項", "kanji")
    if row["item"]:
        label += ordinal_title(row["item"], "号", "kanji")
    return label


_PAIR = re.compile(r"「([^「」]*)」を「([^「」]*)」に")


def style_profile(sentences: list[str]) -> dict:
    """How insertions are written (加える, or an 改める that extends the quote) and how long quotes are.

    Compares our phrasing with real 改め文; quotes with nested 「」 are left out of the count.
    """
    adds = sum(len(re.findall(r"」の(?:下|次)に「", s)) for s in sentences)
    deletes = sum(len(re.findall(r"」(?:及び「[^「」]*」)*を削[りる]", s)) for s in sentences)
    pairs = [pair for s in sentences for pair in _PAIR.findall(s)]
    extending = sum(1 for old, new in pairs if new.startswith(old) or new.endswith(old))
    quoted = [len(old) for old, _ in pairs]
    return {
        "insertions_as_加える": adds,
        "insertions_as_改める": extending,
        "share_加える": round(adds / max(adds + extending, 1), 3),
        "replacements": len(pairs) - extending,
        "deletions": deletes,
        "median_quoted_chars": sorted(quoted)[len(quoted) // 2] if quoted else 0,
    }


def round_trip(path: Path, show: int) -> dict:
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    outcome: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    examples: list[str] = []
    written: list[str] = []
    draft_seconds = 0.0
    baseline_seconds = 0.0
    for row in rows:
        old = _LAYOUT.sub("", row["before_2020"])
        new = _LAYOUT.sub("", row["after_2025"])
        if old == new:
            outcome["unchanged"] += 1
            continue
        label = _label(row)
        started = time.perf_counter()
        tokenize(old)
        tokenize(new)
        baseline_seconds += time.perf_counter() - started
        started = time.perf_counter()
        try:
            aratame = generate(label, old, new, {}, "kanji")
        except DraftFailure as err:
            draft_seconds += time.perf_counter() - started
            outcome["no 改め文"] += 1
            reasons[str(err)[:40]] += 1
            continue
        reason = verify(aratame, {label: old}, {label: new})
        draft_seconds += time.perf_counter() - started
        if reason is None:
            outcome["verified"] += 1
            written.append(aratame)
            if len(examples) < show:
                examples.append(f"{row['law_title']} {aratame}")
        else:
            outcome["failed"] += 1
            reasons[reason[:60]] += 1
            print(f"FAILED {row['law_title']} {label}: {reason}\n  {aratame}", file=sys.stderr)
    drafted = outcome["verified"] + outcome["failed"] + outcome["no 改め文"]
    return {
        "file": path.name,
        "rows": len(rows),
        "changed": drafted,
        "outcome": dict(outcome),
        "reasons": dict(reasons),
        "draft_ms_per_provision": 1000 * draft_seconds / max(drafted, 1),
        "baseline_tokenize_ms_per_provision": 1000 * baseline_seconds / max(drafted, 1),
        "style": style_profile(written),
        "examples": examples,
    }


def _bill_sentences(path: Path) -> list[str]:
    """The 改め文 lines of the real 所得税法等改正法案 (official layout: set in by two full-width spaces)."""
    return [line.strip() for line in path.open(encoding="utf-8") if line.startswith("\u3000\u3000") and "中「" in line]


def parse_coverage(path: Path, sentences: list[str] | None = None) -> dict:
    """How many real text-change sentences the applier reads (parse only: their old texts are not in the corpus).

    A sentence is read when the applier gets past the whole of it and only fails at finding its location in an
    empty provision map ("改正箇所が見つかりません"); any other refusal means the wording was not understood.
    """
    total = 0
    read = 0
    real: list[str] = []
    refused: Counter[str] = Counter()
    if sentences is None:
        sentences = [json.loads(line)["amend_sentence"].strip() for line in path.open(encoding="utf-8")]
    for sentence in sentences:
        if "中「" not in sentence or "次のように" in sentence or "次の" in sentence.split("中「")[0]:
            continue  # structural sentences (articles, items added or moved) are out of scope
        total += 1
        real.append(sentence)
        try:
            apply_aratame(sentence, {})
        except ApplyError as err:
            if err.reason.startswith("改正箇所が見つかりません"):
                read += 1
            else:
                refused[re.sub(r"[:：].*", "", err.reason)[:30]] += 1
    return {
        "source": path.name,
        "text_change_sentences": total,
        "read": read,
        "refused": dict(refused.most_common(8)),
        "style_of_real_sentences": style_profile(real),
    }


def _archive_worker_init() -> None:
    from analogreg.ruleset.load import default_ruleset
    from analogreg.ruleset.templates import default_templates

    default_ruleset()
    default_templates()
    tokenize("辞書を読み込む。")


def _archive_law(item: tuple[str, bytes]) -> dict:
    """Parse, classify, propose and draft one law; the counts and the failures."""
    from analogreg.amend import propose_law
    from analogreg.classify import classify_law
    from analogreg.draft import draft_proposal
    from analogreg.errors import InputError
    from analogreg.parse import parse_bytes
    from analogreg.ruleset.load import default_ruleset
    from analogreg.ruleset.templates import default_templates
    from analogreg.settings import load_settings

    name, data = item
    out = {"name": name, "parsed": 0, "proposals": 0, "changed": 0, "verified": 0, "failures": [], "draft_s": 0.0}
    try:
        law = parse_bytes(data, name).law
    except InputError:
        return out
    out["parsed"] = 1
    findings = [f for f in classify_law(law, default_ruleset(), name) if not f.already_digital]
    if not findings:
        return out
    for proposal in propose_law(findings, law, load_settings(), templates=default_templates()):
        if proposal is None:
            continue
        out["proposals"] += 1
        if proposal.new_text == proposal.old_text:
            continue
        out["changed"] += 1
        started = time.perf_counter()
        drafted = draft_proposal(proposal)
        out["draft_s"] += time.perf_counter() - started
        if drafted.verified:
            out["verified"] += 1
        else:
            out["failures"].append(f"{name} {drafted.label}: {drafted.note.splitlines()[-1]}")
    return out


def archive_round_trip(archive: Path, limit: int) -> dict:
    import tarfile
    from concurrent.futures import ProcessPoolExecutor

    totals: Counter[str] = Counter()
    failures: list[str] = []
    draft_s = 0.0
    started = time.perf_counter()

    def members():
        with tarfile.open(archive, "r:xz") as tar:
            count = 0
            for member in tar:
                if member.isfile() and member.name.endswith(".xml"):
                    handle = tar.extractfile(member)
                    yield member.name, handle.read() if handle else b""
                    count += 1
                    if limit and count >= limit:
                        return

    with ProcessPoolExecutor(2, initializer=_archive_worker_init) as pool:
        for result in pool.map(_archive_law, members(), chunksize=8):
            totals["laws"] += 1
            for key in ("parsed", "proposals", "changed", "verified"):
                totals[key] += result[key]
            draft_s += result["draft_s"]
            failures += result["failures"]
    for line in failures:
        print(f"FAILED {line}", file=sys.stderr)
    return {
        "archive": archive.name,
        **totals,
        "not_verified": len(failures),
        "draft_ms_per_changed_proposal": 1000 * draft_s / max(totals["changed"], 1),
        "wall_s": round(time.perf_counter() - started, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus")
    parser.add_argument("--show", type=int, default=5, help="print this many verified 改め文 per file")
    parser.add_argument("--archive", action="store_true", help="also run the pipeline on the whole 2020 archive")
    parser.add_argument("--limit", type=int, default=0, help="with --archive: stop after N laws (0 = all)")
    args = parser.parse_args()
    amendments = args.corpus / "amendments"
    if not amendments.is_dir():
        print(f"skipped: {amendments} not found")
        return 0
    for name in PAIR_FILES:
        result = round_trip(amendments / name, args.show)
        print(json.dumps(result, ensure_ascii=False, indent=1))
    print(json.dumps(parse_coverage(amendments / SENTENCES), ensure_ascii=False, indent=1))
    bill = amendments / BILL
    print(json.dumps(parse_coverage(bill, _bill_sentences(bill)), ensure_ascii=False, indent=1))
    if args.archive:
        archive = args.corpus / "national" / "archives" / "egov-xml-all-20201118.tar.xz"
        print(json.dumps(archive_round_trip(archive, args.limit), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
