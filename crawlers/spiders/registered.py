"""Spiders generated from the registry: one class per provider on a known platform.

For every entry of ``data/providers.yml`` whose platform module exports a
``BASE_SPIDER`` and whose slug has no module of its own in this package, a
subclass named after the slug is created here. Its ``__module__`` is this
module, so Scrapy's SpiderLoader lists it like a hand-written spider.
"""

from __future__ import annotations

import importlib.util

from crawlers.platforms import base_spider_for
from crawlers.registry import Provider, load_providers


def _has_own_module(slug: str) -> bool:
    return importlib.util.find_spec(f"{__package__}.{slug}") is not None


def build_spider(provider: Provider, base: type) -> type:
    """A spider class for one provider: the platform base with the provider's name."""
    words = provider.slug.replace("-", "_").split("_")
    class_name = "".join(word.capitalize() for word in words) + "Spider"
    return type(
        class_name,
        (base,),
        {
            "name": provider.slug,
            "__module__": __name__,
            "__doc__": f"{provider.name} on {provider.platform} (from the registry).",
        },
    )


def _generate() -> dict[str, type]:
    spiders = {}
    for provider in load_providers().values():
        if _has_own_module(provider.slug):
            continue
        base = base_spider_for(provider.platform)
        if base is not None:
            spider = build_spider(provider, base)
            spiders[spider.__name__] = spider
    return spiders


globals().update(_generate())
