"""Which municipality a report belongs to, resolved against the municipality reference list.

The list is the curated seed ``seeds/reference/ref_municipalities.csv`` (Statistics Finland's
municipalities with their codes). A report's municipality comes from, in this order:

1. the reports folder's manifest (a name outside the list loads without a code: a joint
   authority, a wellbeing services county, a municipality merged away);
2. its title page: ``HEINOLAN KAUPUNKI``, ``Vaalan kunta``, Swedish ``BORGÅ STAD``;
3. the genitives in its text: ``Lahden kaupungin``, ``Iin kunnan``.

A name on the title page or in the text that is not on the list is an error naming the line
and what was found, never a guess. A resolved name is spelled as the list spells it.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kuntatalous.errors import ExtractionError
from kuntatalous.text.cells import slugify
from kuntatalous.text.genitive import genitives
from kuntatalous.text.layout import heading_text
from kuntatalous.text.numbers import strip_markup

SEED_NAME = "ref_municipalities.csv"
SEED_FOLDER = Path("seeds") / "reference"
COLUMNS = ("municipality_code", "name_fi", "name_sv", "region_fi", "language")

_WORD = r"[A-Za-zÅÄÖåäöÉéÜü][\w:-]*"
# "<name> kaupunki/kunta" in Finnish (the name in the genitive, an optional qualifier such as
# "Tl" after it), "<name> stad/kommun" in Swedish.
_FINNISH = re.compile(
    rf"(?<![\w-])(?P<name>{_WORD}n(?:\s+[A-ZÅÄÖ][a-zåäö]{{0,2}}\.?)?)\s+"
    r"(?:kaupun(?:ki|gin|kia)|kunta|kunnan)(?![\w-])",
    re.IGNORECASE,
)
_SWEDISH = re.compile(rf"(?<![\w-])(?P<name>(?:{_WORD}\s+)?{_WORD})\s+(?:stad|kommun)s?(?![\w-])", re.IGNORECASE)
# In running text only a capitalised genitive can be a name. Its capital comes first and the test
# that no word character or hyphen stands before it after (``(?<![\w-].)``, the same test): a
# pattern that begins with a set of letters is tried only where one of them stands, which took
# the search through a report's text from a third of a millisecond to an eighth.
_TEXT_GENITIVE = re.compile(
    r"(?P<name>[A-ZÅÄÖ](?<![\w-].)[\w-]*n(?:\s+[A-ZÅÄÖ][a-zåäö]{0,2}\.?)?)\s+"
    r"(?:kaupun(?:ki|gin|kia)|kunta|kunnan)(?![\w-])"
)
# What may stand before the first word of a sentence: nothing, a tab, a tag, a bullet, a colon...
_SENTENCE_START = re.compile(r"(?:^|[.!?:;•\t(\"'\u2013-]|<[^>]*>|\*\*)\s*$")


@dataclass(frozen=True)
class Municipality:
    code: str
    name_fi: str
    name_sv: str


@dataclass(frozen=True)
class Resolution:
    """A report's municipality: its name, its code (``None`` outside the list) and where it was found."""

    name: str
    code: str | None
    source: str
    """``manifest``, ``title`` or ``text``."""
    warnings: tuple[str, ...] = ()


class MunicipalityList:
    """The municipalities of the reference seed, found by name or genitive (case-insensitively)."""

    def __init__(self, municipalities: list[Municipality], source: str) -> None:
        self.municipalities = municipalities
        self.source = source
        self._names: dict[str, Municipality] = {}
        self._genitives: dict[str, Municipality] = {}
        self._swedish: dict[str, Municipality] = {}
        for municipality in municipalities:
            self._names[municipality.name_fi.casefold()] = municipality
            self._names.setdefault(municipality.name_sv.casefold(), municipality)
            for form in genitives(municipality.name_fi):
                self._genitives[form.casefold()] = municipality
            for form in swedish_forms(municipality.name_sv):
                self._swedish[form.casefold()] = municipality

    def by_name(self, name: str) -> Municipality | None:
        """The municipality of a Finnish or Swedish name (``Heinola``, ``Borgå``)."""
        return self._names.get(_spaced(name))

    def by_genitive(self, genitive: str) -> Municipality | None:
        """The municipality of a Finnish genitive (``Lahden``, ``Kosken Tl``)."""
        return self._genitives.get(_spaced(genitive))

    def by_swedish(self, name: str) -> Municipality | None:
        """The municipality of a Swedish name as a title prints it (``Borgå``, ``Jakobstads``)."""
        return self._swedish.get(_spaced(name))


def swedish_forms(name: str) -> tuple[str, ...]:
    """A Swedish name as it stands before ``stad``/``kommun``: bare or in the genitive (Jakobstads)."""
    return (name,) if name[-1] in "sxzSXZ" else (name, name + "s")


def _spaced(text: str) -> str:
    return " ".join(text.split()).casefold()


def default_seed() -> Path:
    """The committed reference seed: ``seeds/reference/ref_municipalities.csv`` of the project
    this package is installed from."""
    for folder in Path(__file__).resolve().parents:
        candidate = folder / SEED_FOLDER / SEED_NAME
        if candidate.is_file():
            return candidate
    raise ExtractionError(SEED_NAME, None, f"cannot find {SEED_FOLDER / SEED_NAME} above {Path(__file__).parent}")


@cache
def load_municipalities(path: Path | None = None) -> MunicipalityList:
    """The municipality reference list (by default the committed seed)."""
    seed = path or default_seed()
    with seed.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ExtractionError(seed.name, 1, f"expected the columns {', '.join(COLUMNS)}")
        found = [Municipality(row["municipality_code"], row["name_fi"], row["name_sv"]) for row in reader]
    return MunicipalityList(found, seed.name)


@cache
def reference_digest(path: Path | None = None) -> str:
    """A digest of the reference seeds the extraction reads, on which its results depend: the
    municipalities' (``path``, by default the committed seed) and, beside it, the chart's line
    names (``line_names.CHART_SEEDS``)."""
    from kuntatalous.text.line_names import CHART_SEEDS  # that module reads the seeds beside this one

    seed = path or default_seed()
    digest = hashlib.sha256(seed.read_bytes())
    for name in CHART_SEEDS:
        digest.update((seed.parent / name).read_bytes())
    return digest.hexdigest()


def from_manifest(name: str, municipalities: MunicipalityList) -> Resolution:
    """A manifest's name, spelled as the list spells it; outside the list, as given, without a code."""
    found = municipalities.by_name(name)
    if found is None:
        return Resolution(name, None, "manifest")
    return Resolution(found.name_fi, found.code, "manifest")


def require_one_spelling(manifest: str, names: Iterable[str], municipalities: MunicipalityList) -> None:
    """Stop on a manifest name outside the list that would be another organisation's ids: two
    spellings of one (``Iivala`` and ``IIVALA``), or a list municipality's misspelt
    (``Pyhajarvi``, or ``Pedersore`` for the Swedish ``Pedersöre``). Their units would share ids
    and fail, or pass a partial build's tests, or load beside the listed municipality's."""
    listed = {slugify(name): name for m in municipalities.municipalities for name in (m.name_fi, m.name_sv)}
    spelt: dict[str, str] = {}
    for name in sorted(set(names)):
        if municipalities.by_name(name) is not None:
            continue
        key = slugify(name)
        if key in listed:
            problem = f"'{name}' and '{listed[key]}' are two spellings of one organisation: spell it as"
            raise ExtractionError(manifest, None, f"{problem} {municipalities.source} does")
        other = spelt.setdefault(key, name)
        if other != name:
            problem = f"'{name}' and '{other}' are two spellings of one organisation (its ids: '{key}'): spell it alike"
            raise ExtractionError(manifest, None, problem)


def outside_list_warning(manifest: str, name: str, municipalities: MunicipalityList) -> str | None:
    """The warning for a manifest name that is not a municipality of the list, else ``None``."""
    if municipalities.by_name(name) is not None:
        return None
    return (
        f"{manifest}: '{name}' is not a municipality of {municipalities.source}; "
        "its reports load without a municipality code"
    )


def resolve(
    source: str, lines: Sequence[str], text: str, municipalities: MunicipalityList, manifest_name: str | None
) -> Resolution | None:
    """The report's municipality, or ``None`` when neither the manifest, its title page nor its
    text names one. Raises ``ExtractionError`` for a name that is not on the list."""
    if manifest_name is not None:
        return from_manifest(manifest_name, municipalities)
    return from_title_page(source, lines, municipalities) or from_text(source, text, municipalities)


ORGANISATION_WORDS = ("kunta", "kaupunki", "kuntayhtymä", "kommun", "stad", "samkommun")
"""The words that end an organisation's name on a title page (``Vaalan kunta``, ``Borgå stad``,
``… kuntayhtymä``), in Finnish and Swedish."""
ORGANISATION_GENITIVES = ("kunnan", "kaupungin", "kuntayhtymän", "kommuns", "stads", "samkommuns")
"""The same words in the genitive, as a title names the statement's issuer (``Oovalan kunnan
tilinpäätös``)."""
_ORGANISATION_ALONE = re.compile(rf"^[^\W\d_][^\d\t]{{0,60}}?\b(?:{'|'.join(ORGANISATION_WORDS)})$", re.IGNORECASE)


def names_only_an_organisation(text: str) -> bool:
    """Whether a title line is an organisation's name alone (``HEINOLAN KAUPUNKI``, ``Borgå
    stad``, ``… KUNTAYHTYMÄ``); not a word that only ends so (``Sivistyslautakunta``)."""
    return _ORGANISATION_ALONE.match(text.strip()) is not None


def from_title_page(source: str, lines: Sequence[str], municipalities: MunicipalityList) -> Resolution | None:
    """The municipality a title page line names (``HEINOLAN KAUPUNKI``, ``BORGÅ STAD``)."""
    for number, line in numbered_title_lines(lines):
        match = _FINNISH.search(line)
        if match is not None:
            found = _genitive_name(match["name"], municipalities)
        elif (match := _SWEDISH.search(line)) is not None:
            found = _swedish_name(match["name"], municipalities)
        else:
            continue
        if found is None:
            raise ExtractionError(
                source, number, f"title '{line}' names no municipality of {municipalities.source}; {_HOW_TO_NAME}"
            )
        return Resolution(found.name_fi, found.code, "title")
    return None


def _genitive_name(name: str, municipalities: MunicipalityList) -> Municipality | None:
    """The municipality of a genitive, with or without the qualifier after it (Kosken Tl)."""
    return municipalities.by_genitive(name) or municipalities.by_genitive(name.split()[0])


def _swedish_name(name: str, municipalities: MunicipalityList) -> Municipality | None:
    """The municipality of a Swedish name of one or two words (``S:t Karins``, ``Borgå``)."""
    return municipalities.by_swedish(name) or municipalities.by_swedish(name.split()[-1])


_HOW_TO_NAME = "name the municipality in the reports folder's manifest.csv (file,municipality)"


def numbered_title_lines(lines: Sequence[str]) -> list[tuple[int, str]]:
    """The title page's text lines with their 1-based numbers: everything before the first
    markdown heading or table row."""
    found = []
    for number, line in enumerate(lines, start=1):
        if line.lstrip().startswith("#") or "\t" in line:
            break
        text = heading_text(line) or strip_markup(line)
        if text:
            found.append((number, text))
    return found


def from_text(source: str, text: str, municipalities: MunicipalityList) -> Resolution | None:
    """The municipality the text's genitives name (``Heinolan kaupungin``).

    A capitalised genitive that is not on the list is an error, unless it begins a sentence
    (``Kuvataan kaupungin``: any word is capitalised there). When the text names several
    municipalities, the one it names more often than all others together is the report's;
    without such a majority it is an error.
    """
    mentions: dict[Municipality, list[int]] = defaultdict(list)
    line, counted = 1, 0
    for match in _TEXT_GENITIVE.finditer(text):
        # The lines before the match, counted on from the one before it.
        line += text.count("\n", counted, match.start())
        counted = match.start()
        found = _genitive_name(match["name"], municipalities)
        if found is not None:
            mentions[found].append(line)
        elif not _begins_sentence(text, match.start()):
            raise ExtractionError(
                source,
                line,
                f"'{' '.join(match[0].split())}' names no municipality of {municipalities.source} "
                f"(misspelt, or merged into another?); {_HOW_TO_NAME}",
            )
    if not mentions:
        return None
    return _majority(source, mentions)


def _begins_sentence(text: str, start: int) -> bool:
    before = text[text.rfind("\n", 0, start) + 1 : start]
    return _SENTENCE_START.search(before) is not None


def _majority(source: str, mentions: dict[Municipality, list[int]]) -> Resolution:
    counts = Counter({municipality: len(lines) for municipality, lines in mentions.items()})
    (top, top_count), *others = counts.most_common()
    named = ", ".join(
        f"{m.name_fi} {len(mentions[m])} times from line {mentions[m][0]}" for m, _ in counts.most_common()
    )
    if top_count <= sum(count for _, count in others):
        raise ExtractionError(source, None, f"the text names several municipalities ({named}); {_HOW_TO_NAME}")
    warnings = (f"{source}: the text names more than one municipality ({named}); read as {top.name_fi}",)
    return Resolution(top.name_fi, top.code, "text", warnings if others else ())
