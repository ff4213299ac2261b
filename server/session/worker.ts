/**
 * The simulation worker: one per session, in its own worker_threads thread, so a heavy or failing simulation
 * never stalls the event loop that serves sockets nor other sessions. It owns the Simulation, its operator
 * inputs and clock (clock.ts), and posts to the main thread (protocol.ts):
 *  - `frame` at frameHz wall-clock rate whatever the speed (frames.ts; the buffer is transferred, not copied);
 *  - `kpi` every kpiIntervalMs (kpi.ts: means over the interval) with the worker's status and step timing;
 *  - `alarm` when alarms.ts sees something; `reply` to commands, history and CSV requests.
 * Scheduling: steps run in slices of at most SLICE_MS; between slices the worker yields (setImmediate when flat
 * out, a timer otherwise) so commands are handled promptly at any speed.
 * Jump: forward by up to JUMP_SIMULATE_MAX_S is simulated (fast-forward, history and state consistent); further
 * forward, or backward, re-creates the simulation JUMP_WARMUP_S before the target and simulates the warm-up
 * (the network's water and the buildings settle), so the ack arrives when the target is reached.
 * Loop (public session): at loop end the simulation is re-created at loop start and the history cleared.
 * Spawned by session.ts through worker-entry.mjs, which registers tsx's loader first (Node 20 applies no
 * --import hook to a worker's own entry file).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { compileScenario, type CompiledModel } from '../sim/compile';
import { createOperatorInputs, createSimulation, stepSimulation, type Simulation } from '../sim/engine';
import type { OperatorInputs } from '../sim/operator';
import { takeSnapshot, restoreSnapshot, captureState, applyState, type SimSnapshot, type StateValue } from '../sim/snapshot';
import { DAY_S } from '../sim/calendar';
import type { Alarm } from '../../shared/protocol/session';
import type { ClockCommand, CommandAck } from '../../shared/protocol/commands';
import { SimClock } from './clock';
import { buildFrame } from './frames';
import { createKpiMeter, resetKpiMeter, sampleKpi, type KpiMeter } from './kpi';
import { KpiHistory } from './history';
import { checkAlarms, createAlarmWatch, syncAlarmWatch, type AlarmWatch } from './alarms';
import { applyPlantCommand, parseJumpDate } from './commands';
import type { FromWorker, ToWorker, WorkerConfig, WorkerStatus } from './protocol';

const SLICE_MS = 25;
const JUMP_SIMULATE_MAX_S = 14 * DAY_S;
const JUMP_WARMUP_S = DAY_S;
const MAX_SNAPSHOTS = 20;

const port = parentPort!;
const config = workerData as WorkerConfig;
const post = (m: FromWorker, transfer?: ArrayBuffer[]) => port.postMessage(m, transfer ?? []);

const model: CompiledModel = compileScenario(config.scenario, { epwText: config.epwText });
const dtS = config.scenario.simulation.stepS;

let sim: Simulation;
let inputs: OperatorInputs;
let kpiMeter: KpiMeter;
let historyMeter: KpiMeter;
let watch: AlarmWatch | undefined;
let nextHistoryS = 0;
const history = new KpiHistory();
const snapshots = new Map<string, { sim: SimSnapshot; inputs: StateValue; label?: string }>();
let snapshotCounter = 0;

function newSimulation(startS: number): void {
  sim = createSimulation(model, { startS, seed: config.seed });
  // Operator inputs survive a re-created simulation (jump, loop): they are what the people set.
  if (!inputs) {
    inputs = createOperatorInputs(model);
    inputs.autoResetTrips = config.autoResetTrips;
  }
  afterTimeChange();
}

/** Meters, alarms and history follow a simulation whose time or state was replaced. */
function afterTimeChange(): void {
  kpiMeter = createKpiMeter(sim);
  historyMeter = createKpiMeter(sim);
  watch = watch ? (syncAlarmWatch(watch, sim), watch) : createAlarmWatch(sim);
  history.truncateAfter(sim.timeS);
  nextHistoryS = nextBoundary(sim.timeS);
}

function nextBoundary(t: number): number {
  return (Math.floor(t / history.resolutionS) + 1) * history.resolutionS;
}

newSimulation(config.startS);
const clock = new SimClock(config.speed, config.paused, performance.now(), sim!.timeS);

// Step timing and rates for stats.
let stepCount = 0;
let stepMsSum = 0;
let rateWallStartMs = performance.now();
let rateSimStartS = sim!.timeS;
let lastStatus: WorkerStatus = status(0, 0);
let pendingFastForward: number[] = [];
let failMessage: string | null = null;

function status(stepTimeMsAvg: number, stepsPerSecond: number): WorkerStatus {
  return { simTimeS: sim.timeS, speed: clock.speed, paused: clock.paused, stepTimeMsAvg, stepsPerSecond };
}

function currentStatus(): WorkerStatus {
  return { ...lastStatus, simTimeS: sim.timeS, speed: clock.speed, paused: clock.paused };
}

const raise = (a: Alarm) => post({ type: 'alarm', alarm: a });

function stepOnce(): void {
  const t0 = performance.now();
  stepSimulation(sim, inputs, dtS);
  stepMsSum += performance.now() - t0;
  stepCount++;
  checkAlarms(watch!, sim, dtS, raise);
  if (sim.timeS >= nextHistoryS) {
    history.push(sampleKpi(historyMeter, sim));
    nextHistoryS = nextBoundary(sim.timeS);
  }
  if (config.loop && sim.timeS >= config.loop.endS - 1e-6) {
    history.clear();
    newSimulation(config.loop.startS);
    clock.anchor(performance.now(), sim.timeS);
    raise({ simTimeS: sim.timeS, severity: 'info', source: 'clock', message: 'Loop finished: starting again' });
  }
}

// Frame and KPI pacing (wall clock).
const frameIntervalMs = 1000 / config.frameHz;
let nextFrameMs = performance.now();
let nextKpiMs = performance.now() + config.kpiIntervalMs;
let sequence = 0;
let frameSpeed = 0;

function emitFrame(): void {
  const speed = clock.paused && !clock.fastForwarding ? 0 : clock.speed === 'max' || clock.fastForwarding ? frameSpeed : clock.speed;
  const frame = buildFrame(sim, sequence++, speed, Date.now());
  post({ type: 'frame', buffer: frame.buffer }, [frame.buffer]);
}

function emitKpi(nowMs: number): void {
  const wallS = (nowMs - rateWallStartMs) / 1000;
  const actual = wallS > 0 ? (sim.timeS - rateSimStartS) / wallS : 0;
  frameSpeed = actual;
  lastStatus = status(stepCount > 0 ? stepMsSum / stepCount : lastStatus.stepTimeMsAvg, wallS > 0 ? stepCount / wallS : 0);
  stepCount = 0;
  stepMsSum = 0;
  rateWallStartMs = nowMs;
  rateSimStartS = sim.timeS;
  post({ type: 'kpi', kpi: sampleKpi(kpiMeter, sim), status: lastStatus });
}

let timer: NodeJS.Timeout | null = null;
function schedule(delayMs: number): void {
  if (timer) clearTimeout(timer);
  timer = null;
  if (delayMs <= 0) setImmediate(tick);
  else timer = setTimeout(tick, delayMs);
}

let tickQueued = false;
function tick(): void {
  tickQueued = false;
  timer = null;
  if (failMessage !== null) throw new Error(failMessage);
  const start = performance.now();
  let now = start;
  while (now - start < SLICE_MS && clock.stepDue(now, sim.timeS, dtS)) {
    stepOnce();
    now = performance.now();
  }
  if (!clock.fastForwarding && pendingFastForward.length > 0) {
    for (const id of pendingFastForward)
      post({ type: 'reply', id, ack: { ok: true, result: { simTimeS: sim.timeS } }, status: currentStatus() });
    pendingFastForward = [];
  }
  if (now >= nextFrameMs) {
    emitFrame();
    nextFrameMs = Math.max(nextFrameMs + frameIntervalMs, now);
  }
  if (now >= nextKpiMs) {
    emitKpi(now);
    nextKpiMs = Math.max(nextKpiMs + config.kpiIntervalMs, now);
  }
  const untilFrame = nextFrameMs - now;
  schedule(clock.flatOut ? 0 : Math.min(untilFrame, clock.msUntilDue(now, sim.timeS, dtS)));
}

function wake(): void {
  // A command may make steps due sooner than the scheduled timer.
  if (tickQueued) return;
  tickQueued = true;
  schedule(0);
}

function clockCommand(c: ClockCommand, id: number): CommandAck | null {
  const now = performance.now();
  switch (c.action) {
    case 'pause':
      clock.pause();
      return { ok: true };
    case 'resume':
      clock.resume(now, sim.timeS);
      return { ok: true };
    case 'speed':
      clock.setSpeed(c.speed, now, sim.timeS);
      return { ok: true };
    case 'step': {
      if (clock.fastForwarding) return { ok: false, error: 'action: the clock is already moving to a target' };
      clock.pause();
      clock.fastForwardTo(sim.timeS + c.steps * dtS);
      pendingFastForward.push(id);
      return null;
    }
    case 'jump': {
      if (clock.fastForwarding) return { ok: false, error: 'action: the clock is already moving to a target' };
      const targetS = parseJumpDate(c.to);
      if (!Number.isFinite(targetS)) return { ok: false, error: `to: not a date "${c.to}"` };
      if (config.loop && (targetS < config.loop.startS || targetS >= config.loop.endS))
        return { ok: false, error: 'to: outside the loop period of this session' };
      if (targetS < sim.timeS || targetS - sim.timeS > JUMP_SIMULATE_MAX_S) newSimulation(targetS - JUMP_WARMUP_S);
      clock.fastForwardTo(targetS);
      pendingFastForward.push(id);
      return null;
    }
    case 'snapshot': {
      const snapshotId = `s${++snapshotCounter}`;
      snapshots.set(snapshotId, { sim: takeSnapshot(sim), inputs: captureState(inputs), label: c.label });
      if (snapshots.size > MAX_SNAPSHOTS) snapshots.delete(snapshots.keys().next().value!);
      return { ok: true, result: { snapshotId, simTimeS: sim.timeS, label: c.label } };
    }
    case 'restore': {
      const s = snapshots.get(c.snapshotId);
      if (!s) return { ok: false, error: `snapshotId: no snapshot "${c.snapshotId}"` };
      if (clock.fastForwarding) return { ok: false, error: 'action: the clock is already moving to a target' };
      restoreSnapshot(sim, s.sim);
      applyState(inputs, s.inputs);
      afterTimeChange();
      clock.anchor(now, sim.timeS);
      emitFrame();
      return { ok: true, result: { simTimeS: sim.timeS } };
    }
  }
}

port.on('message', (m: ToWorker) => {
  switch (m.type) {
    case 'command': {
      const ack = m.command.type === 'clock' ? clockCommand(m.command, m.id) : applyPlantCommand(m.command, sim, inputs);
      if (ack) post({ type: 'reply', id: m.id, ack, status: currentStatus() });
      wake();
      return;
    }
    case 'history':
      post({ type: 'reply', id: m.id, history: history.toHistory(m.request.from, m.request.to) });
      return;
    case 'csv':
      post({ type: 'reply', id: m.id, csv: history.toCsv(m.fromS, m.toS) });
      return;
    case 'fail':
      failMessage = m.message;
      wake();
      return;
  }
});

emitFrame();
post({ type: 'ready', status: lastStatus });
schedule(0);
