"""The sealed evaluation sets drawn with bench/blind3's sampler (bench/blind4 … bench/blind162): one table for all.

Up to blind10 the pool is the core law XML; the core's keyword pool ran out of posting, viewing and media clauses, so
from blind11 on the pool is the 2020 archive's other base laws (archive_candidates; scored with archive_loader).

Each later set is drawn the same way as the one before it: bench/blind3/sample.py (and through it bench/blind2's and
bench/blind's samplers: the keyword net — deliberately NOT the project's rules — the unit extraction, the stratified
draw and the per-law caps); only the seed, the size, the id prefixes and the exclusions differ. A set excludes every
dev record (../shared/corpus/labels), every bench/blind record, and every record of the sets before it (bench/blind2,
bench/blind3 and the earlier rows of SETS) — national by (file, article, paragraph); municipal by (doc, article) and
by (doc, block). Record order: after the stratified draw the chosen records are shuffled once more with the same
seeded generator and numbered in that order, so any prefix of the file is a uniformly random subset of the
stratified sample. Deterministic; unlabelled records go to the set's work/ (not committed).

Scoring is bench/blind2/score.py's, pointed at the set's sealed-*.jsonl: aggregate figures only, no per-record
output (it would reveal sealed labels). Merging reads the annotators' label files (one JSON object per record: id,
categories, borderline, already_digital, note), checks their syntax (known category strings, none both positive and
borderline, a note on every record, every record labelled once) and writes sealed-national.jsonl and
sealed-municipal.jsonl in id order (a side the set draws none of is written empty); it never reads or prints
what any classifier makes of the records.

One command for every set (NAME: a name in SETS, blind4 …); the arguments after NAME go to the command unchanged:

    .venv/bin/python bench/sealed_sets.py sample NAME [--corpus DIR] [--out DIR]
    .venv/bin/python bench/sealed_sets.py score NAME [--totals-only] [--corpus DIR] [--rules DIR]
    .venv/bin/python bench/sealed_sets.py merge NAME LABELS_DIR

SEALED sets: rules engineers must not run score until the final measurement (see the set's README.md).
"""

from __future__ import annotations

import json
import re
import sys
import tarfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))  # for load_script
sys.path.insert(0, str(BENCH.parent))  # for analogreg

from load_script import load_script  # noqa: E402

from analogreg.errors import InputError  # noqa: E402
from analogreg.model import Law  # noqa: E402
from analogreg.parse import parse_bytes  # noqa: E402


@dataclass(frozen=True)
class SealedSet:
    name: str
    ordinal: str
    seed: int
    prefixes: tuple[str, str]  # ids of national, municipal records
    totals: tuple[int, int]  # national, municipal records drawn
    pool: str = "core"  # "core": the core law XML; "archive": the 2020 archive's other base laws

    @property
    def folder(self) -> Path:
        return BENCH / self.name


# In the order they were drawn: each excludes the records of every set above it. Seeds differ from 20240611
# (bench/blind), 20250923 (bench/blind2) and 20261128 (bench/blind3). From blind6 on the 三郷市 pool held no analog
# wording any more, so no municipal record is drawn.
SETS = [
    SealedSet("blind4", "fourth", 20261129, ("Y", "Z"), (350, 100)),
    SealedSet("blind5", "fifth", 20261130, ("P", "Q"), (380, 70)),
    SealedSet("blind6", "sixth", 20261201, ("R", "W"), (300, 0)),
    SealedSet("blind7", "seventh", 20261202, ("V", "X"), (300, 0)),
    SealedSet("blind8", "eighth", 20261203, ("K", "L"), (300, 0)),
    SealedSet("blind9", "ninth", 20261204, ("M", "N"), (300, 0)),
    SealedSet("blind10", "tenth", 20261205, ("G", "H"), (300, 0)),
    # The core laws' pool is spent for posting, viewing and media clauses (blind9, blind10): a new pool.
    SealedSet("blind11", "eleventh", 20261206, ("E", "F"), (300, 0), pool="archive"),
    SealedSet("blind12", "twelfth", 20261207, ("J", "O"), (300, 0), pool="archive"),
    # 600: the family quotas take 300 as before, the general fill 300 more at random from the whole pool
    SealedSet("blind13", "thirteenth", 20261208, ("A", "I"), (600, 0), pool="archive"),
    SealedSet("blind14", "fourteenth", 20261209, ("AB", "IB"), (600, 0), pool="archive"),
    SealedSet("blind15", "fifteenth", 20261210, ("AC", "IC"), (600, 0), pool="archive"),
    SealedSet("blind16", "sixteenth", 20261211, ("AD", "ID"), (600, 0), pool="archive"),
    SealedSet("blind17", "seventeenth", 20261212, ("AE", "IE"), (600, 0), pool="archive"),
    SealedSet("blind18", "eighteenth", 20261213, ("AF", "IF"), (600, 0), pool="archive"),
    SealedSet("blind19", "nineteenth", 20261214, ("AG", "IG"), (600, 0), pool="archive"),
    SealedSet("blind20", "twentieth", 20261215, ("AH", "IH"), (600, 0), pool="archive"),
    SealedSet("blind21", "twenty-first", 20261216, ("AJ", "IJ"), (600, 0), pool="archive"),
    SealedSet("blind22", "twenty-second", 20261217, ("AK", "IK"), (600, 0), pool="archive"),
    SealedSet("blind23", "twenty-third", 20261218, ("AL", "IL"), (600, 0), pool="archive"),
    SealedSet("blind24", "twenty-fourth", 20261219, ("AM", "IM"), (600, 0), pool="archive"),
    SealedSet("blind25", "twenty-fifth", 20261220, ("AN", "IN"), (600, 0), pool="archive"),
    SealedSet("blind26", "twenty-sixth", 20261221, ("AP", "IP"), (600, 0), pool="archive"),
    SealedSet("blind27", "twenty-seventh", 20261222, ("AQ", "IQ"), (600, 0), pool="archive"),
    SealedSet("blind28", "twenty-eighth", 20261223, ("AR", "IR"), (600, 0), pool="archive"),
    SealedSet("blind29", "twenty-ninth", 20261224, ("AS", "IS"), (600, 0), pool="archive"),
    SealedSet("blind30", "thirtieth", 20261225, ("AT", "IT"), (600, 0), pool="archive"),
    SealedSet("blind31", "thirty-first", 20261226, ("AU", "IU"), (600, 0), pool="archive"),
    SealedSet("blind32", "thirty-second", 20261227, ("AV", "IV"), (600, 0), pool="archive"),
    SealedSet("blind33", "thirty-third", 20261228, ("AW", "IW"), (600, 0), pool="archive"),
    SealedSet("blind34", "thirty-fourth", 20261229, ("AX", "IX"), (600, 0), pool="archive"),
    SealedSet("blind35", "thirty-fifth", 20261230, ("AY", "IY"), (600, 0), pool="archive"),
    SealedSet("blind36", "thirty-sixth", 20261231, ("AZ", "IZ"), (600, 0), pool="archive"),
    SealedSet("blind37", "thirty-seventh", 20270101, ("BA", "JA"), (600, 0), pool="archive"),
    SealedSet("blind38", "thirty-eighth", 20270102, ("BB", "JB"), (600, 0), pool="archive"),
    SealedSet("blind39", "thirty-ninth", 20270103, ("BC", "JC"), (600, 0), pool="archive"),
    SealedSet("blind40", "fortieth", 20270104, ("BD", "JD"), (600, 0), pool="archive"),
    SealedSet("blind41", "forty-first", 20270105, ("BE", "JE"), (600, 0), pool="archive"),
    SealedSet("blind42", "forty-second", 20270106, ("BF", "JF"), (600, 0), pool="archive"),
    SealedSet("blind43", "forty-third", 20270107, ("BG", "JG"), (600, 0), pool="archive"),
    SealedSet("blind44", "forty-fourth", 20270108, ("BH", "JH"), (600, 0), pool="archive"),
    SealedSet("blind45", "forty-fifth", 20270109, ("BI", "JI"), (600, 0), pool="archive"),
    SealedSet("blind46", "forty-sixth", 20270110, ("BJ", "JJ"), (600, 0), pool="archive"),
    SealedSet("blind47", "forty-seventh", 20270111, ("BK", "JK"), (600, 0), pool="archive"),
    SealedSet("blind48", "forty-eighth", 20270112, ("BL", "JL"), (600, 0), pool="archive"),
    SealedSet("blind49", "forty-ninth", 20270113, ("BM", "JM"), (600, 0), pool="archive"),
    SealedSet("blind50", "fiftieth", 20270114, ("BN", "JN"), (600, 0), pool="archive"),
    SealedSet("blind51", "fifty-first", 20270115, ("BO", "JO"), (600, 0), pool="archive"),
    SealedSet("blind52", "fifty-second", 20270116, ("BP", "JP"), (600, 0), pool="archive"),
    SealedSet("blind53", "fifty-third", 20270117, ("BQ", "JQ"), (600, 0), pool="archive"),
    SealedSet("blind54", "fifty-fourth", 20270118, ("BR", "JR"), (600, 0), pool="archive"),
    SealedSet("blind55", "fifty-fifth", 20270119, ("BS", "JS"), (600, 0), pool="archive"),
    SealedSet("blind56", "fifty-sixth", 20270120, ("BT", "JT"), (600, 0), pool="archive"),
    SealedSet("blind57", "fifty-seventh", 20270121, ("BU", "JU"), (600, 0), pool="archive"),
    SealedSet("blind58", "fifty-eighth", 20270122, ("BV", "JV"), (600, 0), pool="archive"),
    SealedSet("blind59", "fifty-ninth", 20270123, ("BW", "JW"), (600, 0), pool="archive"),
    SealedSet("blind60", "sixtieth", 20270124, ("BX", "JX"), (600, 0), pool="archive"),
    SealedSet("blind61", "sixty-first", 20270125, ("BY", "JY"), (600, 0), pool="archive"),
    SealedSet("blind62", "sixty-second", 20270126, ("BZ", "JZ"), (600, 0), pool="archive"),
    SealedSet("blind63", "sixty-third", 20270127, ("CA", "KA"), (600, 0), pool="archive"),
    SealedSet("blind64", "sixty-fourth", 20270128, ("CB", "KB"), (600, 0), pool="archive"),
    SealedSet("blind65", "sixty-fifth", 20270129, ("CC", "KC"), (600, 0), pool="archive"),
    SealedSet("blind66", "sixty-sixth", 20270130, ("CD", "KD"), (600, 0), pool="archive"),
    SealedSet("blind67", "sixty-seventh", 20270131, ("CE", "KE"), (600, 0), pool="archive"),
    SealedSet("blind68", "sixty-eighth", 20270201, ("CF", "KF"), (600, 0), pool="archive"),
    SealedSet("blind69", "sixty-ninth", 20270202, ("CG", "KG"), (600, 0), pool="archive"),
    SealedSet("blind70", "seventieth", 20270203, ("CH", "KH"), (600, 0), pool="archive"),
    SealedSet("blind71", "seventy-first", 20270204, ("CI", "KI"), (600, 0), pool="archive"),
    SealedSet("blind72", "seventy-second", 20270205, ("CJ", "KJ"), (600, 0), pool="archive"),
    SealedSet("blind73", "seventy-third", 20270206, ("CK", "KK"), (600, 0), pool="archive"),
    SealedSet("blind74", "seventy-fourth", 20270207, ("CL", "KL"), (600, 0), pool="archive"),
    SealedSet("blind75", "seventy-fifth", 20270208, ("CM", "KM"), (600, 0), pool="archive"),
    SealedSet("blind76", "seventy-sixth", 20270209, ("CN", "KN"), (600, 0), pool="archive"),
    SealedSet("blind77", "seventy-seventh", 20270210, ("CO", "KO"), (600, 0), pool="archive"),
    SealedSet("blind78", "seventy-eighth", 20270211, ("CP", "KP"), (600, 0), pool="archive"),
    SealedSet("blind79", "seventy-ninth", 20270212, ("CQ", "KQ"), (600, 0), pool="archive"),
    SealedSet("blind80", "eightieth", 20270213, ("CR", "KR"), (600, 0), pool="archive"),
    SealedSet("blind81", "eighty-first", 20270214, ("CS", "KS"), (600, 0), pool="archive"),
    SealedSet("blind82", "eighty-second", 20270215, ("CT", "KT"), (600, 0), pool="archive"),
    SealedSet("blind83", "eighty-third", 20270216, ("CU", "KU"), (600, 0), pool="archive"),
    SealedSet("blind84", "eighty-fourth", 20270217, ("CV", "KV"), (600, 0), pool="archive"),
    SealedSet("blind85", "eighty-fifth", 20270218, ("CW", "KW"), (600, 0), pool="archive"),
    SealedSet("blind86", "eighty-sixth", 20270219, ("CX", "KX"), (600, 0), pool="archive"),
    SealedSet("blind87", "eighty-seventh", 20270220, ("CY", "KY"), (600, 0), pool="archive"),
    SealedSet("blind88", "eighty-eighth", 20270221, ("CZ", "KZ"), (600, 0), pool="archive"),
    SealedSet("blind89", "eighty-ninth", 20270222, ("DA", "LA"), (600, 0), pool="archive"),
    SealedSet("blind90", "ninetieth", 20270223, ("DB", "LB"), (600, 0), pool="archive"),
    SealedSet("blind91", "ninety-first", 20270224, ("DC", "LC"), (600, 0), pool="archive"),
    SealedSet("blind92", "ninety-second", 20270225, ("DD", "LD"), (600, 0), pool="archive"),
    SealedSet("blind93", "ninety-third", 20270226, ("DE", "LE"), (600, 0), pool="archive"),
    SealedSet("blind94", "ninety-fourth", 20270227, ("DF", "LF"), (600, 0), pool="archive"),
    SealedSet("blind95", "ninety-fifth", 20270228, ("DG", "LG"), (600, 0), pool="archive"),
    SealedSet("blind96", "ninety-sixth", 20270301, ("DH", "LH"), (600, 0), pool="archive"),
    SealedSet("blind97", "ninety-seventh", 20270302, ("DI", "LI"), (600, 0), pool="archive"),
    SealedSet("blind98", "ninety-eighth", 20270303, ("DJ", "LJ"), (600, 0), pool="archive"),
    SealedSet("blind99", "ninety-ninth", 20270304, ("DK", "LK"), (600, 0), pool="archive"),
    SealedSet("blind100", "hundredth", 20270305, ("DL", "LL"), (600, 0), pool="archive"),
    SealedSet("blind101", "hundred-and-first", 20270306, ("DM", "LM"), (600, 0), pool="archive"),
    SealedSet("blind102", "hundred-and-second", 20270307, ("DN", "LN"), (600, 0), pool="archive"),
    SealedSet("blind103", "hundred-and-third", 20270308, ("DO", "LO"), (600, 0), pool="archive"),
    SealedSet("blind104", "hundred-and-fourth", 20270309, ("DP", "LP"), (600, 0), pool="archive"),
    SealedSet("blind105", "hundred-and-fifth", 20270310, ("DQ", "LQ"), (600, 0), pool="archive"),
    SealedSet("blind106", "hundred-and-sixth", 20270311, ("DR", "LR"), (600, 0), pool="archive"),
    SealedSet("blind107", "hundred-and-seventh", 20270312, ("DS", "LS"), (600, 0), pool="archive"),
    SealedSet("blind108", "hundred-and-eighth", 20270313, ("DT", "LT"), (0, 120), pool="archive"),
    SealedSet("blind109", "hundred-and-ninth", 20270314, ("DU", "LU"), (600, 0), pool="archive"),
    SealedSet("blind110", "hundred-and-tenth", 20270315, ("DV", "LV"), (600, 0), pool="archive"),
    SealedSet("blind111", "hundred-and-eleventh", 20270316, ("DW", "LW"), (600, 0), pool="archive"),
    SealedSet("blind112", "hundred-and-twelfth", 20270317, ("DX", "LX"), (600, 0), pool="archive"),
    SealedSet("blind113", "hundred-and-thirteenth", 20270318, ("DY", "LY"), (600, 0), pool="archive"),
    SealedSet("blind114", "hundred-and-fourteenth", 20270319, ("DZ", "LZ"), (600, 0), pool="archive"),
    SealedSet("blind115", "hundred-and-fifteenth", 20270320, ("EA", "MA"), (600, 0), pool="archive"),
    SealedSet("blind116", "hundred-and-sixteenth", 20270321, ("EB", "MB"), (600, 0), pool="archive"),
    SealedSet("blind117", "hundred-and-seventeenth", 20270322, ("EC", "MC"), (600, 0), pool="archive"),
    SealedSet("blind118", "hundred-and-eighteenth", 20270323, ("ED", "MD"), (600, 0), pool="archive"),
    SealedSet("blind119", "hundred-and-nineteenth", 20270324, ("EE", "ME"), (600, 0), pool="archive"),
    SealedSet("blind120", "hundred-and-twentieth", 20270325, ("EF", "MF"), (600, 0), pool="archive"),
    SealedSet("blind121", "hundred-and-twenty-first", 20270326, ("EG", "MG"), (600, 0), pool="archive"),
    SealedSet("blind122", "hundred-and-twenty-second", 20270327, ("EH", "MH"), (600, 0), pool="archive"),
    SealedSet("blind123", "hundred-and-twenty-third", 20270328, ("EI", "MI"), (600, 0), pool="archive"),
    SealedSet("blind124", "hundred-and-twenty-fourth", 20270329, ("EJ", "MJ"), (600, 0), pool="archive"),
    SealedSet("blind125", "hundred-and-twenty-fifth", 20270330, ("EK", "MK"), (600, 0), pool="archive"),
    SealedSet("blind126", "hundred-and-twenty-sixth", 20270331, ("EL", "ML"), (600, 0), pool="archive"),
    SealedSet("blind127", "hundred-and-twenty-seventh", 20270401, ("EM", "MM"), (600, 0), pool="archive"),
    SealedSet("blind128", "hundred-and-twenty-eighth", 20270402, ("EN", "MN"), (600, 0), pool="archive"),
    SealedSet("blind129", "hundred-and-twenty-ninth", 20270403, ("EO", "MO"), (600, 0), pool="archive"),
    SealedSet("blind130", "hundred-and-thirtieth", 20270404, ("EP", "MP"), (600, 0), pool="archive"),
    SealedSet("blind131", "hundred-and-thirty-first", 20270405, ("EQ", "MQ"), (600, 0), pool="archive"),
    SealedSet("blind132", "hundred-and-thirty-second", 20270406, ("ER", "MR"), (600, 0), pool="archive"),
    SealedSet("blind133", "hundred-and-thirty-third", 20270407, ("ES", "MS"), (600, 0), pool="archive"),
    SealedSet("blind134", "hundred-and-thirty-fourth", 20270408, ("ET", "MT"), (600, 0), pool="archive"),
    SealedSet("blind135", "hundred-and-thirty-fifth", 20270409, ("EU", "MU"), (600, 0), pool="archive"),
    SealedSet("blind136", "hundred-and-thirty-sixth", 20270410, ("EV", "MV"), (600, 0), pool="archive"),
    SealedSet("blind137", "hundred-and-thirty-seventh", 20270411, ("EW", "MW"), (600, 0), pool="archive"),
    SealedSet("blind138", "hundred-and-thirty-eighth", 20270412, ("EX", "MX"), (600, 0), pool="archive"),
    SealedSet("blind139", "hundred-and-thirty-ninth", 20270413, ("EY", "MY"), (600, 0), pool="archive"),
    SealedSet("blind140", "hundred-and-fortieth", 20270414, ("EZ", "MZ"), (600, 0), pool="archive"),
    SealedSet("blind141", "hundred-and-forty-first", 20270415, ("FA", "NA"), (600, 0), pool="archive"),
    SealedSet("blind142", "hundred-and-forty-second", 20270416, ("FB", "NB"), (600, 0), pool="archive"),
    SealedSet("blind143", "hundred-and-forty-third", 20270417, ("FC", "NC"), (600, 0), pool="archive"),
    SealedSet("blind144", "hundred-and-forty-fourth", 20270418, ("FD", "ND"), (600, 0), pool="archive"),
    SealedSet("blind145", "hundred-and-forty-fifth", 20270419, ("FE", "NE"), (600, 0), pool="archive"),
    SealedSet("blind146", "hundred-and-forty-sixth", 20270420, ("FF", "NF"), (600, 0), pool="archive"),
    SealedSet("blind147", "hundred-and-forty-seventh", 20270421, ("FG", "NG"), (600, 0), pool="archive"),
    SealedSet("blind148", "hundred-and-forty-eighth", 20270422, ("FH", "NH"), (600, 0), pool="archive"),
    SealedSet("blind149", "hundred-and-forty-ninth", 20270423, ("FI", "NI"), (600, 0), pool="archive"),
    SealedSet("blind150", "hundred-and-fiftieth", 20270424, ("FJ", "NJ"), (600, 0), pool="archive"),
    SealedSet("blind151", "hundred-and-fifty-first", 20270425, ("FK", "NK"), (600, 0), pool="archive"),
    SealedSet("blind152", "hundred-and-fifty-second", 20270426, ("FL", "NL"), (600, 0), pool="archive"),
    SealedSet("blind153", "hundred-and-fifty-third", 20270427, ("FM", "NM"), (600, 0), pool="archive"),
    SealedSet("blind154", "hundred-and-fifty-fourth", 20270428, ("FN", "NN"), (600, 0), pool="archive"),
    SealedSet("blind155", "hundred-and-fifty-fifth", 20270429, ("FO", "NO"), (600, 0), pool="archive"),
    SealedSet("blind156", "hundred-and-fifty-sixth", 20270430, ("FP", "NP"), (600, 0), pool="archive"),
    SealedSet("blind157", "hundred-and-fifty-seventh", 20270431, ("FQ", "NQ"), (600, 0), pool="archive"),
    SealedSet("blind158", "hundred-and-fifty-eighth", 20270432, ("FR", "NR"), (600, 0), pool="archive"),
    SealedSet("blind159", "hundred-and-fifty-ninth", 20270433, ("FS", "NS"), (600, 0), pool="archive"),
    SealedSet("blind160", "hundred-and-sixtieth", 20270434, ("FT", "NT"), (600, 0), pool="archive"),
    SealedSet("blind161", "hundred-and-sixty-first", 20270435, ("FU", "NU"), (600, 0), pool="archive"),
    SealedSet("blind162", "hundred-and-sixty-second", 20270436, ("FV", "NV"), (600, 0), pool="archive"),
]
_BY_NAME = {s.name: s for s in SETS}


def sample(name: str, argv: list[str] | None = None) -> int:
    """Draw the set's sample into its work/ folder (or --out)."""
    blind3 = load_script("blind3_sample", BENCH / "blind3" / "sample.py")
    sealed_set = _BY_NAME[name]
    earlier = [s.folder for s in SETS[: SETS.index(sealed_set)]]
    return blind3.main(
        argv,
        here=sealed_set.folder,
        seed=sealed_set.seed,
        sealed=(blind3.BLIND2, BENCH / "blind3", *earlier),
        prefixes=sealed_set.prefixes,
        totals=sealed_set.totals,
        description=f"Draw the {sealed_set.ordinal} sealed evaluation sample (bench/{name})",
        national_candidates=archive_candidates if sealed_set.pool == "archive" else None,
    )


# --- the archive pool -------------------------------------------------------------------------------------

ARCHIVE = Path("national") / "archives" / "egov-xml-all-20201118.tar.xz"
# Acts that amend, repeal or tidy other laws hold 改め文, not provisions in force: the dev set and the held-out
# evaluation label base laws (and 例規) only.
AMENDING_TITLE = re.compile(r"改正する|廃止する|整備(?:等)?に関する|経過措置に関する")


def archive_members(corpus: Path, wanted: set[str] | None = None) -> Iterator[tuple[str, bytes]]:
    """(fp, XML bytes) of the 2020 archive's laws in archive order, fp as the core index spells it (和暦年/番号.xml);
    only ``wanted`` ones when given. One sequential pass over the .tar.xz."""
    with tarfile.open(corpus / ARCHIVE, "r:xz") as tar:
        for member in tar:
            if not member.isfile() or not member.name.endswith(".xml"):
                continue
            fp = member.name.split("/", 1)[1]
            if wanted is not None and fp not in wanted:
                continue
            handle = tar.extractfile(member)
            if handle is not None:
                yield fp, handle.read()


def archive_candidates(corpus: Path, families, concept) -> list:
    """Candidates from the 2020 archive's base laws outside the core law XML (whose pool the earlier sets drew),
    with bench/blind's keyword net and unit extraction; laws whose title is an amending act's are skipped."""
    blind = load_script("blind_sample", BENCH / "blind" / "sample.py")
    core_dir = corpus / "national" / "egov-xml-2020-core"
    core = {line.split("\t")[0] for line in (core_dir / "index.tsv").read_text("utf-8").splitlines()[1:]}
    out = []
    for fp, data in archive_members(corpus):
        if fp in core:
            continue
        try:
            law = parse_bytes(data, fp).law
        except InputError as err:
            print(f"skip {err}", file=sys.stderr)
            continue
        if AMENDING_TITLE.search(law.title or ""):
            continue
        out.extend(blind.law_candidates(fp, law, law.law_num or "", set(), families, concept))
    # archive order is not sorted: sort as the core pool is, so the seeded draw does not depend on it
    out.sort(key=lambda c: c.key[0])
    return out


def archive_loader(corpus: Path, records: list[dict]) -> Callable[[str], Law] | None:
    """The records' laws parsed from the archive (None when the archive is absent)."""
    if not (corpus / ARCHIVE).is_file():
        return None
    wanted = {r["file"] for r in records}
    laws = {fp: parse_bytes(data, fp).law for fp, data in archive_members(corpus, wanted)}
    return laws.__getitem__


def score(name: str, argv: list[str] | None = None) -> int:
    """Score the classifier on the set's sealed-*.jsonl: aggregate figures only."""
    blind2 = load_script("blind2_score", BENCH / "blind2" / "score.py")
    sealed_set = _BY_NAME[name]
    description = (
        f"Score the classifier on the SEALED {sealed_set.ordinal} blind set (sealed-*.jsonl): aggregate figures only."
    )
    loader = archive_loader if sealed_set.pool == "archive" else None
    return blind2.main(argv, sealed_set.folder, sealed_set.prefixes, description, loader)


def merge(name: str, argv: list[str]) -> int:
    """Merge the annotators' labels*.jsonl of LABELS_DIR with the set's drawn records into sealed-national.jsonl and
    sealed-municipal.jsonl (the records of a side the set draws none of stay out: that file is written empty)."""
    blind2 = load_script("blind2_score", BENCH / "blind2" / "score.py")
    sealed = _BY_NAME[name]
    here = sealed.folder
    labels_dir = Path(argv[0])
    sides: dict[str, list[dict]] = {}
    for side, wanted in zip(("national", "municipal"), sealed.totals, strict=True):
        drawn = (here / "work" / f"sample-{side}.jsonl").read_text("utf-8").splitlines() if wanted else []
        sides[side] = [json.loads(line) for line in drawn]
    labels: dict[str, dict] = {}
    for path in sorted(labels_dir.glob("labels*.jsonl")):
        for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            where = f"{path.name}:{n}: {row.get('id')}"
            if problem := blind2.label_problem(row):
                raise SystemExit(f"{where}: {problem}")
            if not str(row.get("note", "")).strip():
                raise SystemExit(f"{where}: the note must not be empty")
            if row["id"] in labels:
                raise SystemExit(f"{where}: labelled twice")
            labels[row["id"]] = row
    missing = [r["id"] for records in sides.values() for r in records if r["id"] not in labels]
    if missing:
        raise SystemExit(f"{len(missing)} records unlabelled, first {missing[:5]}")
    for side, records in sides.items():
        with (here / f"sealed-{side}.jsonl").open("w", encoding="utf-8") as out:
            for rec in records:
                row = labels[rec["id"]]
                merged = {**rec, **{k: row[k] for k in ("categories", "borderline", "already_digital", "note")}}
                out.write(json.dumps(merged, ensure_ascii=False) + "\n")
        if records:
            print(f"{len(records)} records merged into {here / f'sealed-{side}.jsonl'}")
    return 0


COMMANDS: dict[str, Callable[[str, list[str]], int]] = {"sample": sample, "score": score, "merge": merge}
USAGE = "usage: bench/sealed_sets.py {sample,score,merge} NAME [ARGS...]"


def main(argv: list[str] | None = None) -> int:
    """Run COMMAND on the set NAME; the remaining arguments go to the command unchanged."""
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print(USAGE, file=sys.stderr)
        return 2
    if args[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    if args[0] not in COMMANDS:
        raise SystemExit(f"sealed_sets.py: unknown command {args[0]!r} (choose from {', '.join(COMMANDS)})")
    if len(args) < 2 or args[1] not in _BY_NAME:
        got = f"unknown set {args[1]!r}" if len(args) > 1 else "no set named"
        raise SystemExit(f"sealed_sets.py: {got} (choose from {', '.join(_BY_NAME)})")
    command, name, rest = args[0], args[1], args[2:]
    if command == "merge" and len(rest) != 1:
        raise SystemExit("usage: bench/sealed_sets.py merge NAME LABELS_DIR")
    return COMMANDS[command](name, rest)


if __name__ == "__main__":
    raise SystemExit(main())
