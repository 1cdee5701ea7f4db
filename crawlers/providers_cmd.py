"""``cle providers``: the provider registry's commands (``detect``).

``cle providers detect URL_OR_FILE`` prints the ``data/providers.yml`` entry of
the platform :mod:`crawlers.detect` recognizes, with the keys the registry
reads. The time zone is left empty unless given: a homepage seldom states it,
and the registry refuses an entry without one, so it cannot be forgotten.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click
import yaml
from parsel import Selector

from crawlers.detect import DetectError, Finding, Page, detect, origin


def slug_for(url: str) -> str:
    """A registry slug from the host: ``www.sfpa.com`` → ``sfpa``."""
    host = urlsplit(url).hostname or "provider"
    labels = [p for p in host.lower().split(".") if p not in ("www", "events")]
    name = labels[0] if len(labels) > 1 else (labels or ["provider"])[0]
    return re.sub(r"[^a-z0-9]+", "-", name).strip("-") or "provider"


def site_name(page: Page) -> str:
    """The site's name: ``og:site_name``, else a part of the page title.

    A homepage's title starts with the site ("Sky & Telescope | Astronomy
    News"); an inner page's ends with it ("Events - San Francisco Paralegal
    Association").
    """
    if page.text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        match = re.search(r"(?im)^X-WR-CALNAME[^:]*:(.*)$", page.text)
        return match.group(1).strip() if match else slug_for(page.url)
    selector = Selector(text=page.text)
    name = selector.css('meta[property="og:site_name"]::attr(content)').get()
    title = " ".join(selector.css("title::text").getall()).strip()
    parts = re.split(r"\s+[|–—-]\s+", title)
    home = urlsplit(page.url).path.strip("/") == ""
    return (name or parts[0 if home else -1] or slug_for(page.url)).strip()


def registry_entry(page: Page, finding: Finding, timezone: str | None) -> dict:
    """The ``data/providers.yml`` entry (the keys :mod:`crawlers.registry` reads)."""
    site = origin(page.url)
    entry = {
        "slug": slug_for(site),
        "name": site_name(page),
        "site": site,
        "platform": finding.platform,
        "start_urls": list(finding.start_urls),
        "timezone": timezone or "",
        "membership_pricing": False,
        "approval_hints": [],
        "verified": f"platform detected from {page.url}: {finding.evidence}",
    }
    if finding.options:
        entry["options"] = dict(finding.options)
    return entry


def entry_yaml(entry: dict) -> str:
    """The entry as YAML, indented to paste under ``providers:``."""
    text = yaml.safe_dump([entry], sort_keys=False, allow_unicode=True, width=88)
    lines = ["  " + line if line else line for line in text.splitlines()]
    if not entry["timezone"]:
        lines.append("    # timezone: required; the provider's IANA zone (--timezone)")
    return "\n".join(lines) + "\n"


def is_zone(name: str) -> bool:
    """True for an IANA zone name this machine knows."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


@click.group("providers")
def providers():
    """The provider registry (data/providers.yml)."""


@providers.command("detect")
@click.argument("target")
@click.option("--timezone", help="The provider's IANA time zone, for the entry.")
@click.option("--site", "base", help="The public URL a saved homepage file stands for.")
def detect_command(target: str, timezone: str | None, base: str | None):
    """Recognize the platform of TARGET (a homepage URL or a saved file) and print
    the registry entry to paste into data/providers.yml."""
    if timezone and not is_zone(timezone):
        raise DetectError(f"--timezone {timezone}: not an IANA time zone name")
    page, finding = detect(target, base)
    click.echo(entry_yaml(registry_entry(page, finding, timezone)), nl=False)
