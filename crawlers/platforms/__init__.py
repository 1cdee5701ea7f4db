"""Platform spiders: shared parsers for the software many providers publish with.

Convention (both engineers follow it): a platform named ``X`` in
``data/providers.yml`` lives in ``crawlers/platforms/X.py``. That module holds
pure extraction functions (response or text → list of raw field dicts) and one
base spider class (a :class:`~crawlers.platforms.base.CleSpider` subclass whose
provider quirks go in the two shared hooks ``listing_key`` and ``post_process``),
exported as the module attribute ``BASE_SPIDER``.
``crawlers/spiders/registered.py`` then builds one spider per registry entry
of that platform, with no code.
"""

from __future__ import annotations

import importlib
import importlib.util


def base_spider_for(platform: str) -> type | None:
    """The base spider class of a platform, or None when no module provides one."""
    module_name = f"{__name__}.{platform}"
    try:
        if importlib.util.find_spec(module_name) is None:
            return None
    except (ImportError, ValueError):
        return None
    module = importlib.import_module(module_name)
    return getattr(module, "BASE_SPIDER", None)
