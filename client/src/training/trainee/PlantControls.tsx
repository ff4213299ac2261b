/**
 * The plant-wide controls: storage mode, the supply set-point's offset (with the set-point the frames carry),
 * the standby circulation pump, the make-up pumps in service and the section valves by pipe id. Each asks for
 * confirmation (ControlDialog.tsx) naming what it will do; the pumps show what the run's record last has of
 * them, since frames carry no pump state.
 */
import { useId, useState, type ReactNode } from 'react';
import { useLiveValue } from '../../hud/hudTicker';
import { useTraining } from '../../state/trainingStore';
import type { Command } from '../../../../shared/protocol/commands';
import type { RunEvent } from '../../../../shared/protocol/training';
import type { Scenario } from '../../../../shared/scenario/schema';
import { askConfirm } from './confirmStore';

const STORAGE_MODES = ['auto', 'charge', 'discharge', 'idle'] as const;
const MAKE_UP_PUMPS = [0, 1, 2] as const;
const PUMP_DONE = { start: 'started', stop: 'stopped' } as const;

/** The last command of a type the run's record holds as done. */
function lastDone<T extends Command['type']>(
  events: readonly RunEvent[],
  type: T,
): Extract<Command, { type: T }> | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const c = events[i].command;
    if (events[i].kind === 'action' && c?.type === type) return c as Extract<Command, { type: T }>;
  }
  return null;
}

/** A button that asks to confirm `label` before sending `command`. */
function Ask({ label, command, children }: { label: string; command: Command; children: ReactNode }) {
  return (
    <button type="button" onClick={() => askConfirm(label, command)}>
      {children}
    </button>
  );
}

function Row({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div className="tr-control">
      <span className="tr-control-label">{label}</span>
      <span className="tr-control-inputs">{children}</span>
    </div>
  );
}

export function PlantControls({ scenario }: { scenario: Scenario }) {
  const id = useId();
  const [storageMode, setStorageMode] = useState<(typeof STORAGE_MODES)[number]>('auto');
  const [offsetK, setOffsetK] = useState('0');
  const [pumps, setPumps] = useState<(typeof MAKE_UP_PUMPS)[number]>(1);
  const pipeIds = scenario.network.pipes.map((p) => p.id);
  const [pipeId, setPipeId] = useState(pipeIds[0] ?? '');
  const setpointC = useLiveValue((f) => Math.round(f.header.supplySetpointC * 10) / 10);
  const events = useTraining((s) => s.events);
  const standby = lastDone(events, 'standbyPump');
  const makeUp = lastDone(events, 'makeUp');
  const hasStorage = scenario.plants.some((p) => p.units.some((u) => u.kind === 'storage'));
  const offset = Number(offsetK);
  const offsetValid = offsetK.trim() !== '' && Number.isFinite(offset) && Math.abs(offset) <= 30;

  return (
    <section className="tr-controls" aria-label="Plant controls">
      {hasStorage && (
        <Row label={<label htmlFor={`${id}-storage`}>Storage mode</label>}>
          <select
            id={`${id}-storage`}
            value={storageMode}
            onChange={(e) => setStorageMode(e.target.value as typeof storageMode)}
          >
            {STORAGE_MODES.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
          <Ask label={`Set storage mode to ${storageMode}`} command={{ type: 'storage', mode: storageMode }}>
            Set
          </Ask>
        </Row>
      )}
      <Row
        label={
          <>
            <label htmlFor={`${id}-offset`}>Supply set-point offset (K)</label>
            <span className="tr-label tr-num">
              {' '}
              set-point {setpointC === null ? '—' : `${setpointC.toFixed(1)} °C`}
            </span>
          </>
        }
      >
        <input
          id={`${id}-offset`}
          type="number"
          min={-30}
          max={30}
          step={0.5}
          value={offsetK}
          onChange={(e) => setOffsetK(e.target.value)}
          className="tr-narrow"
        />
        <button
          type="button"
          disabled={!offsetValid}
          onClick={() =>
            askConfirm(`Shift the supply set-point curve by ${offset >= 0 ? '+' : ''}${offset.toFixed(1)} K`, {
              type: 'supplySetpoint',
              offsetK: offset,
            })
          }
        >
          Apply
        </button>
      </Row>
      <Row
        label={
          <>
            Standby circulation pump
            <span className="tr-label"> last: {standby ? PUMP_DONE[standby.action] : 'not commanded'}</span>
          </>
        }
      >
        <Ask label="Start the standby circulation pump" command={{ type: 'standbyPump', action: 'start' }}>
          Start
        </Ask>
        <Ask label="Stop the standby circulation pump" command={{ type: 'standbyPump', action: 'stop' }}>
          Stop
        </Ask>
      </Row>
      <Row
        label={
          <>
            <label htmlFor={`${id}-makeup`}>Make-up pumps in service</label>
            <span className="tr-label">
              {' '}
              {scenario.network.makeUp.capacityKgS} kg/s each; last: {makeUp ? makeUp.pumps : 'not commanded'}
            </span>
          </>
        }
      >
        <select id={`${id}-makeup`} value={pumps} onChange={(e) => setPumps(Number(e.target.value) as typeof pumps)}>
          {MAKE_UP_PUMPS.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <Ask label={`Put ${pumps} make-up pump(s) in service`} command={{ type: 'makeUp', pumps }}>
          Set
        </Ask>
      </Row>
      {pipeIds.length > 0 && (
        <Row label={<label htmlFor={`${id}-pipe`}>Section valves of pipe</label>}>
          <select id={`${id}-pipe`} value={pipeId} onChange={(e) => setPipeId(e.target.value)}>
            {pipeIds.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
          {(['close', 'open'] as const).map((action) => (
            <Ask
              key={action}
              label={`${action === 'close' ? 'Close' : 'Open'} the section valves of pipe ${pipeId}`}
              command={{ type: 'valve', pipeId, action }}
            >
              {action === 'close' ? 'Close' : 'Open'}
            </Ask>
          ))}
        </Row>
      )}
    </section>
  );
}
