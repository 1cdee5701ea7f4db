"""The provider registry, the generated spiders and the README table agree."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crawlers.crawl import spider_names
from crawlers.registry import (
    Provider,
    RegistryError,
    load_providers,
    rebase,
    site_overrides,
)
from crawlers.spiders.registered import build_spider

README = Path(__file__).resolve().parents[2] / "crawlers" / "README.md"


def test_required_spiders_are_listed():
    names = spider_names()
    assert len(names) >= 10
    assert {"nala", "nfpa", "nals", "aapi", "clio"} <= set(names)


def test_every_registry_entry_has_a_spider_and_a_readme_row():
    rows = re.findall(r"^\| `([a-z0-9_-]+)` \|", README.read_text("utf-8"), re.M)
    providers = load_providers()
    assert set(rows) == set(providers)
    assert set(providers) <= set(spider_names())


def test_registry_entries_are_complete():
    for provider in load_providers().values():
        assert provider.start_urls and provider.timezone
        assert provider.verified, f"{provider.slug}: say what is verified"


def test_build_spider_names_the_class_after_the_slug():
    from crawlers.platforms.ical import IcalSpider

    provider = Provider("acme-cle", "Acme", "https://a.example", "ical", ("x",), "UTC")
    spider = build_spider(provider, IcalSpider)
    assert spider.__name__ == "AcmeCleSpider" and spider.name == "acme-cle"
    assert spider.__module__ == "crawlers.spiders.registered"


def test_a_broken_registry_names_the_entry(tmp_path):
    path = tmp_path / "providers.yml"
    path.write_text("providers:\n  - slug: acme\n    name: Acme\n", "utf-8")
    with pytest.raises(RegistryError, match="acme: missing site, platform"):
        load_providers(path)


def test_site_override_rebases_every_host():
    overrides = site_overrides("nals=http://127.0.0.1:9000/, bad, txpd=")
    assert overrides == {"nals": "http://127.0.0.1:9000"}
    url = "https://cdn.ymaws.com/www.nals.org/resource/rss/events.rss?x=1#top"
    assert rebase(url, overrides["nals"]) == (
        "http://127.0.0.1:9000/www.nals.org/resource/rss/events.rss?x=1"
    )
    assert rebase(url, None) == url
