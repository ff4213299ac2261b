/**
 * The records database's schema as an ordered list of steps. Step i takes a database from version i to i + 1
 * (`PRAGMA user_version`); each runs in its own transaction with the version bump, so a crash mid-step leaves
 * the database at the version before it. Steps are never edited once released: a change is a new step.
 *
 * Wall times are integer milliseconds since the Unix epoch (Date.now()); simulation times are seconds
 * (server/sim/calendar.ts). Commands, events' commands and scores are stored as JSON text.
 */
import type { Database } from 'better-sqlite3';

export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE instructors (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_ms INTEGER NOT NULL
  );
  -- Only the SHA-256 of a login token is kept: a copy of the file gives nobody a way in.
  CREATE TABLE auth_sessions (
    token_hash TEXT PRIMARY KEY,
    instructor_id INTEGER NOT NULL REFERENCES instructors(id) ON DELETE CASCADE,
    expires_ms INTEGER NOT NULL
  );
  CREATE INDEX auth_sessions_instructor ON auth_sessions(instructor_id);
  -- A run outlives its instructor's account: its record stays, without an owner.
  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    exercise_id TEXT NOT NULL,
    instructor_id INTEGER REFERENCES instructors(id) ON DELETE SET NULL,
    session_id TEXT NOT NULL,
    join_code TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('open', 'finished', 'interrupted')),
    created_ms INTEGER NOT NULL,
    finished_ms INTEGER,
    final_score TEXT
  );
  CREATE INDEX runs_instructor ON runs(instructor_id, created_ms);
  CREATE INDEX runs_session ON runs(session_id);
  CREATE TABLE trainees (
    id INTEGER PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    joined_ms INTEGER NOT NULL
  );
  CREATE INDEX trainees_run ON trainees(run_id);
  CREATE INDEX trainees_name ON trainees(name);
  CREATE TABLE actions (
    id INTEGER PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    who_kind TEXT NOT NULL CHECK (who_kind IN ('trainee', 'instructor', 'session')),
    trainee_id INTEGER REFERENCES trainees(id) ON DELETE SET NULL,
    instructor_id INTEGER REFERENCES instructors(id) ON DELETE SET NULL,
    who_name TEXT,
    command TEXT NOT NULL,
    ok INTEGER NOT NULL,
    error TEXT,
    sim_time_s REAL,
    wall_ms INTEGER NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX actions_run ON actions(run_id, sim_time_s);
  CREATE TABLE run_events (
    id INTEGER PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    sim_time_s REAL NOT NULL,
    at_s REAL NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    command TEXT,
    wall_ms INTEGER NOT NULL
  );
  CREATE INDEX run_events_run ON run_events(run_id, id);
  -- events_upto: the run's newest event when the backtrack came in; the events after it are what a run resumed
  -- from the backtrack tells again.
  CREATE TABLE backtracks (
    id INTEGER PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    session_id TEXT NOT NULL,
    backtrack_id TEXT NOT NULL,
    sim_time_s REAL NOT NULL,
    state BLOB NOT NULL,
    events_upto INTEGER NOT NULL,
    wall_ms INTEGER NOT NULL
  );
  CREATE INDEX backtracks_run ON backtracks(run_id, id);
  -- The latest score (final = 0) and, once the exercise has ended, the final one (final = 1).
  CREATE TABLE scores (
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    final INTEGER NOT NULL CHECK (final IN (0, 1)),
    at_s REAL NOT NULL,
    total REAL NOT NULL,
    parts TEXT NOT NULL,
    hint_points REAL NOT NULL,
    wall_ms INTEGER NOT NULL,
    PRIMARY KEY (run_id, final)
  );
  `,
  `
  -- Named states saved from a run's session (initial conditions), for exercises and runs to start from. One
  -- outlives the instructor who saved it.
  CREATE TABLE initial_conditions (
    name TEXT PRIMARY KEY,
    scenario_id TEXT NOT NULL,
    sim_time_s REAL NOT NULL,
    state BLOB NOT NULL,
    instructor_id INTEGER REFERENCES instructors(id) ON DELETE SET NULL,
    created_ms INTEGER NOT NULL
  );
  -- The initial condition a run started from (by name): a resumed run starts again from the same state.
  ALTER TABLE runs ADD COLUMN initial_condition TEXT;
  CREATE INDEX runs_initial_condition ON runs(initial_condition);
  `,
  `
  -- A run's trend for its debrief: the transmitters' readings (supply °C, worst-point dp Pa; measured null for a
  -- failed transmitter) and the truth behind them, at most one point per simulated minute.
  CREATE TABLE run_readings (
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    sim_time_s REAL NOT NULL,
    supply_c REAL,
    worst_dp_pa REAL,
    supply_truth_c REAL,
    worst_dp_truth_pa REAL,
    PRIMARY KEY (run_id, sim_time_s)
  );
  `,
  `
  -- A run's samples of every trend tag (shared/training/trendTags.ts) at most once per simulated minute, so a
  -- console opened late can trend the whole run: the tags' values as a JSON object keyed by tag id (null for no
  -- value), measured values only, as the consoles' frames carry them.
  CREATE TABLE run_samples (
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    sim_time_s REAL NOT NULL,
    tag_values TEXT NOT NULL,
    PRIMARY KEY (run_id, sim_time_s)
  );
  `,
];

export class DatabaseVersionError extends Error {
  override name = 'DatabaseVersionError';
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Brings the database up to the newest schema; refuses one made by a newer HeatTwin. */
export function migrate(db: Database, steps: readonly string[] = MIGRATIONS): void {
  const found = schemaVersion(db);
  if (found > steps.length) {
    throw new DatabaseVersionError(
      `${db.name}: schema version ${found} is newer than this HeatTwin knows (${steps.length}); ` +
        'run the HeatTwin that wrote it, or restore a backup',
    );
  }
  for (let v = found; v < steps.length; v++) {
    db.transaction(() => {
      db.exec(steps[v]);
      // A pragma takes no bound parameters; v is an integer of ours.
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
