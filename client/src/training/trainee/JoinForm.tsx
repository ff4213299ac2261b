/**
 * The join screen: the run's code and the trainee's name. Enter submits; a refused join shows the reason (the
 * schema's or the server's own text) and keeps what was typed.
 */
import { useState, type FormEvent } from 'react';
import { JOIN_CODE_LENGTH } from '../../../../shared/protocol/runs';
import { joinRun, type TraineeJoin } from './traineeSession';

export function JoinForm({ onJoined, notice }: { onJoined: (join: TraineeJoin) => void; notice?: string }) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const joined = await joinRun(code, name);
    setBusy(false);
    if (joined.ok) onJoined(joined.value);
    else setError(joined.error);
  };

  return (
    <main className="tr-root tr-join">
      <form className="tr-panel tr-join-form" onSubmit={(e) => void submit(e)} aria-labelledby="tr-join-title">
        <h1 id="tr-join-title">Join a training run</h1>
        {notice && <p className="tr-empty">{notice}</p>}
        <label>
          <span className="tr-label">Join code ({JOIN_CODE_LENGTH} characters, from your instructor)</span>
          <input
            name="code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={JOIN_CODE_LENGTH + 4}
            required
            autoFocus
          />
        </label>
        <label>
          <span className="tr-label">Your name</span>
          <input name="name" value={name} onChange={(e) => setName(e.target.value)} maxLength={64} required />
        </label>
        <button type="submit" disabled={busy}>
          {busy ? 'Joining…' : 'Join'}
        </button>
        {error && (
          <p className="tr-error" role="alert" data-testid="join-error">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}
