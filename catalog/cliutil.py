"""Pieces shared by every ``cle`` command: the --db option and one-line errors."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from contextlib import closing
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
    :param refit_for_load: ``db -> refit`` for one ``cle import``: the load
        counts with the refit's ``counter`` (a :class:`catalog.load.ChunkCounter`,
        or None) and its ``finish()`` fits the index afterwards (a first load
        is counted while it loads instead of read back)
    :param load_counter: ``module:class`` of the counter a first load's
        refit counts with, so ``cle import`` can start checking a large file
        before it opens the catalog (:func:`catalog.load.start_checking`)
    :param profile_pages: ``(profile, catalog) -> pages`` for ``cle serve
        --profile``: the paralegal's own page, handed to the server (it
        raises CleError for a bad profile)
    """

    after_change: Callable[[object], None] | None = None
    refit_for_load: Callable[[object], object] | None = None
    load_counter: str | None = None
    profile_pages: Callable[[Path, Path], object] | None = None


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


#: Dates a command accepts: cycles, deadlines and sessions all fall in here,
#: and date arithmetic (a cycle years back) stays inside datetime's range.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2100, 12, 31)


class IsoDate(click.ParamType):
    """A ``YYYY-MM-DD`` option value from 1900-01-01 to 2100-12-31, as a date."""

    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        """Read the date, or fail with one line naming the option."""
        if value is None:
            return value
        option = param.opts[0] if param is not None and param.opts else "date"
        if isinstance(value, date):
            day = value
        else:
            try:
                day = date.fromisoformat(str(value))
            except ValueError:
                # CleError, not self.fail(): one line, not click's usage block.
                message = f"{option} {value!r} is not a date; write YYYY-MM-DD"
                raise CleError(message) from None
        if not EARLIEST_DATE <= day <= LATEST_DATE:
            raise CleError(
                f"{option}: {day.isoformat()} is out of range "
                f"({EARLIEST_DATE.isoformat()}..{LATEST_DATE.isoformat()})"
            )
        return day


class OutputPath(click.Path):
    """A file to write (``-o``): its folder must exist and be writable.

    Checked when the option is read, so a report is never computed only to
    fail with a traceback when it is written.
    """

    def __init__(self) -> None:
        super().__init__(dir_okay=False, path_type=Path)

    def convert(self, value, param, ctx):
        """The path, or one line saying why it cannot be written."""
        option = param.opts[0] if param is not None and param.opts else "output"
        if Path(value).is_dir():
            raise CleError(f"{option}: {value} is a folder; give a file name in it")
        path = super().convert(value, param, ctx)
        folder = path.parent
        if not folder.is_dir():
            raise CleError(
                f"{option}: folder {folder} does not exist; create it or pick another"
            )
        if not _writable(folder, os.W_OK | os.X_OK) or (
            path.exists() and not _writable(path, os.W_OK)
        ):
            raise CleError(f"{option}: cannot write {path} (permission denied)")
        return path


class ProfileFile(click.ParamType):
    """``--profile FILE``: a readable UTF-8 file, else one line saying what is wrong.

    Whether it is valid TOML and a valid profile is the profile loader's to say.
    """

    name = "FILE"

    def convert(self, value, param, ctx):
        """The path of a profile that can be read as UTF-8 text."""
        path = Path(value)
        if not path.exists():
            raise CleError(f"no profile at {path}; check the --profile path")
        if path.is_dir():
            raise CleError(f"--profile {path} is a folder; give the profile's .toml")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CleError(f"cannot read profile {path} ({exc.strerror})") from None
        utf8_or_fail(data, path)
        return path


def utf8_or_fail(data: bytes, path: Path) -> str:
    """``data`` decoded as UTF-8, or one line naming the first byte that is not."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CleError(
            f"{path} is not UTF-8 text (byte 0x{data[exc.start]:02X} at offset "
            f"{exc.start}); save it as UTF-8"
        ) from None


def _writable(path: Path, mode: int) -> bool:
    return os.access(path, mode, effective_ids=os.access in os.supports_effective_ids)


def write_text_file(path: Path, text: str, option: str = "-o") -> None:
    """Write ``text`` (UTF-8) to ``path``, one line on failure (disk full, ...)."""
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CleError(f"{option}: cannot write {path} ({exc.strerror})") from None


class CatalogPath(click.ParamType):
    """``--db PATH``: a catalog file (which may not exist yet), never a folder."""

    name = "PATH"

    def convert(self, value, param, ctx):
        """The path, or one line when it names a folder."""
        path = Path(value)
        if path.is_dir():
            raise CleError(f"--db {path} is a folder; give the catalog's .db file")
        return path


def db_option(func):
    """Add ``--db PATH`` (default ``$CLE_DB`` or ``state/catalog.db``)."""
    return click.option(
        "--db",
        "db_path",
        type=CatalogPath(),
        envvar="CLE_DB",
        default=None,
        help="Catalog database (default: $CLE_DB or state/catalog.db).",
    )(func)


def profile_option(func):
    """Add the required ``--profile FILE`` option (the paralegal's TOML profile)."""
    return click.option(
        "--profile",
        "profile_path",
        required=True,
        type=ProfileFile(),
        help="Your profile (TOML): practice areas, skill gaps, credentials.",
    )(func)


def as_of_option(func):
    """Add ``--as-of DATE``: the date the command reasons from (default today)."""
    return click.option(
        "--as-of",
        "as_of",
        type=IsoDate(),
        default=None,
        help="Reason as of this date (default: today).",
    )(func)


def parse_as_of(value: date | str | None) -> date:
    """The ``--as-of`` date (read by :class:`IsoDate`), today when not given."""
    if value is None:
        return date.today()
    return IsoDate().convert(value, None, None) if isinstance(value, str) else value


def existing_catalog(db_path: Path | None) -> Path:
    """The catalog file to read, or a one-line error when there is none yet."""
    path = Path(db_path) if db_path else default_db_path()
    if not path.is_file():
        raise CleError(
            f"no catalog at {path}; run 'cle refresh --offline' or 'cle import FILE' "
            "first, or pass --db"
        )
    try:
        with closing(
            sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        ) as db:
            tables = db.execute(
                "select count(*) from sqlite_master where name = 'courses'"
            ).fetchone()[0]
    except sqlite3.Error as exc:
        raise CleError(f"{path} is not a usable catalog database ({exc})") from None
    if not tables:
        raise CleError(
            f"{path} is not a catalog (it has no courses table); "
            "give the catalog's file with --db"
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
    except OSError as exc:
        raise CleError(f"cannot open the catalog {path} ({exc.strerror})") from None
