"""JSON text of stored values, through a C encoder made once.

``json.JSONEncoder.encode`` builds a new C encoder on every call, which was
most of its cost for a short list and a fifth of the store's time on a first
load (:mod:`catalog.store`). :func:`json_encoder` makes that encoder once and
calls it, so the text is the same as ``encode`` gives.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from json.encoder import c_make_encoder, encode_basestring


def json_encoder(*, sort_keys: bool = False, default=None) -> Callable[[object], str]:
    """``json.JSONEncoder(ensure_ascii=False, sort_keys=..., default=...).encode``.

    No check for circular references: a record read from JSON cannot hold one.
    """
    if c_make_encoder is None:  # an interpreter without the C accelerator
        return json.JSONEncoder(
            sort_keys=sort_keys, ensure_ascii=False, default=default
        ).encode
    encode = c_make_encoder(
        None,  # no circular-reference markers
        default or json.JSONEncoder().default,
        encode_basestring,
        None,  # no indent
        ": ",
        ", ",
        sort_keys,
        False,  # skipkeys
        True,  # allow_nan, as JSONEncoder's default
    )
    return lambda value: "".join(encode(value, 0))
