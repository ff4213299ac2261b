/**
 * The simulation worker: one per session, in its own worker_threads thread, so a heavy or failing simulation
 * never stalls the event loop that serves sockets nor other sessions. It compiles the session's scenario and
 * hands the rest to its step loop (stepLoop.ts: simulation, clock, frames, KPIs, alarms, history, commands),
 * wiring it to this thread's port, wall clocks and timers. An error thrown by the loop is uncaught here on
 * purpose: the worker dies with it and the session (session.ts) marks itself failed.
 * Spawned by session.ts through worker-entry.mjs, which registers tsx's loader first (Node 20 applies no
 * --import hook to a worker's own entry file).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { compileScenario } from '../sim/compile';
import { StepLoop } from './stepLoop';
import type { FromWorker, ToWorker, WorkerConfig } from './protocol';

const port = parentPort!;
const config = workerData as WorkerConfig;

const model = compileScenario(config.scenario, { epwText: config.epwText, seed: config.seed });
const loop = new StepLoop(model, config, {
  now: () => performance.now(),
  epochMs: () => Date.now(),
  post: (m: FromWorker, transfer?: ArrayBuffer[]) => port.postMessage(m, transfer ?? []),
  timers: { setImmediate, clearImmediate, setTimeout, clearTimeout },
});
port.on('message', (m: ToWorker) => loop.receive(m));
loop.start();
