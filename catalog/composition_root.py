"""The composition root of the ``cle`` command: the one module that wires packages.

Every other module obeys the layer rules (``tests/test_docs.py``): ``catalog``
knows neither the crawlers nor the recommender. This module alone knows all
three, and says how they meet:

- which package's module holds each subcommand (:data:`LAZY_COMMANDS`, imported
  only when run, so ``cle recommend`` never pays for Scrapy or pandas);
- what runs after listings were loaded (the recommender's index refit), handed
  to the loaders explicitly through :class:`catalog.cliutil.Wiring`;
- ``cle refresh``, which is itself a composition: crawl (``crawlers``), then
  load (``catalog``).
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path

import click

from catalog.cliutil import CleError, IsoDate, Wiring, db_option

#: command name -> "module:attribute" of a click command, loaded on demand.
LAZY_COMMANDS = {
    "import": "catalog.interchange_cmd:import_",
    "export": "catalog.interchange_cmd:export",
    "load": "catalog.nightly_cmd:load",
    "serve": "catalog.serve:serve",
    "status": "recommender.tracking.cli:status",
    "log": "recommender.tracking.cli:log_course",
    "report": "recommender.tracking.cli:report",
    "recommend": "recommender.cli:recommend",
    "plan": "recommender.cli:plan",
    "providers": "crawlers.providers_cmd:providers",
}

OFFLINE_NOTICE = (
    "Offline mode: crawling the sample pages bundled with cle in data/sites/. "
    "They are recreations of the providers' pages, not live data."
)


def refit_recommender_index(db) -> None:
    """Fit the recommender's index now, so ``cle recommend`` starts fast."""
    from recommender.index_store import rebuild

    rebuild(db)


def refit_for_load(db):
    """The index refit of one ``cle import``, counted while a first load loads."""
    from recommender.load_fit import FitWhileLoading

    return FitWhileLoading(db)


def my_cle_pages(profile_path: Path, db_path: Path):
    """The paralegal's own page for ``cle serve --profile`` (DESIGN.md section 6)."""
    from recommender.web import MyClePages, ProfilePageError

    pages = MyClePages(profile_path, db_path)
    try:
        pages.check()
    except ProfilePageError as exc:
        raise CleError(str(exc)) from None
    return pages


#: What the commands are handed: the recommender's index refit after a load,
#: and the paralegal's page beside the catalog. The only wiring between the
#: catalog and the recommender.
WIRING = Wiring(
    after_change=refit_recommender_index,
    refit_for_load=refit_for_load,
    load_counter="recommender.load_fit:ListingCounts",
    profile_pages=my_cle_pages,
)


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
@click.pass_context
def cli(ctx: click.Context):
    """Find, track and plan continuing legal education (CLE) for paralegals.

    \b
    Quick start:
      cle refresh --offline          # load the bundled sample provider pages
      cle status --profile data/examples/profile.toml
      cle recommend --profile data/examples/profile.toml
      cle serve                      # browse the catalog in Datasette
    """
    ctx.obj = WIRING


@cli.command()
@click.argument("providers", nargs=-1)
@click.option(
    "--offline",
    is_flag=True,
    help="Crawl the pages bundled in data/sites/ (recreations), not the live sites.",
)
@click.option(
    "--run-date",
    type=IsoDate(),
    default=None,
    help="File the feeds and reports under this date (default: today).",
)
@click.option(
    "--scrapyd",
    "servers",
    multiple=True,
    metavar="URL",
    help="Crawl on these Scrapyd servers instead of here (repeat for each); "
    "they write to the shared folder given by --shared.",
)
@click.option(
    "--shared",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="With --scrapyd: the state folder every server writes feeds/ and runs/ to.",
)
@click.option(
    "--wait-minutes",
    type=click.IntRange(1, 24 * 60),
    default=180,
    show_default=True,
    help="With --scrapyd: how long to wait for the servers' jobs before loading.",
)
@db_option
def refresh(providers, offline, run_date, servers, shared, wait_minutes, db_path):
    """Crawl providers' listings and load them into the catalog.

    Crawls every provider in data/providers.yml (or only those named), writes
    JSON-lines feeds and run reports, loads them and prints a summary per
    provider. Exits 1 when a provider is unhealthy (zero listings, under 90%
    valid, under half its last healthy run, or a crawl that did not finish);
    other problems a spider met (a page that failed) are printed as warnings.

    \b
    Examples:
      cle refresh --offline          # the bundled sample pages, no network
      cle refresh nals txpd          # two providers, live
      cle refresh --scrapyd http://crawl1:6800 --scrapyd http://crawl2:6800 \\
          --shared /mnt/cle-shared   # spread over a Scrapyd cluster
    """
    from datetime import date

    from catalog.nightly_cmd import nightly_lock, run_load
    from crawlers.crawl import choose_providers, crawl

    night = (run_date or date.today()).isoformat()
    slugs, missing = choose_providers(tuple(providers))
    if offline:
        click.echo(OFFLINE_NOTICE)
    for slug in missing:
        click.echo(f"{slug}: no spider for its platform yet; skipped", err=True)
    if not slugs:
        raise CleError("no provider has a spider to run; check data/providers.yml")
    if servers and (offline or shared is None):
        raise CleError(
            "--scrapyd needs --shared (the servers' state folder), not --offline"
        )
    with nightly_lock(db_path, "cle refresh"):
        if servers:
            crawl_on_cluster(list(servers), slugs, night, db_path, wait_minutes)
            feeds, runs = shared / "feeds", shared / "runs"
        else:
            crawl(slugs, night, offline=offline)
            feeds = runs = None
        status = run_load(
            db_path,
            night,
            slugs,
            feeds=feeds,
            runs=runs,
            after_change=WIRING.after_change,
        )
    if offline:
        click.echo("(Listings above come from bundled recreations, not live sites.)")
    sys.exit(1 if status else 0)


def crawl_on_cluster(
    servers: list[str], slugs: list[str], night: str, db_path, wait_minutes: int
) -> None:
    """Schedule the night on Scrapyd servers, biggest providers first, and wait."""
    from catalog.cliutil import existing_catalog
    from catalog.queries import last_healthy_sizes, reading
    from crawlers.cluster import ClusterError, assign, schedule_night, wait_for

    sizes = {}
    try:
        with reading(existing_catalog(db_path)) as connection:
            sizes = last_healthy_sizes(connection)
    except CleError:
        pass  # a first night: no sizes known yet, every provider weighs the same
    try:
        shares = assign(slugs, servers, sizes)
        for server, names in shares.items():
            click.echo(f"{server}: {', '.join(names) or '(nothing)'}", err=True)
        jobs = schedule_night(shares, night)
        late = wait_for(jobs, timeout_s=60 * wait_minutes)
    except ClusterError as exc:
        raise CleError(str(exc)) from None
    for job in late:
        click.echo(
            f"warning: {job.provider} still running on {job.server} after "
            f"{wait_minutes} min; its feed is not loaded tonight",
            err=True,
        )


def main() -> None:
    """Run ``cle`` (``python -m catalog`` and the console script)."""
    cli(standalone_mode=True)
