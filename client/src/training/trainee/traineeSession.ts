/**
 * A trainee's place in a run: joining with a code (validated with the server's own schema first, so a typo gets
 * the same message without a round trip), the join kept in sessionStorage so a reload of the tab rejoins
 * without the code (and closing the tab forgets it), and the run's record as the trainee may read it.
 */
import { z } from 'zod';
import { api } from '../../net/api';
import { joinRunSchema, type JoinedRun, type RunDetail } from '../../../../shared/protocol/runs';

const STORAGE_KEY = 'heattwin.trainee';

const storedSchema = z.object({ runId: z.string(), sessionId: z.string(), token: z.string(), name: z.string() });
export type TraineeJoin = z.infer<typeof storedSchema>;

/** status: the HTTP status of a refusal (0 when the server could not be reached). */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string; status?: number };

export function storedJoin(): TraineeJoin | null {
  try {
    const parsed = storedSchema.safeParse(JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function forgetJoin(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}

/** Joins the run the code names; on success the join is kept for reloads. */
export async function joinRun(code: string, name: string): Promise<Outcome<TraineeJoin>> {
  const body = joinRunSchema.safeParse({ code, name });
  if (!body.success) {
    const issue = body.error.issues[0];
    return { ok: false, error: `${issue.path.join('.')}: ${issue.message}` };
  }
  const answer = await api<JoinedRun>('POST', '/api/runs/join', body.data);
  if (!answer.ok) return { ok: false, error: answer.error };
  const join = { ...answer.body, name: body.data.name };
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(join));
  return { ok: true, value: join };
}

/** The run's record with its briefing; its session id is the current one (a resumed run has a new session). */
export async function readRun(join: TraineeJoin): Promise<Outcome<RunDetail>> {
  const answer = await api<RunDetail>('GET', `/api/runs/${encodeURIComponent(join.runId)}`, undefined, join.token);
  return answer.ok ? { ok: true, value: answer.body } : { ok: false, error: answer.error, status: answer.status };
}

/** The query string that joins the run's session with the trainee's token (net/socket.ts joinFromUrl). */
export function joinSearch(sessionId: string, token?: string): string {
  const q = new URLSearchParams({ session: sessionId });
  if (token) q.set('token', token);
  return `?${q.toString()}`;
}
