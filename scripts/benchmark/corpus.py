"""The synthetic corpora the benchmark runs on, and extraction in this process."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

SEED = 20261123
YEARS = 10
"""Statement years in a corpus: ten years of each municipality, as the warehouse should hold."""


COMPLETE = ".complete-family"
"""Marks a corpus written whole, of the report family's mixed layouts, and holds the digest of
what wrote it (``generator_digest``): a corpus that another generator wrote is written again."""
GENERATOR_PARTS = ("synthetic", "text")
"""The parts of the package that write a synthetic corpus: the generator, and the text helpers
it names municipalities and files with."""


def generator_digest(documents: int, years: int, municipalities: int | None) -> str:
    """What a corpus is written from: the generator's sources, the municipalities' seed it picks
    from, the random seed and the corpus's size."""
    import kuntatalous
    from kuntatalous.output.cache import sources_fingerprint
    from kuntatalous.text.municipality import default_seed

    digest = hashlib.sha256(sources_fingerprint(Path(kuntatalous.__file__).parent, GENERATOR_PARTS).encode())
    digest.update(default_seed().read_bytes())
    digest.update(f"seed {SEED}, {documents} documents, {years} years, {municipalities} municipalities".encode())
    return digest.hexdigest()


def generate(documents: int, out: Path, municipalities: int | None = None) -> Path:
    """The synthetic corpus of ``documents`` report sections in the report family's mixed
    layouts (kept under target/ between runs while the same generator would write it again);
    ``municipalities`` as many as the generator picks unless given."""
    from kuntatalous.synthetic import generate_corpus, write_corpus

    years = min(YEARS, max(1, documents // 3))
    digest = generator_digest(documents, years, municipalities)
    if corpus_digest(out) != digest:
        shutil.rmtree(out, ignore_errors=True)
        corpus = generate_corpus(documents, SEED, years=years, municipalities=municipalities, family=True)
        write_corpus(corpus, out)
        (out / COMPLETE).write_text(f"{digest}\n", encoding="utf-8")
    return out


def corpus_digest(corpus: Path) -> str | None:
    """The digest of what wrote the corpus in ``corpus`` (``generator_digest``); None when no
    corpus was written there whole, or one before the digest was kept."""
    try:
        return (corpus / COMPLETE).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def report_files(corpus: Path) -> list[Path]:
    return sorted(path for path in corpus.rglob("*") if path.suffix in (".txt", ".md"))


def extract_in_process(corpus: Path, out: Path) -> int:
    from kuntatalous.extract import extract_paths
    from kuntatalous.output.seeds import seed_files, write_seeds

    extraction = extract_paths([corpus])
    write_seeds(seed_files(extraction), out)
    return len(extraction.tables)
