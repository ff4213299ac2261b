/**
 * The fixed, city-independent parts of a generated scenario: location, climate, supply curve, prices, emissions.
 *
 * Climate: Helsinki-Vantaa typical year (ASHRAE IWEC, WMO 029740) monthly means and a -23 °C design cold
 * (ASHRAE 99.6 % heating design -23.7 °C), docs/reference-figures.md, Climate.
 * Supply temperature: Helen (Helsinki) runs 65-115 °C by outdoor temperature (reference, Network).
 * Emission factors (reference, Emissions): grid 179 g/kWh (Finnish residual mix 2020); fuels per kWh of fuel,
 * IPCC 2006 Vol. 2 Table 1.4: coal 341, gas 202, oil 267 (74.1 kg/GJ), woodchips 0 (biogenic).
 * Prices: assumptions for a mid-2020s Finnish utility (spot electricity about 60 EUR/MWh; fuel prices per MWh of
 * fuel; EU ETS about 80 EUR/t CO2).
 * Substation faults: 74 % of substations faulty (Gadd & Werner 2015, Applied Energy 157: faults in 74 % of 135);
 * the short circuit of a faulty one, 15 % of its design flow, is calibrated so that the default scenario's returns
 * land in the reference's 45-55 °C (Network: Helen's return about 45-55 °C) in every month.
 */
import type { ScenarioInput } from '../../shared/scenario/schema';

export const ESPOO_LOCATION = { name: 'Espoo, Finland', latitudeDeg: 60.2055, longitudeDeg: 24.6559 };

/** Helsinki-Vantaa IWEC typical year, Jan..Dec (°C). */
export const HELSINKI_MONTHLY_MEAN_C = [-3.9, -5.7, -1.0, 3.7, 9.9, 14.0, 16.7, 15.8, 10.2, 5.9, -1.3, -3.0];
export const DESIGN_COLD_C = -23;

export function helsinkiWeather(): ScenarioInput['weather'] {
  return { kind: 'synthetic', monthlyMeanC: HELSINKI_MONTHLY_MEAN_C.slice(), designColdC: DESIGN_COLD_C, noiseK: 3.5 };
}

/** Helen-style curve: 115 °C at the design cold, about 85 °C at 0 °C, 68 °C in summer. */
export function helsinkiSupplyCurve(): ScenarioInput['supplyCurve'] {
  return {
    points: [
      [-23, 115],
      [-10, 100],
      [0, 86],
      [10, 72],
      [16, 68],
    ],
    minC: 65,
    maxC: 115,
  };
}

const FAULTY_SUBSTATION_SHARE = 0.74;
const SHORT_CIRCUIT_SHARE = 0.15;

/**
 * Faulty substations as in Finnish and Swedish networks. A lumped building stands for many substations, so each
 * one gets the mean short circuit (share x flow) rather than a random few getting the whole of it.
 */
export function nordicSubstationFaults(lumped = false): NonNullable<ScenarioInput['network']['substationFaults']> {
  return lumped
    ? { share: 1, shortCircuitShare: FAULTY_SUBSTATION_SHARE * SHORT_CIRCUIT_SHARE }
    : { share: FAULTY_SUBSTATION_SHARE, shortCircuitShare: SHORT_CIRCUIT_SHARE };
}

/** The scenario assumption that goes with nordicSubstationFaults. */
export function substationFaultsAssumption(lumped = false): string {
  const spread = lumped
    ? `; each lumped block, standing for many substations, short-circuits the mean ${Math.round(100 * FAULTY_SUBSTATION_SHARE * SHORT_CIRCUIT_SHARE)} % of its design flow`
    : '';
  return `Substations: ${Math.round(100 * FAULTY_SUBSTATION_SHARE)} % have a fault (Gadd & Werner 2015: faults in 74 % of 135 Swedish substations), modelled as a short circuit of ${Math.round(100 * SHORT_CIRCUIT_SHARE)} % of design flow from supply to return, calibrated so that returns are 45-55 °C as in Helsinki (Helen)${spread}.`;
}

export function finnishPrices(): ScenarioInput['prices'] {
  return {
    electricity: { kind: 'synthetic', meanEurPerMWh: 60, seasonality: 0.5, volatility: 0.35 },
    electricityNetworkEurPerMWh: 25,
    fuelEurPerMWh: { gas: 45, oil: 80, woodchips: 25, coal: 15 },
    co2EurPerTonne: 80,
  };
}

export function finnishEmissions(): ScenarioInput['emissions'] {
  return { electricityGPerKWh: 179, fuelGPerKWh: { gas: 202, oil: 267, woodchips: 0, coal: 341 } };
}

export function coalBaseline(): ScenarioInput['baseline'] {
  return { name: 'Coal-fired heat-only boiler plant (the pre-2024 Espoo baseline)', fuel: 'coal', efficiency: 0.88 };
}

/** Heating degree-days to base 17 °C of the Helsinki-Vantaa typical year (reference, Climate), K·d. */
export const HELSINKI_HDD17_KD = 4420;
