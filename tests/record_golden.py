"""Golden files: replay a provider's bundled pages and (re)write its golden file.

``python -m tests.record_golden nals [txpd ...]`` rewrites
``tests/golden/<slug>.json`` after a deliberate change to a spider or its pages
in ``data/sites/<slug>/``; ``python -m tests.record_golden --all`` does every
provider folder. Review the diff before committing it: the golden test
compares against it.

The items are the spider's own output (before the pipelines), in the
interchange format, sorted by id (a listing repeated on two pages appears
twice: the dedupe pipeline, not the spider, drops the repeat), with the clock
frozen at the manifest's ``captured_at``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from freezegun import freeze_time

from crawlers.offline import load_manifest, replay, sites_dir, spider_class

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"


def golden_path(slug: str) -> Path:
    """The golden file of a provider: ``tests/golden/<slug>.json``."""
    return GOLDEN_DIR / f"{slug}.json"


def golden_items(slug: str) -> list[dict]:
    """The spider's items for its bundled pages, frozen at ``captured_at``."""
    manifest = load_manifest(slug)
    with freeze_time(manifest.captured_at):
        spider = spider_class(slug)(run_date=manifest.captured_at)
        items = replay(spider, manifest)
    return sorted(items, key=lambda item: item.get("id", ""))


def dump(items: list[dict]) -> str:
    """The golden file text (stable: sorted keys, two-space indent)."""
    return json.dumps(items, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def provider_folders() -> list[str]:
    """Slugs of every bundled provider folder that has a manifest."""
    return sorted(p.parent.name for p in sites_dir().glob("*/manifest.yml"))


def main(argv: list[str]) -> int:
    """Rewrite the golden files of the named providers (or ``--all``)."""
    slugs = provider_folders() if argv == ["--all"] else argv
    if not slugs:
        print("usage: python -m tests.record_golden SLUG... | --all", file=sys.stderr)
        return 2
    unknown = sorted(set(slugs) - set(provider_folders()))
    if unknown:
        print(
            f"no bundled pages for {', '.join(unknown)} in data/sites/", file=sys.stderr
        )
        return 2
    for slug in slugs:
        items = golden_items(slug)
        golden_path(slug).write_text(dump(items), encoding="utf-8")
        print(f"{slug}: wrote {len(items)} item(s) to {golden_path(slug)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
