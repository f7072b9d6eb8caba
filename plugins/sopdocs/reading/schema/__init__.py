"""The JSON Schemas of an SOP file and of ``_unit.yaml``, shipped as package data.

They carry Indonesian titles and descriptions so editors (yaml-language-server) can show
help while authors type; ``sopdocs schema`` prints the SOP one.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

SOP_SCHEMA = "sop.schema.json"
UNIT_SCHEMA = "unit.schema.json"


def schema_text(name: str = SOP_SCHEMA) -> str:
    return files(__name__).joinpath(name).read_text(encoding="utf-8")


@cache
def load_schema(name: str = SOP_SCHEMA) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(schema_text(name))
    return schema
