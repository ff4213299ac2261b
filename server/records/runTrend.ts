/**
 * A run's trend in the database (table run_readings): what the control room's transmitters read (supply
 * temperature °C, worst-point differential pressure Pa) and the truth behind them, one point per simulated minute
 * at most (the recorder picks which), so a debrief can draw the run on one time axis. Points after a moment the
 * run went back to (an instructor's restore, a resume from a backtrack) are dropped, as its events are.
 */
import type { Database } from 'better-sqlite3';
import type { TrendPoint } from '../../shared/protocol/runs';
import type { Readings, TransmitterReading } from '../../shared/protocol/training';

interface ReadingRow {
  sim_time_s: number;
  supply_c: number | null;
  worst_dp_pa: number | null;
  supply_truth_c: number | null;
  worst_dp_truth_pa: number | null;
}

const sensor = (r: Readings, s: TransmitterReading['sensor']) => r.transmitters.find((t) => t.sensor === s);

export class RunTrend {
  constructor(private readonly db: Database) {}

  /** Keeps the readings as the run's point at their simulation time (a point at the same time is replaced). */
  record(runId: string, r: Readings): void {
    const supply = sensor(r, 'supplyTemperature');
    const dp = sensor(r, 'worstDp');
    this.db
      .prepare(
        `INSERT OR REPLACE INTO run_readings (run_id, sim_time_s, supply_c, worst_dp_pa, supply_truth_c,
           worst_dp_truth_pa) VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(runId, r.simTimeS, supply?.measured ?? null, dp?.measured ?? null, supply?.truth ?? null, dp?.truth ?? null);
  }

  /** The run's points in time order; the truth only when asked for (the instructor's view). */
  points(runId: string, withTruth: boolean): TrendPoint[] {
    return this.db
      .prepare<[string], ReadingRow>('SELECT * FROM run_readings WHERE run_id = ? ORDER BY sim_time_s')
      .all(runId)
      .map((r) => ({
        simTimeS: r.sim_time_s,
        supplyC: r.supply_c,
        worstDpPa: r.worst_dp_pa,
        ...(withTruth ? { supplyTruthC: r.supply_truth_c, worstDpTruthPa: r.worst_dp_truth_pa } : {}),
      }));
  }

  /** Drops the points after simTimeS (the run went back there); with no time, all of them. */
  dropAfter(runId: string, simTimeS = Number.NEGATIVE_INFINITY): void {
    this.db.prepare('DELETE FROM run_readings WHERE run_id = ? AND sim_time_s > ?').run(runId, simTimeS);
  }
}
