"""What the 「（見出しを含む。）」 tests share: a real article of one 項 whose 見出し and text take the same rename."""

from __future__ import annotations

from analogreg.records import Proposal

# 特許法施行規則 第五十条の十一（磁気ディスクの提出）, as the 2020 archive prints it; the medium is renamed in its text
# and its 見出し alike (the definition of 電磁的記録媒体 stands at an earlier article).
PATENT_CAPTION = "（磁気ディスクの提出）"
PATENT_TEXT = (
    "審判官は、審決書の作成に用いるときその他必要があると認める場合であつて、当事者又は参加人が提出した書面に記載した"
    "内容を磁気ディスクに記録しているときは、その当事者又は参加人に対し、その複製物の提出を求めることができる。"
)


def patent_proposal(**changes) -> Proposal:
    """The FD等 proposal of that article (its 見出し renamed with it); ``changes`` override fields."""
    fields = dict(
        finding_id="patent-50-11",
        doc="national/特許法施行規則.xml",
        law_title="特許法施行規則",
        law_num="昭和三十五年通商産業省令第十号",
        law_kind="省令",
        numbering="kanji",
        article="50_11",
        paragraph="1",
        label="第五十条の十一",
        categories=["FD等"],
        rules=["fd"],
        matched=["磁気ディスク"],
        spans=[(33, 39)],
        text=PATENT_TEXT,
        old_text=PATENT_TEXT,
        new_text=PATENT_TEXT.replace("磁気ディスク", "電磁的記録媒体"),
        caption=PATENT_CAPTION,
        new_caption=PATENT_CAPTION.replace("磁気ディスク", "電磁的記録媒体"),
    )
    return Proposal(**{**fields, **changes})
