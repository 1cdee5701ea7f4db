"""The provider registry: ``data/providers.yml`` read into :class:`Provider` entries.

Each entry names a provider and the platform its listings are published on.
Adding a provider on a known platform is one entry and no code:
``crawlers/spiders/registered.py`` builds a spider class for it from the base
spider of its platform. A provider with quirks gets a thin module
``crawlers/spiders/<slug>.py`` instead (the generator then skips its slug).

Usage::

    from crawlers.registry import load_providers, get_provider
    nals = get_provider("nals")
    nals.start_urls, nals.timezone, nals.options.get("rss_url")
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import yaml

from catalog.paths import reference_path

_REQUIRED = ("slug", "name", "site", "platform", "start_urls", "timezone")


class RegistryError(ValueError):
    """A broken registry entry; the message names the entry and field to fix."""


@dataclass(frozen=True)
class Provider:
    """One provider of paralegal CLE listings, as written in the registry."""

    slug: str
    name: str
    site: str
    platform: str
    start_urls: tuple[str, ...]
    timezone: str
    membership_pricing: bool = False
    approval_hints: tuple[str, ...] = ()
    verified: str = ""
    options: dict = field(default_factory=dict)


def registry_path() -> Path:
    """Where the registry lives: ``data/providers.yml`` (or ``$CLE_PROVIDERS``)."""
    env = os.environ.get("CLE_PROVIDERS")
    return Path(env) if env else reference_path("providers.yml")


@cache
def _load(path: Path) -> dict[str, Provider]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    providers: dict[str, Provider] = {}
    for number, entry in enumerate(entries.get("providers") or [], start=1):
        provider = _to_provider(entry, number)
        if provider.slug in providers:
            raise RegistryError(f"{path}: provider '{provider.slug}' is listed twice")
        providers[provider.slug] = provider
    return providers


def _to_provider(entry: dict, number: int) -> Provider:
    missing = [name for name in _REQUIRED if not entry.get(name)]
    if missing:
        label = entry.get("slug") or f"entry {number}"
        raise RegistryError(f"providers.yml {label}: missing {', '.join(missing)}")
    return Provider(
        slug=entry["slug"],
        name=entry["name"],
        site=entry["site"],
        platform=entry["platform"],
        start_urls=tuple(entry["start_urls"]),
        timezone=entry["timezone"],
        membership_pricing=bool(entry.get("membership_pricing", False)),
        approval_hints=tuple(entry.get("approval_hints") or ()),
        verified=entry.get("verified", ""),
        options=dict(entry.get("options") or {}),
    )


def load_providers(path: Path | None = None) -> dict[str, Provider]:
    """All providers by slug, in registry order."""
    return dict(_load(Path(path) if path else registry_path()))


def get_provider(slug: str) -> Provider:
    """One provider by slug; :class:`RegistryError` naming the known slugs if absent."""
    providers = load_providers()
    if slug not in providers:
        known = ", ".join(sorted(providers))
        raise RegistryError(f"unknown provider '{slug}'; known providers: {known}")
    return providers[slug]


def site_overrides(value: str | None = None) -> dict[str, str]:
    """Read ``CLE_SITE_OVERRIDE`` (``slug=http://host:port,...``) into a dict."""
    text = os.environ.get("CLE_SITE_OVERRIDE", "") if value is None else value
    overrides = {}
    for part in text.split(","):
        slug, sep, base = part.strip().partition("=")
        if sep and slug and base:
            overrides[slug.strip()] = base.strip().rstrip("/")
    return overrides


def rebase(url: str, base: str | None) -> str:
    """Point ``url`` at another origin (scheme and host), keeping path and query.

    Used with ``CLE_SITE_OVERRIDE`` so a test server on 127.0.0.1 can stand in
    for every host a provider's pages link to.
    """
    if not base:
        return url
    target = urlsplit(base)
    parts = urlsplit(url)
    return urlunsplit((target.scheme, target.netloc, parts.path, parts.query, ""))
