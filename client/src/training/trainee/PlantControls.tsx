/**
 * The plant-wide controls: storage mode, the supply set-point's offset (with the set-point the frames carry),
 * the standby circulation pump, the make-up pumps in service and the section valves by pipe id. Each asks for
 * confirmation (ControlDialog.tsx) naming what it will do; the pumps show what the run's record last has of
 * them, since frames carry no pump state. The commands the schematic also offers come from plantCommands.ts.
 */
import { useId, useState, type ReactNode } from 'react';
import { useLiveValue } from '../../hud/hudTicker';
import { useTraining } from '../../state/trainingStore';
import type { Command } from '../../../../shared/protocol/commands';
import type { Scenario } from '../../../../shared/scenario/schema';
import { askConfirm } from './confirmStore';
import {
  lastDone,
  MAKE_UP_PUMPS,
  makeUpAction,
  PUMP_DONE,
  STANDBY_PUMP_ACTIONS,
  STORAGE_MODES,
  storageModeAction,
  type MakeUpPumps,
  type StorageMode,
} from './plantCommands';

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
  const [storageMode, setStorageMode] = useState<StorageMode>('auto');
  const [offsetK, setOffsetK] = useState('0');
  const [pumps, setPumps] = useState<MakeUpPumps>(1);
  const pipeIds = scenario.network.pipes.map((p) => p.id);
  const [pipeId, setPipeId] = useState(pipeIds[0] ?? '');
  const setpointC = useLiveValue((f) => Math.round(f.header.supplySetpointC * 10) / 10);
  const events = useTraining((s) => s.events);
  const standby = lastDone(events, 'standbyPump');
  const makeUp = lastDone(events, 'makeUp');
  const hasStorage = scenario.plants.some((p) => p.units.some((u) => u.kind === 'storage'));
  const storage = storageModeAction(storageMode);
  const makeUpPumps = makeUpAction(pumps);
  const offset = Number(offsetK);
  const offsetValid = offsetK.trim() !== '' && Number.isFinite(offset) && Math.abs(offset) <= 30;

  return (
    <section className="tr-controls" aria-label="Plant controls">
      {hasStorage && (
        <Row label={<label htmlFor={`${id}-storage`}>Storage mode</label>}>
          <select
            id={`${id}-storage`}
            value={storageMode}
            onChange={(e) => setStorageMode(e.target.value as StorageMode)}
          >
            {STORAGE_MODES.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
          <Ask label={storage.label} command={storage.command}>
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
        {STANDBY_PUMP_ACTIONS.map(({ action, label, command }) => (
          <Ask key={action} label={label} command={command}>
            {action === 'start' ? 'Start' : 'Stop'}
          </Ask>
        ))}
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
        <select id={`${id}-makeup`} value={pumps} onChange={(e) => setPumps(Number(e.target.value) as MakeUpPumps)}>
          {MAKE_UP_PUMPS.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <Ask label={makeUpPumps.label} command={makeUpPumps.command}>
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
