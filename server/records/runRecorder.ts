/**
 * Writes what a training session tells about its exercise into the run's record as it happens: each event
 * (malfunctions, clears, hints, alarms, acknowledgements, the trainee's actions as the exercise saw them), the
 * score (latest and final), the transmitters' readings at most once per simulated minute (the run's trend for its
 * debrief), and each backtrack it saves, so that a run can be resumed from the newest one after a crash. A final
 * score ends the run. When the session stops while its run is open (the server shutting down, an idle session
 * deleted), the run becomes interrupted, for its instructor to resume; the recorder then lets go of the session.
 */
import type { Logger } from 'pino';
import type { Session } from '../session/session';
import type { RunRecords } from './runRecords';

export type RecordedSession = Pick<Session, 'id' | 'on'>;

/** Starts recording; returns a function that stops it (also called by itself when the session stops). */
export function recordRun(session: RecordedSession, runId: string, records: RunRecords, logger?: Logger): () => void {
  /** The simulated minute of the last readings written: the next are written only in another minute. */
  let lastMinute: number | undefined;
  const unsubscribe = [
    session.on('runEvent', (e) => records.recordEvent(runId, e)),
    session.on('score', (s) => {
      records.recordScore(runId, s);
      if (s.finished && records.finishRun(runId)) logger?.info({ run: runId, total: s.total }, 'run finished');
    }),
    session.on('readings', (r) => {
      const minute = Math.floor(r.simTimeS / 60);
      if (minute === lastMinute) return;
      records.trend.record(runId, r);
      lastMinute = minute;
    }),
    session.on('backtrack', (b) => records.recordBacktrack(runId, session.id, b)),
    session.on('status', (info) => {
      if (info.status !== 'stopped') return;
      if (records.interruptRun(runId, session.id)) logger?.warn({ run: runId, session: session.id }, 'run interrupted');
      stop();
    }),
  ];
  function stop(): void {
    for (const u of unsubscribe.splice(0)) u();
  }
  return stop;
}
