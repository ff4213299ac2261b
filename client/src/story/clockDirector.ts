/**
 * Drives the presenter's session clock to the chapter on screen: jump to its `at` (the worker simulates to the
 * target and only then acknowledges), then run at its `speed` (default PRESENT_SPEED). Commands go one at a
 * time; when the presenter moves on while a jump is still under way, only the latest chapter's wish is carried
 * out once it lands, so a fast clicker never piles up jumps (the worker refuses a jump while another runs).
 */
import type { Command, CommandAck } from '../../../shared/protocol/commands';
import type { StoryChapter } from '../../../shared/story/schema';

/** A chapter without a speed runs at the live twin's pace: a simulated minute per second. */
export const PRESENT_SPEED = 60;

export type ClockWish = Pick<StoryChapter, 'at' | 'speed'>;

export interface ClockDirector {
  /** Asks for a chapter's clock; returns at once. */
  want(wish: ClockWish): void;
  /** Resolves when every wish so far has been carried out (or failed). */
  idle(): Promise<void>;
}

export function createClockDirector(
  send: (c: Command) => Promise<CommandAck>,
  onMoving: (moving: boolean) => void,
  onError: (message: string) => void,
): ClockDirector {
  let wanted: ClockWish | null = null;
  let running: Promise<void> | null = null;

  const run = async (): Promise<void> => {
    while (wanted) {
      const w = wanted;
      wanted = null;
      if (w.at) {
        onMoving(true);
        const ack = await send({ type: 'clock', action: 'jump', to: w.at });
        onMoving(false);
        if (!ack.ok) onError(ack.error);
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
