"""``cle recommend`` and ``cle plan``: ranked courses and a plan that covers the need.

Both run in a fresh process each time, so they import only what the fast path
needs: the persisted index is read with ``array``, the catalog with sqlite3
(for ``recommend``, only the rows that can reach the top), and scikit-learn is
imported only when the index must be rebuilt.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import click

from catalog.cliutil import (
    CleError,
    IsoDate,
    as_of_option,
    db_option,
    existing_catalog,
    parse_as_of,
    profile_option,
)


def _profile_and_statuses(profile_path: Path, as_of: date):
    """Load the profile and compute its credit status, as one-line errors."""
    from recommender.tracking.profile import ProfileError, load_profile
    from recommender.tracking.rules import RulesError, load_rules
    from recommender.tracking.status import compute_status

    try:
        rules = load_rules()
        profile = load_profile(profile_path, rules)
        return profile, compute_status(profile, rules, as_of)
    except (ProfileError, RulesError) as exc:
        raise CleError(str(exc)) from None


def _catalog(db_path: Path | None, as_of: date):
    """Open the listings and their index; a missing or broken file is one line."""
    from recommender.service import open_listings

    path = existing_catalog(db_path)
    try:
        catalog = open_listings(path, as_of)
    except sqlite3.DatabaseError as exc:
        raise CleError(f"{path} is not a usable catalog database ({exc})") from None
    if catalog.rebuilt:
        click.echo(
            f"Built the search index for {len(catalog.index.listing_ids)} listing(s) "
            "(the catalog changed since the last one).",
            err=True,
        )
    return catalog


def _reader(profile, statuses) -> tuple[dict[str, str], str]:
    """Credential names (for verdicts) and the zone times are shown in.

    The zone is the profile's top-level ``timezone`` (DESIGN.md section 2),
    else this machine's.
    """
    from catalog.timefmt import reader_zone

    zone = getattr(profile, "timezone", None) or profile.extra.get("timezone")
    names = {status.credential: status.name for status in statuses}
    return names, reader_zone(zone if isinstance(zone, str) else None)


@click.command()
@profile_option
@as_of_option
@click.option("--top", default=10, show_default=True, type=click.IntRange(min=1))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.option(
    "--free-only", is_flag=True, help="Only courses free for you that carry credit."
)
@click.option("--before", type=IsoDate(), help="Only sessions before this date.")
@db_option
def recommend(profile_path, as_of, top, as_json, free_only, before, db_path):
    """Rank courses for your skill gaps, practice areas and remaining credit.

    Never lists a session that has started, a course after your last
    deadline, a withdrawn or cancelled listing, a course you completed or a
    format you do not take. Each pick says why it was chosen and whether it
    counts for each of your credentials; with prefer_free, a free course
    that fills the same need about as well comes first.

    \b
    Example:
      cle recommend --profile data/examples/profile.toml --top 5
      cle recommend --profile me.toml --as-of 2026-12-01 --free-only --json
    """
    from recommender.explain import reasons
    from recommender.render import pick_json, recommendation_lines
    from recommender.service import recommend as run

    day = parse_as_of(as_of)
    profile, statuses = _profile_and_statuses(profile_path, day)
    catalog = _catalog(db_path, day)
    picks, queries = run(
        profile, statuses, catalog, day, free_only=free_only, before=before,
        top=top,
    )  # fmt: skip
    names, zone = _reader(profile, statuses)
    vocabulary = catalog.index.vocabulary
    # Text lists the courses one under another: a verdict reason is written
    # out once; each JSON object stands alone.
    said = None if as_json else set()
    shown = [
        (pick, reasons(pick, queries, vocabulary, day, tracked=bool(statuses),
                       names=names, zone=zone, said=said))
        for pick in catalog.add_details(picks[:top])
    ]  # fmt: skip
    if as_json:
        click.echo(json.dumps([pick_json(p, r) for p, r in shown], indent=2))
        return
    click.echo("\n".join(recommendation_lines(profile.name, day, shown)))


@click.command()
@profile_option
@as_of_option
@click.option(
    "--horizon",
    "horizon",
    default=12,
    show_default=True,
    type=click.IntRange(min=1, max=120),
    metavar="MONTHS",
    help="Plan what is due within this many months; later needs are listed apart.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object.")
@db_option
def plan(profile_path, as_of, horizon, as_json, db_path):
    """Choose courses that cover what is due within the horizon, cheapest first.

    Only hours that count for a credential fill its need; a course that
    counts for several credentials is taken (and paid) once, and each
    course says which need it fills. Needs due after the horizon are listed
    apart, and what the catalog cannot cover is said plainly.

    \b
    Example:
      cle plan --profile data/examples/profile.toml --as-of 2026-11-27
      cle plan --profile me.toml --horizon 24 --json
    """
    from recommender.needs import needs_from_statuses, unknown_needs
    from recommender.plan import plan as make_plan
    from recommender.render import plan_to_json, render_plan
    from recommender.service import recommend as run

    day = parse_as_of(as_of)
    profile, statuses = _profile_and_statuses(profile_path, day)
    catalog = _catalog(db_path, day)
    picks, _ = run(profile, statuses, catalog, day)
    needs = needs_from_statuses(statuses)
    units = {n.credential: n.units for n in needs}
    result = make_plan(
        picks, needs, day, horizon_months=horizon, units=units,
        unknown=unknown_needs(statuses),
    )  # fmt: skip
    catalog.add_details([c.pick for c in result.picks])
    names, zone = _reader(profile, statuses)
    if as_json:
        click.echo(json.dumps(plan_to_json(result, day, names, zone), indent=2))
        return
    if not statuses:
        click.echo("Nothing to plan: the profile lists no credentials.")
        return
    if not needs and not result.uncovered:
        click.echo("Nothing to plan: every credential in the profile is complete.")
        return
    click.echo("\n".join(render_plan(result, day, names, zone)))
