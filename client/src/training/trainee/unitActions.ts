/**
 * The commands a plant unit takes from the trainee's console, each with the words the confirmation names it by.
 * Defined once here, so the unit cards and the plant schematic send the same commands under the same names.
 */
import type { UnitSpec } from '../../../../shared/scenario/schema';
import type { Command } from '../../../../shared/protocol/commands';

/** One action an operator may take: its short word (a button's text), what it does in words, and the command. */
export interface ControlAction {
  action: string;
  label: string;
  command: Command;
}

/** How the console names a unit in a sentence: its name with its id, or its id alone. */
export function unitLabel(spec: UnitSpec): string {
  return spec.name ? `${spec.name} (${spec.id})` : spec.id;
}

function named(action: string, spec: UnitSpec): string {
  return `${action[0].toUpperCase()}${action.slice(1)} ${unitLabel(spec)}`;
}

/** The commands a unit takes from the console (storage is run by the plant-wide storage mode). */
export function unitActions(spec: UnitSpec): ControlAction[] {
  if (spec.kind === 'heatPump')
    return (['start', 'stop', 'reset', 'auto'] as const).map((action) => ({
      action,
      label: named(action, spec),
      command: { type: 'heatPump', unitId: spec.id, action },
    }));
  if (spec.kind === 'boiler')
    return (['start', 'stop', 'auto'] as const).map((action) => ({
      action,
      label: named(action, spec),
      command: { type: 'boiler', unitId: spec.id, action },
    }));
  return [];
}
