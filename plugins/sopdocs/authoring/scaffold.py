"""``sopdocs new``: start an SOP file that already passes ``sopdocs check``.

An author copies nothing by hand: the header keys that the unit's ``_unit.yaml`` files define
are left out (a comment says where they come from), every other box of the SOP AP form is
there with a short Indonesian explanation, and the first line wires the editor to the schema.
The text itself is the template ``new-sop.yaml.j2``.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from sopdocs.authoring.fmt import yaml_scalar
from sopdocs.reading.loader import UNIT_FILE
from sopdocs.reading.schema import SOP_SCHEMA, schema_text
from sopdocs.reading.yamlsource import YamlMap, decode, parse, read_bytes
from sopdocs.site.templating import builtin_templates_dir
from sopdocs.text import display_path, natural_key, slugify

TEMPLATE = "new-sop.yaml.j2"

SCHEMA_FILE = SOP_SCHEMA
"""The schema for editors, beside the ``sops/`` folder (what ``sopdocs schema`` prints)."""


class ScaffoldError(Exception):
    """A request that cannot be served; the message tells the author what to do."""


@dataclass(frozen=True, slots=True, kw_only=True)
class NewSop:
    """An SOP file about to be created, and the schema file it points editors to."""

    path: Path
    text: str
    schema: Path

    def write(self) -> list[Path]:
        """Create the SOP file (and the schema file when the catalogue has none yet).

        Raises:
            ScaffoldError: the SOP file exists or cannot be written.
        """
        created = []
        try:
            if not self.schema.exists():
                self.schema.write_text(schema_text(), encoding="utf-8")
                created.append(self.schema)
            # "x": never overwrite an SOP that appeared since it was planned.
            with self.path.open("x", encoding="utf-8", newline="\n") as file:
                file.write(self.text)
        except FileExistsError as exc:
            raise ScaffoldError(f"{display_path(self.path)} sudah ada") from exc
        except OSError as exc:
            where = display_path(Path(exc.filename or self.path))
            raise ScaffoldError(f"{where} tidak dapat ditulis: {exc.strerror or exc}") from exc
        created.append(self.path)
        return created


def units(sops_dir: Path) -> list[str]:
    """Every unit folder under ``sops_dir``, as ``a`` and ``a/b``, in the site's order."""
    found = [
        path.relative_to(sops_dir).as_posix()
        for path in sops_dir.rglob("*")
        if path.is_dir()
        and not any(part.startswith((".", "_")) for part in path.relative_to(sops_dir).parts)
    ]
    return sorted(found, key=natural_key)


def file_name(nama: str) -> str:
    """``Pelayanan Akta Kelahiran`` → ``pelayanan-akta-kelahiran.yaml`` (accents dropped)."""
    ascii_text = unicodedata.normalize("NFKD", nama).encode("ascii", "ignore").decode()
    return slugify(ascii_text) + ".yaml"


def plan_new_sop(sops_dir: Path, *, unit: str, nama: str, nomor: str, today: date) -> NewSop:
    """The file ``sopdocs new`` would write; raises ScaffoldError when it cannot."""
    unit = unit.strip("/")
    if unit not in units(sops_dir):
        known = ", ".join(units(sops_dir)) or "(belum ada; buat foldernya dahulu)"
        raise ScaffoldError(f"unit '{unit}' tidak ada di {display_path(sops_dir)}; unit: {known}")
    if not nama.strip() or not nomor.strip():
        raise ScaffoldError("nama dan nomor SOP tidak boleh kosong")
    folder = sops_dir / unit
    path = folder / file_name(nama)
    if path.exists():
        raise ScaffoldError(
            f"{display_path(path)} sudah ada; pilih nama lain atau sunting berkas itu"
        )
    schema = sops_dir.parent / SCHEMA_FILE
    text = (
        _environment()
        .get_template(TEMPLATE)
        .render(
            nama=" ".join(nama.split()),
            nomor=" ".join(nomor.split()),
            today=today.isoformat(),
            schema=Path(os.path.relpath(schema, folder)).as_posix(),
            inherited=inherited_keys(sops_dir, unit),
        )
    )
    return NewSop(path=path, text=text, schema=schema)


def inherited_keys(sops_dir: Path, unit: str) -> dict[str, str]:
    """Header keys the unit's ``_unit.yaml`` files give every SOP, each with the file giving it.

    The nearest file wins, as in the loader; a broken ``_unit.yaml`` gives nothing (``sopdocs
    check`` reports it) and the new SOP then simply writes those keys itself.
    """
    parts = unit.split("/")
    inherited: dict[str, str] = {}
    for depth in range(len(parts) + 1):
        folder = parts[:depth]
        for key in _unit_keys(sops_dir.joinpath(*folder, UNIT_FILE)):
            # Named from the catalogue's folder, as it reads in the repository.
            inherited[key] = "/".join([sops_dir.name, *folder, UNIT_FILE])
    return inherited


def _unit_keys(unit_file: Path) -> list[str]:
    if not unit_file.is_file():
        return []
    source = display_path(unit_file)
    data = read_bytes(unit_file, source)
    text = data if not isinstance(data, bytes) else decode(data, source)
    if not isinstance(text, str):
        return []
    value, issues = parse(text, source)
    if issues or not isinstance(value, YamlMap):
        return []
    return [key for key in value if key != "nama"]


def _environment() -> Environment:
    # YAML, not HTML: no autoescape; every author value goes through the ``yaml`` filter.
    env = Environment(
        loader=FileSystemLoader(str(builtin_templates_dir())),
        autoescape=False,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["yaml"] = yaml_scalar
    return env
