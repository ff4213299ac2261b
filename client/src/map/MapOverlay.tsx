/**
 * The map's own overlay over the 3D city: place names (the scenario's `places`), a scale bar with a round length
 * and a north arrow turned with the camera's heading. All DOM, no draw calls. React renders the elements once
 * per scenario (MapOverlay, outside the canvas); MapCamera, inside the canvas, reads the camera every animation
 * frame and writes only the styles and text that changed, and nothing at all while the camera stands still, so
 * React never renders per frame.
 * The scale is the ground a pixel spans where the view's centre meets the ground (a perspective view has no one
 * scale: nearer ground is larger). The scale bar and arrow keep to the bottom-right corner, above any panel there,
 * or to the bottom-left one when panels fill the right edge to the top (a phone's story column held sideways).
 * Names farther than the fog's end are hidden, and where two would cover each
 * other the less important one (towns, then water, then districts) gives way (mapView.ts); a name that would lie
 * under a HUD or story panel is hidden (their rectangles re-read twice a second), as panels let text show through.
 */
import { useMemo, type RefObject } from 'react';
import { useFrame } from '@react-three/fiber';
import * as THREE from 'three';
import type { PlaceSpec } from '../../../shared/scenario/schema';
import type { CityLayout } from '../scene/cityLayout';
import { useLatest } from '../scene/useLatest';
import {
  chooseScaleBar,
  cornerBottomPx,
  createLabelBoxes,
  declutter,
  metresPerPixel,
  northArrowDeg,
  overlapsAny,
} from './mapView';
import './map.css';

/** Longest the scale bar may grow (px). */
const MAX_BAR_PX = 110;
/** Space kept between place names (px). */
const NAME_GAP_PX = 6;
/** The fog's end, in city radii (CityScene.tsx): nothing beyond it is seen, so neither is its name. */
const FOG_END_RADII = 7;
const KIND_ORDER: Record<PlaceSpec['kind'], number> = { town: 0, water: 1, district: 2 };
/** The screen panels names keep clear of, and how often their rectangles are re-read (ms). */
const PANEL_SELECTOR = '.hud-panel, .story-panel';
const PANEL_REFRESH_MS = 500;
const MAX_PANELS = 32;
/** Space between the scale bar's corner and the view's edges or a panel (px). */
const CORNER_GAP_PX = 10;

/** The overlay's elements, filled in by MapOverlay's refs and written by MapCamera. */
export interface MapOverlayElements {
  widgets: HTMLDivElement | null;
  bar: HTMLDivElement | null;
  barLabel: HTMLSpanElement | null;
  arrow: HTMLDivElement | null;
  places: Array<HTMLDivElement | null>;
}

export function createMapOverlayElements(): MapOverlayElements {
  return { widgets: null, bar: null, barLabel: null, arrow: null, places: [] };
}

interface MapOverlayProps {
  elementsRef: RefObject<MapOverlayElements>;
  places: ReadonlyArray<PlaceSpec>;
}

export function MapOverlay({ elementsRef, places }: MapOverlayProps) {
  return (
    <>
      <div className="map-places" aria-hidden="true">
        {places.map((p, i) => (
          <div
            key={i}
            className={`map-place map-place-${p.kind}`}
            data-testid="place-name"
            ref={(el) => {
              elementsRef.current.places[i] = el;
            }}
          >
            {p.name}
          </div>
        ))}
      </div>
      <div className="map-widgets" ref={(el) => { elementsRef.current.widgets = el; }}>
        <div className="map-scale" data-testid="scale-bar" title="Scale at the centre of the view">
          <span className="map-scale-label" ref={(el) => { elementsRef.current.barLabel = el; }} />
          <div className="map-scale-bar" ref={(el) => { elementsRef.current.bar = el; }} />
        </div>
        <div
          className="map-north"
          data-testid="north-arrow"
          title="North"
          ref={(el) => {
            elementsRef.current.arrow = el;
          }}
        >
          <svg viewBox="-12 -16 24 32" width="24" height="32" aria-hidden="true">
            <path d="M0 -14 L8 8 L0 3 L-8 8 Z" fill="#f3f6f9" stroke="#0c1118" strokeWidth="1.5"
              strokeLinejoin="round" />
          </svg>
          <span>N</span>
        </div>
      </div>
    </>
  );
}

/** What MapCamera last wrote, so it writes only what changed. */
function createDrawn(n: number) {
  return {
    matrix: new Float64Array(16).fill(NaN),
    width: 0,
    height: 0,
    barPx: -1,
    barLabel: '',
    arrowDeg: NaN,
    shown: new Uint8Array(n).fill(2),
    screen: new Float64Array(2 * n),
    sized: false,
    panels: new Float64Array(4 * MAX_PANELS),
    panelCount: 0,
    panelsReadMs: -Infinity,
    cornerBottom: -1,
    cornerOnLeft: false,
  };
}
type Drawn = ReturnType<typeof createDrawn>;

/** The panels' rectangles in canvas pixels: null when not due for reading, else whether they changed. */
function readPanels(drawn: Drawn, canvas: HTMLCanvasElement, nowMs: number): boolean | null {
  if (nowMs - drawn.panelsReadMs < PANEL_REFRESH_MS) return null;
  drawn.panelsReadMs = nowMs;
  const origin = canvas.getBoundingClientRect();
  let n = 0;
  let changed = false;
  for (const el of document.querySelectorAll(PANEL_SELECTOR)) {
    if (n === MAX_PANELS) break;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const rect = [r.left - origin.left, r.top - origin.top, r.right - origin.left, r.bottom - origin.top];
    for (let k = 0; k < 4; k++) changed ||= drawn.panels[4 * n + k] !== rect[k];
    drawn.panels.set(rect, 4 * n++);
  }
  changed ||= n !== drawn.panelCount;
  drawn.panelCount = n;
  return changed;
}

interface MapCameraProps {
  elementsRef: RefObject<MapOverlayElements>;
  places: ReadonlyArray<PlaceSpec>;
  layout: CityLayout;
}

export function MapCamera({ elementsRef, places, layout }: MapCameraProps) {
  const stateRef = useLatest(useMemo(() => {
    const rank = (i: number) => KIND_ORDER[places[i].kind];
    const order = places.map((_, i) => i).sort((a, b) => rank(a) - rank(b) || a - b);
    return {
      order,
      boxes: createLabelBoxes(places.length),
      drawn: createDrawn(places.length),
      ray: new THREE.Raycaster(),
      ground: new THREE.Plane(new THREE.Vector3(0, 1, 0), 0),
      hit: new THREE.Vector3(),
      v: new THREE.Vector3(),
      centre: new THREE.Vector2(0, 0),
    };
  }, [places]));

  useFrame(({ camera, size, gl, clock }) => {
    const state = stateRef.current;
    const elements = elementsRef.current;
    const { drawn, boxes } = state;
    const m = camera.matrixWorld.elements;
    // A resized view moves the panels: read them again at once.
    if (size.width !== drawn.width || size.height !== drawn.height) drawn.panelsReadMs = -Infinity;
    const panelsMoved = readPanels(drawn, gl.domElement, clock.elapsedTime * 1000);
    // The scale bar's corner: bottom right, above any panel that would cover it (the bar's width changes too);
    // bottom left when that climb leaves the view.
    if (panelsMoved !== null && elements.widgets) {
      const { offsetWidth: w, offsetHeight: h } = elements.widgets;
      const { panels, panelCount } = drawn;
      const corner = (onLeft: boolean) =>
        Math.round(cornerBottomPx(w, h, size.width, size.height, CORNER_GAP_PX, panels, panelCount, onLeft));
      let bottom = corner(false);
      const onLeft = bottom + h > size.height;
      if (onLeft) bottom = corner(true);
      if (bottom !== drawn.cornerBottom) elements.widgets.style.bottom = `${(drawn.cornerBottom = bottom)}px`;
      if (onLeft !== drawn.cornerOnLeft) {
        drawn.cornerOnLeft = onLeft;
        elements.widgets.classList.toggle('map-widgets-left', onLeft);
      }
    }
    let moved = panelsMoved === true || size.width !== drawn.width || size.height !== drawn.height || !drawn.sized;
    for (let k = 0; k < 16 && !moved; k++) moved = m[k] !== drawn.matrix[k];
    if (!moved) return;
    drawn.matrix.set(m);
    drawn.width = size.width;
    drawn.height = size.height;

    // Scale bar: where the view's centre meets the ground.
    state.ray.setFromCamera(state.centre, camera);
    const onGround = state.ray.ray.intersectPlane(state.ground, state.hit) !== null;
    if (onGround && camera instanceof THREE.PerspectiveCamera && elements.bar && elements.barLabel) {
      const metresPerPx = metresPerPixel(camera.position.distanceTo(state.hit), camera.fov, size.height);
      const bar = chooseScaleBar(metresPerPx, MAX_BAR_PX);
      const px = Math.round(bar.px);
      if (px !== drawn.barPx) elements.bar.style.width = `${(drawn.barPx = px)}px`;
      if (bar.label !== drawn.barLabel) elements.barLabel.textContent = drawn.barLabel = bar.label;
    }
    // North arrow: screen-up and the view direction on the ground (scene x east, z south).
    if (elements.arrow) {
      const deg = Math.round(northArrowDeg(m[4], -m[6], -m[8], m[10]) * 2) / 2;
      if (deg !== drawn.arrowDeg) elements.arrow.style.transform = `rotate(${(drawn.arrowDeg = deg)}deg)`;
    }

    // Place names: project, drop those behind, off screen or in the fog, then let the less important give way.
    const fogEndM = FOG_END_RADII * layout.bounds.radiusM;
    drawn.sized = true;
    for (let i = 0; i < places.length; i++) {
      const el = elements.places[i];
      if (el && boxes.w[i] === 0) {
        boxes.w[i] = el.offsetWidth;
        boxes.h[i] = el.offsetHeight;
      }
      if (boxes.w[i] === 0) drawn.sized = false;
      const [x, y] = places[i].at;
      state.v.set(x, 0, -y);
      const far = state.v.distanceTo(camera.position) > fogEndM;
      state.v.project(camera);
      boxes.x[i] = ((state.v.x + 1) / 2) * size.width;
      boxes.y[i] = ((1 - state.v.y) / 2) * size.height;
      const inView = state.v.z < 1 && Math.abs(state.v.x) < 1 && Math.abs(state.v.y) < 1;
      const underPanel = overlapsAny(boxes.x[i], boxes.y[i], boxes.w[i], boxes.h[i], drawn.panels, drawn.panelCount);
      boxes.candidate[i] = el && !far && inView && !underPanel ? 1 : 0;
    }
    declutter(boxes, state.order, NAME_GAP_PX);
    for (let i = 0; i < places.length; i++) {
      const el = elements.places[i];
      if (!el) continue;
      if (boxes.shown[i] !== drawn.shown[i]) {
        drawn.shown[i] = boxes.shown[i];
        el.style.visibility = boxes.shown[i] ? 'visible' : 'hidden';
      }
      if (!boxes.shown[i]) continue;
      const sx = Math.round(boxes.x[i]);
      const sy = Math.round(boxes.y[i]);
      if (sx === drawn.screen[2 * i] && sy === drawn.screen[2 * i + 1]) continue;
      drawn.screen[2 * i] = sx;
      drawn.screen[2 * i + 1] = sy;
      el.style.transform = `translate(${sx}px, ${sy}px) translate(-50%, -50%)`;
    }
  });
  return null;
}
