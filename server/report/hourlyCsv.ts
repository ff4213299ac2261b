/**
 * Hourly time series of a run as CSV: one row per simulated hour, the mean of every KPI over the hour and the
 * heat of every plant and unit. Accumulates step by step in preallocated arrays; the caller owns the file.
 */
import { formatTime, HOUR_S } from '../sim/calendar';
import type { SimulationOutputs } from '../sim';
import { FLOW, LEDGER_FLOWS, type LedgerFlow } from '../sim/ledger';

const KPI_COLUMNS: ReadonlyArray<[LedgerFlow, string, number]> = LEDGER_FLOWS.map((flow) => {
  if (flow.endsWith('GPerS')) return [flow, `${flow.slice(0, -'GPerS'.length)}KgPerH`, 3.6];
  if (flow.endsWith('EurPerS')) return [flow, `${flow.slice(0, -'EurPerS'.length)}EurPerH`, 3600];
  if (flow.startsWith('heat_')) return [flow, `heatFrom_${flow.slice('heat_'.length)}MW`, 1e-6];
  if (flow.startsWith('hpElectricity_')) return [flow, `heatPumpElectricityFrom_${flow.slice('hpElectricity_'.length)}MW`, 1e-6];
  const name = `${flow.slice(0, -1)}MW`; // ...W -> ...MW
  return [flow, name, 1e-6];
});

export class HourlyCsv {
  private readonly rows: string[] = [];
  private readonly sums: Float64Array;
  private readonly header: string;
  private hourStartS = NaN;
  private weightS = 0;

  constructor(private readonly out: SimulationOutputs) {
    const { plants, units } = out;
    this.header = [
      'time',
      'outdoorC',
      'supplySetpointC',
      'electricityPriceEurPerMWh',
      ...KPI_COLUMNS.map((c) => c[1]),
      ...plants.map((p) => `plant:${p.id}:heatMW`),
      ...units.map((u) => `unit:${u.id}:heatMW`),
    ].join(',');
    this.sums = new Float64Array(3 + KPI_COLUMNS.length + plants.length + units.length);
  }

  /** Call after every step with the step's length. */
  record(dtS: number): void {
    const out = this.out;
    const stepStartS = out.timeS - dtS;
    if (Number.isNaN(this.hourStartS)) this.hourStartS = Math.floor(stepStartS / HOUR_S) * HOUR_S;
    if (stepStartS >= this.hourStartS + HOUR_S) this.flush();
    const s = this.sums;
    let i = 0;
    s[i++] += out.outdoorC * dtS;
    s[i++] += out.supplySetpointC * dtS;
    s[i++] += out.electricityPriceEurPerMWh * dtS;
    for (const [flow, , scale] of KPI_COLUMNS) s[i++] += out.ledger.step[FLOW[flow]] * scale * dtS;
    for (const p of out.plants) s[i++] += p.heatToNetworkW * 1e-6 * dtS;
    for (const u of out.units) s[i++] += u.heatW * 1e-6 * dtS;
    this.weightS += dtS;
  }

  private flush(): void {
    if (this.weightS > 0) {
      const values = Array.from(this.sums, (v) => round(v / this.weightS));
      this.rows.push(`${formatTime(this.hourStartS)},${values.join(',')}`);
    }
    this.sums.fill(0);
    this.weightS = 0;
    this.hourStartS += HOUR_S;
  }

  /** The whole CSV text, the last (possibly partial) hour included. */
  text(): string {
    this.flush();
    return `${this.header}\n${this.rows.join('\n')}\n`;
  }
}

function round(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
