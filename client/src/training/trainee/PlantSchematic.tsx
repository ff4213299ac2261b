/**
 * One plant as an operator's schematic (SVG, laid out from the scenario by schematicLayout.ts): its heat sources
 * feeding the heat pumps' evaporators, the units between the return and the supply header, the main plant's
 * circulation pumps and make-up, and the outlet to the network with the supply and return temperatures. Each
 * unit shows its state as a word and a shape, its load and its COP or state of charge; lines carrying water are
 * drawn solid, idle ones dashed; a tripped unit is drawn red, one in maintenance amber, the rest grey.
 *
 * React renders the drawing once per scenario and plant; the live values are written into its elements on the
 * HUD tick (2 Hz) straight from liveFrame, as the unit grid does, so nothing re-renders as frames arrive.
 * For an operator, each unit, the standby pump and the make-up pumps are buttons: Enter, Space or a click opens
 * their actions (the unit's commands, the storage modes, start and stop, the pumps in service), and an action
 * asks for confirmation like every control of the console.
 */
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { liveFrame } from '../../net/liveFrame';
import { useHudTick } from '../../hud/hudTicker';
import { useTraining } from '../../state/trainingStore';
import type { Scenario } from '../../../../shared/scenario/schema';
import { askConfirm } from './confirmStore';
import {
  lastDone,
  MAKE_UP_PUMPS,
  makeUpAction,
  PUMP_DONE,
  STANDBY_PUMP_ACTIONS,
  STORAGE_MODES,
  storageModeAction,
} from './plantCommands';
import {
  BASE_TEXT_PX,
  BRIDGE_HALF,
  layoutPlant,
  TEXT,
  TEXT_LEFT,
  type Arrow,
  type Box,
  type Line,
  type SchematicLayout,
} from './schematicLayout';
import { unitActions, unitLabel, type ControlAction } from './unitActions';
import { celsius, KIND_TEXT, write } from './UnitGrid';
import { mwText, readUnit } from './unitState';
import './schematic.css';

/** Something on the schematic an operator can act on. */
interface Target {
  key: string;
  title: string;
  box: Box;
  actions: readonly ControlAction[];
}

/** States in which a unit moves water through its lines. */
const FLOWING = new Set(['running', 'charging', 'discharging']);

/** The state shapes (unitState.ts) as paths around (0, 0); ring and box are drawn as outlines (schematic.css). */
const SHAPES: Record<string, string> = {
  dot: 'M-4.5,0a4.5,4.5 0 1,0 9,0a4.5,4.5 0 1,0 -9,0Z',
  ring: 'M-4.5,0a4.5,4.5 0 1,0 9,0a4.5,4.5 0 1,0 -9,0Z',
  half: 'M-4.5,0a4.5,4.5 0 1,0 9,0a4.5,4.5 0 1,0 -9,0ZM0,-4.5v9a4.5,4.5 0 0,1 0,-9Z',
  cross: 'M-4.5,-3L-3,-4.5L0,-1.5L3,-4.5L4.5,-3L1.5,0L4.5,3L3,4.5L0,1.5L-3,4.5L-4.5,3L-1.5,0Z',
  box: 'M-4,-4h8v8h-8Z',
  up: 'M0,-4.5L4.5,4L-4.5,4Z',
  down: 'M-4.5,-4L4.5,-4L0,4.5Z',
};

function flowText(kgS: number): string {
  return Number.isFinite(kgS) ? `${kgS.toFixed(1)} kg/s` : '— kg/s';
}

/** An arrowhead with its tip at (x, y), or its base there when it points left (the water coming in). */
function arrowPath({ x, y, dir }: Arrow): string {
  return dir === 'right'
    ? `M${x - 9},${y - 5}L${x},${y}L${x - 9},${y + 5}Z`
    : `M${x},${y}L${x + 9},${y - 5}L${x + 9},${y + 5}Z`;
}

function pathOf(points: Line['points']): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x},${y}`).join('');
}

function capitalised(word: string): string {
  return `${word[0].toUpperCase()}${word.slice(1)}`;
}

/** A pump: a circle with a triangle pointing the way it pumps (right along the supply, up into the return). */
function Pump({ box, up = false }: { box: Box; up?: boolean }) {
  const cx = box.x + box.w / 2;
  const cy = box.y + box.h / 2;
  const mark = up
    ? `M${cx - 5},${cy + 4}L${cx},${cy - 6}L${cx + 5},${cy + 4}Z`
    : `M${cx - 4},${cy - 5}L${cx + 6},${cy}L${cx - 4},${cy + 5}Z`;
  return (
    <>
      <circle className="sx-pump" cx={cx} cy={cy} r={box.w / 2} />
      <path className="sx-pump-mark" d={mark} />
    </>
  );
}

/** What an operator can act on in this plant's schematic. */
function targetsOf(layout: SchematicLayout): Target[] {
  const targets: Target[] = layout.units.map((u) => ({
    key: `unit-${u.spec.id}`,
    title: `${unitLabel(u.spec)}, ${KIND_TEXT[u.spec.kind].toLowerCase()}`,
    box: u,
    actions: u.spec.kind === 'storage' ? STORAGE_MODES.map(storageModeAction) : unitActions(u.spec),
  }));
  if (layout.pumps)
    targets.push(
      { key: 'standby', title: 'Standby circulation pump', box: layout.pumps.standby, actions: STANDBY_PUMP_ACTIONS },
      {
        key: 'makeUp',
        title: 'Make-up pumps in service',
        box: layout.pumps.makeUp,
        actions: MAKE_UP_PUMPS.map(makeUpAction),
      },
    );
  return targets;
}

/** Where a target's actions open: under it, from its left edge, or from its right edge in the right half. */
function menuPlace(box: Box, layout: SchematicLayout) {
  const top = `${((box.y + box.h + 4) / layout.height) * 100}%`;
  return box.x + box.w / 2 > layout.width / 2
    ? { top, right: `${((layout.width - box.x - box.w) / layout.width) * 100}%` }
    : { top, left: `${(box.x / layout.width) * 100}%` };
}

export function PlantSchematic({ scenario, canControl }: { scenario: Scenario; canControl: boolean }) {
  const id = useId();
  const [plantId, setPlantId] = useState<string | null>(null);
  const chosen = scenario.plants.findIndex((pl) => pl.id === plantId);
  const p = chosen >= 0 ? chosen : Math.max(0, scenario.plants.findIndex((pl) => pl.main));
  const layout = useMemo(() => layoutPlant(scenario, p), [scenario, p]);
  const targets = useMemo(() => new Map(targetsOf(layout).map((t) => [t.key, t])), [layout]);
  const standby = useTraining((s) => lastDone(s.events, 'standbyPump')?.action ?? null);
  const [open, setOpen] = useState<string | null>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = `${id}-actions`;
  const openTarget = open === null ? undefined : targets.get(open);

  const paint = () => {
    const f = liveFrame.frame;
    const root = svg.current;
    if (!f || !root) return;
    const flowing: boolean[] = [];
    for (const g of root.querySelectorAll<SVGGElement>('[data-unit-index]')) {
      const i = Number(g.dataset.unitIndex);
      const u = layout.units[Number(g.dataset.index)];
      if (i >= f.counts.units || !u) continue;
      const r = readUnit(u.spec.kind, f.units.heatW[i], f.units.copOrSoc[i], f.units.mode[i]);
      flowing[u.index] = FLOWING.has(r.state);
      if (g.dataset.state !== r.state) g.dataset.state = r.state;
      const shape = g.querySelector<SVGPathElement>('.sx-shape');
      if (shape && shape.dataset.shape !== r.shape) {
        shape.dataset.shape = r.shape;
        shape.setAttribute('d', SHAPES[r.shape] ?? SHAPES.box);
      }
      write(g, '.sx-u-state', r.state);
      write(g, '.sx-u-load', r.load);
      if (u.caption === null) write(g, '.sx-u-extra', r.extra);
    }
    const outflow = p < f.counts.plants && f.plants.flowKgS[p] > 0;
    for (const el of root.querySelectorAll<SVGPathElement>('[data-line]')) {
      const carries = layout.lines[Number(el.dataset.line)].carries;
      const on =
        carries === 'plant'
          ? outflow
          : carries === 'standby'
            ? outflow && standby === 'start'
            : carries.some((u) => flowing[u]);
      const flow = on ? 'on' : 'off';
      if (el.dataset.flow !== flow) el.dataset.flow = flow;
    }
    if (p >= f.counts.plants) return;
    write(root, '[data-readout=supply]', `Supply ${celsius(f.plants.outletC[p])}`);
    write(root, '[data-readout=return]', `Return ${celsius(f.plants.returnC[p])}`);
    write(root, '[data-readout=heat]', `Heat ${mwText(f.plants.heatW[p])} · ${flowText(f.plants.flowKgS[p])}`);
  };
  useHudTick(paint);
  // A new drawing (another plant, the tab opened again) shows the latest values at once.
  useLayoutEffect(paint);

  useEffect(() => {
    const el = menu.current;
    if (!el) return;
    el.scrollIntoView({ block: 'nearest' });
    el.querySelector('button')?.focus();
  }, [open]);

  const focusTarget = (key: string) =>
    wrap.current?.querySelector<SVGGElement>(`[data-target="${key}"]`)?.focus();
  const choose = (target: Target, action: ControlAction) => {
    setOpen(null);
    focusTarget(target.key);
    askConfirm(action.label, action.command);
  };
  /** Props that make a symbol a button opening its actions, for an operator. */
  const control = (key: string, label: string) => {
    if (!canControl || !targets.has(key)) return { role: 'group', 'aria-label': label };
    const toggle = () => setOpen((o) => (o === key ? null : key));
    return {
      role: 'button',
      tabIndex: 0,
      'aria-label': label,
      'aria-expanded': open === key,
      'aria-controls': open === key ? menuId : undefined,
      'data-target': key,
      onClick: toggle,
      onKeyDown: (e: KeyboardEvent) => {
        if (e.key !== 'Enter' && e.key !== ' ') return;
        e.preventDefault();
        toggle();
      },
    };
  };

  const plant = layout.plant;
  const pumps = layout.pumps;
  const standbyLabel = `Standby circulation pump, last: ${standby ? PUMP_DONE[standby] : 'not commanded'}`;
  return (
    <div className="sx" data-testid="plant-schematic">
      <div className="sx-head">
        {scenario.plants.length > 1 ? (
          <label className="sx-picker">
            <span className="tr-label">Plant</span>
            <select
              value={plant.id}
              onChange={(e) => {
                setOpen(null);
                setPlantId(e.target.value);
              }}
            >
              {scenario.plants.map((pl) => (
                <option key={pl.id} value={pl.id}>
                  {pl.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <span className="sx-plant-name">{plant.name}</span>
        )}
      </div>
      <div
        ref={wrap}
        className="sx-wrap"
        style={{ maxWidth: `${layout.width / BASE_TEXT_PX}em` }}
        onKeyDown={(e) => {
          if (e.key !== 'Escape' || open === null) return;
          e.preventDefault();
          setOpen(null);
          focusTarget(open);
        }}
        onBlur={(e) => {
          if (open !== null && !wrap.current?.contains(e.relatedTarget)) setOpen(null);
        }}
      >
        <svg
          ref={svg}
          className="sx-svg"
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          role="group"
          aria-label={`Schematic of ${plant.name}`}
        >
          {layout.lines.map((line, i) => (
            <path key={i} className={`sx-line sx-c-${line.circuit}`} data-line={i} d={pathOf(line.points)} />
          ))}
          {layout.bridges.map((b, k) => {
            const d = `M${b.x},${b.y - BRIDGE_HALF}V${b.y + BRIDGE_HALF}`;
            return (
              <g key={`bridge-${k}`}>
                <path className="sx-halo" d={d} />
                <path className={`sx-line sx-c-${layout.lines[b.line].circuit}`} data-line={b.line} d={d} />
              </g>
            );
          })}
          {layout.arrows.map((a, k) => (
            <path key={`arrow-${k}`} className="sx-arrow" d={arrowPath(a)} />
          ))}
          {layout.sources.map((s) => (
            <g
              key={s.spec.id}
              className="sx-source"
              role="group"
              aria-label={`Heat source ${s.spec.id}, feeding ${s.heatPumps.map((u) => plant.units[u].id).join(', ')}`}
            >
              <title>{s.spec.name ?? s.spec.id}</title>
              <rect x={s.x} y={s.y} width={s.w} height={s.h} rx={3} />
              {s.lines.map((l, k) => (
                <text
                  key={k}
                  className={l.bold ? 'sx-src-tag' : 'sx-small'}
                  x={s.x + TEXT_LEFT}
                  y={s.y + 15 + k * 14}
                  fontSize={TEXT.small}
                >
                  {l.text}
                </text>
              ))}
            </g>
          ))}
          {layout.units.map((u) => {
            const key = `unit-${u.spec.id}`;
            const stateId = `${id}-state-${u.index}`;
            return (
              <g
                key={u.spec.id}
                {...control(key, targets.get(key)?.title ?? u.spec.id)}
                aria-describedby={stateId}
                data-index={u.index}
                data-unit-index={u.frameIndex}
                className="sx-unit"
                data-kind={u.spec.kind}
                data-sx-unit={u.spec.id}
              >
                <title>{u.spec.name ?? u.spec.id}</title>
                <rect
                  className="sx-box"
                  x={u.x}
                  y={u.y}
                  width={u.w}
                  height={u.h}
                  rx={u.spec.kind === 'storage' ? 12 : 3}
                />
                <text className="sx-tag" x={u.x + TEXT_LEFT} y={u.y + 15} fontSize={TEXT.tag}>
                  {u.tag}
                </text>
                <path
                  className="sx-shape"
                  data-shape="box"
                  d={SHAPES.box}
                  transform={`translate(${u.x + TEXT_LEFT + 5} ${u.y + 29})`}
                />
                <text
                  className="sx-u-state"
                  id={stateId}
                  data-testid={`unit-state-${u.spec.id}`}
                  x={u.x + TEXT_LEFT + 14}
                  y={u.y + 33}
                  fontSize={TEXT.value}
                >
                  —
                </text>
                <text className="sx-u-load sx-num" x={u.x + TEXT_LEFT} y={u.y + 48} fontSize={TEXT.value}>
                  —
                </text>
                <text className="sx-u-extra sx-num" x={u.x + TEXT_LEFT} y={u.y + 61} fontSize={TEXT.small}>
                  {u.caption ?? '—'}
                </text>
              </g>
            );
          })}
          {pumps && (
            <>
              <g role="group" aria-label="Duty circulation pump">
                <Pump box={pumps.duty} />
              </g>
              <g {...control('standby', standbyLabel)} data-last={standby ?? 'none'}>
                <Pump box={pumps.standby} />
              </g>
              <g {...control('makeUp', 'Make-up pumps')}>
                <Pump box={pumps.makeUp} up />
              </g>
            </>
          )}
          {layout.labels.map((l) => (
            <text
              key={l.key}
              className={`sx-label sx-label-${l.key}`}
              data-readout={l.key === 'supply' || l.key === 'return' || l.key === 'heat' ? l.key : undefined}
              x={l.x}
              y={l.y}
              textAnchor={l.anchor}
              fontSize={l.size}
              fontWeight={l.bold ? 700 : 500}
            >
              {l.text}
            </text>
          ))}
        </svg>
        {openTarget && (
          <div
            ref={menu}
            id={menuId}
            className="sx-menu"
            role="group"
            aria-label={`Actions for ${openTarget.title}`}
            data-testid="schematic-menu"
            style={menuPlace(openTarget.box, layout)}
          >
            <span className="sx-menu-title">{openTarget.title}</span>
            {openTarget.actions.map((a) => (
              <button key={a.action} type="button" onClick={() => choose(openTarget, a)}>
                {capitalised(a.action)}
              </button>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
