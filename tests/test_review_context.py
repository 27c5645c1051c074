"""The provision in context, cut from a real law through its LawIndex (walked once, then looked up per finding)."""

from __future__ import annotations

from pathlib import Path

from review_support import BUNDLED, FIXTURE

from analogreg.parse import parse_file
from analogreg.review.context import WINDOW, ContextLoader, LawIndex, context_from_law
from analogreg.review.data import load_proposals


def _at(template, unit):
    loc = unit.location
    return template.model_copy(
        update={
            "part": loc.part,
            "suppl": loc.suppl,
            "article": loc.article,
            "paragraph": loc.paragraph,
            "item": loc.item,
            "subitems": list(loc.subitems),
            "old_text": unit.text,
            "spans": [],
        }
    )


def test_every_unit_of_a_real_law_is_shown_within_its_article() -> None:
    law = parse_file(BUNDLED / "national" / "浄化槽法.xml").law
    indexed = LawIndex(law)
    units = list(law.units())
    assert len(units) > 100
    template = load_proposals(FIXTURE / "amendments")[0]
    for unit in units:
        ctx = context_from_law(law, _at(template, unit), indexed=indexed)
        assert ctx.problem is None, ctx.problem
        (target,) = [line for line in ctx.lines if line.target]
        assert target.text == unit.text
        # The window: up to WINDOW units of the same article before and after, in the law's order.
        group = [u for u in units if u.article is unit.article and u.location.part == unit.location.part]
        same = [u.text for u in group]
        pos = next(i for i, u in enumerate(group) if u is unit)
        lo, hi = max(0, pos - WINDOW), min(len(same), pos + WINDOW + 1)
        texts = [line.text for line in ctx.lines]
        start = texts.index(same[lo])
        assert texts[start : start + hi - lo] == same[lo:hi]
        assert (ctx.omitted_before, ctx.omitted_after) == (lo, len(same) - hi)


def test_a_changed_unit_is_refused_and_a_missing_place_says_so() -> None:
    law = parse_file(BUNDLED / "national" / "浄化槽法.xml").law
    indexed = LawIndex(law)
    unit = indexed.units[10]
    template = load_proposals(FIXTURE / "amendments")[0]
    changed = _at(template, unit).model_copy(update={"old_text": unit.text + "。"})
    assert "differs from the proposal's text" in (context_from_law(law, changed, indexed=indexed).problem or "")
    gone = _at(template, unit).model_copy(update={"article": "9999"})
    assert "is not in the source file any more" in (context_from_law(law, gone, indexed=indexed).problem or "")


def test_loader_parses_a_source_once_and_reuses_its_index(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "national").mkdir()
    source = tmp_path / "national" / "浄化槽法.xml"
    source.write_bytes((BUNDLED / "national" / "浄化槽法.xml").read_bytes())
    monkeypatch.chdir(tmp_path)
    loader = ContextLoader(tmp_path / "amendments")
    template = load_proposals(FIXTURE / "amendments")[0].model_copy(update={"doc": "national/浄化槽法.xml"})
    law = parse_file(source).law
    units = list(law.units())
    first = _at(template, units[3])
    assert loader.cached_context(first) is None  # not parsed yet: the app reads it in a thread
    assert [line.target for line in loader.context(first).lines].count(True) == 1
    indexed = loader._law(source)
    for unit in units[:40]:
        ctx = loader.cached_context(_at(template, unit))
        assert ctx is not None and ctx.source == source
        assert next(line.text for line in ctx.lines if line.target) == unit.text
    assert loader._law(source) is indexed  # one parse, one walk


def test_a_source_being_parsed_is_waited_for_not_parsed_again(tmp_path: Path, monkeypatch) -> None:
    """Quick keys over a new document's findings start one context worker each: one parse serves them all."""
    import threading
    import time

    import analogreg.parse

    (tmp_path / "national").mkdir()
    (tmp_path / "national" / "浄化槽法.xml").write_bytes((BUNDLED / "national" / "浄化槽法.xml").read_bytes())
    monkeypatch.chdir(tmp_path)
    parsed: list[Path] = []
    real = analogreg.parse.parse_file

    def slow_parse(path, *args, **kwargs):
        parsed.append(path)
        time.sleep(0.2)  # long enough for every thread below to ask meanwhile
        return real(path, *args, **kwargs)

    monkeypatch.setattr(analogreg.parse, "parse_file", slow_parse)
    loader = ContextLoader(tmp_path / "amendments")
    template = load_proposals(FIXTURE / "amendments")[0].model_copy(update={"doc": "national/浄化槽法.xml"})
    units = list(real(tmp_path / "national" / "浄化槽法.xml").law.units())
    results: dict[int, str] = {}

    def show(i: int) -> None:
        ctx = loader.context(_at(template, units[i]))
        results[i] = next(line.text for line in ctx.lines if line.target)

    threads = [threading.Thread(target=show, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(parsed) == 1
    assert results == {i: units[i].text for i in range(6)}
