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
    as_of_option,
    db_option,
    existing_catalog,
    parse_as_of,
    profile_option,
)

_FORMAT_WORDS = {
    "live_webinar": "live webinar",
    "on_demand": "on demand",
    "in_person": "in person",
    "hybrid": "hybrid",
    "self_study": "self study",
}


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


def _date_option(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CleError(f"{name} {value!r} is not a date; write YYYY-MM-DD") from None


def pick_json(pick, reasons: list[str]) -> dict:
    """The ``recommend --json`` object of one pick (DESIGN.md section 4)."""
    listing = pick.listing
    return {
        "id": listing["id"],
        "course_id": listing.get("course_id") or listing["id"],
        "title": listing.get("title"),
        "provider": listing.get("provider"),
        "url": listing.get("url"),
        "format": listing.get("format"),
        "starts_at": listing.get("starts_at"),
        "credits": listing.get("credits") or [],
        "total_hours": listing.get("total_hours"),
        "price_usd": listing.get("price_usd"),
        "member_price_usd": listing.get("member_price_usd"),
        "your_price_usd": pick.price,
        "is_free": listing.get("is_free"),
        "score": pick.score,
        "score_parts": {k: round(v, 4) for k, v in pick.parts.items()},
        "reasons": reasons,
    }


def _pick_lines(number: int, pick, reasons: list[str]) -> list[str]:
    listing = pick.listing
    hours = listing.get("total_hours")
    facts = [
        listing.get("provider") or "",
        _FORMAT_WORDS.get(listing.get("format"), listing.get("format") or ""),
        f"{hours:g} h" if hours else "credit not stated",
    ]
    lines = [
        f"{number:>2}. {listing.get('title')}  ({', '.join(f for f in facts if f)})"
    ]
    lines.append(f"    {listing.get('url')}")
    lines += [f"    - {reason}" for reason in reasons]
    return lines


@click.command()
@profile_option
@as_of_option
@click.option("--top", default=10, show_default=True, type=click.IntRange(min=1))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.option("--free-only", is_flag=True, help="Only courses free for you.")
@click.option("--before", metavar="YYYY-MM-DD", help="Only sessions before this date.")
@db_option
def recommend(profile_path, as_of, top, as_json, free_only, before, db_path):
    """Rank courses for your skill gaps, practice areas and remaining credit.

    Never lists a session that has started, a course after your last
    deadline, a withdrawn or cancelled listing, a course you completed or a
    format you do not take. Each pick says why it was chosen.

    \b
    Example:
      cle recommend --profile data/examples/profile.toml --top 5
      cle recommend --profile me.toml --as-of 2026-12-01 --free-only --json
    """
    from recommender.explain import reasons
    from recommender.service import recommend as run

    day = parse_as_of(as_of)
    before_day = _date_option(before, "--before")
    profile, statuses = _profile_and_statuses(profile_path, day)
    catalog = _catalog(db_path, day)
    picks, queries = run(
        profile, statuses, catalog, day, free_only=free_only, before=before_day,
        top=top,
    )  # fmt: skip
    vocabulary = catalog.index.vocabulary
    top_picks = catalog.add_details(picks[:top])
    tracked = bool(statuses)
    shown = [
        (pick, reasons(pick, queries, vocabulary, day, tracked=tracked))
        for pick in top_picks
    ]
    if as_json:
        click.echo(json.dumps([pick_json(p, r) for p, r in shown], indent=2))
        return
    if not shown:
        click.echo("No course in the catalog fits this profile and these filters.")
        return
    name = getattr(profile, "name", "") or "you"
    click.echo(f"Courses for {name}, as of {day.isoformat()}:")
    for number, (pick, why) in enumerate(shown, start=1):
        click.echo("\n".join(_pick_lines(number, pick, why)))


def need_lines(needs) -> list[str]:
    """One line per credential: its remaining hours per requirement and deadline."""
    from recommender.explain import hours_text, short_name

    lines, seen = [], {}
    for need in needs:
        seen.setdefault(need.credential, []).append(need)
    for group in seen.values():
        parts = ", ".join(f"{n.label} {hours_text(n.hours)}" for n in group)
        due = group[0].deadline
        lines.append(
            f"{short_name(group[0])}: {parts}"
            + (f" by {due.isoformat()}" if due else "")
        )
    return lines


def _by_first_deadline(rows, needs):
    """Group plan rows by the deadline each course is first needed for.

    A paralegal reads a plan as "what to take before the next deadline, then
    the one after". Needs are taken in deadline order; each is covered by the
    courses that give it the most hours (cheapest first on a tie), and those
    courses go to its group. A course no earlier need required goes to the
    latest deadline it counts toward.
    """
    group_of: dict[int, object] = {}
    for need in sorted(
        (n for n in needs if n.deadline), key=lambda n: (n.deadline, n.key)
    ):

        def hours_for(row, need=need):
            return sum(h for n, h in row[0].fills if n == need)

        covered = sum(hours_for(rows[i]) for i in group_of)
        useful = [
            i for i, row in enumerate(rows) if i not in group_of and hours_for(row)
        ]
        useful.sort(key=lambda i: (-hours_for(rows[i]), rows[i][0].price or 0, i))
        for i in useful:
            if covered >= need.hours - 1e-9:
                break
            group_of[i] = need.deadline
            covered += hours_for(rows[i])
    groups: dict = {}
    for i, row in enumerate(rows):
        if i not in group_of:
            later = [n.deadline for n, h in row[0].fills if h > 0 and n.deadline]
            group_of[i] = max(later) if later else None
        groups.setdefault(group_of[i], []).append(row)
    return sorted(groups.items(), key=lambda item: (item[0] is None, item[0]))


@click.command()
@profile_option
@as_of_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object.")
@db_option
def plan(profile_path, as_of, as_json, db_path):
    """Choose courses that cover your remaining credit before each deadline.

    Lowest total cost first, then the most relevant courses; a course that
    counts for several credentials is taken (and paid) once. Says plainly
    what the catalog cannot cover.

    \b
    Example:
      cle plan --profile data/examples/profile.toml --as-of 2026-11-27
    """
    from recommender.explain import need_reasons, price_reason, when_reason
    from recommender.needs import needs_from_statuses
    from recommender.plan import plan as make_plan
    from recommender.service import recommend as run

    day = parse_as_of(as_of)
    profile, statuses = _profile_and_statuses(profile_path, day)
    catalog = _catalog(db_path, day)
    picks, _ = run(profile, statuses, catalog, day)
    needs = needs_from_statuses(statuses)
    result = make_plan(picks, needs, day)
    catalog.add_details([c.pick for c in result.picks])
    rows = [
        (
            c.pick,
            [*need_reasons(c.pick), price_reason(c.pick), when_reason(c.pick, day)],
        )
        for c in result.picks
    ]
    if as_json:
        payload = {
            "as_of": day.isoformat(),
            "needs": [
                {
                    "credential": n.credential,
                    "requirement": n.key,
                    "hours": n.hours,
                    "deadline": n.deadline.isoformat() if n.deadline else None,
                }
                for n in needs
            ],
            "courses": [pick_json(p, r) for p, r in rows],
            "total_cost_usd": result.total_cost,
            "uncovered": result.uncovered,
            "complete_search": result.complete_search,
        }
        click.echo(json.dumps(payload, indent=2))
        return
    if not needs:
        click.echo("Nothing to plan: every credential in the profile is complete.")
        return
    click.echo(f"Plan as of {day.isoformat()}, to cover:")
    for line in need_lines(needs):
        click.echo(f"  {line}")
    click.echo(f"{len(rows)} course(s), total ${result.total_cost:,.2f}")
    number = 0
    for deadline, group in _by_first_deadline(rows, needs):
        cost = sum(pick.price or 0 for pick, _ in group)
        when = f"Take by {deadline.isoformat()}" if deadline else "Any time"
        click.echo(f"\n{when}: {len(group)} course(s), ${cost:,.2f}")
        for pick, why in group:
            number += 1
            click.echo("\n".join(_pick_lines(number, pick, why)))
    for message in result.uncovered:
        click.echo(f"Not covered: {message}")
    if not result.complete_search:
        click.echo(
            "(the search stopped early: this is the best plan found, not proven)"
        )
