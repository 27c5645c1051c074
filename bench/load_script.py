"""Import another bench script by its path, under a module name of its own.

The sealed sets' scripts are all called sample.py and score.py, and later ones reuse earlier ones' (bench/blind3's
sampler, bench/blind2's scorer, through bench/sealed_sets.py), so they cannot be imported by name. The module is
registered in sys.modules before it runs (its dataclasses look it up).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType


def load_script(name: str, path: Path) -> ModuleType:
    """Run the script at ``path`` as module ``name`` (once; later calls get the same module)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
