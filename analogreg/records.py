"""Records that cross stage boundaries and files: findings (scan output) and proposals (amend output).

These are the JSONL contracts named in the issues. Later tools read them by name: keep field names stable, and
when one must change, change its readers in the same commit.
"""

from __future__ import annotations

import hashlib
import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from analogreg.categories import Category


class Finding(BaseModel):
    """One provision unit (paragraph, item or 細目) that holds analog wording."""

    model_config = ConfigDict(extra="forbid")

    finding_id: str = Field(description="stable hash of doc, location, categories and matched wording")
    doc: str = Field(description="the file's path as reached from the scanned PATH argument")
    law_title: str
    law_num: str | None = None
    law_kind: str = "その他"
    numbering: Literal["kanji", "arabic"] = "kanji"
    part: Literal["main", "suppl"] = "main"
    suppl: str | None = Field(default=None, description="法令番号 of the amending act whose 附則 this is")
    article: str | None = Field(default=None, description='e-Gov form, "77_28"')
    paragraph: str | None = Field(default=None, description='"2"')
    item: str | None = Field(default=None, description='"1", "1_2" or null')
    subitems: list[str] = Field(default_factory=list, description="細目 path as written, e.g. ['イ', '(1)']")
    label: str = Field(description="citation in the document's style, e.g. 第3条第2項第1号")
    caption: str = Field(default="", description="the article's 見出し")
    categories: list[Category]
    rules: list[str] = Field(description="ids of the rules that matched")
    matched: list[str] = Field(description="the matched wording, one entry per span")
    spans: list[tuple[int, int]] = Field(description="character offsets [start, end) into text")
    text: str = Field(description="the provision unit's full text")
    already_digital: bool = False
    cites: list[str] = Field(
        default_factory=list,
        description="provisions of other statutes the unit cites, named in full (都市計画法第16条第2項): 引用法令",
    )
    basis: list[str] = Field(
        default_factory=list,
        description="the provisions the 例規 is made under, from its first article (根拠規定; none for e-Gov laws)",
    )
    group: str = Field(default="", description="id shared by findings with near-identical wording")
    opinion: dict[Category, float] = Field(
        default_factory=dict,
        description="categories no rule found that the learned second opinion adds, with its probability "
        "(no matched wording; drafted by hand)",
    )


def finding_id(doc: str, location_key: str, categories: list[str], matched: list[str]) -> str:
    """A stable id: the same finding in a re-scan keeps its id, so review decisions survive."""
    payload = json.dumps([doc, location_key, sorted(categories), matched], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


# A proposal's new text that rewrites its whole article as 「第十四条　削除」 (法制執務: an article is not taken out,
# which would renumber every later one, but rewritten so). The proposal is cited as the article (its label 第十四条),
# its old text the article's first paragraph, its scope every other unit of the article: they all go with it.
ARTICLE_DELETED = "削除"


class Proposal(Finding):
    """A finding with its proposed amendment: the new wording, the 改め文, and whether the applier verified it."""

    template: str | None = Field(default=None, description="id of the amendment template used")
    old_text: str = Field(description="the whole provision unit before amendment")
    new_text: str = Field(description="the whole provision unit after amendment")
    aratame: str = Field(default="", description="the 改め文 for this provision alone")
    verified: bool = False
    note: str = ""
    scope: dict[str, str] = Field(
        default_factory=dict,
        description="label → text of the other units inside the cited provision (items of a paragraph): "
        "a quoted string must be unique in the whole cited provision",
    )
    new_caption: str = Field(
        default="",
        description="the article's 見出し after amendment, when this proposal also amends it (the first amended unit "
        "of its article carries it); empty when the 見出し stays as it is",
    )
    next_article: str = Field(
        default="",
        description="for a proposal citing a whole article (one of a single 項, or one rewritten as 削除): the "
        "citation of the article that follows it in the 例規 (empty for the last), so that consecutive deletions, "
        "FD等's own or a reviewer's, are drafted as one, 「第12条から第14条まで　削除」",
    )
    cuts_last_paragraphs: bool = Field(
        default=False,
        description="the new text is empty: this 項 and the later ones of its article held in ``scope``, the last of "
        "the article, are taken out, 「第13条第2項から第5項までを削る」 (only the last 項 of an article can be cut "
        "without renumbering those after it); never set for anything else, so that an emptied text is not a cut",
    )

    @property
    def is_cut(self) -> bool:
        """Whether the proposal cuts its 項 and the later ones in ``scope``: so proposed, and the text still empty (a
        reviewer who writes a wording instead amends the 項 as any other)."""
        return self.cuts_last_paragraphs and not self.new_text
