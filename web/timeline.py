"""Geometry of the timeline picture: numbers for the SVG macro, names passed through untouched.

Lanes are loops (top to bottom in the result's order); columns are the set-ups, calls
and teardowns in pytest's order. The template draws; this module only places.
"""
from __future__ import annotations

from dataclasses import dataclass, field

LABEL_W = 190
COL_W = 140
BOX_W = 128
BOX_H = 36
LANE_H = 72
TOP = 34
BOTTOM = 18
BOX_KINDS = {"fixture-setup": "set-up", "test-call": "test", "fixture-teardown": "teardown"}
MAX_COLUMNS = 60
MIN_WIDTH = 1076         # the page column's width: short timelines fill it


@dataclass
class Box:
    x: float
    y: float
    order: int
    kind: str            # contract step kind
    kind_label: str
    name: str
    short: str
    loop: str
    outcome: str | None
    inferred: bool
    w: float = BOX_W
    h: float = BOX_H


@dataclass
class Lane:
    index: int
    id: str
    scope: str
    label: str
    short: str
    detail: str          # the label's parenthetical ("test_select_one"), shortened
    lifetime: str
    y: float             # top of the lane
    cy: float            # the lane's line
    x1: float
    x2: float
    closed: bool
    h: float = LANE_H


@dataclass
class Arrow:
    index: int
    object: str
    created_on: str
    used_on: str
    at: str | None
    path: str            # numbers only
    label_x: float
    label_y: float
    short: str


@dataclass
class Picture:
    width: float
    height: float
    lanes: list[Lane] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    arrows: list[Arrow] = field(default_factory=list)
    columns: list[tuple[int, float]] = field(default_factory=list)   # (step number shown, x centre)
    hidden_steps: int = 0


def shorten(text: str, limit: int) -> str:
    text = str(text or "")
    return text if len(text) <= limit else text[: limit - 1] + "\N{HORIZONTAL ELLIPSIS}"


def layout(timeline: dict) -> Picture | None:
    """Where each lane, box and arrow goes; None when there is nothing to draw."""
    loops = list(timeline.get("loops") or [])
    steps = sorted(timeline.get("steps") or [], key=lambda s: s.get("order", 0))
    if not loops:
        return None
    lane_of = {loop["id"]: index for index, loop in enumerate(loops)}
    drawn = [s for s in steps if s.get("kind") in BOX_KINDS and s.get("loop") in lane_of]
    hidden = max(0, len(drawn) - MAX_COLUMNS)
    drawn = drawn[:MAX_COLUMNS]
    columns = max(1, len(drawn))
    width = max(MIN_WIDTH, LABEL_W + columns * COL_W + 24)
    height = TOP + len(loops) * LANE_H + BOTTOM

    def column_x(col: int) -> float:
        return LABEL_W + col * COL_W + (COL_W - BOX_W) / 2

    boxes = []
    for col, step in enumerate(drawn):
        lane = lane_of[step["loop"]]
        boxes.append(Box(
            x=column_x(col), y=TOP + lane * LANE_H + (LANE_H - BOX_H) / 2, order=step.get("order", col),
            kind=step["kind"], kind_label=BOX_KINDS[step["kind"]], name=str(step.get("name", "")),
            short=_box_label(str(step.get("name", "")), step["kind"]), loop=step["loop"], outcome=step.get("outcome"),
            inferred=bool(step.get("inferred")),
        ))

    lanes = []
    for index, loop in enumerate(loops):
        mine = [b for b in boxes if b.loop == loop["id"]]
        created = [s for s in steps if s.get("loop") == loop["id"] and s.get("kind") == "loop-created"]
        x1 = mine[0].x - 10 if mine else LABEL_W
        if created:
            before = [b for b in boxes if b.order < created[0].get("order", 0)]
            x1 = (before[-1].x + BOX_W + 7) if before else LABEL_W
        closed_at = loop.get("closed_at")
        if closed_at is None:
            closed = next((s.get("order") for s in steps
                           if s.get("loop") == loop["id"] and s.get("kind") == "loop-closed"), None)
        else:
            closed = closed_at
        if closed is not None:
            upto = [b for b in boxes if b.order <= closed]
            x2 = (upto[-1].x + BOX_W + 7) if upto else x1 + 14
            x2 = max(x2, (mine[-1].x + BOX_W + 7) if mine else x2)
        else:
            x2 = width - 8
        y = TOP + index * LANE_H
        scope = str(loop.get("scope", ""))
        lifetime = (f"closed after step {closed}" if closed is not None else "open to the end")
        label = str(loop.get("label") or loop["id"])
        main, _, detail = label.partition(" (")
        detail = detail[:-1] if detail.endswith(")") else detail
        lanes.append(Lane(index, str(loop["id"]), scope, label, shorten(main, 22), shorten(detail, 23), lifetime,
                          y, y + LANE_H / 2, x1, x2, closed is not None))

    arrows = []
    for index, crossing in enumerate(timeline.get("crossings") or []):
        source = _source_box(boxes, crossing)
        target = _target_box(boxes, crossing)
        if source is None or target is None:
            continue
        path, lx, ly = _route(source, target, index)
        arrows.append(Arrow(index, str(crossing.get("object", "")), str(crossing.get("created_on", "")),
                            str(crossing.get("used_on", "")), crossing.get("at"), path, lx, ly,
                            shorten(crossing.get("object", ""), 22)))

    numbers = [(b.order, b.x + BOX_W / 2) for b in boxes]
    return Picture(width, height, lanes, boxes, arrows, numbers, hidden)


def _box_label(name: str, kind: str) -> str:
    """A test shows its own name (and parameters), not its module path; the full id is in the tooltip."""
    if kind == "test-call" and "::" in name:
        name = name.split("::")[-1]
    return shorten(name, 17)


def _matches(name: str, wanted: str | None) -> bool:
    if not wanted:
        return False
    name, wanted = name.lower(), str(wanted).lower()
    return name == wanted or wanted.endswith("::" + name) or name.endswith("::" + wanted) or name in wanted


def _source_box(boxes: list[Box], crossing: dict) -> Box | None:
    """The set-up that made the object: on the creating loop, named like the object when one is."""
    mine = [b for b in boxes if b.loop == crossing.get("created_on")]
    setups = [b for b in mine if b.kind == "fixture-setup"]
    return (next((b for b in setups if _matches(b.name, crossing.get("object"))), None)
            or (setups[0] if setups else (mine[0] if mine else None)))


def _target_box(boxes: list[Box], crossing: dict) -> Box | None:
    """The step that awaited the object: on the using loop, named by ``at`` when given."""
    mine = [b for b in boxes if b.loop == crossing.get("used_on")]
    calls = [b for b in mine if b.kind == "test-call"]
    return (next((b for b in mine if _matches(b.name, crossing.get("at"))), None)
            or (calls[0] if calls else (mine[0] if mine else None)))


def _route(source: Box, target: Box, index: int) -> tuple[str, float, float]:
    """An elbow from the source box's edge to the target box's edge; numbers only."""
    sx = source.x + BOX_W / 2 - 18 + (index % 3) * 12
    tx = target.x + 22 + (index % 3) * 10
    if target.y > source.y:
        sy, ty = source.y + BOX_H, target.y
        mid = sy + 8 + (index % 3) * 5
        label_y = mid + 12
    elif target.y < source.y:
        sy, ty = source.y, target.y + BOX_H
        mid = sy - 8 - (index % 3) * 5
        label_y = mid - 4
    else:   # same lane (a foreign loop drawn on one row): go round below
        sy, ty = source.y + BOX_H, target.y + BOX_H
        mid = sy + 12 + (index % 3) * 5
        label_y = mid + 12
    path = f"M {sx:.1f} {sy:.1f} V {mid:.1f} H {tx:.1f} V {ty:.1f}"
    return path, (sx + tx) / 2, label_y
