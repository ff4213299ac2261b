/**
 * The story document of presentation mode: assets/stories/<scenarioId>.json, one per scenario, the chapters of a
 * talk about that scenario. Each chapter flies the camera to a focus (a plant, a building, a source or
 * the whole city, optionally through a path of foci), shows a caption and the KPIs that matter, may jump the
 * simulated clock to a moment (`at`) and run it at a time-lapse `speed`, and shows the city as it is ("actual"),
 * as it would be with its fossil baseline plant ("baseline"), or both figures side by side ("compare").
 * Ids are checked against the scenario in validate.ts; KPI keys against kpis.ts here.
 */
import { z } from 'zod';
import { calendarDateTimeSchema } from '../protocol/calendarDate';
import { STORY_KPI_KEYS } from './kpis';
import { parseBoundText, parseFigureName, typedNumbers } from './boundText';

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'ids use letters, digits and _ . : -');

/** What the camera looks at. */
export const focusSchema = z.union([
  z.object({ plant: id }).strict(),
  z.object({ building: id }).strict(),
  z.object({ source: id }).strict(),
  z.object({ city: z.literal(true) }).strict(),
]);
export type StoryFocus = z.infer<typeof focusSchema>;

export const cameraSchema = z
  .object({
    focus: focusSchema,
    /** Distance from the focus (m); default from the focus's size. */
    distanceM: z.number().finite().min(20).max(50_000).optional(),
    /** Where the camera stands around the focus, clockwise seen from above: 0 = from the south, 90 = from the west. */
    headingDeg: z.number().finite().min(-360).max(360).optional(),
    /** Angle above the horizon (degrees); default 35. */
    pitchDeg: z.number().finite().min(5).max(89).optional(),
    /** Foci the camera flies over, in order, on its way to `focus`. */
    path: z.array(focusSchema).min(1).max(8).optional(),
  })
  .strict();
export type StoryCamera = z.infer<typeof cameraSchema>;

/** Story text: figures bound from the simulation (boundText.ts), no number typed in but a date or a year. */
const boundText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .superRefine((text, ctx) => {
      for (const message of parseBoundText(text).problems) ctx.addIssue({ code: 'custom', message });
      for (const n of typedNumbers(text))
        ctx.addIssue({ code: 'custom', message: `"${n}" is typed in: bind the figure from the simulation ({period.key})` });
    });

/**
 * What must be true at a chapter's moment for its caption to hold: a figure of the moment (`now.<key>` or
 * `sinceStart.<key>`, boundText.ts) above and/or below a bound, in the figure's unit.
 */
export const conditionSchema = z
  .object({
    figure: z.string().superRefine((name, ctx) => {
      const ref = parseFigureName(name);
      if ('problem' in ref) ctx.addIssue({ code: 'custom', message: ref.problem });
      else if (ref.period !== 'now' && ref.period !== 'sinceStart')
        ctx.addIssue({ code: 'custom', message: `"${name}": a chapter's moment is checked on now.* or sinceStart.* figures` });
    }),
    above: z.number().finite().optional(),
    below: z.number().finite().optional(),
  })
  .strict()
  .refine((c) => c.above !== undefined || c.below !== undefined, 'a condition needs "above" or "below"');
export type ChapterCondition = z.infer<typeof conditionSchema>;

export const STORY_VIEWS = ['actual', 'baseline', 'compare'] as const;
export type StoryView = (typeof STORY_VIEWS)[number];

export const chapterSchema = z
  .object({
    /** Short: read from the back of a room. */
    title: boundText(60),
    /** 1-3 sentences, plain words, true to the model. */
    caption: boundText(400),
    camera: cameraSchema,
    /** Simulated local time the chapter jumps to (the clock command's format). */
    at: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'expected YYYY-MM-DDTHH:MM')
      .pipe(calendarDateTimeSchema)
      .optional(),
    /** Simulated seconds per wall-clock second while the chapter is shown (1440 = a day in a minute). */
    speed: z.number().finite().min(0.1).max(1e6).optional(),
    kpis: z.array(z.enum(STORY_KPI_KEYS)).max(6).default([]),
    view: z.enum(STORY_VIEWS).default('actual'),
    /** What the caption says is true at the chapter's moment; story tests simulate to it and check. */
    expect: z.array(conditionSchema).max(6).default([]),
  })
  .strict();
export type StoryChapter = z.infer<typeof chapterSchema>;

export const storySchema = z
  .object({
    scenario: id,
    title: boundText(100),
    /** 4-7 chapters, in the order of the talk. */
    chapters: z.array(chapterSchema).min(4).max(7),
  })
  .strict();
export type Story = z.infer<typeof storySchema>;
export type StoryInput = z.input<typeof storySchema>;
