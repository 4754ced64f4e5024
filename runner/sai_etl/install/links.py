"""The two links between the databases, set up by `sai-etl migrate`.

n8n -> dashboard: dblink server `sai_dashboard` in n8n's database, user mapping to a login role
that is a member of sai_etl_ingest (which may only call etl_ingest_execution). dashboard -> n8n:
postgres_fdw server `sai_n8n`, user mapping to a login member of the read-only role
sai_etl_reader. Both mappings belong to the role that runs the migration, which owns the
SECURITY DEFINER functions that use them.

Each link logs in as its own role, named after the database that holds its mapping: roles are
cluster-wide, so a shared one would have its password reset by the set-up of any other pair of
databases on the same server, silently breaking the links of the first.

Passwords reach the server only as COPY data, never in statement text or bind parameters, so
neither pg_stat_activity nor a server logging every statement (with its parameters) holds one.
The nested statements that do hold one (ALTER ROLE, CREATE USER MAPPING) are kept out of
pg_stat_statements, and when they fail their text stays out of the error.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

# libpq keywords that say where a server is; everything else in an override is ignored.
ADDRESS_KEYS = ("host", "hostaddr", "port", "dbname", "sslmode")


@dataclass(frozen=True)
class Link:
    server: str
    role: str
    fixed_options: dict[str, str]
    probe: str


# Over TCP a frozen peer (a hung host, a partition) would otherwise hold a connection for the
# kernel's default hours: keepalives and tcp_user_timeout bound it to seconds. libpq ignores
# them on unix sockets.
TCP_LIVENESS = {
    "keepalives": "1",
    "keepalives_idle": "5",
    "keepalives_interval": "2",
    "keepalives_count": "3",
    "tcp_user_timeout": "10000",
}

# A slow or dead dashboard must cost n8n little: short connect and statement timeouts. The next
# delivery in an n8n backend waits for the dashboard's answer to the one before: the dashboard
# does not wait for its WAL flush (the rows are derived from n8n's; a crash's lost last commits
# come back with the reconcile).
DASHBOARD_LINK = Link(
    server="sai_dashboard",
    role="sai_etl_ingest",
    fixed_options={
        "connect_timeout": "2",
        "options": "-c statement_timeout=5000 -c synchronous_commit=off",
        "application_name": "sai-etl stage1",
        **TCP_LIVENESS,
    },
    probe="SELECT x FROM sai_etl.dblink('sai_dashboard', 'SELECT 1') AS t(x integer)",
)
N8N_LINK = Link(
    server="sai_n8n",
    role="sai_etl_reader",
    fixed_options={
        "fetch_size": "10000",
        "application_name": "sai-etl stage2",
        "connect_timeout": "5",
        **TCP_LIVENESS,
    },
    probe="SELECT count(*) FROM n8n.watched_workflows",
)


def address(conn: psycopg.Connection, override: str | None) -> dict[str, str]:
    """Where the other server reaches this database: the override's address keys, else the
    address this connection actually used (so service names and defaults resolve)."""
    if override:
        return {k: v for k, v in conninfo_to_dict(override).items() if k in ADDRESS_KEYS and v}
    return {"host": conn.info.host, "port": str(conn.info.port), "dbname": conn.info.dbname}


def _server_options(conn: psycopg.Connection, server: str) -> dict[str, str]:
    row = conn.execute(
        "SELECT coalesce(srvoptions, '{}') FROM pg_foreign_server WHERE srvname = %s", [server]
    ).fetchone()
    if row is None:
        raise RuntimeError(f"foreign server {server} is missing: the migrations did not run")
    return dict(option.split("=", 1) for option in row[0])


def _set_server_options(conn: psycopg.Connection, server: str, wanted: dict[str, str]) -> None:
    current = _server_options(conn, server)
    actions = []
    for key, value in wanted.items():
        verb = "SET" if key in current else "ADD"
        actions.append(
            sql.SQL("{} {} {}").format(sql.SQL(verb), sql.Identifier(key), sql.Literal(value))
        )
    actions += [sql.SQL("DROP {}").format(sql.Identifier(k)) for k in current if k not in wanted]
    if actions:
        conn.execute(
            sql.SQL("ALTER SERVER {} OPTIONS ({})").format(
                sql.Identifier(server), sql.SQL(", ").join(actions)
            )
        )


def login_role(source: psycopg.Connection, link: Link) -> str:
    """The role `link` logs in as from `source`'s database: link.role, the database's name and
    a digest of the cluster's identity and that name (unique per mapping, readable by a DBA)."""
    (system_id,) = source.execute("SELECT system_identifier FROM pg_control_system()").fetchone()
    dbname = source.info.dbname
    digest = hashlib.sha256(f"{system_id}/{dbname}".encode()).hexdigest()[:8]
    readable = re.sub(r"[^a-z0-9_]", "_", dbname.lower())[:24]
    return f"{link.role}_{readable}_{digest}"


def _set_secret(conn: psycopg.Connection, password: str) -> None:
    """Make `password` this transaction's setting sai_etl.link_secret, sent as COPY data."""
    conn.execute("CREATE TEMPORARY TABLE sai_etl_link_secret (secret text) ON COMMIT DROP")
    with conn.cursor().copy("COPY sai_etl_link_secret (secret) FROM STDIN") as copy:
        copy.write_row([password])
    conn.execute("SELECT set_config('sai_etl.link_secret', secret, true) FROM sai_etl_link_secret")
    # pg_stat_statements.track = all would keep the text of the nested statements below, the
    # password in it, for anyone allowed to read pg_stat_statements.
    conn.execute(
        "SELECT set_config('pg_stat_statements.track', 'top', true) "
        "WHERE current_setting('pg_stat_statements.track', true) = 'all'"
    )


def _execute_secret(conn: psycopg.Connection, statement: sql.Composable) -> None:
    """Run `statement`, a PL/pgSQL expression building a statement that holds the secret, in a
    DO block. On failure only its message goes on: PL/pgSQL's error context would quote the
    statement, password and all, to the client and to the server log."""
    conn.execute(
        sql.SQL(
            "DO $$ BEGIN EXECUTE {}; EXCEPTION WHEN OTHERS THEN "
            "RAISE EXCEPTION USING ERRCODE = SQLSTATE, MESSAGE = SQLERRM; END $$"
        ).format(statement)
    )


def _set_role_password(conn: psycopg.Connection, role: str, member_of: str, about: str) -> None:
    """Create the login role `role` as a member of `member_of` if missing; set its password."""
    conn.execute(
        sql.SQL(
            "DO $$ BEGIN "
            "IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {role}) THEN "
            "EXECUTE format('CREATE ROLE %I LOGIN', {role}); END IF; "
            "EXECUTE format('GRANT %I TO %I', {member_of}, {role}); END $$"
        ).format(role=sql.Literal(role), member_of=sql.Literal(member_of))
    )
    _execute_secret(
        conn,
        sql.SQL(
            "format('ALTER ROLE %I PASSWORD %L', {}, current_setting('sai_etl.link_secret'))"
        ).format(sql.Literal(role)),
    )
    conn.execute(
        sql.SQL("COMMENT ON ROLE {} IS {}").format(sql.Identifier(role), sql.Literal(about))
    )


def _set_user_mapping(conn: psycopg.Connection, server: str, role: str) -> None:
    conn.execute(
        sql.SQL("DROP USER MAPPING IF EXISTS FOR CURRENT_USER SERVER {}").format(
            sql.Identifier(server)
        )
    )
    _execute_secret(
        conn,
        sql.SQL(
            "format('CREATE USER MAPPING FOR CURRENT_USER SERVER %I "
            "OPTIONS (user %L, password %L)', {}, {}, current_setting('sai_etl.link_secret'))"
        ).format(sql.Literal(server), sql.Literal(role)),
    )


def works(conn: psycopg.Connection, link: Link) -> bool:
    """Whether the link answers now (a probe through it)."""
    try:
        with conn.transaction():
            conn.execute(link.probe)
        return True
    except psycopg.Error:
        return False


def configure(
    source: psycopg.Connection,
    target: psycopg.Connection,
    link: Link,
    target_address: dict[str, str],
    rotate: bool = False,
) -> bool:
    """Point `link` (a server in `source`'s database) at `target`'s database. A fresh password is
    set for the link's login role (see login_role) when the link does not work yet or `rotate`
    is asked for. Returns whether the password was (re)set."""
    with source.transaction():
        _set_server_options(source, link.server, {**target_address, **link.fixed_options})
    if works(source, link) and not rotate:
        return False
    role = login_role(source, link)
    about = (
        f"sai-etl link {link.server} from database {source.info.dbname}: "
        f"a login member of {link.role}, its password in that database's user mapping."
    )
    password = secrets.token_urlsafe(32)
    with target.transaction():
        _set_secret(target, password)
        _set_role_password(target, role, link.role, about)
    with source.transaction():
        _set_secret(source, password)
        _set_user_mapping(source, link.server, role)
    if not works(source, link):
        raise RuntimeError(
            f"the link {link.server} does not answer after setup: check that the server can reach "
            f"{target_address} and that pg_hba.conf lets role {role} log in with a password"
        )
    return True
