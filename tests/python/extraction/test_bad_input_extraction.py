"""Malformed execution_data through the real Stage 2 path: n8n's rows, the Stage 1 trigger,
etl_claim and its SQL extraction (etl_extract_execution), on a fresh pair of databases.

The bases are real SAI executions written by the simulator. Each generated case is one of them
with one defect (tests/python/malformed.py), or a valid flatted document that is no n8n run,
written as the execution_data of a new finished execution. After a claim, every case is either

- refused: not claimed, its queue item pending for a retry with last_error
  "extraction failed: <the defect's error>", and nothing recorded for it; or
- unread: claimed, because the defect sits where the extraction does not read (a key it does
  not look up), or is a string jsonb cannot hold (\\u0000, a lone surrogate) in an element
  nothing refers to, and everything recorded equals what its base's clean document gave.

Never anything else: no other error, no fact that the clean document does not give. Each
batch also carries clean copies, which must come through untouched by their neighbours.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count
from typing import Any

import psycopg
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from sai_etl_dev.simulate import simulate
from support import n8n_writes, pairs
from support.malformed import MALFORMED, NOT_JSON, Case, cases, documents

BATCHES = 26
BATCH = 40
NOT_A_RUN = (
    r"etl_extract_execution: execution \d+ is not an n8n run \(no resultData\.runData object\)"
)
tried: Counter[str] = Counter()
outcomes: Counter[tuple[str, str]] = Counter()  # (kind, outcome)
ids = count(2_000_001)


@dataclass(frozen=True)
class Base:
    execution_id: int
    workflow_id: str
    workflow_data: str
    data: str
    facts: tuple[Any, ...]


# What the extraction recorded for an execution, and what the claim handed over for its image.
FACTS = """
SELECT e.node_id, e.camera_id,
       (SELECT to_jsonb(a) - '{extracted_at,updated_at,execution_id}'::text[]
        FROM execution_analysis AS a WHERE a.execution_id = e.id),
       (SELECT to_jsonb(n) - '{extracted_at,updated_at,created_at,execution_id}'::text[]
        FROM execution_notifications AS n
        WHERE n.execution_id = e.id)
FROM executions AS e WHERE e.id = %s
"""


def _claim(conn: psycopg.Connection) -> dict[int, tuple[Any, ...]]:
    """Claim everything ready; execution id -> the claim's image locator. Completes them."""
    rows = conn.execute(
        "SELECT queue_id, claim_token, execution_id, image_source, md5(image_base64), image_path, "
        "md5(image_bytes), image_mime_type, image_file_name "
        "FROM etl_claim('bad-input', 1000, 60)"
    ).fetchall()
    for queue_id, token, *_ in rows:
        conn.execute("SELECT etl_complete(%s::bigint, %s::uuid, NULL)", [queue_id, token])
    return {row[2]: tuple(row[3:]) for row in rows}


def _facts(conn: psycopg.Connection, execution_id: int, locator: tuple[Any, ...]) -> tuple:
    row = conn.execute(FACTS, [execution_id]).fetchone()
    assert row is not None
    return (*row, *locator)


@pytest.fixture(scope="module")
def pair() -> Iterator[pairs.Pair]:
    made = pairs.new_pair("badin")
    with psycopg.connect(made.dashboard_dsn, autocommit=True) as conn:
        # A refused item must not come back within the test: its retry is an hour away.
        conn.execute(
            "UPDATE etl_settings SET value = '3600' "
            "WHERE key IN ('retry_base_seconds', 'retry_max_seconds')"
        )
    yield made
    print(f"\nmalformed execution_data through etl_claim: {sum(tried.values())}")
    for (kind, outcome), number in sorted(outcomes.items()):
        print(f"  {number:5d}  {kind}: {outcome}")
    made.drop()


@pytest.fixture(scope="module")
def bases(pair: pairs.Pair) -> list[Base]:
    with psycopg.connect(pair.n8n_dsn, autocommit=True) as n8n:
        made = simulate(n8n, 12, seed=7, frame_size=(48, 27))
        rows = n8n.execute(
            'SELECT e.id, e."workflowId", d."workflowData"::text, d.data '
            'FROM execution_entity AS e JOIN execution_data AS d ON d."executionId" = e.id '
            "WHERE e.id = ANY(%s) ORDER BY e.id",
            [made],
        ).fetchall()
    with psycopg.connect(pair.dashboard_dsn, autocommit=True) as dash:
        claimed = _claim(dash)
        assert sorted(claimed) == sorted(made), "every simulated execution is extracted"
        return [Base(*row, facts=_facts(dash, row[0], claimed[row[0]])) for row in rows]


def _write(pair: pairs.Pair, executions: list[tuple[int, Base, str]]) -> None:
    """New finished executions in n8n, in one transaction: Stage 1 queues them at its commit."""
    with psycopg.connect(pair.n8n_dsn, autocommit=True) as n8n:
        with n8n.transaction():
            for execution_id, base, data in executions:
                n8n.execute(
                    'INSERT INTO execution_entity (id, finished, mode, status, "workflowId", '
                    '"createdAt", "startedAt", "stoppedAt") '
                    "VALUES (%s, true, 'webhook', 'success', %s, now(), now(), now())",
                    [execution_id, base.workflow_id],
                )
                n8n.execute(
                    'INSERT INTO execution_data ("executionId", "workflowData", data) '
                    "VALUES (%s, %s::json, %s)",
                    [execution_id, base.workflow_data, data],
                )
        assert n8n_writes.settle(n8n) is None


def _queue(conn: psycopg.Connection, execution_id: int) -> tuple[str, int, str | None]:
    row = conn.execute(
        "SELECT status, attempts, last_error FROM etl_processing_queue WHERE execution_id = %s",
        [execution_id],
    ).fetchone()
    assert row is not None, f"execution {execution_id} was not queued by Stage 1"
    return row


def _recorded(conn: psycopg.Connection, execution_id: int) -> tuple[Any, ...]:
    row = conn.execute(FACTS, [execution_id]).fetchone()
    assert row is not None
    return tuple(row)


def _check(pair: pairs.Pair, batch: list[tuple[int, Base, Case | None]]) -> None:
    _write(pair, [(i, base, case.text if case else base.data) for i, base, case in batch])
    with psycopg.connect(pair.dashboard_dsn, autocommit=True) as dash:
        claimed = _claim(dash)
        for execution_id, base, case in batch:
            status, attempts, last_error = _queue(dash, execution_id)
            if execution_id in claimed:
                # Read through: exactly the clean document's facts.
                got = _facts(dash, execution_id, claimed[execution_id])
                assert got == base.facts, (execution_id, got, case)
                assert status == "completed"
                kind = "clean copy" if case is None else case.kind
                outcomes[kind, "claimed, same facts as the clean document"] += 1
                continue
            assert case is not None, f"a clean copy was refused: {last_error}"
            assert case.parses_as is None, f"a case that parses was refused: {last_error}"
            assert (status, attempts) == ("pending", 1), case
            expected = rf"extraction failed: {case.message}(: .*)?"
            assert re.fullmatch(expected, last_error or "", re.DOTALL), (last_error, case)
            assert len(last_error or "") <= 600, "a clear error is a short one"
            assert _recorded(dash, execution_id) == (None, None, None, None), case
            outcomes[case.kind, "refused with its error"] += 1


def _real_bases(bases: list[Base]) -> st.SearchStrategy[tuple[Base, Case]]:
    def with_case(base: Base) -> st.SearchStrategy[tuple[Base, Case]]:
        not_a_run = documents.map(
            lambda text: Case("valid flatted, not an n8n run", text, MALFORMED, NOT_A_RUN)
        )
        return st.tuples(st.just(base), st.one_of(cases(st.just(base.data)), not_a_run))

    return st.sampled_from(bases).flatmap(with_case)


@settings(
    max_examples=BATCHES,
    deadline=None,
    # A batch is 40 executions through two databases: shrinking one would take minutes.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(data=st.data())
def test_malformed_execution_data_is_refused_or_unread(
    pair: pairs.Pair, bases: list[Base], data: st.DataObject
) -> None:
    strategy = _real_bases(bases)
    batch: list[tuple[int, Base, Case | None]] = []
    for _ in range(BATCH):
        base, case = data.draw(strategy)
        batch.append((next(ids), base, case))
    batch += [(next(ids), base, None) for base in bases[:2]]
    _check(pair, batch)
    tried.update(case.kind for _, _, case in batch if case is not None)


FIFTY_MB = 50 * 1024 * 1024
# name: (text before, text after 50 MB of one character (or nothing), expected error)
LARGE = {
    "10,000 nested arrays": ("[" * 10_000 + "]" * 10_000, "", 0, (MALFORMED, NOT_A_RUN)),
    "100,000 nested arrays": (
        "[" * 100_000 + "]" * 100_000,
        "",
        0,
        ("54001", "flatted: nesting too deep"),
    ),
    "one 50 MB token": ("", "", FIFTY_MB, NOT_JSON),
    # The string is lost (null), which leaves a valid flatted document that is no n8n run.
    "50 MB document, \\u0000 at its end": (
        '[{"a":"1"},"',
        '\\u0000"]',
        FIFTY_MB,
        (MALFORMED, NOT_A_RUN),
    ),
}


@pytest.mark.parametrize("name", list(LARGE))
def test_large_values_are_refused(pair: pairs.Pair, bases: list[Base], name: str) -> None:
    head, tail, size, (state, message) = LARGE[name]
    case = Case(name, head + "y" * size + tail, state, message)
    _check(pair, [(next(ids), bases[0], case), (next(ids), bases[1], None)])
    tried[name] += 1
