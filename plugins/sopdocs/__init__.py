"""sopdocs: catalogues of SOP AP procedures, from YAML files to a published site.

The core below needs no MkDocs: load and check a catalogue, index it, draw its flowcharts,
make its pages. ``sopdocs.adapters`` holds the MkDocs plugin and the command over it.
"""

from __future__ import annotations

from sopdocs.catalogue.export import katalog
from sopdocs.catalogue.index import Analysis, CatalogueIndex, analyse, index_catalogue
from sopdocs.issues import Issue, Location, Severity
from sopdocs.model import Catalogue, Citation, Decision, Lane, Reference, Signatory, Sop, Step, Unit
from sopdocs.reading.loader import LoadResult, load_catalogue, load_sop_file, load_sop_text
from sopdocs.regulations.recogniser import Regulation, recognise

__all__ = [
    "Analysis",
    "Catalogue",
    "CatalogueIndex",
    "Citation",
    "Decision",
    "Issue",
    "Lane",
    "LoadResult",
    "Location",
    "Reference",
    "Regulation",
    "Severity",
    "Signatory",
    "Sop",
    "Step",
    "Unit",
    "analyse",
    "index_catalogue",
    "katalog",
    "load_catalogue",
    "load_sop_file",
    "load_sop_text",
    "recognise",
]
