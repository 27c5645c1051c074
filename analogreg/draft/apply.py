"""The applier: reads 改め文 text on its own and applies it to a map of provisions (label → text).

It is the check on the generator (``aratame.py``) and shares no code with it, not even helpers: it has its own
reading of locations (第3条第2項第1号, 同条 / 同項 / 同号, 附則 / 付則, 別表, 細目, 「第3条から第5条までの規定」,
「第3条（見出しを含む。）」), of quotes (nested 「」), of the operations (改め / 削り / 加え, grouped and mixed; a
見出し replaced whole, 「第3条の見出しを「（…）」に改める」) and of sentence additions (ただし書 / 後段). Two
independent readings of the drafting rules are what make the check worth having.

Quoted strings are looked up in the provision as it stands when its location clause (「第3条中…」) begins: the
text the drafter quoted. Each must occur there exactly once (under 「（見出しを含む。）」, once in the 見出し and
once in the text, or in one of them); the changes of a clause must run front to back
without overlapping (b.4), and are made together. A later clause or sentence sees the text as amended.

It refuses, with a reason, anything it cannot read exactly: an unknown location, a quote that occurs zero times
or more than once in the cited provision (b.2: the provision covers its items too), unbalanced 「」, changes out
of order, and text left over after the last operation.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUMERAL_CHARS = frozenset("0123456789０１２３４５６７８９〇零一二三四五六七八九十百千万")
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_KATAKANA = frozenset(chr(c) for c in range(0x30A1, 0x30FB))
_CIRCLED = frozenset(chr(c) for c in range(0x2460, 0x2474)) | frozenset(chr(c) for c in range(0x2474, 0x2488))
_QUALIFIERS = ("各号列記以外の部分", "本文", "ただし書", "前段", "後段")
# b.2: 「第八条及び第九条（見出しを含む。）中」 — the articles' 見出し are in the clause's reach too.
_WITH_CAPTION = "（見出しを含む。）"
_SPACES = " \u3000\t"


class ApplyError(Exception):
    """The 改め文 cannot be applied as written; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Provision:
    """A provision's current text and, per character, its index in the text before amendment (None: added)."""

    label: str
    original: str
    text: str
    origin: list[int | None] = field(default_factory=list)

    def replace(self, start: int, end: int, replacement: str) -> None:
        self.text = self.text[:start] + replacement + self.text[end:]
        self.origin[start:end] = [None] * len(replacement)


def apply_aratame(aratame: str, provisions: Mapping[str, str]) -> dict[str, Provision]:
    """Apply ``aratame`` to ``provisions`` (label → text before); returns every provision after, by label.

    Raises :class:`ApplyError` naming what could not be read or applied.
    """
    table = {label: Provision(label, text, text, list(range(len(text)))) for label, text in provisions.items()}
    paths: dict[tuple, str] = {}
    for label in provisions:
        path = cited_path(label)
        if path is None:
            raise ApplyError(f"条項の表記を読めません: {label}")
        if path in paths:
            raise ApplyError(f"同じ条項が二度あります: {paths[path]} と {label}")
        paths[path] = label
    lines = [line.strip(_SPACES) for line in aratame.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        raise ApplyError("改め文が空です")
    n = 0
    last: tuple | None = None
    while n < len(lines):
        reader = _Reader(lines[n], 0)
        body = lines[n + 1] if n + 1 < len(lines) else None
        used_body, last = reader.sentences(table, paths, last, body)
        n += 2 if used_body else 1
    return table


def cited_path(label: str) -> tuple | None:
    """The location a provision's citation reads as (what a 改め文 citing it must match), or None when this reader
    cannot read the citation whole (a range printed as written, 「第一号及び第二号」, is no single provision)."""
    try:
        path, rest = _Reader(label, 0).location(None)
    except ApplyError:
        return None
    return path if rest == len(label) else None


# --- numbers and locations ------------------------------------------------------------------------------


def _number(text: str) -> int:
    """An arabic (半角/全角) or 漢数字 numeral as int."""
    digits = text.translate(_FULLWIDTH)
    if digits.isdigit():
        return int(digits)
    if all(ch in _KANJI_DIGITS for ch in text) and len(text) > 1:
        return int("".join(str(_KANJI_DIGITS[ch]) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch in _KANJI_DIGITS:
            current = _KANJI_DIGITS[ch]
        elif ch in _KANJI_UNITS:
            total += (current or 1) * _KANJI_UNITS[ch]
            current = 0
        elif ch == "万":
            total = (total + current) * 10_000
            current = 0
        else:
            raise ApplyError(f"数字を読めません: {text}")
    return total + current


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a provision: a 句点 outside brackets ends a sentence."""
    spans: list[tuple[int, int]] = []
    level = 0
    begin = 0
    for pos, ch in enumerate(text):
        if ch in "「（(":
            level += 1
        elif ch in "」）)" and level:
            level -= 1
        elif ch == "。" and not level:
            spans.append((begin, pos + 1))
            begin = pos + 1
    if begin < len(text):
        spans.append((begin, len(text)))
    return spans


@dataclass
class _Part:
    """A stretch of one provision that a location covers; it grows and shrinks as operations are applied in it."""

    provision: Provision
    start: int
    end: int | None  # None: to the end of the text, whatever its length is now


@dataclass
class _Target:
    """A resolved location: the provisions it covers and, with a qualifier, which part of its own text.

    The part a qualifier names (本文, ただし書 …) is fixed when the location is read, as the text stands then,
    and follows the operations applied inside it: a later operation cannot move the boundary.
    """

    path: tuple
    label: str
    own: Provision | None
    parts: list[_Part]


class _Reader:
    """A cursor over one line of 改め文 (or one label)."""

    def __init__(self, text: str, pos: int) -> None:
        self.text = text
        self.pos = pos

    # --- low level -------------------------------------------------------------------------------------

    def at(self, word: str) -> bool:
        return self.text.startswith(word, self.pos)

    def take(self, word: str) -> bool:
        if self.at(word):
            self.pos += len(word)
            return True
        return False

    def expect(self, word: str) -> None:
        if not self.take(word):
            raise ApplyError(f"「{word}」があるべき所を読めません: …{self.text[self.pos : self.pos + 20]}")

    def numeral(self) -> int | None:
        end = self.pos
        while end < len(self.text) and self.text[end] in _NUMERAL_CHARS:
            end += 1
        if end == self.pos:
            return None
        value = _number(self.text[self.pos : end])
        self.pos = end
        return value

    def ordinal(self, *units: str) -> tuple[int, ...] | None:
        """第N条の M の K → (N, M, K); None (cursor unmoved) when the text is no such ordinal. A statute drafted in
        katakana writes its branch numbers with ノ (第四十四条ノ二), and is cited so."""
        start = self.pos
        if not self.take("第"):
            return None
        head = self.numeral()
        if head is None or not any(self.take(unit) for unit in units):
            self.pos = start
            return None
        values = [head]
        while self.at("の") or self.at("ノ"):
            keep = self.pos
            self.pos += 1
            branch = self.numeral()
            if branch is None:
                self.pos = keep
                break
            values.append(branch)
        return tuple(values)

    def subitem(self) -> str | None:
        """A 細目 title: イ, ア, (1), （ア）, ⑴, ①, (iii) / （ｉｉｉ）, ｊ; Latin and parenthesised ones normalised."""
        if self.pos >= len(self.text):
            return None
        ch = self.text[self.pos]
        if ch in _KATAKANA or ch in _CIRCLED:
            self.pos += 1
            return ch
        letter = unicodedata.normalize("NFKC", ch).lower()
        if letter.isascii() and letter.isalpha():
            # Latin-lettered 細目 of national 省令 (ハ（二）ｊ): compared in one normal form.
            self.pos += 1
            return letter
        if ch in "(（":
            close = ")" if ch == "(" else "）"
            end = self.text.find(close, self.pos)
            if end != -1 and 1 <= end - self.pos - 1 <= 6:
                inner = self.text[self.pos + 1 : end]
                if all(c in _NUMERAL_CHARS or c in _KATAKANA for c in inner):
                    self.pos = end + 1
                    value = str(_number(inner)) if all(c in _NUMERAL_CHARS for c in inner) else inner
                    return f"({value})"
                roman = unicodedata.normalize("NFKC", inner).lower()
                if roman.isascii() and roman.isalpha():
                    # Roman-numbered 細目 of national 府令 ((i), （ｉｉｉ）): compared in one normal form.
                    self.pos = end + 1
                    return f"({roman})"
        return None

    def quote(self) -> str:
        """「…」 with nested 「」 balanced; the text inside."""
        if not self.at("「"):
            raise ApplyError(f"引用符「があるべき所を読めません: …{self.text[self.pos : self.pos + 20]}")
        level = 0
        for end in range(self.pos, len(self.text)):
            ch = self.text[end]
            if ch == "「":
                level += 1
            elif ch == "」":
                level -= 1
                if level == 0:
                    inner = self.text[self.pos + 1 : end]
                    self.pos = end + 1
                    return inner
        raise ApplyError(f"かぎ括弧が閉じていません: {self.text[self.pos : self.pos + 30]}…")

    # --- locations -------------------------------------------------------------------------------------

    def location(self, last: tuple | None, joined: tuple | None = None) -> tuple[tuple, int]:
        """Read a location (absolute or 同条 / 同項 / 同号 / 同表) as a path; returns (path, position after it).

        ``joined``: the location before this one in a list (「第3条第1項及び第2項」). A listed location that starts
        below that one's top level continues it (b.2: 第2項 there is 第3条第2項, as in real 「第四十二条第一項及び
        第二項中」).
        """
        path: list[tuple] = []
        relative = False
        for word, unit in (("同条", "条"), ("同項", "項"), ("同号", "号"), ("同表", "表")):
            if self.take(word):
                path = self._back_to(last, unit)
                break
        else:
            path = self._head()
            relative = joined is not None and not path
        while True:
            before = len(path)
            # 條: the old form of 条 in pre-war statutes (第十三條第二項).
            for unit, forms in (("条", ("条", "條")), ("項", ("項",)), ("号", ("号",))):
                value = self.ordinal(*forms)
                if value is not None:
                    path.append((unit, value))
            while (title := self.subitem()) is not None:
                path.append(("細目", title))
            if self.take("の見出し"):
                path.append(("見出し",))
            elif self.take("の表"):
                path.append(("表",))
            elif path and path[-1][0] in ("章", "節", "款", "編", "目") and self.take(f"の{path[-1][0]}名"):
                path.append(("名",))
            if path and path[-1][0] in ("別表", "表"):
                row = self._table_row()
                if row is not None:
                    path.append(("表の項", row))
            if len(path) == before:
                break
        if not path:
            raise ApplyError(f"改正箇所を読めません: …{self.text[self.pos : self.pos + 20]}")
        if relative and joined is not None:
            path = _continued(joined, path)
        return tuple(path), self.pos

    def _head(self) -> list[tuple]:
        """What comes before the 条: 附則 (付則), 別表, 様式, 目次, 題名, 前文, 本則, 第N章 …."""
        path: list[tuple] = []
        # A 規程 that prints its 附則 as 付則 is cited so (付則第2項); the word stays in the path, so a citation
        # must use the word the provision is labelled with.
        word = next((w for w in ("附則", "付則") if self.take(w)), None)
        if word is not None:
            path.append((word,))
            if self.at("（"):
                end = self.text.find("）", self.pos)
                if end == -1:
                    raise ApplyError(f"{word}の括弧が閉じていません")
                path[-1] = (word, self.text[self.pos + 1 : end])
                self.pos = end + 1
        for word in ("目次", "題名", "前文", "本則"):
            if self.take(word):
                path.append((word,))
                return path
        if self.take("別表"):
            path.append(("別表", self.ordinal("") or ()))
        elif self.take("別記様式") or self.take("様式"):
            path.append(("様式", self.ordinal("号") or ()))
        else:
            for unit in ("編", "章", "節", "款", "目"):
                value = self.ordinal(unit)
                if value is not None:
                    path.append((unit, value))
        return path

    def _table_row(self) -> str | None:
        """A row of a table cited by its first column: 別表第一道路法（…）の項 → the text before 「の項」."""
        end = self.text.find("の項", self.pos)
        stop = self.text.find("中", self.pos)
        if end == -1 or (stop != -1 and stop < end) or "「" in self.text[self.pos : end]:
            return None
        row = self.text[self.pos : end]
        self.pos = end + 2
        return row

    def locations(self, last: tuple | None) -> list[tuple[tuple, str, tuple | None]]:
        """One location or several joined by 、 / 及び / 並びに, each with its qualifier (本文, ただし書 …) and, for
        a range (「第十二条から第十四条まで」), the location it runs to (else None).

        b.2: 「第五条第一項第五号、第十八条第一項第六号及び第五十二条第七号ロ中」 applies the operations at each.
        """
        found: list[tuple[tuple, str, tuple | None]] = []
        while True:
            path, _ = self.location(last, found[-1][0] if found else None)
            until = None
            if self.take("から"):
                # The end of a range is written as a listed location is: 「附則第三条から第五条まで」.
                until, _ = self.location(path, path)
                self.expect("まで")
                # A range before 中 is written 「第十三条から第十五条までの規定中」 (b.2, as real 改め文 do).
                if self.at("の規定中") or self.at("の規定、") or self.at("の規定及び") or self.at("の規定並びに"):
                    self.pos += len("の規定")
            qualifier = ""
            if self.take(_WITH_CAPTION):
                if path[-1][0] != "条":
                    raise ApplyError(f"見出しを含むとされた{_describe(path)}が条ではありません")
                qualifier = _WITH_CAPTION
            for word in _QUALIFIERS:
                if not qualifier and any(self.at(word + follow) for follow in ("中", "、", "及び", "並びに")):
                    qualifier = word
                    self.pos += len(word)
                    break
            found.append((path, qualifier, until))
            last = until or path
            for joint in ("、", "及び", "並びに"):
                if self.at(joint) and not self.at(joint + "「"):
                    self.pos += len(joint)
                    break
            else:
                if qualifier == _WITH_CAPTION:
                    # Written once after a list, it reaches the 見出し of every article listed (「第八条及び第九条
                    # （見出しを含む。）中」); the 項 and 号 of the list have none.
                    found = [(p, _WITH_CAPTION if p[-1][0] == "条" and not q else q, u) for p, q, u in found]
                return found

    @staticmethod
    def _back_to(last: tuple | None, unit: str) -> list[tuple]:
        if last is None:
            raise ApplyError(f"同{unit}が指す条項がありません")
        for n in range(len(last) - 1, -1, -1):
            if last[n][0] == unit:
                return list(last[: n + 1])
        raise ApplyError(f"同{unit}が指す条項がありません")

    # --- sentences -------------------------------------------------------------------------------------

    def sentences(
        self, table: dict[str, Provision], paths: dict[tuple, str], last: tuple | None, body: str | None
    ) -> tuple[bool, tuple | None]:
        """Apply every sentence on this line; returns whether the next line was taken as added text."""
        while self.pos < len(self.text):
            used_body, last = self._sentence(table, paths, last, body)
            if used_body:
                if self.pos < len(self.text):
                    raise ApplyError(f"「次のように加える」の後に読めない文があります: {self.text[self.pos :]}")
                return True, last
        return False, last

    def _sentence(
        self, table: dict[str, Provision], paths: dict[tuple, str], last: tuple | None, body: str | None
    ) -> tuple[bool, tuple | None]:
        while True:
            cited = self.locations(last)
            last = cited[-1][2] or cited[-1][0]
            if self.take("中"):
                targets = [
                    _resolve(each, qualifier, table, paths)
                    for path, qualifier, until in cited
                    for each in _spanned(path, until, paths)
                ]
                operations: list[tuple[str, str, str]] = []
                while True:
                    final, group = self._group()
                    operations += group
                    if final or not self.at("、「"):
                        break
                    self.pos += 1
                for target in targets:
                    _apply_clause(target, operations)
                if final:
                    self.expect("。")
                    return False, last
                self.expect("、")
                continue
            if self.take("を次のように改める"):
                self.expect("。")
                if body is None:
                    raise ApplyError("改めた後の規定（次の行）がありません")
                if any(qualifier for _, qualifier, _ in cited):
                    raise ApplyError("本文・ただし書などを指定して「次のように改める」ことはできません")
                every = [each for path, _, until in cited for each in _spanned(path, until, paths)]
                _rewrite([_resolve(each, "", table, paths, whole=True) for each in every], cited, body)
                return True, last
            if self.at("を削"):
                # 「第十三条第二項から第五項までを削る」: whole provisions taken out, with everything inside them.
                self.pos += 1
                if any(qualifier for _, qualifier, _ in cited):
                    raise ApplyError("本文・ただし書などを指定して規定を削ることはできません")
                final = self._verb("削")
                every = [each for path, _, until in cited for each in _spanned(path, until, paths)]
                _cut([_resolve(each, "", table, paths, whole=each[-1][0] == "条") for each in every], paths)
                if final:
                    self.expect("。")
                    return False, last
                self.expect("、")
                continue
            if len(cited) != 1 or cited[0][1] or cited[0][2]:
                raise ApplyError(f"改正の種類を読めません: …{self.text[self.pos : self.pos + 20]}")
            path = cited[0][0]
            if path[-1][0] == "見出し" and self.at("を「"):
                # b.2: 「第三条の見出しを「（…）」に改める」 — the 見出し replaced whole, its brackets with it.
                self.pos += 1
                caption = self.quote()
                self.expect("に")
                final = self._verb("改")
                own = _own(_resolve(path, "", table, paths))
                own.replace(0, len(own.text), caption)
                if final:
                    self.expect("。")
                    return False, last
                self.expect("、")
                continue
            proviso = self.take("に次のただし書を加える")
            if proviso or self.take("に後段として次のように加える"):
                self.expect("。")
                if body is None:
                    raise ApplyError("加える文（次の行）がありません")
                _add_sentence(_resolve(path, "", table, paths), body, proviso=proviso)
                return True, last
            for part in ("ただし書", "後段"):
                if self.take(part + "を"):
                    final = self._verb("削")
                    _remove_sentence(_resolve(path, "", table, paths), proviso=part == "ただし書")
                    break
            else:
                raise ApplyError(f"改正の種類を読めません: …{self.text[self.pos : self.pos + 20]}")
            if final:
                self.expect("。")
                return False, last
            self.expect("、")

    def _verb(self, stem: str) -> bool:
        """Read a verb of ``stem`` (改 / 削 / 加); True for the final form (改める, 削る, 加える)."""
        forms = {"改": ("改める", "改め"), "削": ("削る", "削り"), "加": ("加える", "加え")}[stem]
        if self.take(forms[0]):
            return True
        if self.take(forms[1]):
            return False
        raise ApplyError(f"「{forms[0]}」があるべき所を読めません: …{self.text[self.pos : self.pos + 20]}")

    def _quote_list(self) -> list[str]:
        """「A」 / 「A」及び「B」 / 「A」、「B」及び「C」."""
        quotes = [self.quote()]
        while True:
            if self.at("、「") or self.at("及び「"):
                self.pos += 1 if self.at("、") else 2
                quotes.append(self.quote())
            else:
                return quotes

    def _group(self) -> tuple[bool, list[tuple[str, str, str]]]:
        """One run of operations of one kind ending in its verb: (verb is final, [(kind, quoted, new)])."""
        operations: list[tuple[str, list[str], str]] = []
        while True:
            quotes = self._quote_list()
            if self.at("の次に「") or self.at("の下に「"):
                if len(quotes) != 1:
                    raise ApplyError("加える位置の字句は一つでなければなりません")
                self.pos += 3
                added = self.quote()
                self.expect("を")
                operations.append(("加", quotes, added))
            else:
                self.expect("を")
                if self.at("「"):
                    replacement = self.quote()
                    self.expect("に")
                    operations.append(("改", quotes, replacement))
                else:
                    operations.append(("削", quotes, ""))
                    break
            if self.at("、「"):
                self.pos += 1
                continue
            break
        kinds = {kind for kind, _, _ in operations}
        if len(kinds) != 1:
            raise ApplyError("一つの動詞に種類の違う改正がまとめられています")
        kind = kinds.pop()
        final = self._verb(kind)
        return final, [(kind, quoted, new) for _, quotes, new in operations for quoted in quotes]


def _continued(joined: tuple, path: list[tuple]) -> list[tuple]:
    """``path`` read after ``joined`` in a list: it keeps what ``joined`` has above ``path``'s first level.

    第3条第1項 + 第2項 → 第3条第2項; 第3条第1項第1号 + 第2号 → 第3条第1項第2号; 附則第2項 + 第3項 → 附則第3項;
    第3条 + 第5条第2項 stays as it is. A 細目 continues the first 細目 level of ``joined``.
    """
    level = path[0][0]
    for n, part in enumerate(joined):
        if part[0] == level:
            return [*joined[:n], *path]
    return path


# --- resolving and applying ------------------------------------------------------------------------------


def _resolve(
    path: tuple, qualifier: str, table: dict[str, Provision], paths: dict[tuple, str], *, whole: bool = False
) -> _Target:
    """The provisions a location covers: the provision itself and (b.2) every provision inside it; ``whole``: the
    article's 見出し too, for 「第3条を次のように改める。」, which rewrites the article as a whole."""
    # 法制執務: 「第3条中」 covers the article's paragraphs and items but not its 見出し, which is cited on its own
    # (「第3条の見出し中」) or added in words (「第3条（見出しを含む。）中」).
    with_caption = whole or qualifier == _WITH_CAPTION
    covered = [
        (p, label)
        for p, label in paths.items()
        if p[: len(path)] == path and (p == path or with_caption or ("見出し",) not in p[len(path) :])
    ]
    if not covered:
        raise ApplyError(f"改正箇所が見つかりません: {_describe(path)}")
    covered.sort(key=lambda pair: len(pair[0]))
    own = next((table[label] for p, label in covered if p == path), None)
    label = own.label if own is not None else _describe(path)
    if qualifier in ("", _WITH_CAPTION):
        return _Target(path, label, own, [_Part(table[lab], 0, None) for _, lab in covered])
    if own is None:
        raise ApplyError(f"{qualifier}を指定した条項が見つかりません: {_describe(path)}")
    text = own.text
    if qualifier == "各号列記以外の部分":
        return _Target(path, label, own, [_Part(own, 0, None)])
    spans = _sentences(text)
    if qualifier in ("本文", "ただし書"):
        if len(spans) < 2 or not text[spans[-1][0] :].startswith("ただし"):
            raise ApplyError(f"ただし書がありません: {label}")
        start = spans[-1][0]
        part = _Part(own, 0, start) if qualifier == "本文" else _Part(own, start, None)
        return _Target(path, label, own, [part])
    if len(spans) != 2:
        raise ApplyError(f"前段・後段に分かれていません: {label}")
    first, second = spans
    part = _Part(own, 0, first[1]) if qualifier == "前段" else _Part(own, second[0], None)
    return _Target(path, label, own, [part])


def _describe(path: tuple) -> str:
    words = []
    for part in path:
        if part[0] in ("条", "項", "号"):
            words.append("第" + "の".join(str(v) for v in part[1]) + part[0])
        elif part[0] == "細目":
            words.append(part[1])
        else:
            words.append("".join(str(v) for v in part if not isinstance(v, tuple)))
    return "".join(words)


def _apply_clause(target: _Target, operations: list[tuple[str, str, str]]) -> None:
    """Apply the operations of one location clause (「第3条中…改め、…削り、…加え」) to ``target``.

    Every quoted string is looked up in the text as it stands when the clause begins — the text the drafter
    quoted — and must occur there exactly once; the changes must not overlap and must run front to back
    (b.4). They are then made together.
    """
    placed: list[tuple[Provision, int, int, str]] = []
    for kind, quoted, replacement in operations:
        if not quoted:
            raise ApplyError("空の引用があります")
        # The 見出し and the text of an article cited 「（見出しを含む。）」 are two places: the quote is changed in
        # each it occurs in, and must be unambiguous in each (once in the 見出し, once in the text).
        hits: dict[bool, list[tuple[Provision, int]]] = {}
        for part in target.parts:
            text = part.provision.text
            end = len(text) if part.end is None else part.end
            found = text.find(quoted, part.start)
            while found != -1 and found + len(quoted) <= end:
                hits.setdefault(_is_caption(part.provision.label), []).append((part.provision, found))
                found = text.find(quoted, found + 1)
        if not hits:
            raise ApplyError(f"{target.label}中に「{quoted}」がありません")
        for in_caption, found_there in sorted(hits.items()):
            if len(found_there) != 1:
                where = f"{target.label}の見出し" if in_caption and not _is_caption(target.label) else target.label
                raise ApplyError(f"{where}中に「{quoted}」が{len(found_there)}箇所あります")
            provision, at = found_there[0]
            if kind == "加":
                placed.append((provision, at + len(quoted), at + len(quoted), replacement))
            else:
                placed.append((provision, at, at + len(quoted), replacement))
    for n, (provision, start, _, _) in enumerate(placed):
        for earlier, _, earlier_end, _ in placed[:n]:
            if earlier is provision and start < earlier_end:
                raise ApplyError(f"{target.label}中の改正が前から順になっていないか、重なっています")
    for provision, start, end, replacement in reversed(placed):
        provision.replace(start, end, replacement)


def _own(target: _Target) -> Provision:
    if target.own is None:
        raise ApplyError(f"改正箇所が見つかりません: {target.label}")
    return target.own


def _add_sentence(target: _Target, body: str, *, proviso: bool) -> None:
    provision = _own(target)
    spans = _sentences(provision.text)
    if not provision.text.endswith("。"):
        raise ApplyError(f"{target.label}は句点で終わっていません")
    if proviso:
        if not body.startswith("ただし"):
            raise ApplyError("加えるただし書が「ただし」で始まっていません")
        if len(spans) >= 2 and provision.text[spans[-1][0] :].startswith("ただし"):
            raise ApplyError(f"{target.label}には既にただし書があります")
    elif len(spans) != 1:
        raise ApplyError(f"{target.label}は一文でないため後段を加えられません")
    if not body.endswith("。"):
        raise ApplyError("加える文が句点で終わっていません")
    end = len(provision.text)
    provision.replace(end, end, body)


def _rewrite(targets: list[_Target], cited: list[tuple[tuple, str, tuple | None]], body: str) -> None:
    """「第10条を次のように改める。」: the next line is the whole provision, opening with its own number.

    The number is the provision's as it stands in its part: an article of a 附則 is titled 第2条 there, so
    「附則第2条を次のように改める。」 is followed by 「第2条　削除」. A provision that holds others (an article's
    号) can be rewritten so only as 「第10条　削除」, which takes them with it (法制執務: a deleted article keeps its
    number and the word 削除, nothing else). Consecutive articles rewritten as 削除 together
    (「第12条から第14条までを次のように改める。」, 「第12条及び第13条を…」) are one line, 「第12条から第14条まで
    削除」: the first article becomes 削除, and the others, whose numbers that line holds, are left no text of their
    own. The new text is written without a 見出し, so the articles' 見出し go too."""
    reader = _Reader(body, 0)
    written = reader.locations(None)
    if written != [(_within_part(path), "", _within_part(until) if until else None) for path, _, until in cited]:
        cited_text = body[: reader.pos]
        raise ApplyError(f"改めた後の規定の番号（{cited_text}）が{'、'.join(t.label for t in targets)}と合いません")
    if not reader.take("\u3000"):
        raise ApplyError("改めた後の規定の番号の後に全角空白がありません")
    text = body[reader.pos :]
    if len(targets) > 1 and text != "削除":
        raise ApplyError("二つ以上の条をまとめて改めるのは「削除」とするときだけです")
    first = _own(targets[0])
    inner = [part.provision for target in targets for part in target.parts if part.provision is not first]
    if text != "削除" and any(not _is_caption(other.label) for other in inner):
        raise ApplyError(f"{targets[0].label}には号などがあり、この改め方では全体を表せません")
    for target in targets[1:]:
        _own(target)  # each article of the range or list must be there itself, not only its parts
    first.replace(0, len(first.text), text)
    for other in inner:
        other.replace(0, len(other.text), "")


def _cut(targets: list[_Target], paths: dict[tuple, str]) -> None:
    """「第3条第2項を削る」: each provision goes, everything inside it with it (the 見出し of an article too).

    法制執務: only what no provision of its kind follows can be taken out so; cutting 第2項 where 第3項 stays would
    renumber it (「第3項を第2項とし」, 繰上げ), which this form does not say. So a provision is refused when a later
    one of its level under the same parent is among the provisions read and is not cut in the same clause."""
    cut = {target.path for target in targets}
    for target in targets:
        own = _own(target)
        level, number = target.path[-1][0], target.path[-1][1:]
        if level not in ("条", "項", "号"):
            raise ApplyError(f"この種類の条項を削る改め方は読めません: {target.label}")
        later = [
            path
            for path in paths
            if len(path) == len(target.path)
            and path[:-1] == target.path[:-1]
            and path[-1][0] == level
            and path[-1][1:] > number
            and path not in cut
        ]
        if later:
            raise ApplyError(f"{own.label}の後に{paths[min(later)]}が残り、削ると番号がずれます（繰上げが必要）")
    for target in targets:
        for part in target.parts:
            part.provision.replace(0, len(part.provision.text), "")


def _within_part(path: tuple) -> tuple:
    """A location as the provision is numbered within its part: 附則第2条 is 第2条 inside its 附則."""
    return path[1:] if path and path[0][0] in ("附則", "付則") else path


def _spanned(start: tuple, until: tuple | None, paths: dict[tuple, str]) -> list[tuple]:
    """The locations a range covers (「第十二条から第十四条まで」: every article numbered from the one to the other,
    branch articles such as 第十二条の二 among them), or ``start`` alone when it is no range."""
    if until is None:
        return [start]
    span = f"{_describe(start)}から{_describe(until)}まで"
    if len(start) != len(until) or start[:-1] != until[:-1] or start[-1][0] != until[-1][0] or len(start[-1]) != 2:
        raise ApplyError(f"範囲の始めと終わりが同じ種類の条項ではありません: {span}")
    if start[-1][0] not in ("条", "項", "号"):
        # 細目 and tables are ordered by their titles (イロハ, アイウ …), not by any number this could compare.
        raise ApplyError(f"この種類の条項の範囲は読めません: {span}")
    if not start[-1][1] < until[-1][1]:
        raise ApplyError(f"範囲の終わりが始めより前です: {span}")
    for end in (start, until):
        if end not in paths:
            raise ApplyError(f"改正箇所が見つかりません: {_describe(end)}")
    unit, low, high = start[-1][0], start[-1][1], until[-1][1]
    inside = [
        path
        for path in paths
        if len(path) == len(start)
        and path[:-1] == start[:-1]
        and path[-1][0] == unit
        and len(path[-1]) == 2
        and low <= path[-1][1] <= high
    ]
    return sorted(inside, key=lambda path: path[-1][1])


def _is_caption(label: str) -> bool:
    return label.endswith("の見出し")


def _remove_sentence(target: _Target, *, proviso: bool) -> None:
    provision = _own(target)
    spans = _sentences(provision.text)
    if proviso:
        if len(spans) < 2 or not provision.text[spans[-1][0] :].startswith("ただし"):
            raise ApplyError(f"{target.label}にただし書がありません")
    elif len(spans) != 2:
        raise ApplyError(f"{target.label}は前段・後段に分かれていません")
    start = spans[-1][0]
    provision.replace(start, len(provision.text), "")
