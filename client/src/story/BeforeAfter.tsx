/**
 * Before and after, from the KPI stream's running totals (the simulation's own ledger, server/session/kpi.ts):
 *   "baseline": a banner naming the fossil plant the city is drawn as, with what it would emit, cost and burn;
 *   "compare":  the baseline and the waste-heat city side by side, CO2 (t), cost (€) and fuel (MWh of fuel), and
 *               the difference (baseline minus actual, so a saving is positive), over the simulated period the
 *               totals cover (since totalsFromS).
 * Nothing here is typed in: every figure is a field of the latest KpiSample or a difference of two.
 */
import type { KpiSample } from '../../../shared/protocol/session';
import type { Scenario } from '../../../shared/scenario/schema';
import { simDateTime } from '../hud/format';
import { useTwin } from '../state/store';
import { numberText } from './kpiText';

interface Row {
  id: 'co2' | 'cost' | 'fuel';
  label: string;
  unit: string;
  digits: number;
  baseline: number;
  actual: number;
}

export function compareRows(k: KpiSample): Row[] {
  return [
    { id: 'co2', label: 'CO₂', unit: 't', digits: 1, baseline: k.baselineCo2Tonnes, actual: k.co2Tonnes },
    { id: 'cost', label: 'Cost', unit: '€', digits: 0, baseline: k.baselineCostEur, actual: k.costEur },
    { id: 'fuel', label: 'Fuel burnt', unit: 'MWh', digits: 1, baseline: k.baselineFuelMWh, actual: k.fuelMWh },
  ];
}

const amount = (x: number, unit: string, digits: number) => (unit === '€' ? `€ ${numberText(x, digits)}` : `${numberText(x, digits)} ${unit}`);

function periodText(k: KpiSample): string {
  const from = simDateTime(k.totalsFromS);
  const hours = (k.simTimeS - k.totalsFromS) / 3600;
  const span = hours >= 48 ? `${numberText(hours / 24, 1)} days` : `${numberText(hours, 1)} h`;
  return `Simulated since ${from.weekday} ${from.date} ${from.time} (${span})`;
}

export function ComparePanel({ scenario }: { scenario: Scenario }) {
  const kpi = useTwin((s) => s.kpi);
  return (
    <section className="story-compare story-panel" data-testid="compare-panel" data-sim-time={kpi?.simTimeS ?? ''} aria-label="Before and after">
      <div className="story-compare-grid">
        <div />
        <div className="story-compare-head story-baseline-colour">Before: {scenario.baseline.name}</div>
        <div className="story-compare-head story-actual-colour">After: with waste heat</div>
        <div className="story-compare-head">Difference</div>
        {kpi &&
          compareRows(kpi).map((r) => {
            const diff = r.baseline - r.actual;
            return (
              <div key={r.id} className="story-compare-row" data-testid={`compare-${r.id}`} data-baseline={r.baseline} data-actual={r.actual} data-difference={diff}>
                <div className="story-compare-label">{r.label}</div>
                <div className="story-compare-value">{amount(r.baseline, r.unit, r.digits)}</div>
                <div className="story-compare-value">{amount(r.actual, r.unit, r.digits)}</div>
                <div className={`story-compare-value story-compare-diff${diff >= 0 ? ' story-saving' : ' story-extra'}`}>
                  {diff >= 0 ? '−' : '+'}
                  {amount(Math.abs(diff), r.unit, r.digits)}
                  {r.baseline > 0 && <span className="story-compare-pct"> ({numberText((100 * Math.abs(diff)) / r.baseline, 0)} %)</span>}
                </div>
              </div>
            );
          })}
      </div>
      <div className="story-compare-note">{kpi ? periodText(kpi) : 'Waiting for the simulation…'} · fuel: boilers' fuel, electricity not included</div>
    </section>
  );
}

export function BaselineBanner({ scenario }: { scenario: Scenario }) {
  const kpi = useTwin((s) => s.kpi);
  return (
    <section className="story-baseline story-panel" data-testid="baseline-banner" aria-label="Baseline">
      <div className="story-baseline-title story-baseline-colour">Baseline: {scenario.baseline.name}</div>
      <div className="story-baseline-text">
        The same heat from {scenario.baseline.fuel === 'electric' ? 'electric boilers' : `${scenario.baseline.fuel} boilers`} at{' '}
        {numberText(scenario.baseline.efficiency * 100, 0)} % efficiency
        {kpi && (
          <>
            : {numberText(kpi.baselineCo2TonnesPerH, 1)} t CO₂ an hour now, against {numberText(kpi.co2TonnesPerH, 1)} t with waste heat.
          </>
        )}
      </div>
    </section>
  );
}
