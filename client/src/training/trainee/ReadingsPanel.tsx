/**
 * What the control room's transmitters read (the session's `readings`, about once a second): the supply
 * header's temperature and the differential pressure at the worst-placed consumer. Measured values only; a
 * transmitter without a reading says so.
 */
import { useTraining } from '../../state/trainingStore';
import type { TransmitterReading } from '../../../../shared/protocol/training';

const SENSORS: Record<TransmitterReading['sensor'], { label: string; text: (v: number) => string }> = {
  supplyTemperature: { label: 'Supply temperature (measured)', text: (c) => `${c.toFixed(1)} °C` },
  worstDp: { label: 'Worst-point dp (measured)', text: (pa) => `${(pa / 1e3).toFixed(1)} kPa` },
};

export function ReadingsPanel() {
  const readings = useTraining((s) => s.readings);
  return (
    <section className="tr-panel tr-readings" aria-label="Transmitter readings" data-testid="readings">
      {(['supplyTemperature', 'worstDp'] as const).map((sensor) => {
        const reading = readings?.transmitters.find((t) => t.sensor === sensor);
        const value = reading?.measured;
        const shown = reading === undefined ? '—' : value == null ? 'no reading' : SENSORS[sensor].text(value);
        return (
          <div key={sensor} className="tr-figure tr-reading">
            <span className="tr-label">{SENSORS[sensor].label}</span>
            <span className="tr-value tr-num">{shown}</span>
          </div>
        );
      })}
    </section>
  );
}
