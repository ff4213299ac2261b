/**
 * One run's debrief (/runs/:id): its title, status, instructor and trainees, the score with its breakdown, the
 * trend with the moments that mattered on one axis of minutes from the start, those moments as rows, the run
 * replayed (ReplayPane.tsx) and the whole event list. Print gives a clean report (debrief.css); CSV downloads the
 * record. A trainee reads the same page without what the instructor made go wrong, and without the truth behind
 * the readings.
 */
import { useEffect, useMemo, useState, type MouseEvent } from 'react';
import { api } from '../../net/api';
import { EventLog, type LogLine } from '../common/EventLog';
import type { RunDetail, RunTrendAnswer } from '../../../../shared/protocol/runs';
import type { Reader } from './access';
import { csvPath, downloadCsv } from './csvDownload';
import { ReplayPane } from './ReplayPane';
import { ScoreTable } from './ScoreTable';
import { TimelineTable } from './TimelineTable';
import { markersOf, startOf } from './timeline';
import { MARKER_STYLE, TrendChart } from './TrendChart';

type Loaded =
  | { at: 'loading' }
  | { at: 'error'; error: string }
  | { at: 'ready'; detail: RunDetail; trend: RunTrendAnswer };

const wallTime = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

export function RunDebrief({ runId, reader }: { runId: string; reader: Reader }) {
  const [loaded, setLoaded] = useState<Loaded>({ at: 'loading' });
  const [csvError, setCsvError] = useState<string | null>(null);
  useEffect(() => {
    const path = `/api/runs/${encodeURIComponent(runId)}`;
    void Promise.all([
      api<RunDetail>('GET', path, undefined, reader.token),
      api<RunTrendAnswer>('GET', `${path}/trend`, undefined, reader.token),
    ]).then(([detail, trend]) => {
      if (!detail.ok) return setLoaded({ at: 'error', error: detail.error });
      if (!trend.ok) return setLoaded({ at: 'error', error: trend.error });
      setLoaded({ at: 'ready', detail: detail.body, trend: trend.body });
    });
  }, [runId, reader.token]);
  const timeline = useMemo(() => {
    if (loaded.at !== 'ready') return null;
    const startS = startOf(loaded.detail, loaded.trend);
    return { startS, markers: markersOf(loaded.detail, startS) };
  }, [loaded]);

  if (loaded.at === 'loading') return <p className="tr-empty">Loading the run…</p>;
  if (loaded.at === 'error')
    return (
      <p className="db-error" role="alert">
        {loaded.error}
      </p>
    );
  const { detail: d, trend } = loaded;
  const { startS, markers } = timeline!;
  const instructorView = reader.kind === 'instructor';
  const lines: LogLine[] = d.events.map((e, i) => ({ key: `${i}`, ...e }));
  const csv = (e: MouseEvent) => {
    if (reader.token === undefined) return;
    e.preventDefault();
    setCsvError(null);
    void downloadCsv(runId, reader.token).then(setCsvError);
  };
  const { supplyBelowSetpointK: supplyK, worstConsumerDpPa: dpPa } = trend.limits;
  const markerKinds = instructorView ? (['malfunction', 'action', 'alarm'] as const) : (['action', 'alarm'] as const);

  return (
    <article className="db-report" aria-labelledby="db-title">
      <header className="db-head">
        <h1 id="db-title">{d.exercise?.title ?? d.exerciseId}</h1>
        <div className="db-actions">
          <button type="button" onClick={() => window.print()}>
            Print
          </button>
          <a className="db-button" href={csvPath(runId)} onClick={csv} data-testid="csv-link">
            CSV
          </a>
          {instructorView && (
            <a className="db-button" href="/runs">
              All runs
            </a>
          )}
        </div>
      </header>
      {csvError && (
        <p className="db-error" role="alert">
          {csvError}
        </p>
      )}
      <dl className="db-facts">
        <div>
          <dt>Status</dt>
          <dd data-testid="run-status">{d.status}</dd>
        </div>
        <div>
          <dt>Instructor</dt>
          <dd>{d.instructor ?? '—'}</dd>
        </div>
        <div>
          <dt>Trainees</dt>
          <dd data-testid="run-trainees">{d.trainees.join(', ') || '—'}</dd>
        </div>
        <div>
          <dt>Started (wall time)</dt>
          <dd className="tr-num">{wallTime(d.createdAt)}</dd>
        </div>
        <div>
          <dt>Finished (wall time)</dt>
          <dd className="tr-num">{wallTime(d.finishedAt)}</dd>
        </div>
        <div>
          <dt>Duration (simulated)</dt>
          <dd className="tr-num">{d.exercise ? `${d.exercise.durationMin} min` : '—'}</dd>
        </div>
      </dl>
      <section className="db-section db-score-section" aria-labelledby="db-score-title">
        <h2 id="db-score-title">Score</h2>
        <ScoreTable score={d.score} />
      </section>
      <section className="db-section db-trend" aria-labelledby="db-trend-title">
        <h2 id="db-trend-title">Timeline</h2>
        {trend.points.length > 0 ? (
          <TrendChart
            trend={trend}
            startS={startS}
            durationMin={d.exercise?.durationMin ?? null}
            markers={markers}
            withTruth={instructorView}
          />
        ) : (
          <p className="tr-empty">No readings were recorded for this run.</p>
        )}
        <p className="db-caption" data-testid="trend-caption">
          {trend.points.length} points, at most one per simulated minute. Orange: supply temperature (°C, left axis);
          blue: worst-point dp (kPa, right axis)
          {instructorView && '; paler dashed: the truth behind each reading'}.{' '}
          {dpPa !== undefined
            ? `Pink dashed: the dp objective, at least ${(dpPa / 1000).toFixed(0)} kPa.`
            : 'The exercise sets no dp objective.'}{' '}
          {supplyK !== undefined &&
            `The supply objective (at most ${supplyK} K below the supply curve's set-point) is not drawn: ` +
              'the record does not hold the set-point.'}{' '}
          Markers: {markerKinds.map((k) => MARKER_STYLE[k].words).join('; ')}.
        </p>
        <TimelineTable markers={markers} />
      </section>
      <section className="db-section db-replay" aria-labelledby="db-replay-title">
        <h2 id="db-replay-title">Replay</h2>
        <ReplayPane runId={runId} reader={reader} startS={startS} markers={markers} />
      </section>
      <section className="db-section" aria-labelledby="db-events-title">
        <h2 id="db-events-title">Events</h2>
        <EventLog lines={lines} label="Events" />
      </section>
    </article>
  );
}
