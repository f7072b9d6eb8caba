"""Reading: SOP and unit YAML files into the model, with every problem located.

``yamlsource`` keeps each value's line and column, ``validation`` retells JSON Schema
errors for authors, ``sopreader`` applies the meaning rules (dates, NIP, lanes, flow),
and ``loader`` walks a ``sops/`` tree with its ``_unit.yaml`` defaults.
"""
