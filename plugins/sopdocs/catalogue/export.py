"""``katalog.json``: the whole catalogue as open data, in the shape the contract fixes."""

from __future__ import annotations

import json
from typing import Any

from sopdocs.catalogue.index import CatalogueIndex
from sopdocs.urls import page_url, regulation_page, sop_page

KATALOG_VERSION = 1
KATALOG_FILE = "katalog.json"
"""Its place at the site root, where the contract says open-data users find it."""


def katalog(index: CatalogueIndex, *, directory_urls: bool = True) -> dict[str, Any]:
    """The catalogue as plain data; ids, keys and URLs match the site's pages, whose URLs
    are in the site's style (``use_directory_urls``), relative to the site root."""
    sops = [
        {
            "id": sop.id,
            "nomor": sop.nomor,
            "nama": sop.nama,
            "url": page_url(sop_page(sop.id), directory_urls=directory_urls),
            "unit": [unit.nama for unit in index.unit_chain(sop)],
            "dasar_hukum": [
                {"teks": c.text, "regulasi": c.regulation.key if c.regulation else None}
                for c in sop.dasar_hukum
            ],
            "keterkaitan": [
                {
                    "teks": r.reference.text,
                    "sop": r.target.id if r.target else None,
                    "katalog": r.elsewhere.katalog if r.elsewhere else None,
                    "url": r.elsewhere.url if r.elsewhere else r.reference.url,
                }
                for r in index.references.get(sop.id, ())
            ],
            "dirujuk_oleh": [s.id for s in index.backlinks.get(sop.id, ())],
        }
        for sop in index.sops
    ]
    regulasi = [
        {
            "key": entry.key,
            "jenis": entry.regulation.jenis,
            "singkatan": entry.regulation.singkatan,
            "nomor": entry.regulation.nomor,
            "tahun": entry.regulation.tahun,
            "wilayah": entry.regulation.wilayah,
            "judul": entry.regulation.judul,
            "url": page_url(regulation_page(entry.key), directory_urls=directory_urls),
            "sop": [sop.id for sop in entry.sops],
        }
        for entry in index.regulations
    ]
    return {"versi": KATALOG_VERSION, "sop": sops, "regulasi": regulasi}


def katalog_json(index: CatalogueIndex, *, directory_urls: bool = True) -> str:
    """Serialised deterministically, so two builds of one catalogue give the same bytes."""
    return katalog_text(katalog(index, directory_urls=directory_urls))


def katalog_text(data: dict[str, Any]) -> str:
    """:func:`katalog`'s data as the file's text (for a caller that kept the data to compare:
    making the data is a third of the time of writing it out)."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
