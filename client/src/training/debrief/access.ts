/**
 * Who reads a debrief in this tab: the trainee who joined that run here (their token, kept by the trainee's
 * console), else the instructor's login as the station keeps it (token in sessionStorage, or the login cookie);
 * null for nobody, who is sent to log in.
 */
import { bearer, currentLogin } from '../instructor/auth';
import { storedJoin } from '../trainee/traineeSession';

export type Reader =
  /** token undefined: the login cookie speaks for the instructor. */
  | { kind: 'instructor'; name: string; token: string | undefined }
  | { kind: 'trainee'; name: string; token: string };

export async function debriefReader(runId: string | null): Promise<Reader | null> {
  const join = storedJoin();
  if (runId !== null && join?.runId === runId) return { kind: 'trainee', name: join.name, token: join.token };
  const login = await currentLogin();
  return login && { kind: 'instructor', name: login.name, token: bearer(login) };
}
