/**
 * The exhibit kiosk's REST side (express 5, JSON; errors `{ error: 'field: message' }` as in rest.ts):
 *   GET /api/exhibits/:id   Exhibit (shared/exhibit/schema.ts) of assets/exhibits/<id>.json, defaults filled in;
 *                           404 for no such file, 500 naming the field when the file is broken or names a story,
 *                           chapter or scenario that is not there
 *   GET /exhibit            the client's page (the exhibit is a route of the single-page app), when it is built
 * Exhibit files are read from disk on each request, beside the scenario folder like the stories, so a kiosk picks
 * up an edited exhibit at its next return to the attract loop without a rebuild.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import express, { type Router } from 'express';
import { z } from 'zod';
import { exhibitReferenceProblems, exhibitSchema } from '../../shared/exhibit/schema';
import { issueMessage } from '../../shared/protocol/issueMessage';
import { validateStory } from '../../shared/story/validate';
import { listScenarioIds } from '../scenarios/load';
import { HttpError, parse } from './rest';

export interface ExhibitRestOptions {
  scenarioDir: string;
  /** The built client; /exhibit is served from it when its index.html exists. */
  clientDist: string;
  /** Exhibit files; default the `exhibits` folder beside the scenario folder. */
  exhibitDir?: string;
  /** Story files; default the `stories` folder beside the scenario folder. */
  storyDir?: string;
}

const idParam = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'expected letters, digits, _ . : -');

async function readJson(file: string, what: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch {
    throw new HttpError(500, `${what}: not valid JSON`);
  }
}

export function createExhibitRouter(opts: ExhibitRestOptions): Router {
  const exhibitDir = opts.exhibitDir ?? join(opts.scenarioDir, '..', 'exhibits');
  const storyDir = opts.storyDir ?? join(opts.scenarioDir, '..', 'stories');
  const router = express.Router();

  router.get('/api/exhibits/:id', async (req, res) => {
    const id = parse(idParam, req.params.id, 'id: ');
    const file = join(exhibitDir, `${id}.json`);
    if (!existsSync(file)) throw new HttpError(404, `id: no exhibit "${id}"`);
    const parsed = exhibitSchema.safeParse(await readJson(file, `exhibit ${id}.json`));
    if (!parsed.success) throw new HttpError(500, `exhibit ${id}.json: ${issueMessage(parsed.error)}`);
    const lengths = new Map<string, number | null>();
    for (const s of parsed.data.stories) {
      const storyFile = join(storyDir, `${s.scenario}.json`);
      if (!existsSync(storyFile)) lengths.set(s.scenario, null);
      else {
        const story = validateStory(await readJson(storyFile, `story ${s.scenario}.json`));
        lengths.set(s.scenario, story.ok ? story.story.chapters.length : null);
      }
    }
    const problems = exhibitReferenceProblems(parsed.data, (s) => lengths.get(s) ?? null, listScenarioIds(opts.scenarioDir));
    if (problems.length > 0) throw new HttpError(500, `exhibit ${id}.json: ${problems.join('; ')}`);
    res.json(parsed.data);
  });

  const index = join(opts.clientDist, 'index.html');
  router.get('/exhibit', (_req, res, next) => (existsSync(index) ? res.sendFile(index) : next()));

  return router;
}
