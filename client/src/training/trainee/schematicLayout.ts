/**
 * Where each symbol of one plant's schematic goes, worked out from the scenario alone (PlantSchematic.tsx draws
 * it). The view box's units are pixels at the console's 13 px text, so text sizes here are the console's.
 *
 * The plant reads left to right and bottom to top, as the water goes: the heat sources on the left, each feeding
 * the evaporators of its heat pumps by a source line under their row; the units (heat pumps grouped by source,
 * then boilers and storage) in rows between the return header at the bottom and the supply header at the top.
 * Each row hangs on a supply branch above it and a return branch below it; the branches meet the headers through
 * a supply and a return trunk left of the units. The supply header leaves the plant at the top right to the
 * network; the main plant's (the one whose pumps hold the network's pressure) carries the duty circulation pump
 * with the standby pump in parallel, and its make-up pumps feed the return header from below.
 *
 * Lines are cut into straight runs between the points where units join them, and each run knows which units'
 * water it carries (`carries`, the plant's unit indices), so the schematic can draw a run that carries flow
 * differently from an idle one. Where a vertical run crosses a horizontal one without joining it, a bridge marks
 * the crossing.
 */
import type { PlantSpec, Scenario, SourceSpec, UnitSpec } from '../../../../shared/scenario/schema';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface UnitSymbol extends Box {
  /** Index among the plant's units, and among all the scenario's units as the frame numbers them. */
  index: number;
  frameIndex: number;
  spec: UnitSpec;
  /** The unit's id, shortened in the middle when it is wider than the symbol. */
  tag: string;
  /** A boiler's fuel in words; the other kinds show a live value in its place. */
  caption: string | null;
}

export interface TextLine {
  text: string;
  bold: boolean;
}

export interface SourceSymbol extends Box {
  spec: SourceSpec;
  /** Its id, then its kind, wrapped to the symbol's width. */
  lines: TextLine[];
  /** The heat pumps it feeds (plant unit indices). */
  heatPumps: number[];
}

export type Circuit = 'supply' | 'return' | 'source';

/** What flows in a line: some of the plant's units, the plant's outlet flow, or the standby pump's branch. */
export type Carries = readonly number[] | 'plant' | 'standby';

export interface Line {
  points: ReadonlyArray<readonly [number, number]>;
  circuit: Circuit;
  carries: Carries;
}

/** A vertical line (index into `lines`) passing over a horizontal one at (x, y). */
export interface Bridge {
  line: number;
  x: number;
  y: number;
}

export type LabelKey =
  | 'supply'
  | 'heat'
  | 'toNetwork'
  | 'standby'
  | 'duty'
  | 'return'
  | 'fromNetwork'
  | 'makeUp';

export interface Label {
  key: LabelKey;
  /** The text's anchor point (y is its baseline) and how it hangs from it. */
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  size: number;
  bold: boolean;
  /** Fixed words, or for the live ones (supply, heat, return) what shows until the first frame. */
  text: string;
  /** The room it takes, for its longest text. */
  box: Box;
}

export interface Arrow {
  x: number;
  y: number;
  dir: 'left' | 'right';
}

export interface SchematicLayout {
  width: number;
  height: number;
  plant: PlantSpec;
  units: UnitSymbol[];
  sources: SourceSymbol[];
  /** The main plant's circulation pumps and make-up pumps; null on the other plants. */
  pumps: { duty: Box; standby: Box; makeUp: Box } | null;
  lines: Line[];
  bridges: Bridge[];
  labels: Label[];
  arrows: Arrow[];
}

/** The console's text size (px) the view box is drawn for. */
export const BASE_TEXT_PX = 13;
/** The view box's width: at the console's text size it matches the plant pane's at 1280x720 and 1920x1080. */
export const SCHEMATIC_WIDTH = 450;

const PAD = 6;
const SOURCE_W = 88;
/** From the sources' right edge: the supply trunk, the return trunk and the first unit column. */
const SUPPLY_TRUNK_DX = 12;
const RETURN_TRUNK_DX = 22;
const UNITS_DX = 34;
const UNIT_MIN_W = 88;
const UNIT_H = 66;
const COL_GAP = 10;
const ROW_GAP = 44;
const SUPPLY_HEADER_Y = 58;
/** Below a row: its return branch, then its source line; above it, its supply branch. */
const RETURN_BRANCH_DY = 9;
const SOURCE_LINE_DY = 21;
const SUPPLY_BRANCH_DY = 11;
/** A source symbol reaches this far below its last row, past that row's source line. */
const SOURCE_BELOW = 28;
/** Where a heat pump's source line comes in: this high above its bottom, from this far left of it. */
const EVAPORATOR_UP = 12;
const EVAPORATOR_DX = 5;
const RETURN_HEADER_DY = 34;
const BOTTOM_BAND = 42;
const PUMP_R = 9;
/** The duty pump sits this far in from the right edge; the standby branch rises this high beside it. */
const PUMP_FROM_RIGHT = 120;
const STANDBY_DY = 26;
const STANDBY_HALF_W = 16;
/** Half the length of a bridge over a crossed line. */
export const BRIDGE_HALF = 6;

/** A symbol's text starts this far in from its left edge and keeps as far from its right edge. */
export const TEXT_LEFT = 5;
/** Text sizes (px) of a symbol's text lines. */
export const TEXT = { tag: 12, value: 12, small: 11, readout: 13 } as const;

const SOURCE_KIND_TEXT: Record<SourceSpec['kind'], string> = {
  datacentre: 'Data centre',
  supermarket: 'Supermarket',
  wastewater: 'Wastewater',
  buildingCooling: 'Building cooling',
  outdoorAir: 'Outdoor air',
};

const FUEL_TEXT = {
  gas: 'Gas boiler',
  oil: 'Oil boiler',
  woodchips: 'Wood boiler',
  coal: 'Coal boiler',
  electric: 'E-boiler',
} as const;

/** A generous width of a character (px): system-ui averages about 0.55 em, 0.6 em in bold. */
function charWidth(size: number, bold: boolean): number {
  return size * (bold ? 0.64 : 0.6);
}

export function textWidth(text: string, size: number, bold = false): number {
  return text.length * charWidth(size, bold);
}

function charsIn(width: number, size: number, bold: boolean): number {
  return Math.max(1, Math.floor(width / charWidth(size, bold)));
}

/** The text, cut in the middle when longer than `max` characters: tags differ at their ends (hp-1, hp-2). */
function middleCut(text: string, max: number): string {
  if (text.length <= max) return text;
  const tail = Math.floor((max - 1) / 2);
  return `${text.slice(0, max - 1 - tail)}…${text.slice(text.length - tail)}`;
}

function joinWords(a: string, b: string): string {
  return a.endsWith('-') ? `${a}${b}` : `${a} ${b}`;
}

/** Breaks a text after spaces and hyphens into at most `maxLines` lines of `max` characters. */
function wrap(text: string, max: number, maxLines: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/(?<=-)|\s+/).filter((w) => w !== '')) {
    const last = lines.length - 1;
    if (last >= 0 && joinWords(lines[last], word).length <= max) lines[last] = joinWords(lines[last], word);
    else lines.push(word);
  }
  if (lines.length > maxLines) lines.splice(maxLines - 1, lines.length, lines.slice(maxLines - 1).reduce(joinWords));
  return lines.map((l) => middleCut(l, max));
}

/** Where each plant's units start in the frame's unit blocks: the scenario's order, plant after plant. */
export function frameUnitOffsets(scenario: Scenario): number[] {
  const out: number[] = [];
  let n = 0;
  for (const plant of scenario.plants) {
    out.push(n);
    n += plant.units.length;
  }
  return out;
}

interface LabelSpec {
  key: LabelKey;
  x: number;
  y: number;
  anchor?: Label['anchor'];
  size: number;
  text: string;
  /** The longest text it will show (a live value's), when longer than `text`. */
  widest?: string;
  bold?: boolean;
}

function label({ key, x, y, anchor = 'start', size, text, widest = text, bold = false }: LabelSpec): Label {
  const w = textWidth(widest, size, bold);
  const left = anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2;
  return { key, x, y, anchor, size, bold, text, box: { x: left, y: y - size * 0.8, w, h: size * 1.05 } };
}

interface Tap {
  at: number;
  units: readonly number[];
}

/**
 * A straight line from `start` along x (horizontal) or y, at `across` on the other axis, past its taps: one run
 * from each tap to the next, the run that ends at a tap carrying that tap's units and every farther tap's.
 */
function bus(circuit: Circuit, horizontal: boolean, across: number, start: number, taps: Tap[]): Line[] {
  const sorted = [...taps].sort((a, b) => Math.abs(a.at - start) - Math.abs(b.at - start));
  const lines: Line[] = [];
  let from = start;
  sorted.forEach((tap, i) => {
    if (tap.at === from) return;
    const carries = sorted.slice(i).flatMap((t) => t.units);
    const points: Line['points'] = horizontal
      ? [
          [from, across],
          [tap.at, across],
        ]
      : [
          [across, from],
          [across, tap.at],
        ];
    lines.push({ circuit, carries, points });
    from = tap.at;
  });
  return lines;
}

/** Where a vertical run of one line crosses a horizontal run of another inside both. */
function bridges(lines: readonly Line[]): Bridge[] {
  const segments = lines.flatMap((line, i) =>
    line.points.slice(1).map((b, k) => ({ line: i, a: line.points[k], b })),
  );
  const vertical = segments.filter((s) => s.a[0] === s.b[0] && s.a[1] !== s.b[1]);
  const horizontal = segments.filter((s) => s.a[1] === s.b[1] && s.a[0] !== s.b[0]);
  const inside = (v: number, p: number, q: number) => v > Math.min(p, q) + 1 && v < Math.max(p, q) - 1;
  const out: Bridge[] = [];
  for (const v of vertical)
    for (const h of horizontal) {
      const x = v.a[0];
      const y = h.a[1];
      if (v.line !== h.line && inside(x, h.a[0], h.b[0]) && inside(y, v.a[1], v.b[1])) out.push({ line: v.line, x, y });
    }
  return out;
}

/** The schematic of the scenario's plant `plantIndex`, `width` wide. */
export function layoutPlant(scenario: Scenario, plantIndex: number, width = SCHEMATIC_WIDTH): SchematicLayout {
  const plant = scenario.plants[plantIndex];
  const firstFrameUnit = frameUnitOffsets(scenario)[plantIndex];

  // Heat pumps grouped by their source (in the order the plant first names each), then the other units.
  const groups: Array<{ spec: SourceSpec; heatPumps: number[] }> = [];
  const others: number[] = [];
  plant.units.forEach((u, i) => {
    const spec = u.kind === 'heatPump' ? scenario.sources.find((s) => s.id === u.source) : undefined;
    const group = groups.find((g) => g.spec === spec);
    if (!spec) others.push(i);
    else if (group) group.heatPumps.push(i);
    else groups.push({ spec, heatPumps: [i] });
  });

  const sourcesRight = groups.length > 0 ? PAD + SOURCE_W : PAD;
  const supplyTrunkX = sourcesRight + SUPPLY_TRUNK_DX;
  const returnTrunkX = sourcesRight + RETURN_TRUNK_DX;
  const unitsLeft = sourcesRight + UNITS_DX;
  const room = width - PAD - unitsLeft;
  const cols = Math.max(1, Math.floor((room + COL_GAP) / (UNIT_MIN_W + COL_GAP)));
  const unitW = Math.floor((room - (cols - 1) * COL_GAP) / cols);

  // Rows: each source's heat pumps start a row of their own, so a row's source line serves one source.
  const rows: number[][] = [];
  const groupRows = groups.map((g) => {
    const first = rows.length;
    g.heatPumps.forEach((u, k) => {
      if (k % cols === 0) rows.push([]);
      rows[rows.length - 1].push(u);
    });
    return { first, last: rows.length - 1 };
  });
  for (const u of others) {
    if (rows.length === 0 || rows[rows.length - 1].length === cols) rows.push([]);
    rows[rows.length - 1].push(u);
  }

  const rowTop = (r: number) => SUPPLY_HEADER_Y + ROW_GAP + r * (UNIT_H + ROW_GAP);
  const rowBottom = (r: number) => rowTop(r) + UNIT_H;
  const lastRow = rows.length - 1;
  const returnHeaderY = rowBottom(lastRow) + RETURN_HEADER_DY;
  const height = returnHeaderY + BOTTOM_BAND;
  const tagChars = charsIn(unitW - 2 * TEXT_LEFT, TEXT.tag, true);

  const units: UnitSymbol[] = [];
  rows.forEach((row, r) =>
    row.forEach((index, c) => {
      const spec = plant.units[index];
      units.push({
        x: unitsLeft + c * (unitW + COL_GAP),
        y: rowTop(r),
        w: unitW,
        h: UNIT_H,
        index,
        frameIndex: firstFrameUnit + index,
        spec,
        tag: middleCut(spec.id, tagChars),
        caption: spec.kind === 'boiler' ? FUEL_TEXT[spec.fuel] : null,
      });
    }),
  );
  units.sort((a, b) => a.index - b.index);
  const centre = (u: number) => units[u].x + units[u].w / 2;
  const evaporatorX = (u: number) => units[u].x - EVAPORATOR_DX;

  const sourceChars = charsIn(SOURCE_W - 2 * TEXT_LEFT, TEXT.small, true);
  const sources: SourceSymbol[] = groups.map((g, k) => {
    const { first, last } = groupRows[k];
    const tag = wrap(g.spec.id, sourceChars, 2).map((text) => ({ text, bold: true }));
    const kind = wrap(SOURCE_KIND_TEXT[g.spec.kind], sourceChars, 2).map((text) => ({ text, bold: false }));
    const y = rowTop(first);
    const h = rowBottom(last) + SOURCE_BELOW - y;
    return { x: PAD, y, w: SOURCE_W, h, spec: g.spec, lines: [...tag, ...kind], heatPumps: g.heatPumps };
  });

  const lines: Line[] = [];
  const rowTaps = (at: (u: number) => number) => (row: number[]) => row.map((u) => ({ at: at(u), units: [u] }));
  rows.forEach((row, r) => {
    const top = rowTop(r);
    const bottom = rowBottom(r);
    lines.push(...bus('supply', true, top - SUPPLY_BRANCH_DY, supplyTrunkX, rowTaps(centre)(row)));
    lines.push(...bus('return', true, bottom + RETURN_BRANCH_DY, returnTrunkX, rowTaps(centre)(row)));
    for (const u of row) {
      const x = centre(u);
      lines.push({ circuit: 'supply', carries: [u], points: [[x, top], [x, top - SUPPLY_BRANCH_DY]] });
      lines.push({ circuit: 'return', carries: [u], points: [[x, bottom + RETURN_BRANCH_DY], [x, bottom]] });
    }
    const heatPumps = row.filter((u) => groups.some((g) => g.heatPumps.includes(u)));
    if (heatPumps.length > 0)
      lines.push(...bus('source', true, bottom + SOURCE_LINE_DY, sourcesRight, rowTaps(evaporatorX)(heatPumps)));
    for (const u of heatPumps) {
      const x = evaporatorX(u);
      const y = bottom - EVAPORATOR_UP;
      lines.push({ circuit: 'source', carries: [u], points: [[x, bottom + SOURCE_LINE_DY], [x, y], [units[u].x, y]] });
    }
  });
  const branchTaps = (dy: (r: number) => number) => rows.map((row, r) => ({ at: dy(r), units: row }));
  lines.push(...bus('supply', false, supplyTrunkX, SUPPLY_HEADER_Y, branchTaps((r) => rowTop(r) - SUPPLY_BRANCH_DY)));
  lines.push(...bus('return', false, returnTrunkX, returnHeaderY, branchTaps((r) => rowBottom(r) + RETURN_BRANCH_DY)));

  const right = width - PAD;
  const header = (circuit: Circuit, y: number, from: number, to: number): Line => ({
    circuit,
    carries: 'plant',
    points: [
      [from, y],
      [to, y],
    ],
  });
  lines.push(header('supply', SUPPLY_HEADER_Y, supplyTrunkX, right));
  lines.push(header('return', returnHeaderY, right, returnTrunkX));

  const readoutX = supplyTrunkX + 8;
  const returnY = returnHeaderY + 18;
  const returnLabel = label({
    key: 'return',
    x: returnTrunkX + 8,
    y: returnY,
    size: TEXT.readout,
    text: 'Return — °C',
    widest: 'Return 199.9 °C',
    bold: true,
  });
  const labels: Label[] = [
    label({
      key: 'heat',
      x: readoutX,
      y: 18,
      size: TEXT.small,
      text: 'Heat — MW · — kg/s',
      widest: 'Heat 999.99 MW · 9999.9 kg/s',
    }),
    label({
      key: 'supply',
      x: readoutX,
      y: SUPPLY_HEADER_Y - 8,
      size: TEXT.readout,
      text: 'Supply — °C',
      widest: 'Supply 199.9 °C',
      bold: true,
    }),
    label({ key: 'toNetwork', x: right, y: SUPPLY_HEADER_Y - 8, anchor: 'end', size: TEXT.small, text: 'To network' }),
    returnLabel,
    label({ key: 'fromNetwork', x: right, y: returnY - 2, anchor: 'end', size: TEXT.small, text: 'From network' }),
  ];
  const arrows: Arrow[] = [
    { x: right, y: SUPPLY_HEADER_Y, dir: 'right' },
    { x: right - 10, y: returnHeaderY, dir: 'left' },
  ];

  let pumps: SchematicLayout['pumps'] = null;
  if (plant.main) {
    const px = width - PUMP_FROM_RIGHT;
    const standbyY = SUPPLY_HEADER_Y - STANDBY_DY;
    const pumpBox = (x: number, y: number): Box => ({ x: x - PUMP_R, y: y - PUMP_R, w: 2 * PUMP_R, h: 2 * PUMP_R });
    const makeUpX = returnLabel.box.x + returnLabel.box.w + 24;
    const makeUpY = returnHeaderY + 26;
    pumps = { duty: pumpBox(px, SUPPLY_HEADER_Y), standby: pumpBox(px, standbyY), makeUp: pumpBox(makeUpX, makeUpY) };
    lines.push({
      circuit: 'supply',
      carries: 'standby',
      points: [
        [px - STANDBY_HALF_W, SUPPLY_HEADER_Y],
        [px - STANDBY_HALF_W, standbyY],
        [px + STANDBY_HALF_W, standbyY],
        [px + STANDBY_HALF_W, SUPPLY_HEADER_Y],
      ],
    });
    lines.push({ circuit: 'return', carries: [], points: [[makeUpX, makeUpY - PUMP_R], [makeUpX, returnHeaderY]] });
    const dutyLabelX = px - STANDBY_HALF_W - 4;
    const makeUpText = `Make-up ${scenario.network.makeUp.capacityKgS} kg/s each`;
    labels.push(
      label({ key: 'standby', x: px, y: standbyY - PUMP_R - 4, anchor: 'middle', size: TEXT.small, text: 'Standby' }),
      label({ key: 'duty', x: dutyLabelX, y: SUPPLY_HEADER_Y - 6, anchor: 'end', size: TEXT.small, text: 'Duty' }),
      label({ key: 'makeUp', x: makeUpX + PUMP_R + 5, y: makeUpY + 4, size: TEXT.small, text: makeUpText }),
    );
  }

  return { width, height, plant, units, sources, pumps, lines, bridges: bridges(lines), labels, arrows };
}
