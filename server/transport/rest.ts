/**
 * The REST side of the live twin (express 5, JSON; errors are `{ error: 'field: message' }`):
 *   GET    /api/health                          { ok, uptimeS, sessions, clients }
 *   GET    /api/scenarios                       [{ id, name, description }] from the scenario directory
 *   GET    /api/stories                         [{ scenario, title, chapters }] every readable story (presentation mode)
 *   GET    /api/stories/:scenario               Story (shared/story/schema.ts) of assets/stories/<scenario>.json;
 *                                               404 when the scenario has none, 500 naming the field when it is broken
 *   GET    /api/stories/:scenario/figures       YearFiguresReply (shared/story/yearFigures.ts): 200 ready with the
 *                                               scenario's simulated year, 202 computing (ask again), 500 failed;
 *                                               404 for an unknown scenario (a scenario without a story file
 *                                               has a default story, which binds them too)
 *   GET    /api/sessions                        [SessionInfo]
 *   POST   /api/sessions                        createSessionSchema -> 201 { id, tokens: { operator, instructor } };
 *                                               429 (Retry-After) past the per-address quota, 503 when no slot
 *                                               is free for the session's purpose (sessionQuota.ts)
 *   GET    /api/sessions/:id                    SessionInfo (with clients)
 *   DELETE /api/sessions/:id                    { deleted: id }; needs `Authorization: Bearer <instructor token>`
 *                                               (403 otherwise); the public session cannot be deleted (400)
 *   POST   /api/sessions/:id/restart            { restarted: id }; same token; brings a failed session back
 *   GET    /api/sessions/:id/history.csv?from=&to=   text/csv, KPI history at 5-minute resolution
 *   GET    /metrics                             Prometheus text (metrics.ts)
 * Bodies, params and queries go through zod; a bad one is a 400 naming the field, an unknown id a 404, the
 * session limit a 503. A path that is not valid percent-encoding is a 400 (the client's fault, not logged). Session ids are listed publicly (anyone may watch), so changing a session's life
 * needs its instructor token, as its commands do.
 * Stories are read from disk on each request (not bundled into the client), so a story or scenario added to
 * assets/ shows in the picker on the next page load without rebuilding the client, and the server validates it
 * with the same zod schema the story test uses.
 * Express 5 forwards rejected promises of async handlers to the error handler at the end.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { YearFiguresService } from '../story/yearFiguresService';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { Logger } from 'pino';
import { createSessionSchema } from '../../shared/protocol/session';
import { validateStory } from '../../shared/story/validate';
import { formatProblem } from '../../shared/scenario/validate';
import { listScenarioIds, ScenarioLoadError } from '../scenarios/load';
import { SessionLimitError } from '../session/registry';
import { SessionStateError } from '../session/lifecycle';
import { clientAddress } from './clientAddress';
import type { ServerMetrics } from './metrics';
import { SLOT_RETRY_S, type SessionQuota } from './sessionQuota';
import type { SessionDirectory } from './types';
import { capText, issueMessage } from '../../shared/protocol/issueMessage';
import { errorText } from './validation';

export interface RestOptions {
  sessions: SessionDirectory;
  scenarioDir: string;
  /** The story scenarios' simulated years (server/story/yearFiguresService.ts). */
  yearFigures: YearFiguresService;
  /** Story files (presentation mode); default the `stories` folder beside the scenario folder. */
  storyDir?: string;
  metrics: ServerMetrics;
  logger: Logger;
  clients(): number;
  sessionClients(id: string): number;
  /** Called after a session was deleted (the socket server tells its viewers). */
  onSessionDeleted?(id: string): void;
  /** Who may create sessions (per address, slots kept for presentations and kiosks). */
  quota: SessionQuota;
}

/** A 4xx with a message for the client. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Seconds for a Retry-After header (429, 503). */
    readonly retryAfterS?: number,
  ) {
    super(message);
  }
}

const idParam = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'expected letters, digits, _ . : -');
const csvQuery = z
  .object({ from: z.coerce.number().finite().optional(), to: z.coerce.number().finite().optional() })
  .strict();

/** A validated value, or a 400 naming the field. */
export function parse<T>(schema: z.ZodType<T>, value: unknown, prefix = ''): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new HttpError(400, prefix + issueMessage(r.error));
  return r.data;
}

export function createApiRouter(opts: RestOptions): Router {
  const { sessions, metrics } = opts;
  const started = Date.now();
  const router = express.Router();
  router.use(express.json({ limit: '16kb' }));

  const sessionOr404 = (req: Request) => {
    const id = parse(idParam, req.params.id, 'id: ');
    const s = sessions.get(id);
    if (!s) throw new HttpError(404, `id: no session "${id}"`);
    return s;
  };
  const infoOf = (s: ReturnType<typeof sessionOr404>) => ({ ...s.info(), clients: opts.sessionClients(s.id) });

  router.get('/api/health', (_req, res) => {
    res.json({ ok: true, uptimeS: (Date.now() - started) / 1000, sessions: sessions.list().length, clients: opts.clients() });
  });

  router.get('/api/scenarios', async (_req, res) => {
    const out = [];
    for (const id of listScenarioIds(opts.scenarioDir)) {
      // Only the name is needed: read it without the full validation the session does when it loads one.
      try {
        const doc = JSON.parse(await readFile(join(opts.scenarioDir, `${id}.json`), 'utf8')) as { name?: unknown; description?: unknown };
        out.push({ id, name: typeof doc.name === 'string' ? doc.name : id, description: typeof doc.description === 'string' ? doc.description : '' });
      } catch {
        opts.logger.warn({ id }, 'unreadable scenario file');
      }
    }
    res.json(out);
  });

  const storyDir = opts.storyDir ?? join(opts.scenarioDir, '..', 'stories');
  const readStory = async (scenarioId: string) => {
    const file = join(storyDir, `${scenarioId}.json`);
    if (!existsSync(file)) return null;
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, 'utf8'));
    } catch {
      throw new HttpError(500, `story: ${scenarioId}.json is not valid JSON`);
    }
    const r = validateStory(json);
    if (!r.ok) throw new HttpError(500, `story: ${scenarioId}.json: ${r.problems.map(formatProblem).join('; ')}`);
    return r.story;
  };

  router.get('/api/stories', async (_req, res) => {
    const out = [];
    for (const id of listScenarioIds(opts.scenarioDir)) {
      try {
        const story = await readStory(id);
        if (story) out.push({ scenario: id, title: story.title, chapters: story.chapters.length });
      } catch (err) {
        opts.logger.warn({ id, err: errorText(err) }, 'unreadable story file');
      }
    }
    res.json(out);
  });

  router.get('/api/stories/:scenario', async (req, res) => {
    const id = parse(idParam, req.params.scenario, 'scenario: ');
    const story = await readStory(id);
    if (!story) throw new HttpError(404, `scenario: no story for "${id}"`);
    res.json(story);
  });

  router.get('/api/stories/:scenario/figures', (req, res) => {
    const id = parse(idParam, req.params.scenario, 'scenario: ');
    if (!listScenarioIds(opts.scenarioDir).includes(id)) throw new HttpError(404, `scenario: unknown scenario "${id}"`);
    const reply = opts.yearFigures.get(id);
    res.status(reply.status === 'ready' ? 200 : reply.status === 'computing' ? 202 : 500).json(reply);
  });

  router.get('/api/sessions', (_req, res) => {
    res.json(sessions.list().map(infoOf));
  });

  router.post('/api/sessions', async (req, res) => {
    const body = parse(createSessionSchema, req.body ?? {});
    if (!listScenarioIds(opts.scenarioDir).includes(body.scenario))
      throw new HttpError(400, `scenario: unknown scenario "${body.scenario}"`);
    const address = clientAddress(req.socket.remoteAddress);
    const live = sessions.list().filter((s) => !s.isPublic).map((s) => s.id);
    const verdict = opts.quota.admit(address, body.purpose, live, performance.now());
    if (!verdict.ok) throw new HttpError(verdict.status, verdict.error, verdict.retryAfterS);
    let session;
    try {
      session = await sessions.create(body);
    } catch (err) {
      if (err instanceof SessionLimitError) throw new HttpError(503, `sessions: ${err.message}`, SLOT_RETRY_S);
      if (err instanceof ScenarioLoadError) throw new HttpError(400, `scenario: ${err.message}`);
      throw err;
    }
    opts.quota.created(session.id, address);
    opts.logger.info({ session: session.id, scenario: body.scenario, purpose: body.purpose, address }, 'session created');
    res.status(201).json({ id: session.id, tokens: session.tokens });
  });

  router.get('/api/sessions/:id', (req, res) => {
    res.json(infoOf(sessionOr404(req)));
  });

  const requireInstructor = (req: Request, s: ReturnType<typeof sessionOr404>): void => {
    const m = /^Bearer (\S{1,128})$/.exec(req.get('authorization') ?? '');
    if (s.roleForToken(m?.[1]) !== 'instructor') throw new HttpError(403, 'authorization: needs the session\'s instructor token (Bearer)');
  };

  router.delete('/api/sessions/:id', async (req, res) => {
    const s = sessionOr404(req);
    if (s.isPublic) throw new HttpError(400, 'id: the public session cannot be deleted');
    requireInstructor(req, s);
    await sessions.delete(s.id);
    opts.onSessionDeleted?.(s.id);
    opts.logger.info({ session: s.id }, 'session deleted');
    res.json({ deleted: s.id });
  });

  router.post('/api/sessions/:id/restart', async (req, res) => {
    const s = sessionOr404(req);
    if (!s.isPublic) requireInstructor(req, s);
    else throw new HttpError(400, 'id: the public session restarts itself');
    // A session stopped (deleted) before or during its restart stays stopped: a conflict, not a server error.
    await s.restart().catch((err: unknown) => {
      throw err instanceof SessionStateError ? new HttpError(409, `id: ${err.message}`) : err;
    });
    opts.logger.info({ session: s.id }, 'session restarted');
    res.json({ restarted: s.id });
  });

  router.get('/api/sessions/:id/history.csv', async (req, res) => {
    const s = sessionOr404(req);
    const q = parse(csvQuery, req.query);
    const csv = await s.historyCsv(q.from, q.to);
    res.type('text/csv').set('Content-Disposition', `attachment; filename="${s.id}-history.csv"`).send(csv);
  });

  router.get('/metrics', async (_req, res) => {
    res.type(metrics.contentType).send(await metrics.text());
  });

  router.use('/api', (req) => {
    throw new HttpError(404, `path: no route ${req.method} ${req.originalUrl.split('?')[0].slice(0, 200)}`);
  });

  return router;
}

/** The last middleware: every error becomes `{ error }` with its status; no stack traces to clients. */
export function errorHandler(logger: Logger) {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- Express tells an error handler by its four parameters
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    let status = 500;
    let message = 'internal error';
    if (err instanceof HttpError) {
      status = err.status;
      message = err.message;
      if (err.retryAfterS !== undefined) res.set('Retry-After', String(err.retryAfterS));
    } else if (err instanceof URIError && isClientError(err)) {
      // The router could not decode a path parameter (`%ZZ`, overlong UTF-8 like `%C0%AE`).
      status = 400;
      message = 'path: malformed percent-encoding';
    } else if (isClientError(err)) {
      status = err.status;
      message = err.type === 'entity.parse.failed' ? 'body: invalid JSON' : `body: ${err.message}`;
    } else {
      logger.error({ err: errorText(err), method: req.method, path: req.path.slice(0, 200) }, 'request failed');
    }
    if (res.headersSent) return void res.end();
    res.status(status).json({ error: capText(message) });
  };
}

/** A 4xx raised by express or its body parser (they set `status`; body errors also a `type`). */
function isClientError(err: unknown): err is { status: number; type?: string; message: string } {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { status?: unknown };
  return typeof e.status === 'number' && e.status >= 400 && e.status < 500;
}
