/**
 * Training runs' records in the database (schema: migrations.ts): the run, who joined it, every command sent to
 * its session and how it was answered, the exercise's events, the latest and final score, and the newest
 * backtracks to resume from. Every method is synchronous (better-sqlite3): when it returns, its rows are on
 * disk, so a command is recorded before its acknowledgement leaves the server.
 *
 * Resuming (runService.ts) restarts a run's session from its latest backtrack and enters again, at their
 * simulation times, the commands acknowledged after it (actionsSince). What the instructor takes back by
 * restoring an earlier moment is marked undone, so it is never entered again; the exercise's events, trend
 * points and tag samples after the restored moment are dropped, since the session tells them again as it runs on.
 */
import type { Database } from 'better-sqlite3';
import type { Command, CommandAck } from '../../shared/protocol/commands';
import type { ActorKind, RunAction, RunStatus, RunSummary } from '../../shared/protocol/runs';
import type { BacktrackRecord, LiveScore, RunEvent, RunEventKind } from '../../shared/protocol/training';
import { RunSamples } from './runSamples';
import { RunTrend } from './runTrend';

/** Backtracks kept per run: enough to resume from, without a run's blobs growing the file for ever. */
export const BACKTRACKS_KEPT = 12;
/** Simulation times closer than this (s) are the same moment. */
const SAME_TIME_S = 1e-6;

/** Who sent a command: a trainee or the instructor of the run, or a holder of the session's own token. */
export type Actor = { kind: 'trainee' | 'instructor'; id: number; name: string } | { kind: 'session' };

export interface Run {
  id: string;
  exerciseId: string;
  instructorId: number | null;
  sessionId: string;
  joinCode: string;
  status: RunStatus;
  createdMs: number;
  finishedMs: number | null;
  finalScore: LiveScore | null;
}

export interface Trainee {
  id: number;
  runId: string;
  name: string;
  joinedMs: number;
}

export interface StoredBacktrack {
  backtrackId: string;
  sessionId: string;
  simTimeS: number;
  state: Uint8Array;
  /** The run's newest event id when the backtrack came in. */
  eventsUpto: number;
}

/** A run's whole record, as its instructor sees it (runViews.ts makes the trainee's view). */
export interface RunRecord {
  run: Run;
  instructor: string | null;
  trainees: Trainee[];
  actions: RunAction[];
  events: RunEvent[];
  score: LiveScore | null;
}

interface RunRow {
  id: string;
  exercise_id: string;
  instructor_id: number | null;
  session_id: string;
  join_code: string;
  status: RunStatus;
  created_ms: number;
  finished_ms: number | null;
  final_score: string | null;
}

interface ActionRow {
  id: number;
  who_kind: ActorKind;
  who_name: string | null;
  command: string;
  ok: number;
  error: string | null;
  sim_time_s: number | null;
  wall_ms: number;
  undone: number;
}

interface EventRow {
  sim_time_s: number;
  at_s: number;
  kind: RunEventKind;
  text: string;
  command: string | null;
}

interface ScoreRow {
  final: number;
  at_s: number;
  total: number;
  parts: string;
  hint_points: number;
}

const toRun = (r: RunRow): Run => ({
  id: r.id,
  exerciseId: r.exercise_id,
  instructorId: r.instructor_id,
  sessionId: r.session_id,
  joinCode: r.join_code,
  status: r.status,
  createdMs: r.created_ms,
  finishedMs: r.finished_ms,
  finalScore: r.final_score === null ? null : (JSON.parse(r.final_score) as LiveScore),
});

const toScore = (r: ScoreRow): LiveScore => ({
  total: r.total,
  parts: JSON.parse(r.parts) as LiveScore['parts'],
  hintPoints: r.hint_points,
  atS: r.at_s,
  finished: r.final === 1,
});

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** Commands that only ask (alarm and malfunction lists, the backtracks): they change nothing worth a record. */
export function isQueryCommand(c: Command): boolean {
  if (c.type === 'clock') return c.action === 'backtracks';
  return (c.type === 'alarm' || c.type === 'malfunction') && c.action === 'list';
}

/** Clock commands move time, which the backtrack already holds; entered again they would do the wrong thing. */
const replayable = (c: Command): boolean => c.type !== 'clock' && !isQueryCommand(c);

export class RunRecords {
  /** The runs' trends (transmitter readings) for their debriefs. */
  readonly trend: RunTrend;
  /** The runs' samples of every trend tag, for the consoles' trends. */
  readonly samples: RunSamples;

  constructor(private readonly db: Database) {
    this.trend = new RunTrend(db);
    this.samples = new RunSamples(db);
  }

  createRun(run: { id: string; exerciseId: string; instructorId: number; sessionId: string; joinCode: string }): Run {
    this.db
      .prepare(
        `INSERT INTO runs (id, exercise_id, instructor_id, session_id, join_code, status, created_ms)
         VALUES (?, ?, ?, ?, ?, 'open', ?)`,
      )
      .run(run.id, run.exerciseId, run.instructorId, run.sessionId, run.joinCode, Date.now());
    return this.getRunRow(run.id)!;
  }

  getRunRow(runId: string): Run | undefined {
    const row = this.db.prepare<[string], RunRow>('SELECT * FROM runs WHERE id = ?').get(runId);
    return row && toRun(row);
  }

  /** The run whose session this is (the newest, should a session id ever come back). */
  runBySession(sessionId: string): Run | undefined {
    const row = this.db
      .prepare<[string], RunRow>('SELECT * FROM runs WHERE session_id = ? ORDER BY created_ms DESC LIMIT 1')
      .get(sessionId);
    return row && toRun(row);
  }

  runByJoinCode(code: string): Run | undefined {
    const row = this.db.prepare<[string], RunRow>('SELECT * FROM runs WHERE join_code = ?').get(code);
    return row && toRun(row);
  }

  runsWithStatus(status: RunStatus): Run[] {
    return this.db.prepare<[string], RunRow>('SELECT * FROM runs WHERE status = ?').all(status).map(toRun);
  }

  addTrainee(runId: string, name: string, tokenHash: string): Trainee {
    const joinedMs = Date.now();
    const info = this.db
      .prepare('INSERT INTO trainees (run_id, name, token_hash, joined_ms) VALUES (?, ?, ?, ?)')
      .run(runId, name, tokenHash, joinedMs);
    return { id: Number(info.lastInsertRowid), runId, name, joinedMs };
  }

  traineeByTokenHash(tokenHash: string): Trainee | undefined {
    const row = this.db
      .prepare<[string], { id: number; run_id: string; name: string; joined_ms: number }>(
        'SELECT id, run_id, name, joined_ms FROM trainees WHERE token_hash = ?',
      )
      .get(tokenHash);
    return row && { id: row.id, runId: row.run_id, name: row.name, joinedMs: row.joined_ms };
  }

  /**
   * A command sent to the run's session and its answer. A restore that succeeded takes the run back to the
   * restored moment (rewind), in the same transaction.
   */
  recordAction(runId: string, actor: Actor, command: Command, ack: CommandAck, wallMs = Date.now()): number {
    return this.db.transaction(() => {
      const info = this.db
        .prepare(
          `INSERT INTO actions (run_id, who_kind, trainee_id, instructor_id, who_name, command, ok, error, sim_time_s,
             wall_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          runId,
          actor.kind,
          actor.kind === 'trainee' ? actor.id : null,
          actor.kind === 'instructor' ? actor.id : null,
          actor.kind === 'session' ? null : actor.name,
          JSON.stringify(command),
          ack.ok ? 1 : 0,
          ack.ok ? null : ack.error,
          ack.simTimeS ?? null,
          wallMs,
        );
      const id = Number(info.lastInsertRowid);
      if (ack.ok && command.type === 'clock' && command.action === 'restore' && ack.simTimeS !== undefined)
        this.rewind(runId, command.snapshotId, ack.simTimeS, id);
      return id;
    })();
  }

  recordEvent(runId: string, e: RunEvent, wallMs = Date.now()): void {
    this.db
      .prepare(
        `INSERT INTO run_events (run_id, sim_time_s, at_s, kind, text, command, wall_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(runId, e.simTimeS, e.atS, e.kind, e.text, e.command ? JSON.stringify(e.command) : null, wallMs);
  }

  /** Keeps the backtrack and drops the run's older ones beyond the newest BACKTRACKS_KEPT. */
  recordBacktrack(runId: string, sessionId: string, b: BacktrackRecord, wallMs = Date.now()): void {
    const blob = Buffer.from(b.state.buffer, b.state.byteOffset, b.state.byteLength);
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO backtracks (run_id, session_id, backtrack_id, sim_time_s, state, events_upto, wall_ms)
           VALUES (?, ?, ?, ?, ?, (SELECT COALESCE(MAX(id), 0) FROM run_events WHERE run_id = ?), ?)`,
        )
        .run(runId, sessionId, b.id, b.simTimeS, blob, runId, wallMs);
      this.db
        .prepare(
          `DELETE FROM backtracks WHERE run_id = ? AND id NOT IN
             (SELECT id FROM backtracks WHERE run_id = ? ORDER BY id DESC LIMIT ?)`,
        )
        .run(runId, runId, BACKTRACKS_KEPT);
    })();
  }

  latestBacktrack(runId: string): StoredBacktrack | undefined {
    return this.backtrackAtOrBefore(runId, Number.MAX_VALUE);
  }

  /** The latest simulation time (s) the run's record reaches: its events, the commands standing and its trend. */
  recordedUntil(runId: string): number | undefined {
    const row = this.db
      .prepare<[string, string, string], { t: number | null }>(
        `SELECT MAX(t) AS t FROM (
           SELECT MAX(sim_time_s) AS t FROM run_events WHERE run_id = ?
           UNION ALL SELECT MAX(sim_time_s) FROM actions WHERE run_id = ? AND undone = 0
           UNION ALL SELECT MAX(sim_time_s) FROM run_readings WHERE run_id = ?)`,
      )
      .get(runId, runId, runId);
    return row?.t ?? undefined;
  }

  /** The newest of the run's kept backtracks at or before simTimeS (a replay starts from it). */
  backtrackAtOrBefore(runId: string, simTimeS: number): StoredBacktrack | undefined {
    const row = this.db
      .prepare<
        [string, number],
        { backtrack_id: string; session_id: string; sim_time_s: number; state: Buffer; events_upto: number }
      >('SELECT * FROM backtracks WHERE run_id = ? AND sim_time_s <= ? ORDER BY id DESC LIMIT 1')
      .get(runId, simTimeS + SAME_TIME_S);
    if (!row) return undefined;
    return {
      backtrackId: row.backtrack_id,
      sessionId: row.session_id,
      simTimeS: row.sim_time_s,
      state: new Uint8Array(row.state),
      eventsUpto: row.events_upto,
    };
  }

  /**
   * The acknowledged commands that change the plant or the exercise, applied at or after simTimeS and not taken
   * back, in the order they were applied: what a session resumed from a backtrack at simTimeS enters again.
   * A command at the backtrack's own moment came after it: the session saves a backtrack as a step ends, and
   * commands enter between steps.
   */
  actionsSince(runId: string, simTimeS: number): Array<{ simTimeS: number; command: Command }> {
    return this.db
      .prepare<[string, number], { command: string; sim_time_s: number }>(
        `SELECT command, sim_time_s FROM actions
         WHERE run_id = ? AND ok = 1 AND undone = 0 AND sim_time_s >= ? ORDER BY id`,
      )
      .all(runId, simTimeS - SAME_TIME_S)
      .map((r) => ({ simTimeS: r.sim_time_s, command: JSON.parse(r.command) as Command }))
      .filter((a) => replayable(a.command));
  }

  /** The latest score; a final one (the exercise's end) is also kept as the final score. */
  recordScore(runId: string, score: LiveScore, wallMs = Date.now()): void {
    const upsert = this.db.prepare(
      `INSERT INTO scores (run_id, final, at_s, total, parts, hint_points, wall_ms) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (run_id, final) DO UPDATE SET at_s = excluded.at_s, total = excluded.total,
         parts = excluded.parts, hint_points = excluded.hint_points, wall_ms = excluded.wall_ms`,
    );
    const parts = JSON.stringify(score.parts);
    this.db.transaction(() => {
      upsert.run(runId, 0, score.atS, score.total, parts, score.hintPoints, wallMs);
      if (score.finished) upsert.run(runId, 1, score.atS, score.total, parts, score.hintPoints, wallMs);
    })();
  }

  /** The final score, else the latest; null before the first. */
  latestScore(runId: string): LiveScore | null {
    const row = this.db
      .prepare<[string], ScoreRow>('SELECT * FROM scores WHERE run_id = ? ORDER BY final DESC LIMIT 1')
      .get(runId);
    return row ? toScore(row) : null;
  }

  /** Ends the run with its score as it stands; false when it had ended already or does not exist. */
  finishRun(runId: string, wallMs = Date.now()): boolean {
    return this.db.transaction(() => {
      const score = this.latestScore(runId);
      const update = this.db.prepare(
        `UPDATE runs SET status = 'finished', finished_ms = ?, final_score = ? WHERE id = ? AND status <> 'finished'`,
      );
      return update.run(wallMs, score && JSON.stringify(score), runId).changes > 0;
    })();
  }

  /** The run's session went away while it was open: its instructor may resume it. */
  interruptRun(runId: string, sessionId: string): boolean {
    return (
      this.db
        .prepare(`UPDATE runs SET status = 'interrupted' WHERE id = ? AND session_id = ? AND status = 'open'`)
        .run(runId, sessionId).changes > 0
    );
  }

  /**
   * The run goes on in a new session, from a backtrack (the exercise's events after it are told again by the
   * new session) or, with none saved, from the exercise's start (everything before is taken back).
   */
  resumeRun(runId: string, sessionId: string, from: StoredBacktrack | undefined): void {
    this.db.transaction(() => {
      if (from) {
        this.db.prepare('DELETE FROM run_events WHERE run_id = ? AND id > ?').run(runId, from.eventsUpto);
        this.trend.dropAfter(runId, from.simTimeS + SAME_TIME_S);
        this.samples.dropAfter(runId, from.simTimeS + SAME_TIME_S);
      } else {
        this.trend.dropAfter(runId);
        this.samples.dropAfter(runId);
        this.db.prepare('DELETE FROM run_events WHERE run_id = ?').run(runId);
        this.db.prepare('UPDATE actions SET undone = 1 WHERE run_id = ?').run(runId);
        this.db.prepare('DELETE FROM scores WHERE run_id = ?').run(runId);
      }
      this.db.prepare(`UPDATE runs SET status = 'open', session_id = ? WHERE id = ?`).run(sessionId, runId);
    })();
  }

  /** The instructor's runs, newest first; with `trainee`, only those that trainee joined. */
  listRuns(filter: { instructorId: number; trainee?: string }): RunSummary[] {
    const rows = this.db
      .prepare<[number, string | null, string | null], RunRow>(
        `SELECT * FROM runs WHERE instructor_id = ?
           AND (? IS NULL OR EXISTS (SELECT 1 FROM trainees t WHERE t.run_id = runs.id AND t.name = ?))
         ORDER BY created_ms DESC, rowid DESC`,
      )
      .all(filter.instructorId, filter.trainee ?? null, filter.trainee ?? null);
    return rows.map((r) => this.summary(toRun(r)));
  }

  summary(run: Run): RunSummary {
    return {
      id: run.id,
      exerciseId: run.exerciseId,
      status: run.status,
      sessionId: run.sessionId,
      joinCode: run.status === 'finished' ? null : run.joinCode,
      createdAt: iso(run.createdMs)!,
      finishedAt: iso(run.finishedMs),
      trainees: this.trainees(run.id).map((t) => t.name),
      finalTotal: run.finalScore?.total ?? null,
    };
  }

  trainees(runId: string): Trainee[] {
    return this.db
      .prepare<[string], { id: number; name: string; joined_ms: number }>(
        'SELECT id, name, joined_ms FROM trainees WHERE run_id = ? ORDER BY id',
      )
      .all(runId)
      .map((r) => ({ id: r.id, runId, name: r.name, joinedMs: r.joined_ms }));
  }

  /** The run with who joined it, every command, every event and the latest score; undefined if unknown. */
  getRun(runId: string): RunRecord | undefined {
    const run = this.getRunRow(runId);
    if (!run) return undefined;
    const owner = this.db.prepare<[number | null], { name: string }>('SELECT name FROM instructors WHERE id = ?');
    const instructor = owner.get(run.instructorId)?.name ?? null;
    const actions = this.db
      .prepare<[string], ActionRow>('SELECT * FROM actions WHERE run_id = ? ORDER BY id')
      .all(runId)
      .map(
        (r): RunAction => ({
          who: { kind: r.who_kind, name: r.who_name },
          command: JSON.parse(r.command) as Command,
          ok: r.ok === 1,
          error: r.error,
          simTimeS: r.sim_time_s,
          at: iso(r.wall_ms)!,
          undone: r.undone === 1,
        }),
      );
    const events = this.db
      .prepare<[string], EventRow>(
        'SELECT sim_time_s, at_s, kind, text, command FROM run_events WHERE run_id = ? ORDER BY id',
      )
      .all(runId)
      .map(
        (r): RunEvent => ({
          simTimeS: r.sim_time_s,
          atS: r.at_s,
          kind: r.kind,
          text: r.text,
          ...(r.command === null ? {} : { command: JSON.parse(r.command) as Command }),
        }),
      );
    return { run, instructor, trainees: this.trainees(runId), actions, events, score: this.latestScore(runId) };
  }

  /**
   * The instructor restored the moment `snapshotId` at simTimeS (the restore itself is action `restoreActionId`):
   * the commands applied after that moment are taken back, the exercise's events, trend points, samples and
   * backtracks after it belong to a past that no longer happens, and an exercise that had ended goes on. A
   * backtrack is matched exactly by the events it had seen; a snapshot the instructor took by hand, by its time
   * (commands at its very moment may have come before it, and stay).
   */
  private rewind(runId: string, snapshotId: string, simTimeS: number, restoreActionId: number): void {
    const run = this.getRunRow(runId)!;
    const bt = this.db
      .prepare<[string, string, string], { id: number; events_upto: number }>(
        `SELECT id, events_upto FROM backtracks WHERE run_id = ? AND session_id = ? AND backtrack_id = ?
         ORDER BY id DESC LIMIT 1`,
      )
      .get(runId, run.sessionId, snapshotId);
    const fromS = bt ? simTimeS - SAME_TIME_S : simTimeS + SAME_TIME_S;
    this.db
      .prepare('UPDATE actions SET undone = 1 WHERE run_id = ? AND id < ? AND sim_time_s >= ?')
      .run(runId, restoreActionId, fromS);
    if (bt) this.db.prepare('DELETE FROM run_events WHERE run_id = ? AND id > ?').run(runId, bt.events_upto);
    else
      this.db
        .prepare('DELETE FROM run_events WHERE run_id = ? AND sim_time_s > ?')
        .run(runId, simTimeS + SAME_TIME_S);
    this.db
      .prepare('DELETE FROM backtracks WHERE run_id = ? AND (id > ? OR sim_time_s > ?)')
      .run(runId, bt?.id ?? Number.MAX_SAFE_INTEGER, simTimeS + SAME_TIME_S);
    this.trend.dropAfter(runId, simTimeS + SAME_TIME_S);
    this.samples.dropAfter(runId, simTimeS + SAME_TIME_S);
    this.db.prepare('DELETE FROM scores WHERE run_id = ? AND final = 1').run(runId);
    this.db
      .prepare(
        `UPDATE runs SET status = 'open', finished_ms = NULL, final_score = NULL WHERE id = ? AND status = 'finished'`,
      )
      .run(runId);
  }
}
