"""Wordings that are one machine-written instant: ISO 8601, RFC 822, Unix seconds.

Feeds put these in a listing's ``when_text`` (YourMembership RSS ``pubDate``
"Sat, 21 Jun 2025 13:00:00 GMT", the Lawline API's Unix seconds, an iCalendar
``DTSTART`` value); they are read whole, offset and all, by
:func:`catalog.normalize.dates.parse_when` before any wording rule.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, tzinfo

_ISO_INSTANT = re.compile(
    r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})"
)
_RFC822 = re.compile(
    r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}"
    r"(?::\d{2})?\s*(?:[A-Z]{1,5}|[+-]\d{4})?$"
)
_UNIX_SECONDS = re.compile(r"^\d{9,10}$")
_ICS_BASIC = re.compile(r"^(\d{8}T\d{6})(Z?)$")


def read_whole(text: str, default: tzinfo) -> dict | None:
    """Texts that are one machine-written instant: RFC 822, ISO, Unix seconds."""
    stripped = text.strip()
    if _UNIX_SECONDS.match(stripped):
        instant = datetime.fromtimestamp(int(stripped), tz=UTC).astimezone(default)
        return {"starts_at": instant.isoformat(timespec="seconds")}
    ics = _ICS_BASIC.match(stripped)
    if ics:  # iCalendar DTSTART value: UTC with Z, else floating (provider's zone)
        instant = datetime.strptime(ics[1], "%Y%m%dT%H%M%S")
        instant = instant.replace(tzinfo=UTC if ics[2] else default)
        return {"starts_at": instant.isoformat(timespec="seconds")}
    if _RFC822.match(stripped):
        from email.utils import parsedate_to_datetime  # feeds only; pulls in socket

        instant = parsedate_to_datetime(stripped)
        if instant.tzinfo is None:
            instant = instant.replace(tzinfo=default)
        return {"starts_at": instant.isoformat(timespec="seconds")}
    iso = _ISO_INSTANT.search(stripped)
    if iso:
        instant = datetime.fromisoformat(iso[0].replace(" ", "T"))
        result = {"starts_at": instant.isoformat(timespec="seconds")}
        after = _ISO_INSTANT.search(stripped, iso.end())
        if after:
            end = datetime.fromisoformat(after[0].replace(" ", "T"))
            if end > instant:
                result["ends_at"] = end.isoformat(timespec="seconds")
        return result
    return None
