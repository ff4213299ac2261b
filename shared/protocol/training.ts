/**
 * What a training session tells the server about its exercise as it runs (server/training/director.ts in the
 * session's worker): the lines of the run's record, the live score, and the backtracks it saves. The server keeps
 * them (server/records); the consoles show them.
 */
import type { Command } from './commands';

export const RUN_EVENT_KINDS = [
  'scheduled',
  'malfunction',
  'cleared',
  'action',
  'refused',
  'hint',
  'alarm',
  'alarm cleared',
  'acknowledged',
] as const;
export type RunEventKind = (typeof RUN_EVENT_KINDS)[number];

/** One line of a run's record. */
export interface RunEvent {
  /** Simulation time (s, calendar.ts) and seconds from the exercise's start. */
  simTimeS: number;
  atS: number;
  kind: RunEventKind;
  text: string;
  /** The command, for actions and refusals. */
  command?: Command;
}

export type ScorePart = 'supply' | 'dp' | 'indoor' | 'unmet' | 'cost' | 'co2' | 'response' | 'ack';

/** A score (0-100) and its parts (server/training/score.ts), each part's score in [0, 1]. */
export interface ScoreBreakdown {
  total: number;
  parts: Array<{ part: ScorePart; weight: number; score: number }>;
  hintPoints: number;
}

/** The score so far: the run held against the reference run up to the same moment. */
export interface LiveScore extends ScoreBreakdown {
  atS: number;
  /** Whether the exercise's duration has been reached (the score is then final). */
  finished: boolean;
}

/**
 * A backtrack as the worker sends it out: the simulation, the operator's inputs and the exercise's books at
 * simTimeS, serialised (node:v8) so it can be stored and handed back to a new worker to resume from.
 */
export interface BacktrackRecord {
  id: string;
  simTimeS: number;
  state: Uint8Array;
}

/**
 * What the control room's transmitters read now: the supply header's temperature (°C) and the differential
 * pressure at the worst-placed consumer (Pa). `measured` is null when a transmitter gives no reading. `truth`,
 * the value the transmitter should read, goes to the run's instructor only: a trainee never sees behind a
 * faulty sensor.
 */
export interface TransmitterReading {
  sensor: 'supplyTemperature' | 'worstDp';
  measured: number | null;
  truth?: number;
}

export interface Readings {
  simTimeS: number;
  transmitters: TransmitterReading[];
}
