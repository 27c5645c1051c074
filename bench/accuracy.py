"""Accuracy of the classifier on the labelled dev set (../shared/corpus/labels), the way the held-out set is scored.

National records: the law's XML is parsed with ``analogreg.parse.parse_file`` and classified whole; the record's
paragraph is scored (union of the findings of the paragraph and its items). Municipal records: the 例規's text
(三郷市 extract) is parsed when a text reader exists and the record's article scored; otherwise the record's own
block is classified as one article (and the report says so). Findings marked already digital count as not
predicted; a category in ``borderline`` is neither a hit nor a false alarm.

The dev set is split in two halves by law / 例規 (a hash of the file name): rules were written looking at half A;
half B is the check against over-fitting. Usage:

    .venv/bin/python bench/accuracy.py [--verbose] [--no-prefilter] [--compare-prefilter] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analogreg.categories import CATEGORIES  # noqa: E402
from analogreg.classify import classify_law  # noqa: E402
from analogreg.errors import InputError  # noqa: E402
from analogreg.model import Article, Law, Paragraph, Sentence, finalize  # noqa: E402
from analogreg.records import Finding  # noqa: E402
from analogreg.ruleset.load import Ruleset, load_ruleset  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


@dataclass
class Scored:
    """One record's outcome."""

    rec: dict
    source: str  # "national" | "municipal"
    half: str  # "A" | "B"
    predicted: set[str]
    digital: bool  # some finding in the scored unit came out already digital
    how: str  # "parsed" | "block"

    @property
    def tp(self) -> set[str]:
        return self.predicted & set(self.rec["categories"])

    @property
    def fp(self) -> set[str]:
        return self.predicted - set(self.rec["categories"]) - set(self.rec["borderline"])

    @property
    def fn(self) -> set[str]:
        return set(self.rec["categories"]) - self.predicted


def half_of(key: str) -> str:
    return "A" if int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "B"


def load_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


# --- national ---------------------------------------------------------------------------------------------


def score_national(
    records: list[dict],
    corpus: Path,
    ruleset: Ruleset,
    use_prefilter: bool,
    load_law: Callable[[str], Law] | None = None,
) -> list[Scored]:
    """Score national records against the findings of their parsed law: by default the core law XML of ``corpus``;
    ``load_law`` maps a record's ``file`` to its Law for records drawn elsewhere (the 2020 archive)."""
    from analogreg.parse import parse_file

    xml_dir = corpus / "national" / "egov-xml-2020-core"
    by_file: dict[str, list[dict]] = {}
    for rec in records:
        by_file.setdefault(rec["file"], []).append(rec)
    out: list[Scored] = []
    for file, recs in sorted(by_file.items()):
        law = load_law(file) if load_law else parse_file(xml_dir / file, display=file).law
        findings = classify_law(law, ruleset, file, use_prefilter=use_prefilter)
        for rec in recs:
            unit = [
                f
                for f in findings
                if f.part == "main" and f.article == rec["article"] and f.paragraph == rec["paragraph"]
            ]
            out.append(_scored(rec, "national", half_of(file), unit, "parsed"))
    return out


# --- municipal --------------------------------------------------------------------------------------------


def _compact(text: str) -> str:
    return "".join(text.split())


def _municipal_texts(corpus: Path) -> dict[str, dict]:
    path = corpus / "municipal" / "misato-saitama-reiki-extract" / "misato_reiki_texts.jsonl"
    return {r["reiki_id"]: r for r in load_jsonl(path)}


def _parsed_article_findings(rec: dict, reiki: dict | None, ruleset: Ruleset, use_prefilter: bool):
    """Findings of the record's article from the parsed 例規 text, or None when it cannot be parsed or found."""
    if reiki is None:
        return None
    try:
        from analogreg.parse import parse_bytes
    except ImportError:
        return None
    text = "\n".join(reiki["blocks"])
    try:
        law = parse_bytes(text.encode("utf-8"), f"{rec['doc']}.txt").law
    except (InputError, ValueError):
        return None
    wanted = _compact(rec["article"])
    article = next((a for a in law.all_articles() if _compact(a.title) == wanted), None)
    if article is None:
        return None
    findings = classify_law(law, ruleset, rec["doc"], use_prefilter=use_prefilter)
    return [f for f in findings if f.part == "main" and f.article == article.num]


def _block_law(rec: dict) -> Law:
    """The record's block as a one-article Law: caption from the leading (見出し), the rest as one paragraph."""
    text = rec["text"].strip()
    caption = ""
    if text.startswith("(") and ")" in text:
        close = text.index(")")
        caption, text = f"（{text[1:close].strip()}）", text[close + 1 :].strip()
    title = rec["article"]
    if text.startswith(title):
        text = text[len(title) :].strip()
    num = "1"
    try:
        from analogreg.numbering import parse_ordinal

        num, _ = parse_ordinal(title)
    except ValueError:
        pass
    article = Article(
        num=num, title=title, caption=caption, paragraphs=[Paragraph(num="1", sentences=[Sentence(text=text)])]
    )
    kind = rec.get("kind") if rec.get("kind") in ("条例", "規則", "規程", "要綱") else "その他"
    return finalize(Law(title=rec.get("title", ""), kind=kind, numbering="arabic", body=[article]))


def score_municipal(records: list[dict], corpus: Path, ruleset: Ruleset, use_prefilter: bool) -> list[Scored]:
    texts = _municipal_texts(corpus)
    out: list[Scored] = []
    for rec in records:
        unit = _parsed_article_findings(rec, texts.get(rec["doc"]), ruleset, use_prefilter)
        how = "parsed"
        if unit is None:
            unit = classify_law(_block_law(rec), ruleset, rec["doc"], use_prefilter=use_prefilter)
            how = "block"
        out.append(_scored(rec, "municipal", half_of(rec["doc"]), unit, how))
    return out


def _scored(rec: dict, source: str, half: str, unit: list[Finding], how: str) -> Scored:
    predicted = {c for f in unit if not f.already_digital for c in f.categories}
    digital = any(f.already_digital for f in unit)
    return Scored(rec, source, half, predicted, digital, how)


# --- figures ----------------------------------------------------------------------------------------------


@dataclass
class Tally:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)

    def add(self, s: Scored) -> None:
        self.tp.update(s.tp)
        self.fp.update(s.fp)
        self.fn.update(s.fn)

    @staticmethod
    def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def micro(self) -> tuple[int, int, int, float, float, float]:
        tp, fp, fn = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
        return (tp, fp, fn, *self.prf(tp, fp, fn))


def report(title: str, scored: list[Scored]) -> Tally:
    tally = Tally()
    for s in scored:
        tally.add(s)
    print(f"\n== {title}: {len(scored)} records ==")
    print(f"{'category':<14}{'TP':>5}{'FP':>5}{'FN':>5}{'P':>8}{'R':>8}{'F1':>8}")
    for cat in CATEGORIES:
        tp, fp, fn = tally.tp[cat], tally.fp[cat], tally.fn[cat]
        if tp + fp + fn == 0:
            print(f"{cat:<14}{tp:>5}{fp:>5}{fn:>5}{'-':>8}{'-':>8}{'-':>8}")
            continue
        p, r, f = tally.prf(tp, fp, fn)
        print(f"{cat:<14}{tp:>5}{fp:>5}{fn:>5}{p:>8.3f}{r:>8.3f}{f:>8.3f}")
    tp, fp, fn, p, r, f = tally.micro()
    print(f"{'micro':<14}{tp:>5}{fp:>5}{fn:>5}{p:>8.3f}{r:>8.3f}{f:>8.3f}")
    labelled = [s for s in scored if s.rec["already_digital"]]
    hit = sum(1 for s in labelled if s.digital)
    false_digital = sum(1 for s in scored if s.digital and not s.rec["already_digital"])
    print(
        f"already_digital: {hit}/{len(labelled)} labelled records found digital; {false_digital} others marked digital"
    )
    return tally


def verbose(scored: list[Scored]) -> None:
    print("\n== confusion (FP / FN by record) ==")
    for s in scored:
        if not (s.fp or s.fn):
            continue
        rec = s.rec
        where = f"{rec.get('law_title') or rec.get('title')} {rec['article']}" + (
            f"-{rec['paragraph']}" if "paragraph" in rec else ""
        )
        print(f"{rec['id']} [{s.source} {s.half} {s.how}] {where}")
        if s.fp:
            print(f"   FP {sorted(s.fp)}")
        if s.fn:
            print(f"   FN {sorted(s.fn)}")
        print(f"   {(rec.get('caption') or '')}{rec['text'][:160]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--rules", type=Path, default=None)
    parser.add_argument("--verbose", action="store_true", help="list every FP / FN with the record id")
    parser.add_argument("--no-prefilter", action="store_true", help="tokenize every unit (to compare)")
    parser.add_argument("--compare-prefilter", action="store_true", help="run with and without; must be identical")
    args = parser.parse_args(argv)
    labels = args.corpus / "labels"
    if not labels.is_dir():
        print(f"skipped: no labelled dev set at {labels}")
        return 0
    ruleset = load_ruleset(args.rules)
    national = load_jsonl(labels / "dev-national.jsonl")
    municipal = load_jsonl(labels / "dev-municipal.jsonl")

    def run(use_prefilter: bool) -> list[Scored]:
        return score_national(national, args.corpus, ruleset, use_prefilter) + score_municipal(
            municipal, args.corpus, ruleset, use_prefilter
        )

    start = time.perf_counter()
    scored = run(not args.no_prefilter)
    elapsed = time.perf_counter() - start
    how = Counter(s.how for s in scored if s.source == "municipal")
    print(f"dev set: {len(national)} national + {len(municipal)} municipal records; {elapsed:.1f}s")
    print(f"municipal records scored from: {dict(how)} (block = the record's own text as one article)")
    nat = [s for s in scored if s.source == "national"]
    mun = [s for s in scored if s.source == "municipal"]
    report("national", nat)
    report("municipal", mun)
    report("half A (rules written looking at it)", [s for s in scored if s.half == "A"])
    report("half B (check)", [s for s in scored if s.half == "B"])
    report("both", scored)
    if args.verbose:
        verbose(scored)
    if args.compare_prefilter:
        other = run(False)
        same = all((a.predicted, a.digital) == (b.predicted, b.digital) for a, b in zip(scored, other, strict=True))
        print(f"\nprefilter on vs off: {'identical' if same else 'DIFFERENT'} predictions on {len(scored)} records")
        return 0 if same else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
