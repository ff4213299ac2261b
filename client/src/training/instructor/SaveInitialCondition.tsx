/**
 * Saves the run's state as it is now as a named initial condition (POST /api/initial-conditions), for later runs
 * to start from; the name is checked with the shared schema first.
 */
import { useState, type FormEvent } from 'react';
import { api } from '../../net/api';
import { saveInitialConditionSchema, type InitialConditionSummary } from '../../../../shared/protocol/runs';
import { issueText } from './useCommand';

export function SaveInitialCondition({ sessionId, token }: { sessionId: string; token: string }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    const parsed = saveInitialConditionSchema.safeParse({ name: name.trim(), sessionId });
    if (!parsed.success) return setError(issueText(parsed.error.issues));
    const answer = await api<InitialConditionSummary>('POST', '/api/initial-conditions', parsed.data, token);
    setError(answer.ok ? null : answer.error);
    if (answer.ok) setSaved(`Saved "${answer.body.name}" at ${answer.body.date}`);
  }

  return (
    <form className="tr-panel ins-panel" onSubmit={(e) => void submit(e)} aria-labelledby="ins-ic-title">
      <h2 className="tr-h" id="ins-ic-title">
        Save initial condition
      </h2>
      <div className="ins-row">
        <input
          aria-label="Initial condition name"
          className="ins-grow"
          value={name}
          placeholder="lowercase-name"
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit">Save</button>
      </div>
      {error && (
        <p className="ins-error" role="alert">
          {error}
        </p>
      )}
      {saved && <p className="ins-ok">{saved}</p>}
    </form>
  );
}
