/**
 * The trainee's console at /train. Without a join it shows the join form; with one (just made, or kept in
 * sessionStorage across a reload) it reads the run's record for the current session id and the briefing, then
 * joins that session as its operator and shows the console. `/train?session=ID` without a join watches the
 * session as a viewer: the same console without controls.
 */
import { useEffect, useState } from 'react';
import type { ExerciseBrief } from '../../../../shared/protocol/runs';
import { forgetJoin, readRun, storedJoin, type TraineeJoin } from './traineeSession';
import { JoinForm } from './JoinForm';
import { RunConsole } from './RunConsole';
import '../common/training.css';
import './trainee.css';

type Phase =
  | { kind: 'join'; notice?: string }
  | { kind: 'opening'; join: TraineeJoin }
  | { kind: 'console'; join: TraineeJoin | null; sessionId: string; brief: ExerciseBrief | null };

function firstPhase(): Phase {
  const join = storedJoin();
  if (join) return { kind: 'opening', join };
  const session = new URLSearchParams(location.search).get('session');
  return session ? { kind: 'console', join: null, sessionId: session, brief: null } : { kind: 'join' };
}

/** A refusal that rejoining cannot cure: the token is unknown, or not of this run. */
const LOST = new Set([401, 403, 404]);

export function TraineeConsole() {
  const [phase, setPhase] = useState<Phase>(firstPhase);
  const opening = phase.kind === 'opening' ? phase.join : null;

  useEffect(() => {
    if (!opening) return;
    let live = true;
    void readRun(opening).then((run) => {
      if (!live) return;
      if (run.ok) {
        const { sessionId, exercise } = run.value;
        setPhase({ kind: 'console', join: opening, sessionId, brief: exercise });
      } else {
        if (run.status !== undefined && LOST.has(run.status)) forgetJoin();
        setPhase({ kind: 'join', notice: `Could not open the run: ${run.error}` });
      }
    });
    return () => {
      live = false;
    };
  }, [opening]);

  if (phase.kind === 'join')
    return <JoinForm notice={phase.notice} onJoined={(join) => setPhase({ kind: 'opening', join })} />;
  if (phase.kind === 'opening')
    return (
      <main className="tr-root tr-join">
        <p role="status">Opening the run…</p>
      </main>
    );
  return (
    <RunConsole
      join={phase.join}
      sessionId={phase.sessionId}
      brief={phase.brief}
      onLeave={() => {
        forgetJoin();
        location.assign('/train');
      }}
    />
  );
}
