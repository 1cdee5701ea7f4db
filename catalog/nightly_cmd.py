"""``cle load``: rebuild the catalog from one night's stored feeds, without crawling.

Also the loading half of ``cle refresh``: :func:`run_load` takes the lock, loads
every provider (one transaction each), prints the summary table and returns
the exit status (1 when any provider is unhealthy), so the crawl command only
has to crawl first. What runs after a load (the recommender's index refit) is
passed in by the composition root, never looked up here.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import click

from catalog.cliutil import CleError, IsoDate, db_option, open_catalog, wiring
from catalog.lock import LockBusy, exclusive_lock, lock_path_for
from catalog.nightly import (
    NightlyError,
    ProviderOutcome,
    load_run,
    stored_nights,
)
from catalog.paths import default_db_path


@contextmanager
def nightly_lock(db_path: Path | None, command: str) -> Iterator[dict]:
    """Hold the catalog's nightly lock, or end with a one-line error at once."""
    path = lock_path_for(Path(db_path) if db_path else default_db_path())
    try:
        with exclusive_lock(path, command) as holder:
            yield holder
    except LockBusy as exc:
        raise CleError(str(exc)) from None


def run_load(
    db_path: Path | None,
    run_date: str,
    providers: Sequence[str] = (),
    *,
    feeds: Path | None = None,
    runs: Path | None = None,
    after_change: Callable[[object], None] | None,
) -> int:
    """Load a night into the catalog and print its summary; return the exit status.

    Call while holding :func:`nightly_lock`. Progress and the crawl's warnings
    go to standard error, the summary table to standard output.

    :param after_change: run with the catalog when a provider's listings were
        loaded (the composition root passes the recommender's index refit)
    """
    db = open_catalog(db_path)

    def progress(done: int, total: int, outcome: ProviderOutcome) -> None:
        click.echo(f"[{done}/{total}] {describe(outcome)}", err=True)

    try:
        outcomes = load_run(
            db,
            run_date,
            providers or None,
            feeds_dir=feeds,
            runs_dir=runs,
            progress=progress,
        )
    except NightlyError as exc:
        raise CleError(str(exc)) from None
    if after_change is not None and any(o.healthy for o in outcomes):
        after_change(db)
    for outcome in outcomes:
        for line in outcome.health.warnings:
            click.echo(f"warning: {outcome.provider}: {line}", err=True)
    click.echo(format_summary(outcomes))
    return 0 if all(o.healthy for o in outcomes) else 1


def format_summary(outcomes: list[ProviderOutcome]) -> str:
    """The nightly summary table: one row per provider, then a verdict line."""
    header = ("provider", "active", "new", "changed", "withdrawn", "errors", "health")
    rows = [
        (
            o.provider,
            str(o.listings),
            str(o.count("new")),
            str(o.count("changed") + o.count("reactivated") + o.count("cancelled")),
            str(o.count("withdrawn")),
            str(o.errors),
            o.health.describe(),
        )
        for o in outcomes
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header) - 1)]
    lines = []
    for row in [header, *rows]:
        cells = [
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=False))
        ]
        lines.append("  ".join([*cells, row[-1]]))
    unhealthy = [o.provider for o in outcomes if not o.healthy]
    if unhealthy:
        lines.append(
            f"{len(unhealthy)} provider(s) unhealthy: {', '.join(unhealthy)}; "
            "their listings were kept as they were"
        )
    else:
        lines.append(f"all {len(outcomes)} provider(s) healthy")
    lines.append(
        "(active = listings the catalog offers now; cancelled ones are counted "
        "under changed or new, not active)"
    )
    return "\n".join(lines)


def describe(outcome: ProviderOutcome) -> str:
    """One progress line: the provider, its health and what its load changed."""
    if not outcome.healthy:
        return f"{outcome.provider}: unhealthy, nothing changed"
    return (
        f"{outcome.provider}: healthy, {outcome.listings} active listing(s) "
        f"({outcome.count('new')} new, {outcome.count('changed')} changed, "
        f"{outcome.count('withdrawn')} withdrawn)"
    )


@click.command()
@click.argument("providers", nargs=-1)
@click.option(
    "--run-date",
    type=IsoDate(),
    default=None,
    help="The night whose feeds to load (default: today).",
)
@click.option(
    "--feeds",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Root of the feeds, holding <run_date>/<provider>.jsonl "
    "(default: state/feeds; a shared folder Scrapyd wrote to).",
)
@click.option(
    "--runs",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Root of the run reports, holding <run_date>/<provider>.json "
    "(default: state/runs, or a runs/ folder beside --feeds).",
)
@click.option(
    "--all-nights",
    is_flag=True,
    help="Load every stored night, oldest first: rebuild a catalog from its feeds.",
)
@db_option
def load(providers, run_date, feeds, runs, all_nights, db_path):
    """Load one night's stored feeds into the catalog, without crawling.

    Each provider is one transaction: a healthy run updates its listings and
    withdraws the missing ones; an unhealthy run changes nothing. Exits 1 when
    any provider is unhealthy.

    \b
    Examples:
      cle load --run-date 2026-11-26
      cle load --run-date 2026-11-26 --feeds /mnt/shared/cle/feeds nala
      cle load --all-nights --db rebuilt.db
    """
    if all_nights and run_date:
        raise CleError("give --run-date or --all-nights, not both")
    after_change = wiring().after_change
    one_night = (run_date or date.today()).isoformat()
    nights = stored_nights(feeds) if all_nights else [one_night]
    if not nights:
        raise CleError(
            f"no stored nights (YYYY-MM-DD folders) in {feeds or 'state/feeds'}"
        )
    if feeds is not None and runs is None and (feeds.parent / "runs").is_dir():
        runs = feeds.parent / "runs"
    status = 0
    with nightly_lock(db_path, "cle load"):
        for night in nights:
            if all_nights:
                click.echo(f"== {night}")
            status |= run_load(
                db_path,
                night,
                providers,
                feeds=feeds,
                runs=runs,
                after_change=after_change,
            )
    sys.exit(status)
