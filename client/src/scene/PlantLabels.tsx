/**
 * A label over each plant, large enough to read from two metres: its short name (labelPlacement.ts shortLabel),
 * the heat it feeds into the network (plant block heatW) and its heat pumps' COP (heat-weighted: sum of heat /
 * sum of electricity over running heat pumps). The label is a button: hovering or focusing it shows the full
 * name and the same live figures in a tooltip, and a click (or Enter) selects the plant as a click on its
 * machines does. DOM text via drei <Html>, updated through refs when a new frame arrived, so React never renders
 * per frame and labels cost no draw calls. Labels float LABEL_LIFT_M above the roof, times the city's draw scale
 * (cityLayout.ts); where two would cover each other on screen the higher one is lifted clear, and one that would
 * run under a HUD or story panel, or off the screen's edge, moves back clear or hides (labelPlacement.ts).
 * Placement is re-done every frame as the camera moves; label sizes are measured only when their text changes,
 * the panels' rectangles twice a second.
 * Story views (storyView.ts): the baseline view draws the city heated by its fossil baseline plant alone, so the
 * real plants' labels give way to the fossil plant's (fossilPlant.ts): its name, what it burns, its fuel burn
 * now (from the KPI stream's fuel total) and its CO2 an hour (baselineCo2TonnesPerH). The compare view shows the
 * real plants' labels and, beside the main plant, the fossil plant's as "Before: ...".
 */
import { useMemo, useRef } from 'react';
import * as THREE from 'three';
import { useFrame, useThree } from '@react-three/fiber';
import { Html } from '@react-three/drei';
import type { Scenario } from '../../../shared/scenario/schema';
import type { StoryView } from '../../../shared/story/schema';
import { liveFrame } from '../net/liveFrame';
import { twinStore } from '../state/store';
import type { CityLayout } from './cityLayout';
import { baselineFuelRateMW, burnsFuel, fossilSite, FUEL_WORDS } from './fossilPlant';
import { plantPosition } from './initialView';
import { clearPanels, createLabelBoxes, shortLabel, stackLabels, writeScreenEdges } from './labelPlacement';
import { storyView } from './storyView';
import { useLatest } from './useLatest';

const LABEL_LIFT_M = 10;
/** Space kept between stacked labels (px). */
const LABEL_GAP_PX = 4;

const labelStyle: React.CSSProperties = {
  position: 'relative',
  transform: 'translate(-50%, -100%)',
};

const buttonStyle: React.CSSProperties = {
  display: 'block',
  pointerEvents: 'auto',
  whiteSpace: 'nowrap',
  textAlign: 'left',
  background: 'rgba(10, 14, 22, 0.82)',
  color: '#fff',
  font: '600 15px/1.25 system-ui, sans-serif',
  padding: '4px 8px',
  borderRadius: 6,
  border: '1px solid rgba(120, 230, 255, 0.5)',
  cursor: 'pointer',
};

const tooltipStyle: React.CSSProperties = {
  display: 'none',
  position: 'absolute',
  left: '50%',
  bottom: 'calc(100% + 6px)',
  transform: 'translateX(-50%)',
  width: 'max-content',
  maxWidth: 360,
  background: 'rgba(10, 14, 22, 0.94)',
  color: '#fff',
  font: '500 15px/1.3 system-ui, sans-serif',
  padding: '6px 10px',
  borderRadius: 8,
  boxShadow: '0 4px 16px rgba(0, 0, 0, 0.4)',
  pointerEvents: 'none',
};

/** The fossil plant's label: its frame in the colour of fire rather than of the waste-heat plants' water. */
const fossilButtonStyle: React.CSSProperties = { ...buttonStyle, border: '2px solid #ff9a3c', cursor: 'default' };
/** Its name may run longer than a plant's: it is the one label of the view. */
const FOSSIL_LABEL_CHARS = 40;
/** The fossil plant's two labels, after the plants': where it stands in the baseline view and in compare. */
const FOSSIL_VIEWS = ['baseline', 'compare'] as const;

const mwText = (mw: number) => `${mw.toFixed(mw < 10 ? 2 : 1)} MW`;

/** Whether label `i` of `plants` plants (then the fossil plant's two) shows in a story view. */
function shownIn(view: StoryView, i: number, plants: number): boolean {
  if (i < plants) return view !== 'baseline';
  return view === FOSSIL_VIEWS[i - plants];
}

const labelTransform = (liftPx: number, shiftPx: number) =>
  `translate(calc(-50% + ${shiftPx.toFixed(0)}px), calc(-100% - ${liftPx.toFixed(0)}px))`;
/** The screen panels labels keep clear of, and how often their rectangles are re-read (ms). */
const PANEL_SELECTOR = '.hud-panel, .story-panel';
const PANEL_REFRESH_MS = 500;
const MAX_PANELS = 32;
/** The screen's four edges go in after the panels. */
const EDGE_RECTS = 4;

/** Where each label was last put on screen, and the scratch space to place them again. */
function createPlacement(plants: number) {
  const n = plants + FOSSIL_VIEWS.length;
  // The fossil plant's labels start hidden (their style says so) until a view shows them.
  const applied = { lift: new Float64Array(n), shift: new Float64Array(n), hidden: new Uint8Array(n).fill(1, plants) };
  const panels = new Float64Array(4 * (MAX_PANELS + EDGE_RECTS));
  const boxes = createLabelBoxes(n);
  const inView = new Uint8Array(n);
  return { boxes, applied, inView, v: new THREE.Vector3(), panels, panelCount: 0, panelsReadMs: -Infinity };
}
type Placement = ReturnType<typeof createPlacement>;

/** The panels' and the screen edges' rectangles in canvas pixels; they move when panels open, close or grow. */
function readPanels(placement: Placement, canvas: HTMLCanvasElement, nowMs: number): void {
  if (nowMs - placement.panelsReadMs < PANEL_REFRESH_MS) return;
  placement.panelsReadMs = nowMs;
  const origin = canvas.getBoundingClientRect();
  let n = 0;
  for (const el of document.querySelectorAll(PANEL_SELECTOR)) {
    if (n === MAX_PANELS) break;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const { left, top } = origin;
    placement.panels.set([r.left - left, r.top - top, r.right - left, r.bottom - top], 4 * n++);
  }
  placement.panelCount = n + writeScreenEdges(placement.panels, n, origin.width, origin.height);
}

export function PlantLabels({ scenario, layout }: { scenario: Scenario; layout: CityLayout }) {
  const connected = useThree((s) => Boolean(s.events.connected));
  const values = useRef<Array<HTMLSpanElement | null>>([]);
  const tips = useRef<Array<HTMLSpanElement | null>>([]);
  const tipValues = useRef<Array<HTMLSpanElement | null>>([]);
  const labels = useRef<Array<HTMLDivElement | null>>([]);
  const lastVersion = useRef(-1);
  const lastKpi = useRef<object | null>(null);
  const plants = scenario.plants.length;
  const placementRef = useLatest(useMemo(() => createPlacement(plants), [plants]));
  const anchors = useMemo(() => {
    const lift = LABEL_LIFT_M * layout.drawScale;
    const real = scenario.plants.map((_, pi) => {
      const { x, z, roofM } = plantPosition(scenario, layout, pi);
      return [x, roofM + lift, z] as const;
    });
    const fossil = FOSSIL_VIEWS.map((v) => {
      const { label } = fossilSite(scenario, layout, v === 'compare');
      return [label.x, label.heightM + lift, -label.y] as const;
    });
    return [...real, ...fossil];
  }, [scenario, layout]);

  /** Measures label `i` for placement after its text changed. */
  const measure = (placement: Placement, i: number): void => {
    const label = labels.current[i];
    if (!label) return;
    placement.boxes.w[i] = label.offsetWidth;
    placement.boxes.h[i] = label.offsetHeight;
  };

  /** The fossil plant's figures when a new KPI sample came: fuel burn from the totals, CO2 an hour. */
  const updateFossil = (placement: Placement): void => {
    const { kpi, kpiHistory } = twinStore.getState();
    if (!kpi || kpi === lastKpi.current) return;
    lastKpi.current = kpi;
    const { fuel, efficiency } = scenario.baseline;
    const fuelMW = baselineFuelRateMW(kpiHistory);
    const co2 = kpi.baselineCo2TonnesPerH;
    const co2Text = `${co2.toFixed(co2 < 10 ? 2 : 1)} t CO₂/h`;
    const use = burnsFuel(fuel) ? `Burns ${FUEL_WORDS[fuel]}` : 'Uses electricity';
    const value = fuelMW === null ? use : `${use} · ${mwText(fuelMW)} fuel · ${co2Text}`;
    const rate = fuelMW === null ? '' : `: ${mwText(fuelMW)} of ${FUEL_WORDS[fuel]}, ${co2Text}`;
    const percent = (efficiency * 100).toFixed(0);
    const tip = `Making the city's heat now from ${FUEL_WORDS[fuel]} at ${percent} % efficiency${rate}`;
    FOSSIL_VIEWS.forEach((_, k) => {
      const i = plants + k;
      const el = values.current[i];
      if (el) el.textContent = value;
      const tipEl = tipValues.current[i];
      if (tipEl) tipEl.textContent = tip;
      measure(placement, i);
    });
  };

  /** New label text when a new frame arrived, and the labels' sizes with it. */
  const updateValues = (placement: Placement): void => {
    const f = liveFrame.frame;
    if (!f || liveFrame.version === lastVersion.current || f.counts.plants !== scenario.plants.length) return;
    lastVersion.current = liveFrame.version;
    scenario.plants.forEach((plant, pi) => {
      const el = values.current[pi];
      if (!el) return;
      let hpHeatW = 0;
      let hpElectricityW = 0;
      let firing = false;
      plant.units.forEach((unit, ui) => {
        const u = layout.unitOffset[pi] + ui;
        const heatW = f.units.heatW[u] ?? 0;
        if (unit.kind === 'heatPump' && heatW > 0) {
          hpHeatW += heatW;
          hpElectricityW += f.units.electricityW[u] ?? 0;
        } else if (unit.kind === 'boiler' && heatW > 0) firing = true;
      });
      const mw = (f.plants.heatW[pi] ?? 0) / 1e6;
      const heat = `${mw.toFixed(mw < 10 ? 2 : 1)} MW`;
      const cop = hpElectricityW > 0 ? (hpHeatW / hpElectricityW).toFixed(1) : null;
      el.textContent = `${heat}${cop ? ` · COP ${cop}` : ''}${firing ? ' · boiler on' : ''}`;
      const tip = tipValues.current[pi];
      if (tip) {
        const pumps = cop ? ` · heat-pump COP ${cop}` : '';
        tip.textContent = `Now: ${heat} into the network${pumps}${firing ? ' · boilers firing' : ''}`;
      }
      measure(placement, pi);
    });
  };

  useFrame(({ camera, size, gl, clock }) => {
    const placement = placementRef.current;
    updateValues(placement);
    updateFossil(placement);
    readPanels(placement, gl.domElement, clock.elapsedTime * 1000);
    const { boxes, applied, inView, v } = placement;
    const view = storyView();
    for (let pi = 0; pi < anchors.length; pi++) {
      const a = anchors[pi];
      v.set(a[0], a[1], a[2]).project(camera);
      inView[pi] = shownIn(view, pi, plants) ? 1 : 0;
      boxes.visible[pi] = inView[pi] && v.z < 1 && labels.current[pi] ? 1 : 0;
      boxes.x[pi] = ((v.x + 1) / 2) * size.width;
      boxes.y[pi] = ((1 - v.y) / 2) * size.height;
    }
    stackLabels(boxes, LABEL_GAP_PX);
    clearPanels(boxes, placement.panels, placement.panelCount, LABEL_GAP_PX);
    for (let pi = 0; pi < anchors.length; pi++) {
      const el = labels.current[pi];
      if (!el) continue;
      const hidden = boxes.hidden[pi] || !inView[pi] ? 1 : 0;
      if (hidden !== applied.hidden[pi]) {
        applied.hidden[pi] = hidden;
        el.style.visibility = hidden ? 'hidden' : 'visible';
      }
      if (Math.abs(boxes.lift[pi] - applied.lift[pi]) < 0.5 && Math.abs(boxes.shift[pi] - applied.shift[pi]) < 0.5) continue;
      applied.lift[pi] = boxes.lift[pi];
      applied.shift[pi] = boxes.shift[pi];
      el.style.transform = labelTransform(boxes.lift[pi], boxes.shift[pi]);
    }
  });

  const showTip = (pi: number, shown: boolean) => {
    const tip = tips.current[pi];
    if (tip) tip.style.display = shown ? 'block' : 'none';
  };

  // drei's Html mounts into the element the canvas events connect to; mounted before that connection, the first
  // label's content was lost when Html moved to it. Mount once it exists.
  if (!connected) return null;
  return (
    <>
      {scenario.plants.map((plant, pi) => (
        <Html key={plant.id} position={anchors[pi]} zIndexRange={[5, 0]} style={{ pointerEvents: 'none' }}>
          <div
            style={labelStyle}
            data-testid="plant-label"
            ref={(el) => { labels.current[pi] = el; }}
            onPointerEnter={() => showTip(pi, true)}
            onPointerLeave={() => showTip(pi, false)}
          >
            <button
              type="button"
              style={buttonStyle}
              aria-label={plant.name}
              aria-describedby={`plant-tip-${pi}`}
              // Kept from the canvas underneath: a press here neither pans the map nor counts as a click on
              // empty ground (which would clear the selection made here).
              onPointerDown={(e) => e.stopPropagation()}
              onClick={(e) => {
                e.stopPropagation();
                twinStore.getState().select({ kind: 'plant', index: pi });
              }}
              onFocus={() => showTip(pi, true)}
              onBlur={() => showTip(pi, false)}
            >
              <span style={{ display: 'block' }}>{shortLabel(plant.name)}</span>
              <span ref={(el) => { values.current[pi] = el; }} style={{ color: '#8ff0ff' }}>…</span>
            </button>
            <span
              role="tooltip"
              id={`plant-tip-${pi}`}
              style={tooltipStyle}
              ref={(el) => { tips.current[pi] = el; }}
              data-testid="plant-tooltip"
            >
              <span style={{ display: 'block', fontWeight: 700 }}>{plant.name}</span>
              <span ref={(el) => { tipValues.current[pi] = el; }}>…</span>
            </span>
          </div>
        </Html>
      ))}
      {FOSSIL_VIEWS.map((view, k) => {
        const i = plants + k;
        return (
          <Html key={`fossil-${view}`} position={anchors[i]} zIndexRange={[5, 0]} style={{ pointerEvents: 'none' }}>
            <div
              style={{ ...labelStyle, visibility: 'hidden' }}
              data-testid="fossil-plant-label"
              data-view={view}
              ref={(el) => { labels.current[i] = el; }}
              onPointerEnter={() => showTip(i, true)}
              onPointerLeave={() => showTip(i, false)}
            >
              <div style={{ ...fossilButtonStyle, pointerEvents: 'auto' }}>
                <span style={{ display: 'block' }}>
                  {view === 'compare' ? 'Before: ' : ''}
                  {shortLabel(scenario.baseline.name, FOSSIL_LABEL_CHARS)}
                </span>
                <span ref={(el) => { values.current[i] = el; }} style={{ color: '#ffc27a' }}>…</span>
              </div>
              <span role="tooltip" style={tooltipStyle} ref={(el) => { tips.current[i] = el; }}>
                <span style={{ display: 'block', fontWeight: 700 }}>{scenario.baseline.name}</span>
                <span ref={(el) => { tipValues.current[i] = el; }}>…</span>
              </span>
            </div>
          </Html>
        );
      })}
    </>
  );
}
