/**
 * The exhibit's words and its document: every message key is in all three languages; every key the exhibit
 * documents (assets/exhibits) and the exhibit code (t('...') in client/src/exhibit) use is in the message files;
 * exhibit captions stay short (at most 25 words, a bound figure counting as one); every exhibit document
 * validates and names only stories and chapters that exist; numbers read with a decimal comma in Finnish and
 * Swedish.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXHIBIT_LANGUAGES, exhibitKeys, exhibitReferenceProblems, exhibitSchema } from '../shared/exhibit/schema';
import { parseBoundText } from '../shared/story/boundText';
import { kpiPresentation } from '../shared/story/kpis';
import { parseStory } from '../shared/story/validate';
import { listScenarioIds, SCENARIO_DIR } from '../server/scenarios/load';
import { amountIn } from '../client/src/exhibit/figureFormat';

const ASSETS = resolve(SCENARIO_DIR, '..');
const messages = Object.fromEntries(
  EXHIBIT_LANGUAGES.map((l) => [l, JSON.parse(readFileSync(join(ASSETS, 'i18n', `${l}.json`), 'utf8')) as Record<string, string>]),
);
const exhibitFiles = readdirSync(join(ASSETS, 'exhibits')).filter((f) => f.endsWith('.json'));
const exhibits = exhibitFiles.map((f) => ({ file: f, doc: exhibitSchema.parse(JSON.parse(readFileSync(join(ASSETS, 'exhibits', f), 'utf8'))) }));
const EXHIBIT_CODE = resolve(ASSETS, '../client/src/exhibit');

/** Words of a caption, a bound figure counting as one. */
const words = (text: string) =>
  parseBoundText(text)
    .segments.map((s) => ('text' in s ? s.text : ' figure '))
    .join('')
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

describe('exhibit messages and documents', () => {
  it('has the espoo exhibit', () => {
    expect(exhibitFiles).toContain('espoo.json');
  });

  it('has every message key in all three languages, none empty', () => {
    const all = new Set(EXHIBIT_LANGUAGES.flatMap((l) => Object.keys(messages[l])));
    for (const l of EXHIBIT_LANGUAGES)
      for (const key of all) {
        expect(messages[l][key], `${l}.json: ${key}`).toBeTypeOf('string');
        expect(messages[l][key].trim(), `${l}.json: ${key}`).not.toBe('');
      }
  });

  it('has every key the exhibit code uses', () => {
    const used = new Set<string>();
    for (const f of readdirSync(EXHIBIT_CODE).filter((f) => /\.tsx?$/.test(f)))
      for (const m of readFileSync(join(EXHIBIT_CODE, f), 'utf8').matchAll(/\bt\('([^']+)'/g)) used.add(m[1]);
    expect(used.size).toBeGreaterThan(5);
    for (const key of used) for (const l of EXHIBIT_LANGUAGES) expect(messages[l][key], `${l}.json: ${key}`).toBeTypeOf('string');
  });

  it.each(exhibits)('$file: names only keys, stories and chapters that exist', ({ doc }) => {
    for (const key of exhibitKeys(doc)) for (const l of EXHIBIT_LANGUAGES) expect(messages[l][key], `${l}.json: ${key}`).toBeTypeOf('string');
    const storyLength = (scenario: string) => {
      try {
        return parseStory(JSON.parse(readFileSync(join(ASSETS, 'stories', `${scenario}.json`), 'utf8'))).chapters.length;
      } catch {
        return null;
      }
    };
    expect(exhibitReferenceProblems(doc, storyLength, listScenarioIds())).toEqual([]);
  });

  it.each(exhibits)('$file: captions and lines are short and bind only real figures', ({ doc }) => {
    const texts = [...doc.stories.flatMap((s) => s.chapters.map((c) => c.caption)), ...doc.attract.map((v) => v.line)];
    for (const key of texts)
      for (const l of EXHIBIT_LANGUAGES) {
        const text = messages[l][key];
        expect(words(text), `${l}: ${key}: ${text}`).toBeLessThanOrEqual(25);
        expect(parseBoundText(text).problems, `${l}: ${key}`).toEqual([]);
      }
  });

  it('refuses a document that names a missing story chapter or a bad figure', () => {
    const doc = exhibits[0].doc;
    const broken = { ...doc, stories: [{ ...doc.stories[0], chapters: [{ ...doc.stories[0].chapters[0], chapter: 7 }] }] };
    expect(exhibitReferenceProblems(broken, () => 6, listScenarioIds())).toEqual(['stories.0.chapters.0.chapter: the story has 6 chapters']);
    const badFigure = exhibitSchema.safeParse({ ...doc, attract: [{ ...doc.attract[0], figure: 'now.nothing' }] });
    expect(badFigure.success).toBe(false);
  });

  it('writes numbers per locale', () => {
    const mw = kpiPresentation('heatDemandMW');
    expect(amountIn('fi', mw, 1234.5)).toBe('1\u00a0234,5\u00a0MW');
    expect(amountIn('sv', mw, 12.25)).toMatch(/^12,[23]\u00a0MW$/);
    expect(amountIn('en', mw, 1234.5)).toBe('1,234.5\u00a0MW');
    expect(amountIn('en', kpiPresentation('costEur'), 1200)).toBe('€1,200');
  });
});
