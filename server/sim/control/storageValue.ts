/**
 * The value the dispatch puts on heat in storage (EUR/MWh of heat): what a MWh taken from the tank today saves.
 * Day-ahead prices are known for the whole day, so the heat is worth what the main plant's best heat pump would
 * spend on making it at the day's mean electricity cost: mean cost / best COP among its available heat pumps.
 * A main plant without an available heat pump makes its heat with its cheapest unit, which sets the value then.
 * Below this value the tank charges, above it the tank discharges (control/dispatch.ts).
 */
import { DAY_S, HOUR_S } from '../calendar';
import { samplePrice } from '../market/electricityPrice';
import type { Plant, PlantUnit } from '../plant/plants';

/** The day's mean spot price, computed once a day (a pure function of the price series: a cache, not state). */
export interface DayMeanPrice {
  /** First second of the day cached (NaN: none yet). */
  dayS: number;
  meanEurPerMWh: number;
}

export function createDayMeanPrice(): DayMeanPrice {
  return { dayS: NaN, meanEurPerMWh: 0 };
}

/** The day's mean spot price at time t (EUR/MWh). */
export function dayMeanPrice(cache: DayMeanPrice, hourlyPrices: Float32Array, t: number): number {
  const dayStart = Math.floor(t / DAY_S) * DAY_S;
  if (dayStart !== cache.dayS) {
    let sum = 0;
    for (let h = 0; h < 24; h++) sum += samplePrice(hourlyPrices, dayStart + h * HOUR_S);
    cache.dayS = dayStart;
    cache.meanEurPerMWh = sum / 24;
  }
  return cache.meanEurPerMWh;
}

/**
 * Value of stored heat (EUR/MWh): `meanElectricityEurPerMWh` is the day's mean electricity cost with the grid
 * fee, `electricityEurPerMWh` the cost now, which the units' dispatch costs are based on (their COP is the ratio).
 */
export function storageValueEurPerMWh(
  meanElectricityEurPerMWh: number,
  electricityEurPerMWh: number,
  units: ReadonlyArray<PlantUnit>,
  plants: ReadonlyArray<Plant>,
): number {
  let bestCop = 0;
  let cheapest = Infinity;
  for (const u of units) {
    if (!plants[u.plant].isMain || u.kind === 'storage' || u.dispatch.availableW <= 0) continue;
    if (u.kind === 'heatPump') bestCop = Math.max(bestCop, electricityEurPerMWh / u.dispatch.costEurPerMWh);
    cheapest = Math.min(cheapest, u.dispatch.costEurPerMWh);
  }
  return bestCop > 0 ? meanElectricityEurPerMWh / bestCop : cheapest;
}
