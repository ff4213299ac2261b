/**
 * The plant-wide commands that act on parts of the plant the schematic draws: the storage mode, the standby
 * circulation pump and the make-up pumps in service, each with the words the confirmation names it by. The
 * plant controls and the schematic both take them from here. Frames carry no pump state, so what the run's
 * record last holds as done is the best a console knows of the pumps (lastDone).
 */
import type { Command } from '../../../../shared/protocol/commands';
import type { RunEvent } from '../../../../shared/protocol/training';
import type { ControlAction } from './unitActions';

export const STORAGE_MODES = ['auto', 'charge', 'discharge', 'idle'] as const;
export type StorageMode = (typeof STORAGE_MODES)[number];

export const MAKE_UP_PUMPS = [0, 1, 2] as const;
export type MakeUpPumps = (typeof MAKE_UP_PUMPS)[number];

export const PUMP_DONE = { start: 'started', stop: 'stopped' } as const;

export function storageModeAction(mode: StorageMode): ControlAction {
  return { action: mode, label: `Set storage mode to ${mode}`, command: { type: 'storage', mode } };
}

export const STANDBY_PUMP_ACTIONS: readonly ControlAction[] = (['start', 'stop'] as const).map((action) => ({
  action,
  label: `${action === 'start' ? 'Start' : 'Stop'} the standby circulation pump`,
  command: { type: 'standbyPump', action },
}));

export function makeUpAction(pumps: MakeUpPumps): ControlAction {
  return {
    action: `${pumps}`,
    label: `Put ${pumps} make-up pump(s) in service`,
    command: { type: 'makeUp', pumps },
  };
}

/** The last command of a type the run's record holds as done. */
export function lastDone<T extends Command['type']>(
  events: readonly RunEvent[],
  type: T,
): Extract<Command, { type: T }> | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const c = events[i].command;
    if (events[i].kind === 'action' && c?.type === type) return c as Extract<Command, { type: T }>;
  }
  return null;
}
