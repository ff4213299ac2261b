/**
 * The control room's transmitters as a training run shows them: each one's reading from the simulation's
 * outputs (what the automation also controls on, sensor faults included) beside the true value behind it.
 * The supply header's temperature is the main plant's outlet (°C); the differential pressure at the
 * worst-placed consumer is the pump head less the worst circuit's drop (Pa).
 */
import type { SimulationOutputs } from '../sim';
import type { Readings, TransmitterReading } from '../../shared/protocol/training';

const reading = (sensor: TransmitterReading['sensor'], measured: number, truth: number): TransmitterReading => ({
  sensor,
  measured: Number.isFinite(measured) ? measured : null,
  truth,
});

export function readTransmitters(out: SimulationOutputs): Readings {
  const main = out.plants.find((p) => p.isMain);
  return {
    simTimeS: out.timeS,
    transmitters: [
      reading('supplyTemperature', out.measured.supplyC, main?.outletC ?? NaN),
      reading('worstDp', out.measured.worstDpPa, out.pump.headPa - out.pump.worstCircuitDropPa),
    ],
  };
}

/** The same readings without the truth, as a trainee or a viewer gets them. */
export function withoutTruth(r: Readings): Readings {
  return { simTimeS: r.simTimeS, transmitters: r.transmitters.map(({ sensor, measured }) => ({ sensor, measured })) };
}
