"""``cle import`` and ``cle export``: interchange files in and out of the catalog."""

from __future__ import annotations

import sqlite3
import sys
from contextlib import closing
from pathlib import Path

import click

from catalog.cliutil import CleError, OutputPath, db_option, open_catalog, wiring
from catalog.paths import default_db_path


@click.command(name="import")
@click.argument("file", type=click.Path(path_type=Path))
@db_option
def import_(file: Path, db_path: Path | None):
    """Load interchange records from a JSON-lines or CSV file.

    Rejected lines are reported with their line numbers; the valid ones are
    stored in one transaction. Exits 1 if any line was rejected.

    \b
    Example:
      cle import data/sample/courses.jsonl
    """
    from catalog.load import UnreadableFile, read_records, stop_checking

    wired = wiring()
    try:
        numbered = read_records(file)
    except UnreadableFile as exc:
        raise CleError(str(exc)) from None
    try:
        report = _load(numbered, db_path, wired)
    finally:
        stop_checking(numbered)
    for number, reason in report.warnings:
        click.echo(f"{file}:{number}: warning: {reason}", err=True)
    for number, reason in report.rejected:
        click.echo(f"{file}:{number}: rejected: {reason}", err=True)
    stored = report.stored
    click.echo(
        f"Imported {stored.stored} listing(s) from {file} "
        f"({len(stored.new)} new, {len(stored.changed)} changed, "
        f"{len(stored.unchanged)} unchanged); {len(report.rejected)} rejected."
    )
    if report.rejected:
        sys.exit(1)


def _load(numbered, db_path: Path | None, wired):
    """Load the records and refit the recommender's index; the load's report.

    A large file bound for an empty catalog starts being checked in a second
    process first (:func:`catalog.load.start_checking`), while this one opens
    the catalog.
    """
    from catalog.load import load_records, start_checking
    from catalog.prepare_worker import PrepareWorkerError

    if wired.load_counter and _holds_no_listing(db_path or default_db_path()):
        start_checking(numbered, wired.load_counter)
    db = open_catalog(db_path)
    try:
        refit = wired.refit_for_load(db) if wired.refit_for_load else None
        try:
            report = load_records(
                db, numbered, counter=refit.counter if refit else None
            )
        except sqlite3.Error as exc:  # rolled back: nothing stored, nothing lost
            raise CleError(
                f"cannot write to the catalog ({exc}); nothing imported"
            ) from None
        except PrepareWorkerError as exc:  # rolled back too; its output is above
            raise CleError(str(exc)) from None
        if report.stored.new or report.stored.changed:
            if refit is not None:
                refit.finish()
            elif wired.after_change is not None:
                wired.after_change(db)
    finally:
        db.close()
    return report


def _holds_no_listing(path: Path) -> bool:
    """Whether the catalog file is missing or holds no listing (a guess made
    before it is opened: the load decides again with the catalog open)."""
    if not path.exists():
        return True
    try:
        with closing(sqlite3.connect(path)) as found:
            return found.execute("select 1 from courses limit 1").fetchone() is None
    except sqlite3.Error:  # no courses table yet, or no catalog: opened below
        return True


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv"]),
    default="jsonl",
    show_default=True,
    help="Output format.",
)
@click.option(
    "-o",
    "--output",
    type=OutputPath(),
    default=None,
    help="Write to this file instead of standard output.",
)
@db_option
def export(fmt: str, output: Path | None, db_path: Path | None):
    """Write the catalog as interchange records (JSON lines or CSV).

    \b
    Example:
      cle export --format csv -o catalog.csv
    """
    from catalog.load import iter_export, write_export

    db = open_catalog(db_path, must_exist=True)
    try:
        records = iter_export(db)
        if output is None:
            count = write_export(records, sys.stdout, fmt)
        else:
            try:
                with open(output, "w", encoding="utf-8", newline="") as out:
                    count = write_export(records, out, fmt)
            except OSError as exc:
                raise CleError(f"-o: cannot write {output} ({exc.strerror})") from None
            click.echo(f"Exported {count} listing(s) to {output}.", err=True)
    finally:
        db.close()
