"""Rebuild the bundled samples from the shared corpus (../shared/corpus): run from the repository root.

    .venv/bin/python ordinances/make_samples.py

National laws are copied unchanged. The 三郷市 例規 are written from the text extract
(misato_reiki_texts.jsonl) as 横書き text: a first line ``○題名`` and then one line per extract block,
with the wording exactly as extracted (stray spaces, half-width parentheses). The one editorial change is
where the extract lost a block's place: the extractor put every 号 block after the last article, so the
号 are moved back under the article that lists them (``PLACEMENT`` below, decided by reading each 例規:
the article that says 次に掲げる…). Where the extract kept a 号 but lost the paragraph that lists it (its
article shows only the first paragraph), the 号 is left out (``DROPPED``): placing it under another paragraph
would give it a wrong citation. Nothing else is added, removed or reworded.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
OUT = ROOT / "ordinances"

# 2020 e-Gov XML (pre-デジタル規制改革), chosen for analog clauses of all eight kinds.
NATIONAL_2020 = {
    "昭和23年/昭和二十三年法律第百三十八号.xml": "旅館業法",
    "昭和23年/昭和二十三年厚生省令第二十八号.xml": "旅館業法施行規則",
    "昭和58年/昭和五十八年法律第四十三号.xml": "浄化槽法",
    "昭和59年/昭和五十九年厚生省令第十七号.xml": "環境省関係浄化槽法施行規則",
    "昭和25年/昭和二十五年建設省令第四十号.xml": "建築基準法施行規則",
    "平成5年/平成五年法律第八十八号.xml": "行政手続法",
    "平成14年/平成十四年法律第百五十一号.xml": "行政手続等における情報通信の技術の利用に関する法律",
    "平成16年/平成十六年法律第百四十九号.xml": "民間事業者等が行う書面の保存等における情報通信の技術の利用に関する法律",
    "昭和23年/昭和二十三年厚生省令第三十五号.xml": "温泉法施行規則",
    "昭和47年/昭和四十七年法律第百十七号.xml": "警備業法",
    "昭和31年/昭和三十一年政令第二百七十三号.xml": "建設業法施行令",
    "昭和46年/昭和四十六年厚生省・農林省・通商産業省・運輸省・建設省令第一号.xml": "騒音規制法施行規則",
    "昭和25年/昭和二十五年厚生省令第三十五号.xml": "クリーニング業法施行規則",
    "昭和22年/昭和二十二年法律第二百三十四号.xml": "理容師法",
    "昭和25年/昭和二十五年法律第百五十八号.xml": "質屋営業法",
    "昭和26年/昭和二十六年通商産業省令第六号.xml": "採石法施行規則",
    "昭和24年/昭和二十四年法律第百八十九号.xml": "屋外広告物法",
    "平成14年/平成十四年法律第五十三号.xml": "土壌汚染対策法",
    "昭和45年/昭和四十五年法律第二十号.xml": "建築物における衛生的環境の確保に関する法律",
    "昭和23年/昭和二十三年法律第百三十七号.xml": "興行場法",
    "昭和28年/昭和二十八年政令第二百三十六号.xml": "狂犬病予防法施行令",
    "平成9年/平成九年政令第二十号.xml": "高圧ガス保安法施行令",
}
# 2025 e-Gov XML (in force 2025-05-28, after the reform): the same laws in the newer files.
NATIONAL_2025 = {
    "323/323AC0000000138/current.xml": "旅館業法",
    "323/323AC0000000139/current.xml": "公衆浴場法",
}
KATSURAGI = ["k518RG00000012.html", "k518RG00000055.html", "k518RG00000080.html"]

# 例規 id → for each 号 block (by its index in the extract), the index of the article block it belongs under.
MISATO = {
    "z600RG00000043": {18: 4, 19: 4, 20: 4, 21: 4, 22: 9, 23: 9, 24: 9, 25: 9, 26: 14, 27: 14, 28: 14},
    "z600RG00000072": {},
    "z600RG00000809": {i: 1 for i in range(9, 20)},
    "z600RG00000838": {15: 1, 16: 1, 17: 1, 18: 2, 19: 2, 20: 2, 21: 12, 22: 12},
    "z600RG00000511": {4: 1, 5: 1},
    "z600RG00000510": {},
    "z600RG00000541": {},
    "z600RG00000530": {},
    # 条例 with analog clauses, so that the bundled run drafts a 条例 bill too.
    "z600RG00000420": {11: 1, 12: 1, 13: 1, 14: 1},
    "z600RG00001009": {9: 1, 10: 1, 11: 1, 12: 1},
    "z600RG00001104": {i: 14 for i in range(42, 50)},
}
# 例規 id → 号 blocks whose paragraph the extract lost (第5条第3項, 第6条第5項・第6項 of z600RG00001104).
DROPPED = {"z600RG00001104": set(range(36, 42))}


def main() -> int:
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} not found")
        return 0
    national = OUT / "national"
    national.mkdir(parents=True, exist_ok=True)
    for rel, title in NATIONAL_2020.items():
        shutil.copyfile(CORPUS / "national" / "egov-xml-2020-core" / rel, national / f"{title}.xml")
    national_2025 = OUT / "national-2025"
    national_2025.mkdir(parents=True, exist_ok=True)
    for rel, title in NATIONAL_2025.items():
        shutil.copyfile(CORPUS / "national" / "gitlaw-jp-acts-2025-core" / rel, national_2025 / f"{title}.xml")
    katsuragi = OUT / "katsuragi"
    katsuragi.mkdir(parents=True, exist_ok=True)
    for name in KATSURAGI:
        shutil.copyfile(CORPUS / "municipal" / "reiki-base-html-katsuragi" / name, katsuragi / name)
    misato = OUT / "misato"
    misato.mkdir(parents=True, exist_ok=True)
    extract = CORPUS / "municipal" / "misato-saitama-reiki-extract" / "misato_reiki_texts.jsonl"
    for line in extract.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        placement = MISATO.get(record["reiki_id"])
        if placement is None:
            continue
        blocks = record["blocks"]
        lines = [f"○{record['title']}"]
        dropped = DROPPED.get(record["reiki_id"], set())
        for index, block in enumerate(blocks):
            if index in placement or index in dropped:
                continue
            lines.append(block)
            # the 号 of this article, in their extract order
            lines.extend(blocks[i] for i in sorted(placement) if placement[i] == index)
        (misato / f"{record['title']}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
