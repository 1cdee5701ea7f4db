"""Record a completed course in the profile (``cle log``), keeping its layout.

The profile is edited with tomlkit, so comments, blank lines and key order stay
as the paralegal wrote them; the new ``[[completed]]`` table goes at the end.
The file is checked before and after the edit and replaced atomically, so a
failed log never leaves a broken or half-written profile.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

import tomlkit
from tomlkit.items import AoT

from catalog.schema import CREDIT_CATEGORIES

from .profile import ProfileError, parse_profile
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


def default_log_date(listing: dict, today: date) -> date:
    """The date a course was taken: its start date when that is past, else today."""
    starts_at = listing.get("starts_at")
    if starts_at:
        started = date.fromisoformat(starts_at[:10])
        if started <= today:
            return started
    return today


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

    The same course on the same date is refused, so running ``cle log`` twice
    does not count a course twice.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ProfileError(f"cannot read profile {path}: {exc.strerror}") from None
    profile = parse_profile(text, rules, source=path.name)
    for done in profile.completed:
        if (
            done.course_id == entry["course_id"]
            and done.date.isoformat() == entry["date"]
        ):
            raise ProfileError(
                f"{entry['course_id']} is already logged on {entry['date']} "
                f"in {path.name}"
            )
    new_text = append_entry(text, entry)
    parse_profile(new_text, rules, source=path.name)
    _write_atomically(path, new_text)


def _write_atomically(path: Path, text: str) -> None:
    handle, temp = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temp, path.stat().st_mode & 0o777)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
