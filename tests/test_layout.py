"""Folders show roles: one state folder, reference data shipped as package data."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

from catalog import paths

ROOT = Path(__file__).resolve().parents[1]
PRODUCT_PACKAGES = ("catalog", "crawlers", "recommender")
#: Installed by the test extra only; no product module may import them.
TEST_ONLY = {"freezegun", "pytest", "hypothesis", "playwright"}


@pytest.fixture
def clean_env(monkeypatch):
    for name in ("CLE_STATE_DIR", "CLE_DB", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


@pytest.fixture
def installed(clean_env, tmp_path):
    """Pretend the code runs from an installed wheel (no checkout around it)."""
    clean_env.setattr(paths, "PROJECT_ROOT", tmp_path / "site-packages")
    clean_env.setenv("HOME", str(tmp_path / "home"))
    return clean_env


def test_state_folder_is_state_in_a_checkout(clean_env):
    assert paths.in_checkout()
    assert paths.state_dir() == ROOT / "state"
    assert paths.default_db_path() == ROOT / "state" / "catalog.db"


def test_every_runtime_path_follows_the_state_folder(clean_env, tmp_path):
    clean_env.setenv("CLE_STATE_DIR", str(tmp_path))
    assert paths.default_db_path() == tmp_path / "catalog.db"
    assert paths.feeds_dir() == tmp_path / "feeds"
    assert paths.runs_dir() == tmp_path / "runs"
    assert paths.logs_dir() == tmp_path / "logs"
    db = paths.default_db_path()
    assert paths.model_dir(db) == tmp_path / "model" / "catalog"
    assert paths.lock_path(db) == tmp_path / "catalog.db.lock"


def test_cle_db_moves_the_database_and_its_index_and_lock(clean_env, tmp_path):
    clean_env.setenv("CLE_STATE_DIR", str(tmp_path / "state"))
    clean_env.setenv("CLE_DB", str(tmp_path / "other" / "big.db"))
    db = paths.default_db_path()
    assert db == tmp_path / "other" / "big.db"
    assert paths.model_dir(db) == tmp_path / "other" / "model" / "big"
    assert paths.lock_path(db) == tmp_path / "other" / "big.db.lock"
    assert paths.feeds_dir() == tmp_path / "state" / "feeds"


def test_installed_code_keeps_state_in_the_per_user_folder(installed, tmp_path):
    assert not paths.in_checkout()
    assert paths.state_dir() == tmp_path / "home" / ".local" / "share" / "cle"
    installed.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert paths.state_dir() == tmp_path / "xdg" / "cle"


@pytest.mark.parametrize(
    "name",
    ["credentials.yaml", "credentials.schema.json", "providers.yml", "vocabulary.yml"],
)
def test_installed_code_reads_reference_data_from_the_package(installed, name):
    found = paths.reference_path(name)
    assert found == paths.installed_reference_path(name)
    assert found.read_bytes() == (ROOT / "data" / name).read_bytes()


def test_bundled_demo_sites_and_profiles_are_package_data(installed):
    assert (paths.reference_path("sites") / "nals" / "manifest.yml").is_file()
    assert (paths.reference_path("examples") / "profile.toml").is_file()


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_package_list_names_every_product_package_and_the_data():
    config = pyproject()["tool"]["setuptools"]
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for package in PRODUCT_PACKAGES
        for init in (ROOT / package).rglob("__init__.py")
    }
    assert set(config["packages"]) == found | {paths.REFERENCE_PACKAGE}
    assert config["package-dir"] == {paths.REFERENCE_PACKAGE: "data"}


def test_every_reference_file_is_matched_by_the_package_data_globs():
    globs = pyproject()["tool"]["setuptools"]["package-data"]["cle_data"]
    data = ROOT / "data"
    files = {p for p in data.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    shipped = {p for pattern in globs for p in data.glob(pattern) if p.is_file()}
    missing = sorted(str(p.relative_to(data)) for p in files - shipped)
    assert missing == ["__init__.py"]  # a module, shipped as code


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", PRODUCT_PACKAGES)
def test_no_product_module_imports_a_test_only_package(package):
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_modules(path) & TEST_ONLY)
        for path in (ROOT / package).rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_no_product_file_names_a_folder_of_this_machine():
    product = [ROOT / "README.md", ROOT / "Makefile", ROOT / "pyproject.toml"]
    for folder in (*PRODUCT_PACKAGES, "data", "deploy", ".ci"):
        product += [p for p in (ROOT / folder).rglob("*") if p.is_file()]
    machine = (str(ROOT), "/work/", "/tmp/cle")
    hits = []
    for path in product:
        if "__pycache__" in path.parts:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        hits += [f"{path.relative_to(ROOT)}: {m}" for m in machine if m in text]
    assert hits == []
