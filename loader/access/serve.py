"""`eventsdb db serve [--port 5432]`: the embedded server also listens on localhost TCP, for BI tools.

The embedded server normally listens on its Unix socket only (loader.db.server starts it with
`-h ''`). Serving restarts it with `-h 127.0.0.1 -p PORT`: loopback only, so nothing outside this
machine can connect, and pg_hba.conf is rewritten so that TCP connections must authenticate with a
SCRAM-SHA-256 password (`eventsdb db grant-reader NAME` makes one); the socket keeps trust, which
only the data directory's owner can reach. initdb's own pg_hba.conf trusts TCP on loopback: it is
replaced before the server ever listens on TCP.

The TCP listener lasts until the server stops: `eventsdb db stop` then `eventsdb db start` gives the
socket-only server again.
"""

from __future__ import annotations

import errno
import shlex
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

from loader.db import server
from loader.db.errors import DatabaseConfigError, EmbeddedServerError
from loader.db.settings import DATABASE_NAME

LOOPBACK = "127.0.0.1"
DEFAULT_PORT = 5432
HBA_FILE_NAME = "pg_hba.conf"

HBA_CONF = """\
# pg_hba.conf of the eventsdb embedded server, written by `eventsdb db serve`.
# The Unix socket lives in a directory only the data directory's owner can enter: trust there.
# TCP (loopback only, see listen_addresses) always needs a SCRAM-SHA-256 password: never trust on TCP.
# Roles without a password (postgres) cannot log in over TCP at all.
# TYPE  DATABASE  USER  ADDRESS        METHOD
local   all       all                  trust
host    all       all   127.0.0.1/32   scram-sha-256
host    all       all   ::1/128        scram-sha-256
"""


@dataclass(frozen=True)
class Serving:
    """The embedded server listening on TCP: what a BI tool needs to connect (and what changed)."""

    host: str
    port: int
    database: str
    data_dir: Path
    pid: int | None
    restarted: bool


def tcp_listener(pgdata: Path) -> tuple[str, int] | None:
    """(address, port) the running server listens on over TCP, from postmaster.pid; None if socket only."""
    try:
        lines = (pgdata / "postmaster.pid").read_text().splitlines()
    except OSError:
        return None
    if len(lines) < 6 or not lines[5].strip():
        return None
    try:
        return lines[5].strip(), int(lines[3])
    except ValueError:
        return None


def port_is_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as PostgreSQL binds
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno in (errno.EADDRINUSE, errno.EACCES):
                return False
            raise
    return True


def write_hba(pgdata: Path) -> None:
    """Replace pg_hba.conf in place (keeping its owner, the server's user, and its mode)."""
    path = pgdata / HBA_FILE_NAME
    try:
        if path.read_text() == HBA_CONF:
            return
        with path.open("w") as file:
            file.write(HBA_CONF)
    except OSError as error:
        raise EmbeddedServerError(f"cannot write {path}: {error.strerror or error}") from None


def _pg_ctl(pgdata: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    command = [str(server.postgres_bin_dir() / "pg_ctl"), "-D", str(pgdata), *arguments]
    try:
        return server.run_command(command, timeout=server.START_TIMEOUT_SECONDS + 30)
    except subprocess.TimeoutExpired:
        raise EmbeddedServerError(f"pg_ctl {arguments[-1]} timed out on {pgdata}") from None


def _start_with_tcp(pgdata: Path, port: int) -> None:
    socket_dir = server.prepare_socket_dir(pgdata)
    options = (
        f"-h {LOOPBACK} -p {port} -k {shlex.quote(str(socket_dir))} -c password_encryption=scram-sha-256"
    )
    log_file = pgdata / server.LOG_FILE_NAME
    completed = _pg_ctl(
        pgdata, "-l", str(log_file), "-w", "-t", str(server.START_TIMEOUT_SECONDS), "-o", options, "start"
    )
    if completed.returncode != 0:
        output = completed.stderr.strip().splitlines()
        reason = server.log_reason(log_file) or (output[-1] if output else "pg_ctl failed")
        raise EmbeddedServerError(
            f"could not start the embedded PostgreSQL server on {LOOPBACK}:{port}: {reason} "
            f"(server log: {log_file})"
        )


def _stop(pgdata: Path) -> None:
    completed = _pg_ctl(pgdata, "-w", "-m", "fast", "stop")
    if completed.returncode != 0:
        reason = completed.stderr.strip() or f"pg_ctl exit code {completed.returncode}"
        raise EmbeddedServerError(f"could not stop the embedded PostgreSQL server in {pgdata}: {reason}")


def serve(home: Path, port: int = DEFAULT_PORT) -> Serving:
    """Make the embedded server under `home` listen on 127.0.0.1:`port` with password authentication
    (creating and starting it first if needed). Restarts it unless it already listens there."""
    if not 1 <= port <= 65535:
        raise DatabaseConfigError(f"--port must be between 1 and 65535, not {port}")
    server.start(home)  # created and running (socket only) from here on
    pgdata = server.data_dir(home)
    with server.home_lock(home):  # no other eventsdb process starts or stops it meanwhile
        status = server.server_status(home)
        write_hba(pgdata)
        if status.running and tcp_listener(pgdata) == (LOOPBACK, port):
            _pg_ctl(pgdata, "reload")  # pg_hba.conf may have changed
            return Serving(LOOPBACK, port, DATABASE_NAME, pgdata, status.pid, restarted=False)
        if not port_is_free(LOOPBACK, port):
            raise DatabaseConfigError(
                f"port {port} on {LOOPBACK} is already in use (another PostgreSQL?); choose another with --port"
            )
        if status.running:
            _stop(pgdata)
        try:
            _start_with_tcp(pgdata, port)
        except EmbeddedServerError:
            server.pg_ctl_start(pgdata)  # back to the socket-only server, so other commands still work
            raise
        status = server.server_status(home)
        if not status.running:
            raise EmbeddedServerError(
                f"the embedded PostgreSQL server in {pgdata} stopped right after starting "
                f"(server log: {pgdata / server.LOG_FILE_NAME})"
            )
    server.create_database_if_missing(status)
    return Serving(LOOPBACK, port, DATABASE_NAME, pgdata, status.pid, restarted=True)


def connection_details(serving: Serving, readers: list[str]) -> list[tuple[str, str]]:
    """What a BI tool's connection form asks for, as (field, value) pairs."""
    user = ", ".join(readers) if readers else "(no reader yet: run `eventsdb db grant-reader NAME`)"
    return [
        ("type", "PostgreSQL"),
        ("host", serving.host),
        ("port", str(serving.port)),
        ("database", serving.database),
        ("user", user),
        ("password", "the reader's password, shown once by `eventsdb db grant-reader`"),
        ("SSL", "off (sslmode=disable): loopback only"),
        ("schema", "research (flat views); public holds the normalized tables"),
        ("JDBC URL", f"jdbc:postgresql://{serving.host}:{serving.port}/{serving.database}"),
        (
            "libpq URL",
            f"postgresql://{readers[0] if readers else 'NAME'}@{serving.host}:{serving.port}/"
            f"{serving.database}?sslmode=disable",
        ),
    ]
