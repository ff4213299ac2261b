/**
 * What the control room's transmitters read beside what they should read (the instructor's `readings` carry the
 * truth): supply temperature in °C and worst-point differential pressure in kPa. A row is highlighted when the
 * two differ by more than a reading's noise, or the transmitter gives no reading, so a sensor fault stands out.
 */
import { useTraining } from '../../state/trainingStore';
import type { TransmitterReading } from '../../../../shared/protocol/training';

const SENSORS = {
  supplyTemperature: { label: 'Supply temperature', unit: '°C', scale: 1, digits: 1, tolerance: 0.2 },
  worstDp: { label: 'Worst-point dp', unit: 'kPa', scale: 1e-3, digits: 1, tolerance: 0.5 },
} as const;

function Row({ reading }: { reading: TransmitterReading }) {
  const s = SENSORS[reading.sensor];
  const measured = reading.measured === null ? null : reading.measured * s.scale;
  const truth = reading.truth === undefined ? null : reading.truth * s.scale;
  const differs = measured === null || (truth !== null && Math.abs(measured - truth) > s.tolerance);
  const text = (v: number | null) => (v === null ? 'no reading' : `${v.toFixed(s.digits)} ${s.unit}`);
  return (
    <tr className={differs ? 'ins-differs' : undefined} data-testid={`truth-${reading.sensor}`} data-differs={differs}>
      <th scope="row">{s.label}</th>
      <td className="tr-num">{text(measured)}</td>
      <td className="tr-num">{truth === null ? '—' : text(truth)}</td>
      <td className="tr-num">
        {measured !== null && truth !== null ? `${(measured - truth).toFixed(s.digits)} ${s.unit}` : '—'}
        {differs && <span className="ins-flag"> ≠</span>}
      </td>
    </tr>
  );
}

export function TruthPanel() {
  const transmitters = useTraining((s) => s.readings?.transmitters);
  return (
    <section className="tr-panel ins-panel" aria-labelledby="ins-truth-title">
      <h2 className="tr-h" id="ins-truth-title">
        Measured vs truth
      </h2>
      {!transmitters ? (
        <p className="tr-empty">No readings yet.</p>
      ) : (
        <table className="tr-table">
          <thead>
            <tr>
              <th scope="col">Transmitter</th>
              <th scope="col">Measured</th>
              <th scope="col">Truth</th>
              <th scope="col">Error</th>
            </tr>
          </thead>
          <tbody>
            {transmitters.map((r) => (
              <Row key={r.sensor} reading={r} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
