/**
 * The headline figures, each labelled with its period. "Now": the latest KPI sample's means over its interval
 * (about a wall-clock second): heat demand, waste-heat share, heat-pump COP, electricity price. CO2 against the
 * baseline plant: today, and since the simulation's running totals began (co2.ts); when both count from the
 * same moment (the totals began today) the first CO2 card gives the emission rate now instead.
 */
import { useTwin } from '../state/store';
import type { KpiSample } from '../../../shared/protocol/session';
import { co2PeriodLabel, co2Since, midnightOf } from './co2';
import type { Co2Period } from './co2';
import { mwText, tonnesText } from './format';
import { HudPanel } from './HudPanel';

export function KpiCards() {
  const kpi = useTwin((s) => s.kpi);
  const history = useTwin((s) => s.kpiHistory);
  const latest = history.at(-1);
  const total = co2Since(history, -Infinity);
  const today = latest ? co2Since(history, midnightOf(latest.simTimeS)) : null;
  const unmet = !!kpi && kpi.unmetHeatMW > 0.005;
  return (
    <HudPanel id="kpis" title="Key figures">
      <div className="hud-kpis">
        <Card
          label="Heat demand · now"
          value={kpi ? mwText(kpi.heatDemandMW) : '—'}
          note={unmet ? `${mwText(kpi.unmetHeatMW)} unmet` : undefined}
          warn={unmet}
        />
        <Card label="Waste heat · now" value={kpi ? `${kpi.wasteHeatSharePct.toFixed(0)} %` : '—'} />
        <Card label="Heat-pump COP · now" value={kpi ? (kpi.cop > 0 ? kpi.cop.toFixed(2) : 'off') : '—'} />
        <Card label="Electricity · now" value={kpi ? `${kpi.priceEurPerMWh.toFixed(0)} €/MWh` : '—'} />
        {today && total && latest && today.fromS !== total.fromS ? (
          <Co2Card period={today} nowS={latest.simTimeS} />
        ) : (
          <Co2RateCard kpi={kpi} />
        )}
        {total && latest ? (
          <Co2Card period={total} nowS={latest.simTimeS} />
        ) : (
          <Card label="CO₂ since start" value="—" />
        )}
      </div>
    </HudPanel>
  );
}

function Card({ label, value, note, warn }: { label: string; value: string; note?: string; warn?: boolean }) {
  return (
    <div className={`hud-card${warn ? ' hud-warn' : ''}`}>
      <div className="hud-label">{label}</div>
      <div className="hud-card-value">{value}</div>
      {note && <div className="hud-card-note">{note}</div>}
    </div>
  );
}

/** The baseline plant's figure, and how much less (−) or more (+) the network emits than it. */
function versusBaseline(actual: number, baseline: number, baselineText: string): string {
  const text = `baseline ${baselineText}`;
  if (!(baseline > 0)) return text;
  const avoidedPct = 100 * (1 - actual / baseline);
  return `${text} · ${avoidedPct >= 0 ? '−' : '+'}${Math.abs(avoidedPct).toFixed(0)} %`;
}

/** Emissions over the period with the baseline plant's and the share avoided. */
function Co2Card({ period, nowS }: { period: Co2Period; nowS: number }) {
  return (
    <Card
      label={co2PeriodLabel(period.fromS, nowS)}
      value={tonnesText(period.tonnes)}
      note={versusBaseline(period.tonnes, period.baselineTonnes, tonnesText(period.baselineTonnes))}
    />
  );
}

function Co2RateCard({ kpi }: { kpi: KpiSample | null }) {
  if (!kpi) return <Card label="CO₂ · now" value="—" />;
  const { co2TonnesPerH: rate, baselineCo2TonnesPerH: baseline } = kpi;
  return (
    <Card
      label="CO₂ · now"
      value={`${rate.toFixed(2)} t/h`}
      note={versusBaseline(rate, baseline, `${baseline.toFixed(2)} t/h`)}
    />
  );
}
