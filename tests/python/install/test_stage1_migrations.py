"""Migrations: a fresh install, a step-by-step upgrade and a rollback-then-reapply give the same
schema; rolling everything back leaves n8n's database as n8n made it and the dashboard without a
sai-etl table; every object sai-etl installs is documented (COMMENT ON), procrastinate-style."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from yoyo import read_migrations

from sai_etl.install import schema
from sai_etl.install.paths import migrations_dir
from support import pairs

DATABASES = ("n8n", "dashboard")
# The schemas sai-etl owns or fills: the dashboard's public and n8n, n8n's sai_etl.
SAI_SCHEMAS = {"n8n": ("sai_etl",), "dashboard": ("public", "n8n")}
CREATED_TABLE = re.compile(r"^CREATE (?:FOREIGN )?TABLE (?:(\w+)\.)?(\w+)", re.MULTILINE)


def _createdb(kind: str, name: str) -> str:
    cluster = pairs.test_cluster()
    pairs.run(["createdb", name], env=cluster.env())
    if kind == "n8n":
        pairs.run(
            [
                "psql",
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-d",
                name,
                "-f",
                str(pairs.FIXTURES / "schema.sql"),
            ],
            env=cluster.env(),
        )
    return cluster.dsn(name)


def _dump(dsn: str) -> str:
    """pg_dump --schema-only, without the per-run \\restrict key."""
    out = pairs.run(["pg_dump", "--schema-only", "--no-owner", "-d", dsn])
    return "\n".join(
        line for line in out.splitlines() if not line.startswith(("\\restrict", "\\unrestrict"))
    )


def _step_by_step(dsn: str, kind: str) -> None:
    """Each migration alone, in order, then the post-apply hook once (an upgrade path)."""
    yoyo = schema.backend(dsn, kind)
    migrations = read_migrations(str(migrations_dir(kind)))
    with yoyo.lock():
        for migration in migrations:
            yoyo.apply_migrations_only([migration])
        yoyo.run_post_apply(migrations)


@pytest.fixture(scope="module")
def installs() -> Iterator[dict[str, dict[str, str]]]:
    """kind -> {how: dsn}: pristine (n8n only: its schema, never migrated), fresh, step, cycle."""
    tag = pairs.unique("mig")
    made: dict[str, dict[str, str]] = {kind: {} for kind in DATABASES}
    try:
        for kind in DATABASES:
            for how in ("pristine", "fresh", "step", "cycle"):
                if how == "pristine" and kind != "n8n":
                    continue
                made[kind][how] = _createdb(kind, f"{tag}_{kind}_{how}")
            schema.migrate(made[kind]["fresh"], kind)
            _step_by_step(made[kind]["step"], kind)
            schema.migrate(made[kind]["cycle"], kind)
        yield made
    finally:
        cluster = pairs.test_cluster()
        for kind in DATABASES:
            for how in made[kind]:
                subprocess.run(
                    ["dropdb", "--if-exists", "--force", f"{tag}_{kind}_{how}"],
                    env=cluster.env(),
                    capture_output=True,
                    timeout=60,
                    check=False,
                )


def _relations(dsn: str) -> list[tuple[str, str]]:
    """Every table, view and foreign table outside the system's schemas."""
    with psycopg.connect(dsn) as conn:
        return conn.execute(
            "SELECT n.nspname, c.relname FROM pg_class AS c "
            "JOIN pg_namespace AS n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') "
            "AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2"
        ).fetchall()


@pytest.mark.parametrize("kind", DATABASES)
def test_step_by_step_upgrade_equals_fresh_install(
    installs: dict[str, dict[str, str]], kind: str
) -> None:
    assert _dump(installs[kind]["step"]) == _dump(installs[kind]["fresh"])


@pytest.mark.parametrize("kind", DATABASES)
def test_rollback_all_leaves_nothing_and_reapply_equals_fresh(
    installs: dict[str, dict[str, str]], kind: str
) -> None:
    dsn = installs[kind]["cycle"]
    rolled_back = schema.rollback(dsn, kind)
    assert len(rolled_back) == len(read_migrations(str(migrations_dir(kind))))
    if kind == "n8n":
        assert _dump(dsn) == _dump(installs["n8n"]["pristine"])
    else:
        assert _relations(dsn) == []
    schema.migrate(dsn, kind)
    assert _dump(dsn) == _dump(installs[kind]["fresh"])


@pytest.mark.parametrize("kind", DATABASES)
def test_every_migration_has_a_rollback(kind: str) -> None:
    folder = migrations_dir(kind)
    forward = sorted(p for p in folder.glob("[0-9]*.sql") if not p.name.endswith(".rollback.sql"))
    assert forward
    for path in forward:
        assert path.with_name(path.stem + ".rollback.sql").is_file(), f"{path.name} has no rollback"


@pytest.mark.parametrize("kind", DATABASES)
def test_every_object_is_documented(installs: dict[str, dict[str, str]], kind: str) -> None:
    """Every function, table, view and foreign table in sai-etl's schemas has a comment (yoyo's
    bookkeeping and extensions' members are not sai-etl's)."""
    with psycopg.connect(installs[kind]["fresh"]) as conn:
        missing = conn.execute(
            """
            SELECT n.nspname || '.' || o.name
            FROM (
                SELECT c.oid, 'pg_class'::regclass AS catalog, c.relnamespace AS ns,
                       c.relname AS name
                FROM pg_class AS c WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
                UNION ALL
                SELECT p.oid, 'pg_proc'::regclass, p.pronamespace, p.proname FROM pg_proc AS p
            ) AS o
            JOIN pg_namespace AS n ON n.oid = o.ns
            WHERE n.nspname = ANY (%s)
              AND NOT (o.name = ANY (%s))
              AND NOT EXISTS (
                  SELECT FROM pg_depend AS d
                  WHERE d.classid = o.catalog AND d.objid = o.oid AND d.deptype = 'e'
              )
              AND coalesce(obj_description(o.oid, o.catalog::name), '') = ''
            ORDER BY 1
            """,
            [list(SAI_SCHEMAS[kind]), list(schema.YOYO_TABLES)],
        ).fetchall()
    assert missing == []


@pytest.mark.parametrize("kind", DATABASES)
def test_every_table_comes_from_a_migration_and_is_documented(
    installs: dict[str, dict[str, str]], kind: str
) -> None:
    """The tables in sai-etl's schemas are exactly those the migrations create (sql/ adds none),
    and each has a comment."""
    created = set()
    for path in Path(migrations_dir(kind)).glob("*.sql"):
        if path.name.endswith(".rollback.sql"):
            continue
        for qualifier, name in CREATED_TABLE.findall(path.read_text()):
            created.add((qualifier or "public", name))
    with psycopg.connect(installs[kind]["fresh"]) as conn:
        tables = conn.execute(
            "SELECT n.nspname, c.relname, coalesce(obj_description(c.oid, 'pg_class'), '') "
            "FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'p', 'f') AND n.nspname = ANY (%s) "
            "AND NOT (c.relname = ANY (%s))",
            [list(SAI_SCHEMAS[kind]), list(schema.YOYO_TABLES)],
        ).fetchall()
    assert {(ns, name) for ns, name, _ in tables} == created
    assert [name for _, name, comment in tables if not comment] == []
