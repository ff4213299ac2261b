/**
 * The REST side of operator training (express 5, JSON; errors `{ error: 'field: message' }` as in rest.ts):
 *   POST /api/login          {name, password} -> { token, name, expiresAt } and the heattwin_session cookie;
 *                            401 for a wrong name or password alike; rate-limited per address (429)
 *   POST /api/logout         ends the login the request carries; clears the cookie
 *   GET  /api/me             (instructor) { name, expiresAt }
 *   GET  /api/exercises      (instructor) [{ id, title, scenario, durationMin, briefing }]
 *   POST /api/runs           (instructor) {exerciseId, speed?, paused?, initialCondition?} -> 201 { runId, sessionId,
 *                            joinCode }; initialCondition (a name, initialConditionsRest.ts) instead of the exercise's
 *                            own; 400 naming it when unknown or not of the exercise's scenario and start
 *   POST /api/runs/join      {code, name} -> { runId, sessionId, token }: the token makes the trainee an operator
 *                            in that run's session (socket `join`); 404 for an unknown code; rate-limited
 *   GET  /api/runs           (instructor) their runs, newest first; ?trainee=NAME: the runs NAME joined
 *   GET  /api/runs/:id       the run's record (RunDetail) with its exercise's briefing and objectives: for its
 *                            instructor all of it, for its trainees (their token as Bearer) without what the
 *                            instructor made go wrong
 *   GET  /api/runs/:id/trend the transmitters' readings, one point per simulated minute at most, and the
 *                            objectives' limits (RunTrendAnswer); the truth behind the readings to the instructor only
 *   GET  /api/runs/:id/export.csv   one row per action and event (sim time, minutes from the start, kind, who,
 *                            text), to its trainees without what the instructor made go wrong
 *   POST /api/runs/:id/finish   (its instructor) ends the run with its score as it stands, deletes its session
 *   POST /api/runs/:id/resume   (its instructor) {speed?, paused?}: a run whose session is gone goes on in a new
 *                            one from its newest backtrack -> { runId, sessionId, joinCode }
 *   POST /api/runs/:id/replay   {atMin, playing?, speed?} (its instructor or trainees): the reader's replay of the
 *                            run (records/runReplays.ts) moved to that moment -> ReplayAnswer once it stands there
 *                            (shared/protocol/replay.ts); 503 when every replay slot is taken
 *   GET  /api/runs/:id/replay   where the reader's replay stands now, with its alarm list (ReplayAnswer); 404: none
 *   DELETE /api/runs/:id/replay  ends the reader's replay -> 204, or 404 when there was none
 * (instructor): `Authorization: Bearer <login token>` or the login cookie; 401 without a live login, 403 for
 * another instructor's run. Shapes: shared/protocol/runs.ts.
 */
import { performance } from 'node:perf_hooks';
import express, { type Request, type Router } from 'express';
import type { Logger } from 'pino';
import {
  createRunSchema,
  joinRunSchema,
  loginSchema,
  noQuerySchema,
  resumeRunSchema,
  runIdSchema,
  runsQuerySchema,
  traineeMaySee,
  type ExerciseBrief,
  type ExerciseSummary,
  type LoginAnswer,
  type RunAction,
  type RunDetail,
  type RunTrendAnswer,
} from '../../shared/protocol/runs';
import { describeCommand } from '../../shared/protocol/describe';
import { replaySeekSchema } from '../../shared/protocol/replay';
import type { RunEvent } from '../../shared/protocol/training';
import type { Exercise } from '../../shared/training/exercise';
import { dateTimeToS } from '../sim/calendar';
import { ExerciseFileError, listExerciseIds, loadExercise } from '../training/exerciseFiles';
import { InitialConditionError } from '../training/exerciseRun';
import { ScenarioLoadError } from '../scenarios/load';
import { SessionLimitError } from '../session/registry';
import type { AuthSessions } from '../auth/authSessions';
import type { Instructor } from '../auth/instructors';
import { requestToken, sessionCookie } from '../auth/requestAuth';
import { tokenHash } from '../auth/tokens';
import type { RunAccess } from '../auth/runAccess';
import type { Run, RunRecord, RunRecords } from '../records/runRecords';
import { RunStateError, type RunService } from '../records/runService';
import { ReplayError, ReplayLimitError, type RunReplays } from '../records/runReplays';
import { clientAddress } from './clientAddress';
import { readableRun } from './runReader';
import type { EdgeLimits } from './limits';
import { AddressRateLimiter } from './rateLimit';
import { HttpError, parse } from './rest';
import { SLOT_RETRY_S } from './sessionQuota';
import { errorText } from './validation';

export interface TrainingRestOptions {
  auth: AuthSessions;
  records: RunRecords;
  runs: RunService;
  access: RunAccess;
  replays: RunReplays;
  /** Exercise files; default assets/exercises. */
  exerciseDir?: string;
  limits: Pick<EdgeLimits, 'loginRate' | 'runJoinRate'>;
  logger: Logger;
}

export function createTrainingRouter(opts: TrainingRestOptions): Router {
  const { auth, records, runs, replays, logger } = opts;
  const router = express.Router();
  router.use('/api', express.json({ limit: '16kb' }));
  const logins = new AddressRateLimiter(opts.limits.loginRate);
  const joins = new AddressRateLimiter(opts.limits.runJoinRate);

  const limit = (req: Request, limiter: AddressRateLimiter, what: string): void => {
    const address = clientAddress(req.socket.remoteAddress);
    if (limiter.take(address, performance.now())) return;
    const retryS = Math.ceil(limiter.retryAfterMs(address) / 1000);
    throw new HttpError(429, `rate: too many ${what} from this address; retry in ${retryS} s`, retryS);
  };

  const instructorOf = (req: Request) => loggedInInstructor(auth, req);

  /** The instructor's own run by its id: 404 when there is none, 403 when it is another's. */
  const ownRun = (req: Request): { instructor: Instructor; run: Run } => {
    const { instructor } = instructorOf(req);
    const run = records.getRunRow(parse(runIdSchema, req.params.id, 'id: '));
    if (!run) throw new HttpError(404, `id: no run "${String(req.params.id)}"`);
    if (run.instructorId !== instructor.id) throw new HttpError(403, 'authorization: another instructor\'s run');
    return { instructor, run };
  };

  router.post('/api/login', async (req, res) => {
    limit(req, logins, 'login attempts');
    const body = parse(loginSchema, req.body ?? {});
    const login = await auth.login(body.name, body.password);
    if (!login) {
      logger.warn({ address: clientAddress(req.socket.remoteAddress) }, 'failed login');
      throw new HttpError(401, 'login: wrong name or password');
    }
    res.set('Set-Cookie', sessionCookie(login.token, login.expiresMs - Date.now()));
    const answer: LoginAnswer = {
      token: login.token,
      name: login.instructor.name,
      expiresAt: new Date(login.expiresMs).toISOString(),
    };
    logger.info({ instructor: login.instructor.name }, 'login');
    res.json(answer);
  });

  router.post('/api/logout', (req, res) => {
    const loggedOut = auth.logout(requestToken(req.headers));
    res.set('Set-Cookie', sessionCookie('', 0)).json({ loggedOut });
  });

  router.get('/api/me', (req, res) => {
    const { instructor, expiresMs } = instructorOf(req);
    res.json({ name: instructor.name, expiresAt: new Date(expiresMs).toISOString() });
  });

  router.get('/api/exercises', (req, res) => {
    instructorOf(req);
    const out: ExerciseSummary[] = [];
    for (const id of listExerciseIds(opts.exerciseDir)) {
      try {
        const e = loadExercise(id, opts.exerciseDir);
        out.push({ id: e.id, title: e.title, scenario: e.scenario, durationMin: e.durationMin, briefing: e.briefing });
      } catch (err) {
        logger.warn({ id, err: errorText(err) }, 'unreadable exercise file');
      }
    }
    res.json(out);
  });

  router.post('/api/runs', async (req, res) => {
    const { instructor } = instructorOf(req);
    const body = parse(createRunSchema, req.body ?? {});
    const created = await runs.start(instructor.id, body).catch(asHttpError);
    res.status(201).json(created);
  });

  router.post('/api/runs/join', (req, res) => {
    limit(req, joins, 'joins');
    const body = parse(joinRunSchema, req.body ?? {});
    let joined;
    try {
      joined = runs.join(body.code, body.name);
    } catch (err) {
      asHttpError(err);
    }
    if (!joined) throw new HttpError(404, 'code: no run with this code');
    res.json(joined);
  });

  router.get('/api/runs', (req, res) => {
    const { instructor } = instructorOf(req);
    const q = parse(runsQuerySchema, req.query);
    res.json(records.listRuns({ instructorId: instructor.id, trainee: q.trainee }));
  });

  const readable = (req: Request) => readableRun(opts, req);

  router.get('/api/runs/:id', (req, res) => {
    const { run, forTrainee } = readable(req);
    res.json(detail(records.getRun(run.id)!, forTrainee));
  });

  router.get('/api/runs/:id/trend', (req, res) => {
    const { run, forTrainee } = readable(req);
    parse(noQuerySchema, req.query);
    const exercise = exerciseOf(run.exerciseId);
    const { supplyBelowSetpointK, worstConsumerDpPa } = exercise?.objectives ?? {};
    const answer: RunTrendAnswer = {
      points: records.trend.points(run.id, !forTrainee),
      startS: exercise ? dateTimeToS(exercise.start) : null,
      limits: { supplyBelowSetpointK, worstConsumerDpPa },
    };
    res.json(answer);
  });

  router.get('/api/runs/:id/export.csv', (req, res) => {
    const { run, forTrainee } = readable(req);
    parse(noQuerySchema, req.query);
    const exercise = exerciseOf(run.exerciseId);
    const d = detail(records.getRun(run.id)!, forTrainee);
    res
      .type('text/csv; charset=utf-8')
      .attachment(`run-${run.id}.csv`)
      .send(runCsv(d.actions, d.events, exercise ? dateTimeToS(exercise.start) : null));
  });

  router.post('/api/runs/:id/finish', async (req, res) => {
    const { run } = ownRun(req);
    await runs.finish(run).catch(asHttpError);
    res.json(detail(records.getRun(run.id)!, false));
  });

  router.post('/api/runs/:id/resume', async (req, res) => {
    const { run } = ownRun(req);
    const body = parse(resumeRunSchema, req.body ?? {});
    res.json(await runs.resume(run, body).catch(asHttpError));
  });

  /** Whoever reads a run replays it in a replay of their own, known by their token. */
  const reader = (req: Request): string => tokenHash(requestToken(req.headers) ?? '');

  router.post('/api/runs/:id/replay', async (req, res) => {
    const { run } = readable(req);
    const seek = parse(replaySeekSchema, req.body ?? {});
    res.json(await replays.seek(run, reader(req), seek).catch(asHttpError));
  });

  router.get('/api/runs/:id/replay', async (req, res) => {
    const { run } = readable(req);
    parse(noQuerySchema, req.query);
    const now = await replays.now(run, reader(req)).catch(asHttpError);
    if (!now) throw new HttpError(404, `id: no replay of run "${run.id}" of yours`);
    res.json(now);
  });

  router.delete('/api/runs/:id/replay', async (req, res) => {
    const { run } = readable(req);
    if (!(await replays.stop(run, reader(req)))) throw new HttpError(404, `id: no replay of run "${run.id}" of yours`);
    res.status(204).end();
  });

  return router;

  function detail(r: RunRecord, forTrainee: boolean): RunDetail {
    const all: RunDetail = {
      ...records.summary(r.run),
      exercise: exerciseBrief(r.run.exerciseId),
      instructor: r.instructor,
      actions: r.actions,
      events: r.events,
      score: r.score,
    };
    if (!forTrainee) return all;
    return { ...all, actions: all.actions.filter(traineeMaySee), events: all.events.filter(traineeMaySee) };
  }

  /** The exercise's briefing and objectives as its file says now (the schedule stays out). */
  function exerciseBrief(exerciseId: string): ExerciseBrief | null {
    const e = exerciseOf(exerciseId);
    return e && { title: e.title, durationMin: e.durationMin, briefing: e.briefing, objectives: e.objectives };
  }

  /** The exercise as its file says now; null (and a warning) when it can no longer be read. */
  function exerciseOf(exerciseId: string): Exercise | null {
    try {
      return loadExercise(exerciseId, opts.exerciseDir);
    } catch (err) {
      logger.warn({ id: exerciseId, err: errorText(err) }, 'unreadable exercise file');
      return null;
    }
  }
}

/** The instructor of the request's live login (Bearer token or cookie); a 401 without one. */
export function loggedInInstructor(auth: AuthSessions, req: Request): { instructor: Instructor; expiresMs: number } {
  const login = auth.authenticate(requestToken(req.headers));
  if (!login) throw new HttpError(401, 'authorization: log in as an instructor (Bearer token or the login cookie)');
  return login;
}

/** Errors of the run layer as the client should see them. */
function asHttpError(err: unknown): never {
  if (err instanceof RunStateError) throw new HttpError(409, err.message);
  if (err instanceof InitialConditionError) throw new HttpError(400, err.message);
  if (err instanceof ExerciseFileError) throw new HttpError(400, `exerciseId: ${err.message}`);
  if (err instanceof ScenarioLoadError) throw new HttpError(500, `exercise: its scenario: ${err.message}`);
  if (err instanceof SessionLimitError) throw new HttpError(503, `sessions: ${err.message}`, SLOT_RETRY_S);
  if (err instanceof ReplayLimitError || err instanceof ReplayError) throw new HttpError(503, err.message, SLOT_RETRY_S);
  throw err;
}

/** A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
const csvField = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/**
 * The run's record as CSV, one row per action and event in simulation-time order: the simulation time
 * (YYYY-MM-DDTHH:MM:SS, local standard time), minutes from the exercise's start (blank when unknown), the kind,
 * who sent it (actions) and the text.
 */
function runCsv(actions: RunAction[], events: RunEvent[], startS: number | null): string {
  const minutes = (atS: number) => (atS / 60).toFixed(2);
  const rows: Array<{ simTimeS: number | null; cells: string[] }> = [
    ...actions.map((a) => {
      const kind = a.undone ? 'command undone' : a.ok ? 'command' : 'command refused';
      const text = describeCommand(a.command) + (a.error ? ` (${a.error})` : '');
      const fromStart = a.simTimeS === null || startS === null ? '' : minutes(a.simTimeS - startS);
      return { simTimeS: a.simTimeS, cells: [fromStart, kind, a.who.name ?? a.who.kind, text] };
    }),
    ...events.map((e) => ({ simTimeS: e.simTimeS, cells: [minutes(e.atS), e.kind, '', e.text] })),
  ];
  rows.sort((a, b) => (a.simTimeS ?? Number.MAX_VALUE) - (b.simTimeS ?? Number.MAX_VALUE));
  const simTime = (s: number | null) => (s === null ? '' : new Date(s * 1000).toISOString().slice(0, 19));
  const lines = rows.map((r) => [simTime(r.simTimeS), ...r.cells].map(csvField).join(','));
  return ['sim_time,min_from_start,kind,who,text', ...lines].join('\r\n') + '\r\n';
}
