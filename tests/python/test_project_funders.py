"""fact_project_funder against the reports, read by hand: every project's funders as its text
names them, each funder's kind, and its share where the report prints it (a project's only
funder has all the city does not)."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

pytestmark = pytest.mark.e2e

AVI, EVK, TEM = "state_agency", "state_agency", "ministry"

# (report, line, printed name, kind, share %, euros), read from the projects tables:
# "Hanketta rahoitti AVI/EVK." names two funders and no split; "AVI:n / EVK:n rahoituksella"
# the same two; "ELY-keskus EAKR-rahoituksella", "Päijät-Hämeen liitto AKKE-rahoituksella",
# "ERASMUS+ -ohjelmasta, rahoituspäätöksen on tehnyt OPH" and "Interreg Europe -ohjelmasta,
# ja kansallinen rahoittaja on Lapin liitto" two each. A single funder's share is 100 % less
# the printed city share, its euros the total less the city's (90 % of 7 778 is 7 000,20).
EXPECTED = [
    ("hyvinvoinnin", 268, "AVI", AVI, None, None),
    ("hyvinvoinnin", 268, "EVK", EVK, None, None),
    ("hyvinvoinnin", 269, "AVI", AVI, "70.00", "50000.30"),
    ("hyvinvoinnin", 270, "AVI", AVI, "70.00", "56000.00"),
    ("hyvinvoinnin", 271, "AVI", AVI, "90.00", "7000.20"),
    ("hyvinvoinnin", 275, "AVI", AVI, "90.00", "26109.90"),
    ("hyvinvoinnin", 276, "AVI", AVI, None, None),
    ("hyvinvoinnin", 276, "EVK", EVK, None, None),
    ("hyvinvoinnin", 277, "AVI", AVI, None, None),
    ("hyvinvoinnin", 277, "EVK", EVK, None, None),
    ("hyvinvoinnin", 278, "AVI", AVI, "80.00", "20000.00"),
    ("hyvinvoinnin", 279, "AVI", AVI, "80.00", "35000.00"),
    ("hyvinvoinnin", 285, "AVI", AVI, "50.00", "17000.00"),
    ("hyvinvoinnin", 286, "AVI", AVI, "70.00", "49700.00"),
    ("hyvinvoinnin", 287, "AVI", AVI, "85.00", "49680.80"),
    ("hyvinvoinnin", 291, "Museovirasto", "state_agency", "80.00", "9500.00"),
    ("hyvinvoinnin", 292, "Museovirasto", "state_agency", "80.00", "7600.00"),
    ("hyvinvoinnin", 293, "OKM", "ministry", "80.00", "5888.00"),
    ("hyvinvoinnin", 294, "ERASMUS+", "eu_programme", None, None),
    ("hyvinvoinnin", 294, "OPH", "state_agency", None, None),
    ("hyvinvoinnin", 298, "AVI", AVI, None, None),
    ("hyvinvoinnin", 298, "EVK", EVK, None, None),
    ("hyvinvoinnin", 299, "TEM", TEM, "100.00", "30000.00"),
    ("hyvinvoinnin", 300, "TEM", TEM, "100.00", "15000.00"),
    ("yhteiset", 261, "EAKR", "eu_fund", None, None),
    ("yhteiset", 261, "ELY-keskus", "state_agency", None, None),
    ("yhteiset", 262, "Keva", "public_body", "50.00", "24000.00"),
    ("yhteiset", 263, "AKKE", "state_programme", None, None),
    ("yhteiset", 263, "Päijät-Hämeen liitto", "regional_council", None, None),
    ("yhteiset", 267, "Interreg Europe", "eu_programme", None, None),
    ("yhteiset", 267, "Lapin liitto", "regional_council", None, None),
    ("yhteiset", 268, "EAKR", "eu_fund", None, None),
    ("yhteiset", 268, "Päijät-Hämeen liitto", "regional_council", None, None),
]


def test_every_projects_funders_kinds_and_shares_as_printed(warehouse: duckdb.DuckDBPyConnection) -> None:
    rows = warehouse.execute(
        """
        select
            case when project.source_file like '%hyvinvoinnin%' then 'hyvinvoinnin' else 'yhteiset' end,
            project.source_line, funder.printed_name, funder.funder_kind,
            funder.funding_share_pct, funder.funding_eur
        from analytics.fact_project_funder as funder
        inner join analytics.fact_project as project on funder.project_id = project.project_id
        order by 1, 2, 3
        """
    ).fetchall()
    expected = [
        (report, line, name, kind, share and Decimal(share), euros and Decimal(euros))
        for report, line, name, kind, share, euros in EXPECTED
    ]
    assert rows == expected
    # Every project names a funder, and a single funder's euros are its project's external funding.
    assert warehouse.execute(
        "select count(*) from analytics.fact_project where project_id not in "
        "(select project_id from analytics.fact_project_funder)"
    ).fetchone() == (0,)
    assert warehouse.execute(
        """
        select count(*) from analytics.fact_project_funder as funder
        inner join analytics.fact_project as project on funder.project_id = project.project_id
        where funder.funder_count = 1 and funder.funding_eur != project.external_funding_eur
        """
    ).fetchone() == (0,)
