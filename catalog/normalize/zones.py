"""Time-zone wording ("ET", "MST", "Central", "UTC-5", IANA names) → a zone.

How a zone is read (choices documented here, tested in
``tests/catalog/test_normalize_dates.py``):

- US abbreviations and zone words name a *region*, not an offset: "EST" on a
  July date is Eastern daylight time, because providers write EST all year.
  "EST"/"EDT" only pick between the two 1:30 AMs of the night clocks go back
  (a time skipped when clocks go forward keeps the offset from before the
  change).
- When the named region keeps the same standard time as the provider's default
  zone, the default zone is used, so its own daylight-saving rules apply:
  "MST" from a provider in ``America/Phoenix`` (Arizona keeps MST all year) is
  -07:00 in July, while "MST" from a provider in Chicago is read in
  ``America/Denver``. "Arizona" always means ``America/Phoenix``.
- UTC offsets ("UTC-5", "GMT+1"), "GMT"/"UTC"/"Z" and IANA names are taken
  as written. When the wording names several zones, the first one written wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo

EASTERN = "America/New_York"
_CENTRAL, _MOUNTAIN = "America/Chicago", "America/Denver"
_PACIFIC = "America/Los_Angeles"
_ABBREVIATIONS = {
    "E": EASTERN,
    "C": _CENTRAL,
    "M": _MOUNTAIN,
    "P": _PACIFIC,
    "AK": "America/Anchorage",
    "H": "Pacific/Honolulu",
}
_ZONE_WORDS = {
    "eastern": EASTERN,
    "central": _CENTRAL,
    "mountain": _MOUNTAIN,
    "pacific": _PACIFIC,
    "alaska": "America/Anchorage",
    "hawaii": "Pacific/Honolulu",
    "arizona": "America/Phoenix",
}
#: The letter after the region in "EST"/"EDT": standard or daylight time.
_DAYLIGHT = {"S": False, "D": True}
#: Zone words that name one exact zone rather than a region several zones share.
_EXACT_WORDS = frozenset({"arizona"})
_ABBREVIATION = re.compile(r"\b(E|C|M|P|AK|H)[SD]?T\b|\b(GMT|UTC|Z)\b")
_OFFSET = re.compile(r"\b(?:GMT|UTC)\s*([+-])(\d{1,2})(?::?(\d{2}))?\b", re.I)
_ZONE_WORD = re.compile(r"\b(" + "|".join(_ZONE_WORDS) + r")\b", re.I)
_IANA = re.compile(r"\b([A-Z][A-Za-z]+(?:/[A-Z][A-Za-z_]+)+)\b")

# Quick guards for the patterns above, which start with \b and so are tried at
# every position (about 5 us each on a 40-character wording). A pattern that
# starts with a character class is scanned for quickly by the regex engine.
#: Characters re.IGNORECASE matches to an ASCII letter besides its two cases
#: (every code point is checked in tests/catalog/test_prepare_fast_paths.py).
_OTHER_CASES = {"i": "\u0130\u0131", "s": "\u017f", "k": "\u212a"}


def _any_case(letters: set[str]) -> str:
    """A character class of every character re.IGNORECASE matches to a letter."""
    chars = (f"{c.lower()}{c.upper()}{_OTHER_CASES.get(c, '')}" for c in letters)
    return "[" + "".join(sorted("".join(chars))) + "]"


def _hint(words: Iterable[str]) -> re.Pattern:
    """A pattern found wherever one of the words is, in any case (and elsewhere)."""
    words = tuple(words)
    return re.compile("".join(_any_case({w[k] for w in words}) for k in range(3)))


_OFFSET_HINT = _hint(("gmt", "utc"))
_ZONE_WORD_HINT = _hint(_ZONE_WORDS)
_IANA_HINT = re.compile("/")  # every IANA name the pattern reads has one
#: The letters an _ABBREVIATION match starts with (E, C, M, P, AK, H; GMT, UTC, Z).
_ABBREVIATION_START = re.compile("[ACEGHMPUZ]")


#: A fixed-offset label as listings carry it when no IANA name fits: "UTC-07:00".
_OFFSET_LABEL = re.compile(r"^(?:UTC|GMT)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$")


def zone_named(name: str) -> tzinfo | None:
    """Return the IANA zone of that name, or None when there is none."""
    try:
        return ZoneInfo(name)
    except Exception:
        return None


def zone_by_name(name: object) -> tzinfo | None:
    """The zone a listing's ``timezone`` names: IANA, or a "UTC-07:00" label."""
    if not isinstance(name, str) or not name.strip():
        return None
    zone = zone_named(name.strip())
    if zone is not None:
        return zone
    label = _OFFSET_LABEL.match(name.strip())
    if not label:
        return None
    sign = -1 if label[1] == "-" else 1
    offset = timedelta(hours=int(label[2] or 0), minutes=int(label[3] or 0))
    return timezone(sign * offset, name.strip()) if offset else UTC


def zone_name(zone: tzinfo, moment: datetime | None = None) -> str:
    """The name to write in a listing's ``timezone`` for a zone.

    An IANA zone gives its key; UTC gives "UTC"; a fixed offset of whole hours
    gives its IANA ``Etc/GMT`` name (signs inverted: UTC-5 is "Etc/GMT+5");
    any other offset a "UTC+05:30" label.
    """
    key = getattr(zone, "key", None)
    if key:
        return key
    offset = zone.utcoffset(moment)
    if not offset:
        return "UTC"
    minutes = int(offset.total_seconds()) // 60
    if minutes % 60 == 0 and abs(minutes) <= 12 * 60:
        return f"Etc/GMT{-minutes // 60:+d}"
    sign = "-" if minutes < 0 else "+"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def zone_in_text(
    text: str, default: tzinfo, day: date
) -> tuple[tzinfo, bool | None] | None:
    """The zone the wording names (first one written), and whether it says daylight.

    :param text: wording with the date taken out, e.g. "| 1:00 - 2:00 pm MST"
    :param default: the provider's zone, preferred for a region it belongs to
    :param day: the date the times are on (standard time is compared that day)
    :return: ``(zone, daylight)`` where daylight is True for "EDT", False for
        "EST" and None otherwise; None when the wording names no zone
    """
    candidates = []
    offset = _OFFSET.search(text) if _OFFSET_HINT.search(text) else None
    if offset:
        sign = -1 if offset[1] == "-" else 1
        delta = timedelta(hours=int(offset[2]), minutes=int(offset[3] or 0))
        candidates.append((offset.start(), timezone(sign * delta), None))
    abbreviation = _first_abbreviation(text)
    if abbreviation and not (offset and abbreviation.start() == offset.start()):
        daylight = None
        if abbreviation[2]:
            zone: tzinfo = UTC
        else:
            zone = _regional(ZoneInfo(_ABBREVIATIONS[abbreviation[1]]), default, day)
            letter = abbreviation[0][len(abbreviation[1])]
            daylight = _DAYLIGHT.get(letter)
        candidates.append((abbreviation.start(), zone, daylight))
    word = _ZONE_WORD.search(text) if _ZONE_WORD_HINT.search(text) else None
    if word:
        name = word[1].lower()
        zone = ZoneInfo(_ZONE_WORDS[name])
        if name not in _EXACT_WORDS:
            zone = _regional(zone, default, day)
        candidates.append((word.start(), zone, None))
    for match in _IANA.finditer(text) if _IANA_HINT.search(text) else ():
        zone = zone_named(match[1])
        if zone is not None:
            candidates.append((match.start(), zone, None))
            break
    if not candidates:
        return None
    if len(candidates) == 1:  # the usual case: one zone named
        _, zone, daylight = candidates[0]
        return zone, daylight
    _, zone, daylight = min(candidates, key=lambda item: item[0])
    return zone, daylight


def _first_abbreviation(text: str) -> re.Match | None:
    """``_ABBREVIATION.search(text)``, tried only where a match could start
    (``match`` at a position sees the character before it, for the \\b)."""
    at = 0
    while (candidate := _ABBREVIATION_START.search(text, at)) is not None:
        match = _ABBREVIATION.match(text, candidate.start())
        if match:
            return match
        at = candidate.start() + 1
    return None


@lru_cache(maxsize=4096)
def _regional(region: tzinfo, default: tzinfo, day: date) -> tzinfo:
    """The default zone when it keeps the region's standard time that day."""
    noon = datetime.combine(day, time(12))
    standard = _standard(default, noon)
    if standard is not None and standard == _standard(region, noon):
        return default
    return region


def _standard(zone: tzinfo, moment: datetime) -> timedelta | None:
    local = moment.replace(tzinfo=zone)
    offset, saving = local.utcoffset(), local.dst()
    if offset is None or saving is None:
        return None
    return offset - saving


def aware(day: date, clock: time, zone: tzinfo, daylight: bool | None) -> datetime:
    """Attach the zone; an hour that happens twice takes the written EST/EDT."""
    first = datetime.combine(day, clock).replace(tzinfo=zone)
    if daylight is None:
        return first
    second = first.replace(fold=1)
    if first.utcoffset() != second.utcoffset() and bool(second.dst()) == daylight:
        return second
    return first
