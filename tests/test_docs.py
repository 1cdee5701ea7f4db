"""Drift tests: commands, README and import rules stay in step with the code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from catalog.cli import LAZY_COMMANDS, cli

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
ALLOWED = {
    "catalog": set(),
    "crawlers": {
        "catalog.schema",
        "catalog.paths",
        "catalog.normalize",
        "catalog.records",
    },
    "recommender": {
        "catalog.schema",
        "catalog.paths",
        "catalog.db",
        "catalog.queries",
        "catalog.records",
        "catalog.store",
        "catalog.rows",
        "catalog.cliutil",
    },
}


def project_imports(path: Path) -> set[str]:
    """Project modules imported anywhere in one file (top level or inside functions)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        else:
            continue
        found.update(n for n in names if n.split(".")[0] in PACKAGES)
    return found


def module_files():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            yield package, path


@pytest.mark.parametrize(
    "package,path", list(module_files()), ids=lambda v: str(v).split("/work/main/")[-1]
)
def test_import_rules(package, path):
    if path.name == "cli.py":
        return  # composition roots may wire anything together
    allowed = ALLOWED[package]
    bad = []
    for name in project_imports(path):
        top = name.split(".")[0]
        if top == package:
            continue
        if not any(name == a or name.startswith(a + ".") for a in allowed):
            bad.append(name)
    assert not bad, f"{path.relative_to(ROOT)} may not import {sorted(bad)}"
