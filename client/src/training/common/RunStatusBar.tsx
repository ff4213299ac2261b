/**
 * The bar a training console keeps in view: the run's title, the role held in its session, the simulation clock
 * and whether it runs or stands frozen (a frame's speed of 0), and the connection. The clock is sampled from
 * liveFrame on the HUD tick, so the bar re-renders at most twice a second. `children` go at its end (buttons).
 */
import './training.css';
import type { ReactNode } from 'react';
import { shallowEqual, useLiveValue } from '../../hud/hudTicker';
import { simDateTime, speedText } from '../../hud/format';
import type { Connection } from '../../state/store';
import type { Frame } from '../../../../shared/protocol/frame';
import '../../hud/hud.css';

function readClock(f: Frame) {
  const { date, time } = simDateTime(f.header.simTimeS);
  const frozen = !(f.header.speed > 0);
  const speed = frozen ? '' : speedText(f.header.speed);
  return { date, time, state: frozen ? 'frozen' : 'running', shape: frozen ? 'pause' : 'play', speed };
}

const CONNECTION_TEXT: Record<Connection, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

export interface RunStatusBarProps {
  title: string;
  role: string;
  connection: Connection;
  children?: ReactNode;
}

export function RunStatusBar({ title, role, connection, children }: RunStatusBarProps) {
  const clock = useLiveValue(readClock, shallowEqual);
  return (
    <header className="tr-statusbar">
      <div className="tr-title">{title}</div>
      <div className="tr-figure">
        <span className="tr-label">Role</span>
        <span className="tr-value" data-testid="role">
          {role}
        </span>
      </div>
      <div className="tr-figure" title="Simulation date and time (local standard time)">
        <span className="tr-label">Sim time</span>
        <span className="tr-value tr-num" data-testid="sim-clock">
          {clock ? `${clock.date} ${clock.time}` : '—'}
        </span>
      </div>
      <div className="tr-figure">
        <span className="tr-label">Clock</span>
        <span className={`tr-value tr-clock-${clock?.state ?? 'none'}`} data-testid="run-state">
          {clock && <span className="tr-icon" data-shape={clock.shape} aria-hidden="true" />}{' '}
          {clock ? `${clock.state} ${clock.speed}`.trim() : '—'}
        </span>
      </div>
      <div className={`hud-connection hud-connection-${connection}`} data-testid="connection" role="status">
        <span className="hud-connection-dot" aria-hidden="true" />
        {CONNECTION_TEXT[connection]}
      </div>
      {children}
    </header>
  );
}
