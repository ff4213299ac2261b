/**
 * Client side of the stream benchmark (bench/stream.ts forks it): N socket.io clients on loopback join the
 * public session and count frames. Latency = receipt time - the frame header's send time (f64 at byte 16,
 * shared/protocol/frame.ts; both clocks are this machine's). Sends one result message to the parent.
 *   node --import tsx bench/streamClients.ts <url> <clients> <seconds>
 */
import { io, type Socket } from 'socket.io-client';
import { FRAME_HEADER_BYTES } from '../shared/protocol/frame';

const [url, nArg, secondsArg] = process.argv.slice(2);
const N = Number(nArg);
const SECONDS = Number(secondsArg);
if (!/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(url ?? '') || !(N > 0 && N <= 5000) || !(SECONDS > 0 && SECONDS <= 600)) {
  console.error('usage: streamClients.ts http://127.0.0.1:PORT <clients 1-5000> <seconds 1-600>');
  process.exit(2);
}

export interface ClientResult {
  clients: number;
  connected: number;
  seconds: number;
  framesPerClientPerS: { mean: number; min: number };
  latencyMs: { p50: number; p99: number; max: number; samples: number };
  /** Mean over the frames received while measuring (slices differ by a few elements). */
  bytesPerFrame: number;
  disconnects: number;
}

const WARMUP_MS = 2000;
const counts = new Int32Array(N);
// Bounded: at most ~12 frames/s per client are kept (10 Hz stream plus slack); later samples are ignored.
const latencies = new Float64Array(Math.ceil(N * SECONDS * 12));
let nLat = 0;
let frameBytes = 0;
let frames = 0;
let measuring = false;
let disconnects = 0;

function connectOne(i: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: 20_000 });
    s.once('connect', () => s.emit('join', { sessionId: 'public' }, (ack: { ok: boolean }) => (ack?.ok ? resolve(s) : reject(new Error('join refused')))));
    s.once('connect_error', reject);
    s.on('frame', (buf: Buffer) => {
      if (!measuring) return;
      counts[i]++;
      if (buf.length >= FRAME_HEADER_BYTES) {
        frameBytes += buf.length;
        frames++;
        if (nLat < latencies.length) latencies[nLat++] = Date.now() - buf.readDoubleLE(16);
      }
    });
    s.on('disconnect', () => measuring && disconnects++);
  });
}

async function main(): Promise<void> {
  const sockets: Socket[] = [];
  // Connect in batches so the accept queue and the scenario sends do not pile up.
  for (let i = 0; i < N; i += 50) {
    const batch = [];
    for (let j = i; j < Math.min(N, i + 50); j++) batch.push(connectOne(j));
    sockets.push(...(await Promise.all(batch)));
  }
  await new Promise((r) => setTimeout(r, WARMUP_MS));
  process.send?.({ type: 'measuring' });
  measuring = true;
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  measuring = false;
  const wallS = (performance.now() - t0) / 1000;
  for (const s of sockets) s.close();

  const rates = Array.from(counts, (c) => c / wallS);
  const lat = latencies.subarray(0, nLat).sort();
  const q = (p: number) => (nLat ? lat[Math.min(nLat - 1, Math.floor(p * nLat))] : NaN);
  const result: ClientResult = {
    clients: N,
    connected: sockets.length,
    seconds: wallS,
    framesPerClientPerS: { mean: rates.reduce((a, b) => a + b, 0) / N, min: Math.min(...rates) },
    latencyMs: { p50: q(0.5), p99: q(0.99), max: nLat ? lat[nLat - 1] : NaN, samples: nLat },
    bytesPerFrame: frames ? frameBytes / frames : 0,
    disconnects,
  };
  process.send?.({ type: 'result', result });
  setTimeout(() => process.exit(0), 200);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
