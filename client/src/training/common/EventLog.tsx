/**
 * A run's log: its record's lines as the session tells them (actions, refusals, alarms, acknowledgements,
 * hints...) and any lines of the reader's own (notes), newest first, each with the run's time and its kind
 * written out. Shared by the trainee's console and the instructor's station.
 */
import './training.css';
import { simDateTime } from '../../hud/format';

export interface LogLine {
  key: string;
  /** Simulation time (s) and, for the record's lines, seconds from the exercise's start. */
  simTimeS: number;
  atS?: number;
  kind: string;
  text: string;
}

/** Time from the exercise's start in words that cannot be read as a clock time: T+12 min, T+12 min 30 s. */
function runTimeText(atS: number): string {
  const s = Math.max(0, Math.round(atS));
  const seconds = s % 60;
  return `T+${Math.floor(s / 60)} min${seconds === 0 ? '' : ` ${seconds} s`}`;
}

export function EventLog({ lines, label = 'Event log' }: { lines: readonly LogLine[]; label?: string }) {
  const shown = [...lines].sort((a, b) => b.simTimeS - a.simTimeS);
  return (
    <ol className="tr-log" aria-label={label} data-testid="event-log">
      {shown.length === 0 && <li className="tr-empty">Nothing yet.</li>}
      {shown.map((l) => (
        <li key={l.key} className={`tr-log-line tr-log-${l.kind.replace(/\s+/g, '-')}`}>
          <span className="tr-num tr-log-time" title="Simulation time (run time from the start)">
            {simDateTime(l.simTimeS).time}
            {l.atS !== undefined && ` ${runTimeText(l.atS)}`}
          </span>
          <span className="tr-log-kind">{l.kind}</span>
          <span className="tr-log-text">{l.text}</span>
        </li>
      ))}
    </ol>
  );
}
