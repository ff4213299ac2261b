/**
 * A run's samples of every trend tag in the database (table run_samples): one row per simulated minute at most
 * (the recorder, runRecorder.ts, picks which), holding each tag of the catalogue (shared/training/trendTags.ts)
 * by its id, so a console opened late or reloaded can trend any tag over the whole run. Values are the measured
 * ones the consoles' frames carry, never the truth behind a faulty sensor. Samples after a moment the run went
 * back to (an instructor's restore, a resume from a backtrack) are dropped, as its trend points are.
 */
import type { Database } from 'better-sqlite3';
import { MAX_SAMPLE_ROWS, type RunSamplesAnswer } from '../../shared/protocol/runs';

/** Tag id -> value in the tag's unit (null: no value then). */
export type TagValues = Record<string, number | null>;

/** Significant digits kept: finer than a frame carries any value (frame.ts: 0.046 % at worst, 0.01 K). */
const DIGITS = 6;

const rounded = (v: number | null): number | null => (v === null ? null : Number(v.toPrecision(DIGITS)));

export class RunSamples {
  constructor(private readonly db: Database) {}

  /** Keeps the values as the run's sample at simTimeS (a sample at the same time is replaced). */
  record(runId: string, simTimeS: number, values: TagValues): void {
    const kept = Object.fromEntries(Object.entries(values).map(([id, v]) => [id, rounded(v)]));
    this.db
      .prepare('INSERT OR REPLACE INTO run_samples (run_id, sim_time_s, tag_values) VALUES (?, ?, ?)')
      .run(runId, simTimeS, JSON.stringify(kept));
  }

  /** The tag ids of the run's newest sample: the run's catalogue as it is recorded now (none before a sample). */
  tagIds(runId: string): string[] {
    const row = this.db
      .prepare<[string], { tag_values: string }>(
        'SELECT tag_values FROM run_samples WHERE run_id = ? ORDER BY sim_time_s DESC LIMIT 1',
      )
      .get(runId);
    return row ? Object.keys(JSON.parse(row.tag_values) as TagValues) : [];
  }

  /**
   * The tags' samples from fromS to toS (both included; open ends without them) in columns, oldest first; a
   * range of more than MAX_SAMPLE_ROWS samples thinned evenly to that many (the newest always kept).
   */
  columns(runId: string, tags: readonly string[], fromS = -Infinity, toS = Infinity): RunSamplesAnswer {
    const rows = this.db
      .prepare<[string, number, number], { sim_time_s: number; tag_values: string }>(
        `SELECT sim_time_s, tag_values FROM run_samples WHERE run_id = ? AND sim_time_s >= ? AND sim_time_s <= ?
         ORDER BY sim_time_s`,
      )
      .all(runId, fromS, toS);
    // Thinned evenly, ending with the newest: the last of each of MAX_SAMPLE_ROWS equal stretches.
    const thinned = (_: unknown, i: number) => rows[Math.floor(((i + 1) * rows.length) / MAX_SAMPLE_ROWS) - 1];
    const kept = rows.length > MAX_SAMPLE_ROWS ? Array.from({ length: MAX_SAMPLE_ROWS }, thinned) : rows;
    const columns: RunSamplesAnswer['columns'] = Object.fromEntries(tags.map((t) => [t, []]));
    for (const row of kept) {
      const values = JSON.parse(row.tag_values) as TagValues;
      for (const t of tags) columns[t].push(values[t] ?? null);
    }
    return { times: kept.map((r) => r.sim_time_s), columns };
  }

  /** Drops the samples after simTimeS (the run went back there); with no time, all of them. */
  dropAfter(runId: string, simTimeS = Number.NEGATIVE_INFINITY): void {
    this.db.prepare('DELETE FROM run_samples WHERE run_id = ? AND sim_time_s > ?').run(runId, simTimeS);
  }
}
