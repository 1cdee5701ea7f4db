"""Run ``python -m catalog`` as the ``cle`` command."""

from catalog.cli import cli

cli()
