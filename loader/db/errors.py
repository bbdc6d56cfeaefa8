"""Errors of the database layer, each with a one-line message for the user and a flag telling a
transient failure (worth retrying: the server is down or starting) from a terminal one (the
configuration is wrong: retrying will not help)."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager

import typer

EXIT_TERMINAL = 1
EXIT_TRANSIENT = 75  # EX_TEMPFAIL from sysexits.h: "try again later"


class EventsDbError(Exception):
    """An error the CLI reports as one line; `transient` says whether retrying later may help."""

    transient: bool = False

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class DatabaseConfigError(EventsDbError):
    """The database settings are wrong (e.g. DATABASE_URL is not a PostgreSQL URL)."""


class DatabaseError(EventsDbError):
    """The server answered but refused: wrong password, no such database, missing privilege."""


class DatabaseUnavailable(EventsDbError):
    """The server cannot be reached now (connection refused, timed out, starting up)."""

    transient = True


class EmbeddedServerError(EventsDbError):
    """The embedded PostgreSQL server could not be set up, started or stopped."""


class SchemaError(EventsDbError):
    """The database schema is not one this version of eventsdb can use."""


@contextmanager
def reported_errors(debug: bool = False) -> Iterator[None]:
    """Turn errors into one line on stderr and an exit code: EXIT_TRANSIENT for transient errors,
    EXIT_TERMINAL for the rest. With `debug`, the traceback is printed as well."""
    try:
        yield
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except EventsDbError as error:
        if debug:
            traceback.print_exc(file=sys.stderr)
        label = "error (transient, retry later)" if error.transient else "error"
        typer.echo(f"eventsdb: {label}: {error}", err=True)
        raise typer.Exit(EXIT_TRANSIENT if error.transient else EXIT_TERMINAL) from error
    except Exception as error:  # anything unforeseen still gets one line, unless --debug
        if debug:
            traceback.print_exc(file=sys.stderr)
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
        name = type(error).__name__
        hint = "(run with --debug for details)"
        typer.echo(f"eventsdb: unexpected error: {name}: {first_line} {hint}", err=True)
        raise typer.Exit(EXIT_TERMINAL) from error
