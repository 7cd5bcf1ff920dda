"""The site's Vega-Embed bundle is kept between builds: made once per vl-convert release, read
back while its entry is sound, made again when the entry is damaged or cannot be kept."""

from __future__ import annotations

from pathlib import Path

import pytest
import vl_convert

from kuntatalous.output.cache import seal, unseal
from kuntatalous.site.bundle import cached_path, vega_embed_bundle


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """Every bundle vl-convert makes (the real one), the cache folder under tmp_path."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    calls: list[str] = []
    real = vl_convert.javascript_bundle

    def counted(snippet: str | None) -> str:
        calls.append(real(snippet))  # type: ignore[arg-type]
        return calls[-1]

    monkeypatch.setattr(vl_convert, "javascript_bundle", counted)
    return calls


def test_the_bundle_is_made_once_and_read_back(made: list[str], tmp_path: Path) -> None:
    first = vega_embed_bundle()
    assert len(made) == 1
    assert "vegaEmbed" in first
    entry = cached_path()
    assert entry.parent == tmp_path / "cache" / "kuntatalous"
    assert unseal(entry.read_bytes()).decode("utf-8") == first
    assert [path.name for path in entry.parent.iterdir()] == [entry.name], "no staged file left"
    # Read back: a sound entry is what the site gets, vl-convert is not asked again.
    entry.write_bytes(seal(b"window.kept = 1;"))
    assert vega_embed_bundle() == "window.kept = 1;"
    assert len(made) == 1


def test_a_damaged_entry_is_made_again_and_a_cache_that_cannot_be_written_is_only_slower(
    made: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = cached_path()
    entry.parent.mkdir(parents=True)
    stored = seal(b"window.kept = 1;")
    entry.write_bytes(stored.replace(b"kept = 1", b"kept = 2"))
    again = vega_embed_bundle()
    assert len(made) == 1
    assert again == made[0] != "window.kept = 2;"
    assert unseal(entry.read_bytes()).decode("utf-8") == again, "the entry is repaired"
    # A cache folder that is a file: the bundle is made and returned all the same.
    (tmp_path / "file").write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    assert vega_embed_bundle() == again
    assert len(made) == 2
