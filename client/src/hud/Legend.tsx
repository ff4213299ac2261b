/**
 * The legend: the water-temperature scale of the pipes (scene/temperatureScale.ts), or their heat-loss scale
 * when the "Losses" layer colours them instead (scene/lossScale.ts), the demand columns' scale when that layer
 * is on (scene/demandColumns.ts), and what the buildings' colours mean under the current overlay
 * (scene/buildingColors.ts), so the legend shows exactly what is drawn.
 */
import { useTwin } from '../state/store';
import type { BuildingOverlay } from '../state/store';
import { TEMPERATURE_STOPS, temperatureGradientCss } from '../scene/temperatureScale';
import { LOSS_STOPS, lossGradientCss } from '../scene/lossScale';
import {
  DELIVERED_IN_FULL_SHARE,
  DELIVERED_SHORT_SHARE,
  DEMAND_COLUMN_M_PER_W,
  deliveryRgb,
} from '../scene/demandColumns';
import {
  BUILDING_KIND_COLORS,
  BUILDING_KIND_LABELS,
  DEMAND_FULL_W_PER_M2,
  INDOOR_COLD_C,
  INDOOR_COMFORT_C,
  INDOOR_WARM_C,
  UNMET_FULL_SHARE,
  demandRgb,
  indoorRgb,
  unmetRgb,
} from '../scene/buildingColors';
import { BUILDING_KINDS } from '../scene/cityLayout';
import { HudPanel } from './HudPanel';

function css(write: (out: Float32Array, o: number) => void): string {
  const c = new Float32Array(3);
  write(c, 0);
  return `rgb(${Math.round(c[0] * 255)}, ${Math.round(c[1] * 255)}, ${Math.round(c[2] * 255)})`;
}

/** Gradient and tick labels of each live building overlay, sampled from the scene's own colour functions. */
const OVERLAY_SCALES: Record<Exclude<BuildingOverlay, 'use'>, { title: string; gradient: string; ticks: string[] }> = {
  demand: {
    title: 'Heat demand per floor area',
    gradient: `linear-gradient(to right, ${css((o, i) => demandRgb(0, o, i))}, ${css((o, i) => demandRgb(DEMAND_FULL_W_PER_M2, o, i))})`,
    ticks: ['0', `${DEMAND_FULL_W_PER_M2 / 2}`, `${DEMAND_FULL_W_PER_M2} W/m²`],
  },
  indoor: {
    title: 'Indoor temperature',
    gradient: `linear-gradient(to right, ${[INDOOR_COLD_C, INDOOR_COMFORT_C, INDOOR_WARM_C].map((c) => css((o, i) => indoorRgb(c, o, i))).join(', ')})`,
    ticks: [`${INDOOR_COLD_C}`, `${INDOOR_COMFORT_C}`, `${INDOOR_WARM_C} °C`],
  },
  unmet: {
    title: 'Unmet share of demand',
    gradient: `linear-gradient(to right, ${css((o, i) => unmetRgb(100, 100, o, i))}, ${css((o, i) => unmetRgb(100, 100 * (1 - UNMET_FULL_SHARE), o, i))})`,
    ticks: ['0 %', `${(UNMET_FULL_SHARE * 50).toFixed(0)} %`, `≥ ${(UNMET_FULL_SHARE * 100).toFixed(0)} %`],
  },
};

const WATER_GRADIENT = temperatureGradientCss();
const LOSS_GRADIENT = lossGradientCss();
const LOSS_TICKS = LOSS_STOPS.map((s, i, all) => `${s.wPerM}${i === all.length - 1 ? ' W/m' : ''}`);
const midShare = (DELIVERED_SHORT_SHARE + DELIVERED_IN_FULL_SHARE) / 2;
const DELIVERY_SCALE = {
  title: `Demand columns: 1 m per ${(1 / DEMAND_COLUMN_M_PER_W / 1000).toFixed(0)} kW, colour = delivered`,
  gradient: `linear-gradient(to right, ${[DELIVERED_SHORT_SHARE, midShare, DELIVERED_IN_FULL_SHARE].map((share) => css((o, i) => deliveryRgb(1, share, o, i))).join(', ')})`,
  ticks: [`≤ ${(DELIVERED_SHORT_SHARE * 100).toFixed(0)} %`, `${(midShare * 100).toFixed(0)} %`, `≥ ${(DELIVERED_IN_FULL_SHARE * 100).toFixed(0)} %`],
};

export function Legend() {
  const overlay = useTwin((s) => s.overlay);
  const showLosses = useTwin((s) => s.layers.losses);
  const showWater = useTwin((s) => s.layers.temperatures) && !showLosses;
  const showDemand = useTwin((s) => s.layers.demand);
  return (
    <HudPanel id="legend" title="Legend" className="hud-legend">
      {showLosses && <Scale title="Pipe heat loss per metre (supply + return)" gradient={LOSS_GRADIENT} ticks={LOSS_TICKS} />}
      {showWater && (
        <Scale title="Water temperature" gradient={WATER_GRADIENT} ticks={TEMPERATURE_STOPS.map((s, i, all) => `${s.temperatureC}${i === all.length - 1 ? ' °C' : ''}`)} />
      )}
      {showDemand && <Scale {...DELIVERY_SCALE} />}
      {overlay === 'use' ? (
        <div>
          <div className="hud-label">Buildings</div>
          <ul className="hud-swatches">
            {BUILDING_KINDS.map((k) => (
              <li key={k}>
                <span className="hud-swatch" style={{ background: BUILDING_KIND_COLORS[k] }} />
                {BUILDING_KIND_LABELS[k]}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <Scale {...OVERLAY_SCALES[overlay]} />
      )}
    </HudPanel>
  );
}

function Scale({ title, gradient, ticks }: { title: string; gradient: string; ticks: string[] }) {
  return (
    <div className="hud-scale">
      <div className="hud-label">{title}</div>
      <div className="hud-scale-bar" style={{ background: gradient }} />
      <div className="hud-scale-ticks">
        {ticks.map((t) => (
          <span key={t}>{t}</span>
        ))}
      </div>
    </div>
  );
}
