/**
 * The scenario document: the one door through which a city enters HeatTwin (file, REST body, CLI flag).
 *
 * Units are SI and carried in the field names: W, C (°C), M (metres), M2, M3, S (seconds), Pa, KgS (kg/s),
 * EurPerMWh, GPerKWh. Positions are metres in a local east (x) / north (y) frame.
 * Cross-references (a pipe's nodes, a heat pump's source, a building's node) are checked in `validate.ts`,
 * which also turns zod issues into one-line messages that name the field path.
 */
import { z } from 'zod';
import { calendarDateSchema } from '../protocol/calendarDate';

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'ids use letters, digits and _ . : -');
const finite = z.number().finite();
const positive = finite.positive();
const nonNegative = finite.nonnegative();
const fraction = finite.min(0).max(1);
const celsius = finite.min(-60).max(200);
const point = z.tuple([finite, finite]);
const isoDate = calendarDateSchema;

/** Hour-of-day window, local time, [fromH, toH); fromH > toH wraps past midnight. */
const hourWindow = z.tuple([finite.min(0).max(24), finite.min(0).max(24)]);

export const weatherSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('synthetic'),
    /** Monthly mean dry-bulb temperatures Jan..Dec the synthetic year is built around. */
    monthlyMeanC: z.array(celsius).length(12),
    /** Mean daily min-to-max swing per month (K), Jan..Dec. */
    dailyRangeK: z.array(nonNegative.max(30)).length(12).optional(),
    /** Temperature the coldest spell of the year reaches (design cold). */
    designColdC: celsius.default(-23),
    /** Standard deviation of day-to-day weather noise (K). */
    noiseK: nonNegative.max(10).default(3.5),
    /**
     * Optional: place the cold spell yourself (a scenario that tells a cold snap) instead of by chance inside the
     * coldest months. `start` is read as a day of the typical year (the year part is ignored); the spell lasts `days`
     * and its coldest hour reaches `minC` (which then replaces designColdC). Monthly means stay exact.
     */
    coldSpell: z.object({ start: isoDate, days: finite.min(2).max(30), minC: celsius }).optional(),
  }),
  z.object({
    kind: z.literal('epw'),
    /** Path of an EPW file, relative to the scenario file. Read by the caller, never by the simulation. */
    file: z.string().min(1),
  }),
]);

export const groundSchema = z.object({
  meanC: celsius,
  /** Half the annual swing at the surface (K). */
  amplitudeK: nonNegative.max(40),
  /** Day of year (1-365) of the coldest surface temperature. */
  coldestDay: finite.min(1).max(366),
  /** Pipe burial depth (m). */
  depthM: positive.max(10).default(1),
  /** Soil thermal diffusivity (m2/s). */
  diffusivityM2S: positive.max(1e-5).default(6e-7),
});

export const buildingUse = z.enum([
  'residential',
  'office',
  'school',
  'retail',
  'supermarket',
  'datacentre',
  'industrial',
  'plant',
]);
export type BuildingUse = z.infer<typeof buildingUse>;

export const sourceKind = z.enum(['datacentre', 'supermarket', 'wastewater', 'buildingCooling', 'outdoorAir']);
export type SourceKind = z.infer<typeof sourceKind>;

const sourceBase = { id, name: z.string().optional(), buildingId: id.optional() };

export const sourceSchema = z.discriminatedUnion('kind', [
  z.object({
    ...sourceBase,
    kind: z.literal('datacentre'),
    /** Mean IT electrical load (W); all of it becomes heat in the cooling water. */
    itLoadW: positive,
    coolingType: z.enum(['air', 'warmWater', 'liquid']),
    /** Peak-to-mean swing of IT load over the day and the week (fractions of mean). */
    dailySwing: fraction.default(0.08),
    weeklySwing: fraction.default(0.05),
  }),
  z.object({
    ...sourceBase,
    kind: z.literal('supermarket'),
    /** Rejected condenser heat at full refrigeration load (W). */
    condenserW: positive,
    openingHours: hourWindow.default([7, 22]),
    /** Share of rejected heat that can be recovered (reference: 0.5-0.7). */
    recoverableShare: fraction.default(0.6),
  }),
  z.object({
    ...sourceBase,
    kind: z.literal('wastewater'),
    /** Mean sewage flow (kg/s). */
    meanFlowKgS: positive,
    /** Seasonal sewage temperature range (reference: Joensuu 8-14 °C). */
    minC: celsius.default(8),
    maxC: celsius.default(14),
    /** The lowest temperature the water may be discharged at (reference: Lahti 1-2 °C). */
    dischargeC: celsius.default(2),
  }),
  z.object({
    ...sourceBase,
    kind: z.literal('buildingCooling'),
    /** Peak cooling load of the served buildings (W) on a hot sunny afternoon. */
    peakCoolingW: positive,
    /** Chilled-water return temperature the heat pump takes heat from. */
    returnC: celsius.default(16),
    officeHours: hourWindow.default([7, 19]),
  }),
  z.object({
    ...sourceBase,
    kind: z.literal('outdoorAir'),
  }),
]);
export type SourceSpec = z.infer<typeof sourceSchema>;

export const heatPumpSchema = z.object({
  id,
  kind: z.literal('heatPump'),
  name: z.string().optional(),
  /** Source this unit draws from (id in `sources`). */
  source: id,
  /** Rated heat output at rated conditions (W); 40 kW to 80 MW. */
  capacityW: finite.min(40e3).max(80e6),
  /** COP model: Carnot fraction on outlet temperatures, or Lorenz on log-mean stream temperatures. */
  copModel: z.enum(['carnot', 'lorenz']).default('lorenz'),
  /** Efficiency relative to the ideal (Carnot or Lorenz) COP. */
  efficiency: finite.min(0.2).max(0.8).default(0.5),
  maxSinkC: celsius.default(95),
  maxLiftK: positive.max(150).default(80),
  /** Below this source temperature the unit trips. */
  minSourceC: celsius.default(-25),
  /** Source water leaves this much colder than it enters (K); 0 for outdoor air. */
  sourceGlideK: nonNegative.max(40).default(5),
  minPartLoad: fraction.default(0.2),
  stages: z.number().int().min(1).max(12).default(1),
  /** Output change rate limit (fraction of capacity per second). */
  rampPerS: positive.max(1).default(1 / 300),
  startupDelayS: nonNegative.max(7200).default(300),
  minOnS: nonNegative.max(86400).default(1800),
  minOffS: nonNegative.max(86400).default(900),
  /** When the heat pump also serves a cooling network, its cooling counts as delivered. */
  deliversCooling: z.boolean().default(false),
});
export type HeatPumpSpec = z.infer<typeof heatPumpSchema>;

export const fuel = z.enum(['gas', 'oil', 'woodchips', 'coal', 'electric']);
export type Fuel = z.infer<typeof fuel>;

export const boilerSchema = z.object({
  id,
  kind: z.literal('boiler'),
  name: z.string().optional(),
  fuel,
  capacityW: positive.max(500e6),
  /** Heat out per fuel (or electricity) in, at full load, lower heating value. */
  efficiency: finite.min(0.3).max(1.1),
  minPartLoad: fraction.default(0.1),
  rampPerS: positive.max(1).default(1 / 120),
  /** Reserve boilers only run when everything else is short. */
  reserve: z.boolean().default(false),
});
export type BoilerSpec = z.infer<typeof boilerSchema>;

export const storageSchema = z.object({
  id,
  kind: z.literal('storage'),
  name: z.string().optional(),
  type: z.enum(['tank', 'cavern']).default('tank'),
  volumeM3: positive.max(1e7),
  maxChargeW: positive,
  maxDischargeW: positive,
  /** Heat loss coefficient of the whole store to its surroundings (W/K). */
  lossWPerK: nonNegative,
  ambientC: celsius.default(10),
  /** Temperature of the cold layer (the network return it is charged from). */
  coldC: celsius.default(45),
  initialSoc: fraction.default(0.5),
});
export type StorageSpec = z.infer<typeof storageSchema>;

export const unitSchema = z.discriminatedUnion('kind', [heatPumpSchema, boilerSchema, storageSchema]);
export type UnitSpec = z.infer<typeof unitSchema>;

export const plantSchema = z.object({
  id,
  name: z.string(),
  /** Network node the plant feeds. */
  node: id,
  /** The plant whose pump holds the differential pressure; exactly one plant has it. */
  main: z.boolean().default(false),
  footprint: z.array(point).min(3).optional(),
  heightM: positive.max(300).default(12),
  units: z.array(unitSchema).min(1),
});
export type PlantSpec = z.infer<typeof plantSchema>;

export const prosumerSchema = z.object({
  /** The building's own waste heat (inline source: supermarket, wastewater, building cooling...). */
  source: sourceSchema,
  heatPump: heatPumpSchema.omit({ source: true }).extend({ source: id.optional() }),
  /** Whether surplus heat may be sold into the network. */
  exports: z.boolean().default(true),
});

export const buildingSchema = z.object({
  id,
  name: z.string().optional(),
  use: buildingUse,
  footprint: z.array(point).min(3),
  heightM: positive.max(400),
  floorAreaM2: positive.max(1e6),
  yearBuilt: z.number().int().min(1700).max(2100),
  /** Network node the building's substation connects to; none = not connected (drawn only). */
  node: id.optional(),
  setpointC: finite.min(5).max(30).default(21),
  /** Night setback (K), applied 22-06. */
  nightSetbackK: nonNegative.max(10).default(0),
  /** Domestic hot water use (kWh per m2 of floor area and year); defaults by use. */
  dhwKWhPerM2Year: nonNegative.max(200).optional(),
  prosumer: prosumerSchema.optional(),
});
export type BuildingSpec = z.infer<typeof buildingSchema>;

export const nodeSchema = z.object({
  id,
  x: finite,
  y: finite,
  elevationM: finite.default(0),
  /** Optional: the district (id in `districts`) this node, and the buildings and plants on it, belong to. */
  district: id.optional(),
});

/** A district of the network for accounting: heat its buildings use, heat made inside it, net export over its edge. */
export const districtSchema = z.object({ id, name: z.string() });

export const pipeSchema = z.object({
  id,
  from: id,
  to: id,
  /** Length (m); defaults to the straight distance between the nodes. */
  lengthM: positive.max(1e5).optional(),
  innerDiameterM: finite.min(0.01).max(2),
  roughnessM: finite.min(0).max(0.01).default(1e-4),
  /** Heat loss per metre of one pipe per kelvin above ground (W/(m·K)). Default from the insulation table. */
  heatLossWPerMK: positive.max(10).optional(),
});
export type PipeSpec = z.infer<typeof pipeSchema>;

export const networkSchema = z.object({
  nodes: z.array(nodeSchema).min(2),
  pipes: z.array(pipeSchema).min(1),
  /** Differential pressure held at the worst-placed consumer (Pa). */
  dpSetpointPa: positive.max(2e6).default(100e3),
  /**
   * Thermostatic summer bypass at each substation: when the supply water reaching a building is colder than
   * bypassC, it lets bypassShare of its design flow through to the return, so that the service pipe and the
   * street stay warm in low-load hours (and the network never stagnates into cold water).
   */
  bypassC: celsius.default(60),
  bypassShare: fraction.default(0.05),
  /**
   * Faulty substations (absent: every substation works as designed). In `share` of the substations, picked by
   * the scenario's seed, a short circuit (a leaking valve, a stuck bypass, a fault in the customer's heating
   * system) passes `shortCircuitShare` of the design flow from supply to return at all times, which raises the
   * network's return temperature. Gadd & Werner 2015 (Applied Energy 157) found faults in 74 % of 135
   * substations; Månsson et al. 2019 (Energy 180) name leakages and internal faults as the most common.
   */
  substationFaults: z.object({ share: fraction, shortCircuitShare: finite.min(0).max(0.5) }).optional(),
  /** Highest head the main pump can make (Pa). */
  pumpMaxHeadPa: positive.max(5e6).default(1.2e6),
  pumpEfficiency: finite.min(0.1).max(1).default(0.75),
  /** Static pressure held at the main plant's return (Pa, gauge). */
  staticPressurePa: positive.max(3e6).default(3e5),
  /**
   * The main plant's pressure-holding make-up pumps: they replace water the network loses (a leak) at the
   * return, with water at temperatureC, up to capacityKgS each (server/sim/network/pressureHolding.ts).
   */
  makeUp: z
    .object({ temperatureC: celsius.default(10), capacityKgS: positive.max(1000).default(5) })
    .default({ temperatureC: 10, capacityKgS: 5 }),
  /** The circulation pumps stop when the static pressure at their suction falls below this (Pa, gauge). */
  minSuctionPressurePa: positive.max(3e6).default(0.5e5),
});

export const supplyCurveSchema = z.object({
  /** Outdoor temperature -> supply temperature points, linear between, flat outside. */
  points: z.array(point).min(2),
  minC: celsius.default(65),
  maxC: celsius.default(115),
});

export const electricityPriceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('constant'), eurPerMWh: finite }),
  z.object({
    kind: z.literal('synthetic'),
    /** Annual mean spot price. */
    meanEurPerMWh: finite.default(60),
    /** How much dearer winter is than summer: winter/summer monthly mean = 1 + seasonality. */
    seasonality: nonNegative.max(5).default(0.5),
    volatility: nonNegative.max(3).default(0.35),
  }),
]);

export const pricesSchema = z.object({
  electricity: electricityPriceSchema,
  /** Grid fees and taxes on top of spot (EUR/MWh). */
  electricityNetworkEurPerMWh: nonNegative.default(25),
  fuelEurPerMWh: z
    .object({ gas: nonNegative, oil: nonNegative, woodchips: nonNegative, coal: nonNegative })
    .partial()
    .default({}),
  co2EurPerTonne: nonNegative.default(80),
});

export const emissionsSchema = z.object({
  /** Grid electricity emission factor (Finnish residual mix 179 g/kWh, 2020). */
  electricityGPerKWh: nonNegative.default(179),
  /** Per kWh of fuel (IPCC 2006 Vol. 2 Table 1.4): coal 341, gas 202, oil 267, wood 0 (biogenic). */
  fuelGPerKWh: z
    .object({ gas: nonNegative, oil: nonNegative, woodchips: nonNegative, coal: nonNegative })
    .partial()
    .default({}),
});

export const baselineSchema = z.object({
  name: z.string(),
  /** The heat-only plant the waste-heat city is compared with, delivering the same heat. */
  fuel,
  efficiency: finite.min(0.3).max(1.1),
});

/**
 * The map around the network, drawn only (the simulation never reads it). Bounded so that a file cannot make
 * the server or a browser hold or triangulate more than a map needs: coordinates within MAP_EXTENT_M of the
 * frame's origin, at most MAX_WATER_AREAS polygons of MAX_POLYGON_POINTS points and MAX_PLACES names.
 */
export const MAP_EXTENT_M = 500_000;
export const MAX_WATER_AREAS = 100;
export const MAX_POLYGON_POINTS = 2000;
export const MAX_PLACES = 500;
const mapCoordinate = finite.min(-MAP_EXTENT_M).max(MAP_EXTENT_M);
const mapPoint = z.tuple([mapCoordinate, mapCoordinate]);
const mapName = z.string().min(1).max(80);

/** Sea, lake or river as one polygon (outline, local metres); the land is everything else. */
export const waterSchema = z.object({
  name: mapName.optional(),
  polygon: z
    .array(mapPoint)
    .min(3, 'a water polygon needs at least 3 points')
    .max(MAX_POLYGON_POINTS, `at most ${MAX_POLYGON_POINTS} points per water polygon`),
});
export type WaterSpec = z.infer<typeof waterSchema>;

/** A place name drawn on the map: a district of the network, a town, a sea or lake. */
export const placeSchema = z.object({ name: mapName, kind: z.enum(['district', 'town', 'water']), at: mapPoint });
export type PlaceSpec = z.infer<typeof placeSchema>;

export const scenarioSchema = z.object({
  id,
  name: z.string(),
  description: z.string().default(''),
  /** Assumptions and their sources, written for a reader. */
  assumptions: z.array(z.string()).default([]),
  location: z.object({
    name: z.string(),
    latitudeDeg: finite.min(-90).max(90),
    longitudeDeg: finite.min(-180).max(180),
  }),
  simulation: z.object({
    start: isoDate,
    days: positive.max(3660).default(365),
    stepS: finite.min(0.1).max(3600).default(60),
    seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
    /** The representative period a public session loops over. */
    loop: z.object({ start: isoDate, days: positive.max(366) }).optional(),
  }),
  weather: weatherSchema,
  ground: groundSchema,
  sources: z.array(sourceSchema).default([]),
  buildings: z.array(buildingSchema).min(1),
  network: networkSchema,
  supplyCurve: supplyCurveSchema,
  plants: z.array(plantSchema).min(1),
  prices: pricesSchema,
  emissions: emissionsSchema,
  baseline: baselineSchema,
  /** Optional districts for accounting; network nodes name theirs in `district`. */
  districts: z.array(districtSchema).optional(),
  /** Optional map: water areas (drawn below the land) and place names. */
  water: z.array(waterSchema).max(MAX_WATER_AREAS, `at most ${MAX_WATER_AREAS} water polygons`).optional(),
  places: z.array(placeSchema).max(MAX_PLACES, `at most ${MAX_PLACES} places`).optional(),
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
