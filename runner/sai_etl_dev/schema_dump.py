"""sai-etl's schema as pg_dump sees it, normalised so that two installs compare equal: what differs
only by deployment (link addresses, user mappings and their passwords, the pg_dump run) is
taken out, and in n8n's database only sai-etl's footprint is kept (n8n's own tables are n8n's).

    python -m sai_etl_dev.schema_dump DATABASE DSN   (DATABASE: dashboard or n8n)
"""

from __future__ import annotations

import re
import subprocess
import sys

# pg_dump introduces each object with a "-- Name: ...; Type: ...; Schema: ...; Owner: ..." block.
_ENTRY = re.compile(r"^--\n-- (?:Data for )?Name: ", re.MULTILINE)
# sai-etl's footprint in n8n's database: its schemas, roles, link server and extension.
_SAI_IN_N8N = re.compile(r"sai_etl|sai_dashboard")
# Set by `sai-etl migrate` for this deployment: where the other database is.
_SERVER_ADDRESS = re.compile(r"^(\s+(?:host|port|dbname) )'[^']*'", re.MULTILINE)


def dump(dsn: str) -> str:
    return subprocess.run(
        ["pg_dump", "--schema-only", "--no-owner", "-d", dsn],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def normalise(text: str, database: str) -> str:
    """The dump's entries that belong to sai-etl, deployment details replaced or dropped."""
    text = "\n".join(
        line
        for line in text.splitlines()
        if not line.startswith(
            ("\\restrict", "\\unrestrict", "-- Dumped ", "-- PostgreSQL database dump")
        )
    )
    head, *entries = _ENTRY.split(text)
    kept = []
    for entry in entries:
        if "; Type: USER MAPPING;" in entry.split("\n", 1)[0]:
            continue  # the link's login and password: per deployment, secret
        if database == "n8n" and not _SAI_IN_N8N.search(entry):
            continue  # n8n's own
        kept.append("--\n-- Name: " + _SERVER_ADDRESS.sub(r"\1'<set by sai-etl migrate>'", entry))
    settings = "\n".join(line for line in head.splitlines() if line and not line.startswith("--"))
    body = "".join(kept).replace("\n\n\n--\n", "\n\n--\n")
    # the last entry carries what is left of pg_dump's closing banner
    return settings + "\n\n" + body.rstrip("-\n") + "\n"


def main(argv: list[str]) -> int:
    database, dsn = argv
    sys.stdout.write(normalise(dump(dsn), database))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
