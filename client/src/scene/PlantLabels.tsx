/**
 * A label over each plant, large enough to read from two metres: its name, the heat it feeds into the network
 * (plant block heatW) and its heat pumps' COP (heat-weighted: sum of heat / sum of electricity over running
 * heat pumps). DOM text via drei <Html>, updated through refs when a new frame arrived, so React never renders
 * per frame and labels cost no draw calls. Labels float LABEL_LIFT_M above the roof, times the city's draw scale
 * (cityLayout.ts); where two would cover each other on screen the higher one is lifted clear, and one that would
 * run under a HUD or story panel moves off it or hides (labelPlacement.ts). Placement is re-done every frame as the
 * camera moves; label sizes are measured only when their text changes, the panels' rectangles twice a second.
 */
import { useMemo, useRef } from 'react';
import * as THREE from 'three';
import { useFrame, useThree } from '@react-three/fiber';
import { Html } from '@react-three/drei';
import type { Scenario } from '../../../shared/scenario/schema';
import { liveFrame } from '../net/liveFrame';
import { BOX_STRIDE, type CityLayout } from './cityLayout';
import { clearPanels, createLabelBoxes, stackLabels } from './labelPlacement';
import { useLatest } from './useLatest';

const LABEL_LIFT_M = 10;
/** Space kept between stacked labels (px). */
const LABEL_GAP_PX = 4;
const LABEL_NO_BUILDING_M = 12;

const labelStyle: React.CSSProperties = {
  pointerEvents: 'none',
  whiteSpace: 'nowrap',
  transform: 'translate(-50%, -100%)',
  background: 'rgba(10, 14, 22, 0.82)',
  color: '#fff',
  font: '600 15px/1.25 system-ui, sans-serif',
  padding: '4px 8px',
  borderRadius: 6,
  border: '1px solid rgba(120, 230, 255, 0.5)',
};

const labelTransform = (liftPx: number, shiftPx: number) =>
  `translate(calc(-50% + ${shiftPx.toFixed(0)}px), calc(-100% - ${liftPx.toFixed(0)}px))`;
/** The screen panels labels keep clear of, and how often their rectangles are re-read (ms). */
const PANEL_SELECTOR = '.hud-panel, .story-panel';
const PANEL_REFRESH_MS = 500;
const MAX_PANELS = 32;

/** Where each label was last put on screen, and the scratch space to place them again. */
function createPlacement(n: number) {
  const applied = { lift: new Float64Array(n), shift: new Float64Array(n), hidden: new Uint8Array(n) };
  return { boxes: createLabelBoxes(n), applied, v: new THREE.Vector3(), panels: new Float64Array(4 * MAX_PANELS), panelCount: 0, panelsReadMs: -Infinity };
}
type Placement = ReturnType<typeof createPlacement>;

/** The panels' rectangles in canvas pixels; they move only when panels open, close or grow. */
function readPanels(placement: Placement, canvas: HTMLCanvasElement, nowMs: number): void {
  if (nowMs - placement.panelsReadMs < PANEL_REFRESH_MS) return;
  placement.panelsReadMs = nowMs;
  const origin = canvas.getBoundingClientRect();
  let n = 0;
  for (const el of document.querySelectorAll(PANEL_SELECTOR)) {
    if (n === MAX_PANELS) break;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    placement.panels.set([r.left - origin.left, r.top - origin.top, r.right - origin.left, r.bottom - origin.top], 4 * n++);
  }
  placement.panelCount = n;
}

export function PlantLabels({ scenario, layout }: { scenario: Scenario; layout: CityLayout }) {
  const connected = useThree((s) => Boolean(s.events.connected));
  const values = useRef<Array<HTMLSpanElement | null>>([]);
  const labels = useRef<Array<HTMLDivElement | null>>([]);
  const lastVersion = useRef(-1);
  const placementRef = useLatest(useMemo(() => createPlacement(scenario.plants.length), [scenario]));
  const anchors = useMemo(
    () =>
      scenario.plants.map((plant, pi) => {
        const b = layout.plantBuilding[pi];
        const scale = layout.drawScale;
        const node = scenario.network.nodes.find((n) => n.id === plant.node);
        if (b < 0) return [node?.x ?? 0, LABEL_NO_BUILDING_M * scale, -(node?.y ?? 0)] as const;
        const o = b * BOX_STRIDE;
        return [layout.boxes[o], layout.boxes[o + 5] + LABEL_LIFT_M * scale, -layout.boxes[o + 1]] as const;
      }),
    [scenario, layout],
  );

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
      const cop = hpElectricityW > 0 ? ` · COP ${(hpHeatW / hpElectricityW).toFixed(1)}` : '';
      el.textContent = `${mw.toFixed(mw < 10 ? 2 : 1)} MW${cop}${firing ? ' · boiler on' : ''}`;
      const label = labels.current[pi];
      if (label) {
        placement.boxes.w[pi] = label.offsetWidth;
        placement.boxes.h[pi] = label.offsetHeight;
      }
    });
  };

  useFrame(({ camera, size, gl, clock }) => {
    const placement = placementRef.current;
    updateValues(placement);
    readPanels(placement, gl.domElement, clock.elapsedTime * 1000);
    const { boxes, applied, v } = placement;
    for (let pi = 0; pi < anchors.length; pi++) {
      const a = anchors[pi];
      v.set(a[0], a[1], a[2]).project(camera);
      boxes.visible[pi] = v.z < 1 && labels.current[pi] ? 1 : 0;
      boxes.x[pi] = ((v.x + 1) / 2) * size.width;
      boxes.y[pi] = ((1 - v.y) / 2) * size.height;
    }
    stackLabels(boxes, LABEL_GAP_PX);
    clearPanels(boxes, placement.panels, placement.panelCount, LABEL_GAP_PX);
    for (let pi = 0; pi < anchors.length; pi++) {
      const el = labels.current[pi];
      if (!el) continue;
      if (boxes.hidden[pi] !== applied.hidden[pi]) {
        applied.hidden[pi] = boxes.hidden[pi];
        el.style.visibility = boxes.hidden[pi] ? 'hidden' : 'visible';
      }
      if (Math.abs(boxes.lift[pi] - applied.lift[pi]) < 0.5 && Math.abs(boxes.shift[pi] - applied.shift[pi]) < 0.5) continue;
      applied.lift[pi] = boxes.lift[pi];
      applied.shift[pi] = boxes.shift[pi];
      el.style.transform = labelTransform(boxes.lift[pi], boxes.shift[pi]);
    }
  });

  // drei's Html mounts into the element the canvas events connect to; mounted before that connection, the first
  // label's content was lost when Html moved to it. Mount once it exists.
  if (!connected) return null;
  return (
    <>
      {scenario.plants.map((plant, pi) => (
        <Html key={plant.id} position={anchors[pi]} zIndexRange={[5, 0]} style={{ pointerEvents: 'none' }}>
          <div style={labelStyle} data-testid="plant-label" ref={(el) => { labels.current[pi] = el; }}>
            <div>{plant.name}</div>
            <span ref={(el) => { values.current[pi] = el; }} style={{ color: '#8ff0ff' }}>…</span>
          </div>
        </Html>
      ))}
    </>
  );
}
