"""A reader of the published warehouse, as a BI tool reads it: SQLAlchemy with duckdb-engine,
read-only, a new connection per query. Run as a separate process by the serving tests:

    python reader_loop.py DATABASE STOP_FILE

Queries the number of loaded documents and the total of fact_budget until STOP_FILE exists,
then prints one JSON object: how many queries ran, the distinct answers in the order they
were seen, and every failure's message.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.pool import NullPool

QUERY = sa.text(
    "select (select count(*) from analytics.dim_document), (select sum(amount_eur) from analytics.fact_budget)"
)


PAUSE_SECONDS = 0.1
"""Between one query and the next. A build that kept the reader out would do so for seconds (a
writer holding the file while dbt runs, a publish copying it), which a query every tenth of a
second meets many times; each query, a new connection, costs about 40 ms of CPU, so a pause of
0.01 s had the reader take most of a core from the builds it watches."""


def main(database: Path, stop_file: Path) -> None:
    engine = sa.create_engine(f"duckdb:///{database}?access_mode=read_only", poolclass=NullPool)
    queries = 0
    seen: list[list[str]] = []
    failures: list[str] = []
    while not stop_file.exists():
        try:
            with engine.connect() as connection:
                row = connection.execute(QUERY).one()
            answer = [str(value) for value in row]
            if not seen or seen[-1] != answer:
                seen.append(answer)
        except Exception as exc:  # every failure counts, whatever its kind
            failures.append(f"{type(exc).__name__}: {exc}")
        queries += 1
        time.sleep(PAUSE_SECONDS)
    print(json.dumps({"queries": queries, "seen": seen, "failures": failures}))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
