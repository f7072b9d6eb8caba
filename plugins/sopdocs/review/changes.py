"""Compare two states of a catalogue and say what changed, in the terms of the SOP AP form.

Pure: states in, frozen records out. SOPs are matched by path, then (for a moved or
renamed file) by nomor, nama or content; steps by ``id``, then by their kegiatan, so
inserting a step shows one new step rather than every later step changed. A regulation
is compared by what it is (:func:`~sopdocs.regulations.recognise`'s key), not by its
spelling. A change every SOP of a unit inherits from its ``_unit.yaml`` is told once, on
the unit. A file whose bytes changed while its form did not is "format only".
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from sopdocs.catalogue.index import reference_key
from sopdocs.issues import Issue
from sopdocs.model import Sop, Step
from sopdocs.review.states import State
from sopdocs.text import fold, natural_key

ChangeKind = Literal[
    "field",
    "added",
    "removed",
    "respelled",
    "reordered",
    "step-added",
    "step-removed",
    "step-moved",
    "step-edited",
    "flow",
]
SopStatus = Literal["removed", "changed", "added", "moved", "format"]

LABELS: dict[str, str] = {
    "nomor": "Nomor SOP",
    "nama": "Nama SOP",
    "instansi": "Instansi",
    "tanggal_pembuatan": "Tanggal Pembuatan",
    "tanggal_revisi": "Tanggal Revisi",
    "tanggal_efektif": "Tanggal Efektif",
    "disahkan_oleh": "Disahkan oleh",
    "dasar_hukum": "Dasar Hukum",
    "kualifikasi_pelaksana": "Kualifikasi Pelaksana",
    "keterkaitan": "Keterkaitan",
    "peralatan": "Peralatan",
    "peringatan": "Peringatan",
    "pencatatan": "Pencatatan",
    "pelaksana": "Pelaksana",
    "prosedur": "Prosedur",
}
"""The form's name for each top-level key, in the form's order."""

STEP_LABELS: dict[str, str] = {
    "kegiatan": "Kegiatan",
    "pelaksana": "Pelaksana",
    "kelengkapan": "Mutu Baku: Kelengkapan",
    "waktu": "Mutu Baku: Waktu",
    "output": "Mutu Baku: Output",
    "keterangan": "Keterangan",
}

_SIMILAR = 0.6
"""How alike two kegiatan (or two SOPs) must be to count as one edited, not one replaced."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Change:
    """One thing a reviewer must look at, in one box or one step of one form."""

    kind: ChangeKind
    field: str
    """The top-level key it concerns: ``dasar_hukum``, ``prosedur``, ``disahkan_oleh``..."""
    label: str
    """The form's term for the place: ``Dasar Hukum``, ``Mutu Baku: Waktu``, ``NIP``."""
    old: str | None = None
    new: str | None = None
    step: int | None = None
    """The step's number in the new version (None when it was removed)."""
    old_step: int | None = None
    """The step's number in the old version (None when it was added)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SopChanges:
    """Everything that changed in one SOP, in the form's order."""

    status: SopStatus
    id: str
    """The SOP's id (its path under ``sops/``) in the new version; the old one when removed."""
    old_id: str | None = None
    """The old id when the file was moved or renamed."""
    nomor: str
    nama: str
    changes: tuple[Change, ...] = ()

    @property
    def weight(self) -> int:
        """How much of a reviewer's attention it needs: flow and steps count more."""
        return sum(_WEIGHTS.get(c.kind, 1) + (c.field == "dasar_hukum") for c in self.changes)


_WEIGHTS: dict[str, int] = {"flow": 3, "step-removed": 3, "step-added": 2, "step-edited": 2}


@dataclass(frozen=True, slots=True, kw_only=True)
class SopRef:
    id: str
    nomor: str
    nama: str


@dataclass(frozen=True, slots=True, kw_only=True)
class UnitChanges:
    """A change written once in a unit's ``_unit.yaml`` and inherited by its SOPs."""

    unit: str
    """The unit's folder under ``sops/`` (``""`` for the root)."""
    nama: str
    """The unit's name, as its ``_unit.yaml`` gives it."""
    changes: tuple[Change, ...]
    sops: tuple[SopRef, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Unreadable:
    """A file of one side that did not load, so it could not be compared."""

    side: Literal["base", "head"]
    id: str
    """The SOP's id, or the ``_unit.yaml`` path."""
    issues: tuple[Issue, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    base: str
    head: str
    sops: tuple[SopChanges, ...]
    """Most important first: removed, changed (the most changed first), added, moved, format."""
    units: tuple[UnitChanges, ...]
    unreadable: tuple[Unreadable, ...]

    def count(self, status: SopStatus) -> int:
        return sum(s.status == status for s in self.sops)

    @property
    def empty(self) -> bool:
        return not (self.sops or self.units or self.unreadable)


# --- Whole catalogues ---------------------------------------------------------------------


def compare(base: State, head: State) -> Report:
    """Everything that changed from ``base`` to ``head``."""
    pairs, removed, added = match_sops(base, head)
    records: list[SopChanges] = [_gone(base.sops[i]) for i in removed]
    records += [_new(head.sops[i]) for i in added]
    per_pair = {
        new_id: compare_sops(base.sops[old_id], head.sops[new_id]) for old_id, new_id in pairs
    }
    units = _lift_unit_changes(pairs, per_pair, base, head)
    for old_id, new_id in pairs:
        record = _changed(base, head, old_id, new_id, per_pair[new_id])
        if record is not None:
            records.append(record)
    unreadable = [Unreadable(side="base", id=k, issues=v) for k, v in base.broken.items()]
    unreadable += [Unreadable(side="head", id=k, issues=v) for k, v in head.broken.items()]
    return Report(
        base=base.label,
        head=head.label,
        sops=tuple(sorted(records, key=_importance)),
        units=units,
        unreadable=tuple(unreadable),
    )


_ORDER: dict[str, int] = {"removed": 0, "changed": 1, "added": 2, "moved": 3, "format": 4}


def _importance(record: SopChanges) -> tuple[int, int, tuple[tuple[int, int | str], ...]]:
    return (_ORDER[record.status], -record.weight, natural_key(record.id))


def _gone(sop: Sop) -> SopChanges:
    return SopChanges(status="removed", id=sop.id, nomor=sop.nomor, nama=sop.nama)


def _new(sop: Sop) -> SopChanges:
    return SopChanges(status="added", id=sop.id, nomor=sop.nomor, nama=sop.nama)


def _changed(
    base: State, head: State, old_id: str, new_id: str, changes: list[Change]
) -> SopChanges | None:
    new = head.sops[new_id]
    moved = old_id != new_id
    if changes:
        status: SopStatus = "changed"
    elif moved:
        status = "moved"
    elif base.blobs.get(old_id) != head.blobs.get(new_id):
        status = "format"
    else:
        return None
    return SopChanges(
        status=status,
        id=new_id,
        old_id=old_id if moved else None,
        nomor=new.nomor,
        nama=new.nama,
        changes=tuple(changes),
    )


def match_sops(base: State, head: State) -> tuple[list[tuple[str, str]], list[str], list[str]]:
    """Pairs (old id, new id) of the same SOP; ids only in base; ids only in head.

    A file that did not load on either side is left out of all three: it is reported as
    unreadable, not as removed or added.
    """
    pairs = [(i, i) for i in head.sops if i in base.sops]
    gone = [i for i in base.sops if i not in head.sops and i not in head.broken]
    new = [i for i in head.sops if i not in base.sops and i not in base.broken]
    for key in (_nomor_key, _nama_key, _file_name, None):
        found = _pair_by(gone, new, base, head, key)
        pairs += found
        paired_old, paired_new = {o for o, _ in found}, {n for _, n in found}
        gone = [i for i in gone if i not in paired_old]
        new = [i for i in new if i not in paired_new]
    return pairs, gone, new


def _nomor_key(sop: Sop) -> str:
    return fold(sop.nomor)


def _nama_key(sop: Sop) -> str:
    return fold(sop.nama)


def _file_name(sop: Sop) -> str:
    return sop.id.rpartition("/")[2]


def _signature(sop: Sop) -> str:
    return "\n".join([sop.nama, *(step.kegiatan for step in sop.steps)])


def _pair_by(
    gone: list[str], new: list[str], base: State, head: State, key: Callable[[Sop], str] | None
) -> list[tuple[str, str]]:
    """Pair moved files by an equal ``key``, or (key None) by the most alike content."""
    if not gone or not new:
        return []
    if key is not None:
        olds: dict[str, list[str]] = {}
        for i in gone:
            olds.setdefault(key(base.sops[i]), []).append(i)
        found = []
        for i in new:
            candidates = olds.get(key(head.sops[i]), [])
            if len(candidates) == 1:
                found.append((candidates.pop(), i))
        return found
    # Catalogues hold many SOPs copied from one template: alike steps alone prove nothing.
    named = _most_alike(
        [(i, base.sops[i].nama) for i in gone], [(i, head.sops[i].nama) for i in new], 0.8
    )
    return [
        (o, n)
        for o, n in named
        if _alike(_signature(base.sops[o]), _signature(head.sops[n])) >= _SIMILAR
    ]


def _alike(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _most_alike(
    olds: Sequence[tuple[str, str]], news: Sequence[tuple[str, str]], least: float = _SIMILAR
) -> list[tuple[str, str]]:
    """Greedy pairing of the most alike texts first, each at least ``least`` alike."""
    scored = []
    for old_key, old_text in olds:
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(old_text)  # difflib caches what it learns about the second text
        for new_key, new_text in news:
            matcher.set_seq1(new_text)
            if matcher.real_quick_ratio() >= least and matcher.quick_ratio() >= least:
                ratio = matcher.ratio()
                if ratio >= least:
                    scored.append((-ratio, old_key, new_key))
    taken_old: set[str] = set()
    taken_new: set[str] = set()
    found = []
    for _, old_key, new_key in sorted(scored):
        if old_key not in taken_old and new_key not in taken_new:
            taken_old.add(old_key)
            taken_new.add(new_key)
            found.append((old_key, new_key))
    return found


def _lift_unit_changes(
    pairs: list[tuple[str, str]], per_pair: dict[str, list[Change]], base: State, head: State
) -> tuple[UnitChanges, ...]:
    """Move changes of keys inherited from the same ``_unit.yaml`` on both sides to the unit."""
    groups: dict[str, dict[str, tuple[list[Change], list[SopRef]]]] = {}
    for old_id, new_id in pairs:
        old_from, new_from = base.inherited.get(old_id, {}), head.inherited.get(new_id, {})
        kept = []
        for change in per_pair[new_id]:
            unit = new_from.get(change.field)
            if unit is None or old_from.get(change.field) != unit:
                kept.append(change)
                continue
            changes, sops = groups.setdefault(unit, {}).setdefault(change.field, ([], []))
            sop = head.sops[new_id]
            if not sops or sops[0].id == new_id:
                changes.append(change)
            if not sops or sops[-1].id != new_id:
                sops.append(SopRef(id=new_id, nomor=sop.nomor, nama=sop.nama))
        per_pair[new_id] = kept
    records = []
    for unit in sorted(groups, key=natural_key):
        # One record per set of SOPs: keys every SOP of the unit inherits are told together.
        by_sops: dict[tuple[SopRef, ...], list[Change]] = {}
        for field in sorted(groups[unit], key=list(LABELS).index):
            changes, sops = groups[unit][field]
            by_sops.setdefault(tuple(sops), []).extend(changes)
        nama = head.units.get(unit) or base.units.get(unit) or unit
        records += [
            UnitChanges(unit=unit, nama=nama, changes=tuple(changes), sops=sops)
            for sops, changes in by_sops.items()
        ]
    return tuple(records)


# --- One SOP ------------------------------------------------------------------------------


def compare_sops(old: Sop, new: Sop) -> list[Change]:
    """Every change from ``old`` to ``new``, in the form's order."""
    return [
        *_identity(old, new),
        *_boxes(old, new),
        *_lanes(old, new),
        *compare_steps(old.steps, new.steps),
    ]


def _flat(text: str | None) -> str | None:
    return " ".join(text.split()) if text is not None else None


def _field(field: str, label: str, old: str, new: str) -> list[Change]:
    if _flat(old) == _flat(new):
        return []
    return [Change(kind="field", field=field, label=label, old=old, new=new)]


def _identity(old: Sop, new: Sop) -> list[Change]:
    o, n = old.disahkan_oleh, new.disahkan_oleh
    changes = [
        *_field("nomor", LABELS["nomor"], old.nomor, new.nomor),
        *_field("nama", LABELS["nama"], old.nama, new.nama),
        *_field("instansi", LABELS["instansi"], " / ".join(old.instansi), " / ".join(new.instansi)),
        *_field(
            "tanggal_pembuatan",
            LABELS["tanggal_pembuatan"],
            old.tanggal_pembuatan.indonesian(),
            new.tanggal_pembuatan.indonesian(),
        ),
        *_field(
            "tanggal_revisi",
            LABELS["tanggal_revisi"],
            ", ".join(d.indonesian() for d in old.tanggal_revisi) or "-",
            ", ".join(d.indonesian() for d in new.tanggal_revisi) or "-",
        ),
        *_field(
            "tanggal_efektif",
            LABELS["tanggal_efektif"],
            old.tanggal_efektif.indonesian(),
            new.tanggal_efektif.indonesian(),
        ),
        *_field("disahkan_oleh", "Disahkan oleh: Jabatan", o.jabatan, n.jabatan),
        *_field("disahkan_oleh", "Disahkan oleh: Nama", o.nama, n.nama),
    ]
    if "".join(o.nip.split()) != "".join(n.nip.split()):
        changes += _field("disahkan_oleh", "Disahkan oleh: NIP", o.nip, n.nip)
    return changes


def _citation_key(sop: Sop) -> list[tuple[str, str]]:
    return [
        (c.regulation.key if c.regulation else f"?{fold(c.text)}", c.text) for c in sop.dasar_hukum
    ]


def _boxes(old: Sop, new: Sop) -> list[Change]:
    changes = items("dasar_hukum", _citation_key(old), _citation_key(new))
    changes += items(
        "kualifikasi_pelaksana",
        _keyed(old.kualifikasi_pelaksana),
        _keyed(new.kualifikasi_pelaksana),
    )
    changes += items(
        "keterkaitan",
        [(reference_key(r.text), r.text) for r in old.keterkaitan],
        [(reference_key(r.text), r.text) for r in new.keterkaitan],
    )
    for field in ("peralatan", "peringatan", "pencatatan"):
        changes += items(field, _keyed(getattr(old, field)), _keyed(getattr(new, field)))
    return changes


def _keyed(texts: Iterable[str]) -> list[tuple[str, str]]:
    return [(fold(t), t) for t in texts]


def items(field: str, old: list[tuple[str, str]], new: list[tuple[str, str]]) -> list[Change]:
    """Items of one box compared by key: added, removed, or the same item spelt anew."""
    label = LABELS[field]
    olds, news = dict(reversed(old)), dict(reversed(new))
    changes = [
        Change(kind="removed", field=field, label=label, old=text)
        for key, text in olds.items()
        if key not in news
    ]
    for key, text in news.items():
        if key not in olds:
            changes.append(Change(kind="added", field=field, label=label, new=text))
        elif _flat(olds[key]) != _flat(text):
            changes.append(
                Change(kind="respelled", field=field, label=label, old=olds[key], new=text)
            )
    return sorted(changes, key=lambda c: (c.kind != "removed", _position(c, old, new)))


def _position(change: Change, old: list[tuple[str, str]], new: list[tuple[str, str]]) -> int:
    side, text = (old, change.old) if change.kind == "removed" else (new, change.new)
    return next(i for i, (_, t) in enumerate(side) if t == text)


def _lanes(old: Sop, new: Sop) -> list[Change]:
    label = LABELS["pelaksana"]
    changes = items("pelaksana", _keyed(old.pelaksana), _keyed(new.pelaksana))
    kept_old = [fold(n) for n in old.pelaksana if fold(n) in {fold(m) for m in new.pelaksana}]
    kept_new = [fold(n) for n in new.pelaksana if fold(n) in set(kept_old)]
    if kept_old != kept_new:
        changes.append(
            Change(
                kind="reordered",
                field="pelaksana",
                label=label,
                old=", ".join(old.pelaksana),
                new=", ".join(new.pelaksana),
            )
        )
    return changes


# --- Steps --------------------------------------------------------------------------------


def match_steps(old: Sequence[Step], new: Sequence[Step]) -> dict[int, int]:
    """Old step number → new step number of the same step: by id, then kegiatan, then likeness."""
    pairs: dict[int, int] = {}
    new_ids = {s.id: s.number for s in new if s.id}
    for step in old:
        if step.id and step.id in new_ids:
            pairs[step.number] = new_ids[step.id]
    _pair_in_order(old, new, pairs)
    free_old = [(str(s.number), fold(s.kegiatan)) for s in old if s.number not in pairs]
    taken = set(pairs.values())
    free_new = [(str(s.number), fold(s.kegiatan)) for s in new if s.number not in taken]
    for o, n in _most_alike(free_old, free_new):
        pairs[int(o)] = int(n)
    return pairs


def _pair_in_order(old: Sequence[Step], new: Sequence[Step], pairs: dict[int, int]) -> None:
    """Pair steps whose kegiatan is unchanged, keeping their order (difflib's longest runs)."""
    taken = set(pairs.values())
    free_old = [s for s in old if s.number not in pairs]
    free_new = [s for s in new if s.number not in taken]
    matcher = difflib.SequenceMatcher(
        None, [fold(s.kegiatan) for s in free_old], [fold(s.kegiatan) for s in free_new], False
    )
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            pairs[free_old[block.a + k].number] = free_new[block.b + k].number


def compare_steps(old: Sequence[Step], new: Sequence[Step]) -> list[Change]:
    """Steps removed, added, moved and edited, and flow changed, in the new step order."""
    pairs = match_steps(old, new)
    moved = _moved(pairs)
    back = {n: o for o, n in pairs.items()}
    changes = [
        Change(
            kind="step-removed",
            field="prosedur",
            label="Langkah",
            old=s.kegiatan,
            old_step=s.number,
        )
        for s in old
        if s.number not in pairs
    ]
    for step in new:
        number = back.get(step.number)
        if number is None:
            changes.append(
                Change(
                    kind="step-added",
                    field="prosedur",
                    label="Langkah",
                    new=step.kegiatan,
                    step=step.number,
                )
            )
            continue
        before = old[number - 1]
        if number in moved:
            changes.append(
                Change(
                    kind="step-moved",
                    field="prosedur",
                    label="Langkah",
                    new=step.kegiatan,
                    step=step.number,
                    old_step=number,
                )
            )
        changes += _step_fields(before, step)
        changes += _flow(before, step, old, new, pairs)
    return changes


def _moved(pairs: dict[int, int]) -> set[int]:
    """Old numbers of steps that changed place relative to the others (not merely renumbered).

    The steps that kept their order are the longest increasing run of new numbers taken in
    old order; every other matched step moved.
    """
    olds = sorted(pairs)
    news = [pairs[o] for o in olds]
    best: list[list[int]] = []  # best[i]: a longest increasing run ending at i (indices)
    for i, value in enumerate(news):
        runs = [best[j] for j in range(i) if news[j] < value]
        run = max(runs, key=len) if runs else []
        best.append([*run, i])
    longest = max(best, key=len) if best else []
    keep = set(longest)
    return {olds[i] for i in range(len(olds)) if i not in keep}


def _step_text(step: Step, field: str) -> str | None:
    if field == "pelaksana":
        return ", ".join(step.pelaksana)
    text: str | None = getattr(step, field)
    return text


def _step_fields(old: Step, new: Step) -> list[Change]:
    changes = []
    for field, label in STEP_LABELS.items():
        before, after = _step_text(old, field), _step_text(new, field)
        if _flat(before) != _flat(after):
            changes.append(
                Change(
                    kind="step-edited",
                    field="prosedur",
                    label=label,
                    old=before,
                    new=after,
                    step=new.number,
                    old_step=old.number,
                )
            )
    return changes


FlowShape = tuple[str, ...]


def _shape(step: Step, count: int, number: Callable[[int], str]) -> FlowShape:
    """What a step does next, with targets named by ``number``; plain succession is ``()``."""
    if step.keputusan is not None:
        return ("keputusan", number(step.keputusan.ya), number(step.keputusan.tidak))
    if step.ends:
        return () if step.number == count else ("selesai",)
    if step.lanjut is not None and step.lanjut != step.number + 1:
        return ("lanjut", number(step.lanjut))
    return ()


def _flow(
    old: Step, new: Step, olds: Sequence[Step], news: Sequence[Step], pairs: dict[int, int]
) -> list[Change]:
    """A changed branch target, loop or end; targets compared as steps, not as numbers."""
    if old.keputusan is not None and new.keputusan is not None:
        return _branches(old, new, olds, news, pairs)
    as_new = _shape(old, len(olds), lambda n: str(pairs.get(n, f"lama {n}")))
    if as_new == _shape(new, len(news), str):
        return []
    return [
        _flow_change("alur", describe_flow(old, olds), describe_flow(new, news), old, new),
    ]


def _branches(
    old: Step, new: Step, olds: Sequence[Step], news: Sequence[Step], pairs: dict[int, int]
) -> list[Change]:
    """Each branch of a decision that now leads to another step, on its own."""
    changes = []
    assert old.keputusan is not None and new.keputusan is not None
    for label, before, after in (
        ("cabang Ya", old.keputusan.ya, new.keputusan.ya),
        ("cabang Tidak", old.keputusan.tidak, new.keputusan.tidak),
    ):
        if pairs.get(before) != after:
            changes.append(
                _flow_change(label, _target(old, before, olds), _target(new, after, news), old, new)
            )
    return changes


def _flow_change(label: str, before: str, after: str, old: Step, new: Step) -> Change:
    return Change(
        kind="flow",
        field="prosedur",
        label=label,
        old=before,
        new=after,
        step=new.number,
        old_step=old.number,
    )


def describe_flow(step: Step, steps: Sequence[Step]) -> str:
    """Where the flow goes after ``step``, as a reviewer reads the flowchart: by number and
    kegiatan, since a number alone may now name another step."""
    if step.keputusan is not None:
        ya, tidak = step.keputusan.ya, step.keputusan.tidak
        return f"Ya → {_target(step, ya, steps)}; Tidak → {_target(step, tidak, steps)}"
    if step.ends:
        return "selesai"
    if step.lanjut is not None and step.lanjut != step.number + 1:
        return _target(step, step.lanjut, steps)
    return _target(step, step.number + 1, steps)


def _target(step: Step, target: int, steps: Sequence[Step]) -> str:
    way = "kembali ke" if target <= step.number else "ke"
    return f"{way} langkah {target} ({steps[target - 1].kegiatan})"
