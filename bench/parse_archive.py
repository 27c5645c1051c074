"""Parse every law of the 2020 e-Gov archive (8,502 XML files) straight from the tar.xz.

Prints parsed / failed / seconds, the per-file average, and as the baseline a bare ``lxml`` parse of the
same bytes measured in the same run (so a noisy machine shifts both). Decompression is timed apart.

    .venv/bin/python bench/parse_archive.py [--archive PATH] [--limit N]

Skips cleanly when the shared corpus is absent (CI has no ../shared).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tarfile
import time
from pathlib import Path

from lxml import etree

from analogreg.errors import InputError
from analogreg.parse import parse_bytes

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARCHIVE = ROOT.parent / "shared" / "corpus" / "national" / "archives" / "egov-xml-all-20201118.tar.xz"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE)
    parser.add_argument("--limit", type=int, default=0, help="stop after N files (0 = all)")
    args = parser.parse_args()
    if not args.archive.exists():
        print(f"skipped: {args.archive} not found (the shared corpus is absent)")
        return 0

    bare_parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    files = parsed = 0
    failures: list[str] = []
    samples: list[str] = []
    read_s = bare_s = parse_s = 0.0
    total_bytes = articles = units = sentences = warnings = 0
    wall = time.perf_counter()
    with tarfile.open(args.archive, "r:xz") as archive:
        while True:
            t0 = time.perf_counter()
            member = archive.next()
            if member is None:
                break
            if not (member.isfile() and member.name.endswith(".xml")):
                read_s += time.perf_counter() - t0
                continue
            handle = archive.extractfile(member)
            data = handle.read() if handle else b""
            t1 = time.perf_counter()
            read_s += t1 - t0
            files += 1
            total_bytes += len(data)

            with contextlib.suppress(etree.XMLSyntaxError):
                etree.fromstring(data, bare_parser)
            t2 = time.perf_counter()
            bare_s += t2 - t1

            try:
                result = parse_bytes(data, member.name)
            except InputError as err:
                failures.append(str(err))
            else:
                parsed += 1
                law = result.law
                warnings += len(result.warnings)
                samples.extend(f"{member.name}: {w}" for w in result.warnings[: max(0, 10 - len(samples))])
                articles += sum(1 for _ in law.all_articles())
                for unit in law.units():
                    units += 1
                    sentences += len(unit.node.sentences)
            parse_s += time.perf_counter() - t2
            if args.limit and files >= args.limit:
                break
    wall = time.perf_counter() - wall

    print(f"archive          {args.archive.name}")
    print(f"files            {files:,} ({total_bytes / 1e6:,.0f} MB of XML)")
    print(f"parsed           {parsed:,}")
    print(f"failed           {len(failures):,}")
    print(f"parse seconds    {parse_s:,.1f}  ({1000 * parse_s / max(files, 1):.1f} ms per file)")
    ratio = parse_s / max(bare_s, 1e-9)
    print(f"bare lxml        {bare_s:,.1f}  ({1000 * bare_s / max(files, 1):.1f} ms per file; parse = {ratio:.1f}x)")
    print(f"decompress+read  {read_s:,.1f}")
    print(f"wall seconds     {wall:,.1f}")
    print(f"articles {articles:,}  provision units {units:,}  sentences {sentences:,}  warnings {warnings:,}")
    for line in samples:
        print(f"  warning {line}")
    for line in failures[:20]:
        print(f"  FAILED {line}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
