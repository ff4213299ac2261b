/**
 * Messages between a Session (main thread) and its simulation worker (worker.ts, stepLoop.ts). Internal to
 * server/session.
 */
import type { Scenario } from '../../shared/scenario/schema';
import type { Command, CommandAck } from '../../shared/protocol/commands';
import type { Alarm, History, HistoryRequest, KpiSample } from '../../shared/protocol/session';
import type { BacktrackRecord, LiveScore, Readings, RunEvent } from '../../shared/protocol/training';
import type { Exercise } from '../../shared/training/exercise';
import type { Speed } from './clock';

/** A saved state (server/sim/savedState.ts) as bytes, and the simulation time it holds. */
export interface SavedStateBytes {
  simTimeS: number;
  state: Uint8Array;
}

/**
 * Where a training run goes on from: a backtrack it saved (null: the exercise's start), and the commands it
 * acknowledged after it.
 */
export interface TrainingResume {
  state: Uint8Array | null;
  actions: Array<{ simTimeS: number; command: Command }>;
}

export interface WorkerConfig {
  scenario: Scenario;
  epwText?: string;
  /** Simulation start (s, calendar.ts). */
  startS: number;
  seed: number;
  speed: Speed;
  paused: boolean;
  /** Frames per wall-clock second. */
  frameHz: number;
  /** Wall ms between `kpi` messages. */
  kpiIntervalMs: number;
  /** Public sessions: when the simulation reaches endS it starts again at startS. */
  loop: { startS: number; endS: number } | null;
  /** OperatorInputs.autoResetTrips: true for the public session, false for training sessions. */
  autoResetTrips: boolean;
  /** Automatic snapshots to jump back to (private sessions): every everyS simulated seconds, the last keep. */
  backtrack: { everyS: number; keep: number } | null;
  /** The control room's process alarms, with acknowledgement (private sessions). */
  processAlarms: boolean;
  /**
   * A training run: the session runs the exercise from its start (scenario, moment, schedule, objectives and
   * score; server/training/director.ts), from its initial condition when it names one (the saved state's
   * bytes, server/sim/savedState.ts), or resumes it. startS is then the exercise's start.
   */
  training: { exercise: Exercise; initialState: Uint8Array | null; resume: TrainingResume | null } | null;
}

export type ToWorker =
  | { type: 'command'; id: number; command: Command }
  | { type: 'history'; id: number; request: HistoryRequest }
  | { type: 'csv'; id: number; fromS?: number; toS?: number }
  /** The simulation and the operator's inputs now, as bytes (an initial condition to keep). */
  | { type: 'saveState'; id: number }
  /** Puts a saved state in place (not in a training run: it starts from its exercise's). */
  | { type: 'loadState'; id: number; state: Uint8Array }
  /** Test hook: the worker throws from its step loop (an uncaught error, as a failing simulation would). */
  | { type: 'fail'; message: string };

export interface WorkerStatus {
  simTimeS: number;
  speed: Speed;
  paused: boolean;
  /** Mean wall time of a simulation step over the last report interval (ms). */
  stepTimeMsAvg: number;
  stepsPerSecond: number;
  /** The step or jump under way: the clock runs flat out from fromS to targetS (s); null when none. */
  clockTarget: { fromS: number; targetS: number } | null;
  /** Steps this worker ran whose hydraulic solve did not converge (the engine's hydraulicHealth). */
  hydraulicNonConvergedSteps: number;
}

export type FromWorker =
  | { type: 'ready'; status: WorkerStatus }
  | { type: 'frame'; buffer: ArrayBuffer }
  | { type: 'kpi'; kpi: KpiSample; status: WorkerStatus }
  /** A step or jump reached its target. */
  | { type: 'status'; status: WorkerStatus }
  | { type: 'alarm'; alarm: Alarm }
  /** Training runs: a line of the run's record, the score so far, the transmitters' readings, a backtrack saved. */
  | { type: 'runEvent'; event: RunEvent }
  | { type: 'score'; score: LiveScore }
  | { type: 'readings'; readings: Readings }
  | { type: 'backtrack'; backtrack: BacktrackRecord }
  | { type: 'reply'; id: number; ack?: CommandAck; history?: History; csv?: string; status?: WorkerStatus; state?: SavedStateBytes };
