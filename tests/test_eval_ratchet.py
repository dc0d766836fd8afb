"""Extraction quality never falls below benchmarks/eval_floor.json (raise the floor with
`.venv/bin/python benchmarks/eval.py --write --ratchet` after an improvement)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
EPS = 1e-9


def _load_eval() -> ModuleType:
    spec = importlib.util.spec_from_file_location("thaw_eval", ROOT / "benchmarks" / "eval.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module      # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("corpus,floor_file", [
    ("corpus", "eval_floor.json"),
    ("corpus_extra", "eval_floor_extra.json"),
])
def test_extraction_quality_no_worse_than_floor(corpus: str, floor_file: str) -> None:
    ev = _load_eval()
    floor = json.loads((ROOT / "benchmarks" / floor_file).read_text(encoding="utf-8"))
    now = ev.score(None, ROOT / "tests" / corpus)
    fell = []
    for key in ev.HIGHER:
        if key in floor and floor[key] is not None and (now[key] or 0) < floor[key] - EPS:
            fell.append(f"{key}: {now[key]} < floor {floor[key]}")
    for key in ev.LOWER:
        if key in floor and now[key] > floor[key] + EPS:
            fell.append(f"{key}: {now[key]} > floor {floor[key]}")
    assert not fell, (f"extraction got worse than benchmarks/{floor_file} (see "
                      f"`.venv/bin/python benchmarks/eval.py --corpus tests/{corpus} --verbose`):"
                      "\n  " + "\n  ".join(fell))
