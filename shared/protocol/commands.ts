/**
 * Commands a client may send to a session (`command` event, answered by an ack), and who may send them.
 * Every payload is validated here with zod before it reaches a session; a bad one gets an error naming the
 * field and changes nothing.
 */
import { z } from 'zod';
import { calendarDateTimeSchema } from './calendarDate';
import { issueMessage } from './issueMessage';

export const ROLES = ['viewer', 'operator', 'instructor'] as const;
export type Role = (typeof ROLES)[number];

const unitId = z.string().min(1).max(64);
const pipeId = z.string().min(1).max(64);
/** Most steps one `clock step` takes. */
export const CLOCK_STEPS_MAX = 10_000;

export const clockCommandSchema = z.discriminatedUnion('action', [
  z.object({ type: z.literal('clock'), action: z.literal('pause') }).strict(),
  z.object({ type: z.literal('clock'), action: z.literal('resume') }).strict(),
  z.object({ type: z.literal('clock'), action: z.literal('step'), steps: z.number().int().min(1).max(CLOCK_STEPS_MAX).default(1) }).strict(),
  z
    .object({
      type: z.literal('clock'),
      action: z.literal('speed'),
      /** Simulated seconds per wall-clock second, or 'max' for as fast as the machine goes. */
      speed: z.union([z.number().finite().min(0.1).max(1e6), z.literal('max')]),
    })
    .strict(),
  z.object({ type: z.literal('clock'), action: z.literal('jump'), to: calendarDateTimeSchema }).strict(),
  z.object({ type: z.literal('clock'), action: z.literal('snapshot'), label: z.string().max(80).optional() }).strict(),
  z.object({ type: z.literal('clock'), action: z.literal('restore'), snapshotId: z.string().min(1).max(64) }).strict(),
  /** The backtracks kept, oldest first: restore jumps back to one. */
  z.object({ type: z.literal('clock'), action: z.literal('backtracks') }).strict(),
]);

export const plantCommandSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('supplySetpoint'),
      /** Shift of the supply curve (K). */
      offsetK: z.number().finite().min(-30).max(30).optional(),
      /** Fixed supply temperature (°C); null returns to the curve. */
      overrideC: z.number().finite().min(40).max(130).nullable().optional(),
    })
    .strict(),
  z.object({ type: z.literal('heatPump'), unitId, action: z.enum(['start', 'stop', 'auto', 'reset']) }).strict(),
  z.object({ type: z.literal('boiler'), unitId, action: z.enum(['start', 'stop', 'auto']) }).strict(),
  z.object({ type: z.literal('storage'), mode: z.enum(['auto', 'charge', 'discharge', 'idle']) }).strict(),
  /** The standby circulation pump. */
  z.object({ type: z.literal('standbyPump'), action: z.enum(['start', 'stop']) }).strict(),
  /** Make-up pumps in service at the main plant (each replaces lost water up to its capacity). */
  z.object({ type: z.literal('makeUp'), pumps: z.union([z.literal(0), z.literal(1), z.literal(2)]) }).strict(),
  /** The section valves (supply and return) of a pipe that lies in no loop: closing cuts off what lies beyond it. */
  z.object({ type: z.literal('valve'), pipeId, action: z.enum(['close', 'open']) }).strict(),
  /** Units listed run first, in this order; an empty list returns to the merit order. */
  z.object({ type: z.literal('priority'), unitIds: z.array(unitId).max(100) }).strict(),
]);

const sourceId = z.string().min(1).max(64);

/** What an instructor can make go wrong (server/sim/malfunctions.ts), with its physical parameters. */
export const malfunctionSchema = z.discriminatedUnion('kind', [
  /** A protection trip of a heat pump now; it latches until reset. */
  z.object({ kind: z.literal('heatPumpTrip'), unitId }).strict(),
  /** Every start of a heat pump or boiler fails until cleared. */
  z.object({ kind: z.literal('failedStart'), unitId }).strict(),
  /** Compressor stages of a heat pump out of service. */
  z.object({ kind: z.literal('compressorStageLoss'), unitId, stages: z.number().int().min(1).max(32) }).strict(),
  /** A heat source stops giving heat (a data-centre outage: its cooling water stops). */
  z.object({ kind: z.literal('sourceOutage'), sourceId }).strict(),
  /** The duty circulation pump stops. */
  z.object({ kind: z.literal('circulationPumpFailure') }).strict(),
  /** A storage tank's valve sticks where it stands. */
  z.object({ kind: z.literal('storageValveStuck'), unitId }).strict(),
  /**
   * A transmitter the automation controls on reads wrong: the supply header's temperature (K) or the
   * differential pressure at the worst-placed consumer (Pa). Bias: a constant error; drift: an error growing by
   * `value` per hour; failed: no reading.
   */
  z
    .object({
      kind: z.literal('sensorFault'),
      sensor: z.enum(['supplyTemperature', 'worstDp']),
      fault: z.enum(['bias', 'drift', 'failed']),
      value: z.number().finite().min(-1e6).max(1e6).default(0),
    })
    .strict(),
  /** The spot price rises by this much (EUR/MWh). */
  z.object({ kind: z.literal('priceSpike'), addEurPerMWh: z.number().finite().min(0).max(5000) }).strict(),
  /** The outdoor temperature falls by this much (K). */
  z.object({ kind: z.literal('coldSnap'), dropK: z.number().finite().min(0).max(30) }).strict(),
  /**
   * A supply pipe leaks at its end away from the main plant through a hole of this area (mm²): a leak a few mm²,
   * a burst up to the pipe's bore. One at a time: a new one replaces the last.
   */
  z.object({ kind: z.literal('pipeLeak'), pipeId, holeAreaMm2: z.number().finite().min(0.1).max(50_000) }).strict(),
]);
export type Malfunction = z.infer<typeof malfunctionSchema>;
export type MalfunctionKind = Malfunction['kind'];

/** A minute of an exercise, from its start (at most a week). */
const exerciseMinute = z.number().finite().min(0).max(7 * 24 * 60);

export const malfunctionCommandSchema = z.discriminatedUnion('action', [
  z.object({ type: z.literal('malfunction'), action: z.literal('inject'), malfunction: malfunctionSchema }).strict(),
  /** Ends a malfunction: the unit or source it acts on, if it has one. A trip is not cleared here but reset. */
  z
    .object({
      type: z.literal('malfunction'),
      action: z.literal('clear'),
      kind: z.enum([
        'failedStart',
        'compressorStageLoss',
        'sourceOutage',
        'circulationPumpFailure',
        'sensorFault',
        'storageValveStuck',
        'priceSpike',
        'coldSnap',
        'pipeLeak',
      ]),
      unitId: unitId.optional(),
      sourceId: sourceId.optional(),
      pipeId: pipeId.optional(),
      sensor: z.enum(['supplyTemperature', 'worstDp']).optional(),
    })
    .strict(),
  /**
   * Training runs: a malfunction to enter at a minute from the exercise's start (not passed yet), and to end at a
   * later one when it has an end (a trip has none: the trainee resets it).
   */
  z
    .object({
      type: z.literal('malfunction'),
      action: z.literal('schedule'),
      atMin: exerciseMinute,
      clearAtMin: exerciseMinute.optional(),
      malfunction: malfunctionSchema,
    })
    .strict(),
  /** Lists the malfunctions in force (and, in a training run, those still to enter or end). */
  z.object({ type: z.literal('malfunction'), action: z.literal('list') }).strict(),
]);

/** The control room's alarm list (server/alarms/processAlarms.ts): list it, acknowledge one tag or all. */
export const alarmCommandSchema = z.discriminatedUnion('action', [
  z.object({ type: z.literal('alarm'), action: z.literal('list') }).strict(),
  z.object({ type: z.literal('alarm'), action: z.literal('ack'), tag: z.string().min(1).max(64).optional() }).strict(),
]);

/** Hints in an exercise: the trainee asks for the exercise's next one (it costs points), the instructor sends one. */
export const hintCommandSchema = z.discriminatedUnion('action', [
  z.object({ type: z.literal('hint'), action: z.literal('ask') }).strict(),
  z.object({ type: z.literal('hint'), action: z.literal('send'), text: z.string().min(1).max(500) }).strict(),
]);

export const commandSchema = z.union([
  clockCommandSchema,
  plantCommandSchema,
  malfunctionCommandSchema,
  alarmCommandSchema,
  hintCommandSchema,
]);
export type Command = z.infer<typeof commandSchema>;
export type ClockCommand = z.infer<typeof clockCommandSchema>;
export type PlantCommand = z.infer<typeof plantCommandSchema>;
export type MalfunctionCommand = z.infer<typeof malfunctionCommandSchema>;
export type AlarmCommand = z.infer<typeof alarmCommandSchema>;
export type HintCommand = z.infer<typeof hintCommandSchema>;

/** Operators run the plant; instructors also run the clock and inject malfunctions. */
export function requiredRole(command: Command): Role {
  if (command.type === 'hint') return command.action === 'send' ? 'instructor' : 'operator';
  return command.type === 'clock' || command.type === 'malfunction' ? 'instructor' : 'operator';
}

export function roleAllows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** simTimeS: the simulation time at which the session applied the command (s, calendar.ts). */
export type CommandAck = { ok: true; result?: unknown; simTimeS?: number } | { ok: false; error: string; simTimeS?: number };

/**
 * The result of a clock `step` or `jump`: answered at once, before the target is reached (a long jump on a big
 * city takes longer than a request may wait). The clock then runs flat out to targetS (simulated s); the
 * simulated time in frames and KPIs shows the progress. estimatedWallMs: the server's estimate of how long.
 */
export interface ClockMoveResult {
  accepted: true;
  targetS: number;
  estimatedWallMs: number;
}

/** Validates a raw payload; the error names the field path (`unitId: Invalid input: expected string`). */
export function parseCommand(raw: unknown): { ok: true; command: Command } | { ok: false; error: string } {
  const parsed = commandSchema.safeParse(raw);
  if (parsed.success) return { ok: true, command: parsed.data };
  return { ok: false, error: issueMessage(parsed.error) };
}
