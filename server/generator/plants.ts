/**
 * Heat sources, plants and prosumers of a generated city, sized from its design peak and annual demand.
 *
 * Demand estimate (for sizing only; the simulation computes the real one):
 *  - design peak P = 0.85 (diversity) × Σ building design heat at -26 °C (pipeSizing.ts);
 *  - space heat follows degree-days: load = UA·max(0, 17 °C - T_out) with UA = Q_design / (21 - (-26)) K, over a
 *    year of daily means interpolated from the Helsinki-Vantaa monthly means, each day taken at its mean ±4 K to
 *    stand for day-to-day weather (reference, Climate: HDD17 about 4,420 K·d);
 *  - domestic hot water: residential 35, office 5, school 8, shops 5, industry 2 kWh/(m2·a) (Finnish typical
 *    values, as in the building model's defaults), flat over the year;
 *  - network losses 8 % of delivered heat (reference, Network: 7-10 % in Finland), flat over the year.
 * Plants are stacked in merit order on that load-duration curve: a plant of capacity C in base load covers
 * Σ min(load, C_below + C) - Σ min(load, C_below). Targets (the Espoo picture, reference: data-centre heat about
 * 40 % of the district heat of Espoo, Kauniainen and Kirkkonummi):
 *  (a) main plant at the data-centre campus: heat pumps covering 40 % of annual demand (2-4 Lorenz units,
 *      efficiency 0.5, 95 °C max, 3 stages), electric boiler 15 % of P (Nuijala-style), gas peak boilers making the
 *      total firm capacity 1.1·P (at least 35 % of P), a tank of 6 h of mean load between 95 and 45 °C;
 *      the air-cooled data centre's IT load is sized so its heat carries the heat pumps at a design COP of 3
 *      (source heat = Q·(1 - 1/COP)), with 15 % margin;
 *  (b) wastewater heat pumps at the treatment plant: the next 7 % of annual demand; sewage 8-14 °C discharged
 *      at 2 °C (Joensuu, Lahti), mean sewage flow such that at 8 °C it carries the heat pumps at COP 2.8 with 30 %
 *      margin for the night-time flow minimum;
 *  (c) outdoor-air heat pumps (efficiency 0.40 on Carnot-like ideal, down to -15 °C: Fortum Vermo): the next 8 %;
 *  (d) supermarket heat recovery: CO2 condenser 100 W per m2 of shop (150-600 kW), 60 % recoverable, heat pump
 *      at COP about 3.5 (output = recovered × 1.35);
 *  (e) heat node at the office cluster: cooling peak 35 W/m2 of office floor, heat pump 1.2 × that, delivering the
 *      cooling too;
 *  (f) reserve oil boiler 20 % of P.
 * Every heat pump lies within 40 kW..80 MW (the schema's range); big cities get more main-plant units. The electric
 * and the reserve boiler are split into equal units when they exceed the schema's largest boiler (a single unit,
 * with the plain id, below it).
 * Prosumers: two apartment blocks with their own heat pumps (one on a ground-floor shop's refrigeration, one on a
 * mixed-use building's cooling), 150-300 kW: ten times their summer hot-water load, so they export in summer.
 */
import { boilerSchema, type BuildingUse, type ScenarioInput } from '../../shared/scenario/schema';
import { DH_WATER } from '../sim/water';
import { HELSINKI_MONTHLY_MEAN_C } from './climate';
import { round } from './geometry';

type SourceInput = NonNullable<ScenarioInput['sources']>[number];
type PlantInput = ScenarioInput['plants'][number];
type UnitInput = PlantInput['units'][number];
type ProsumerInput = NonNullable<ScenarioInput['buildings'][number]['prosumer']>;

export const DIVERSITY = 0.85;
export const NETWORK_LOSS_SHARE = 0.08;
export const INDOOR_DESIGN_C = 21;
export const HEATING_BASE_C = 17;
export const MAX_HEAT_PUMP_W = 80e6;
export const MIN_HEAT_PUMP_W = 40e3;
/** The largest boiler a scenario may hold (W). */
export const MAX_BOILER_W = boilerSchema.shape.capacityW.maxValue!;

const DHW_KWH_PER_M2_YEAR: Record<BuildingUse, number> = {
  residential: 35,
  office: 5,
  school: 8,
  retail: 5,
  supermarket: 5,
  industrial: 2,
  datacentre: 2,
  plant: 2,
};

export function dhwKWhPerM2Year(use: BuildingUse): number {
  return DHW_KWH_PER_M2_YEAR[use];
}

export interface DemandBuilding {
  use: BuildingUse;
  floorAreaM2: number;
  designHeatW: number;
}

export interface DemandEstimate {
  designPeakW: number;
  annualHeatWh: number;
  meanLoadW: number;
  /** Load samples (W) of equal weight over a year, for merit-order coverage. */
  loadSamplesW: Float64Array;
}

/** Daily mean outdoor temperature (°C), day 0..364, piecewise linear through mid-month means (wrapping). */
export function dailyMeanC(day: number, monthly: ReadonlyArray<number> = HELSINKI_MONTHLY_MEAN_C): number {
  const monthStart = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];
  const mids = monthly.map((_, m) => (monthStart[m] + monthStart[m + 1]) / 2);
  const t = day + 0.5;
  for (let m = 0; m < 12; m++) {
    const m2 = (m + 1) % 12;
    const a = mids[m];
    const b = m2 === 0 ? mids[0] + 365 : mids[m2];
    const tt = t < mids[0] ? t + 365 : t;
    if (tt >= a && tt <= b) return monthly[m] + ((monthly[m2] - monthly[m]) * (tt - a)) / (b - a);
  }
  return monthly[0];
}

const WEATHER_SPREAD_K = [-4, 0, 4];

export function estimateDemand(buildings: ReadonlyArray<DemandBuilding>): DemandEstimate {
  let designSumW = 0;
  let dhwWh = 0;
  for (const b of buildings) {
    designSumW += b.designHeatW;
    dhwWh += DHW_KWH_PER_M2_YEAR[b.use] * b.floorAreaM2 * 1000;
  }
  const uaWPerK = designSumW / (INDOOR_DESIGN_C + 26);
  const dhwW = dhwWh / 8760;
  const samples = new Float64Array(365 * WEATHER_SPREAD_K.length);
  let k = 0;
  let spaceSumW = 0;
  for (let day = 0; day < 365; day++) {
    for (const dT of WEATHER_SPREAD_K) {
      const space = uaWPerK * Math.max(0, HEATING_BASE_C - (dailyMeanC(day) + dT));
      spaceSumW += space;
      samples[k++] = space;
    }
  }
  const lossW = NETWORK_LOSS_SHARE * (spaceSumW / samples.length + dhwW);
  for (let i = 0; i < samples.length; i++) samples[i] += dhwW + lossW;
  let sum = 0;
  for (const s of samples) sum += s;
  const meanLoadW = sum / samples.length;
  return { designPeakW: DIVERSITY * designSumW, annualHeatWh: meanLoadW * 8760, meanLoadW, loadSamplesW: samples };
}

/** Share of annual heat a base-load capacity covers: Σ min(load, C) / Σ load. */
export function coveredShare(loadSamplesW: Float64Array, capacityW: number): number {
  let covered = 0;
  let total = 0;
  for (const l of loadSamplesW) {
    covered += Math.min(l, capacityW);
    total += l;
  }
  return total > 0 ? covered / total : 0;
}

/** Base-load capacity (W) that covers the given share of annual heat (bisection). */
export function capacityForShare(loadSamplesW: Float64Array, share: number): number {
  let lo = 0;
  let hi = Math.max(...loadSamplesW);
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (coveredShare(loadSamplesW, mid) < share) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Rounds a power to 10 kW (to 1 kW below 1 MW) for readable figures. */
function roundW(w: number): number {
  const step = w < 1e6 ? 1e3 : 1e4;
  return Math.round(w / step) * step;
}

function clampHeatPump(w: number): number {
  return Math.min(MAX_HEAT_PUMP_W, Math.max(MIN_HEAT_PUMP_W, roundW(w)));
}

/** Splits a heat pump capacity into `count` equal units (at least minUnits, each within the schema's range). */
function unitCount(totalW: number, minUnits: number, maxUnits: number, preferredUnitW: number): number {
  const n = Math.max(minUnits, Math.min(maxUnits, Math.ceil(totalW / preferredUnitW)));
  return Math.max(n, Math.ceil(totalW / MAX_HEAT_PUMP_W));
}

type BoilerInput = Extract<UnitInput, { kind: 'boiler' }>;

/**
 * A boiler capacity as equal units of at most MAX_BOILER_W: one unit keeps the plain id and name, several are
 * numbered (`id-1`, `name 1`, ...).
 */
export function splitBoiler(unit: BoilerInput): BoilerInput[] {
  const n = Math.ceil(unit.capacityW / MAX_BOILER_W);
  if (n <= 1) return [unit];
  return Array.from({ length: n }, (_, i) => ({
    ...unit,
    id: `${unit.id}-${i + 1}`,
    name: `${unit.name} ${i + 1}`,
    capacityW: Math.min(MAX_BOILER_W, roundW(unit.capacityW / n)),
  }));
}

export interface PlantSites {
  /** Building ids hosting sources. */
  dataCentreHallId: string;
  treatmentHallId: string;
  airPlantBuildingId: string;
  supermarketId: string;
  supermarketFloorAreaM2: number;
  heatNodeOfficeId: string;
  officeClusterFloorAreaM2: number;
  /** Plant node ids, and plant building heights. */
  nodes: Record<PlantKey, string>;
  heightsM: Record<PlantKey, number>;
}

export type PlantKey = 'main' | 'wastewater' | 'air' | 'supermarket' | 'heatNode' | 'reserve';

export interface PlantDesign {
  sources: SourceInput[];
  plants: PlantInput[];
  /** Planned annual shares (merit-order estimate) and capacities, for the description. */
  summary: {
    designPeakW: number;
    annualHeatWh: number;
    meanLoadW: number;
    dataCentreHeatPumpW: number;
    wastewaterHeatPumpW: number;
    airHeatPumpW: number;
    dataCentreShare: number;
    wastewaterShare: number;
    airShare: number;
    storageVolumeM3: number;
    itLoadW: number;
  };
}

const heatPump = (
  id: string,
  name: string,
  source: string,
  capacityW: number,
  extra: Partial<Extract<UnitInput, { kind: 'heatPump' }>> = {},
): UnitInput => ({ id, kind: 'heatPump', name, source, capacityW, copModel: 'lorenz', efficiency: 0.5, maxSinkC: 95, ...extra });

export function designPlants(demand: DemandEstimate, sites: PlantSites): PlantDesign {
  const loads = demand.loadSamplesW;
  const P = demand.designPeakW;
  const dcW = roundW(capacityForShare(loads, 0.4));
  const wwW = roundW(capacityForShare(loads, 0.47) - dcW);
  const airW = roundW(capacityForShare(loads, 0.55) - dcW - wwW);
  const electricW = roundW(0.15 * P);
  const gasW = roundW(Math.max(0.35 * P, 1.1 * P - dcW - wwW - airW - electricW));
  const reserveW = roundW(0.2 * P);
  const itLoadW = roundW(dcW * (1 - 1 / 3) * 1.15);
  const deltaTK = 95 - 45;
  const storageVolumeM3 = round((6 * 3600 * demand.meanLoadW) / (DH_WATER.densityKgM3 * DH_WATER.cpJPerKgK * deltaTK), 0);
  // Upright cylinder, height twice the diameter: A = 2.5·π·D²; insulated shell U about 0.25 W/(m2·K).
  const tankDiameterM = Math.cbrt((2 * storageVolumeM3) / Math.PI);
  const tankLossWPerK = round(0.25 * 2.5 * Math.PI * tankDiameterM * tankDiameterM, 1);
  const wwMeanFlowKgS = round(((wwW * (1 - 1 / 2.8)) / (DH_WATER.cpJPerKgK * (8 - 2))) * 1.3, 1);
  const condenserW = roundW(Math.min(600e3, Math.max(150e3, 100 * sites.supermarketFloorAreaM2)));
  const peakCoolingW = roundW(Math.max(200e3, 35 * sites.officeClusterFloorAreaM2));

  const sources: SourceInput[] = [
    { id: 'dc-campus', kind: 'datacentre', name: 'Data-centre campus (air-cooled)', buildingId: sites.dataCentreHallId, itLoadW, coolingType: 'air' },
    { id: 'wwtp-sewage', kind: 'wastewater', name: 'Treated sewage at the treatment plant', buildingId: sites.treatmentHallId, meanFlowKgS: wwMeanFlowKgS, minC: 8, maxC: 14, dischargeC: 2 },
    { id: 'outdoor-air', kind: 'outdoorAir', name: 'Outdoor air', buildingId: sites.airPlantBuildingId },
    { id: 'supermarket-refrigeration', kind: 'supermarket', name: 'Supermarket CO2 refrigeration', buildingId: sites.supermarketId, condenserW, recoverableShare: 0.6 },
    { id: 'office-cooling', kind: 'buildingCooling', name: 'Office cluster cooling', buildingId: sites.heatNodeOfficeId, peakCoolingW, returnC: 16 },
  ];

  const dcUnits = unitCount(dcW, 2, 4, 20e6);
  const wwUnits = unitCount(wwW, 1, 3, 10e6);
  const airUnits = unitCount(airW, 1, 4, 10e6);
  const units = (prefix: string, name: string, source: string, totalW: number, n: number, extra: Parameters<typeof heatPump>[4]) =>
    Array.from({ length: n }, (_, i) => heatPump(`${prefix}-${i + 1}`, `${name} ${i + 1}`, source, clampHeatPump(totalW / n), extra));

  const gasUnits = Math.max(2, Math.ceil(gasW / 100e6));
  const plants: PlantInput[] = [
    {
      id: 'main',
      name: 'Data-centre heat recovery plant',
      node: sites.nodes.main,
      main: true,
      heightM: sites.heightsM.main,
      units: [
        ...units('dc-hp', 'Data-centre heat pump', 'dc-campus', dcW, dcUnits, { stages: 3, sourceGlideK: 5, maxLiftK: 80 }),
        ...splitBoiler({ id: 'eboiler', kind: 'boiler', name: 'Electric boiler', fuel: 'electric', capacityW: electricW, efficiency: 0.99, rampPerS: 1 / 30 }),
        ...Array.from({ length: gasUnits }, (_, i): UnitInput => ({
          id: `gas-${i + 1}`,
          kind: 'boiler',
          name: `Gas peak boiler ${i + 1}`,
          fuel: 'gas',
          capacityW: roundW(gasW / gasUnits),
          efficiency: 0.92,
        })),
        {
          id: 'tank',
          kind: 'storage',
          name: 'Heat storage tank',
          type: 'tank',
          volumeM3: storageVolumeM3,
          maxChargeW: roundW(Math.max(dcW, demand.meanLoadW)),
          maxDischargeW: roundW(Math.max(dcW, demand.meanLoadW)),
          lossWPerK: tankLossWPerK,
          coldC: 45,
        },
      ],
    },
    {
      id: 'wastewater',
      name: 'Wastewater heat pump plant',
      node: sites.nodes.wastewater,
      heightM: sites.heightsM.wastewater,
      units: units('ww-hp', 'Wastewater heat pump', 'wwtp-sewage', wwW, wwUnits, { maxSinkC: 90, maxLiftK: 90, sourceGlideK: 6, stages: 2 }),
    },
    {
      id: 'air',
      name: 'Outdoor-air heat pump plant',
      node: sites.nodes.air,
      heightM: sites.heightsM.air,
      units: units('air-hp', 'Air-to-water heat pump', 'outdoor-air', airW, airUnits, {
        efficiency: 0.4,
        minSourceC: -15,
        maxLiftK: 115,
        sourceGlideK: 0,
        stages: 2,
      }),
    },
    {
      id: 'supermarket',
      name: 'Supermarket heat recovery',
      node: sites.nodes.supermarket,
      heightM: sites.heightsM.supermarket,
      units: [heatPump('sm-hp', 'Supermarket heat recovery heat pump', 'supermarket-refrigeration', clampHeatPump(condenserW * 0.6 * 1.35), { maxSinkC: 85 })],
    },
    {
      id: 'heat-node',
      name: 'Office cluster heat node',
      node: sites.nodes.heatNode,
      heightM: sites.heightsM.heatNode,
      units: [heatPump('hn-hp', 'Heat-node heat pump (heating and cooling)', 'office-cooling', clampHeatPump(1.2 * peakCoolingW), { maxSinkC: 85, deliversCooling: true, stages: 2 })],
    },
    {
      id: 'reserve',
      name: 'Reserve oil boiler plant',
      node: sites.nodes.reserve,
      heightM: sites.heightsM.reserve,
      units: splitBoiler({ id: 'oil-reserve', kind: 'boiler', name: 'Reserve oil boiler', fuel: 'oil', capacityW: reserveW, efficiency: 0.9, reserve: true }),
    },
  ];

  const dcShare = coveredShare(loads, dcW);
  const wwShare = coveredShare(loads, dcW + wwW) - dcShare;
  const airShare = coveredShare(loads, dcW + wwW + airW) - dcShare - wwShare;
  return {
    sources,
    plants,
    summary: {
      designPeakW: P,
      annualHeatWh: demand.annualHeatWh,
      meanLoadW: demand.meanLoadW,
      dataCentreHeatPumpW: dcW,
      wastewaterHeatPumpW: wwW,
      airHeatPumpW: airW,
      dataCentreShare: dcShare,
      wastewaterShare: wwShare,
      airShare,
      storageVolumeM3,
      itLoadW,
    },
  };
}

/** Mean summer heat need of a building (W): hot water only (no space heating in July). */
export function summerDemandW(use: BuildingUse, floorAreaM2: number): number {
  return (DHW_KWH_PER_M2_YEAR[use] * floorAreaM2 * 1000) / 8760;
}

/** The two prosumer set-ups: a shop's refrigeration, and a mixed-use building's cooling. */
export function prosumerSpec(buildingId: string, variant: 0 | 1, floorAreaM2: number): ProsumerInput {
  // Ten times the summer hot-water load, kept within 150-300 kW.
  const hpW = Math.min(300e3, Math.max(150e3, roundW(10 * summerDemandW('residential', floorAreaM2))));
  if (variant === 0) {
    return {
      source: { id: `${buildingId}-refrigeration`, kind: 'supermarket', name: 'Ground-floor shop refrigeration', buildingId, condenserW: roundW(hpW / (0.6 * 1.35)), recoverableShare: 0.6 },
      heatPump: { id: `${buildingId}-hp`, kind: 'heatPump', name: 'Prosumer heat pump', capacityW: hpW, copModel: 'lorenz', efficiency: 0.5, maxSinkC: 85 },
      exports: true,
    };
  }
  return {
    source: { id: `${buildingId}-cooling`, kind: 'buildingCooling', name: 'Mixed-use building cooling', buildingId, peakCoolingW: roundW(hpW / 1.2), returnC: 16 },
    heatPump: { id: `${buildingId}-hp`, kind: 'heatPump', name: 'Prosumer heat pump', capacityW: hpW, copModel: 'lorenz', efficiency: 0.5, maxSinkC: 85, deliversCooling: true },
    exports: true,
  };
}
