"""``katalog.json``: the whole catalogue as open data, in the shape the contract fixes."""

from __future__ import annotations

import json
from typing import Any

from sopdocs.catalogue.index import CatalogueIndex

KATALOG_VERSION = 1
KATALOG_FILE = "katalog.json"
"""Its place at the site root, where the contract says open-data users find it."""


def katalog(index: CatalogueIndex) -> dict[str, Any]:
    """The catalogue as plain data; ids, keys and URLs match the site's pages."""
    sops = [
        {
            "id": sop.id,
            "nomor": sop.nomor,
            "nama": sop.nama,
            "url": sop.url,
            "unit": [unit.nama for unit in index.unit_chain(sop)],
            "dasar_hukum": [
                {"teks": c.text, "regulasi": c.regulation.key if c.regulation else None}
                for c in sop.dasar_hukum
            ],
            "keterkaitan": [
                {"teks": r.reference.text, "sop": r.target.id if r.target else None}
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
            "url": entry.url,
            "sop": [sop.id for sop in entry.sops],
        }
        for entry in index.regulations
    ]
    return {"versi": KATALOG_VERSION, "sop": sops, "regulasi": regulasi}


def katalog_json(index: CatalogueIndex) -> str:
    """Serialised deterministically, so two builds of one catalogue give the same bytes."""
    return json.dumps(katalog(index), ensure_ascii=False, indent=1) + "\n"
