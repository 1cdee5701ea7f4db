"""Reviewed reference data, installed as the ``cle_data`` package (see catalog/paths.py)."""
