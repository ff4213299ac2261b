/**
 * Story validation: the zod schema for shape (schema.ts), then what only the story's scenario can tell: that it
 * is the scenario the story names, that every plant, building and source a camera focus names exists and can be
 * placed (a source needs a building or a heat pump drawing from it), and that every `at` lies within the
 * scenario's simulated period. Problems are one line each, naming the field path like scenario validation does.
 */
import type { Scenario } from '../scenario/schema';
import { formatProblem, zodProblems, type ScenarioProblem } from '../scenario/validate';
import { storySchema, type Story, type StoryFocus } from './schema';

export type StoryResult = { ok: true; story: Story } | { ok: false; problems: ScenarioProblem[] };

export class StoryError extends Error {
  constructor(readonly problems: ScenarioProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'StoryError';
  }
}

/** Shape only: what can be checked without the scenario. */
export function validateStory(input: unknown): StoryResult {
  const parsed = storySchema.safeParse(input);
  return parsed.success ? { ok: true, story: parsed.data } : { ok: false, problems: zodProblems(parsed.error) };
}

export function parseStory(input: unknown): Story {
  const r = validateStory(input);
  if (!r.ok) throw new StoryError(r.problems);
  return r.story;
}

/** Problems of a well-formed story against its scenario; empty when it fits. */
export function storyScenarioProblems(story: Story, scenario: Scenario): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  if (story.scenario !== scenario.id) problems.push({ path: 'scenario', message: `story is for "${story.scenario}", not "${scenario.id}"` });
  const startMs = Date.parse(`${scenario.simulation.start}T00:00Z`);
  const endMs = startMs + scenario.simulation.days * 86_400_000;
  story.chapters.forEach((c, i) => {
    const path = `chapters[${i}]`;
    const foci: [string, StoryFocus][] = [[`${path}.camera.focus`, c.camera.focus]];
    c.camera.path?.forEach((f, j) => foci.push([`${path}.camera.path[${j}]`, f]));
    for (const [p, f] of foci) {
      const message = focusProblem(f, scenario);
      if (message) problems.push({ path: p, message });
    }
    if (c.at !== undefined) {
      const atMs = Date.parse(`${c.at}Z`);
      if (!(atMs >= startMs && atMs < endMs))
        problems.push({ path: `${path}.at`, message: `${c.at} is outside the simulated period (${scenario.simulation.start}, ${scenario.simulation.days} days)` });
    }
  });
  return problems;
}

function focusProblem(f: StoryFocus, s: Scenario): string | null {
  if ('plant' in f) return s.plants.some((p) => p.id === f.plant) ? null : `no plant "${f.plant}"`;
  if ('building' in f) return s.buildings.some((b) => b.id === f.building) ? null : `no building "${f.building}"`;
  if ('source' in f) {
    const src = s.sources.find((x) => x.id === f.source);
    if (!src) return `no source "${f.source}"`;
    const drawn = s.plants.some((p) => p.units.some((u) => u.kind === 'heatPump' && u.source === f.source));
    return src.buildingId !== undefined || drawn ? null : `source "${f.source}" has no building and no heat pump to show it by`;
  }
  return null;
}
