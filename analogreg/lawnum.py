"""法令番号 and 例規番号 (平成18年3月31日条例第12号, 昭和32年教委規則第6号, 平成十年法務省令第三十九号): what kind
of body made a statute. The bill files each 例規 by it (a 条例 cannot amend a 規則; a committee's 規則 is its own;
national laws and rules go apart), and amend tells national statutes from local ones with it (a municipality's
general ordinance covers only its own 例規).
"""

from __future__ import annotations

import re

from analogreg.numbering import ORDINAL_NUMERAL

ERAS = {"明治": 1, "大正": 2, "昭和": 3, "平成": 4, "令和": 5}
_NUMERAL = ORDINAL_NUMERAL
LAW_NUM = re.compile(
    rf"^(?P<era>明治|大正|昭和|平成|令和)(?P<year>元|{_NUMERAL})年"
    rf"(?:{_NUMERAL}月{_NUMERAL}日)?"
    rf"(?P<issuer>.*?)(?P<kind>条例|規則|訓令|告示|規程|要綱|法律|政令|省令|府令|庁令)第(?P<num>{_NUMERAL}(?:号の{_NUMERAL})?)号?$"
)


# 地方自治法第180条の5: the committees (and 議会, for its 会議規則) of a local body that make 規則 of their own
# (第138条の4第2項); longest first, so that a name that ends another is tried first.
BODIES = (
    "固定資産評価審査委員会",
    "内水面漁場管理委員会",
    "海区漁業調整委員会",
    "選挙管理委員会",
    "教育委員会",
    "公安委員会",
    "人事委員会",
    "公平委員会",
    "労働委員会",
    "収用委員会",
    "農業委員会",
    "議会",
)
# Short forms that 例規番号 and 沿革 notes print (昭和32年教委規則第6号 in 三郷市's 例規集; 平30公委規則2).
_ABBREVIATIONS = {
    "教委": "教育委員会",
    "公委": "公安委員会",
    "選管": "選挙管理委員会",
    "人委": "人事委員会",
    "農委": "農業委員会",
}
_RULE_ISSUER = re.compile(
    rf"^(?:明治|大正|昭和|平成|令和)(?:元|{_NUMERAL})年(?:{_NUMERAL}月{_NUMERAL}日)?(?P<issuer>.*?)規則"
)
# 庁令: the ordinances of 復興庁 and デジタル庁 (平成二十四年復興庁令第二号), which are no 府令 or 省令.
NATIONAL_KINDS = ("法律", "政令", "勅令", "省令", "府令", "庁令")


def compact(law_num: str | None) -> str:
    return (law_num or "").replace(" ", "").replace("\u3000", "")


def national_number(law_num: str | None) -> bool:
    """A number of a national law: 法律, 政令, 省令 (施行規則 of a ministry), 府令."""
    match = LAW_NUM.match(compact(law_num))
    return match is not None and match["kind"] in NATIONAL_KINDS


def rule_issuer(law_num: str | None) -> str | None:
    """What the 例規番号 of a 規則 names before 規則, short forms written out; None without a 規則 number."""
    match = _RULE_ISSUER.match(compact(law_num))
    if match is None:
        return None
    issuer = match["issuer"]
    for short, full in _ABBREVIATIONS.items():
        if issuer.endswith(short):
            return issuer[: -len(short)] + full
    return issuer


def _local(name: str) -> bool:
    """Empty, or the name of a local government (○○市, ○○県, 東京都, ○○区 …)."""
    return name == "" or re.fullmatch(r".+[都道府県市区町村]", name) is not None


def rule_body(law_num: str | None) -> str | None:
    """The body whose 規則 this is: "" for the head of the body (市長・知事; also without a number), a committee
    (教育委員会 …), or None when it is no 規則 of a local body (人事院規則, 国家公安委員会規則: national)."""
    issuer = rule_issuer(law_num)
    if issuer is None:
        return ""
    for body in BODIES:
        if issuer.endswith(body):
            return body if _local(issuer[: -len(body)]) else None
    return "" if _local(issuer) else None


def made_nationally(law_kind: str, law_num: str | None) -> bool:
    """Whether the statute is national: a 法律, 政令 or 省令 (whatever its title), or a 規則 of a national body
    (人事院規則, 国家公安委員会規則) — not the 例規 of a local government."""
    if law_kind in NATIONAL_KINDS or national_number(law_num):
        return True
    return law_kind == "規則" and rule_body(law_num) is None
