/**
 * A run's samples of its trend tags over REST (express 5, JSON; errors `{ error: 'field: message' }` as in
 * rest.ts), for the consoles' trends to reach back before the page joined:
 *   GET /api/runs/:id/samples?tags=a,b&fromS=&toS=   RunSamplesAnswer: the times of the run's samples (one per
 *                            simulated minute at most, runSamples.ts) from fromS to toS (s, simulation time; both
 *                            optional) and one column per tag (shared/training/trendTags.ts ids, at most
 *                            MAX_TREND_TAGS); 400 naming the field for a bad query or a tag the run does not have
 * Read by the run's instructor (login token or cookie) and its trainees (their token as Bearer), as its trend is
 * (trainingRest.ts): 401 without either, 404 for no run, 403 for anyone else's. The samples hold measured
 * values only, so a trainee reads the same as the instructor. Shapes: shared/protocol/runs.ts.
 */
import express, { type Router } from 'express';
import { runSamplesQuerySchema } from '../../shared/protocol/runs';
import { HttpError, parse } from './rest';
import { readableRun, type RunReaderDeps } from './runReader';

export function createRunSamplesRouter(opts: RunReaderDeps): Router {
  const router = express.Router();

  router.get('/api/runs/:id/samples', (req, res) => {
    const { run } = readableRun(opts, req);
    const q = parse(runSamplesQuerySchema, req.query);
    const recorded = opts.records.samples.tagIds(run.id);
    const unknown = recorded.length > 0 ? q.tags.find((t) => !recorded.includes(t)) : undefined;
    if (unknown !== undefined) throw new HttpError(400, `tags: no tag "${unknown}" in this run`);
    res.json(opts.records.samples.columns(run.id, q.tags, q.fromS, q.toS));
  });

  return router;
}
