"""Format wording → the ``format`` vocabulary (table tests).

Rows marked "providers.md 8" are the wordings listed in research/providers.md
section 8 (Lorman, NALA menu, PLI, Clio buttons); the rest are recreations.
"""

from __future__ import annotations

import pytest

from catalog.normalize import parse_format
from catalog.schema import FORMATS


@pytest.mark.parametrize(
    "text,expected",
    [
        # providers.md 8
        ("Live Webinar", "live_webinar"),
        ("OnDemand", "on_demand"),
        ("On Demand", "on_demand"),
        ("Self-Study", "self_study"),
        ("Webcast", "live_webinar"),
        ("Register Now", "live_webinar"),
        ("Watch Now", "on_demand"),
        ("OnDemand Course", "on_demand"),
        # recreations
        ("On-Demand Webinars", "on_demand"),
        ("Webinar (on demand)", "on_demand"),
        ("Recorded June 23, 2025", "on_demand"),
        ("Pre-recorded video", "on_demand"),
        ("Self Study course", "self_study"),
        ("Self-paced online course", "self_study"),
        ("Home study", "self_study"),
        ("In Person", "in_person"),
        ("In-person seminar at the Hilton", "in_person"),
        ("Onsite", "in_person"),
        ("Hybrid", "hybrid"),
        ("In person and via Zoom", "hybrid"),
        ("Online or in-person", "hybrid"),
        ("Live Webcast", "live_webinar"),
        ("Live online via Zoom", "live_webinar"),
        ("Virtual event", "live_webinar"),
        ("Lunch and learn", None),
        ("Online course", None),
        ("Online Legal Research", None),
        ("", None),
    ],
)
def test_parses_format_wording(text, expected):
    assert parse_format(text) == expected


def test_every_answer_is_in_the_vocabulary():
    for text in ("Live Webinar", "OnDemand", "Self-Study", "In Person", "Hybrid"):
        assert parse_format(text) in FORMATS


def test_non_text_is_not_a_format():
    assert parse_format(None) is None
