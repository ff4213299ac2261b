/**
 * Before a run: pick an exercise (title, scenario, duration, briefing), a clock speed and whether it starts
 * frozen, then start it; or take up one of this instructor's runs again: connect to an open one, resume an
 * interrupted one in a new session, finish one; or open the debrief of any, the latest finished ones listed.
 * Requests are validated with the shared run schemas.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api } from '../../net/api';
import {
  createRunSchema,
  type CreatedRun,
  type ExerciseSummary,
  type RunSummary,
} from '../../../../shared/protocol/runs';
import { bearer, type InstructorLogin } from './auth';
import { SPEED_PRESETS, type ActiveRun } from './activeRun';
import { usePolling } from './usePolling';

/** How often the list of runs is asked for again (ms): trainees join, runs end by themselves. */
const RUNS_REFRESH_MS = 10_000;
/** Finished runs listed here, the latest first; /runs lists them all. */
const FINISHED_LISTED = 5;

interface Props {
  login: InstructorLogin;
  onRun: (run: ActiveRun) => void;
}

export function RunPicker({ login, onRun }: Props) {
  const [exercises, setExercises] = useState<ExerciseSummary[]>([]);
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const [exerciseId, setExerciseId] = useState('');
  const [speed, setSpeed] = useState<number>(60);
  const [paused, setPaused] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const token = bearer(login);

  const loadRuns = useCallback(async () => {
    const answer = await api<RunSummary[]>('GET', '/api/runs', undefined, token);
    if (answer.ok) setRuns(answer.body);
    else setError(answer.error);
  }, [token]);

  useEffect(() => {
    void (async () => {
      const answer = await api<ExerciseSummary[]>('GET', '/api/exercises', undefined, token);
      if (!answer.ok) return setError(answer.error);
      setExercises(answer.body);
      setExerciseId((id) => id || (answer.body[0]?.id ?? ''));
    })();
  }, [token]);
  usePolling(() => void loadRuns(), RUNS_REFRESH_MS);

  const going = runs.filter((r) => r.status !== 'finished');
  const finished = runs.filter((r) => r.status === 'finished').slice(0, FINISHED_LISTED);
  const debrief = (r: RunSummary) => (
    <a className="ins-link" href={`/runs/${encodeURIComponent(r.id)}`} data-testid="debrief-link">
      Debrief
    </a>
  );
  const titleOf = (id: string) => exercises.find((x) => x.id === id)?.title ?? id;
  const activeRun = (r: RunSummary): ActiveRun => ({
    runId: r.id,
    sessionId: r.sessionId,
    joinCode: r.joinCode ?? '',
    title: titleOf(r.exerciseId),
  });

  async function start(e: FormEvent) {
    e.preventDefault();
    const parsed = createRunSchema.safeParse({ exerciseId, speed, paused });
    if (!parsed.success) return setError(`exercise: ${parsed.error.issues[0].message}`);
    setBusy(true);
    const answer = await api<CreatedRun>('POST', '/api/runs', parsed.data, token);
    setBusy(false);
    if (answer.ok) onRun({ ...answer.body, title: titleOf(exerciseId) });
    else setError(answer.error);
  }

  async function resume(run: RunSummary) {
    setBusy(true);
    const answer = await api<CreatedRun>('POST', `/api/runs/${run.id}/resume`, { speed, paused: true }, token);
    setBusy(false);
    if (answer.ok) onRun({ ...answer.body, title: titleOf(run.exerciseId) });
    else setError(answer.error);
  }

  async function finish(run: RunSummary) {
    const answer = await api('POST', `/api/runs/${run.id}/finish`, undefined, token);
    if (!answer.ok) setError(answer.error);
    await loadRuns();
  }

  return (
    <div className="ins-picker">
      <form className="ins-card" onSubmit={(e) => void start(e)} aria-labelledby="ins-start-title">
        <h2 id="ins-start-title">Start a run</h2>
        <fieldset className="ins-exercises">
          <legend>Exercise</legend>
          {exercises.map((x) => (
            <label key={x.id} className="ins-exercise">
              <input
                type="radio"
                name="exercise"
                value={x.id}
                checked={exerciseId === x.id}
                onChange={() => setExerciseId(x.id)}
              />
              <span>
                <strong>{x.title}</strong>
                <span className="ins-muted">
                  {' '}
                  · {x.scenario} · {x.durationMin} min
                </span>
                <span className="ins-briefing">{x.briefing}</span>
              </span>
            </label>
          ))}
          {exercises.length === 0 && <p className="ins-muted">No exercises.</p>}
        </fieldset>
        <div className="ins-row">
          <label>
            Speed (simulated s per s)
            <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
              {SPEED_PRESETS.map((s) => (
                <option key={s} value={s}>
                  x{s}
                </option>
              ))}
            </select>
          </label>
          <label className="ins-check">
            <input type="checkbox" checked={paused} onChange={(e) => setPaused(e.target.checked)} />
            Start frozen
          </label>
        </div>
        {error && (
          <p className="ins-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || !exerciseId}>
          Start run
        </button>
      </form>
      <section className="ins-card" aria-labelledby="ins-runs-title">
        <h2 id="ins-runs-title">Your runs</h2>
        {going.length === 0 && <p className="ins-muted">No open or interrupted runs.</p>}
        <ul className="ins-runs">
          {going.map((r) => (
            <li key={r.id} data-testid="open-run">
              <span>
                <strong>{titleOf(r.exerciseId)}</strong>{' '}
                <span className="ins-muted">
                  {r.status} · code {r.joinCode ?? '—'} · {r.trainees.length} trainee(s) · started{' '}
                  {new Date(r.createdAt).toLocaleTimeString()}
                </span>
              </span>
              {r.status === 'open' ? (
                <button
                  type="button"
                  onClick={() => onRun(activeRun(r))}
                >
                  Connect
                </button>
              ) : (
                <button type="button" disabled={busy} onClick={() => void resume(r)}>
                  Resume
                </button>
              )}
              <button type="button" className="ins-danger" onClick={() => void finish(r)}>
                Finish
              </button>
              {debrief(r)}
            </li>
          ))}
        </ul>
        <h3 className="ins-subhead">Finished</h3>
        {finished.length === 0 && <p className="ins-muted">No finished runs yet.</p>}
        <ul className="ins-runs">
          {finished.map((r) => (
            <li key={r.id} data-testid="finished-run">
              <span>
                <strong>{titleOf(r.exerciseId)}</strong>{' '}
                <span className="ins-muted">
                  {r.trainees.join(', ') || 'no trainee'} · score{' '}
                  {r.finalTotal === null ? '—' : `${r.finalTotal.toFixed(1)} / 100`} · finished{' '}
                  {r.finishedAt ? new Date(r.finishedAt).toLocaleString() : '—'}
                </span>
              </span>
              {debrief(r)}
            </li>
          ))}
        </ul>
        <a className="ins-link" href="/runs">
          All past runs
        </a>
      </section>
    </div>
  );
}
