"""Graph questions about a procedure: can every step be reached, does every path end?"""

from __future__ import annotations

from collections.abc import Mapping


def reachable(successors: Mapping[int, tuple[int, ...]], start: int = 1) -> set[int]:
    """Steps the flow can arrive at from ``start`` (``start`` included)."""
    seen = {start}
    todo = [start]
    while todo:
        for nxt in successors.get(todo.pop(), ()):
            if nxt not in seen and nxt in successors:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def never_ending(successors: Mapping[int, tuple[int, ...]], start: int = 1) -> list[int]:
    """Reachable steps from which no ending step (one without successors) can be reached.

    Such steps sit in a loop with no way out: the procedure would go round forever.
    """
    predecessors: dict[int, list[int]] = {step: [] for step in successors}
    for step, nexts in successors.items():
        for nxt in nexts:
            predecessors.setdefault(nxt, []).append(step)
    can_end = {step for step, nexts in successors.items() if not nexts}
    todo = list(can_end)
    while todo:
        for prev in predecessors.get(todo.pop(), ()):
            if prev not in can_end:
                can_end.add(prev)
                todo.append(prev)
    return sorted(reachable(successors, start) - can_end)
