"""Normalizers: published wording of credits, prices, dates and formats.

Placeholder until the normalizer issue lands: records pass through unchanged.
"""


def normalize_record(record: dict) -> dict:
    """Fill parsed fields from raw text fields (not yet: returns the record)."""
    return record
