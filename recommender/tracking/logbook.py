"""Record a completed course in the profile (``cle log``), keeping its layout.

The profile is edited with tomlkit, so comments, blank lines and key order stay
as the paralegal wrote them; the new ``[[completed]]`` table goes at the end.
The file is checked before and after the edit and replaced atomically, so a
failed log never leaves a broken or half-written profile.

An honest logbook: :func:`listing_problem` refuses a cancelled listing, a
session that has not ended yet and a date in the future or before the session;
:func:`log_entry` refuses a course already logged in the same cycle of a
credential held. A past session is dated by its own start date in the
paralegal's zone (:func:`default_log_date`).
"""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

import tomlkit
from tomlkit.items import AoT

from catalog.schema import CREDIT_CATEGORIES
from catalog.timefmt import format_when, to_zone

from .profile import Profile, ProfileError, parse_profile
from .rules import Rule


def listing_credits(listing: dict) -> dict[str, float]:
    """Return a listing's credit hours by category (categories with hours only)."""
    credits: dict[str, float] = {}
    for credit in listing.get("credits") or []:
        hours = float(credit.get("hours") or 0)
        if hours > 0:
            category = credit["category"]
            credits[category] = credits.get(category, 0.0) + hours
    return {c: credits[c] for c in CREDIT_CATEGORIES if c in credits}


def session_day(listing: dict, zone: str) -> date | None:
    """The date a listing's session starts on in ``zone``; None without a start.

    An all-day (date-only) start is that date everywhere.
    """
    starts_at = (listing.get("starts_at") or "").strip()
    try:
        if len(starts_at) <= 10:
            return date.fromisoformat(starts_at) if starts_at else None
        return to_zone(starts_at, zone, naive_zone=listing.get("timezone")).date()
    except ValueError:
        return None


def default_log_date(listing: dict, today: date, zone: str = "UTC") -> date:
    """The date a course was taken: its session's date in ``zone``, else today."""
    return session_day(listing, zone) or today


def listing_problem(
    listing: dict, day: date, today: date, now: datetime, zone: str
) -> str | None:
    """Why a listing cannot be logged as taken on ``day``, in one line, or None.

    :param today: the paralegal's date (``--as-of`` or today in their zone).
    :param now: the current instant; a session must have ended by then.
    """
    title = listing.get("title") or listing.get("id")
    if listing.get("status") == "cancelled":
        return f"{listing['id']} ({title!r}) was cancelled; there is nothing to log"
    finish = listing.get("ends_at") or listing.get("starts_at")
    if finish and _instant(finish, listing) > now:
        when = format_when(listing.get("starts_at") or finish, zone)
        return (
            f"{listing['id']} ({title!r}) has not happened yet (it is on {when}); "
            "log it after you attend"
        )
    if day > today:
        return (
            f"--date {day} is in the future (today is {today}); log a course once taken"
        )
    started = session_day(listing, zone)
    if started is not None and day < started:
        return f"--date {day} is before the session ({started}); use the session date"
    return None


def _instant(value: str, listing: dict) -> datetime:
    """The instant a start or end is at (an unreadable one does not block)."""
    try:
        return to_zone(value, "UTC", naive_zone=listing.get("timezone") or "UTC")
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)


def entry_from_listing(
    listing: dict, day: date, credits: dict[str, float] | None = None
) -> dict:
    """Build a ``[[completed]]`` entry from a catalog listing.

    :param credits: hours by category that replace the listing's own credits.
    """
    hours = listing_credits(listing) if credits is None else dict(credits)
    if not hours:
        raise ProfileError(
            f"{listing['id']} publishes no credit hours; give them with "
            "--credits CATEGORY=HOURS (e.g. --credits general=1)"
        )
    entry = {
        "title": listing["title"],
        "date": day.isoformat(),
        "credits": hours,
        "course_id": listing.get("course_id") or listing["id"],
        "provider": listing["provider"],
    }
    if listing.get("format"):
        entry["format"] = listing["format"]
    if listing.get("approvals"):
        entry["approvals"] = list(listing["approvals"])
    return entry


def append_entry(text: str, entry: dict) -> str:
    """Return profile TOML text with ``entry`` appended as a completed course.

    The original text is kept byte for byte: a ``[[completed]]`` table rendered
    by tomlkit is added after one blank line. A profile that writes
    ``completed = [...]`` as an inline array gets the entry inside that array.
    """
    document = tomlkit.parse(text)
    existing = document.get("completed")
    if existing is not None and not isinstance(existing, AoT):
        existing.append(_inline(entry))
        return tomlkit.dumps(document)
    table = tomlkit.table()
    for key, value in entry.items():
        table.add(key, _inline(value) if isinstance(value, dict) else value)
    addition = tomlkit.document()
    addition.add("completed", tomlkit.aot())
    addition["completed"].append(table)
    body = text.rstrip()
    separator = "\n\n" if body else ""
    return body + separator + tomlkit.dumps(addition).strip() + "\n"


def _inline(mapping: dict):
    inline = tomlkit.inline_table()
    for key, value in mapping.items():
        inline.append(key, _inline(value) if isinstance(value, dict) else value)
    return inline


def log_entry(path: str | Path, entry: dict, rules: dict[str, Rule]) -> None:
    """Append ``entry`` to the profile at ``path``; raise ProfileError on bad input.

    A course already logged in the same cycle of a credential held (same
    ``course_id``) is refused, so running ``cle log`` twice, or on two dates,
    does not count a course twice.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ProfileError(f"cannot read profile {path}: {exc.strerror}") from None
    profile = parse_profile(text, rules, source=path.name)
    problem = duplicate_problem(profile, rules, entry)
    if problem:
        raise ProfileError(f"{problem} in {path.name}; not logged again")
    new_text = append_entry(text, entry)
    parse_profile(new_text, rules, source=path.name)
    _write_atomically(path, new_text)


def duplicate_problem(
    profile: Profile, rules: dict[str, Rule], entry: dict
) -> str | None:
    """Name an earlier entry of the same course in a cycle the new one falls in."""
    from .status import place_cycle  # status imports the profile module too

    day = date.fromisoformat(entry["date"])
    same = [e for e in profile.completed if e.course_id == entry["course_id"]]
    for done in same:
        cycles = [
            place_cycle(rules[held.id], held.cycle_ends, day, [])
            for held in profile.credentials
        ]
        together = not cycles or any(
            cycle is None or cycle.contains(done.date) for cycle in cycles
        )
        if together:
            return f"{entry['course_id']} is already logged on {done.date}"
    return None


def _write_atomically(path: Path, text: str) -> None:
    """Replace the profile in one step; a folder we cannot write is one line."""
    try:
        handle, temp = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as exc:
        raise ProfileError(
            f"cannot write {path} ({exc.strerror or exc}); the profile was not "
            "changed: check that its folder is writable"
        ) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temp, path.stat().st_mode & 0o777)
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise ProfileError(
            f"cannot write {path} ({exc.strerror or exc}); the profile was not changed"
        ) from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
