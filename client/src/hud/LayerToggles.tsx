/** Switches for what the city shows: the layers (store.layers) and what colours the buildings (store.overlay). */
import { twinStore, useTwin } from '../state/store';
import type { BuildingOverlay, Layers } from '../state/store';
import { HudPanel } from './HudPanel';

const LAYERS: { key: keyof Layers; label: string }[] = [
  { key: 'temperatures', label: 'Temperatures' },
  { key: 'flows', label: 'Flows' },
  { key: 'demand', label: 'Demand' },
  { key: 'losses', label: 'Losses' },
];

const OVERLAYS: { key: BuildingOverlay; label: string }[] = [
  { key: 'use', label: 'Use' },
  { key: 'demand', label: 'Demand' },
  { key: 'indoor', label: 'Indoor °C' },
  { key: 'unmet', label: 'Unmet heat' },
];

export function LayerToggles() {
  const layers = useTwin((s) => s.layers);
  const overlay = useTwin((s) => s.overlay);
  const { toggleLayer, setOverlay } = twinStore.getState();
  return (
    <HudPanel id="layers" title="Layers" className="hud-toggles">
      <div className="hud-label">Show</div>
      <div className="hud-buttons" role="group" aria-label="Layers">
        {LAYERS.map((l) => (
          <button
            key={l.key}
            type="button"
            className="hud-toggle"
            aria-pressed={layers[l.key]}
            onClick={() => toggleLayer(l.key)}
          >
            {l.label}
          </button>
        ))}
      </div>
      <div className="hud-label">Colour buildings by</div>
      <div className="hud-buttons" role="radiogroup" aria-label="Colour buildings by">
        {OVERLAYS.map((o) => (
          <button
            key={o.key}
            type="button"
            role="radio"
            className="hud-toggle"
            aria-checked={overlay === o.key}
            onClick={() => setOverlay(o.key)}
          >
            {o.label}
          </button>
        ))}
      </div>
    </HudPanel>
  );
}
