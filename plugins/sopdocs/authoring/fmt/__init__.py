"""``sopdocs fmt``: rewrite SOP files into one canonical layout, never losing a value or comment.

Why a package of small modules: formatting YAML safely is several separate questions (which
nodes the loader sees, where each comment belongs, how a text may be quoted, in which order
keys go, how a document is laid out, and whether the result lost anything), and each is
answered in one module that can be read alone; ``formatter`` joins them for the CLI. This file
names what the rest of sopdocs and its tests may use.
"""

from sopdocs.authoring.fmt.formatter import FormatResult, collect_files, format_file, format_text
from sopdocs.authoring.fmt.order import KEY_ORDERS, SOP_KEYS
from sopdocs.authoring.fmt.quoting import yaml_scalar
from sopdocs.authoring.fmt.safety import difference

__all__ = [
    "KEY_ORDERS",
    "SOP_KEYS",
    "FormatResult",
    "collect_files",
    "difference",
    "format_file",
    "format_text",
    "yaml_scalar",
]
