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
import { captureState, applyState } from '../sim';
import { decodeSavedState, encodeSavedState, restoreState, saveState, type SavedState } from '../sim/savedState';
import { DAY_S, dateTimeToS } from '../sim/calendar';
import type { Alarm } from '../../shared/protocol/session';
import type { AlarmCommand, ClockCommand, ClockMoveResult, Command, CommandAck } from '../../shared/protocol/commands';
import type { LiveScore } from '../../shared/protocol/training';
import { directExercise, runExercise, settleForExercise } from '../training/exerciseRun';
import type { ExerciseDirector, ExerciseRecord } from '../training/director';
import { scoreRun } from '../training/score';
import { readTransmitters } from '../training/transmitters';
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
import { createKpiMeter, resetKpiMeter, sampleKpi, type KpiMeter } from './kpi';
import { KpiHistory } from './history';
import { checkAlarms, checkSolverAlarms, createAlarmWatch, syncAlarmWatch, type AlarmWatch } from './alarms';
import { applyPlantCommand } from './commands';
import { applyMalfunctionCommand } from './malfunctionCommands';
import type { FromWorker, ToWorker, TrainingResume, WorkerConfig, WorkerStatus } from './protocol';

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

/** A training run's exercise as the loop drives it: the director, the reference run's record after each of its
 *  steps (for the live score), acknowledged commands to apply again when resuming, and when readings last went. */
interface Training {
  director: ExerciseDirector;
  reference: ExerciseRecord[];
  replay: TrainingResume['actions'];
  finished: boolean;
  /** The simulated minute of the last readings sent. */
  readingsMinute: number;
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
  private training: Training | null = null;

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
    if (config.training) this.startTraining(config.training);
    else this.newSimulation(config.startS);
    const now = env.now();
    this.clock = new SimClock(config.speed, config.paused, now, this.sim.outputs.timeS);
    this.rateWallStartMs = now;
    this.rateSimStartS = this.sim.outputs.timeS;
    this.frameIntervalMs = 1000 / config.frameHz;
    this.nextFrameMs = now;
    this.nextKpiMs = now + config.kpiIntervalMs;
    this.lastStatus = this.status(0, 0);
  }

  /** Sends the first frame and `ready`, then runs. A training run saves its start as the first backtrack. */
  start(): void {
    this.emitFrame();
    this.env.post({ type: 'ready', status: this.lastStatus });
    if (this.training && this.config.training?.resume === null && this.config.backtrack) this.takeBacktrack();
    this.schedule(0);
  }

  /**
   * The exercise's city at its start (settled by the automation), its director, and the reference run (the
   * automation alone, nobody responding) the live score holds the run against. Resuming: the saved state
   * replaces the start, and the acknowledged commands after it enter again at their times.
   */
  private startTraining({ exercise, initialState, resume }: NonNullable<WorkerConfig['training']>): void {
    const prepared = { exercise, model: this.model, initialState: initialState ?? undefined };
    const { sim, inputs } = settleForExercise(prepared);
    this.sim = sim;
    this.inputs = inputs;
    const director = directExercise(prepared, sim, inputs, (event) => this.env.post({ type: 'runEvent', event }), this.announce);
    const reference: ExerciseRecord[] = [];
    runExercise(prepared, [], (r) => reference.push(r));
    this.training = { director, reference, replay: [], finished: false, readingsMinute: NaN };
    director.beforeStep();
    if (resume) {
      if (resume.state) this.restoreSaved(decodeSavedState(resume.state));
      this.training.replay = resume.actions.filter((a) => a.simTimeS >= sim.outputs.timeS - 1e-6).sort((a, b) => a.simTimeS - b.simTimeS);
    }
    this.afterTimeChange();
  }

  receive(m: ToWorker): void {
    switch (m.type) {
      case 'command': {
        const ack = { ...this.command(m.command), simTimeS: this.sim.outputs.timeS };
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
      case 'saveState': {
        const state = encodeSavedState(saveState(this.sim, this.inputs!));
        this.env.post({ type: 'reply', id: m.id, state: { simTimeS: this.sim.outputs.timeS, state } });
        return;
      }
      case 'loadState':
        this.env.post({ type: 'reply', id: m.id, ack: { ...this.loadState(m.state), simTimeS: this.sim.outputs.timeS }, status: this.currentStatus() });
        return;
      case 'fail':
        this.failMessage = m.message;
        this.schedule(0);
        return;
    }
  }

  private loadState(bytes: Uint8Array): CommandAck {
    if (this.training) return { ok: false, error: 'state: a training run starts from its exercise\'s initial condition' };
    let saved: SavedState;
    try {
      saved = decodeSavedState(bytes);
      if (this.config.loop && (saved.sim.timeS < this.config.loop.startS || saved.sim.timeS >= this.config.loop.endS))
        return { ok: false, error: 'state: outside the loop period of this session' };
      this.jumpBack(saved);
    } catch (err) {
      return { ok: false, error: `state: ${(err as Error).message}` };
    }
    return { ok: true, result: { simTimeS: this.sim.outputs.timeS } };
  }

  /** Puts a saved state in place and carries on from it: a move under way ends, the clock starts from there. */
  private jumpBack(saved: SavedState): void {
    const now = this.env.now();
    if (this.clock.fastForwarding) this.clock.endFastForward(now, this.sim.outputs.timeS);
    this.restoreSaved(saved);
    this.afterTimeChange();
    this.clock.anchor(now, this.sim.outputs.timeS);
    this.emitFrame();
  }

  private command(c: Command): CommandAck {
    const director = this.training?.director;
    if (c.type === 'clock') return this.clockCommand(c);
    if (director) {
      if (c.type === 'malfunction') return director.instructor(c);
      if (c.type === 'hint') return c.action === 'send' ? director.instructor(c) : director.trainee(c);
      return director.trainee(c);
    }
    if (c.type === 'malfunction') return applyMalfunctionCommand(c, this.sim, this.inputs!);
    if (c.type === 'alarm') return this.alarmCommand(c);
    if (c.type === 'hint') return { ok: false, error: 'type: this session runs no exercise' };
    return applyPlantCommand(c, this.sim.outputs, this.inputs!);
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
    // A training run's alarm list is the exercise's (the director's books), saved and restored with it.
    if (this.config.processAlarms && !this.training) this.processAlarms = createProcessAlarms(sim.outputs, this.config.scenario.network.dpSetpointPa);
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
    const training = this.training;
    let stepS = this.dtS;
    if (training) {
      if (training.finished) return;
      while (training.replay.length > 0 && training.replay[0].simTimeS <= sim.outputs.timeS + 1e-6) this.command(training.replay.shift()!.command);
      stepS = training.director.nextStepS(this.dtS);
    }
    const t0 = this.env.now();
    stepSimulation(sim, this.inputs!, stepS);
    const ms = this.env.now() - t0;
    this.stepMsSum += ms;
    this.stepCount++;
    this.stepMsMean = this.stepMsMean === 0 ? ms : this.stepMsMean + STEP_MS_WEIGHT * (ms - this.stepMsMean);
    // Counted here, not read from the engine: a jump or loop re-creates the simulation and its own count.
    if (!sim.outputs.hydraulicHealth.converged) this.hydraulicNonConvergedSteps++;
    if (training) {
      checkSolverAlarms(this.watch!, sim.outputs, this.raise);
      training.director.afterStep(stepS);
      // What the schedule has due now enters before any command can: as in the headless run.
      training.director.beforeStep();
      // Readings go out at least once a simulated minute, however fast the clock: the run's trend needs them.
      const minute = Math.floor(sim.outputs.timeS / 60 + 1e-9);
      if (minute !== training.readingsMinute) {
        training.readingsMinute = minute;
        this.env.post({ type: 'readings', readings: readTransmitters(sim.outputs) });
      }
    } else if (this.processAlarms) {
      checkSolverAlarms(this.watch!, sim.outputs, this.raise);
      watchAlarms(this.processAlarms, sim.outputs, this.dtS, this.announce);
    } else checkAlarms(this.watch!, sim.outputs, this.dtS, this.raise);
    if (sim.outputs.timeS >= this.nextHistoryS) {
      this.history.push(sampleKpi(this.historyMeter, sim.outputs));
      this.nextHistoryS = this.nextBoundary(sim.outputs.timeS);
    }
    if (sim.outputs.timeS >= this.nextBacktrackS - 1e-6) this.takeBacktrack();
    if (training?.director.finished) this.finishTraining(training);
    const loop = this.config.loop;
    if (loop && sim.outputs.timeS >= loop.endS - 1e-6) {
      this.history.clear();
      this.newSimulation(loop.startS);
      this.clock.anchor(this.env.now(), this.sim.outputs.timeS);
      this.raise({ simTimeS: this.sim.outputs.timeS, severity: 'info', source: 'clock', message: 'Loop finished: starting again' });
    }
  }

  /** The exercise's end: the clock stops and the final score goes out. */
  private finishTraining(training: Training): void {
    training.finished = true;
    const now = this.env.now();
    if (this.clock.fastForwarding) this.clock.endFastForward(now, this.sim.outputs.timeS);
    this.clock.pause();
    this.env.post({ type: 'score', score: this.liveScore(training)! });
    this.lastStatus = this.currentStatus();
    this.env.post({ type: 'status', status: this.lastStatus });
  }

  /** The run so far held against the reference run at the same moment; null before the first step. */
  private liveScore(training: Training): LiveScore | null {
    const record = training.director.record();
    if (record.durationS <= 0) return null;
    const ref = training.reference;
    let lo = 0;
    let hi = ref.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ref[mid].durationS < record.durationS - 1e-9) lo = mid + 1;
      else hi = mid;
    }
    const finished = training.director.finished;
    const score = scoreRun(training.director.exercise, record, ref[lo], !finished);
    return { ...score, atS: record.durationS, finished };
  }

  private save(label?: string): SavedState {
    const saved = saveState(this.sim, this.inputs!, label);
    if (this.training) saved.director = captureState(this.training.director.books);
    return saved;
  }

  private restoreSaved(s: SavedState): void {
    restoreState(this.sim, this.inputs!, s);
    if (this.training && s.director !== undefined) {
      applyState(this.training.director.books, s.director);
      this.training.finished = this.training.director.finished;
    }
  }

  /** A backtrack; in a training run it also goes out serialised, to be kept where a crash cannot reach it. */
  private takeBacktrack(): void {
    const b = this.config.backtrack!;
    const timeS = this.sim.outputs.timeS;
    const id = `b${++this.backtrackCounter}`;
    const saved = this.save();
    this.backtracks.set(id, saved);
    while (this.backtracks.size > b.keep) this.backtracks.delete(this.backtracks.keys().next().value!);
    this.nextBacktrackS = (Math.floor(timeS / b.everyS + 1e-9) + 1) * b.everyS;
    if (this.training) this.env.post({ type: 'backtrack', backtrack: { id, simTimeS: timeS, state: encodeSavedState(saved) } });
  }

  private emitFrame(): void {
    const clock = this.clock;
    const speed = clock.paused && !clock.fastForwarding ? 0 : clock.speed === 'max' || clock.fastForwarding ? this.frameSpeed : clock.speed;
    const view = this.training ? 'transmitters' : 'truth';
    const frame = buildFrame(this.sim, this.sequence++, speed, this.env.epochMs(), view);
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
    if (!this.training) return;
    this.env.post({ type: 'readings', readings: readTransmitters(sim.outputs) });
    if (!this.training.finished) this.env.post({ type: 'score', score: this.liveScore(this.training)! });
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
      // The KPIs of the moment arrived at, at once: a mean over the move would show the hours flown past.
      resetKpiMeter(this.kpiMeter, this.sim.outputs);
      this.emitKpi(now);
      this.nextKpiMs = now + this.config.kpiIntervalMs;
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
        if (this.training?.finished) return { ok: false, error: 'action: the exercise has ended; restore a backtrack to go on' };
        clock.resume(now, sim.outputs.timeS);
        return { ok: true };
      case 'speed':
        clock.setSpeed(c.speed, now, sim.outputs.timeS);
        return { ok: true };
      case 'step': {
        if (clock.fastForwarding) return { ok: false, error: 'action: the clock is already moving to a target' };
        if (this.training?.finished) return { ok: false, error: 'action: the exercise has ended; restore a backtrack to go on' };
        clock.pause();
        return this.moveTo(sim.outputs.timeS + c.steps * this.dtS);
      }
      case 'jump': {
        // A jump while the clock moves takes over its target: the latest wish wins.
        if (this.training) return { ok: false, error: 'action: a training run keeps its own time; restore a backtrack instead' };
        const targetS = dateTimeToS(c.to);
        if (!Number.isFinite(targetS)) return { ok: false, error: `to: not a date "${c.to}"` };
        const loop = this.config.loop;
        if (loop && (targetS < loop.startS || targetS >= loop.endS)) return { ok: false, error: 'to: outside the loop period of this session' };
        if (targetS < sim.outputs.timeS || targetS - sim.outputs.timeS > JUMP_SIMULATE_MAX_S) this.newSimulation(targetS - JUMP_WARMUP_S);
        return this.moveTo(targetS);
      }
      case 'snapshot': {
        const snapshotId = `s${++this.snapshotCounter}`;
        this.snapshots.set(snapshotId, this.save(c.label));
        if (this.snapshots.size > MAX_SNAPSHOTS) this.snapshots.delete(this.snapshots.keys().next().value!);
        return { ok: true, result: { snapshotId, simTimeS: sim.outputs.timeS, label: c.label } };
      }
      case 'backtracks':
        return { ok: true, result: [...this.backtracks].map(([snapshotId, b]) => ({ snapshotId, simTimeS: b.sim.timeS })) };
      case 'restore': {
        const s = this.snapshots.get(c.snapshotId) ?? this.backtracks.get(c.snapshotId);
        if (!s) return { ok: false, error: `snapshotId: no snapshot "${c.snapshotId}"` };
        this.jumpBack(s);
        return { ok: true, result: { simTimeS: sim.outputs.timeS } };
      }
    }
  }
}
