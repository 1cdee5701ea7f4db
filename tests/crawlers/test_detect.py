"""``cle providers detect`` on saved real homepages served from 127.0.0.1.

The pages are in tests/fixtures/real/homepages/ (PROVENANCE.md there); the Wild
Apricot list page is the bundled recreation of data/sites/sfpa/ (no real WA
page was found). Each test reads the printed entry back through the registry.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from catalog.composition_root import cli
from crawlers.registry import load_providers
from tests.crawlers.conftest import manifest_routes

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"
HOMEPAGES = REAL / "homepages"
ICS = Path(__file__).resolve().parents[1] / "fixtures" / "real" / "ics"
HTML = "text/html; charset=utf-8"


def served(site_server, routes: dict) -> str:
    """Serve ``{path: file or bytes}`` and return the base URL."""
    table = {}
    for path, body in routes.items():
        data = body.read_bytes() if isinstance(body, Path) else body
        kind = "text/calendar" if path.endswith((".ics", "ical=1")) else HTML
        table[path] = (200, data, kind)
    base, _ = site_server(table)
    return base


def detect(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["providers", "detect", *args])
    return result.exit_code, result.output


def entry_of(output: str, tmp_path: Path, timezone: str = "America/Chicago"):
    """The printed entry, with a zone set, loaded by the registry itself."""
    (entry,) = yaml.safe_load(output)
    entry["timezone"] = entry["timezone"] or timezone
    path = tmp_path / f"providers-{len(list(tmp_path.iterdir()))}.yml"
    path.write_text(yaml.safe_dump({"providers": [entry]}), encoding="utf-8")
    (provider,) = load_providers(path).values()
    return entry, provider


@pytest.mark.parametrize(
    ("page", "ics_url"),
    [
        (
            "tec-skyandtelescope-home.html",
            "http://www.skyandtelescope.com/astronomy-events/?ical=1",
        ),
        ("tec-welikela-home.html", "http://www.welikela.com/events/?ical=1"),
    ],
)
def test_the_events_calendar_by_its_ical_export_link(
    site_server, tmp_path, page, ics_url
):
    base = served(site_server, {"/": HOMEPAGES / page})
    status, output = detect(f"{base}/")
    assert status == 0, output
    entry, provider = entry_of(output, tmp_path)
    assert provider.platform == "events_calendar"
    assert provider.options["ics_url"] == ics_url
    site = ics_url.split("/", 3)[:3]
    assert provider.start_urls == (
        "/".join(site) + "/wp-json/tribe/events/v1/events?per_page=50",
    )
    assert "?ical=1" in entry["verified"]


def test_shopify_by_its_cdn(site_server, tmp_path):
    base = served(site_server, {"/": HOMEPAGES / "shopify-gymshark-home.html"})
    status, output = detect(f"{base}/")
    assert status == 0, output
    entry, provider = entry_of(output, tmp_path)
    assert (provider.platform, provider.start_urls) == (
        "shopify",
        (f"{base}/sitemap.xml",),
    )
    assert provider.name == "Gymshark US"  # og:site_name


def test_yourmembership_by_its_footer(site_server, tmp_path):
    base = served(
        site_server, {"/": REAL / "yourmembership" / "psichi-home-upcoming-events.html"}
    )
    status, output = detect(f"{base}/")
    assert status == 0, output
    _, provider = entry_of(output, tmp_path)
    assert provider.platform == "yourmembership"
    assert provider.start_urls == (f"{base}/events/event_list.asp",)


def test_modern_events_calendar_by_its_markup(site_server, tmp_path):
    path = "/get-involved/calendar/"
    base = served(
        site_server,
        {path: REAL / "modern_events_calendar" / "clecpc-calendar-grid.html"},
    )
    status, output = detect(f"{base}{path}")
    assert status == 0, output
    _, provider = entry_of(output, tmp_path)
    assert provider.platform == "modern_events_calendar"
    assert provider.name == "Cleveland Community Police Commission"


def test_a_tec_events_widget_is_the_events_calendar(site_server, tmp_path):
    # a real JSON-LD events page, but its widget link is The Events Calendar's
    base = served(site_server, {"/": REAL / "jsonld" / "welikela-events-widget.html"})
    status, output = detect(f"{base}/")
    assert status == 0, output
    entry, provider = entry_of(output, tmp_path)
    assert provider.platform == "events_calendar"
    assert "tribe-events markup" in entry["verified"]


def test_jsonld_course_page_recreation_walks_the_sitemap_under_its_folder(
    site_server, tmp_path
):
    # no real JSON-LD-only course page was found: Lorman's bundled recreation
    base, _ = site_server(manifest_routes("lorman"))
    status, output = detect(f"{base}/training/fmla-compliance-update-2027")
    assert status == 0, output
    _, provider = entry_of(output, tmp_path)
    assert provider.platform == "jsonld"
    assert provider.start_urls == (f"{base}/sitemap.xml",)
    assert provider.options["path"] == "/training/"


def test_wild_apricot_list_page_recreation(site_server, tmp_path):
    base, _ = site_server(manifest_routes("sfpa"))
    status, output = detect(f"{base}/events")
    assert status == 0, output
    _, provider = entry_of(output, tmp_path)
    assert provider.platform == "wild_apricot"
    assert provider.start_urls == (f"{base}/events",)
    assert provider.name == "San Francisco Paralegal Association"  # title's end


def test_a_calendar_widget_ics_is_wild_apricot(site_server, tmp_path):
    body = (Path("data/sites/ocpa/cle.ics")).read_bytes()
    base = served(site_server, {"/widget/Calendar/CLE.ics": body})
    status, output = detect(f"{base}/widget/Calendar/CLE.ics")
    assert status == 0, output
    _, provider = entry_of(output, tmp_path)
    assert provider.platform == "wild_apricot"


def test_real_ics_exports_served_directly(site_server, tmp_path):
    base = served(
        site_server,
        {
            "/events/?ical=1": ICS / "tec-waylandpost-ecp6.9.1.ics",
            "/cal.ics": ICS / "apple-ical1-x-wr-timezone.ics",
        },
    )
    status, output = detect(f"{base}/events/?ical=1")
    assert status == 0, output
    _, tec = entry_of(output, tmp_path)
    assert tec.platform == "events_calendar"
    assert tec.options["ics_url"] == f"{base}/events/?ical=1"
    status, output = detect(f"{base}/cal.ics")
    assert status == 0, output
    entry, plain = entry_of(output, tmp_path)
    assert (plain.platform, plain.start_urls) == ("ical", (f"{base}/cal.ics",))
    assert entry["name"] == "Example"  # X-WR-CALNAME


# A recreation (no real homepage with a webcal: link was found): a club page
# linking its feed, and a homepage whose events page is the real MEC page.
WEBCAL_HOME = b"""<html><head><title>County Paralegals</title></head><body>
<a href="/about">About</a> <a href="webcal://paralegals.example/cle.ics">Subscribe</a>
</body></html>"""
LINKING_HOME = b"""<html><head><title>Bar CLE</title></head><body>
<a href="/about">About us</a> <a href="/get-involved/calendar/">Upcoming CLE</a>
</body></html>"""


def test_a_webcal_link_is_a_plain_ical_feed(site_server, tmp_path):
    base = served(site_server, {"/": WEBCAL_HOME})
    status, output = detect(f"{base}/", "--timezone", "America/Denver")
    assert status == 0, output
    entry, provider = entry_of(output, tmp_path)
    assert provider.platform == "ical"
    assert provider.start_urls == ("https://paralegals.example/cle.ics",)
    assert entry["timezone"] == "America/Denver"


def test_the_events_page_a_homepage_links_to_is_read(site_server, tmp_path):
    base = served(
        site_server,
        {
            "/": LINKING_HOME,
            "/get-involved/calendar/": REAL
            / "modern_events_calendar"
            / "clecpc-calendar-grid.html",
        },
    )
    status, output = detect(f"{base}/")
    assert status == 0, output
    entry, provider = entry_of(output, tmp_path)
    assert provider.platform == "modern_events_calendar"
    assert "/get-involved/calendar/" in entry["verified"]


def test_an_unrecognized_page_is_one_line_and_status_1(site_server):
    base = served(
        site_server, {"/": b"<html><title>Plain</title><a href='/x'>x</a></html>"}
    )
    status, output = detect(f"{base}/")
    assert status == 1
    assert output.count("\n") == 1 and "platform not recognized" in output


def test_unreachable_missing_and_bad_zone_are_one_line(site_server):
    base, _ = site_server({})
    for args in ([f"{base}/nothing"], ["no/such/file.html"], ["ftp://x.example/"]):
        status, output = detect(*args)
        assert status == 1 and output.count("\n") == 1, output
        assert "Traceback" not in output
    status, output = detect(f"{base}/", "--timezone", "Mars/Olympus")
    assert status == 1 and "not an IANA time zone" in output


def test_a_saved_file_needs_its_url_unless_it_states_one(tmp_path):
    status, output = detect(
        str(REAL / "yourmembership" / "psichi-home-upcoming-events.html")
    )
    assert status == 1 and "--site" in output
    status, output = detect(
        str(REAL / "yourmembership" / "psichi-home-upcoming-events.html"),
        "--site",
        "https://www.psichi.org/",
    )
    assert status == 0, output
    _, provider = entry_of(output, tmp_path)
    assert provider.site == "https://www.psichi.org"
    status, output = detect(str(HOMEPAGES / "shopify-gymshark-home.html"))
    assert status == 0, output  # its canonical link names the site
    assert "https://www.gymshark.com/sitemap.xml" in output
