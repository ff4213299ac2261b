/**
 * Scenario `energy-positive-district`: a new district that over a year makes more heat than its buildings use and
 * sells the rest over a tie line to the neighbouring older network. Inside the district: a wastewater heat pump
 * plant at the sewage treatment works and two prosumer buildings (a supermarket's refrigeration, an office
 * building's cooling). Outside it: older apartment blocks and the neighbourhood's boiler plant, which holds the
 * pressure and tops up. The district's books (schema `districts`, nodes tagged `district`) show the heat its
 * buildings used, the heat made inside it, its own pipe losses and the net export measured at the tie line.
 */
import type { ScenarioInput } from '../../../shared/scenario/schema';
import { coalBaseline, helsinkiWeather } from '../climate';
import { apartmentBlocks, buildSmallDistrict, intoStreets, type BuildingPlan, type Slot } from './smallDistrict';

export const ENERGY_POSITIVE_DISTRICT_ID = 'energy-positive-district';
export const DISTRICT_ID = 'positive';

export function energyPositiveDistrictScenario(): ScenarioInput {
  // Old blocks 3,900 m2 (4-8 storeys), new ones 3,150 m2 (4-7 storeys, 14 m deep).
  const oldBlocks = apartmentBlocks('O', 18, [1964, 1969, 1972, 1975, 1979], 3900, [5, 4, 8, 5, 4, 6]);
  const newSize = { widthM: 45, depthM: 14, floors: 5 };
  const newBlocks = apartmentBlocks('E', 14, [2021, 2022, 2023, 2024], 3150, [5, 6, 7, 4], 14);
  const prosumers: BuildingPlan[] = [
    {
      id: 'market-hall',
      name: 'Apartments over a supermarket',
      use: 'residential',
      ...newSize,
      yearBuilt: 2023,
      prosumer: {
        source: { id: 'market-refrigeration', kind: 'supermarket', name: 'Supermarket CO2 refrigeration', buildingId: 'market-hall', condenserW: 450e3, recoverableShare: 0.6 },
        heatPump: { id: 'market-hp', kind: 'heatPump', name: 'Supermarket heat pump', capacityW: 300e3, copModel: 'lorenz', efficiency: 0.5, maxSinkC: 90, stages: 2 },
        exports: true,
      },
    },
    {
      id: 'office-house',
      name: 'Office building with cooling',
      use: 'office',
      ...newSize,
      yearBuilt: 2022,
      prosumer: {
        source: { id: 'office-chilled-water', kind: 'buildingCooling', name: 'Office chilled water', buildingId: 'office-house', peakCoolingW: 400e3, returnC: 16 },
        heatPump: { id: 'office-hp', kind: 'heatPump', name: 'Office heat pump (cooling and heating)', capacityW: 400e3, copModel: 'lorenz', efficiency: 0.5, maxSinkC: 90, stages: 2, deliversCooling: true },
        exports: true,
      },
    },
  ];
  const districtSlots: Slot[] = newBlocks.map((building) => ({ building }));
  districtSlots.splice(4, 0, { building: prosumers[0] });
  districtSlots.splice(10, 0, { building: prosumers[1] });
  // At the east end: the heat pump plant, across the street from the sewage treatment works it draws from.
  districtSlots.push({
    plant: {
      id: 'sewage-plant',
      name: 'Wastewater heat pump plant',
      widthM: 40,
      depthM: 25,
      heightM: 14,
      yearBuilt: 2023,
      units: [
        {
          id: 'sewage-hp',
          kind: 'heatPump',
          name: 'Treated-sewage heat pump (4 MW)',
          source: 'treated-sewage',
          capacityW: 4e6,
          copModel: 'lorenz',
          efficiency: 0.5,
          maxSinkC: 90,
          maxLiftK: 90,
          stages: 2,
          minPartLoad: 0.1,
        },
      ],
    },
  });
  districtSlots.push({
    drawn: { id: 'treatment-works', name: 'Sewage treatment works', use: 'industrial', widthM: 140, depthM: 70, floors: 1, heightM: 8, yearBuilt: 1985 },
  });
  const neighbourSlots: Slot[] = oldBlocks.map((building) => ({ building }));
  neighbourSlots.unshift({
    plant: {
      id: 'neighbour-plant',
      name: 'Neighbourhood boiler plant',
      main: true,
      widthM: 35,
      depthM: 22,
      heightM: 16,
      yearBuilt: 1975,
      units: [
        { id: 'neighbour-gas', kind: 'boiler', name: 'Gas boilers (10 MW)', fuel: 'gas', capacityW: 10e6, efficiency: 0.92, minPartLoad: 0 },
        { id: 'neighbour-eboiler', kind: 'boiler', name: 'Electric boiler (4 MW)', fuel: 'electric', capacityW: 4e6, efficiency: 0.99, minPartLoad: 0 },
      ],
    },
  });
  return buildSmallDistrict({
    id: ENERGY_POSITIVE_DISTRICT_ID,
    name: 'Energy-positive district: more heat made than used, the rest sold next door',
    description:
      'A new district of 16 low-energy buildings with a 4 MW heat pump on treated sewage and two prosumer buildings ' +
      '(a supermarket\'s refrigeration, an office building\'s cooling). Over a year it makes more heat than its ' +
      'buildings use and exports the rest over a 300 m tie line to the neighbouring older network of 18 apartment ' +
      'blocks, whose gas and electric boilers hold the pressure and cover what is left. The district\'s balance (used, ' +
      'produced, lost in its pipes, exported at the tie line) is in the summary.',
    assumptions: [
      'Districts can become energy-positive, producing more heat than they use (reference, What the product models); here the district is the new area with its own sources, and its net export is measured where the tie line leaves it.',
      'Treated sewage: 120 kg/s at 8-14 °C over the year, cooled to 2 °C at most, about 3-5 MW of source heat (reference, Heat sources: Joensuu 8-14 °C; Lahti plant 5 MW, lifted to 90 °C, discharged at 1-2 °C).',
      'Sewage heat pump: 4 MW, two stages, Lorenz efficiency 0.50 (reference, Heat pumps: 0.50 for wastewater), up to 90 °C (Lahti: 90 °C).',
      'Prosumers: supermarket CO2 refrigeration 450 kW at full load, 60 % recoverable (reference: 50-70 %); office cooling 400 kW peak with a 16 °C chilled-water return, the heat pump acting as the chiller.',
      'New buildings: 16 blocks of 3,150 m2 (4-7 storeys) built 2021-2024 (design heat about 35-47 W/m2, building model). Neighbouring network: 18 blocks of 3,900 m2 (4-8 storeys) from 1964-1979 (about 77-80 W/m2).',
      'Neighbouring plant: 10 MW gas (92 %) and 4 MW electric (99 %) boilers, no minimum load, holding the differential pressure; the cheaper heat pump is dispatched first by marginal cost.',
      'Supply 90 °C at -20 °C down to 65 °C in summer, within what the sewage heat pump can make (Helen\'s range is 65-115 °C).',
      'Weather: Helsinki-Vantaa typical-year monthly means (IWEC), design cold -23 °C (reference, Climate). Prices and emission factors as the default scenario. Baseline: coal heat-only plant at 88 %.',
      'Layout: each area on three streets off a cross street; the sewage heat pump plant (40 x 25 m, 14 m high) at the far east end, across the street from the treatment works (drawn only, 140 x 70 m); the neighbourhood boiler plant (35 x 22 m, 16 m high) at the corner of the old area. Time step 120 s: short pipes, but plug-flow transport is exact for any step and buildings respond over tens of minutes.',
    ],
    simulation: { start: '2025-01-01', days: 365, stepS: 120, seed: 1, loop: { start: '2025-04-07', days: 7 } },
    weather: helsinkiWeather(),
    supplyCurve: { points: [[-20, 90], [0, 78], [10, 68], [16, 65]], minC: 65, maxC: 90 },
    sources: [{ id: 'treated-sewage', kind: 'wastewater', name: 'Treated sewage', buildingId: 'treatment-works', meanFlowKgS: 120, minC: 8, maxC: 14, dischargeC: 2 }],
    // The older neighbourhood (west) on three streets, the tie line east from its first street, the new district on three.
    sections: [
      { streets: intoStreets(neighbourSlots, [9, 6, 4]) },
      { district: DISTRICT_ID, streets: intoStreets(districtSlots, [6, 6, 6]) },
    ],
    tieLineM: 300,
    baseline: coalBaseline(),
    districts: [{ id: DISTRICT_ID, name: 'Energy-positive district' }],
  });
}
