"""``cle status``, ``cle log`` and ``cle report``: credit tracking commands."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import click

from catalog.cliutil import (
    CleError,
    IsoDate,
    OutputPath,
    as_of_option,
    db_option,
    existing_catalog,
    parse_as_of,
    profile_option,
)

from .profile import Profile, ProfileError, load_profile
from .rules import RulesError, load_rules
from .status import CredentialStatus, compute_status


def read_profile(path: Path):
    """Load the rules and the profile, turning bad input into a one-line CleError."""
    try:
        rules = load_rules()
        return rules, load_profile(path, rules)
    except (ProfileError, RulesError) as exc:
        raise CleError(str(exc)) from None


def statuses_for(
    profile: Profile, rules, as_of: date, credential: str | None = None
) -> list[CredentialStatus]:
    """Compute the statuses, keeping only ``credential`` when one is named."""
    statuses = compute_status(profile, rules, as_of)
    if credential is None:
        return statuses
    chosen = [s for s in statuses if s.credential == credential]
    if not chosen:
        held = ", ".join(s.credential for s in statuses) or "none"
        raise CleError(
            f"--credential {credential!r} is not in the profile; it holds: {held}"
        )
    return chosen


@click.command()
@profile_option
@as_of_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON for programs.")
def status(profile_path: Path, as_of: date | None, as_json: bool):
    """Show the hours still needed for each credential in the profile.

    Counts the completed courses dated inside each credential's current cycle,
    applies the rule's caps, and prints a progress bar per category.

    \b
    Example:
      cle status --profile data/examples/profile.toml --as-of 2026-11-27
      cle status --profile data/examples/profile.toml --json
    """
    day = parse_as_of(as_of)
    rules, profile = read_profile(profile_path)
    statuses = compute_status(profile, rules, day)
    if as_json:
        click.echo(json.dumps([s.to_json() for s in statuses], indent=2))
        return
    from .display import render_status

    click.echo(render_status(statuses, day, profile.name), nl=False)


@click.command(name="log")
@click.argument("course_id")
@profile_option
@click.option(
    "--date",
    "day",
    type=IsoDate(),
    help="Completion date (default: the session's date in your zone; today for "
    "on-demand courses).",
)
@click.option(
    "--credits",
    "credit_args",
    multiple=True,
    metavar="CATEGORY=HOURS",
    help="Hours to record instead of the catalog's (repeatable).",
)
@as_of_option
@db_option
def log_course(
    course_id: str,
    profile_path: Path,
    day: date | None,
    credit_args: tuple[str, ...],
    as_of: date | None,
    db_path: Path | None,
):
    """Record a completed catalog course in the profile.

    Appends a [[completed]] entry with the course's title, date, provider,
    format, approvals and credits from the catalog, keeping the profile's
    comments and layout. A past session is dated by its own date in your time
    zone. Refused, with the profile unchanged: a course already logged in the
    same cycle, a cancelled listing, a session that has not ended yet, a date in
    the future.

    \b
    Example:
      cle log nfpa:ethics-social-media --profile data/examples/profile.toml
    """
    from catalog.queries import get_course_offerings, get_listing, reading

    from .logbook import (
        default_log_date,
        entry_from_listing,
        listing_problem,
        log_entry,
    )

    rules, profile = read_profile(profile_path)
    credits = _parse_credit_args(credit_args) if credit_args else None
    today, now = _today_and_now(as_of, profile.timezone)
    with reading(existing_catalog(db_path)) as read:
        listing = get_listing(read, course_id) or next(
            iter(get_course_offerings(read, course_id)), None
        )
    if listing is None:
        raise CleError(
            f"no course {course_id!r} in the catalog; check the id "
            "(cle recommend shows ids) or pass --db"
        )
    when = day or default_log_date(listing, today, profile.timezone)
    problem = listing_problem(listing, when, today, now, profile.timezone)
    if problem:
        raise CleError(problem)
    try:
        entry = entry_from_listing(listing, when, credits)
        log_entry(profile_path, entry, rules)
    except ProfileError as exc:
        raise CleError(str(exc)) from None
    hours = ", ".join(f"{c} {h:g}" for c, h in entry["credits"].items())
    click.echo(
        f"Logged {entry['title']!r} on {entry['date']} ({hours}) in {profile_path}"
    )


@click.command()
@profile_option
@click.option("--credential", "credential", metavar="ID", help="Only this credential.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "csv", "xlsx"]),
    default="md",
    show_default=True,
    help="Output format.",
)
@click.option(
    "-o",
    "--output",
    type=OutputPath(),
    default=None,
    help="Write to this file (required for xlsx).",
)
@as_of_option
def report(
    profile_path: Path,
    credential: str | None,
    fmt: str,
    output: Path | None,
    as_of: date | None,
):
    """Write the audit and sign-off report of the current cycle's courses.

    Lists the completed courses counted in each cycle with dates, providers and
    hours by category, with totals against the requirement.

    \b
    Example:
      cle report --profile data/examples/profile.toml --credential ca-bpc-6450
      cle report --profile data/examples/profile.toml --format xlsx -o cle.xlsx
    """
    day = parse_as_of(as_of)
    rules, profile = read_profile(profile_path)
    statuses = statuses_for(profile, rules, day, credential)
    from . import report as reporting

    if fmt == "xlsx":
        if output is None:
            raise CleError("--format xlsx writes a file; add -o FILE.xlsx")
        reporting.write_xlsx(statuses, output, day)
        click.echo(f"Wrote {output}", err=True)
        return
    if fmt == "csv":
        text = reporting.report_table(statuses).to_csv(index=False)
    else:
        text = reporting.render_markdown(statuses, rules, day, profile.name)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"Wrote {output}", err=True)


def _today_and_now(as_of: date | None, zone: str) -> tuple[date, datetime]:
    """The paralegal's date and the instant sessions must have ended by.

    Without ``--as-of``: today in their zone and now; with it: that date and
    the end of that day in their zone.
    """
    try:
        tz = ZoneInfo(zone)
    except Exception:  # the machine's zone name may not be an IANA zone
        tz = UTC
    if as_of is None:
        now = datetime.now(UTC)
        return now.astimezone(tz).date(), now
    return as_of, datetime.combine(as_of, time.max, tzinfo=tz)


def _parse_credit_args(values: tuple[str, ...]) -> dict[str, float]:
    credits: dict[str, float] = {}
    for value in values:
        match = re.fullmatch(
            r"\s*(ethics|general|specialized)\s*=\s*(\d+(\.\d+)?)\s*", value
        )
        if not match:
            raise CleError(
                f"--credits {value!r} is not CATEGORY=HOURS; write e.g. "
                "--credits ethics=1 (ethics, general or specialized)"
            )
        credits[match.group(1)] = credits.get(match.group(1), 0.0) + float(
            match.group(2)
        )
    return credits
