/**
 * The simulation clock of one session (lives in the worker): how many fixed steps of dtS are due at a given
 * wall-clock moment. Modes:
 *  - real time at `speed` simulated seconds per wall second: the simulation time due is
 *    anchorSimS + (nowMs - anchorWallMs)/1000·speed; steps are taken while the next step's end is due. When the
 *    machine cannot keep up by more than MAX_LAG_WALL_S of wall time the anchor moves, so a slow simulation runs
 *    slower instead of building a backlog it would later race through;
 *  - 'max': as many steps as fit in the worker's time slice, every slice (the worker yields between slices so
 *    messages are handled);
 *  - fast-forward (jump, single step): as fast as 'max' until `targetS` is reached, then the previous mode
 *    (paused or running) resumes, re-anchored so real time does not jump;
 *  - paused: nothing due.
 * Wall time is passed in (ms), so the clock is testable without timers.
 */
export type Speed = number | 'max';

/** Wall seconds of backlog a real-time clock may owe before it slips its anchor. */
export const MAX_LAG_WALL_S = 0.5;

export class SimClock {
  speed: Speed;
  paused: boolean;
  /** Fast-forward target (s); NaN when none. */
  targetS = NaN;
  private anchorWallMs = 0;
  private anchorSimS = 0;

  constructor(speed: Speed, paused: boolean, nowMs: number, simTimeS: number) {
    this.speed = speed;
    this.paused = paused;
    this.anchor(nowMs, simTimeS);
  }

  get fastForwarding(): boolean {
    return !Number.isNaN(this.targetS);
  }

  /** True when steps should run back to back (max speed or a fast-forward). */
  get flatOut(): boolean {
    return this.fastForwarding || (!this.paused && this.speed === 'max');
  }

  /** Restarts real-time pacing from here (after pause, speed change, restore, loop restart). */
  anchor(nowMs: number, simTimeS: number): void {
    this.anchorWallMs = nowMs;
    this.anchorSimS = simTimeS;
  }

  setSpeed(speed: Speed, nowMs: number, simTimeS: number): void {
    this.speed = speed;
    this.anchor(nowMs, simTimeS);
  }

  pause(): void {
    this.paused = true;
  }

  resume(nowMs: number, simTimeS: number): void {
    this.paused = false;
    this.anchor(nowMs, simTimeS);
  }

  fastForwardTo(targetS: number): void {
    this.targetS = targetS;
  }

  /** Ends a fast-forward short of its target (the previous mode resumes from here). */
  endFastForward(nowMs: number, simTimeS: number): void {
    this.targetS = NaN;
    this.anchor(nowMs, simTimeS);
  }

  /** Whether another step of dtS is due now. Ends a reached fast-forward (and re-anchors). */
  stepDue(nowMs: number, simTimeS: number, dtS: number): boolean {
    if (this.fastForwarding) {
      if (simTimeS + 1e-6 < this.targetS) return true;
      this.endFastForward(nowMs, simTimeS);
      return false;
    }
    if (this.paused) return false;
    if (this.speed === 'max') return true;
    const dueS = this.anchorSimS + ((nowMs - this.anchorWallMs) / 1000) * this.speed;
    if (dueS - simTimeS > MAX_LAG_WALL_S * this.speed + dtS) {
      // Too far behind: slip so that at most one lag's worth is owed.
      this.anchor(nowMs - MAX_LAG_WALL_S * 1000, simTimeS);
    }
    return simTimeS + dtS <= this.anchorSimS + ((nowMs - this.anchorWallMs) / 1000) * this.speed + 1e-9;
  }

  /** Wall milliseconds until the next step is due in real time (Infinity when paused, 0 when flat out). */
  msUntilDue(nowMs: number, simTimeS: number, dtS: number): number {
    if (this.flatOut) return 0;
    if (this.paused) return Infinity;
    const speed = this.speed as number;
    const dueWallMs = this.anchorWallMs + ((simTimeS + dtS - this.anchorSimS) / speed) * 1000;
    return Math.max(0, dueWallMs - nowMs);
  }
}
