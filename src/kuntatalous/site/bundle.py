"""The Vega-Embed bundle the site's charts run on, kept between builds.

vl-convert-python makes its standard bundle (Vega, Vega-Lite and Vega-Embed, 0.9 MB) in about
3 s, the same bytes every time for one release of it, and every build writes it into its site.
It is therefore kept in the user's cache folder (``$XDG_CACHE_HOME/kuntatalous``, else
``~/.cache/kuntatalous``), one file per vl-convert release, in the extraction cache's envelope
(a checksum line, ``output.cache.seal``): an entry that is missing, damaged or unreadable is
made again, and a cache folder that cannot be written only makes the site slower to write.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import vl_convert

from kuntatalous.output.cache import BadEntryError, seal, unseal


def cache_folder() -> Path:
    """Where the bundle is kept: ``$XDG_CACHE_HOME/kuntatalous``, else ``~/.cache/kuntatalous``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kuntatalous"


def cached_path() -> Path:
    """The entry of the installed vl-convert release."""
    import importlib.metadata

    return cache_folder() / f"vega-embed-{importlib.metadata.version('vl-convert-python')}.js"


def vega_embed_bundle() -> str:
    """The standard bundle (exposing vega, vegaLite and vegaEmbed on window), from the cache if
    its entry is sound, else made (and kept)."""
    path = cached_path()
    try:
        return unseal(path.read_bytes()).decode("utf-8")
    except (OSError, BadEntryError, UnicodeDecodeError):
        pass
    # No snippet: the standard bundle (the stub marks the snippet as required; an empty one
    # gives an empty bundle).
    bundle: str = vl_convert.javascript_bundle(None)  # type: ignore[arg-type]
    _keep(path, bundle)
    return bundle


def _keep(path: Path, bundle: str) -> None:
    """Write the entry whole or not at all (a staged file renamed over it)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, staged = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(seal(bundle.encode("utf-8")))
        os.replace(staged, path)
    except OSError:
        Path(staged).unlink(missing_ok=True)
