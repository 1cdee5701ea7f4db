"""A listing's ``timezone`` agrees with the offsets of its instants.

:func:`settle_zone` is the last step of
:func:`catalog.normalize.normalize_record`. Choices (tested in
``tests/catalog/test_normalize_timetruth.py``):

- A zone the wording states for its clock times ("11:00 am - 12:30 pm ET",
  "1 PM CT", "Pacific", "UTC-5") becomes the listing's ``timezone``, over
  the provider's default, unless the wording is dated another day than
  ``starts_at`` (then it does not describe that start).
- When ``starts_at`` came from elsewhere (a feed's structured date) with an
  offset the stated zone does not have that day, the record is fixed to the
  stated zone: if the wording's first clock time is the one ``starts_at``
  shows, the clock was right and its zone wrong, so the instants become those
  clocks in the stated zone; otherwise the instants are kept and written in
  the stated zone.
- Nothing stated: an instant written in UTC ("Z", "+00:00", machine time), or
  with the offset the listing's zone has an hour or two away (a clock skipped
  or repeated the night clocks change), is written in the listing's zone. An
  instant whose offset the listing's zone does not have takes the one US
  zone that has that offset at every instant of the listing (-05:00 in
  December is Eastern); when no US zone or several do (-07:00 in July is
  both Pacific and Arizona), the instants are kept, the zone becomes the
  fixed offset ("Etc/GMT+7") and the record is flagged to ``warn``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from catalog.normalize.dates import clock_zone, first_clock, read_when
from catalog.normalize.words import MAX_CHARS
from catalog.normalize.zones import zone_by_name, zone_in_text, zone_name

#: Zones with distinct rules that US providers use, in the order they are tried.
US_ZONES = (
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
)


def settle_zone(record: dict, warn: Callable[[str], None] | None = None) -> dict:
    """Make ``timezone`` agree with ``starts_at``/``ends_at``; change nothing else.

    :param record: an interchange record (changed in place and returned)
    :param warn: called with one line when the zone could not be told
    :return: the same record
    """
    start = _aware(record.get("starts_at"))
    if start is None:
        return record
    instants = {"starts_at": start, "ends_at": _aware(record.get("ends_at"))}
    zone_text = record.get("timezone")
    if not isinstance(zone_text, str):
        zone_text = None
    if _already_agrees(record, instants, zone_text):
        return record
    stated = _stated_zone(record, zone_text, start)
    if stated is not None:
        _fix_to_stated(record, instants, stated)
        return record
    listing_zone = zone_by_name(zone_text)
    if listing_zone is None:
        return record
    moments = [moment for moment in instants.values() if moment is not None]
    if all(_agrees(moment, listing_zone) for moment in moments):
        return record
    if all(_machine_or_shifted(moment, listing_zone) for moment in moments):
        _write(record, instants, listing_zone)
        return record
    fits = [
        name for name in US_ZONES if all(_agrees(m, ZoneInfo(name)) for m in moments)
    ]
    if len(fits) == 1:
        record["timezone"] = fits[0]
        return record
    record["timezone"] = zone_name(start.tzinfo, start)
    if warn is not None:
        told = " and ".join(fits) if fits else "no US zone"
        warn(
            f"field 'timezone': starts_at {record['starts_at']} does not fit "
            f"{zone_text}; its offset fits {told}, so the zone is set to "
            f"{record['timezone']}"
        )
    return record


def _already_agrees(record: dict, instants: dict, zone_text: str | None) -> bool:
    """A quick yes: the instants have the listing zone's offsets and the wording
    names no other zone anywhere (so no reading of it could state one)."""
    zone = zone_by_name(zone_text)
    if zone is None:
        return False
    for moment in instants.values():
        if moment is not None and not _agrees(moment, zone):
            return False
    text = record.get("when_text")
    if not isinstance(text, str) or not text.strip():
        return True
    named = zone_in_text(text[:MAX_CHARS], zone, instants["starts_at"].date())
    return named is None or zone_name(named[0]) == zone_text


def _aware(value) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.utcoffset() is not None else None


def _machine_or_shifted(moment: datetime, zone: tzinfo) -> bool:
    """UTC machine time, or an offset the zone has an hour or two away.

    The second is a clock skipped or repeated when clocks change ("2:30 AM"
    on the spring night, written with the offset from before the change).
    """
    if moment.utcoffset() == timedelta(0) or _agrees(moment, zone):
        return True
    near = (moment + timedelta(hours=hours) for hours in (-2, -1, 1, 2))
    return any(_agrees(other, zone) for other in near)


def _agrees(moment: datetime, zone: tzinfo) -> bool:
    return moment.astimezone(zone).utcoffset() == moment.utcoffset()


def _stated_zone(record: dict, zone_text: str | None, start: datetime) -> str | None:
    """The zone ``when_text`` states for the clock times of this start, or None.

    A wording dated another day ("Jan 5, 2027 1:00 PM ET" beside a December
    start) does not describe the start, so its zone says nothing of it.
    """
    text = record.get("when_text")
    if not isinstance(text, str) or not text.strip():
        return None
    default = zone_text or "America/New_York"
    written = _aware(read_when(text, default).get("starts_at"))
    if written is not None and written.date() not in _local_dates(start, written):
        return None
    return clock_zone(text, default, start.date())


def _local_dates(start: datetime, written: datetime) -> set:
    """The start's date as written and as seen in the wording's own offset."""
    return {start.date(), start.astimezone(written.tzinfo).date()}


def _fix_to_stated(record: dict, instants: dict, stated: str) -> None:
    zone = zone_by_name(stated)
    if zone is None:
        return
    record["timezone"] = stated
    moments = [moment for moment in instants.values() if moment is not None]
    if all(_agrees(moment, zone) for moment in moments):
        return
    start = instants["starts_at"]
    if first_clock(record["when_text"]) == start.time().replace(tzinfo=None):
        for field, moment in instants.items():  # the clock was right, its zone wrong
            if moment is not None:
                local = moment.replace(tzinfo=None).replace(tzinfo=zone)
                # through UTC: a clock skipped in spring gets the offset it has
                local = local.astimezone(UTC).astimezone(zone)
                record[field] = local.isoformat(timespec="seconds")
        return
    _write(record, instants, zone)


def _write(record: dict, instants: dict, zone: tzinfo) -> None:
    """The same instants, written with the zone's offsets."""
    for field, moment in instants.items():
        if moment is not None:
            record[field] = moment.astimezone(zone).isoformat(timespec="seconds")
