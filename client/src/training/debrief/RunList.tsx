/**
 * The instructor's past runs (/runs), newest first, each linking to its debrief; a trainee's name narrows the
 * list to the runs they joined (validated with the server's own name rule before it is asked).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../net/api';
import { personNameSchema, type RunSummary } from '../../../../shared/protocol/runs';

export function RunList({ token }: { token: string | undefined }) {
  const [trainee, setTrainee] = useState('');
  const [filter, setFilter] = useState<string | null>(null);
  const [runs, setRuns] = useState<RunSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const query = filter === null ? '' : `?${new URLSearchParams({ trainee: filter }).toString()}`;
    void api<RunSummary[]>('GET', `/api/runs${query}`, undefined, token).then((answer) => {
      if (answer.ok) setRuns(answer.body);
      else setError(answer.error);
    });
  }, [filter, token]);

  function apply(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (trainee.trim() === '') return setFilter(null);
    const name = personNameSchema.safeParse(trainee);
    if (!name.success) return setError(`trainee: ${name.error.issues[0].message}`);
    setFilter(name.data);
  }

  return (
    <section className="db-report" aria-labelledby="db-runs-title">
      <header className="db-head">
        <h1 id="db-runs-title">Your runs</h1>
        <div className="db-actions">
          <a className="db-button" href="/instruct">
            Instructor station
          </a>
        </div>
      </header>
      <form className="db-filter" onSubmit={apply}>
        <label>
          Trainee{' '}
          <input value={trainee} onChange={(e) => setTrainee(e.target.value)} placeholder="any" />
        </label>
        <button type="submit">Filter</button>
      </form>
      {error && (
        <p className="db-error" role="alert">
          {error}
        </p>
      )}
      {runs?.length === 0 && <p className="tr-empty">No runs{filter === null ? '' : ` that ${filter} joined`}.</p>}
      {runs && runs.length > 0 && (
        <table className="tr-table" data-testid="run-list">
          <thead>
            <tr>
              <th scope="col">Exercise</th>
              <th scope="col">Status</th>
              <th scope="col">Started (wall time)</th>
              <th scope="col">Trainees</th>
              <th scope="col">Final score (/100)</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id}>
                <td>
                  <a href={`/runs/${encodeURIComponent(r.id)}`}>{r.exerciseId}</a>
                </td>
                <td>{r.status}</td>
                <td className="tr-num">{new Date(r.createdAt).toLocaleString()}</td>
                <td>{r.trainees.join(', ') || '—'}</td>
                <td className="tr-num">{r.finalTotal === null ? '—' : r.finalTotal.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
