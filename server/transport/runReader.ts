/**
 * Who may read a run's record over REST: its instructor (login token or cookie) and its trainees (their token
 * as Bearer). Anyone else gets 401, 404 or 403, and whether a run exists is told only to a live login or a
 * trainee, so run ids cannot be probed anonymously.
 */
import type { Request } from 'express';
import { runIdSchema } from '../../shared/protocol/runs';
import type { AuthSessions } from '../auth/authSessions';
import { requestToken } from '../auth/requestAuth';
import type { RunAccess } from '../auth/runAccess';
import { tokenHash } from '../auth/tokens';
import type { Run, RunRecords } from '../records/runRecords';
import { HttpError, parse } from './rest';

export interface RunReaderDeps {
  auth: AuthSessions;
  records: RunRecords;
  access: RunAccess;
}

/** The run of the request's `:id` for one who may read it; forTrainee: the reader is one of its trainees. */
export function readableRun(deps: RunReaderDeps, req: Request): { run: Run; forTrainee: boolean } {
  const { auth, records, access } = deps;
  const token = requestToken(req.headers);
  const id = parse(runIdSchema, req.params.id, 'id: ');
  const run = records.getRunRow(id);
  const who = run && access.whoInRun(run, token);
  if (who) return { run, forTrainee: who.kind === 'trainee' };
  const known =
    token !== undefined &&
    (auth.authenticate(token) !== undefined || records.traineeByTokenHash(tokenHash(token)) !== undefined);
  if (!known) throw new HttpError(401, 'authorization: the run\'s instructor login or one of its trainees\' tokens');
  if (!run) throw new HttpError(404, `id: no run "${id}"`);
  throw new HttpError(403, 'authorization: not this run\'s instructor or trainee');
}
