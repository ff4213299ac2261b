/**
 * The run's clock as the station shows it, sampled from the latest frame on the HUD's slow tick (never per
 * frame): simulated date and time, the speed, and whether it runs or is frozen (a frozen clock's frames say 0).
 */
import { shallowEqual, useLiveValue } from '../../hud/hudTicker';
import { simDateTime, speedText } from '../../hud/format';
import type { Frame } from '../../../../shared/protocol/frame';

export interface RunClock {
  date: string;
  time: string;
  speed: string;
  running: boolean;
}

function readClock(f: Frame): RunClock {
  const { date, time } = simDateTime(f.header.simTimeS);
  return { date, time, speed: speedText(f.header.speed), running: f.header.speed > 0 };
}

export function useRunClock(): RunClock | null {
  return useLiveValue(readClock, shallowEqual);
}
