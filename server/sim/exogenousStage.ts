/**
 * The first stage of an engine step: the values nobody in the city controls (weather, ground temperature, spot
 * price, the heat the waste-heat sources offer) and the supply set-point, from the curve and the operator's offset
 * or override. Pure functions of the compiled model, the time and the operator inputs. The instructor's
 * disturbances act here (malfunctions.ts): a cold snap shifts the outdoor temperature everything feels, a price
 * spike adds to the spot price, and a source that is out offers its heat pumps nothing (its own coolers then
 * reject all it must get rid of).
 */
import type { CompiledModel } from './compile';
import { supplySetpointC } from './control/supplyCurve';
import { samplePrice } from './market/electricityPrice';
import type { OperatorInputs } from './operator';
import type { StepOutputs } from './simulation';
import { evaluateSource } from './sources';
import { groundTemperatureC } from './weather/ground';
import { sampleWeather } from './weather/series';

/** The step's exogenous values, written into the outputs. */
export type ExogenousValues = Pick<
  StepOutputs,
  'weather' | 'outdoorC' | 'groundC' | 'electricityPriceEurPerMWh' | 'supplySetpointC' | 'sources'
>;

export function updateExogenous(model: CompiledModel, inputs: OperatorInputs, t: number, out: ExogenousValues): void {
  const faults = inputs.malfunctions;
  sampleWeather(model.weather, t, out.weather);
  out.weather.temperatureC += faults.outdoorOffsetK;
  out.outdoorC = out.weather.temperatureC;
  out.groundC = groundTemperatureC(model.scenario.ground, t);
  out.electricityPriceEurPerMWh = samplePrice(model.electricityPrice, t) + faults.priceAddEurPerMWh;
  out.supplySetpointC = supplySetpointC(model.supplyCurve, out.outdoorC, inputs.supplyOffsetK, inputs.supplyOverrideC);
  for (let i = 0; i < model.sources.length; i++) {
    evaluateSource(model.sources[i], t, out.outdoorC, out.weather.ghiWm2, out.sources[i]);
    if (faults.sourceOut[i]) out.sources[i].availableW = 0;
  }
}
