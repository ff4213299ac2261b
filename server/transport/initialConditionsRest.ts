/**
 * The REST side of initial conditions (express 5, JSON; errors `{ error: 'field: message' }` as in rest.ts): an
 * instructor saves the state of one of their runs' sessions under a name, for exercises and runs to start from.
 *   POST   /api/initial-conditions        {name, sessionId} -> 201 InitialConditionSummary: the session's state now;
 *                                         404 for an unknown session, 403 for one that is not of the instructor's
 *                                         own runs (the public session included), 409 for a name taken
 *   GET    /api/initial-conditions        [InitialConditionSummary] of every instructor, by scenario and moment
 *   DELETE /api/initial-conditions/:name  { deleted: name }; 404 for an unknown name, 403 for another instructor's,
 *                                         409 while a run that started from it is not finished
 * All routes need an instructor's login (trainingRest.ts): 401 without one. Shapes: shared/protocol/runs.ts.
 */
import express, { type Router } from 'express';
import type { Logger } from 'pino';
import { saveInitialConditionSchema, type InitialConditionSummary } from '../../shared/protocol/runs';
import { initialConditionNameSchema } from '../../shared/training/exercise';
import type { AuthSessions } from '../auth/authSessions';
import {
  conditionDate,
  InitialConditionConflictError,
  type InitialConditionListing,
  type InitialConditions,
} from '../records/initialConditions';
import type { RunRecords } from '../records/runRecords';
import type { Session } from '../session/session';
import { HttpError, parse } from './rest';
import { loggedInInstructor } from './trainingRest';

export interface InitialConditionsRestOptions {
  auth: AuthSessions;
  records: RunRecords;
  conditions: InitialConditions;
  sessions: { get(id: string): Pick<Session, 'id' | 'scenario' | 'saveState'> | undefined };
  logger: Logger;
}

const summary = (c: InitialConditionListing): InitialConditionSummary => ({
  name: c.name,
  scenarioId: c.scenarioId,
  simTimeS: c.simTimeS,
  date: conditionDate(c.simTimeS),
  createdAt: c.createdAt,
  instructor: c.instructor,
});

export function createInitialConditionsRouter(opts: InitialConditionsRestOptions): Router {
  const { auth, records, conditions, sessions, logger } = opts;
  const router = express.Router();
  router.use('/api/initial-conditions', express.json({ limit: '16kb' }));

  router.post('/api/initial-conditions', async (req, res) => {
    const { instructor } = loggedInInstructor(auth, req);
    const body = parse(saveInitialConditionSchema, req.body ?? {});
    const session = sessions.get(body.sessionId);
    if (!session) throw new HttpError(404, `sessionId: no session "${body.sessionId}"`);
    if (records.runBySession(session.id)?.instructorId !== instructor.id)
      throw new HttpError(403, 'sessionId: not the session of one of your runs');
    const { simTimeS, state } = await session.saveState().catch((err: unknown) => {
      throw new HttpError(409, `sessionId: ${(err as Error).message}`);
    });
    const scenarioId = session.scenario.id;
    try {
      conditions.save({ name: body.name, scenarioId, simTimeS, state, instructorId: instructor.id });
    } catch (err) {
      if (err instanceof InitialConditionConflictError) throw new HttpError(409, err.message);
      throw err;
    }
    logger.info({ name: body.name, session: session.id, scenario: scenarioId }, 'initial condition saved');
    res.status(201).json(summary(conditions.get(body.name)!));
  });

  router.get('/api/initial-conditions', (req, res) => {
    loggedInInstructor(auth, req);
    res.json(conditions.list().map(summary));
  });

  router.delete('/api/initial-conditions/:name', (req, res) => {
    const { instructor } = loggedInInstructor(auth, req);
    const name = parse(initialConditionNameSchema, req.params.name, 'name: ');
    const condition = conditions.get(name);
    if (!condition) throw new HttpError(404, `name: no initial condition "${name}"`);
    // One whose instructor's account is gone is any instructor's to remove, else nobody could.
    if (condition.instructorId !== null && condition.instructorId !== instructor.id)
      throw new HttpError(403, 'authorization: another instructor\'s initial condition');
    try {
      conditions.remove(name);
    } catch (err) {
      if (err instanceof InitialConditionConflictError) throw new HttpError(409, err.message);
      throw err;
    }
    logger.info({ name }, 'initial condition removed');
    res.json({ deleted: name });
  });

  return router;
}
