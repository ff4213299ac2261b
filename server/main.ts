/**
 * The live twin server: one process, one port, serving
 *   - the REST API and /metrics (transport/rest.ts),
 *   - Socket.IO streaming and commands (transport/socketServer.ts),
 *   - the 3D client from client/dist when it is built, else a small status page at /,
 * over the session registry (server/session), which runs each simulation in its own worker thread and keeps
 * the public session (default scenario espoo-district) running,
 *   - operator training: instructor logins, training runs and their records (transport/trainingRest.ts), the
 *     initial conditions runs start from (transport/initialConditionsRest.ts), the runs' tag samples for the
 *     consoles' trends (transport/runSamplesRest.ts), kept in the SQLite file
 *     <DATA_DIR>/heattwin.db (records/database.ts; DATA_DIR default ./data). On start, runs a previous process
 *     left open are marked interrupted, for their instructors to resume.
 *
 * `tsx server/main.ts` starts it on PORT (default 3000) and HOST (default 127.0.0.1; HOST=0.0.0.0 serves the
 * network), lets pages of ALLOWED_ORIGINS (comma-separated; default: its own origin) open sockets, sends
 * security headers (transport/securityHeaders.ts), limits what one client address may take
 * (transport/limits.ts), logs JSON lines with pino (LOG_LEVEL, default info) and stops cleanly on SIGTERM/SIGINT: stop
 * accepting connections, close every socket, stop every simulation worker, exit 0.
 * `startServer()` does the same for tests and benchmarks (port 0 picks a free port); it keeps the records in
 * memory unless given a dataDir.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import compression from 'compression';
import express from 'express';
import { z } from 'zod';
import { createIdleReaper } from './session/idleReaper';
import { DEFAULT_MAX_SESSIONS, SessionRegistry } from './session/registry';
import { listScenarioIds, SCENARIO_DIR } from './scenarios/load';
import { defaultEdgeLimits, type EdgeLimits } from './transport/limits';
import { createLogger, LOG_LEVELS, type Logger, type LogLevel } from './transport/logger';
import { createMetrics, type ServerMetrics } from './transport/metrics';
import { createApiRouter, errorHandler } from './transport/rest';
import { YearFiguresService } from './story/yearFiguresService';
import { createTrainingRouter } from './transport/trainingRest';
import { createRunSamplesRouter } from './transport/runSamplesRest';
import { createExhibitRouter } from './transport/exhibitRest';
import { createInitialConditionsRouter } from './transport/initialConditionsRest';
import { dataDirFromEnv, openDatabase } from './records/database';
import { RunRecords } from './records/runRecords';
import { InitialConditions } from './records/initialConditions';
import { RunService } from './records/runService';
import { RunReplays } from './records/runReplays';
import { AuthSessions } from './auth/authSessions';
import { RunAccess } from './auth/runAccess';
import { allowedOriginsSchema } from './transport/origin';
import { securityHeaders } from './transport/securityHeaders';
import { SessionQuota } from './transport/sessionQuota';
import { attachSocketServer, type TwinSocketServer } from './transport/socketServer';
import { statusPage } from './transport/statusPage';
import type { RateLimit } from './transport/rateLimit';
import type { SessionDirectory } from './transport/types';

const CLIENT_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../client/dist');

export interface StartOptions {
  port: number;
  /** Listen address; default 127.0.0.1. */
  host?: string;
  scenarioDir?: string;
  /** Scenario of the public session; default espoo-district. */
  publicScenario?: string;
  frameHz?: number;
  logLevel?: LogLevel;
  /** Logs here instead of a new stdout logger at logLevel (tests read what was logged). */
  logger?: Logger;
  /** Per-socket request limit (join, command, history); default 10/s, burst 20. */
  requestRate?: RateLimit;
  /** Most private sessions at once (each a worker thread); default DEFAULT_MAX_SESSIONS. */
  maxSessions?: number;
  /** The built 3D client; default client/dist. Served when it exists, else a status page. */
  clientDist?: string;
  /** Private sessions without a client for this long are deleted; default 15 minutes. */
  sessionIdleMs?: number;
  /** What one client address may take (transport/limits.ts); unset fields keep their defaults. */
  limits?: Partial<EdgeLimits>;
  /** Origins whose pages may open sockets; default none beyond the server's own origin. */
  allowedOrigins?: readonly string[];
  /** Directory of the records database (heattwin.db); default null: the records live in memory only. */
  dataDir?: string | null;
  /** Exercise files for training runs; default assets/exercises. */
  exerciseDir?: string;
  /** Compute the story scenarios' year figures in the background from the start; default false (on request). */
  warmYearFigures?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  registry: SessionRegistry;
  sockets: TwinSocketServer;
  metrics: ServerMetrics;
  /** Training runs' records (read by tests). */
  records: RunRecords;
  /** Stops accepting, closes every socket and stops every session. Safe to call twice. */
  close(): Promise<void>;
}

export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const logger = opts.logger ?? createLogger(opts.logLevel ?? 'info');
  const scenarioDir = opts.scenarioDir ?? SCENARIO_DIR;
  const maxSessions = opts.maxSessions ?? DEFAULT_MAX_SESSIONS;
  const limits: EdgeLimits = { ...defaultEdgeLimits(maxSessions), ...opts.limits };
  // First: a database that cannot be opened (or is newer than this code) stops the start before anything runs.
  const db = openDatabase(opts.dataDir ?? null);
  const records = new RunRecords(db);
  const conditions = new InitialConditions(db);
  const auth = new AuthSessions(db);
  const access = new RunAccess(records, auth);
  const registry = new SessionRegistry({
    scenarioDir,
    frameHz: opts.frameHz,
    logger: logger.child({ part: 'sessions' }),
    maxSessions,
  });
  const sessions: SessionDirectory = registry;

  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  const metrics = createMetrics({
    sessions,
    // Read only when /metrics is scraped, by then the socket server below (which counts into these metrics) exists.
    clients: () => socketServer.clientCount(),
    sessionClients: (id) => socketServer.sessionClients(id),
  });
  const socketServer = attachSocketServer(httpServer, {
    sessions,
    logger: logger.child({ part: 'socket' }),
    metrics,
    requestRate: opts.requestRate,
    limits,
    allowedOrigins: opts.allowedOrigins,
    access,
  });
  const runs = new RunService({
    sessions: registry,
    records,
    exerciseDir: opts.exerciseDir,
    initialConditions: conditions,
    logger: logger.child({ part: 'runs' }),
    onSessionDeleted: (id) => socketServer.sessionRemoved(id),
  });
  const replays = new RunReplays({
    sessions: registry,
    records,
    runs,
    logger: logger.child({ part: 'replays' }),
    onSessionDeleted: (id) => socketServer.sessionRemoved(id),
  });

  const clientDist = opts.clientDist ?? CLIENT_DIST;
  const clientIndex = join(clientDist, 'index.html');
  const servedPages = [statusPage([], 0), ...(existsSync(clientIndex) ? [readFileSync(clientIndex, 'utf8')] : [])];
  app.use(securityHeaders(servedPages));

  // gzip for the client bundle and JSON (a kiosk's first load is ~4x smaller); sockets are not Express routes.
  app.use(compression());
  // Before the API router, whose last route answers 404 for every other /api path.
  app.use(
    createTrainingRouter({
      auth,
      records,
      runs,
      access,
      replays,
      exerciseDir: opts.exerciseDir,
      limits,
      logger: logger.child({ part: 'training' }),
    }),
  );
  app.use(createRunSamplesRouter({ auth, records, access }));
  app.use(createExhibitRouter({ scenarioDir, clientDist }));
  app.use(
    createInitialConditionsRouter({
      auth,
      records,
      conditions,
      sessions: registry,
      logger: logger.child({ part: 'initial-conditions' }),
    }),
  );
  const yearFigures = new YearFiguresService({ scenarioDir, cacheDir: opts.dataDir ?? null, logger: logger.child({ part: 'year-figures' }) });
  app.use(
    createApiRouter({
      sessions,
      scenarioDir,
      yearFigures,
      metrics,
      logger: logger.child({ part: 'rest' }),
      clients: () => socketServer.clientCount(),
      sessionClients: (id) => socketServer.sessionClients(id),
      onSessionDeleted: (id) => socketServer.sessionRemoved(id),
      quota: new SessionQuota(limits, maxSessions),
    }),
  );
  const reaper = createIdleReaper({
    sessions,
    clientsOf: (id) => socketServer.sessionClients(id),
    idleMs: opts.sessionIdleMs ?? 15 * 60_000,
    onReaped: (id) => {
      socketServer.sessionRemoved(id);
      logger.info({ session: id }, 'idle session deleted');
    },
  });
  const reapTimer = setInterval(() => {
    reaper.sweep().catch((err: unknown) => logger.error({ err }, 'idle session sweep failed'));
  }, Math.min(60_000, opts.sessionIdleMs ?? 60_000));
  reapTimer.unref();

  if (existsSync(clientDist)) {
    app.use(express.static(clientDist));
    // The page's own routes (the training consoles and a run's debrief) are the same single-page app.
    app.get(['/train', '/instruct', '/runs', '/runs/:id'], (_req, res) => res.sendFile(join(clientDist, 'index.html')));
  } else
    app.get('/', (_req, res) => {
      const infos = registry.list().map((s) => ({ ...s.info(), clients: socketServer.sessionClients(s.id) }));
      res.type('html').send(statusPage(infos, socketServer.clientCount()));
    });
  app.use(errorHandler(logger));

  try {
    const interrupted = runs.interruptOrphans();
    if (interrupted > 0) logger.warn({ runs: interrupted }, 'runs left open by the last process marked interrupted');
    await registry.startPublic(opts.publicScenario);
    await new Promise<void>((res, rej) => {
      httpServer.once('error', rej);
      httpServer.listen(opts.port, opts.host ?? '127.0.0.1', () => {
        httpServer.off('error', rej);
        res();
      });
    });
  } catch (err) {
    clearInterval(reapTimer);
    await registry.stopAll().catch(() => undefined);
    db.close();
    throw err;
  }
  if (opts.warmYearFigures) yearFigures.warm(listScenarioIds(join(scenarioDir, '..', 'stories')));
  const port = (httpServer.address() as AddressInfo).port;
  const host = opts.host ?? '127.0.0.1';
  const url = `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${port}`;
  logger.info({ url, scenarioDir, clientBuilt: existsSync(clientDist) }, 'HeatTwin server listening');

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      logger.info('shutting down');
      clearInterval(reapTimer);
      yearFigures.close();
      const httpClosed = new Promise<void>((res) => httpServer.close(() => res()));
      await socketServer.close();
      httpServer.closeAllConnections();
      await httpClosed;
      // Stopping the sessions marks their runs interrupted: the database closes after them.
      await registry.stopAll();
      db.close();
      logger.info('stopped');
    })());
  return { url, port, registry, sockets: socketServer, metrics, records, close };
}

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(LOG_LEVELS as [LogLevel, ...LogLevel[]]).default('info'),
  SCENARIO: z.string().min(1).default('espoo-district'),
  ALLOWED_ORIGINS: allowedOriginsSchema.default([]),
  DATA_DIR: z.string().default(''),
});

async function main(): Promise<void> {
  const env = envSchema.safeParse(process.env);
  if (!env.success) {
    const issue = env.error.issues[0];
    console.error(`${issue?.path.join('.')}: ${issue?.message}`);
    process.exit(1);
  }
  const { PORT, HOST, LOG_LEVEL, SCENARIO, ALLOWED_ORIGINS, DATA_DIR } = env.data;
  const server = await startServer({
    port: PORT,
    host: HOST,
    logLevel: LOG_LEVEL,
    publicScenario: SCENARIO,
    allowedOrigins: ALLOWED_ORIGINS,
    dataDir: dataDirFromEnv({ DATA_DIR }),
    warmYearFigures: true,
  });
  console.log(`HeatTwin live twin: ${server.url}`);
  const shutdown = (signal: string): void => {
    // A second signal, or a shutdown stuck for 10 s, exits at once.
    setTimeout(() => process.exit(1), 10_000).unref();
    process.once(signal, () => process.exit(1));
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
