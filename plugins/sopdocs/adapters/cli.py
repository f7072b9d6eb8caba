"""The ``sopdocs`` command: a thin adapter from the shell to the core.

Exit codes follow the usual contract: 0 clean (warnings allowed), 1 problems found,
2 wrong usage (click's own).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Literal, cast

import click
from rich.console import Console

from sopdocs import flowchart, review
from sopdocs.adapters.progress import TerminalProgress
from sopdocs.adapters.report import FORMATS, Format, exit_status, print_issues
from sopdocs.authoring import scaffold
from sopdocs.authoring.fmt import collect_files, format_file
from sopdocs.cache import DEFAULT_CACHE, Cache
from sopdocs.catalogue.export import katalog_json
from sopdocs.catalogue.index import Analysis, analyse
from sopdocs.issues import strictened
from sopdocs.reading.loader import load_sop_file
from sopdocs.reading.schema import SOP_SCHEMA, UNIT_SCHEMA, schema_text
from sopdocs.review.present import Format as DiffFormat
from sopdocs.review.present import render
from sopdocs.site import pages
from sopdocs.site.search import alias_files
from sopdocs.site.templating import Templates


def _console(stderr: bool = False) -> Console:
    # rich colours a terminal and stays plain in CI logs and pipes by itself.
    return Console(stderr=stderr, highlight=False)


def _say(message: str) -> None:
    """One line on stderr, as written: it holds author text (an SOP named "[link=...]x[/]"),
    which must never be read as Rich markup or emoji codes."""
    _console(stderr=True).print(message, markup=False, emoji=False, soft_wrap=True)


_sops_option = click.option(
    "--sops",
    "directory",
    default="sops",
    show_default=True,
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Folder SOP.",
)

_cache_option = click.option(
    "--cache",
    "cache_dir",
    default=str(DEFAULT_CACHE),
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder cache, sama dengan cache_dir plugin (boleh dihapus): yang tidak berubah tidak"
    " dibuat ulang.",
)


def _analyse_or_exit(directory: Path) -> Analysis:
    """The catalogue, or its errors on stderr and exit 1: nothing is written from a broken one."""
    result = analyse(directory)
    errors = [i for i in result.issues if i.is_error]
    if errors:
        print_issues(errors, "text", _console(stderr=True), result.files)
        sys.exit(exit_status(errors))
    return result


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sopdocs")
def main() -> None:
    """sopdocs: katalog SOP (format SOP AP) dari berkas YAML menjadi situs MkDocs."""


@main.command()
@click.argument(
    "directory",
    required=False,
    default="sops",
    type=click.Path(file_okay=False, path_type=Path),
)
@click.option("--strict", is_flag=True, help="Perlakukan peringatan sebagai galat.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text untuk dibaca orang, github untuk anotasi pull request, json untuk program.",
)
@_cache_option
@click.option("--no-cache", is_flag=True, help="Baca ulang semua berkas, tanpa cache.")
def check(directory: Path, strict: bool, fmt: str, cache_dir: Path, no_cache: bool) -> None:
    """Periksa semua SOP di DIRECTORY (bawaan: sops/) dan laporkan setiap masalah."""
    if not directory.is_dir():
        raise click.BadParameter(f"folder '{directory}' tidak ada", param_hint="DIRECTORY")
    cache = Cache.open(None if no_cache else cache_dir)
    with TerminalProgress("Memeriksa SOP") as progress:
        result = analyse(directory, progress, cache)
    if cache.problem:
        _say(f"catatan: {cache.problem}")
    issues = strictened(result.issues) if strict else result.issues
    print_issues(issues, cast(Format, fmt), _console(), result.files)  # click.Choice checked it
    sys.exit(exit_status(issues))


@main.command()
@click.argument("output", type=click.Path(dir_okay=False, path_type=Path), default="katalog.json")
@_sops_option
def export(output: Path, directory: Path) -> None:
    """Tulis katalog.json (seluruh katalog sebagai data terbuka) tanpa membangun situs."""
    result = _analyse_or_exit(directory)
    try:
        output.write_text(katalog_json(result.index), encoding="utf-8")  # no folder made
    except OSError as exc:
        raise _not_written(output, exc) from exc
    _say(f"{output}: {len(result.index.sops)} SOP, {len(result.index.regulations)} regulasi")


def _not_written(output: Path, exc: OSError) -> click.ClickException:
    """A file the command cannot write, said plainly (exit 1, like a failed check)."""
    return click.ClickException(f"{output} tidak dapat ditulis: {exc.strerror or exc}")


_EXPORT_FORMATS: dict[str, Literal["svg", "png", "pdf"]] = {
    "svg": "svg",
    "png": "png",
    "pdf": "pdf",
}
"""What ``sopdocs graph`` can write, by the output file's suffix."""


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Berkas keluaran: .svg, .png atau .pdf (bawaan: nama berkas SOP dengan .svg).",
)
def graph(file: Path, output: Path | None) -> None:
    """Tulis diagram alir satu SOP (untuk dokumen cetak yang ditandatangani)."""
    output = output or file.with_suffix(".svg")
    fmt = _EXPORT_FORMATS.get(output.suffix.lstrip(".").lower())
    if fmt is None:
        raise click.BadParameter("gunakan akhiran .svg, .png atau .pdf", param_hint="--output")
    sop, issues = load_sop_file(file)
    if sop is None:
        print_issues(issues, "text", _console(stderr=True), 1)
        sys.exit(exit_status(issues, other_problems=True))
    if not output.parent.is_dir():
        raise _not_written(output, FileNotFoundError(2, "folder tidak ada"))
    try:
        flowchart.export(sop, output, fmt)
    except (flowchart.GraphvizMissing, flowchart.RenderError) as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        raise _not_written(output, exc) from exc
    _say(f"{output}: diagram alir '{sop.nama}'")


@main.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="Berkas PDF keluaran; untuk seluruh katalog, folder tempat satu PDF per unit.",
)
@_sops_option
@_cache_option
def pdf(path: Path, output: Path, directory: Path, cache_dir: Path) -> None:
    """Tulis PDF: satu berkas SOP (dokumennya), folder unit (Dokumen SOP AP unit itu), atau
    folder SOP (satu Dokumen SOP AP per unit teratas, ke folder OUTPUT)."""
    # The PDF engine (Playwright, pypdf) is loaded by this command alone: `check` stays lean.
    from sopdocs import documents

    result = _analyse_or_exit(directory)
    try:
        request = documents.PdfRequest(sops_root=directory, path=path, out=output)
        written = documents.write_pdf(
            result.index, request, templates=Templates(), cache_dir=cache_dir
        )
    except (documents.NotInCatalogue, documents.EngineError) as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        raise _not_written(output, exc) from exc
    for target in written:
        _say(f"{target}: PDF ditulis")


@main.command()
@click.argument("output", type=click.Path(file_okay=False, path_type=Path))
@_sops_option
@click.option(
    "--templates",
    "templates_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Folder templat yang menggantikan templat bawaan bernama sama.",
)
def generate(output: Path, directory: Path, templates_dir: Path | None) -> None:
    """Tulis halaman katalog sebagai Markdown (dengan CSS; diagram alir tergambar di tabel
    prosedur) ke OUTPUT, untuk dibangun oleh generator situs lain."""
    result = _analyse_or_exit(directory)
    site_pages = pages.catalogue_pages(result.index, templates=Templates(templates_dir))
    pages.write_site(site_pages, output)
    for path, content in alias_files(result.index).items():
        (output / path).parent.mkdir(parents=True, exist_ok=True)
        (output / path).write_text(content, encoding="utf-8")
    _say(f"{output}: {len(site_pages)} halaman Markdown")


@main.command()
@click.argument("base", required=False)
@click.argument("head", required=False)
@click.option(
    "--sops",
    "directory",
    default="sops",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder SOP di pohon kerja.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="text untuk terminal, markdown untuk komentar pull request, json untuk program.",
)
def diff(base: str | None, head: str | None, directory: Path, fmt: DiffFormat) -> None:
    """Apa yang berubah pada SOP dari BASE ke HEAD, dalam istilah formulir.

    BASE dan HEAD adalah revisi git atau folder. Bawaan: BASE titik cabang dari main
    (atau master), HEAD pohon kerja. Keluar 0, atau 2 bila masukan tidak dapat dibaca."""
    try:
        report = review.diff(base, head, directory)
    except review.StateError as exc:
        _say(f"galat: {exc}")
        sys.exit(2)
    if fmt == "text":
        _console().print(render(report, "text"), end="", emoji=False, soft_wrap=True)
    else:
        click.echo(render(report, fmt), nl=False)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--check",
    is_flag=True,
    help="Jangan menulis; keluar dengan status 1 bila ada yang perlu dirapikan.",
)
@click.option(
    "--diff", "show_diff", is_flag=True, help="Seperti --check, dan tampilkan perubahannya."
)
def fmt(paths: tuple[Path, ...], check: bool, show_diff: bool) -> None:
    """Rapikan berkas SOP di PATHS (bawaan: sops/): urutan kunci formulir, indentasi, kutip.

    Nilai dan komentar tidak pernah diubah; berkas yang tidak dapat dibaca dibiarkan."""
    if not paths and not Path("sops").is_dir():
        raise click.BadParameter(
            "folder 'sops' tidak ada; sebutkan berkas atau folder", param_hint="PATHS"
        )
    results = [format_file(path) for path in collect_files(paths or (Path("sops"),))]
    dry = check or show_diff
    for result in results:
        print_issues(result.issues, "text", _console(stderr=True))
        if not result.changed:
            continue
        if show_diff:
            click.echo(result.diff(), nl=False)
        if dry:
            click.echo(f"perlu dirapikan: {result.path.as_posix()}", err=True)
        else:
            result.write()
            click.echo(f"dirapikan: {result.path.as_posix()}", err=True)
    changed = sum(r.changed for r in results)
    failed = sum(r.failed for r in results)
    verb = "perlu dirapikan" if dry else "dirapikan"
    click.echo(f"{len(results)} berkas: {changed} {verb}, {failed} gagal", err=True)
    # check's policy; under --check/--diff, a file that would change is a problem found.
    issues = [issue for result in results for issue in result.issues]
    sys.exit(exit_status(issues, other_problems=dry and changed > 0))


def _stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def _ask(value: str | None, option: str, label: str, choices: list[str] | None = None) -> str:
    """The option's value, asked for on a terminal; a clear usage error elsewhere (CI, pipes)."""
    if value:
        return value
    if not _stdin_is_terminal():
        raise click.UsageError(f"{option} wajib diisi (tanpa terminal, sopdocs new tidak bertanya)")
    return str(click.prompt(label, type=click.Choice(choices) if choices else None))


@main.command()
@click.option("--nama", help="Nama SOP, seperti pada formulir.")
@click.option("--nomor", help="Nomor SOP, seperti pada dokumen.")
@click.option("--unit", help="Folder unit di bawah folder SOP, misalnya dukcapil-padang-pariaman.")
@_sops_option
def new(nama: str | None, nomor: str | None, unit: str | None, directory: Path) -> None:
    """Buat berkas SOP baru yang lengkap dengan penjelasan setiap kotak, siap diisi."""
    units = scaffold.units(directory)
    unit = _ask(unit, "--unit", "Unit", choices=units) if units else unit or ""
    nama = _ask(nama, "--nama", "Nama SOP")
    nomor = _ask(nomor, "--nomor", "Nomor SOP")
    try:
        planned = scaffold.plan_new_sop(
            directory, unit=unit, nama=nama, nomor=nomor, today=date.today()
        )
        created = planned.write()
    except scaffold.ScaffoldError as exc:
        raise click.ClickException(str(exc)) from exc
    for path in created:
        click.echo(f"dibuat: {path.as_posix()}", err=True)
    click.echo("Isi berkasnya, lalu periksa dengan `sopdocs check`.", err=True)


@main.command()
@click.option("--unit", "unit_schema", is_flag=True, help="Skema _unit.yaml, bukan skema SOP.")
def schema(unit_schema: bool) -> None:
    """Cetak JSON Schema berkas SOP (untuk editor, misalnya VS Code)."""
    click.echo(schema_text(UNIT_SCHEMA if unit_schema else SOP_SCHEMA), nl=False)


if __name__ == "__main__":
    main()
