"""The synthetic corpora the benchmark runs on, and extraction in this process."""

from __future__ import annotations

import shutil
from pathlib import Path

SEED = 20261123
YEARS = 10
"""Statement years in a corpus: ten years of each municipality, as the warehouse should hold."""


COMPLETE = ".complete-family"
"""Marks a corpus written whole, of the report family's mixed layouts (an older corpus of one
layout is written again)."""


def generate(documents: int, out: Path, municipalities: int | None = None) -> Path:
    """The synthetic corpus of ``documents`` report sections in the report family's mixed
    layouts (kept under target/ between runs); ``municipalities`` as many as the generator
    picks unless given."""
    from kuntatalous.synthetic import generate_corpus, write_corpus

    if not (out / COMPLETE).exists():
        shutil.rmtree(out, ignore_errors=True)
        years = min(YEARS, max(1, documents // 3))
        corpus = generate_corpus(documents, SEED, years=years, municipalities=municipalities, family=True)
        write_corpus(corpus, out)
        (out / COMPLETE).touch()
    return out


def report_files(corpus: Path) -> list[Path]:
    return sorted(path for path in corpus.rglob("*") if path.suffix in (".txt", ".md"))


def extract_in_process(corpus: Path, out: Path) -> int:
    from kuntatalous.extract import extract_paths
    from kuntatalous.output.seeds import seed_files, write_seeds

    extraction = extract_paths([corpus])
    write_seeds(seed_files(extraction), out)
    return len(extraction.tables)
