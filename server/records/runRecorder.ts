/**
 * Writes what a training session tells about its exercise into the run's record as it happens: each event
 * (malfunctions, clears, hints, alarms, acknowledgements, the trainee's actions as the exercise saw them), the
 * score (latest and final), the transmitters' readings at most once per simulated minute (the run's trend for its
 * debrief), a sample of every trend tag at most once per simulated minute (runSamples.ts: the plants and units
 * from the streamed frame, decoded only when a new minute begins, with the latest KPI sample and readings while
 * they are current), and each backtrack it saves, so that a run can be resumed from the newest one after a crash.
 * A final score ends the run. When the session stops while its run is open (the server shutting down, an idle
 * session deleted), the run becomes interrupted, for its instructor to resume; the recorder then lets go of the
 * session.
 */
import type { Logger } from 'pino';
import { decodeFrame, readFrameHead, type Frame } from '../../shared/protocol/frame';
import type { KpiSample } from '../../shared/protocol/session';
import type { Readings } from '../../shared/protocol/training';
import { tagValue, trendTags, type TrendTag } from '../../shared/training/trendTags';
import type { Session } from '../session/session';
import type { RunRecords } from './runRecords';
import type { TagValues } from './runSamples';

/** The scenario is read when the first frame comes, for the tags of its plants and units. */
export type RecordedSession = Pick<Session, 'id' | 'on' | 'scenario'>;

/**
 * The KPI sample and readings come about once a wall second: the latest goes into a frame's sample when it is at
 * most this many wall seconds of the frame's speed, or a simulated minute, away from the frame's time (not one
 * of a timeline left behind by a jump).
 */
const CURRENT_WALL_S = 2;
const CURRENT_MIN_S = 60;

/** Starts recording; returns a function that stops it (also called by itself when the session stops). */
export function recordRun(session: RecordedSession, runId: string, records: RunRecords, logger?: Logger): () => void {
  /** The simulated minute of the last readings written: the next are written only in another minute. */
  let lastMinute: number | undefined;
  /** The same for the samples of every tag, with what goes into them. */
  let sampledMinute: number | undefined;
  let tags: TrendTag[] | undefined;
  let frame: Frame | undefined;
  let kpi: KpiSample | null = null;
  let readings: Readings | null = null;
  const sample = (buffer: ArrayBuffer) => {
    const { simTimeS, speed } = readFrameHead(buffer).header;
    const minute = Math.floor(simTimeS / 60);
    if (minute === sampledMinute) return;
    tags ??= trendTags(session.scenario);
    frame = decodeFrame(buffer, frame);
    const currentS = Math.max(CURRENT_MIN_S, CURRENT_WALL_S * speed);
    const current = <T extends { simTimeS: number }>(x: T | null): T | null =>
      x && Math.abs(x.simTimeS - simTimeS) <= currentS ? x : null;
    const sources = { frame, kpi: current(kpi), readings: current(readings) };
    const values: TagValues = Object.fromEntries(tags.map((t) => [t.id, tagValue(t, sources)]));
    records.samples.record(runId, simTimeS, values);
    sampledMinute = minute;
  };
  const unsubscribe = [
    session.on('runEvent', (e) => records.recordEvent(runId, e)),
    session.on('score', (s) => {
      records.recordScore(runId, s);
      if (s.finished && records.finishRun(runId)) logger?.info({ run: runId, total: s.total }, 'run finished');
    }),
    session.on('frame', sample),
    session.on('kpi', (k) => (kpi = k)),
    session.on('readings', (r) => {
      readings = r;
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
