"""The report texts as HTML pages with an anchor on every line, for the figures' source links.

A figure's link is ``sources/<file>.html#L<line>``. The text is copied only when its bytes
are the ones the warehouse was built from (``dim_document.content_sha256``): a report edited
since would point its links at the wrong lines, so such a file gets no page and its figures
name file and line without a link.
"""

from __future__ import annotations

import hashlib
import html
from functools import lru_cache
from pathlib import Path

SOURCES_FOLDER = "sources"


def source_href(source_file: str, line: int | None) -> str:
    """The link from a page at the site's root to ``source_file`` at ``line``."""
    return f"{_source_link(source_file)}#L{line}" if line is not None else _source_link(source_file)


@lru_cache(maxsize=1024)
def _source_link(source_file: str) -> str:
    """The link to ``source_file``'s page: a page's figures name a few files, each thousands of times."""
    return f"{SOURCES_FOLDER}/{source_page_name(source_file)}"


def source_page_name(source_file: str) -> str:
    """The page of a report file: its path with ``/`` folded, plus ``.html``."""
    return source_file.replace("/", "__") + ".html"


def find_report(reports: Path, source_file: str, sha256: str) -> Path | None:
    """The report file named ``source_file`` under ``reports`` whose bytes hash to ``sha256``."""
    candidates = [reports / source_file]
    if not candidates[0].is_file():
        candidates = sorted(reports.rglob(Path(source_file).name))
    for candidate in candidates:
        if candidate.is_file() and hashlib.sha256(candidate.read_bytes()).hexdigest() == sha256:
            return candidate
    return None


def render_source(text: str, title: str, stylesheet: str) -> str:
    """The report text as one HTML page, line ``n`` at anchor ``Ln``, its number a link to itself."""
    lines = [
        f'<span class="line" id="L{number}"><a class="ln" href="#L{number}">{number}</a>{html.escape(line)}</span>'
        for number, line in enumerate(text.splitlines(), start=1)
    ]
    return (
        '<!doctype html>\n<html lang="fi">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{html.escape(title)}</title>\n'
        f'<link rel="stylesheet" href="../{stylesheet}">\n</head>\n<body class="source">\n'
        f"<h1>{html.escape(title)}</h1>\n<pre>" + "\n".join(lines) + "</pre>\n</body>\n</html>\n"
    )
