"""Turn one SOP's YAML values into a :class:`~sopdocs.model.Sop`, checking what a schema cannot.

The schema has already judged the shape; here come the rules that need meaning: real
dates, 18-digit NIPs, lanes that exist, targets that name steps, a flow that starts and
ends. Every check reads the values defensively, so a file with a wrong type somewhere
still gets all its other problems reported.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from sopdocs.issues import Issue, Location, error, warning
from sopdocs.model import Citation, Decision, Lane, Reference, Signatory, Sop, Step
from sopdocs.reading import flowrules as flow
from sopdocs.reading.dates import PartialDate, parse_date
from sopdocs.reading.durations import Duration, parse_waktu
from sopdocs.reading.yamlsource import YamlList, YamlMap, YamlValue
from sopdocs.regulations import recogniser as regulations
from sopdocs.text import fold

_WEB_URL = re.compile(r"https?://[^\s/?#]+\S*\Z", re.IGNORECASE)
"""An outside SOP's address: the web only, never ``javascript:`` or a file."""

NIP_DIGITS = 18


def _text(data: YamlMap, key: str) -> str | None:
    value = data.get(key)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _count(data: YamlMap, key: str) -> int | None:
    """A whole number the schema has checked (a bool is not one)."""
    value = data.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _texts(data: YamlMap, key: str) -> tuple[str, ...]:
    """A list of strings, or a single string where the form allows one line."""
    value = data.get(key)
    if isinstance(value, str):
        return (value.strip(),) if value.strip() else ()
    if isinstance(value, list):
        return tuple(v.strip() for v in value if isinstance(v, str) and v.strip())
    return ()


@dataclass(slots=True)
class SopReader:
    """Reads one SOP's values rule by rule, collecting every issue on the way.

    One method per part of the form; each reads defensively and reports what it finds wrong,
    so one run shows an author every problem. Discarded once the Sop is made.
    """

    data: YamlMap
    issues: list[Issue]

    def date(self, key: str) -> PartialDate | None:
        value = self.data.get(key)
        if value is None:
            return None
        return self._date(value, self.data.where(key), key)

    def _date(self, value: YamlValue, location: Location, label: str) -> PartialDate | None:
        parsed = parse_date(value)
        if isinstance(parsed, str):
            # A wrong type is the schema's to report; a wrong text is ours.
            if isinstance(value, str):
                self.issues.append(error("date.invalid", f"{label}: {parsed}", location))
            return None
        return parsed

    def revisions(self) -> tuple[PartialDate, ...]:
        value = self.data.get("tanggal_revisi")
        if isinstance(value, YamlList):
            dates = [self._date(v, value.where(i), "tanggal_revisi") for i, v in enumerate(value)]
            return tuple(d for d in dates if d is not None)
        single = self.date("tanggal_revisi")
        return (single,) if single else ()

    def signatory(self) -> Signatory | None:
        value = self.data.get("disahkan_oleh")
        if not isinstance(value, YamlMap):
            return None
        nip = value.get("nip")
        nip_text = str(nip).strip() if isinstance(nip, (str, int)) else ""
        digits = nip_text.replace(" ", "")
        if nip is not None and (not _ascii_digits(digits) or len(digits) != NIP_DIGITS):
            counted = sum(_ascii_digits(c) for c in digits)
            self.issues.append(
                error(
                    "nip.invalid",
                    f"NIP '{nip_text}' harus terdiri dari {NIP_DIGITS} angka (tertulis {counted})",
                    value.where("nip"),
                    "contoh: nip: 19760130 199503 1 001 (spasi boleh)",
                )
            )
        jabatan, nama = _text(value, "jabatan"), _text(value, "nama")
        if not (jabatan and nama and nip_text):
            return None
        return Signatory(jabatan=jabatan, nama=nama, nip=nip_text)

    def citations(self) -> tuple[Citation, ...]:
        items = self.data.get("dasar_hukum")
        if not isinstance(items, YamlList):
            return ()
        return tuple(
            c for i, item in enumerate(items) if (c := self._citation(item, items.where(i)))
        )

    def _citation(self, item: YamlValue, location: Location) -> Citation | None:
        if isinstance(item, str):
            regulation = regulations.recognise(item)
            if regulation is None:
                self.issues.append(
                    warning(
                        "citation.unrecognised",
                        f"dasar hukum '{item.strip()}' tidak dikenali sebagai peraturan",
                        location,
                        "tulis jenis, nomor dan tahunnya (misalnya 'Undang-Undang Nomor 24 "
                        "Tahun 2013 tentang ...'), atau tulis sebagai "
                        "{jenis, nomor, tahun, tentang}",
                    )
                )
            return Citation(text=" ".join(item.split()), location=location, regulation=regulation)
        if isinstance(item, YamlMap):
            jenis, nomor, tahun = item.get("jenis"), item.get("nomor"), item.get("tahun")
            if not isinstance(jenis, str) or not isinstance(nomor, (str, int)):
                return None
            found = regulations.from_fields(
                jenis=jenis,
                nomor=nomor,
                tahun=tahun if isinstance(tahun, int) else None,
                tentang=_text(item, "tentang"),
                wilayah=_text(item, "wilayah"),
            )
            if isinstance(found, str):
                self.issues.append(warning("citation.unrecognised", found, item.where("jenis")))
                text = " ".join(str(v) for v in item.values() if isinstance(v, (str, int)))
                return Citation(text=text, location=location, regulation=None)
            return Citation(text=found.judul, location=location, regulation=found)
        return None

    def references(self) -> tuple[Reference, ...]:
        items = self.data.get("keterkaitan")
        if not isinstance(items, YamlList):
            return ()
        refs = []
        for i, item in enumerate(items):
            if isinstance(item, str) and item.strip():
                refs.append(Reference(text=item.strip(), explicit=False, location=items.where(i)))
            elif isinstance(item, YamlMap) and isinstance(item.get("sop"), str):
                target = str(item["sop"]).strip()
                refs.append(Reference(text=target, explicit=True, location=item.where("sop")))
            elif isinstance(item, YamlMap) and isinstance(item.get("luar"), str):
                refs.append(self._outside(item))
        return tuple(refs)

    def _outside(self, item: YamlMap) -> Reference:
        """``{luar: ..., url: ...}``: another agency's SOP, on purpose; a link only to the web."""
        url = item.get("url")
        link = str(url).strip() if isinstance(url, str) and url.strip() else None
        if link is not None and not _WEB_URL.match(link):
            self.issues.append(
                error(
                    "reference.url",
                    f"url keterkaitan '{link}' bukan alamat web",
                    item.where("url"),
                    "tulis alamat yang diawali http:// atau https://, atau hapus url-nya",
                )
            )
            link = None
        return Reference(
            text=" ".join(str(item["luar"]).split()),
            explicit=False,
            location=item.where("luar"),
            outside=True,
            url=link,
        )

    def lanes(self) -> tuple[Lane, ...]:
        items = self.data.get("pelaksana")
        if not isinstance(items, YamlList):
            return ()
        lanes: list[Lane] = []
        seen: dict[str, Lane] = {}
        for i, name in enumerate(items):
            if not isinstance(name, str) or not name.strip():
                continue
            lane = Lane(name=" ".join(name.split()), location=items.where(i))
            first = seen.get(fold(lane.name))
            if first is not None:
                self.issues.append(
                    error(
                        "lane.duplicate",
                        f"pelaksana '{lane.name}' ditulis dua kali",
                        lane.location,
                        "setiap pelaksana cukup ditulis sekali",
                    )
                )
                continue
            seen[fold(lane.name)] = lane
            lanes.append(lane)
        return tuple(lanes)

    def steps(self, lanes: tuple[Lane, ...]) -> tuple[Step, ...]:
        items = self.data.get("prosedur")
        if not isinstance(items, YamlList):
            return ()
        raw = [
            _RawStep(item, items.where(i))
            for i, item in enumerate(items)
            if isinstance(item, YamlMap)
        ]
        if len(raw) != len(items):
            return ()  # the schema reports the non-mapping items; numbering would be off
        return ProcedureReader(raw, lanes, self.issues).steps()


@dataclass(frozen=True, slots=True)
class _RawStep:
    """A step item before its targets are resolved."""

    data: YamlMap
    location: Location


class ProcedureReader:
    """Reads ``prosedur`` into steps: one method per rule, in the order authors see them.

    Ids first (targets may name a later step), then each step (its ``no:``, lanes, decision,
    ``lanjut``, flow conflicts, waktu), then the flow as a whole (reachability, an end).
    """

    def __init__(self, raw: list[_RawStep], lanes: tuple[Lane, ...], issues: list[Issue]) -> None:
        self.raw = raw
        self.count = len(raw)
        self.issues = issues
        self.lane_names = {fold(lane.name): lane.name for lane in lanes}
        self.lane_order = {lane.name: i for i, lane in enumerate(lanes)}
        self.ids = self._ids()

    def steps(self) -> tuple[Step, ...]:
        steps = [self._step(number, raw) for number, raw in enumerate(self.raw, start=1)]
        self._check_reachable(steps)
        self._check_ends(steps)
        return tuple(steps)

    def _ids(self) -> dict[str, int]:
        """Each step id with its number; a second use of an id is reported."""
        ids: dict[str, int] = {}
        for number, step in enumerate(self.raw, start=1):
            step_id = step.data.get("id")
            if not isinstance(step_id, str):
                continue
            if step_id in ids:
                self.issues.append(
                    error(
                        "step.id-duplicate",
                        f"id '{step_id}' sudah dipakai langkah {ids[step_id]}",
                        step.data.where("id"),
                        "beri setiap langkah id yang berbeda",
                    )
                )
            else:
                ids[step_id] = number
        return ids

    def _step(self, number: int, raw: _RawStep) -> Step:
        data = raw.data
        label = f"langkah {number}"
        self._check_written_no(number, data)
        pelaksana = self._lanes(data, label)
        keputusan = self._decision(number, data, label)
        lanjut = self._lanjut(data, label)
        self._check_flow_conflicts(data, label)
        waktu, duration = self._waktu(data, label)
        step_id = data.get("id")
        last_by_default = number == self.count and lanjut is None
        return Step(
            number=number,
            id=step_id if isinstance(step_id, str) else None,
            kegiatan=_text(data, "kegiatan") or "",
            pelaksana=pelaksana,
            kelengkapan=_text(data, "kelengkapan"),
            waktu=waktu,
            duration=duration,
            output=_text(data, "output"),
            keterangan=_text(data, "keterangan"),
            keputusan=keputusan,
            lanjut=lanjut if keputusan is None else None,
            ends=keputusan is None and (data.get("selesai") is True or last_by_default),
            location=raw.location,
        )

    def _check_written_no(self, number: int, data: YamlMap) -> None:
        """``no:`` is optional, but when written it must be the step's position."""
        written = data.get("no")
        if isinstance(written, int) and written != number:
            self.issues.append(
                error(
                    "step.no",
                    f"no: {written} tidak sesuai urutan; ini langkah ke-{number}",
                    data.where("no"),
                    f"tulis no: {number}, atau hapus 'no' (langkah dinomori menurut urutannya)",
                )
            )

    def _lanes(self, data: YamlMap, label: str) -> tuple[str, ...]:
        """The step's lanes as the SOP names them, in the SOP's lane order."""
        value = data.get("pelaksana")
        if isinstance(value, str):
            written: list[tuple[str, Location]] = [(value, data.where("pelaksana"))]
        elif isinstance(value, YamlList):
            written = [(v, value.where(i)) for i, v in enumerate(value) if isinstance(v, str)]
        else:
            return ()
        found: list[str] = []
        for name, location in written:
            lane = self.lane_names.get(fold(name))
            if lane is None:
                self._unknown_lane(name, location, label)
            elif lane not in found:
                found.append(lane)
        return tuple(sorted(found, key=self.lane_order.__getitem__))

    def _unknown_lane(self, name: str, location: Location, label: str) -> None:
        close = difflib.get_close_matches(fold(name), list(self.lane_names), n=1, cutoff=0.5)
        hint = (
            f"maksud Anda '{self.lane_names[close[0]]}'?"
            if close
            else "pelaksana yang ada: " + ", ".join(self.lane_names.values())
        )
        self.issues.append(
            error(
                "step.lane",
                f"{label}: pelaksana '{name.strip()}' tidak ada di daftar pelaksana SOP ini",
                location,
                hint,
            )
        )

    def _decision(self, number: int, data: YamlMap, label: str) -> Decision | None:
        """Both branches resolved; an unwritten branch goes to the next step."""
        decision = data.get("keputusan")
        if not isinstance(decision, YamlMap):
            return None
        ya = self._branch(number, data, decision, "ya", label)
        tidak = self._branch(number, data, decision, "tidak", label)
        if ya is not None and ya == tidak:
            self.issues.append(
                error(
                    "step.decision-same",
                    f"{label}: cabang ya dan tidak sama-sama menuju langkah {ya}",
                    data.where("keputusan"),
                    "keputusan harus bercabang ke dua langkah berbeda; bila tidak ada "
                    "pilihan, hapus 'keputusan'",
                )
            )
        if ya is None or tidak is None:
            return None
        return Decision(ya=ya, tidak=tidak)

    def _branch(
        self, number: int, data: YamlMap, decision: YamlMap, branch: str, label: str
    ) -> int | None:
        if branch in decision:
            where = decision.where(branch)
            return self._target(decision[branch], where, f"{label}, keputusan {branch}")
        if number < self.count:
            return number + 1
        self.issues.append(
            error(
                "step.target",
                f"{label}: cabang '{branch}' tidak punya tujuan",
                data.where("keputusan"),
                "langkah terakhir tidak punya langkah sesudahnya: tulis kedua "
                "cabang, misalnya keputusan: {ya: 3, tidak: 1}",
            )
        )
        return None

    def _lanjut(self, data: YamlMap, label: str) -> int | None:
        """The step an explicit ``lanjut`` jumps to (a loop back, or a skip ahead)."""
        if "lanjut" not in data:
            return None
        return self._target(data["lanjut"], data.where("lanjut"), f"{label}, lanjut")

    def _target(self, value: YamlValue, location: Location, what: str) -> int | None:
        """The step number a TARGET (a number or a step id) names, or None, reported."""
        if isinstance(value, str) and value.strip().isdecimal():  # not "²": int() refuses it
            value = int(value.strip())
        if isinstance(value, int) and not isinstance(value, bool):
            return self._number_target(value, location, what)
        if isinstance(value, str):
            return self._id_target(value, location, what)
        return None  # another type is the schema's to report

    def _number_target(self, value: int, location: Location, what: str) -> int | None:
        if 1 <= value <= self.count:
            return value
        self.issues.append(
            error(
                "step.target",
                f"{what}: langkah {value} tidak ada",
                location,
                f"prosedur ini punya langkah 1 sampai {self.count}",
            )
        )
        return None

    def _id_target(self, value: str, location: Location, what: str) -> int | None:
        if value in self.ids:
            return self.ids[value]
        close = difflib.get_close_matches(value, list(self.ids), n=1)
        if close:
            hint = f"maksud Anda '{close[0]}'?"
        elif self.ids:
            hint = "id yang ada: " + ", ".join(self.ids)
        else:
            hint = "tulis nomor langkah, misalnya 3"
        self.issues.append(
            error("step.target", f"{what}: tidak ada langkah dengan id '{value}'", location, hint)
        )
        return None

    def _check_flow_conflicts(self, data: YamlMap, label: str) -> None:
        """A step goes one way: a decision, a jump, or the end (``selesai: false`` is none)."""
        for first, second in (
            ("keputusan", "lanjut"),
            ("keputusan", "selesai"),
            ("lanjut", "selesai"),
        ):
            if first in data and second in data and data.get(second) is not False:
                self.issues.append(
                    error(
                        "step.flow-conflict",
                        f"{label}: '{first}' dan '{second}' tidak dapat dipakai bersama",
                        data.where(second),
                        "pilih salah satu arah alur untuk langkah ini",
                    )
                )

    def _waktu(self, data: YamlMap, label: str) -> tuple[str | None, Duration | None]:
        """The waktu as written and as understood; one not understood is only a warning."""
        value = data.get("waktu")
        waktu = str(value).strip() if isinstance(value, (str, int)) else None
        duration = parse_waktu(waktu) if waktu else None
        if waktu and duration is None:
            self.issues.append(
                warning(
                    "waktu.unparsed",
                    f"{label}: waktu '{waktu}' tidak dipahami, jadi total waktu tidak dihitung",
                    data.where("waktu"),
                    "tulis angka dan satuan, misalnya '2 hari', '1-2 jam', '3 hari kerja', "
                    "'15 menit'",
                )
            )
        return waktu, duration

    @staticmethod
    def _successors(steps: list[Step]) -> dict[int, tuple[int, ...]]:
        return {s.number: tuple(n for n in s.successors if n <= len(steps)) for s in steps}

    def _check_reachable(self, steps: list[Step]) -> None:
        if not steps:
            return
        reached = flow.reachable(self._successors(steps))
        for step in steps:
            if step.number not in reached:
                self.issues.append(
                    error(
                        "step.unreachable",
                        f"langkah {step.number} tidak pernah dicapai dari langkah 1",
                        step.location,
                        "arahkan sebuah keputusan atau 'lanjut' ke langkah ini, atau hapus "
                        "langkah ini; periksa juga 'selesai: true' pada langkah sebelumnya",
                    )
                )

    def _check_ends(self, steps: list[Step]) -> None:
        stuck = flow.never_ending(self._successors(steps)) if steps else []
        if not stuck:
            return
        listed = ", ".join(str(n) for n in stuck)
        self.issues.append(
            error(
                "flow.no-end",
                f"alur berputar terus tanpa pernah selesai (langkah {listed})",
                steps[stuck[0] - 1].location,
                "beri jalan keluar dari perulangan: sebuah cabang keputusan ke langkah sesudahnya "
                "atau 'selesai: true'",
            )
        )


def read_sop(
    data: YamlMap, *, sop_id: str, source: str, unit: str, complete: bool
) -> tuple[Sop | None, list[Issue]]:
    """Check the meaning of one SOP and build it.

    Arguments:
        data: the SOP's values, ``_unit.yaml`` defaults already merged in.
        complete: False when structural errors were found. The checks still run, so the
            author sees every problem at once, but an SOP with any error is not built:
            adapters then keep (or lack) its page rather than show a broken form.
    """
    reader = SopReader(data=data, issues=[])
    pembuatan, efektif = reader.date("tanggal_pembuatan"), reader.date("tanggal_efektif")
    revisi = reader.revisions()
    signatory = reader.signatory()
    citations = reader.citations()
    references = reader.references()
    lanes = reader.lanes()
    steps = reader.steps(lanes)
    if not complete or any(i.is_error for i in reader.issues):
        return None, reader.issues
    if not (pembuatan and efektif and signatory and steps):  # complete, error-free data has all
        return None, reader.issues
    sop = Sop(
        id=sop_id,
        source=source,
        unit=unit,
        nomor=_text(data, "nomor") or "",
        nama=_text(data, "nama") or "",
        instansi=_texts(data, "instansi"),
        tanggal_pembuatan=pembuatan,
        tanggal_revisi=revisi,
        tanggal_efektif=efektif,
        disahkan_oleh=signatory,
        dasar_hukum=citations,
        kualifikasi_pelaksana=_texts(data, "kualifikasi_pelaksana"),
        keterkaitan=references,
        peralatan=_texts(data, "peralatan"),
        peringatan=_texts(data, "peringatan"),
        pencatatan=_texts(data, "pencatatan"),
        langkah_per_halaman=_count(data, "langkah_per_halaman"),
        lanes=lanes,
        steps=steps,
        location=data.location,
        key_locations=dict(data.value_locations),
    )
    return sop, reader.issues


def _ascii_digits(text: str) -> bool:
    """``0``-``9`` only: ``str.isdigit`` also takes ``²`` and other scripts' digits."""
    return text.isascii() and text.isdecimal()
