"""Which reader a file needs, decided from its content (the extension is only a hint people get wrong)."""

from __future__ import annotations

import codecs
import json
import re
from typing import Literal

from analogreg.errors import InputError

Format = Literal["egov-xml", "html", "text"]

# The first element after the XML declaration, comments and a DOCTYPE: the document's root.
_ROOT_RE = re.compile(
    rb"^(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<([A-Za-z][\w:.-]*)",
    re.DOTALL | re.IGNORECASE,
)
# HTML without a proper root (a saved fragment): tags of a page, in the lower case HTML uses.
_HTML_TAG_RE = re.compile(rb"<(?:html|body|div|p|table|span|br)[\s/>]")

# Well-known binary signatures → what to tell the user.
_MAGIC = (
    (b"%PDF", "a PDF file; save the 例規 as text or HTML first"),
    (b"PK\x03\x04", "a ZIP/Office file (.docx, .xlsx?); save the 例規 as text first"),
    (b"\xd0\xcf\x11\xe0", "an old Office file (.doc?); save the 例規 as text first"),
    (b"\x1f\x8b", "gzip-compressed data; unpack it first"),
    (b"\xfd7zXZ", "xz-compressed data; unpack it first"),
    (b"\x89PNG", "an image (PNG), not a statute text"),
    (b"\xff\xd8\xff", "an image (JPEG), not a statute text"),
)


def detect_format(data: bytes, source: str) -> Format:
    """e-Gov 法令標準XML, 例規集 HTML or plain text; InputError for empty, binary or JSON input."""
    # whitespace only, full-width spaces and a BOM included (isspace: strip() would copy the whole file to tell)
    if (
        not data
        or data.isspace()
        or (len(data) <= 65536 and not data.decode("utf-8", "ignore").strip(" \t\r\n\u3000\ufeff"))
    ):
        raise InputError(source, "empty file")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(source, f"binary data: {what}")
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    nul = -1 if utf16 else data.find(b"\x00", 0, 65536)
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise InputError(source, f"binary data (NUL byte at offset {nul}), not a statute text", line)

    head = data[:4096]
    if utf16:
        head = data[:8192].decode("utf-16", "replace").encode("utf-8")
    stripped = head.lstrip(codecs.BOM_UTF8 + b" \t\r\n")
    root = _ROOT_RE.match(stripped)
    name = root.group(1) if root else b""
    if name == b"Law" or (stripped.startswith(b"<?xml") and name.lower() != b"html"):
        # Other XML goes to the XML reader too, which names the root element it found.
        return "egov-xml"
    if name.lower() == b"html" or _HTML_TAG_RE.search(head):
        return "html"
    if stripped[:1] in (b"{", b"["):
        try:
            json.loads(data)
        except (ValueError, UnicodeDecodeError):
            pass
        else:
            raise InputError(source, "JSON data, not a statute text")
    return "text"
