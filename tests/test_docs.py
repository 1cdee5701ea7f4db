"""Drift tests: commands, README and import rules stay in step with the code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from catalog.composition_root import LAZY_COMMANDS, cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted({*cli.commands, *LAZY_COMMANDS})
DESIGN_COMMANDS = (
    "refresh",
    "import",
    "export",
    "status",
    "recommend",
    "plan",
    "serve",
)


def test_design_commands_exist():
    listed = cli.list_commands(None)
    missing = [c for c in DESIGN_COMMANDS if c not in listed]
    assert not missing, f"commands from DESIGN.md section 4 missing: {missing}"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage: cle " + command in result.output
    summary = result.output.split("\n\n")[1].strip()
    assert summary, f"cle {command} has no help text"


def test_readme_opens_with_the_two_commands():
    head = README[:600]
    assert "make demo" in head and "make test" in head


def readme_code() -> str:
    """The README's code: fenced blocks and inline code spans, not its prose."""
    blocks = re.findall(r"^```[a-z]*\n(.*?)^```", README, flags=re.M | re.S)
    spans = re.findall(r"`([^`\n]+)`", README)
    return "\n".join(blocks + spans)


def test_commands_in_readme_exist():
    used = set(re.findall(r"^\s*(?:\$ )?cle ([a-z-]+)", readme_code(), flags=re.M))
    assert used, "README shows no cle commands"
    unknown = sorted(used - set(cli.list_commands(None)))
    assert not unknown, f"README names commands that do not exist: {unknown}"


def test_every_command_is_in_the_readme():
    code = readme_code()
    missing = [c for c in cli.list_commands(None) if f"cle {c}" not in code]
    assert not missing, f"commands not documented in README: {missing}"


# -- dependency rules (aesthetics.md 6.2, as adopted in README "Decisions") --

PACKAGES = ("catalog", "crawlers", "recommender")
#: The one module allowed to wire packages together (README "Decisions").
COMPOSITION_ROOT = "catalog/composition_root.py"
#: Catalog modules every package may use: the read side, the vocabularies,
#: paths, time display and the command-line helpers (stdlib and click only).
READ_SIDE = {
    "catalog.schema",
    "catalog.paths",
    "catalog.queries",
    "catalog.cliutil",
    "catalog.timefmt",
    "catalog.listing_text",
}
ALLOWED = {
    "catalog": set(),
    "crawlers": READ_SIDE | {"catalog.normalize", "catalog.records"},
    "recommender": READ_SIDE,
}


def project_imports(path: Path) -> set[str]:
    """Project modules imported anywhere in one file (top level or inside functions)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # "from catalog import paths" imports the module catalog.paths
            bare = node.module in PACKAGES
            names = (
                [f"{node.module}.{a.name}" for a in node.names]
                if bare
                else [node.module]
            )
        else:
            continue
        found.update(n for n in names if n.split(".")[0] in PACKAGES)
    return found


def module_files():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            yield package, path


@pytest.mark.parametrize(
    "package,path",
    list(module_files()),
    ids=lambda v: v.relative_to(ROOT).as_posix() if isinstance(v, Path) else v,
)
def test_import_rules(package, path):
    if path.relative_to(ROOT).as_posix() == COMPOSITION_ROOT:
        return  # the composition root wires the packages together
    allowed = ALLOWED[package]
    bad = []
    for name in project_imports(path):
        top = name.split(".")[0]
        if top == package:
            continue
        if not any(name == a or name.startswith(a + ".") for a in allowed):
            bad.append(name)
    assert not bad, f"{path.relative_to(ROOT)} may not import {sorted(bad)}"


def test_the_composition_root_exists_and_is_the_console_script():
    assert (ROOT / COMPOSITION_ROOT).is_file()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'cle = "catalog.composition_root:cli"' in pyproject


def test_the_read_side_stays_light():
    """The modules ``cle recommend`` loads import neither sqlite-utils nor numpy."""
    for module in ("catalog/queries.py", "catalog/rows.py", "catalog/schema.py"):
        imported = set()
        for node in ast.walk(ast.parse((ROOT / module).read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                imported.add(node.module.split(".")[0])
        assert not imported & {"sqlite_utils", "numpy", "pandas"}, module


#: Calls and SQL that change a database: only the store (with its bulk path,
#: catalog/store_bulk.py, which only rebuilds indexes) and the schema make them.
#: sqlite-utils table writes (``db["t"].insert(...)``, ``.upsert_all(...)``) and
#: write statements in SQL text.
WRITES = re.compile(
    r"\]\.(insert|update|delete|drop)\("
    r"|\.(insert_all|upsert|upsert_all|delete_where|create_table|add_column"
    r"|enable_fts|create_index|transform|executemany)\("
    r"|\b(insert\s+into|update\s+\w+\s+set|delete\s+from|create\s+table"
    r"|drop\s+table|alter\s+table)\b",
    flags=re.I,
)
WRITERS = {"catalog/store.py", "catalog/store_bulk.py", "catalog/db.py"}


@pytest.mark.parametrize(
    "package,path",
    list(module_files()),
    ids=lambda v: v.relative_to(ROOT).as_posix() if isinstance(v, Path) else v,
)
def test_writes_only_in_the_store(package, path):
    relative = path.relative_to(ROOT).as_posix()
    if relative in WRITERS:
        return
    code = "\n".join(
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith("#")
    )
    # pandas' DataFrame.insert builds a report in memory: not a database write.
    found = [
        m.group(0)
        for m in WRITES.finditer(code)
        if "frame.insert" not in code[max(0, m.start() - 6) : m.end()]
    ]
    assert not found, f"{relative} writes to a database: {found}"
