"""Extraction cost per document on the development corpus (tests/corpus/articles).

Pure extraction (read → clean → mentions → dates → events → sanctions), no store: the part of
ingest that depends on the extractor's rules. Prints the median over runs of ms per document.

    .venv/bin/python benchmarks/bench_extract.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store.ingest.documents import read_document  # noqa: E402
from store.ingest.run import extract_document  # noqa: E402


def per_document_ms(runs: int) -> list[float]:
    docs = [read_document(p) for p in sorted((ROOT / "tests" / "corpus" / "articles").glob("*.md"))]
    extract_document(docs[0])                  # the lexicon and gazetteer load once, not timed
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        for d in docs:
            extract_document(d)
        out.append((time.perf_counter() - t) * 1000 / len(docs))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    values = per_document_ms(ap.parse_args().runs)
    print(f"extraction, development corpus: median {statistics.median(values):.2f} ms/document"
          f" (min {min(values):.2f}, max {max(values):.2f}, {len(values)} runs)")


if __name__ == "__main__":
    main()
