"""Write analogreg/statute_titles.json: every national statute's 法令番号 (normalised) → its title.

The citations reader (analogreg/citations.py) names a statute that a 例規 abbreviates — 「（平成9年法律第123号。以下
「法」という。）」 — by the title its 法令番号 has, and recognises national statutes cited by their full title. The
titles come from the indexes of the shared corpus: the e-Gov archive of 2020 (every kind: 法律, 政令, 省令, 規則 …,
including the large laws the archive itself lacks) and the 2025 Acts (法律 enacted since, and renamed ones). Where a
number has two titles (a law renamed between 2020 and 2025), the 2025 title wins: it is the one in force.

    .venv/bin/python bench/statute_titles.py

Reads ../shared/corpus (skips cleanly when it is absent); writes the file in place and prints its size.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analogreg.citations import TITLES_FILE, law_num_key  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "national"
INDEXES = ("egov-xml-all-20201118.index.tsv", "gitlaw-jp-acts-20250528.index.tsv")  # later ones win


def main() -> int:
    if not (CORPUS / INDEXES[0]).exists():
        print(f"skipped: {CORPUS} not found (the shared corpus is not beside this checkout)")
        return 0
    titles: dict[str, str] = {}
    unread = 0
    for name in INDEXES:
        with (CORPUS / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                key = law_num_key(row["LawNum"])
                title = row["LawTitle"].strip()
                # e-Gov titles some old 太政官布告 by their number and a bracketed subject: never cited so.
                if key is None or not title or "（" in title:
                    unread += 1
                    continue
                titles[key] = title
    TITLES_FILE.write_text(
        json.dumps(dict(sorted(titles.items())), ensure_ascii=False, indent=0) + "\n", encoding="utf-8"
    )
    print(f"{len(titles):,} statutes ({unread:,} rows without a readable number or title) → {TITLES_FILE}")
    print(f"{TITLES_FILE.stat().st_size / 1024:,.0f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
