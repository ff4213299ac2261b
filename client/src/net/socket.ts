/**
 * The client's one Socket.IO connection (events: shared/protocol/events.ts). Same origin, WebSocket transport
 * only (frames are small binary messages ten times a second; long-polling would only add latency).
 *
 *   connect / reconnect -> `join` {sessionId, token?, scenarioHash?} from the URL (?session=ID&token=T, default
 *                          'public'), offering the hash of the scenario it already holds
 *   scenario            -> store.setScenario          (static: React renders it once)
 *   snapshot / frame    -> decodeFrame -> setLiveFrame (outside React: read in useFrame or on slow timers)
 *   kpi / alarm         -> store.pushKpi / pushAlarm
 *   join ack            -> `history` from 48 simulated hours before the snapshot -> store.addHistory, so the
 *                          charts of the last 48 h are full at once (on every re-join too: it fills the break)
 *   runEvent / score / readings -> trainingStore (a training run's session only)
 * The connection state goes to the store; socket.io reconnects by itself with back-off, and every new
 * connection joins again (the server then sends a fresh snapshot, and the scenario unless it is the one held).
 * Scenarios are kept in memory by the hex sha-256 the join ack names them by: when the ack says
 * `scenarioSent: false` the client uses its copy, so a reconnect's re-join does not fetch a big city again.
 * An ack without a hash comes from a server that always sends the scenario.
 */
import { io, type Socket } from 'socket.io-client';
import { z } from 'zod';
import { EVENTS } from '../../../shared/protocol/events';
import { decodeFrame, FrameError } from '../../../shared/protocol/frame';
import { ROLES, type Command, type CommandAck } from '../../../shared/protocol/commands';
import type { Alarm, History, HistoryRequest, Join, KpiSample } from '../../../shared/protocol/session';
import type { Scenario } from '../../../shared/scenario/schema';
import { KPI_WINDOW_S, twinStore, type TwinStore } from '../state/store';
import { trainingStore, type TrainingStore } from '../state/trainingStore';
import type { LiveScore, Readings, RunEvent } from '../../../shared/protocol/training';
import { liveFrame, setLiveFrame } from './liveFrame';

/** How long a command or history request waits for its ack. */
const ACK_TIMEOUT_MS = 10_000;

const joinAckSchema = z.union([
  z.object({
    ok: z.literal(true),
    role: z.enum(ROLES),
    scenarioHash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
    scenarioSent: z.boolean().optional(),
  }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

/** Scenarios by their hex sha-256, for as long as the page lives. */
const scenarioCache = new Map<string, Scenario>();

/** The session to join, from the page's query string. */
export function joinFromUrl(search: string): Join {
  const q = new URLSearchParams(search);
  const token = q.get('token');
  return { sessionId: q.get('session') || 'public', ...(token ? { token } : {}) };
}

/**
 * Decodes frame bytes into liveFrame: a full frame (the join snapshot) sets every value, a slice updates its
 * buildings and pipes in the frame already held. A malformed frame, or a slice with no full frame of its shape
 * to go into, is dropped (the next one comes 100 ms later) rather than tearing the view down; returns whether
 * it was taken.
 */
export function receiveFrame(data: ArrayBuffer | ArrayBufferView, nowMs: number): boolean {
  try {
    const held = liveFrame.frame;
    const frame = decodeFrame(data, held ?? undefined);
    if (frame !== held && frame.slice.count > 1) {
      console.warn(`frame dropped: slice ${frame.slice.index} of ${frame.slice.count} came before a full frame of its shape`);
      return false;
    }
    setLiveFrame(frame, nowMs);
    return true;
  } catch (err) {
    if (err instanceof FrameError) {
      console.warn(`frame dropped: ${err.message}`);
      return false;
    }
    throw err;
  }
}

let socket: Socket | null = null;

export interface ConnectOptions {
  store?: TwinStore;
  training?: TrainingStore;
  /** Query string naming the session; default the page's. */
  search?: string;
  /** Server origin; default the page's own (tests pass one). */
  url?: string;
}

/** Opens the connection (once) and wires it to the store. Returns a function that closes it. */
export function connectTwin({
  store = twinStore,
  training = trainingStore,
  search = location.search,
  url,
}: ConnectOptions = {}): () => void {
  if (socket) return () => undefined;
  const join = joinFromUrl(search);
  const options = { transports: ['websocket'] };
  const s = url ? io(url, options) : io(options);
  socket = s;
  const state = store.getState;
  // The hash of the scenario held; on this connection, the scenario sent and the hash of one still to come.
  let heldHash: string | undefined;
  let sent: Scenario | null = null;
  let comingHash: string | undefined;

  s.on('connect', () => {
    sent = null;
    comingHash = undefined;
    const payload: Join = heldHash ? { ...join, scenarioHash: heldHash } : join;
    s.emit(EVENTS.join, payload, (reply: unknown) => {
      const parsed = joinAckSchema.safeParse(reply);
      const ack = parsed.success ? parsed.data : { ok: false as const, error: 'join: the server answered something unreadable' };
      if (!ack.ok) {
        // A wrong session id or token will not fix itself by retrying: say so and stay offline.
        state().setConnection('offline');
        state().pushAlarm({ simTimeS: 0, severity: 'critical', source: 'connection', message: ack.error });
        return;
      }
      if (ack.scenarioHash !== undefined && ack.scenarioSent) {
        heldHash = ack.scenarioHash;
        // The scenario comes before the ack; should it come after, it is cached when it arrives.
        if (sent) scenarioCache.set(heldHash, sent);
        else comingHash = heldHash;
      } else if (ack.scenarioHash !== undefined) {
        const cached = scenarioCache.get(ack.scenarioHash);
        if (!cached) {
          // Told to use a scenario this page does not hold: join afresh on a new connection, offering none.
          heldHash = undefined;
          s.disconnect().connect();
          return;
        }
        heldHash = ack.scenarioHash;
        if (state().scenario !== cached) state().setScenario(cached);
      }
      state().setRole(ack.role);
      state().setConnection('live');
      // The snapshot came before the ack; a session with no frame yet has no history either.
      const nowS = liveFrame.frame?.header.simTimeS;
      if (nowS !== undefined) void fetchHistory(store, nowS - KPI_WINDOW_S);
    });
  });
  s.on('disconnect', (reason) => {
    if (reason === 'io client disconnect') return state().setConnection('offline');
    state().setConnection('reconnecting');
    // After a server-side disconnect socket.io does not retry on its own.
    if (reason === 'io server disconnect') s.connect();
  });
  s.on('connect_error', () => state().setConnection('reconnecting'));

  s.on(EVENTS.scenario, (scenario: Scenario) => {
    sent = scenario;
    if (comingHash) scenarioCache.set(comingHash, scenario);
    comingHash = undefined;
    state().setScenario(scenario);
  });
  const onFrame = (data: ArrayBuffer): void => void receiveFrame(data, performance.now());
  s.on(EVENTS.snapshot, onFrame);
  s.on(EVENTS.frame, onFrame);
  s.on(EVENTS.kpi, (k: KpiSample) => state().pushKpi(k));
  s.on(EVENTS.alarm, (a: Alarm) => state().pushAlarm(a));
  const run = training.getState;
  s.on(EVENTS.runEvent, (e: RunEvent) => run().pushEvent(e));
  s.on(EVENTS.score, (score: LiveScore) => run().setScore(score));
  s.on(EVENTS.readings, (r: Readings) => run().setReadings(r));
  // The session was deleted: nothing more comes on this join.
  s.on(EVENTS.ended, () => state().setConnection('offline'));

  return () => {
    s.disconnect();
    s.removeAllListeners();
    socket = null;
  };
}

async function request<T>(event: string, payload: unknown): Promise<T | { ok: false; error: string }> {
  if (!socket?.connected) return { ok: false, error: 'connection: not connected' };
  try {
    return (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload)) as T;
  } catch {
    return { ok: false, error: `connection: no answer within ${ACK_TIMEOUT_MS / 1000} s` };
  }
}

/** The session's KPI history from `fromS` on, into the store; without it the charts fill from live samples. */
async function fetchHistory(store: TwinStore, fromS: number): Promise<void> {
  const reply = await requestHistory({ from: fromS });
  if ('rows' in reply) store.getState().addHistory(reply);
  else console.warn(`history not loaded: ${reply.error}`);
}

/** Sends an operator/instructor command; resolves with the server's ack (never rejects). */
export function sendCommand(command: Command): Promise<CommandAck> {
  return request<CommandAck>(EVENTS.command, command);
}

/** KPI history at 5-minute resolution between simulation times (s); for charts that look further back. */
export function requestHistory(req: HistoryRequest = {}): Promise<History | { ok: false; error: string }> {
  return request<History>(EVENTS.history, req);
}
