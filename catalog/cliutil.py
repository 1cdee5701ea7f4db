"""Pieces shared by every ``cle`` command: the --db option and one-line errors."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import click

from catalog.paths import default_db_path


class CleError(click.ClickException):
    """Bad input: printed as one line ``Error: ...`` with exit status 1."""


@dataclass(frozen=True)
class Wiring:
    """What the composition root hands the commands (as click's context object).

    :param after_change: run with the catalog after listings were loaded
        (the recommender's index refit); the loaders never look it up themselves
    """

    after_change: Callable[[object], None] | None = None


def wiring() -> Wiring:
    """The composition root's wiring of the running command.

    A loading command run outside ``cle`` (its click command called alone) would
    load without the refit: that is refused rather than done silently.
    """
    ctx = click.get_current_context(silent=True)
    found = ctx.find_object(Wiring) if ctx else None
    if found is None:
        raise CleError("run this command through 'cle' (or 'python -m catalog')")
    return found


class IsoDate(click.ParamType):
    """A ``YYYY-MM-DD`` option value, read into a :class:`datetime.date`."""

    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        """Read the date, or fail with one line naming the option."""
        if value is None or isinstance(value, date):
            return value
        option = param.opts[0] if param is not None and param.opts else "date"
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            # CleError, not self.fail(): one line, not click's usage block.
            message = f"{option} {value!r} is not a date; write YYYY-MM-DD"
            raise CleError(message) from None


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


def existing_catalog(db_path: Path | None) -> Path:
    """The catalog file to read, or a one-line error when there is none yet."""
    path = Path(db_path) if db_path else default_db_path()
    if not path.is_file():
        raise CleError(
            f"no catalog at {path}; run 'cle refresh --offline' or 'cle import FILE' "
            "first, or pass --db"
        )
    return path


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
