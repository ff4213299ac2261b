/**
 * Scenario `heat-node`: a heat pump that joins building cooling and district heating. An office cluster's chilled
 * water is the heat pump's source, so one machine cools the offices and heats the neighbourhood at once; its
 * combined COP, (heat + cooling delivered) / electricity, is in the summary (`combinedCop`). Electric boilers top
 * the water up in winter above the 85 °C the heat pump can make, and cover what the cooling load cannot supply.
 */
import type { ScenarioInput } from '../../../shared/scenario/schema';
import { coalBaseline, helsinkiSupplyCurve, helsinkiWeather } from '../climate';
import { apartmentBlocks, buildSmallDistrict, intoStreets, type BuildingPlan, type Slot } from './smallDistrict';

export const HEAT_NODE_ID = 'heat-node';
export const HEAT_NODE_HP_ID = 'node-hp';

export function heatNodeScenario(): ScenarioInput {
  // 7,200 m2 each: 5-, 6- and 8-storey office buildings, 20 m deep (daylit floors both sides of a corridor).
  const officeFloors = [6, 8, 5, 6, 8];
  const offices: BuildingPlan[] = Array.from({ length: 10 }, (_, i) => ({
    id: `OF${String(i + 1).padStart(2, '0')}`,
    use: 'office' as const,
    widthM: 7200 / officeFloors[i % 5] / 20,
    depthM: 20,
    floors: officeFloors[i % 5],
    yearBuilt: [2008, 2012, 2016, 2019, 2022][i % 5],
  }));
  const homes = apartmentBlocks('H', 20, [1968, 1974, 1981, 1990, 2005], 4680, [6, 4, 8, 6, 7]);
  const officeSlots: Slot[] = offices.map((building) => ({ building }));
  // The heat node in the middle of the office street, across the street from OF05 (the source building).
  officeSlots.splice(5, 0, {
    plant: {
      id: 'heat-node',
      name: 'Office cluster heat node',
      main: true,
      widthM: 35,
      depthM: 25,
      heightM: 12,
      yearBuilt: 2021,
      units: [
        {
          id: HEAT_NODE_HP_ID,
          kind: 'heatPump',
          name: 'Heat-node heat pump (R1234ze, heating and cooling)',
          source: 'office-cooling',
          capacityW: 4e6,
          copModel: 'lorenz',
          efficiency: 0.55,
          maxSinkC: 85,
          stages: 2,
          minPartLoad: 0.1,
          deliversCooling: true,
        },
        { id: 'node-eboiler', kind: 'boiler', name: 'Electric boilers (12 MW)', fuel: 'electric', capacityW: 12e6, efficiency: 0.99, minPartLoad: 0 },
      ],
    },
  });
  return buildSmallDistrict({
    id: HEAT_NODE_ID,
    name: 'Heat node: one heat pump cools the offices and heats the homes',
    description:
      'An office cluster of 10 buildings on one street and 20 apartment blocks on the two streets behind it. The offices\' chilled water is the ' +
      'source of a 4 MW heat pump at the heat node: while it cools the offices it heats the district network, ' +
      'delivering both at once. Its combined COP, heat plus cooling per unit of electricity, is what a heat node ' +
      'earns over a heat pump alone (COP_cool = COP_heat - 1). Electric boilers top the water up above 85 °C in winter ' +
      'and cover the heat the cooling load cannot supply.',
    assumptions: [
      'A heat pump is the node that joins buildings, cooling and district heating (reference, What the product models); it works as the offices\' chiller, so the heat it takes from the chilled water is cooling delivered.',
      'Energy balance Q_sink = Q_source + P_el, so COP_cool = COP_heat - 1 and the combined COP = COP_heat + COP_cool = 2·COP_heat - 1 (reference, Heat pumps).',
      'Like the Oilon units in Espoo (about 40 MW in all, R1234ze, 85 °C, system COP about 6.6 heating and cooling together; reference): the heat pump makes at most 85 °C; Lorenz efficiency 0.55, within the reference\'s 0.4-0.6 for high-temperature industrial units: R1234ze units of this kind are among the most efficient, and with the network\'s 45-55 °C returns 0.50 would leave the combined COP some 20 % below the Espoo figure.',
      'Office cooling: 4 MW on a 28 °C sunny weekday; a tenth of it (server rooms, process cooling) all year; free cooling by outdoor air covers comfort cooling below 12 °C (building-cooling source model); chilled-water return at 16 °C, leaving 5 K colder.',
      'Offices: 10 buildings of 7,200 m2 (5-8 storeys, 20 m deep) built 2008-2022, kept at 21 °C day and night (no setback, so no morning boost beyond their substations); homes: 20 blocks of 4,680 m2 (4-8 storeys) built 1968-2005 (design heat from the building model).',
      'Electric boilers 12 MW (99 %), Espoo-style (its plants have electric boilers, reference), with no minimum load.',
      'Supply temperature Helen-style, 115 °C at the design cold to 68 °C in summer (reference, Network: 65-115 °C).',
      'Weather: Helsinki-Vantaa typical-year monthly means (IWEC), design cold -23 °C (reference, Climate). Prices and emission factors as the default scenario. Baseline: coal heat-only plant at 88 %.',
      'Layout: the heat node (a 35 x 25 m, 12 m high plant room) in the middle of the office street; the chilled-water source is drawn at the office across the street (OF05), standing for the cluster\'s chilled-water main that joins all ten. Time step 120 s: short pipes, but plug-flow transport is exact for any step and buildings respond over tens of minutes.',
    ],
    simulation: { start: '2025-01-01', days: 365, stepS: 120, seed: 1, loop: { start: '2025-07-07', days: 7 } },
    weather: helsinkiWeather(),
    supplyCurve: helsinkiSupplyCurve() as { points: [number, number][]; minC: number; maxC: number },
    sources: [{ id: 'office-cooling', kind: 'buildingCooling', name: 'Office cluster chilled water', buildingId: 'OF05', peakCoolingW: 4e6, returnC: 16 }],
    // The office street first (south), then two streets of homes.
    sections: [{ streets: [officeSlots, ...intoStreets(homes.map((building) => ({ building })), [10, 10])] }],
    baseline: coalBaseline(),
  });
}
