/**
 * The run replayed in its debrief: the 3D city and the console's read-only half (units, the transmitters'
 * readings, the alarm list) as they stood at a moment of the run, moved by a seek bar in minutes from the start,
 * by the moments the timeline marks, or run on with play. The server replays the run from its record (POST
 * /api/runs/:id/replay answers once the replay stands at the moment) and this pane watches the replay's session
 * as a viewer; a seek back may start a new session, which the pane then joins. The replay starts only when asked
 * for (it is a worker on the server) and ends when the pane goes.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../net/api';
import { connectTwin } from '../../net/socket';
import { useLiveValue } from '../../hud/hudTicker';
import { useTwin } from '../../state/store';
import { CityScene } from '../../scene/CityScene';
import type { ReplayAnswer } from '../../../../shared/protocol/replay';
import { AlarmTable } from '../common/AlarmTable';
import { parseAlarmList } from '../common/alarmList';
import { RunStatusBar } from '../common/RunStatusBar';
import { ReadingsPanel } from '../trainee/ReadingsPanel';
import { joinSearch } from '../trainee/traineeSession';
import { UnitGrid } from '../trainee/UnitGrid';
import type { Reader } from './access';
import { minuteText, type Marker } from './timeline';

/** Wall ms the seek bar must rest before the replay is moved (a drag or held arrow key moves it once). */
const SEEK_SETTLE_MS = 250;
/** Simulated seconds per wall second while playing: a minute of the run a second. */
const PLAY_SPEED = 60;

interface Props {
  runId: string;
  reader: Reader;
  /** The exercise's start (simulation time, s): minute 0 of the seek bar. */
  startS: number;
  markers: readonly Marker[];
}

export function ReplayPane({ runId, reader, startS, markers }: Props) {
  const [replay, setReplay] = useState<ReplayAnswer | null>(null);
  const [wanted, setWanted] = useState<number | null>(null);
  const [moving, setMoving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const settle = useRef<number | undefined>(undefined);
  const path = `/api/runs/${encodeURIComponent(runId)}/replay`;
  const sessionId = replay?.sessionId;

  useEffect(() => (sessionId ? connectTwin({ search: joinSearch(sessionId) }) : undefined), [sessionId]);
  useEffect(
    () => () => {
      window.clearTimeout(settle.current);
      void api('DELETE', path, undefined, reader.token);
    },
    [path, reader.token],
  );

  const seek = useCallback(
    async (atMin: number, playing: boolean) => {
      setMoving(true);
      const answer = await api<ReplayAnswer>('POST', path, { atMin, playing, speed: PLAY_SPEED }, reader.token);
      setMoving(false);
      if (!answer.ok) return setError(answer.error);
      setError(null);
      setReplay(answer.body);
      setWanted(null);
    },
    [path, reader.token],
  );

  // The alarm list changes as alarms are raised and cleared: ask the replay for it again on each.
  const alarmEvents = useTwin((s) => s.alarms.length);
  useEffect(() => {
    if (!sessionId || alarmEvents === 0 || moving) return;
    void api<ReplayAnswer>('GET', path, undefined, reader.token).then((a) => {
      if (a.ok && a.body.sessionId === sessionId) setReplay((r) => r && { ...r, alarms: a.body.alarms });
    });
  }, [alarmEvents, sessionId, moving, path, reader.token]);

  const liveMin = useLiveValue((f) => Math.round((f.header.simTimeS - startS) / 6) / 10);
  const role = useTwin((s) => s.role);
  const connection = useTwin((s) => s.connection);
  const scenario = useTwin((s) => s.scenario);

  if (!replay)
    return (
      <div className="db-replay-start">
        <button type="button" onClick={() => void seek(0, false)} disabled={moving} data-testid="replay-start">
          {moving ? 'Starting the replay…' : 'Replay the run'}
        </button>
        <span className="tr-empty">
          The server runs the run again from its record: the same city, malfunctions and commands at their times.
        </span>
        {error && (
          <p className="db-error" role="alert">
            {error}
          </p>
        )}
      </div>
    );

  const shownMin = wanted ?? (replay.playing && liveMin !== null ? Math.min(liveMin, replay.untilMin) : replay.atMin);
  const moveTo = (minute: number) => {
    setWanted(minute);
    window.clearTimeout(settle.current);
    settle.current = window.setTimeout(() => void seek(minute, replay.playing), SEEK_SETTLE_MS);
  };
  const alarms = parseAlarmList(replay.alarms)?.alarms ?? [];

  return (
    <div className="db-replay-body">
      <RunStatusBar title="The run again, from its record" role={role} connection={connection}>
        <span className="tr-label" role="status" data-testid="replay-state">
          {moving ? `Moving to ${minuteText(wanted ?? replay.atMin)}…` : `At ${minuteText(shownMin)}`}
        </span>
      </RunStatusBar>
      <div className="db-seek">
        <button
          type="button"
          // Pausing stands at the next whole minute: a moment the replay has not passed, so it needs no restart.
          onClick={() => void seek(replay.playing ? Math.ceil(shownMin) : shownMin, !replay.playing)}
          disabled={moving || (!replay.playing && replay.atMin >= replay.untilMin)}
          data-testid="replay-play"
        >
          {replay.playing ? 'Pause' : 'Play'}
        </button>
        <input
          type="range"
          min={0}
          max={replay.untilMin}
          step={1}
          value={shownMin}
          onChange={(e) => moveTo(Number(e.target.value))}
          aria-label="Moment of the run, minutes from the start"
          aria-valuetext={minuteText(shownMin)}
          data-testid="replay-seek"
        />
        <span className="tr-num db-seek-until">of {minuteText(replay.untilMin)}</span>
        <label className="db-seek-goto">
          Go to{' '}
          <select
            value=""
            onChange={(e) => e.target.value !== '' && moveTo(Number(e.target.value))}
            data-testid="replay-goto"
          >
            <option value="">a marked moment…</option>
            {markers.map((m, i) => (
              <option key={i} value={Math.max(0, Math.floor(m.minute))}>
                {minuteText(m.minute)} {m.text}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && (
        <p className="db-error" role="alert">
          {error}
        </p>
      )}
      <div className="db-replay-view">
        <div className="db-replay-city">
          <CityScene />
        </div>
        <div className="db-replay-console">
          {scenario ? <UnitGrid scenario={scenario} canControl={false} /> : <p className="tr-empty">Loading…</p>}
          <ReadingsPanel />
          <AlarmTable alarms={alarms} />
        </div>
      </div>
    </div>
  );
}
