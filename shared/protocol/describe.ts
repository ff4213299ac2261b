/**
 * Commands and malfunctions in words, as a run's record, its CSV export and the consoles write them: what it is
 * (a command's type, a malfunction's kind), then each field with its value: `boiler, unitId gas, action start`.
 */
import type { Command, Malfunction } from './commands';

function describeFields(fields: object, head: 'kind' | 'type'): string {
  return Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => (k === head ? String(v) : `${k} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`))
    .join(', ');
}

export const describeCommand = (c: Command): string => describeFields(c, 'type');

export const describeMalfunction = (m: Malfunction): string => describeFields(m, 'kind');
