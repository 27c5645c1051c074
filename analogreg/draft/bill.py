"""The omnibus amending bills (一括改正): the 条例 bill and a 規則 bill per body, each with its 新旧対照表.

Layout (domain-and-drafting b.1): the title; per amended 例規, in a stated order (settings ``bill_numbering``:
by the 例規's number, year then number, or by file), an article with the caption （○○条例の一部改正）,
the enacting sentence 「○○条例（平成○年○○市条例第○号）の一部を次のように改正する。」 and its 改め文 in
document order, units of one article merged into one sentence with 同条 / 同項 (b.2, b.4); the 附則
「この条例は、公布の日から施行する。」; the 新旧対照表 appended. A bill that amends a single 例規 is titled
「○○条例の一部を改正する条例」 and has no articles (b.1).

What goes where:
- 条例 go into the 条例 bill and 規則 into a 規則 bill: a 条例 cannot amend a 規則.
- Each body that makes 規則 gets its own 規則 bill (``Bill.body``): the head of the body (市長・知事) and each
  committee (地方自治法第138条の4第2項: 教育委員会規則, 公安委員会規則, 選挙管理委員会規則 …). A 規則 of one
  cannot be amended by the 規則 of another. The body is read from the 例規番号 (平成2年教委規則第3号: 教育委員会;
  公委規則: 公安委員会); a 規則 without a number is taken as the head's, with a warning.
- 規程, 要綱, 訓令, 告示 and national laws — national 規則 and 施行規則 (省令) included — cannot be amended by any
  条例 or 規則 of the body. They are kept out of the bills and listed in a non-enacting section
  (``kind="その他"``) with their 改め文 and 新旧対照表, for the instrument that can amend them (a 訓令, a 告示, or
  a request to the national government).
- A proposal whose 改め文 does not verify is never put in a bill: it is listed under ``unverified`` with its reason.
- Two different proposals for the same provision cannot both be enacted: both are held back and reported.
- A proposal without a text change (new_text == old_text: covered by the online ordinance, or left for manual
  drafting) has no 改め文 and is skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from analogreg.draft import NOTE_PREFIX, caption_change, draft_proposal, expected_after, expected_before
from analogreg.draft.apply import ApplyError, apply_aratame
from analogreg.draft.aratame import DraftFailure, caption_label, deleted_together, deletion_runs, plan_unit, render
from analogreg.draft.shinkyu import ShinkyuRow, ShinkyuTable, row_from_applied, row_from_diff
from analogreg.lawnum import BODIES, ERAS, LAW_NUM, NATIONAL_KINDS, compact, national_number, rule_body, rule_issuer
from analogreg.numbering import item_title_value, kanji_to_int
from analogreg.records import ARTICLE_DELETED, Proposal
from analogreg.settings import AmendmentStyle, BillNumbering, Settings

BillKind = Literal["条例", "規則", "その他"]

OTHER_TITLE = "条例・規則以外の例規等の改正案（参考）"
OTHER_NOTE = (
    "次の例規等は、条例又は規則によっては改正することができないため、整備条例及び整備規則には含めていない。"
    "それぞれの改正の手続（訓令、告示、国の法令については所管への要望等）に用いる参考として、改め文及び"
    "新旧対照表を掲げる。"
)
UNSET_MUNICIPALITY = "○○市"


class UnverifiedItem(BaseModel):
    """A proposal held back from the bill, with why and what it would change."""

    model_config = ConfigDict(frozen=True)

    doc: str
    law_title: str
    label: str
    reason: str
    row: ShinkyuRow


class BillArticle(BaseModel):
    """One amended 例規 in the bill: 第1条 （○○条例の一部改正） ○○条例（…）の一部を次のように改正する。 + 改め文."""

    model_config = ConfigDict(frozen=True)

    number: str = Field(description="第1条; empty when the bill amends a single 例規")
    caption: str = Field(description="（○○条例の一部改正）; empty when the bill amends a single 例規")
    enacting: str
    aratame: list[str] = Field(description="改め文 sentences in document order; a sentence may carry added lines")
    doc: str
    law_title: str
    law_num: str | None = None


class Bill(BaseModel):
    """A draft: the 条例 bill, the 規則 bill, or the non-enacting section for everything else."""

    model_config = ConfigDict(frozen=True)

    kind: BillKind
    body: str = Field(
        default="",
        description="the committee whose 規則 this bill is (教育委員会 …); empty for the head's 規則 and 条例",
    )
    title: str
    articles: list[BillArticle] = Field(default_factory=list)
    suppl: list[str] = Field(default_factory=list, description="附則 sentences")
    note: str = ""
    tables: list[ShinkyuTable] = Field(default_factory=list)
    style: AmendmentStyle = Field(
        default="aratame",
        description="aratame: each article's 改め文 amends, the tables follow as 参考資料; shinkyu (新旧対照表方式): "
        "each article's table amends, and stands in the article in place of the 改め文 (tables[i] is articles[i]'s)",
    )
    unverified: list[UnverifiedItem] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    @property
    def enacting(self) -> bool:
        return self.kind != "その他"


def destination(law_kind: str, law_num: str | None) -> tuple[BillKind, str]:
    """(draft kind, body): ("条例", ""), ("規則", "") for the head's 規則, ("規則", "教育委員会") …, ("その他", "")."""
    if national_number(law_num):
        return "その他", ""  # a 省令 titled 施行規則 is national, whatever its title says
    if law_kind == "条例":
        return "条例", ""
    if law_kind == "規則":
        body = rule_body(law_num)
        return ("規則", body) if body is not None else ("その他", "")
    return "その他", ""


def build_bills(proposals: Iterable[Proposal], settings: Settings) -> list[Bill]:
    """The 条例 bill, a 規則 bill per body, and the その他 section, each only when it has something in it.

    Every proposal is drafted and verified again here (a proposals file is not trusted to be current); the
    output depends on the proposals and settings only, so the same input gives the same bills.
    """
    groups: dict[tuple[BillKind, str], list[Proposal]] = {}
    for proposal in proposals:
        if proposal.new_text == proposal.old_text:
            continue  # a decision without a text change (e.g. 閲覧 covered by the online ordinance): no 改め文
        groups.setdefault(destination(proposal.law_kind, proposal.law_num), []).append(proposal)
    return [_build(kind, body, groups[kind, body], settings) for kind, body in sorted(groups, key=_draft_order)]


def _draft_order(key: tuple[BillKind, str]) -> tuple[int, int]:
    kind, body = key
    rank = ("条例", "規則", "その他").index(kind)
    return rank, (BODIES.index(body) + 1 if body else 0)


def _build(kind: BillKind, body: str, proposals: list[Proposal], settings: Settings) -> Bill:
    warnings: list[str] = []
    unverified: list[UnverifiedItem] = []
    chosen = _one_per_provision(proposals, warnings, unverified)
    by_doc: dict[str, list[Proposal]] = {}
    for proposal in chosen:
        by_doc.setdefault(proposal.doc, []).append(proposal)
    docs = sorted(by_doc, key=lambda doc: _law_order(by_doc[doc][0], settings.bill_numbering))
    amended: list[tuple[list[Proposal], list[str], dict]] = []
    for doc in docs:
        units = sorted(by_doc[doc], key=_unit_order)
        drafted = [draft_proposal(p) for p in units]
        good = [p for p in drafted if p.verified]
        for p in drafted:
            if not p.verified:
                reason = p.note.splitlines()[-1] if p.note else "改め文を検証できませんでした"
                unverified.append(_held_back(p, reason))
        if not good:
            continue
        result = _article_text(good)
        if result is None:
            for p in good:
                unverified.append(_held_back(p, "この例規の改め文をまとめて適用すると改正後の文と一致しません"))
            continue
        amended.append((good, *result))

    numbered = kind != "その他" and len(amended) > 1
    shinkyu = settings.amendment_style == "shinkyu"
    articles = []
    tables = []
    for n, (units, sentences, applied, together) in enumerate(amended, start=1):
        first = units[0]
        cited = _cited_number(first, kind, settings, warnings)
        articles.append(
            BillArticle(
                number=f"第{n}条" if numbered else "",
                # The その他 section is no bill: its entries carry the caption as a heading, without 条 numbers.
                caption=f"（{first.law_title}の一部改正）" if numbered or kind == "その他" else "",
                # 新旧対照表方式 (b.6): the table is the amendment, 「…の一部を次の表のように改正する。」.
                enacting=f"{first.law_title}（{cited}）の一部を次の{'表の' if shinkyu else ''}ように改正する。",
                aratame=sentences,
                doc=first.doc,
                law_title=first.law_title,
                law_num=first.law_num,
            )
        )
        tables.append(_table(units, applied, together))
    if kind == "その他":
        title, suppl, note = OTHER_TITLE, [], OTHER_NOTE
    elif len(amended) == 1:
        title = f"{amended[0][0][0].law_title}の一部を改正する{kind}"
        suppl, note = [f"この{kind}は、{settings.effective}から施行する。"], ""
    else:
        title = settings.ordinance_bill_title if kind == "条例" else settings.rule_bill_title
        suppl, note = [f"この{kind}は、{settings.effective}から施行する。"], ""
    if body:
        # The committee enacts it as its own 規則; the head's 規則 cannot amend it.
        note = f"（{settings.municipality}{body}規則）"
        if body == "公安委員会" and settings.municipality.endswith(("市", "町", "村")):
            warnings.append(
                "公安委員会は都道府県に置かれる機関です（警察法第38条）。"
                f"設定の municipality（{settings.municipality}）を確かめてください"
            )
    return Bill(
        kind=kind,
        body=body,
        title=title,
        articles=articles,
        suppl=suppl if articles else [],
        note=note,
        tables=tables,
        style=settings.amendment_style,
        unverified=unverified,
        warnings=list(dict.fromkeys(warnings)),
    )


def _held_back(proposal: Proposal, reason: str) -> UnverifiedItem:
    return UnverifiedItem(
        doc=proposal.doc,
        law_title=proposal.law_title,
        label=proposal.label,
        reason=reason.removeprefix(NOTE_PREFIX),
        row=row_from_diff(proposal.label, proposal.caption, proposal.old_text, proposal.new_text, proposal.new_caption),
    )


def _one_per_provision(
    proposals: list[Proposal], warnings: list[str], unverified: list[UnverifiedItem]
) -> list[Proposal]:
    """One proposal per provision: identical duplicates collapse; conflicting ones are all held back."""
    groups: dict[tuple[str, str], list[Proposal]] = {}
    for proposal in proposals:
        groups.setdefault((proposal.doc, proposal.label), []).append(proposal)
    chosen = []
    for (doc, label), group in groups.items():
        wordings = {p.new_text for p in group}
        if len(wordings) == 1:
            chosen.append(min(group, key=lambda p: p.finding_id))
            continue
        warnings.append(f"{doc} {label}: 改正案が{len(wordings)}通りあるため、いずれも条文に含めていません")
        for p in sorted(group, key=lambda p: p.finding_id):
            unverified.append(_held_back(p, "同じ条項に異なる改正案があります（審査で一つにしてください）"))
    return chosen


def _article_text(units: Sequence[Proposal]) -> tuple[list[str], dict, list[list[str]]] | None:
    """The 改め文 of one 例規 merged per article, verified as a whole; falls back to one sentence per unit.

    With it, the applier's result and the runs of consecutive articles it rewrote as 削除 together (their labels):
    the later articles of such a run are left no text of their own (「第12条から第14条まで　削除」 stands for them)."""
    before: dict[str, str] = {}
    for p in units:
        for label, text in expected_before(p).items():
            before.setdefault(label, text)
    for p in units:
        before[p.label] = p.old_text
    after = {label: text for p in units for label, text in expected_after(p).items()}
    headings = _caption_changes(units)
    for heading, (old, new) in headings.items():
        before[heading], after[heading] = old, new
    candidates: list[tuple[list[str], list[list[str]]]] = []
    try:
        plans = []
        placed: set[str] = set()
        for p in units:
            heading = caption_label(p.label)
            if heading in headings and heading not in placed:
                # b.4 front to back: an article's 見出し before its first amended unit.
                placed.add(heading)
                plans.append(plan_unit(heading, *headings[heading], None, p.numbering))
            plans.append(plan_unit(p.label, p.old_text, p.new_text, p.scope, p.numbering, p.next_article, cut=p.is_cut))
        together = [[plan.label for plan in run] for run in deletion_runs(plans)]
        candidates.append((render(plans), together))
    except DraftFailure:
        pass
    candidates.append(([p.aratame for p in units], []))
    for sentences, together in candidates:
        expected = {**after, **{label: "" for run in together for label in run[1:]}}
        try:
            applied = apply_aratame("\n".join(sentences), before)
        except ApplyError:
            continue
        if all(applied[label].text == expected.get(label, before[label]) for label in before):
            return sentences, applied, together
    return None


def _caption_changes(units: Sequence[Proposal]) -> dict[str, tuple[str, str]]:
    """The 見出し the units amend: its citation (第3条の見出し) → (before, after)."""
    out: dict[str, tuple[str, str]] = {}
    for p in units:
        change = caption_change(p)
        if change is not None:
            out.setdefault(caption_label(p.label), change)
    return out


def _table(units: Sequence[Proposal], applied: dict, together: Sequence[Sequence[str]] = ()) -> ShinkyuTable:
    # Articles deleted together: the first one's 改正後 cell cites them all, as the 改め文 does (b.7: the
    # 新旧対照表 agrees with the 改め文); the later ones are shown before and are gone after.
    cited_as = {run[0]: deleted_together(run) for run in together}
    merged = {label for run in together for label in run[1:]}
    rows = []
    previous_article = None
    for p in units:
        # The 見出し once per article (本則 第2条 and 附則 第2条 are different articles).
        article = (p.part, p.suppl, p.article)
        first = article != previous_article
        caption = p.caption if first else ""
        previous_article = article
        heading = applied.get(caption_label(p.label)) if first else None
        gone, cited = p.label in merged, cited_as.get(p.label, "")
        gone = gone or p.is_cut
        rows.append(row_from_applied(p.label, caption, applied[p.label], heading, removed=gone, new_label=cited))
        if p.new_text == ARTICLE_DELETED or p.is_cut:
            # What goes with it (the article's items; the later 項 cut and their items): shown before, and neither
            # label nor text after (b.6).
            rows.extend(row_from_applied(label, "", applied[label], removed=True) for label in p.scope)
    first = units[0]
    return ShinkyuTable(law_title=first.law_title, law_num=first.law_num, rows=rows)


# --- ordering and citation -------------------------------------------------------------------------------


def _law_order(proposal: Proposal, numbering: BillNumbering) -> tuple:
    """Where a 例規 goes among the bill's articles (settings ``bill_numbering``).

    ``enactment``: in order of enactment, as the 例規集 and national 一括法 order the laws they amend — era, year, then
    number; a 例規 without a number after those with one, by title. ``files``: by the path of the 例規's file.
    """
    if numbering == "files":
        return (proposal.doc,)
    match = LAW_NUM.match(compact(proposal.law_num))
    if match is None:
        return (1, (), proposal.law_title, proposal.doc)
    year = 1 if match["year"] == "元" else kanji_to_int(match["year"])
    number = kanji_to_int(match["num"].split("号の")[0])
    return (0, (ERAS[match["era"]], year, number), proposal.law_title, proposal.doc)


def _cited_number(proposal: Proposal, kind: BillKind, settings: Settings, warnings: list[str]) -> str:
    """The 例規's number as the enacting sentence cites it: 平成18年3月31日条例第12号 → 平成18年堺市条例第12号;
    a committee's 規則 with its body in full (平成2年教委規則第3号 → 平成2年三郷市教育委員会規則第3号)."""
    law_num = compact(proposal.law_num)
    if kind == "その他" and law_num and (national_number(law_num) or rule_body(law_num) is None):
        return law_num  # a national law or rule is cited by its own number
    match = LAW_NUM.match(law_num)
    if match is None:
        if proposal.law_kind == "規則":
            warnings.append(
                f"{proposal.doc}: 例規番号が分からないため、長の規則として扱い「○○年○○市規則第○号」としています"
                "（教育委員会規則など他の機関の規則であれば、その機関の規則で改正してください）"
            )
        else:
            warnings.append(f"{proposal.doc}: 例規番号が分からないため「○○年○○市{proposal.law_kind}第○号」としています")
        return f"○○年○○市{proposal.law_kind}第○号"
    if match["kind"] in NATIONAL_KINDS:
        return law_num
    issuer = match["issuer"]
    if match["kind"] == "規則":
        issuer = rule_issuer(law_num) or ""
        body = rule_body(law_num) or ""
        government = issuer[: len(issuer) - len(body)]
        issuer = (government or settings.municipality) + body
    issuer = issuer or settings.municipality
    if issuer.startswith(UNSET_MUNICIPALITY):
        warnings.append("設定の municipality が未設定のため、例規番号の団体名を「○○市」としています")
    return f"{match['era']}{match['year']}年{issuer}{match['kind']}第{match['num']}号"


def _unit_order(proposal: Proposal) -> tuple:
    """Document order of a provision unit: 本則 before 附則, then 条, 項, 号 and 細目 numbers."""
    kana = "iroha" if proposal.numbering == "kanji" else "aiueo"
    subitems = []
    for title in proposal.subitems:
        value = item_title_value(title, kana)
        subitems.append(value[1] if value else 0)
    return (
        proposal.part != "main",
        proposal.suppl or "",
        proposal.label.startswith("別表"),
        _ints(proposal.article),
        _ints(proposal.paragraph),
        _ints(proposal.item),
        tuple(subitems),
    )


def _ints(num: str | None) -> tuple[int, ...]:
    if not num:
        return ()
    try:
        return tuple(int(part) for part in num.split("_"))
    except ValueError:
        return ()
