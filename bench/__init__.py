"""Scale and speed benchmarks: synthetic catalogs and the scripts that time them.

Run them all with ``make bench`` (``python -m bench.run_all``); each script also
runs alone with ``python -m bench.<name> --help``. Results go to ``bench/output``
and the tables between the ``scale`` markers in BENCHMARKS.md.
"""
