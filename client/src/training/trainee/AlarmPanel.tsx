/**
 * The control room's alarm list for the trainee: asked of the session (`alarm list`) on joining and again
 * whenever an alarm is raised or cleared (an `alarm` event, or a record line about an alarm), shown by the shared
 * AlarmTable with an acknowledge button per alarm and one for all. A new high-priority alarm beeps unless muted.
 * Listing and acknowledging are an operator's: a viewer sees a note instead.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { sendCommand } from '../../net/socket';
import type { CommandAck } from '../../../../shared/protocol/commands';
import { useTwin } from '../../state/store';
import { useTraining } from '../../state/trainingStore';
import { AlarmTable } from '../common/AlarmTable';
import { needsAck, parseAlarmList, type AlarmList } from '../common/alarmList';
import { beep } from './beep';
import { runCommand } from './feedbackStore';

const ALARM_LINES = new Set(['alarm', 'alarm cleared', 'acknowledged']);

export function AlarmPanel({ canAck }: { canAck: boolean }) {
  const [list, setList] = useState<AlarmList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [muted, setMuted] = useState(false);
  const [busy, setBusy] = useState(false);
  const connection = useTwin((s) => s.connection);
  const alarmEvents = useTwin((s) => s.alarms);
  const alarmLines = useTraining((s) => s.events.filter((e) => ALARM_LINES.has(e.kind)).length);
  /** High-priority alarms already announced (tag at the time raised); null until the first list. */
  const announced = useRef<Set<string> | null>(null);
  const mutedRef = useRef(false);

  const show = useCallback((answer: CommandAck) => {
    const parsed = answer.ok ? parseAlarmList(answer.result) : null;
    if (!parsed) return setError(answer.ok ? 'alarm list: the server answered something unreadable' : answer.error);
    setError(null);
    setList(parsed);
    const high = parsed.alarms
      .filter((a) => a.priority === 'high' && a.state === 'active')
      .map((a) => `${a.tag}@${a.raisedAtS}`);
    const fresh = announced.current !== null && high.some((k) => !announced.current!.has(k));
    announced.current = new Set([...(announced.current ?? []), ...high]);
    if (fresh && !mutedRef.current) beep();
  }, []);
  const refresh = useCallback(() => sendCommand({ type: 'alarm', action: 'list' }).then(show), [show]);

  useEffect(() => {
    if (canAck && connection === 'live') void sendCommand({ type: 'alarm', action: 'list' }).then(show);
  }, [canAck, connection, alarmEvents, alarmLines, show]);

  const acknowledge = async (tag?: string) => {
    setBusy(true);
    const label = tag ? `Acknowledge alarm ${tag}` : 'Acknowledge all alarms';
    await runCommand(label, { type: 'alarm', action: 'ack', tag });
    await refresh();
    setBusy(false);
  };

  const waiting = list?.alarms.filter(needsAck).length ?? 0;
  return (
    <section className="tr-panel tr-alarms" aria-labelledby="tr-alarms-title" data-testid="alarm-panel">
      <h2 className="tr-h" id="tr-alarms-title">
        Alarms
        {list && (
          <span className="tr-label">
            {waiting} to acknowledge · {list.raisedLast10Min} raised in the last 10 min
          </span>
        )}
        <span className="tr-spacer" />
        {canAck && (
          <>
            <button
              type="button"
              aria-pressed={muted}
              onClick={() => {
                mutedRef.current = !muted;
                setMuted(!muted);
              }}
              title="Beep for new high-priority alarms"
            >
              {muted ? 'Sound off' : 'Sound on'}
            </button>
            <button type="button" disabled={busy || waiting === 0} onClick={() => void acknowledge()}>
              Ack all
            </button>
          </>
        )}
      </h2>
      {!canAck && <p className="tr-empty">The alarm list is the operator&apos;s: join the run to see it.</p>}
      {error && <p className="tr-error">{error}</p>}
      {canAck && list && <AlarmTable alarms={list.alarms} onAck={(tag) => void acknowledge(tag)} busy={busy} />}
    </section>
  );
}
