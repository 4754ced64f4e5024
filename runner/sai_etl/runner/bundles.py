"""n8n 2.x executions kept on n8n's disk ("storedAt" fs): the runner reads each one's bundle.json
and hands the text to the SQL extraction (etl_extract_claimed_bundle), which writes the facts and
returns the frame's locator as etl_claim does for data in n8n's database.

A bundle that is missing is a gone source, one that cannot be read a retryable fault: the rules
of n8n's binary files.
"""

from __future__ import annotations

import psycopg

from sai_etl.runner import claims
from sai_etl.runner.claims import Claim
from sai_etl.runner.image_work import ImageContext, Outcome
from sai_etl.runner.images import InvalidImage
from sai_etl.runner.log import error_text
from sai_etl.runner.n8n_files import read_bundle

SOURCE = "bundle"  # etl_claim's image_source for such items; image_path is the bundle's path


def open_bundle(
    conn: psycopg.Connection, item: Claim, context: ImageContext
) -> Claim | Outcome | None:
    """The claim with its frame's locator, or how to end it; None: the claim is no longer live."""
    path = item.image_path or ""
    try:
        text = read_bundle(context.n8n_folders, path, context.limits)
    except FileNotFoundError:
        return Outcome("skip", error=f"n8n execution bundle missing: {path}")
    except InvalidImage as exc:  # outside the root, too large, empty
        return Outcome("fail", error=f"n8n execution bundle {path}: {exc.reason}", retry=False)
    except UnicodeDecodeError as exc:
        return Outcome("fail", error=f"n8n execution bundle {path}: {exc}", retry=False)
    except OSError as exc:
        return Outcome("fail", error=f"reading n8n execution bundle {path}: {error_text(exc)}")
    try:
        return claims.extract_bundle(conn, item, text)
    except psycopg.Error as exc:
        if conn.broken or conn.closed:
            raise
        return Outcome("fail", error=f"extraction failed: {error_text(exc)}")


def resolve(
    conn: psycopg.Connection, claimed: list[Claim], context: ImageContext
) -> tuple[list[Claim], list[tuple[Claim, Outcome]]]:
    """The claims ready for image work, and those already answered (their bundle's outcome)."""
    ready: list[Claim] = []
    answered: list[tuple[Claim, Outcome]] = []
    for item in claimed:
        if item.image_source != SOURCE:
            ready.append(item)
            continue
        found = open_bundle(conn, item, context)
        if isinstance(found, Outcome):
            answered.append((item, found))
        elif found is not None:
            ready.append(found)
    return ready, answered
