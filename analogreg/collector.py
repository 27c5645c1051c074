"""Python's cyclic garbage collector paused while a step builds many objects that form no reference cycle.

The collector runs whenever enough new container objects have been made since the last run, and each run over the
older generations walks everything still alive. A step that makes millions of lasting objects and no cycles (the
scan's parent gathering findings, the loading of the rules) then pays for collections that find nothing.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused(pause: bool = True) -> Iterator[None]:
    """The collector off (if ``pause``) until the block ends, then on again as it was; a pause inside another one
    leaves it to the outer one."""
    if not pause or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
