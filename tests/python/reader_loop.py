"""A reader of the published warehouse, as a BI tool reads it: SQLAlchemy (duckdb-engine on the
DuckDB file, read-only; psycopg on PostgreSQL, as the reader role), a new connection per query.
Run as a separate process by the serving tests of either:

    python reader_loop.py URL SCHEMA STOP_FILE

Queries the number of loaded documents and the total of fact_budget in SCHEMA, in one
statement, until STOP_FILE exists, then prints one JSON object: how many queries ran, the
distinct answers in the order they were seen, and every failure's message.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.pool import NullPool

PAUSE_SECONDS = 0.1
"""Between one query and the next. A build that kept the reader out would do so for seconds (a
writer holding the DuckDB file or the schema's lock while dbt runs, a publish copying the file),
which a query every tenth of a second meets many times; each query, a new connection (on
PostgreSQL a server process of its own), costs about 40 ms of CPU, so a pause of 0.01 s had the
reader take most of a core from the builds it watches."""


def main(url: str, schema: str, stop_file: Path) -> None:
    engine = sa.create_engine(url, poolclass=NullPool)
    query = sa.text(
        f'select (select count(*) from "{schema}".dim_document), (select sum(amount_eur) from "{schema}".fact_budget)'
    )
    queries = 0
    seen: list[list[str]] = []
    failures: list[str] = []
    while not stop_file.exists():
        try:
            with engine.connect() as connection:
                row = connection.execute(query).one()
            answer = [str(value) for value in row]
            if not seen or seen[-1] != answer:
                seen.append(answer)
        except Exception as exc:  # every failure counts, whatever its kind
            failures.append(f"{type(exc).__name__}: {exc}")
        queries += 1
        time.sleep(PAUSE_SECONDS)
    print(json.dumps({"queries": queries, "seen": seen, "failures": failures}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], Path(sys.argv[3]))
