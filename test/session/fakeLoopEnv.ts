/**
 * A fake wall clock and timers for driving a StepLoop in-process. Every reading of the clock advances it by
 * `readCostMs`, as real time passes while the loop works, so a flat-out slice ends after a bounded number of
 * steps; timers fire in order of due time (immediates first, in the order they were set), as node's do.
 */
import type { LoopEnv, LoopTimers } from '../../server/session/stepLoop';
import type { FromWorker } from '../../server/session/protocol';

interface Timer {
  id: number;
  fn: () => void;
  atMs: number;
  immediate: boolean;
}

export class FakeLoopEnv implements LoopEnv {
  nowMs = 0;
  readonly posted: FromWorker[] = [];
  private timersList: Timer[] = [];
  private nextId = 1;

  constructor(private readonly readCostMs = 0.05) {}

  now = (): number => (this.nowMs += this.readCostMs);
  epochMs = (): number => this.nowMs;
  post = (m: FromWorker): void => void this.posted.push(m);

  readonly timers: LoopTimers = {
    setImmediate: (fn) => this.add(fn, this.nowMs, true),
    setTimeout: (fn, ms) => this.add(fn, this.nowMs + ms, false),
    clearImmediate: (id) => this.remove(id),
    clearTimeout: (id) => this.remove(id),
  };

  /** Timers set and neither fired nor cleared. */
  get pendingTimers(): number {
    return this.timersList.length;
  }

  /** Fires the next due timer (advancing the clock to it); false when none is set. */
  runNext(): boolean {
    const immediate = this.timersList.find((t) => t.immediate);
    const next = immediate ?? this.timersList.reduce<Timer | undefined>((a, t) => (!a || t.atMs < a.atMs ? t : a), undefined);
    if (!next) return false;
    this.remove(next.id);
    this.nowMs = Math.max(this.nowMs, next.atMs);
    next.fn();
    return true;
  }

  /** Runs timers until the clock reaches endMs (or stop() says so). */
  runUntil(endMs: number, stop: () => boolean = () => false): void {
    while (this.nowMs < endMs && !stop()) {
      const due = Math.min(...this.timersList.map((t) => (t.immediate ? this.nowMs : t.atMs)));
      if (!(due <= endMs)) {
        this.nowMs = endMs;
        return;
      }
      this.runNext();
    }
  }

  /** Messages of one type posted so far. */
  of<T extends FromWorker['type']>(type: T): Extract<FromWorker, { type: T }>[] {
    return this.posted.filter((m): m is Extract<FromWorker, { type: T }> => m.type === type);
  }

  private add(fn: () => void, atMs: number, immediate: boolean): number {
    const id = this.nextId++;
    this.timersList.push({ id, fn, atMs, immediate });
    return id;
  }

  private remove(id: unknown): void {
    this.timersList = this.timersList.filter((t) => t.id !== id);
  }
}
