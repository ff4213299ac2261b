/**
 * The fixed, city-independent parts of a generated scenario: location, climate, supply curve, prices, emissions.
 *
 * Climate: Helsinki-Vantaa typical year (ASHRAE IWEC, WMO 029740) monthly means and a -23 °C design cold
 * (ASHRAE 99.6 % heating design -23.7 °C), ../shared/reference/district-heating.md, Climate.
 * Supply temperature: Helen (Helsinki) runs 65-115 °C by outdoor temperature (reference, Network).
 * Emission factors (reference, Emissions): grid 179 g/kWh (Finnish residual mix 2020); fuels per kWh of fuel,
 * IPCC 2006 Vol. 2 Table 1.4: coal 341, gas 202, oil 267 (74.1 kg/GJ), woodchips 0 (biogenic).
 * Prices: assumptions for a mid-2020s Finnish utility (spot electricity about 60 EUR/MWh; fuel prices per MWh of
 * fuel; EU ETS about 80 EUR/t CO2).
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
