/**
 * Drives the presenter's session clock to the chapter on screen: jump to its `at`, wait until the session's
 * clock has arrived, then run at its `speed` (default PRESENT_SPEED). The server answers a jump at once with its
 * target and an estimate of the wall time it takes (ClockMoveResult): a long jump on a big city takes longer than
 * any request may wait, so arrival is read from the simulated time the session reports afterwards. The wait
 * lasts the estimate plus ARRIVAL_GRACE_MS, and again ARRIVAL_GRACE_MS after each report that shows progress,
 * so a slow machine is waited for and a stalled one is not. Commands go one at a time; when the presenter moves
 * on while a jump is under way, only the latest chapter's wish is carried out once it lands, so a fast clicker
 * never piles up jumps (the server refuses a jump while another runs).
 */
import type { ClockMoveResult, Command, CommandAck } from '../../../shared/protocol/commands';
import type { StoryChapter } from '../../../shared/story/schema';

/** A chapter without a speed runs at the live twin's pace: a simulated minute per second. */
export const PRESENT_SPEED = 60;

/** Wall time allowed beyond the server's estimate, and between two reports that show the clock moving. */
export const ARRIVAL_GRACE_MS = 10_000;

export type ClockWish = Pick<StoryChapter, 'at' | 'speed'>;

export interface ClockDirector {
  /** Asks for a chapter's clock; returns at once. */
  want(wish: ClockWish): void;
  /** Resolves when every wish so far has been carried out (or failed). */
  idle(): Promise<void>;
}

/** Plain functions, not methods: the director takes them out of the object it is given. */
export interface ClockDirectorDeps {
  send: (c: Command) => Promise<CommandAck>;
  /** Calls onTime with each simulated time (s) the session reports from now on; returns the unsubscribe. */
  watchSimTime: (onTime: (simTimeS: number) => void) => () => void;
  onMoving: (moving: boolean) => void;
  onError: (message: string) => void;
}

function isMove(result: unknown): result is ClockMoveResult {
  return typeof result === 'object' && result !== null && (result as ClockMoveResult).accepted === true;
}

export function createClockDirector({ send, watchSimTime, onMoving, onError }: ClockDirectorDeps): ClockDirector {
  let wanted: ClockWish | null = null;
  let running: Promise<void> | null = null;

  /** Resolves true once the session reports targetS, false when it stops getting closer in time. */
  const arrival = ({ targetS, estimatedWallMs }: ClockMoveResult): Promise<boolean> =>
    new Promise((resolve) => {
      let deadline = 0;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let lastS = -Infinity;
      const arm = (ms: number) => {
        clearTimeout(timer);
        deadline = Date.now() + ms;
        timer = setTimeout(() => finish(false), ms);
      };
      const finish = (arrived: boolean) => {
        clearTimeout(timer);
        unwatch();
        resolve(arrived);
      };
      const unwatch = watchSimTime((t) => {
        if (t >= targetS) return finish(true);
        if (t > lastS && Date.now() + ARRIVAL_GRACE_MS > deadline) arm(ARRIVAL_GRACE_MS);
        lastS = Math.max(lastS, t);
      });
      arm(estimatedWallMs + ARRIVAL_GRACE_MS);
    });

  const run = async (): Promise<void> => {
    while (wanted) {
      const w = wanted;
      wanted = null;
      if (w.at) {
        onMoving(true);
        const ack = await send({ type: 'clock', action: 'jump', to: w.at });
        if (!ack.ok) onError(ack.error);
        else if (isMove(ack.result) && !(await arrival(ack.result))) onError(`jump: the clock did not reach ${w.at}`);
        onMoving(false);
        // A newer wish replaces this one's speed too.
        if (wanted) continue;
      }
      const ack = await send({ type: 'clock', action: 'speed', speed: w.speed ?? PRESENT_SPEED });
      if (!ack.ok) onError(ack.error);
    }
    running = null;
  };

  return {
    want(wish) {
      wanted = wish;
      running ??= run();
    },
    idle: () => running ?? Promise.resolve(),
  };
}
