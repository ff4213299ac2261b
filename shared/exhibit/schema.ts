/**
 * The exhibit document: assets/exhibits/<id>.json, one per kiosk installation (a science centre's touch screen).
 * It says which stories a visitor may open (scenario ids with a story in assets/stories/), which few chapters of
 * each are offered and with which short exhibit caption (an i18n key, the words in assets/i18n/<lang>.json), the
 * languages and the one the kiosk starts in, how long the screen waits without a touch before it counts down
 * back to the attract loop, and the attract loop's views: a camera focus over a scenario, one short line and one
 * big figure bound from the simulation. Figure names are those of story text (shared/story/boundText.ts).
 * Stories and chapters are checked against the story files by the exhibit test and the server's route.
 */
import { z } from 'zod';
import { figurePresentation, parseFigureName, type FigureRef } from '../story/boundText';
import { focusSchema } from '../story/schema';

export const EXHIBIT_LANGUAGES = ['fi', 'sv', 'en'] as const;
export type ExhibitLanguage = (typeof EXHIBIT_LANGUAGES)[number];

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'ids use letters, digits and _ . : -');

/** An i18n key: dotted words (`exhibit.espoo.dataCentre.caption`). */
export const i18nKeySchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/, 'an i18n key is dotted words of letters, digits and _');

/**
 * One figure shown alone, big: a name as in story text. A figure that can change sign is refused, as in story
 * text: its label is a fixed phrase that cannot turn with it.
 */
export const figureNameSchema = z.string().superRefine((name, ctx) => {
  const ref = parseFigureName(name);
  if ('problem' in ref) ctx.addIssue({ code: 'custom', message: ref.problem });
  else if (figurePresentation(ref).negativeLabel)
    ctx.addIssue({ code: 'custom', message: `"${name}" can change sign, and its label cannot; show the totals it is the difference of` });
});

export const exhibitChapterSchema = z
  .object({
    /** 1-based chapter number in the story file. */
    chapter: z.number().int().min(1).max(7),
    /** i18n key of the exhibit caption: one idea, plain words, at most 25 words; may bind `{period.key}` figures. */
    caption: i18nKeySchema,
    /** The chapter's big number. */
    figure: figureNameSchema,
    /** i18n key of the few words under the big number. */
    label: i18nKeySchema,
  })
  .strict();
export type ExhibitChapter = z.infer<typeof exhibitChapterSchema>;

export const exhibitStorySchema = z
  .object({
    scenario: id,
    /** i18n key of the story card's title. */
    title: i18nKeySchema,
    chapters: z
      .array(exhibitChapterSchema)
      .min(1)
      .max(4)
      .refine((cs) => new Set(cs.map((c) => c.chapter)).size === cs.length, 'a chapter is offered once'),
  })
  .strict();
export type ExhibitStory = z.infer<typeof exhibitStorySchema>;

export const attractViewSchema = z
  .object({
    scenario: id,
    focus: focusSchema,
    /** i18n key of the view's one short line. */
    line: i18nKeySchema,
    figure: figureNameSchema,
    /** i18n key of the few words under the big number. */
    label: i18nKeySchema,
  })
  .strict();
export type AttractView = z.infer<typeof attractViewSchema>;

export const exhibitSchema = z
  .object({
    stories: z
      .array(exhibitStorySchema)
      .min(1)
      .max(6)
      .refine((ss) => new Set(ss.map((s) => s.scenario)).size === ss.length, 'a story is offered once'),
    languages: z
      .array(z.enum(EXHIBIT_LANGUAGES))
      .min(1)
      .refine((ls) => new Set(ls).size === ls.length, 'a language is listed once')
      .default([...EXHIBIT_LANGUAGES]),
    defaultLanguage: z.enum(EXHIBIT_LANGUAGES).default('fi'),
    /** Seconds without a touch before the countdown back to the attract loop ends. */
    idleS: z.number().int().min(5).max(3600).default(90),
    /** Seconds of visible countdown at the end of the idle time. */
    countdownS: z.number().int().min(1).max(60).default(10),
    attract: z.array(attractViewSchema).min(1).max(12),
  })
  .strict()
  .refine((e) => e.languages.includes(e.defaultLanguage), { message: 'the default language must be one of languages', path: ['defaultLanguage'] })
  .refine((e) => e.countdownS < e.idleS, { message: 'the countdown must be shorter than the idle time', path: ['countdownS'] });
export type Exhibit = z.infer<typeof exhibitSchema>;
export type ExhibitInput = z.input<typeof exhibitSchema>;

/** A figure name the schema accepted, as a reference. */
export function figureRef(name: string): FigureRef {
  const ref = parseFigureName(name);
  if ('problem' in ref) throw new Error(ref.problem);
  return ref;
}

/** Every i18n key an exhibit document names. */
export function exhibitKeys(e: Exhibit): string[] {
  return [
    ...e.stories.flatMap((s) => [s.title, ...s.chapters.flatMap((c) => [c.caption, c.label])]),
    ...e.attract.flatMap((v) => [v.line, v.label]),
  ];
}

/**
 * What an exhibit names that is not there: a story without a story file, a chapter past its story's end, an
 * attract view over an unknown scenario. `chaptersOf` gives a scenario's story length, null for no story.
 */
export function exhibitReferenceProblems(
  e: Exhibit,
  chaptersOf: (scenario: string) => number | null,
  scenarioIds: readonly string[],
): string[] {
  const problems: string[] = [];
  e.stories.forEach((s, i) => {
    const count = chaptersOf(s.scenario);
    if (count === null) return void problems.push(`stories.${i}.scenario: no story for "${s.scenario}"`);
    s.chapters.forEach((c, j) => {
      if (c.chapter > count) problems.push(`stories.${i}.chapters.${j}.chapter: the story has ${count} chapters`);
    });
  });
  e.attract.forEach((v, i) => {
    if (!scenarioIds.includes(v.scenario)) problems.push(`attract.${i}.scenario: unknown scenario "${v.scenario}"`);
  });
  return problems;
}
