"""The SOP AP document set on paper: each SOP's PDF, each unit's book, the monitoring form.

Pure logic lives in :mod:`book` (what a book holds, where each SOP starts), the HTML an engine
prints in :mod:`printed` (the site's own templates and CSS), the engine in :mod:`engine`, the
PDF files themselves in :mod:`assemble`, the order of work in :mod:`build`, and the finished
PDFs kept between runs in :mod:`store`.
"""

from sopdocs.documents.build import PdfRequest, write_pdf, write_site_documents
from sopdocs.documents.engine import EngineError
from sopdocs.documents.target import NotInCatalogue

__all__ = ["EngineError", "NotInCatalogue", "PdfRequest", "write_pdf", "write_site_documents"]
