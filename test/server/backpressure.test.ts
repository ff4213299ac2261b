/**
 * Latest-value streaming under back-pressure. Expected behaviour (socket.io docs, "volatile events": an event
 * is dropped when the underlying connection is not ready to be written to): a client that stops reading must
 * not make the server queue frames for it. A stand-in session streams 256 KiB frames at 50 Hz (12.8 MB/s)
 * so the loopback kernel buffers fill within a second; one client pauses its TCP socket for 3 s, another
 * reads normally. Queuing everything would put ~38 MB in the paused client's server-side buffers.
 */
import { describe, it, expect, afterAll, beforeAll } from 'vitest';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../../server/transport/logger';
import { createMetrics } from '../../server/transport/metrics';
import { attachSocketServer, type TwinSocketServer } from '../../server/transport/socketServer';
import type { SessionDirectory, TwinSession } from '../../server/transport/types';
import { createFrame, encodeFrame } from '../../shared/protocol/frame';
import { client, clientTcp, connected, joinSession, serverConnection, sleep } from './helpers';

const FRAME_BYTES_TARGET = 256 * 1024;

function fakeSession() {
  const listeners = new Set<(buf: ArrayBuffer) => void>();
  // Three 2-byte values per building.
  const frame = encodeFrame(createFrame({ buildings: Math.floor(FRAME_BYTES_TARGET / 6), pipes: 0, plants: 0, units: 0 }));
  let seq = 0;
  const session = {
    id: 'public',
    isPublic: true,
    scenario: { id: 'fake', name: 'Fake' },
    tokens: null,
    info: () => ({ id: 'public', scenarioId: 'fake', isPublic: true, status: 'running', simTimeS: 0, speed: 60, createdAt: '' }),
    latestFrame: () => frame,
    on: (event: string, fn: (buf: ArrayBuffer) => void) => {
      if (event !== 'frame') return () => undefined;
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    command: () => Promise.resolve({ ok: false, error: 'fake' }),
    history: () => Promise.resolve({ resolutionS: 300, columns: [], rows: [] }),
    historyCsv: () => Promise.resolve(''),
    roleForToken: () => 'viewer',
    stats: () => ({ stepTimeMsAvg: 0, framesSent: seq, stepsPerSecond: 0, hydraulicNonConvergedSteps: 0 }),
  } as unknown as TwinSession;
  const emit = (): void => {
    // Sequence and send time at their header offsets (shared/protocol/frame.ts).
    new DataView(frame).setUint32(4, ++seq, true);
    new DataView(frame).setFloat64(16, Date.now(), true);
    for (const l of listeners) l(frame);
  };
  return { session, emit, frameBytes: frame.byteLength };
}

describe('slow clients skip frames instead of building a backlog', () => {
  let http: HttpServer;
  let sockets: TwinSocketServer;
  let url: string;
  const fake = fakeSession();
  const directory: SessionDirectory = {
    get: (id) => (id === 'public' ? fake.session : undefined),
    list: () => [fake.session],
    create: () => Promise.reject(new Error('not here')),
    delete: () => Promise.resolve(false),
  };
  const metrics = createMetrics({ sessions: directory, clients: () => sockets.clientCount(), sessionClients: () => 0 });

  beforeAll(async () => {
    http = createServer();
    sockets = attachSocketServer(http, { sessions: directory, logger: createLogger('silent'), metrics });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await sockets.close();
  });

  it('keeps the paused client to at most one frame in user space while the reading client gets them all', async () => {
    const slow = client(url);
    const fast = client(url);
    await Promise.all([connected(slow), connected(fast)]);
    expect((await joinSession(slow, { sessionId: 'public' })).ok).toBe(true);
    expect((await joinSession(fast, { sessionId: 'public' })).ok).toBe(true);
    let slowFrames = 0;
    let fastFrames = 0;
    slow.on('frame', () => slowFrames++);
    fast.on('frame', () => fastFrames++);

    // Stop reading the slow client's TCP socket (engine.io-client websocket transport -> ws -> net.Socket).
    const slowTcp = clientTcp(slow);
    slowTcp.pause();
    const serverSide = sockets.io.of('/').sockets.get(slow.id!)!;
    const conn = serverConnection(serverSide);
    const serverTcp = conn.ws._socket;

    let sent = 0;
    let maxUserSpaceBytes = 0;
    let maxWriteBuffer = 0;
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline) {
      fake.emit();
      sent++;
      maxUserSpaceBytes = Math.max(maxUserSpaceBytes, serverTcp.writableLength);
      maxWriteBuffer = Math.max(maxWriteBuffer, conn.queued().length);
      await sleep(20);
    }
    const fastDuringPause = fastFrames;
    slowTcp.resume();
    await sleep(1500);

    // Without volatile emits the paused client's server-side queue would hold sent x 256 KiB (~38 MB).
    expect(sent).toBeGreaterThan(100);
    expect(maxUserSpaceBytes).toBeLessThanOrEqual(2 * fake.frameBytes);
    expect(maxWriteBuffer).toBeLessThanOrEqual(2);
    // The reading client was not held back by the paused one.
    expect(fastDuringPause).toBeGreaterThan(0.8 * sent);
    // The paused client skipped most frames (what it got was in the kernel buffers) and is still connected.
    expect(slowFrames).toBeLessThan(0.5 * sent);
    expect(slowFrames).toBeGreaterThan(0);
    expect(slow.connected).toBe(true);
    const skipped = (await metrics.registry.getSingleMetric('heattwin_frames_skipped_total')!.get()).values[0]?.value ?? 0;
    expect(skipped).toBeGreaterThan(0.5 * sent);
    slow.close();
    fast.close();
  });
});
