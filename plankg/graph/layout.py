"""Where the network page draws each node: the plan's structure as a ring.

The units that name entities (tasks, 专栏 columns, goals, principles, parts and
sections by their own text, a plan's title) sit on a circle in document order,
clockwise from the top; each part or section takes one arc (a band), each plan
of a corpus a run of arcs, with gaps between them. An entity named by one unit
only sits just outside that unit, in a small block with the other entities only
it names; every other entity sits inside the circle at the mean position of the
units naming it, so an entity named across the plan drifts to the centre and
one named in a single section stays at that section's edge. A few rounds of
collision removal (nodes as discs, the always-labelled nodes with their label
box) then keep nodes and labels apart; the units never move.

Everything is computed with numpy from sorted inputs, so the same graph always
gets the same positions (rounded to 0.1).
"""
from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

#: Canvas units between neighbouring units on the circle.
SLOT = 28.0
#: Gaps, in slots, between two groups (sections), two parts and two plans.
GROUP_GAP, PART_GAP, PLAN_GAP = 1.0, 2.0, 4.0
#: An entity block outside a unit: columns this far apart along the circle, rows this far apart outwards.
LEAF_COLUMN, LEAF_ROW = 22.0, 22.0
#: At most this many rows of entities outside a unit.
LEAF_ROWS = 4
#: Entities inside the circle keep this far from it; those outside start this far from it.
INNER_MARGIN, OUTER_MARGIN = 44.0, 30.0
#: The smallest circle.
MIN_RADIUS = 180.0
#: Space kept around a node, and the rounds of collision removal.
PADDING = 3.0
ROUNDS = 80
LABEL_ROUNDS = 60  # rounds that part labels still overlapping after ROUNDS


@dataclass(frozen=True)
class Arc:
    """The span of a group (or a plan) on the circle: angles in radians, clockwise from the top."""

    key: str
    start: float
    end: float


@dataclass
class RingLayout:
    """Positions of every node, the circle's radius, how far the outer blocks reach, and the arcs."""

    positions: dict[str, tuple[float, float]]
    radius: float
    outer: float
    groups: list[Arc] = field(default_factory=list)
    plans: list[Arc] = field(default_factory=list)


@dataclass(frozen=True)
class RingInput:
    """What the layout needs. ``units``: (id, group, plan) in document order; ``groups``: group ->
    (part or None); ``named``: entity -> the units naming it; ``sizes``: node -> radius;
    ``labels``: node -> (width, height) of a label always shown, in canvas units; ``clearance``: how far
    inner entities (and labels) keep from the circle."""

    units: list[tuple[str, str, str]]
    groups: dict[str, str | None]
    named: dict[str, list[str]]
    sizes: dict[str, float]
    labels: dict[str, tuple[float, float]] = field(default_factory=dict)
    clearance: float = INNER_MARGIN  #: room kept free inside the circle (for the units' numbers)


def ring_layout(spec: RingInput) -> RingLayout:
    """Seeded-free, deterministic positions for the structure view (see the module's docstring)."""
    leaves = _leaves(spec)
    widths = {unit: max(1.0, math.ceil(len(leaves.get(unit, ())) / LEAF_ROWS) * LEAF_COLUMN / SLOT)
              for unit, _, _ in spec.units}
    slots, group_spans, plan_spans, total = _slots(spec, widths)
    radius = max(MIN_RADIUS, total * SLOT / (2 * math.pi))
    per_slot = 2 * math.pi / total if total else 0.0
    angle = {unit: (start + widths[unit] / 2) * per_slot for unit, start in slots.items()}
    positions = {unit: _polar(radius, a) for unit, a in angle.items()}
    targets, outside = _entity_targets(spec, leaves, angle, radius, per_slot, slots, widths)
    moved = _separate(spec, positions, targets, outside, radius)
    positions.update(moved)
    outer = radius + OUTER_MARGIN + (LEAF_ROWS - 1) * LEAF_ROW if leaves else radius
    if moved:
        outer = max(outer, max(math.hypot(x, y) for x, y in moved.values()))
    def arc(key, span):
        return Arc(key, span[0] * per_slot, span[1] * per_slot)
    return RingLayout({n: (round(x, 1), round(y, 1)) for n, (x, y) in positions.items()}, round(radius, 1),
                      round(outer, 1), [arc(k, s) for k, s in group_spans.items()],
                      [arc(k, s) for k, s in plan_spans.items()])


def _leaves(spec: RingInput) -> dict[str, list[str]]:
    """Unit -> the entities only it names (in the order of ``named``)."""
    found: dict[str, list[str]] = {}
    for entity, units in spec.named.items():
        if len(units) == 1:
            found.setdefault(units[0], []).append(entity)
    return found


def _slots(spec: RingInput, widths: dict[str, float]):
    """Each unit's first slot, each group's and plan's (start, end) in slots, and the total."""
    slots: dict[str, float] = {}
    groups: dict[str, list[float]] = {}
    plans: dict[str, list[float]] = {}
    at = 0.0
    last: tuple[str, str | None, str] | None = None
    for unit, group, plan in spec.units:
        part = spec.groups.get(group)
        if last is not None and (plan, part, group) != last:
            gap = PLAN_GAP if plan != last[0] else PART_GAP if (part or group) != (last[1] or last[2]) else GROUP_GAP
            at += gap
        if plan not in plans:
            plans[plan] = [at - 0.5, at]
        if group not in groups:
            groups[group] = [at - 0.4, at]
        slots[unit] = at
        at += widths[unit]
        groups[group][1] = at - 0.6
        plans[plan][1] = at - 0.5
        last = (plan, part, group)
    total = at + (PLAN_GAP if len(plans) > 1 else GROUP_GAP)
    return slots, groups, plans, total


def _polar(radius: float, angle: float) -> tuple[float, float]:
    return radius * math.sin(angle), -radius * math.cos(angle)


def _entity_targets(spec: RingInput, leaves, angle, radius, per_slot, slots, widths):
    """Where each entity should go, and which entities sit outside the circle."""
    targets: dict[str, tuple[float, float]] = {}
    outside: set[str] = set()
    for unit, entities in leaves.items():
        rows = min(LEAF_ROWS, len(entities))
        columns = math.ceil(len(entities) / rows)
        first = slots[unit] + widths[unit] / 2 - (columns - 1) * LEAF_COLUMN / SLOT / 2
        for i, entity in enumerate(entities):
            column, row = divmod(i, rows)
            r = radius + OUTER_MARGIN + row * LEAF_ROW
            a = (first + column * LEAF_COLUMN / SLOT) * per_slot
            targets[entity] = _polar(r, a)
            outside.add(entity)
    for entity, units in spec.named.items():
        if entity in targets:
            continue
        if not units:
            targets[entity] = (0.0, 0.0)
            continue
        x = sum(math.sin(angle[u]) for u in units) / len(units)
        y = sum(-math.cos(angle[u]) for u in units) / len(units)
        r = math.hypot(x, y)
        limit = (radius - INNER_MARGIN) / radius
        if r > limit:
            x, y = x * limit / r, y * limit / r
        targets[entity] = (x * radius, y * radius)
    return targets, outside


def _separate(spec: RingInput, fixed: dict[str, tuple[float, float]], targets: dict[str, tuple[float, float]],
              outside: set[str], radius: float) -> dict[str, tuple[float, float]]:
    """Push entities apart (discs, and the label boxes of labelled nodes) while units stay put."""
    from scipy.spatial import cKDTree

    movable = list(targets)
    ids = movable + list(fixed)
    if not movable:
        return {}
    pos = np.array([targets[n] for n in movable] + [fixed[n] for n in fixed], dtype=float)
    home = pos[:len(movable)].copy()
    size = np.array([spec.sizes.get(n, 6.0) + PADDING for n in ids])
    mobile = np.zeros(len(ids), dtype=bool)
    mobile[:len(movable)] = True
    out = np.array([n in outside for n in movable])
    labelled = [i for i, n in enumerate(ids) if n in spec.labels]
    boxes = np.array([spec.labels[ids[i]] for i in labelled], dtype=float).reshape(-1, 2)
    reach = 2 * size.max()
    # inner entities keep clear of the unit numbers inside the circle, labelled ones by their label too
    label_height = {n: spec.labels[n][1] + spec.sizes.get(n, 6.0) for n in movable if n in spec.labels}
    inner_limit = np.array([radius - spec.clearance - label_height.get(n, 0.0) for n in movable])
    outer_limit = radius + OUTER_MARGIN * 0.7  # outer entities stay beyond it
    for step in range(ROUNDS):
        pairs = cKDTree(pos).query_pairs(reach, output_type="ndarray")
        if len(pairs):
            pairs = pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]
            _push_discs(pos, size, mobile, pairs)
        if labelled:
            _push_labels(pos, size, mobile, labelled, boxes)
        pull = 0.04 if step < ROUNDS - 10 else 0.0
        pos[:len(movable)] += pull * (home - pos[:len(movable)])
        _keep_sides(pos[:len(movable)], out, inner_limit, outer_limit)
    for _ in range(LABEL_ROUNDS):  # labels the limits pressed together: part them sideways
        if not _part_labels_sideways(pos, size, mobile, labelled, boxes):
            break
        _keep_sides(pos[:len(movable)], out, inner_limit, outer_limit)
    return {n: (float(pos[i, 0]), float(pos[i, 1])) for i, n in enumerate(movable)}


def _part_labels_sideways(pos: np.ndarray, size: np.ndarray, mobile: np.ndarray, labelled: list[int],
                          boxes: np.ndarray) -> bool:
    """Move two overlapping labels apart along x (where the circle's limits leave room); True if
    any overlapped."""
    moved = False
    for a, b, over_x, _, _ in _overlapping_labels(pos, size, labelled, boxes):
        sign = 1.0 if pos[a, 0] >= pos[b, 0] else -1.0
        step = 0.55 * over_x / max(1, int(mobile[a]) + int(mobile[b]))  # a little more than half a gap a round
        pos[a, 0] += sign * step * mobile[a]
        pos[b, 0] -= sign * step * mobile[b]
        moved = True
    return moved


def _push_discs(pos: np.ndarray, size: np.ndarray, mobile: np.ndarray, pairs: np.ndarray) -> None:
    a, b = pairs[:, 0], pairs[:, 1]
    delta = pos[a] - pos[b]
    distance = np.sqrt((delta ** 2).sum(axis=1))
    overlap = size[a] + size[b] - distance
    hit = overlap > 0
    if not hit.any():
        return
    a, b, delta, distance, overlap = a[hit], b[hit], delta[hit], distance[hit], overlap[hit]
    # coincident nodes: part them along a fixed direction that depends on their indices
    tiny = distance < 1e-6
    delta[tiny] = np.stack([np.cos(a[tiny] * 2.399), np.sin(a[tiny] * 2.399)], axis=1)
    distance[tiny] = 1.0
    unit = delta / distance[:, None]
    share_a = np.where(mobile[b], 0.5, 1.0) * mobile[a]
    share_b = np.where(mobile[a], 0.5, 1.0) * mobile[b]
    move = np.zeros_like(pos)
    np.add.at(move, a, unit * (overlap * share_a)[:, None])
    np.subtract.at(move, b, unit * (overlap * share_b)[:, None])
    pos += move * 0.8


def _push_labels(pos: np.ndarray, size: np.ndarray, mobile: np.ndarray, labelled: list[int],
                 boxes: np.ndarray) -> None:
    """A label sits under its node: move the discs it covers (or the node itself, if those are fixed),
    and part two labels that overlap."""
    for index, (width, height) in zip(labelled, boxes, strict=True):
        centre = pos[index] + (0.0, size[index] + height / 2)
        dx = pos[:, 0] - centre[0]
        dy = pos[:, 1] - centre[1]
        over_x = width / 2 + size - np.abs(dx)
        over_y = height / 2 + size - np.abs(dy)
        hit = (over_x > 0) & (over_y > 0)
        hit[index] = False
        if not hit.any():
            continue
        # push out vertically (labels are wide): below the label's centre goes down, above goes up
        shift = np.where(dy >= 0, over_y, -over_y)
        others = hit & mobile
        pos[others, 1] += shift[others] * 0.5
        blocked = hit & ~mobile  # units never move: the labelled node does
        if mobile[index] and blocked.any():
            pos[index, 1] -= shift[blocked].mean() * 0.5
    for a, b, over_x, over_y, below in _overlapping_labels(pos, size, labelled, boxes):
        axis, overlap = (1, over_y) if over_y <= over_x else (0, over_x)
        sign = 1.0 if (below if axis else pos[a, 0] - pos[b, 0]) >= 0 else -1.0
        pos[a, axis] += sign * overlap * 0.5 * mobile[a]
        pos[b, axis] -= sign * overlap * 0.5 * mobile[b]


def _overlapping_labels(pos: np.ndarray, size: np.ndarray, labelled: list[int],
                        boxes: np.ndarray) -> Iterator[tuple[int, int, float, float, float]]:
    """Each pair of labels that overlap, as the pair stands when it is reached (the caller moves
    nodes between pairs): (a, b, overlap along x, overlap along y, how far a's label is below b's)."""
    for i, (a, box_a) in enumerate(zip(labelled, boxes, strict=True)):
        for b, box_b in zip(labelled[i + 1:], boxes[i + 1:], strict=True):
            ya, yb = pos[a, 1] + size[a] + box_a[1] / 2, pos[b, 1] + size[b] + box_b[1] / 2
            over_x = (box_a[0] + box_b[0]) / 2 - abs(pos[a, 0] - pos[b, 0])
            over_y = (box_a[1] + box_b[1]) / 2 - abs(ya - yb)
            if over_x > 0 and over_y > 0:
                yield a, b, over_x, over_y, ya - yb


def _keep_sides(pos: np.ndarray, out: np.ndarray, inner_limit: np.ndarray, outer_limit: float) -> None:
    """Inner entities stay inside the circle (within their limit), outer ones outside it."""
    r = np.sqrt((pos ** 2).sum(axis=1))
    r_safe = np.maximum(r, 1e-9)
    too_far = ~out & (r > inner_limit)
    pos[too_far] *= (inner_limit[too_far] / r_safe[too_far])[:, None]
    too_near = out & (r < outer_limit)
    pos[too_near] *= (outer_limit / r_safe[too_near])[:, None]


__all__ = ["Arc", "RingInput", "RingLayout", "ring_layout"]
