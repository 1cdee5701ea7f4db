"""The ``cle`` command: the composition root that wires every package together.

Subcommands live beside the code they drive and are imported only when run,
so ``cle recommend`` does not pay for Scrapy and ``cle status`` not for pandas.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path

import click

from catalog.cliutil import CleError, db_option, open_catalog
from catalog.hooks import catalog_changed, on_catalog_change

#: command name -> "module:attribute" of a click command, loaded on demand.
LAZY_COMMANDS = {
    "refresh": "crawlers.cli:refresh",
    "load": "catalog.nightly_cmd:load",
    "serve": "catalog.serve:serve",
    "status": "recommender.tracking.cli:status",
    "log": "recommender.tracking.cli:log_course",
    "report": "recommender.tracking.cli:report",
    "recommend": "recommender.cli:recommend",
    "plan": "recommender.cli:plan",
}


@on_catalog_change
def refit_recommender_index(db) -> None:
    """Fit the recommender's index now, so ``cle recommend`` starts fast."""
    from recommender.index_store import rebuild

    rebuild(db)


class LazyGroup(click.Group):
    """A click group whose subcommands are imported when first used."""

    def list_commands(self, ctx):
        available = [n for n, t in LAZY_COMMANDS.items() if _module_exists(t)]
        return sorted({*super().list_commands(ctx), *available})

    def get_command(self, ctx, name):
        target = LAZY_COMMANDS.get(name)
        if target and _module_exists(target):
            module_name, attribute = target.split(":")
            return getattr(importlib.import_module(module_name), attribute)
        return super().get_command(ctx, name)


def _module_exists(target: str) -> bool:
    module_name = target.split(":")[0]
    try:
        return importlib.util.find_spec(module_name) is not None
    except ModuleNotFoundError:
        return False


@click.group(
    name="cle", cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(package_name="cle-catalog")
def cli():
    """Find, track and plan continuing legal education (CLE) for paralegals.

    \b
    Quick start:
      cle refresh --offline          # load the bundled sample provider pages
      cle status --profile data/examples/profile.toml
      cle recommend --profile data/examples/profile.toml
      cle serve                      # browse the catalog in Datasette
    """


@cli.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
def import_(file: Path, db_path: Path | None):
    """Load interchange records from a JSON-lines or CSV file.

    Rejected lines are reported with their line numbers; the valid ones are
    stored in one transaction. Exits 1 if any line was rejected.

    \b
    Example:
      cle import data/sample/courses.jsonl
    """
    from catalog.load import import_file

    db = open_catalog(db_path)
    report = import_file(db, file)
    if report.stored.new or report.stored.changed:
        catalog_changed(db)
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


@cli.command()
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
    type=click.Path(dir_okay=False, path_type=Path),
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
    records = iter_export(db)
    if output is None:
        count = write_export(records, sys.stdout, fmt)
    else:
        with open(output, "w", encoding="utf-8", newline="") as out:
            count = write_export(records, out, fmt)
        click.echo(f"Exported {count} listing(s) to {output}.", err=True)


def main() -> None:
    """Run ``cle``, turning stray bad-input errors into one line."""
    try:
        cli(standalone_mode=True)
    except CleError as exc:  # pragma: no cover - click handles these itself
        exc.show()
        sys.exit(exc.exit_code)
