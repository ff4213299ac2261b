/**
 * REST payloads of training runs (server/transport/trainingRest.ts): instructor login, the exercises an
 * instructor may start, starting, joining, listing, finishing and resuming a run, and what a run's record
 * looks like to its instructor and to its trainees; the named initial conditions runs may start from
 * (server/transport/initialConditionsRest.ts); a run's samples of its tags (server/transport/runSamplesRest.ts).
 * Bodies and queries are validated here with zod, so a bad one gets an error naming the field, the same way as
 * every other payload.
 */
import { z } from 'zod';
import type { Command } from './commands';
import type { LiveScore, RunEvent, RunEventKind } from './training';
import { initialConditionNameSchema, type Exercise } from '../training/exercise';
import { MAX_TREND_TAGS, TAG_ID_PATTERN } from '../training/trendTags';

/** Join codes: no 0/O or 1/I, which read alike on a projector or a phone. */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;
export const PASSWORD_MIN_CHARS = 10;
/** Longer passwords only cost hashing time; no passphrase needs more. */
export const PASSWORD_MAX_CHARS = 1024;

/** A person's name as they type it (instructor accounts, trainees joining a run). */
export const personNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._@'-]*$/u, "letters, digits, spaces and . _ @ ' -, a letter or digit first");

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_CHARS, `at least ${PASSWORD_MIN_CHARS} characters`)
  .max(PASSWORD_MAX_CHARS);

export const loginSchema = z
  .object({
    name: personNameSchema,
    // Not held to the minimum length: a short password is simply wrong, the same answer as any wrong one.
    password: z.string().min(1).max(PASSWORD_MAX_CHARS),
  })
  .strict();
export type Login = z.infer<typeof loginSchema>;

export const exerciseIdSchema = z.string().regex(/^[a-z0-9-]{1,64}$/, 'lowercase letters, digits and dashes');

export const createRunSchema = z
  .object({
    exerciseId: exerciseIdSchema,
    /** Simulated seconds per wall-clock second, or 'max'. */
    speed: z.union([z.number().finite().min(0.1).max(1e6), z.literal('max')]).optional(),
    paused: z.boolean().optional(),
    /** Starts from this initial condition instead of the one the exercise names (its moment must be the start). */
    initialCondition: initialConditionNameSchema.optional(),
  })
  .strict();
export type CreateRun = z.infer<typeof createRunSchema>;

/** Resuming an interrupted run: the same clock settings as a new one; it starts from what it started from. */
export const resumeRunSchema = createRunSchema.omit({ exerciseId: true, initialCondition: true });

export const joinCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .length(JOIN_CODE_LENGTH, `${JOIN_CODE_LENGTH} characters`)
  .regex(new RegExp(`^[${JOIN_CODE_ALPHABET}]+$`), `only ${JOIN_CODE_ALPHABET}`);

export const joinRunSchema = z.object({ code: joinCodeSchema, name: personNameSchema }).strict();
export type JoinRun = z.infer<typeof joinRunSchema>;

export const runIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, _ and -');
export const runsQuerySchema = z.object({ trainee: personNameSchema.optional() }).strict();
/** Routes that take no query (a run's trend, its CSV export): anything given is an error naming it. */
export const noQuerySchema = z.object({}).strict();

/** Saving the state of a session of one of the instructor's runs, now, under a new name. */
export const saveInitialConditionSchema = z
  .object({
    name: initialConditionNameSchema,
    sessionId: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, _ and -'),
  })
  .strict();

/** 200 to a login (also set as the HttpOnly `heattwin_session` cookie). */
export interface LoginAnswer {
  token: string;
  name: string;
  /** ISO 8601 wall time. */
  expiresAt: string;
}

export interface ExerciseSummary {
  id: string;
  title: string;
  scenario: string;
  durationMin: number;
  briefing: string;
}

/** An initial condition as instructors see it (201 to saving one, and the list); its state stays on the server. */
export interface InitialConditionSummary {
  name: string;
  scenarioId: string;
  /** Simulation time (s, server/sim/calendar.ts) of the state. */
  simTimeS: number;
  /**
   * The same as `YYYY-MM-DDTHH:MM` (`:SS` when not on a whole minute), simulation local standard time: what the
   * `start` of an exercise starting from it must be.
   */
  date: string;
  /** ISO 8601 wall time it was saved. */
  createdAt: string;
  /** Who saved it; null once their account is removed. */
  instructor: string | null;
}

/** 201 to starting a run. */
export interface CreatedRun {
  runId: string;
  sessionId: string;
  joinCode: string;
}

/** 200 to joining a run: the token gives the operator role in that run's session (socket `join`). */
export interface JoinedRun {
  runId: string;
  sessionId: string;
  token: string;
}

/**
 * open: its session runs; finished: the exercise's end or its instructor ended it; interrupted: its session
 * went away (a server restart, an idle session deleted) and its instructor may resume it.
 */
export type RunStatus = 'open' | 'finished' | 'interrupted';

export interface RunSummary {
  id: string;
  exerciseId: string;
  status: RunStatus;
  sessionId: string;
  /** While the run is not finished. */
  joinCode: string | null;
  /** ISO 8601 wall times. */
  createdAt: string;
  finishedAt: string | null;
  trainees: string[];
  /** The final score's total (0-100), once there is one. */
  finalTotal: number | null;
}

export type ActorKind = 'trainee' | 'instructor' | 'session';

export interface RunAction {
  /** Who sent it: a trainee or the instructor by name; `session` for a session's own token. */
  who: { kind: ActorKind; name: string | null };
  command: Command;
  ok: boolean;
  error: string | null;
  /** Simulation time (s) at which the session applied it. */
  simTimeS: number | null;
  /** ISO 8601 wall time the server recorded it. */
  at: string;
  /** Taken back: the instructor restored a moment before it. */
  undone: boolean;
}

/** What a run's exercise tells whoever runs it: its briefing and objectives, never its malfunctions. */
export interface ExerciseBrief {
  title: string;
  durationMin: number;
  briefing: string;
  objectives: Exercise['objectives'];
}

export interface RunDetail extends RunSummary {
  /** Null when the exercise's file can no longer be read. */
  exercise: ExerciseBrief | null;
  instructor: string | null;
  actions: RunAction[];
  events: RunEvent[];
  /** The latest score (the final one once the exercise has ended). */
  score: LiveScore | null;
}

/**
 * What trainees never see of a run, live or in its record: what the instructor made go wrong and when it ended
 * (the schedule, the instructor's scheduling, injections and clears), which they must find out from the plant.
 */
export const INSTRUCTOR_ONLY_EVENT_KINDS: readonly RunEventKind[] = ['scheduled', 'malfunction', 'cleared'];

export function traineeMaySee(e: { kind?: RunEventKind; command?: Command }): boolean {
  if (e.kind !== undefined && INSTRUCTOR_ONLY_EVENT_KINDS.includes(e.kind)) return false;
  return e.command?.type !== 'malfunction';
}

/** A point of a run's trend: what the transmitters read (null for a failed one) and, for its instructor, the truth. */
export interface TrendPoint {
  /** Simulation time (s). */
  simTimeS: number;
  /** The supply header's temperature (°C) and the differential pressure at the worst-placed consumer (Pa). */
  supplyC: number | null;
  worstDpPa: number | null;
  supplyTruthC?: number | null;
  worstDpTruthPa?: number | null;
}

/** 200 to GET /api/runs/:id/trend: at most one point per simulated minute, and the objectives' limits. */
export interface RunTrendAnswer {
  points: TrendPoint[];
  /** The exercise's start (simulation time, s); null when its file can no longer be read. */
  startS: number | null;
  limits: {
    /** The main plant's outlet at most this far below its set-point (K). */
    supplyBelowSetpointK?: number;
    /** The worst-placed consumer's differential pressure at least this (Pa). */
    worstConsumerDpPa?: number;
  };
}

/** A simulation time (s) in a query string: a number, never the empty string (which would coerce to 0). */
const simTimeQuerySchema = z.string().trim().min(1, 'a number of seconds').transform(Number).pipe(z.number().finite());

/**
 * The query of GET /api/runs/:id/samples: `tags` (comma-separated ids of shared/training/trendTags.ts, at most
 * MAX_TREND_TAGS, none twice) and, optionally, the simulation times (s) from and to which (both included).
 */
export const runSamplesQuerySchema = z
  .object({
    tags: z
      .string()
      .transform((s) => s.split(','))
      .pipe(
        z
          .array(z.string().regex(TAG_ID_PATTERN, 'tag ids: letters, digits and _ . : -'))
          .min(1)
          .max(MAX_TREND_TAGS, `at most ${MAX_TREND_TAGS} tags`)
          .refine((ids) => new Set(ids).size === ids.length, 'a tag named twice'),
      ),
    fromS: simTimeQuerySchema.optional(),
    toS: simTimeQuerySchema.optional(),
  })
  .strict()
  .refine((q) => q.fromS === undefined || q.toS === undefined || q.fromS <= q.toS, {
    path: ['toS'],
    message: 'before fromS',
  });

/** Samples in one answer at most: a week of simulated minutes. */
export const MAX_SAMPLE_ROWS = 7 * 24 * 60;

/**
 * 200 to GET /api/runs/:id/samples: the run's samples (one per simulated minute at most) in columns, as uPlot
 * takes them: their simulation times (s, oldest first) and, per tag asked for, its value at each (null: none).
 * A range holding more than MAX_SAMPLE_ROWS samples is thinned evenly to that many.
 */
export interface RunSamplesAnswer {
  times: number[];
  columns: Record<string, Array<number | null>>;
}
