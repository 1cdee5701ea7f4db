"""Pieces shared by every ``cle`` command: the --db option and one-line errors."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import click

from catalog.paths import default_db_path


class CleError(click.ClickException):
    """Bad input: printed as one line ``Error: ...`` with exit status 1."""


def db_option(func):
    """Add ``--db PATH`` (default ``$CLE_DB`` or ``data/catalog.db``)."""
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False, path_type=Path),
        envvar="CLE_DB",
        default=None,
        help="Catalog database (default: $CLE_DB or data/catalog.db).",
    )(func)


def profile_option(func):
    """Add the required ``--profile FILE`` option (the paralegal's TOML profile)."""
    return click.option(
        "--profile",
        "profile_path",
        required=True,
        type=click.Path(dir_okay=False, path_type=Path),
        help="Your profile (TOML): practice areas, skill gaps, credentials.",
    )(func)


def as_of_option(func):
    """Add ``--as-of DATE``: the date the command reasons from (default today)."""
    return click.option(
        "--as-of",
        "as_of",
        default=None,
        metavar="YYYY-MM-DD",
        help="Reason as of this date (default: today).",
    )(func)


def parse_as_of(value: str | None) -> date:
    """Read ``--as-of``; one-line error when it is not a date."""
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CleError(f"--as-of {value!r} is not a date; write YYYY-MM-DD") from None


def open_catalog(db_path: Path | None, *, must_exist: bool = False):
    """Open the catalog, turning a missing or broken file into a one-line error."""
    from catalog.db import open_db

    path = Path(db_path) if db_path else default_db_path()
    if must_exist and not path.exists():
        raise CleError(
            f"no catalog at {path}; run 'cle refresh --offline' or 'cle import FILE' "
            "first, or pass --db"
        )
    try:
        return open_db(path)
    except sqlite3.DatabaseError as exc:
        raise CleError(f"{path} is not a usable catalog database ({exc})") from None
