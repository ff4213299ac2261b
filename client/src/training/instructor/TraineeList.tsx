/** Who has joined the run (its record, GET /api/runs/:id), asked for again every few seconds. */
import { useState } from 'react';
import { usePolling } from './usePolling';
import { api } from '../../net/api';
import type { RunDetail } from '../../../../shared/protocol/runs';

const REFRESH_MS = 5000;

export function TraineeList({ runId, token }: { runId: string; token: string }) {
  const [trainees, setTrainees] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function load() {
    const answer = await api<RunDetail>('GET', `/api/runs/${encodeURIComponent(runId)}`, undefined, token);
    if (answer.ok) setTrainees(answer.body.trainees);
    setError(answer.ok ? null : answer.error);
  }
  usePolling(() => void load(), REFRESH_MS);

  return (
    <section className="tr-panel ins-panel" aria-labelledby="ins-trainees-title">
      <h2 className="tr-h" id="ins-trainees-title">
        Trainees
        <span className="tr-spacer tr-label">{trainees?.length ?? 0} joined</span>
      </h2>
      {trainees?.length === 0 && <p className="tr-empty">Nobody has joined yet.</p>}
      <ul className="ins-list" data-testid="trainees">
        {trainees?.map((name) => (
          <li key={name}>{name}</li>
        ))}
      </ul>
      {error && <p className="ins-error">{error}</p>}
    </section>
  );
}
