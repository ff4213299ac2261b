/**
 * Every story's chapters show what they say. Each story is played as presentation mode plays it, through the
 * session's own step loop (test/story/playStory.ts), and every KPI sample a chapter shows while a presenter
 * speaks to it (DWELL_MS of wall time from its moment) must meet the chapter's `expect` conditions. A chapter
 * whose moment falls where its caption is not true (a heat pump stopped by the price, a pipe not reversed)
 * fails here with the moment and the figure.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, SCENARIO_DIR } from '../server/scenarios/load';
import { parseFigureName } from '../shared/story/boundText';
import { kpiValue } from '../shared/story/kpis';
import type { ChapterCondition } from '../shared/story/schema';
import { parseStory } from '../shared/story/validate';
import type { KpiSample } from '../shared/protocol/session';
import { playStory } from './story/playStory';

const STORY_DIR = resolve(SCENARIO_DIR, '../stories');
/** Wall time a presenter stays on a chapter while the test watches it. */
const DWELL_MS = 10_000;

function unmet(c: ChapterCondition, k: KpiSample): string | null {
  const ref = parseFigureName(c.figure);
  if ('problem' in ref || (ref.period !== 'now' && ref.period !== 'sinceStart')) return `${c.figure}: not a figure of the moment`;
  const v = kpiValue(k, ref.key);
  if (c.above !== undefined && !(v > c.above)) return `${c.figure} = ${v} is not above ${c.above}`;
  if (c.below !== undefined && !(v < c.below)) return `${c.figure} = ${v} is not below ${c.below}`;
  return null;
}

describe('story chapters at their moments', () => {
  for (const file of readdirSync(STORY_DIR).filter((f) => f.endsWith('.json')).sort()) {
    it(`${file}: every chapter's conditions hold while it is shown`, () => {
      const story = parseStory(JSON.parse(readFileSync(join(STORY_DIR, file), 'utf8')));
      const shown = playStory(story, loadScenario(story.scenario), DWELL_MS);
      const failures: string[] = [];
      story.chapters.forEach((c, i) => {
        const samples = shown[i].samples;
        if (samples.length < 5) failures.push(`chapter ${i + 1} "${c.title}": only ${samples.length} samples`);
        for (const k of samples)
          for (const cond of c.expect) {
            const why = unmet(cond, k);
            if (why) failures.push(`chapter ${i + 1} "${c.title}" at ${new Date(k.simTimeS * 1000).toISOString().slice(0, 16)}: ${why}`);
          }
      });
      expect(failures).toEqual([]);
    }, 120_000);
  }

  it('a condition that does not hold is reported with its chapter and moment', () => {
    const json = JSON.parse(readFileSync(join(STORY_DIR, 'outdoor-air-subzero.json'), 'utf8')) as { chapters: unknown[] };
    // The deep-cold chapter's moment, with the heat pump said to run: it stands still below -15 °C.
    const story = parseStory({ ...json, chapters: json.chapters.slice(0, 4) });
    const shown = playStory(story, loadScenario(story.scenario), DWELL_MS);
    const wrong: ChapterCondition = { figure: 'now.heatBySourceMW.outdoorAir', above: 1 };
    expect(shown[2].samples.map((k) => unmet(wrong, k)).every((w) => w !== null)).toBe(true);
  }, 120_000);
});
