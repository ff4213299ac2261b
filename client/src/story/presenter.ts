/**
 * Starts presentation mode for the scenario in the URL:
 *   1. the story: GET /api/stories/:scenario (404: a default story is made from the scenario once it arrives);
 *   2. a private session for this browser: POST /api/sessions {scenario, start: the opening chapter's date,
 *      or that of the last chapter before it that sets one,
 *      speed} -> {id, tokens}; joined with the instructor token, which is what may send clock commands;
 *   3. on every chapter change: the clock (clockDirector.ts, which follows a jump's progress in the KPI stream)
 *      and the URL (history.replaceState, so reloading or sharing the address opens the same chapter without
 *      filling the back button with chapters).
 *   4. the scenario's simulated year for the captions' `{year.*}` figures: GET /api/stories/:scenario/figures,
 *      asked again every YEAR_POLL_MS while the server computes it (202), kept once it answers 200.
 * The session is deleted when the page goes away (fetch keepalive with the instructor token), so presenters do
 * not use up the server's private sessions. If the session ends under the page (deleted, server restarted), the
 * page starts over at the same chapter; a kiosk (&autoplay) also retries a start that failed.
 */
import { parseStory } from '../../../shared/story/validate';
import { yearFiguresReplySchema } from '../../../shared/story/yearFigures';
import { connectTwin, sendCommand } from '../net/socket';
import { twinStore } from '../state/store';
import { twinDebug } from '../debug';
import { createClockDirector, PRESENT_SPEED } from './clockDirector';
import { defaultStory } from './defaultStory';
import { autoplayS, chapterSearch, presentationStore } from './presentationStore';

interface CreatedSession {
  id: string;
  tokens: { operator: string; instructor: string };
}

async function fetchJson(url: string, init?: RequestInit): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, init);
  return { status: res.status, body: await res.json().catch(() => null) };
}

function errorOf(body: unknown, fallback: string): string {
  return typeof body === 'object' && body !== null && 'error' in body ? String((body).error) : fallback;
}

export async function startPresentation(scenarioId: string): Promise<void> {
  const ps = presentationStore.getState;
  try {
    const storyRes = await fetchJson(`/api/stories/${encodeURIComponent(scenarioId)}`);
    if (storyRes.status === 200) ps().setStory(parseStory(storyRes.body));
    else if (storyRes.status !== 404) throw new Error(errorOf(storyRes.body, `story: HTTP ${storyRes.status}`));
    void fetchYear(scenarioId);

    // Opening mid-story starts on the day of the last chapter up to here that sets a time, as the talk would.
    const opening = ps().story?.chapters[ps().chapter];
    const openingAt = ps().story?.chapters.slice(0, ps().chapter + 1).filter((c) => c.at).at(-1)?.at;
    const created = await fetchJson('/api/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        scenario: scenarioId,
        ...(openingAt ? { start: openingAt.slice(0, 10) } : {}),
        speed: opening?.speed ?? PRESENT_SPEED,
        // Slots are kept for these, so a full room of training sessions cannot stop a talk or an exhibit.
        purpose: autoplayS !== null ? 'kiosk' : 'presentation',
      }),
    });
    if (created.status !== 201) throw new Error(errorOf(created.body, `session: HTTP ${created.status}`));
    const session = created.body as CreatedSession;
    addEventListener('pagehide', () => {
      void fetch(`/api/sessions/${encodeURIComponent(session.id)}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${session.tokens.instructor}` },
        keepalive: true,
      });
    });

    const director = createClockDirector({
      send: sendCommand,
      // The session reports its simulated time with every KPI sample (about once a second, also during a jump).
      watchSimTime: (onTime) => twinStore.subscribe((s, prev) => void (s.kpi && s.kpi !== prev.kpi && onTime(s.kpi.simTimeS))),
      onMoving: (moving) => ps().setClockMoving(moving),
      onError: (message) =>
        twinStore.getState().pushAlarm({ simTimeS: twinStore.getState().kpi?.simTimeS ?? 0, severity: 'warning', source: 'presentation', message }),
    });
    let directed: { chapter: number; story: unknown } | null = null;
    const follow = () => {
      const { story, chapter } = ps();
      const { role, scenario, kpi } = twinStore.getState();
      twinDebug.story = {
        scenario: scenarioId,
        chapter: chapter + 1,
        chapters: story?.chapters.length ?? 0,
        view: story?.chapters[chapter]?.view ?? 'actual',
        sessionId: session.id,
        kpiSimTimeS: kpi?.simTimeS ?? null,
      };
      if (!story && scenario?.id === scenarioId) return ps().setStory(defaultStory(scenario));
      if (!story) return;
      const search = chapterSearch(scenarioId, chapter, autoplayS);
      if (location.search !== search) history.replaceState(null, '', search);
      // Only the instructor may move the clock; the role arrives with the join's answer.
      if (role !== 'instructor' || (directed && directed.chapter === chapter && directed.story === story)) return;
      directed = { chapter, story };
      director.want(story.chapters[chapter]);
    };
    presentationStore.subscribe(follow);
    twinStore.subscribe(follow);
    // The session went away (deleted, or the server restarted): start again at this chapter, as a reload would.
    twinStore.subscribe((s) => {
      if (s.connection === 'offline') restartSoon();
    });
    connectTwin({ search: `?${new URLSearchParams({ session: session.id, token: session.tokens.instructor })}` });
    ps().setStatus('ready');
    follow();
  } catch (err) {
    ps().setStatus('failed', err instanceof Error ? err.message : String(err));
    // A kiosk has nobody to press reload: try again (the server may be restarting or at its session limit).
    if (autoplayS !== null) restartSoon(KIOSK_RETRY_MS);
  }
}

const YEAR_POLL_MS = 3000;

/** Asks for the year figures until the server has them or says it cannot; a network error is asked again. */
async function fetchYear(scenarioId: string): Promise<void> {
  for (;;) {
    try {
      const res = await fetchJson(`/api/stories/${encodeURIComponent(scenarioId)}/figures`);
      const reply = yearFiguresReplySchema.safeParse(res.body);
      if (reply.success && reply.data.status === 'ready') return presentationStore.getState().setYear(reply.data.year);
      if (reply.success && reply.data.status === 'failed') return presentationStore.getState().setYear(null, reply.data.error);
      if (!reply.success && res.status !== 202) return presentationStore.getState().setYear(null, errorOf(res.body, `figures: HTTP ${res.status}`));
    } catch {
      // The server may be restarting: ask again below.
    }
    await new Promise((r) => setTimeout(r, YEAR_POLL_MS));
  }
}

const RESTART_MS = 3000;
const KIOSK_RETRY_MS = 15_000;
let restarting = false;

/** Reloads the page once after a pause; the URL already holds the scenario, chapter and autoplay. */
function restartSoon(delayMs = RESTART_MS): void {
  if (restarting) return;
  restarting = true;
  setTimeout(() => location.reload(), delayMs);
}
