/**
 * The server's REST API from the page (same origin; shapes in shared/protocol/runs.ts): a JSON request with an
 * optional bearer token, answered as { ok, status, body } or with the server's error text, never a rejection.
 * An instructor's login also sets an HttpOnly cookie, which same-origin requests carry by themselves.
 */
import type { RunSamplesAnswer } from '../../../shared/protocol/runs';

export type ApiAnswer<T> = { ok: true; status: number; body: T } | { ok: false; status: number; error: string };

export async function api<T>(method: string, path: string, body?: unknown, token?: string): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    return { ok: false, status: 0, error: 'connection: the server cannot be reached' };
  }
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (res.ok) return { ok: true, status: res.status, body: parsed as T };
  const error = (parsed as { error?: unknown } | null)?.error;
  return { ok: false, status: res.status, error: typeof error === 'string' ? error : `HTTP ${res.status}` };
}

/** A run's samples of some of its tags (GET /api/runs/:id/samples), up to toS (s, simulated; the whole run without). */
export function fetchRunSamples(
  runId: string,
  query: { tags: readonly string[]; toS?: number },
  token?: string,
): Promise<ApiAnswer<RunSamplesAnswer>> {
  const q = new URLSearchParams({ tags: query.tags.join(',') });
  if (query.toS !== undefined) q.set('toS', String(query.toS));
  const path = `/api/runs/${encodeURIComponent(runId)}/samples?${q.toString()}`;
  return api<RunSamplesAnswer>('GET', path, undefined, token);
}
