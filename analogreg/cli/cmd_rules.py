"""`analogreg rules check | list | explain`: the rule files' self-test, their index, and why a text matches."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table
from rich.text import Text

from analogreg.cli.app import app, console, err_console, fail
from analogreg.ruleset.yamlload import DataFileError

rules_app = typer.Typer(help="Check, list and debug the detection rules (rules/*.yaml).", no_args_is_help=True)
app.add_typer(rules_app, name="rules")

RulesOption = typer.Option(None, "--rules", help="rules folder (default: the project's rules/)")


def _load(rules_dir: Path | None):
    from analogreg.ruleset.load import load_ruleset

    try:
        return load_ruleset(rules_dir)
    except DataFileError as exc:
        for problem in exc.problems:
            err_console.print(str(problem), markup=False, highlight=False, soft_wrap=True)
        fail(f"{len(exc.problems)} problem(s) in the rule files", code=1)


@rules_app.command("check")
def check(rules_dir: Path | None = RulesOption) -> None:
    """Validate every rule file and run every embedded example; exit 1 on any failure."""
    from analogreg.opinion import example_failures
    from analogreg.ruleset.selftest import run_selftest

    ruleset = _load(rules_dir)
    count, failures = run_selftest(ruleset)
    problems = [str(f) for f in failures]
    opinion = ""
    if ruleset.opinion is not None:
        # The second opinion's card carries examples too (analogreg/opinion.py): run them with the rules'.
        count += len(ruleset.opinion.card.examples)
        problems += [f"{ruleset.opinion.source}: {f}" for f in example_failures(ruleset.opinion)]
        opinion = f", a second opinion (threshold {ruleset.opinion.card.threshold})"
    for problem in problems:
        err_console.print(problem, markup=False, highlight=False, soft_wrap=True)
    summary = (
        f"{len(ruleset.rules)} rules, {len(ruleset.exclusions)} exclusions, {len(ruleset.digital)} digital markers "
        f"in {len(ruleset.files)} files{opinion}; {count} examples, {len(problems)} failed"
    )
    if problems:
        fail(summary, code=1)
    console.print(summary, markup=False, highlight=False)
    if unmeasured := ruleset.prefilter.unmeasured_words():
        # Only speed depends on it (see analogreg/ruleset/prefilter.py): a note, not a failure.
        console.print(
            f"prefilter: {len(unmeasured)} words not in word_shares.json (a speed hint only; run "
            f"bench/prefilter_shares.py --write beside the shared corpus): {', '.join(unmeasured[:10])}"
            + (" …" if len(unmeasured) > 10 else ""),
            markup=False,
            highlight=False,
        )


@rules_app.command("list")
def list_rules(
    rules_dir: Path | None = RulesOption,
    category: str | None = typer.Option(None, "--category", "-c", help="only this category"),
) -> None:
    """List the rules with their category, prefilter keywords and where they are written."""
    from analogreg.ruleset.prefilter import rule_keywords

    ruleset = _load(rules_dir)
    table = Table(show_lines=False)
    for column in ("id", "category", "keywords", "where", "description"):
        table.add_column(column, overflow="fold")
    for rule in ruleset.rules:
        if category and rule.category != category:
            continue
        where = Path(rule.source.rsplit(":", 1)[0]).name + ":" + rule.source.rsplit(":", 1)[1]
        table.add_row(rule.id, rule.category, " ".join(rule_keywords(rule.rule)), where, rule.rule.description)
    for item in (*ruleset.exclusions, *ruleset.digital):
        kind = "exclusion" if item in ruleset.exclusions else "digital"
        where = Path(item.source.rsplit(":", 1)[0]).name + ":" + item.source.rsplit(":", 1)[1]
        table.add_row(item.id, kind, "", where, ", ".join(sorted(item.categories)) or "all categories")
    console.print(table)


@rules_app.command("explain")
def explain(
    text: str = typer.Argument(..., help="a provision's text (use - to read it from standard input)"),
    caption: str = typer.Option("", "--caption", help="the article's 見出し, e.g. （標識の掲示）"),
    context: str = typer.Option("", "--context", help="the paragraph (柱書) holding this item"),
    tokens: bool = typer.Option(False, "--tokens", help="also show Sudachi's tokens"),
    rules_dir: Path | None = RulesOption,
) -> None:
    """Show which rules match a text, which were turned down and why, and the resulting categories."""
    import sys

    from analogreg.classify import analyze
    from analogreg.tokenize import tokenize

    if text == "-":
        text = sys.stdin.read().strip()
    ruleset = _load(rules_dir)
    result = analyze(text, ruleset, caption=caption, ancestors=context, trace=True)
    if result.prefiltered_out:
        console.print("prefilter: no keyword of any rule occurs in this text; nothing to match", markup=False)
    if tokens:
        shown = tokenize(text)
        console.print(
            " ".join(f"{t.surface}/{t.lemma}/{'-'.join(p for p in t.pos[:2] if p != '*')}" for t in shown),
            markup=False,
            highlight=False,
        )
    marked = Text(text)
    for hit in result.hits:
        marked.stylize("bold red" if not hit.digital else "bold green", hit.begin, hit.end)
    console.print(marked)
    for hit in result.hits:
        digital = f"  already digital by {', '.join(hit.digital)}" if hit.digital else ""
        console.print(
            f"  match  {hit.rule} [{hit.category}] {hit.wording!r} at {hit.begin}-{hit.end}{digital}",
            markup=False,
            highlight=False,
        )
    for rejected in result.rejected:
        hit = rejected.hit
        console.print(
            f"  reject {hit.rule} [{hit.category}] {hit.wording!r} at {hit.begin}-{hit.end} by {rejected.by}",
            markup=False,
            highlight=False,
        )
    if result.hits:
        state = "already digital" if result.already_digital else "analog"
        console.print(f"categories: {', '.join(result.categories)} ({state})", markup=False)
    else:
        console.print("categories: none", markup=False)
    if ruleset.opinion is not None:
        # The learned second opinion reads the text as a paragraph (見出し｜text); in a scan it adds a category
        # no rule found when its probability reaches the card's threshold (and no shared exclusion rules it out).
        from analogreg.categories import CATEGORIES
        from analogreg.opinion import document

        card = ruleset.opinion.card
        paragraph = document(caption, text, [])
        all_probabilities = ruleset.opinion.probabilities([paragraph])
        probabilities = all_probabilities[0]
        added = ruleset.opinion.additions([paragraph], all_probabilities)[0]

        def note(category: str, probability: float) -> str:
            if category in card.withheld:
                return " (withheld)"
            if probability >= card.threshold and category not in added:
                return " (lacks a word the card's needs asks for)"
            return ""

        shown = ", ".join(
            f"{c} {p:.2f}" + note(c, p) for c, p in zip(CATEGORIES, probabilities, strict=True) if p >= 0.05
        )
        console.print(
            f"second opinion (threshold {card.threshold}): {shown or 'every category under 0.05'}",
            markup=False,
            highlight=False,
        )
