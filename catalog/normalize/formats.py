"""Format wording ("Live Webinar", "OnDemand", "Self-Study" …) → ``format``.

The first rule that matches wins, strongest first: "hybrid" or in-person plus
online; self-study; on-demand ("On Demand", "OnDemand", "Recorded <date>",
"Watch Now", replay); in person; live online ("Live Webinar", "Webcast",
"Register Now", Zoom). So "Webinar (on demand)" is ``on_demand`` and "Live
Webinar" is ``live_webinar``; "Online" alone names no format (an online course
may be live or self-paced), and neither does a topic such as "Legal Research".
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

_RULES: tuple[tuple[str, re.Pattern], ...] = (
    (
        "hybrid",
        re.compile(
            rf"\bhybrid\b|{_IN_PERSON}\W+(?:and|&|\+|or|/|plus)\W+{_ONLINE}"
            rf"|{_ONLINE}\W+(?:and|&|\+|or|/|plus)\W+{_IN_PERSON}",
            re.I,
        ),
    ),
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
            r"\bwebinar\b|\bwebcast\b|\blive\s?stream(?:ed|ing)?\b|\blive\s+online\b"
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
    text = text[:MAX_CHARS]
    for name, pattern in _RULES:
        if pattern.search(text):
            return name
    return None
