"""The scan workers' allocator setting (analogreg.malloc): with glibc, a freed lxml tree leaves no block waiting in
the fastbins to be merged by the next allocation. Each case runs in a fresh interpreter, so that this process's own
allocator stays as it was."""

from __future__ import annotations

import json
import platform
import subprocess
import sys
from pathlib import Path

import pytest

LAW = Path(__file__).resolve().parent.parent / "ordinances/national/建築基準法施行規則.xml"

# Parse a large real statute, free it, then report the bytes glibc holds in fastbin blocks (mallinfo2().fsmblks).
_PROBE = """
import ctypes, json, sys
from lxml import etree
from analogreg.malloc import disable_fastbins

class MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
                 "keepcost")]

libc = ctypes.CDLL(None)
libc.mallinfo2.restype = MallInfo2
applied = disable_fastbins() if sys.argv[2] == "off" else None
root = etree.fromstring(open(sys.argv[1], "rb").read())
nodes = sum(1 for _ in root.iter())
del root
print(json.dumps({"applied": applied, "nodes": nodes, "fastbin_bytes": libc.mallinfo2().fsmblks}))
"""


def _probe(fastbins: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(LAW), fastbins], capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads(done.stdout)


def _glibc() -> bool:
    return platform.system() == "Linux" and platform.libc_ver()[0] == "glibc"


@pytest.mark.skipif(not _glibc(), reason="fastbins are glibc's")
def test_fastbins_off_leaves_no_freed_tree_blocks_waiting() -> None:
    default, off = _probe("default"), _probe("off")
    assert default["nodes"] == off["nodes"] > 10_000  # the same large tree both times
    # By default the freed nodes wait in the fastbins (the next larger allocation merges them all at once) …
    assert default["fastbin_bytes"] > 100_000
    # … and with them off, glibc accepts the setting and merges each block as it is freed.
    assert off["applied"] is True
    assert off["fastbin_bytes"] == 0


def test_disable_fastbins_answers_whether_it_applied() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "from analogreg.malloc import disable_fastbins; print(disable_fastbins())"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert done.stdout.strip() == str(_glibc())
