"""Read a whole ``sops/`` tree: units, their ``_unit.yaml`` defaults, and every SOP file.

Every file is read and every problem collected; a broken file never stops the others.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sopdocs import parallel
from sopdocs.bulkwork import bulk_work
from sopdocs.cache import Bundle, Cache, digest
from sopdocs.datajson import DataCodec
from sopdocs.issues import Issue, Location, error, sort_issues
from sopdocs.model import Catalogue, Keputusan, Sop, Unit
from sopdocs.parallel import Parallelism
from sopdocs.reading.dates import parse_date
from sopdocs.reading.schema import UNIT_SCHEMA, load_schema
from sopdocs.reading.sopreader import read_sop
from sopdocs.reading.tree import SOP_SUFFIXES as SOP_SUFFIXES
from sopdocs.reading.tree import UNIT_FILE as UNIT_FILE
from sopdocs.reading.tree import unit_file, walk
from sopdocs.reading.validation import structural_issues
from sopdocs.reading.yamlsource import YamlMap, YamlValue, decode, parse, read_bytes
from sopdocs.text import display_path, fold

Progress = Callable[[int, int], None]
"""Called with (done, total) while files are read, so adapters can show progress."""

LOAD_CACHE = "load.jsonl"
_Entry = tuple[Sop | None, list[Issue]]
_LOADED = DataCodec(_Entry)
"""What loading one file produced; the load cache can make nothing but this."""


def _load_cache(cache: Cache) -> Bundle[_Entry]:
    """What loading each unchanged file produced in an earlier run, keyed by its content."""
    return cache.bundle(LOAD_CACHE, _LOADED.encode, _decode_entry)


def _decode_entry(text: str) -> _Entry:
    entry: _Entry = _LOADED.decode(text)
    return entry


@dataclass(frozen=True, slots=True)
class LoadResult:
    """What ``load_catalogue`` found: the SOPs that loaded and every file's issues.

    Why not one container with ``Analysis``: reading cannot index (links and regulation
    indexes need the whole catalogue); ``catalogue.index.analyse`` turns this into one.
    """

    catalogue: Catalogue
    issues: list[Issue]
    files: int = 0
    """SOP files read, the broken ones included."""


@dataclass(frozen=True, slots=True)
class _UnitDefaults:
    unit: Unit
    defaults: YamlMap | None
    digest: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class _Inherited:
    """What a SOP file takes from its folder: the unit's path and its units' defaults."""

    unit: str
    chain: list[YamlMap]
    """The defaults of the units above the SOP, outermost first."""
    digest: str = ""
    """The chain's bytes in short, for the load cache's key."""
    """Fingerprint of the ``_unit.yaml`` bytes: a change invalidates its SOPs' cache entries."""


def _document(data: bytes, source: str, issues: list[Issue]) -> YamlValue:
    """Parse one file's bytes; problems go to ``issues`` and the value may be None."""
    text = decode(data, source)
    if isinstance(text, Issue):
        issues.append(text)
        return None
    value, parse_issues = parse(text, source)
    issues.extend(parse_issues)
    if value is None and not parse_issues:
        issues.append(
            error(
                "file.empty",
                "berkas kosong: tidak ada SOP di dalamnya",
                Location(path=source),
                "tulis kunci nomor, nama, ... (`sopdocs new` membuat contohnya), atau hapus berkas",
            )
        )
    elif value is not None and not isinstance(value, YamlMap):
        location = getattr(value, "location", Location(path=source))
        issues.append(
            error(
                "yaml.top",
                "isi berkas harus berupa pemetaan 'kunci: nilai' (nomor:, nama:, ...), "
                "bukan daftar atau teks",
                location,
                "hapus '- ' di depan kunci-kunci tingkat atas",
            )
        )
        return None
    return value


def _read_unit(
    folder: Path, unit_file: Path | None, path_in_tree: str, issues: list[Issue]
) -> _UnitDefaults:
    fallback = Unit(path=path_in_tree, nama=_title_from_folder(folder.name, path_in_tree))
    if unit_file is None:
        return _UnitDefaults(fallback, None)
    source = display_path(unit_file)
    raw = read_bytes(unit_file, source)
    if isinstance(raw, Issue):
        issues.append(raw)
        return _UnitDefaults(fallback, None)
    data = _document(raw, source, issues)
    if not isinstance(data, YamlMap):
        return _UnitDefaults(fallback, None, digest(raw))
    problems = structural_issues(data, UNIT_SCHEMA)
    issues.extend(problems)
    nama = data.get("nama")
    unit = Unit(
        path=path_in_tree,
        nama=" ".join(nama.split()) if isinstance(nama, str) and nama.strip() else fallback.nama,
        location=data.where("nama"),
        keputusan=_keputusan(data, issues) if not problems else None,
    )
    return _UnitDefaults(unit, _defaults_of(data), digest(raw))


def _keputusan(data: YamlMap, issues: list[Issue]) -> Keputusan | None:
    """The ratifying decree ``_unit.yaml`` records (the schema checked its shape), if any."""
    value = data.get("keputusan")
    if not isinstance(value, YamlMap):
        return None
    tanggal = parse_date(value.get("tanggal"))
    if isinstance(tanggal, str):
        issues.append(
            error("date.invalid", f"keputusan.tanggal: {tanggal}", value.where("tanggal"))
        )
        return None
    return Keputusan(
        nomor=" ".join(str(value.get("nomor")).split()),
        tanggal=tanggal,
        tentang=" ".join(str(value.get("tentang")).split()),
    )


_UNIT_ONLY = ("nama", "keputusan")
"""Keys of ``_unit.yaml`` about the unit itself, never given to its SOPs."""


def _defaults_of(data: YamlMap) -> YamlMap:
    """What an ``_unit.yaml`` gives its SOPs: every key but the unit's own ``nama``."""
    defaults = YamlMap(data.location)
    known = load_schema(UNIT_SCHEMA)["properties"]
    for key, value in data.items():
        # A key the unit's own check refused (a typo) is reported there, once, not per SOP.
        if key not in _UNIT_ONLY and key in known:
            defaults[key] = value
            defaults.key_locations[key] = data.key_locations[key]
            defaults.value_locations[key] = data.value_locations[key]
    return defaults


def _title_from_folder(name: str, path_in_tree: str) -> str:
    if not path_in_tree:
        return "Katalog SOP"
    return " ".join(word.capitalize() for word in re.split(r"[-_\s]+", name) if word)


def _merge(chain: list[YamlMap], own: YamlMap) -> YamlMap:
    """Overlay the SOP's keys on its units' defaults, outermost first; keys replace whole."""
    merged = YamlMap(own.location)
    for layer in [*chain, own]:
        for key, value in layer.items():
            merged[key] = value
            merged.key_locations[key] = layer.key_locations[key]
            merged.value_locations[key] = layer.value_locations[key]
    # Keep the SOP's own key order: it is the order the author sees.
    return merged


def load_catalogue(
    root: Path,
    progress: Progress | None = None,
    cache: Cache | None = None,
    parallelism: Parallelism = parallel.AUTOMATIC,
) -> LoadResult:
    """Load every unit and SOP under ``root`` (the ``sops/`` folder).

    With ``cache``, files whose bytes (and whose units' bytes) did not change since the
    last run are not parsed again: at thousands of SOPs parsing dominates a warm build.
    Many files not in the cache (a cold build) are parsed by worker processes
    (``parallelism``); what they find is the same, in the same order.
    """
    with bulk_work():
        return _load_catalogue(root, progress, _load_cache(cache or Cache(None)), parallelism)


@dataclass(slots=True, eq=False)
class _Miss:
    """An SOP file not in the load cache, read and keyed, parsed once all are found."""

    key: str
    raw: bytes
    source: str
    sop_id: str
    inherited: _Inherited
    entry: _Entry | None = None


def _load_catalogue(
    root: Path, progress: Progress | None, cache: Bundle[_Entry], parallelism: Parallelism
) -> LoadResult:
    issues: list[Issue | _Miss] = []
    if not root.is_dir():
        return LoadResult(Catalogue(units=(), sops=()), [_no_folder(root)])
    found: list[Issue] = []
    tree = list(walk(root, found))
    issues.extend(found)
    counter = _Counter(sum(len(folder.sops) for folder in tree), progress)
    units: dict[str, _UnitDefaults] = {}
    loaded: list[Sop | _Miss] = []
    for folder in tree:
        path_in_tree = folder.path.relative_to(root).as_posix() if folder.path != root else ""
        unit_issues: list[Issue] = []
        units[path_in_tree] = _read_unit(folder.path, folder.unit_file, path_in_tree, unit_issues)
        issues.extend(unit_issues)
        layers = [d for p in _ancestors(path_in_tree) if (d := units.get(p)) is not None]
        inherited = _Inherited(
            unit=path_in_tree,
            chain=[d.defaults for d in layers if d.defaults is not None],
            digest="/".join(d.digest for d in layers),
        )
        for file in folder.sops:
            sop_id = file.relative_to(root).with_suffix("").as_posix()
            sop = _look_up(file, sop_id, inherited, issues, cache)
            if sop is not None:
                loaded.append(sop)
            if not isinstance(sop, _Miss):
                counter.step()
    _parse_misses([m for m in loaded if isinstance(m, _Miss)], cache, parallelism, counter)
    cache.save()
    sops = [sop for sop in _resolved(loaded) if sop is not None]
    all_issues = [issue for part in issues for issue in _issues_of(part)]
    all_issues.extend(_duplicate_nomor(sops))
    used = {p for sop in sops for p in _ancestors(sop.unit)}
    catalogue = Catalogue(
        units=tuple(d.unit for path, d in units.items() if path in used),
        sops=tuple(sops),
    )
    return LoadResult(catalogue, sort_issues(all_issues), counter.total)


@dataclass(slots=True)
class _Counter:
    """Files done so far, told to ``progress``."""

    total: int
    progress: Progress | None
    done: int = 0

    def step(self) -> None:
        self.done += 1
        if self.progress:
            self.progress(self.done, self.total)


def _no_folder(root: Path) -> Issue:
    return error(
        "file.read",
        f"folder SOP '{display_path(root)}' tidak ditemukan",
        Location(path=display_path(root)),
        "buat folder sops/ berisi berkas .yaml, atau atur sops_dir",
    )


def _resolved(loaded: list[Sop | _Miss]) -> list[Sop | None]:
    """The SOPs in the order their files were found, the parsed misses in their places."""
    sops: list[Sop | None] = []
    for item in loaded:
        if isinstance(item, _Miss):
            sops.append(item.entry[0] if item.entry else None)
        else:
            sops.append(item)
    return sops


def _issues_of(part: Issue | _Miss) -> list[Issue]:
    if isinstance(part, _Miss):
        return part.entry[1] if part.entry else []
    return [part]


def _ancestors(path_in_tree: str) -> list[str]:
    """``a/b`` → ``["", "a", "a/b"]``: the units whose defaults apply, outermost first."""
    parts = path_in_tree.split("/") if path_in_tree else []
    return ["", *("/".join(parts[: i + 1]) for i in range(len(parts)))]


def _look_up(
    file: Path,
    sop_id: str,
    inherited: _Inherited,
    issues: list[Issue | _Miss],
    cache: Bundle[_Entry],
) -> Sop | _Miss | None:
    """The SOP in ``file`` from the cache (its issues added to ``issues``), or the file as a
    miss to parse, which holds its place among ``issues`` until it is parsed."""
    source = display_path(file)
    raw = read_bytes(file, source)
    if isinstance(raw, Issue):
        issues.append(raw)
        return None
    key = digest(raw, source, sop_id, inherited.digest)
    cached = cache.get(key)
    if cached is not None:
        issues.extend(cached[1])
        return cached[0]
    miss = _Miss(key=key, raw=raw, source=source, sop_id=sop_id, inherited=inherited)
    issues.append(miss)
    return miss


_CHUNK = 24
"""SOP files per task given to a worker: small enough to share the work out evenly."""


def _parse_misses(
    misses: list[_Miss], cache: Bundle[_Entry], parallelism: Parallelism, counter: _Counter
) -> None:
    """Parse, check and build every missed file, here or in worker processes; the workers
    send back the cache entry, which is decoded here as a warm build decodes it."""
    processes = parallelism.workers(len(misses))
    if processes > 1:
        tasks = _tasks(misses)
        results = parallel.ordered_results(_encoded_entries, tasks, processes)
        for (_, chunk), encoded in zip(_chunked(misses), results, strict=True):
            for miss, text in zip(chunk, encoded, strict=True):
                miss.entry = cache.put_encoded(miss.key, text)
                counter.step()
    for miss in misses:
        if miss.entry is None:  # serial, or an entry that did not decode (never expected)
            miss.entry = _build_entry(
                miss.raw, miss.source, miss.sop_id, miss.inherited, read_digest=miss.key
            )
            cache.put(miss.key, miss.entry)
            if processes == 1:
                counter.step()


_Task = tuple[_Inherited, tuple[tuple[bytes, str, str, str], ...]]


def _chunked(misses: list[_Miss]) -> list[tuple[_Inherited, list[_Miss]]]:
    """Misses in runs of at most ``_CHUNK`` sharing one folder's defaults, in order."""
    runs: list[tuple[_Inherited, list[_Miss]]] = []
    for miss in misses:
        last = runs[-1] if runs else None
        if last is None or last[0] is not miss.inherited or len(last[1]) == _CHUNK:
            runs.append((miss.inherited, [miss]))
        else:
            last[1].append(miss)
    return runs


def _tasks(misses: list[_Miss]) -> list[_Task]:
    return [
        (inherited, tuple((m.raw, m.source, m.sop_id, m.key) for m in run))
        for inherited, run in _chunked(misses)
    ]


def _encoded_entries(task: _Task) -> list[str]:
    """In a worker: each file's cache entry, encoded as the load cache stores it."""
    inherited, files = task
    with bulk_work():
        return [
            _LOADED.encode(_build_entry(raw, source, sop_id, inherited, read_digest=key))
            for raw, source, sop_id, key in files
        ]


def _build_entry(
    raw: bytes, source: str, sop_id: str, inherited: _Inherited, *, read_digest: str = ""
) -> _Entry:
    """What loading one SOP file produces: its SOP (None if it cannot be built) and issues;
    ``read_digest``: the load cache's key of the file, which names all it is read from."""
    file_issues: list[Issue] = []
    data = _document(raw, source, file_issues)
    sop = None
    if isinstance(data, YamlMap):
        merged = _merge(inherited.chain, data)
        sop, more = _check_and_build(merged, sop_id, source, inherited.unit, file_issues)
        file_issues.extend(more)
        if sop is not None and read_digest:
            sop = dataclasses.replace(sop, read_digest=read_digest)
    return sop, file_issues


def _check_and_build(
    data: YamlMap, sop_id: str, source: str, unit: str, earlier: list[Issue]
) -> tuple[Sop | None, list[Issue]]:
    structure = structural_issues(data)
    sop, meaning = read_sop(
        data,
        sop_id=sop_id,
        source=source,
        unit=unit,
        complete=not structure and not any(i.is_error for i in earlier),
    )
    return sop, structure + meaning


def load_sop_text(text: str, path: str = "sops/test.yaml") -> tuple[Sop | None, list[Issue]]:
    """Load one SOP from text, with no units around it: for tests and single-file tools."""
    issues: list[Issue] = []
    value, parse_issues = parse(text, path)
    issues.extend(parse_issues)
    if not isinstance(value, YamlMap):
        if not parse_issues:
            issues.append(
                error(
                    "yaml.top",
                    "isi berkas harus berupa pemetaan 'kunci: nilai'",
                    Location(path=path),
                )
            )
        return None, issues
    sop_id = Path(path).with_suffix("").name
    sop, more = _check_and_build(value, sop_id, path, "", issues)
    return sop, sort_issues(issues + more)


def load_sop_bytes(
    data: bytes, *, sop_id: str, source: str, units: Sequence[tuple[str, bytes]] = ()
) -> tuple[Sop | None, list[Issue]]:
    """One SOP from its bytes and its ``_unit.yaml`` files' bytes (outermost first, each with
    the path messages show): how old versions read from git are loaded, with no files."""
    issues: list[Issue] = []
    chain = []
    for unit_source, raw in units:
        value = _document(raw, unit_source, issues)
        if isinstance(value, YamlMap):
            chain.append(_defaults_of(value))
    own = _document(data, source, issues)
    if not isinstance(own, YamlMap):
        return None, issues
    unit = sop_id.rpartition("/")[0]
    sop, more = _check_and_build(_merge(chain, own), sop_id, source, unit, issues)
    return sop, sort_issues(issues + more)


def find_root(file: Path) -> Path:
    """The ``sops/`` folder above ``file`` (the nearest folder of that name), else its folder."""
    folder = file.resolve().parent
    return next((p for p in (folder, *folder.parents) if p.name == "sops"), folder)


def load_sop_file(file: Path) -> tuple[Sop | None, list[Issue]]:
    """Load one SOP file with its units' defaults, without reading the rest of the catalogue."""
    root = find_root(file)
    folder = file.resolve().parent
    issues: list[Issue] = []
    relative = folder.relative_to(root)
    unit = relative.as_posix() if relative.parts else ""
    chain = []
    for path_in_tree in _ancestors(unit):
        where = root / path_in_tree
        defaults = _read_unit(where, unit_file(where, root), path_in_tree, issues).defaults
        if defaults is not None:
            chain.append(defaults)
    sop_id = file.resolve().relative_to(root).with_suffix("").as_posix()
    inherited = _Inherited(unit=unit, chain=chain)
    source = display_path(file)
    raw = read_bytes(file, source)
    if isinstance(raw, Issue):
        return None, [*issues, raw]
    sop, more = _build_entry(raw, source, sop_id, inherited)
    return sop, sort_issues(issues + more)


def _duplicate_nomor(sops: list[Sop]) -> list[Issue]:
    first: dict[str, Sop] = {}
    issues = []
    for sop in sops:
        key = fold(sop.nomor)
        if key in first:
            other = first[key]
            issues.append(
                error(
                    "nomor.duplicate",
                    f"nomor '{sop.nomor}' sudah dipakai SOP {other.id} ({other.source})",
                    sop.where("nomor"),
                    "setiap SOP harus punya nomor sendiri",
                )
            )
        else:
            first[key] = sop
    return issues
