"""Run ``python -m catalog`` as the ``cle`` command."""

from catalog.composition_root import main

main()
