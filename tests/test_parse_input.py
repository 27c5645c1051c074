"""Bad input gives one line naming the file (and line) — through the API and `analogreg parse` — and
iter_input_files expands PATH arguments deterministically."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from analogreg.errors import InputError
from analogreg.parse import InputFile, iter_input_files, parse_bytes, parse_file
from analogreg.parse.encoding import declared_charset

ROOT = Path(__file__).resolve().parents[1]
XML = ROOT / "ordinances/national/旅館業法施行規則.xml"
TEXT = ROOT / "ordinances/misato/三郷市庁舎防火管理規程.txt"


def _bad_inputs(tmp: Path) -> dict[str, tuple[bytes, str, int | None]]:
    """name → (bytes, a phrase the message must contain, the line it must name or None)."""
    xml = XML.read_bytes()
    text = TEXT.read_bytes()
    cut = xml[: len(xml) // 2]
    broken = xml.replace(b"</Sentence>", b"</Sentenc>", 1)
    bad_line = xml[: xml.index(b"</Sentence>")].count(b"\n") + 1
    middle = text.index("第5条".encode())
    undecodable = text[:middle] + b"\x80\x80" + text[middle:]
    return {
        "truncated.xml": (cut, "malformed XML", cut.count(b"\n") + 1),
        "mismatched.xml": (broken, "malformed XML", bad_line),
        "empty.txt": (b"", "empty file", None),
        "blank.txt": (" \n\u3000\r\n".encode(), "empty file", None),
        "spaces.txt": (b" \t\r\n" * 20_000, "empty file", None),  # blank beyond the 64 KB the decoding test reads
        "binary.dat": (bytes(range(256)) * 8, "binary data", None),
        "gzipped.xml": (gzip.compress(xml), "gzip", None),
        "undecodable.txt": (undecodable, f"byte offset {middle}", text[:middle].count(b"\n") + 1),
        "readme.txt": ((ROOT / "README.md").read_bytes(), "not a statute", None),
        "data.json": (json.dumps({"title": "旅館業法", "articles": []}, ensure_ascii=False).encode(), "JSON", None),
        "feed.xml": (b'<?xml version="1.0"?>\n<rss><channel><title>x</title></channel></rss>', "root element <rss>", 2),
        "nomain.xml": (
            "<?xml version='1.0'?><Law><LawNum>x</LawNum><LawBody><LawTitle>旅館業法</LawTitle>"
            "</LawBody></Law>".encode(),
            "MainProvision",
            None,
        ),
        "news.html": (
            "<html><body><h1>お知らせ</h1><p>本日は休館日です。</p></body></html>".encode(),
            "not a",
            None,
        ),
    }


def test_bad_input_through_the_api(tmp_path: Path):
    for name, (data, phrase, line) in _bad_inputs(tmp_path).items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(InputError) as caught:
            parse_file(path, f"in/{name}")
        err = caught.value
        message = str(err)
        assert message.startswith(f"in/{name}"), message
        assert phrase in message, message
        assert "\n" not in message
        if line is not None:
            assert err.line == line, (name, err.line, message)
            assert message.startswith(f"in/{name}:{line}: ")
    with pytest.raises(InputError, match="no such file"):
        parse_file(tmp_path / "missing.xml")
    with pytest.raises(InputError, match="is a directory"):
        parse_file(tmp_path)


def test_bad_input_through_the_cli(tmp_path: Path):
    bad = _bad_inputs(tmp_path)
    for name, (data, _phrase, _line) in bad.items():
        (tmp_path / name).write_bytes(data)
    args = [str(tmp_path / name) for name in bad] + [str(XML)]
    run = subprocess.run(
        [sys.executable, "-m", "analogreg", "parse", *args], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert run.returncode == 2
    assert "Traceback" not in run.stderr + run.stdout
    lines = run.stderr.strip().splitlines()
    assert len(lines) == len(bad)
    for line, name in zip(lines, bad, strict=True):
        assert line.startswith(str(tmp_path / name)), line
    # the good file given with the bad ones is still shown
    assert "旅館業法施行規則" in run.stdout and "第一条の二" in run.stdout


def test_cli_json_prints_the_model():
    run = subprocess.run(
        [sys.executable, "-m", "analogreg", "parse", "--json", str(TEXT)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    payload = json.loads(run.stdout)
    assert payload["law"]["title"] == "三郷市庁舎防火管理規程"
    assert payload["law"]["body"][10]["label"] == "第11条"
    assert payload["law"]["body"][10]["paragraphs"][0]["sentences"][0]["text"].startswith("消防職員の立入検査")


def test_parse_bytes_names_the_archive_member():
    with pytest.raises(InputError) as caught:
        parse_bytes(XML.read_bytes()[:500], "lawhub-xml-20201118/昭和23年/x.xml")
    assert str(caught.value).startswith("lawhub-xml-20201118/昭和23年/x.xml:")


def test_content_decides_the_reader_not_the_extension(tmp_path: Path):
    as_txt = tmp_path / "law.txt"
    as_txt.write_bytes(XML.read_bytes())
    result = parse_file(as_txt)
    assert result.format == "egov-xml" and result.law.title == "旅館業法施行規則"
    as_xml = tmp_path / "page.xml"
    as_xml.write_bytes((ROOT / "ordinances/katsuragi/k518RG00000080.html").read_bytes())
    assert parse_file(as_xml).format == "html"


def test_iter_input_files_order_display_and_filtering(tmp_path: Path):
    base = tmp_path / "national"
    for rel in [
        "昭和10年/b.xml",
        "昭和9年/a.xml",
        "昭和9年/第10条.txt",
        "昭和9年/第2条.txt",
        "page.html",
        ".hidden/x.xml",
    ]:
        (base / rel).parent.mkdir(parents=True, exist_ok=True)
        (base / rel).write_text("x", encoding="utf-8")
    (base / "notes.md").write_text("x", encoding="utf-8")
    (base / "昭和9年" / ".swap.txt").write_text("x", encoding="utf-8")
    explicit = tmp_path / "one.dat"
    explicit.write_text("x", encoding="utf-8")

    files = list(iter_input_files([str(base), str(explicit), str(base / "page.html"), str(tmp_path / "nope.xml")]))
    displays = [f.display for f in files]
    assert displays == [
        f"{base}/page.html",
        f"{base}/昭和9年/a.xml",
        f"{base}/昭和9年/第2条.txt",
        f"{base}/昭和9年/第10条.txt",
        f"{base}/昭和10年/b.xml",
        str(explicit),
        str(tmp_path / "nope.xml"),
    ]
    assert all(isinstance(f, InputFile) for f in files)
    with pytest.raises(InputError, match="no such file"):
        parse_file(files[-1].path, files[-1].display)


def test_iter_input_files_yields_each_real_file_once(tmp_path: Path):
    # The same law reached again through a symlinked file, a symlinked folder given as an argument, or the folder
    # named twice is scanned once, under the path it was first reached by; a symlink to another file is a file.
    real = tmp_path / "reiki" / "第1類"
    real.mkdir(parents=True)
    (real / "a.xml").write_text("x", encoding="utf-8")
    (real / "b.xml").write_text("x", encoding="utf-8")
    (real / "c.xml").symlink_to(real / "a.xml")  # the same file again
    elsewhere = tmp_path / "other.xml"
    elsewhere.write_text("x", encoding="utf-8")
    (real / "d.xml").symlink_to(elsewhere)  # a file of its own, reached through a link
    (tmp_path / "alias").symlink_to(tmp_path / "reiki", target_is_directory=True)

    args = [tmp_path / "reiki", tmp_path / "alias", real / "b.xml", real, elsewhere]
    files = list(iter_input_files([str(a) for a in args]))
    assert [f.display for f in files] == [f"{real}/a.xml", f"{real}/b.xml", f"{real}/d.xml"]


def test_iter_input_files_display_keeps_the_argument_as_typed(tmp_path: Path, monkeypatch):
    (tmp_path / "national" / "昭和27年").mkdir(parents=True)
    (tmp_path / "national" / "昭和27年" / "x.xml").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert [f.display for f in iter_input_files(["national"])] == ["national/昭和27年/x.xml"]
    assert [f.display for f in iter_input_files(["national/"])] == ["national/昭和27年/x.xml"]
    assert [f.display for f in iter_input_files(["."])] == ["national/昭和27年/x.xml"]


@pytest.mark.parametrize(
    ("head", "charset"),
    [
        (b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<Law>', "utf-8"),
        (b'<?xml version="1.0" encoding="Shift_JIS"?><Law>', "cp932"),
        (b'<?xml version="1.0"?>\n<Law><meta charset="EUC-JP"></Law>', None),  # only the declaration counts
        (b'<?xml version="1.0" encoding="EUC-JP"', "euc_jp"),  # a truncated file still says what it is
        (b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">', "cp932"),
    ],
)
def test_the_declared_charset_is_read_from_the_xml_declaration_or_a_meta_tag(head: bytes, charset: str | None) -> None:
    assert declared_charset(head) == charset
