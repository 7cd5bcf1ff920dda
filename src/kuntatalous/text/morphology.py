"""Names in the genitive. Finnish word forms are read by Voikko (``libvoikko`` over Debian's ``libvoikko1`` and its
Finnish dictionary ``voikko-fi``): whether words printed in the genitive are a name's, so that
``Teknisen lautakunnan investoinnit`` names the unit ``Tekninen lautakunta`` and ``Teknisten
palvelujen investoinnit`` the unit ``Tekniset palvelut``.

Voikko is loaded on first use, once per process; a machine without it gets
:class:`MorphologyUnavailableError` naming what to install (``make install`` does).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pwd
from functools import cache, lru_cache
from pathlib import Path

INSTALL = "apt-get install libvoikko1 voikko-fi (make install does)"
"""What a machine without Voikko needs."""
DICTIONARY_FOLDERS = ("/etc/voikko", "/usr/lib/voikko", "/usr/share/voikko", "/usr/local/lib/voikko")
"""Where Voikko looks for dictionaries after the folders of ``VOIKKO_DICTIONARY_PATH`` and the
user's ``.voikko`` (libvoikko's search path on Debian and from source)."""
DICTIONARY_INDEX = "*/mor-*/index.txt"
"""A dictionary's index under a folder of them (``5/mor-standard/index.txt``): its version and build."""
_GENITIVE = "omanto"
_NOMINATIVE = "nimento"
"""Voikko's names of the genitive and the nominative case (``SIJAMUOTO``)."""


class MorphologyUnavailableError(RuntimeError):
    """Voikko or its Finnish dictionary is not installed."""


@cache
def _analyser() -> object:
    import libvoikko  # loads the shared library

    try:
        return libvoikko.Voikko("fi")
    except (OSError, libvoikko.VoikkoException) as exc:  # no library, or no Finnish dictionary
        raise MorphologyUnavailableError(f"Voikko cannot be loaded ({exc}): {INSTALL}") from None


@cache
def fingerprint() -> str:
    """A digest of what reading the genitive depends on besides this code: libvoikko's version,
    the dictionary asked for (``VOIKKO_DICTIONARY``) and the index of every dictionary Voikko can
    find, in the order it looks; ``unavailable`` without Voikko. An extraction's cached result is
    kept only while this stays the same (``output.cache.extractor_fingerprint``). A folder that
    cannot be read counts by what stopped it, so that it never stops an extraction."""
    import libvoikko

    try:
        version = str(libvoikko.Voikko.getVersion())
    except OSError:  # no shared library: an extraction that needs it stops (``_analyser``)
        return "unavailable"
    digest = hashlib.sha256(f"libvoikko {version}\n{os.environ.get('VOIKKO_DICTIONARY', '')}\n".encode())
    for folder in _dictionary_folders():
        try:
            for index in sorted(folder.glob(DICTIONARY_INDEX)) if folder.is_dir() else []:
                digest.update(index.read_bytes())
        except OSError as exc:
            digest.update(f"{folder}: {exc.strerror}\n".encode())
    return digest.hexdigest()


def _dictionary_folders() -> list[Path]:
    """The folders Voikko looks in for dictionaries, in its order: ``VOIKKO_DICTIONARY_PATH``'s,
    the user's ``.voikko`` (by ``HOME``, and by the account's home, which libvoikko reads), then
    ``DICTIONARY_FOLDERS``."""
    searched = [Path(path) for path in os.environ.get("VOIKKO_DICTIONARY_PATH", "").split(os.pathsep) if path]
    homes = [os.environ.get("HOME", "")]
    with contextlib.suppress(KeyError):  # an account with no entry (a container's): HOME alone
        homes.append(pwd.getpwuid(os.getuid()).pw_dir)
    searched += [Path(home) / ".voikko" for home in dict.fromkeys(homes) if home]
    return searched + [Path(folder) for folder in DICTIONARY_FOLDERS]


@lru_cache(maxsize=4096)
def _forms(word: str, case: str) -> frozenset[tuple[str, str]]:
    """The (base form, number) pairs, base form in lower case, that Voikko reads ``word`` as in
    ``case``: ``palvelujen`` in the genitive is (``palvelu``, plural), as ``palvelut`` is in the
    nominative."""
    analyses = _analyser().analyze(word)  # type: ignore[attr-defined]
    return frozenset((str(a["BASEFORM"]).lower(), str(a.get("NUMBER"))) for a in analyses if a.get("SIJAMUOTO") == case)


def is_genitive_of(words: list[str], name: str) -> bool:
    """Whether ``words`` are ``name`` in the genitive: its last word's genitive, in the same
    number, each word before it either its own genitive (``Teknisen``: ``Tekninen``) or as
    ``name`` prints it (a genitive attribute: ``Vapaa-ajan``, ``Sosiaali- ja``)."""
    printed = name.split()
    if len(printed) != len(words):
        return False
    for index, (word, own) in enumerate(zip(words, printed, strict=True)):
        if index < len(words) - 1 and word.lower() == own.lower():
            continue
        if not _forms(word, _GENITIVE) & _forms(own, _NOMINATIVE):
            return False
    return True


def is_swedish_genitive_of(words: list[str], name: str) -> bool:
    """Whether ``words`` are ``name`` in the Swedish genitive: its last word and -s (``Tekniska
    nämndens``: ``Tekniska nämnden``; ``Kultur och fritids``), none after an s, x or z, the words
    before as printed. Swedish inflects no other word of the phrase: no dictionary is needed."""
    printed = name.lower().split()
    said = [word.lower() for word in words]
    if len(printed) != len(said) or said[:-1] != printed[:-1]:
        return False
    return said[-1] == printed[-1] + "s" or (printed[-1].endswith(("s", "x", "z")) and said[-1] == printed[-1])
