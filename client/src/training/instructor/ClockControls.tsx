/**
 * The run's clock: run, freeze, and a few speeds (simulated seconds per wall-clock second). The state shown
 * comes from the frames (runClock.ts), so it is what the session does, not what was last pressed.
 */
import { CommandError, useCommand } from './useCommand';
import { SPEED_PRESETS } from './activeRun';
import { useRunClock } from './runClock';

export function ClockControls() {
  const { busy, error, send } = useCommand();
  const clock = useRunClock();
  return (
    <section className="tr-panel ins-panel" aria-labelledby="ins-clock-title">
      <h2 className="tr-h" id="ins-clock-title">Clock</h2>
      <div className="ins-buttons">
        <button
          type="button"
          disabled={busy || clock?.running === true}
          onClick={() => void send({ type: 'clock', action: 'resume' })}
        >
          Run
        </button>
        <button
          type="button"
          disabled={busy || clock?.running === false}
          onClick={() => void send({ type: 'clock', action: 'pause' })}
        >
          Freeze
        </button>
      </div>
      <div className="ins-buttons" role="group" aria-label="Speed (simulated seconds per second)">
        {SPEED_PRESETS.map((speed) => (
          <button
            key={speed}
            type="button"
            disabled={busy}
            aria-pressed={clock?.speed === `x${speed}`}
            onClick={() => void send({ type: 'clock', action: 'speed', speed })}
          >
            x{speed}
          </button>
        ))}
      </div>
      <CommandError error={error} />
    </section>
  );
}
