/**
 * Scenario `outdoor-air-subzero`: a Vermo-like 10 MW outdoor-air heat pump plant making up to 95 °C water for a
 * small district of 1960s-80s apartment blocks, with electric and gas peak boilers; the weather places a cold snap
 * (hourly minimum -25 °C) in the first week of February, so the story can show the heat pump's COP and capacity
 * fall, the unit stop below -15 °C and the boilers take over, and all of it come back when it warms.
 */
import type { ScenarioInput } from '../../../shared/scenario/schema';
import { coalBaseline, helsinkiWeather } from '../climate';
import { apartmentBlocks, buildSmallDistrict, intoStreets, type Slot } from './smallDistrict';

export const OUTDOOR_AIR_SUBZERO_ID = 'outdoor-air-subzero';
export const COLD_SNAP = { start: '2025-02-03', days: 7, minC: -25 } as const;
export const AIR_HP_ID = 'air-hp';

export function outdoorAirSubzeroScenario(): ScenarioInput {
  // 4,680 m2 each: long 4-storey slabs, 6-storey slabs and 8-storey point blocks, as in a 1960s-80s suburb.
  const blocks = apartmentBlocks('A', 36, [1962, 1968, 1971, 1974, 1978, 1983], 4680, [6, 4, 8, 6, 4, 6]);
  const slots: Slot[] = blocks.map((building) => ({ building }));
  slots.splice(0, 0, {
    plant: {
      id: 'vermo',
      name: 'Outdoor-air heat pump plant',
      main: true,
      widthM: 50,
      depthM: 30,
      heightM: 14,
      yearBuilt: 2023,
      units: [
        {
          id: AIR_HP_ID,
          kind: 'heatPump',
          name: 'Air-to-water heat pump (10 MW)',
          source: 'outdoor-air',
          capacityW: 10e6,
          copModel: 'carnot',
          efficiency: 0.4,
          maxSinkC: 95,
          maxLiftK: 115,
          minSourceC: -15,
          sourceGlideK: 0,
          minPartLoad: 0.05,
          stages: 4,
        },
        { id: 'e-boiler', kind: 'boiler', name: 'Electric peak boiler (12 MW)', fuel: 'electric', capacityW: 12e6, efficiency: 0.99 },
        { id: 'gas-boiler', kind: 'boiler', name: 'Gas peak boiler (8 MW)', fuel: 'gas', capacityW: 8e6, efficiency: 0.92 },
      ],
    },
  });
  return buildSmallDistrict({
    id: OUTDOOR_AIR_SUBZERO_ID,
    name: 'Outdoor air at -25 °C: a 10 MW air-to-water heat pump and its peak boilers',
    description:
      'A small district of 36 apartment blocks from the 1960s-80s heated by a Vermo-like 10 MW outdoor-air heat pump ' +
      'plant that lifts winter air to water of up to 95 °C, with electric and gas peak boilers. In the first week of ' +
      'February a cold snap takes the air to -25 °C: the heat pump loses COP and capacity as the air cools, stops below ' +
      '-15 °C, the peak boilers carry the district, and the heat pump returns when it warms.',
    assumptions: [
      'Heat pump: 10 MW rated at +7 °C air, like Fortum Vermo (Espoo) air-to-water plant of 10 MW that works down to -15 °C (reference, What the product models); it trips below -15 °C air (minSourceC).',
      'COP: Carnot fraction 0.40 on the outlet temperature and the air temperature, COP = 0.40 · T_sink / (T_sink - T_air) (reference, Heat pumps: typical 0.40 for air source); about 1.3 at 95 °C water from -15 °C air, 1.2 at -25 °C (why the plant stops there), 2.2-2.6 at 70-75 °C from +10 °C air.',
      'Lift up to 115 K (maxLiftK): assumed two-stage (cascade) compression, so that 95 °C is reached at -15 °C air; a single stage would preheat only.',
      'Capacity and defrost with air temperature: the heat pump model\'s stylised derating (full at +7 °C, 60 % at -15 °C; a defrost penalty of up to 10 % between -10 and +7 °C); the reference gives only "capacity and COP fall with air temperature; defrost losses near 0 °C".',
      'Four compressors: the plant can turn down to 5 % of its rating (one compressor at 20 %), so it can follow the summer hot-water load; part-load losses from the heat pump model.',
      'Peak boilers: 12 MW electric (99 %) and 8 MW gas (92 %), 20 MW together: above the cold-snap peak (about 17 MW with the morning recovery), so the district stays warm with the heat pump stopped.',
      'District: 36 apartment blocks of 4,680 m2 each (4-storey slabs, 6-storey slabs and 8-storey point blocks) built 1962-1983, on three streets (design heat from the building model: about 77-80 W/m2 before 1976, 67 W/m2 after), about 13 MW at -26 °C.',
      'Supply temperature 95 °C at -15 °C, 85 °C at 0 °C, 75 °C at +10 °C, 70 °C in summer: the top temperature the heat pump can make (reference: large heat pumps lift sources to 70-95 °C); below -15 °C it rises to 105 °C at -25 °C, made by the peak boilers alone, because the blocks\' 1960s-80s radiators need it on the coldest days (reference: Helen runs up to 115 °C).',
      'Weather: Helsinki-Vantaa typical-year monthly means (IWEC; reference, Climate) with the cold spell placed on 3-9 February, hourly minimum -25 °C (the reference\'s "-25 °C" cold snap; Helsinki-Vantaa mean annual extreme minimum -24.7 °C).',
      'Prices and emissions as the default scenario: spot electricity about 60 EUR/MWh plus 25 EUR/MWh fees; gas 45 EUR/MWh; CO2 80 EUR/t; grid 179 g/kWh, gas 202 g/kWh (IPCC 2006). Baseline: a coal heat-only plant at 88 % (Espoo before 2024).',
      'Layout: the plant hall (50 x 30 m, 14 m high: compressors, boilers and the air coils on its roof) at the corner of the first street, the blocks on both sides of three streets. Time step 120 s: the pipes are short (60-110 m street sections) but the plug-flow transport is exact for any step; the buildings and the units respond over tens of minutes.',
    ],
    simulation: { start: '2025-01-01', days: 365, stepS: 120, seed: 1, loop: { start: '2025-01-27', days: 21 } },
    weather: { ...(helsinkiWeather() as Extract<ScenarioInput['weather'], { kind: 'synthetic' }>), coldSpell: { ...COLD_SNAP } },
    supplyCurve: { points: [[-25, 105], [-15, 95], [0, 85], [10, 75], [16, 70]], minC: 65, maxC: 105 },
    sources: [{ id: 'outdoor-air', kind: 'outdoorAir', name: 'Outdoor air' }],
    // Three streets off a cross street: the plant at the corner of the first, 12 blocks on each.
    sections: [{ streets: intoStreets(slots, [13, 12, 12]) }],
    baseline: coalBaseline(),
  });
}
