"""FD等: the articles that only specify the medium (its JIS 規格, 記録方式, ラベル) become 「削除」 once it is renamed.

Why: when a 例規 calls its media 電磁的記録媒体, the articles that prescribe a 九十ミリメートル
フレキシブルディスクカートリッジ, its トラックフォーマット and its ラベル領域 have nothing left to govern. The 2023
経済産業省関係省令 一括改正 and the 原子力規制委員会規則 diff (domain-and-drafting 0.5, c.2) deleted such articles
whole. 法制執務: an article is
not taken out (every later article would be renumbered, and every reference to them with it) but rewritten as
「第十四条　削除」 (「第十四条を次のように改める。」).

Only what is certain is drafted so: an article whose every proposal is the spec template's (``fd.spec``), the own
text of each of its paragraphs among them (its items need not name the medium: 「…への記録は、次に掲げる方式に従つて
しなければならない。」 lists the 方式), in a 例規 whose medium is renamed by the same proposals. An article that holds
anything else stays with the drafter. The reviewer decides: the deletion is
a proposal like any other, and its note names the provisions that still refer to the deleted article.

An article whose first 項 is the duty itself (「…フレキシブルディスク…を提出することにより行うことができる」, its medium
renamed) and whose last 項 only specify the medium keeps the first and loses the last: 「第八条第二項から第五項までを
削る。」 (b.3 第○条第○項を削る). Only the last 項 can go so; one with a 項 after it that stays would renumber it, and is
left to the drafter.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from analogreg.citations import other_statute_spans
from analogreg.model import Article, Division, Item, Law, Paragraph, paragraph_nodes
from analogreg.numbering import ORDINAL_DIGIT
from analogreg.records import ARTICLE_DELETED, Proposal

SPEC_TEMPLATE = "fd.spec"
_NUMERAL = ORDINAL_DIGIT
_DIGIT_CHARS = ORDINAL_DIGIT[1:-1]  # the class's characters, to build other classes with
MEDIUM_TEMPLATE = "fd.medium"


def delete_spec_articles(proposals: Sequence[Proposal | None], law: Law) -> list[Proposal | None]:
    """``proposals`` (one per finding, None where none) with every medium-only article of ``law`` rewritten as
    削除: the proposal of its first unit gets the new text 「削除」 and is cited as the article (第十三条, not
    第十三条第一項: the whole article is rewritten), with every other unit of the article in its ``scope``; those units'
    own proposals keep their text and a note saying they go with it."""
    out = list(proposals)
    if not any(_renames_medium(p) for p in out):
        return out
    articles = _articles(law)
    by_article: dict[tuple, list[int]] = {}
    for i, proposal in enumerate(out):
        if proposal is not None and proposal.article:
            by_article.setdefault((proposal.part, proposal.suppl, proposal.article), []).append(i)
    deleted: list[tuple[Article, int, list[int]]] = []
    for key, indexes in by_article.items():
        article = articles.get(key)
        if article is None or article.deleted or not article.paragraphs:
            continue
        if any(_template_ids(out[i]) != [SPEC_TEMPLATE] for i in indexes):
            continue
        labelled = {out[i].label: i for i in indexes}
        if any(paragraph.label not in labelled for paragraph in article.paragraphs):
            continue  # a paragraph whose own text names no medium: the article may govern more than the medium
        deleted.append((article, labelled[article.paragraphs[0].label], indexes))
    following = next_articles(law)
    sharing = _sharing_their_heading(deleted, following)
    deleted = [entry for entry in deleted if entry not in sharing]
    for _, head, _ in sharing:
        proposal = out[head]
        assert proposal is not None
        out[head] = proposal.model_copy(update={"note": "\n".join(filter(None, [proposal.note, _SHARED_HEADING_NOTE]))})
    gone = {article.label for article, _, _ in deleted}
    whole = {id(article) for article, _, _ in deleted} | {id(entry[0]) for entry in sharing}
    gone_units = {id(unit) for article, _, _ in deleted for unit in _units(article)}
    cuts: list[tuple[int, list[Paragraph | Item]]] = []
    for key, indexes in by_article.items():
        article = articles.get(key)
        if article is None or article.deleted or id(article) in whole:
            continue
        if (cut := _cut_last_paragraphs(out, law, article, indexes)) is not None:
            cuts.append(cut)
    gone_units.update(id(unit) for _, units in cuts for unit in units)
    for head, units in cuts:
        proposal = out[head]
        assert proposal is not None
        out[head] = proposal.model_copy(update={"note": proposal.note + _undefined_note(law, units, gone_units)})
    for article, head, indexes in deleted:
        proposal = out[head]
        assert proposal is not None
        note = _DELETION_NOTE
        if cited := _references(law, article, gone):
            note += "（要確認：削除する条を引用している規定がある。あわせて改めること：" + "、".join(cited) + "）"
        units = _units(article)
        note += _undefined_note(law, units, gone_units)
        rest = {unit.label: unit.text for unit in units if unit is not article.paragraphs[0]}
        update = {"label": article.label, "new_text": ARTICLE_DELETED, "note": note, "scope": rest}
        after = following.get(id(article))
        out[head] = proposal.model_copy(update={**update, "next_article": after.label if after is not None else ""})
        for i in indexes:
            if i != head:
                item = out[i]
                assert item is not None
                out[i] = item.model_copy(update={"note": f"FD等（{SPEC_TEMPLATE}）：{article.label}{_GOES_WITH}"})
    return out


def _cut_last_paragraphs(
    out: list[Proposal | None], law: Law, article: Article, indexes: list[int]
) -> tuple[int, list[Paragraph | Item]] | None:
    """The last 項 of an article that only specify the medium, the 項 before them kept (the duty itself, whose medium is
    renamed): cut, 「第十三条第二項から第五項までを削る。」 (b.3). As for a whole article, each 項 cut has the spec
    template's proposal on its own text and nothing but that template in it. Only the last 項 can go so: a 項 in the
    middle would renumber those after it (繰上げ), which stays with the drafter. Returns the proposal that cuts (its
    index) and the units cut, or None."""
    labelled = {out[i].label: i for i in indexes}  # type: ignore[union-attr]
    by_paragraph: dict[str | None, list[int]] = {}
    for i in indexes:
        proposal = out[i]
        assert proposal is not None
        by_paragraph.setdefault(proposal.paragraph, []).append(i)
    cut: list[Paragraph] = []
    for paragraph in reversed(article.paragraphs):
        own = labelled.get(paragraph.label)
        if own is None or any(_template_ids(out[i]) != [SPEC_TEMPLATE] for i in by_paragraph[paragraph.num]):
            break
        cut.insert(0, paragraph)
    if not cut or cut[0] is article.paragraphs[0]:
        return None  # nothing to cut, or every 項 (the whole article: 削除, or left to the drafter under a 共通見出し)
    head = labelled[cut[0].label]
    proposal = out[head]
    assert proposal is not None
    units = [unit for paragraph in cut for unit in paragraph_nodes(paragraph)]
    note = _CUT_NOTE
    if cited := _paragraph_references(law, article, cut):
        note += "（要確認：削る項を引用している規定がある。あわせて改めること：" + "、".join(cited) + "）"
    scope = {unit.label: unit.text for unit in units if unit is not cut[0]}
    out[head] = proposal.model_copy(
        update={"new_text": "", "cuts_last_paragraphs": True, "scope": scope, "note": note, "new_caption": ""}
    )
    for paragraph in cut:
        for i in by_paragraph[paragraph.num]:
            if i != head:
                item = out[i]
                assert item is not None
                out[i] = item.model_copy(update={"note": f"FD等（{SPEC_TEMPLATE}）：{cut[0].label}{_CUT_WITH}"})
    return head, units


_CUT_WITH = "以下の項を削る改正に含まれる（項とともに除かれる）。"
_CUT_NOTE = (
    f"FD等（{SPEC_TEMPLATE}）：媒体名を電磁的記録媒体に改めるので、媒体の規格・記録方式・ラベルを定めるこの項と"
    "その後の項（条の最後の項まで）を削る（2023年の経済産業省関係省令の一括改正の例）。媒体名を改める改正とあわせて"
    "採ること。規格を残すときは却下し、手で起案すること。"
)


def _paragraph_references(law: Law, article: Article, cut: list[Paragraph]) -> list[str]:
    """The provisions left in ``law`` that cite a 項 to be cut: by its full citation (第十三条第二項) anywhere, and, in
    the 項 kept in its own article, as 次項 (from the last one kept) or by its number alone (第三項)."""
    cut_ids = {id(p) for p in cut}
    kept = [p for p in article.paragraphs if id(p) not in cut_ids]
    numbers = [p.label.removeprefix(article.label) for p in cut]
    full = re.compile("|".join(re.escape(p.label) for p in cut))  # (a label ends in 項: no longer number holds it)
    cited: list[str] = []
    for other in law.all_articles():
        if other.deleted:
            continue
        for paragraph in other.paragraphs:
            if id(paragraph) in cut_ids:
                continue
            for unit in paragraph_nodes(paragraph):
                text = unit.text
                if other is article and ((paragraph is kept[-1] and "次項" in text) or _cites_own(text, numbers)):
                    cited.append(unit.label)
                elif full.search(text):
                    others = other_statute_spans(text, law.statute_names, law.title)
                    if any(not any(s <= m.start() < e for s, e in others) for m in full.finditer(text)):
                        cited.append(unit.label)
    return list(dict.fromkeys(cited))


def _cites_own(text: str, numbers: list[str]) -> bool:
    """Whether ``text``, in the article itself, cites one of its 項 ``numbers`` (第三項) by number alone: not one that
    goes on another article's citation (「第五条第一項及び第二項」: that 第二項 is 第五条's), which is told by a 条
    before it in the same stretch of the sentence (since the last 読点 or 句点)."""
    for number in numbers:
        for match in re.finditer(rf"(?<![{_DIGIT_CHARS}]){re.escape(number)}(?![{_DIGIT_CHARS}])", text):
            before = text[: match.start()]
            stretch = before[max(before.rfind("、"), before.rfind("。")) + 1 :]
            if "条" not in stretch:
                return True
    return False


# A term a provision defines for the rest of the statute: 「…に基づく日本産業規格（以下「日本産業規格」という。）」. One
# defined for its own 条, 項 or 号 only (「以下この条において「…」という。」) goes with it and is not looked for.
_DEFINES = re.compile(r"以下(?P<scope>この[条項号]において)?「(?P<term>[^「」]{1,30})」という")


def _undefined_note(law: Law, going: list[Paragraph | Item], gone_units: set[int]) -> str:
    """What a deletion leaves undefined: each term the provisions ``going`` define for the rest of the statute that a
    provision staying after them uses before any defines it again, with that first use (法制執務: a term is defined
    where it is first used, so the definition has to move there; 動産・債権譲渡登記規則 第十一条, deleted, defines
    「日本産業規格」, which 第三十二条第二項 uses). "" when there is none. ``gone_units``: every unit that goes."""
    terms = {m["term"] for unit in going for m in _DEFINES.finditer(unit.text) if not m["scope"]}
    if not terms:
        return ""
    last = id(going[-1])
    first_uses: list[str] = []
    after = False
    for unit in law.units():
        node = id(unit.node)
        if node == last:
            after = True
        if not after or node in gone_units:
            continue
        text = unit.text
        for term in sorted(terms):
            if term in text:
                terms.discard(term)
                if not any(m["term"] == term for m in _DEFINES.finditer(text)):
                    first_uses.append(f"「{term}」（{unit.label}）")
        if not terms:
            break  # every term met: its first use found, or defined again
    if not first_uses:
        return ""
    return (
        "（要確認：削る規定で定義している語を、残る規定が用いている。定義をその初出に移す改正をあわせて起案すること："
        + "、".join(first_uses)
        + "）"
    )


_GOES_WITH = "を削除とする改正に含まれる（条とともに除かれる）。"
_DELETION_NOTE = (
    f"FD等（{SPEC_TEMPLATE}）：媒体名を電磁的記録媒体に改めるので、媒体の規格・記録方式・ラベルを定めるこの条は"
    "「削除」とする（2023年の経済産業省関係省令の一括改正の例）。媒体名を改める改正とあわせて採ること。"
    "規格を残すときは却下し、手で起案すること。"
)


def _renames_medium(proposal: Proposal | None) -> bool:
    return (
        proposal is not None and MEDIUM_TEMPLATE in _template_ids(proposal) and proposal.new_text != proposal.old_text
    )


def _template_ids(proposal: Proposal | None) -> list[str]:
    return (proposal.template or "").split("+") if proposal is not None else []


def _articles(law: Law) -> dict[tuple, Article]:
    """(part, suppl, article number) → article, for the 本則 and the original 附則 (an amending act's 附則 is never
    rewritten by a later 例規)."""
    out: dict[tuple, Article] = {("main", None, a.num): a for a in law.articles()}
    for suppl in law.suppl:
        if suppl.amend_law_num is None:
            out.update({("suppl", None, a.num): a for a in suppl.articles})
    return out


def _sharing_their_heading(
    deleted: list[tuple[Article, int, list[int]]], following: dict[int, Article]
) -> list[tuple[Article, int, list[int]]]:
    """The articles of ``deleted`` whose 見出し also heads an article after them that stays (a 共通見出し: the articles
    after it with none of their own are under it): rewritten as 削除 alone, the article would take that heading from
    them. An article already 削除, or deleted with it, needs no heading."""
    gone = {id(entry[0]) for entry in deleted}
    sharing = []
    for entry in deleted:
        article = entry[0]
        after = following.get(id(article)) if article.caption else None
        while after is not None and not after.caption:
            if id(after) not in gone and not after.deleted:
                sharing.append(entry)
                break
            after = following.get(id(after))
    return sharing


_SHARED_HEADING_NOTE = (
    f"FD等（{SPEC_TEMPLATE}）：この条の見出しは見出しのない次の条にもかかる（共通見出し）ので、「削除」とする改正は"
    "自動では起案していない。削除するときは、見出しを次の条に付ける改正とあわせて手で起案すること。"
)


def next_articles(law: Law) -> dict[int, Article]:
    """id(article) → the article right after it, deleted ones included: two articles are consecutive only when nothing
    stands between them, not even 第十二条の二 or the heading of a 章 (a deletion drafted as 「第十二条及び第十三条
    削除」 cannot span a 章 boundary)."""
    out: dict[int, Article] = {}
    containers: list[list] = [law.body, *(suppl.articles for suppl in law.suppl)]
    while containers:
        children = containers.pop()
        for a, b in pairwise(children):
            if isinstance(a, Article) and isinstance(b, Article):
                out[id(a)] = b
        containers.extend(child.children for child in children if isinstance(child, Division))
    return out


def _references(law: Law, article: Article, gone: set[str]) -> list[str]:
    """The provisions left in ``law`` that cite ``article`` by its number, or as 前条 / 次条 from the article next
    to it; not another statute's article of that number (「法第六条第一項…並びに第十四条第一項」)."""
    order = [a for a in law.all_articles() if not a.deleted]
    at = next((n for n, a in enumerate(order) if a is article), None)
    neighbours = {
        "前条": order[at + 1] if at is not None and at + 1 < len(order) else None,
        "次条": order[at - 1] if at is not None and at > 0 else None,
    }
    by_number = re.compile(rf"{re.escape(article.label)}(?![のノ]{_NUMERAL})")
    cited: list[str] = []
    for other in order:
        if other.label in gone:
            continue
        for unit in _units(other):
            text = unit.text
            if any(neighbour is other and word in text for word, neighbour in neighbours.items()):
                cited.append(unit.label)
            elif article.label in text:  # (the citations are read only where the number is written)
                others = other_statute_spans(text, law.statute_names, law.title)
                if any(not any(s <= m.start() < e for s, e in others) for m in by_number.finditer(text)):
                    cited.append(unit.label)
    return list(dict.fromkeys(cited))


def _units(article: Article) -> list[Paragraph | Item]:
    """Every 項, 号 and 細目 of the article, in document order."""
    return [node for paragraph in article.paragraphs for node in paragraph_nodes(paragraph)]
