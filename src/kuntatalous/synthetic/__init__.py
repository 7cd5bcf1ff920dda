"""A synthetic corpus of report sections in the text format of ``reports/``.

Municipalities with invented figures and consecutive statement years, each section one service area or
board with its unit tree, every figure derived from the leaves up so that each reconciliation
check of the warehouse holds. Seeded and deterministic: the same arguments give the same bytes.

``generate_corpus`` plans and renders a corpus in memory; ``write_corpus`` writes it as a
reports folder (report files, a ``manifest.csv`` naming some of their municipalities,
and ``reference/`` with the organisation the build should curate).
"""

from __future__ import annotations

from kuntatalous.synthetic.corpus import Corpus, generate_corpus, write_corpus

__all__ = ["Corpus", "generate_corpus", "write_corpus"]
