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

export const STORY_VIEWS = ['actual', 'baseline', 'compare'] as const;
export type StoryView = (typeof STORY_VIEWS)[number];

export const chapterSchema = z
  .object({
    /** Short: read from the back of a room. */
    title: z.string().min(1).max(60),
    /** 1-3 sentences, plain words, true to the model. */
    caption: z.string().min(1).max(400),
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
  })
  .strict();
export type StoryChapter = z.infer<typeof chapterSchema>;

export const storySchema = z
  .object({
    scenario: id,
    title: z.string().min(1).max(100),
    /** 4-7 chapters, in the order of the talk. */
    chapters: z.array(chapterSchema).min(4).max(7),
  })
  .strict();
export type Story = z.infer<typeof storySchema>;
export type StoryInput = z.input<typeof storySchema>;
