/**
 * An alarm list as a table: priority (text and a shape, never colour alone), simulation time, tag, message and
 * state, in the order given (alarmList.ts sorts it). With `onAck` each alarm still unacknowledged gets a button;
 * without it the table only shows (an observer's view).
 */
import './training.css';
import { simDateTime } from '../../hud/format';
import { needsAck, type AlarmPriority, type ListedAlarm } from './alarmList';

const PRIORITY_SHAPE: Record<AlarmPriority, string> = { high: 'up', medium: 'diamond', low: 'dot' };

export interface AlarmTableProps {
  alarms: readonly ListedAlarm[];
  onAck?: (tag: string) => void;
  /** While an acknowledgement is on its way. */
  busy?: boolean;
}

export function AlarmTable({ alarms, onAck, busy = false }: AlarmTableProps) {
  if (alarms.length === 0) return <p className="tr-empty">No alarms on the list.</p>;
  return (
    <table className="tr-table tr-alarm-table" data-testid="alarm-table">
      <thead>
        <tr>
          <th scope="col">Priority</th>
          <th scope="col">Time</th>
          <th scope="col">Tag</th>
          <th scope="col">Message</th>
          <th scope="col">State</th>
          {onAck && <th scope="col">Ack</th>}
        </tr>
      </thead>
      <tbody>
        {alarms.map((a) => (
          <tr key={a.tag} className={`tr-alarm tr-alarm-${a.priority} tr-alarm-${a.state}`} data-tag={a.tag}>
            <td>
              <span className="tr-icon tr-shape" data-shape={PRIORITY_SHAPE[a.priority]} aria-hidden="true" />{' '}
              {a.priority}
            </td>
            <td className="tr-num">{simDateTime(a.raisedAtS).time}</td>
            <td className="tr-tag">{a.tag}</td>
            <td>{a.message}</td>
            <td className="tr-alarm-state">{a.state}</td>
            {onAck && (
              <td>
                {needsAck(a) && (
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => onAck(a.tag)}
                    aria-label={`Acknowledge ${a.tag}`}
                  >
                    Ack
                  </button>
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
