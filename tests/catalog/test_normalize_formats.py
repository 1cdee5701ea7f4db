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


# Classes of failure seen on real pages (issue 12); wordings of our own.
@pytest.mark.parametrize(
    "text,expected",
    [
        # a comparison names the listing's format only on its own side
        (
            "Unlike our live webinars, this on-demand course can be viewed anytime",
            "on_demand",
        ),
        ("Unlike our on-demand library, this is a live webinar", "live_webinar"),
        ("This is a live webinar, not an on-demand course", "live_webinar"),
        ("Live webinar or on-demand recording", None),
        ("In-person versus recorded programs", None),
        ("Choose live or self-study", None),
        # a later recording of a live session is not the format
        (
            "Live webinar; the on-demand version is available after the event",
            "live_webinar",
        ),
        ("Webinars that are recorded are posted the following week", "live_webinar"),
        ("This webcast is not recorded", "live_webinar"),
        ("No replay will be available. Zoom link sent on registration", "live_webinar"),
        # what stays as it was
        ("Recorded webinar", "on_demand"),
        ("Webinar (on demand)", "on_demand"),
        ("In person or online", "hybrid"),
        ('"In-Person" Webcast', "hybrid"),
        ("In person. Online registration closes Friday", "in_person"),
        ("Delivered live, and also available on demand", None),
        ("Switch from live to on-demand at any time", None),
        ("On-Demand: earn self-study credit at your own pace", "on_demand"),
    ],
)
def test_comparisons_and_recordings_of_live_sessions(text, expected):
    assert parse_format(text) == expected
