/**
 * The headline figures from the latest KPI sample (about once a second): heat demand, waste-heat share, heat-pump
 * COP, CO2 today and this year against the baseline plant, electricity price.
 */
import { useTwin } from '../state/store';
import { co2ThisYear, co2Today } from './co2';
import type { Co2Period } from './co2';
import { mwText, tonnesText } from './format';

export function KpiCards() {
  const kpi = useTwin((s) => s.kpi);
  const history = useTwin((s) => s.kpiHistory);
  const today = co2Today(history);
  const year = co2ThisYear(history);
  return (
    <section className="hud-kpis" aria-label="Key figures">
      <Card label="Heat demand" value={kpi ? mwText(kpi.heatDemandMW) : '—'} note={kpi && kpi.unmetHeatMW > 0.005 ? `${mwText(kpi.unmetHeatMW)} unmet` : undefined} warn={!!kpi && kpi.unmetHeatMW > 0.005} />
      <Card label="Waste heat share" value={kpi ? `${kpi.wasteHeatSharePct.toFixed(0)} %` : '—'} />
      <Card label="Heat-pump COP" value={kpi ? (kpi.cop > 0 ? kpi.cop.toFixed(2) : 'off') : '—'} />
      <Card label="Electricity" value={kpi ? `${kpi.priceEurPerMWh.toFixed(0)} €/MWh` : '—'} />
      <Co2Card label="CO₂ today" period={today} />
      <Co2Card label="CO₂ this year" period={year} />
    </section>
  );
}

function Card({ label, value, note, warn }: { label: string; value: string; note?: string; warn?: boolean }) {
  return (
    <div className={`hud-card hud-panel${warn ? ' hud-warn' : ''}`}>
      <div className="hud-label">{label}</div>
      <div className="hud-card-value">{value}</div>
      {note && <div className="hud-card-note">{note}</div>}
    </div>
  );
}

/** Emissions with the baseline plant's and the share avoided; "≈" when the history did not cover the whole period. */
function Co2Card({ label, period }: { label: string; period: Co2Period | null }) {
  if (!period) return <Card label={label} value="—" />;
  const prefix = period.approximate ? '≈ ' : '';
  const avoidedPct = period.baselineTonnes > 0 ? 100 * (1 - period.tonnes / period.baselineTonnes) : 0;
  return (
    <Card
      label={label}
      value={`${prefix}${tonnesText(period.tonnes)}`}
      note={`baseline ${tonnesText(period.baselineTonnes)} · ${avoidedPct >= 0 ? '−' : '+'}${Math.abs(avoidedPct).toFixed(0)} %`}
    />
  );
}
