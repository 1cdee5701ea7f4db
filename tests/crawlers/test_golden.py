"""Golden tests: every provider's spider on its bundled pages gives its golden file."""

from __future__ import annotations

import json

import pytest

from catalog.records import RecordError, prepare
from crawlers.offline import load_manifest
from tests.record_golden import GOLDEN_DIR, dump, golden_path

from .conftest import provider_slugs

SLUGS = provider_slugs()


@pytest.mark.parametrize("slug", SLUGS)
def test_spider_matches_golden(slug, golden):
    items, expected = golden(slug)
    assert items, f"{slug}: the spider found no listings in its bundled pages"
    assert json.loads(dump(items)) == expected


@pytest.mark.parametrize("slug", SLUGS)
def test_golden_items_are_valid_records(slug):
    items = json.loads(golden_path(slug).read_text("utf-8"))
    for item in items:
        try:
            prepare(item)
        except RecordError as exc:
            pytest.fail(f"{slug} {item.get('id')}: {exc}")
        assert item["id"].startswith(f"{slug}:")
        assert item["provider"] == slug


@pytest.mark.parametrize("slug", SLUGS)
def test_manifest_is_complete(slug):
    manifest = load_manifest(slug)
    assert manifest.captured_at[:4] == "2026"
    assert manifest.imitates and manifest.assumptions
    for page in manifest.pages.values():
        assert (manifest.folder / page.file).is_file(), f"{slug}: {page.file} missing"


def test_every_golden_file_has_its_bundled_pages():
    goldens = sorted(path.stem for path in GOLDEN_DIR.glob("*.json"))
    assert goldens == SLUGS
