"""Write the dbt source over the raw CSVs from the record declarations.

.venv/bin/python scripts/generate_sources.py           # rewrite the committed YAML
.venv/bin/python scripts/generate_sources.py --check   # exit 1 if it is not current
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kuntatalous.output.dbt_source import SOURCE_YAML, render_sources_yaml

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the dbt source YAML from the record declarations.")
    parser.add_argument("--check", action="store_true", help="only check that the committed file is current")
    args = parser.parse_args(argv)
    target = REPO / SOURCE_YAML
    rendered = render_sources_yaml()
    if args.check:
        if target.read_text(encoding="utf-8") != rendered:
            print(f"{SOURCE_YAML} is not current: run scripts/generate_sources.py", file=sys.stderr)
            return 1
        return 0
    target.write_text(rendered, encoding="utf-8")
    print(f"wrote {SOURCE_YAML}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
