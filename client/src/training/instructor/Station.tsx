/**
 * The station while a run goes on: the run's status bar (role, clock and state, join code, connection) across
 * the top; clock, backtracks and malfunctions on the left; the city (or, on its second tab, the trends with the
 * exercise's objectives) and the run log in the middle; the truth behind the transmitters, the score, hints,
 * trainees and saving an initial condition on the right. It joins the run's session as its instructor (the
 * login token) for as long as it is shown.
 */
import { useEffect, useState } from 'react';
import { connectTwin } from '../../net/socket';
import { api } from '../../net/api';
import { twinStore, useTwin } from '../../state/store';
import { trainingStore, useTraining } from '../../state/trainingStore';
import type { RunDetail } from '../../../../shared/protocol/runs';
import { CityTrendsPane } from '../common/CityTrendsPane';
import { RunStatusBar } from '../common/RunStatusBar';
import type { DrawnObjectives } from '../common/trendSeries';
import { useTrendBuffer } from '../common/useTrendBuffer';
import type { ActiveRun } from './activeRun';
import { BacktrackList } from './BacktrackList';
import { ClockControls } from './ClockControls';
import { ConfirmButton } from './ConfirmButton';
import { HintBox } from './HintBox';
import { MalfunctionPanel } from './MalfunctionPanel';
import { RunLog } from './RunLog';
import { SaveInitialCondition } from './SaveInitialCondition';
import { ScorePanel } from './ScorePanel';
import { TraineeList } from './TraineeList';
import { TruthPanel } from './TruthPanel';

interface Props {
  run: ActiveRun;
  name: string;
  token: string;
  onLeave: () => void;
  onLogout: () => void;
}

/** Why the join was refused, when it was (the socket says so as a connection alarm and stays offline). */
function useJoinRefusal(): string | null {
  return useTwin((s) =>
    s.connection === 'offline' && s.alarms[0]?.source === 'connection' ? s.alarms[0].message : null,
  );
}

export function Station({ run, name, token, onLeave, onLogout }: Props) {
  const role = useTwin((s) => s.role);
  const connection = useTwin((s) => s.connection);
  const minute = useTraining((s) => (s.score ? Math.floor(s.score.atS / 60) : null));
  const refusal = useJoinRefusal();

  useEffect(() => {
    trainingStore.getState().reset();
    twinStore.setState({ alarms: [], role: 'viewer' });
    twinStore.getState().setConnection('connecting');
    const query = new URLSearchParams({ session: run.sessionId, token });
    return connectTwin({ search: `?${query.toString()}` });
  }, [run.sessionId, token]);

  const trends = useTrendBuffer({ runId: run.runId, token });
  const [objectives, setObjectives] = useState<DrawnObjectives | null>(null);
  useEffect(() => {
    let live = true;
    void api<RunDetail>('GET', `/api/runs/${encodeURIComponent(run.runId)}`, undefined, token).then((answer) => {
      if (live && answer.ok) setObjectives(answer.body.exercise?.objectives ?? null);
    });
    return () => {
      live = false;
    };
  }, [run.runId, token]);

  async function finish() {
    await api('POST', `/api/runs/${encodeURIComponent(run.runId)}/finish`, undefined, token);
    onLeave();
  }

  return (
    <main className="tr-root ins-station">
      <RunStatusBar title={run.title} role={`${role} · ${name}`} connection={connection}>
        <div className="tr-figure">
          <span className="tr-label">Exercise minute</span>
          <span className="tr-value tr-num" data-testid="run-minute">
            {minute === null ? '—' : `${minute} min`}
          </span>
        </div>
        <div className="tr-figure">
          <span className="tr-label">Join code</span>
          <span className="ins-joincode" data-testid="join-code">
            {run.joinCode || '—'}
          </span>
        </div>
        <div className="ins-row">
          <button type="button" onClick={onLeave}>
            Runs
          </button>
          <ConfirmButton
            label="Finish run"
            question="Finish this run?"
            className="ins-danger"
            onConfirm={() => void finish()}
          />
          <button type="button" onClick={onLogout}>
            Log out
          </button>
        </div>
      </RunStatusBar>
      <div className="ins-col ins-left">
        <ClockControls />
        <BacktrackList />
        <MalfunctionPanel />
      </div>
      <div className="ins-centre">
        {refusal && (
          <p className="ins-error" role="alert">
            Not joined: {refusal}
          </p>
        )}
        <CityTrendsPane className="ins-city" buffer={trends} objectives={objectives} />
        <RunLog />
      </div>
      <div className="ins-col ins-right">
        <TruthPanel />
        <ScorePanel />
        <HintBox />
        <TraineeList runId={run.runId} token={token} />
        <SaveInitialCondition sessionId={run.sessionId} token={token} />
      </div>
    </main>
  );
}
