/**
 * Stream benchmark: the live server with the default scenario runs in this process; N socket.io
 * clients connect from a separate process (bench/streamClients.ts) on loopback, for N = 100, 500, 1000, and
 * for each N this prints frames/s per client, frame latency p50/p99 (frame header send time -> receipt),
 * server CPU (process.cpuUsage of this process: main thread and simulation worker; % of one core) and peak
 * RSS, mean bytes per frame received, against the goals: 1,000 clients at 10 Hz, p99 < 250 ms, RSS < 600 MB,
 * frame <= 6 KB. The client process shares the machine's cores with the server, so figures are conservative.
 * Before that it prints the frame sizes of the default scenario and of a generated 25,000-building city (the
 * largest streamed slice and the full join snapshot, built in-process as a session builds them) against
 * their targets (6 KB, 128 KB) and the Float32 frames they replaced (12.4 KB, 1.06 MB), and the scenario's bytes
 * on joining: on a first join, and on a re-join that offers the hash the first join's ack named.
 *   npm run bench:stream [-- --seconds 30 --clients 100,500,1000]
 */
import { fork } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { startServer } from '../server/main';
import { generateCity } from '../server/generator/city';
import { loadScenario } from '../server/scenarios/load';
import { compileScenario } from '../server/sim/compile';
import { createSimulation } from '../server/sim';
import { dateToS } from '../server/sim/calendar';
import { buildFrame, sliceCountFor, frameCountsOf, streamedFrame } from '../server/session/frames';
import { parseScenario } from '../shared/scenario/validate';
import type { Scenario } from '../shared/scenario/schema';
import type { ClientResult } from './streamClients';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const SECONDS = Number(arg('seconds', '30'));
const CLIENTS = arg('clients', '100,500,1000').split(',').map(Number);
if (!(SECONDS > 0 && SECONDS <= 600) || CLIENTS.some((n) => !(n > 0 && n <= 5000))) {
  console.error('usage: bench/stream.ts [--seconds 1-600] [--clients 100,500,1000]');
  process.exit(2);
}
const CLIENT_SCRIPT = fileURLToPath(new URL('./streamClients.ts', import.meta.url));

const FRAME_GOAL_BYTES = 6 * 1024;
const KB = (b: number) => (b >= 1e6 ? `${(b / 1e6).toFixed(2)} MB` : `${(b / 1024).toFixed(1)} KB`);
const ok = (c: boolean) => (c ? 'ok' : 'MISS');

/** Largest streamed frame and the full snapshot of a scenario, from the frames a session's worker would send. */
function frameSizes(scenario: Scenario): { slices: number; largest: number; snapshot: number } {
  const model = compileScenario(scenario);
  const sim = createSimulation(model, { startS: dateToS(scenario.simulation.start) });
  const slices = sliceCountFor(frameCountsOf(sim));
  const snapshot = buildFrame(sim, 0, 60, Date.now()).buffer.byteLength;
  let largest = 0;
  for (let seq = 0; seq < slices; seq++) largest = Math.max(largest, streamedFrame(buildFrame(sim, seq, 60, Date.now()).buffer).byteLength);
  return { slices, largest, snapshot };
}

/** Bytes of the `scenario` event on a first join of the public session and on a re-join offering its hash. */
async function scenarioOnJoin(url: string): Promise<{ first: number; rejoin: number }> {
  async function join(scenarioHash?: string): Promise<{ bytes: number; hash?: string }> {
    const s = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    let bytes = 0;
    s.on('scenario', (sc: unknown) => (bytes += Buffer.byteLength(JSON.stringify(sc))));
    await new Promise<void>((r, reject) => (s.once('connect', () => r()), s.once('connect_error', reject)));
    const ack = (await s.emitWithAck('join', { sessionId: 'public', ...(scenarioHash ? { scenarioHash } : {}) })) as { scenarioHash?: string };
    s.close();
    return { bytes, hash: ack.scenarioHash };
  }
  const first = await join();
  const rejoin = first.hash ? await join(first.hash) : first;
  return { first: first.bytes, rejoin: rejoin.bytes };
}

async function printFrameSizes(url: string): Promise<void> {
  const defaultScenario = loadScenario('espoo-district').scenario;
  const big = parseScenario(generateCity({ seed: 1, buildings: 25_000 }));
  const join = await scenarioOnJoin(url);
  console.log('frame sizes: largest streamed frame (buildings and pipes in N slices), full join snapshot, scenario on join');
  console.log('city                   buildings   pipes  slices  frame                target     before     snapshot   scenario on join');
  const rows: [string, Scenario, number, number, string][] = [
    ['espoo-district', defaultScenario, 6 * 1024, 12.4 * 1024, `${KB(join.first)} (re-join with its hash: ${KB(join.rejoin)})`],
    ['generated 25,000', big, 128 * 1024, 1.06e6, KB(Buffer.byteLength(JSON.stringify(big)))],
  ];
  for (const [name, scenario, target, before, onJoin] of rows) {
    const f = frameSizes(scenario);
    console.log(
      `${name.padEnd(20)} ${String(scenario.buildings.length).padStart(10)} ${String(scenario.network.pipes.length).padStart(7)} ${String(f.slices).padStart(7)}` +
        `  ${KB(f.largest).padStart(9)} ${ok(f.largest <= target).padEnd(4)}  <= ${KB(target).padEnd(8)} ${KB(before).padStart(8)}  ${KB(f.snapshot).padStart(9)}   ${onJoin}`,
    );
  }
  console.log('');
}

async function counter(server: Awaited<ReturnType<typeof startServer>>, name: string): Promise<number> {
  const m = server.metrics.registry.getSingleMetric(name);
  return m ? ((await m.get()).values[0]?.value ?? 0) : 0;
}

async function runOnce(server: Awaited<ReturnType<typeof startServer>>, n: number) {
  const child = fork(CLIENT_SCRIPT, [server.url, String(n), String(SECONDS)], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  let peakRss = process.memoryUsage().rss;
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
  let cpu0 = process.cpuUsage();
  let t0 = performance.now();
  let frames0 = 0;
  let bytes0 = 0;
  const readSentBaseline = async () => {
    frames0 = await counter(server, 'heattwin_frames_sent_total');
    bytes0 = await counter(server, 'heattwin_frame_bytes_sent_total');
  };
  const result = await new Promise<ClientResult>((resolve, reject) => {
    child.on('message', (m: { type: string; result?: ClientResult }) => {
      if (m.type === 'measuring') {
        // Count only the measured window (after connecting and warm-up).
        cpu0 = process.cpuUsage();
        t0 = performance.now();
        peakRss = process.memoryUsage().rss;
        readSentBaseline().catch(reject);
      } else if (m.type === 'result' && m.result) resolve(m.result);
    });
    child.on('exit', (code) => code !== 0 && reject(new Error(`client process exited with ${code}`)));
  });
  const cpu = process.cpuUsage(cpu0);
  const wallS = (performance.now() - t0) / 1000;
  clearInterval(rssTimer);
  const framesSent = (await counter(server, 'heattwin_frames_sent_total')) - frames0;
  const bytesSent = (await counter(server, 'heattwin_frame_bytes_sent_total')) - bytes0;
  await new Promise((r) => child.once('exit', r));
  return { result, cpuPct: ((cpu.user + cpu.system) / 1e6 / wallS) * 100, peakRssMB: peakRss / 2 ** 20, sendMBps: bytesSent / 2 ** 20 / wallS, framesSent };
}

async function main(): Promise<void> {
  // Every benchmark client connects from loopback: one address, so the per-address limits must let them all in.
  const most = Math.max(...CLIENTS);
  const limits = { socketsPerAddress: most, joinRate: { ratePerS: most, burst: most } };
  const server = await startServer({ port: 0, host: '127.0.0.1', logLevel: 'warn', limits });
  console.log(`stream benchmark: ${cpus().length} cores, ${SECONDS} s per run, server ${server.url}, scenario espoo-district\n`);
  await printFrameSizes(server.url);
  console.log('goal: 1,000 clients at 10 Hz, p99 latency < 250 ms, server RSS < 600 MB, frame <= 6 KB\n');
  console.log('clients  frames/s/client (mean, min)  latency p50   p99     max      server CPU  peak RSS  send MB/s  bytes/frame');
  for (const n of CLIENTS) {
    const r = await runOnce(server, n);
    const x = r.result;
    console.log(
      `${String(n).padStart(7)}  ${x.framesPerClientPerS.mean.toFixed(2).padStart(6)} ${x.framesPerClientPerS.min.toFixed(2).padStart(6)} ${ok(x.framesPerClientPerS.mean >= 9.5).padEnd(13)}` +
        `  ${x.latencyMs.p50.toFixed(1).padStart(6)} ms ${x.latencyMs.p99.toFixed(1).padStart(6)} ms ${ok(x.latencyMs.p99 < 250).padEnd(4)} ${x.latencyMs.max.toFixed(0).padStart(5)} ms` +
        `  ${r.cpuPct.toFixed(0).padStart(5)} %    ${r.peakRssMB.toFixed(0).padStart(5)} MB ${ok(r.peakRssMB < 600).padEnd(4)} ${r.sendMBps.toFixed(1).padStart(6)}` +
        `     ${String(Math.round(x.bytesPerFrame)).padStart(6)} ${ok(x.bytesPerFrame <= FRAME_GOAL_BYTES)}` +
        (x.connected < n || x.disconnects ? `  (connected ${x.connected}, disconnects ${x.disconnects})` : ''),
    );
  }
  await server.close();
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
