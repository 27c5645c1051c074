"""引用法令: the provisions of other statutes that a provision cites, named in full (都市計画法第16条第2項).

Why: a duty that a 法律 or 政令 imposes may not be changeable by the 例規 that restates it, so 法規担当 check the
根拠法令 behind a clause before amending it (domain-and-drafting d.7). A finding lists the statutes its text cites.

Only what can be named for certain is reported (a wrong citation costs more than none):

- an abbreviation the statute defines, 「都市計画法（昭和43年法律第100号。以下「法」という。）」: named by the national
  title its 法令番号 has (``statute_titles.json``, written by bench/statute_titles.py from the e-Gov indexes of 2020
  and 2025), else by the name written before the bracket, when it ends as a statute's name does (三郷市下水道条例);
- 法, 令 and 条例 in a 施行令, 施行規則 or 施行細則, read from its title (建築基準法施行規則: 法 = 建築基準法, 令 =
  建築基準法施行令), unless the statute defines them itself;
- a national statute cited by its title (地方自治法第244条の2), and a 例規 by a name the statute writes with its
  法令番号 somewhere;
- 同法, 同令, 同条例, 同規則: the statute cited last in the same text.

Then the reference as written — 第N条(のN)(第N項)(第N号) — and those listed after it (及び第6条, 第2項及び第3項, から
第8条まで). A provision of the statute itself (第5条, 前条, この条例第5条) is no citation of another statute.

同条, 同項 and 同号 stand for the provision referred to just before them (法制執務): 「法第八条第一項の撤回…同条第二項」
cites 法第八条第二項. They are followed only where that reference is another statute's and gives the level they
need (one article for 同条, one paragraph for 同項, one item for 同号; after a range, the levels its two ends share);
after the statute's own provisions (第5条, 前項) or a reference not read, they name nothing.
"""

from __future__ import annotations

import bisect
import heapq
import json
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from ahocorasick_rs import AhoCorasick, MatchKind

from analogreg.numbering import ORDINAL_NUMERAL, kanji_to_int

TITLES_FILE = Path(__file__).with_name("statute_titles.json")

_NUM = ORDINAL_NUMERAL
_ERA = "(?:明治|大正|昭和|平成|令和)"
_LAW_NUM = re.compile(rf"({_ERA})(元|{_NUM})年(?:{_NUM}月{_NUM}日)?(.+?)第({_NUM})号")
# The bracket after a statute's name: its 法令番号 and the abbreviation it is given, either or both
# (「（昭和43年法律第100号。以下「法」という。）」, 「（昭和43年法律第100号）」, 「（以下「法」という。）」).
# Searched for first (few places hold one); the name is then read backwards from it.
_DEFINITION = re.compile(
    rf"[（(]\s*(?:(?P<num>{_ERA}(?:元|{_NUM})年[^（）()。「」]{{0,30}}?第{_NUM}号)\s*。?\s*)?"
    rf"(?:以下\s*(?P<scope>(?:この|本)[^「」、。（）]{{1,12}}?)?\s*「(?P<short>[^「」]{{1,20}})」という。?\s*)?[）)]"
)
# A name as written before its bracket, read backwards: no punctuation, bracket or blank.
_NAME_BACKWARDS = re.compile(r"\s*([^、。，,「」『』（）()《》\s]{2,80})")
# How a statute's name ends (「…法」「…に関する法律」「…施行令」「…条例」 …).
_STATUTE_END = re.compile(r"(?:法|法律|令|規則|条例|規程|要綱|細則|基準|告示|訓令)$")
# Words that say a written name still holds the sentence around it (「…に基づき火薬類取締法」).
# (「…法附則第二十九条第二項による計量法」, 「…規則附則第三条の規定による廃止前の…規則」: a reference inside is the
# sentence's, and a name that holds one is in the national index, never written here.)
_NOT_A_NAME = re.compile(rf"この|に基づ|により|による|において|について|場合|ため|ところ|規定|第{_NUM}条")
_REFERENCE_INSIDE = re.compile(rf"この|第{_NUM}条")
_ENFORCING = re.compile(r"^(?P<base>.+?)(?:施行令|施行規則|施行細則|施行規程)$")
_MINISTRIES = re.compile(r"^.*?省関係")
# 同法, 同令 …: the kinds of statute each may stand for (a 省令 is often titled …規則).
_SAME = {
    "同法": ("法",),
    "同令": ("令",),
    "同政令": ("令",),
    "同省令": ("令", "規則"),
    "同府令": ("令", "規則"),
    "同条例": ("条例",),
    "同規則": ("規則",),
}
# After a law's name, words that make it part of an amending act's name (「…法の一部を改正する法律」).
_AMENDING = ("の一部を改正する", "等の一部を改正する")


def _kind(name: str) -> str:
    """法, 令, 規則, 条例 or "": what 同法, 同令 … may refer back to."""
    for kind, ends in (("法", ("法", "法律")), ("令", ("令",)), ("規則", ("規則",)), ("条例", ("条例",))):
        if name.endswith(ends):
            return kind
    return ""


_ARTICLE = rf"第{_NUM}条(?:[のノ]{_NUM})*"
_PARAGRAPH = rf"第{_NUM}項"
_ITEM = rf"第{_NUM}号(?:[のノ]{_NUM})*"
_REFERENCE = re.compile(rf"\s*(?:[（(][^（）()]{{0,40}}[）)])?\s*(?P<ref>{_ARTICLE}(?:{_PARAGRAPH})?(?:{_ITEM})?)")
# A reference listed after another one of the same statute: 及び第6条, 、第2項, から第8条まで; an aside in brackets may
# come between (「法第九条第三項（法第十条第三項において準用する場合を含む。）、第二十一条第三項」).
_LISTED = re.compile(
    rf"\s*(?:[（(][^（）()]{{0,60}}[）)])?\s*(?P<joint>、|及び|並びに|又は|若しくは|から)\s*(?P<ref>{_ARTICLE}(?:{_PARAGRAPH})?(?:{_ITEM})?|"
    rf"{_PARAGRAPH}(?:{_ITEM})?|{_ITEM})(?P<until>まで)?"
)
# After a name cited: a reference, or the bracket of its 法令番号 (a found name not followed so is no citation).
_BEFORE_REFERENCE = re.compile(r"\s*(?:第|[（(])")
_LEVEL = re.compile(rf"^(?P<article>{_ARTICLE})?(?P<paragraph>{_PARAGRAPH})?(?P<item>{_ITEM})?$")
# 同条, 同項, 同号 (not 同条例, 同条件, 同項目: after them 第 or no kanji) with the levels written after them, and the
# statute's own references that stand between a citation and a 同 (第5条, 前項, 前二条, 次号, 各号, この条).
_SAME_END = r"(?=第|[^\u3400-\u9fff々]|$)"
_OWN_OR_SAME = re.compile(
    rf"同条{_SAME_END}(?:{_PARAGRAPH})?(?:{_ITEM})?|同項{_SAME_END}(?:{_ITEM})?|同号{_SAME_END}|"
    rf"第{_NUM}[条項号]|[前次](?:各|{_NUM})?[条項号]|(?:この|本)[条項号]|各号"
)
# Before a name cited: a kanji or katakana would make it part of a longer word (方法第, 旧法第, 政令第 for 令).
_WORD_CHAR = re.compile(r"[\u3400-\u9fff々〆\u30a1-\u30fa\u30fc]")


def law_num_key(text: str) -> str | None:
    """A 法令番号 in one form whatever its numerals (昭和四十三年法律第百号 → 昭和43年法律第100号)."""
    match = _LAW_NUM.fullmatch(re.sub(r"\s", "", text))
    if match is None:
        return None
    era, year, kind, number = match.groups()
    try:
        year_value = 1 if year == "元" else kanji_to_int(year)
        return f"{era}{year_value}年{kind}第{kanji_to_int(number)}号"
    except ValueError:
        return None


@lru_cache(maxsize=1)
def national_titles() -> dict[str, str]:
    """法令番号 (law_num_key) → title, for every national statute of the e-Gov indexes."""
    return json.loads(TITLES_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _title_set() -> frozenset[str]:
    return frozenset(national_titles().values())


@lru_cache(maxsize=1)
def title_index() -> tuple[AhoCorasick, list[str]]:
    """An automaton over every national title (leftmost-longest), and the titles by its pattern numbers."""
    titles = sorted(_title_set())
    return AhoCorasick(titles, matchkind=MatchKind.LeftmostLongest), titles


def defined_statutes(texts: Iterable[str], home: str = "") -> dict[str, str]:
    """What a statute's text calls other statutes: each abbreviation it defines (法 → 都市計画法) and each local
    name it writes with a 法令番号 (三郷市下水道条例 → itself), first definition first.

    ``home``: the name of the body that made the statute (三郷市, from its title): a local name written after other
    words (「…規則及び三郷市企業職員の給与に関する規程」) begins there."""
    return _definitions(((text, None) for text in texts), home)


def _definitions(texts: Iterable[tuple[str, int | None]], home: str) -> dict[str, str]:
    """:func:`defined_statutes` of (text, at) pairs: with ``at``, only the definition whose bracket holds that place
    (a window of an XML file, whose other definitions are read from their own windows)."""
    names: dict[str, str] = {}
    scoped: dict[str, set[str]] = {}  # abbreviations given for some articles only (以下この条において「法」)
    for text, at in texts:
        for match in _DEFINITION.finditer(text):
            if not (match["num"] or match["short"]):
                continue
            if at is not None and not match.start() <= at < match.end():
                continue
            if _quoted(text, match.start()):
                # Inside 「…」: the words of another statute (a 読替え), whose 法 is not this one's.
                continue
            before = _NAME_BACKWARDS.match(text[max(0, match.start() - 90) : match.start()][::-1])
            if before is None:
                continue
            written = before.group(1)[::-1]
            start = match.start() - before.end()
            # A name may hold a 読点 (職員の勤務時間、休日及び休暇に関する条例): where one comes right before a
            # noun, where the name begins is not known, so the name as written is not used.
            cut = start >= 2 and text[start - 1] in "、，" and _WORD_CHAR.match(text, start - 2) is not None
            cut = cut or len(written) == 80  # a run longer than any name: where it begins is not known either
            written = _local_name(written, home)
            if match["num"]:
                name = _statute_name(written, match["num"], written_ok=not cut, home=home)
            else:
                # No 法令番号 (「構造改革特別区域法（以下「法」という。）」): only a national title as written is sure.
                name = written if not cut and written in _title_set() else None
            if name is None:
                continue
            if match["short"] and match["scope"]:
                scoped.setdefault(match["short"], set()).add(name)
            elif match["short"]:
                # One abbreviation given to two statutes (each for some articles): which one a text means is not known.
                known = names.setdefault(match["short"], name)
                if known != name:
                    names[match["short"]] = ""
            if name == written:
                names.setdefault(name, name)
    for short, targets in scoped.items():
        # Where the abbreviation means another statute for some articles, which articles is not read here: it names
        # nothing then, unless it means the same statute everywhere (checked against the title's in statute_names).
        if short in names:
            if names[short] and targets != {names[short]}:
                names[short] = ""
        else:
            names[short] = _SCOPED + "|".join(sorted(targets))
    return names


# Marks an abbreviation the statute gives only for some articles: statute_names keeps the title's meaning for it
# if every such definition agrees with it, and no meaning otherwise.
_SCOPED = "\x00"


def _quoted(text: str, at: int) -> bool:
    """Whether ``at`` lies inside a 「…」 of ``text`` (counted from its start)."""
    return text.count("「", 0, at) > text.count("」", 0, at)


_TAG = re.compile(r"<[^>]*>")
# An abbreviation given (以下「法」という), after a 法令番号 (号。) or right after a name's bracket (（).
_NUMBERED, _BRACKET, _YEAR = "号。".encode(), "（".encode(), "年".encode()
# Where an abbreviation is given: 以下「, and 号。以下この (条において「法」: given with a number for some articles).
_DEFINES = "以下「".encode()
_SCOPED_DEFINES = "号。以下この".encode()
_SENTENCE = b"<Sentence"
_OPEN, _CLOSE = "「".encode(), "」".encode()
_TITLE_ENDS = frozenset(ch.encode() for ch in "令則法律程準")


def _found(data: bytes, word: bytes) -> list[int]:
    """Every place ``word`` occurs in ``data``."""
    places = []
    at = data.find(word)
    while at != -1:
        places.append(at)
        at = data.find(word, at + 1)
    return places


def defined_statutes_in_xml(data: bytes) -> dict[str, str]:
    """:func:`defined_statutes` of an e-Gov XML document, read from its bytes around each 「号。以下「」, 「（以下「」
    and 「号。以下この」 (a scan reads only some articles of a law, and the one defining 法 is seldom among them): the
    sentence up to there (so that a 「…」 opened before it is seen), with the tags taken out."""
    windows: list[tuple[str, int | None]] = []
    for at in (*_found(data, _DEFINES), *(at + len(_NUMBERED) for at in _found(data, _SCOPED_DEFINES))):
        # 「号。以下「」, or 「（以下「」 after a national title's last character (法, 法律, 令, 規則, 規程, 基準):
        # without a number only a national title is named.
        numbered = data.endswith(_NUMBERED, 0, at) and _YEAR in data[max(0, at - 90) : at]
        if numbered or (data.endswith(_BRACKET, 0, at) and data[max(0, at - 6) : max(0, at - 3)] in _TITLE_ENDS):
            start = max(0, data.rfind(_SENTENCE, max(0, at - 20_000), at))
            # A 「 of the sentence left open before the window: the definition is inside another statute's words.
            if data.count(_OPEN, start, at) <= data.count(_CLOSE, start, at):
                before = _TAG.sub("", data[max(start, at - 450) : at].decode("utf-8", errors="ignore"))
                after = _TAG.sub("", data[at : at + 120].decode("utf-8", errors="ignore"))
                windows.append((before + after, len(before)))
    return _definitions(windows, "")


_LEADING_JOINT = re.compile(r"^(?:及び|並びに|又は|若しくは)")
# The body a 例規's title names first: 三郷市, 埼玉県, 千代田区, or one of the four 都道府 (a title that begins with
# 都市 or 上下水道 names no body).
_HOME = re.compile(r"^(?:東京都|北海道|京都府|大阪府|(?!都市)[^\sの]{1,5}?[市町村区県])")


def home_of(title: str) -> str:
    """The body a 例規's title begins with (三郷市下水道条例 → 三郷市), or ""."""
    match = _HOME.match(title)
    return match.group(0) if match else ""


def _local_name(written: str, home: str) -> str:
    """A name as written, without words of the sentence before it: from the body's name on, if it is there."""
    at = written.find(home, 1) if home else -1
    if at > 0:
        return written[at:]
    return _LEADING_JOINT.sub("", written)


def _statute_name(written: str, number: str, *, written_ok: bool = True, home: str = "") -> str | None:
    """The statute a definition names: the national title of its number, else the name as written when it is one.

    A name that begins with the body's own name (三郷市社会福祉法人等による…要綱) is one whatever words it holds,
    unless it holds a reference."""
    key = law_num_key(number)
    title = national_titles().get(key) if key is not None else None
    if title is not None:
        return title
    suspect = _NOT_A_NAME if not (home and written.startswith(home)) else _REFERENCE_INSIDE
    if written_ok and _STATUTE_END.search(written) and not suspect.search(written):
        return written
    return None


def statute_names(title: str, defined: Mapping[str, str]) -> dict[str, str]:
    """Every name the statute titled ``title`` cites others by: ``defined`` (:func:`defined_statutes`), and what its
    title implies for a 施行令 / 施行規則 / 施行細則 (法, 令, 条例) where it does not define them."""
    names: dict[str, str] = {}
    match = _ENFORCING.match(title)
    if match is not None:
        base = match["base"]
        # 環境省関係浄化槽法施行規則, 三郷市老人福祉法施行細則: 法 is 浄化槽法, 老人福祉法 (a national title).
        law = _MINISTRIES.sub("", base.removeprefix(home_of(base)))
        if law in _title_set():
            names["法"] = law
            if not title.endswith("施行令") and law + "施行令" in _title_set():
                names["令"] = law + "施行令"
        elif base.endswith("条例"):
            names["条例"] = base
    for short, name in defined.items():
        if name.startswith(_SCOPED):
            targets = set(name.removeprefix(_SCOPED).split("|"))
            names[short] = names[short] if names.get(short) and targets == {names[short]} else ""
        else:
            names[short] = name  # "" (an abbreviation given to two statutes) stays: no default stands in for it
    return names


# A first article that says what the 例規 is made under: 「…の規定に基づき」, 「…により」, 「…の施行に関し」.
_MADE_UNDER = re.compile(r"基づ|により|施行に関し|委任")
# Right after the references a 例規 is made under (an aside in brackets may come between): 「の規定に基づき」.
_ASIDE = r"\s*(?:[（(][^（）()]*[）)])?\s*(?:の規定)?\s*"
_UNDER_AFTER = re.compile(_ASIDE + r"(?:に基づ|により|による|の施行|の委任|を施行|を実施)")
# Between references listed together, each of which the 例規 is made under: 「法第5条、同条第2項及び令第3条の規定」.
_JOINT = re.compile(_ASIDE + r"(?:、|及び|並びに|又は|若しくは)\s*")


def basis(first_article: str, names: Mapping[str, str], own_title: str = "") -> list[str]:
    """The provisions a 例規 says it is made under (its 根拠規定), read from its first article (趣旨・目的):
    「この条例は、都市計画法…第16条第2項の規定に基づき…」 → [都市計画法第16条第2項]; [] when it says none.

    Only the citations the article's own sentence is made under: those 「の規定に基づき」 (により, の施行に関し …)
    follows, alone or listed together, outside brackets. Another provision the article cites to describe what it is
    about (「地方公務員法第3条第2項に規定する一般職」, 「…の規定に基づき保育が必要と認められる児童」 inside an aside)
    is no basis."""
    if not _MADE_UNDER.search(first_article):
        return []
    runs = _citations(first_article, names, own_title)
    out: list[str] = []
    under_from: int | None = None  # where the list of references the text is made under begins (read backwards)
    for start, end, statute, refs, _ in reversed(runs):
        if _depth(first_article, start) == 0 and (
            _UNDER_AFTER.match(first_article, end)
            or (under_from is not None and (joint := _JOINT.match(first_article, end)) and joint.end() == under_from)
        ):
            under_from = start
            out[:0] = [statute + ref for ref in refs]
        else:
            under_from = None
    return list(dict.fromkeys(out))


def _depth(text: str, at: int) -> int:
    """How many brackets are open at ``at``."""
    before = text[:at]
    return before.count("（") + before.count("(") - before.count("）") - before.count(")")


def cited_provisions(text: str, names: Mapping[str, str], own_title: str = "") -> list[str]:
    """The provisions of other statutes ``text`` cites, named in full (都市計画法第16条第2項), in order, once each.

    ``names``: what the statute calls other statutes (:func:`statute_names`); ``own_title``: the statute's own
    title, which its 附則 may write out (温泉法施行規則第六条 in 温泉法施行規則): no other statute."""
    out: list[str] = []
    for citation in _citations(text, names, own_title):
        _add(out, citation.statute, citation.refs)
    return out


def other_statute_spans(text: str, names: Mapping[str, str], own_title: str = "") -> list[tuple[int, int]]:
    """Where ``text`` cites another statute (its name or 同, to the end of the references listed): a 「第十四条」 there
    is that statute's, not the text's own (「法第六条第一項…並びに第十四条第一項」)."""
    return [(citation.start, citation.end) for citation in _citations(text, names, own_title)]


class Citation(NamedTuple):
    """A citation of another statute: where it is written (its name or 同, to the end of the references listed), its
    statute, and its references with where each is written."""

    start: int
    end: int
    statute: str
    refs: list[str]
    spans: list[tuple[int, int]]


def _citations(text: str, names: Mapping[str, str], own_title: str = "") -> list[Citation]:
    """Every citation of another statute in ``text``, in order: :func:`cited_provisions` with where each is written."""
    # Every statute named so far, with its kind: 同法 is the last 法律 named, 同令 the last 政令 (法制執務). One named
    # but not read (新所得税法施行令, 旧法, an amending act) is None: a 同令 after it is not the one before it.
    named: list[tuple[str, str | None]] = []
    runs: list[Citation] = []
    for start, end, written in _names_in(text, names):
        # Part of a longer word (方法, 新所得税法施行令, 旧法), or the statute itself (この条例).
        other = start > 0 and (_WORD_CHAR.match(text, start - 1) or text[max(0, start - 2) : start] == "この")
        if written in _SAME:
            kinds = _SAME[written]
            statute = None if other else next((s for kind, s in reversed(named) if kind in kinds), None)
        else:
            statute = names.get(written, written) or None
            if other or statute is None or text.startswith(_AMENDING, end):
                named.append((_kind(statute or written), None))
                continue
            named.append((_kind(statute), statute))
        reference = _REFERENCE.match(text, end)
        if statute is None or reference is None or statute == own_title:
            continue
        found, spans = _listed_after(text, reference["ref"], (reference.start("ref"), reference.end()))
        runs.append(Citation(start, spans[-1][1], statute, found, spans))
    return sorted(runs + _same_provisions(text, runs), key=lambda run: run.start)


def _add(out: list[str], statute: str, refs: list[str]) -> None:
    for ref in refs:
        citation = statute + ref
        if citation not in out:
            out.append(citation)


def _listed_after(text: str, first: str, span: tuple[int, int]) -> tuple[list[str], list[tuple[int, int]]]:
    """``first`` (written at ``span``) and the references listed after it (及び第6条, 第2項及び第3項, から第8条まで),
    each completed with the levels it shares with the one before, and where each is written."""
    previous = first
    found, spans = [first], [span]
    at = span[1]
    while (listed := _LISTED.match(text, at)) is not None:
        if listed["joint"] == "から" and listed["until"]:
            found[-1] += f"から{listed['ref']}まで"  # a range as written: 第二十八条第二項から第四項まで
            spans[-1] = (spans[-1][0], listed.end())
            previous = _completed(listed["ref"], previous)
        else:
            previous = _completed(listed["ref"], previous)
            found.append(previous)
            spans.append((listed.start("ref"), listed.end()))
        at = listed.end()
    return found, spans


def _same_provisions(text: str, runs: list[Citation]) -> list[Citation]:
    """The provisions 同条, 同項 and 同号 stand for, in order. Each refers to the reference written just before it
    (法制執務: 「法第十条及び第十一条…同条」 is 第十一条), and is followed only where that is another statute's
    reference (of ``runs``, or a 同 already followed): after one of the statute's own (第5条, 前項), or one not read,
    it names nothing."""
    if "同" not in text:
        return []
    # (where, its end, tie-break, statute or None, reference as written): every reference, in the order written.
    events: list[tuple[int, int, int, str | None, str]] = [
        (span[0], span[1], 0, run.statute, ref) for run in runs for ref, span in zip(run.refs, run.spans, strict=True)
    ]
    read = _Spans(span for run in runs for span in run.spans)  # where a reference is already another statute's
    for match in _OWN_OR_SAME.finditer(text):
        # A 同 is never part of a reference read; one inside a range's aside is followed like any other.
        if match.group().startswith("同") or not read.holds(match.start()):
            events.append((match.start(), match.end(), 1, None, match.group()))
    heapq.heapify(events)
    out: list[Citation] = []
    before: tuple[str, str] | None = None  # the reference written last, if another statute's: (statute, reference)
    while events:
        start, end, _, statute, written = heapq.heappop(events)
        if statute is not None:
            before = (statute, written)
            continue
        if not written.startswith("同") and read.holds(start):
            continue  # a reference listed after a 同 followed (同項第一号及び第二号): it came as that statute's
        first = _same_reference(written, before[1]) if before is not None and written.startswith("同") else None
        if before is None or first is None:
            before = None  # the statute's own provision, or a 同 that names nothing
            continue
        found, spans = _listed_after(text, first, (start, end))
        out.append(Citation(start, spans[-1][1], before[0], found, spans))
        for span in spans[1:]:
            read.add(span)
        before = (before[0], found[0])
        for ref, span in zip(found[1:], spans[1:], strict=True):
            heapq.heappush(events, (span[0], span[1], 0, before[0], ref))
    return out


class _Spans:
    """Where references are written: sorted, non-overlapping (start, end) spans, asked whether they hold a position
    (a long table cites hundreds of provisions: a scan of every span for every reference would be quadratic)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self._spans = sorted(spans)

    def add(self, span: tuple[int, int]) -> None:
        bisect.insort(self._spans, span)

    def holds(self, position: int) -> bool:
        at = bisect.bisect_right(self._spans, (position, float("inf"))) - 1
        return at >= 0 and self._spans[at][0] <= position < self._spans[at][1]


def _same_reference(written: str, before: str) -> str | None:
    """What a 同 stands for after the reference ``before``: 同条第2項 after 第8条第1項 → 第8条第2項; 同項第1号 after
    第8条第1項 → 第8条第1項第1号; 同号 after 第8条第1項第2号 → the same. After a range (第5条第1項第5号から第9号まで),
    the levels its two ends share. None where ``before`` lacks the level the 同 needs."""
    first, _, last = before.removesuffix("まで").partition("から")
    level = _LEVEL.match(first)
    if level is None or not level["article"]:
        return None  # a 項 or 号 of the statute's own article
    if last:
        end = _LEVEL.match(_completed(last, first))
        if end is None or written.startswith("同号"):
            return None
        paragraph_differs = written.startswith("同項") and end["paragraph"] != level["paragraph"]
        if end["article"] != level["article"] or paragraph_differs:
            return None  # a range over several articles (or paragraphs) gives no one 条 (or 項)
    if written.startswith("同条"):
        return level["article"] + written[2:]
    if written.startswith("同項"):
        return level["article"] + level["paragraph"] + written[2:] if level["paragraph"] else None
    return first if level["item"] else None


def _names_in(text: str, names: Mapping[str, str]) -> list[tuple[int, int, str]]:
    """Where a statute's name (national title, one of ``names``, or 同法 …) is written in ``text``, leftmost-longest."""
    found: list[tuple[int, int, str]] = []
    index, titles = title_index()
    for number, start, end in index.find_matches_as_indexes(text):
        found.append((start, end, titles[number]))
    for name in (*names, *_SAME):
        at = text.find(name)
        while at != -1:
            end = at + len(name)
            if _BEFORE_REFERENCE.match(text, end):
                found.append((at, end, name))
            at = text.find(name, at + 1)
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, str]] = []
    for start, end, name in found:
        if kept and start < kept[-1][1]:
            continue  # inside a longer name found first
        kept.append((start, end, name))
    return kept


def _completed(ref: str, previous: str) -> str:
    """A listed reference with the levels it shares with the one before: 第2項 after 第5条第1項 → 第5条第2項."""
    parts = _LEVEL.match(ref)
    before = _LEVEL.match(previous)
    if parts is None or before is None or parts["article"]:
        return ref
    if parts["paragraph"]:
        return (before["article"] or "") + ref
    return (before["article"] or "") + (before["paragraph"] or "") + ref
