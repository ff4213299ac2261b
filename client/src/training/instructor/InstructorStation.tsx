/**
 * The instructor's station at /instruct: checks for a login this tab holds (token or cookie), else asks for one;
 * then the runs (start one, take one up again); then the station for the chosen run. A tab that has only the
 * login cookie is asked to log in once more before it takes control: the run's socket needs the token itself.
 */
import '../common/training.css';
import './instructor.css';
import { useEffect, useState } from 'react';
import { currentLogin, logOut, type InstructorLogin } from './auth';
import type { ActiveRun } from './activeRun';
import { LoginForm } from './LoginForm';
import { RunPicker } from './RunPicker';
import { Station } from './Station';

type Phase = { at: 'checking' } | { at: 'login' } | { at: 'runs'; login: InstructorLogin; run: ActiveRun | null };

export function InstructorStation() {
  const [phase, setPhase] = useState<Phase>({ at: 'checking' });

  useEffect(() => {
    void currentLogin().then((login) => setPhase(login ? { at: 'runs', login, run: null } : { at: 'login' }));
  }, []);

  if (phase.at === 'checking')
    return (
      <main className="tr-root ins-page">
        <p className="tr-empty">Checking your login…</p>
      </main>
    );
  if (phase.at === 'login')
    return (
      <main className="tr-root ins-page">
        <LoginForm onLogin={(login) => setPhase({ at: 'runs', login, run: null })} />
      </main>
    );

  const { login, run } = phase;
  const logout = () => void logOut(login).then(() => setPhase({ at: 'login' }));
  if (run && login.token)
    return (
      <Station
        run={run}
        name={login.name}
        token={login.token}
        onLeave={() => setPhase({ at: 'runs', login, run: null })}
        onLogout={logout}
      />
    );
  return (
    <main className="tr-root ins-page">
      <header className="tr-statusbar">
        <div className="tr-title">Instructor station</div>
        <div className="tr-figure">
          <span className="tr-label">Logged in as</span>
          <span className="tr-value" data-testid="instructor-name">
            {login.name}
          </span>
        </div>
        <button type="button" onClick={logout}>
          Log out
        </button>
      </header>
      {run ? (
        <LoginForm
          note={`Log in again in this tab to take control of "${run.title}".`}
          onLogin={(fresh) => setPhase({ at: 'runs', login: fresh, run })}
        />
      ) : (
        <RunPicker login={login} onRun={(chosen) => setPhase({ at: 'runs', login, run: chosen })} />
      )}
    </main>
  );
}
