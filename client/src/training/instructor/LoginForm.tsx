/**
 * The instructor's login: name and password, checked against the shared login schema before it is sent; the
 * server's refusal (wrong name or password, too many tries) is shown as it words it.
 */
import { useState, type FormEvent } from 'react';
import { loginSchema } from '../../../../shared/protocol/runs';
import { logIn, type InstructorLogin } from './auth';
import { issueText } from './useCommand';

export function LoginForm({ onLogin, note }: { onLogin: (login: InstructorLogin) => void; note?: string }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = loginSchema.safeParse({ name, password });
    if (!parsed.success) return setError(issueText(parsed.error.issues));
    setBusy(true);
    const answer = await logIn(parsed.data.name, parsed.data.password);
    setBusy(false);
    if (answer.ok) onLogin(answer.login);
    else setError(answer.error);
  }

  return (
    <form className="ins-card ins-login" onSubmit={(e) => void submit(e)} aria-labelledby="ins-login-title">
      <h1 id="ins-login-title">Instructor station</h1>
      {note && <p className="ins-muted">{note}</p>}
      <label>
        Name
        <input name="name" autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
      </label>
      <label>
        Password
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {error && (
        <p className="ins-error" role="alert" data-testid="login-error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Logging in…' : 'Log in'}
      </button>
    </form>
  );
}
