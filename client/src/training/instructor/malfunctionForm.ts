/**
 * What the malfunction panel asks for each kind (shared/protocol/commands.ts malfunctionSchema) and how its
 * fields, held as typed text, become a malfunction: the shared schema decides what is valid, so the panel and the
 * server agree on the rules and the error names the same field.
 */
import { malfunctionSchema, type Malfunction, type MalfunctionKind } from '../../../../shared/protocol/commands';
import type { Scenario, UnitSpec } from '../../../../shared/scenario/schema';
import { issueText } from './useCommand';

export type Field = 'unitId' | 'sourceId' | 'pipeId' | 'stages' | 'sensor' | 'fault' | 'value' | 'holeAreaMm2'
  | 'addEurPerMWh' | 'dropK';
export type FormValues = Record<Field, string>;

export interface KindSpec {
  kind: MalfunctionKind;
  label: string;
  fields: Field[];
  /** The unit kinds its unit select offers. */
  units?: UnitSpec['kind'][];
}

export const KINDS: readonly KindSpec[] = [
  { kind: 'heatPumpTrip', label: 'Heat pump trip', fields: ['unitId'], units: ['heatPump'] },
  { kind: 'failedStart', label: 'Failed start', fields: ['unitId'], units: ['heatPump', 'boiler'] },
  { kind: 'compressorStageLoss', label: 'Compressor stage loss', fields: ['unitId', 'stages'], units: ['heatPump'] },
  { kind: 'sourceOutage', label: 'Heat source outage', fields: ['sourceId'] },
  { kind: 'circulationPumpFailure', label: 'Circulation pump failure', fields: [] },
  { kind: 'storageValveStuck', label: 'Storage valve stuck', fields: ['unitId'], units: ['storage'] },
  { kind: 'sensorFault', label: 'Sensor fault', fields: ['sensor', 'fault', 'value'] },
  { kind: 'priceSpike', label: 'Price spike', fields: ['addEurPerMWh'] },
  { kind: 'coldSnap', label: 'Cold snap', fields: ['dropK'] },
  { kind: 'pipeLeak', label: 'Pipe leak', fields: ['pipeId', 'holeAreaMm2'] },
];

export const INITIAL_VALUES: FormValues = {
  unitId: '',
  sourceId: '',
  pipeId: '',
  stages: '1',
  sensor: 'supplyTemperature',
  fault: 'bias',
  value: '5',
  holeAreaMm2: '500',
  addEurPerMWh: '200',
  dropK: '5',
};

export interface Choice {
  id: string;
  label: string;
}

/** The units of the given kinds across the scenario's plants, named with their plant. */
export function unitChoices(scenario: Scenario, kinds: ReadonlyArray<UnitSpec['kind']>): Choice[] {
  return scenario.plants.flatMap((p) =>
    p.units.filter((u) => kinds.includes(u.kind)).map((u) => ({ id: u.id, label: `${u.name ?? u.id} · ${p.name}` })),
  );
}

export function sourceChoices(scenario: Scenario): Choice[] {
  return scenario.sources.map((s) => ({ id: s.id, label: `${s.name ?? s.id} (${s.kind})` }));
}

export function pipeChoices(scenario: Scenario): Choice[] {
  return scenario.network.pipes.map((p) => ({ id: p.id, label: `${p.id} (${p.from} → ${p.to})` }));
}

/** The unit of a sensor fault's value: a bias in K or Pa, a drift per hour. */
export function sensorValueUnit(sensor: string, fault: string): string {
  const unit = sensor === 'worstDp' ? 'Pa' : 'K';
  return fault === 'drift' ? `${unit}/h` : unit;
}

const NUMBER_FIELDS: ReadonlySet<Field> = new Set(['stages', 'value', 'holeAreaMm2', 'addEurPerMWh', 'dropK']);

/** The malfunction the fields describe, or the first reason it is not valid (`field: message`). */
export function buildMalfunction(
  kind: MalfunctionKind,
  values: FormValues,
): { ok: true; malfunction: Malfunction } | { ok: false; error: string } {
  const spec = KINDS.find((k) => k.kind === kind);
  const raw: Record<string, unknown> = { kind };
  for (const field of spec?.fields ?? []) {
    const text = values[field].trim();
    raw[field] = NUMBER_FIELDS.has(field) ? (text === '' ? undefined : Number(text)) : text;
  }
  const parsed = malfunctionSchema.safeParse(raw);
  return parsed.success ? { ok: true, malfunction: parsed.data } : { ok: false, error: issueText(parsed.error.issues) };
}

/** The clear command's target for a malfunction in force (its kind and what it acts on). */
export function clearTarget(m: Malfunction): Record<string, string> {
  const target: Record<string, string> = {};
  if ('unitId' in m) target.unitId = m.unitId;
  if ('sourceId' in m) target.sourceId = m.sourceId;
  if ('pipeId' in m) target.pipeId = m.pipeId;
  if ('sensor' in m) target.sensor = m.sensor;
  return target;
}

/** A malfunction in a line: its kind's label and parameters. */
export function describe(m: Malfunction): string {
  const label = KINDS.find((k) => k.kind === m.kind)?.label ?? m.kind;
  const params = Object.entries(m)
    .filter(([k]) => k !== 'kind')
    .map(([k, v]) => `${k} ${typeof v === 'number' ? Number(v.toPrecision(4)) : String(v)}`);
  return params.length ? `${label}: ${params.join(', ')}` : label;
}
