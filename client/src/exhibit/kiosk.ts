/**
 * Runs the exhibit kiosk behind its screens (exhibitStore.ts holds what they show):
 *   - the exhibit document: GET /api/exhibits/:id, asked again with back-off until the server answers it;
 *   - the attract loop watches a live city: the public session when it runs a scenario of the attract views, else
 *     a kiosk session of the first view's scenario (POST /api/sessions, purpose 'kiosk'), kept for the loop;
 *   - each visitor's story runs in its own private session (purpose 'kiosk', joined with the instructor token
 *     so the clock director, story/clockDirector.ts, may jump it to a chapter's `at`), deleted (DELETE with that
 *     token) when the kiosk returns to the attract loop or the page goes away;
 *   - the camera: the chapter's camera of the real story, or a tour over the attract views, flown by the scene's
 *     StoryCamera through the presentation store;
 *   - idle: without a touch for the exhibit's idle time the kiosk returns to the attract loop, the last
 *     countdown seconds shown; the attract views change every ATTRACT_VIEW_MS;
 *   - a lost connection: socket.io reconnects forever with back-off; a visitor's session that is gone (server
 *     restarted, connection lost) sends the kiosk back to the attract loop, and an attract join that is refused
 *     is tried again with back-off, so the screen never stays dead.
 * Year figures ({year.*}) come from GET /api/stories/:scenario/figures, asked with back-off until the server has
 * them (202 while it computes them).
 */
import { exhibitSchema, type AttractView, type Exhibit } from '../../../shared/exhibit/schema';
import type { Story } from '../../../shared/story/schema';
import { parseStory } from '../../../shared/story/validate';
import { yearFiguresReplySchema } from '../../../shared/story/yearFigures';
import { connectTwin, sendCommand } from '../net/socket';
import { twinStore } from '../state/store';
import { createClockDirector, PRESENT_SPEED, type ClockDirector } from '../story/clockDirector';
import { presentationStore } from '../story/presentationStore';
import { exhibitStore } from './exhibitStore';

/** How long each attract view stays before the camera flies to the next. */
export const ATTRACT_VIEW_MS = 14_000;
const IDLE_TICK_MS = 250;
const BACKOFF_FIRST_MS = 1000;
const BACKOFF_MAX_MS = 30_000;

interface CreatedSession {
  id: string;
  tokens: { operator: string; instructor: string };
}

interface Joined {
  scenario: string;
  /** A session this kiosk made; null for the public session. */
  own: CreatedSession | null;
  /** What it is for: the attract loop, or a visitor's story. */
  purpose: 'attract' | 'visitor';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const backoff = (attempt: number) => Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** attempt);

async function getJson(url: string, init?: RequestInit): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, init);
  return { status: res.status, body: await res.json().catch(() => null) };
}

/** Asks until `ask` answers non-null or the answer is no longer wanted, waiting longer after each failure. */
async function persist<T>(ask: () => Promise<T | null>, stillWanted: () => boolean = () => true): Promise<T | null> {
  for (let attempt = 0; stillWanted(); attempt++) {
    try {
      const got = await ask();
      if (got !== null) return got;
    } catch {
      // The server may be restarting: ask again below.
    }
    await sleep(backoff(attempt));
  }
  return null;
}

function createSession(body: Record<string, unknown>): Promise<CreatedSession | null> {
  return getJson('/api/sessions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, purpose: 'kiosk' }),
  }).then((r) => (r.status === 201 ? (r.body as CreatedSession) : null));
}

function deleteSession(s: CreatedSession, keepalive = false): void {
  void fetch(`/api/sessions/${encodeURIComponent(s.id)}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${s.tokens.instructor}` },
    keepalive,
  }).catch(() => undefined);
}

/** The attract views as a story for the scene's StoryCamera: one chapter per view, the camera circling. */
function tourStory(scenario: string, views: readonly AttractView[]): Story {
  return {
    scenario,
    title: scenario,
    chapters: views.map((v, i) => ({
      title: v.line,
      caption: v.line,
      camera: { focus: v.focus, headingDeg: (i * 70) % 360, pitchDeg: 'city' in v.focus ? 40 : 30 },
      kpis: [],
      view: 'actual',
      expect: [],
    })),
  };
}

/** The attract views shown while watching `scenario`. */
export function attractViewsOf(exhibit: Exhibit, scenario: string | null): AttractView[] {
  const views = exhibit.attract.filter((v) => v.scenario === scenario);
  return views.length > 0 ? views : exhibit.attract.filter((v) => v.scenario === exhibit.attract[0].scenario);
}

/** Starts the kiosk for exhibit `id`; returns a function that stops it. */
export function startKiosk(id: string): () => void {
  const ex = exhibitStore.getState;
  const stories = new Map<string, Story>();
  const yearsAsked = new Set<string>();
  let stopped = false;
  let joined: Joined | null = null;
  let closeSocket: (() => void) | null = null;
  /** Bumped on every join; an answer for an older one is dropped. */
  let generation = 0;
  let director: ClockDirector | null = null;
  let directed: string | null = null;
  let attractKiosk: CreatedSession | null = null;
  let tour: Story | null = null;
  /** True while the old connection closes: its going offline is not a lost connection. */
  let switching = false;

  const join = (target: Joined): void => {
    switching = true;
    closeSocket?.();
    switching = false;
    joined = target;
    directed = null;
    director = target.own && target.purpose === 'visitor' ? newDirector() : null;
    twinStore.setState({ kpi: null, kpiHistory: [], connection: 'connecting', role: 'viewer' });
    const search = target.own ? `?${new URLSearchParams({ session: target.own.id, token: target.own.tokens.instructor })}` : '';
    closeSocket = connectTwin({ search });
    follow();
  };

  const newDirector = (): ClockDirector =>
    createClockDirector({
      send: sendCommand,
      watchSimTime: (onTime) => twinStore.subscribe((s, prev) => void (s.kpi && s.kpi !== prev.kpi && onTime(s.kpi.simTimeS))),
      onMoving: (moving) => ex().setClockMoving(moving),
      onError: (message) => console.warn(`exhibit clock: ${message}`),
    });

  const askYear = (scenario: string): void => {
    if (yearsAsked.has(scenario)) return;
    yearsAsked.add(scenario);
    void persist(async () => {
      const res = await getJson(`/api/stories/${encodeURIComponent(scenario)}/figures`);
      const reply = yearFiguresReplySchema.safeParse(res.body);
      if (reply.success && reply.data.status === 'ready') return reply.data.year;
      // Failed for good: the figures stay "…" rather than asking forever.
      if (reply.success && reply.data.status === 'failed') return false;
      return null;
    }, () => !stopped).then((year) => {
      if (year) ex().setYear(scenario, year);
    });
  };

  const story = async (scenario: string): Promise<Story | null> => {
    const held = stories.get(scenario);
    if (held) return held;
    const got = await persist(async () => {
      const res = await getJson(`/api/stories/${encodeURIComponent(scenario)}`);
      return res.status === 200 ? parseStory(res.body) : null;
    }, () => !stopped);
    if (got) stories.set(scenario, got);
    return got;
  };

  /** Watches the public session when it runs an attract scenario, else the kiosk's own attract session. */
  const joinAttract = async (): Promise<void> => {
    const exhibit = ex().exhibit;
    if (!exhibit || stopped) return;
    const mine = ++generation;
    const publicScenario = await persist(async () => {
      const res = await getJson('/api/sessions');
      if (res.status !== 200 || !Array.isArray(res.body)) return null;
      const pub = (res.body as { isPublic?: boolean; scenarioId?: string }[]).find((s) => s.isPublic);
      return pub?.scenarioId ?? '';
    }, () => mine === generation && !stopped);
    if (publicScenario === null || mine !== generation) return;
    const watched = exhibit.attract.some((v) => v.scenario === publicScenario);
    if (watched) return join({ scenario: publicScenario, own: null, purpose: 'attract' });
    const scenario = exhibit.attract[0].scenario;
    attractKiosk ??= await persist(() => createSession({ scenario }), () => mine === generation && !stopped);
    if (attractKiosk && mine === generation) join({ scenario, own: attractKiosk, purpose: 'attract' });
  };

  const endVisitor = (): void => {
    if (joined?.purpose === 'visitor' && joined.own) deleteSession(joined.own);
    if (joined?.purpose === 'visitor') joined = null;
    ex().setVisitor('none');
    ex().setClockMoving(false);
  };

  /** A private session for the visitor's story, starting on the day of its first offered chapter's moment. */
  const startVisitor = async (scenario: string): Promise<void> => {
    const mine = ++generation;
    endVisitor();
    ex().setVisitor('starting');
    const s = await story(scenario);
    const exhibit = ex().exhibit;
    if (!s || !exhibit || mine !== generation) return;
    const first = exhibit.stories[ex().story].chapters[0].chapter;
    const at = s.chapters.slice(0, first).filter((c) => c.at).at(-1)?.at;
    const wanted = () => mine === generation && !stopped && ex().screen !== 'attract';
    const created = await persist(async () => {
      const made = await createSession({ scenario, ...(at ? { start: at.slice(0, 10) } : {}), speed: PRESENT_SPEED });
      if (!made) ex().setVisitor('failed');
      return made;
    }, wanted);
    if (!created) return;
    if (mine !== generation) return deleteSession(created);
    ex().setVisitor('ready', created.id);
    join({ scenario, own: created, purpose: 'visitor' });
  };

  /** Points the camera and the clock at what the screen shows. */
  const follow = (): void => {
    const { exhibit, screen, attractView, story: si, chapter } = ex();
    if (!exhibit || !joined) return;
    const ps = presentationStore.getState();
    if (screen === 'attract' && joined.purpose === 'attract') {
      const views = attractViewsOf(exhibit, joined.scenario);
      if (tour?.scenario !== joined.scenario) tour = tourStory(joined.scenario, views);
      if (ps.story !== tour) ps.setStory(tour);
      if (ps.chapter !== attractView % views.length) ps.goTo(attractView % views.length);
      return;
    }
    if (screen !== 'chapter' || joined.purpose !== 'visitor') return;
    const offered = exhibit.stories[si];
    const s = stories.get(offered.scenario);
    if (!s || s.scenario !== joined.scenario) return;
    if (ps.story !== s) ps.setStory(s);
    const index = offered.chapters[chapter].chapter - 1;
    if (ps.chapter !== index) ps.goTo(index);
    const { role, connection } = twinStore.getState();
    const key = `${joined.own?.id}:${index}`;
    if (director && role === 'instructor' && connection === 'live' && directed !== key) {
      directed = key;
      director.want(s.chapters[index]);
    }
  };

  // The screens: a story opened needs its session; the attract loop ends the visitor's.
  const unsubScreen = exhibitStore.subscribe((s, prev) => {
    if (s.screen === 'attract' && prev.screen !== 'attract') {
      endVisitor();
      void joinAttract();
    }
    const scenario = s.exhibit?.stories[s.story]?.scenario;
    const opened = s.screen === 'chapter' && (prev.screen !== 'chapter' || prev.story !== s.story);
    if (opened && scenario && !(joined?.purpose === 'visitor' && joined.scenario === scenario)) void startVisitor(scenario);
    if (scenario && s.screen === 'chapter') askYear(scenario);
    follow();
  });

  // The connection: a visitor's session lost goes back to the attract loop; a refused attract join is retried.
  let attractRetry = 0;
  const unsubTwin = twinStore.subscribe((s, prev) => {
    if (s.connection !== prev.connection && joined && !switching) {
      if (joined.purpose === 'visitor' && (s.connection === 'offline' || s.connection === 'reconnecting')) {
        ex().toAttract();
        return;
      }
      if (joined.purpose === 'attract' && s.connection === 'offline') {
        // The attract session may be gone (server restarted): make it anew.
        attractKiosk = null;
        const wait = backoff(attractRetry++);
        const mine = generation;
        setTimeout(() => mine === generation && ex().screen === 'attract' && void joinAttract(), wait);
      }
      if (s.connection === 'live') attractRetry = 0;
    }
    follow();
  });

  // Idle: the countdown, then the attract loop. The attract loop itself moves on from view to view.
  const idleTimer = setInterval(() => {
    const { screen, exhibit, touchedAtMs, countdownS } = ex();
    if (screen === 'attract' || !exhibit) return;
    const leftS = exhibit.idleS - (Date.now() - touchedAtMs) / 1000;
    if (leftS <= 0) return ex().toAttract();
    const shown = leftS <= exhibit.countdownS ? Math.ceil(leftS) : null;
    if (shown !== countdownS) ex().setCountdown(shown);
  }, IDLE_TICK_MS);
  const tourTimer = setInterval(() => {
    const { screen, exhibit } = ex();
    if (screen !== 'attract' || !exhibit || !joined) return;
    ex().nextAttractView(attractViewsOf(exhibit, joined.scenario).length);
  }, ATTRACT_VIEW_MS);

  const onPageHide = () => {
    if (joined?.purpose === 'visitor' && joined.own) deleteSession(joined.own, true);
    if (attractKiosk) deleteSession(attractKiosk, true);
  };
  addEventListener('pagehide', onPageHide);

  void (async () => {
    const exhibit = await persist(async () => {
      const res = await getJson(`/api/exhibits/${encodeURIComponent(id)}`);
      if (res.status !== 200) {
        console.warn(`exhibit ${id}: HTTP ${res.status}`);
        return null;
      }
      return exhibitSchema.parse(res.body);
    }, () => !stopped);
    if (!exhibit || stopped) return;
    ex().setExhibit(exhibit);
    for (const s of exhibit.stories) void story(s.scenario);
    for (const scenario of new Set(exhibit.attract.map((v) => v.scenario))) askYear(scenario);
    await joinAttract();
  })();

  return () => {
    stopped = true;
    generation++;
    clearInterval(idleTimer);
    clearInterval(tourTimer);
    unsubScreen();
    unsubTwin();
    removeEventListener('pagehide', onPageHide);
    onPageHide();
    closeSocket?.();
  };
}
