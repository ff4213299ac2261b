/**
 * Making things go wrong: a kind, its parameters (units, sources and pipes chosen from the scenario), then
 * "Inject now" or "Schedule" at a minute of the exercise (with an optional end minute). Fields are checked with
 * the shared malfunction schemas before sending; the server's refusal is shown as it words it.
 */
import { useState, type FormEvent } from 'react';
import { malfunctionCommandSchema, type MalfunctionKind } from '../../../../shared/protocol/commands';
import type { Scenario } from '../../../../shared/scenario/schema';
import { useTwin } from '../../state/store';
import {
  INITIAL_VALUES,
  KINDS,
  buildMalfunction,
  pipeChoices,
  sensorValueUnit,
  sourceChoices,
  unitChoices,
  type Choice,
  type Field,
  type FormValues,
} from './malfunctionForm';
import { MalfunctionList } from './MalfunctionList';
import { CommandError, issueText, useCommand } from './useCommand';

function ChoiceSelect(props: { label: string; value: string; choices: Choice[]; onChange: (v: string) => void }) {
  return (
    <label>
      {props.label}
      <select aria-label={props.label} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function NumberField(props: { label: string; value: string; onChange: (v: string) => void; step?: string }) {
  return (
    <label>
      {props.label}
      <input
        aria-label={props.label}
        type="number"
        step={props.step ?? 'any'}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}

/** The parameter fields of one kind; a select's value falls back to its first choice. */
function KindFields({ scenario, kind, values, set }: {
  scenario: Scenario;
  kind: MalfunctionKind;
  values: FormValues;
  set: (field: Field, value: string) => void;
}) {
  const spec = KINDS.find((k) => k.kind === kind)!;
  const has = (f: Field) => spec.fields.includes(f);
  const units = spec.units ? unitChoices(scenario, spec.units) : [];
  return (
    <>
      {has('unitId') && (
        <ChoiceSelect label="Unit" value={values.unitId} choices={units} onChange={(v) => set('unitId', v)} />
      )}
      {has('sourceId') && (
        <ChoiceSelect
          label="Source"
          value={values.sourceId}
          choices={sourceChoices(scenario)}
          onChange={(v) => set('sourceId', v)}
        />
      )}
      {has('pipeId') && (
        <ChoiceSelect
          label="Pipe"
          value={values.pipeId}
          choices={pipeChoices(scenario)}
          onChange={(v) => set('pipeId', v)}
        />
      )}
      {has('stages') && (
        <NumberField label="Stages lost" step="1" value={values.stages} onChange={(v) => set('stages', v)} />
      )}
      {has('sensor') && (
        <ChoiceSelect
          label="Sensor"
          value={values.sensor}
          choices={[
            { id: 'supplyTemperature', label: 'Supply temperature' },
            { id: 'worstDp', label: 'Worst-point dp' },
          ]}
          onChange={(v) => set('sensor', v)}
        />
      )}
      {has('fault') && (
        <ChoiceSelect
          label="Fault"
          value={values.fault}
          choices={[
            { id: 'bias', label: 'Bias' },
            { id: 'drift', label: 'Drift' },
            { id: 'failed', label: 'Failed (no reading)' },
          ]}
          onChange={(v) => set('fault', v)}
        />
      )}
      {has('value') && values.fault !== 'failed' && (
        <NumberField
          label={`Value (${sensorValueUnit(values.sensor, values.fault)})`}
          value={values.value}
          onChange={(v) => set('value', v)}
        />
      )}
      {has('holeAreaMm2') && (
        <NumberField label="Hole area (mm²)" value={values.holeAreaMm2} onChange={(v) => set('holeAreaMm2', v)} />
      )}
      {has('addEurPerMWh') && (
        <NumberField label="Price add (EUR/MWh)" value={values.addEurPerMWh} onChange={(v) => set('addEurPerMWh', v)} />
      )}
      {has('dropK') && <NumberField label="Outdoor drop (K)" value={values.dropK} onChange={(v) => set('dropK', v)} />}
    </>
  );
}

/** The form's values with each select that holds no valid choice set to its first one. */
function withDefaults(scenario: Scenario, kind: MalfunctionKind, values: FormValues): FormValues {
  const spec = KINDS.find((k) => k.kind === kind)!;
  const pick = (value: string, choices: Choice[]) =>
    choices.some((c) => c.id === value) ? value : (choices[0]?.id ?? '');
  return {
    ...values,
    unitId: spec.units ? pick(values.unitId, unitChoices(scenario, spec.units)) : values.unitId,
    sourceId: pick(values.sourceId, sourceChoices(scenario)),
    pipeId: pick(values.pipeId, pipeChoices(scenario)),
  };
}

export function MalfunctionPanel() {
  const scenario = useTwin((s) => s.scenario);
  const { busy, error, setError, send } = useCommand();
  const [kind, setKind] = useState<MalfunctionKind>('heatPumpTrip');
  const [typed, setTyped] = useState<FormValues>(INITIAL_VALUES);
  const [atMin, setAtMin] = useState('');
  const [clearAtMin, setClearAtMin] = useState('');
  const [done, setDone] = useState<string | null>(null);
  if (!scenario) return null;
  const values = withDefaults(scenario, kind, typed);
  const set = (field: Field, value: string) => setTyped({ ...values, [field]: value });

  async function submit(e: FormEvent, schedule: boolean) {
    e.preventDefault();
    setDone(null);
    const built = buildMalfunction(kind, values);
    if (!built.ok) return setError(built.error);
    const raw = schedule
      ? {
          type: 'malfunction',
          action: 'schedule',
          atMin: atMin.trim() === '' ? undefined : Number(atMin),
          ...(clearAtMin.trim() === '' ? {} : { clearAtMin: Number(clearAtMin) }),
          malfunction: built.malfunction,
        }
      : { type: 'malfunction', action: 'inject', malfunction: built.malfunction };
    const parsed = malfunctionCommandSchema.safeParse(raw);
    if (!parsed.success) return setError(issueText(parsed.error.issues));
    const ack = await send(parsed.data);
    if (ack.ok) setDone(schedule ? `Scheduled at minute ${atMin}` : 'Injected');
  }

  return (
    <section className="tr-panel ins-panel" aria-labelledby="ins-malfunction-title">
      <h2 className="tr-h" id="ins-malfunction-title">Malfunctions</h2>
      <form className="ins-form" data-testid="malfunction-form" onSubmit={(e) => void submit(e, false)}>
        <label>
          Kind
          <select aria-label="Kind" value={kind} onChange={(e) => setKind(e.target.value as MalfunctionKind)}>
            {KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <KindFields scenario={scenario} kind={kind} values={values} set={set} />
        <button type="submit" className="ins-danger" disabled={busy}>
          Inject now
        </button>
        <fieldset className="ins-schedule">
          <legend>Or schedule</legend>
          <NumberField label="At minute (min)" value={atMin} onChange={setAtMin} />
          <NumberField label="End minute (min, optional)" value={clearAtMin} onChange={setClearAtMin} />
          <button type="button" disabled={busy} onClick={(e) => void submit(e, true)}>
            Schedule
          </button>
        </fieldset>
        <CommandError error={error} />
        {done && !error && (
          <p className="ins-ok" role="status">
            {done}
          </p>
        )}
      </form>
      <MalfunctionList />
    </section>
  );
}
