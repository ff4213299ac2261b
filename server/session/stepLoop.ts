/**
 * The step loop of one session: runs its Simulation on its clock (clock.ts) and answers the main thread's
 * messages (protocol.ts). It lives in the session's worker thread (worker.ts is the adapter to the port), but the
 * wall clock, the timers and `post` are passed in, so a test drives it in-process with a fake clock.
 *  - `frame` at frameHz wall-clock rate whatever the speed (frames.ts);
 *  - `kpi` every kpiIntervalMs (kpi.ts: means over the interval) with the loop's status and step timing, which is
 *    also how a step or jump reports its progress (`clockTarget`);
 *  - `status` when a step or jump reaches its target;
 *  - `alarm` when alarms.ts sees something; `reply` to commands, history and CSV requests.
 * Scheduling: steps run in slices of at most SLICE_MS; between slices the loop yields (an immediate when flat
 * out, a timer otherwise) so messages are handled promptly at any speed. Exactly one tick is scheduled at any
 * time: a message that makes steps due sooner moves the pending tick earlier, never adds a second one.
 * Step and jump answer at once with where the clock is going and a wall-time estimate (ClockMoveResult), then run
 * flat out to the target: a long jump on a big city takes longer than any request may wait.
 * A jump while a step or jump is under way takes over its target, a restore ends it (the latest wish wins); a
 * step then is refused.
 * Jump: forward by up to JUMP_SIMULATE_MAX_S is simulated (fast-forward, history and state consistent); further
 * forward, or backward, re-creates the simulation JUMP_WARMUP_S before the target and simulates the warm-up
 * (the network's water and the buildings settle).
 * Loop (public session): at loop end the simulation is re-created at loop start and the history cleared.
 */
import type { CompiledModel } from '../sim/compile';
import { createOperatorInputs, createSimulation, stepSimulation, type Simulation } from '../sim';
import type { OperatorInputs } from '../sim/operator';
import { takeSnapshot, restoreSnapshot, captureState, applyState, type SimSnapshot, type StateValue } from '../sim';
import { DAY_S, dateTimeToS } from '../sim/calendar';
import type { Alarm } from '../../shared/protocol/session';
import type { AlarmCommand, ClockCommand, ClockMoveResult, CommandAck } from '../../shared/protocol/commands';
import {
  acknowledgeAlarms,
  alarmsInLastWindow,
  createProcessAlarms,
  sortedAlarms,
  watchAlarms,
  type AlarmPriority,
  type ProcessAlarm,
  type ProcessAlarms,
} from '../alarms/processAlarms';
import { SimClock } from './clock';
import { buildFrame } from './frames';
import { createKpiMeter, sampleKpi, type KpiMeter } from './kpi';
import { KpiHistory } from './history';
import { checkAlarms, checkSolverAlarms, createAlarmWatch, syncAlarmWatch, type AlarmWatch } from './alarms';
import { applyPlantCommand } from './commands';
import { applyMalfunctionCommand } from './malfunctionCommands';
import type { FromWorker, ToWorker, WorkerConfig, WorkerStatus } from './protocol';

export const SLICE_MS = 25;
const PRIORITY_SEVERITY: Record<AlarmPriority, Alarm['severity']> = { high: 'critical', medium: 'warning', low: 'info' };
const JUMP_SIMULATE_MAX_S = 14 * DAY_S;
const JUMP_WARMUP_S = DAY_S;
const MAX_SNAPSHOTS = 20;
/** Weight of the newest step in the running mean of a step's wall time that jump estimates use. */
const STEP_MS_WEIGHT = 0.05;

/** The timer functions of node (globalThis in the worker; a fake in tests). */
export interface LoopTimers {
  setImmediate(fn: () => void): unknown;
  clearImmediate(handle: unknown): void;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface LoopEnv {
  /** Monotonic wall clock (ms): performance.now in the worker. */
  now(): number;
  /** Calendar wall clock (ms since 1970) for frame time stamps: Date.now in the worker. */
  epochMs(): number;
  post(m: FromWorker, transfer?: ArrayBuffer[]): void;
  timers: LoopTimers;
}

type Pending = { kind: 'immediate' | 'timeout'; id: unknown; atMs: number };

/** A snapshot of the simulation with the operator inputs (and malfunctions) in force then. */
interface SavedState {
  sim: SimSnapshot;
  inputs: StateValue;
  label?: string;
}

export class StepLoop {
  readonly clock: SimClock;
  private sim!: Simulation;
  private inputs: OperatorInputs | undefined;
  private kpiMeter!: KpiMeter;
  private historyMeter!: KpiMeter;
  private watch: AlarmWatch | undefined;
  private nextHistoryS = 0;
  private readonly history = new KpiHistory();
  private readonly snapshots = new Map<string, SavedState>();
  private processAlarms: ProcessAlarms | null = null;
  private snapshotCounter = 0;
  /** Automatic snapshots (backtracks), oldest first, and when the next one is due (simulated s). */
  private readonly backtracks = new Map<string, SavedState>();
  private backtrackCounter = 0;
  private nextBacktrackS = Infinity;
  private readonly dtS: number;

  // Step timing for stats (per report interval) and for jump estimates (running mean).
  private stepCount = 0;
  private stepMsSum = 0;
  private stepMsMean = 0;
  private rateWallStartMs: number;
  private rateSimStartS: number;
  private lastStatus: WorkerStatus;
  private moveFromS = NaN;
  private hydraulicNonConvergedSteps = 0;
  private failMessage: string | null = null;

  // Frame and KPI pacing (wall clock).
  private readonly frameIntervalMs: number;
  private nextFrameMs: number;
  private nextKpiMs: number;
  private sequence = 0;
  private frameSpeed = 0;

  private pending: Pending | null = null;

  constructor(
    private readonly model: CompiledModel,
    private readonly config: WorkerConfig,
    private readonly env: LoopEnv,
  ) {
    this.dtS = config.scenario.simulation.stepS;
    this.newSimulation(config.startS);
    const now = env.now();
    this.clock = new SimClock(config.speed, config.paused, now, this.sim.outputs.timeS);
    this.rateWallStartMs = now;
    this.rateSimStartS = this.sim.outputs.timeS;
    this.frameIntervalMs = 1000 / config.frameHz;
    this.nextFrameMs = now;
    this.nextKpiMs = now + config.kpiIntervalMs;
    this.lastStatus = this.status(0, 0);
  }

  /** Sends the first frame and `ready`, then runs. */
  start(): void {
    this.emitFrame();
    this.env.post({ type: 'ready', status: this.lastStatus });
    this.schedule(0);
  }

  receive(m: ToWorker): void {
    switch (m.type) {
      case 'command': {
        const c = m.command;
        const ack =
          c.type === 'clock'
            ? this.clockCommand(c)
            : c.type === 'malfunction'
              ? applyMalfunctionCommand(c, this.sim, this.inputs!)
              : c.type === 'alarm'
                ? this.alarmCommand(c)
                : applyPlantCommand(c, this.sim.outputs, this.inputs!);
        this.env.post({ type: 'reply', id: m.id, ack, status: this.currentStatus() });
        this.schedule(0); // the command may make steps due sooner than the pending tick
        return;
      }
      case 'history':
        this.env.post({ type: 'reply', id: m.id, history: this.history.toHistory(m.request.from, m.request.to) });
        return;
      case 'csv':
        this.env.post({ type: 'reply', id: m.id, csv: this.history.toCsv(m.fromS, m.toS) });
        return;
      case 'fail':
        this.failMessage = m.message;
        this.schedule(0);
        return;
    }
  }

  private newSimulation(startS: number): void {
    this.sim = createSimulation(this.model, { startS, seed: this.config.seed });
    // Operator inputs survive a re-created simulation (jump, loop): they are what the people set.
    if (!this.inputs) {
      this.inputs = createOperatorInputs(this.model);
      this.inputs.autoResetTrips = this.config.autoResetTrips;
    }
    this.afterTimeChange();
  }

  /** Meters, alarms and history follow a simulation whose time or state was replaced. */
  private afterTimeChange(): void {
    const sim = this.sim;
    this.kpiMeter = createKpiMeter(sim.outputs);
    this.historyMeter = createKpiMeter(sim.outputs);
    if (this.watch) syncAlarmWatch(this.watch, sim.outputs);
    else this.watch = createAlarmWatch(sim.outputs);
    // A new moment starts a new alarm list: what was raised belongs to a past that no longer happens.
    if (this.config.processAlarms) this.processAlarms = createProcessAlarms(sim.outputs, this.config.scenario.network.dpSetpointPa);
    this.history.truncateAfter(sim.outputs.timeS);
    this.nextHistoryS = this.nextBoundary(sim.outputs.timeS);
    // Backtracks later than now belong to a past that no longer happens.
    for (const [id, b] of this.backtracks) if (b.sim.timeS > sim.outputs.timeS) this.backtracks.delete(id);
    const every = this.config.backtrack?.everyS;
    this.nextBacktrackS = every === undefined ? Infinity : (Math.floor(sim.outputs.timeS / every) + 1) * every;
  }

  private nextBoundary(t: number): number {
    return (Math.floor(t / this.history.resolutionS) + 1) * this.history.resolutionS;
  }

  private status(stepTimeMsAvg: number, stepsPerSecond: number): WorkerStatus {
    const clock = this.clock;
    return {
      simTimeS: this.sim.outputs.timeS,
      speed: clock.speed,
      paused: clock.paused,
      stepTimeMsAvg,
      stepsPerSecond,
      clockTarget: clock.fastForwarding ? { fromS: this.moveFromS, targetS: clock.targetS } : null,
      hydraulicNonConvergedSteps: this.hydraulicNonConvergedSteps,
    };
  }

  private currentStatus(): WorkerStatus {
    return this.status(this.lastStatus.stepTimeMsAvg, this.lastStatus.stepsPerSecond);
  }

  private readonly raise = (a: Alarm): void => this.env.post({ type: 'alarm', alarm: a });

  /** A process alarm raised or cleared goes out as an alarm event: its tag the source, its priority the severity. */
  private readonly announce = (p: ProcessAlarm): void =>
    this.raise({
      simTimeS: this.sim.outputs.timeS,
      severity: p.clearedAtS !== null ? 'info' : PRIORITY_SEVERITY[p.priority],
      source: p.tag,
      message: p.clearedAtS !== null ? `Cleared: ${p.message}` : p.message,
    });

  private alarmCommand(c: AlarmCommand): CommandAck {
    if (!this.processAlarms) return { ok: false, error: 'type: this session keeps no alarm list' };
    if (c.action === 'ack') {
      const done = acknowledgeAlarms(this.processAlarms, this.sim.outputs.timeS, c.tag);
      if (c.tag !== undefined && done.length === 0) return { ok: false, error: `tag: no unacknowledged alarm "${c.tag}"` };
    }
    return {
      ok: true,
      result: { alarms: sortedAlarms(this.processAlarms), raisedLast10Min: alarmsInLastWindow(this.processAlarms) },
    };
  }

  private stepOnce(): void {
    const sim = this.sim;
    const t0 = this.env.now();
    stepSimulation(sim, this.inputs!, this.dtS);
    const ms = this.env.now() - t0;
    this.stepMsSum += ms;
    this.stepCount++;
    this.stepMsMean = this.stepMsMean === 0 ? ms : this.stepMsMean + STEP_MS_WEIGHT * (ms - this.stepMsMean);
    // Counted here, not read from the engine: a jump or loop re-creates the simulation and its own count.
    if (!sim.outputs.hydraulicHealth.converged) this.hydraulicNonConvergedSteps++;
    if (this.processAlarms) {
      checkSolverAlarms(this.watch!, sim.outputs, this.raise);
      watchAlarms(this.processAlarms, sim.outputs, this.dtS, this.announce);
    } else checkAlarms(this.watch!, sim.outputs, this.dtS, this.raise);
    if (sim.outputs.timeS >= this.nextHistoryS) {
      this.history.push(sampleKpi(this.historyMeter, sim.outputs));
      this.nextHistoryS = this.nextBoundary(sim.outputs.timeS);
    }
    if (sim.outputs.timeS >= this.nextBacktrackS - 1e-6) this.takeBacktrack();
    const loop = this.config.loop;
    if (loop && sim.outputs.timeS >= loop.endS - 1e-6) {
      this.history.clear();
      this.newSimulation(loop.startS);
      this.clock.anchor(this.env.now(), this.sim.outputs.timeS);
      this.raise({ simTimeS: this.sim.outputs.timeS, severity: 'info', source: 'clock', message: 'Loop finished: starting again' });
    }
  }

  private takeBacktrack(): void {
    const b = this.config.backtrack!;
    const timeS = this.sim.outputs.timeS;
    this.backtracks.set(`b${++this.backtrackCounter}`, { sim: takeSnapshot(this.sim), inputs: captureState(this.inputs!) });
    while (this.backtracks.size > b.keep) this.backtracks.delete(this.backtracks.keys().next().value!);
    this.nextBacktrackS = (Math.floor(timeS / b.everyS + 1e-9) + 1) * b.everyS;
  }

  private emitFrame(): void {
    const clock = this.clock;
    const speed = clock.paused && !clock.fastForwarding ? 0 : clock.speed === 'max' || clock.fastForwarding ? this.frameSpeed : clock.speed;
    const frame = buildFrame(this.sim, this.sequence++, speed, this.env.epochMs());
    this.env.post({ type: 'frame', buffer: frame.buffer }, [frame.buffer]);
  }

  private emitKpi(nowMs: number): void {
    const sim = this.sim;
    const wallS = (nowMs - this.rateWallStartMs) / 1000;
    this.frameSpeed = wallS > 0 ? (sim.outputs.timeS - this.rateSimStartS) / wallS : 0;
    const stepMs = this.stepCount > 0 ? this.stepMsSum / this.stepCount : this.lastStatus.stepTimeMsAvg;
    this.lastStatus = this.status(stepMs, wallS > 0 ? this.stepCount / wallS : 0);
    this.stepCount = 0;
    this.stepMsSum = 0;
    this.rateWallStartMs = nowMs;
    this.rateSimStartS = sim.outputs.timeS;
    this.env.post({ type: 'kpi', kpi: sampleKpi(this.kpiMeter, sim.outputs), status: this.lastStatus });
  }

  /** Makes sure the loop ticks within delayMs: keeps the pending tick if it comes no later, else replaces it. */
  private schedule(delayMs: number): void {
    const now = this.env.now();
    const atMs = now + Math.max(0, delayMs);
    if (this.pending) {
      if (this.pending.atMs <= atMs) return;
      const t = this.env.timers;
      if (this.pending.kind === 'immediate') t.clearImmediate(this.pending.id);
      else t.clearTimeout(this.pending.id);
      this.pending = null;
    }
    const t = this.env.timers;
    this.pending =
      delayMs <= 0
        ? { kind: 'immediate', id: t.setImmediate(this.tick), atMs: now }
        : { kind: 'timeout', id: t.setTimeout(this.tick, delayMs), atMs };
  }

  private readonly tick = (): void => {
    this.pending = null;
    if (this.failMessage !== null) throw new Error(this.failMessage);
    const clock = this.clock;
    const moving = clock.fastForwarding;
    const start = this.env.now();
    let now = start;
    while (now - start < SLICE_MS && clock.stepDue(now, this.sim.outputs.timeS, this.dtS)) {
      this.stepOnce();
      now = this.env.now();
    }
    if (moving && !clock.fastForwarding) {
      // Reached the target of a step or jump: the main thread learns at once, not at the next kpi.
      this.moveFromS = NaN;
      this.lastStatus = this.currentStatus();
      this.env.post({ type: 'status', status: this.lastStatus });
    }
    if (now >= this.nextFrameMs) {
      this.emitFrame();
      this.nextFrameMs = Math.max(this.nextFrameMs + this.frameIntervalMs, now);
    }
    if (now >= this.nextKpiMs) {
      this.emitKpi(now);
      this.nextKpiMs = Math.max(this.nextKpiMs + this.config.kpiIntervalMs, now);
    }
    this.schedule(clock.flatOut ? 0 : Math.min(this.nextFrameMs - now, clock.msUntilDue(now, this.sim.outputs.timeS, this.dtS)));
  };

  /** Starts a fast-forward to targetS and says where to and about how long it takes. */
  private moveTo(targetS: number): CommandAck {
    const stepsToGo = Math.max(0, Math.ceil((targetS - this.sim.outputs.timeS) / this.dtS - 1e-9));
    // No step timed yet (a session created paused): time one, which the move needs anyway.
    if (this.stepMsMean === 0 && stepsToGo > 0) this.stepOnce();
    const remaining = Math.max(0, Math.ceil((targetS - this.sim.outputs.timeS) / this.dtS - 1e-9));
    this.moveFromS = this.sim.outputs.timeS;
    this.clock.fastForwardTo(targetS);
    const result: ClockMoveResult = { accepted: true, targetS, estimatedWallMs: Math.ceil(remaining * this.stepMsMean) };
    return { ok: true, result };
  }

  private clockCommand(c: ClockCommand): CommandAck {
    const clock = this.clock;
    const sim = this.sim;
    const now = this.env.now();
    switch (c.action) {
      case 'pause':
        clock.pause();
        return { ok: true };
      case 'resume':
        clock.resume(now, sim.outputs.timeS);
        return { ok: true };
      case 'speed':
        clock.setSpeed(c.speed, now, sim.outputs.timeS);
        return { ok: true };
      case 'step': {
        if (clock.fastForwarding) return { ok: false, error: 'action: the clock is already moving to a target' };
        clock.pause();
        return this.moveTo(sim.outputs.timeS + c.steps * this.dtS);
      }
      case 'jump': {
        // A jump while the clock moves takes over its target: the latest wish wins.
        const targetS = dateTimeToS(c.to);
        if (!Number.isFinite(targetS)) return { ok: false, error: `to: not a date "${c.to}"` };
        const loop = this.config.loop;
        if (loop && (targetS < loop.startS || targetS >= loop.endS)) return { ok: false, error: 'to: outside the loop period of this session' };
        if (targetS < sim.outputs.timeS || targetS - sim.outputs.timeS > JUMP_SIMULATE_MAX_S) this.newSimulation(targetS - JUMP_WARMUP_S);
        return this.moveTo(targetS);
      }
      case 'snapshot': {
        const snapshotId = `s${++this.snapshotCounter}`;
        this.snapshots.set(snapshotId, { sim: takeSnapshot(sim), inputs: captureState(this.inputs!), label: c.label });
        if (this.snapshots.size > MAX_SNAPSHOTS) this.snapshots.delete(this.snapshots.keys().next().value!);
        return { ok: true, result: { snapshotId, simTimeS: sim.outputs.timeS, label: c.label } };
      }
      case 'backtracks':
        return { ok: true, result: [...this.backtracks].map(([snapshotId, b]) => ({ snapshotId, simTimeS: b.sim.timeS })) };
      case 'restore': {
        const s = this.snapshots.get(c.snapshotId) ?? this.backtracks.get(c.snapshotId);
        if (!s) return { ok: false, error: `snapshotId: no snapshot "${c.snapshotId}"` };
        if (clock.fastForwarding) clock.endFastForward(now, sim.outputs.timeS);
        restoreSnapshot(sim, s.sim);
        applyState(this.inputs!, s.inputs);
        this.afterTimeChange();
        clock.anchor(now, sim.outputs.timeS);
        this.emitFrame();
        return { ok: true, result: { simTimeS: sim.outputs.timeS } };
      }
    }
  }
}
