"""The municipalities a synthetic corpus is written for, and the organisational templates their
unit trees are drawn from.

The municipalities are real ones, drawn from the municipality reference list; their figures and
organisations are invented. Their reports name them in the genitive as Finnish does (Lahti →
``Lahden kaupungin``), which the extractor reads from the text.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MunicipalityName:
    name: str
    genitive: str
    is_city: bool

    @property
    def city_unit_name(self) -> str:
        return f"{self.genitive} {'kaupunki' if self.is_city else 'kunta'}"

    @property
    def city_unit_name_en(self) -> str:
        return f"{'City' if self.is_city else 'Municipality'} of {self.name}"

    @property
    def of_the_city(self) -> str:
        """The genitive phrase the reports print: ``Lahden kaupungin`` / ``Iin kunnan``."""
        return f"{self.genitive} {'kaupungin' if self.is_city else 'kunnan'}"


@dataclass(frozen=True)
class UnitName:
    name: str
    name_en: str
    alias: str | None = None
    """Another name a report prints in the unit's table header (``Hallinnon tukipalvelut``)."""


@dataclass(frozen=True)
class BoardTemplate:
    unit: UnitName
    areas: tuple[UnitName, ...]


@dataclass(frozen=True)
class ServiceAreaTemplate:
    unit: UnitName
    areas: tuple[UnitName, ...]
    """Responsibility areas directly under the service area, when it has no boards."""
    boards: tuple[BoardTemplate, ...]
    kind: str
    """Which key figures, goals and projects fit: ``common``, ``wellbeing``, ``environment``,
    ``vitality``, ``utility``."""

    @property
    def capacity(self) -> int:
        """How many report sections the service area can fill: one per board, at least one."""
        return max(1, len(self.boards))

    def names(self) -> set[str]:
        found = {self.unit.name} | {area.name for area in self.areas}
        for board in self.boards:
            found |= {board.unit.name} | {area.name for area in board.areas}
        return found


U = UnitName

SERVICE_AREAS: tuple[ServiceAreaTemplate, ...] = (
    ServiceAreaTemplate(
        unit=U("Yhteiset palvelut", "Common Services"),
        areas=(
            U("Vaalit", "Elections"),
            U("Tarkastustoimi", "Audit"),
            U("Talouspalvelut", "Financial Services"),
            U("Henkilöstöpalvelut", "Human Resources Services"),
            U("Hallintopalvelut", "Administrative Services", alias="Hallinnon tukipalvelut"),
            U("Digi- ja tietohallintopalvelut", "Digital and ICT Services"),
            U("Kehittämispalvelut", "Development Services"),
        ),
        boards=(),
        kind="common",
    ),
    ServiceAreaTemplate(
        unit=U("Konsernipalvelut", "Group Services"),
        areas=(
            U("Strategia ja viestintä", "Strategy and Communications"),
            U("Talouspalvelut", "Financial Services"),
            U("Henkilöstöpalvelut", "Human Resources Services"),
            U("Hankintapalvelut", "Procurement Services"),
            U("Tietohallinto", "ICT Services"),
        ),
        boards=(),
        kind="common",
    ),
    ServiceAreaTemplate(
        unit=U("Hyvinvointipalvelut", "Wellbeing Services"),
        areas=(
            U("Virikkeellinen elämä", "Culture and Leisure Services"),
            U("Hyvinvoinnin ja työllisyyden edistäminen", "Wellbeing and Employment Promotion"),
            U("Varhaiskasvatus", "Early Childhood Education"),
            U("Perusopetus", "Basic Education"),
        ),
        boards=(
            BoardTemplate(
                U("Hyvinvoinnin edistämisen lautakunta", "Wellbeing Promotion Board"),
                (
                    U("Virikkeellinen elämä", "Culture and Leisure Services"),
                    U("Hyvinvoinnin ja työllisyyden edistäminen", "Wellbeing and Employment Promotion"),
                    U("Kirjastopalvelut", "Library Services"),
                ),
            ),
            BoardTemplate(
                U("Kasvatus- ja opetuslautakunta", "Education Board"),
                (
                    U("Varhaiskasvatus", "Early Childhood Education"),
                    U("Perusopetus", "Basic Education"),
                    U("Lukiokoulutus", "Upper Secondary Education"),
                    U("Musiikkiopisto", "Music Institute"),
                ),
            ),
            BoardTemplate(
                U("Nuorisolautakunta", "Youth Board"),
                (
                    U("Nuorisopalvelut", "Youth Services"),
                    U("Etsivä nuorisotyö", "Outreach Youth Work"),
                ),
            ),
        ),
        kind="wellbeing",
    ),
    ServiceAreaTemplate(
        unit=U("Sivistyspalvelut", "Education and Culture Services"),
        areas=(
            U("Varhaiskasvatus", "Early Childhood Education"),
            U("Perusopetus", "Basic Education"),
            U("Kirjastopalvelut", "Library Services"),
            U("Liikuntapalvelut", "Sports Services"),
        ),
        boards=(
            BoardTemplate(
                U("Sivistyslautakunta", "Education and Culture Board"),
                (
                    U("Varhaiskasvatus", "Early Childhood Education"),
                    U("Perusopetus", "Basic Education"),
                    U("Lukiokoulutus", "Upper Secondary Education"),
                ),
            ),
            BoardTemplate(
                U("Kulttuuri- ja vapaa-aikalautakunta", "Culture and Leisure Board"),
                (
                    U("Kirjastopalvelut", "Library Services"),
                    U("Liikuntapalvelut", "Sports Services"),
                    U("Kulttuuripalvelut", "Cultural Services"),
                    U("Museopalvelut", "Museum Services"),
                ),
            ),
        ),
        kind="wellbeing",
    ),
    ServiceAreaTemplate(
        unit=U("Kaupunkiympäristöpalvelut", "Urban Environment Services"),
        areas=(
            U("Kuntatekniikka", "Municipal Engineering"),
            U("Tilapalvelut", "Facility Services"),
            U("Rakennusvalvonta", "Building Control"),
            U("Maankäyttö ja kaavoitus", "Land Use and Planning"),
        ),
        boards=(
            BoardTemplate(
                U("Tekninen lautakunta", "Technical Board"),
                (
                    U("Kuntatekniikka", "Municipal Engineering"),
                    U("Tilapalvelut", "Facility Services"),
                    U("Ruokapalvelut", "Catering Services"),
                    U("Puhdistuspalvelut", "Cleaning Services"),
                ),
            ),
            BoardTemplate(
                U("Ympäristö- ja rakennuslautakunta", "Environment and Building Board"),
                (
                    U("Rakennusvalvonta", "Building Control"),
                    U("Ympäristönsuojelu", "Environmental Protection"),
                    U("Maankäyttö ja kaavoitus", "Land Use and Planning"),
                ),
            ),
        ),
        kind="environment",
    ),
    ServiceAreaTemplate(
        unit=U("Elinvoimapalvelut", "Vitality Services"),
        areas=(
            U("Elinkeinopalvelut", "Business Services"),
            U("Matkailupalvelut", "Tourism Services"),
            U("Työllisyyspalvelut", "Employment Services"),
            U("Maaseutupalvelut", "Rural Services"),
        ),
        boards=(
            BoardTemplate(
                U("Elinvoimalautakunta", "Vitality Board"),
                (
                    U("Elinkeinopalvelut", "Business Services"),
                    U("Matkailupalvelut", "Tourism Services"),
                    U("Maaseutupalvelut", "Rural Services"),
                ),
            ),
            BoardTemplate(
                U("Työllisyyslautakunta", "Employment Board"),
                (
                    U("Työllisyyspalvelut", "Employment Services"),
                    U("Työpaja", "Youth Workshop"),
                    U("Kotoutumispalvelut", "Integration Services"),
                ),
            ),
        ),
        kind="vitality",
    ),
    ServiceAreaTemplate(
        unit=U("Vesihuoltopalvelut", "Water Services"),
        areas=(
            U("Vedenjakelu", "Water Supply"),
            U("Jätevedenpuhdistus", "Wastewater Treatment"),
            U("Verkostopalvelut", "Network Services"),
        ),
        boards=(),
        kind="utility",
    ),
    ServiceAreaTemplate(
        unit=U("Asunto- ja kiinteistöpalvelut", "Housing and Property Services"),
        areas=(
            U("Asuntopalvelut", "Housing Services"),
            U("Kiinteistöpalvelut", "Property Services"),
            U("Metsätalous", "Forestry"),
        ),
        boards=(),
        kind="utility",
    ),
)

MAX_SECTIONS = 10
"""The most sections one municipality's statement can have with these templates."""

STRATEGIC_GOALS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Hyvinvoinnin kasvu", ("Hyvinvointi lisääntyy", "Toimiva arki", "Hiilineutraali ja resurssiviisas {name}")),
    (
        "Uudistuva työ ja asuminen",
        ("Muuttovoiton vahvistaminen", "Dynaaminen ja uudistuva elinkeinoelämä", "Monipaikkainen {name}"),
    ),
    (
        "Vahva kaupunkiyhteisö",
        ("Laadukas päätöksenteko", "Osallisuuden vahvistaminen", "Hyvinvoiva henkilöstö ja hyvä johtaminen"),
    ),
    (
        "Kestävä talous",
        ("Velkamäärän vähentäminen", "Käyttötalouden tasapaino", "Kasvua tukevat tulevaisuusinvestoinnit"),
    ),
)

RESPONSIBLE = (
    "Palvelualuejohtaja",
    "Talouspäällikkö",
    "Hallintojohtaja",
    "Kehitysjohtaja",
    "Vastuualuejohtaja",
    "Koulutusjohtaja",
    "Varhaiskasvatusjohtaja",
    "Tekninen johtaja",
    "Elinkeinopäällikkö",
    "Hyvinvointijohtaja",
)

FUNDERS = ("AVI", "ELY-keskus", "OKM", "TEM", "Museovirasto", "Keva", "Opetushallitus")
