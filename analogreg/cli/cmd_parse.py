"""`analogreg parse FILE…`: the outline of each statute as the tool reads it, or the model as JSON.

The outline is for checking a reader against the page in front of you: each provision unit's citation
label, the article's 見出し, and the first characters of every sentence (ただし書, 前段, 後段 marked).
Exit status 2 when any file is bad input (one line each on stderr); the other files are still shown.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.cells import cell_len

from analogreg.cli.app import EXIT_BAD_INPUT, app, console, err_console

_ROLE_MARK = {"main": "", "proviso": "〔ただし書〕", "former": "〔前段〕", "latter": "〔後段〕"}
_HEAD_CHARS = 24
_LABEL_CELLS = 24


@app.command()
def parse(
    files: Annotated[list[Path], typer.Argument(help="e-Gov XML, 例規集 HTML or 横書き text files.")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the model: one JSON object (JSON Lines for several files).")
    ] = False,
    chars: Annotated[int, typer.Option("--chars", min=1, help="Characters shown of each sentence.")] = _HEAD_CHARS,
) -> None:
    """Show how FILE… is read: citation labels and the start of every sentence."""
    from analogreg.errors import InputError
    from analogreg.parse import parse_file

    failed = False
    for path in files:
        try:
            result = parse_file(path, str(path))
        except InputError as err:
            err_console.print(str(err), markup=False, highlight=False, soft_wrap=True)
            failed = True
            continue
        if as_json:
            payload = result.model_dump(mode="json")
            text = json.dumps(payload, ensure_ascii=False, indent=2 if len(files) == 1 else None)
            sys.stdout.write(text + "\n")
            continue
        for warning in result.warnings:
            err_console.print(f"warning: {path}: {warning}", markup=False, highlight=False, soft_wrap=True)
        _outline(result, chars)
    if failed:
        raise typer.Exit(EXIT_BAD_INPUT)


def _outline(result, chars: int) -> None:
    law = result.law
    kind = f"{law.kind}, {'漢数字' if law.numbering == 'kanji' else '算用数字'}, {result.format} {result.encoding}"
    number = law.law_num or "（番号なし）"
    console.print(f"{law.source}: {law.title}  {number}  ({kind})", markup=False, highlight=False, soft_wrap=True)
    # Pad labels to a common width, but not to the width of a long 附則（…）label.
    width = min(max((cell_len(unit.label) for unit in law.units()), default=0), _LABEL_CELLS)
    for unit in law.units():
        article = unit.article
        caption = ""
        if article is not None and article.paragraphs and unit.node is article.paragraphs[0] and article.caption:
            caption = article.caption + " "
        elif getattr(unit.node, "caption", ""):
            caption = unit.node.caption + " "
        heads = [_ROLE_MARK[s.role] + _head(s.text, chars) for s in unit.node.sentences]
        pad = " " * max(0, width - cell_len(unit.label))
        line = f"  {unit.label}{pad}  {caption}{' / '.join(heads)}"
        console.print(line, markup=False, highlight=False, soft_wrap=True)
    for table in law.appendix:
        lines = table.text.count("\n") + 1 if table.text else 0
        console.print(f"  {table.title} {table.related}  ({lines} lines)", markup=False, highlight=False)


def _head(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[:chars] + "…"
