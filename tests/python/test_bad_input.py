"""Damaged input, one case per kind of damage: each gives a message naming the file (and the
line where there is one), exits 2 and leaves the previous outputs as they were."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from kuntatalous.cli import EXIT_INPUT_ERROR, main

Damage = Callable[[str], bytes]
"""Turns the fixture report's text into the damaged file's bytes."""


def read_all(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def replaced(old: str, new: str) -> Damage:
    def damage(text: str) -> bytes:
        assert text.count(old) == 1, f"expected exactly one {old!r}"
        return text.replace(old, new).encode("utf-8")

    return damage


def ascii_signs(text: str) -> str:
    """The text with its Unicode minus signs as hyphens (Latin-1 has no minus sign)."""
    return text.replace("\u2212", "-")


def constant(data: bytes) -> Damage:
    return lambda _text: data


DAMAGES: list[tuple[str, Damage, str]] = [
    ("empty", constant(b""), "bad.txt: empty file"),
    ("blank lines only", constant(b"\n \n\t\n"), "bad.txt: empty file: only blank lines"),
    (
        "binary",
        lambda text: text.encode("utf-8")[:40] + b"\x00\x01\x02" + text.encode("utf-8")[40:],
        "bad.txt:3: binary file (NUL byte at offset 40), not a text report",
    ),
    ("pdf", constant(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), "bad.txt:1: a PDF file, not text"),
    ("utf-16", lambda text: text.encode("utf-16"), "bad.txt:1: UTF-16 text: convert the file to UTF-8"),
    (
        "latin-1",
        lambda text: ascii_signs(text).replace("\u20ac", "EUR").encode("latin-1"),
        "bad.txt:1: not UTF-8 text (byte 0xc4); looks like Latin-1/Windows-1252: convert it to UTF-8",
    ),
    (
        "windows-1252",
        lambda text: ("Budjetti \u20ac\n" + ascii_signs(text)).encode("cp1252"),
        "bad.txt:1: not UTF-8 text (byte 0x80); looks like Latin-1/Windows-1252: convert it to UTF-8",
    ),
    (
        "other encoding",
        lambda text: text.encode("utf-8").replace("Pieni yksikkö".encode(), b"Pieni yksikk\xc3 "),
        "bad.txt:19: not UTF-8 text (byte 0xc3); convert the file to UTF-8",
    ),
    (
        "no tables",
        lambda text: text.replace("\t", "    ").encode("utf-8"),
        "bad.txt: no tables: no line has tab-separated cells",
    ),
]


@pytest.mark.parametrize(("damage", "message"), [(d, m) for _, d, m in DAMAGES], ids=[i for i, _, _ in DAMAGES])
def test_damaged_report_is_a_clear_error_and_changes_nothing(
    mini_report: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: Damage, message: str
) -> None:
    reports, out = tmp_path / "reports", tmp_path / "out"
    reports.mkdir()
    shutil.copy(mini_report, reports / "good.txt")
    assert main(["extract", str(reports), "--out", str(out), "--quiet"]) == 0
    before = read_all(out)
    capsys.readouterr()

    (reports / "bad.txt").write_bytes(damage(mini_report.read_text(encoding="utf-8")))
    code = main(["extract", str(reports), "--out", str(out)])

    stderr = capsys.readouterr().err
    assert code == EXIT_INPUT_ERROR
    assert stderr.startswith(f"error: {message}"), stderr
    assert stderr.count("\n") == 1, "one error, one line"
    assert read_all(out) == before
