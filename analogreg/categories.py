"""The eight categories of analog regulation (アナログ規制の類型): the single source of their labels and definitions.

Labels are exactly those of the national programme as municipalities such as 堺市 use them. Definitions follow
the デジタル庁 wording (as republished by 宇土市) and the project's labelling guidelines.
"""

from __future__ import annotations

from typing import Literal

Category = Literal["目視", "実地検査", "定期検査・点検", "常駐専任", "対面講習", "書面掲示", "往訪閲覧・縦覧", "FD等"]

CATEGORIES: tuple[Category, ...] = (
    "目視",
    "実地検査",
    "定期検査・点検",
    "常駐専任",
    "対面講習",
    "書面掲示",
    "往訪閲覧・縦覧",
    "FD等",
)

DEFINITIONS: dict[str, str] = {
    "目視": (
        "人が現地に赴き、施設や設備、状況等が法令等が求める一定の基準に適合しているかどうかを、目視によって判定すること"
        "（検査・点検）や、実態・動向などを目視によって明確化すること（調査）、一定期間、常時注目すること（巡視・見張り）を"
        "求めている規制"
    ),
    "実地検査": (
        "人が現場に赴き、施設や設備、状況等が法令等が求める一定の基準に適合しているかどうかを、書類・建物等を確認する"
        "ことによって判定することを求めている規制（立入検査、実地調査、臨検を含む。）"
    ),
    "定期検査・点検": (
        "施設や設備、状況等が法令等が求める一定の基準に適合しているかどうかを、一定の期間に一定の頻度で判定すること"
        "（第三者検査・自主検査）や、実態・動向・量等を一定の期間に一定の頻度で明確化すること（調査・測定）を求めている規制"
    ),
    "常駐専任": (
        "（物理的に）常に事業所や現場に留まることや、職務の従事や事業所への所属等について、兼任せず、専らその任に"
        "あたること（1人1現場の紐付け等）を求めている規制"
    ),
    "対面講習": "資格等の講習をオンラインではなく対面で受講すること、又は対面で実施することを求めている規制",
    "書面掲示": "公的な証明書・資格等や公示事項を、事業所・掲示場等に紙で掲示することを求めている規制",
    "往訪閲覧・縦覧": "書類・情報の閲覧・縦覧のために、公的機関等へ出向くことを求めている規制",
    "FD等": "申請・届出等でフレキシブルディスク・CD-ROM等の特定の記録媒体を指定する規制",
}


def is_category(value: str) -> bool:
    return value in DEFINITIONS
