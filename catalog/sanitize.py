"""Text safety at the record boundary: control characters, size limits and URLs.

:func:`catalog.records.prepare` runs :func:`sanitize_record` on every record
before it is normalized and checked, so a file from a person and a feed from a
spider meet the same rules, and nothing stored can break a page, a feed or a
report later.

Control characters. Removed from every text field: C0 controls, DEL, C1
controls, lone surrogates, the non-characters U+FFFE and U+FFFF (none of them
is allowed in XML or in iCalendar text), and the bidirectional embedding,
override and isolate controls (U+202A-U+202E, U+2066-U+2069), which can make a
title display as other words. Multi-line fields (``description`` and the raw
``*_text`` wordings) keep tab and line feed, with CR LF and lone CR read as a
line feed; in one-line fields (title, location, list items) a tab or line
break becomes a space. Identifiers (``id``, ``course_id``, ``provider``,
``url``, ``timezone`` and the dates) are never rewritten: a control character
there rejects the record, since a changed id would be another listing.

Size limits (characters, after the cleaning above):

================================  =======  ================================
field                             limit    over the limit
================================  =======  ================================
title                             300      cut, with a warning
description                       20,000   cut, with a warning
credit_text, price_text,          2,000    cut, with a warning (the
when_text                                  normalizers read 2,000 anyway)
location                          300      cut, with a warning
approvals, practice_areas,        50 items cut to the first 50, with a warning
presenters                        200 each each item cut, with a warning
credits                           10 items rejected (three categories exist)
id, course_id                     200      rejected
url                               2,000    rejected
provider, timezone                64       rejected
starts_at, ends_at, first_seen,   40       rejected
last_seen
duration_minutes                  525,600  rejected (also NaN and infinity)
total_hours, credits hours        1,000    rejected (also NaN and infinity)
price_usd, member_price_usd       1e6      rejected (also NaN and infinity)
================================  =======  ================================

Text is cut where a reader loses little (the end of a long description);
identifiers and URLs are rejected, because a cut one points somewhere else.

URLs must be absolute ``http``/``https`` URLs in RFC 3986 syntax with a host:
no spaces, ``"``, ``<``, ``>``, backslash, ``{``, ``|``, ``}``, ``^`` or
backtick, no control characters, well-formed ``%`` escapes, a valid port and
no user name or password. Non-ASCII characters (an IRI) are percent-encoded as
UTF-8 (RFC 3987 section 3.1) rather than refused.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from urllib.parse import quote, urlsplit

#: Fields whose text is cut (with a warning) over the limit: field -> characters.
CUT_LIMITS = {
    "title": 300,
    "description": 20_000,
    "credit_text": 2_000,
    "price_text": 2_000,
    "when_text": 2_000,
    "location": 300,
}
#: Fields rejected over the limit: field -> characters.
REJECT_LIMITS = {
    "id": 200,
    "course_id": 200,
    "url": 2_000,
    "provider": 64,
    "timezone": 64,
    "starts_at": 40,
    "ends_at": 40,
    "first_seen": 40,
    "last_seen": 40,
}
#: List fields of strings: at most this many items, each at most this long.
LIST_MAX_ITEMS = 50
LIST_ITEM_MAX_CHARS = 200
#: ``credits`` holds one entry per category; more than this is not a listing.
CREDITS_MAX_ITEMS = 10
#: Numbers must be finite and at most this (rejected otherwise): a year of
#: minutes, a thousand hours, a million dollars.
NUMBER_LIMITS = {
    "duration_minutes": 525_600,
    "total_hours": 1_000,
    "hours": 1_000,
    "price_usd": 1_000_000,
    "member_price_usd": 1_000_000,
}

MULTILINE_FIELDS = ("description", "credit_text", "price_text", "when_text")
LIST_FIELDS = ("approvals", "practice_areas", "presenters")

# Never allowed in any text: C0 but tab/LF/CR/FF/VT, DEL, C1, surrogates,
# U+FFFE/U+FFFF, bidi embeddings, overrides and isolates.
_REMOVED = (
    "\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069"
)
_UNSAFE = re.compile(f"[{_REMOVED}\t\n\r\x0b\x0c\u2028\u2029]")
_REMOVE = re.compile(f"[{_REMOVED}]")
_LINE_BREAK = re.compile("\r\n?|[\x0b\x0c\u2028\u2029]")
_ONE_LINE_SPACE = re.compile("[\t\n\r\x0b\x0c\u2028\u2029]+")

# RFC 3986 characters: unreserved, reserved (gen-delims and sub-delims) and "%".
_URI_CHARS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_REG_NAME = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=%]+")

# A URL check_url returns as it is: http(s), a host of reg-name characters
# (no port, user, "%" escape or IPv6 brackets), then RFC 3986 characters
# but "%", "[" and "]". Any other URL takes _check_url_full.
_PLAIN_URL = re.compile(
    r"https?://[A-Za-z0-9\-._~!$&'()*+,;=]+(?:[/?#][A-Za-z0-9\-._~!$&'()*+,;=:@/?#]*)?"
)
#: The ASCII characters of _UNSAFE: C0 controls (tab and line breaks too) and DEL.
_ASCII_UNSAFE = bytes([*range(0x20), 0x7F])
#: Every string field with its limit (cut or rejected), for the quick pass.
_TEXT_LIMITS = tuple({**REJECT_LIMITS, **CUT_LIMITS}.items())
_NUMBER_LIMITS = tuple(NUMBER_LIMITS.items())

Warn = Callable[[str], None]


class UnsafeText(ValueError):
    """A record field that cannot be made safe; one line naming the field."""


def clean_text(text: str, *, multiline: bool = False) -> str:
    """Remove the characters no page, feed or report may carry.

    :param text: the text as published
    :param multiline: keep tab and line feed (CR LF and CR become LF)
    :return: the text without control characters; unchanged when already clean
    """
    if not _UNSAFE.search(text):
        return text
    text = _REMOVE.sub("", text)
    if multiline:
        return _LINE_BREAK.sub("\n", text)
    return _ONE_LINE_SPACE.sub(" ", text).strip()


def control_position(text: str) -> int | None:
    """The index of the first control character in ``text``, or None."""
    match = _UNSAFE.search(text)
    return match.start() if match else None


def shown(value: object, limit: int = 60) -> str:
    """``repr`` of a value for an error line, cut to ``limit`` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def sanitize_record(record: dict, warn: Warn | None = None) -> dict:
    """Clean, bound and check the text of one record (changed in place).

    A record already within every rule (most of them) is told in one pass
    (:func:`_already_clean`) and left as it is, with its lists copied as the
    full rules (:func:`_sanitize_full`) would; any other takes the full rules.

    :param record: an interchange record as read
    :param warn: called with a one-line message for each field that was cut
    :return: the same record
    :raises UnsafeText: for an identifier or URL that cannot be stored
    """
    if _already_clean(record):
        for field in LIST_FIELDS:  # a list of its own, as _clean_list gives
            if isinstance(record.get(field), list):
                record[field] = list(record[field])
        return record
    return _sanitize_full(record, warn)


def _sanitize_full(record: dict, warn: Warn | None = None) -> dict:
    """:func:`sanitize_record` by every rule in turn (errors in field order)."""
    warn = warn or (lambda _message: None)
    for field, limit in REJECT_LIMITS.items():
        value = record.get(field)
        if isinstance(value, str):
            _check_identifier(field, value, limit)
    if isinstance(record.get("url"), str):
        record["url"] = check_url(record["url"])
    for field, limit in CUT_LIMITS.items():
        value = record.get(field)
        if isinstance(value, str):
            value = clean_text(value, multiline=field in MULTILINE_FIELDS)
            record[field] = _cut(field, value, limit, warn)
    for field in LIST_FIELDS:
        if isinstance(record.get(field), list):
            record[field] = _clean_list(field, record[field], warn)
    credits = record.get("credits")
    if isinstance(credits, list) and len(credits) > CREDITS_MAX_ITEMS:
        raise UnsafeText(
            f"field 'credits': {len(credits)} entries; at most {CREDITS_MAX_ITEMS} "
            "(one per category)"
        )
    for field in NUMBER_LIMITS:
        _check_number(field, record.get(field))
    for credit in credits if isinstance(credits, list) else ():
        if isinstance(credit, dict):
            _check_number("hours", credit.get("hours"), "credits.hours")
    return record


def _already_clean(record: dict) -> bool:
    """True when :func:`_sanitize_full` would change nothing, warn of nothing
    and refuse nothing: every text within its limit and without a character
    of ``_UNSAFE``, a plain URL, list items already stripped and short, and
    numbers finite within their limits. False sends the record the full way.
    """
    get = record.get
    texts = []
    for field, limit in _TEXT_LIMITS:
        value = get(field)
        if isinstance(value, str):
            if len(value) > limit:
                return False
            texts.append(value)
    url = get("url")
    if isinstance(url, str) and not _PLAIN_URL.fullmatch(url):
        return False
    for field in LIST_FIELDS:
        items = get(field)
        if isinstance(items, list):
            if len(items) > LIST_MAX_ITEMS or not all(map(_plain_item, items)):
                return False
            texts.extend(items)
    if not _all_safe(" ".join(texts)):  # the space joining them is safe
        return False
    for field, limit in _NUMBER_LIMITS:
        if not _plain_number(get(field), limit):
            return False
    credits = get("credits")
    if isinstance(credits, list):
        if len(credits) > CREDITS_MAX_ITEMS:
            return False
        for credit in credits:
            if isinstance(credit, dict):
                if not _plain_number(credit.get("hours"), NUMBER_LIMITS["hours"]):
                    return False
    return True


def _all_safe(text: str) -> bool:
    """No character of ``_UNSAFE`` in the text (False may be wrong: a "no").

    ASCII text is looked at as bytes (twice as quick as isprintable); other
    text must be printable: every character _UNSAFE matches is unprintable.
    Both claims are checked over every code point in the tests.
    """
    if text.isascii():
        raw = text.encode("ascii")
        return len(raw.translate(None, _ASCII_UNSAFE)) == len(raw)
    return text.isprintable()


def _plain_item(value: object) -> bool:
    """A list item _clean_list keeps as it is (given no _UNSAFE character)."""
    return (
        isinstance(value, str)
        and 0 < len(value) <= LIST_ITEM_MAX_CHARS
        and value.strip() == value
    )


def _plain_number(value: object, limit: float) -> bool:
    """Absent, or an int or float _check_number lets through (NaN fails both
    comparisons); anything else is left to _check_number to judge."""
    if value is None:
        return True
    return type(value) in (int, float) and -limit <= value <= limit


def _check_number(field: str, value: object, label: str | None = None) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return  # not a number: the schema check names the field
    if not math.isfinite(value) or abs(value) > NUMBER_LIMITS[field]:
        raise UnsafeText(
            f"field '{label or field}': {shown(value)} is not a number up to "
            f"{NUMBER_LIMITS[field]:,}"
        )


def _check_identifier(field: str, value: str, limit: int) -> None:
    if len(value) > limit:
        raise UnsafeText(
            f"field '{field}': {len(value):,} characters; at most {limit:,}"
        )
    position = control_position(value)
    if position is not None:
        raise UnsafeText(
            f"field '{field}': control character U+{ord(value[position]):04X} "
            f"at character {position + 1}; remove it"
        )


def _cut(field: str, value: str, limit: int, warn: Warn) -> str:
    if len(value) <= limit:
        return value
    warn(f"field '{field}' cut to {limit:,} characters (it had {len(value):,})")
    return value[:limit]


def _clean_list(field: str, values: list, warn: Warn) -> list:
    if len(values) > LIST_MAX_ITEMS:
        warn(
            f"field '{field}' cut to its first {LIST_MAX_ITEMS} items "
            f"(it had {len(values):,})"
        )
        values = values[:LIST_MAX_ITEMS]
    cleaned = []
    for value in values:
        if isinstance(value, str):
            value = clean_text(value).strip()
            if len(value) > LIST_ITEM_MAX_CHARS:
                warn(
                    f"an item of field '{field}' cut to {LIST_ITEM_MAX_CHARS} "
                    f"characters (it had {len(value):,})"
                )
                value = value[:LIST_ITEM_MAX_CHARS].strip()
            if not value:
                continue
        cleaned.append(value)
    return cleaned


def check_url(url: str) -> str:
    """Return ``url`` as an RFC 3986 absolute http(s) URL, or raise one line.

    Non-ASCII characters are percent-encoded as UTF-8; everything else that
    RFC 3986 does not allow is refused, naming the character.
    """
    if _PLAIN_URL.fullmatch(url):
        return url
    return _check_url_full(url)


def _check_url_full(url: str) -> str:
    """:func:`check_url` by every rule (the one way for a URL not plain)."""
    if not url.isascii():
        url = quote(url, safe="".join(chr(c) for c in range(0x21, 0x7F)))
    position = control_position(url)
    if position is not None or " " in url:
        where = url.index(" ") if position is None else position
        return _bad_url(url, f"character {url[where]!r} at position {where + 1}")
    match = _URI_CHARS.match(url)
    if match.end() != len(url):
        bad = url[match.end()]
        return _bad_url(url, f"character {bad!r} at position {match.end() + 1}")
    if _BAD_ESCAPE.search(url):
        return _bad_url(url, "a '%' not followed by two hex digits")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        return _bad_url(url, str(exc))
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return _bad_url(url, "not an http:// or https:// URL with a host")
    if "@" in parts.netloc:
        return _bad_url(url, "a user name or password in the URL")
    literal = parts.netloc.startswith("[")  # an IPv6 address, e.g. [::1]
    if not parts.hostname or not (literal or _REG_NAME.fullmatch(parts.hostname)):
        return _bad_url(url, "no host name")
    return url


def _bad_url(url: str, reason: str) -> str:
    raise UnsafeText(
        f"field 'url': {shown(url)} is not an absolute http(s) URL ({reason})"
    )
