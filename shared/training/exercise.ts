/**
 * An operator-training exercise (files in assets/exercises/): a scenario and a moment to start from, a briefing,
 * the malfunctions the instructor has scheduled, at a minute or once a condition holds (each with the responses
 * that deal with it), the objectives the trainee is held to, hints, and the weights of the score
 * (server/training/score.ts). Validated with zod; a bad file gets an error naming the field. Times within the
 * exercise are minutes from its start.
 *
 * Scripted actions (a trainee's actions in a test, or a replay) are a list of timed plant commands, alarm
 * acknowledgements and hint requests, validated the same way.
 */
import { z } from 'zod';
import { calendarDateTimeSchema } from '../protocol/calendarDate';
import { alarmCommandSchema, malfunctionSchema, plantCommandSchema } from '../protocol/commands';

/** The name of an initial condition, as an exercise file, a run or the instructor's console gives it. */
export const initialConditionNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes, a letter or digit first');

const minute = z.number().finite().min(0).max(7 * 24 * 60);
const weight = z.number().finite().min(0).max(100);

/**
 * A command that counts as dealing with a malfunction: every field given must equal the trainee's command's
 * (`{ type: 'boiler', action: 'start' }` matches starting any boiler).
 */
export const commandPatternSchema = z
  .object({
    type: z.enum(['supplySetpoint', 'heatPump', 'boiler', 'storage', 'priority', 'standbyPump', 'valve', 'makeUp']),
    unitId: z.string().min(1).max(64).optional(),
    pipeId: z.string().min(1).max(64).optional(),
    action: z.string().min(1).max(32).optional(),
    mode: z.string().min(1).max(32).optional(),
  })
  .strict();
export type CommandPattern = z.infer<typeof commandPatternSchema>;

/**
 * A condition on the city that must hold, for forMin minutes without a break, before a malfunction enters (on the
 * true values, not what a faulty transmitter reads): the outdoor temperature (°C), the main plant's outlet (°C),
 * the differential pressure at the worst-placed consumer (Pa).
 */
export const triggerConditionSchema = z
  .object({
    measure: z.enum(['outdoorC', 'supplyC', 'worstDpPa']),
    below: z.number().finite().optional(),
    above: z.number().finite().optional(),
    forMin: z.number().finite().min(0).max(24 * 60).default(0),
  })
  .strict()
  .refine((c) => (c.below === undefined) !== (c.above === undefined), { message: 'give exactly one of below and above' });
export type TriggerCondition = z.infer<typeof triggerConditionSchema>;

export const scheduledMalfunctionSchema = z
  .object({
    /** When it enters; with a condition, the earliest minute it may. */
    atMin: minute,
    when: triggerConditionSchema.optional(),
    malfunction: malfunctionSchema,
    /** When it ends by itself (minutes from the start); never if not given. */
    clearAtMin: minute.optional(),
    /** What deals with it, and how soon the trainee should have done one of them (minutes). */
    response: z.object({ anyOf: z.array(commandPatternSchema).min(1).max(10), withinMin: z.number().finite().min(1).max(600) }).strict(),
  })
  .strict()
  .refine((m) => m.clearAtMin === undefined || m.clearAtMin > m.atMin, { message: 'must be after atMin', path: ['clearAtMin'] })
  .refine((m) => m.clearAtMin === undefined || m.when === undefined, {
    message: 'a malfunction that waits for a condition ends only when the instructor clears it',
    path: ['clearAtMin'],
  })
  .refine((m) => m.clearAtMin === undefined || m.malfunction.kind !== 'heatPumpTrip', {
    message: 'a trip is not cleared but reset by the trainee',
    path: ['clearAtMin'],
  });
export type ScheduledMalfunction = z.infer<typeof scheduledMalfunctionSchema>;

export const objectivesSchema = z
  .object({
    /** The main plant's outlet at most this far below its set-point (K). */
    supplyBelowSetpointK: z.number().finite().min(0.5).max(30).optional(),
    /** The differential pressure at the worst-placed consumer at least this (Pa). */
    worstConsumerDpPa: z.number().finite().min(1e3).max(1e6).optional(),
    /** No building below belowC indoors for longer than graceMin. */
    indoor: z.object({ belowC: z.number().finite().min(10).max(22), graceMin: z.number().finite().min(0).max(24 * 60) }).strict().optional(),
  })
  .strict()
  .refine((o) => Object.keys(o).length > 0, { message: 'give at least one objective' });
export type Objectives = z.infer<typeof objectivesSchema>;

export const scoreWeightsSchema = z
  .object({
    supply: weight.default(20),
    dp: weight.default(20),
    indoor: weight.default(20),
    unmet: weight.default(15),
    cost: weight.default(5),
    co2: weight.default(5),
    response: weight.default(15),
    ack: weight.default(10),
  })
  .strict();
export type ScoreWeights = z.infer<typeof scoreWeightsSchema>;

export const exerciseSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,64}$/, 'lowercase letters, digits and dashes'),
    title: z.string().min(1).max(120),
    scenario: z.string().min(1).max(200),
    /** The moment the trainee takes over (simulation local standard time). */
    start: calendarDateTimeSchema,
    /** Hours the automation runs the city before the start, so it starts from a settled state. */
    warmUpH: z.number().finite().min(0).max(168).default(12),
    /**
     * A named state saved from a run of the scenario (an initial condition) to start from instead of the
     * settled scenario; its moment must be `start`, and warmUpH is then not used.
     */
    initialCondition: initialConditionNameSchema.optional(),
    durationMin: z.number().finite().min(10).max(7 * 24 * 60),
    briefing: z.string().min(1).max(4000),
    objectives: objectivesSchema,
    malfunctions: z.array(scheduledMalfunctionSchema).min(1).max(20),
    hints: z.array(z.string().min(1).max(500)).max(20).default([]),
    /** Points taken off the score (of 100) for each hint the trainee asks for. */
    hintPenalty: z.number().finite().min(0).max(50).default(5),
    weights: scoreWeightsSchema.default(() => scoreWeightsSchema.parse({})),
  })
  .strict()
  .superRefine((e, ctx) => {
    e.malfunctions.forEach((m, i) => {
      if (m.atMin >= e.durationMin) ctx.addIssue({ code: 'custom', message: `must be within the exercise's ${e.durationMin} min`, path: ['malfunctions', i, 'atMin'] });
    });
  });
export type Exercise = z.infer<typeof exerciseSchema>;

export const scriptedActionSchema = z.union([
  z.object({ atMin: minute, command: plantCommandSchema }).strict(),
  /** The trainee acknowledges alarms. */
  z.object({ atMin: minute, alarm: alarmCommandSchema }).strict(),
  /** The trainee asks for the next hint. */
  z.object({ atMin: minute, hint: z.literal(true) }).strict(),
]);
export const scriptedActionsSchema = z.object({ actions: z.array(scriptedActionSchema).max(1000) }).strict();
export type ScriptedAction = z.infer<typeof scriptedActionSchema>;
