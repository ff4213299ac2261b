/**
 * Scenario `prosumer-block`: a new residential block whose buildings are prosumers. Four of them have their own
 * heat pumps on their own waste heat (a ground-floor shop's refrigeration twice, a mixed-use building's cooling,
 * the block's sewer); they heat themselves first and sell the rest into the network, so their service pipes
 * carry water both ways over the year. The rest of the block, and the prosumers when their heat pumps fall short,
 * take heat from the city network (its feed modelled as a heat-only plant at the block's edge).
 */
import type { ScenarioInput } from '../../../shared/scenario/schema';
import { coalBaseline, helsinkiWeather } from '../climate';
import { apartmentBlocks, blockShape, buildSmallDistrict, intoStreets, type BuildingPlan, type Slot } from './smallDistrict';

export const PROSUMER_BLOCK_ID = 'prosumer-block';
export const PROSUMER_IDS = ['shop-north', 'office-cooling', 'sewer-house', 'shop-south'] as const;

type Prosumer = NonNullable<BuildingPlan['prosumer']>;

function heatPump(id: string, capacityW: number, extra: Partial<Prosumer['heatPump']> = {}): Prosumer['heatPump'] {
  return { id, kind: 'heatPump', name: 'Prosumer heat pump', capacityW, copModel: 'lorenz', efficiency: 0.5, maxSinkC: 85, stages: 2, minPartLoad: 0.2, ...extra };
}

export function prosumerBlockScenario(): ScenarioInput {
  // 2,800 m2 each: 4- to 7-storey blocks, 14 m deep (point blocks 22 m); the shop buildings have a deeper
  // 4-storey podium over the supermarket hall.
  const size = { widthM: 40, depthM: 14, floors: 5 };
  const shopSize = blockShape(2800, 4, 20);
  const homes = apartmentBlocks('R', 20, [2019, 2020, 2021, 2022, 2023, 2024], 2800, [5, 4, 7, 5, 6], 14);
  const prosumers: BuildingPlan[] = [
    {
      id: PROSUMER_IDS[0],
      name: 'Apartments over a supermarket (north)',
      use: 'residential',
      ...shopSize,
      yearBuilt: 2023,
      prosumer: {
        source: { id: 'shop-north-refrigeration', kind: 'supermarket', name: 'Supermarket CO2 refrigeration', buildingId: PROSUMER_IDS[0], condenserW: 450e3, recoverableShare: 0.6 },
        heatPump: heatPump('shop-north-hp', 300e3),
        exports: true,
      },
    },
    {
      id: PROSUMER_IDS[1],
      name: 'Mixed-use building with office cooling',
      use: 'office',
      ...size,
      yearBuilt: 2022,
      prosumer: {
        source: { id: 'office-cooling-loop', kind: 'buildingCooling', name: 'Office chilled water', buildingId: PROSUMER_IDS[1], peakCoolingW: 350e3, returnC: 16 },
        heatPump: heatPump('office-cooling-hp', 350e3, { deliversCooling: true }),
        exports: true,
      },
    },
    {
      id: PROSUMER_IDS[2],
      name: 'Apartments with sewer heat recovery',
      use: 'residential',
      ...size,
      yearBuilt: 2024,
      prosumer: {
        source: { id: 'block-sewer', kind: 'wastewater', name: 'Block sewer main', buildingId: PROSUMER_IDS[2], meanFlowKgS: 6, minC: 8, maxC: 14, dischargeC: 2 },
        heatPump: heatPump('sewer-house-hp', 250e3),
        exports: true,
      },
    },
    {
      id: PROSUMER_IDS[3],
      name: 'Apartments over a supermarket (south)',
      use: 'residential',
      ...shopSize,
      yearBuilt: 2021,
      prosumer: {
        source: { id: 'shop-south-refrigeration', kind: 'supermarket', name: 'Supermarket CO2 refrigeration', buildingId: PROSUMER_IDS[3], condenserW: 350e3, recoverableShare: 0.6 },
        heatPump: heatPump('shop-south-hp', 250e3),
        exports: true,
      },
    },
  ];
  // Prosumers spread over the block among the homes, the city feed at the corner of the first street.
  const slots: Slot[] = homes.map((building) => ({ building }));
  prosumers.forEach((building, i) => slots.splice(3 + 6 * i, 0, { building }));
  slots.unshift({
    plant: {
      id: 'city-feed',
      name: 'City network feed',
      main: true,
      widthM: 30,
      depthM: 18,
      heightM: 10,
      yearBuilt: 2019,
      units: [
        { id: 'feed-woodchips', kind: 'boiler', name: 'City network base load (wood chips)', fuel: 'woodchips', capacityW: 3e6, efficiency: 0.88, minPartLoad: 0 },
        { id: 'feed-gas', kind: 'boiler', name: 'City network peak (gas)', fuel: 'gas', capacityW: 3e6, efficiency: 0.92, minPartLoad: 0 },
      ],
    },
  });
  return buildSmallDistrict({
    id: PROSUMER_BLOCK_ID,
    name: 'Prosumer block: new homes that sell their waste heat to the network',
    description:
      'A new residential block of 24 buildings on three short streets. Four are prosumers with their own heat pumps: two on ' +
      'the refrigeration of ground-floor supermarkets, one on the cooling of a mixed-use office building, one on the ' +
      'block\'s sewer. They heat themselves first and sell the rest into the district network (water taken from the ' +
      'return, heated and fed into the supply, so their service pipes run backwards); when their heat pumps fall ' +
      'short in winter they buy heat like their neighbours. The city network reaches the block through a feed at the ' +
      'corner of the block.',
    assumptions: [
      'Buildings are prosumers: they use district heat and sell heat back from their cooling, refrigeration and wastewater through a bidirectional network (reference, What the product models).',
      'Supermarket CO2 refrigeration: 450 and 350 kW of condenser heat at full load, 60 % recoverable (reference, Heat sources: 50-70 % recoverable), at 35 °C from the heat-recovery loop.',
      'Mixed-use building: kept at 21 °C day and night (its homes share the heating), so it has no morning boost after a night setback. Office cooling: 350 kW peak on a 28 °C sunny weekday, chilled-water return at 16 °C; the heat pump works as the chiller, so its cooling is counted as delivered.',
      'Sewer: 6 kg/s of block and neighbourhood sewage at 8-14 °C over the year, cooled to 2 °C at most (reference, Heat sources: Joensuu 8-14 °C, Lahti discharge 1-2 °C).',
      'Prosumer heat pumps: 250-350 kW, two compressors, Lorenz efficiency 0.50 (reference, Heat pumps: 0.50 for wastewater/water sources), up to 85 °C; sized at several times each building\'s summer hot-water load so that they export in summer.',
      'Exports: a prosumer may sell as much as the rest of the block draws (up to 90 % of the consumers\' flow, so the feed always keeps some flow); the export is counted at the temperature it reaches the supply.',
      'Homes: 20 blocks of 2,800 m2 (4-7 storeys) built 2019-2024; the two supermarket buildings 2,800 m2 on a deeper 4-storey footprint (design heat about 35-47 W/m2 from the building model\'s newest age class).',
      'Network feed: the city network as a heat-only plant at the corner of the block (drawn as a 30 x 18 m substation and boiler house), 3 MW wood chips (88 %) and 3 MW gas peak (92 %), with no minimum load (it stands for a heat exchanger on a large network, which can pass any flow); supply 85 °C at -20 °C down to 65 °C in summer (a new low-temperature area; Helen\'s range is 65-115 °C).',
      'Weather: Helsinki-Vantaa typical-year monthly means (IWEC), design cold -23 °C (reference, Climate). Prices and emission factors as the default scenario (reference, Emissions). Baseline: coal heat-only plant at 88 %.',
      'Layout: three streets off a cross street, buildings on both sides. Time step 120 s: short pipes, but plug-flow transport is exact for any step and buildings respond over tens of minutes.',
    ],
    simulation: { start: '2025-01-01', days: 365, stepS: 120, seed: 1, loop: { start: '2025-06-02', days: 7 } },
    weather: helsinkiWeather(),
    supplyCurve: { points: [[-20, 85], [0, 75], [10, 67], [16, 65]], minC: 65, maxC: 85 },
    sources: [],
    sections: [{ streets: intoStreets(slots, [9, 8, 8]) }],
    baseline: coalBaseline(),
  });
}
