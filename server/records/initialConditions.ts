/**
 * Initial conditions in the records database (schema: migrations.ts): a session's state saved under a name
 * (server/sim/savedState.ts bytes, with the scenario and the simulation time they are of), for an exercise that
 * names it or a run told to start from it. An initial condition is never replaced, and one that a run not yet
 * finished started from cannot be removed: a run that resumes starts from the same state it started from.
 */
import type { Database } from 'better-sqlite3';

export interface InitialCondition {
  name: string;
  scenarioId: string;
  /** Simulation time (s, server/sim/calendar.ts) of the state. */
  simTimeS: number;
  state: Uint8Array;
  /** ISO 8601 wall time it was saved. */
  createdAt: string;
  /** Who saved it (null once their account is removed). */
  instructorId: number | null;
  instructor: string | null;
}

export type InitialConditionListing = Omit<InitialCondition, 'state'>;

/** A name already taken, or an initial condition still needed by a run (a 409 over REST). */
export class InitialConditionConflictError extends Error {
  override name = 'InitialConditionConflictError';
}

interface Row {
  name: string;
  scenario_id: string;
  sim_time_s: number;
  instructor_id: number | null;
  instructor: string | null;
  created_ms: number;
}

const COLUMNS = `c.name, c.scenario_id, c.sim_time_s, c.instructor_id, i.name AS instructor, c.created_ms
  FROM initial_conditions c LEFT JOIN instructors i ON i.id = c.instructor_id`;

const toListing = (r: Row): InitialConditionListing => ({
  name: r.name,
  scenarioId: r.scenario_id,
  simTimeS: r.sim_time_s,
  createdAt: new Date(r.created_ms).toISOString(),
  instructorId: r.instructor_id,
  instructor: r.instructor,
});

/**
 * The moment of a simulation time as people and exercise files write it: `YYYY-MM-DDTHH:MM`, with `:SS` when
 * not on a whole minute (to the nearest second; simulation local standard time).
 */
export function conditionDate(simTimeS: number): string {
  const iso = new Date(Math.round(simTimeS) * 1000).toISOString();
  return iso.slice(0, iso.slice(16, 19) === ':00' ? 16 : 19);
}

export class InitialConditions {
  constructor(private readonly db: Database) {}

  /** Throws InitialConditionConflictError when the name is taken. */
  save(c: { name: string; scenarioId: string; simTimeS: number; state: Uint8Array; instructorId: number }): void {
    const blob = Buffer.from(c.state.buffer, c.state.byteOffset, c.state.byteLength);
    try {
      this.db
        .prepare(
          `INSERT INTO initial_conditions (name, scenario_id, sim_time_s, state, instructor_id, created_ms)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(c.name, c.scenarioId, c.simTimeS, blob, c.instructorId, Date.now());
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
        throw new InitialConditionConflictError(`name: there is an initial condition "${c.name}" already`);
      throw err;
    }
  }

  get(name: string): InitialCondition | undefined {
    const row = this.db
      .prepare<[string], Row & { state: Buffer }>(`SELECT c.state, ${COLUMNS} WHERE c.name = ?`)
      .get(name);
    return row && { ...toListing(row), state: new Uint8Array(row.state) };
  }

  /** Every initial condition without its state, by scenario and moment. */
  list(): InitialConditionListing[] {
    return this.db
      .prepare<[], Row>(`SELECT ${COLUMNS} ORDER BY c.scenario_id, c.sim_time_s, c.name`)
      .all()
      .map(toListing);
  }

  /**
   * False when there is no such initial condition; throws InitialConditionConflictError while a run that
   * started from it may still go on (open or interrupted).
   */
  remove(name: string): boolean {
    const users = this.db
      .prepare<[string], { id: string }>(
        "SELECT id FROM runs WHERE initial_condition = ? AND status != 'finished' ORDER BY created_ms",
      )
      .all(name)
      .map((r) => r.id);
    if (users.length > 0)
      throw new InitialConditionConflictError(`name: runs not finished started from "${name}": ${users.join(', ')}`);
    return this.db.prepare('DELETE FROM initial_conditions WHERE name = ?').run(name).changes > 0;
  }

  /** Notes on the run's record the initial condition it started from. */
  recordRunStart(runId: string, name: string): void {
    this.db.prepare('UPDATE runs SET initial_condition = ? WHERE id = ?').run(name, runId);
  }

  /** The initial condition the run started from, if any. */
  ofRun(runId: string): string | undefined {
    const row = this.db
      .prepare<[string], { initial_condition: string | null }>('SELECT initial_condition FROM runs WHERE id = ?')
      .get(runId);
    return row?.initial_condition ?? undefined;
  }
}
