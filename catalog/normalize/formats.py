"""Format wording ("Live Webinar", "OnDemand", "Self-Study" …) → ``format``.

The first rule that matches wins, strongest first: "hybrid" or in-person plus
online ("In person and via Zoom", "LIVE \"IN-PERSON\" WEBCAST"); self-study;
on-demand ("On Demand", "OnDemand", "Recorded <date>", "Watch Now", replay); in
person; live online ("Live Webinar", "Webcast", "Register Now", Zoom).

Wording about a format that is not the listing's is read past first: a later
recording of a live session ("the on demand version will be available after
the event"), a negated word ("Webcasts are NOT archived"), and the side of a
contrast ("Unlike our live webinars, this on-demand course …" is
``on_demand``; "without attending a live class"). A text that names two
formats as alternatives or compares them ("live CLE webinars or OnDemand
courses", "in-person … versus recorded on-demand programming", "delivered
live …, also available on demand", "transfers from a live seminar to the
webcast") names no format; a bare "webinar" does not count against "on
demand", as webinars are also recorded; "self-study credit" is a kind of
credit, not a format. So "Webinar (on demand)" is ``on_demand`` and "Live Webinar"
is ``live_webinar``; "Online" alone names no format (an online course may be
live or self-paced), and neither does a topic such as "Legal Research".
Clio's buttons tell the two apart: "Register Now" is live, "Watch Now" a
recording (research/providers.md section 5).
"""

from __future__ import annotations

import re

from catalog.normalize.words import MAX_CHARS

_ONLINE = (
    r"(?:online|virtual(?:ly)?|remote(?:ly)?|via\s+zoom|zoom|webinar|webcast"
    r"|live\s?stream)"
)
_IN_PERSON = r"(?:in[- ]?person|on[- ]?site|face[- ]to[- ]face)"

#: Between the halves of "in person and online", "\"IN-PERSON\" WEBCAST".
_JOIN = r"(?:\W+(?:and|&|\+|or|/|plus))?[\s\"'\u201c\u201d,/&+-]+"
_HYBRID = re.compile(
    rf"\bhybrid\b|{_IN_PERSON}{_JOIN}{_ONLINE}"
    rf"|{_ONLINE}\W+(?:and|&|\+|or|/|plus)\W+{_IN_PERSON}",
    re.I,
)
#: Wording about a format that is not the listing's: a later recording of a
#: live session ("the on demand version … after the event", "webinars that are
#: recorded"), a negated word ("NOT archived"), the side of a contrast
#: ("Unlike our live webinars, this …", ", not an on-demand course").
_NOT_THIS_FORMAT = re.compile(
    r"\b(?:the\s+)?(?:on[- ]?demand\s+(?:version|replay|recording)|recordings?|replays?"
    r"|archives?)\b[^.;]*?\b(?:after|following)\b"
    r"|\b(?:that|which)\s+(?:are|is|will\s+be)\s+recorded\b"
    r"|\b(?:not|never)\s+(?:be\s+)?(?:archived|recorded|available\s+on[- ]?demand"
    r"|on[- ]?demand)\b|\bno\s+(?:recordings?|replays?|archives?)\b"
    r"|\b(?:unlike|rather\s+than|instead\s+of|as\s+opposed\s+to|in\s+contrast\s+to"
    r"|without)\b"
    r"[^,.;]*|,\s*not\s+(?:a|an|the)?\s*[^,.;]*"
    r"|\bself[- ]?study\s+(?:credits?|hours?)\b",
    re.I,
)
#: A comparison of formats names none as the listing's.
_COMPARISON = re.compile(
    r"\bversus\b|\bvs\.?(?=\s)|\bdifferen(?:ce|tiate)\s+between\b|\bcompared\s+"
    r"(?:to|with)\b|\bor\b|\balso\b|\bas\s+well\s+as\b|\bboth\b"
    r"|\b(?:transfer|switch|move|change)\w*\s+from\b",
    re.I,
)
#: "Webinar" alone may be live or recorded: it never contradicts "on demand".
_WEAK_LIVE = re.compile(r"^(?:webinars?)$", re.I)

_RULES: tuple[tuple[str, re.Pattern], ...] = (
    ("hybrid", _HYBRID),
    (
        "self_study",
        re.compile(r"\bself[- ]?(?:study|paced)\b|\bhome[- ]?study\b", re.I),
    ),
    (
        "on_demand",
        re.compile(
            r"\bon[- ]?demand\b|\b(?:pre-?)?recorded\b|\bwatch\s+(?:now|anytime)\b"
            r"|\breplay\b|\barchived\b|\bavailable\s+(?:any\s?time|24/7)\b"
            r"|\bmp[34]\b",
            re.I,
        ),
    ),
    (
        "in_person",
        re.compile(
            rf"{_IN_PERSON}|\bclassroom\b|\blive\s+seminars?\b|\bat\s+the\s+venue\b",
            re.I,
        ),
    ),
    (
        "live_webinar",
        re.compile(
            r"\bwebinars?\b|\bwebcasts?\b|\blive\s?stream(?:ed|ing)?\b|\blive\s+online\b"
            r"|\bvirtual\b|\bzoom\b|\bteleconference\b|\bregister\s+now\b"
            r"|\blive\b",
            re.I,
        ),
    ),
)


def parse_format(text: str) -> str | None:
    """Return the ``format`` the wording names, or None when it names none.

    :param text: e.g. "Live Webinar", "OnDemand Course", "Recorded June 23, 2025"
    :return: one of :data:`catalog.schema.FORMATS`, or None
    """
    if not isinstance(text, str):
        return None
    text = _NOT_THIS_FORMAT.sub(" ", text[:MAX_CHARS])
    if _HYBRID.search(text):
        return "hybrid"
    if _COMPARISON.search(text) and len(_formats_named(text)) > 1:
        return None  # "live webinars or OnDemand courses", "… versus recorded"
    for name, pattern in _RULES:
        if pattern.search(text):
            return name
    return None


def _formats_named(text: str) -> set[str]:
    """Every format a rule finds in the text (a bare "webinar" aside)."""
    named = set()
    for name, pattern in _RULES[1:]:
        if any(not _WEAK_LIVE.match(m[0]) for m in pattern.finditer(text)):
            named.add(name)
    return named
